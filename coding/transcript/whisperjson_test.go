package transcript

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// WhisperX's JSON with diarisation (a reproduction, one line as WhisperX writes it): segments
// with speakers and word times, one segment diarisation gave no speaker, a word it could not
// time, and the word_segments list, which is skipped.
func TestReadWhisperXJSON(t *testing.T) {
	doc := readReal(t, "whisperx-diarised.json", Options{})
	if doc.Format != "whisper-json" {
		t.Fatalf("format = %q, want whisper-json", doc.Format)
	}
	s0, s1 := "SPEAKER_00", "SPEAKER_01"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(s0, s0, "Thanks for coming in to talk about the archive.", sec(0.031), sec(3.512), 1),
		timedTurn(s1, s1, "Happy to. I started there in 2004, straight out of school. The building was a warehouse then.", sec(3.912), sec(11.02), 2),
		timedTurn("", "", "Mm-hm.", sec(11.5), sec(12.1), 4),
		timedTurn(s0, s0, "What did you keep in it?", sec(12.44), sec(16.8), 5),
		timedTurn(s1, s1, "Mostly union records. Minutes, membership cards, strike pay ledgers.", sec(17.02), sec(23.5), 6),
	})
	want := []coding.Warning{{Message: "segment 4 has no speaker (the diarisation gave it none); it is a paragraph without a speaker"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings = %+v, want %+v", doc.Warnings, want)
	}
}

// Whisper's own JSON (a reproduction of its shape over public-domain words): no speakers, so
// each segment is a paragraph, with its times.
func TestReadWhisperJSON(t *testing.T) {
	doc := readReal(t, "whisper-inaugural.json", Options{})
	if doc.Format != "whisper-json" {
		t.Fatalf("format = %q, want whisper-json", doc.Format)
	}
	noWarnings(t, doc)
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("", "", "We observe today not a victory of party, but a celebration of freedom,", 0, sec(4.6), 1),
		timedTurn("", "", "symbolizing an end, as well as a beginning, signifying renewal, as well as change.", sec(4.6), sec(9.84), 2),
		timedTurn("", "", "And so, my fellow Americans: ask not what your country can do for you, ask what you can do for your country.", sec(9.84), sec(17.2), 3),
		timedTurn("", "", "My fellow citizens of the world: ask not what America will do for you, but what together we can do for the freedom of man.", sec(17.2), sec(23.96), 4),
	})
}

// whisper.cpp's JSON (-oj): a "transcription" list with offsets in milliseconds.
func TestReadWhisperCppJSON(t *testing.T) {
	doc := readReal(t, "whisper-cpp-jfk.json", Options{})
	if doc.Format != "whisper-json" {
		t.Fatalf("format = %q, want whisper-json", doc.Format)
	}
	noWarnings(t, doc)
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("", "", "And so my fellow Americans, ask not what your country can do for you,", 0, sec(7.6), 1),
		timedTurn("", "", "ask what you can do for your country.", sec(7.6), sec(11), 2),
	})
}

// Without the .json extension the content tells; a bare list of segments is read; a segment
// without "text" is read from its words (CJK words joined without spaces), with their times;
// a segment without text and words is named in a warning; numbers as speakers and times as
// strings are read.
func TestReadWhisperJSONShapes(t *testing.T) {
	text := `[{"start": 0, "end": 1.5, "text": " Hello.", "speaker": 0},
 {"start": "00:00:01,500", "end": "2.5", "text": " Again.", "speaker": 0},
 {"words": [{"word": "我", "start": 3.0, "end": 3.2, "speaker": "SPEAKER_01"}, {"word": "用"}, {"word": "iPhone", "start": 3.4}, {"word": "拍", "end": 4.0}]},
 {"start": 4.5, "end": 5.0, "text": "  "},
 {"start": 5.0, "end": 6.0, "text": null, "words": []}]`
	doc, err := Read("transcript.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "whisper-json" {
		t.Fatalf("format = %q", doc.Format)
	}
	sameItems(t, doc.Items, []coding.Item{
		timedTurn("0", "0", "Hello. Again.", 0, sec(2.5), 1),
		timedTurn("SPEAKER_01", "SPEAKER_01", "我用iPhone拍", sec(3), sec(4), 3),
	})
	want := []coding.Warning{{Message: "2 segments (4, 5) have no text; nothing was read from them"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings = %+v, want %+v", doc.Warnings, want)
	}
}

// WhisperX writes its JSON on one line, longer than a line of text may be: it is read.
func TestReadWhisperJSONOneLongLine(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"segments": [`)
	n := 0
	for b.Len() < maxLineBytes+1000 {
		if n > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"start": %d.0, "end": %d.5, "text": " Sentence number %d of a long interview.", "speaker": "SPEAKER_0%d"}`, n, n, n, n%2)
		n++
	}
	b.WriteString(`], "language": "en"}`)
	doc, err := Read("long.json", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Turns() != n || doc.Items[n-1].Start != sec(float64(n-1)) || doc.Items[n-1].Text != fmt.Sprintf("Sentence number %d of a long interview.", n-1) {
		t.Errorf("%d turns of %d segments; last %+v", doc.Turns(), n, doc.Items[len(doc.Items)-1])
	}
}

// JSON that is not a Whisper transcript, and Whisper JSON that cannot be right, is refused in
// one sentence that says what turncoder expected.
func TestReadWhisperJSONRefused(t *testing.T) {
	deep := strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1)
	for _, c := range []struct{ name, text, want string }{
		{"a.json", "hello", "the file is not JSON: invalid character 'h' looking for beginning of value at line 1; " + jsonExpected.Error()},
		{"a.json", `{"users": [{"name": "Ann"}]}`, `the JSON file has no "segments" list, so it is not a Whisper transcript; ` + jsonExpected.Error()},
		{"a.json", `"segments"`, "the JSON file holds a string, not a transcript; " + jsonExpected.Error()},
		{"a.json", `[1, 2]`, "segment 1 is a number, not an object; " + jsonExpected.Error()},
		{"a.json", `{"segments": {"start": 1}}`, "the JSON file's segments are an object, not a list; " + jsonExpected.Error()},
		{"a.json", `{"segments": [{"id": 0, "seek": 0}]}`, `segment 1 has no "text", "start" or "words"; ` + jsonExpected.Error()},
		{"a.json", `{"transcription": [{"offsets": {"from": 0, "to": 10}, "text": "a"}, {"tokens": []}]}`, `transcription item 2 has no "text", "start" or "words"; ` + jsonExpected.Error()},
		{"a.json", `{"segments": [{"start": 2, "end": 1, "text": "x"}]}`, "segment 1 ends (0:00:01) before it starts (0:00:02)"},
		{"a.json", `{"segments": [{"start": -1, "end": 1, "text": "x"}]}`, "segment 1: the time -1 is negative"},
		{"a.json", `{"segments": [{"start": 1e9, "text": "x"}]}`, "segment 1: the time 1e9 is more than 1000 hours"},
		{"a.json", `{"segments": [{"start": "1:75", "text": "x"}]}`, `segment 1: the time "1:75" is not a time (use seconds such as 12.5, or mm:ss or hh:mm:ss with optional ,mmm)`},
		{"a.json", `{"segments": [{"start": 1, "text": ["x"]}]}`, "segment 1: a text or a speaker is a list, where Whisper writes a string"},
		{"a.json", `{"segments": [{"start": 1, "words": "x"}]}`, `segment 1: "words" is not a list`},
		{"a.json", `{"segments": [{"start": 1, "text": "x"}]} {}`, "the JSON file goes on after its end (at line 1); it is not one JSON value, as Whisper writes"},
		{"a.json", "{\"segments\": [{\"start\": 1,\n \"text\": \"x\"", "the JSON file is malformed: it ends in the middle (at line 2); the file is cut short"},
		{"a.json", "{\"segments\": [\n{\"start\": 1 \"text\": \"x\"}]}", "the JSON file is malformed: invalid character '\"' after object key:value pair at line 2; " + jsonExpected.Error()},
		{"a.json", `{"segments": []}`, "the JSON file has no segments, so there is nothing to import"},
		{"a.json", deep, fmt.Sprintf("the JSON file is nested more than %d levels deep (at line 1), which no transcript is; %s", maxJSONDepth, jsonExpected)},
		{"a.json", "  \n", "the file is empty"},
	} {
		doc, err := Read(c.name, []byte(c.text), Options{})
		if err == nil || err.Error() != c.want {
			t.Errorf("%.40q:\n got %v (%v)\nwant %s", c.text, err, doc, c.want)
		}
	}
}

// More segments than turncoder reads from one file are refused before they are kept.
func TestReadWhisperJSONTooManySegments(t *testing.T) {
	defer func(n int) { maxJSONSegments = n }(maxJSONSegments)
	maxJSONSegments = 3
	seg := `{"start": 1, "text": "x"}`
	if _, err := Read("a.json", []byte(`{"segments": [`+strings.Repeat(seg+",", 2)+seg+`]}`), Options{}); err != nil {
		t.Errorf("3 segments: %v", err)
	}
	_, err := Read("a.json", []byte(`{"segments": [`+strings.Repeat(seg+",", 3)+seg+`]}`), Options{})
	want := "the JSON file has more than 3 segments; turncoder reads at most that many from one file (split the recording)"
	if err == nil || err.Error() != want {
		t.Errorf("4 segments: err = %v, want %q", err, want)
	}
}

// What is skipped is not kept: a file that is mostly a list turncoder does not read (here
// WhisperX's word_segments, 20 MB of a million words) costs memory of the order of its size,
// not of its values.
func TestReadWhisperJSONMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"segments": [{"start": 0.5, "end": 1.0, "text": " Hi.", "speaker": "SPEAKER_00"}], "word_segments": [`)
	for i := 0; b.Len() < 20<<20; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"word": "a", "start": 1, "end": 2, "score": 0.5}`)
	}
	b.WriteString(`]}`)
	text := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	items, _, err := readWhisperJSON(text)
	runtime.ReadMemStats(&after)
	if err != nil || len(items) != 1 {
		t.Fatalf("items %+v, err %v", items, err)
	}
	// The decoder holds a skipped value while it passes over it, in a buffer that grows by
	// doubling: about twice the value in all. Decoding the million words as values would take
	// ten times the file and more.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*uint64(len(text)) {
		t.Errorf("reading %d MB allocated %d MB", len(text)>>20, alloc>>20)
	}
}

func FuzzReadWhisperJSON(f *testing.F) {
	for _, name := range []string{"whisperx-diarised.json", "whisper-inaugural.json", "whisper-cpp-jfk.json"} {
		f.Add(readFormatFixture(f, "real/"+name))
	}
	f.Add(`[{"start": "00:00:01,500", "end": 2, "speaker": 0, "words": [{"word": "我", "start": 3}, {"text": "x"}]}, {"start": null}]`)
	f.Add(`{"segments": [{"start": 1e400, "text": "\u00e9\ud800"}], "x": [[[[{}]]]]}`)
	f.Fuzz(func(t *testing.T, text string) {
		items, _, err := readWhisperJSON(text)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error of more than one line: %q", err)
			}
			return
		}
		for _, it := range items {
			if strings.TrimSpace(it.Text) == "" || it.End < it.Start || it.Start < 0 {
				t.Errorf("bad item %+v", it)
			}
		}
	})
}
