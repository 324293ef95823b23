package ui

import (
	"context"
	"errors"
	"os"

	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/coding/safefile"

	"github.com/turncoder/turncoder/coding/report"
	"github.com/turncoder/turncoder/store"
)

// exportScope is what File → Export covers: the scope last computed in the agreement view, or
// the whole project.
type exportScope struct {
	scope coding.Scope
	text  string
}

// describe says in words what the export covers, in the interface's language: the agreement
// view's words for its scope, or the workbook's for the whole project.
func (e exportScope) describe() string {
	if e.text == "" {
		return report.DescribeScope(Language(), e.scope)
	}
	return e.text
}

// exportWorkbookDialog asks where to save the workbook, then exports, with the dialogs on the
// main window.
func (m *mainWindow) exportWorkbookDialog() { m.exportWorkbookFrom(m.win) }

// exportWorkbookFrom asks on parent (the window whose menu or button was used: a dialog on
// another window would open behind it) where to save the workbook, then exports.
func (m *mainWindow) exportWorkbookFrom(parent fyne.Window) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the dialog created it; the export writes a temporary file and renames it
		if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
			path += ".xlsx"
		}
		lang := Language() // the workbook speaks the window's language
		m.runExport(parent, filepath.Dir(path), func(ctx context.Context, in report.Input, progress func(int, int)) error {
			return exportWorkbook(ctx, path, m.path, lang, in, progress)
		})
	}, parent)
	d.SetFileName(strings.TrimSuffix(filepath.Base(m.path), filepath.Ext(m.path)) + "-agreement.xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	showFileDialog(parent, d)
}

// exportCSVDialog asks for a folder, then writes codings.csv, matrix.csv and consensus.csv into it.
func (m *mainWindow) exportCSVDialog() {
	showFolderOpen(m.win, func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		m.runExport(m.win, dir.Path(), func(ctx context.Context, in report.Input, _ func(int, int)) error {
			return report.WriteCSV(ctx, dir.Path(), in)
		})
	})
}

// exportWorkbook writes the workbook in the language lang (one of Languages: its headers,
// labels and notes; report.Options.Lang) through safefile, so a failed or cancelled export
// leaves no half-written file, and a power cut after "Exported" no empty one.
// It never writes over the project (protect) or an existing file that is not a workbook.
func exportWorkbook(ctx context.Context, path, protect, lang string, in report.Input, progress func(int, int)) error {
	return safefile.WriteChecked(path, safefile.Workbook, protect, func(f *os.File) error {
		return report.WriteWorkbook(ctx, f, in, report.Options{Lang: lang}, progress)
	})
}

// runExport gathers the export's data and runs write as a task on parent; when it is done it
// offers to open the folder.
func (m *mainWindow) runExport(parent fyne.Window, dir string, write func(context.Context, report.Input, func(int, int)) error) {
	p, sc := m.p, m.export
	m.runTask(parent, T("Exporting"), sc.describe(), func(ctx context.Context, t *taskProgress) error {
		return exportTo(ctx, p, sc, write, t.Step)
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			showInfo(parent, T("Export"), T("Export cancelled; no file was written."))
		case err != nil:
			showError(parent, errors.New(T("export failed: %s; no file was written", errText(err))))
		default:
			m.reportDone(parent, T("Export"), T("Exported to %s", dir), dir)
		}
	})
}

func exportTo(ctx context.Context, p *store.Project, sc exportScope, write func(context.Context, report.Input, func(int, int)) error, progress func(int, int)) error {
	in, err := p.ExportInput(ctx, sc.scope, sc.describe())
	if err != nil {
		return err
	}
	return write(ctx, in, progress)
}

// exportProjectDialog is File → Export REFI-QDA project…: the whole project as a .qdpx that
// ATLAS.ti, MAXQDA, NVivo and QualCoder open (store.REFIProject, refi.Write), written as every
// export is (safefile.WriteChecked): a failed or cancelled export leaves no file.
func (m *mainWindow) exportProjectDialog() {
	name := strings.TrimSuffix(filepath.Base(m.path), filepath.Ext(m.path))
	m.savePath(name+".qdpx", ".qdpx", func(path string) {
		p, project := m.p, m.path
		var st refi.WriteStats
		m.runTask(m.win, T("Exporting"), T("the whole project as a REFI-QDA project"), func(ctx context.Context, t *taskProgress) error {
			var err error
			st, err = exportProject(ctx, p, name, path, project)
			return err
		}, func(err error, cancelled bool) {
			switch {
			case cancelled:
				showInfo(m.win, T("Export"), T("Export cancelled; no file was written."))
			case err != nil:
				showError(m.win, errors.New(T("export failed: %s; no file was written", errText(err))))
			default:
				m.reportDone(m.win, T("Export"), T("Exported to %s: %s.", path, refiWritten(st)), filepath.Dir(path))
			}

		})
	})
}

// refiWritten says in the window's language what a REFI-QDA export wrote, as
// refi.WriteStats.Sentence says it to the command line in English.
func refiWritten(st refi.WriteStats) string {
	return T("%s, %s, %s, %s (a coder's work on a turn), %s, %s",
		plural(st.Documents, "document"), plural(st.Coders, "coder"), plural(st.Codes, "code"),
		plural(st.Selections, "selection"), plural(st.Codings, "coding"), plural(st.Memos, "memo"))
}

// exportProject writes project p, named name, as a REFI-QDA project at path, never over the
// project file (protect) or a file of another kind.
func exportProject(ctx context.Context, p *store.Project, name, path, protect string) (refi.WriteStats, error) {
	var st refi.WriteStats
	rp, err := p.REFIProject(ctx, name)
	if err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	err = safefile.WriteChecked(path, safefile.Exchange, protect, func(f *os.File) error {
		var err error
		st, err = refi.Write(f, rp)
		return err
	})
	return st, err
}
