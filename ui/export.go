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
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/report"
	"github.com/turncoder/turncoder/store"
)

// exportScope is what File → Export covers: the scope last computed in the agreement view, or
// the whole project.
type exportScope struct {
	scope coding.Scope
	text  string
}

func (e exportScope) describe() string {
	if e.text == "" {
		return "whole project; turns in the coding scope"
	}
	return e.text
}

// exportWorkbookDialog asks where to save the workbook, then exports.
func (m *mainWindow) exportWorkbookDialog() {
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
		m.runExport(filepath.Dir(path), func(ctx context.Context, in report.Input, progress func(int, int)) error {
			return exportWorkbook(ctx, path, in, progress)
		})
	}, m.win)
	d.SetFileName(strings.TrimSuffix(filepath.Base(m.path), filepath.Ext(m.path)) + "-agreement.xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// exportCSVDialog asks for a folder, then writes codings.csv, matrix.csv and consensus.csv into it.
func (m *mainWindow) exportCSVDialog() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		m.runExport(dir.Path(), func(ctx context.Context, in report.Input, _ func(int, int)) error {
			return report.WriteCSV(ctx, dir.Path(), in)
		})
	}, m.win)
}

// exportWorkbook writes the workbook to a temporary file beside path and renames it into
// place, so a failed or cancelled export leaves no half-written file.
func exportWorkbook(ctx context.Context, path string, in report.Input, progress func(int, int)) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".turncoder-export-*.xlsx")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	if err := report.WriteWorkbook(ctx, tmp, in, report.Options{}, progress); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// runExport gathers the export's data and runs write in the background with a progress bar
// and a Cancel button; when it is done it offers to open the folder.
func (m *mainWindow) runExport(dir string, write func(context.Context, report.Input, func(int, int)) error) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	prog := dialog.NewCustom("Exporting", "Cancel", container.NewVBox(widget.NewLabel(m.export.describe()), bar), m.win)
	prog.SetOnClosed(cancel)
	prog.Show()
	p, sc := m.p, m.export
	go func() {
		err := exportTo(ctx, p, sc, write, func(done, total int) {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		})
		fyne.Do(func() {
			prog.SetOnClosed(nil)
			prog.Hide()
			cancel()
			switch {
			case ctx.Err() != nil:
				dialog.ShowInformation("Export", "Export cancelled; no file was written.", m.win)
			case err != nil:
				dialog.ShowError(fmt.Errorf("export failed: %w; no file was written", err), m.win)
			default:
				done := dialog.NewCustomConfirm("Export", "Open folder", "Close",
					widget.NewLabel("Exported to "+dir), func(open bool) {
						if open {
							m.app.OpenURL(&url.URL{Scheme: "file", Path: dir})
						}
					}, m.win)
				done.Show()
			}
		})
	}()
}

func exportTo(ctx context.Context, p *store.Project, sc exportScope, write func(context.Context, report.Input, func(int, int)) error, progress func(int, int)) error {
	in, err := p.ExportInput(ctx, sc.scope, sc.describe())
	if err != nil {
		return err
	}
	return write(ctx, in, progress)
}
