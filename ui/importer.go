package ui

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// importable are the extensions the import dialog offers.
var importable = map[string]bool{".txt": true, ".md": true, ".csv": true, ".tsv": true, ".xlsx": true, ".docx": true, ".srt": true, ".vtt": true, ".json": true}

// importDialog picks a folder, then the files in it to import (several at once), then imports
// them one transaction each with a progress bar and a Cancel button.
func (m *mainWindow) importDialog() {
	m.pickFiles("Import documents from", "Import",
		"That folder has no transcripts turncoder reads (.txt, .md, .csv, .tsv, .xlsx, .docx, .srt, .vtt, .json).",
		func(path string) bool { return importable[strings.ToLower(filepath.Ext(path))] },
		m.importFiles)
}

// pickFiles asks for a folder, lists the files in it that keep accepts with a tick box each
// (all ticked), and gives the ticked paths to chosen. none is said when no file qualifies.
func (m *mainWindow) pickFiles(title, action, none string, keep func(path string) bool, chosen func(paths []string)) {
	showFolderOpen(m.win, func(dir fyne.ListableURI, err error) {
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
	})
}
