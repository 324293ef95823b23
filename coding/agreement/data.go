package agreement

import (
	"fmt"
	"slices"
)

// Data is a reliability data set: units × coders. For each unit and coder the coder either did
// not review the unit (missing) or reviewed it and gave a set of codes, possibly empty.
type Data struct {
	Units  []string // unit ids, as the disagreement listing shows them
	Coders []string
	Codes  []string // category names, in codebook order
	Cells  [][]Cell // [unit][coder]
}

// Cell is one coder's work on one unit.
type Cell struct {
	Reviewed bool  // false: the coder did not review the unit (Codes is then ignored)
	Codes    []int // indices into Data.Codes; sorted, no duplicates; empty = reviewed, no code
}

// Row is one line of the long format that `agree --csv` reads (header unit,coder,code): one
// row per code given. Code "" marks the unit reviewed with no code. A unit–coder pair with no
// row was not reviewed.
type Row struct {
	Unit, Coder, Code string
}

// FromLong builds a data set from long rows, keeping the order in which units, coders and
// codes are first seen. Duplicate rows count once; a "" row next to real codes for the same
// unit and coder changes nothing (the pair is reviewed either way).
func FromLong(rows []Row) Data { return FromLongOrdered(rows, nil) }

// FromLongOrdered is FromLong with the codebook's codes in the given order. Codes in the rows
// that the list lacks are appended after it, in first-seen order. Listing the whole codebook
// matters for the statistics that count categories (Brennan–Prediger, Gwet's AC1): a code
// nobody used still counts as one the coders could have chosen.
func FromLongOrdered(rows []Row, codes []string) Data {
	var d Data
	unitIx := map[string]int{}
	coderIx := map[string]int{}
	codeIx := map[string]int{}
	for _, c := range codes {
		if _, ok := codeIx[c]; ok || c == "" {
			continue
		}
		codeIx[c] = len(d.Codes)
		d.Codes = append(d.Codes, c)
	}
	type entry struct{ u, c, k int } // k = -1: reviewed, no code
	entries := make([]entry, 0, len(rows))
	for _, r := range rows {
		u, ok := unitIx[r.Unit]
		if !ok {
			u = len(d.Units)
			unitIx[r.Unit] = u
			d.Units = append(d.Units, r.Unit)
		}
		c, ok := coderIx[r.Coder]
		if !ok {
			c = len(d.Coders)
			coderIx[r.Coder] = c
			d.Coders = append(d.Coders, r.Coder)
		}
		k := -1
		if r.Code != "" {
			k, ok = codeIx[r.Code]
			if !ok {
				k = len(d.Codes)
				codeIx[r.Code] = k
				d.Codes = append(d.Codes, r.Code)
			}
		}
		entries = append(entries, entry{u, c, k})
	}
	d.Cells = make([][]Cell, len(d.Units))
	flat := make([]Cell, len(d.Units)*len(d.Coders))
	for u := range d.Cells {
		d.Cells[u] = flat[u*len(d.Coders) : (u+1)*len(d.Coders) : (u+1)*len(d.Coders)]
	}
	for _, e := range entries {
		cell := &d.Cells[e.u][e.c]
		cell.Reviewed = true
		if e.k >= 0 {
			cell.Codes = append(cell.Codes, e.k)
		}
	}
	for u := range d.Cells {
		for c := range d.Cells[u] {
			cell := &d.Cells[u][c]
			if len(cell.Codes) > 1 {
				slices.Sort(cell.Codes)
				cell.Codes = slices.Compact(cell.Codes)
			}
			if cell.Reviewed && cell.Codes == nil {
				cell.Codes = []int{}
			}
		}
	}
	return d
}

// Validate reports the first structural problem: a row of Cells whose length is not the number
// of coders, a code index out of range, unsorted or duplicated codes in a cell.
func (d Data) Validate() error {
	if len(d.Cells) != len(d.Units) {
		return fmt.Errorf("the data has %d units but %d rows of cells", len(d.Units), len(d.Cells))
	}
	for u, row := range d.Cells {
		if len(row) != len(d.Coders) {
			return fmt.Errorf("unit %q has %d cells for %d coders", d.Units[u], len(row), len(d.Coders))
		}
		for c, cell := range row {
			if !cell.Reviewed {
				continue
			}
			for i, k := range cell.Codes {
				if k < 0 || k >= len(d.Codes) {
					return fmt.Errorf("unit %q, coder %q: code index %d is out of range (the codebook has %d codes)", d.Units[u], d.Coders[c], k, len(d.Codes))
				}
				if i > 0 && cell.Codes[i-1] >= k {
					return fmt.Errorf("unit %q, coder %q: codes are not sorted and distinct", d.Units[u], d.Coders[c])
				}
			}
		}
	}
	return nil
}
