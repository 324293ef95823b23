package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/seeds"
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

// A report that names a file shows all of it: the path wraps over lines the report's height
// was not counting, and the folder an export went to was cut in half.
func TestReportShowsAWrappedPathWhole(t *testing.T) {
	test.NewTempApp(t)
	for _, msg := range []string{
		"Exported to /tmp/TestExportWorkbookAndCSVThroughTheirDialogs1024x7003515054793/001/out/demo-agreement.xlsx",
		"Saved a copy of the project, with every coding, to /home/ana/Documents/研究项目/东营市总工会/copies/demo-copy.turncoder",
		"call1.txt: 3 turns, 0 sections, 0 notes (0 warnings)",
		"已导出到 /tmp/audit/h1/incoming",
		"已导出到 /tmp/audit/h1/incoming/demo.qdpx：9份文档、3位编码员、5个代码、298个选段（编码员在一个话轮上的工作）、344条编码、0条备忘。",
	} {
		body := reportBody(msg).(*container.Scroll)
		w := test.NewWindow(body)
		w.Resize(body.MinSize().Add(fyne.NewSize(20, 20)))
		l := body.Content.(*widget.Label)
		l.Resize(fyne.NewSize(body.Size().Width, l.MinSize().Height))
		if need, have := l.MinSize().Height, body.MinSize().Height; need > have+0.5 {
			t.Errorf("%q needs %v px and the report shows %v", msg, need, have)
		}
		w.Close()
	}
}

// A project in a Dropbox folder warns once, offering the team folder; opened again, it does
// not warn again; a project elsewhere never warns.
func TestAProjectInASyncedFolderWarnsOnce(t *testing.T) {
	h := newHarness(t)
	box := filepath.Join(t.TempDir(), "Dropbox", "study")
	os.MkdirAll(box, 0o755)
	path := filepath.Join(box, "study.turncoder")
	if err := seeds.CreateDemo(path); err != nil {
		t.Fatal(err)
	}
	h.m.shown = true
	if err := h.m.open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.m.p.Close() })
	if !dialogOpen(h.m.win) {
		t.Fatal("no warning for a project in a Dropbox folder")
	}
	h.closeDialogs()
	if err := h.m.open(path); err != nil {
		t.Fatal(err)
	}
	if dialogOpen(h.m.win) {
		t.Error("the warning came again on the second opening")
	}
	elsewhere := filepath.Join(t.TempDir(), "study.turncoder")
	if err := seeds.CreateDemo(elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := h.m.open(elsewhere); err != nil {
		t.Fatal(err)
	}
	if dialogOpen(h.m.win) {
		t.Error("a project outside any synced folder was warned about")
	}
}

// A file or folder dialog takes the keys: a 0 or a 2 pressed while it shows codes nothing
// behind it (they coded the selected turn), and Escape closes it.
func TestFileDialogsTakeTheKeys(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	h.m.importDialog()
	if !dialogOpen(h.m.win) {
		t.Fatal("the folder dialog is not registered")
	}
	h.c.Unfocus()
	h.typ("02")
	h.key(fyne.KeyReturn)
	h.want("ana", 2, "")
	h.key(fyne.KeyEscape)
	if dialogOpen(h.m.win) {
		t.Fatal("Escape did not close the folder dialog")
	}
	h.c.Focus(h.ws.list)
	h.typ("2")
	h.want("ana", 2, "deflection reviewed")
}
