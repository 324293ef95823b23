package agreement

import (
	"slices"

	"github.com/turncoder/turncoder/coding"
)

// FromReliability builds a data set from a project's reliability data: units in document
// order (by turn id), the coders in scope, the codes in codebook order (so that codes nobody
// used still count as categories the coders could have chosen).
func FromReliability(r coding.Reliability) Data {
	d := Data{Coders: append([]string{}, r.Coders...)}
	unitIx := make(map[string]int, len(r.Units))
	for i, u := range r.Units {
		unitIx[u.TurnID] = i
		d.Units = append(d.Units, u.TurnID)
	}
	codeIx := map[string]int{}
	for i, c := range r.Codes {
		codeIx[c.Name] = i
		d.Codes = append(d.Codes, c.Name)
	}
	coderIx := map[string]int{}
	for i, c := range r.Coders {
		coderIx[c] = i
	}
	d.Cells = make([][]Cell, len(d.Units))
	for i := range d.Cells {
		d.Cells[i] = make([]Cell, len(d.Coders))
	}
	for _, j := range r.Judgements {
		u, ok := unitIx[j.Unit]
		c, ok2 := coderIx[j.Coder]
		if !ok || !ok2 {
			continue
		}
		cell := &d.Cells[u][c]
		cell.Reviewed = true
		if k, ok := codeIx[j.Code]; ok && j.Code != "" && !slices.Contains(cell.Codes, k) {
			cell.Codes = append(cell.Codes, k)
			slices.Sort(cell.Codes)
		}
	}
	return d
}
