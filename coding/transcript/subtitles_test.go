package transcript

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/turncoder/turncoder/coding"
)

func readFormatFixture(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// testdata/formats/sample.srt: WhisperX-style labels, one sentence split over two cues, cues
// with no label after a labelled one.
var sampleSRTItems = []coding.Item{
	{Kind: coding.KindTurn, Speaker: "SPEAKER_00", Label: "[SPEAKER_00]", Text: "喂，您好。", Start: sec(1), End: sec(4), Timed: true, Line: 1},
	{Kind: coding.KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂，您好，请问是东营市总工会吗？", Start: sec(4), End: sec(6), Timed: true, Line: 9},
	{Kind: coding.KindNote, Text: "[inaudible]", Start: sec(6.5), End: sec(7), Timed: true, Line: 14},
	// Cues 7 and 8 name no speaker: they continue SPEAKER_00's turn (issue 15, pattern 1).
	{Kind: coding.KindTurn, Speaker: "SPEAKER_00", Label: "SPEAKER_00", Text: "Which union are you with? No speaker here Still no speaker & no label", Start: sec(7), End: sec(11), Timed: true, Line: 18},
	{Kind: coding.KindTurn, Speaker: "张三", Label: "张三", Text: "我们不知道这个事情。", Start: sec(3723.004), End: sec(3724), Timed: true, Line: 34},
}

func TestReadSubtitlesSRT(t *testing.T) {
	text := readFormatFixture(t, "sample.srt")
	for name, variant := range map[string]string{
		"LF":   text,
		"CRLF": strings.ReplaceAll(text, "\n", "\r\n"),
		"CR":   strings.ReplaceAll(text, "\n", "\r"),
	} {
		t.Run(name, func(t *testing.T) {
			items, warns, err := readSubtitles(variant)
			if err != nil {
				t.Fatal(err)
			}
			sameItems(t, items, sampleSRTItems)
			if len(warns) != 0 {
				t.Errorf("warnings = %+v", warns)
			}
		})
	}
}

func TestReadSubtitlesVTT(t *testing.T) {
	items, warns, err := readSubtitles(readFormatFixture(t, "sample.vtt"))
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。", Start: sec(1), End: sec(3), Timed: true, Line: 11},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "请问是东营市工会法工部吗？我这是中国劳工通讯。", Start: sec(3), End: sec(6), Timed: true, Line: 15},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "哦。", Start: sec(6), End: sec(8), Timed: true, Line: 23},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "就是想问一下，动力机械集团的事。", Start: sec(6), End: sec(10), Timed: true, Line: 23},
		{Kind: coding.KindNote, Text: "(laughs)", Start: sec(10), End: sec(11), Timed: true, Line: 31},
		{Kind: coding.KindTurn, Speaker: "Dr. Smith", Label: "Dr. Smith", Text: "Well-known facts.", Start: sec(3600 + 11), End: sec(3600 + 12.5), Timed: true, Line: 34},
	})
	if len(warns) != 0 {
		t.Errorf("warnings = %+v", warns)
	}
}

func TestReadSubtitlesSegmentsInOneCue(t *testing.T) {
	items, _, err := readSubtitles("1\n00:00:01,000 --> 00:00:03,000\nA: hi\nthere\nB: hello\n\n2\n00:00:03,000 --> 00:00:04,000\nthe ratio was\nthree: one\n")
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindTurn, Speaker: "A", Label: "A", Text: "hi there", Start: sec(1), End: sec(3), Timed: true, Line: 1},
		// The second cue names no one: B goes on (and "three:" inside it is no label).
		{Kind: coding.KindTurn, Speaker: "B", Label: "B", Text: "hello the ratio was three: one", Start: sec(1), End: sec(4), Timed: true, Line: 1},
	})
}

func TestSubtitlesCleanCueText(t *testing.T) {
	for in, want := range map[string]string{
		"<i>喂，</i><b>您好</b>。":            "喂，您好。",
		"<c.yellow.bg_blue>CLB</c>：请问":   "CLB：请问",
		"<v.loud A>x<00:00:01.500>y</v>": "xy",
		"{\\an8}&amp;&lt;i&gt; &lrm;ok":  "&<i> ok",
		"I <3 you > me":                  "I <3 you > me",
		"a < b":                          "a < b",
		"  <ruby>漢<rt>かん</rt></ruby>  ":  "漢かん",
	} {
		if got := cleanCueText(in); got != want {
			t.Errorf("cleanCueText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadSubtitlesWarnings(t *testing.T) {
	srt := "1\n00:00:01,000 --> 00:00:05,000\nSPEAKER_01: 喂，\n\n您好。\n\n" +
		"2\n00:00:04,000 --> 00:00:06,000\nSPEAKER_01: 哦。\n\n" +
		"3\n00:00:06,000 --> 00:00:07,000\n\n" +
		"4\n\n"
	items, warns, err := readSubtitles(srt)
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindTurn, Speaker: "SPEAKER_01", Label: "SPEAKER_01", Text: "喂，您好。哦。", Start: sec(1), End: sec(6), Timed: true, Line: 1},
	})
	want := []coding.Warning{
		{Line: 5, Message: "text after a blank line inside cue 1 (line 1) is kept with that cue"},
		{Line: 7, Message: "cue 2 (line 7) starts (00:00:04,000) before cue 1 ends (00:00:05,000); the cues overlap"},
		{Line: 14, Message: "text outside any cue (no timing line such as 00:00:01,000 --> 00:00:04,000); skipped"},
	}
	if !reflect.DeepEqual(plainWarnings(t, warns), want) {
		t.Errorf("warnings:\n got %+v\nwant %+v", warns, want)
	}
}

func TestReadSubtitlesManyOverlaps(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		b.WriteString("00:00:0" + "1,000 --> 00:00:02,000\ncue\n\n")
	}
	_, warns, err := readSubtitles(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != maxOverlapWarnings+1 || warns[len(warns)-1].Message != "19 more cues overlap the cue before them" {
		t.Errorf("warnings = %+v", warns)
	}
}

func TestReadSubtitlesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"end before start", "11\n00:00:00,000 --> 00:00:01,000\nok\n\n12\n00:00:05,000 --> 00:00:01,000\n喂\n",
			"cue 12 (line 5): ends (00:00:01,000) before it starts (00:00:05,000)"},
		{"negative", "1\n-00:00:01,000 --> 00:00:01,000\n喂\n", "cue 1 (line 1): the time -00:00:01,000 is negative"},
		{"bad time", "WEBVTT\n\n00:01.000 --> 00:0x.000\n喂\n", `cue 1 (line 3): "00:0x.000" is not a time`},
		{"no end", "1\n00:00:01,000 -->\n喂\n", `cue 1 (line 1): "00:00:01,000 -->" is not a cue timing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, _, err := readSubtitles(tc.text)
			if err == nil {
				t.Fatalf("items = %+v; want an error", items)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestSubtitlesLooksLikeSRT(t *testing.T) {
	for head, want := range map[string]bool{
		"1\n00:00:01,000 --> 00:00:04,000\n喂\n":                true,
		"\uFEFF\r\n\r\n1\r\n00:00:01,000 --> 00:00:04,000\r\n": true,
		"1\r00:00:01,000 --> 00:00:04,000\r":                   true,
		"00:00:01,000 --> 00:00:04,000\n喂\n":                   true,
		"1. Introduction\n00:00:01,000 --> 00:00:04,000\n":     false,
		"1\n\n00:00:01,000 --> 00:00:04,000\n":                 false,
		"1\nhello --> world\n":                                 false,
		"东营市总工会：喂，您好。\n":                                       false,
		"":                                                     false,
		"12":                                                   false,
	} {
		if got := looksLikeSRT(head); got != want {
			t.Errorf("looksLikeSRT(%q) = %v, want %v", head, got, want)
		}
	}
}

func TestSubtitlesCueLabel(t *testing.T) {
	for in, want := range map[string]string{
		"SPEAKER_01: hi":   "SPEAKER_01",
		"张三：你好":            "张三",
		"[SPEAKER_00]: x":  "SPEAKER_00",
		"【主持人】：欢迎":         "主持人",
		"Dr. Smith: hello": "Dr. Smith",
		"ＣＬＢ：喂？":           "CLB",
	} {
		_, got, _, ok := cueLabel(in)
		if !ok || got != want {
			t.Errorf("cueLabel(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"10:30 meeting", "He said, listen: now", "see http://example.com", "no colon", "：starts with one",
		"a very long label with many words in it: x", "他说（笑）：好"} {
		if _, got, _, ok := cueLabel(in); ok {
			t.Errorf("cueLabel(%q) = %q; want no label", in, got)
		}
	}
}

// Read sniffs and dispatches the subtitle and table formats to these readers.
func TestReadDispatchesSubtitleTableXLSX(t *testing.T) {
	doc, err := Read("call.srt", []byte(readFormatFixture(t, "sample.srt")), Options{})
	if err != nil || doc.Format != "srt" || doc.Encoding != "utf-8" || len(doc.Items) != len(sampleSRTItems) {
		t.Errorf("Read(srt) = %+v, %v", doc, err)
	}
	doc, err = Read("call", []byte(readFormatFixture(t, "sample.vtt")), Options{})
	if err != nil || doc.Format != "vtt" || doc.Turns() != 5 {
		t.Errorf("Read(vtt sniffed) = %+v, %v", doc, err)
	}
	doc, err = Read("call.txt", []byte(readFormatFixture(t, "sample.srt")), Options{})
	if err != nil || doc.Format != "srt" {
		t.Errorf("Read(srt sniffed) = %+v, %v", doc, err)
	}
	gb := mustEncode(t, sampleCSV, simplifiedchinese.GB18030.NewEncoder())
	doc, err = Read("call.csv", gb, Options{})
	if err != nil || doc.Format != "csv" || doc.Encoding != "gb18030" || doc.Turns() != 5 || doc.Items[1].Speaker != "CLB" {
		t.Errorf("Read(gb18030 csv) = %+v, %v", doc, err)
	}
	doc, err = Read("export", sampleXLSX(t), Options{})
	if err != nil || doc.Format != "xlsx" || doc.Turns() != 5 {
		t.Errorf("Read(xlsx sniffed) = %+v, %v", doc, err)
	}
	if _, err := Read("call.docx", []byte("not a zip"), Options{}); err == nil || !strings.Contains(err.Error(), "not a DOCX document") {
		t.Errorf("Read(bad docx) error = %v", err)
	}
}

func FuzzReadSubtitles(f *testing.F) {
	f.Add(readFormatFixture(f, "sample.srt"))
	f.Add(readFormatFixture(f, "sample.vtt"))
	f.Add("1\n00:00:01,000 --> 00:00:05,000\nSPEAKER_01: 喂，\n\n您好。\n\n2\n00:00:04,000 --> 00:00:06,000\nSPEAKER_01: 哦。\n")
	f.Add("WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud A&amp;B>x</v> <c.y>z</c> {\\an8}")
	f.Fuzz(func(t *testing.T, text string) {
		items, _, err := readSubtitles(text)
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Text == "" || !it.Timed || it.End < it.Start || it.Start < 0 {
				t.Errorf("bad item %+v", it)
			}
		}
		_ = looksLikeSRT(text)
	})
}

// A real podcast transcript (testdata/formats/real/SOURCES.md) names each speaker on the first
// cue of a run only: the 222 cues are the ten turns of Travis, Sarah and Gilon, every word of
// every cue in them, from the first cue's start to the last's end (issue 15, pattern 1).
func TestRealPodcastSRTSpeakerOnFirstCue(t *testing.T) {
	text := readFormatFixture(t, filepath.Join("real", "podcastindex-example.srt"))
	items, warns, err := readSubtitles(text)
	if err != nil {
		t.Fatal(err)
	}
	var speakers []string
	words := 0
	for _, it := range items {
		if it.Kind != coding.KindTurn || it.Speaker == "" {
			t.Errorf("item %+v is not a speaker's turn", it)
			continue
		}
		speakers = append(speakers, it.Speaker)
		words += len(strings.Fields(it.Text))
	}
	if got := strings.Join(speakers, " "); got != "Travis Sarah Travis Gilon Travis Gilon Travis Sarah Gilon Travis" {
		t.Errorf("turns by %s", got)
	}
	// Every word of the cues' text, less the ten labels and the cue numbers and timings.
	want := 0
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if len(lines) < 3 {
			continue
		}
		want += len(strings.Fields(strings.Join(lines[2:], " ")))
	}
	if words != want-10 {
		t.Errorf("%d words in the turns, the cues hold %d (less 10 labels)", words, want)
	}
	first := items[0]
	if !strings.HasPrefix(first.Text, "When you first get started in podcasting") || !strings.HasSuffix(first.Text, "your goals, that much faster") ||
		first.Start != sec(0.179) || first.End != sec(50.34) {
		t.Errorf("first turn %v–%v: %.60q … %.30q", first.Start, first.End, first.Text, first.Text[len(first.Text)-30:])
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
}

// No cue's words are lost without a word (issue 15, pattern 5): a cue that is only a label
// ("Anna:") names the speaker of the cues after it, with a warning naming the cue; a cue whose
// text ends in a colon but is no label ("s'énonce ainsi:") is text.
func TestCueOfALabelAlone(t *testing.T) {
	srt := "1\n00:00:01,000 --> 00:00:02,000\nAnna:\n\n2\n00:00:02,000 --> 00:00:04,000\nLa règle\n\n3\n00:00:04,000 --> 00:00:05,000\ns'énonce ainsi:\n\n4\n00:00:05,000 --> 00:00:07,000\non ne touche pas.\n\n" +
		"5\n00:00:07,000 --> 00:00:08,000\nBen: D'accord. Claire:\n\n6\n00:00:08,000 --> 00:00:09,000\nMoi aussi.\n"
	items, warns, err := readSubtitles(srt)
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindTurn, Speaker: "Anna", Label: "Anna", Text: "La règle s'énonce ainsi: on ne touche pas.", Start: sec(2), End: sec(7), Timed: true, Line: 5},
		// "Claire:" inside a line is no label: Ben goes on.
		{Kind: coding.KindTurn, Speaker: "Ben", Label: "Ben", Text: "D'accord. Claire: Moi aussi.", Start: sec(7), End: sec(9), Timed: true, Line: 17},
	})
	if len(warns) != 1 || warns[0].Line != 1 || !strings.Contains(warns[0].Message, `cue 1 (line 1) ends with the label "Anna:" and no words; the cues after it are Anna's`) {
		t.Errorf("warnings %+v", warns)
	}
}

// youtube-dl's automatic captions (testdata/formats/real/SOURCES.md): a timing line right under
// the text keeps its time (issue 15, pattern 6), the space line under each timing belongs to
// its cue, and each rolled line comes in once.
func TestYoutubeDLAutoCaptions(t *testing.T) {
	items, warns, err := readSubtitles(readFormatFixture(t, filepath.Join("real", "youtube-dl-auto.en.vtt")))
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindTurn, Text: "hello there everyone.", Start: 0, End: sec(2.5), Timed: true, Line: 5},
		{Kind: coding.KindTurn, Text: "welcome to the show!", Start: sec(2.51), End: sec(5), Timed: true, Line: 13},
		{Kind: coding.KindTurn, Text: "today we talk about unions.", Start: sec(5.01), End: sec(8), Timed: true, Line: 20},
	})
	if len(warns) != 1 || !strings.HasPrefix(warns[0].Message, "2 cues only repeated the text of the cue before them") {
		t.Errorf("warnings %+v", warns)
	}
}

// A file with text in it that gives nothing when read in the format chosen says so, naming
// the format, never that the file is empty (a real-window audit found srt forced on a
// transcript saying "the file is empty"); an empty file and an empty workbook are empty.
func TestNothingReadsAsTheFormatChosen(t *testing.T) {
	transcript := "工会：你好。\n问：请问社保的事找谁？\n"
	for _, c := range []struct {
		name, text, format, want string
	}{
		{"call.txt", transcript, "srt", "nothing in the file reads as srt: is it in another format?"},
		{"call.txt", transcript, "vtt", "nothing in the file reads as vtt: is it in another format?"},
		{"empty.vtt", "WEBVTT\n\n", "", "nothing in the file reads as vtt: is it in another format?"},
		{"call.txt", " \n\t\n", "srt", "the file is empty"},
		{"call.txt", "", "", "the file is empty"},
	} {
		_, err := Read(c.name, []byte(c.text), Options{Format: c.format})
		if err == nil || err.Error() != c.want {
			t.Errorf("%s as %q: %v; want %q", c.name, c.format, err, c.want)
		}
		// The streamed reader, which the import uses for large files, says the same.
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = StreamFile(path, Options{Format: c.format}, func(coding.Item) error { return nil })
		if err == nil || err.Error() != c.want {
			t.Errorf("%s as %q, streamed: %v; want %q", c.name, c.format, err, c.want)
		}
	}
}
