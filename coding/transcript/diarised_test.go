package transcript

import (
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// pyannote-whisper's output (a reproduction): "start end SPEAKER_NN  words", with "None" where
// pyannote found no speaker; one speaker's lines in a row are one turn.
func TestReadDiarisedPyannoteWhisper(t *testing.T) {
	doc := readReal(t, "diarised-pyannote-whisper.txt", Options{})
	if doc.Format != "diarised" {
		t.Fatalf("format = %q, want diarised", doc.Format)
	}
	noWarnings(t, doc)
	s0, s1, s2 := "SPEAKER_00", "SPEAKER_01", "SPEAKER_02"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(s0, s0, "I think the first thing a new manager should do is listen before changing anything. Spend a month on the floor, learn how the work is actually done. Then you can separate what is broken from what is only unfamiliar.", 0, sec(15.24), 1),
		timedTurn(s1, s1, "I would add one thing. Write down every promise you make in that first month, because people will remember them.", sec(15.24), sec(27.48), 4),
		timedTurn("", "", "Thank you both.", sec(27.48), sec(30.02), 6),
		timedTurn(s2, s2, "For me it's about trust, and trust is built in small things, answering emails, being on time.", sec(30.02), sec(38.70), 7),
		timedTurn(s0, s0, "Agreed, the small things are the big things.", sec(38.70), sec(44.16), 8),
	})
}

// "[start --> end] [Speaker]" over the words, as scripts around WhisperX write it.
func TestReadDiarisedNextLine(t *testing.T) {
	doc := readReal(t, "diarised-next-line.txt", Options{})
	if doc.Format != "diarised" {
		t.Fatalf("format = %q, want diarised", doc.Format)
	}
	noWarnings(t, doc)
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("Unknown", "[Unknown]", "Good morning, this is the front desk. Hi, I'm calling about the room I booked for Friday.", sec(0.412), sec(9.002), 1),
		timedTurn("SPEAKER_01", "[SPEAKER_01]", "Can I have the name on the booking? And the date of arrival, please.", sec(9.540), sec(13.877), 7),
		timedTurn("SPEAKER_00", "[SPEAKER_00]", "It's Okafor, O-K-A-F-O-R, arriving Friday the ninth.", sec(14.455), sec(18.030), 13),
	})
}

// WhisperX's own text output: "[SPEAKER_00]: words", without times.
func TestReadWhisperXText(t *testing.T) {
	doc := readReal(t, "whisperx.txt", Options{})
	if doc.Format != "diarised" {
		t.Fatalf("format = %q, want diarised", doc.Format)
	}
	noWarnings(t, doc)
	untimed := func(s, text string, line int) coding.Item {
		return coding.Item{Kind: coding.KindTurn, Speaker: s, Label: "[" + s + "]", Text: text, Line: line}
	}
	sameItems(t, doc.Items, []coding.Item{
		untimed("SPEAKER_00", "Thanks for agreeing to talk about the strike.", 1),
		untimed("SPEAKER_01", "Of course. It lasted eleven days. Most of us had never been on strike before.", 2),
		untimed("SPEAKER_00", "What made people walk out?", 4),
		untimed("SPEAKER_01", "The pay had not changed in four years, and then they cut the night bonus.", 5),
	})
}

// Each shape of a diarised line found in the wild, and lines that are not entries.
func TestDiarisedLine(t *testing.T) {
	type want struct {
		label, speaker, text string
		start, end           time.Duration
		hasEnd               bool
	}
	for _, c := range []struct {
		line string
		want *want
	}{
		{"[0.00 - 5.12] SPEAKER_00 - So tell me about the job.", &want{"SPEAKER_00", "SPEAKER_00", "So tell me about the job.", 0, sec(5.12), true}},
		{"[00:00 - 00:04] SPEAKER_00: 大家好欢迎来到今天的直播间", &want{"SPEAKER_00", "SPEAKER_00", "大家好欢迎来到今天的直播间", 0, sec(4), true}},
		{"[0:00:00 --> 0:00:05] SPEAKER_01: はい、よろしくお願いします。", &want{"SPEAKER_01", "SPEAKER_01", "はい、よろしくお願いします。", 0, sec(5), true}},
		{"[00:15 → 00:32] SPEAKER_01: 設計フェーズは完了しました。", &want{"SPEAKER_01", "SPEAKER_01", "設計フェーズは完了しました。", sec(15), sec(32), true}},
		{"[0.00s - 1.00s] SPEAKER_00: chunk one", &want{"SPEAKER_00", "SPEAKER_00", "chunk one", 0, sec(1), true}},
		{"[00:01:23] SPEAKER_00: Lorem ipsum", &want{"SPEAKER_00", "SPEAKER_00", "Lorem ipsum", hms(0, 1, 23), 0, false}},
		{"[00:00:05] Speaker 2: Thanks.", &want{"Speaker 2", "Speaker 2", "Thanks.", sec(5), 0, false}},
		{"[SPEAKER_00 - 00:00:10] Hello?", &want{"SPEAKER_00", "SPEAKER_00", "Hello?", sec(10), 0, false}},
		{"[SPEAKER_01 - 00:07]: Thanks, let's start.", &want{"SPEAKER_01", "SPEAKER_01", "Thanks, let's start.", sec(7), 0, false}},
		{"[SPEAKER_00] [00:00:05.000 --> 00:00:07.500]: Hello?", &want{"SPEAKER_00", "SPEAKER_00", "Hello?", sec(5), sec(7.5), true}},
		{"12.5 - 15.0 SPEAKER_01: Yes.", &want{"SPEAKER_01", "SPEAKER_01", "Yes.", sec(12.5), sec(15), true}},
		{"81.04 91.04 SPEAKER_03  Understand why you're doing it.", &want{"SPEAKER_03", "SPEAKER_03", "Understand why you're doing it.", sec(81.04), sec(91.04), true}},
		{"[00:00:00.233 --> 00:00:07.088] [Unknown]", &want{"[Unknown]", "Unknown", "", sec(0.233), sec(7.088), true}},
		{"[00:00.000 --> 00:05.000]  And so my fellow Americans,", &want{"", "", "And so my fellow Americans,", 0, sec(5), true}},
		{"[00:05.000 --> 00:07.000]  [Music]", &want{"", "", "[Music]", sec(5), sec(7), true}},
		{"[00:05.000 --> 00:07.000] [Alice]: Hi.", &want{"[Alice]", "Alice", "Hi.", sec(5), sec(7), true}},
		{"[1.0 - 2.0] Unknown  I could not hear.", &want{"Unknown", "Unknown", "I could not hear.", sec(1), sec(2), true}},
		{"[1.0 - 2.0] None  Thank you.", &want{"", "", "Thank you.", sec(1), sec(2), true}},
		{"[SPEAKER_00]: So tell me.", &want{"[SPEAKER_00]", "SPEAKER_00", "So tell me.", 0, 0, false}},
		// Not entries: a numbered note, a year, prose with numbers, a bracketed aside.
		{"[1.5] See the appendix.", nil},
		{"[2023] Annual report", nil},
		{"10 - 12 people came to the meeting.", nil},
		{"12.5 15.0 apples and pears", nil},
		{"[inaudible]", nil},
	} {
		e, ok, err := diarisedLine(c.line)
		if err != nil {
			t.Errorf("%q: %v", c.line, err)
			continue
		}
		if c.want == nil {
			if ok {
				t.Errorf("%q read as an entry: %+v", c.line, e)
			}
			continue
		}
		text := joinAll(e.text)
		got := want{e.label, e.speaker, text, e.start, e.end, e.hasEnd}
		if !ok || got != *c.want {
			t.Errorf("%q:\n got %+v (ok %v)\nwant %+v", c.line, got, ok, *c.want)
		}
		if wantTimed := c.line != "[SPEAKER_00]: So tell me."; e.timed != wantTimed {
			t.Errorf("%q: timed = %v", c.line, e.timed)
		}
	}
}

// A segment that ends before it starts is refused, naming its line.
func TestDiarisedEndBeforeStart(t *testing.T) {
	_, err := Read("d.txt", []byte("[0.00 - 5.12] SPEAKER_00 - Hi.\n[9.50 - 7.00] SPEAKER_01 - Hello.\n"), Options{})
	want := "line 2: the segment ends (7.00) before it starts (9.50)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// The issue's shape, read end to end: times kept, one speaker's segments one turn, text under
// a line continuing its segment.
func TestReadDiarisedIssueShape(t *testing.T) {
	text := "[0.00 - 3.20] SPEAKER_00 - Where were you on the night of the strike?\n" +
		"[3.20 - 4.10] SPEAKER_01 - At the gate.\n" +
		"[4.10 - 9.75] SPEAKER_01 - We had been there since six,\nall of us from the night shift.\n" +
		"[9.75 - 11.00] SPEAKER_00 - Thank you.\n"
	doc, err := Read("interview.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "diarised" {
		t.Fatalf("format = %q", doc.Format)
	}
	noWarnings(t, doc)
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("SPEAKER_00", "SPEAKER_00", "Where were you on the night of the strike?", 0, sec(3.2), 1),
		timedTurn("SPEAKER_01", "SPEAKER_01", "At the gate. We had been there since six, all of us from the night shift.", sec(3.2), sec(9.75), 2),
		timedTurn("SPEAKER_00", "SPEAKER_00", "Thank you.", sec(9.75), sec(11), 5),
	})
}
