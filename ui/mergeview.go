package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/store"
)

// mergeView shows a merge's plan (or result) as tables: what each file brings, what changes
// for each coder, and below them the documents and codes added and the conflicts, each in a
// sentence. It fits a window of size win.
func mergeView(r store.MergeReport, win fyne.Size) fyne.CanvasObject {
	files := gridTable([]string{T("file"), T("copy of"), T("codings"), T("reviewed"), T("memos"), T("documents"), T("codebook"), T("conflicts")}, len(r.Sources),
		func(row, col int) string {
			s := r.Sources[row]
			switch col {
			case 0:
				return filepath.Base(s.Path)
			case 1:
				if s.BoundCoder == "" {
					return T("every coder")
				}
				return s.BoundCoder
			case 2:
				return fmt.Sprint(s.Codings)
			case 3:
				return fmt.Sprint(s.Reviews)
			case 4:
				return fmt.Sprint(s.Memos)
			case 5:
				return fmt.Sprint(s.Documents)
			case 6:
				return fmt.Sprint(s.CodeChanges)
			}
			if s.Conflicts == 0 {
				return "0"
			}
			return T("%d (%d rows kept out)", s.Conflicts, s.Skipped)
		}, []float32{220, 110, 80, 80, 70, 90, 90, 150})
	var coders []store.CoderChanges
	for _, c := range r.Coders {
		if c.New || c.NewCodings+c.ChangedCodings+c.NewReviews+c.ChangedReviews+c.NewMemos+c.ChangedMemos > 0 {
			coders = append(coders, c)
		}
	}
	byCoder := gridTable([]string{T("coder"), T("codings new"), T("changed"), T("reviewed new"), T("changed"), T("memos new"), T("changed")}, len(coders),
		func(row, col int) string {
			c := coders[row]
			switch col {
			case 0:
				if c.New {
					return T("%s (new coder)", c.Coder)
				}
				return c.Coder
			case 1:
				return fmt.Sprint(c.NewCodings)
			case 2:
				return fmt.Sprint(c.ChangedCodings)
			case 3:
				return fmt.Sprint(c.NewReviews)
			case 4:
				return fmt.Sprint(c.ChangedReviews)
			case 5:
				return fmt.Sprint(c.NewMemos)
			}
			return fmt.Sprint(c.ChangedMemos)
		}, []float32{220, 100, 80, 110, 80, 100, 80})
	var notes []string
	if !r.Changes() {
		notes = append(notes, T("Nothing to merge: the project already has everything in these files."))
	}
	for _, d := range r.Documents {
		notes = append(notes, T("Document added: %s (%d turns)", d.Title, d.Turns))
	}
	if len(r.Speakers) > 0 {
		notes = append(notes, T("Speakers added: %s", joinList(r.Speakers)))
	}
	for _, c := range r.CodesAdded {
		notes = append(notes, T("Code added: %s", c.Name))
	}
	for _, c := range r.CodesChanged {
		notes = append(notes, T("Code %s: %s", c.Name, codeChangeText(c)))
	}
	for _, c := range r.Conflicts {
		notes = append(notes, T("Conflict, not merged: %s", errText(c.Why())))
	}
	text := widget.NewLabel(strings.Join(notes, "\n"))
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	body := container.NewVBox()
	if checks := staleChecks(r); checks != "" { // first, where the lead cannot miss it
		warn := widget.NewLabel(checks)
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.WarningImportance
		warn.TextStyle.Bold = true
		body.Add(warn)
	}
	body.Add(container.NewVBox(
		widget.NewLabelWithStyle(T("What each file brings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), files,
		widget.NewLabelWithStyle(T("What changes for each coder"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), byCoder,
		text))
	scroll := container.NewScroll(body)
	scroll.SetMinSize(fyne.NewSize(min(win.Width-80, 900), min(win.Height-200, 460)))
	return scroll
}

// staleChecks is a line per file bound to no coder (whose coders it names) and per file that
// holds less of a coder's work than the project has.
func staleChecks(r store.MergeReport) string {
	var out []string
	for _, s := range r.Sources {
		if why := s.EveryCoderWhy(); why != nil {
			out = append(out, T("Check: %s.", errText(why)))
		}
		for _, w := range s.Stale {
			out = append(out, T("Check %s: %s", filepath.Base(s.Path), errText(w.Why())))
		}

	}
	return strings.Join(out, "\n")
}

// gridTable is a small table of text whose rows all show: a header row, then n rows of
// cell(row, col), with the columns' widths.
func gridTable(head []string, n int, cell func(row, col int) string, widths []float32) fyne.CanvasObject {
	t := widget.NewTable(
		func() (int, int) { return n + 1, len(head) },
		func() fyne.CanvasObject { return newFitLabel(nil) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*fitLabel)
			if id.Row == 0 {
				l.style = fyne.TextStyle{Bold: true}
				l.SetText(head[id.Col])
				return
			}
			l.style = fyne.TextStyle{}
			l.SetText(cell(id.Row-1, id.Col))
		})
	total := float32(0)
	for i, w := range widths {
		t.SetColumnWidth(i, w)
		total += w
	}
	rowH := newFitLabel(nil).MinSize().Height + 4
	return container.NewGridWrap(fyne.NewSize(total+theme.Padding()*4, float32(n+1)*rowH+theme.Padding()*4), t)
}

// codeChangeText is what the merge does to a code (store.CodeChange.What) in the interface's
// language.
func codeChangeText(c store.CodeChange) string {
	switch {
	case c.Removed:
		return T("removed")
	case c.Restored:
		return T("restored")
	case c.Was != "":
		return T("renamed from %s", c.Was)
	}
	return T("edited")
}
