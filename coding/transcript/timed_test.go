package transcript

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// readReal reads a file of testdata/formats/real/ as the import does: by its name and content.
func readReal(t *testing.T, name string, opt Options) *coding.Document {
	t.Helper()
	doc, err := Read(name, []byte(readFormatFixture(t, "real/"+name)), opt)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// hms is a time of a recording (or of day) written h, m, s.
func hms(h, m int, s float64) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + sec(s)
}

func timedTurn(speaker, label, text string, start, end time.Duration, line int) coding.Item {
	return coding.Item{Kind: coding.KindTurn, Speaker: speaker, Label: label, Text: text, Start: start, End: end, Timed: true, Line: line}
}

func noWarnings(t *testing.T, doc *coding.Document) {
	t.Helper()
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings = %+v", doc.Warnings)
	}
}

// A real "Save transcript" file of a Zoom meeting: "[Name] hh:mm:ss" over the words, a new entry
// at every pause. The times are Zoom's, the time of day; each turn ends where the next starts.
func TestReadZoomSavedTranscript(t *testing.T) {
	doc := readReal(t, "zoom-saved-transcript.txt", Options{})
	if doc.Format != "zoom" {
		t.Fatalf("format = %q, want zoom", doc.Format)
	}
	noWarnings(t, doc)
	j, d := "Johnny Doe", "Janet Dough"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(j, j, "How you doing?", hms(11, 2, 9), hms(11, 2, 9), 1),
		timedTurn(d, d, "Hey, I'm Janet, how are you?", hms(11, 2, 9), hms(11, 2, 11), 4),
		timedTurn(j, j, "I'm okay. Can you hear me?", hms(11, 2, 11), hms(11, 2, 13), 7),
		timedTurn(d, d, "Yeah, and I did an… I hope it's okay I enable the transcript, just because, um, I'm gonna use this for an article, so sometimes I pull quotes, or…", hms(11, 2, 13), hms(11, 2, 14), 10),
		// Two entries of Johnny's in a row are one turn.
		timedTurn(j, j, "Making sure. Okay. That's perfectly fine, and that makes sense.", hms(11, 2, 14), hms(11, 2, 24), 13),
		timedTurn(d, d, "You need the resource, um… Yeah, so, uh, nice to meet you. I think we've met in another meeting, but…", hms(11, 2, 24), hms(11, 2, 32), 19),
		timedTurn(j, j, "Yeah, I think so. But I mean, you know, it's nice to actually meet you and not just be like, Oh, you're a human that exists.", hms(11, 2, 32), hms(11, 2, 41), 25),
		// The last turn: nothing follows, so it ends at its last entry's time.
		timedTurn(d, d, "Yeah, I'm… I mean, I'm… I'm about 4 months in, and that's still quite a bit to, like, wrap my head around, and…", hms(11, 2, 41), hms(11, 2, 44), 31),
	})
}

// An Otter.ai export (a reproduction of a podcast's): "Name  m:ss  " with trailing spaces,
// "Unknown Speaker", a sentence cut where Otter changed speakers, two entries of one speaker in
// a row, times past an hour, and Otter's line at the end, kept as a note.
func TestReadOtterPodcast(t *testing.T) {
	doc := readReal(t, "otter-podcast.txt", Options{})
	if doc.Format != "otter" {
		t.Fatalf("format = %q, want otter", doc.Format)
	}
	noWarnings(t, doc)
	u := "Unknown Speaker"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Alex", "Alex", "Community gardens are popping up on empty lots all over the city, but who actually keeps them going? In this episode we talk with Sam, who has run the Eastside plot for nine years. Let's get started.", 0, sec(31), 1),
		timedTurn("Jordan", "Jordan", "Welcome to Dig In, the neighbourhood podcast.", sec(31), sec(33), 4),
		timedTurn(u, u, "I'm Jordan. I'm Priya.", sec(33), sec(36), 7),
		timedTurn("Alex", "Alex", "And I'm Alex. So welcome, Sam. We're really glad you could make it between the spring planting and the rain. How are you doing", sec(36), sec(48), 10),
		timedTurn("Sam", "Sam", "today? Honestly, a bit muddy. But good, thanks for having me.", sec(48), sec(53), 13),
		timedTurn("Alex", "Alex", "Tell us how the Eastside plot started.", sec(53), sec(57), 16),
		timedTurn("Sam", "Sam", "It started with a fence and a petition. The lot had been empty for, I think, eleven years, and a few of us on the block wrote to the council. They said no twice before they said yes.", sec(57), hms(0, 1, 14), 19),
		timedTurn(u, u, "Twice?", hms(0, 1, 14), hms(0, 1, 15), 25),
		timedTurn("Sam", "Sam", "Twice. The third letter had ninety signatures on it.", hms(0, 1, 15), hms(0, 12, 29), 28),
		timedTurn("Priya", "Priya", "What was the hardest part of the first year?", hms(0, 12, 29), hms(0, 12, 31), 31),
		timedTurn(u, u, "Water. Water, definitely. We carried it in buckets from the church until the city put in a tap.", hms(0, 12, 31), hms(1, 2, 15), 34),
		timedTurn("Alex", "Alex", "Sam, thank you so much for coming on. Where can people find the garden?", hms(1, 2, 15), hms(1, 2, 21), 40),
		timedTurn("Sam", "Sam", "Corner of Fifth and Maple. Come on a Saturday, there's always coffee.", hms(1, 2, 21), hms(1, 2, 21), 43),
		{Kind: coding.KindNote, Text: "Transcribed by https://otter.ai", Line: 46},
	})
}

// Otter's "Speaker 1  0:03" when speakers are not named, with a blank line under a header and
// a turn of two lines.
func TestReadOtterSpeakerNumbers(t *testing.T) {
	doc := readReal(t, "otter-speaker-numbers.txt", Options{})
	if doc.Format != "otter" {
		t.Fatalf("format = %q, want otter", doc.Format)
	}
	noWarnings(t, doc)
	s1, s2 := "Speaker 1", "Speaker 2"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(s1, s1, "So tell me about your mornings before the move.", sec(3), sec(9), 1),
		timedTurn(s2, s2, "Well, it starts with coffee. Usually two cups, before anyone else is up.", sec(9), sec(17), 4),
		timedTurn(s1, s1, "And after the move?", sec(17), sec(19), 9),
		timedTurn(s2, s2, "After the move the bus leaves at six, so there is no time for the second cup. I miss it more than I thought I would.", sec(19), hms(0, 59, 58), 12),
		timedTurn(s1, s1, "We're almost at the hour. Anything you want to add?", hms(0, 59, 58), hms(1, 0, 4), 18),
		timedTurn(s2, s2, "Only that the new flat is warmer. That part is better.", hms(1, 0, 4), hms(1, 0, 4), 21),
	})
}

// A real Rev transcript of a legislative hearing: "Speaker 1 (00:03:18):" over the words, and
// a blank line under the second header.
func TestReadRevHearing(t *testing.T) {
	doc := readReal(t, "rev-hearing.txt", Options{})
	if doc.Format != "rev" {
		t.Fatalf("format = %q, want rev", doc.Format)
	}
	noWarnings(t, doc)
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Speaker 1", "Speaker 1", "Live. We're live. Good morning. Welcome to Education Committee member. We have a lot of strange faces in our audience today, which is wonderful. We don't see them in here very often, but we'll start with role please.", hms(0, 3, 18), hms(0, 3, 32), 1),
		timedTurn("Speaker 2", "Speaker 2", "Chairman Heinert. Is Adam meeting right? Correct. Vice Chairman Schreiber. Back here. Representatives Dyke. Here. Hulk? Here. Heman. Here. Hoverson. Jonas? Here. Longmire. Here. Marshall. Here. Murphy? Here. Novak. Timmons. Kami. Here. Hager here.", hms(0, 3, 32), hms(0, 3, 32), 4),
	})
}

// rev.com's published transcripts: "Name: (mm:ss)" over the words.
func TestReadRevForum(t *testing.T) {
	doc := readReal(t, "rev-forum.txt", Options{})
	if doc.Format != "rev" {
		t.Fatalf("format = %q, want rev", doc.Format)
	}
	noWarnings(t, doc)
	m, a := "Moderator", "Councillor Ana Reyes"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(m, m, "Good evening and welcome to the public forum on the new tram line. We'll begin with a short statement from the councillor and then take questions from the floor.", 0, sec(14), 1),
		timedTurn(a, a, "Thank you. The line will run from the station to the hospital, with nine stops. Construction starts in March and should take two years.", sec(14), sec(31), 4),
		timedTurn(m, m, "First question, please.", sec(31), sec(35), 7),
		timedTurn("Resident", "Resident", "What happens to the parking on Mill Street during the works?", sec(35), sec(41), 10),
		timedTurn(a, a, "Mill Street keeps one side of its parking for the whole time. The other side comes back when the rails are down. We will post the dates on the city's website a month ahead.", sec(41), hms(0, 1, 3), 13),
		timedTurn(m, m, "Thank you. Next question.", hms(0, 1, 3), hms(0, 1, 3), 19),
	})
}

// Rev with the words on the header's line, and full-width brackets.
func TestReadRevSameLine(t *testing.T) {
	doc, err := Read("call.txt", []byte("Speaker 1 (00:01): Hello, is this the union office?\nSpeaker 2 (00:04): Yes.\nIt is.\n主持人（01:02:03）：请讲。\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "rev" {
		t.Fatalf("format = %q, want rev", doc.Format)
	}
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Speaker 1", "Speaker 1", "Hello, is this the union office?", sec(1), sec(4), 1),
		timedTurn("Speaker 2", "Speaker 2", "Yes. It is.", sec(4), hms(1, 2, 3), 2),
		timedTurn("主持人", "主持人", "请讲。", hms(1, 2, 3), hms(1, 2, 3), 4),
	})
}

// Zoom names: suffixes, "Last, First", full-width letters (normalised as everywhere), long
// names, and a 12-hour clock.
func TestReadZoomNames(t *testing.T) {
	text := "[Ashlee Kupor (SL)] 10:00:01\nGood morning.\n\n[Doe, John (he/him)] 10:00:05\nMorning.\n\n" +
		"[ＣＬＢ] 10:00:09\n喂？\n\n[Maria Fernanda Gonzalez de la Rosa] 2:05:09 PM\nHola.\n"
	doc, err := Read("meeting_saved_closed_caption.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "zoom" {
		t.Fatalf("format = %q, want zoom", doc.Format)
	}
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Ashlee Kupor (SL)", "Ashlee Kupor (SL)", "Good morning.", hms(10, 0, 1), hms(10, 0, 5), 1),
		timedTurn("Doe, John (he/him)", "Doe, John (he/him)", "Morning.", hms(10, 0, 5), hms(10, 0, 9), 4),
		timedTurn("CLB", "ＣＬＢ", "喂？", hms(10, 0, 9), hms(14, 5, 9), 7),
		timedTurn("Maria Fernanda Gonzalez de la Rosa", "Maria Fernanda Gonzalez de la Rosa", "Hola.", hms(14, 5, 9), hms(14, 5, 9), 10),
	})
}

// --format names a timed format: a file that reads as prose by itself is read as asked.
func TestTimedFormatByName(t *testing.T) {
	text := "Interview with the shop steward\n\nAnn  0:00\nShall we start?\n"
	doc, err := Read("x.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "prose" {
		t.Fatalf("detected format = %q, want prose (one header is not enough to tell)", doc.Format)
	}
	doc, err = Read("x.txt", []byte(text), Options{Format: "OTTER"})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, doc.Items, []coding.Item{
		{Kind: coding.KindNote, Text: "Interview with the shop steward", Line: 1},
		timedTurn("Ann", "Ann", "Shall we start?", 0, 0, 3),
	})
	want := []coding.Warning{{Line: 1, Message: "text before the first speaker header; kept as a note"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings = %+v, want %+v", doc.Warnings, want)
	}
}

// Lines before the first header (a title, a block of details) are kept as notes, one a block,
// with one warning.
func TestTimedTextBeforeFirstHeader(t *testing.T) {
	text := "Union meeting, 12 March\nTranscription details:\nInput sound file: meeting.mp3\n\nTranscription results:\n\n" +
		"Speaker 1 (00:00):\nWelcome.\n\nSpeaker 2 (00:04):\nThanks.\n"
	doc, err := Read("meeting.txt", []byte(text), Options{Format: "rev"})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, doc.Items, []coding.Item{
		{Kind: coding.KindNote, Text: "Union meeting, 12 March Transcription details: Input sound file: meeting.mp3", Line: 1},
		{Kind: coding.KindNote, Text: "Transcription results:", Line: 5},
		timedTurn("Speaker 1", "Speaker 1", "Welcome.", 0, sec(4), 7),
		timedTurn("Speaker 2", "Speaker 2", "Thanks.", sec(4), sec(4), 10),
	})
	want := []coding.Warning{{Line: 1, Message: "text before the first speaker header; kept as a note"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings = %+v, want %+v", doc.Warnings, want)
	}
}

// A header whose time cannot be a time is refused in one sentence naming its line.
func TestTimedMalformedTime(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"zoom.txt", "[Ann] 10:00:01\nHi.\n\n[Bo] 10:61:00\nHello.\n", `line 4: "10:61:00" is not a time (use seconds such as 12.5, or mm:ss or hh:mm:ss with optional ,mmm)`},
		{"otter.txt", "Ann  0:01\nHi.\n\nBo  0:75\nHello.\n\nAnn  0:09\nBye.\n", `line 4: "0:75" is not a time (use seconds such as 12.5, or mm:ss or hh:mm:ss with optional ,mmm)`},
		{"rev.txt", "Ann (00:01): Hi.\nBo (00:99): Hello.\nAnn (00:09): Bye.\n", `line 2: "00:99" is not a time (use seconds such as 12.5, or mm:ss or hh:mm:ss with optional ,mmm)`},
		{"zoom12.txt", "[Ann] 10:00:01\nHi.\n\n[Bo] 13:00:00 PM\nHello.\n", `line 4: "13:00:00 PM" is not a time of a 12-hour clock`},
	} {
		_, err := Read(c.name, []byte(c.text), Options{})
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

// An entry with no words is named in a warning, and the entries around it of one speaker are
// still one turn; times that go backwards are kept, with a warning, and the turn before them
// ends where it starts.
func TestTimedEmptyAndBackwards(t *testing.T) {
	text := "[Ann] 10:00:01\nHi.\n\n[Bo] 10:00:03\n\n[Ann] 10:00:04\nStill me.\n\n[Bo] 09:59:00\nBack in time.\n"
	doc, err := Read("z.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Ann", "Ann", "Hi. Still me.", hms(10, 0, 1), hms(10, 0, 4), 1),
		timedTurn("Bo", "Bo", "Back in time.", hms(9, 59, 0), hms(9, 59, 0), 9),
	})
	want := []coding.Warning{
		{Line: 9, Message: "the time 9:59:00 is before the time of the entry above it (10:00:04); the times are kept as written"},
		{Line: 4, Message: "Bo at 10:00:03 has no words; nothing was read from it"},
	}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings = %+v, want %+v", doc.Warnings, want)
	}
}

// Detection takes a timed format only when its headers are many and outnumber plain
// "Name: text" lines: transcripts in turns, and prose that mentions times, read as before.
func TestSniffTimedKeepsOtherFormats(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// Turns with two Rev-like lines among many plain labels.
		{"A: Hello.\nB: Hi.\nA (00:01): How are you?\nB: Fine.\nA: Good.\nB (00:09): And you?\nA: Fine too.\n", "turns"},
		// Prose with a time after two spaces on a few lines.
		{"The meeting opened at  9:30\nMinutes were read and approved without comment by the members present.\nThe treasurer reported a small surplus for the year, which was welcomed.\nA vote was taken on the motion and it passed with a clear majority.\nIt closed at  11:15\n", "prose"},
		// Numbered notes in brackets are not diarised segments.
		{"[1.5] See the appendix.\n[2.5] See the second appendix.\n[3.5] See the third.\n", "prose"},
		// A bracketed time and words a speaker could be ("Unknown to me, …") stay words.
		{"[00:00.000 --> 00:04.000]  Unknown to me, the shop had closed.\n[00:04.000 --> 00:07.000]  So I walked on.\n", "diarised"},
	} {
		if got := sniffText(c.text); got != c.want {
			t.Errorf("sniffText(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	// Whisper's own lines: no speakers, so each is a paragraph; a sound it heard is a note.
	doc, err := Read("w.txt", []byte("[00:00.000 --> 00:04.000]  Unknown to me, the shop had closed.\n[00:04.000 --> 00:07.000]  So I walked on.\n[00:07.000 --> 00:09.500]  [Music]\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("", "", "Unknown to me, the shop had closed.", 0, sec(4), 1),
		timedTurn("", "", "So I walked on.", sec(4), sec(7), 2),
		{Kind: coding.KindNote, Text: "[Music]", Start: sec(7), End: sec(9.5), Timed: true, Line: 3},
	})
}

// Rev and Otter export DOCX too: its paragraphs are read in the timed format they show, or in
// the one named.
func TestTimedDOCX(t *testing.T) {
	para := func(s string) string { return "<w:p><w:r><w:t xml:space=\"preserve\">" + s + "</w:t></w:r></w:p>" }
	data := buildDOCX(t, para("Speaker 1 (00:00:56):")+para("We are here about the night shift.")+para("")+
		para("Speaker 2 (00:01:04):")+para("Go on."))
	doc, err := Read("hearing.docx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "rev" {
		t.Fatalf("format = %q, want rev", doc.Format)
	}
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Speaker 1", "Speaker 1", "We are here about the night shift.", sec(56), sec(64), 1),
		timedTurn("Speaker 2", "Speaker 2", "Go on.", sec(64), sec(64), 4),
	})

	data = buildDOCX(t, para("A title")+para("Ann  0:01")+para("Hello."))
	doc, err = Read("otter.docx", data, Options{Format: "otter"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "otter" || doc.Turns() != 1 || doc.Items[1].Text != "Hello." || doc.Items[1].Start != sec(1) {
		t.Errorf("otter DOCX read as %q: %+v", doc.Format, doc.Items)
	}
}

// Every format name is accepted by --format and listed in the error for an unknown one.
func TestTimedFormatsListed(t *testing.T) {
	for _, f := range []string{"zoom", "otter", "rev", "diarised", "whisper-json"} {
		if !known(f) {
			t.Errorf("%s is not in Formats", f)
		}
	}
	_, err := Read("x.txt", []byte("x"), Options{Format: "otter.ai"})
	if err == nil || !strings.Contains(err.Error(), "zoom, otter, rev, diarised, whisper-json") {
		t.Errorf("err = %v", err)
	}
}

func FuzzReadTimedText(f *testing.F) {
	for _, name := range []string{"zoom-saved-transcript.txt", "otter-podcast.txt", "rev-hearing.txt", "rev-forum.txt", "diarised-pyannote-whisper.txt", "diarised-next-line.txt", "whisperx.txt"} {
		f.Add(readFormatFixture(f, "real/"+name))
	}
	f.Add("[Ann] 2:05:09 PM\nHi…\n[Bo] 10:61:00\n\nAnn  0:01\n主持人（01:02:03）：请讲。\n[1.0 - 2.0] None  x\n")
	f.Fuzz(func(t *testing.T, text string) {
		for format := range timedFormats {
			items, _, err := readTimedText(format, text)
			if err != nil {
				if strings.ContainsAny(err.Error(), "\r\n") {
					t.Errorf("%s: error of more than one line: %q", format, err)
				}
				continue
			}
			for _, it := range items {
				if strings.TrimSpace(it.Text) == "" || it.End < it.Start || it.Start < 0 || it.Kind == coding.KindTurn && it.Speaker != coding.NormalizeLabel(it.Speaker) {
					t.Errorf("%s: bad item %+v", format, it)
				}
			}
		}
		_ = sniffTimed(splitLines(text))
	})
}
