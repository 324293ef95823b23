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
var importable = map[string]bool{".txt": true, ".md": true, ".csv": true, ".tsv": true, ".xlsx": true, ".docx": true, ".srt": true, ".vtt": true, ".json": true, ".qdpx": true}

// importDialog picks a folder, then the files in it to import (several at once), then imports
// them one transaction each with a progress bar and a Cancel button.
func (m *mainWindow) importDialog() {
	m.pickFiles(func(folder string) string { return T("Import documents from %s", folder) }, T("Import"),
		T("That folder has no transcripts turncoder reads (.txt, .md, .csv, .tsv, .xlsx, .docx, .srt, .vtt, .json) nor REFI-QDA projects (.qdpx)."),
		func(path string) bool { return importable[strings.ToLower(filepath.Ext(path))] },
		m.importFiles)
}

// pickFiles asks for a folder, lists the files in it that keep accepts with a tick box each
// (all ticked), and gives the ticked paths to chosen. title names the dialog after the folder;
// none is said when no file qualifies.
func (m *mainWindow) pickFiles(title func(folder string) string, action, none string, keep func(path string) bool, chosen func(paths []string)) {
	showFolderOpen(m.win, func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		entries, err := os.ReadDir(dir.Path())
		if err != nil {
			showError(m.win, err)
			return
		}
		var names, others []string
		for _, e := range entries {
			switch {
			case e.IsDir() || strings.HasPrefix(e.Name(), "."):
			case keep(filepath.Join(dir.Path(), e.Name())):
				names = append(names, e.Name())
			default:
				others = append(others, e.Name())
			}
		}
		sort.Strings(names)
		sort.Strings(others)
		folder := filepath.Base(dir.Path())
		if len(names) == 0 {
			showInfo(m.win, title(folder), joinSentences(none, leftOut(others)))
			return
		}
		checks := widget.NewCheckGroup(names, nil)
		checks.SetSelected(names)
		scroll := container.NewVScroll(checks)
		scroll.SetMinSize(fyne.NewSize(420, 300))
		body := fyne.CanvasObject(scroll)
		if len(others) > 0 {
			// The files not offered are named, so none goes missing without a word.
			note := widget.NewLabel(leftOut(others))
			note.Wrapping = fyne.TextWrapWord
			note.Importance = widget.LowImportance
			body = container.NewBorder(nil, note, nil, nil, scroll)
		}
		showCustomConfirm(m.win, title(folder), action, T("Cancel"), body, func(ok bool) {
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

// leftOut names the files of a folder that are not offered: "Other files in the folder, not
// listed: notes.pdf, photo.jpg." (at most five named), or "" when there are none.
func leftOut(names []string) string {
	if len(names) == 0 {
		return ""
	}
	shown := names[:min(len(names), 5)]
	list := joinList(shown)
	if len(names) > len(shown) {
		list = T("%s and %d more", list, len(names)-len(shown))
	}
	return T("Other files in the folder, not listed: %s.", list)

}
