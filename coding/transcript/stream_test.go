package transcript

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// writeTurns writes a transcript of n turns in the shape of the seed calls, hard-wrapped, with
// a section every 50 turns.
func writeTurns(t *testing.T, n int, crlf bool) (string, []byte) {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "第%d通电话：测试\n\n", i/50+1)
		}
		speaker := []string{"ＣＬＢ", "东营市总工会", "联通 114 电话导航"}[i%3]
		fmt.Fprintf(&b, "%s：我们不知道这个事情，\n没有听说过%d。\n\n", speaker, i)
	}
	text := b.String()
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	path := filepath.Join(t.TempDir(), "calls.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, []byte(text)
}

// StreamFile gives the items Read makes of the same file, in order, with the same document.
func TestStreamFileSameAsRead(t *testing.T) {
	for _, crlf := range []bool{false, true} {
		path, data := writeTurns(t, 500, crlf)
		for _, opt := range []Options{{}, {Format: "turns", NotSpeakers: []string{"CLB"}}, {Title: "calls"}} {
			want, err := Read(filepath.Base(path), data, opt)
			if err != nil {
				t.Fatal(err)
			}
			var items []coding.Item
			got, err := StreamFile(path, opt, func(it coding.Item) error {
				items = append(items, it)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got.Items != nil {
				t.Fatalf("the document returned holds its items")
			}
			got.Items = items
			if !reflect.DeepEqual(got, want) {
				t.Errorf("crlf %v, %+v: StreamFile read %d items, %d warnings; Read %d, %d", crlf, opt, len(got.Items), len(got.Warnings), len(want.Items), len(want.Warnings))
			}
		}
	}
}

// A large transcript is given item by item while the file is read, not once it is all read:
// the reading pass stops at the first error of yield, long before the file's end, and the
// items given by then are the first ones Read makes.
func TestStreamFileGivesItemsAsItReads(t *testing.T) {
	path, data := writeTurns(t, 20000, false)
	stop := errors.New("stop")
	var items []coding.Item
	_, err := StreamFile(path, Options{}, func(it coding.Item) error {
		items = append(items, it)
		if len(items) == 100 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("error %v, want yield's", err)
	}
	want, err := Read("calls.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 100 || !reflect.DeepEqual(items, want.Items[:100]) {
		t.Fatalf("given %d items before the stop, want the first 100 of Read's", len(items))
	}
}

// countedSource counts the lines its passes read.
type countedSource struct {
	lineSource
	passes, read int // passes opened; lines the last one read
}

func (c *countedSource) open() lineReader {
	c.passes++
	c.read = 0
	return &countedReader{c.lineSource.open(), c}
}

type countedReader struct {
	lineReader
	c *countedSource
}

func (r *countedReader) next() (string, bool) {
	l, ok := r.lineReader.next()
	if ok {
		r.c.read++
	}
	return l, ok
}

// The reading pass gives each item as soon as it is settled: when the hundredth item of a
// transcript of 20,000 turns is given, the pass has read a few lines past it, not the text; and
// the items are those ParseTurns makes.
func TestStreamTurnsGivesItemsWhileReading(t *testing.T) {
	_, data := writeTurns(t, 20000, false)
	src := &countedSource{lineSource: textSource(data)}
	lines := strings.Count(string(data), "\n") + 1
	var items []coding.Item
	if _, err := streamTurns(src, nil, func(it coding.Item) error {
		items = append(items, it)
		if len(items) == 100 && src.read > 400 {
			t.Errorf("the hundredth item was given after %d of %d lines", src.read, lines)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if src.passes != 3 {
		t.Errorf("%d passes, want 3", src.passes)
	}
	want, _ := ParseTurns(string(data))
	if !reflect.DeepEqual(items, want) {
		t.Errorf("streamTurns gave %d items, ParseTurns makes %d", len(items), len(want))
	}
}

// A file (UTF-8 or GB18030) that changes between the passes is refused, not read half old
// and half new.
func TestStreamFileChangedWhileRead(t *testing.T) {
	utf8Path, text := writeTurns(t, 60000, false) // more than the reading pass holds at once
	for _, path := range []string{utf8Path, gbFile(t, "calls.txt", string(text))} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		changed := false
		_, err = StreamFile(path, Options{}, func(it coding.Item) error {
			if !changed {
				changed = true
				other := append([]byte(nil), data...)
				copy(other[len(other)-40:], strings.Repeat("x", 40))
				if err := os.WriteFile(path, other, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			return nil
		})
		if !errors.Is(err, errChanged) {
			t.Fatalf("%s: error %v, want %v", path, err, errChanged)
		}
	}
}

// Sources the passes do not read (UTF-16, a NUL byte, subtitles, a folder) are read whole,
// with Read's result and refusals.
func TestStreamFileReadsOthersWhole(t *testing.T) {
	dir := t.TempDir()
	utf16 := filepath.Join(dir, "utf16.txt")
	if err := os.WriteFile(utf16, []byte("\xFF\xFEA\x00:\x00 \x00h\x00i\x00\n\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("A: hi\x00\nB: ho\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{utf16, bad, filepath.Join("testdata", "formats", "sample.srt"), dir} {
		data, rerr := ReadFile(path)
		var want *coding.Document
		if rerr == nil {
			want, rerr = Read(filepath.Base(path), data, Options{})
		}
		var items []coding.Item
		got, err := StreamFile(path, Options{}, func(it coding.Item) error {
			items = append(items, it)
			return nil
		})
		if fmt.Sprint(err) != fmt.Sprint(rerr) {
			t.Fatalf("%s: error %v, want %v", path, err, rerr)
		}
		if err == nil {
			got.Items = items
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: StreamFile and Read differ", path)
			}
		}
	}
}

// StreamFileAhead gives, after its last restart, the items Read makes of the same file, with
// the same document: a file without running headers is read once, with no restart; one
// with running headers (found while its turns were being given) is restarted once and read
// again without them; a first item that may be a title, and labels that are not speakers,
// are read as Read reads them either way.
func TestStreamFileAheadSameAsRead(t *testing.T) {
	plain, _ := writeTurns(t, 3000, false)
	headed := filepath.Join(t.TempDir(), "legco.txt")
	if err := os.WriteFile(headed, []byte(pages(400, func(int) string { return "立法會  ─  2013年 1月 17日  " }, true, speech)), 0o644); err != nil {
		t.Fatal(err)
	}
	titled := filepath.Join(t.TempDir(), "titled.txt")
	if err := os.WriteFile(titled, []byte("議會會議紀錄\n\n"+pages(300, func(int) string { return "" }, false, speech)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path     string
		opt      Options
		restarts int
	}{
		{plain, Options{}, 0},
		{plain, Options{NotSpeakers: []string{"CLB"}}, 0},
		{headed, Options{Format: "turns"}, 1},
		{headed, Options{Format: "turns", NotSpeakers: []string{"議員丙"}}, 1},
		{titled, Options{}, 0},
	} {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Read(filepath.Base(c.path), data, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		var items []coding.Item
		restarts := 0
		got, err := StreamFileAhead(c.path, c.opt, func(it coding.Item) error {
			items = append(items, it)
			return nil
		}, func() error {
			restarts++
			items = nil
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got.Items = items
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %+v: StreamFileAhead read %d items, %d warnings; Read %d, %d", filepath.Base(c.path), c.opt, len(got.Items), len(got.Warnings), len(want.Items), len(want.Warnings))
		}
		if restarts != c.restarts {
			t.Errorf("%s %+v: %d restarts, want %d", filepath.Base(c.path), c.opt, restarts, c.restarts)
		}
	}
}

// A CSV or TSV table is read in passes too (not whole), and gives the items, warnings and
// document Read makes of the same file, or Read's refusal: quoted fields over several lines,
// CRLF and lone CR line ends, byte-order marks, sections, times, extra fields, rows without
// text or speaker, labels that are not speakers, a table named .txt, and broken tables.
func TestStreamFileTablesSameAsRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("\uFEFFSpeaker,Text,Start,End,Section,Notes\n")
	for i := 0; i < 2000; i++ {
		sp := []string{"Ana", "Bo", "CLB", ""}[i%4]
		text := fmt.Sprintf("line %d, said", i)
		switch i % 7 {
		case 0:
			text = fmt.Sprintf("\"first %d\nsecond \"\"quoted\"\"\"", i)
		case 3:
			text = ""
		}
		fmt.Fprintf(&b, "%s,%s,00:%02d:%02d,00:%02d:%02d,call %d,n\n", sp, text, i/60%60, i%60, i/60%60, i%60, i/300)
		if i%500 == 1 {
			fmt.Fprintf(&b, "Ana,extra,00:00:01,00:00:02,call 0,n,x,y\n")
		}
	}
	table := b.String()
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tsv := strings.NewReplacer(",", "\t").Replace("speaker,text\nAna,hello\nBo,hi\n")
	cases := []struct {
		path string
		opt  Options
	}{
		{write("calls.csv", table), Options{}},
		{write("crlf.csv", strings.ReplaceAll(table, "\n", "\r\n")), Options{}},
		{write("cr.csv", strings.ReplaceAll(table, "\n", "\r")), Options{}},
		{write("calls2.csv", table), Options{NotSpeakers: []string{"CLB"}, Title: "Calls"}},
		{write("calls.tsv", tsv), Options{}},
		{write("table.txt", table), Options{Format: "csv"}},
		{write("nospeaker.csv", "who,what\nAna,hello\n"), Options{}},
		{write("bare.csv", "speaker,text\nAna,he said \"hi\"\n"), Options{}},
		{write("open.csv", "speaker,text\nAna,\"never closed\nBo,hi\n"), Options{}},
		{write("badtime.csv", "speaker,text,start\nAna,hi,soon\n"), Options{}},
		{write("empty.csv", " \n\n"), Options{}},
		{write("header.csv", "speaker,text\n"), Options{}},
	}
	for _, c := range cases {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(c.path)
		want, werr := Read(name, data, c.opt)
		var items []coding.Item
		got, gerr := streamTextFile(c.path, name, c.opt, func(it coding.Item) error {
			items = append(items, it)
			return nil
		}, nil)
		if errors.Is(gerr, errNotStreamed) {
			t.Errorf("%s was read whole, not in passes", name)
			continue
		}
		if werr != nil || gerr != nil {
			if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
				t.Errorf("%s: streamed error %v, Read's %v", name, gerr, werr)
			}
			continue
		}
		got.Items = items
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %+v: streamed %d items, %d warnings; Read %d, %d", name, c.opt, len(got.Items), len(got.Warnings), len(want.Items), len(want.Warnings))
		}
	}
}

// gbFile writes text encoded in GB18030 (as Chinese Windows editors save it) and returns its path.
func gbFile(t *testing.T, name, text string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A GB18030 file (found so, or named with --encoding) is read in passes like UTF-8, a line
// decoded at a time, and gives what Read makes of it whole: a real court record, a transcript
// with CRLF and a byte-order mark named gbk, a replacement character the file itself writes,
// and a table. A file that is neither UTF-8 nor GB18030 is read whole and refused as Read
// refuses it.
func TestStreamFileReadsGB18030InPasses(t *testing.T) {
	record, err := os.ReadFile(filepath.Join("testdata", "formats", "real", "court-record-zh-hans.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, calls := writeTurns(t, 3000, true)
	var table strings.Builder
	table.WriteString("说话人,内容\n")
	for i := range 500 {
		fmt.Fprintf(&table, "%s,\"第%d句，“引号”\"\n", []string{"记者", "工会"}[i%2], i)
	}
	for _, c := range []struct {
		path string
		opt  Options
		enc  string
	}{
		{gbFile(t, "record.txt", string(record)), Options{}, "gb18030"},
		{gbFile(t, "calls.txt", "\uFEFF"+string(calls)), Options{Encoding: " GBK "}, "gbk"},
		{gbFile(t, "fffd.txt", "记者：你好\uFFFD。\n工会：不知道。\n记者：谢谢。\n"), Options{}, "gb18030"},
		{gbFile(t, "table.csv", table.String()), Options{}, "gb18030"},
	} {
		name := filepath.Base(c.path)
		if _, err := streamTextFile(c.path, name, c.opt, func(coding.Item) error { return nil }, nil); errors.Is(err, errNotStreamed) {
			t.Fatalf("%s was read whole", name)
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Read(name, data, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		var items []coding.Item
		got, err := StreamFile(c.path, c.opt, func(it coding.Item) error {
			items = append(items, it)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got.Items = items
		if got.Encoding != c.enc || len(items) < 3 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: StreamFile read %d items in %s; Read %d in %s", name, len(items), got.Encoding, len(want.Items), want.Encoding)
		}
	}
	// Invalid in both encodings, on one line of many: read whole, and refused as Read refuses it.
	bad, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.Repeat("记者：你好。\n", 100) + "工会："))
	if err != nil {
		t.Fatal(err)
	}
	bad = append(bad, "\x81\x20\n"...) // a lead byte with no second byte
	path := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := streamTextFile(path, "bad.txt", Options{}, func(coding.Item) error { return nil }, nil); !errors.Is(err, errNotStreamed) {
		t.Fatalf("a file neither UTF-8 nor GB18030 was read in passes: %v", err)
	}
	_, rerr := Read("bad.txt", bad, Options{})
	_, err = StreamFile(path, Options{}, func(coding.Item) error { return nil })
	if err == nil || fmt.Sprint(err) != fmt.Sprint(rerr) || !strings.Contains(err.Error(), "line 101") {
		t.Errorf("error %v, want Read's %v", err, rerr)
	}
}

// check says whether it failed on bytes that are not UTF-8, the one failure after which the
// file is tried as GB18030: a valid UTF-8 file cut short while it was read (an editor saving
// it again) or with a NUL byte is not.
func TestCheckSaysWhyItFailed(t *testing.T) {
	for _, c := range []struct {
		text     string
		extra    int64 // bytes the file is said to have beyond text
		ok, not8 bool
	}{
		{"记者：你好。\n", 0, true, false},
		{"记者：你好。\n", 10, false, false},
		{"记者：\x00你好。\n", 0, false, false},
		{"记者：\xc4\xe3\xba\xc3\n", 0, false, true},
	} {
		src := &fileSource{f: strings.NewReader(c.text), size: int64(len(c.text)) + c.extra}
		if ok := src.check(); ok != c.ok || src.notUTF8 != c.not8 {
			t.Errorf("%q (+%d bytes): check %v, notUTF8 %v; want %v, %v", c.text, c.extra, ok, src.notUTF8, c.ok, c.not8)
		}
	}
}
