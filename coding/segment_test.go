package coding

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
)

// callItems is the start of the first call of the demo (seeds/000_…), as the turns reader
// makes it, with times added to two turns and an English exchange after a note.
func callItems() []Item {
	return []Item{
		{Kind: KindNote, Text: "——2019年 3月 24 日，山东省东营市……"},
		{Kind: KindHeader, Text: "第一通电话：东营市总工会办公室"},
		{Kind: KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂？", Line: 9},                                                                           // 1
		{Kind: KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。", Line: 11, Timed: true, Start: 2 * time.Second, End: 4 * time.Second},      // 2
		{Kind: KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂，您好，请问是东营市总工会吗？", Line: 13, Timed: true, Start: 5 * time.Second, End: 9 * time.Second}, // 3
		{Kind: KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "哪里？", Line: 15},                                                                   // 4
		{Kind: KindNote, Text: "（电话被挂断）"},
		{Kind: KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "我这是中国劳工通讯。", Line: 17}, // 5
		{Kind: KindHeader, Text: "第二通电话"},
		{Kind: KindTurn, Speaker: "Travis", Label: "Travis", Text: "So the union never", Line: 30}, // 6
		{Kind: KindTurn, Speaker: "Note", Label: "Note", Text: "heard about it?", Line: 31},        // 7
	}
}

func apply(t *testing.T, items []Item, e Edit) []Item {
	t.Helper()
	out, err := e.Apply(items)
	if err != nil {
		t.Fatalf("%s: %v", e.Describe("call"), err)
	}
	return out
}

func refusal(t *testing.T, items []Item, e Edit) string {
	t.Helper()
	before := append([]Item(nil), items...)
	out, err := e.Apply(items)
	if err == nil {
		t.Fatalf("%s was not refused: %v", e.Describe("call"), out)
	}
	var ee *EditError
	if !errors.As(err, &ee) {
		t.Fatalf("%s: %T %v, want an *EditError", e.Describe("call"), err, err)
	}
	if !reflect.DeepEqual(items, before) {
		t.Errorf("the refused edit changed its input")
	}
	ee.Document = "call"
	return ee.Error()
}

func texts(items []Item) []string {
	var out []string
	for _, it := range items {
		s := it.Kind.String() + ":" + it.Text
		if it.Speaker != "" {
			s = it.Kind.String() + ":" + it.Speaker + ":" + it.Text
		}
		out = append(out, s)
	}
	return out
}

func TestJoinTurns(t *testing.T) {
	items := callItems()
	out := apply(t, items, Edit{Kind: EditJoin, Turn: 2})
	if !reflect.DeepEqual(items, callItems()) {
		t.Error("Apply changed its input")
	}
	if len(out) != len(items)-1 {
		t.Fatalf("%d items, want %d", len(out), len(items)-1)
	}
	got := out[3]
	want := Item{Kind: KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。ＣＬＢ：喂，您好，请问是东营市总工会吗？",
		Line: 11, Timed: true, Start: 2 * time.Second, End: 9 * time.Second}
	if got != want {
		t.Errorf("joined turn %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(out[:3], items[:3]) || !reflect.DeepEqual(out[4:], items[5:]) {
		t.Errorf("items around the join changed: %q", texts(out))
	}

	// Latin: one space; the first turn's speaker; untimed turns stay untimed. Another
	// speaker's label was words of the first's (a false speaker), so it stays in the text.
	out = apply(t, items, Edit{Kind: EditJoin, Turn: 6})
	last := out[len(out)-1]
	if last.Text != "So the union never Note: heard about it?" || last.Speaker != "Travis" || last.Timed {
		t.Errorf("joined %+v", last)
	}
	// One timed, one not: the known bound is kept, the other unknown.
	out = apply(t, items, Edit{Kind: EditJoin, Turn: 3})
	if j := out[4]; !j.Timed || j.Start != 5*time.Second || j.End != UnknownTime || j.Text != "喂，您好，请问是东营市总工会吗？东营市总工会：哪里？" {
		t.Errorf("joined %+v", j)
	}
}

func TestJoinRefusals(t *testing.T) {
	items := callItems()
	for _, c := range []struct {
		turn int
		want string
	}{
		{4, "turn 4 of call cannot be joined with the next turn: the note “（电话被挂断）” stands between it and the next turn; a note keeps the turns around it apart"},
		{5, "turn 5 of call cannot be joined with the next turn: the section “第二通电话” starts between it and the next turn, and a turn belongs to one section"},
		{7, "turn 7 of call cannot be joined with the next turn: it is the last turn of the document"},
		{8, "turn 8 of call cannot be joined with the next turn: there is no turn 8 (the document has 7 turns)"},
		{0, "turn 0 of call cannot be joined with the next turn: there is no turn 0 (the document has 7 turns)"},
	} {
		if got := refusal(t, items, Edit{Kind: EditJoin, Turn: c.turn}); got != c.want {
			t.Errorf("join %d: %q\nwant %q", c.turn, got, c.want)
		}
	}
	if got := refusal(t, items[:2], Edit{Kind: EditJoin, Turn: 1}); !strings.HasSuffix(got, ": the document has no turns") {
		t.Errorf("no turns: %q", got)
	}
}

func TestSplitTurn(t *testing.T) {
	items := callItems()
	// "喂，您好，请问是东营市总工会吗？": five characters go into the first part.
	out := apply(t, items, Edit{Kind: EditSplit, Turn: 3, At: 5})
	if len(out) != len(items)+1 {
		t.Fatalf("%d items", len(out))
	}
	a, b := out[4], out[5]
	if a.Text != "喂，您好，" || b.Text != "请问是东营市总工会吗？" || a.Speaker != "CLB" || b.Speaker != "CLB" || a.Label != "ＣＬＢ" || b.Label != "ＣＬＢ" {
		t.Errorf("parts %+v %+v", a, b)
	}
	if !a.Timed || a.Start != 5*time.Second || a.End != UnknownTime || !b.Timed || b.Start != UnknownTime || b.End != 9*time.Second {
		t.Errorf("times %v–%v and %v–%v: the first keeps the start, the second the end", a.Start, a.End, b.Start, b.End)
	}
	if !reflect.DeepEqual(out[:4], items[:4]) || !reflect.DeepEqual(out[6:], items[5:]) {
		t.Errorf("items around the split changed: %q", texts(out))
	}
	// Joining the parts again gives the turn back, times included.
	if back := apply(t, out, Edit{Kind: EditJoin, Turn: 3}); !reflect.DeepEqual(back, items) {
		t.Errorf("split then join: %q", texts(back))
	}

	// Latin, cut at a space: both parts trimmed; untimed parts stay untimed.
	latin := []Item{{Kind: KindTurn, Speaker: "Travis", Label: "Travis", Text: "So the union never heard. Did they?"}}
	for _, at := range []int{25, 26} {
		out = apply(t, latin, Edit{Kind: EditSplit, Turn: 1, At: at})
		if len(out) != 2 || out[0].Text != "So the union never heard." || out[1].Text != "Did they?" || out[0].Timed || out[1].Timed {
			t.Errorf("split at %d: %+v", at, out)
		}
		if back := apply(t, out, Edit{Kind: EditJoin, Turn: 1}); !reflect.DeepEqual(back, latin) {
			t.Errorf("split at %d then join: %+v", at, back)
		}
	}
	// Characters, not bytes: each Han character is one, whatever its UTF-8 length (𠮷 is four bytes).
	wide := []Item{{Kind: KindTurn, Speaker: "A", Text: "𠮷野家。好的"}}
	if out := apply(t, wide, Edit{Kind: EditSplit, Turn: 1, At: 4}); out[0].Text != "𠮷野家。" || out[1].Text != "好的" {
		t.Errorf("split at character 4: %q", texts(out))
	}
}

func TestSplitRefusals(t *testing.T) {
	items := callItems()
	for _, c := range []struct {
		turn, at int
		want     string
	}{
		{3, 0, "turn 3 of call cannot be split at character 0: the turn has 16 characters, so it can be split at character 1 to 15"},
		{3, 16, "turn 3 of call cannot be split at character 16: the turn has 16 characters, so it can be split at character 1 to 15"},
		{3, -2, "turn 3 of call cannot be split at character -2: the turn has 16 characters"},
		{9, 1, "turn 9 of call cannot be split at character 1: there is no turn 9 (the document has 7 turns)"},
	} {
		if got := refusal(t, items, Edit{Kind: EditSplit, Turn: c.turn, At: c.at}); !strings.HasPrefix(got, c.want) {
			t.Errorf("split %d at %d: %q\nwant %q", c.turn, c.at, got, c.want)
		}
	}
	short := []Item{{Kind: KindTurn, Speaker: "A", Text: "嗯"}}
	if got := refusal(t, short, Edit{Kind: EditSplit, Turn: 1, At: 1}); got != "turn 1 of call cannot be split at character 1: the turn has 1 character, too few to make two turns" {
		t.Errorf("one character: %q", got)
	}
	spaced := []Item{{Kind: KindTurn, Speaker: "A", Text: "  \u3000好的，谢谢。  "}}
	if got := refusal(t, spaced, Edit{Kind: EditSplit, Turn: 1, At: 3}); got != "turn 1 of call cannot be split at character 3: the first 3 characters of the turn are only spaces, and a turn needs text" {
		t.Errorf("leading spaces: %q", got)
	}
	if got := refusal(t, spaced, Edit{Kind: EditSplit, Turn: 1, At: 9}); got != "turn 1 of call cannot be split at character 9: only spaces follow character 9, and a turn needs text" {
		t.Errorf("trailing spaces: %q", got)
	}
}

func TestSetSpeaker(t *testing.T) {
	items := callItems()
	// A false speaker: "Note" is Travis going on.
	out := apply(t, items, Edit{Kind: EditSpeaker, Turn: 7, Label: "  Travis "})
	if got := out[len(out)-1]; got.Speaker != "Travis" || got.Label != "Travis" || got.Text != "heard about it?" {
		t.Errorf("turn 7 %+v", got)
	}
	// Normalised as every label is: full-width letters, runs of spaces.
	out = apply(t, items, Edit{Kind: EditSpeaker, Turn: 4, Label: "ＣＬＢ"})
	if got := out[5]; got.Speaker != "CLB" || got.Text != "哪里？" {
		t.Errorf("turn 4 %+v", got)
	}
	out = apply(t, items, Edit{Kind: EditSpeaker, Turn: 4, Label: "东营市  总工会\u3000办公室"})
	if got := out[5]; got.Speaker != "东营市 总工会 办公室" {
		t.Errorf("turn 4 speaker %q", got.Speaker)
	}
	// The speaker it has: nothing changes.
	if out := apply(t, items, Edit{Kind: EditSpeaker, Turn: 1, Label: "ＣＬＢ"}); !reflect.DeepEqual(out, items) {
		t.Errorf("giving turn 1 its own speaker changed it: %q", texts(out))
	}
	for _, c := range []struct {
		label, want string
	}{
		{"  \u3000 ", "turn 4 of call cannot be given an empty speaker label"},
		{"A\x00B", "turn 4 of call cannot be given the speaker \"A\uFFFDB\": a speaker label cannot hold control characters"},
		{strings.Repeat("长", 201), "a speaker label has at most 200 characters"},
	} {
		if got := refusal(t, items, Edit{Kind: EditSpeaker, Turn: 4, Label: c.label}); !strings.Contains(got, c.want) {
			t.Errorf("label %q: %q, want %q", c.label, got, c.want)
		}
	}
}

func TestMakeNote(t *testing.T) {
	items := callItems()
	out := apply(t, items, Edit{Kind: EditNote, Turn: 2})
	if len(out) != len(items) {
		t.Fatalf("%d items", len(out))
	}
	// The label as the source wrote it, with the full-width colon Chinese transcripts use; no times.
	if got := out[3]; got != (Item{Kind: KindNote, Text: "东营市总工会：喂，您好。", Line: 11}) {
		t.Errorf("note %+v", got)
	}
	if got := apply(t, items, Edit{Kind: EditNote, Turn: 1})[2]; got.Text != "ＣＬＢ：喂？" {
		t.Errorf("note %q", got.Text)
	}
	if got := apply(t, items, Edit{Kind: EditNote, Turn: 7})[10]; got.Text != "Note: heard about it?" || got.Kind != KindNote {
		t.Errorf("Latin note %+v", got)
	}
	turns := 0
	for _, it := range out {
		if it.Kind == KindTurn {
			turns++
		}
	}
	if turns != 6 {
		t.Errorf("%d turns after making one a note, want 6", turns)
	}
	// A prose paragraph has no speaker: its text alone.
	prose := []Item{{Kind: KindTurn, Text: "第一条 为了……"}, {Kind: KindTurn, Text: "第二条"}}
	if got := apply(t, prose, Edit{Kind: EditNote, Turn: 1}); got[0].Text != "第一条 为了……" || got[0].Kind != KindNote {
		t.Errorf("prose note %+v", got[0])
	}
	if got := refusal(t, items, Edit{Kind: EditNote, Turn: 12}); got != "turn 12 of call cannot be made a note: there is no turn 12 (the document has 7 turns)" {
		t.Errorf("%q", got)
	}
}

func TestJoinText(t *testing.T) {
	for _, c := range [][3]string{
		{"喂，您好，", "请问是工会吗？", "喂，您好，请问是工会吗？"},
		{"So the union ", " never heard", "So the union never heard"},
		{"我们说OK", "好吧", "我们说OK好吧"},
		{"He said", "“没有”", "He said“没有”"},
		{"well-", "known", "well- known"}, // two turns, not a word broken at a line's end
		{"", "ok", "ok"},
	} {
		if got := JoinText(c[0], c[1]); got != c[2] {
			t.Errorf("JoinText(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, c := range []struct {
		e    Edit
		want string
	}{
		{Edit{Kind: EditJoin, Turn: 4}, "join turns 4 and 5 of 000_x"},
		{Edit{Kind: EditSplit, Turn: 7, At: 23}, "split turn 7 of 000_x at character 23"},
		{Edit{Kind: EditSpeaker, Turn: 2, Label: "ＣＬＢ"}, `give turn 2 of 000_x the speaker "CLB"`},
		{Edit{Kind: EditNote, Turn: 9}, "make turn 9 of 000_x a note"},
	} {
		if got := c.e.Describe("000_x"); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}

// TestIsWideAgreesWithTheScripts checks IsWide's fast paths (Latin text, the CJK ideographs)
// against the rule they shortcut, for every code point.
func TestIsWideAgreesWithTheScripts(t *testing.T) {
	byScripts := func(r rune) bool {
		switch {
		case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
			unicode.Is(unicode.Hangul, r):
			return true
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			return true
		case r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—' || r == '·':
			return true
		}
		return false
	}
	wide := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got := IsWide(r); got != byScripts(r) {
			t.Fatalf("IsWide(%U) = %v, the scripts say %v", r, got, !got)
		} else if got {
			wide++
		}
	}
	if wide < 90000 || IsWide('a') || !IsWide('中') || !IsWide('·') || !IsWide('한') {
		t.Errorf("%d wide code points; a, 中, ·, 한: %v %v %v %v", wide, IsWide('a'), IsWide('中'), IsWide('·'), IsWide('한'))
	}
}
