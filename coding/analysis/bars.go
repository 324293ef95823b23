package analysis

import (
	"fmt"
	"slices"
)

// The most groups and bars a chart draws (as the workbook's Frequencies chart): past them,
// those with the most codings.
const (
	MaxChartGroups = 12
	MaxChartSeries = 12
)

// Bars is a clustered bar chart's data: along the x axis a group per speaker (or section…),
// in each group a bar per code in the code's colour. The window draws it, and WriteSVG writes
// it, so that the picture saved is the picture seen.
type Bars struct {
	// Title, Note (under the title: what was left out, or "") and YLabel (what a bar's height
	// counts) are in English from Matrix.Bars; a caller in another language sets its own.
	Title, Note, YLabel string
	Groups              []string    // the groups' names, along the x axis
	Series              []BarSeries // a bar in each group per series, in this order
	// Column[i] is the matrix column of Groups[i]; Code[j] the matrix row of Series[j] (for
	// a click on a bar: Matrix.Turns(Code[j], Column[i])).
	Column, Code []int
	// Omitted: the groups and series with codings left out past the maximum.
	OmittedGroups, OmittedSeries int
}

// BarSeries is one code's bars.
type BarSeries struct {
	Name   string
	Colour string // RRGGBB
	Values []int  // per group
}

// Bars is the matrix as a chart: a group per column with codings, a bar per code with
// codings; past maxGroups columns or maxSeries codes (0: MaxChartGroups, MaxChartSeries),
// those with the most codings, in their order. Each code has its colour of Colours over every
// code of the matrix, so a code keeps its colour in every chart of the data.
func (m *Matrix) Bars(maxGroups, maxSeries int) Bars {
	if maxGroups <= 0 {
		maxGroups = MaxChartGroups
	}
	if maxSeries <= 0 {
		maxSeries = MaxChartSeries
	}
	top := func(totals []int, n int) ([]int, int) {
		var keep []int
		for i, t := range totals {
			if t > 0 {
				keep = append(keep, i)
			}
		}
		if len(keep) <= n {
			return keep, 0
		}
		all := len(keep)
		slices.SortStableFunc(keep, func(a, b int) int { return totals[b] - totals[a] })
		keep = keep[:n]
		slices.Sort(keep)
		return keep, all - n
	}
	b := Bars{Title: fmt.Sprintf("Codes by %s: %s", m.By, m.Who.Describe()), YLabel: "codings"}
	if m.Who.Kind != AllCoders {
		b.YLabel = "turns"
	}
	b.Column, b.OmittedGroups = top(m.ColumnTotals, maxGroups)
	b.Code, b.OmittedSeries = top(m.RowTotals, maxSeries)
	switch what := string(m.By) + "s"; {
	case b.OmittedGroups > 0 && b.OmittedSeries > 0:
		b.Note = fmt.Sprintf("the %d codes with the most %s, in the %d %s with the most", len(b.Code), b.YLabel, len(b.Column), what)
	case b.OmittedGroups > 0:
		b.Note = fmt.Sprintf("the %d %s with the most %s", len(b.Column), what, b.YLabel)
	case b.OmittedSeries > 0:
		b.Note = fmt.Sprintf("the %d codes with the most %s", len(b.Code), b.YLabel)
	}
	// A section is named with its document when the sections shown are of several.
	withDocument := m.By == BySection && m.severalDocuments(b.Column)
	for _, g := range b.Column {
		b.Groups = append(b.Groups, m.columnName(g, withDocument))
	}
	colours := Colours(m.Codes, m.d.in.Codes)
	for _, k := range b.Code {
		s := BarSeries{Name: m.Codes[k], Colour: colours[k], Values: make([]int, len(b.Column))}
		for i, g := range b.Column {
			s.Values[i] = m.Counts[k][g]
		}
		b.Series = append(b.Series, s)
	}
	return b
}
