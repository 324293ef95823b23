package analysis

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/turncoder/turncoder/coding/say"
)

// MaxContext is the most turns of context a retrieval shows either side of a turn.
const MaxContext = 50

// Query asks for the turns with a code, or a combination: Code and every one of And, none of
// Not ("referral and not deflection"). It is asked of each coder's codes on a turn.
type Query struct {
	Code string   // a code's name, Chinese label or id
	And  []string // codes the turn must have too
	Not  []string // codes it must not have
	// Context is the number of turns shown either side of each turn found (0 to MaxContext),
	// from the same document and section, turns out of scope included.
	Context int
	// Search keeps only the turns whose text holds it, in any case and width (ｃｌｂ finds
	// CLB); "" keeps every turn.
	Search string
}

// String is the query in words: "referral and admission, not deflection, with text “…”".
func (q Query) String() string {
	s := q.Code
	if len(q.And) > 0 {
		s += " and " + strings.Join(q.And, " and ")
	}
	if len(q.Not) > 0 {
		s += ", not " + strings.Join(q.Not, " or ")
	}
	if q.Search != "" {
		s += ", with text “" + q.Search + "”"
	}
	return s
}

// Hit is one turn found.
type Hit struct {
	Turn   int      // an index into Data.Turns
	Coders []string // the coders whose codes on the turn answer the query
	Before []int    // the turns of context before it, in order (indices into Data.Turns)
	After  []int    // and after it
}

// Retrieval is what a query found, in the order of documents and turns.
type Retrieval struct {
	Query Query
	Who   Who
	Hits  []Hit
}

// Retrieve finds every turn in scope that one coder's codes answer q with: each of q.Code and
// q.And, none of q.Not; with q.Search, only those whose text holds it. An unknown code, a code
// both required and excluded and a context out of range are errors in one sentence.
func (d *Data) Retrieve(q Query) (*Retrieval, error) {
	if q.Context < 0 || q.Context > MaxContext {
		return nil, say.Errorf("the context is 0 to %d turns either side, not %d", MaxContext, q.Context)
	}
	if strings.TrimSpace(q.Code) == "" {
		return nil, say.Errorf("a retrieval needs a code")
	}
	want := map[int]bool{}
	var need, avoid []int
	for _, name := range append([]string{q.Code}, q.And...) {
		k, err := d.CodeIndex(name)
		if err != nil {
			return nil, err
		}
		if !want[k] {
			want[k] = true
			need = append(need, k)
		}
	}
	for _, name := range q.Not {
		k, err := d.CodeIndex(name)
		if err != nil {
			return nil, err
		}
		if want[k] {
			return nil, say.Errorf("code %q is both asked for and excluded", name)
		}
		avoid = append(avoid, k)
	}
	search := fold(q.Search)
	r := &Retrieval{Query: q, Who: d.in.Who}
	for t := range d.in.Turns {
		tu := &d.in.Turns[t]
		if !tu.InScope || d.start[t] == d.start[t+1] {
			continue
		}
		coders := d.answering(t, need, avoid)
		if len(coders) == 0 || (search != "" && !strings.Contains(fold(tu.Text), search)) {
			continue
		}
		h := Hit{Turn: t, Coders: coders}
		b := d.block[t]
		from, to := int(d.blockStart[b]), int(d.blockStart[b+1])
		for u := max(from, t-q.Context); u < t; u++ {
			h.Before = append(h.Before, u)
		}
		for u := t + 1; u < min(to, t+1+q.Context); u++ {
			h.After = append(h.After, u)
		}
		r.Hits = append(r.Hits, h)
	}
	return r, nil
}

// answering lists the coders whose codes on turn t include every code of need and none of
// avoid.
func (d *Data) answering(t int, need, avoid []int) []string {
	var out []string
	es := d.codings(t)
	for i := 0; i < len(es); {
		j := i
		for j < len(es) && es[j]>>32 == es[i]>>32 {
			j++
		}
		if holdsAll(es[i:j], need) && !holdsAny(es[i:j], avoid) {
			out = append(out, d.in.Coders[es[i]>>32])
		}
		i = j
	}
	return out
}

func holds(es []uint64, k int) bool {
	for _, e := range es {
		if int(uint32(e)) == k {
			return true
		}
	}
	return false
}

func holdsAll(es []uint64, ks []int) bool {
	for _, k := range ks {
		if !holds(es, k) {
			return false
		}
	}
	return true
}

func holdsAny(es []uint64, ks []int) bool {
	for _, k := range ks {
		if holds(es, k) {
			return true
		}
	}
	return false
}

// fold is text as a search compares it: NFKC (full-width letters and digits as ASCII), in
// lower case.
func fold(s string) string { return strings.ToLower(norm.NFKC.String(s)) }
