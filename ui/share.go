package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	more.SetPlaceHolder(T("new coders, comma-separated"))
	intro := widget.NewLabel(T("A copy holds the documents, speakers and codebook, and none of the other coders' codings. It opens as its coder, blind."))
	intro.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(intro, checks, more)
	showCustomConfirm(m.win, T("Make coder copies"), T("Choose folder…"), T("Cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		coders := append([]string{}, checks.Selected...)
		for _, n := range strings.FieldsFunc(more.Text, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if n = coding.NormalizeLabel(n); n != "" {
				coders = append(coders, n)
			}
		}
		if len(coders) == 0 {
			showInfo(m.win, T("Make coder copies"), T("Choose at least one coder."))
			return
		}
		showFolderOpen(m.win, func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				return
			}
			m.makeCopies(coders, dir.Path())
		})
	})
}

// makeCopies writes the coders' copies into dir as a task (Copies adds coders the project
// lacks) and says which files it made.
func (m *mainWindow) makeCopies(coders []string, dir string) {
	p := m.p
	var files []string
	m.runTask(m.win, T("Making coder copies"), T("%d copies into %s", len(coders), dir), func(ctx context.Context, t *taskProgress) error {
		var err error
		files, err = p.Copies(ctx, coders, dir)
		return err
	}, func(err error, cancelled bool) {
		m.ws.bar.loadCoders()
		switch {
		case cancelled:
			showInfo(m.win, T("Coder copies"), T("Cancelled."))
		case err != nil:
			showError(m.win, err)
		default:
			m.reportDone(m.win, T("Coder copies"), T("Made:\n%s", strings.Join(files, "\n")), dir)
		}
	})
}

// mergeDialog picks coder files from a folder, shows what merging them will do, and merges
// them into the open project when the lead confirms.
func (m *mainWindow) mergeDialog() {
	m.pickFiles(func(folder string) string { return T("Merge coder files from %s", folder) }, T("Preview…"), T("That folder has no other %s files.", store.Extension),
		func(path string) bool {
			return strings.EqualFold(filepath.Ext(path), store.Extension) && !sameFile(path, m.path)
		}, m.previewMerge)
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// previewMerge works out, as a task, what merging the files would do (nothing written yet),
// shows it as tables, and merges on confirmation, again as a task.
func (m *mainWindow) previewMerge(paths []string) { m.previewMergeThen(paths, "", nil) }

// previewMergeThen is previewMerge with a note above the tables (files left out, say) and done
// run after a successful merge.
func (m *mainWindow) previewMergeThen(paths []string, note string, done func()) {
	p := m.p
	var plan store.MergeReport
	m.runTask(m.win, T("Checking the coder files"), plural(len(paths), "file"), func(ctx context.Context, t *taskProgress) error {
		var err error
		plan, err = p.PlanMerge(ctx, paths, store.MergeOptions{AllCoders: true}) // the preview names their coders
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			return
		case err != nil:
			showError(m.win, err)
			return
		}
		view := mergeView(plan, m.win.Canvas().Size())
		if note != "" {
			l := widget.NewLabel(note)
			l.Wrapping = fyne.TextWrapWord
			view = container.NewBorder(l, nil, nil, nil, view)
		}
		if !plan.Changes() {
			if done != nil {
				done() // nothing new in them: they need not be offered again
			}
			show(m.win, dialog.NewCustom(T("Merge coder files: nothing to merge"), T("Close"), view, m.win), nil)
			return
		}
		// A file bound to no coder is merged only when the lead confirms a button that says so,
		// under the warning that names each coder it may change.
		button, opts := T("Merge"), store.MergeOptions{}
		for _, s := range plan.Sources {
			if s.EveryCoderNote() != "" {
				button, opts = T("Merge, changing every coder's work"), store.MergeOptions{AllCoders: true}
			}
		}
		showCustomConfirm(m.win, T("Merge coder files: this is what will change"), button, T("Cancel"), view, func(ok bool) {
			if ok {
				m.merge(paths, opts, done)
			}
		})
	})
}

// merge applies the files as a task and shows the project again; done runs after a merge
// that worked.
func (m *mainWindow) merge(paths []string, opts store.MergeOptions, done func()) {
	p := m.p
	var rep store.MergeReport
	m.runTask(m.win, T("Merging"), plural(len(paths), "file"), func(ctx context.Context, t *taskProgress) error {
		var err error
		rep, err = p.Merge(ctx, paths, opts)
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			showInfo(m.win, T("Merge coder files"), T("Cancelled: the master is as it was."))
			return
		case err != nil:
			showError(m.win, err)
			return
		}
		if done != nil {
			done()
		}
		if err := m.reload(); err != nil {
			showError(m.win, err)
			return
		}
		showInfo(m.win, T("Merge coder files"), T("Merged %s. The master is up to date.", plural(len(rep.Sources), "file")))
	})
}

// reportDone shows a message on parent with an "Open folder" button.
func (m *mainWindow) reportDone(parent fyne.Window, title, msg, dir string) {
	d := dialog.NewCustomConfirm(title, T("Open folder"), T("Close"), reportBody(msg), func(open bool) {
		if open {
			m.app.OpenURL(&url.URL{Scheme: "file", Path: dir})
		}
	}, parent)
	show(parent, d, d.Hide) // Enter closes the report; opening the folder is a click
}

// showReport shows a report of several lines (an import, a merge) on the main window, in a
// scroll when it is long.
func (m *mainWindow) showReport(title, msg string) {
	show(m.win, dialog.NewCustom(title, T("Close"), reportBody(msg), m.win), nil)
}

// reportBody is a report's text, selectable and wrapped, scrolled when long.
func reportBody(msg string) fyne.CanvasObject {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(reportWidth, reportHeight(l)))
	return s
}

// reportWidth is the width of a report's text.
const reportWidth = 460

// reportHeight is the height that shows all of l's text as it wraps at the report's width, up
// to 320 px, beyond which it scrolls: the label is laid out at that width and measured, in the
// fonts it is drawn with. Counting only the text's line breaks cut the folder an export went to
// in half; counting lines as turns wrap them, with a Latin line's height, cut the descenders
// of a Chinese line and hid the last line of one that Fyne breaks at a space earlier.
func reportHeight(l *widget.Label) float32 {
	l.Resize(fyne.NewSize(reportWidth, l.MinSize().Height))
	return min(l.MinSize().Height, 320)
}

// sendDialog is File → Send my file…: a folder, then the coder's file written into it whole
// (store.Send), and one sentence of what it holds. It is the way to send a file from a project
// that is open: the snapshot holds every change the status line called saved.
func (m *mainWindow) sendDialog() {
	coder := m.ws.Coder()
	if coder == "" {
		showInfo(m.win, T("Send my file"), T("Choose who is coding first (the Coder box at the top left): the file is named for them."))
		return
	}
	showFolderOpen(m.win, func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		m.sendTo(coder, dir.Path())
	})
}

// sendTo writes coder's file into dir as a task and reports it.
func (m *mainWindow) sendTo(coder, dir string) {
	p := m.p
	var path string
	var work coding.WorkSummary
	now := time.Now()
	m.runTask(m.win, T("Writing the file to send"), dir, func(ctx context.Context, t *taskProgress) error {
		var err error
		path, work, err = p.Send(ctx, dir, coder, now)
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			showInfo(m.win, T("Send my file"), T("Cancelled; no file was written."))
		case err != nil:
			showError(m.win, err)
		default:
			m.reportDone(m.win, T("Send my file"), T("Ready to send: %s\n%s.", path, errText(work.SentenceSay(now))), dir)
			m.ws.setStatus(T("wrote %s: %s", filepath.Base(path), errText(work.SentenceSay(now))))

		}
	})
}
