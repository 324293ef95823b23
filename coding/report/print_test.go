package report

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/xuri/excelize/v2"
)

// The printing sheets print readably: landscape, fitted to as few pages across as keep the
// text at 8 pt or more (one when the sheet is narrow enough), the header rows (and Agreement
// by code's Code column) repeated on each page; no style's font is smaller than 8 pt.
func TestPrintLayout(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Input
		// pages across wanted more than one: the sheet is too wide for one page at 8 pt
		wide map[string]bool
	}{
		{"fixture", withConsensus(t), map[string]bool{"Agreement by code": true, "Consensus": true}},
		{"ten coders", wide(10, 3), map[string]bool{"Agreement by code": true, "Consensus": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := build(t, tc.in, Options{})
			titles := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm.Print_Titles" {
					titles[d.Scope] = d.RefersTo
				}
			}
			for _, s := range []string{"Summary", "Agreement by code", "Overall", "Disagreements", "Codebook", "Consensus"} {
				pl, err := f.GetPageLayout(s)
				if err != nil {
					t.Fatal(err)
				}
				if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
					t.Errorf("%s: page layout %+v", s, pl)
					continue
				}
				props, err := f.GetSheetProps(s)
				if err != nil || props.FitToPage == nil || !*props.FitToPage {
					t.Errorf("%s: not fitted to pages: %+v %v", s, props, err)
				}
				titleCols := 0
				want := fmt.Sprintf("'%s'!$1:$1", s)
				if s == "Agreement by code" {
					titleCols = 1
					want = fmt.Sprintf("'%s'!$A:$A,'%s'!$1:$1", s, s)
				}
				if titles[s] != want {
					t.Errorf("%s: print titles %q, want %q", s, titles[s], want)
				}
				widths := usedWidths(t, f, s)
				pages := *pl.FitToWidth
				if !fits(widths, titleCols, pages, minPrintScale) {
					t.Errorf("%s: %d pages across do not hold its columns %v at %d%%", s, pages, widths, minPrintScale)
				}
				if pages > 1 && fits(widths, titleCols, pages-1, minPrintScale) {
					t.Errorf("%s: %d pages across where %d hold it at %d%%", s, pages, pages-1, minPrintScale)
				}
				if (pages > 1) != tc.wide[s] {
					t.Errorf("%s: %d pages across", s, pages)
				}
				checkFonts(t, f, s)
			}
		})
	}
	if defaultPoints*minPrintScale/100 < minTextPoints {
		t.Errorf("%d%% of %v pt is below %v pt", minPrintScale, defaultPoints, minTextPoints)
	}
}

// usedWidths are the widths of a sheet's used columns, read back.
func usedWidths(t *testing.T, f *excelize.File, sheet string) []float64 {
	t.Helper()
	n := 0
	for _, r := range rows(t, f, sheet) {
		n = max(n, len(r))
	}
	out := make([]float64, n)
	for c := range out {
		name, _ := excelize.ColumnNumberToName(c + 1)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = w
	}
	return out
}

// fits tells whether columns of these widths print on pages pages across at scale percent:
// pages hold whole columns; each after the first repeats the first titleCols.
func fits(widths []float64, titleCols, pages int, scale float64) bool {
	room := (11 - 2*0.5) * 72 * 100 / scale // points of a landscape page, at 100%
	pt := func(w float64) float64 { return (7*w + 5) * 3 / 4 }
	var title float64
	for _, w := range widths[:titleCols] {
		title += pt(w)
	}
	var pageCols [][]float64
	var page []float64
	width := 0.0
	for _, w := range widths {
		if len(page) > 0 && width+pt(w) > room {
			pageCols = append(pageCols, page)
			page, width = nil, title
		}
		page = append(page, w)
		width += pt(w)
	}
	pageCols = append(pageCols, page)
	return len(pageCols) <= pages
}

// checkFonts fails on a cell of the sheet whose style's font is smaller than 8 pt.
func checkFonts(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	rs := rows(t, f, sheet)
	checked := map[int]bool{}
	for i, r := range rs {
		for c := range r {
			id, err := f.GetCellStyle(sheet, ref(c+1, i+1))
			if err != nil {
				t.Fatal(err)
			}
			if checked[id] {
				continue
			}
			checked[id] = true
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if st.Font != nil && st.Font.Size != 0 && st.Font.Size < minTextPoints {
				t.Errorf("%s!%s: a font of %v pt", sheet, ref(c+1, i+1), st.Font.Size)
			}
		}
	}
	if len(checked) == 0 {
		t.Errorf("%s: no cell checked", sheet)
	}
}

// pagesAcross counts the pages of the columns as fits lays them out.
func TestPagesAcross(t *testing.T) {
	for _, tc := range []struct {
		widths    []float64
		titleCols int
		scale     float64
		want      int
	}{
		{[]float64{10, 10, 10}, 0, 100, 1},
		{[]float64{60, 60, 60}, 0, 100, 2},                         // 3 × 318.75 pt on 720
		{[]float64{60, 60, 60}, 0, 73, 1},                          // on 986 pt
		{[]float64{12, 40, 40, 40, 40, 40, 40, 40, 40}, 1, 100, 3}, // the Code column repeated
		{[]float64{200}, 0, 100, 1},                                // a column wider than a page is a page
	} {
		if got := pagesAcross(tc.widths, tc.titleCols, tc.scale); got != tc.want {
			t.Errorf("pagesAcross(%v, %d, %v) = %d, want %d", tc.widths, tc.titleCols, tc.scale, got, tc.want)
		}
		for p := 1; p <= 4; p++ {
			if got := fits(tc.widths, tc.titleCols, p, tc.scale); got != (p >= tc.want) {
				t.Errorf("fits(%v, %d pages) = %v", tc.widths, p, got)
			}
		}
	}
	if printable != 720 {
		t.Errorf("printable %v points, want 10 inches", printable)
	}
}

// The sheets of figures hold, in every column of numbers, numbers or empty cells: never a word
// (an undefined figure is an empty cell), so that R and SPSS read each column as numbers.
func TestNumericColumnsHoldNumbers(t *testing.T) {
	one := fixture(t)
	one.Data.Coders = one.Data.Coders[:1]
	one.Agreement = agreement.Compute(agreement.FromReliability(one.Data), agreement.Options{})
	text := map[string]map[int]bool{ // the columns of text, 1-based
		"Agreement by code": {1: true},
		"Overall":           {1: true, 7: true},
		"Pairwise":          {1: true, 2: true},
	}
	for name, in := range map[string]Input{"fixture": fixture(t), "multi-label": multiFixture(t), "one coder": one, "eleven coders": wide(11, 3)} {
		f, _ := build(t, in, Options{Lang: SimplifiedChinese})
		for sheet, textCols := range text {
			rs := rows(t, f, sheet)
			empty, figures := 0, len(rs) > 1
			if sheet == "Pairwise" && in.Agreement.PairwiseOmitted() != "" {
				figures = false // one row: the sentence saying why there are no pairs
			}
			for i := 2; i <= len(rs) && figures; i++ {
				for c := 1; c <= len(rs[0]); c++ {
					if textCols[c] {
						continue
					}
					v := raw(t, f, sheet, ref(c, i))
					if v == "" {
						empty++
						continue
					}
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("%s %s!%s (%s): %q is not a number", name, sheet, ref(c, i), rs[0][c-1], v)
					}
				}
			}
			if empty == 0 && figures && name != "fixture" {
				t.Errorf("%s %s: no empty cell: the check sees no undefined figure", name, sheet)
			}
		}
	}
}
