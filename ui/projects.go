package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

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
	it := fyne.NewMenuItem(T("Open recent"), nil)
	var items []*fyne.MenuItem
	for _, p := range m.recent() {
		items = append(items, fyne.NewMenuItem(p, m.guard(func() { m.openPath(p) })))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(T("(none yet)"), nil)
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
	savePathOn(m.win, name, ext, then)
}

// savePathOn is savePath with the dialog on parent (the window whose button was used: a
// dialog on another window would open behind it).
func savePathOn(parent fyne.Window, name, ext string, then func(path string)) {
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
	}, parent)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	showFileDialog(parent, d)
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
	m.ws.setStatus(T("a new project with the default codebook: import documents with Ctrl+I"))
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
		m.runTask(m.win, T("Saving a copy"), path, func(ctx context.Context, t *taskProgress) error {
			return p.Backup(ctx, path)
		}, func(err error, cancelled bool) {
			switch {
			case cancelled:
			case err != nil:
				showError(m.win, err)
			default:
				m.reportDone(m.win, T("Save a copy"), T("Saved a copy of the project, with every coding, to %s", path), filepath.Dir(path))
			}
		})
	})
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
		showInfo(m.win, T("Rename document"), T("There is no document to rename yet: import one with Ctrl+I."))
		return
	}
	entry := widget.NewEntry()
	entry.SetText(title)
	d := dialog.NewForm(T("Rename document"), T("Rename"), T("Cancel"), []*widget.FormItem{widget.NewFormItem(T("Title"), entry)}, func(ok bool) {

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
