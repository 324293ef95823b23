package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/turncoder/turncoder/store"
)

// TestCoderCopyRoundTrip: the lead makes a copy for ana; it opens as ana, blind; ana codes
// in it; the lead merges it back and sees her codes.
func TestCoderCopyRoundTrip(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	h.m.makeCopies([]string{"ana"}, dir)
	h.waitTasks()
	files, _ := filepath.Glob(filepath.Join(dir, "*"+store.Extension))
	if len(files) != 1 || !dialogOpen(h.m.win) {
		t.Fatalf("copies %v; report shown %v", files, dialogOpen(h.m.win))
	}
	h.closeDialogs()
	a := test.NewTempApp(t)
	cw := &mainWindow{app: a, win: a.NewWindow("copy")}
	if err := cw.open(files[0]); err != nil {
		t.Fatal(err)
	}
	ws := cw.ws
	if ws.Coder() != "ana" || !ws.bar.coder.Disabled() || !ws.bar.compare.Disabled() {
		t.Errorf("copy opens as %q (coder box disabled %v, compare disabled %v)", ws.Coder(), ws.bar.coder.Disabled(), ws.bar.compare.Disabled())
	}
	if err := ws.SetCompare(true); err == nil || !strings.Contains(err.Error(), "blind") {
		t.Errorf("compare in a copy: %v", err)
	}
	if err := ws.SetCoder("bo"); err == nil {
		t.Error("a copy for ana let bo code")
	}
	ws.SelectTurn(2)
	cw.win.Canvas().Focus(ws.list)
	ws.list.TypedRune('1')
	cw.p.Close()

	// The preview, as tables, then Enter merges.
	h.m.previewMerge(files)
	h.waitTasks()
	h.c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitTasks()
	h.ws = h.m.ws
	h.p = h.m.p
	if got := codeNames(h.stored("ana", 2)); got != "referral reviewed" {
		t.Errorf("after the merge the master holds %q for ana on turn 2", got)
	}
	plan, err := h.p.PlanMerge(context.Background(), files, store.MergeOptions{AllCoders: true})
	if err != nil || plan.Changes() {
		t.Errorf("merging the same copy again would change %v (%v)", plan.String(), err)
	}
}
