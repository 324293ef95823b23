package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// labelsIn are the texts of the labels in o, in order.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		case *container.Scroll:
			walk(x.Content)
		}
	}
	walk(o)
	return out
}

func TestReferenceTab(t *testing.T) {
	h := newHarness(t)
	// ana and bo agree on every turn but 18, as in TestAgreementView.
	ana := map[int]string{2: "0", 4: "2", 6: "0", 8: "3", 10: "3", 12: "3", 14: "2", 16: "3", 18: "1", 20: "0"}
	bo := map[int]string{2: "0", 4: "2", 6: "0", 8: "3", 10: "3", 12: "3", 14: "2", 16: "3", 18: "3", 20: "0"}
	h.codeTurns("ana", ana)
	h.codeTurns("bo", bo)
	w := h.m.app.NewWindow("agreement")
	w.Resize(fyne.NewSize(1024, 700))
	v := h.m.newAgreementView(w)
	w.SetContent(v.content)
	var opened coding.Unit
	v.onOpen = func(u coding.Unit) { opened = u }
	v.compute()
	h.waitTasks()
	tab := func() fyne.CanvasObject {
		for _, it := range v.tabs.Items {
			if it.Text == T("Reference") {
				return it.Content
			}
		}
		t.Fatal("no Reference tab")
		return nil
	}
	says := func(sentence string) {
		t.Helper()
		if got := labelsIn(v.reference.body); !slices.Contains(got, sentence) {
			t.Errorf("the Reference tab says %q, want %q", got, sentence)
		}
	}
	tab()

	// No consensus layer yet: the coders are offered, none chosen, and the tab says what to do.
	if got := v.reference.choice.Options; !slices.Equal(got, []string{"ana", "bo"}) {
		t.Errorf("references offered %q, want ana and bo", got)
	}
	says(T("Choose a reference: the consensus layer, once disagreements are settled, or a coder whose coding the others should match. Every other coder is compared with it, code by code."))

	// bo as the reference: ana per code and over all codes, from the one table of statistics,
	// and ana's one difference, turn 18.
	v.reference.choice.SetSelected("bo")
	r := v.reference
	if r.table == nil || len(r.rr.Coders) != 1 || r.rr.Coders[0].Coder != "ana" {
		t.Fatalf("comparison with bo: %+v", r.rr)
	}
	rc := r.rr.Coders[0]
	for _, s := range agreement.ReferenceStatistics() {
		col := columnOf(t, r.table, statLabel(s, 2))
		for k := range rc.Codes {
			want, _ := figures{}.cell(s, rc.Codes[k].Of(s))
			if got := cellText(r.table, k+1, col); got != want {
				t.Errorf("%s × %s reads %q, want %q", rc.Codes[k].Code, s.Key, got, want)
			}
		}
		want, _ := figures{}.cell(s, rc.Overall.Of(s))
		if got := cellText(r.table, len(rc.Codes)+1, col); got != want {
			t.Errorf("all codes × %s reads %q, want %q", s.Key, got, want)
		}
	}
	if got := cellText(r.table, len(rc.Codes)+1, 1); got != T("(all codes)") {
		t.Errorf("the last row is %q", got)
	}
	if rc.Units != 10 || len(rc.Differences) != 1 || len(r.diffs) != 1 {
		t.Fatalf("ana against bo: %d units, differences %+v (listed %d)", rc.Units, rc.Differences, len(r.diffs))
	}
	var d18 agreement.Disagreement
	for _, d := range v.report.Disagreements {
		d18 = d
	}
	missed, added := d18.Codes["bo"], d18.Codes["ana"]
	where, text := r.differenceText(0)
	u := v.units[rc.Differences[0].Unit]
	if u.Number != 18 || !strings.Contains(where, T("missed: %s", strings.Join(missed, " + "))) ||
		!strings.Contains(where, T("added: %s", strings.Join(added, " + "))) || !strings.Contains(where, u.Speaker) || text == "" {
		t.Errorf("the difference reads %q / %q; want turn 18 missing %q, adding %q", where, text, missed, added)
	}
	// A click on a figure says its precision; on the difference, opens its turn.
	kappa, _ := agreement.StatisticByKey("cohen_kappa")
	r.table.Select(widget.TableCellID{Row: len(rc.Codes) + 1, Col: columnOf(t, r.table, statLabel(kappa, 2))})
	if want := "ana · " + T("(all codes)") + ", " + statLabel(kappa, 2) + ": " + (figures{}).detail(kappa, rc.Overall.Of(kappa)); v.status.Text != want {
		t.Errorf("the status line says %q, want %q", v.status.Text, want)
	}
	r.list.Select(0)
	if opened.Number != 18 {
		t.Errorf("a click on the difference opened %+v", opened)
	}

	// The consensus layer before anything is settled: offered first, and one sentence.
	if err := h.p.EnsureConsensus(context.Background()); err != nil {
		t.Fatal(err)
	}
	v.refreshSettled()
	if got := r.choice.Options; !slices.Equal(got, []string{T("consensus layer"), "ana", "bo"}) || r.choice.Selected != "bo" {
		t.Errorf("references offered %q, %q chosen; want the consensus layer first and bo still", got, r.choice.Selected)
	}
	r.choice.SetSelected(T("consensus layer"))
	_, err := report.ReferenceData(agreement.FromReliability(v.rel), report.ConsensusReference, v.settled)
	if err == nil {
		t.Fatal("the consensus layer with nothing settled is a reference")
	}
	says(err.Error())

	// Once the agreed turns are settled, both coders are compared with the layer; computed
	// again, the tab stays at it.
	if _, _, err := h.p.AutoAdjudicate(context.Background(), coding.Scope{}); err != nil {
		t.Fatal(err)
	}
	v.refreshSettled()
	if len(r.rr.Coders) != 2 || r.rr.Coders[0].Units != 9 || r.rr.Reference != report.ConsensusReference {
		t.Errorf("against the consensus layer: %+v", r.rr)
	}
	v.compute()
	h.waitTasks()
	if r := v.reference; r.choice.Selected != T("consensus layer") || len(r.rr.Coders) != 2 {
		t.Errorf("computed again, the tab is at %q with %d coders", r.choice.Selected, len(r.rr.Coders))
	}
	// A reference who reviewed nothing in scope: the sentence, no table.
	v.coders.SetSelected([]string{"ana", "bo"})
	v.docs.SetSelected(callsDoc)
	v.section.SetSelected("第三通电话：东营市总工会法工部")
	v.compute()
	h.waitTasks()
	v.reference.choice.SetSelected("bo")
	if v.reference.table != nil {
		t.Error("a reference who reviewed nothing has a table")
	}
	says(`the reference "bo" reviewed none of the 30 units in scope, so there is nothing to compare with`)
}

func TestMethodsParagraph(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "0", 4: "2", 6: "1"})
	h.codeTurns("bo", map[int]string{2: "0", 4: "2", 6: "3"})
	w := h.m.app.NewWindow("agreement")
	w.Resize(fyne.NewSize(1024, 700))
	v := h.m.newAgreementView(w)
	w.SetContent(v.content)
	if !v.methodsBtn.Disabled() {
		t.Error("Methods paragraph… can be pressed before there are figures")
	}
	t.Cleanup(func() { SetLanguage("en") })
	for _, lang := range []string{"en", "zh-Hans", "zh-Hant"} {
		SetLanguage(lang)
		v.compute()
		h.waitTasks()
		facts, err := h.p.MethodsFacts(context.Background(), v.rel, v.describe())
		if err != nil {
			t.Fatal(err)
		}
		want := report.MethodsParagraph(lang, v.report, facts)
		if !strings.Contains(want, "turncoder") || facts.Scope != v.describe() {
			t.Fatalf("%s: the paragraph %q, the facts %+v", lang, want, facts)
		}
		v.methodsBtn.OnTapped()
		if len(shown[w]) != 1 {
			t.Fatalf("%s: %d dialogs on the window", lang, len(shown[w]))
		}
		// The paragraph is in a selectable label, broken into lines as wide as the label: every
		// character of it in order, the spaces where a line breaks left out.
		squeeze := strings.NewReplacer(" ", "", "\n", "")
		var para *widget.Label
		for _, o := range w.Canvas().Overlays().List() {
			for _, l := range labelsOf(o) {
				if squeeze.Replace(l.Text) == squeeze.Replace(want) {
					para = l
				}
			}
		}
		if para == nil || !para.Selectable {
			t.Fatalf("%s: the dialog does not show the paragraph as selectable text: %v", lang, para)
		}
		lines := strings.Split(para.Text, "\n")
		for _, line := range lines {
			if width := fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding(); width > para.Size().Width {
				t.Errorf("%s: the line %q is %.0f wide, in a label %.0f wide", lang, line, width, para.Size().Width)
			}
		}
		if len(lines) < 10 || para.Size().Width < 600 {
			t.Errorf("%s: the paragraph is %d lines in a label %.0f wide", lang, len(lines), para.Size().Width)
		}
		dialogKey(w, &fyne.KeyEvent{Name: fyne.KeyReturn}) // Copy
		if got := h.m.app.Clipboard().Content(); got != want {
			t.Errorf("%s: the clipboard holds %q, want the paragraph", lang, got)
		}
		if v.status.Text != T("The methods paragraph is on the clipboard: paste it into your paper.") || dialogOpen(w) {
			t.Errorf("%s: the status line says %q, dialog open %v", lang, v.status.Text, dialogOpen(w))
		}
	}
}

// labelsOf are the labels in o.
func labelsOf(o fyne.CanvasObject) []*widget.Label {
	var out []*widget.Label
	switch x := o.(type) {
	case *widget.Label:
		out = append(out, x)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, labelsOf(c)...)
		}
	case *container.Scroll:
		out = append(out, labelsOf(x.Content)...)
	case fyne.Widget:
		// a dialog's parts are drawn by its renderer
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, labelsOf(c)...)
		}
	}
	return out
}
