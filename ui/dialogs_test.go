package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Enter confirms the dialog on top and Escape cancels it; the workspace's keys are off while
// a dialog shows (a 1 typed into a dialog codes no turn).
func TestDialogsTakeEnterAndEscape(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	confirmed := 0
	showConfirm(h.m.win, "Remove", "Remove it?", func() { confirmed++ })
	if !dialogOpen(h.m.win) {
		t.Fatal("the dialog is not registered")
	}
	h.c.Unfocus()
	h.typ("1")
	h.want("ana", 2, "")
	h.c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if confirmed != 1 || dialogOpen(h.m.win) {
		t.Fatalf("Enter: confirmed %d times, dialog open %v", confirmed, dialogOpen(h.m.win))
	}
	showConfirm(h.m.win, "Remove", "Remove it?", func() { confirmed++ })
	h.c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if confirmed != 1 || dialogOpen(h.m.win) {
		t.Fatalf("Escape: confirmed %d times, dialog open %v", confirmed, dialogOpen(h.m.win))
	}
	h.typ("1")
	h.want("ana", 2, "referral reviewed")
}
