package ui

import (
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
)

// The Matrix and Co-occurrence tabs: a table of counts whose cells are shaded by their value
// (heatTable), over the list of the turns of the cell clicked (turnPanel).

// heatCell is what a cell of a heatTable shows.
type heatCell struct {
	text  string
	share float64     // 0: no fill; up to 1: the fill's strength (the cell's value over the table's largest)
	hue   color.Color // the fill at full strength
	bold  bool
}

// heatTable is a table with a header row and a header column that stay in view, whose cells
// are filled with a colour as strong as their value and written in black or white, whichever
// reads better on the fill, in the light and the dark theme alike. A click on a cell is told
// to tapped (data coordinates) and marks the cell.
type heatTable struct {
	table   *widget.Table
	corner  string
	rowHead []string
	colHead []string
	value   func(r, c int) heatCell
	tapped  func(r, c int)
	sel     widget.TableCellID // the data cell clicked; Row -1: none
	cellW   float32            // the data columns' width
	headW   float32            // the header column's width
}

// Sizes of a heatTable's columns and rows.
const (
	heatMinWidth   = 64
	heatMaxWidth   = 180
	heatHeadMax    = 240
	heatPadX       = 8
	heatPadY       = 6
	heatMeasureMax = 2000 // the most column headers measured for the columns' width
)

func newHeatTable(tapped func(r, c int)) *heatTable {
	h := &heatTable{tapped: tapped, sel: widget.TableCellID{Row: -1, Col: -1}, cellW: heatMinWidth}
	h.table = widget.NewTable(
		func() (int, int) { return len(h.rowHead) + 1, len(h.colHead) + 1 },
		h.newCell,
		h.update)
	h.table.StickyRowCount, h.table.StickyColumnCount = 1, 1
	h.table.OnSelected = func(id widget.TableCellID) {
		h.table.UnselectAll()
		if id.Row < 1 || id.Col < 1 {
			return
		}
		h.sel = widget.TableCellID{Row: id.Row - 1, Col: id.Col - 1}
		h.table.Refresh()
		if h.tapped != nil {
			h.tapped(id.Row-1, id.Col-1)
		}
	}
	return h
}

// newCell is a cell: a fill, sized to the data columns' width, under its text.
func (h *heatTable) newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	txt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	bg.SetMinSize(fyne.NewSize(h.cellW, txt.MinSize().Height+2*heatPadY))
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(heatPadY, heatPadY, heatPadX, heatPadX), txt))
}

func (h *heatTable) update(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	txt := c.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	fg := theme.Color(theme.ColorNameForeground)
	bg.FillColor, bg.StrokeWidth = color.Transparent, 0
	txt.Color, txt.TextStyle, txt.Alignment = fg, fyne.TextStyle{}, fyne.TextAlignTrailing
	width := h.cellW
	switch {
	case id.Row == 0 && id.Col == 0:
		txt.Text, txt.TextStyle.Bold, txt.Alignment = h.corner, true, fyne.TextAlignLeading
	case id.Row == 0:
		txt.Text, txt.TextStyle.Bold, txt.Alignment = h.colHead[id.Col-1], true, fyne.TextAlignCenter
	case id.Col == 0:
		txt.Text, txt.TextStyle.Bold, txt.Alignment = h.rowHead[id.Row-1], true, fyne.TextAlignLeading
	default:
		v := h.value(id.Row-1, id.Col-1)
		txt.Text, txt.TextStyle.Bold = v.text, v.bold
		if v.share > 0 {
			fill := heatFill(v.hue, v.share)
			bg.FillColor, txt.Color = fill, inkOn(fill)
		}
		if h.sel.Row == id.Row-1 && h.sel.Col == id.Col-1 {
			bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNameForeground), 2
		}
	}
	if id.Col == 0 {
		width = h.headW
	}
	txt.Text = fitLine(txt.Text, width-2*heatPadX, theme.TextSize(), txt.TextStyle)
	bg.Refresh()
	txt.Refresh()
}

// firstWidth is the header column's width: its longest name's, within limits.
func (h *heatTable) firstWidth() float32 {
	w := measureRange(h.corner, theme.TextSize(), fyne.TextStyle{Bold: true})
	for _, r := range h.rowHead {
		w = max(w, measureRange(r, theme.TextSize(), fyne.TextStyle{Bold: true}))
	}
	return min(max(w+2*heatPadX+2, 100), heatHeadMax)
}

// set shows a table: its corner, rows' and columns' names and cells; nothing is marked.
func (h *heatTable) set(corner string, rowHead, colHead []string, value func(r, c int) heatCell) {
	h.corner, h.rowHead, h.colHead, h.value = corner, rowHead, colHead, value
	h.sel = widget.TableCellID{Row: -1, Col: -1}
	w := float32(0)
	for i, c := range colHead {
		if i == heatMeasureMax {
			break
		}
		w = max(w, measureRange(c, theme.TextSize(), fyne.TextStyle{Bold: true}))
	}
	h.cellW = min(max(w+2*heatPadX+2, heatMinWidth), heatMaxWidth)
	h.headW = h.firstWidth()
	h.table.SetColumnWidth(0, h.headW)
	h.table.Refresh()
	h.table.ScrollToTop()
	h.table.ScrollToLeading()
}

// heatFill is a cell's fill: hue laid over the window's background, as strong as share (0 to
// 1). A hue that the background would swallow (black on the dark theme) is drawn grey.
func heatFill(hue color.Color, share float64) color.NRGBA {
	bg := toNRGBA(theme.Color(theme.ColorNameBackground))
	c := toNRGBA(hue)
	if math.Abs(luminance(c)-luminance(bg)) < 0.08 {
		c = color.NRGBA{0x90, 0x90, 0x90, 0xff}
	}
	a := 0.12 + 0.78*math.Min(math.Max(share, 0), 1)
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-a) + float64(y)*a)) }
	return color.NRGBA{mix(bg.R, c.R), mix(bg.G, c.G), mix(bg.B, c.B), 0xff}
}

func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// luminance is a colour's relative luminance (WCAG), 0 for black to 1 for white.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// inkOn is black or white, whichever contrasts more with the fill.
func inkOn(fill color.NRGBA) color.Color {
	l := luminance(fill)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return color.Black
	}
	return color.White
}

// turnPanel lists turns of the data: where each is (document, turn, speaker) and its text; a
// click on one shows it in the main window.
type turnPanel struct {
	v       *analysisView
	title   *widget.Label
	list    *widget.List
	turns   []int
	content fyne.CanvasObject
}

func newTurnPanel(v *analysisView, hint string) *turnPanel {
	p := &turnPanel{v: v, title: widget.NewLabel(hint)}
	p.title.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(
		func() int { return len(p.turns) },
		func() fyne.CanvasObject {
			where := newFitLabel(nil)
			where.style.Bold = true
			text := newFitLabel(nil)
			text.Lines = 2
			return container.New(layout.NewCustomPaddedVBoxLayout(0), where, text)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			where, text := p.describe(p.turns[i])
			box.Objects[0].(*fitLabel).SetText(where)
			box.Objects[1].(*fitLabel).SetText(text)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.list.UnselectAll()
		if i >= 0 && i < len(p.turns) {
			p.v.openTurn(p.turns[i])
		}
	}
	p.content = container.NewBorder(p.title, nil, nil, nil, p.list)
	return p
}

// describe is a turn in two lines: where it is, and its text.
func (p *turnPanel) describe(t int) (where, text string) {
	tu := &p.v.data.Turns()[t]
	return turnPlace(tu), oneLine(tu.Text)
}

// turnPlace says where a turn is: its document and section, number and speaker.
func turnPlace(tu *analysis.Turn) string {
	place := tu.Document
	if tu.Section != "" {
		place = T("%s › %s", tu.Document, tu.Section)
	}
	switch {
	case tu.Speaker != "" && tu.Role != "":
		return T("%s, turn %d — %s (%s)", place, tu.Number, tu.Speaker, roleName(tu.Role))
	case tu.Speaker != "":
		return T("%s, turn %d — %s", place, tu.Number, tu.Speaker)
	}
	return T("%s, turn %d", place, tu.Number)
}

// oneLine is text with its line breaks as spaces.
func oneLine(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		out = append(out, r)
	}
	return string(out)
}

// showTurns lists turns under a title that names them (a cell: its row and column).
func (p *turnPanel) showTurns(name string, turns []int) {
	p.turns = turns
	p.title.SetText(T("%s: %s", name, plural(len(turns), "turn")))
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
}

// reset empties the list and says what a click does.
func (p *turnPanel) reset(hint string) {
	p.turns = nil
	p.title.SetText(hint)
	p.list.Refresh()
}

// The Matrix tab.

// dimensionName is a dimension as the tabs offer it: what a matrix's columns or a chart's
// groups are.
func dimensionName(d analysis.Dimension) string {
	switch d {
	case analysis.BySpeaker:
		return T("speakers")
	case analysis.ByRole:
		return T("roles")
	case analysis.ByDocument:
		return T("documents")
	case analysis.BySection:
		return T("sections")
	}
	return string(d)
}

// matrixModes are what the matrix's cells can show.
func matrixModes() []string {
	return []string{T("counts"), T("row percentages"), T("column percentages")}
}

type matrixTab struct {
	v       *analysisView
	by      *widget.Select
	mode    *widget.Select
	counted *widget.Label
	heat    *heatTable
	turns   *turnPanel
	m       *analysis.Matrix
	d       *analysis.Data
	names   []string // the columns' names, in the interface's language
	gen     int      // the cell whose turns are wanted (a later click wins)
	content fyne.CanvasObject
}

func cellHint() string {
	return T("A click on a cell lists its turns here; a click on a turn shows it in the main window.")
}

func newMatrixTab(v *analysisView) *matrixTab {
	t := &matrixTab{v: v}
	var dims []string
	for _, d := range analysis.Dimensions {
		dims = append(dims, dimensionName(d))
	}
	t.by = widget.NewSelect(dims, nil)
	t.mode = widget.NewSelect(matrixModes(), nil)
	t.listen()
	t.counted = widget.NewLabel("")
	t.counted.Wrapping = fyne.TextWrapWord
	t.counted.TextStyle.Italic = true
	t.heat = newHeatTable(t.tapped)
	t.turns = newTurnPanel(v, cellHint())
	export := widget.NewButton(T("Export CSV…"), func() {
		if t.m != nil {
			m := t.m
			v.saveCSV(v.baseName()+"-codes-by-"+string(m.By)+".csv", func(w io.Writer) error { return analysis.WriteMatrixCSV(w, m) })
		}
	})
	controls := container.NewHBox(
		widget.NewLabel(T("Columns")), container.NewGridWrap(fyne.NewSize(analysisSelectWidth, t.by.MinSize().Height), t.by),
		widget.NewLabel(T("Cells")), container.NewGridWrap(fyne.NewSize(analysisSelectWidth+20, t.mode.MinSize().Height), t.mode),
		export)
	split := container.NewVSplit(t.heat.table, t.turns.content)
	split.Offset = 0.62
	t.content = container.NewBorder(container.NewVBox(controls, t.counted), nil, nil, nil, split)
	return t
}

// show shows the matrix of d by the columns chosen.
func (t *matrixTab) show(d *analysis.Data) {
	t.d = d
	t.by.OnChanged, t.mode.OnChanged = nil, nil // the choices shown, then one build
	t.by.SetSelectedIndex(max(slices.Index(analysis.Dimensions, t.v.choices.by), 0))
	t.mode.SetSelectedIndex(t.v.choices.mode)
	t.listen()
	t.build()
}

// listen builds the matrix again when its columns are chosen, and fills it when its cells are.
func (t *matrixTab) listen() {
	t.by.OnChanged = func(string) {
		if i := t.by.SelectedIndex(); i >= 0 {
			t.v.choices.by = analysis.Dimensions[i]
			t.build()
		}
	}
	t.mode.OnChanged = func(string) {
		if i := t.mode.SelectedIndex(); i >= 0 {
			t.v.choices.mode = i
			t.fill()
		}
	}
}

// build counts the matrix by the columns chosen.
func (t *matrixTab) build() {
	if t.d == nil {
		return
	}
	m, err := t.d.Matrix(t.v.choices.by)
	if err != nil {
		t.v.status.SetText(errText(err))
		return
	}
	t.m = m
	t.names = columnNames(m, nil)
	t.counted.SetText(T("Counted: %s", matrixCounted(m)))
	t.fill()
}

// columnNames are the names of the matrix's columns cols (all when nil) in the interface's
// language: the label, or "(no speaker)" and the like; a section with its document when the
// columns are of several documents.
func columnNames(m *analysis.Matrix, cols []int) []string {
	if cols == nil {
		for g := range m.Columns {
			cols = append(cols, g)
		}
	}
	docs := map[string]bool{}
	for _, g := range cols {
		if c := m.Columns[g]; c.Merged == 0 {
			docs[c.Document] = true
		}
	}
	withDocument := m.By == analysis.BySection && len(docs) > 1
	out := make([]string, len(cols))
	for i, g := range cols {
		c := m.Columns[g]
		name := c.Label
		switch {
		case c.Merged > 0:
		case m.By == analysis.ByRole && name != "":
			name = roleName(coding.Role(name))
		case name == "" && m.By == analysis.BySpeaker:
			name = T("(no speaker)")
		case name == "" && m.By == analysis.ByRole:
			name = T("(no role)")
		case name == "" && m.By == analysis.BySection:
			name = T("(no section)")
		}
		if withDocument && c.Merged == 0 {
			name = T("%s (%s)", name, c.Document)
		}
		out[i] = name
	}
	return out
}

// matrixCounted says what the matrix's cells count, in the interface's language: in English
// as Matrix.Counted does.
func matrixCounted(m *analysis.Matrix) string {
	if m.Who.Kind == analysis.AllCoders {
		return T("codings: each code given to a turn by a coder, so a turn counts once for each coder who gave the code")
	}
	return T("turns given the code by %s", whoText(m.Who))
}

// codeHues are the codes' colours (analysis.Colours), as the chart and the workbook give them.
func codeHues(d *analysis.Data) []color.Color {
	names := make([]string, len(d.Codes()))
	for i, c := range d.Codes() {
		names[i] = c.Name
	}
	out := []color.Color{}
	for _, hex := range analysis.Colours(names, d.Codes()) {
		out = append(out, parseColour("#"+hex))
	}
	return out
}

// percent is a share as the matrix shows it: one decimal and %, or — when undefined.
func percent(share float64, ok bool) string {
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

// fill shows the matrix's cells as counts or percentages: a row per code, then the totals and
// the turns in scope; a column per speaker (role, …), then the totals.
func (t *matrixTab) fill() {
	m := t.m
	if m == nil {
		return
	}
	nK, nG := len(m.Codes), len(m.Columns)
	hues := codeHues(t.d)
	cell := func(k, g int) (float64, bool) {
		switch t.v.choices.mode {
		case 1:
			return m.RowShare(k, g)
		case 2:
			return m.ColumnShare(k, g)
		}
		return float64(m.Counts[k][g]), true
	}
	top := 0.0
	for k := range nK {
		for g := range nG {
			if v, ok := cell(k, g); ok {
				top = max(top, v)
			}
		}
	}
	rows := append(append([]string{}, m.Codes...), T("total"), T("turns in scope"))
	cols := append(append([]string{}, t.names...), T("total"))
	turns := 0
	for _, c := range m.Columns {
		turns += c.Turns
	}
	t.heat.set(T("code"), rows, cols, func(k, g int) heatCell {
		switch {
		case k == nK+1 && g == nG:
			return heatCell{text: strconv.Itoa(turns)}
		case k == nK+1:
			return heatCell{text: strconv.Itoa(m.Columns[g].Turns)}
		case k == nK && g == nG:
			return heatCell{text: strconv.Itoa(m.Total), bold: true}
		case k == nK:
			return heatCell{text: strconv.Itoa(m.ColumnTotals[g]), bold: true}
		case g == nG:
			return heatCell{text: strconv.Itoa(m.RowTotals[k]), bold: true}
		}
		v, ok := cell(k, g)
		c := heatCell{text: strconv.Itoa(m.Counts[k][g]), hue: hues[k]}
		if t.v.choices.mode > 0 {
			c.text = percent(v, ok)
		}
		if ok && top > 0 && v > 0 {
			c.share = v / top
		}
		return c
	})
	t.turns.reset(cellHint())
}

// tapped lists the turns of the cell clicked: of a code in a column, of a code (its total), of
// a column with any code (its total), or of the column in scope.
func (t *matrixTab) tapped(k, g int) {
	m, d := t.m, t.d
	if m == nil {
		return
	}
	nK, nG := len(m.Codes), len(m.Columns)
	rowName, colName := T("total"), T("total")
	switch {
	case k == nK+1:
		rowName = T("turns in scope")
	case k < nK:
		rowName = m.Codes[k]
	}
	if g < nG {
		colName = t.names[g]
	}
	t.gen++
	gen := t.gen
	var turns []int
	t.v.inBackground(func() {
		switch {
		case k < nK && g < nG:
			turns = m.Turns(k, g)
		case k < nK: // the code's turns in every column
			if r, err := d.Retrieve(analysis.Query{Code: d.Codes()[k].ID}); err == nil {
				for _, h := range r.Hits {
					turns = append(turns, h.Turn)
				}
			}
		case k == nK+1 && g < nG:
			turns = m.ColumnTurns(g)
		case k == nK+1: // every turn in scope
			for u, tu := range d.Turns() {
				if tu.InScope {
					turns = append(turns, u)
				}
			}
		default: // the turns given a code, of a column or of all
			var from []int
			if g < nG {
				from = m.ColumnTurns(g)
			} else {
				for u, tu := range d.Turns() {
					if tu.InScope {
						from = append(from, u)
					}
				}
			}
			for _, u := range from {
				if len(d.TurnCodes(u)) > 0 {
					turns = append(turns, u)
				}
			}
		}
	}, func() {
		if gen == t.gen {
			t.turns.showTurns(T("%s × %s", rowName, colName), turns)
		}
	})
}

// The Co-occurrence tab.

type cooccurrenceTab struct {
	v       *analysisView
	window  *widget.Entry
	counted *widget.Label
	heat    *heatTable
	turns   *turnPanel
	c       *analysis.Cooccurrence
	d       *analysis.Data
	gen     int
	content fyne.CanvasObject
}

func newCooccurrenceTab(v *analysisView) *cooccurrenceTab {
	t := &cooccurrenceTab{v: v}
	t.window = widget.NewEntry()
	t.window.SetText("0")
	t.window.OnChanged = func(s string) { t.windowTyped(s) }
	step := func(by int) func() {
		return func() {
			n, err := strconv.Atoi(t.window.Text)
			if err != nil {
				n = t.v.choices.window
			}
			t.window.SetText(strconv.Itoa(min(max(n+by, 0), analysis.MaxWindow)))
		}
	}
	less := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), step(-1))
	more := widget.NewButtonWithIcon("", theme.ContentAddIcon(), step(1))
	t.counted = widget.NewLabel("")
	t.counted.Wrapping = fyne.TextWrapWord
	t.counted.TextStyle.Italic = true
	t.heat = newHeatTable(t.tapped)
	t.turns = newTurnPanel(v, cellHint())
	export := widget.NewButton(T("Export CSV…"), func() {
		if t.c != nil {
			c := t.c
			v.saveCSV(v.baseName()+"-cooccurrence.csv", func(w io.Writer) error { return analysis.WriteCooccurrenceCSV(w, c) })
		}
	})
	controls := container.NewHBox(
		widget.NewLabel(T("Window")), less, container.NewGridWrap(fyne.NewSize(64, t.window.MinSize().Height), t.window), more,
		widget.NewLabel(T("turns either side (0: within a turn)")), export)
	split := container.NewVSplit(t.heat.table, t.turns.content)
	split.Offset = 0.62
	t.content = container.NewBorder(container.NewVBox(controls, t.counted), nil, nil, nil, split)
	return t
}

// windowTyped takes the window typed: a whole number of turns from 0 to analysis.MaxWindow,
// else one sentence and nothing changes.
func (t *cooccurrenceTab) windowTyped(s string) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > analysis.MaxWindow {
		t.v.status.SetText(T("The window is a whole number of turns from 0 (within a turn) to %d.", analysis.MaxWindow))
		return
	}
	if n == t.v.choices.window && t.c != nil && t.c.Window == n {
		return
	}
	t.v.choices.window = n
	t.build()
}

func (t *cooccurrenceTab) show(d *analysis.Data) {
	t.d, t.c = d, nil
	typed := t.window.OnChanged
	t.window.OnChanged = nil // the window shown, then one build
	t.window.SetText(strconv.Itoa(t.v.choices.window))
	t.window.OnChanged = typed
	t.build()
}

// build counts the co-occurrence in the window chosen, off the UI goroutine: a wide window on
// a large project takes a moment.
func (t *cooccurrenceTab) build() {
	d, n := t.d, t.v.choices.window
	if d == nil {
		return
	}
	t.gen++
	gen := t.gen
	var c *analysis.Cooccurrence
	var err error
	t.v.inBackground(func() { c, err = d.Cooccurrence(n) }, func() {
		if gen != t.gen || d != t.d {
			return
		}
		if err != nil {
			t.v.status.SetText(errText(err))
			return
		}
		t.c = c
		t.fill()
	})
}

// cooccurrenceCounted says what the co-occurrence's cells count, in the interface's language:
// in English as Cooccurrence.Counted does.
func cooccurrenceCounted(c *analysis.Cooccurrence) string {
	where := T("within a turn")
	switch {
	case c.Window == 1:
		where = T("within 1 turn of each other")
	case c.Window > 1:
		where = T("within %d turns of each other", c.Window)
	}
	who := T("one coder")
	if c.Who.Kind != analysis.AllCoders {
		who = whoText(c.Who)
	}
	return T("turns in which %s gave both codes %s (same document and section); the diagonal: turns given the code", who, where)
}

// fill shows the co-occurrence: the pairs shaded in a neutral colour by their count over the
// largest pair's, the diagonal (each code's turns) in the code's colour by the largest code's.
func (t *cooccurrenceTab) fill() {
	c := t.c
	t.counted.SetText(T("Counted: %s", cooccurrenceCounted(c)))
	hues := codeHues(t.d)
	neutral := theme.Color(theme.ColorNamePrimary)
	pairTop, diagTop := 0, 0
	for a := range c.Codes {
		for b, n := range c.Counts[a] {
			if a == b {
				diagTop = max(diagTop, n)
			} else {
				pairTop = max(pairTop, n)
			}
		}
	}
	t.heat.set("", c.Codes, c.Codes, func(a, b int) heatCell {
		n := c.Counts[a][b]
		cell := heatCell{text: strconv.Itoa(n), hue: neutral}
		top := pairTop
		if a == b {
			cell.hue, cell.bold, top = hues[a], true, diagTop
		}
		if top > 0 && n > 0 {
			cell.share = float64(n) / float64(top)
		}
		return cell
	})
	t.turns.reset(cellHint())
}

// tapped lists the turns that count in the cell clicked.
func (t *cooccurrenceTab) tapped(a, b int) {
	c := t.c
	if c == nil {
		return
	}
	t.gen++
	gen := t.gen
	var turns []int
	t.v.inBackground(func() { turns = c.Turns(a, b) }, func() {
		if gen == t.gen {
			name := c.Codes[a]
			if a != b {
				name = T("%s × %s", c.Codes[a], c.Codes[b])
			}
			t.turns.showTurns(name, turns)
		}
	})
}
