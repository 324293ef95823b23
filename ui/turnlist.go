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
}

func newTurnList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *turnList {
	l := &turnList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *turnList) TypedKey(ev *fyne.KeyEvent) {
	if l.onKey != nil && l.onKey(ev) {
		return
	}
	l.List.TypedKey(ev)
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
// its number, speaker (in the speaker's colour) and role, wrapped text, and code chips.
type rowView struct {
	widget.BaseWidget
	number  *canvas.Text
	speaker *canvas.Text
	role    *canvas.Text
	chips   *fyne.Container
	text    *widget.Label
	left    *fyne.Container
	divider *widget.Separator
	root    *fyne.Container
}

// speakerColumn is the width of the number and speaker column.
const speakerColumn = 190

func newRowView() *rowView {
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	r := &rowView{
		number:  canvas.NewText("", dim),
		speaker: canvas.NewText("", fg),
		role:    canvas.NewText("", dim),
		chips:   container.NewHBox(),
		text:    widget.NewLabel(""),
		divider: widget.NewSeparator(),
	}
	r.number.Alignment = fyne.TextAlignTrailing
	r.number.TextSize = theme.TextSize() * 0.9
	r.speaker.TextStyle.Bold = true
	r.role.TextSize = theme.TextSize() * 0.8
	r.role.TextStyle.Italic = true
	r.text.Wrapping = fyne.TextWrapWord
	num := container.NewGridWrap(fyne.NewSize(34, 16), r.number)
	who := container.New(layout.NewCustomPaddedVBoxLayout(2), r.speaker, r.role)
	r.left = container.NewGridWrap(fyne.NewSize(speakerColumn, 46),
		container.New(layout.NewCustomPaddedLayout(7, 0, 0, 0), container.NewHBox(num, who)))
	r.root = container.NewBorder(r.divider, nil, r.left, container.NewCenter(r.chips), r.text)
	r.ExtendBaseWidget(r)
	return r
}

func (r *rowView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.root) }

// codeChips are the chips of one state, in codebook order.
func codeChips(st coding.TurnState, codes []coding.Code) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, c := range codes {
		if st.Has(c.ID) {
			out = append(out, chip(c.Name, parseColour(c.Colour)))
		}
	}
	if st.Reviewed && len(out) == 0 {
		out = append(out, chip("no code", color.NRGBA{0x70, 0x70, 0x70, 0xff}))
	}
	return out
}

// show fills the row for line l and lays it out again (the chips' width changes with them).
func (r *rowView) show(l coding.Line, own coding.TurnState, codes []coding.Code, others []coderState, differ bool) {
	r.fill(l, own, codes, others, differ)
	r.root.Refresh()
}

// fill sets the row's parts for line l. others, in compare mode, holds every coder's state (nil in
// blind mode: only own is shown).
func (r *rowView) fill(l coding.Line, own coding.TurnState, codes []coding.Code, others []coderState, differ bool) {
	r.divider.Hide()
	r.text.TextStyle = fyne.TextStyle{}
	r.text.Importance = widget.MediumImportance
	r.chips.Objects = nil
	r.chips.Refresh()
	switch l.Kind {
	case coding.KindHeader:
		r.divider.Show()
		r.left.Hide()
		r.text.TextStyle.Bold = true
		r.text.Importance = widget.HighImportance
		r.text.SetText(l.Text)
		return
	case coding.KindNote:
		r.left.Show()
		r.setLeft("", "", "", nil)
		r.text.TextStyle.Italic = true
		r.text.Importance = widget.LowImportance
		r.text.SetText(l.Text)
		return
	}
	r.left.Show()
	who := l.Speaker
	if who == "" {
		who = "¶"
	}
	role := string(l.Role)
	if !l.Codable {
		role += " · not coded"
		r.text.Importance = widget.LowImportance
	}
	r.setLeft(fmt.Sprint(l.Number), who, role, speakerColour(l.Speaker))
	var objs []fyne.CanvasObject
	if others == nil {
		objs = codeChips(own, codes)
	} else {
		if differ {
			objs = append(objs, chip("≠ differ", color.NRGBA{0xb0, 0x30, 0x30, 0xff}))
		}
		for _, o := range others {
			// Plain text, not labels: a label's padding would stretch the chips beside it.
			objs = append(objs, coderText(o.coder+":"))
			if !o.state.Reviewed && len(o.state.Codes) == 0 {
				objs = append(objs, coderText("—"))
				continue
			}
			objs = append(objs, codeChips(o.state, codes)...)
		}
	}
	r.chips.Objects = objs
	r.chips.Refresh()
	r.text.SetText(l.Text)
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
