package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// copiesDialog makes one file per coder, bound to that coder, in a folder the lead picks.
func (m *mainWindow) copiesDialog() {
	ctx := context.Background()
	var names []string
	if coders, err := m.p.Coders(ctx); err == nil {
		for _, c := range coders {
			if !c.Consensus {
				names = append(names, c.Name)
			}
		}
	}
	checks := widget.NewCheckGroup(names, nil)
	checks.SetSelected(names)
	more := widget.NewEntry()
	more.SetPlaceHolder("new coders, comma-separated")
	form := container.NewVBox(widget.NewLabel("A copy holds the documents, speakers and codebook, and none of the other coders' codings. It opens as its coder, blind."), checks, more)
	showCustomConfirm(m.win, "Make coder copies", "Choose folder…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		coders := append([]string{}, checks.Selected...)
		for _, n := range strings.Split(more.Text, ",") {
			if n = coding.NormalizeLabel(n); n != "" {
				coders = append(coders, n)
			}
		}
		if len(coders) == 0 {
			showInfo(m.win, "Make coder copies", "Choose at least one coder.")
			return
		}
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				return
			}
			files, err := m.makeCopies(coders, dir.Path())
			if err != nil {
				showError(m.win, err)
				return
			}
			m.reportDone(m.win, "Coder copies", "Made:\n"+strings.Join(files, "\n"), dir.Path())
		}, m.win)
	})
}

// makeCopies writes the coders' copies into dir (Copies adds coders the project lacks).
func (m *mainWindow) makeCopies(coders []string, dir string) ([]string, error) {
	files, err := m.p.Copies(context.Background(), coders, dir)
	if err != nil {
		return nil, err
	}
	m.ws.bar.loadCoders()
	return files, nil
}

// mergeDialog picks coder files from a folder, shows what merging them will do, and merges
// them into the open project when the lead confirms.
func (m *mainWindow) mergeDialog() {
	m.pickFiles("Merge coder files from", "Preview…", "That folder has no other "+store.Extension+" files.",
		func(path string) bool {
			return strings.EqualFold(filepath.Ext(path), store.Extension) && !sameFile(path, m.path)
		}, m.previewMerge)
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// previewMerge shows the plan of a merge (nothing written yet) and merges on confirmation.
func (m *mainWindow) previewMerge(paths []string) {
	ctx := context.Background()
	plan, err := m.p.PlanMerge(ctx, paths)
	if err != nil {
		showError(m.win, err)
		return
	}
	text := widget.NewLabel(plan.String())
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 320))
	if !plan.Changes() {
		show(m.win, dialog.NewCustom("Merge coder files", "Close", scroll, m.win), nil)
		return
	}
	showCustomConfirm(m.win, "Merge coder files: this is what will change", "Merge", "Cancel", scroll, func(ok bool) {
		if !ok {
			return
		}
		if err := m.merge(paths); err != nil {
			showError(m.win, err)
			return
		}
		showInfo(m.win, "Merge coder files", fmt.Sprintf("Merged %d files. The master is up to date.", len(paths)))
	})
}

// merge applies the files and shows the project again.
func (m *mainWindow) merge(paths []string) error {
	if _, err := m.p.Merge(context.Background(), paths); err != nil {
		return err
	}
	if err := m.open(m.path); err != nil {
		return err
	}
	m.shortcuts()
	return nil
}

// reportDone shows a message on parent with an "Open folder" button.
func (m *mainWindow) reportDone(parent fyne.Window, title, msg, dir string) {
	d := dialog.NewCustomConfirm(title, "Open folder", "Close", reportBody(msg), func(open bool) {
		if open {
			m.app.OpenURL(&url.URL{Scheme: "file", Path: dir})
		}
	}, parent)
	show(parent, d, d.Hide) // Enter closes the report; opening the folder is a click
}

// showReport shows a report of several lines (an import, a merge) on the main window, in a
// scroll when it is long.
func (m *mainWindow) showReport(title, msg string) {
	show(m.win, dialog.NewCustom(title, "Close", reportBody(msg), m.win), nil)
}

// reportBody is a report's text, selectable and wrapped, scrolled when long.
func reportBody(msg string) fyne.CanvasObject {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	s := container.NewVScroll(l)
	lines := float32(strings.Count(msg, "\n") + 1)
	s.SetMinSize(fyne.NewSize(460, min(lines*(theme.TextSize()+2*theme.InnerPadding())+theme.Padding(), 320)))
	return s
}
