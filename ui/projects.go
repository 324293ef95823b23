package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// Version is turncoder's version, as FyneApp.toml gives it (a test checks the two agree).
const Version = "0.1.0"

// prefRecent holds the projects opened last, newest first, one per line.
const (
	prefRecent = "project.recent"
	maxRecent  = 8
)

// remember puts path first in the recent projects.
func (m *mainWindow) remember(path string) {
	recent := slices.DeleteFunc(m.recent(), func(p string) bool { return p == path })
	recent = append([]string{path}, recent...)
	if len(recent) > maxRecent {
		recent = recent[:maxRecent]
	}
	m.app.Preferences().SetString(prefRecent, strings.Join(recent, "\n"))
}

// recent is the recent projects that still exist.
func (m *mainWindow) recent() []string {
	var out []string
	for _, p := range strings.Split(m.app.Preferences().String(prefRecent), "\n") {
		if _, err := os.Stat(p); p != "" && err == nil {
			out = append(out, p)
		}
	}
	return out
}

// recentMenu is File → Open recent.
func (m *mainWindow) recentMenu() *fyne.MenuItem {
	it := fyne.NewMenuItem("Open recent", nil)
	var items []*fyne.MenuItem
	for _, p := range m.recent() {
		items = append(items, fyne.NewMenuItem(p, m.guard(func() { m.openPath(p) })))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}

// openPath opens the project at path in the window.
func (m *mainWindow) openPath(path string) {
	if err := m.open(path); err != nil {
		showError(m.win, err)
		return
	}
	m.install()
}

// savePath asks, with Fyne's save dialog on m.win, for a new file ending in ext, and gives its
// path to then. The dialog makes the file it was given; an empty one it made is removed first,
// so that what then writes (a new project, a copy) finds no file in its way.
func (m *mainWindow) savePath(name, ext string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		then(path)
	}, m.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	showFileDialog(m.win, d)
}

// newProjectDialog makes a new, empty project with the default codebook and opens it.
func (m *mainWindow) newProjectDialog() {
	m.savePath("study"+store.Extension, store.Extension, func(path string) {
		if err := m.createProject(path); err != nil {
			showError(m.win, err)
		}
	})
}

// createProject makes a project at path with the default codebook and opens it.
func (m *mainWindow) createProject(path string) error {
	p, err := store.Create(path, seeds.Codebook())
	if err != nil {
		return err
	}
	p.Close()
	if err := m.open(path); err != nil {
		return err
	}
	m.install()
	m.ws.setStatus("a new project with the default codebook: import documents with Ctrl+I")
	if m.ws.Coder() == "" {
		m.ws.AskCoder()
	}
	return nil
}

// saveCopyDialog writes a consistent copy of the open project (a backup; it can be sent).
func (m *mainWindow) saveCopyDialog() {
	base := strings.TrimSuffix(filepath.Base(m.path), filepath.Ext(m.path))
	m.savePath(base+"-copy"+store.Extension, store.Extension, func(path string) {
		p := m.p
		m.runTask(m.win, "Saving a copy", path, func(ctx context.Context, t *taskProgress) error {
			return p.Backup(ctx, path)
		}, func(err error, cancelled bool) {
			switch {
			case cancelled:
			case err != nil:
				showError(m.win, err)
			default:
				m.reportDone(m.win, "Save a copy", "Saved a copy of the project, with every coding, to "+path, filepath.Dir(path))
			}
		})
	})
}

// shortcutsCard is Help → Keyboard shortcuts.
func (m *mainWindow) shortcutsCard() {
	rows := [][2]string{
		{"↑ ↓  or  j k", "previous / next turn in the coding scope"},
		{"1 – 9", "toggle the code with that shortcut on the selected turn"},
		{"0", "reviewed: no code applies"},
		{"Enter", "mark reviewed and go to the next turn not yet reviewed"},
		{"Ctrl+Z", "undo a coding action"},
		{"Ctrl+Y, Ctrl+Shift+Z", "redo"},
		{"Ctrl+F, then Enter", "search; the next hit"},
		{"Escape", "back to the turns from the search or memo box"},
		{"a", "settle the selected turn (compare view)"},
		{"Ctrl+O, Ctrl+N, Ctrl+I", "open a project, a new project, import documents"},
		{"Ctrl+R", "the agreement window"},
		{"Ctrl+E, Ctrl+Shift+E", "export the workbook, the CSV files"},
		{"Ctrl+Q", "quit"},
		{"Enter, Escape in a dialog", "confirm or close; cancel"},
		{"Adjudication: ← →", "the first, the second coder's codes"},
		{"Adjudication: b, n", "both coders' codes, no code"},
		{"Adjudication: 1–9, Enter", "tick codes, settle with them"},
		{"Adjudication: s or ↓, ↑", "skip, back"},
	}
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(r[1])
		l.Wrapping = fyne.TextWrapWord
		grid.Add(l)
	}
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(min(640, m.win.Canvas().Size().Width-80), min(480, m.win.Canvas().Size().Height-160)))
	show(m.win, dialog.NewCustom("Keyboard shortcuts", "Close", scroll, m.win), nil)
}

// about is Help → About.
func (m *mainWindow) about() {
	showInfo(m.win, "About turncoder", fmt.Sprintf("turncoder %s\nCoding conversation transcripts turn by turn, agreement between coders, and the tables for a methods section.\nProject file: %s", Version, m.path))
}

// renameDocumentDialog gives the open document a new title (its id stays).
func (m *mainWindow) renameDocumentDialog() {
	title := ""
	for _, d := range m.ws.docs {
		if d.ID == m.ws.doc {
			title = d.Title
		}
	}
	if m.ws.doc == "" {
		showInfo(m.win, "Rename document", "There is no document to rename yet: import one with Ctrl+I.")
		return
	}
	entry := widget.NewEntry()
	entry.SetText(title)
	d := dialog.NewForm("Rename document", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("Title", entry)}, func(ok bool) {
		if ok {
			if err := m.renameDocument(m.ws.doc, entry.Text); err != nil {
				showError(m.win, err)
			}
		}
	}, m.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(min(520, m.win.Canvas().Size().Width-40), d.MinSize().Height))
	show(m.win, d, d.Submit)
	m.win.Canvas().Focus(entry)
}

// renameDocument renames a document and shows the project again at it.
func (m *mainWindow) renameDocument(id, title string) error {
	if err := m.p.RenameDocument(context.Background(), id, title); err != nil {
		return err
	}
	if err := m.reload(); err != nil {
		return err
	}
	return m.ws.OpenDocument(id)
}
