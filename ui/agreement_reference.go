package ui

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// The Reference tab compares each coder of the scope with a reference — the consensus layer
// or one of the coders, an expert — as a lead does to train new coders before the real coding
// starts: per code and over all codes, the units both reviewed, the misses and extra codes,
// and the statistics of agreement.ReferenceStatistics with their intervals
// (agreement.CompareWithReference, the comparison agree --reference and the workbook's
// Reference sheet make); below, the turns on which the coder chosen missed a code of the
// reference's or added one, a click on one showing it in the compare view.
type referenceTab struct {
	v       *agreementView
	choice  *widget.Select
	refs    []string        // the references offered, by choice's options: coders' names, report.ConsensusReference
	body    *fyne.Container // the comparison, or the sentence that says why there is none
	rr      agreement.ReferenceReport
	fig     figures        // rr's figures in the interface's language
	coder   *widget.Select // the coder whose differences the list shows
	summary *widget.Label
	diffs   []agreement.ReferenceDifference // that coder's
	list    *widget.List
	table   *widget.Table
}

// Widths of the Reference tab's controls.
const (
	referenceChoiceWidth = 240
	referenceCoderWidth  = 200
	referenceCoderCol    = 120
)

// referenceTab is the Reference tab of the report shown, at the reference chosen before when
// it is still offered, else at the consensus layer when the project has one.
func (v *agreementView) referenceTab() fyne.CanvasObject {
	r := &referenceTab{v: v, body: container.NewStack()}
	v.reference = r
	r.choice = widget.NewSelect(nil, func(string) { r.choose() })
	r.choice.PlaceHolder = T("Choose a reference")
	hint := widget.NewLabel(T("Each coder is compared with the reference over the turns both reviewed. A click on a turn below shows it in the compare view."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, container.NewHBox(
		widget.NewLabelWithStyle(T("Reference"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWrap(fyne.NewSize(referenceChoiceWidth, r.choice.MinSize().Height), r.choice)), nil, hint)
	r.refresh()
	return container.NewBorder(top, nil, nil, nil, r.body)
}

// refresh offers the references of the report shown (the consensus layer first, when the
// project has one, then its coders) and shows the comparison with the one chosen.
func (r *referenceTab) refresh() {
	v := r.v
	r.refs = r.refs[:0]
	var opts []string
	if v.settled != nil { // the project has a consensus layer, settled in this scope or not
		r.refs = append(r.refs, report.ConsensusReference)
		opts = append(opts, T("consensus layer"))
	}
	for _, c := range v.report.Coders {
		r.refs = append(r.refs, c)
		opts = append(opts, c)
	}
	r.choice.Options = opts
	i := slices.Index(r.refs, v.refChoice)
	if i < 0 && v.settled != nil {
		i = 0
	}
	if i < 0 {
		r.choice.ClearSelected()
		r.say(T("Choose a reference: the consensus layer, once disagreements are settled, or a coder whose coding the others should match. Every other coder is compared with it, code by code."))
		return
	}
	r.choice.SetSelectedIndex(i) // compares, again when it was chosen (a decision settled since)
}

// say shows a sentence instead of a comparison.
func (r *referenceTab) say(text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	r.body.Objects = []fyne.CanvasObject{container.NewVBox(l)}
	r.body.Refresh()
	r.table, r.list, r.coder = nil, nil, nil
}

// choose compares every coder with the reference chosen; a comparison that cannot be made
// (a reference who reviewed nothing in scope, the consensus layer before anything in it was
// settled, no other coder) is the one sentence that says why.
func (r *referenceTab) choose() {
	v := r.v
	i := r.choice.SelectedIndex()
	if i < 0 || i >= len(r.refs) {
		return
	}
	v.refChoice = r.refs[i]
	rr, err := v.compareWith(v.refChoice)
	if err != nil {
		r.say(errText(err))
		return
	}
	r.rr = rr
	names := []string{rr.Reference}
	for _, c := range rr.Coders {
		names = append(names, c.Coder)
	}
	r.fig = newFigures(names)
	r.body.Objects = []fyne.CanvasObject{r.comparison()}
	r.body.Refresh()
}

// compareWith compares the report's coders with the reference ref (a coder's name or
// report.ConsensusReference) on the data the report was computed on.
func (v *agreementView) compareWith(ref string) (agreement.ReferenceReport, error) {
	d, err := report.ReferenceData(*v.data, ref, v.settled)
	if err != nil {
		return agreement.ReferenceReport{}, err
	}
	return agreement.CompareWithReference(d, ref)
}

// comparison is the table of every coder's agreement with the reference, over the list of
// the differences of the coder chosen under it.
func (r *referenceTab) comparison() fyne.CanvasObject {
	v := r.v
	r.table = r.referenceTable()
	var names []string
	for _, c := range r.rr.Coders {
		names = append(names, c.Coder)
	}
	r.coder = widget.NewSelect(names, func(string) { r.showCoder() })
	r.summary = widget.NewLabel("")
	r.summary.Wrapping = fyne.TextWrapWord
	r.list = widget.NewList(
		func() int { return len(r.diffs) },
		func() fyne.CanvasObject {
			where := widget.NewLabel("")
			where.Truncation = fyne.TextTruncateEllipsis
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			text.Importance = widget.LowImportance
			return container.NewVBox(where, text)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			where, text := r.differenceText(i)
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(where)
			box.Objects[1].(*widget.Label).SetText(text)
		})
	r.list.OnSelected = func(i widget.ListItemID) {
		if u, ok := v.units[r.diffs[i].Unit]; ok && v.onOpen != nil {
			v.onOpen(u)
		}
		r.list.UnselectAll()
	}
	head := container.NewBorder(nil, nil, container.NewHBox(
		widget.NewLabelWithStyle(T("Coder"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWrap(fyne.NewSize(referenceCoderWidth, r.coder.MinSize().Height), r.coder)), nil, r.summary)
	i := slices.Index(names, v.refCoder)
	if i < 0 {
		i = 0
	}
	r.coder.SetSelectedIndex(i) // shows its differences
	split := container.NewVSplit(r.table, container.NewBorder(head, nil, nil, nil, r.list))
	split.Offset = 0.5
	return split
}

// showCoder lists the differences of the coder chosen and says how many there are.
func (r *referenceTab) showCoder() {
	i := r.coder.SelectedIndex()
	if i < 0 || i >= len(r.rr.Coders) {
		return
	}
	rc := &r.rr.Coders[i]
	r.v.refCoder = rc.Coder
	r.diffs = rc.Differences
	r.summary.SetText(T("turns compared: %d · not reviewed by the coder: %d · differing: %d · codes missed: %d · codes added: %d",
		rc.Units, rc.NotReviewed, len(rc.Differences), rc.Misses, rc.Extras))
	r.list.UnselectAll()
	r.list.Refresh()
	r.list.ScrollToTop()
}

// differenceText is difference i of the coder chosen in two lines: where it is and what the
// coder missed and added; the turn's text.
func (r *referenceTab) differenceText(i int) (where, text string) {
	d := r.diffs[i]
	var what []string
	if len(d.Missed) > 0 {
		what = append(what, T("missed: %s", strings.Join(d.Missed, " + ")))
	}
	if len(d.Extra) > 0 {
		what = append(what, T("added: %s", strings.Join(d.Extra, " + ")))
	}
	u, ok := r.v.units[d.Unit]
	if !ok { // not a turn of the data shown: its id
		return d.Unit + "  —  " + strings.Join(what, "   "), ""
	}
	where = T("%s, turn %d  %s  —  %s", shortTitle(u.Document, 24), u.Number, u.Speaker, strings.Join(what, "   "))
	return where, strings.Join(strings.Fields(u.Text), " ")
}

// The Reference table's columns before the statistics'.
func referenceColumns() []string {
	return []string{T("coder"), T("code"), T("units"), T("misses"), T("extras")}
}

// referenceTable is a row per coder and code, then one per coder of all codes taken together:
// the units both reviewed, the misses and extras, and each statistic of
// agreement.ReferenceStatistics over its 95% interval. A click on a row lists its coder's
// differences; on a figure, says its standard error and p-value.
func (r *referenceTab) referenceTable() *widget.Table {
	rr := &r.rr
	stats := agreement.ReferenceStatistics()
	head := referenceColumns()
	first := len(head) // the first statistic's column
	for _, s := range stats {
		head = append(head, statLabel(s, 2))
	}
	per := 1 // the rows of a coder: its codes, then all codes
	if len(rr.Coders) > 0 {
		per = len(rr.Coders[0].Codes) + 1
	}
	rows := len(rr.Coders) * per
	at := func(row int) (*agreement.ReferenceCoder, int) { return &rr.Coders[row/per], row % per }
	name := func(row int) string {
		rc, k := at(row)
		if k == len(rc.Codes) {
			return rc.Coder + " · " + T("(all codes)")
		}
		return rc.Coder + " · " + rc.Codes[k].Code
	}
	estimate := func(rc *agreement.ReferenceCoder, k int, s agreement.Statistic) agreement.Estimate {
		if k == len(rc.Codes) {
			return rc.Overall.Of(s)
		}
		return rc.Codes[k].Of(s)
	}
	t := r.v.statTableOf(head, rows, newTallCell, name, func(row, col int, o fyne.CanvasObject) {
		rc, k := at(row)
		all := k == len(rc.Codes)
		units, misses, extras := rc.Units, rc.Misses, rc.Extras
		if !all {
			c := &rc.Codes[k]
			units, misses, extras = c.Units, c.Misses, c.Extras
		}
		switch col {
		case 0:
			setCell(o, rc.Coder, color.Transparent, true)
		case 1:
			if all {
				setCell(o, T("(all codes)"), color.Transparent, true)
			} else {
				setCell(o, rc.Codes[k].Code, color.Transparent, false)
			}
		case 2:
			setCell(o, count(units), color.Transparent, false)
		case 3:
			setCell(o, count(misses), color.Transparent, false)
		case 4:
			setCell(o, count(extras), color.Transparent, false)
		default:
			s := stats[col-first]
			text, bg := r.fig.cell(s, estimate(rc, k, s))
			setCell(o, text, bg, false)
		}
	}, func(row, col int) string {
		if col < first {
			return ""
		}
		rc, k := at(row)
		s := stats[col-first]
		return r.fig.detail(s, estimate(rc, k, s))
	})
	status := t.OnSelected
	t.OnSelected = func(id widget.TableCellID) {
		status(id)
		if id.Row > 0 && r.coder != nil {
			r.coder.SetSelectedIndex((id.Row - 1) / per)
		}
	}
	t.SetColumnWidth(0, referenceCoderCol)
	t.SetColumnWidth(1, firstColWidth)
	for c := 2; c < len(head); c++ {
		if c < first {
			t.SetColumnWidth(c, countColWidth)
		} else {
			t.SetColumnWidth(c, statColWidth)
		}
	}
	t.SetRowHeight(0, widget.NewLabel("0").MinSize().Height) // the header: one line
	return t
}

// newTallCell is a table cell two lines high (a value over its interval): a table made of them
// needs no height set per row, which a table of thousands of rows would pay for.
func newTallCell() fyne.CanvasObject {
	o := newCell()
	setCell(o, "0\n0", color.Transparent, false) // not shown: sizes the cell, then filled
	return o
}
