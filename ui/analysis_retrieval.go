package ui

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding/analysis"
)

// The Retrieval tab: every turn with a code (and another, not a third), optionally holding a
// text, with the turns around it, every coder's codes and memos; a click on a turn shows it in
// the main window, and Export CSV… saves what was found as `turncoder analyse --retrieve --csv`
// does.

// The most lines a found turn's text and a memo take in the list (the rest is cut with …; the
// turn is whole in the main window and in the CSV file).
const (
	hitTextLines    = 4
	hitMemoLines    = 2
	hitContextLines = 1
	contextChoices  = 5 // context turns offered either side: 0 to 5
)

type retrievalTab struct {
	v       *analysisView
	code    *widget.Select
	and     *widget.Select
	not     *widget.Select
	context *widget.Select
	search  *widget.Entry
	found   *widget.Label
	list    *hitList
	export  *widget.Button
	d       *analysis.Data
	r       *analysis.Retrieval
	gen     int
	content fyne.CanvasObject
}

func newRetrievalTab(v *analysisView) *retrievalTab {
	t := &retrievalTab{v: v}
	t.code = widget.NewSelect(nil, nil)
	t.and = widget.NewSelect(nil, nil)
	t.not = widget.NewSelect(nil, nil)
	var ctx []string
	for i := 0; i <= contextChoices; i++ {
		ctx = append(ctx, strconv.Itoa(i))
	}
	t.context = widget.NewSelect(ctx, nil)
	t.context.SetSelectedIndex(0)
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(T("text the turns hold (any case and width)"))
	t.search.OnSubmitted = func(string) { t.find() }
	find := widget.NewButton(T("Find"), t.find)
	t.export = widget.NewButton(T("Export CSV…"), func() {
		if t.r != nil {
			d, r := t.d, t.r
			v.saveCSV(v.baseName()+"-retrieval.csv", func(w io.Writer) error { return analysis.WriteRetrievalCSV(w, d, r) })
		}
	})
	t.found = widget.NewLabel("")
	t.found.Wrapping = fyne.TextWrapWord
	t.list = newHitList(t)
	sel := func(s *widget.Select) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(analysisSelectWidth+20, s.MinSize().Height), s)
	}
	row1 := container.NewHBox(widget.NewLabel(T("Code")), sel(t.code), widget.NewLabel(T("and")), sel(t.and),
		widget.NewLabel(T("not")), sel(t.not))
	row2 := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(T("Context")), container.NewGridWrap(fyne.NewSize(70, t.context.MinSize().Height), t.context),
			widget.NewLabel(T("turns either side")), widget.NewLabel(T("Search"))),
		container.NewHBox(find, t.export), t.search)
	t.content = container.NewBorder(container.NewVBox(row1, row2, t.found), nil, nil, nil, t.list)
	t.listen()
	return t
}

// listen finds the turns again when a code or the context is chosen.
func (t *retrievalTab) listen() {
	for _, s := range []*widget.Select{t.code, t.and, t.not, t.context} {
		s.OnChanged = func(string) { t.find() }
	}
}

// show offers d's codes, at the choices made before where d has them, and finds the turns.
func (t *retrievalTab) show(d *analysis.Data) {
	t.d, t.r = d, nil
	for _, s := range []*widget.Select{t.code, t.and, t.not, t.context} {
		s.OnChanged = nil // the choices shown, then one search
	}
	var names []string
	for _, c := range d.Codes() {
		names = append(names, c.Name)
	}
	c := &t.v.choices
	t.code.Options = names
	t.code.SetSelectedIndex(max(slices.Index(names, c.code), 0))
	optional := append([]string{T("(none)")}, names...)
	for _, o := range []struct {
		s    *widget.Select
		name string
	}{{t.and, c.and}, {t.not, c.not}} {
		o.s.Options = optional
		o.s.SetSelectedIndex(max(slices.Index(names, o.name)+1, 0))
	}
	t.context.SetSelectedIndex(c.context)
	t.search.SetText(c.search)
	t.listen()
	t.find()
}

// optional is the code an optional choice names, or "".
func optional(s *widget.Select) string {
	if s.SelectedIndex() <= 0 {
		return ""
	}
	return s.Selected
}

// find finds the turns the choices ask for, off the UI goroutine.
func (t *retrievalTab) find() {
	d := t.d
	if d == nil || t.code.Selected == "" {
		return
	}
	c := &t.v.choices
	c.code, c.and, c.not = t.code.Selected, optional(t.and), optional(t.not)
	c.context, c.search = max(t.context.SelectedIndex(), 0), t.search.Text
	q := analysis.Query{Code: c.code, Context: c.context, Search: strings.TrimSpace(c.search)}
	if c.and != "" {
		q.And = []string{c.and}
	}
	if c.not != "" {
		if c.not == c.code || c.not == c.and {
			t.say(T("%s cannot be both asked for and excluded: choose another code after \"not\".", c.not), nil)
			return
		}
		q.Not = []string{c.not}
	}
	t.gen++
	gen := t.gen
	var r *analysis.Retrieval
	var err error
	t.v.inBackground(func() { r, err = d.Retrieve(q) }, func() {
		if gen != t.gen || d != t.d {
			return
		}
		if err != nil {
			t.say(errText(err), nil)
			return
		}
		switch n := len(r.Hits); {
		case n == 0:
			t.say(T("No turn in this scope answers the query."), r)
		default:
			t.say(T("%s found. A click on a turn shows it in the main window.", plural(n, "turn")), r)
		}
	})
}

// say shows what was found (r, nil when nothing could be asked) under a sentence.
func (t *retrievalTab) say(text string, r *analysis.Retrieval) {
	t.r = r
	t.found.SetText(text)
	if r == nil || len(r.Hits) == 0 {
		t.export.Disable()
	} else {
		t.export.Enable()
	}
	t.list.UnselectAll()
	t.list.Refresh()
	t.list.ScrollToTop()
}

// contextLine is a turn as a line of context: its number, speaker and text.
func contextLine(tu *analysis.Turn) string {
	text := oneLine(tu.Text)
	if tu.Speaker != "" {
		text = T("%s: %s", tu.Speaker, text)
	}
	return strconv.Itoa(tu.Number) + "  " + text
}

// hitRows are the lines of hit i: where the turn is, every coder's codes (and whose codes
// answer the query, of all coders), the turns before it (lighter), the turn, the turns after
// it, and the memos.
func (t *retrievalTab) hitRows(i int) []hitRow {
	h := t.r.Hits[i]
	turns := t.d.Turns()
	tu := &turns[h.Turn]
	var codes []string
	for _, cc := range t.d.TurnCodes(h.Turn) {
		codes = append(codes, T("%s: %s", coderName(cc.Coder), joinList(cc.Codes)))
	}
	codeLine := T("codes — %s", strings.Join(codes, "; "))
	if t.r.Who.Kind == analysis.AllCoders {
		codeLine = T("codes — %s · the query holds for %s", strings.Join(codes, "; "), joinList(h.Coders))
	}
	rows := []hitRow{{text: turnPlace(tu), style: fyne.TextStyle{Bold: true}, lines: 1}, {text: codeLine, lines: 1}}
	for _, u := range h.Before {
		rows = append(rows, hitRow{text: contextLine(&turns[u]), light: true, lines: hitContextLines})
	}
	rows = append(rows, hitRow{text: "» " + contextLine(tu), lines: hitTextLines})
	for _, u := range h.After {
		rows = append(rows, hitRow{text: contextLine(&turns[u]), light: true, lines: hitContextLines})
	}
	for _, m := range t.d.TurnMemos(h.Turn) {
		rows = append(rows, hitRow{text: T("memo (%s): %s", coderName(m.Coder), oneLine(m.Text)), style: fyne.TextStyle{Italic: true}, lines: hitMemoLines})
	}
	return rows
}

// hitRow is a line (or a few) of a found turn.
type hitRow struct {
	text  string
	style fyne.TextStyle
	light bool // context: drawn lighter
	lines int  // at most
}

// hitView draws a found turn's rows, each wrapped to the width in at most its lines.
type hitView struct {
	widget.BaseWidget
	rows  []hitRow
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func newHitView() *hitView {
	h := &hitView{}
	h.ExtendBaseWidget(h)
	return h
}

func (h *hitView) set(rows []hitRow) {
	h.rows = rows
	h.Refresh()
}

const hitPad = 6

// linesAt are the rows' lines at width.
func (h *hitView) linesAt(width float32) [][]string {
	out := make([][]string, len(h.rows))
	for i, r := range h.rows {
		out[i], _ = fitLines(r.text, r.lines, width-2*hitPad, theme.TextSize(), r.style)
	}
	return out
}

func hitLineHeight() float32 {
	return fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height // not shown: measured
}

// heightFor is the height the rows take at width.
func (h *hitView) heightFor(width float32) float32 {
	n := 0
	for _, l := range h.linesAt(width) {
		n += len(l)
	}
	return float32(n)*hitLineHeight() + 2*hitPad
}

func (h *hitView) MinSize() fyne.Size {
	h.ExtendBaseWidget(h)
	w := h.Size().Width
	if w <= 0 {
		w = 600
	}
	return fyne.NewSize(40, h.heightFor(w))
}

func (h *hitView) CreateRenderer() fyne.WidgetRenderer { return &hitRenderer{h: h} }

type hitRenderer struct{ h *hitView }

func (r *hitRenderer) Layout(size fyne.Size) {
	h := r.h
	lh := hitLineHeight()
	room := int((size.Height - 2*hitPad) / lh) // never more lines than the row has room for
	h.objs = h.objs[:0]
	n := 0
	for i, lines := range h.linesAt(size.Width) {
		row := h.rows[i]
		col := theme.Color(theme.ColorNameForeground)
		if row.light {
			col = theme.Color(theme.ColorNamePlaceHolder)
		}
		for _, l := range lines {
			if n >= room {
				break
			}
			if n == len(h.texts) {
				h.texts = append(h.texts, canvas.NewText("", col))
			}
			t := h.texts[n]
			t.Text, t.Color, t.TextStyle, t.TextSize = l, col, row.style, theme.TextSize()
			t.Move(fyne.NewPos(hitPad, hitPad+float32(n)*lh))
			t.Resize(fyne.NewSize(size.Width-2*hitPad, lh))
			t.Refresh()
			h.objs = append(h.objs, t)
			n++
		}
	}
}

func (r *hitRenderer) MinSize() fyne.Size           { return r.h.MinSize() }
func (r *hitRenderer) Refresh()                     { r.Layout(r.h.Size()); canvas.Refresh(r.h) }
func (r *hitRenderer) Objects() []fyne.CanvasObject { return r.h.objs }
func (r *hitRenderer) Destroy()                     {}

// hitList is the list of found turns; each row as high as its lines at the list's width,
// measured again when the width changes.
type hitList struct {
	widget.List
	t     *retrievalTab
	width float32
}

func newHitList(t *retrievalTab) *hitList {
	l := &hitList{t: t}
	l.Length = func() int {
		if t.r == nil {
			return 0
		}
		return len(t.r.Hits)
	}
	l.CreateItem = func() fyne.CanvasObject {
		hv := newHitView()
		hv.rows = make([]hitRow, 5) // a found turn's usual height: the list's guess for rows not yet shown
		return hv
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if t.r == nil || i >= len(t.r.Hits) {
			return
		}
		hv := o.(*hitView)
		hv.set(t.hitRows(i))
		l.SetItemHeight(i, hv.heightFor(l.Size().Width))
	}
	l.OnSelected = func(i widget.ListItemID) {
		l.UnselectAll()
		if t.r != nil && i < len(t.r.Hits) {
			t.v.openTurn(t.r.Hits[i].Turn)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *hitList) Resize(s fyne.Size) {
	l.List.Resize(s)
	if s.Width != l.width {
		l.width = s.Width
		l.Refresh()
	}
}
