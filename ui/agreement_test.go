package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// codeTurns has coder code the turns of the calls document: keys per turn number.
func (h *harness) codeTurns(coder string, keys map[int]string) {
	h.t.Helper()
	if err := h.ws.AddCoder(coder); err != nil {
		h.t.Fatal(err)
	}
	for n, k := range keys {
		h.ws.SelectTurn(n)
		h.c.Focus(h.ws.list)
		h.typ(k)
	}
}

func TestAgreementView(t *testing.T) {
	h := newHarness(t)
	h.m.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	// Ten union turns of the first call; ana and bo agree on all but turn 18.
	ana := map[int]string{2: "0", 4: "2", 6: "0", 8: "3", 10: "3", 12: "3", 14: "2", 16: "3", 18: "1", 20: "0"}
	bo := map[int]string{2: "0", 4: "2", 6: "0", 8: "3", 10: "3", 12: "3", 14: "2", 16: "3", 18: "3", 20: "0"}
	h.codeTurns("ana", ana)
	h.codeTurns("bo", bo)
	v := newAgreementView(h.ws, func(title, detail string, work func(context.Context, *taskProgress) error, finish func(error, bool)) {
		h.m.runTask(h.m.win, title, detail, work, finish)
	})
	var opened coding.Unit
	v.onOpen = func(u coding.Unit) {
		opened = u
		if err := h.ws.ShowTurnInCompare(u.DocumentID, u.Number); err != nil {
			t.Fatal(err)
		}
	}
	v.compute()
	h.waitTasks()
	if v.report.Overall.Units != 10 || len(v.report.Disagreements) != 1 || len(v.tabs.Items) != 6 {
		t.Fatalf("units %d, disagreements %d, tabs %d", v.report.Overall.Units, len(v.report.Disagreements), len(v.tabs.Items))
	}
	// The α cell of each code is coloured by Krippendorff's guide and reads its value over its
	// 95% interval.
	table := v.tabs.Items[0].Content.(*widget.Table)
	alpha, _ := agreement.StatisticByKey("krippendorff_alpha")
	alphaCol := columnOf(t, table, statLabel(alpha, 2))
	for i, r := range v.report.PerCode {
		cell := newCell()
		table.UpdateCell(widget.TableCellID{Row: i + 1, Col: alphaCol}, cell)
		bg := cell.(*fyne.Container).Objects[0].(*canvas.Rectangle).FillColor
		if bg != guideColour(r.KrippendorffAlpha) {
			t.Errorf("%s: α %v coloured %v", r.Code, r.KrippendorffAlpha, bg)
		}
		want := figures{}.value(r.KrippendorffAlpha)
		if r.KrippendorffAlpha.Defined {
			want += "\n" + fmtInterval(r.KrippendorffAlphaCI95)
		}
		if text := cell.(*fyne.Container).Objects[1].(*widget.Label).Text; text != want {
			t.Errorf("%s: α cell reads %q, want %q", r.Code, text, want)
		}
	}
	// A click on a figure says its interval, standard error and p-value in the status line.
	clicked := false
	for i, r := range v.report.PerCode {
		if !r.KrippendorffAlpha.Defined || !r.KrippendorffAlphaSE.Defined {
			continue
		}
		table.Select(widget.TableCellID{Row: i + 1, Col: alphaCol})
		want := fmt.Sprintf("%s, Kripp. α: %.3f, 95%% CI %s, SE %.3f, p ", r.Code, r.KrippendorffAlpha.V, fmtInterval(r.KrippendorffAlphaCI95), r.KrippendorffAlphaSE.V)
		if got := v.status.Text; !strings.HasPrefix(got, want) {
			t.Errorf("the status line says %q, want %q…", got, want)
		}
		clicked = true
		break
	}
	if !clicked {
		t.Error("no code has an α with a standard error to click on")
	}
	// Every statistic of the table is in the window: per code in the By code tab's columns,
	// overall in the Overall tab's rows and the Pairwise tab's columns.
	overall := overallTable(t, v.tabs.Items[1].Content)
	pairwise := v.tabs.Items[2].Content.(*widget.Table)
	var overallRows []string
	for r := 1; r <= len(overallStats(2, v.report.Overall.Mode)); r++ {
		overallRows = append(overallRows, cellText(overall, r, 0))
	}
	for _, s := range agreement.Statistics() {
		if s.Applies.PerCode {
			columnOf(t, table, statLabel(s, 2))
		}
		if s.Applies.Overall {
			columnOf(t, pairwise, statLabel(s, 2))
			if !slices.Contains(overallRows, statLabel(s, 2)) {
				t.Errorf("the Overall tab has no row %q: %q", statLabel(s, 2), overallRows)
			}
		}
	}
	// Each overall figure with its interval, standard error and p-value.
	for r, s := range overallStats(2, v.report.Overall.Mode) {
		e := s.OfOverall(&v.report.Overall)
		if !s.HasPrecision() || !e.Coef.Defined {
			continue
		}
		got := []string{cellText(overall, r+1, 1), cellText(overall, r+1, 2), cellText(overall, r+1, 3), cellText(overall, r+1, 4)}
		want := []string{figures{}.value(e.Coef), fmtInterval(e.CI95), figures{}.value(e.SE), figures{}.p(e.P)}
		if !slices.Equal(got, want) {
			t.Errorf("Overall %s: %q, want %q", s.Key, got, want)
		}
	}
	if guideColour(agreement.Value{V: 0.81, Defined: true}) != guideGood || guideColour(agreement.Value{V: 0.7, Defined: true}) != guideTentative ||
		guideColour(agreement.Value{V: 0.5, Defined: true}) != guidePoor {
		t.Error("guide colours")
	}
	// A click on the disagreement opens turn 18 in the compare view.
	list := v.disagreements
	list.Select(0)
	if opened.Number != 18 || !h.ws.compare || h.selected() != 18 {
		t.Errorf("opened %+v; compare %v, selected %d", opened, h.ws.compare, h.selected())
	}
	// Narrowing the scope to ana alone leaves nothing to compare.
	v.coders.SetSelected([]string{"ana"})
	v.compute()
	h.waitTasks()
	if v.report.Overall.Units != 0 || v.report.Overall.CohenKappa.Defined {
		t.Errorf("one coder: %d units, κ %v", v.report.Overall.Units, v.report.Overall.CohenKappa)
	}
	v.coders.SetSelected([]string{"ana", "bo"})
	// One call: the first holds all ten coded turns, the third none.
	v.docs.SetSelected(callsDoc)
	v.section.SetSelected("第三通电话：东营市总工会法工部")
	v.compute()
	h.waitTasks()
	if v.report.Units != 30 || v.report.Overall.Units != 0 {
		t.Errorf("call 3: %d units, %d counted; want 30 and 0", v.report.Units, v.report.Overall.Units)
	}
	v.section.SetSelected("第一通电话：东营市总工会办公室")
	v.compute()
	h.waitTasks()
	if v.report.Units != 18 || v.report.Overall.Units != 10 {
		t.Errorf("call 1: %d units, %d counted; want 18 and 10", v.report.Units, v.report.Overall.Units)
	}

	w := h.m.app.NewWindow("agreement")
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(1180, 560))
	img := w.Canvas().Capture()
	savePicture(t, img, "agreement.png")
}

// columnOf is the column of a table whose header reads label; the test fails without one.
func columnOf(t *testing.T, table *widget.Table, label string) int {
	t.Helper()
	_, cols := table.Length()
	for c := range cols {
		if cellText(table, 0, c) == label {
			return c
		}
	}
	t.Errorf("no column %q", label)
	return 0
}

// cellText is the text of a table's cell.
func cellText(table *widget.Table, row, col int) string {
	cell := newCell()
	table.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
	return cell.(*fyne.Container).Objects[1].(*widget.Label).Text
}

// overallTable is the table of the Overall tab.
func overallTable(t *testing.T, o fyne.CanvasObject) *widget.Table {
	t.Helper()
	c, ok := o.(*fyne.Container)
	if ok {
		for _, obj := range c.Objects {
			if tb, ok := obj.(*widget.Table); ok {
				return tb
			}
		}
	}
	t.Fatalf("the Overall tab holds no table: %T", o)
	return nil
}

// In Chinese the window gives the reasons for undefined figures, and its notes, in Chinese as
// the workbook does (report.EngineText), not in the engine's English.
func TestAgreementReasonsInChinese(t *testing.T) {
	h := newHarness(t)
	t.Cleanup(func() { SetLanguage("en") })
	SetLanguage("zh-Hans")
	// Both give the first code to the same turns and no other: the other codes have no
	// variation, so their κ and α are undefined.
	same := map[int]string{2: "0", 4: "0", 6: "0", 8: "0"}
	h.codeTurns("ana", same)
	h.codeTurns("bo", same)
	v := newAgreementView(h.ws, func(title, detail string, work func(context.Context, *taskProgress) error, finish func(error, bool)) {
		h.m.runTask(h.m.win, title, detail, work, finish)
	})
	v.compute()
	h.waitTasks()
	table := v.tabs.Items[0].Content.(*widget.Table)
	alpha, _ := agreement.StatisticByKey("krippendorff_alpha")
	col := columnOf(t, table, statLabel(alpha, 2))
	zh := report.NewEngineText("zh-Hans", v.report.Coders)
	checked := 0
	for i, r := range v.report.PerCode {
		a := r.KrippendorffAlpha
		if a.Defined || a.Reason == "" {
			continue
		}
		want := zh.Reason(a.Reason)
		if want == a.Reason {
			t.Fatalf("the texts have no Chinese for %q", a.Reason)
		}
		if got := cellText(table, i+1, col); !strings.Contains(got, want) {
			t.Errorf("%s: α reads %q, want the reason %q", r.Code, got, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no undefined α to read")
	}
	notes := v.tabs.Items[4].Content.(*container.Scroll).Content.(*widget.Label).Text
	for _, n := range v.report.Notes {
		if strings.Contains(notes, n) {
			t.Errorf("a note in English in the Chinese window: %q", n)
		}
	}
}
