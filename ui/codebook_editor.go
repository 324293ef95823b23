package ui

import (
	"context"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
)

// palette is the choice of code colours (Tableau 10, as the default codebook uses).
var palette = []struct{ name, hex string }{
	{"blue", "#1f77b4"}, {"orange", "#ff7f0e"}, {"green", "#2ca02c"}, {"red", "#d62728"},
	{"purple", "#9467bd"}, {"brown", "#8c564b"}, {"pink", "#e377c2"}, {"grey", "#7f7f7f"},
	{"olive", "#bcbd22"}, {"cyan", "#17becf"},
}

// noneOption is the shortcut and parent selects' "no shortcut", "no parent": a key of the
// catalogue (T(noneOption) is what they show).
const noneOption = "none"

// colourName is a colour of the palette as the window names it.
func colourName(name string) string {
	switch name {
	case "blue":
		return T("blue")
	case "orange":
		return T("orange")
	case "green":
		return T("green")
	case "red":
		return T("red")
	case "purple":
		return T("purple")
	case "brown":
		return T("brown")
	case "pink":
		return T("pink")
	case "grey":
		return T("grey")
	case "olive":
		return T("olive")
	case "cyan":
		return T("cyan")
	}
	return name
}

// colourOption is how a colour shows in the colour Select: "blue  #1f77b4", or the bare hex
// when the colour is not in the palette.
func colourOption(hex string) string {
	for _, c := range palette {
		if strings.EqualFold(c.hex, hex) {
			return colourName(c.name) + "  " + c.hex
		}
	}
	return hex
}

// optionColour is the #rrggbb of a colour option.
func optionColour(opt string) string {
	f := strings.Fields(opt)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// codebookEditor edits the codebook of the project open in the main window. Every change is
// written through the store at once; the main window is then reloaded so its codebook panel
// and chips show the change.
type codebookEditor struct {
	m       *mainWindow
	win     fyne.Window
	ctx     context.Context
	codes   []coding.Code // in display order: each top-level code followed by its children
	current string        // id of the code the form shows
	draft   *coding.Code  // the new code the form shows, written only by Save; nil when none

	// confirm asks before a destructive change and calls then on yes; tests replace it.
	confirm func(title, msg string, then func())

	list                       *widget.List
	name, nameZH               *widget.Entry
	definition, inclusion      *widget.Entry
	exclusion, example         *widget.Entry
	colour, shortcut, parent   *widget.Select
	swatch                     *canvas.Rectangle
	mergeInto                  *widget.Select
	save, del, merge, up, down *widget.Button
	status                     *widget.Label
	content                    fyne.CanvasObject
	parentIDs, mergeIDs        map[string]string // option → code id
}

// showCodebookEditor opens the codebook editor in a window of its own.
func (m *mainWindow) showCodebookEditor() {
	w := m.app.NewWindow(T("Codebook"))
	dialogKeysOn(w)
	e := newCodebookEditor(m, w)
	m.codebooks = append(m.codebooks, e)
	w.SetOnClosed(func() {
		m.codebooks = slices.DeleteFunc(m.codebooks, func(o *codebookEditor) bool { return o.win == w })
	})
	w.SetContent(e.content)

	m.sizeLikeMain(w, 980, 720)
	w.Show()
}

func newCodebookEditor(m *mainWindow, win fyne.Window) *codebookEditor {
	e := &codebookEditor{m: m, win: win, ctx: context.Background()}
	e.confirm = func(title, msg string, then func()) { showConfirm(e.win, title, msg, then) }
	e.list = widget.NewList(func() int { return len(e.codes) }, e.newRow, e.updateRow)
	e.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(e.codes) && (e.codes[id].ID != e.current || e.draft != nil) {
			if e.draft != nil {
				e.draft = nil
				e.status.SetText(T("The new code was not saved: nothing was added."))
			}
			e.show(e.codes[id].ID)
		}
	}
	e.name = widget.NewEntry()
	e.name.PlaceHolder = T("the code's name, e.g. hedging")
	e.name.OnSubmitted = func(string) { e.saveCode() } // Enter in the name saves, as Save does
	e.nameZH = widget.NewEntry()
	e.definition = multiLine()
	e.inclusion = multiLine() // criteria run to several sentences
	e.exclusion = multiLine()
	e.example = multiLine()
	e.swatch = canvas.NewRectangle(theme.Color(theme.ColorNameDisabled))
	e.swatch.CornerRadius = 3
	e.swatch.SetMinSize(fyne.NewSize(18, 18))
	e.colour = widget.NewSelect(nil, func(opt string) {
		e.swatch.FillColor = parseColour(optionColour(opt))
		e.swatch.Refresh()
	})
	e.shortcut = widget.NewSelect([]string{T(noneOption), "1", "2", "3", "4", "5", "6", "7", "8", "9"}, nil)
	e.parent = widget.NewSelect(nil, nil)
	e.mergeInto = widget.NewSelect(nil, nil)
	e.mergeInto.PlaceHolder = T("(pick a code)")

	e.save = widget.NewButtonWithIcon(T("Save"), theme.DocumentSaveIcon(), e.saveCode)
	e.save.Importance = widget.HighImportance
	e.del = widget.NewButtonWithIcon(T("Delete…"), theme.DeleteIcon(), e.askRemove)
	e.merge = widget.NewButton(T("Merge into…"), e.askMerge)
	e.up = widget.NewButtonWithIcon(T("Move up"), theme.MoveUpIcon(), func() { e.move(-1) })
	e.down = widget.NewButtonWithIcon(T("Move down"), theme.MoveDownIcon(), func() { e.move(1) })
	add := widget.NewButtonWithIcon(T("New code"), theme.ContentAddIcon(), e.add)
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(T("Name"), e.name),
		widget.NewFormItem(T("Chinese label"), e.nameZH),
		widget.NewFormItem(T("Definition"), e.definition),
		widget.NewFormItem(T("Include"), e.inclusion),
		widget.NewFormItem(T("Exclude"), e.exclusion),
		widget.NewFormItem(T("Example"), e.example),
		widget.NewFormItem(T("Colour"), container.NewBorder(nil, nil, container.NewCenter(e.swatch), nil, e.colour)),
		widget.NewFormItem(T("Shortcut key"), e.shortcut),
		widget.NewFormItem(T("Group under"), e.parent),
	)
	actions := container.NewHBox(e.save, layout.NewSpacer(), e.del)
	mergeRow := container.NewBorder(nil, nil, widget.NewLabel(T("Merge this code into")), e.merge, e.mergeInto)
	right := container.NewBorder(nil,
		container.NewVBox(actions, widget.NewSeparator(), mergeRow, e.status), nil, nil,
		container.NewVScroll(form))

	title := widget.NewLabelWithStyle(T("Codes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(title, container.NewVBox(add, container.NewGridWithColumns(2, e.up, e.down)), nil, nil, e.list)
	split := container.NewHSplit(left, container.NewPadded(right))
	split.Offset = 0.34
	e.content = split
	e.reload("")
	return e
}

func multiLine() *widget.Entry {
	en := widget.NewMultiLineEntry()
	en.Wrapping = fyne.TextWrapWord
	en.SetMinRowsVisible(3)
	return en
}

func (e *codebookEditor) newRow() fyne.CanvasObject {
	indent := canvas.NewRectangle(color.Transparent)
	swatch := canvas.NewRectangle(color.Transparent)
	swatch.CornerRadius = 3
	swatch.SetMinSize(fyne.NewSize(14, 14))
	key := widget.NewLabelWithStyle("0", fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	keyBox := container.NewGridWrap(fyne.NewSize(key.MinSize().Width, key.MinSize().Height), key)
	name := widget.NewLabel("")
	zh := widget.NewLabel("")
	return container.NewHBox(indent, container.NewCenter(swatch), keyBox, name, zh)
}

func (e *codebookEditor) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(e.codes) {
		return
	}
	c := e.codes[id]
	row := o.(*fyne.Container)
	indent := row.Objects[0].(*canvas.Rectangle)
	swatch := row.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	key := row.Objects[2].(*fyne.Container).Objects[0].(*widget.Label)
	name, zh := row.Objects[3].(*widget.Label), row.Objects[4].(*widget.Label)
	w := float32(0)
	if c.ParentID != "" {
		w = 20
	}
	indent.SetMinSize(fyne.NewSize(w, 1))
	swatch.FillColor = parseColour(c.Colour)
	swatch.Refresh()
	if c.Shortcut == "" {
		key.SetText("·")
	} else {
		key.SetText(c.Shortcut)
	}
	name.SetText(c.Name)
	zh.SetText(c.NameZH)
	row.Refresh() // re-lay out: the indent and the texts' widths change as rows are reused
}

// displayOrder puts each top-level code, in codebook order, before its children.
func displayOrder(codes []coding.Code) []coding.Code {
	live := map[string]bool{}
	for _, c := range codes {
		live[c.ID] = true
	}
	var out []coding.Code
	for _, c := range codes {
		if c.ParentID != "" && live[c.ParentID] {
			continue
		}
		out = append(out, c)
		for _, k := range codes {
			if k.ParentID == c.ID {
				out = append(out, k)
			}
		}
	}
	return out
}

// reload reads the codebook again and shows the code with id keep (or the first one).
func (e *codebookEditor) reload(keep string) {
	codes, err := e.m.p.Codes(e.ctx)
	if err != nil {
		e.status.SetText(errText(err))
		return
	}
	e.codes = displayOrder(codes)
	e.list.Refresh()
	if e.find(keep) < 0 && len(e.codes) > 0 {
		keep = e.codes[0].ID
	}
	e.current = ""
	e.show(keep)
}

func (e *codebookEditor) find(id string) int {
	for i, c := range e.codes {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// selected is the code the form shows, as stored.
func (e *codebookEditor) selected() (coding.Code, bool) {
	if i := e.find(e.current); i >= 0 {
		return e.codes[i], true
	}
	return coding.Code{}, false
}

// show fills the form with the code id.
func (e *codebookEditor) show(id string) {
	i := e.find(id)
	e.current = id
	editable := []fyne.Disableable{e.name, e.nameZH, e.definition, e.inclusion, e.exclusion, e.example,
		e.colour, e.shortcut, e.parent, e.mergeInto, e.save, e.del, e.merge, e.up, e.down}
	if i < 0 {
		e.current = ""
		for _, w := range editable {
			w.Disable()
		}
		e.list.UnselectAll()
		return
	}
	for _, w := range editable {
		w.Enable()
	}
	e.list.Select(i)
	e.fill(e.codes[i])
}

// fill puts code c in the form: a stored code, or the draft of a new one.
func (e *codebookEditor) fill(c coding.Code) {
	e.name.SetText(c.Name)
	e.nameZH.SetText(c.NameZH)
	e.definition.SetText(c.Definition)
	e.inclusion.SetText(c.Inclusion)
	e.exclusion.SetText(c.Exclusion)
	e.example.SetText(c.Example)

	var colours []string
	if colourOption(c.Colour) == c.Colour && c.Colour != "" {
		colours = append(colours, c.Colour)
	}
	for _, p := range palette {
		colours = append(colours, colourOption(p.hex))
	}
	e.colour.SetOptions(colours)
	if c.Colour != "" {
		e.colour.SetSelected(colourOption(c.Colour))
	} else {
		e.colour.ClearSelected()
		e.swatch.FillColor = parseColour("")
		e.swatch.Refresh()
	}
	if c.Shortcut == "" {
		e.shortcut.SetSelected(T(noneOption))
	} else {
		e.shortcut.SetSelected(c.Shortcut)
	}

	e.parentIDs = map[string]string{T(noneOption): ""}
	parents := []string{T(noneOption)}
	e.mergeIDs = map[string]string{}
	var others []string
	for _, o := range e.codes {
		if o.ID == c.ID {
			continue
		}
		if o.ParentID == "" {
			parents = append(parents, o.Name)
			e.parentIDs[o.Name] = o.ID
		}
		others = append(others, o.Name)
		e.mergeIDs[o.Name] = o.ID
	}
	e.parent.SetOptions(parents)
	e.parent.SetSelected(T(noneOption))
	for opt, id := range e.parentIDs {
		if id == c.ParentID && id != "" {
			e.parent.SetSelected(opt)
		}
	}
	e.mergeInto.SetOptions(others)
	e.mergeInto.ClearSelected()
	e.up.Enable()
	e.down.Enable()
	if e.neighbour(c, -1) < 0 {
		e.up.Disable()
	}
	if e.neighbour(c, 1) < 0 {
		e.down.Disable()
	}
	if e.draft != nil { // not in the codebook yet: nothing to delete, merge or move
		e.del.Disable()
		e.merge.Disable()
		e.mergeInto.Disable()
		e.up.Disable()
		e.down.Disable()
	}
}

// form is the selected code (or the draft) with the form's values.
func (e *codebookEditor) form() coding.Code {
	c, _ := e.selected()
	if e.draft != nil {
		c = *e.draft
	}
	c.Name = e.name.Text
	c.NameZH = strings.TrimSpace(e.nameZH.Text)
	c.Definition = strings.TrimSpace(e.definition.Text)
	c.Inclusion = strings.TrimSpace(e.inclusion.Text)
	c.Exclusion = strings.TrimSpace(e.exclusion.Text)
	c.Example = strings.TrimSpace(e.example.Text)
	if opt := e.colour.Selected; opt != "" {
		c.Colour = optionColour(opt)
	}
	c.Shortcut = e.shortcut.Selected
	if c.Shortcut == T(noneOption) {
		c.Shortcut = ""
	}
	c.ParentID = e.parentIDs[e.parent.Selected]
	return c
}

// changed reloads the main window (its codebook panel and chips) and then the editor,
// showing keep, with msg in the status line.
func (e *codebookEditor) changed(keep, msg string) {
	if err := e.m.reload(); err != nil {
		e.status.SetText(errText(err))
		return
	}
	e.reload(keep)
	e.status.SetText(msg)
}

// saveCode writes the form to the selected code. A refusal (a name or shortcut clash, say)
// shows in the status line and leaves the codebook and the form as they were.
func (e *codebookEditor) saveCode() {
	if e.draft != nil {
		c := e.form()
		added, err := e.m.p.AddCode(e.ctx, c)
		if err != nil {
			e.status.SetText(T("Not added: %s", errText(err)))
			return
		}
		e.draft = nil
		e.changed(added.ID, T("Added %q.", strings.TrimSpace(added.Name)))
		return
	}
	if _, ok := e.selected(); !ok {
		return
	}
	c := e.form()
	if err := e.m.p.UpdateCode(e.ctx, c); err != nil {
		e.status.SetText(T("Not saved: %s", errText(err)))
		return
	}
	e.changed(c.ID, T("Saved %q.", strings.TrimSpace(c.Name)))
}

// add opens the form on a new code, with an unused colour and key and no name yet. Nothing is
// written until Save (a new code that is never saved leaves no trace in the codebook or its
// history); choosing another code in the list drops the draft.
func (e *codebookEditor) add() {
	keys, colours := map[string]bool{}, map[string]bool{}
	for _, c := range e.codes {
		keys[c.Shortcut] = true
		colours[strings.ToLower(c.Colour)] = true
	}
	c := coding.Code{Colour: palette[len(e.codes)%len(palette)].hex}
	for k := 1; k <= 9; k++ {
		if !keys[strconv.Itoa(k)] {
			c.Shortcut = strconv.Itoa(k)
			break
		}
	}
	for _, p := range palette {
		if !colours[p.hex] {
			c.Colour = p.hex
			break
		}
	}
	e.draft = &c
	e.current = ""
	e.list.UnselectAll()
	for _, w := range []fyne.Disableable{e.name, e.nameZH, e.definition, e.inclusion, e.exclusion, e.example,
		e.colour, e.shortcut, e.parent, e.save} {
		w.Enable()
	}
	e.fill(c)
	e.status.SetText(T("New code: give it a name and a definition, then Save. Nothing is added until you save."))
	e.win.Canvas().Focus(e.name)
}

// neighbour is the display index of the sibling before (dir -1) or after (dir 1) code c.
func (e *codebookEditor) neighbour(c coding.Code, dir int) int {
	for i := e.find(c.ID) + dir; i >= 0 && i < len(e.codes); i += dir {
		if e.codes[i].ParentID == c.ParentID {
			return i
		}
	}
	return -1
}

// move swaps the selected code's place with its sibling's above (dir -1) or below (dir 1).
func (e *codebookEditor) move(dir int) {
	c, ok := e.selected()
	if !ok {
		return
	}
	j := e.neighbour(c, dir)
	if j < 0 {
		return
	}
	o := e.codes[j]
	c.Position, o.Position = o.Position, c.Position
	if c.Position == o.Position { // equal places: make them differ in the wanted order
		c.Position += dir
	}
	if err := e.m.p.UpdateCode(e.ctx, c); err != nil {
		e.status.SetText(T("Not moved: %s", errText(err)))
		return
	}
	if err := e.m.p.UpdateCode(e.ctx, o); err != nil {
		e.status.SetText(T("Not moved: %s", errText(err)))
	}
	e.changed(c.ID, T("Moved %q.", c.Name))
}

// askRemove asks, saying how many codings the code has, and removes it on yes.
func (e *codebookEditor) askRemove() {
	c, ok := e.selected()
	if !ok {
		return
	}
	n, err := e.m.p.CodeUsage(e.ctx, c.ID)
	if err != nil {
		e.status.SetText(errText(err))
		return
	}
	msg := T("Delete %q? No turn is coded with it.", c.Name)
	if n > 0 {
		msg = T("Delete %q? %s will be kept as removed.", c.Name, plural(n, "coding"))
	}
	e.confirm(T("Delete code"), msg, func() { e.remove(c.ID) })
}

func (e *codebookEditor) remove(id string) {
	i := e.find(id)
	if i < 0 {
		return
	}
	name := e.codes[i].Name
	n, err := e.m.p.RemoveCode(e.ctx, id)
	if err != nil {
		e.status.SetText(T("Not deleted: %s", errText(err)))
		return
	}
	keep := ""
	if i > 0 {
		keep = e.codes[i-1].ID
	}
	e.changed(keep, T("Deleted %q; %s kept as removed.", name, plural(n, "coding")))
}

// askMerge asks before folding the selected code into the one picked, then merges.
func (e *codebookEditor) askMerge() {
	c, ok := e.selected()
	if !ok {
		return
	}
	into, ok := e.mergeIDs[e.mergeInto.Selected]
	if !ok {
		e.status.SetText(T("Pick the code to merge %q into.", c.Name))
		return
	}
	n, err := e.m.p.CodeUsage(e.ctx, c.ID)
	if err != nil {
		e.status.SetText(errText(err))
		return
	}
	msg := T("Merge %q into %q? Its %s will become %q codings and %q will leave the codebook.",
		c.Name, e.mergeInto.Selected, plural(n, "coding"), e.mergeInto.Selected, c.Name)
	e.confirm(T("Merge codes"), msg, func() { e.mergeCodes(c.ID, into) })
}

func (e *codebookEditor) mergeCodes(from, into string) {
	i, j := e.find(from), e.find(into)
	if i < 0 || j < 0 {
		return
	}
	n, err := e.m.p.MergeCodes(e.ctx, from, into)
	if err != nil {
		e.status.SetText(T("Not merged: %s", errText(err)))
		return
	}
	e.changed(into, T("Merged %q into %q: %s moved.", e.codes[i].Name, e.codes[j].Name, plural(n, "coding")))

}
