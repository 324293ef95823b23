package report

import (
	"cmp"
	"slices"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/xuri/excelize/v2"
)

// The analysis sheets (the last three names of SheetNames): Codes by speaker, Codes by document
// and Co-occurrence, the tables of coding/analysis — counted there, not here — of the final
// coding (the consensus layer) once it has settled a unit in scope, else of all coders, as the
// Analysis window and `turncoder analyse` count them by default.

// maxCooccurrenceCodes is the most codes the Co-occurrence sheet shows (those given to the most
// turns): a thousand codes would make a million cells no one reads.
const maxCooccurrenceCodes = 100

// analysisData is the workbook's data as coding/analysis reads it: the units (grouped by
// document, in their order), the codes, and the consensus layer's decisions when it has
// settled a unit, else every coder's codes. settled is the number of units settled.
func analysisData(m *model) (d *analysis.Data, settled int, err error) {
	in := analysis.Input{Who: analysis.Who{Kind: analysis.AllCoders}, Coders: m.coders}
	if m.hasCons && len(m.cons) > 0 {
		in.Who, in.Coders, settled = analysis.Who{Kind: analysis.Consensus}, []string{ConsensusColumn}, len(m.cons)
	}
	for _, c := range m.codes {
		in.Codes = append(in.Codes, coding.Code{Name: c})
	}
	// Units of a document together, in the order the documents come, each document's by
	// number; the numbers given are their places (data from elsewhere may repeat a number,
	// and the sheets count within a turn, where the order does not matter).
	docOf := map[string]int{}
	order := make([]int, len(m.units))
	for u := range m.units {
		order[u] = u
		key := m.units[u].DocumentID + "\x00" + m.units[u].Document
		if _, ok := docOf[key]; !ok {
			docOf[key] = len(docOf)
		}
	}
	key := func(u int) string { return m.units[u].DocumentID + "\x00" + m.units[u].Document }
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(docOf[key(a)]-docOf[key(b)], m.units[a].Number-m.units[b].Number)
	})
	in.Turns = make([]analysis.Turn, len(order))
	place := make([]int32, len(m.units)) // unit → its turn
	n := 0
	for i, u := range order {
		unit := &m.units[u]
		if i > 0 && key(u) != key(order[i-1]) {
			n = 0
		}
		n++
		place[u] = int32(i)
		in.Turns[i] = analysis.Turn{ID: unit.TurnID, DocumentID: key(u), Document: unit.Document, Section: unit.Section,
			Number: n, Speaker: unit.Speaker, Role: unit.Role, Text: unit.Text, InScope: true}
	}
	if in.Who.Kind == analysis.Consensus {
		for u, dec := range m.cons {
			for _, k := range dec.codes {
				in.Codings = append(in.Codings, analysis.Coding{Turn: place[u], Coder: 0, Code: int32(k)})
			}
		}
	} else {
		in.Codings = make([]analysis.Coding, 0, m.nGiven)
		for u := range m.units {
			for j := range m.coders {
				for _, e := range m.cell(u, j) {
					if k := m.code(e); k >= 0 {
						in.Codings = append(in.Codings, analysis.Coding{Turn: place[u], Coder: int32(j), Code: int32(k)})
					}
				}
			}
		}
	}
	d, err = analysis.New(in)
	return d, settled, err
}

// whose says in the workbook's language whose codings the analysis sheets count.
func (l lang) whose(d *analysis.Data, settled, units int) string {
	if d.Who().Kind == analysis.Consensus {
		return l.f("an.consensus", settled, units)
	}
	return l.t("an.all")
}

// counted titles a matrix's counts: what they count, and whose codings.
func (l lang) counted(d *analysis.Data, whose string) string {
	if d.Who().Kind == analysis.Consensus {
		return l.f("an.countsConsensus", whose)
	}
	return l.f("an.countsAll", whose)
}

// matrixSheet is a code matrix (by speaker or by document) as three tables side by side under
// their titles: the counts with their totals and the turns in scope of each column, the row
// percentages and the column percentages (an empty grey cell where a total is 0).
func (x *xw) matrixSheet(name string, m *analysis.Matrix, counted string) *grid {
	l := x.l
	m = m.Collapse(maxFreqGroups, l.f("freq.others", len(m.Columns)-maxFreqGroups+1))
	nK, nG := len(m.Codes), len(m.Columns)
	g := &grid{name: name, headerRow: 2, filterTo: 2 + nK}
	g.rows = make([][]cell, 4+nK)
	names := make([]string, nG)
	for i, c := range m.Columns {
		names[i] = c.Label
		if c.Label == "" && m.By == analysis.BySpeaker {
			names[i] = l.t("noSpeaker")
		}
	}
	col := 0
	block := func(title string, width int) {
		if col > 0 { // a blank column between two tables
			for i := range g.rows {
				g.rows[i] = append(g.rows[i], cell{})
			}
			col++
		}
		from, _ := excelize.CoordinatesToCellName(col+1, 1)
		to, _ := excelize.CoordinatesToCellName(col+width, 1)
		g.merges = append(g.merges, [2]string{from, to})
		g.rows[0] = append(g.rows[0], cell{v: title, s: x.st.title})
		for range width - 1 {
			g.rows[0] = append(g.rows[0], cell{s: x.st.title})
		}
		g.rows[1] = append(g.rows[1], x.head(l.t("col.code")))
		for _, n := range names {
			g.rows[1] = append(g.rows[1], x.head(n))
		}
		col += width
	}

	// The counts, their totals, and the turns in scope.
	block(counted, nG+2)
	g.rows[1] = append(g.rows[1], x.head(l.t("total")))
	for k := range nK {
		r := []cell{txt(m.Codes[k])}
		for _, c := range m.Counts[k] {
			r = append(r, x.count(c))
		}
		g.rows[2+k] = append(g.rows[2+k], append(r, x.count(m.RowTotals[k]))...)
	}
	last := []cell{{v: l.t("total"), s: x.st.bold}}
	for _, c := range m.ColumnTotals {
		last = append(last, x.count(c))
	}
	g.rows[2+nK] = append(g.rows[2+nK], append(last, x.count(m.Total))...)
	turns := []cell{{v: l.t("an.turns"), s: x.st.bold}}
	sum := 0
	for _, c := range m.Columns {
		turns = append(turns, x.count(c.Turns))
		sum += c.Turns
	}
	g.rows[3+nK] = append(g.rows[3+nK], append(turns, x.count(sum))...)

	// The percentages.
	titles := map[analysis.Dimension][2]string{
		analysis.BySpeaker:  {"an.rowPctSpeaker", "an.colPctSpeaker"},
		analysis.ByDocument: {"an.rowPctDocument", "an.colPctDocument"},
	}[m.By]
	for _, p := range []struct {
		title string
		share func(k, g int) (float64, bool)
	}{
		{l.t(titles[0]), m.RowShare},
		{l.t(titles[1]), m.ColumnShare},
	} {
		block(p.title, nG+1)
		for k := range nK {
			r := []cell{txt(m.Codes[k])}
			for c := range nG {
				if v, ok := p.share(k, c); ok {
					r = append(r, cell{v: v, s: x.st.pct})
				} else {
					r = append(r, cell{s: x.st.undefined, note: l.t("an.noShare")})
				}
			}
			g.rows[2+k] = append(g.rows[2+k], r...)
		}
		for _, i := range []int{2 + nK, 3 + nK} { // no totals of percentages
			for range nG + 1 {
				g.rows[i] = append(g.rows[i], cell{})
			}
		}
	}
	g.cols = col
	return g
}

// cooccurrenceSheet is codes × codes: the turns in which one coder gave both codes (the
// diagonal, the turns given the code), past maxCooccurrenceCodes codes those given to the most
// turns, in codebook order.
func (x *xw) cooccurrenceSheet(c *analysis.Cooccurrence, whose string) *grid {
	l := x.l
	keep := make([]int, len(c.Codes))
	for k := range keep {
		keep[k] = k
	}
	title := l.f("an.cooccurrence", whose)
	if len(keep) > maxCooccurrenceCodes {
		slices.SortStableFunc(keep, func(a, b int) int { return c.Counts[b][b] - c.Counts[a][a] })
		keep = keep[:maxCooccurrenceCodes]
		slices.Sort(keep)
		title = l.f("an.cooccurrenceTop", whose, maxCooccurrenceCodes)
	}
	g := &grid{name: AnalysisSheetNames[2], headerRow: 2, filterTo: 2 + len(keep), cols: 1 + len(keep)}
	from, _ := excelize.CoordinatesToCellName(1, 1)
	to, _ := excelize.CoordinatesToCellName(1+len(keep), 1)
	g.merges = append(g.merges, [2]string{from, to})
	titleRow := []cell{{v: title, s: x.st.title}}
	head := []cell{x.head(l.t("col.code"))}
	for _, k := range keep {
		titleRow = append(titleRow, cell{s: x.st.title})
		head = append(head, x.head(c.Codes[k]))
	}
	g.add(titleRow...)
	g.add(head...)
	for _, a := range keep {
		r := []cell{txt(c.Codes[a])}
		for _, b := range keep {
			r = append(r, x.count(c.Counts[a][b]))
		}
		g.add(r...)
	}
	return g
}

// analysisSheets builds the three analysis sheets from m.
func (x *xw) analysisSheets(m *model) ([]*grid, error) {
	d, settled, err := analysisData(m)
	if err != nil {
		return nil, err
	}
	whose := x.l.whose(d, settled, len(m.units))
	var out []*grid
	for i, by := range []analysis.Dimension{analysis.BySpeaker, analysis.ByDocument} {
		mx, err := d.Matrix(by)
		if err != nil {
			return nil, err
		}
		out = append(out, x.matrixSheet(AnalysisSheetNames[i], mx, x.l.counted(d, whose)))
	}
	c, err := d.Cooccurrence(0)
	if err != nil {
		return nil, err
	}
	return append(out, x.cooccurrenceSheet(c, whose)), nil
}
