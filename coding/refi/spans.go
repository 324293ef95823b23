package refi

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Positions in a text source. The standard counts Unicode code points from 0, end exclusive.
// Real exporters differ: ATLAS.ti counts a CRLF line break as one character, NVivo (for Windows
// and for Mac) counts UTF-16 code units, so a character outside the Basic Multilingual Plane
// (an emoji) counts two, and a CRLF two. The reader works on the text with every line break
// made "\n" (as coding/transcript reads it) and maps each file's positions onto it by the
// counting that fits the file's selections best.

// counting is one way of counting positions in a text.
type counting struct {
	utf16   bool // UTF-16 code units rather than code points
	crlfTwo bool // a CRLF is two positions rather than one
}

// countings are the ways tried, best first when they fit equally well: the standard's code
// points with a CRLF as one (as ATLAS.ti counts), then the others.
var countings = []counting{{false, false}, {false, true}, {true, false}, {true, true}}

// Describe says how positions were counted, for the report; "" for the standard's way.
func (c counting) describe(hasCRLF bool) error {
	switch {
	case c.utf16 && c.crlfTwo && hasCRLF:
		return say.Errorf("positions counted in UTF-16 units, a line break as two (as NVivo for Windows writes them)")
	case c.utf16:
		return say.Errorf("positions counted in UTF-16 units, an emoji as two (as NVivo writes them)")
	case c.crlfTwo && hasCRLF:
		return say.Errorf("positions counted with a line break as two characters (CR and LF)")
	}
	return nil
}

// text is a source's text with every line break made "\n", and how to reach its runes.
type text struct {
	s     string
	runes int
	// every 256th rune's byte offset, to find a rune without decoding from the start
	marks []int
	// lineStart[k] is the rune offset where line k (0-based) starts
	lineStart []int
	hasCRLF   bool
	raw       string // the text as the file has it, line breaks untouched
}

const markEvery = 256

// newText normalises raw's line breaks (CRLF and a lone CR become "\n") and indexes it.
func newText(raw string) *text {
	t := &text{raw: raw}
	b := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' {
			if i+1 < len(raw) && raw[i+1] == '\n' {
				t.hasCRLF = true
				i++
			}
			b = append(b, '\n')
			continue
		}
		b = append(b, raw[i])
	}
	t.s = string(b)
	t.lineStart = []int{0}
	n := 0
	for i, r := range t.s {
		if n%markEvery == 0 {
			t.marks = append(t.marks, i)
		}
		n++
		if r == '\n' {
			t.lineStart = append(t.lineStart, n)
		}
	}
	t.runes = n
	return t
}

// at is the rune at rune offset i (0 ≤ i < runes).
func (t *text) at(i int) rune {
	off := t.marks[i/markEvery]
	for k := i % markEvery; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[off:])
		off += size
	}
	r, _ := utf8.DecodeRuneInString(t.s[off:])
	return r
}

// slice is the text between rune offsets a and b.
func (t *text) slice(a, b int) string {
	return t.s[t.byteAt(a):t.byteAt(b)]
}

func (t *text) byteAt(i int) int {
	if i >= t.runes {
		return len(t.s)
	}
	off := t.marks[i/markEvery]
	for k := i % markEvery; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[off:])
		off += size
	}
	return off
}

// unitMap maps positions counted one way onto rune offsets of the normalised text.
type unitMap struct {
	// from unit marks[k].unit on, rune = marks[k].rune + (unit - marks[k].unit)
	marks []unitMark
	units int
}

type unitMark struct{ unit, rune int }

// mapOf is how positions counted by c fall on t's runes.
func (t *text) mapOf(c counting) unitMap {
	m := unitMap{marks: []unitMark{{0, 0}}}
	u, n := 0, 0
	raw := t.raw
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		switch {
		case r == '\r' && i+1 < len(raw) && raw[i+1] == '\n':
			i += 2
			if c.crlfTwo {
				// the CR and the LF both fall on the one "\n"
				m.marks = append(m.marks, unitMark{u + 1, n})
				u += 2
			} else {
				u++
			}
			n++
			continue
		case c.utf16 && r > 0xFFFF:
			m.marks = append(m.marks, unitMark{u + 1, n})
			u += 2
		default:
			u++
		}
		n++
		i += size
	}
	m.units = u
	return m
}

// rune is the rune offset of position u (0 ≤ u ≤ units).
func (m unitMap) rune(u int) int {
	k := sort.Search(len(m.marks), func(k int) bool { return m.marks[k].unit > u }) - 1
	mk := m.marks[k]
	return mk.rune + (u - mk.unit)
}

// boundary reports whether rune offset i of t is where a person's selection would begin or
// end: the edge of the text, or next to a space, punctuation or a line break.
func (t *text) boundary(i int) bool {
	if i <= 0 || i >= t.runes {
		return true
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	return !word(t.at(i-1)) || !word(t.at(i))
}

// span is a selection's positions as the file gives them.
type span struct{ start, end int }

// choose is the counting that fits the selections of a source best: fewest selections out of
// the text, then most ends on a boundary between words; countings that cannot differ on this
// text are not tried.
func (t *text) choose(spans []span) (counting, unitMap) {
	best, bestMap := countings[0], t.mapOf(countings[0])
	if len(spans) == 0 {
		return best, bestMap
	}
	astral := false
	for _, r := range t.raw {
		if r > 0xFFFF {
			astral = true
			break
		}
	}
	score := func(m unitMap) (out, good int) {
		for _, s := range spans {
			if s.start < 0 || s.end < s.start || s.end > m.units {
				out++
				continue
			}
			if t.boundary(m.rune(s.start)) {
				good++
			}
			if t.boundary(m.rune(s.end)) {
				good++
			}
		}
		return out, good
	}
	bestOut, bestGood := score(bestMap)
	for _, c := range countings[1:] {
		if (c.utf16 && !astral) || (c.crlfTwo && !t.hasCRLF) {
			continue
		}
		m := t.mapOf(c)
		out, good := score(m)
		if out < bestOut || (out == bestOut && good > bestGood) {
			best, bestMap, bestOut, bestGood = c, m, out, good
		}
	}
	return best, bestMap
}

// itemSpans gives each item of a document read from t the runes it covers: from the start of
// its line to the start of the next item's line (items that begin on the same line share
// their span), the last one to the end of the text. An item whose line is unknown (0) or out
// of order starts on the line of the item before it.
func (t *text) itemSpans(items []coding.Item) []span {
	spans := make([]span, len(items))
	last := 0
	for i, it := range items {
		start := last
		if it.Line > 0 && it.Line <= len(t.lineStart) && t.lineStart[it.Line-1] >= last {
			start = t.lineStart[it.Line-1]
		}
		spans[i].start, last = start, start
	}
	end := t.runes
	for i := len(items) - 1; i >= 0; i-- {
		spans[i].end = end
		if i > 0 && spans[i-1].start < spans[i].start {
			end = spans[i].start
		}
	}
	return spans
}

// overlapped is the indexes of the items whose spans a selection of runes [a, b) overlaps,
// once the white space at its edges is left out; an empty selection overlaps the item it
// stands in.
func (t *text) overlapped(spans []span, a, b int) []int {
	for a < b && unicode.IsSpace(t.at(a)) {
		a++
	}
	for b > a && unicode.IsSpace(t.at(b-1)) {
		b--
	}
	first := sort.Search(len(spans), func(i int) bool { return spans[i].end > a })
	var out []int
	for i := first; i < len(spans); i++ {
		s := spans[i]
		if a == b {
			if s.start <= a && a < s.end {
				out = append(out, i)
				continue
			}
			break
		}
		if s.start >= b {
			break
		}
		if s.start < s.end {
			out = append(out, i)
		}
	}
	return out
}
