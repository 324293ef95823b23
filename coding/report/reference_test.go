package report

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/xuri/excelize/v2"
)

// With a reference, the workbook keeps its sheets in their order and ends with Reference and
// Reference differences: a row per coder and code, then the coder's codes taken together, each
// figure the engine's (agreement.CompareWithReference on the same data), and a row per turn on
// which a coder's codes differ from the reference's, placed as the other sheets place a turn.
func TestReferenceSheets(t *testing.T) {
	in := fixture(t)
	f, _ := build(t, in, Options{Reference: "ana"})
	if got, want := f.GetSheetList(), append(slices.Clone(SheetNames), ReferenceSheetNames...); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rr, err := agreement.CompareWithReference(agreement.FromReliability(in.Data), "ana")
	if err != nil {
		t.Fatal(err)
	}
	h := header(t, f, "Reference", 1)
	for _, name := range []string{"Coder", "Code", "Units", "Not reviewed by the coder", "Reference gave", "Coder gave", "Misses", "Extras",
		"Percent agreement", "Percent agreement SE", "Cohen's κ", "Cohen's κ 95% CI low", "Gwet's AC1", "Gwet's AC1 p"} {
		if h[name] == 0 {
			t.Errorf("Reference has no column %q: %v", name, h)
		}
	}
	if h["Scott's π"] != 0 || h["Krippendorff's α"] != 0 {
		t.Errorf("Reference has statistics a comparison does not give: %v", h)
	}
	comments := commentsOf(t, f, "Reference")
	rs := rows(t, f, "Reference")
	if len(rs) != 1+len(rr.Coders)*(len(in.Data.Codes)+1) {
		t.Fatalf("Reference has %d rows, want a header and %d per coder", len(rs), len(in.Data.Codes)+1)
	}
	row := 2
	for _, rc := range rr.Coders {
		check := func(code string, counts []int, figure func(agreement.Statistic) agreement.Estimate) {
			t.Helper()
			if got := text(t, f, "Reference", ref(1, row)) + "|" + text(t, f, "Reference", ref(2, row)); got != rc.Coder+"|"+code {
				t.Errorf("Reference row %d: %q, want %s|%s", row, got, rc.Coder, code)
			}
			for i, n := range counts {
				if n < 0 {
					empty(t, f, "Reference", ref(3+i, row))
				} else if got := number(t, f, "Reference", ref(3+i, row)); got != float64(n) {
					t.Errorf("Reference %s: %v, want %d", ref(3+i, row), got, n)
				}
			}
			for _, s := range agreement.ReferenceStatistics() {
				checkEstimate(t, f, comments, "Reference", h[s.Title], row, s, figure(s), rc.Coder+" "+code+" "+s.Key)
			}
			row++
		}
		for i := range rc.Codes {
			c := &rc.Codes[i]
			check(c.Code, []int{c.Units, rc.NotReviewed, c.ReferenceGiven, c.CoderGiven, c.Misses, c.Extras}, c.Of)
		}
		check("(all codes)", []int{rc.Units, rc.NotReviewed, -1, -1, rc.Misses, rc.Extras}, rc.Overall.Of)
	}
	// bo against ana: t4 deflection → referral, t6 and t9 no code either way... as the engine says.
	var want []string
	for _, rc := range rr.Coders {
		for _, d := range rc.Differences {
			u := in.Data.Units[slices.IndexFunc(in.Data.Units, func(u coding.Unit) bool { return u.TurnID == d.Unit })]
			codes := func(c []string) string {
				if len(c) == 0 {
					return "(no code)"
				}
				return strings.Join(c, " + ")
			}
			want = append(want, strings.Join([]string{u.Document, u.Section, strconv.Itoa(u.Number), u.Speaker, u.Text, rc.Coder,
				codes(d.Reference), codes(d.Coder), strings.Join(d.Missed, " + "), strings.Join(d.Extra, " + ")}, "|"))
		}
	}
	if len(want) < 3 {
		t.Fatalf("the fixture gives %d differences from ana", len(want))
	}
	got := rows(t, f, "Reference differences")
	if strings.Join(got[0], "|") != "Document|Section|Turn|Speaker|Text|Coder|Reference's codes|Coder's codes|Missed|Extra" {
		t.Errorf("Reference differences header %q", got[0])
	}
	var lines []string
	for _, r := range got[1:] {
		r = append(r, make([]string, 10-len(r))...)
		lines = append(lines, strings.Join(r, "|"))
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Reference differences:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	text(t, f, "Reference differences", "E3") // =SUM(A1) stays text
	// The Summary names the reference and says how the comparison counts.
	items := map[string]string{}
	for _, r := range rows(t, f, "Summary") {
		if len(r) >= 2 {
			items[r[0]] = r[1]
		}
	}
	if items["Reference coder"] != "ana" || items["Units the reference reviewed"] != "7" ||
		!strings.HasPrefix(items["Comparison with the reference"], agreement.ReferenceConvention) {
		t.Errorf("Summary: reference %q, units %q, comparison %q", items["Reference coder"], items["Units the reference reviewed"], items["Comparison with the reference"])
	}
	// Without a reference, none of it.
	plain, _ := build(t, in, Options{})
	if !slices.Equal(plain.GetSheetList(), SheetNames) {
		t.Errorf("no reference: sheets %q", plain.GetSheetList())
	}
}

// The consensus layer as the reference: every coder compared with the decisions, over the
// units settled; the Summary says it is the consensus layer. A coder who reviewed no unit the
// layer settled has every figure empty, with the reason in the comments.
func TestReferenceIsTheConsensusLayer(t *testing.T) {
	in := withConsensus(t)
	f, _ := build(t, in, Options{Reference: ConsensusReference})
	d, err := ReferenceData(agreement.FromReliability(in.Data), ConsensusReference, in.Consensus)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := agreement.CompareWithReference(d, ConsensusReference)
	if err != nil {
		t.Fatal(err)
	}
	if rr.Units != 4 || len(rr.Coders) != 3 {
		t.Fatalf("the consensus layer settled %d units in scope, %d coders compared", rr.Units, len(rr.Coders))
	}
	rs := rows(t, f, "Reference")
	var coders []string
	for _, r := range rs[1:] {
		if !slices.Contains(coders, r[0]) {
			coders = append(coders, r[0])
		}
	}
	if strings.Join(coders, ",") != "ana,bo,cy" {
		t.Errorf("coders compared with the consensus layer: %v", coders)
	}
	summary := joinLines(rows(t, f, "Summary"))
	if !strings.Contains(summary, "Reference coder|consensus (the consensus layer)") {
		t.Errorf("the Summary does not name the consensus layer as the reference:\n%s", summary)
	}
	// The layer named as a person types it ("Consensus", with a space) is the same reference.
	typed, _ := build(t, in, Options{Reference: " Consensus"})
	if got, want := joinLines(rows(t, typed, "Reference")), joinLines(rs); got != want {
		t.Errorf("Reference \" Consensus\" gives\n%s\nwhere consensus gives\n%s", got, want)
	}
	// The difference the lead settled against cy's code on t2: cy missed deflection, added admission.
	if !strings.Contains(joinLines(rows(t, f, "Reference differences")), "访谈一|开场|4|李明|=SUM(A1)|cy|deflection|admission|deflection|admission") {
		t.Errorf("Reference differences lack cy on turn 4:\n%s", joinLines(rows(t, f, "Reference differences")))
	}

	// Only t7, which the layer did not settle, for a coder dan: no unit in common.
	in.Data.Coders = append(slices.Clone(in.Data.Coders), "dan")
	in.Data.Judgements = append(slices.Clone(in.Data.Judgements), coding.Judgement{Unit: "t7", Coder: "dan", Code: "referral"})
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{})
	for _, lang := range []string{English, SimplifiedChinese} {
		f, _ = build(t, in, Options{Reference: ConsensusReference, Lang: lang})
		comments := commentsOf(t, f, "Reference")
		rs = rows(t, f, "Reference")
		last := len(rs) // dan's codes taken together
		if rs[last-1][0] != "dan" {
			t.Fatalf("the last row is %q's", rs[last-1][0])
		}
		for c := 9; c <= 9+3*5-1; c++ {
			empty(t, f, "Reference", ref(c, last))
		}
		want := "dan and the reference consensus reviewed no unit in common"
		if lang == SimplifiedChinese {
			want = "dan 与参照 consensus 没有共同审阅过的单元"
		}
		if !strings.Contains(comments[ref(9, last)], want) {
			t.Errorf("%s: dan's percent agreement has the comment %q, want %q", lang, comments[ref(9, last)], want)
		}
	}
}

// A reference the data does not have, one who reviewed nothing, and the consensus layer of a
// project with nothing settled (or nothing in scope) are each one sentence, and no byte is
// written.
func TestReferenceRefusals(t *testing.T) {
	in := fixture(t)
	noReview := fixture(t)
	noReview.Data.Coders = append(slices.Clone(noReview.Data.Coders), "dan")
	outside := withConsensus(t)
	outside.Consensus = Consensus{} // a layer with no decision in scope
	for _, c := range []struct {
		name string
		in   Input
		ref  string
		want string
	}{
		{"unknown", in, "zed", `there is no coder "zed" to compare with: the coders are ana, bo, cy`},
		{"reviewed nothing", noReview, "dan", `the reference "dan" reviewed none of the 9 units in scope`},
		{"nothing adjudicated", in, "consensus", ErrNothingAdjudicated.Error()},
		{"nothing adjudicated in scope", outside, "consensus", "nothing in this scope has been adjudicated yet"},
	} {
		var buf bytes.Buffer
		err := WriteWorkbook(context.Background(), &buf, c.in, Options{Reference: c.ref}, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written", c.name, buf.Len())
		}
	}
	if _, err := ReferenceData(agreement.FromReliability(in.Data), "consensus", nil); !errors.Is(err, ErrNothingAdjudicated) {
		t.Errorf("ReferenceData of no layer: %v", err)
	}
	// A coder named consensus (data from elsewhere) is that coder, not the layer.
	d := agreement.FromLong([]agreement.Row{{Unit: "u1", Coder: "Consensus", Code: "x"}, {Unit: "u1", Coder: "ana", Code: "x"}})
	if got, err := ReferenceData(d, "consensus", nil); err != nil || len(got.Coders) != 2 {
		t.Errorf("a coder named Consensus: %v, %v", got.Coders, err)
	}
}

// The Reference sheets in Chinese: headers, the codes taken together and the Summary's
// sentences in the workbook's language, with the numbers of the English workbook.
func TestReferenceInChinese(t *testing.T) {
	in := withConsensus(t)
	en, _ := build(t, in, Options{Reference: "bo"})
	for _, lang := range []string{SimplifiedChinese, TraditionalChinese} {
		f, b := build(t, in, Options{Reference: "bo", Lang: lang})
		if left := latinLeft(in, workbookTexts(t, f, b)); len(left) > 0 {
			t.Errorf("%s: English left in the workbook:\n%s", lang, strings.Join(left, "\n"))
		}
		for _, s := range ReferenceSheetNames {
			a, z := rows(t, en, s), rows(t, f, s)
			if len(a) != len(z) {
				t.Fatalf("%s %s: %d rows, the English %d", lang, s, len(z), len(a))
			}
			for i := 1; i < len(a); i++ {
				for c, v := range a[i] {
					if _, err := strconv.ParseFloat(v, 64); err == nil && z[i][c] != v {
						t.Errorf("%s %s!%s: %q, the English %q", lang, s, ref(c+1, i+1), z[i][c], v)
					}
				}
			}
		}
		hd := header(t, f, "Reference", 1)
		want := map[string]string{SimplifiedChinese: "漏编", TraditionalChinese: "漏編"}[lang]
		if hd[want] == 0 || hd[map[string]string{SimplifiedChinese: "Gwet AC1 系数", TraditionalChinese: "Gwet AC1 係數"}[lang]] == 0 {
			t.Errorf("%s: Reference headers %v", lang, hd)
		}
	}
}

// The Summary ends its first block with the methods paragraph in the workbook's language: the
// one MethodsParagraph writes from the export's figures, scope, codebook, coders' copies and
// consensus layer, which says what it was given.
func TestSummaryHasTheMethodsParagraph(t *testing.T) {
	for _, c := range []struct {
		lang  string
		blind bool
		in    Input
		says  []string
	}{
		{English, false, fixture(t), []string{"Three coders coded 8 turns independently.", // t8, in scope, nobody reviewed "Scope of the figures: whole project; turns in the coding scope.",
			"(version " + coding.Fingerprint(fixtureCodebook()) + ")", "All figures were computed with turncoder " + SoftwareVersion() + "."}},
		{English, true, withConsensus(t), []string{"each blind to the others' codes", "settled by adjudication into a consensus coding"}},
		{SimplifiedChinese, true, fixture(t), []string{"3位编码员", "盲编", "所有数值均由turncoder"}},
		{TraditionalChinese, false, fixture(t), []string{"各自獨立地", "所有數值均由turncoder"}},
	} {
		c.in.Blind = c.blind
		f, _ := build(t, c.in, Options{Lang: c.lang})
		rs := rows(t, f, "Summary")
		title := map[string]string{English: "Methods paragraph", SimplifiedChinese: "方法段落", TraditionalChinese: "方法段落"}[c.lang]
		i := slices.IndexFunc(rs, func(r []string) bool { return len(r) == 1 && r[0] == title })
		if i < 0 || i+1 >= len(rs) || len(rs[i+1]) < 2 {
			t.Fatalf("%s: no methods paragraph in the Summary:\n%s", c.lang, joinLines(rs))
		}
		got := rs[i+1][1]
		want := MethodsParagraph(c.lang, c.in.Agreement, Methods{Scope: c.in.Scope, Fingerprint: coding.Fingerprint(c.in.Codebook), Blind: c.blind, Consensus: c.in.Consensus != nil})
		if got != want {
			t.Errorf("%s: the Summary's paragraph\n%s\nwant\n%s", c.lang, got, want)
		}
		for _, s := range c.says {
			if !strings.Contains(got, s) {
				t.Errorf("%s: the paragraph does not say %q:\n%s", c.lang, s, got)
			}
		}
		if c.lang == English && !c.blind && strings.Contains(got, "blind") {
			t.Errorf("coders in the master said to be blind:\n%s", got)
		}
		// The paragraph shows whole: its cell, merged down over rows when one is not high enough,
		// is as high as its lines.
		first, last := i+2, i+2
		mcs, err := f.GetMergeCells("Summary")
		if err != nil {
			t.Fatal(err)
		}
		for _, mc := range mcs {
			if mc.GetStartAxis() == ref(2, first) {
				_, last, _ = excelizeRow(mc.GetEndAxis())
			}
		}
		var height float64
		for r := first; r <= last; r++ {
			h, _ := f.GetRowHeight("Summary", r)
			height += h
		}
		if need := float64(allLines(got, summaryProse+padding)) * lineHeight; height < need {
			t.Errorf("%s: the paragraph's %d rows are %v points high; its text needs %v", c.lang, last-first+1, height, need)
		}
	}
}

// excelizeRow is the column and row of a cell's name.
func excelizeRow(cell string) (col, row int, err error) { return excelize.CellNameToCoordinates(cell) }

// TranslateReason gives the engine's reasons in each language, names and all, and an unknown one
// as it is.
func TestTranslateReason(t *testing.T) {
	r := "ana and the reference consensus reviewed no unit in common"
	for lang, want := range map[string]string{English: r, SimplifiedChinese: "ana 与参照 consensus 没有共同审阅过的单元", "zh-TW": "ana 與參照 consensus 沒有共同審閱過的單元", "fr": r} {
		if got := TranslateReason(lang, []string{"ana", "consensus"}, r); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := TranslateReason(SimplifiedChinese, nil, "no unit was reviewed by two or more coders"); got != "没有任何单元经两位或以上编码员审阅" {
		t.Errorf("a reason without names: %q", got)
	}
	if got := TranslateReason(SimplifiedChinese, nil, "something new"); got != "something new" {
		t.Errorf("an unknown reason: %q", got)
	}
	if v := SoftwareVersion(); !strings.HasPrefix(v, "0.") || strings.Contains(v, "devel") {
		t.Errorf("SoftwareVersion %q", v)
	}
}

// The window's notes are the engine's in English, word for word and in order, and in Chinese
// each translated: none is left in the engine's English.
func TestEngineTextNotes(t *testing.T) {
	rep := fixture(t).Agreement
	if got := NewEngineText(English, rep.Coders).Notes(rep); !slices.Equal(got, rep.Notes) {
		t.Fatalf("English notes\n%s\nwant the engine's\n%s", strings.Join(got, "\n"), strings.Join(rep.Notes, "\n"))
	}
	undefined := 0
	for _, n := range rep.Notes {
		if strings.Contains(n, "undefined") {
			undefined++
		}
	}
	if undefined == 0 {
		t.Fatal("the fixture has no undefined figure to translate the reason of")
	}
	for _, lang := range []string{SimplifiedChinese, TraditionalChinese} {
		got := NewEngineText(lang, rep.Coders).Notes(rep)
		if len(got) != len(rep.Notes) {
			t.Errorf("%s: %d notes, the engine has %d", lang, len(got), len(rep.Notes))
		}
		for _, n := range got {
			if slices.Contains(rep.Notes, n) {
				t.Errorf("%s: a note left in English: %q", lang, n)
			}
		}
	}
}
