package transcript

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// sameItems compares items field by field and reports every difference.
func sameItems(t *testing.T, got, want []coding.Item) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d items, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	for i := len(want); i < len(got); i++ {
		t.Errorf("extra item %d: %+v", i, got[i])
	}
}

const sampleCSV = "Section,Speaker,Start,End,Text\r\n" +
	"第一通电话：东营市总工会办公室,ＣＬＢ,0,1.5,喂？\r\n" +
	",东营市总工会,00:01.5,00:04,喂，您好。\r\n" +
	",ＣＬＢ,00:00:04,\"00:00:07,250\",\"喂，您好，请问是\n东营市总工会吗？\"\r\n" +
	",东营市总工会,8,,\r\n" +
	"第二通电话,CLB,1:00:00.5,1:00:03,\"请问是东营市工会法工部吗？他说\"\"好\"\"\"\r\n" +
	",,,,\r\n" +
	"\r\n" +
	"第二通电话, 东营市总工会 ,,,Yes.\r\n"

func TestReadTableCSV(t *testing.T) {
	items, warns, err := readTable(sampleCSV, ',')
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindHeader, Text: "第一通电话：东营市总工会办公室", Line: 2},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂？", Start: 0, End: ms(1500), Timed: true, Line: 2},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。", Start: ms(1500), End: ms(4000), Timed: true, Line: 3},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂，您好，请问是东营市总工会吗？", Start: ms(4000), End: ms(7250), Timed: true, Line: 4},
		{Kind: coding.KindHeader, Text: "第二通电话", Line: 7},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "请问是东营市工会法工部吗？他说\"好\"", Start: time.Hour + ms(500), End: time.Hour + ms(3000), Timed: true, Line: 7},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "Yes.", Line: 10},
	})
	wantWarns := []coding.Warning{{Line: 6, Message: "the row has no text; skipped"}}
	if !reflect.DeepEqual(plainWarnings(t, warns), wantWarns) {
		t.Errorf("warnings = %+v, want %+v", warns, wantWarns)
	}
}

func TestReadTableTSV(t *testing.T) {
	text := "说话人\t内容\t开始\t结束\t备注\n" +
		"东营市总工会\t喂，您好。\t0:01\t0:02,5\tx\n" +
		"CLB\t请问是东营市工会法工部吗？\t\t\t\n" +
		"CLB\tWell, this is\t\t\t\textra\n"
	items, warns, err := readTable(text, '\t')
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。", Start: time.Second, End: ms(2500), Timed: true, Line: 2},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "请问是东营市工会法工部吗？", Line: 3},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "Well, this is", Line: 4},
	})
	// The 备注 (remarks) column is named as not read.
	if len(warns) != 2 || warns[0].Line != 1 || warns[0].Message != "columns not read: 备注 (turncoder reads speaker, text, start, end and section)" ||
		warns[1].Line != 4 || !strings.Contains(warns[1].Message, "6 fields but the header has 5") {
		t.Errorf("warnings = %+v", warns)
	}
}

// Time columns as real exports head them (issue 15, pattern 7): Microsoft Stream and Teams
// (StartTime, EndTime), spreadsheets (Start Time), scripts (start_time), Begin, and Chinese
// (开始时间, 结束时间); a column turncoder does not read is named.
func TestReadTableTimeColumns(t *testing.T) {
	for _, head := range []string{"Speaker,Text,StartTime,EndTime", "Speaker,Text,Start Time,End Time", "speaker,text,start_time,end_time",
		"Name,Utterance,Begin,End", "说话人,内容,开始时间,结束时间"} {
		items, warns, err := readTable(head+",Confidence\nAna,Hello.,00:00:01.000,00:00:02.500,0.93\n", ',')
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 1 || !items[0].Timed || items[0].Start != time.Second || items[0].End != ms(2500) {
			t.Errorf("%s: %+v", head, items)
		}
		if len(warns) != 1 || !strings.HasPrefix(warns[0].Message, "columns not read: Confidence") {
			t.Errorf("%s: warnings %+v", head, warns)
		}
	}
}

func TestReadTableAliases(t *testing.T) {
	for _, header := range []string{"name,content", " NAME , Utterance ", "发言人,文本", "讲话人,发言", "Ｓｐｅａｋｅｒ,Transcript"} {
		items, _, err := readTable(header+"\nCLB,喂？\n", ',')
		if err != nil {
			t.Errorf("header %q: %v", header, err)
			continue
		}
		if len(items) != 1 || items[0].Speaker != "CLB" || items[0].Text != "喂？" {
			t.Errorf("header %q: items = %+v", header, items)
		}
	}
	items, _, err := readTable("speaker,Start Time,end-time,Part,text\nA,1,2,第一部分,hi\n", ',')
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindHeader, Text: "第一部分", Line: 2},
		{Kind: coding.KindTurn, Speaker: "A", Label: "A", Text: "hi", Start: time.Second, End: 2 * time.Second, Timed: true, Line: 2},
	})
}

func TestReadTableErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		sep        rune
		want       []string
	}{
		{"no columns", "who,what\nA,b\n", ',', []string{"the CSV has no 'speaker' or 'text' column (found: who, what)"}},
		{"no text column", "speaker,words\nA,b\n", ',', []string{"no 'text' column (found: speaker, words)"}},
		{"no speaker column", "text\thow\nA\tb\n", '\t', []string{"the TSV has no 'speaker' column (found: text, how)"}},
		{"bare quote", "speaker,text\nA,ok\nB,he said \"hi\"\n", ',', []string{"malformed at line 3", "double quote"}},
		{"unclosed quote", "speaker,text\nA,\"unclosed\nB,x\n", ',', []string{"malformed at line 3", "starts at line 2"}},
		{"text after quote", "speaker,text\nA,\"hi\" there\n", ',', []string{"malformed at line 2", "after the closing quote"}},
		{"bad start", "speaker,text,start\nA,hi,1\nB,ho,abc\n", ',', []string{"CSV line 3: start time \"abc\" is not a time"}},
		{"bad end", "speaker,text,start,end\nA,hi,1,1:75\n", ',', []string{"CSV line 2: end time \"1:75\" is not a time"}},
		{"negative", "speaker,text,start\nA,hi,-1\n", ',', []string{"CSV line 2: start time \"-1\" is negative"}},
		{"end before start", "speaker,text,start,end\nA,hi,00:05,00:01\n", ',', []string{"CSV line 2: the row ends (00:01) before it starts (00:05)"}},
		{"empty", "", ',', []string{"empty"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, _, err := readTable(tc.text, tc.sep)
			if err == nil {
				t.Fatalf("items = %+v; want an error", items)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestReadTableWide(t *testing.T) {
	const n = 10_000
	cols := make([]string, n)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
	}
	row := strings.Repeat("x,", n-1) + "x"
	start := time.Now()
	_, _, err := readTable(strings.Join(cols, ",")+"\n"+row+"\n", ',')
	if err == nil || !strings.Contains(err.Error(), "found: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, and 9990 more") {
		t.Errorf("error = %v", err)
	}
	cols[n-2], cols[n-1] = "speaker", "text"
	var b strings.Builder
	b.WriteString(strings.Join(cols, ",") + "\n")
	for i := 0; i < 100; i++ {
		b.WriteString(strings.Repeat(",", n-2) + "CLB,喂？\n")
	}
	items, _, err := readTable(b.String(), ',')
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 100 || items[99].Speaker != "CLB" || items[99].Text != "喂？" || items[99].Line != 101 {
		t.Errorf("got %d items, last %+v", len(items), items[len(items)-1])
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("10,000 columns took %v", d)
	}
}

func TestTableParseClock(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0":            0,
		"12.5":         ms(12500),
		"12,5":         ms(12500),
		"01:05":        65 * time.Second,
		"75:30":        75*time.Minute + 30*time.Second,
		"1:02:03":      time.Hour + 2*time.Minute + 3*time.Second,
		"01:02:03,004": time.Hour + 2*time.Minute + 3*time.Second + ms(4),
		"00:00:01.5":   ms(1500),
		" 3 ":          3 * time.Second,
		"0.000000001":  1,
	} {
		got, err := parseClock(in)
		if err != nil || got != want {
			t.Errorf("parseClock(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1:2:3:4", "1:60", "1:00:60", "1.", ".5", "1:-2", "-5", "1e3", "12.5s", "1,000,000", "99999999999:00", "1.0000000001"} {
		if got, err := parseClock(in); err == nil {
			t.Errorf("parseClock(%q) = %v; want an error", in, got)
		}
	}
}

func FuzzReadTable(f *testing.F) {
	f.Add(sampleCSV, false)
	f.Add("说话人\t内容\t开始\t结束\n东营市总工会\t喂，您好。\t0:01\t0:02,5\n", true)
	f.Add("speaker,text\nA,\"unclosed\nB,x\n", false)
	f.Add("speaker,text,start,end\nA,hi,00:05,00:01\n", false)
	f.Fuzz(func(t *testing.T, text string, tsv bool) {
		sep := ','
		if tsv {
			sep = '\t'
		}
		items, _, err := readTable(text, sep)
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Text == "" {
				t.Errorf("empty item %+v", it)
			}
			if it.Timed && it.End < it.Start {
				t.Errorf("item ends before it starts: %+v", it)
			}
		}
	})
}
