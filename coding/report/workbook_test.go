package report

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/xuri/excelize/v2"
)

// TestWriteFixtureFile writes the fixture's workbook (with its consensus layer) to
// $REPORT_FIXTURE_OUT in the language $REPORT_FIXTURE_LANG (English when unset), for a look in
// Excel or LibreOffice; skipped without it.
func TestWriteFixtureFile(t *testing.T) {
	out := os.Getenv("REPORT_FIXTURE_OUT")
	if out == "" {
		t.Skip("set REPORT_FIXTURE_OUT=file.xlsx to write the fixture's workbook")
	}
	_, b := build(t, withConsensus(t), Options{Lang: os.Getenv("REPORT_FIXTURE_LANG")})
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSheetOrderPanesAndFilters(t *testing.T) {
	f, b := build(t, fixture(t), Options{})
	if got := f.GetSheetList(); !slices.Equal(got, SheetNames) {
		t.Fatalf("sheets %q, want %q", got, SheetNames)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want the Summary", f.GetActiveSheetIndex())
	}
	filters := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			filters[d.Scope] = d.RefersTo
		}
	}
	xml := sheetXML(t, b)
	for _, s := range SheetNames {
		headerRow := 1
		if s == "Frequencies" || slices.Contains(AnalysisSheetNames, s) {
			headerRow = 2 // row 1 titles the tables
		}
		p, err := f.GetPanes(s)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != headerRow || p.XSplit != 0 || p.TopLeftCell != ref(1, headerRow+1) {
			t.Errorf("%s: panes %+v, want the header row frozen", s, p)
		}
		want := regexp.MustCompile(`^'` + regexp.QuoteMeta(s) + `'!\$A\$` + strconv.Itoa(headerRow) + `:\$[A-Z]+\$\d+$`)
		if !want.MatchString(filters[s]) {
			t.Errorf("%s: filter range %q", s, filters[s])
		}
		if !regexp.MustCompile(`<autoFilter ref="\$?A\$?` + strconv.Itoa(headerRow) + `:\$?[A-Z]+\$?\d+"`).MatchString(xml[s]) {
			t.Errorf("%s: no autoFilter element on the header", s)
		}
		// Every used column has a width set from its content.
		rs := rows(t, f, s)
		cols := 0
		for _, r := range rs {
			cols = max(cols, len(r))
		}
		for c := 1; c <= cols; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, _ := f.GetColWidth(s, name)
			if w < minWidth || w > 92 {
				t.Errorf("%s column %s: width %v", s, name, w)
			}
		}
	}
	// Widths follow the content: CJK counts double, long text is capped and wraps.
	w := func(sheet, col string) float64 { v, _ := f.GetColWidth(sheet, col); return v }
	if got, want := w("Codings", "F"), float64(len(`A prose paragraph, with a comma and "quotes".`)+padding); got != want {
		t.Errorf("Codings text column width %v, want %v (the longest turn)", got, want)
	}
	if got := w("Codings", "A"); got != float64(len("访谈一")/3*2+padding+2) && got != float64(8+padding) {
		// "Document" (8) is wider than 访谈一 (6)
		t.Errorf("Codings document column width %v", got)
	}
	if got, want := w("Codings", "D"), float64(textWidth("访谈员", 99)+padding); got != max(want, float64(len("Speaker")+padding)) {
		t.Errorf("Codings speaker column width %v", got)
	}
	if textWidth("访谈员", 99) != 6 || textWidth("ab\nabcd", 99) != 4 || textWidth(strings.Repeat("x", 100), 60) != 61 {
		t.Error("textWidth")
	}
	// Long text wraps: the Codings text column's cells carry a wrapping style.
	st, _ := f.GetCellStyle("Codings", "F2")
	style, _ := f.GetStyle(st)
	if style.Alignment == nil || !style.Alignment.WrapText {
		t.Errorf("Codings!F2 does not wrap: %+v", style.Alignment)
	}
	// Disagreements print landscape, one page wide, header repeated.
	pl, err := f.GetPageLayout("Disagreements")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("Disagreements page layout %+v", pl)
	}
	printTitles := false
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == "Disagreements" && d.RefersTo == "'Disagreements'!$1:$1" {
			printTitles = true
		}
	}
	if !printTitles {
		t.Errorf("Disagreements: no print titles in %+v", f.GetDefinedName())
	}
}

// sheetXML maps each sheet name to its worksheet XML.
func sheetXML(t testing.TB, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		for _, zf := range zr.File {
			if zf.Name == name {
				r, _ := zf.Open()
				defer r.Close()
				data, _ := io.ReadAll(r)
				return string(data)
			}
		}
		return ""
	}
	wb, rels := read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels")
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"`).FindAllStringSubmatch(wb, -1) {
		target := regexp.MustCompile(`Id="` + m[2] + `" Target="([^"]+)"|Target="([^"]+)"[^>]*Id="` + m[2] + `"`).FindStringSubmatch(rels)
		if target == nil {
			t.Fatalf("no target for %s", m[1])
		}
		path := target[1] + target[2]
		path = strings.TrimPrefix(path, "/xl/")
		name := strings.ReplaceAll(m[1], "&amp;", "&")
		out[name] = read("xl/" + path)
	}
	return out
}

// checkValue checks a statistic's cell against the engine: the same float64, or an empty cell
// shaded grey with the reason in a comment (unless said is the reason: a coefficient's
// precision undefined for the coefficient's reason); never a number or a word standing in for
// an undefined value.
func checkValue(t *testing.T, f *excelize.File, comments map[string]string, sheet string, col, row int, v agreement.Value, what string) {
	t.Helper()
	checkValueSaid(t, f, comments, sheet, col, row, v, what, "")
}

func checkValueSaid(t *testing.T, f *excelize.File, comments map[string]string, sheet string, col, row int, v agreement.Value, what, said string) {
	t.Helper()
	cell := ref(col, row)
	if !v.Defined {
		if got := raw(t, f, sheet, cell); got != "" {
			t.Errorf("%s %s (%s): %q, want an empty cell", sheet, cell, what, got)
		}
		if fill := fillOf(t, f, sheet, cell); fill != fillUndefined {
			t.Errorf("%s %s (%s): fill %q, want the grey of an undefined value", sheet, cell, what, fill)
		}
		switch {
		case said != "" && v.Reason == said:
			if c, ok := comments[cell]; ok {
				t.Errorf("%s %s (%s): a comment %q repeats its coefficient's", sheet, cell, what, c)
			}
		case !strings.Contains(comments[cell], v.Reason):
			t.Errorf("%s %s (%s): comment %q lacks the reason %q", sheet, cell, what, comments[cell], v.Reason)
		}
		return
	}
	if got := number(t, f, sheet, cell); got != v.V {
		t.Errorf("%s %s (%s): %v, want the engine's %v", sheet, cell, what, got, v.V)
	}
}

// checkEstimate checks a statistic's cells, from column col: its value and precision, or an
// interval's limits.
func checkEstimate(t *testing.T, f *excelize.File, comments map[string]string, sheet string, col, row int, s agreement.Statistic, e agreement.Estimate, what string) {
	t.Helper()
	if s.Interval != "" {
		checkValue(t, f, comments, sheet, col, row, e.CI95[0], what+" low")
		checkValue(t, f, comments, sheet, col+1, row, e.CI95[1], what+" high")
		return
	}
	checkValue(t, f, comments, sheet, col, row, e.Coef, what)
	if !s.HasPrecision() {
		return
	}
	said := ""
	if !e.Coef.Defined {
		said = e.Coef.Reason
	}
	for i, v := range []agreement.Value{e.SE, e.CI95[0], e.CI95[1], e.P} {
		checkValueSaid(t, f, comments, sheet, col+1+i, row, v, fmt.Sprint(what, " precision ", i), said)
	}
}

// fillOf is a cell's fill colour (upper case, no #), "" when it has none.
func fillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
}

func commentsOf(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	cs, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, c := range cs {
		s := c.Text
		for _, p := range c.Paragraph {
			s += p.Text
		}
		m[c.Cell] = s
	}
	return m
}

// Every statistic of the table has its columns in Agreement by code and Pairwise, its row in
// Overall, headed as the table titles it, and each cell is the engine's figure.
func TestAgreementFiguresCellByCell(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Input
	}{{"single-label", fixture(t)}, {"multi-label", multiFixture(t)}, {"two coders", twoCoders(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			rep := in.Agreement
			f, _ := build(t, in, Options{})
			undefinedSeen, statsSeen := 0, map[string]bool{}

			// Agreement by code: Code, Units, a column per coder, then every statistic's columns
			// in the table's order.
			s := "Agreement by code"
			h := header(t, f, s, 1)
			comments := commentsOf(t, f, s)
			wantHead := []string{"Code", "Units"}
			for _, c := range rep.Coders {
				wantHead = append(wantHead, c+": units given")
			}
			for _, st := range agreement.Statistics() {
				if st.Applies.PerCode {
					wantHead = append(wantHead, en.statColumns(st, len(rep.Coders))...)
				}
			}
			if got := rows(t, f, s)[0]; !slices.Equal(got, wantHead) {
				t.Errorf("%s: header\n%q\nwant\n%q", s, got, wantHead)
			}
			if len(rep.Coders) > 2 && h["Cohen's κ (mean of pairs)"] == 0 {
				t.Errorf("%s: no Cohen's κ (mean of pairs) column in %v", s, h)
			}
			if len(rows(t, f, s)) != 1+len(rep.PerCode) {
				t.Fatalf("%s: %d rows for %d codes", s, len(rows(t, f, s)), len(rep.PerCode))
			}
			for i, cr := range rep.PerCode {
				r := i + 2
				if got := text(t, f, s, ref(h["Code"], r)); got != cr.Code {
					t.Errorf("row %d code %q, want %q", r, got, cr.Code)
				}
				if got := number(t, f, s, ref(h["Units"], r)); got != float64(cr.Units) {
					t.Errorf("%s units %v, want %d", cr.Code, got, cr.Units)
				}
				for _, c := range rep.Coders {
					if got := number(t, f, s, ref(h[c+": units given"], r)); got != float64(cr.Given[c]) {
						t.Errorf("%s given by %s: %v, want %d", cr.Code, c, got, cr.Given[c])
					}
				}
				for _, st := range agreement.Statistics() {
					if !st.Applies.PerCode {
						continue
					}
					col := h[en.statColumns(st, len(rep.Coders))[0]]
					e := st.OfCode(&cr)
					checkEstimate(t, f, comments, s, col, r, st, e, cr.Code+" "+st.Key)
					statsSeen["code "+st.Key] = true
					if !e.Coef.Defined && st.Interval == "" {
						undefinedSeen++
					}
				}
			}

			// Overall: a row per statistic after the mode and the units.
			s = "Overall"
			o := rep.Overall
			rs := rows(t, f, s)
			comments = commentsOf(t, f, s)
			if rs[1][0] != "Mode" || rs[1][1] != "" || !strings.HasPrefix(rs[1][6], o.Mode+": ") || rs[2][0] != "Units (reviewed by two or more coders)" || number(t, f, s, "B3") != float64(o.Units) {
				t.Errorf("Overall head %q", rs[:3])
			}
			// The Value column holds numbers or empty cells only, R and SPSS read it as numbers.
			for i := 2; i <= len(rs); i++ {
				if v := raw(t, f, s, ref(2, i)); v != "" {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("Overall!B%d holds %q, not a number", i, v)
					}
				}
			}
			r := 4
			for _, st := range agreement.Statistics() {
				if !st.Applies.Overall {
					continue
				}
				name := text(t, f, s, ref(1, r))
				want := en.statTitle(st, 2)
				if o.CohenKappaMeanPairwise {
					want = en.statTitle(st, 3)
				}
				if name != want {
					t.Errorf("Overall row %d: %q, want %q", r, name, want)
				}
				e := st.OfOverall(&o)
				checkEstimate(t, f, comments, s, 2, r, st, e, want)
				statsSeen["overall "+st.Key] = true
				if !e.Coef.Defined {
					undefinedSeen++
					if got := text(t, f, s, ref(7, r)); got != e.Coef.Reason {
						t.Errorf("Overall %s note %q, want %q", want, got, e.Coef.Reason)
					}
				}
				if !st.HasPrecision() {
					for c := 3; c <= 6; c++ {
						if got := raw(t, f, s, ref(c, r)); got != "" {
							t.Errorf("Overall %s, which has no precision: %q in column %d", want, got, c)
						}
					}
				}
				r++
			}
			if len(rs) != r-1 {
				t.Errorf("Overall: %d rows, want %d", len(rs), r-1)
			}

			// Pairwise.
			s = "Pairwise"
			h = header(t, f, s, 1)
			comments = commentsOf(t, f, s)
			if len(rows(t, f, s)) != 1+len(rep.Pairwise) || len(rep.Pairwise) != len(rep.Coders)*(len(rep.Coders)-1)/2 {
				t.Fatalf("Pairwise: %d rows for %d pairs", len(rows(t, f, s)), len(rep.Pairwise))
			}
			for i, pr := range rep.Pairwise {
				r := i + 2
				if text(t, f, s, ref(1, r)) != pr.Coders[0] || text(t, f, s, ref(2, r)) != pr.Coders[1] {
					t.Errorf("Pairwise row %d: coders", r)
				}
				if got := number(t, f, s, ref(h["Units"], r)); got != float64(pr.Overall.Units) {
					t.Errorf("pair %v units %v", pr.Coders, got)
				}
				for _, st := range agreement.Statistics() {
					if !st.Applies.Overall {
						continue
					}
					cols := en.statColumns(st, 2)
					for _, c := range cols {
						if h[c] == 0 {
							t.Fatalf("Pairwise: no column %q", c)
						}
					}
					checkEstimate(t, f, comments, s, h[cols[0]], r, st, st.OfOverall(&pr.Overall), fmt.Sprint(pr.Coders, st.Key))
					statsSeen["pair "+st.Key] = true
				}
				for k, cr := range pr.PerCode {
					checkValue(t, f, comments, s, h["α: "+cr.Code], r, cr.KrippendorffAlpha, fmt.Sprint(pr.Coders, cr.Code))
					if k >= len(rep.PerCode) || rep.PerCode[k].Code != cr.Code {
						t.Errorf("pair per-code order")
					}
				}
			}
			if undefinedSeen == 0 {
				t.Error("the fixture has no undefined value to check")
			}
			for _, st := range agreement.Statistics() {
				for _, where := range []string{"code", "overall", "pair"} {
					wanted := st.Applies.PerCode && where == "code" || st.Applies.Overall && where != "code"
					if wanted != statsSeen[where+" "+st.Key] {
						t.Errorf("%s %s: checked %v", where, st.Key, statsSeen[where+" "+st.Key])
					}
				}
			}
		})
	}
}

// twoCoders is the fixture with two of its coders.
func twoCoders(t *testing.T) Input {
	in := fixture(t)
	in.Data.Coders = []string{"ana", "bo"}
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{Bootstrap: true, Resamples: 50, Seed: 1})
	return in
}

func TestGuideColours(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{})
	h := header(t, f, "Agreement by code", 1)
	fillOf := func(sheet, cell string) string { return fillOf(t, f, sheet, cell) }
	bands := map[string]bool{}
	for i, cr := range in.Agreement.PerCode {
		for col, v := range map[string]agreement.Value{"Krippendorff's α": cr.KrippendorffAlpha, "Fleiss' κ": cr.FleissKappa, "Cohen's κ (mean of pairs)": cr.CohenKappa} {
			got := fillOf("Agreement by code", ref(h[col], i+2))
			want := fillUndefined
			if v.Defined {
				want = []string{fillGood, fillTentative, fillPoor}[guideBand(v.V)]
				bands[want] = true
			}
			if got != want {
				t.Errorf("%s %s = %v: fill %q, want %q", cr.Code, col, v, got, want)
			}
		}
		// Percent agreement and Gwet's AC1 are not coloured.
		if got := fillOf("Agreement by code", ref(h["Gwet's AC1"], i+2)); got != "" {
			t.Errorf("AC1 filled %q", got)
		}
	}
	if len(bands) < 2 {
		t.Errorf("the fixture shows only the bands %v", bands)
	}
	for v, want := range map[float64]int{0.8: 0, 0.7996: 0, 0.7994: 1, 0.667: 1, 2.0 / 3: 1, 0.6664: 2, -0.2: 2, 1: 0} {
		if got := guideBand(v); got != want {
			t.Errorf("guideBand(%v) = %d, want %d", v, got, want)
		}
	}
	// Numbers are shown with three decimals, percent agreement as a percentage.
	id, _ := f.GetCellStyle("Agreement by code", ref(h["Krippendorff's α"], 2))
	st, _ := f.GetStyle(id)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != fmtStat {
		t.Errorf("α number format %+v", st.CustomNumFmt)
	}
	id, _ = f.GetCellStyle("Agreement by code", ref(h["Percent agreement"], 2))
	st, _ = f.GetStyle(id)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != fmtPct {
		t.Errorf("percent agreement number format %+v", st.CustomNumFmt)
	}
}

func TestSummary(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Summary")
	items := map[string]string{}
	for _, r := range rs {
		if len(r) >= 2 {
			items[r[0]] = r[1]
		}
	}
	for k, want := range map[string]string{
		"Project":              "访谈项目.turncoder",
		"Exported at (UTC)":    "2024-04-01 08:15:30",
		"Coders":               "ana, bo, cy",
		"Scope":                "whole project; turns in the coding scope",
		"Codebook fingerprint": coding.Fingerprint(in.Codebook),
		"Units in scope":       "9",
		"Units counted (reviewed by two or more coders)": strconv.Itoa(in.Agreement.Overall.Units),
		"Overall mode":          agreement.SingleLabel,
		"Codes in scope":        "4",
		"Codes in the codebook": "5",
	} {
		if items[k] != want {
			t.Errorf("Summary %q = %q, want %q", k, items[k], want)
		}
	}
	if in.Agreement.Overall.Units != 7 {
		t.Errorf("fixture: %d units counted", in.Agreement.Overall.Units)
	}
	// Every convention, each statistic's note and every reason for an undefined value.
	all := joinLines(rs)
	conv := agreement.Conventions()
	for _, k := range agreement.ConventionKeys {
		if !strings.Contains(all, conv[k]) {
			t.Errorf("Summary lacks the convention %q", k)
		}
	}
	for _, name := range []string{"Missing data", "Overall figures", "Standard errors, intervals and p-values"} {
		if items[name] == "" {
			t.Errorf("Summary has no note on %s", name)
		}
	}
	for _, st := range agreement.Statistics() {
		if !strings.HasPrefix(items[st.Title], st.Explanation) || !strings.HasSuffix(items[st.Title], st.Convention) {
			t.Errorf("Summary on %s: %q", st.Title, items[st.Title])
		}
	}
	for _, n := range in.Agreement.Notes[len(agreement.ConventionKeys):] {
		if !strings.Contains(all, n) {
			t.Errorf("Summary lacks the note %q", n)
		}
	}
	if !strings.Contains(items["Undefined values"], "leaves its cell empty") || !strings.Contains(items["Undefined values"], "readxl::read_excel(path, sheet)") {
		t.Errorf("Summary does not explain undefined cells: %q", items["Undefined values"])
	}
	if strings.Contains(all, `na = "undefined"`) {
		t.Error("Summary still tells R to read the word undefined")
	}
	// The export time is a real date-time cell.
	for i, r := range rs {
		if len(r) > 0 && r[0] == "Exported at (UTC)" {
			cell := ref(2, i+1)
			if got, want := number(t, f, "Summary", cell), excelTime(in.ExportedAt); got != want {
				t.Errorf("export time %v, want %v", got, want)
			}
		}
	}
}

// TestTextNeverFormula: turns and names that look like formulas are text cells holding the
// literal text, wherever they appear.
func TestTextNeverFormula(t *testing.T) {
	f, b := build(t, fixture(t), Options{})
	for _, s := range SheetNames {
		rs := rows(t, f, s)
		for r, row := range rs {
			for c, v := range row {
				cell := ref(c+1, r+1)
				if fm, _ := f.GetCellFormula(s, cell); fm != "" {
					t.Errorf("%s!%s: formula %q", s, cell, fm)
				}
				if v != "" && strings.ContainsAny(v[:1], "=+-@") && !regexp.MustCompile(`^-?[\d.]+%?$`).MatchString(v) {
					if got := text(t, f, s, cell); got != v {
						t.Errorf("%s!%s: %q", s, cell, got)
					}
				}
			}
		}
	}
	for sheet, xml := range sheetXML(t, b) {
		if strings.Contains(xml, "<f>") || strings.Contains(xml, "<f ") {
			t.Errorf("%s holds a formula element", sheet)
		}
	}
	// The turns that look like formulas, in the Codings sheet.
	seen := map[string]bool{}
	for r, row := range rows(t, f, "Codings")[1:] {
		cell := ref(6, r+2)
		seen[text(t, f, "Codings", cell)] = true
		_ = row
	}
	for _, s := range []string{"=SUM(A1)", "-1", "@x 我不太想谈这个。", "+y 是我的错，对不起。"} {
		if !seen[s] {
			t.Errorf("Codings lacks the literal turn %q", s)
		}
	}
	if got := text(t, f, "Codebook", "A6"); got != "=stance" {
		t.Errorf("Codebook!A6 = %q", got)
	}
}

func TestDisagreementsSheet(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Disagreements")
	want := [][]string{
		{"Document", "Section", "Turn", "Speaker", "Text", "ana", "bo", "cy"},
		{"访谈一", "开场", "4", "李明", "=SUM(A1)", "deflection", "deflection", "admission"},
		{"访谈一", "开场", "6", "张华", "-1", "admission", "admission", "(no code)"},
		{"访谈一", "正题", "8", "张华", "@x 我不太想谈这个。", "deflection", "referral", "deflection"},
		{"访谈二", "", "1", "王芳", "没有什么特别的，\n就是这样。", "(no code)", "(no code)", "deflection"},
	}
	if joinLines(rs) != joinLines(want) {
		t.Errorf("Disagreements:\n%s\nwant\n%s", joinLines(rs), joinLines(want))
	}
	if len(in.Agreement.Disagreements) != 4 {
		t.Errorf("the engine lists %d disagreements", len(in.Agreement.Disagreements))
	}
	number(t, f, "Disagreements", "C2")
	// A coder who did not review a disagreed unit: empty. In the multi-label fixture codes are
	// joined with " + ".
	f, _ = build(t, multiFixture(t), Options{})
	found := false
	for _, r := range rows(t, f, "Disagreements") {
		if len(r) > 5 && r[4] == "我觉得这个问题应该转给社工处理。" {
			found = true
			if r[5] != "referral + deflection" || r[6] != "referral" {
				t.Errorf("multi-label disagreement %q", r)
			}
		}
	}
	if !found {
		t.Error("multi-label: t1 is not listed")
	}
	// t5: cy did not review it, and ana and bo agree, so it is not a disagreement; build one.
	in = fixture(t)
	in.Agreement.Disagreements = append(in.Agreement.Disagreements, agreement.Disagreement{Unit: "t5", Codes: map[string][]string{"ana": {"admission"}, "bo": {}}})
	f, _ = build(t, in, Options{})
	empty(t, f, "Disagreements", "H6")
	if got := text(t, f, "Disagreements", "G6"); got != "(no code)" {
		t.Errorf("reviewed, no code: %q", got)
	}
}

func TestCodingMatrix(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{})
	s := "Coding matrix"
	h := header(t, f, s, 1)
	rs := rows(t, f, s)
	if len(rs) != 1+len(in.Data.Units) {
		t.Fatalf("%d rows for %d units", len(rs), len(in.Data.Units))
	}
	wantHeader := []string{"Document", "Section", "Turn", "Speaker", "Role", "Text"}
	for _, c := range in.Data.Coders {
		for _, k := range in.Data.Codes {
			wantHeader = append(wantHeader, c+": "+k.Name)
		}
	}
	if !slices.Equal(rs[0], wantHeader) {
		t.Errorf("header %q", rs[0])
	}
	// Expected from the judgements directly.
	type key struct{ unit, coder string }
	reviewed := map[key]bool{}
	given := map[key]map[string]bool{}
	for _, j := range in.Data.Judgements {
		k := key{j.Unit, j.Coder}
		reviewed[k] = true
		if given[k] == nil {
			given[k] = map[string]bool{}
		}
		given[k][j.Code] = true
	}
	for i, u := range in.Data.Units {
		r := i + 2
		if text(t, f, s, ref(1, r)) != u.Document || number(t, f, s, ref(3, r)) != float64(u.Number) || raw(t, f, s, ref(6, r)) != u.Text {
			t.Errorf("row %d: unit columns %q", r, rs[r-1][:6])
		}
		for _, c := range in.Data.Coders {
			for _, k := range in.Data.Codes {
				cell := ref(h[c+": "+k.Name], r)
				switch {
				case !reviewed[key{u.TurnID, c}]:
					empty(t, f, s, cell)
				case given[key{u.TurnID, c}][k.Name]:
					if number(t, f, s, cell) != 1 {
						t.Errorf("%s %s %s: want 1", u.TurnID, c, k.Name)
					}
				default:
					if number(t, f, s, cell) != 0 {
						t.Errorf("%s %s %s: want 0", u.TurnID, c, k.Name)
					}
				}
			}
		}
	}
	// Spot checks: t7 reviewed by ana only; t8 by nobody.
	if got := rs[7]; got[len(got)-1] != "" && len(got) > 10 {
		t.Errorf("t7 row %q: cy did not review it", got)
	}
	if len(rs[8]) > 6 {
		t.Errorf("t8 row %q: nobody reviewed it", rs[8])
	}
}

func TestCodingsSheet(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Codings")
	want := [][]string{{"Document", "Section", "Turn", "Speaker", "Role", "Text", "Coder", "Code", "Time (UTC)"}}
	add := func(unit int, coder, code string, min int) {
		u := fixtureUnits()[unit]
		want = append(want, []string{u.Document, u.Section, strconv.Itoa(u.Number), u.Speaker, string(u.Role), u.Text, coder, code, at(min).Format("2006-01-02 15:04:05")})
	}
	add(0, "ana", "referral", 21)
	add(0, "bo", "referral", 22)
	add(0, "cy", "referral", 23)
	add(1, "ana", "deflection", 24)
	add(1, "bo", "deflection", 25)
	add(1, "cy", "admission", 26)
	add(2, "ana", "admission", 27)
	add(2, "bo", "admission", 28)
	add(2, "cy", "", 9) // reviewed, no code: the review's time
	add(3, "ana", "deflection", 29)
	add(3, "bo", "referral", 30)
	add(3, "cy", "deflection", 31)
	add(4, "ana", "admission", 32)
	add(4, "bo", "admission", 33)
	add(5, "ana", "", 15)
	add(5, "bo", "", 16)
	add(5, "cy", "deflection", 34)
	add(6, "ana", "referral", 35)
	add(8, "bo", "deflection", 36)
	add(8, "cy", "deflection", 37)
	// GetRows trims trailing empty cells; compare padded.
	got := make([][]string, len(rs))
	for i, r := range rs {
		got[i] = append(r, make([]string, 9-len(r))...)
	}
	if joinLines(got) != joinLines(want) {
		t.Errorf("Codings:\n%s\nwant\n%s", joinLines(got), joinLines(want))
	}
	// Types: turn a number, time a date-time number in UTC, code empty for a bare review.
	for r := 2; r <= len(rs); r++ {
		number(t, f, "Codings", ref(3, r))
		if v := number(t, f, "Codings", ref(9, r)); v < 45000 || v > 46000 {
			t.Errorf("row %d: time serial %v", r, v)
		}
	}
	if v := number(t, f, "Codings", "I2"); v != excelTime(at(21)) {
		t.Errorf("I2 = %v, want %v", v, excelTime(at(21)))
	}
	if got := excelTime(time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)); got != 45366.5 {
		t.Errorf("excelTime noon 15 March 2024 = %v, want 45366.5", got)
	}
	empty(t, f, "Codings", "H10")
	id, _ := f.GetCellStyle("Codings", "I2")
	st, _ := f.GetStyle(id)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != fmtDateTime {
		t.Errorf("time format %+v", st.CustomNumFmt)
	}
}

// TestCodingsRules: a code given twice counts once with its latest time; a review next to codes
// adds no row; codes outside Data.Codes count as the review only; a zero time is an empty cell.
func TestCodingsRules(t *testing.T) {
	in := fixture(t)
	in.Data.Units = in.Data.Units[:1]
	in.Data.Judgements = []coding.Judgement{
		{Unit: "t1", Coder: "ana", Code: "referral", Time: at(1)},
		{Unit: "t1", Coder: "ana", Code: "", Time: at(2)},
		{Unit: "t1", Coder: "ana", Code: "referral", Time: at(5)},
		{Unit: "t1", Coder: "ana", Code: "admission", Time: at(3)},
		{Unit: "t1", Coder: "bo", Code: "not-in-scope", Time: at(4)},
		{Unit: "t1", Coder: "cy", Code: "deflection"},
	}
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{})
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Codings")
	got := ""
	for _, r := range rs[1:] {
		got += strings.Join(r[6:], "|") + "\n"
	}
	want := "ana|referral|2024-03-15 09:35:00\nana|admission|2024-03-15 09:33:00\nbo||2024-03-15 09:34:00\ncy|deflection\n"
	if got != want {
		t.Errorf("Codings:\n%s\nwant\n%s", got, want)
	}
	empty(t, f, "Codings", "I5")
}

func TestCodebookSheet(t *testing.T) {
	f, _ := build(t, fixture(t), Options{})
	rs := rows(t, f, "Codebook")
	want := [][]string{
		{"Code", "Chinese label", "Definition", "Inclusion", "Exclusion", "Example", "Colour", "Shortcut", "Parent"},
		{"referral", "转介", "The speaker sends the matter elsewhere.", "转给, 找社工", "Advice without a referral.", "你去问社工吧。", "#4e79a7", "1"},
		{"deflection", "回避", "Avoids the question.", "", "", "", "#f28e2b", "2"},
		{"admission", "承认", "Admits a fault.", "", "", "", "#e15759", "3", "=stance"},
		{"apology", "道歉", "Says sorry.", "", "", "", "#76b7b2"},
		{"=stance", "立场", "-a parent code that starts like a formula"},
	}
	if joinLines(rs) != joinLines(want) {
		t.Errorf("Codebook:\n%s\nwant\n%s", joinLines(rs), joinLines(want))
	}
	if text(t, f, "Codebook", "H2") != "1" {
		t.Error("a shortcut is text")
	}
}

func TestFrequencies(t *testing.T) {
	in := fixture(t)
	// A speaker whose one turn was reviewed with no code: in the table, not in the chart.
	in.Data.Units = append(in.Data.Units, coding.Unit{TurnID: "t10", DocumentID: "d2", Document: "访谈二", Number: 9, Speaker: "沉默者", Role: coding.RoleRespondent, Text: "嗯。"})
	in.Data.Judgements = append(in.Data.Judgements, coding.Judgement{Unit: "t10", Coder: "ana"})
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{})
	f, b := build(t, in, Options{})
	s := "Frequencies"
	rs := rows(t, f, s)
	if len(rs) < 7 {
		t.Fatalf("Frequencies: %d rows", len(rs))
	}
	titles := strings.Join(rs[0], "|")
	for _, w := range []string{"by each coder", "By speaker", "By role", "By document"} {
		if !strings.Contains(titles, w) {
			t.Errorf("no table titled %q in %q", w, titles)
		}
	}
	// Locate each table by its title and read it as code → group → count.
	tableAt := func(title string) map[string]map[string]float64 {
		col := 0
		for i, v := range rs[0] {
			if strings.Contains(v, title) {
				col = i + 1
			}
		}
		if col == 0 {
			t.Fatalf("no %q", title)
		}
		out := map[string]map[string]float64{}
		for r := 3; r <= 2+len(in.Data.Codes)+1; r++ {
			code := raw(t, f, s, ref(col, r))
			out[code] = map[string]float64{}
			for c := col + 1; ; c++ {
				grp := raw(t, f, s, ref(c, 2))
				if grp == "" {
					break
				}
				out[code][grp] = number(t, f, s, ref(c, r))
			}
		}
		return out
	}
	// Expected from the judgements: one per coder and unit with the code.
	units := map[string]coding.Unit{}
	for _, u := range in.Data.Units {
		units[u.TurnID] = u
	}
	inCoders := map[string]bool{"ana": true, "bo": true, "cy": true}
	byCoder, bySpeaker, byRole, byDoc := map[[2]string]float64{}, map[[2]string]float64{}, map[[2]string]float64{}, map[[2]string]float64{}
	for _, j := range in.Data.Judgements {
		u, ok := units[j.Unit]
		if !ok || !inCoders[j.Coder] || j.Code == "" {
			continue
		}
		byCoder[[2]string{j.Code, j.Coder}]++
		byCoder[[2]string{j.Code, "Total"}]++
		bySpeaker[[2]string{j.Code, orLabel(u.Speaker, "(no speaker)")}]++
		byRole[[2]string{j.Code, orLabel(string(u.Role), "(no role)")}]++
		byDoc[[2]string{j.Code, u.Document}]++
	}
	for title, want := range map[string]map[[2]string]float64{"by each coder": byCoder, "By speaker": bySpeaker, "By role": byRole, "By document": byDoc} {
		got := tableAt(title)
		for _, k := range in.Data.Codes {
			for grp, n := range got[k.Name] {
				if grp == "Total" && title != "by each coder" {
					continue
				}
				if n != want[[2]string{k.Name, grp}] {
					t.Errorf("%s: %s / %s = %v, want %v", title, k.Name, grp, n, want[[2]string{k.Name, grp}])
				}
			}
		}
		if got["apology"] == nil || got["Total"] == nil {
			t.Errorf("%s: rows %v", title, got)
		}
	}
	if got := tableAt("by each coder")["Total"]["Total"]; got != 17 {
		t.Errorf("codes given in all: %v, want 17", got)
	}
	if got := tableAt("By role")["referral"]["respondent"]; got != 5 {
		t.Errorf("referral to respondents: %v", got)
	}
	if got, ok := tableAt("By speaker")["Total"]["沉默者"]; !ok || got != 0 {
		t.Errorf("the speaker with no codes in the table: %v, %v", got, ok)
	}
	// The chart's data, under the tables: a row per speaker with codes, a column per code given.
	r0 := 0
	for i, r := range rs {
		if len(r) > 0 && strings.HasPrefix(r[0], "The chart's data") {
			r0 = i + 1 // its header row, 0-based
		}
	}
	if r0 == 0 || r0 <= 3+len(in.Data.Codes) {
		t.Fatalf("no chart data under the tables: %q", rs)
	}
	speakerTotals := map[string]float64{}
	for k, v := range bySpeaker {
		speakerTotals[k[1]] += v
	}
	given := map[string]bool{}
	for k := range bySpeaker {
		given[k[0]] = true
	}
	head := rs[r0]
	if head[0] != "Speaker" || len(head) != 1+len(given) {
		t.Errorf("chart data header %q, want Speaker and the %d codes given", head, len(given))
	}
	var charted []string
	for i := r0 + 1; i < len(rs) && len(rs[i]) > 0 && rs[i][0] != ""; i++ {
		sp := rs[i][0]
		charted = append(charted, sp)
		for c := 1; c < len(head); c++ {
			if got := number(t, f, s, ref(c+1, i+1)); got != bySpeaker[[2]string{head[c], sp}] {
				t.Errorf("chart data %s / %s = %v, want %v", sp, head[c], got, bySpeaker[[2]string{head[c], sp}])
			}
		}
	}
	if len(charted) != len(speakerTotals) || slices.Contains(charted, "沉默者") {
		t.Errorf("charted speakers %q; those with codes %v", charted, speakerTotals)
	}

	// The chart: a clustered column chart with a series per code given, in its colour.
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var chart string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			r, _ := zf.Open()
			data, _ := io.ReadAll(r)
			r.Close()
			chart = string(data)
		}
	}
	if chart == "" {
		t.Fatal("no chart in the workbook")
	}
	if !strings.Contains(chart, "<barChart>") || !strings.Contains(chart, `<barDir val="col">`) || !strings.Contains(chart, `<grouping val="clustered">`) {
		t.Errorf("not a clustered column chart: %.300s", chart)
	}
	if n := strings.Count(chart, "<ser>"); n != len(given) {
		t.Errorf("chart has %d series, want one per code given (%d)", n, len(given))
	}
	colours := regexp.MustCompile(`<ser>.*?<a:srgbClr val="([0-9A-F]{6})"`).FindAllStringSubmatch(chart, -1)
	seen := map[string]bool{}
	for i, m := range colours {
		if seen[m[1]] {
			t.Errorf("series %d has the colour %s of another", i, m[1])
		}
		seen[m[1]] = true
		if k := in.Codebook[i]; strings.ToUpper(strings.TrimPrefix(k.Colour, "#")) != m[1] {
			t.Errorf("series %d (%s): colour %s, the code's %s", i, k.Name, m[1], k.Colour)
		}
	}
	if len(colours) != len(given) {
		t.Errorf("%d series coloured, of %d", len(colours), len(given))
	}
	if !strings.Contains(sheetXML(t, b)["Frequencies"], "<drawing ") {
		t.Error("Frequencies does not show the chart")
	}
}

// Each code has its own colour in the chart: the codebook's, unless an earlier code took it or
// it has none, then one of the palette no other code has.
func TestCodeColours(t *testing.T) {
	codes := []string{"a", "b", "c", "d", "e"}
	book := []coding.Code{{Name: "a", Colour: "#0072b2"}, {Name: "b", Colour: "#0072B2"}, {Name: "c"}, {Name: "d", Colour: "red"}, {Name: "e", Colour: "#123456"}}
	got := codeColours(codes, book)
	want := []string{"0072B2", "E69F00", "009E73", "D55E00", "123456"}
	if !slices.Equal(got, want) {
		t.Errorf("colours %q, want %q", got, want)
	}
	many := make([]string, len(chartPalette)+3)
	for i := range many {
		many[i] = fmt.Sprint("code ", i)
	}
	if got := codeColours(many, nil); !slices.Equal(got[:len(chartPalette)], chartPalette) || got[len(chartPalette)] == "" {
		t.Errorf("past the palette: %q", got)
	}
}

func TestConfusion(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Confusion")
	confs := in.Agreement.Overall.Confusion
	if len(confs) != 3 {
		t.Fatalf("the engine gives %d tables", len(confs))
	}
	// Each block: a title row "ana × bo", a row per category, a total row, a blank row.
	r := 2
	for _, c := range confs {
		pair := c.Coders[0] + " × " + c.Coders[1]
		if rs[r-1][0] != pair {
			t.Fatalf("row %d: %q, want the title %q", r, rs[r-1], pair)
		}
		if !slices.Equal(rs[r-1][2:2+len(c.Categories)], c.Categories) || rs[r-1][2+len(c.Categories)] != "Total" {
			t.Errorf("%s: columns %q", pair, rs[r-1])
		}
		grand := 0
		for a, cat := range c.Categories {
			row := r + 1 + a
			if raw(t, f, "Confusion", ref(2, row)) != cat || raw(t, f, "Confusion", ref(1, row)) != pair {
				t.Errorf("%s row %d: %q", pair, row, rs[row-1])
			}
			sum := 0
			for b := range c.Categories {
				if got := number(t, f, "Confusion", ref(3+b, row)); got != float64(c.Counts[a][b]) {
					t.Errorf("%s %s→%s: %v, want %d", pair, cat, c.Categories[b], got, c.Counts[a][b])
				}
				sum += c.Counts[a][b]
			}
			if got := number(t, f, "Confusion", ref(3+len(c.Categories), row)); got != float64(sum) {
				t.Errorf("%s %s total %v", pair, cat, got)
			}
			grand += sum
		}
		total := r + 1 + len(c.Categories)
		if raw(t, f, "Confusion", ref(2, total)) != "Total" || number(t, f, "Confusion", ref(3+len(c.Categories), total)) != float64(grand) {
			t.Errorf("%s: total row %q", pair, rs[total-1])
		}
		r = total + 2
	}

	// Multi-label: a 2×2 table per pair and code, over the units both reviewed.
	in = multiFixture(t)
	f, _ = build(t, in, Options{})
	rs = rows(t, f, "Confusion")
	if !slices.Equal(rs[0], []string{"Coders", "Code", "First coder", "Second coder gave", "Second coder did not give", "Total"}) {
		t.Errorf("multi-label header %q", rs[0])
	}
	if n := len(rs); n != 1+3*4*5-1 { // 3 pairs × 4 codes × (title, 2 rows, total, blank), last blank trimmed
		t.Errorf("multi-label: %d rows", n)
	}
	// ana × bo, deflection: both reviewed t1..t6 (t7 ana only, t9 bo only).
	// ana: t1 (multi), t2, t4. bo: t2, t4 (multi). Both: t2, t4; only ana: t1; neither: t3, t5, t6.
	for i, row := range rs {
		if len(row) > 1 && row[0] == "ana × bo" && row[1] == "deflection" && row[2] == "ana gave" {
			r := i + 1
			got := []float64{number(t, f, "Confusion", ref(4, r)), number(t, f, "Confusion", ref(5, r)), number(t, f, "Confusion", ref(4, r+1)), number(t, f, "Confusion", ref(5, r+1)), number(t, f, "Confusion", ref(6, r+2))}
			if !slices.Equal(got, []float64{2, 1, 0, 3, 6}) {
				t.Errorf("ana × bo deflection: both, only ana, only bo, neither, n = %v", got)
			}
		}
	}
}

// TestSplitPastMaxRows: with a limit of 10 rows a sheet continues in "Name (2)", each part with
// its header, and the parts hold every row once, in order.
func TestSplitPastMaxRows(t *testing.T) {
	in := fixture(t)
	// More codings: a second round of units, reviewed by all three.
	for i := range 6 {
		u := coding.Unit{TurnID: fmt.Sprintf("x%d", i), DocumentID: "d3", Document: "访谈三", Number: i + 1, Speaker: "赵", Role: coding.RoleRespondent, Text: fmt.Sprintf("第%d句", i+1)}
		in.Data.Units = append(in.Data.Units, u)
		for _, c := range in.Data.Coders {
			in.Data.Judgements = append(in.Data.Judgements, coding.Judgement{Unit: u.TurnID, Coder: c, Code: "referral", Time: at(100 + i)})
		}
	}
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{})
	full, _ := build(t, in, Options{})
	f, _ := build(t, in, Options{MaxRows: 10})
	list := f.GetSheetList()
	wantList := []string{"Summary", "Agreement by code", "Overall", "Pairwise", "Confusion", "Disagreements",
		"Coding matrix", "Coding matrix (2)", "Codings", "Codings (2)", "Codings (3)", "Codings (4)", "Codings (5)", "Codebook", "Frequencies", "Consensus",
		"Codes by speaker", "Codes by document", "Co-occurrence"}
	if !slices.Equal(list, wantList) {
		t.Fatalf("sheets %q, want %q", list, wantList)
	}
	for _, base := range []string{"Codings", "Coding matrix", "Disagreements"} {
		all := rows(t, full, base)
		var joined [][]string
		for _, name := range list {
			if name != base && !strings.HasPrefix(name, base+" (") {
				continue
			}
			part := rows(t, f, name)
			if len(part) > 10 {
				t.Errorf("%s: %d rows, more than 10", name, len(part))
			}
			if !slices.Equal(part[0], all[0]) {
				t.Errorf("%s: header %q", name, part[0])
			}
			p, _ := f.GetPanes(name)
			if !p.Freeze || p.YSplit != 1 {
				t.Errorf("%s: header not frozen", name)
			}
			joined = append(joined, part[1:]...)
			// the autofilter covers this part's rows
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm._FilterDatabase" && d.Scope == name && !strings.HasSuffix(d.RefersTo, "$"+strconv.Itoa(len(part))) {
					t.Errorf("%s: filter %s for %d rows", name, d.RefersTo, len(part))
				}
			}
		}
		if joinLines(joined) != joinLines(all[1:]) {
			t.Errorf("%s: the parts differ from the whole:\n%s\nwant\n%s", base, joinLines(joined), joinLines(all[1:]))
		}
	}
	m, _ := newModel(&in.Data)
	n := 0
	for _, name := range list {
		if strings.HasPrefix(name, "Codings") {
			n += len(rows(t, f, name)) - 1
		}
	}
	if n != m.rows || n != 20+18 {
		t.Errorf("%d codings across the parts, want %d", n, m.rows)
	}
	// A limit of exactly the rows needed does not split.
	f, _ = build(t, in, Options{MaxRows: 1 + m.rows})
	if slices.Contains(f.GetSheetList(), "Codings (2)") {
		t.Error("split although the rows fit")
	}
}

// cancelAfter is a context whose Err turns to Canceled after n calls.
type cancelAfter struct {
	context.Context
	n     int64
	calls atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) > c.n {
		return context.Canceled
	}
	return nil
}

func TestCancel(t *testing.T) {
	in := fixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteWorkbook(ctx, io.Discard, in, Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
	// Cancelled in the middle of the rows of a large export.
	big := synthetic(5000) // about 22,000 rows: ctx is checked every 256
	for _, n := range []int64{3, 30, 60} {
		err := WriteWorkbook(&cancelAfter{Context: context.Background(), n: n}, io.Discard, big, Options{}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %d checks: %v", n, err)
		}
	}
	// Cancelled while the zip is written: the writer fails.
	ctx, cancel = context.WithCancel(context.Background())
	w := &cancelWriter{cancel: cancel, after: 1 << 16}
	if err := WriteWorkbook(ctx, w, big, Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while zipping: %v", err)
	}
}

// cancelWriter cancels after some bytes.
type cancelWriter struct {
	cancel func()
	after  int
	n      int
}

func (w *cancelWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	if w.n > w.after {
		w.cancel()
	}
	return len(p), nil
}

func TestProgress(t *testing.T) {
	in := synthetic(3000)
	var calls [][2]int
	var buf bytes.Buffer
	if err := WriteWorkbook(context.Background(), &buf, in, Options{MaxRows: 1000}, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 3 {
		t.Fatalf("progress called %d times", len(calls))
	}
	total := calls[0][1]
	if calls[0][0] != 0 || calls[len(calls)-1] != [2]int{total, total} {
		t.Errorf("progress from %v to %v", calls[0], calls[len(calls)-1])
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][1] != total || calls[i][0] < calls[i-1][0] {
			t.Errorf("progress %v after %v", calls[i], calls[i-1])
		}
	}
	// The total is every row of every sheet.
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for _, s := range f.GetSheetList() {
		n += len(rows(t, f, s))
	}
	// GetRows drops trailing empty rows only; our sheets end in data, except Confusion's final
	// blank row.
	if math.Abs(float64(n-total)) > 1 {
		t.Errorf("progress total %d, rows in the workbook %d", total, n)
	}
}

func TestEmptyInput(t *testing.T) {
	in := Input{Project: "empty", Agreement: agreement.Compute(agreement.Data{}, agreement.Options{})}
	f, _ := build(t, in, Options{})
	if got := f.GetSheetList(); !slices.Equal(got, SheetNames) {
		t.Errorf("sheets %q", got)
	}
	if rs := rows(t, f, "Codings"); len(rs) != 1 {
		t.Errorf("Codings %q", rs)
	}
	var buf bytes.Buffer
	if err := WriteCSV(context.Background(), t.TempDir(), in); err != nil {
		t.Error(err)
	}
	_ = buf
}

func TestWriteCSV(t *testing.T) {
	in := fixture(t)
	dir := t.TempDir()
	if err := WriteCSV(context.Background(), dir, in); err != nil {
		t.Fatal(err)
	}
	codings, err := os.ReadFile(filepath.Join(dir, "codings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(codings, []byte("\xef\xbb\xbf")) {
		t.Error("codings.csv has no BOM")
	}
	lines := strings.Split(strings.TrimSuffix(string(codings[3:]), "\n"), "\n")
	want := []string{
		"document,section,turn,speaker,role,text,coder,code,time",
		"访谈一,开场,2,李明,respondent,我觉得这个问题应该转给社工处理。,ana,referral,2024-03-15T09:51:00Z",
	}
	if !slices.Equal(lines[:2], want) {
		t.Errorf("codings.csv starts %q", lines[:2])
	}
	for _, w := range []string{
		"访谈一,开场,4,李明,respondent,'=SUM(A1),ana,deflection,2024-03-15T09:54:00Z",
		"访谈一,开场,6,张华,respondent,'-1,cy,,2024-03-15T09:39:00Z",
		"访谈一,正题,8,张华,respondent,'@x 我不太想谈这个。,bo,referral,2024-03-15T10:00:00Z",
		"访谈一,正题,10,访谈员,interviewer,'+y 是我的错，对不起。,ana,admission,2024-03-15T10:02:00Z",
		`访谈二,,7,,,"A prose paragraph, with a comma and ""quotes"".",bo,deflection,2024-03-15T10:06:00Z`,
	} {
		if !slices.Contains(lines, w) {
			t.Errorf("codings.csv lacks %q", w)
		}
	}
	if strings.Contains(string(codings), "\r\n") {
		t.Error("codings.csv has CRLF")
	}
	// The same rows as the Codings sheet, multi-line text quoted.
	m, _ := newModel(&in.Data)
	if n := strings.Count(string(codings), "Z\n") + strings.Count(string(codings), ",\n"); n != m.rows {
		t.Errorf("codings.csv: %d rows, want %d", n, m.rows)
	}
	if !strings.Contains(string(codings), "\"没有什么特别的，\n就是这样。\"") {
		t.Error("multi-line turn not quoted")
	}
	// It reads back as a codings table.
	back, err := coding.ReadCodingsCSV(bytes.NewReader(codings))
	if err != nil || len(back) != m.rows {
		t.Errorf("ReadCodingsCSV: %d rows, %v", len(back), err)
	}

	matrix, err := os.ReadFile(filepath.Join(dir, "matrix.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(matrix, []byte("\xef\xbb\xbf")) {
		t.Error("matrix.csv has no BOM")
	}
	mlines := strings.Split(string(matrix[3:]), "\n")
	if mlines[0] != "document,section,turn,speaker,role,text,ana: referral,ana: deflection,ana: admission,ana: apology,bo: referral,bo: deflection,bo: admission,bo: apology,cy: referral,cy: deflection,cy: admission,cy: apology" {
		t.Errorf("matrix header %q", mlines[0])
	}
	for _, w := range []string{
		"访谈一,开场,2,李明,respondent,我觉得这个问题应该转给社工处理。,1,0,0,0,1,0,0,0,1,0,0,0",
		"访谈一,开场,6,张华,respondent,'-1,0,0,1,0,0,0,1,0,0,0,0,0",
		"访谈一,正题,10,访谈员,interviewer,'+y 是我的错，对不起。,0,0,1,0,0,0,1,0,,,,",
		"访谈二,,3,王芳,respondent,只有一位编码员看过这一轮。,1,0,0,0,,,,,,,,",
		"访谈二,,5,王芳,respondent,没有人看过。,,,,,,,,,,,,",
	} {
		if !slices.Contains(mlines, w) {
			t.Errorf("matrix.csv lacks %q", w)
		}
	}
	if n := len(mlines) - 2 - 1; n != len(in.Data.Units) { // header, trailing "", one multi-line turn
		t.Errorf("matrix.csv: %d lines for %d units", n, len(in.Data.Units))
	}
	// No temporary files are left.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("dir holds %v", entries)
	}
}

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "-1": "'-1", "@x": "'@x", "+y": "'+y", "\tx": "'\tx", "a=b": "a=b", "": "", "中文": "中文"} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriteCSVAtomic: an error or a cancel part way leaves no half file and no temporary file,
// and the files already there unchanged.
func TestWriteCSVAtomic(t *testing.T) {
	in := synthetic(5000)
	dir := t.TempDir()
	for _, name := range []string{"codings.csv", "matrix.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []int64{1, 3, 12} { // before, in codings.csv, in matrix.csv
		err := WriteCSV(&cancelAfter{Context: context.Background(), n: n}, dir, in)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancel after %d checks: %v", n, err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Errorf("after a cancel the dir holds %v", entries)
		}
		for _, name := range []string{"codings.csv", "matrix.csv"} {
			if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != "old "+name {
				t.Errorf("%s changed to %.40q", name, b)
			}
		}
	}
	// A directory that does not exist.
	if err := WriteCSV(context.Background(), filepath.Join(dir, "missing"), in); err == nil {
		t.Error("no error for a missing directory")
	}
	// Then a complete write replaces both.
	if err := WriteCSV(context.Background(), dir, in); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "matrix.csv"))
	if lines := bytes.Count(b, []byte("\n")); lines != 5001 {
		t.Errorf("matrix.csv: %d lines", lines)
	}
	if st, _ := os.Stat(filepath.Join(dir, "codings.csv")); st.Mode().Perm() != 0o644 {
		t.Errorf("codings.csv mode %v", st.Mode())
	}
}

// TestTwoCoders: with two coders Cohen's κ is the pair's own (no "mean of pairs"), Scott's π is
// defined, and Confusion has the one table.
func TestTwoCoders(t *testing.T) {
	in := fixture(t)
	in.Data.Coders = []string{"ana", "bo"}
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{})
	f, _ := build(t, in, Options{})
	h := header(t, f, "Agreement by code", 1)
	if h["Cohen's κ"] == 0 || h["Cohen's κ (mean of pairs)"] != 0 || h["cy: units given"] != 0 {
		t.Fatalf("header %v", h)
	}
	comments := commentsOf(t, f, "Agreement by code")
	defined := 0
	for i, cr := range in.Agreement.PerCode {
		checkValue(t, f, comments, "Agreement by code", h["Cohen's κ"], i+2, cr.CohenKappa, cr.Code)
		checkValue(t, f, comments, "Agreement by code", h["Scott's π"], i+2, cr.ScottPi, cr.Code)
		if cr.ScottPi.Defined {
			defined++
		}
	}
	if defined == 0 {
		t.Error("no Scott's π defined with two coders")
	}
	if got := text(t, f, "Overall", "A5"); got != "Cohen's κ" {
		t.Errorf("Overall A5 %q", got)
	}
	rs := rows(t, f, "Confusion")
	if rs[1][0] != "ana × bo" || len(in.Agreement.Overall.Confusion) != 1 {
		t.Errorf("Confusion %q", rs[:2])
	}
	if n := len(trimRows(rs)); n != 1+1+len(in.Agreement.Overall.Confusion[0].Categories)+1 {
		t.Errorf("Confusion: %d rows", n)
	}
	if len(rows(t, f, "Pairwise")) != 2 {
		t.Error("Pairwise: want one pair")
	}
	// Columns per coder follow Data.Coders in the data sheets.
	if got := rows(t, f, "Disagreements")[0]; !slices.Equal(got[5:], []string{"ana", "bo"}) {
		t.Errorf("Disagreements header %q", got)
	}
}
