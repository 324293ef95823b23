package ui

import (
	"fmt"
	"hash/fnv"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
)

// turnList is the centre list. It extends widget.List so that, when the list has the focus
// (a click on a turn gives it), the coding keys still reach the workspace: a plain List would
// swallow them.
type turnList struct {
	widget.List
	onKey  func(*fyne.KeyEvent) bool // true when handled
	onRune func(rune)
	width  float32 // the width the rows' heights were measured for

	content fyne.CanvasObject // what the list's scroller scrolls
	rows    []*rowView        // every row the list made (shown or pooled)
}

// CreateRenderer is the list's, with the scroller told to draw the lines of long turns that
// a scroll brings into view (see wrapText.span).
func (l *turnList) CreateRenderer() fyne.WidgetRenderer {
	r := l.List.CreateRenderer()
	for _, o := range r.Objects() {
		if s, ok := o.(*container.Scroll); ok {
			l.content = s.Content
			scrolled := s.OnScrolled
			s.OnScrolled = func(p fyne.Position) {
				if scrolled != nil {
					scrolled(p)
				}
				l.cull()
			}
		}
	}
	return r
}

// span is the part of a row's text in view, in the text's coordinates: the list's offset
// less the text's place in the scrolled content. Both positions are taken from the same tree,
// so they agree even while a scroll is being applied.
func (l *turnList) span(t *wrapText) (top, bottom float32, ok bool) {
	app := fyne.CurrentApp()
	if l.content == nil || app == nil {
		return 0, 0, false
	}
	d := app.Driver()
	tp := d.AbsolutePositionForObject(t)
	if tp.IsZero() { // not in the window (a pooled row): nothing to go by
		return 0, 0, false
	}
	y := tp.Y - d.AbsolutePositionForObject(l.content).Y
	top = l.GetScrollOffset() - y
	return top, top + l.Size().Height, true
}

// cull draws, in every row, the lines of its text now in view.
func (l *turnList) cull() {
	for _, r := range l.rows {
		r.text.recull()
	}
}

func (l *turnList) ScrollTo(id widget.ListItemID) { l.List.ScrollTo(id); l.cull() }
func (l *turnList) ScrollToTop()                  { l.List.ScrollToTop(); l.cull() }
func (l *turnList) ScrollToBottom()               { l.List.ScrollToBottom(); l.cull() }
func (l *turnList) ScrollToOffset(y float32)      { l.List.ScrollToOffset(y); l.cull() }

// itemHeight is the height a row was given (after it was drawn).
func (l *turnList) itemHeight(id widget.ListItemID) float32 {
	row := newRowView()
	l.UpdateItem(id, row)
	return row.heightFor(l.Size().Width)
}

// Resize measures the visible rows again when the width changes: their text wraps anew, and a
// row keeping the height of the old width would be drawn over the next.
func (l *turnList) Resize(s fyne.Size) {
	l.List.Resize(s)
	if s.Width != l.width {
		l.width = s.Width
		l.Refresh()
	}
}

func newTurnList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *turnList {
	l := &turnList{}
	l.Length, l.UpdateItem = length, update
	l.CreateItem = func() fyne.CanvasObject {
		o := create()
		if r, ok := o.(*rowView); ok {
			r.text.span = l.span
			l.rows = append(l.rows, r)
		}
		return o
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *turnList) TypedKey(ev *fyne.KeyEvent) {
	if l.onKey != nil && l.onKey(ev) {
		return
	}
	l.List.TypedKey(ev)
	l.cull()
}

func (l *turnList) TypedRune(r rune) {
	if l.onRune != nil {
		l.onRune(r)
	}
}

// speakerPalette holds colours readable on light and dark backgrounds; a speaker keeps its
// colour from session to session because it is chosen by a hash of the label.
var speakerPalette = []color.NRGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xd6, 0x27, 0x28, 0xff}, {0x2c, 0xa0, 0x2c, 0xff}, {0x94, 0x67, 0xbd, 0xff},
	{0xe3, 0x77, 0xc2, 0xff}, {0x8c, 0x56, 0x4b, 0xff}, {0x17, 0xbe, 0xcf, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
}

func speakerColour(label string) color.Color {
	h := fnv.New32a()
	h.Write([]byte(label))
	return speakerPalette[h.Sum32()%uint32(len(speakerPalette))]
}

// parseColour reads "#rrggbb"; anything else is grey.
func parseColour(s string) color.Color {
	var r, g, b uint8
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{0x80, 0x80, 0x80, 0xff}
	}
	return color.NRGBA{r, g, b, 0xff}
}

// chip is a small coloured label: a code on a turn.
func chip(text string, bg color.Color) fyne.CanvasObject {
	rect := canvas.NewRectangle(bg)
	rect.CornerRadius = 4
	t := canvas.NewText(text, color.White)
	t.TextSize = theme.TextSize() * 0.85
	t.TextStyle.Bold = true
	return container.NewStack(rect, container.New(layout.NewCustomPaddedLayout(1, 1, 6, 6), t))
}

// rowView draws one line of the document: a section divider, a dimmed note, or a turn with
// its number, speaker (in the speaker's colour) and role, wrapped text, and code chips: at the
// right in blind mode, and in compare mode one line per coder under the text, the consensus
// layer first. Its height for a width is known before it is drawn (heightFor), so the list sets
// each row's height exactly and rows never overlap.
type rowView struct {
	widget.BaseWidget
	number  *canvas.Text
	speaker *canvas.Text
	role    *canvas.Text
	chips   *fyne.Container // blind mode: this coder's chips, at the right
	coders  *fyne.Container // compare mode: a line per coder, under the text
	text    *wrapText
	left    *fyne.Container
	divider *widget.Separator
	header  bool
	root    *fyne.Container
}

// speakerColumn is the width of the number and speaker column; leftHeight its height.
const (
	speakerColumn = 190
	leftHeight    = 46
)

func newRowView() *rowView {
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	r := &rowView{
		number:  canvas.NewText("", dim),
		speaker: canvas.NewText("", fg),
		role:    canvas.NewText("", dim),
		chips:   container.NewHBox(),
		coders:  container.New(layout.NewCustomPaddedVBoxLayout(2)),
		text:    newWrapText(),
		divider: widget.NewSeparator(),
	}
	r.number.Alignment = fyne.TextAlignTrailing
	r.number.TextSize = theme.TextSize() * 0.9
	r.speaker.TextStyle.Bold = true
	r.role.TextSize = theme.TextSize() * 0.8
	r.role.TextStyle.Italic = true
	num := container.NewGridWrap(fyne.NewSize(34, 16), r.number)
	who := container.New(layout.NewCustomPaddedVBoxLayout(2), r.speaker, r.role)
	r.left = container.NewGridWrap(fyne.NewSize(speakerColumn, leftHeight),
		container.New(layout.NewCustomPaddedLayout(7, 0, 0, 0), container.NewHBox(num, who)))
	r.root = container.New(rowLayout{r}, r.divider, r.left, r.text, r.chips, r.coders)
	r.ExtendBaseWidget(r)
	return r
}

func (r *rowView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.root) }

// rowLayout places a row's parts for its width (see rowView.place).
type rowLayout struct{ r *rowView }

func (l rowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) { l.r.place(size.Width) }
func (l rowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	w := l.r.root.Size().Width
	if w <= 0 {
		w = speakerColumn + 400
	}
	return fyne.NewSize(speakerColumn+120, l.r.heightFor(w))
}

// textBox is where the text goes at width: its x and its width.
func (r *rowView) textBox(width float32) (x, w float32) {
	pad := theme.InnerPadding()
	if r.header {
		return pad, width - 2*pad
	}
	w = width - speakerColumn - pad
	if len(r.chips.Objects) > 0 {
		w -= r.chips.MinSize().Width + pad
	}
	return speakerColumn, max(w, 40)
}

// heightFor is the row's height at width: the text wrapped to its box, the coders' lines
// under it, and at least the speaker column's height.
func (r *rowView) heightFor(width float32) float32 {
	pad := theme.InnerPadding()
	_, tw := r.textBox(width)
	h := pad + r.text.HeightFor(tw) + pad
	if len(r.coders.Objects) > 0 {
		h += r.coders.MinSize().Height + pad/2
	}
	if r.header {
		return h
	}
	return max(h, leftHeight)
}

func (r *rowView) place(width float32) {
	pad := theme.InnerPadding()
	x, tw := r.textBox(width)
	th := r.text.HeightFor(tw)
	r.divider.Move(fyne.NewPos(0, 0))
	r.divider.Resize(fyne.NewSize(width, theme.SeparatorThicknessSize()))
	r.left.Move(fyne.NewPos(0, 0))
	r.left.Resize(fyne.NewSize(speakerColumn, leftHeight))
	r.text.Move(fyne.NewPos(x, pad))
	r.text.Resize(fyne.NewSize(tw, th))
	cm := r.chips.MinSize()
	r.chips.Move(fyne.NewPos(width-cm.Width-pad, pad))
	r.chips.Resize(cm)
	r.coders.Move(fyne.NewPos(x, pad+th+pad/2))
	r.coders.Resize(fyne.NewSize(tw, r.coders.MinSize().Height))
}

// codeChips are the chips of one state, in codebook order.
func codeChips(st coding.TurnState, codes []coding.Code) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, c := range codes {
		if st.Has(c.ID) {
			out = append(out, chip(c.Name, parseColour(c.Colour)))
		}
	}
	if st.Reviewed && len(out) == 0 {
		out = append(out, chip(T("no code"), color.NRGBA{0x70, 0x70, 0x70, 0xff}))
	}
	return out
}

// show fills the row for line l, its speaker in colour, and lays it out again (the chips'
// width changes with them).
func (r *rowView) show(l coding.Line, colour color.Color, own coding.TurnState, codes []coding.Code, others []coderState, differ bool) {
	r.fill(l, colour, own, codes, others, differ)
	r.root.Refresh()
	r.text.recull()
}

// fill sets the row's parts for line l. others, in compare mode, holds every coder's state (nil in
// blind mode: only own is shown).
func (r *rowView) fill(l coding.Line, colour color.Color, own coding.TurnState, codes []coding.Code, others []coderState, differ bool) {
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	r.header = l.Kind == coding.KindHeader
	r.divider.Hide()
	r.chips.Objects = nil
	r.coders.Objects = nil
	switch l.Kind {
	case coding.KindHeader:
		r.divider.Show()
		r.left.Hide()
		r.text.Set(l.Text, fyne.TextStyle{Bold: true}, theme.Color(theme.ColorNamePrimary))
		return
	case coding.KindNote:
		r.left.Show()
		r.setLeft("", "", "", nil)
		r.text.Set(l.Text, fyne.TextStyle{Italic: true}, dim)
		return
	}
	r.left.Show()
	who := l.Speaker
	if who == "" {
		who = "¶"
	}
	role := roleName(l.Role)
	col := fg
	if !l.Codable {
		role = T("%s · not coded", role)
		col = dim
	}
	r.setLeft(fmt.Sprint(l.Number), who, role, colour)
	r.text.Set(l.Text, fyne.TextStyle{}, col)
	if others == nil {
		r.chips.Objects = codeChips(own, codes)
		return
	}
	if differ {
		r.chips.Objects = []fyne.CanvasObject{chip(T("≠ differ"), color.NRGBA{0xb0, 0x30, 0x30, 0xff})}
	}
	for _, o := range others {
		line := []fyne.CanvasObject{coderText(coderName(o.coder) + ":")}
		if !o.state.Reviewed && len(o.state.Codes) == 0 {
			line = append(line, coderText(T("not reviewed")))

		} else {
			line = append(line, codeChips(o.state, codes)...)
		}
		r.coders.Add(container.NewHBox(line...))
	}
}

func (r *rowView) setLeft(number, speaker, role string, c color.Color) {
	r.number.Text, r.speaker.Text, r.role.Text = number, speaker, role
	if c != nil {
		r.speaker.Color = c
	}
	r.number.Refresh()
	r.speaker.Refresh()
	r.role.Refresh()
}

func coderText(s string) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.TextSize() * 0.85
	return t
}

// coderState is one coder's state of a turn, for the compare view.
type coderState struct {
	coder string
	state coding.TurnState
}
