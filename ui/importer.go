package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/store"
)

// importable are the extensions the import dialog offers.
var importable = map[string]bool{".txt": true, ".csv": true, ".tsv": true, ".xlsx": true, ".docx": true, ".srt": true, ".vtt": true}

// importDialog picks a folder, then the files in it to import (several at once), then imports
// them one transaction each with a progress bar and a Cancel button.
func (m *mainWindow) importDialog() {
	m.pickFiles("Import documents from", "Import",
		"That folder has no transcripts turncoder reads (.txt, .csv, .tsv, .xlsx, .docx, .srt, .vtt).",
		func(path string) bool { return importable[strings.ToLower(filepath.Ext(path))] },
		m.importFiles)
}

// pickFiles asks for a folder, lists the files in it that keep accepts with a tick box each
// (all ticked), and gives the ticked paths to chosen. none is said when no file qualifies.
func (m *mainWindow) pickFiles(title, action, none string, keep func(path string) bool, chosen func(paths []string)) {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		entries, err := os.ReadDir(dir.Path())
		if err != nil {
			showError(m.win, err)
			return
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() && keep(filepath.Join(dir.Path(), e.Name())) {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			showInfo(m.win, title, none)
			return
		}
		checks := widget.NewCheckGroup(names, nil)
		checks.SetSelected(names)
		scroll := container.NewVScroll(checks)
		scroll.SetMinSize(fyne.NewSize(420, 300))
		showCustomConfirm(m.win, title+" "+filepath.Base(dir.Path()), action, "Cancel", scroll, func(ok bool) {
			if !ok || len(checks.Selected) == 0 {
				return
			}
			var paths []string
			for _, n := range checks.Selected {
				paths = append(paths, filepath.Join(dir.Path(), n))
			}
			chosen(paths)
		})
	}, m.win)
}

// importFiles imports paths as a task, showing progress; each file is all or nothing, and one
// file's failure does not stop the others. The report, with a sentence for each file refused,
// shows when the import ends.
func (m *mainWindow) importFiles(paths []string) {
	p := m.p
	var report []string
	m.runTask(m.win, "Importing", fmt.Sprintf("%d files", len(paths)), func(ctx context.Context, t *taskProgress) error {
		report = importAll(ctx, p, paths, t)
		return nil // the report says what was imported
	}, func(err error, _ bool) {
		if err := m.reload(); err != nil {
			showError(m.win, err)
		}
		m.showReport("Import", strings.Join(report, "\n"))
	})
}

// importAll imports paths one after the other and gives the report's lines: one per file, and,
// when Cancel stopped it, which files were left.
func importAll(ctx context.Context, p *store.Project, paths []string, t *taskProgress) []string {
	var report []string
	for i, path := range paths {
		name := filepath.Base(path)
		t.Say(fmt.Sprintf("%s (%d of %d)", name, i+1, len(paths)))
		t.Step(0, 1)
		msg, err := importPath(ctx, p, path, t.Step)
		switch {
		case err != nil && ctx.Err() != nil:
			msg = name + ": cancelled; nothing of this file was imported"
		case err != nil:
			msg = name + ": " + err.Error()
		}
		report = append(report, msg)
		if ctx.Err() != nil {
			if left := len(paths) - i - 1; left > 0 {
				report = append(report, fmt.Sprintf("cancelled: %s after this one not imported", plural(left, "file")))
			}
			break
		}
	}
	return report
}

// importPath reads and imports one file, returning a one-line report.
func importPath(ctx context.Context, p *store.Project, path string, progress store.Progress) (string, error) {
	data, err := transcript.ReadFile(path) // refuses a file too large to import from its size alone
	if err != nil {
		return "", err
	}
	name := filepath.Base(path)
	doc, err := transcript.Read(name, data, transcript.Options{})
	if err != nil {
		return "", err
	}
	res, err := p.Import(ctx, doc, name, progress)
	if err != nil {
		return "", err
	}
	if res.Duplicate {
		return fmt.Sprintf("%s: already in the project as %q", name, res.Title), nil
	}
	return fmt.Sprintf("%s: %d turns, %d sections, %d notes (%d warnings)", name, res.Turns, res.Sections, res.Notes, len(doc.Warnings)), nil
}
