package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs take no keys: Enter does not confirm and Escape does not cancel. Every
// dialog of turncoder is shown through show below, so that on each window Enter confirms the
// dialog on top (or closes it when it only informs) and Escape cancels it, as researchers
// expect of a desktop program. The window's key handler asks dialogKey first.

// keyedDialog is a dialog shown on a window, with what Enter does.
type keyedDialog struct {
	d       dialog.Dialog
	confirm func() // nil: Enter closes it
}

// shown holds each window's dialogs in the order they opened (UI goroutine only).
var shown = map[fyne.Window][]*keyedDialog{}

// show shows d on win with the keys; confirm is what Enter does (nil: close).
func show(win fyne.Window, d dialog.Dialog, confirm func()) {
	k := &keyedDialog{d: d, confirm: confirm}
	shown[win] = append(shown[win], k)
	d.SetOnClosed(func() {
		s := shown[win]
		for i := range s {
			if s[i] == k {
				shown[win] = append(s[:i:i], s[i+1:]...)
				break
			}
		}
		if len(shown[win]) == 0 {
			delete(shown, win)
		}
	})
	d.Show()
}

// dialogKey gives Enter and Escape to the dialog on top of win; false when it has none.
func dialogKey(win fyne.Window, ev *fyne.KeyEvent) bool {
	s := shown[win]
	if len(s) == 0 {
		return false
	}
	top := s[len(s)-1]
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.confirm != nil {
			top.confirm()
		} else {
			top.d.Hide()
		}
	case fyne.KeyEscape:
		top.d.Hide()
	}
	return true // the window's own keys are off while a dialog shows
}

// dialogOpen tells whether a dialog shows on win.
func dialogOpen(win fyne.Window) bool { return len(shown[win]) > 0 }

// showInfo, showError and showConfirm are Fyne's, with the keys.
func showInfo(win fyne.Window, title, msg string) {
	show(win, dialog.NewInformation(title, msg, win), nil)
}

func showError(win fyne.Window, err error) {
	show(win, dialog.NewError(errors.New(errText(err)), win), nil)
}

func showConfirm(win fyne.Window, title, msg string, then func()) {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			then()
		}
	}, win)
	show(win, d, d.Confirm)
}

// showCustomConfirm shows content with a confirm and a dismiss button; Enter confirms.
func showCustomConfirm(win fyne.Window, title, confirm, dismiss string, content fyne.CanvasObject, then func(bool)) *dialog.ConfirmDialog {
	d := dialog.NewCustomConfirm(title, confirm, dismiss, content, then, win)
	d.SetConfirmImportance(widget.HighImportance)
	show(win, d, d.Confirm)
	return d
}

// dialogKeysOn gives Enter and Escape to the dialogs of a window that has no keys of its own
// (the codebook editor, the speakers dialog).
func dialogKeysOn(win fyne.Window) {
	win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { dialogKey(win, ev) })
}

// showFileDialog shows one of Fyne's file or folder dialogs on win with the keys off behind
// it: they went on to the workspace, so a 0 or a 2 pressed while choosing a folder coded the
// turn behind the dialog. Escape cancels it; Enter does nothing (Fyne's file dialog has no key
// of its own for its Open or Save button).
func showFileDialog(win fyne.Window, d *dialog.FileDialog) { show(win, d, func() {}) }

// showFolderOpen asks for a folder, as dialog.ShowFolderOpen does, through showFileDialog.
func showFolderOpen(win fyne.Window, then func(fyne.ListableURI, error)) {
	showFileDialog(win, dialog.NewFolderOpen(then, win))
}

// A select, a check box or a list with the focus takes every key, so in a dialog Enter did not
// confirm it and Escape did not cancel it once the researcher had tabbed to one. These leave
// both to the dialog on top of their window.

// dialogKeyName tells whether a key belongs to the dialog: Enter or Escape.
func dialogKeyName(ev *fyne.KeyEvent) bool {
	return ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || ev.Name == fyne.KeyEscape
}

// keyedSelect is a Select that leaves Enter and Escape to its window's dialog.
type keyedSelect struct {
	widget.Select
	win fyne.Window
}

func newKeyedSelect(win fyne.Window, options []string, changed func(string)) *keyedSelect {
	s := &keyedSelect{win: win}
	s.Options, s.OnChanged, s.PlaceHolder = options, changed, T("(Select one)")

	s.ExtendBaseWidget(s)
	return s
}

func (s *keyedSelect) TypedKey(ev *fyne.KeyEvent) {
	if dialogKeyName(ev) {
		dialogKey(s.win, ev)
		return
	}
	s.Select.TypedKey(ev)
}

// keyedCheck is a Check that leaves Enter and Escape to its window's dialog.
type keyedCheck struct {
	widget.Check
	win fyne.Window
}

func newKeyedCheck(win fyne.Window, label string, changed func(bool)) *keyedCheck {
	c := &keyedCheck{win: win}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *keyedCheck) TypedKey(ev *fyne.KeyEvent) {
	if dialogKeyName(ev) {
		dialogKey(c.win, ev)
		return
	}
	c.Check.TypedKey(ev)
}

// keyedList is a List that leaves Enter and Escape to its window's dialog.
type keyedList struct {
	widget.List
	win fyne.Window
}

func newKeyedList(win fyne.Window, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyedList {
	l := &keyedList{win: win}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *keyedList) TypedKey(ev *fyne.KeyEvent) {
	if dialogKeyName(ev) {
		dialogKey(l.win, ev)
		return
	}
	l.List.TypedKey(ev)
}
