package ui

import (
	"context"
	"errors"

	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// Colours of Krippendorff's guide: α ≥ .800 good, ≥ .667 tentative, below that poor.
var (
	guideGood      = color.NRGBA{0x2c, 0xa0, 0x2c, 0x60}
	guideTentative = color.NRGBA{0xff, 0xb0, 0x20, 0x60}
	guidePoor      = color.NRGBA{0xd6, 0x27, 0x28, 0x60}
)

func guideColour(v agreement.Value) color.Color {
	switch {
	case !v.Defined:
		return color.Transparent
	case v.V >= 0.8:
		return guideGood
	case v.V >= 0.667:
		return guideTentative
	}
	return guidePoor
}

// figures writes statistics as the window shows them, the reasons for undefined figures in the
// interface's language (report.EngineText, as the workbook writes them); the zero figures
// leave them in the engine's English.
type figures struct {
	text *report.EngineText
}

// newFigures writes the figures of a report of these coders (a reason may name them).
func newFigures(coders []string) figures {
	t := report.NewEngineText(Language(), coders)
	return figures{&t}
}

// reason is why a figure is undefined, in the interface's language.
func (f figures) reason(r string) string {
	if f.text == nil {
		return r
	}
	return f.text.Reason(r)
}

// value is a statistic: three decimals, or "undefined" with the reason (a cell too narrow for
// it cuts it; a click on the cell shows it whole).
func (f figures) value(v agreement.Value) string {
	if !v.Defined {
		if v.Reason != "" {
			return T("undefined: %s", f.reason(v.Reason))
		}
		return T("undefined")
	}
	return v.Format(3)
}

// agreementView is the agreement window's content: scope controls, then the per-code table,
// the overall block, pairwise figures, the disagreements, which open in the compare view, and
// each coder compared with a reference (the Reference tab); Methods paragraph… writes the
// figures up for a paper.
type agreementView struct {
	ws *Workspace
	*scopeChooser
	win     fyne.Window // the agreement window (the pick lists open on it)
	status  *widget.Label
	tabs    *container.AppTabs
	content fyne.CanvasObject

	report   agreement.Report
	fig      figures // the report's figures in the interface's language
	units    map[string]coding.Unit
	computed coding.Scope // the scope of the report shown
	// OnOpen is told to show a disagreement's turn (compare view); set by the window.
	onOpen func(u coding.Unit)
	// onSettle is told to open the adjudicator at a disagreement of the computed scope.
	onSettle func(scope coding.Scope, u coding.Unit)
	// onScope is told the scope of each computation (File → Export uses the last one).
	onScope   func(s coding.Scope, text string)
	onExport  func()
	exportBtn *widget.Button
	// rel is the data the figures were computed on; settled is the consensus layer's
	// decisions on its units (marked in the list, read again after each decision).
	rel     coding.Reliability
	settled report.Consensus
	// run runs the computation as long work (the main window's runTask on the agreement
	// window): the bootstrap takes seconds on a large project and must not freeze the window.
	run func(title, detail string, work func(context.Context, *taskProgress) error, finish func(error, bool))
	// disagreements is the list on the Disagreements tab.
	disagreements *widget.List
	// text is the scope of the report shown in words (describe), which the methods paragraph
	// states; methodsBtn opens the paragraph once figures are shown.
	text       string
	methodsBtn *widget.Button
	// reference is the Reference tab; refChoice the reference chosen in it (a coder's name or
	// report.ConsensusReference) and refCoder the coder whose differences it lists, kept from
	// one computation to the next; data is the report's data as the comparison reads it.
	reference *referenceTab
	refChoice string
	refCoder  string
	data      *agreement.Data
}

func newAgreementView(ws *Workspace, run func(string, string, func(context.Context, *taskProgress) error, func(error, bool))) *agreementView {
	v := &agreementView{ws: ws, status: widget.NewLabel(""), run: run}
	v.status.Wrapping = fyne.TextWrapWord // a long reason wraps; it never pushes the buttons away
	v.scopeChooser = newScopeChooser(func() *Workspace { return v.ws }, func() fyne.Window { return v.win }, true)
	compute := widget.NewButton(T("Compute"), v.compute)
	compute.Importance = widget.HighImportance
	v.exportBtn = widget.NewButton(T("Export workbook…"), func() {
		if v.onExport != nil {
			v.onExport()
		}
	})
	v.methodsBtn = widget.NewButton(T("Methods paragraph…"), v.showMethods)
	v.methodsBtn.Disable() // until figures are shown: the paragraph is written from them
	v.tabs = container.NewAppTabs()
	top := container.NewVBox(v.form, container.NewHBox(compute, v.exportBtn, v.methodsBtn), v.status)
	v.content = container.NewBorder(top, nil, nil, nil, v.tabs)
	return v
}

// compute runs the statistics for the scope as a task and shows them when they are done.
func (v *agreementView) compute() {
	s := v.scope()
	if len(s.Coders) == 0 && len(v.coders.Selected) == 0 || len(v.codes.Selected) == 0 {
		v.status.SetText(T("choose at least one code and two coders"))
		return
	}
	p, text := v.ws.p, v.describe()
	var (
		rel     coding.Reliability
		data    agreement.Data
		rep     agreement.Report
		settled report.Consensus
	)
	v.run(T("Computing agreement"), text, func(ctx context.Context, t *taskProgress) error {
		var err error
		if rel, data, err = p.AgreementInput(ctx, s); err != nil {
			return err
		}
		t.Say(T("%d units: the statistics and α's bootstrap", len(rel.Units)))
		rep = agreement.Compute(data, agreement.Options{Bootstrap: true, Seed: 1})
		settled, err = p.ConsensusLayer(ctx, rel)
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			v.status.SetText(T("cancelled; the figures shown are those computed before"))
			return
		case err != nil:
			v.status.SetText(errText(err))
			return
		}
		v.show(s, text, rel, &data, rep, settled)
	})
}

// show puts a computed report in the window.
func (v *agreementView) show(s coding.Scope, text string, rel coding.Reliability, data *agreement.Data, rep agreement.Report, settled report.Consensus) {
	if v.onScope != nil {
		v.onScope(s, text)
	}
	v.computed, v.report, v.rel, v.data, v.settled, v.text = s, rep, rel, data, settled, text
	v.fig = newFigures(rep.Coders)
	v.methodsBtn.Enable()
	v.units = map[string]coding.Unit{}
	for _, u := range rel.Units {
		v.units[u.TurnID] = u
	}
	v.status.SetText(T("%d units in scope, %d reviewed by two or more coders, %s",
		v.report.Units, v.report.Overall.Units, plural(len(v.report.Disagreements), "disagreement")))
	v.tabs.SetItems([]*container.TabItem{
		container.NewTabItem(T("By code"), v.perCodeTable()),
		container.NewTabItem(T("Overall"), v.overallBlock()),
		container.NewTabItem(T("Pairwise"), v.pairwiseTable()),
		container.NewTabItem(T("Disagreements (%d)", len(v.report.Disagreements)), v.disagreementList()),
		container.NewTabItem(T("Notes"), v.notes()),
		container.NewTabItem(T("Reference"), v.referenceTab()),
	})
}

// cell is a table cell: text on an optional background colour.
func newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(bg, l)
}

func setCell(o fyne.CanvasObject, text string, bg color.Color, bold bool) {
	c := o.(*fyne.Container)
	r, l := c.Objects[0].(*canvas.Rectangle), c.Objects[1].(*widget.Label)
	r.FillColor = bg
	r.Refresh()
	l.TextStyle.Bold = bold
	l.SetText(text)
}

// statTable is a table with a bold header row of head and n data rows drawn by fill. The
// header row and the first column stay in view when it scrolls; a click on a cell shows in the
// status line its row, its column and detail(row, col) — its whole text when detail is nil or
// says "": a cut-off reason, say, or a coefficient's standard error and p-value.
func (v *agreementView) statTable(head []string, n int, fill func(row, col int, o fyne.CanvasObject), detail func(row, col int) string) *widget.Table {
	return v.statTableOf(head, n, newCell, nil, fill, detail)
}

// statTableOf is statTable with the cells made by create (its size is a row's) and each data
// row named in the status line by rowName (nil: by its first column's text).
func (v *agreementView) statTableOf(head []string, n int, create func() fyne.CanvasObject, rowName func(row int) string,
	fill func(row, col int, o fyne.CanvasObject), detail func(row, col int) string) *widget.Table {
	var t *widget.Table
	t = widget.NewTable(
		func() (int, int) { return n + 1, len(head) },
		create,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row == 0 {
				setCell(o, head[id.Col], color.Transparent, true)
				return
			}
			fill(id.Row-1, id.Col, o)
		})
	t.StickyRowCount, t.StickyColumnCount = 1, 1
	t.OnSelected = func(id widget.TableCellID) {
		cell := newCell()
		t.UpdateCell(id, cell)
		text := cell.(*fyne.Container).Objects[1].(*widget.Label).Text
		row := head[0]
		if id.Row > 0 {
			if rowName != nil {
				row = rowName(id.Row - 1)
			} else {
				first := newCell()
				fill(id.Row-1, 0, first)
				row = first.(*fyne.Container).Objects[1].(*widget.Label).Text
			}
			if detail != nil {
				if d := detail(id.Row-1, id.Col); d != "" {
					text = d
				}
			}
		}
		v.status.SetText(T("%s, %s: %s", row, head[id.Col], strings.ReplaceAll(text, "\n", " ")))
		t.UnselectAll()
	}
	return t
}

// statLabel is a statistic's column label in the interface's language, for data of that many
// coders: the catalogues hold each label of the table of statistics, keyed by its English.
func statLabel(s agreement.Statistic, coders int) string {
	return translate(s.LabelFor(coders))
}

// Widths of the tables' columns.
const (
	firstColWidth = 150
	countColWidth = 70
	statColWidth  = 128 // "[-0.388, 1.000]" under a value
)

// fmtInterval is a 95% interval as the window shows it: [low, high], or "—".
func fmtInterval(ci [2]agreement.Value) string {
	if !ci[0].Defined || !ci[1].Defined {
		return "—"
	}
	return "[" + ci[0].Format(3) + ", " + ci[1].Format(3) + "]"
}

// p is a p-value: three decimals, below 0.001 as <0.001.
func (f figures) p(p agreement.Value) string {
	if p.Defined && p.V < 0.001 {
		return "<0.001"
	}
	return f.value(p)
}

// cell is a statistic's cell in the tables: its value over its 95% interval (a
// coefficient with a precision), its value alone, or an interval; with Krippendorff's guide's
// colour where it applies.
func (f figures) cell(s agreement.Statistic, e agreement.Estimate) (string, color.Color) {
	switch {
	case s.Interval != "":
		return fmtInterval(e.CI95), color.Transparent
	case !s.HasPrecision() || !e.Coef.Defined:
		return f.value(e.Coef), guideOf(s, e.Coef)
	}
	return f.value(e.Coef) + "\n" + fmtInterval(e.CI95), guideOf(s, e.Coef)
}

func guideOf(s agreement.Statistic, v agreement.Value) color.Color {
	if !s.Guide {
		return color.Transparent
	}
	return guideColour(v)
}

// detail says a statistic's figure whole, for the status line: its value, 95% interval,
// standard error and p-value, or why a part is undefined.
func (f figures) detail(s agreement.Statistic, e agreement.Estimate) string {
	switch {
	case s.Interval != "":
		if !e.CI95[0].Defined {
			return f.value(e.CI95[0])
		}
		return fmtInterval(e.CI95)
	case !e.Coef.Defined || !s.HasPrecision():
		return f.value(e.Coef)
	case !e.SE.Defined:
		return T("%s; no standard error: %s", e.Coef.Format(3), f.reason(e.SE.Reason))
	}
	return T("%s, 95%% CI %s, SE %s, p %s", e.Coef.Format(3), fmtInterval(e.CI95), e.SE.Format(3), f.p(e.P))
}

// twoLines sets the data rows of t as high as two lines of text (a value over its interval).
func twoLines(t *widget.Table, rows int) {
	h := widget.NewLabel("0\n0").MinSize().Height
	for r := 1; r <= rows; r++ {
		t.SetRowHeight(r, h)
	}
}

// perCodeStats are the statistics of the table reported per code that the data has.
func perCodeStats(coders int) []agreement.Statistic {
	var out []agreement.Statistic
	for _, s := range agreement.Statistics() {
		if s.Applies.PerCode && s.For(coders) {
			out = append(out, s)
		}
	}
	return out
}

// overallStats are the statistics of the table reported overall that data of that many
// coders has in that mode.
func overallStats(coders int, mode string) []agreement.Statistic {
	var out []agreement.Statistic
	for _, s := range agreement.Statistics() {
		if s.ForOverall(coders, mode) {
			out = append(out, s)
		}
	}
	return out
}

func (v *agreementView) perCodeTable() fyne.CanvasObject {
	coders := v.report.Coders
	n := len(coders)
	stats := perCodeStats(n)
	head := append([]string{T("code"), T("units")}, coders...)
	for _, s := range stats {
		head = append(head, statLabel(s, n))
	}
	first := 2 + n // the first statistic's column
	rows := v.report.PerCode
	t := v.statTable(head, len(rows), func(row, col int, o fyne.CanvasObject) {
		r := &rows[row]
		switch {
		case col == 0:
			setCell(o, r.Code, color.Transparent, true)
		case col == 1:
			setCell(o, count(r.Units), color.Transparent, false)
		case col < first:
			setCell(o, count(r.Given[coders[col-2]]), color.Transparent, false)
		default:
			s := stats[col-first]
			text, bg := v.fig.cell(s, s.OfCode(r))
			setCell(o, text, bg, false)
		}
	}, func(row, col int) string {
		if col < first {
			return ""
		}
		s := stats[col-first]
		return v.fig.detail(s, s.OfCode(&rows[row]))
	})
	t.SetColumnWidth(0, firstColWidth)
	for c := 1; c < len(head); c++ {
		if c < first {
			t.SetColumnWidth(c, countColWidth)
		} else {
			t.SetColumnWidth(c, statColWidth)
		}
	}
	twoLines(t, len(rows))
	return t
}

// overallColumns are the Overall tab's columns.
func overallColumns() []string {
	return []string{T("statistic"), T("value"), T("95% CI"), T("SE"), T("p")}
}

func (v *agreementView) overallBlock() fyne.CanvasObject {
	o := v.report.Overall
	n := len(v.report.Coders)
	stats := overallStats(n, o.Mode)
	head := overallColumns()
	t := v.statTable(head, len(stats), func(row, col int, c fyne.CanvasObject) {
		s := stats[row]
		e := s.OfOverall(&o)
		var text string
		bg := color.Color(color.Transparent)
		switch col {
		case 0:
			setCell(c, statLabel(s, n), color.Transparent, true)
			return
		case 1:
			text, bg = v.fig.value(e.Coef), guideOf(s, e.Coef)
		case 2:
			if s.HasPrecision() && e.Coef.Defined {
				text = fmtInterval(e.CI95)
			}
		case 3:
			if s.HasPrecision() && e.Coef.Defined {
				text = v.fig.value(e.SE)
			}
		case 4:
			if s.HasPrecision() && e.Coef.Defined {
				text = v.fig.p(e.P)
			}
		}
		setCell(c, text, bg, false)
	}, func(row, col int) string {
		s := stats[row]
		return v.fig.detail(s, s.OfOverall(&o))
	})
	t.SetColumnWidth(0, 220)
	t.SetColumnWidth(1, 170)
	t.SetColumnWidth(2, 150)
	t.SetColumnWidth(3, 110)
	t.SetColumnWidth(4, 110)
	mode := widget.NewLabel(T("%s, %d units", modeName(o.Mode), o.Units))
	legend := widget.NewLabel(T("Krippendorff's guide: green α or κ ≥ .800 (good), amber ≥ .667 (tentative), red below that (poor). A click on a figure shows its standard error and p-value."))
	legend.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewHBox(widget.NewLabelWithStyle(T("mode"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), mode), legend, nil, nil, t)
}

func (v *agreementView) pairwiseTable() fyne.CanvasObject {
	rows := v.report.Pairwise
	if why := v.report.PairwiseOmitted(); why != "" {
		l := widget.NewLabel(why)
		l.Wrapping = fyne.TextWrapWord
		return container.NewVBox(l)
	}
	stats := overallStats(2, v.report.Overall.Mode)
	head := []string{T("coders"), T("units")}
	for _, s := range stats {
		head = append(head, statLabel(s, 2))
	}
	t := v.statTable(head, len(rows), func(row, col int, o fyne.CanvasObject) {
		p := &rows[row].Overall
		switch col {
		case 0:
			setCell(o, rows[row].Coders[0]+" × "+rows[row].Coders[1], color.Transparent, true)
		case 1:
			setCell(o, count(p.Units), color.Transparent, false)
		default:
			s := stats[col-2]
			text, bg := v.fig.cell(s, s.OfOverall(p))
			setCell(o, text, bg, false)
		}
	}, func(row, col int) string {
		if col < 2 {
			return ""
		}
		s := stats[col-2]
		return v.fig.detail(s, s.OfOverall(&rows[row].Overall))
	})
	t.SetColumnWidth(0, firstColWidth)
	t.SetColumnWidth(1, countColWidth)
	for c := 2; c < len(head); c++ {
		t.SetColumnWidth(c, statColWidth)
	}
	twoLines(t, len(rows))
	return t
}

// disagreementText describes a disagreement in one line: where, who gave what, and the text.
func (v *agreementView) disagreementText(i int) string {
	d := v.report.Disagreements[i]
	u := v.units[d.Unit]
	coders := make([]string, 0, len(d.Codes))
	for c := range d.Codes {
		coders = append(coders, c)
	}
	sort.Strings(coders)
	var who []string
	for _, c := range coders {
		who = append(who, c+": "+codeList(d.Codes[c]))
	}
	if dec, ok := v.settled[d.Unit]; ok {
		who = append(who, T("✓ settled: %s", codeList(dec.Codes)))
	}
	return T("%s, turn %d  %s  —  %s\n%s", shortTitle(u.Document, 24), u.Number, u.Speaker, strings.Join(who, "   "), u.Text)
}

// disagreementList lists the disagreements: a click on one opens its turn in the compare
// view, its Settle… button opens the adjudicator at it.
func (v *agreementView) disagreementList() fyne.CanvasObject {
	l := widget.NewList(
		func() int { return len(v.report.Disagreements) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Wrapping = fyne.TextWrapWord
			settle := widget.NewButton(T("Settle…"), nil)
			return container.NewBorder(nil, nil, nil, container.NewCenter(settle), lb)
		},
		nil)
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		row := o.(*fyne.Container)
		row.Objects[0].(*widget.Label).SetText(v.disagreementText(i))
		row.Objects[1].(*fyne.Container).Objects[0].(*widget.Button).OnTapped = func() { v.settle(i) }
		l.SetItemHeight(i, o.MinSize().Height)
	}
	l.OnSelected = func(i widget.ListItemID) {
		if v.onOpen != nil {
			v.onOpen(v.units[v.report.Disagreements[i].Unit])
		}
		l.UnselectAll()
	}
	v.disagreements = l
	hint := widget.NewLabel(T("A click shows the turn in the compare view; Settle… decides it in the adjudicator."))
	hint.Importance = widget.LowImportance
	return container.NewBorder(hint, nil, nil, nil, l)
}

// refreshSettled reads the consensus layer again (after a decision in the adjudicator) and
// marks the list; the figures do not change, the layer being no coder.
func (v *agreementView) refreshSettled() {
	if v.disagreements == nil {
		return
	}
	var err error
	if v.settled, err = v.ws.p.ConsensusLayer(context.Background(), v.rel); err != nil {
		v.status.SetText(errText(err))
		return
	}
	v.disagreements.Refresh()
	if v.reference != nil {
		v.reference.refresh() // the consensus layer may be the reference, or offered as one now
	}
}

// settle opens the adjudicator at disagreement i.
func (v *agreementView) settle(i int) {
	if v.onSettle != nil && i >= 0 && i < len(v.report.Disagreements) {
		v.onSettle(v.computed, v.units[v.report.Disagreements[i].Unit])
	}
}

// notesShown is the most notes the Notes tab shows: a label of 1,000 codes' notes (700,000
// characters) took Fyne minutes to lay out.
const notesShown = 200

func (v *agreementView) notes() fyne.CanvasObject {
	notes := v.report.Notes
	if v.fig.text != nil {
		notes = v.fig.text.Notes(v.report)
	}
	more := ""
	if len(notes) > notesShown {
		more = "\n\n" + T("… and %d more notes: the workbook's Summary and agree --json list them all.", len(notes)-notesShown)
		notes = notes[:notesShown]
	}
	l := widget.NewLabel("• " + strings.Join(notes, "\n• ") + more)
	l.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(l)
}

// ShowTurnInCompare opens a turn in the compare view: every coder's codes side by side.
func (ws *Workspace) ShowTurnInCompare(docID string, number int) error {
	if err := ws.SetCompare(true); err != nil {
		return err
	}
	if docID != ws.doc {
		if err := ws.OpenDocument(docID); err != nil {
			return err
		}
	}
	if !ws.SelectTurn(number) {
		return errors.New(T("turn %d is not in the document", number))
	}
	return nil
}

// newAgreementView is the agreement window w's view of the main window's project, its
// computations run on w and its clicks reaching the main window.
func (m *mainWindow) newAgreementView(w fyne.Window) *agreementView {
	v := newAgreementView(m.ws, func(title, detail string, work func(context.Context, *taskProgress) error, finish func(error, bool)) {
		m.runTask(w, title, detail, work, finish)
	})
	v.onScope = func(s coding.Scope, text string) { m.export = exportScope{s, text} }
	v.onExport = func() { m.exportWorkbookFrom(w) }
	v.onOpen = func(u coding.Unit) {
		if err := m.ws.ShowTurnInCompare(u.DocumentID, u.Number); err != nil {
			m.ws.setStatus(errText(err))
		}
		m.win.RequestFocus()
	}
	v.onSettle = func(s coding.Scope, u coding.Unit) { m.openAdjudicator(s, u.TurnID) }
	v.win = w
	return v
}

// showAgreement opens the agreement window on the current project, or brings the open one to
// the front, computed again.

func (m *mainWindow) showAgreement() {
	if m.agreement != nil {
		m.agreement.compute()
		m.agreementWin.RequestFocus()
		return
	}
	w := m.app.NewWindow(T("Agreement — %s", m.win.Title()))
	dialogKeysOn(w)
	v := m.newAgreementView(w)
	m.agreement, m.agreementWin = v, w
	w.SetOnClosed(func() {
		if m.agreementWin == w {
			m.agreement, m.agreementWin = nil, nil
		}
	})
	w.SetContent(v.content)
	m.sizeLikeMain(w, 1180, 720)
	v.compute()
	w.Show()
}
