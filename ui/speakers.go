package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/turncoder/turncoder/coding"
)

// speakersDialog lists the project's speakers: label, role (chosen in the row), turns and the
// other labels that stand for the same speaker. The selected speaker can be renamed or merged
// into another. Each change is written through the store at once, and the main window follows
// it: roles decide which turns are coded and counted in agreement, labels show in the turns.
type speakersDialog struct {
	m        *mainWindow
	win      fyne.Window
	ctx      context.Context
	speakers []coding.Speaker
	current  string // label of the selected speaker, or ""

	// confirm asks before a merge and calls then on yes; tests replace it.
	confirm func(title, msg string, then func())

	list      *widget.List
	selected  *widget.Label
	newLabel  *widget.Entry
	rename    *widget.Button
	mergeInto *widget.Select
	merge     *widget.Button
	status    *widget.Label
	content   fyne.CanvasObject
}

// Column widths of the speakers table: speaker, role, turns; the other labels take the rest.
var speakerColumns = columnsLayout{300, 170, 70}

// showSpeakers opens the speakers dialog in a window of its own.
func (m *mainWindow) showSpeakers() {
	w := m.app.NewWindow(T("Speakers"))
	dialogKeysOn(w)
	d := newSpeakersDialog(m, w)
	m.speakerDialogs = append(m.speakerDialogs, d)
	w.SetOnClosed(func() {
		m.speakerDialogs = slices.DeleteFunc(m.speakerDialogs, func(o *speakersDialog) bool { return o.win == w })
	})
	w.SetContent(d.content)

	m.sizeLikeMain(w, 960, 900) // as many rows as the screen has room for
	w.Show()
}

func newSpeakersDialog(m *mainWindow, win fyne.Window) *speakersDialog {
	d := &speakersDialog{m: m, win: win, ctx: context.Background()}
	d.confirm = func(title, msg string, then func()) { showConfirm(d.win, title, msg, then) }
	d.list = widget.NewList(func() int { return len(d.speakers) }, d.newRow, d.updateRow)
	d.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(d.speakers) && d.speakers[id].Label != d.current {
			d.show(d.speakers[id].Label)
		}
	}
	d.selected = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.newLabel = widget.NewEntry()
	d.newLabel.OnSubmitted = func(string) { d.renameSelected() }
	d.rename = widget.NewButton(T("Rename"), d.renameSelected)
	d.mergeInto = widget.NewSelect(nil, nil)
	d.mergeInto.PlaceHolder = T("(pick the speaker to keep)")
	d.merge = widget.NewButton(T("Merge…"), d.askMerge)
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord

	hint := widget.NewLabel(T("The same label in any document is the same speaker. Interviewers' turns are not coded, nor counted in agreement, unless the project codes them (Project menu)."))
	hint.Wrapping = fyne.TextWrapWord
	head := container.New(speakerColumns, boldLabel(T("Speaker")), boldLabel(T("Role")),
		widget.NewLabelWithStyle(T("Turns"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), boldLabel(T("Also written as")))
	form := widget.NewForm(
		widget.NewFormItem(T("Rename to"), container.NewBorder(nil, nil, nil, d.rename, d.newLabel)),
		widget.NewFormItem(T("Merge into"), container.NewBorder(nil, nil, nil, d.merge, d.mergeInto)),
	)
	bottom := container.NewVBox(widget.NewSeparator(), d.selected, form, d.status)
	d.content = container.NewPadded(container.NewBorder(container.NewVBox(hint, head, widget.NewSeparator()), bottom, nil, nil, d.list))
	d.reload("")
	return d
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// newRow is one speaker: a dot in the speaker's colour and the label, the role, the turns,
// the other labels.
func (d *speakersDialog) newRow() fyne.CanvasObject {
	dot := canvas.NewCircle(theme.Color(theme.ColorNameForeground))
	dotBox := container.NewGridWrap(fyne.NewSize(10, 10), dot)
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewSelect(roleNames(), nil)
	turns := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	aliases := widget.NewLabel("")
	aliases.Truncation = fyne.TextTruncateEllipsis
	aliases.Importance = widget.LowImportance
	return container.New(speakerColumns, container.NewBorder(nil, nil, container.NewCenter(dotBox), nil, label), role, turns, aliases)
}

func (d *speakersDialog) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(d.speakers) {
		return
	}
	s := d.speakers[id]
	row := o.(*fyne.Container)
	who := row.Objects[0].(*fyne.Container)
	dot := who.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Circle)
	dot.FillColor = d.m.ws.colourOf(s.Label) // as the open document's turns show it
	dot.Refresh()
	who.Objects[0].(*widget.Label).SetText(s.Label)
	role := row.Objects[1].(*widget.Select)
	role.OnChanged = nil // the row is reused: show the role without setting it
	role.SetSelected(roleName(s.Role))
	role.OnChanged = func(r string) { d.setRole(s.Label, r) }
	row.Objects[2].(*widget.Label).SetText(fmt.Sprint(s.Turns))
	row.Objects[3].(*widget.Label).SetText(joinList(s.Aliases))
	row.Refresh()
}

// reload reads the speakers again and selects the one labelled keep (if it is still there).
func (d *speakersDialog) reload(keep string) {
	sp, err := d.m.p.Speakers(d.ctx)
	if err != nil {
		d.status.SetText(errText(err))
		return
	}
	// In the order a reader of Chinese expects (pinyin), so that two labels of one speaker
	// (石油管理局工会, 胜利石油管理局工会) are easy to spot.
	col := collate.New(language.Chinese)
	slices.SortStableFunc(sp, func(a, b coding.Speaker) int { return col.CompareString(a.Label, b.Label) })
	d.speakers = sp
	d.list.Refresh()
	d.current = ""
	d.show(keep)
}

func (d *speakersDialog) find(label string) int {
	for i, s := range d.speakers {
		if s.Label == label {
			return i
		}
	}
	return -1
}

// show fills the rename and merge controls for the speaker labelled label.
func (d *speakersDialog) show(label string) {
	i := d.find(label)
	controls := []fyne.Disableable{d.newLabel, d.rename, d.mergeInto, d.merge}
	if i < 0 {
		d.current = ""
		d.list.UnselectAll()
		d.selected.SetText(T("Select a speaker to rename it or merge it into another."))
		d.newLabel.SetText("")
		d.mergeInto.ClearSelected()
		for _, c := range controls {
			c.Disable()
		}
		if len(d.speakers) == 0 {
			d.selected.SetText(T("This project has no speakers: its documents are prose."))
		}
		return
	}
	d.current = label
	d.list.Select(i)
	for _, c := range controls {
		c.Enable()
	}
	s := d.speakers[i]
	d.selected.SetText(T("%s — %s, %s", s.Label, roleName(s.Role), plural(s.Turns, "turn")))
	d.newLabel.SetText(s.Label)
	var others []string
	for _, o := range d.speakers {
		if o.Label != s.Label {
			others = append(others, o.Label)
		}
	}
	d.mergeInto.SetOptions(others)
	d.mergeInto.ClearSelected()
}

// changed refreshes the main window (and the agreement window, if open) and the dialog,
// showing keep, with msg in the status line.
func (d *speakersDialog) changed(keep, msg string) {
	if err := d.m.speakersChanged(); err != nil {
		d.status.SetText(errText(err))
		return
	}
	d.reload(keep)
	d.status.SetText(msg)
}

// speakersChanged shows a change to the speakers in the workspace and the agreement window.
func (m *mainWindow) speakersChanged() error {
	if err := m.ws.SpeakersChanged(); err != nil {
		return err
	}
	if m.agreement != nil {
		m.agreement.compute()
	}
	return nil
}

// setRole gives the speaker labelled label a role (named as the role select names it), and
// says what it does to the coding scope.
func (d *speakersDialog) setRole(label, name string) {
	role, ok := roleNamed(name)
	if !ok {
		return
	}
	i := d.find(label)
	if i < 0 || d.speakers[i].Role == role {
		return
	}
	old := d.speakers[i]
	if err := d.m.p.SetRole(d.ctx, label, role); err != nil {
		d.status.SetText(T("Not changed: %s", errText(err)))
		d.reload(d.current)
		return
	}
	msg := T("%s.", roleSentence(label, role))
	codesInterviewers, _ := d.m.p.CodeInterviewers(d.ctx)
	if !codesInterviewers && (old.Role == coding.RoleInterviewer) != (role == coding.RoleInterviewer) {
		if role == coding.RoleInterviewer {
			msg = T("%s: its %s leave the coding scope and the agreement figures.", roleSentence(label, role), plural(old.Turns, "turn"))
		} else {
			msg = T("%s: its %s join the coding scope and the agreement figures.", roleSentence(label, role), plural(old.Turns, "turn"))
		}
	}
	d.changed(d.current, msg)
}

func roleSentence(label string, role coding.Role) string {
	switch role {
	case coding.RoleInterviewer:
		return T("%s is now an interviewer", label)
	case coding.RoleRespondent:
		return T("%s is now a respondent", label)
	}
	return T("%s's role is now %s", label, roleName(role))
}

// renameSelected gives the selected speaker the label typed. Renaming onto another speaker's
// label is refused by the store with a sentence suggesting a merge.
func (d *speakersDialog) renameSelected() {
	i := d.find(d.current)
	if i < 0 {
		return
	}
	old := d.speakers[i].Label
	to := coding.NormalizeLabel(d.newLabel.Text)
	if to == old {
		d.status.SetText(T("Type the new label first."))
		return
	}
	if err := d.m.p.RenameSpeaker(d.ctx, old, to); err != nil {
		d.status.SetText(T("Not renamed: %s", errText(err)))
		return
	}
	d.changed(to, T("Renamed %q to %q; %q stays as another name, so later imports find it.", old, to, old))
}

// askMerge asks, saying how many turns move, before merging the selected speaker into the one
// picked.
func (d *speakersDialog) askMerge() {
	i := d.find(d.current)
	if i < 0 {
		return
	}
	j := d.find(d.mergeInto.Selected)
	if j < 0 {
		d.status.SetText(T("Pick the speaker to merge %q into.", d.current))
		return
	}
	from, into := d.speakers[i], d.speakers[j]
	msg := T("Merge %q into %q?\n\n%s move to %q, which then has %d and keeps its role (%s).\n%q stays as another name of it. Their codings are kept.",
		from.Label, into.Label, plural(from.Turns, "turn"), into.Label, from.Turns+into.Turns, roleName(into.Role), from.Label)
	d.confirm(T("Merge speakers"), msg, func() { d.mergeSpeakers(from, into) })
}

func (d *speakersDialog) mergeSpeakers(from, into coding.Speaker) {
	if err := d.m.p.Alias(d.ctx, from.Label, into.Label); err != nil {
		d.status.SetText(T("Not merged: %s", errText(err)))
		return
	}
	d.changed(into.Label, T("Merged %q into %q: %s moved.", from.Label, into.Label, plural(from.Turns, "turn")))

}

// columnsLayout lays objects out in a row: fixed widths for all but the last, which takes the
// rest. Objects keep their own height, centred in the row.
type columnsLayout []float32

func (c columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	x := float32(0)
	for i, o := range objs {
		w := size.Width - x
		if i < len(c) {
			w = c[i]
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(max(w, 0), h))
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		x += w + pad
	}
}

func (c columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		if i < len(c) {
			w += c[i] + pad
		} else {
			w += m.Width
		}
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}
