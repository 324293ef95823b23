package refi

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
)

// TestCountingChosenFromTheSelections: the same words selected in a CRLF text with emoji, their
// positions counted the standard's way, as ATLAS.ti does (CRLF one), as NVivo for Windows does
// (UTF-16, CRLF two) and as NVivo for Mac does (UTF-16): each file's counting is found from
// where its selections fall, and the words are found in each.
func TestCountingChosenFromTheSelections(t *testing.T) {
	raw := "Ana: Good morning 😀 to you.\r\nBo: Morning! 🎉🎉 Coffee?\r\nAna: Tea, please, with milk.\r\nBo: Coming up 👍 right away.\r\n"
	words := []string{"Good morning", "Coffee?", "Tea, please, with milk.", "Coming up", "right away."}
	norm := strings.ReplaceAll(raw, "\r\n", "\n")
	for _, c := range countings {
		var spans []span
		for _, w := range words {
			i := strings.Index(raw, w)
			before := raw[:i]
			if !c.crlfTwo {
				before = strings.ReplaceAll(before, "\r\n", "\n")
			}
			n := utf8.RuneCountInString(before)
			size := utf8.RuneCountInString(w)
			if c.utf16 {
				n, size = len(utf16.Encode([]rune(before))), len(utf16.Encode([]rune(w)))
			}
			spans = append(spans, span{n, n + size})
		}
		tx := newText(raw)
		got, m := tx.choose(spans)
		if got != c {
			t.Errorf("selections counted %+v were taken as counted %+v", c, got)
		}
		for k, s := range spans {
			if w := tx.slice(m.rune(s.start), m.rune(s.end)); w != words[k] {
				t.Errorf("counted %+v: %q, want %q", c, w, words[k])
			}
		}
		if tx.s != norm {
			t.Errorf("the text is %q", tx.s)
		}
	}
}

// TestItemSpans: an item runs from the start of its line to the start of the next item's line;
// items on one line share it; a selection codes the turns it overlaps, white space at its
// edges left out.
func TestItemSpans(t *testing.T) {
	tx := newText("Call 1\nA: one\ntwo wrapped\nB: three (a note) four\n\nA: five")
	items := []coding.Item{
		{Kind: coding.KindHeader, Line: 1},
		{Kind: coding.KindTurn, Line: 2},
		{Kind: coding.KindTurn, Line: 4},
		{Kind: coding.KindNote, Line: 4},
		{Kind: coding.KindTurn, Line: 6},
	}
	spans := tx.itemSpans(items)
	want := []span{{0, 7}, {7, 26}, {26, 50}, {26, 50}, {50, 57}}
	for i := range want {
		if spans[i] != want[i] {
			t.Errorf("item %d spans %v, want %v", i, spans[i], want[i])
		}
	}
	for _, c := range []struct {
		a, b int
		want []int
	}{
		{10, 13, []int{1}},       // "one"
		{14, 25, []int{1}},       // "two wrapped", the turn's second line
		{13, 27, []int{1, 2, 3}}, // across the line break into B's line (its turn and its note)
		{24, 27, []int{1, 2, 3}}, // the last letter of one turn and the first of the next
		{24, 26, []int{1}},       // "d" and the line break after it: the break is left out
		{26, 26, []int{2, 3}},    // an empty selection stands in B's line
		{48, 52, []int{4}},       // "\n\nA:" begins in blank lines: the white space is left out
		{0, 6, []int{0}},         // the heading
		{0, 57, []int{0, 1, 2, 3, 4}},
	} {
		if got := tx.overlapped(spans, c.a, c.b); !equalInts(got, c.want) {
			t.Errorf("[%d, %d) %q overlaps %v, want %v", c.a, c.b, tx.slice(c.a, c.b), got, c.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
