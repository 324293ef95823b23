package transcript

import (
	"strings"
	"testing"
)

// The one rule of speaker labels (issue 15, patterns 2 and 3), on labels as real files write
// them: Zoom's and Teams' suffixes, English names, slashes; and the times, dates and titles
// that must never become speakers.
func TestSpeakerLabel(t *testing.T) {
	for _, c := range []struct {
		line  string
		inCue bool
		label string // "" = not a label
	}{
		// Zoom: "Name (SL):" for a sign-language interpreter, "(Host)", pronouns.
		{"Ashlee Kupor (SL): Thank you all for coming.", false, "Ashlee Kupor (SL)"},
		{"Jane Doe (Host): Welcome back.", false, "Jane Doe (Host)"},
		{"Sam Lee (she/her): Thanks.", false, "Sam Lee (she/her)"},
		{"Conan O'Brien: Yes.", false, "Conan O'Brien"},
		{"Mary-Jane Watson: No.", false, "Mary-Jane Watson"},
		{"Priya D’Souza: Okay.", false, "Priya D’Souza"},
		{"Interviewer/Moderator: Next question.", false, "Interviewer/Moderator"},
		{"联通 114 电话导航：你好", false, "联通 114 电话导航"},
		{"Speaker 2: hi", false, "Speaker 2"},
		{"Dr. Smith: Good morning.", false, "Dr. Smith"},
		{"[SPEAKER_00]: hello", true, "SPEAKER_00"},
		{"主席：請坐。", false, "主席"},
		{"何俊仁議員：主席，我想問", false, "何俊仁議員"},
		// Times and dates.
		{"12-May-2023 - 10:36 - 1h09m31s – Ana", false, ""},
		{"2021-10-30T08:45:00Z Welcome", false, ""},
		{"10:36 hello", false, ""},
		{"We met at 10:30 on Monday", false, ""},
		{"Recorded 30.10.2021: part one", false, ""},
		{"Meeting of May 12 2023: minutes", false, ""},
		{"2019年3月24日：下午", false, ""},
		{"Session 1:30", false, ""},
		// Not names.
		{"他说（笑）：好", true, ""},
		{"'Quoted': text", false, ""},
		{"See https://example.org", false, ""},
		{"This is a sentence that has: a colon", false, ""},
		{"s'énonce ainsi:", true, ""},
		{"La règle s'énonce ainsi: x", false, ""},
		{"Roberto D'Angelo: sì", false, "Roberto D'Angelo"},
	} {
		_, label, _, ok := speakerLabel(c.line, c.inCue)
		if !ok {
			label = ""
		}
		if label != c.label {
			t.Errorf("%q: label %q, want %q", c.line, label, c.label)
		}
	}
}

// A plain-text transcript as Zoom's and Teams' exports and English interviews write it: labels
// with suffixes, apostrophes, hyphens and slashes are speakers; a recording header of dates
// and times and an episode title before the talk are not (issue 15, patterns 2 and 3).
func TestParseTurnsRealWorldLabels(t *testing.T) {
	text := "Podcasting Basics: 10 Tips\n" +
		"12-May-2023 - 10:36 - 1h09m31s – Ana\n" +
		"Ashlee Kupor (SL): Thanks everyone for joining.\n" +
		"Conan O'Brien: Happy to be here.\n" +
		"Mary-Jane Watson (she/her): Me too.\n" +
		"Interviewer/Moderator: Let's begin at 10:30 sharp.\n" +
		"Ashlee Kupor (SL): Great.\n" +
		"Conan O'Brien: Go on.\n"
	items, warns := ParseTurns(text)
	var got []string
	for _, it := range items {
		got = append(got, it.Kind.String()+"|"+it.Speaker)
	}
	want := "note|,turn|Ashlee Kupor (SL),turn|Conan O'Brien,turn|Mary-Jane Watson (she/her),turn|Interviewer/Moderator,turn|Ashlee Kupor (SL),turn|Conan O'Brien"
	if strings.Join(got, ",") != want {
		t.Errorf("items %s\nwant  %s", strings.Join(got, ","), want)
	}
	// The title's line and the recording's header under it are one note.
	if items[0].Text != "Podcasting Basics: 10 Tips 12-May-2023 - 10:36 - 1h09m31s – Ana" {
		t.Errorf("the title and header read %q", items[0].Text)
	}
	if items[4].Text != "Let's begin at 10:30 sharp." {
		t.Errorf("a time inside a turn: %q", items[5].Text)
	}
	title := false
	for _, w := range warns {
		if w.Line == 1 && strings.Contains(w.Message, "read as a title") {
			title = true
		}
	}
	if !title {
		t.Errorf("no warning says the first line is read as a title: %+v", warns)
	}
}
