package report

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/xuri/excelize/v2"
)

// The workbook's first eleven sheets keep their names and order; the analysis sheets come after
// them, and before a reference's.
func TestAnalysisSheetsComeAfterTheFirstEleven(t *testing.T) {
	first := []string{"Summary", "Agreement by code", "Overall", "Pairwise", "Confusion", "Disagreements", "Coding matrix", "Codings", "Codebook", "Frequencies", "Consensus"}
	if !slices.Equal(SheetNames[:len(first)], first) {
		t.Errorf("the first sheets are %q, want %q", SheetNames[:len(first)], first)
	}
	if want := []string{"Codes by speaker", "Codes by document", "Co-occurrence"}; !slices.Equal(AnalysisSheetNames, want) || !slices.Equal(SheetNames[len(first):], want) {
		t.Errorf("the analysis sheets %q, after the first: %q", AnalysisSheetNames, SheetNames[len(first):])
	}
	f, _ := build(t, fixture(t), Options{Reference: "ana"})
	if got, want := f.GetSheetList(), append(slices.Clone(SheetNames), ReferenceSheetNames...); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
}

// fixtureAnalysis is the fixture's data as coding/analysis reads it, built here from the
// judgements (not from the workbook's index): all coders, or the consensus layer's decisions.
func fixtureAnalysis(t *testing.T, in Input) *analysis.Data {
	t.Helper()
	a := analysis.Input{Who: analysis.Who{Kind: analysis.AllCoders}, Coders: in.Data.Coders}
	turn := map[string]int32{}
	for i, u := range in.Data.Units {
		turn[u.TurnID] = int32(i)
		a.Turns = append(a.Turns, analysis.Turn{ID: u.TurnID, DocumentID: u.DocumentID, Document: u.Document, Section: u.Section,
			Number: u.Number, Speaker: u.Speaker, Role: u.Role, Text: u.Text, InScope: true})
	}
	code := map[string]int32{}
	for k, c := range in.Data.Codes {
		code[c.Name] = int32(k)
		a.Codes = append(a.Codes, coding.Code{Name: c.Name})
	}
	if in.Consensus != nil {
		a.Who, a.Coders = analysis.Who{Kind: analysis.Consensus}, []string{"consensus"}
		for id, d := range in.Consensus {
			for _, c := range d.Codes {
				u, ok := turn[id]
				k, ok2 := code[c]
				if ok && ok2 {
					a.Codings = append(a.Codings, analysis.Coding{Turn: u, Coder: 0, Code: k})
				}
			}
		}
	} else {
		for _, j := range in.Data.Judgements {
			u, ok := turn[j.Unit]
			k, ok2 := code[j.Code]
			c := slices.Index(in.Data.Coders, j.Coder)
			if ok && ok2 && c >= 0 {
				a.Codings = append(a.Codings, analysis.Coding{Turn: u, Coder: int32(c), Code: k})
			}
		}
	}
	d, err := analysis.New(a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cellNumber is a sheet's cell as a number, "" for an empty cell.
func cellNumber(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	v := raw(t, f, sheet, ref(col, row))
	if v == "" {
		return ""
	}
	x := number(t, f, sheet, ref(col, row))
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// checkMatrixSheet compares a matrix sheet's three tables with analysis.Matrix's figures.
func checkMatrixSheet(t *testing.T, f *excelize.File, sheet string, m *analysis.Matrix, noSpeaker string) {
	t.Helper()
	nG, nK := len(m.Columns), len(m.Codes)
	rs := rows(t, f, sheet)
	// Headers: the code, the columns (then Total, in the counts).
	for b, from := range []int{1, nG + 4, 2*nG + 6} {
		for g, c := range m.Columns {
			want := c.Label
			if want == "" {
				want = noSpeaker
			}
			if got := text(t, f, sheet, ref(from+1+g, 2)); got != want {
				t.Errorf("%s table %d: column %d is %q, want %q", sheet, b, g, got, want)
			}
		}
	}
	for k := range nK {
		if got := text(t, f, sheet, ref(1, 3+k)); got != m.Codes[k] {
			t.Errorf("%s row %d: %q, want %q", sheet, 3+k, got, m.Codes[k])
		}
		for g := range nG {
			if got := cellNumber(t, f, sheet, 2+g, 3+k); got != strconv.Itoa(m.Counts[k][g]) {
				t.Errorf("%s %s × %s: %s, want %d", sheet, m.Codes[k], m.Columns[g].Label, got, m.Counts[k][g])
			}
			for b, share := range []func(k, g int) (float64, bool){m.RowShare, m.ColumnShare} {
				want := ""
				if v, ok := share(k, g); ok {
					want = strconv.FormatFloat(v, 'g', -1, 64)
				}
				col := 2 + g + (b+1)*(nG+3) - b
				if got := cellNumber(t, f, sheet, col, 3+k); got != want {
					t.Errorf("%s %s × %s, share %d: %s, want %s", sheet, m.Codes[k], m.Columns[g].Label, b, got, want)
				}
			}
		}
		if got := cellNumber(t, f, sheet, 2+nG, 3+k); got != strconv.Itoa(m.RowTotals[k]) {
			t.Errorf("%s %s total %s, want %d", sheet, m.Codes[k], got, m.RowTotals[k])
		}
	}
	for g := range nG {
		if got := cellNumber(t, f, sheet, 2+g, 3+nK); got != strconv.Itoa(m.ColumnTotals[g]) {
			t.Errorf("%s column %d total %s, want %d", sheet, g, got, m.ColumnTotals[g])
		}
		if got := cellNumber(t, f, sheet, 2+g, 4+nK); got != strconv.Itoa(m.Columns[g].Turns) {
			t.Errorf("%s column %d turns %s, want %d", sheet, g, got, m.Columns[g].Turns)
		}
	}
	if got := cellNumber(t, f, sheet, 2+nG, 3+nK); got != strconv.Itoa(m.Total) {
		t.Errorf("%s total %s, want %d", sheet, got, m.Total)
	}
	if len(rs) != 4+nK {
		t.Errorf("%s has %d rows, want %d", sheet, len(rs), 4+nK)
	}
}

func TestAnalysisSheetsAreTheAnalysis(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      Input
		title   string
		speaker [][]int // Codes by speaker, by hand: 李明, 张华, 访谈员, 王芳, (no speaker)
	}{
		// All coders: t1 referral ×3 (李明), t4 referral (bo, 张华), t7 referral (ana, 王芳); …
		{"all coders", fixture(t), "Codes given, a turn counted once for each coder who gave the code (all coders)",
			[][]int{{3, 1, 0, 1, 0}, {2, 2, 0, 1, 2}, {1, 2, 2, 0, 0}, {0, 0, 0, 0, 0}}},
		// The consensus layer: t1 referral, t2 deflection (李明), t4 deflection and referral (张华),
		// t5 settled with no code.
		{"consensus", withConsensus(t), "Turns given each code (the final coding: the consensus layer, 4 of 9 turns settled)",
			[][]int{{1, 1, 0, 0, 0}, {1, 1, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := build(t, tc.in, Options{})
			d := fixtureAnalysis(t, tc.in)
			m, _ := d.Matrix(analysis.BySpeaker)
			for k, want := range tc.speaker {
				if !slices.Equal(m.Counts[k], want) {
					t.Errorf("analysis: %s by speaker %v, want %v", m.Codes[k], m.Counts[k], want)
				}
			}
			checkMatrixSheet(t, f, "Codes by speaker", m, "(no speaker)")
			if got := text(t, f, "Codes by speaker", "A1"); got != tc.title {
				t.Errorf("title %q, want %q", got, tc.title)
			}
			m, _ = d.Matrix(analysis.ByDocument)
			checkMatrixSheet(t, f, "Codes by document", m, "")
			c, _ := d.Cooccurrence(0)
			for a := range c.Codes {
				if got := text(t, f, "Co-occurrence", ref(2+a, 2)); got != c.Codes[a] {
					t.Errorf("co-occurrence column %d: %q", a, got)
				}
				for b := range c.Codes {
					if got := cellNumber(t, f, "Co-occurrence", 2+b, 3+a); got != strconv.Itoa(c.Counts[a][b]) {
						t.Errorf("co-occurrence %s × %s: %s, want %d", c.Codes[a], c.Codes[b], got, c.Counts[a][b])
					}
				}
			}
		})
	}
	// The consensus layer's referral and deflection meet on t4.
	f, _ := build(t, withConsensus(t), Options{})
	if got := number(t, f, "Co-occurrence", "C3"); got != 1 {
		t.Errorf("referral × deflection %v, want 1 (t4)", got)
	}
	// A percentage of no codings is an empty grey cell that says why; a share is a percentage.
	sheet := "Codes by speaker"
	// The row percentages' table starts at column 4+5 (after the counts, their total and a
	// blank column): admission's share on 李明 is at column 10.
	empty(t, f, sheet, ref(10, 5)) // admission was never settled
	if c, _ := f.GetComments(sheet); !strings.Contains(func() string {
		var s []string
		for _, x := range c {
			s = append(s, x.Cell+" "+x.Text)
		}
		return strings.Join(s, "|")
	}(), ref(10, 5)) {
		t.Errorf("no comment on the empty percentage: %+v", c)
	}
	if got := rows(t, f, sheet)[2][9]; got != "50.0%" {
		t.Errorf("referral's share on 李明 is shown %q", got)
	}
}

// The workbook in Chinese says the same numbers with its titles translated.
func TestAnalysisSheetsInChinese(t *testing.T) {
	f, _ := build(t, withConsensus(t), Options{Lang: TraditionalChinese})
	if got := text(t, f, "Codes by speaker", "A1"); got != "賦予各代碼的話輪數（最終編碼：共識層，已裁定 4 個話輪，共 9 個）" {
		t.Errorf("title %q", got)
	}
	if got := text(t, f, "Codes by speaker", "F2"); got != "（無說話人）" {
		t.Errorf("no speaker %q", got)
	}
	if got := text(t, f, "Co-occurrence", "A2"); got != "代碼" {
		t.Errorf("header %q", got)
	}
}

// Past maxCooccurrenceCodes codes, the co-occurrence shows those given to the most turns, and
// a matrix past maxFreqGroups columns sums the rest into one, its totals whole.
func TestAnalysisSheetsAtTheirLimits(t *testing.T) {
	in := synthetic(600)
	nCodes := maxCooccurrenceCodes + 5
	for k := range nCodes {
		in.Data.Codes = append(in.Data.Codes, coding.Code{ID: "k" + strconv.Itoa(k), Name: "code" + strconv.Itoa(k)})
	}
	for i := range in.Data.Units {
		in.Data.Units[i].Speaker = "speaker " + strconv.Itoa(i) // 600 speakers
		in.Data.Judgements = append(in.Data.Judgements, coding.Judgement{Unit: in.Data.Units[i].TurnID, Coder: in.Data.Coders[0], Code: "code" + strconv.Itoa(i%nCodes)})
	}
	f, _ := build(t, in, Options{})
	head := rows(t, f, "Co-occurrence")[1]
	if len(head) != 1+maxCooccurrenceCodes {
		t.Errorf("co-occurrence of %d codes", len(head)-1)
	}
	if !strings.Contains(text(t, f, "Co-occurrence", "A1"), "the 100 codes given to the most turns") {
		t.Errorf("title %q", text(t, f, "Co-occurrence", "A1"))
	}
	speakers := rows(t, f, "Codes by speaker")[1]
	if got := speakers[maxFreqGroups]; got != "101 others" {
		t.Errorf("the last column %q", got)
	}
	if len(speakers) > 3*(maxFreqGroups+2) {
		t.Errorf("%d columns", len(speakers))
	}
}
