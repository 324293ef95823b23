package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// Dimension is what a matrix's columns are.
type Dimension string

// The dimensions, as `turncoder analyse --matrix` takes them.
const (
	BySpeaker  Dimension = "speaker"
	ByRole     Dimension = "role"
	ByDocument Dimension = "document"
	BySection  Dimension = "section"
)

// Dimensions are the dimensions in the order the command line and the window offer them.
var Dimensions = []Dimension{BySpeaker, ByRole, ByDocument, BySection}

// ParseDimension reads a dimension's name (in any case); another is an error in one sentence.
func ParseDimension(s string) (Dimension, error) {
	for _, d := range Dimensions {
		if strings.EqualFold(strings.TrimSpace(s), string(d)) {
			return d, nil
		}
	}
	return "", fmt.Errorf("no matrix by %q: choose speaker, role, document or section", s)
}

// Column is one column of a matrix: a speaker, a role, a document or a section.
type Column struct {
	// Label is the speaker's label, the role, the document's title or the section's title; ""
	// for turns with no speaker (prose), no role or no section.
	Label string `json:"label"`
	// Document is a section's document (BySection), and the document of a document column.
	Document string `json:"document,omitempty"`
	Turns    int    `json:"turns"` // turns in scope in the column
	// Merged is the number of columns summed into this one by Collapse (0: a column of its own).
	Merged int `json:"merged,omitempty"`
}

// Matrix is codes × columns: how many codings each code has in each column (see the package
// documentation for what is counted), with the totals. Its cells' turns are found by Turns.
type Matrix struct {
	By      Dimension
	Who     Who
	Codes   []string // the rows: the codes' names, in codebook order
	Columns []Column
	// Counts[k][g] is the number of codings of code k on the turns of column g.
	Counts       [][]int
	RowTotals    []int // per code, over the columns
	ColumnTotals []int // per column, over the codes
	Total        int

	d     *Data
	colOf []int32 // per turn: its column, -1 out of scope
}

// Matrix counts the codings of each code by speaker, role, document or section. Columns are
// in the order the turns bring them (roles in the order of coding.Roles, then others), and
// only columns with turns in scope are given.
func (d *Data) Matrix(by Dimension) (*Matrix, error) {
	cols, colOf, err := d.columns(by)
	if err != nil {
		return nil, err
	}
	nK, nG := len(d.in.Codes), len(cols)
	flat := make([]int, nK*nG)
	for t, g := range colOf {
		if g < 0 {
			continue
		}
		for _, e := range d.ent[d.start[t]:d.start[t+1]] {
			flat[int(uint32(e))*nG+int(g)]++
		}
	}
	m := &Matrix{By: by, Who: d.in.Who, Codes: d.codeNames(), Columns: cols, d: d, colOf: colOf}
	m.setCounts(flat, nK, nG)
	return m, nil
}

// setCounts takes the flat counts (code-major) as the matrix's cells and sums the totals.
func (m *Matrix) setCounts(flat []int, nK, nG int) {
	m.Counts = make([][]int, nK)
	m.RowTotals = make([]int, nK)
	m.ColumnTotals = make([]int, nG)
	m.Total = 0
	for k := range nK {
		row := flat[k*nG : (k+1)*nG : (k+1)*nG]
		m.Counts[k] = row
		for g, c := range row {
			m.RowTotals[k] += c
			m.ColumnTotals[g] += c
		}
		m.Total += m.RowTotals[k]
	}
}

func (d *Data) codeNames() []string {
	out := make([]string, len(d.in.Codes))
	for i, c := range d.in.Codes {
		out[i] = c.Name
	}
	return out
}

// columns gives the columns of a dimension and each turn's column (-1 out of scope).
func (d *Data) columns(by Dimension) ([]Column, []int32, error) {
	turns := d.in.Turns
	colOf := make([]int32, len(turns))
	var cols []Column
	switch by {
	case BySpeaker:
		ix := map[string]int32{}
		last, lastG := "", int32(-1)
		for t := range turns {
			tu := &turns[t]
			if !tu.InScope {
				colOf[t] = -1
				continue
			}
			g := lastG
			if g < 0 || tu.Speaker != last {
				var ok bool
				if g, ok = ix[tu.Speaker]; !ok {
					g = int32(len(cols))
					ix[tu.Speaker] = g
					cols = append(cols, Column{Label: tu.Speaker})
				}
				last, lastG = tu.Speaker, g
			}
			colOf[t] = g
			cols[g].Turns++
		}
	case ByRole:
		seen := map[coding.Role]bool{}
		var order []coding.Role
		for t := range turns {
			if r := turns[t].Role; turns[t].InScope && !seen[r] {
				seen[r] = true
				order = append(order, r)
			}
		}
		var roles []coding.Role
		for _, r := range coding.Roles {
			if seen[r] {
				roles = append(roles, r)
			}
		}
		for _, r := range order {
			if !slices.Contains(coding.Roles, r) {
				roles = append(roles, r)
			}
		}
		ix := map[coding.Role]int32{}
		for g, r := range roles {
			ix[r] = int32(g)
			cols = append(cols, Column{Label: string(r)})
		}
		for t := range turns {
			if !turns[t].InScope {
				colOf[t] = -1
				continue
			}
			g := ix[turns[t].Role]
			colOf[t] = g
			cols[g].Turns++
		}
	case ByDocument, BySection:
		// Documents and sections are runs of turns (New checked it): a column per run with
		// turns in scope.
		lastBlock, lastDoc, g := int32(-1), "", int32(-1)
		for t := range turns {
			tu := &turns[t]
			if !tu.InScope {
				colOf[t] = -1
				continue
			}
			b := d.block[t]
			if g < 0 || (by == BySection && b != lastBlock) || (by == ByDocument && tu.DocumentID != lastDoc) {
				g = int32(len(cols))
				c := Column{Label: tu.Document, Document: tu.Document}
				if by == BySection {
					c.Label = tu.Section
				}
				cols = append(cols, c)
				lastBlock, lastDoc = b, tu.DocumentID
			}
			colOf[t] = g
			cols[g].Turns++
		}
	default:
		_, err := ParseDimension(string(by))
		return nil, nil, err
	}
	return cols, colOf, nil
}

// Turns lists the turns of cell (k, g) — the turns of column g given code k (by any of the
// coders, each turn once) — as indices into Data.Turns, in the turns' order.
func (m *Matrix) Turns(k, g int) []int {
	var out []int
	for t, c := range m.colOf {
		if int(c) == g && m.d.has(t, k) {
			out = append(out, t)
		}
	}
	return out
}

// ColumnTurns lists the turns in scope of column g.
func (m *Matrix) ColumnTurns(g int) []int {
	var out []int
	for t, c := range m.colOf {
		if int(c) == g {
			out = append(out, t)
		}
	}
	return out
}

// has reports whether a coder gave turn t code k.
func (d *Data) has(t, k int) bool {
	for _, e := range d.ent[d.start[t]:d.start[t+1]] {
		if int(uint32(e)) == k {
			return true
		}
	}
	return false
}

// RowShare is cell (k, g) over code k's total (a proportion): which part of the code's codings
// fall in the column. Undefined (false) when the code has no codings.
func (m *Matrix) RowShare(k, g int) (float64, bool) {
	return share(m.Counts[k][g], m.RowTotals[k])
}

// ColumnShare is cell (k, g) over column g's total (a proportion): which part of the column's
// codings are of the code. Undefined (false) when the column has no codings.
func (m *Matrix) ColumnShare(k, g int) (float64, bool) {
	return share(m.Counts[k][g], m.ColumnTotals[g])
}

func share(n, total int) (float64, bool) {
	if total == 0 {
		return 0, false
	}
	return float64(n) / float64(total), true
}

// ColumnName is column g's name in English: its label, "(no speaker)", "(no role)" or "(no
// section)" for none, and a section's document after it when the matrix spans several
// documents ("Call 3 (Dongying calls)"). The window and the workbook name columns in their
// language from Column's fields instead.
func (m *Matrix) ColumnName(g int) string {
	return m.columnName(g, m.By == BySection && m.severalDocuments(nil))
}

func (m *Matrix) columnName(g int, withDocument bool) string {
	c := m.Columns[g]
	if c.Merged > 0 {
		return c.Label
	}
	name := c.Label
	if name == "" {
		switch m.By {
		case BySpeaker:
			name = "(no speaker)"
		case ByRole:
			name = "(no role)"
		case BySection:
			name = "(no section)"
		}
	}
	if withDocument {
		name += " (" + c.Document + ")"
	}
	return name
}

// severalDocuments reports whether the columns (those of cols, or all when nil) are of more
// than one document.
func (m *Matrix) severalDocuments(cols []int) bool {
	if cols == nil {
		for g := range m.Columns {
			cols = append(cols, g)
		}
	}
	doc := ""
	for i, g := range cols {
		c := m.Columns[g]
		if c.Merged > 0 {
			continue
		}
		if i > 0 && c.Document != doc {
			return true
		}
		doc = c.Document
	}
	return false
}

// Counted says in English what the matrix's cells count, for one who reads a table.
func (m *Matrix) Counted() string {
	if m.Who.Kind == AllCoders {
		return "codings: each code given to a turn by a coder, so a turn counts once for each coder who gave the code"
	}
	return "turns given the code by " + m.Who.Describe()
}

// Collapse keeps the max−1 columns with the most codings (the earlier first among equals, in
// their order) and sums the others into one last column labelled others (its Merged says how
// many), so that every total stays whole: the workbook's sheets and a chart stay readable with
// thousands of speakers. A matrix of max columns or fewer is returned as it is.
func (m *Matrix) Collapse(max int, others string) *Matrix {
	if max < 2 || len(m.Columns) <= max {
		return m
	}
	order := make([]int, len(m.Columns))
	for g := range order {
		order[g] = g
	}
	slices.SortStableFunc(order, func(a, b int) int { return m.ColumnTotals[b] - m.ColumnTotals[a] })
	keep := order[:max-1]
	slices.Sort(keep)
	to := make([]int32, len(m.Columns))
	for g := range to {
		to[g] = int32(max - 1)
	}
	out := &Matrix{By: m.By, Who: m.Who, Codes: m.Codes, d: m.d}
	for i, g := range keep {
		to[g] = int32(i)
		out.Columns = append(out.Columns, m.Columns[g])
	}
	rest := Column{Label: others, Merged: len(m.Columns) - len(keep)}
	for g, c := range m.Columns {
		if to[g] == int32(max-1) {
			rest.Turns += c.Turns
		}
	}
	out.Columns = append(out.Columns, rest)
	nK := len(m.Codes)
	flat := make([]int, nK*max)
	for k := range nK {
		for g, c := range m.Counts[k] {
			flat[k*max+int(to[g])] += c
		}
	}
	out.setCounts(flat, nK, max)
	out.colOf = make([]int32, len(m.colOf))
	for t, g := range m.colOf {
		out.colOf[t] = -1
		if g >= 0 {
			out.colOf[t] = to[g]
		}
	}
	return out
}
