package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// The small project every test counts by hand. Two documents; the first has two sections
// (two calls), in which CLB (the interviewer, out of scope) asks and two offices answer; the
// second is prose.
//
//	t  doc §   #  speaker  in scope  ana              bo
//	0  D1  S1  1  CLB      no        (referral: out of scope, ignored)
//	1  D1  S1  2  工会A    yes       referral, deflection (referral twice)   referral
//	2  D1  S1  3  CLB      no
//	3  D1  S1  4  工会B    yes       admission        referral, admission
//	4  D1  S2  5  CLB      no
//	5  D1  S2  6  工会A    yes       deflection       deflection
//	6  D2  —   1  (prose)  yes       referral         admission
//	7  D2  —   2  (prose)  yes
const (
	referral = iota
	deflection
	admission
)

func fixtureTurns() []Turn {
	t := func(doc, title, section string, n int, speaker string, role coding.Role, text string, in bool) Turn {
		return Turn{ID: doc + "-" + string(rune('0'+n)), DocumentID: doc, Document: title, Section: section, Number: n,
			Speaker: speaker, Role: role, Text: text, InScope: in}
	}
	return []Turn{
		t("D1", "Calls", "S1", 1, "CLB", coding.RoleInterviewer, "喂？你好", false),
		t("D1", "Calls", "S1", 2, "工会A", coding.RoleRespondent, "你去找社保局，ＣＬＢ", true),
		t("D1", "Calls", "S1", 3, "CLB", coding.RoleInterviewer, "那工会呢？", false),
		t("D1", "Calls", "S1", 4, "工会B", coding.RoleRespondent, "我们知道这个情况", true),
		t("D1", "Calls", "S2", 5, "CLB", coding.RoleInterviewer, "喂？", false),
		t("D1", "Calls", "S2", 6, "工会A", coding.RoleRespondent, "不归我们管", true),
		t("D2", "Policy", "", 1, "", "", "工会应当维护职工权益。", true),
		t("D2", "Policy", "", 2, "", "", "Unions shall protect workers.", true),
	}
}

func fixtureCodes() []coding.Code {
	return []coding.Code{{ID: "c1", Name: "referral", NameZH: "转介", Colour: "#ff0000"}, {ID: "c2", Name: "deflection"}, {ID: "c3", Name: "admission"}}
}

// allCoders is the fixture with both coders' codings.
func allCoders(t *testing.T) *Data {
	t.Helper()
	const ana, bo = 0, 1
	in := Input{Who: Who{Kind: AllCoders}, Turns: fixtureTurns(), Codes: fixtureCodes(), Coders: []string{"ana", "bo"},
		Codings: []Coding{
			{0, ana, referral},
			{1, ana, deflection}, {1, ana, referral}, {1, bo, referral}, {1, ana, referral},
			{3, bo, admission}, {3, ana, admission}, {3, bo, referral},
			{5, ana, deflection}, {5, bo, deflection},
			{6, ana, referral}, {6, bo, admission},
		},
		Memos: []Memo{{3, bo, "admits knowing"}, {1, ana, "sends them away"}, {1, bo, "  "}},
	}
	d, err := New(in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// anaOnly is the fixture with ana's codings alone.
func anaOnly(t *testing.T) *Data {
	t.Helper()
	in := Input{Who: Who{Kind: OneCoder, Coder: "ana"}, Turns: fixtureTurns(), Codes: fixtureCodes(), Coders: []string{"ana"},
		Codings: []Coding{{1, 0, referral}, {1, 0, deflection}, {3, 0, admission}, {5, 0, deflection}, {6, 0, referral}}}
	d, err := New(in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func checkMatrix(t *testing.T, m *Matrix, labels []string, turns []int, counts [][]int) {
	t.Helper()
	var gotLabels []string
	var gotTurns []int
	for _, c := range m.Columns {
		gotLabels = append(gotLabels, c.Label)
		gotTurns = append(gotTurns, c.Turns)
	}
	if !slices.Equal(gotLabels, labels) || !slices.Equal(gotTurns, turns) {
		t.Errorf("%s: columns %q with %v turns, want %q with %v", m.By, gotLabels, gotTurns, labels, turns)
	}
	total := 0
	for k := range counts {
		if !slices.Equal(m.Counts[k], counts[k]) {
			t.Errorf("%s: %s %v, want %v", m.By, m.Codes[k], m.Counts[k], counts[k])
		}
		sum := 0
		for _, c := range counts[k] {
			sum += c
		}
		if m.RowTotals[k] != sum {
			t.Errorf("%s: %s total %d, want %d", m.By, m.Codes[k], m.RowTotals[k], sum)
		}
		total += sum
	}
	for g := range labels {
		sum := 0
		for k := range counts {
			sum += counts[k][g]
		}
		if m.ColumnTotals[g] != sum {
			t.Errorf("%s: column %d total %d, want %d", m.By, g, m.ColumnTotals[g], sum)
		}
	}
	if m.Total != total {
		t.Errorf("%s: total %d, want %d", m.By, m.Total, total)
	}
}

func TestMatrixAllCoders(t *testing.T) {
	d := allCoders(t)
	if d.TurnsInScope() != 5 || d.Codings() != 10 {
		t.Errorf("%d turns in scope, %d codings; want 5 and 10 (the repeated and the out-of-scope coding left out)", d.TurnsInScope(), d.Codings())
	}
	m, err := d.Matrix(BySpeaker)
	if err != nil {
		t.Fatal(err)
	}
	// A turn two coders gave referral counts twice.
	checkMatrix(t, m, []string{"工会A", "工会B", ""}, []int{2, 1, 2}, [][]int{{2, 1, 1}, {3, 0, 0}, {0, 2, 1}})
	if got := m.Turns(referral, 0); !slices.Equal(got, []int{1}) {
		t.Errorf("referral × 工会A: turns %v, want [1] (two codings, one turn)", got)
	}
	if got := m.Turns(deflection, 0); !slices.Equal(got, []int{1, 5}) {
		t.Errorf("deflection × 工会A: turns %v", got)
	}
	if got := m.ColumnTurns(2); !slices.Equal(got, []int{6, 7}) {
		t.Errorf("prose turns %v", got)
	}
	if s, ok := m.RowShare(referral, 0); !ok || s != 0.5 {
		t.Errorf("row share %v %v, want 2/4", s, ok)
	}
	if s, ok := m.ColumnShare(deflection, 0); !ok || s != 0.6 {
		t.Errorf("column share %v %v, want 3/5", s, ok)
	}
	if got := []string{m.ColumnName(0), m.ColumnName(2)}; !slices.Equal(got, []string{"工会A", "(no speaker)"}) {
		t.Errorf("names %q", got)
	}

	m, _ = d.Matrix(ByRole)
	checkMatrix(t, m, []string{"respondent", ""}, []int{3, 2}, [][]int{{3, 1}, {3, 0}, {2, 1}})
	m, _ = d.Matrix(ByDocument)
	checkMatrix(t, m, []string{"Calls", "Policy"}, []int{3, 2}, [][]int{{3, 1}, {3, 0}, {2, 1}})
	m, _ = d.Matrix(BySection)
	checkMatrix(t, m, []string{"S1", "S2", ""}, []int{2, 1, 2}, [][]int{{3, 0, 1}, {1, 2, 0}, {2, 0, 1}})
	if got := m.ColumnName(2); got != "(no section) (Policy)" {
		t.Errorf("section name %q", got)
	}
	if got := m.Turns(admission, 0); !slices.Equal(got, []int{3}) {
		t.Errorf("admission × S1: %v", got)
	}
	if _, err := d.Matrix("office"); err == nil || !strings.Contains(err.Error(), "speaker, role, document or section") {
		t.Errorf("unknown dimension: %v", err)
	}
}

func TestMatrixOneCoder(t *testing.T) {
	m, err := anaOnly(t).Matrix(BySpeaker)
	if err != nil {
		t.Fatal(err)
	}
	checkMatrix(t, m, []string{"工会A", "工会B", ""}, []int{2, 1, 2}, [][]int{{1, 0, 1}, {2, 0, 0}, {0, 1, 0}})
	if _, ok := m.ColumnShare(referral, 2); !ok {
		t.Error("the prose column has a coding: its share is defined")
	}
	if !strings.Contains(m.Counted(), "turns given the code by coder ana") {
		t.Errorf("counted: %q", m.Counted())
	}
}

func TestShareUndefined(t *testing.T) {
	in := Input{Who: Who{Kind: AllCoders}, Turns: fixtureTurns(), Codes: fixtureCodes(), Coders: []string{"ana"}}
	d, err := New(in)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := d.Matrix(BySpeaker)
	if _, ok := m.RowShare(0, 0); ok {
		t.Error("a code with no codings has no row share")
	}
	if _, ok := m.ColumnShare(0, 0); ok {
		t.Error("a column with no codings has no column share")
	}
}

func TestCollapse(t *testing.T) {
	m, _ := allCoders(t).Matrix(BySpeaker)
	c := m.Collapse(2, "2 others")
	checkMatrix(t, c, []string{"工会A", "2 others"}, []int{2, 3}, [][]int{{2, 2}, {3, 0}, {0, 3}})
	if c.Columns[1].Merged != 2 || c.ColumnName(1) != "2 others" {
		t.Errorf("merged column %+v", c.Columns[1])
	}
	if got := c.Turns(admission, 1); !slices.Equal(got, []int{3, 6}) {
		t.Errorf("admission × others: %v", got)
	}
	if m.Collapse(3, "x") != m {
		t.Error("a matrix narrow enough is kept")
	}
}

func TestCooccurrence(t *testing.T) {
	d := allCoders(t)
	for _, tc := range []struct {
		window int
		want   [][]int
		turns  map[[2]int][]int
	}{
		// Within a turn: t6's referral (ana) and admission (bo) are two coders' and do not meet.
		{0, [][]int{{3, 1, 1}, {1, 2, 0}, {1, 0, 2}}, map[[2]int][]int{{referral, deflection}: {1}, {referral, admission}: {3}, {deflection, admission}: nil, {admission, admission}: {3, 6}}},
		// t1 and t3 are two numbers apart; t1 and t2 one, and t2 has no codes.
		{1, [][]int{{3, 1, 1}, {1, 2, 0}, {1, 0, 2}}, nil},
		// Two apart, t1 and t3 meet: ana's referral and deflection on t1 with her admission on
		// t3, bo's referral on t1 with his on t3. t3's admission (ana) and t5's deflection (ana)
		// are two apart too, but in another section.
		{2, [][]int{{3, 1, 2}, {1, 2, 2}, {2, 2, 2}}, map[[2]int][]int{{deflection, admission}: {1, 3}, {admission, deflection}: {1, 3}, {referral, admission}: {1, 3}}},
	} {
		c, err := d.Cooccurrence(tc.window)
		if err != nil {
			t.Fatal(err)
		}
		for a := range tc.want {
			if !slices.Equal(c.Counts[a], tc.want[a]) {
				t.Errorf("window %d: %s %v, want %v", tc.window, c.Codes[a], c.Counts[a], tc.want[a])
			}
		}
		for ab, want := range tc.turns {
			if got := c.Turns(ab[0], ab[1]); !slices.Equal(got, want) {
				t.Errorf("window %d: turns of %v: %v, want %v", tc.window, ab, got, want)
			}
		}
	}
	for _, w := range []int{-1, MaxWindow + 1} {
		if _, err := d.Cooccurrence(w); err == nil || !strings.Contains(err.Error(), "window is 0") {
			t.Errorf("window %d: %v", w, err)
		}
	}
}

// The diagonal of a co-occurrence is the turns given the code, and a cell's turns are as many
// as it counts, on random data.
func TestCooccurrenceInvariants(t *testing.T) {
	d := randomData(t, 400, 3, 6, 7)
	for _, w := range []int{0, 1, 3} {
		c, err := d.Cooccurrence(w)
		if err != nil {
			t.Fatal(err)
		}
		for a := range c.Codes {
			withA := 0
			for tu := range d.Turns() {
				if d.Turns()[tu].InScope && d.has(tu, a) {
					withA++
				}
			}
			if c.Counts[a][a] != withA {
				t.Errorf("window %d: diagonal of %s %d, want %d", w, c.Codes[a], c.Counts[a][a], withA)
			}
			for b := range c.Codes {
				if c.Counts[a][b] != c.Counts[b][a] || len(c.Turns(a, b)) != c.Counts[a][b] {
					t.Errorf("window %d: (%d, %d) = %d, (%d, %d) = %d, %d turns", w, a, b, c.Counts[a][b], b, a, c.Counts[b][a], len(c.Turns(a, b)))
				}
			}
		}
		if w == 0 {
			for a := range c.Codes {
				for b := range c.Codes {
					if a == b {
						continue
					}
					r, err := d.Retrieve(Query{Code: c.Codes[a], And: []string{c.Codes[b]}})
					if err != nil {
						t.Fatal(err)
					}
					if len(r.Hits) != c.Counts[a][b] {
						t.Errorf("%s and %s: %d turns retrieved, co-occurrence %d", c.Codes[a], c.Codes[b], len(r.Hits), c.Counts[a][b])
					}
				}
			}
		}
	}
}

// randomData is turns of several documents and sections, some out of scope, with random codes.
func randomData(t testing.TB, turns, coders, codes int, seed uint64) *Data {
	t.Helper()
	x := seed
	rnd := func(n int) int {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(n))
	}
	in := Input{Who: Who{Kind: AllCoders}}
	for j := range coders {
		in.Coders = append(in.Coders, string(rune('a'+j)))
	}
	for k := range codes {
		in.Codes = append(in.Codes, coding.Code{ID: string(rune('A' + k)), Name: "code" + string(rune('A'+k))})
	}
	doc, sec, n := 0, 0, 0
	for i := range turns {
		if rnd(40) == 0 {
			doc, sec, n = doc+1, 0, 0
		} else if rnd(15) == 0 {
			sec++
		}
		n += 1 + rnd(2)
		in.Turns = append(in.Turns, Turn{DocumentID: string(rune('a' + doc)), Document: "doc", Section: string(rune('0' + sec)),
			Number: n, Speaker: string(rune('p' + rnd(4))), InScope: rnd(5) != 0})
		for j := range coders {
			for k := range codes {
				if rnd(4) == 0 {
					in.Codings = append(in.Codings, Coding{int32(i), int32(j), int32(k)})
				}
			}
		}
	}
	d, err := New(in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func hitTurns(r *Retrieval) []int {
	var out []int
	for _, h := range r.Hits {
		out = append(out, h.Turn)
	}
	return out
}

func TestRetrieve(t *testing.T) {
	d := allCoders(t)
	r, err := d.Retrieve(Query{Code: "referral"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitTurns(r); !slices.Equal(got, []int{1, 3, 6}) {
		t.Fatalf("referral: %v", got)
	}
	if !slices.Equal(r.Hits[0].Coders, []string{"ana", "bo"}) || !slices.Equal(r.Hits[1].Coders, []string{"bo"}) {
		t.Errorf("coders %q %q", r.Hits[0].Coders, r.Hits[1].Coders)
	}
	// The Chinese label finds the code too; and B is asked of the same coder's codes.
	r, _ = d.Retrieve(Query{Code: "转介", And: []string{"deflection"}})
	if got := hitTurns(r); !slices.Equal(got, []int{1}) || !slices.Equal(r.Hits[0].Coders, []string{"ana"}) {
		t.Errorf("referral and deflection: %v %+v", got, r.Hits)
	}
	// Not: bo gave t3 referral and admission; ana gave t6 referral alone.
	r, _ = d.Retrieve(Query{Code: "referral", Not: []string{"admission"}, Context: 1})
	if got := hitTurns(r); !slices.Equal(got, []int{1, 6}) {
		t.Fatalf("referral not admission: %v", got)
	}
	if h := r.Hits[0]; !slices.Equal(h.Before, []int{0}) || !slices.Equal(h.After, []int{2}) {
		t.Errorf("context of t1: %v %v (the interviewer's turns, out of scope, are context)", h.Before, h.After)
	}
	if h := r.Hits[1]; len(h.Before) != 0 || !slices.Equal(h.After, []int{7}) {
		t.Errorf("context of t6: %v %v (none across documents)", h.Before, h.After)
	}
	// Context stops at a section's edge: t5 is the last turn of S2, t4 before it.
	r, _ = d.Retrieve(Query{Code: "deflection", Context: 3})
	if h := r.Hits[1]; h.Turn != 5 || !slices.Equal(h.Before, []int{4}) || len(h.After) != 0 {
		t.Errorf("context of t5: %+v", h)
	}
	// The search folds case and width.
	r, _ = d.Retrieve(Query{Code: "referral", Search: "clb"})
	if got := hitTurns(r); !slices.Equal(got, []int{1}) {
		t.Errorf("search: %v", got)
	}
	for _, tc := range []struct {
		q    Query
		want string
	}{
		{Query{Code: "blame"}, `no code "blame" among the codes analysed (referral, deflection, admission)`},
		{Query{Code: "referral", Not: []string{"Referral"}}, `code "Referral" is both asked for and excluded`},
		{Query{Code: "referral", Context: -1}, "the context is 0 to 50 turns either side, not -1"},
		{Query{}, "a retrieval needs a code"},
	} {
		if _, err := d.Retrieve(tc.q); err == nil || err.Error() != tc.want {
			t.Errorf("%+v: %v, want %q", tc.q, err, tc.want)
		}
	}
}

func TestTurnCodesAndMemos(t *testing.T) {
	d := allCoders(t)
	got := d.TurnCodes(1)
	if len(got) != 2 || got[0].Coder != "ana" || !slices.Equal(got[0].Codes, []string{"referral", "deflection"}) || !slices.Equal(got[1].Codes, []string{"referral"}) {
		t.Errorf("codes on t1: %+v", got)
	}
	if got := d.TurnCodes(0); len(got) != 0 {
		t.Errorf("a turn out of scope has no codes: %+v", got)
	}
	if got := d.TurnMemos(1); len(got) != 1 || got[0] != (CoderMemo{"ana", "sends them away"}) {
		t.Errorf("memos on t1: %+v (a blank memo is none)", got)
	}
	if got := d.TurnMemos(3); len(got) != 1 || got[0].Coder != "bo" {
		t.Errorf("memos on t3: %+v", got)
	}
	if got := d.TurnMemos(7); len(got) != 0 {
		t.Errorf("memos on t7: %+v", got)
	}
}

func TestNewRefuses(t *testing.T) {
	base := func() Input {
		return Input{Who: Who{Kind: AllCoders}, Turns: fixtureTurns(), Codes: fixtureCodes(), Coders: []string{"ana"}}
	}
	for _, tc := range []struct {
		edit func(*Input)
		want string
	}{
		{func(in *Input) { in.Turns[2].Number = 1 }, `the turns of document "Calls" are not in order (turn 1 after turn 2)`},
		{func(in *Input) { in.Turns = append(in.Turns, fixtureTurns()[0]) }, `the turns of document "Calls" are not together`},
		{func(in *Input) { in.Codings = []Coding{{1, 0, 3}} }, "coding 0 is out of range (turn 1 of 8, coder 0 of 1, code 3 of 3)"},
		{func(in *Input) { in.Memos = []Memo{{8, 0, "x"}} }, "memo 0 is out of range (turn 8 of 8, coder 0 of 1)"},
		{func(in *Input) { in.Who = Who{Kind: OneCoder, Coder: "bo"} }, `the input of coder "bo" holds the codings of 1 coders (ana)`},
		{func(in *Input) { in.Who = Who{} }, "the input does not say whose codings it holds (one coder, all coders or the consensus layer)"},
	} {
		in := base()
		tc.edit(&in)
		if _, err := New(in); err == nil || err.Error() != tc.want {
			t.Errorf("%v, want %q", err, tc.want)
		}
	}
}

func TestParseWho(t *testing.T) {
	for s, want := range map[string]Who{"": {}, " ALL ": {Kind: AllCoders}, "Consensus": {Kind: Consensus}, "ana": {Kind: OneCoder, Coder: "ana"}} {
		got := ParseWho(s)
		if got != want || ParseWho(got.String()) != want {
			t.Errorf("ParseWho(%q) = %+v, want %+v", s, got, want)
		}
	}
	for s, want := range map[string]Dimension{"speaker": BySpeaker, " Section": BySection} {
		if got, err := ParseDimension(s); err != nil || got != want {
			t.Errorf("ParseDimension(%q) = %q, %v", s, got, err)
		}
	}
}

func TestColours(t *testing.T) {
	book := []coding.Code{{Name: "a", Colour: "#0072b2"}, {Name: "b", Colour: "#0072B2"}, {Name: "c", Colour: "bad"}}
	got := Colours([]string{"a", "b", "c", "d"}, book)
	// a has its own; b's is a's, so b takes the palette's first free one, as do c and d.
	if want := []string{"0072B2", "E69F00", "009E73", "D55E00"}; !slices.Equal(got, want) {
		t.Errorf("colours %q, want %q", got, want)
	}
}

func TestBars(t *testing.T) {
	m, _ := allCoders(t).Matrix(BySpeaker)
	b := m.Bars(2, 0)
	if !slices.Equal(b.Groups, []string{"工会A", "工会B"}) || b.OmittedGroups != 1 || b.OmittedSeries != 0 || !slices.Equal(b.Column, []int{0, 1}) {
		t.Fatalf("groups %q (column %v), %d omitted", b.Groups, b.Column, b.OmittedGroups)
	}
	if len(b.Series) != 3 || b.Series[0].Colour != "FF0000" || b.Series[1].Colour != "0072B2" || !slices.Equal(b.Series[1].Values, []int{3, 0}) {
		t.Errorf("series %+v", b.Series)
	}
	if b.YLabel != "codings" || b.Note != "the 2 speakers with the most codings" {
		t.Errorf("labels %q %q", b.YLabel, b.Note)
	}
	// Groups and codes without codings are left out.
	m, _ = anaOnly(t).Matrix(BySection)
	b = m.Bars(0, 0)
	if !slices.Equal(b.Groups, []string{"S1 (Calls)", "S2 (Calls)", "(no section) (Policy)"}) || b.YLabel != "turns" {
		t.Errorf("sections %q %q", b.Groups, b.YLabel)
	}
	// The two sections shown (the earlier of two alike) are of one document: named alone.
	if b = m.Bars(2, 0); !slices.Equal(b.Groups, []string{"S1", "S2"}) {
		t.Errorf("sections of one document %q", b.Groups)
	}
}
