// Package ui is turncoder's desktop interface (Fyne). It calls store and coding; it holds no
// SQL and computes no statistics of its own.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
	_ "github.com/turncoder/turncoder/ui/locale" // before Fyne reads the locale
)

// AppID identifies turncoder to the desktop (preferences, settings folder).
const AppID = "io.github.turncoder"

// Preference keys.
const (
	prefWidth       = "window.width"
	prefHeight      = "window.height"
	prefLastProject = "project.last"
	prefCoderPrefix = "coder:" // + project id: who codes in that project on this machine
)

// Options steer how the GUI starts.
type Options struct {
	// FirstFrame makes the window close itself once its first frame is drawn: a smoke test
	// that the OpenGL build works.
	FirstFrame bool
}

// defaultProject is the project `turncoder` opens with no arguments: the last project opened,
// or the demo project in the user's configuration folder ($TURNCODER_HOME if set), created
// from the seeds on first run.
func defaultProject() (string, error) {
	dir := os.Getenv("TURNCODER_HOME")
	if dir == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("no folder for turncoder's settings: %w", err)
		}
		dir = filepath.Join(cfg, "turncoder")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot make %s: %w", dir, err)
	}
	path := filepath.Join(dir, "demo"+store.Extension)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := seeds.CreateDemo(path); err != nil {
			return "", err
		}
	}
	return path, nil
}

// Run opens the main window on the project at path ("" for the last project or the demo)
// and returns when it closes.
func Run(path string, opt Options) error {
	a := app.NewWithID(AppID)
	a.SetIcon(iconResource)
	prefs := a.Preferences()
	if path == "" {
		last := prefs.String(prefLastProject)
		if _, err := os.Stat(last); last != "" && err == nil && os.Getenv("TURNCODER_HOME") == "" {
			path = last
		} else {
			var err error
			if path, err = defaultProject(); err != nil {
				return err
			}
		}
	}
	w := a.NewWindow("turncoder")
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 1280)), float32(prefs.FloatWithFallback(prefHeight, 820))))
	m := &mainWindow{app: a, win: w}
	if err := m.open(path); err != nil {
		return err
	}
	w.SetMainMenu(m.menu())
	m.shortcuts()
	w.SetOnClosed(func() {
		s := w.Canvas().Size()
		prefs.SetFloat(prefWidth, float64(s.Width))
		prefs.SetFloat(prefHeight, float64(s.Height))
		if m.ws != nil {
			m.ws.codebook.flushMemo()
		}
		if m.p != nil {
			m.p.Close()
		}
	})
	if opt.FirstFrame {
		// OnStarted fires once the window is up and the loop runs; quitting from there (not
		// closing the window mid-event) lets the driver shut down cleanly.
		a.Lifecycle().SetOnStarted(func() {
			go func() {
				time.Sleep(300 * time.Millisecond) // a few frames at 60 Hz
				fyne.Do(a.Quit)
			}()
		})
	} else {
		a.Lifecycle().SetOnStarted(func() { fyne.Do(m.started) })
	}
	w.ShowAndRun()
	return nil
}

// mainWindow is the window and the project open in it.
type mainWindow struct {
	app    fyne.App
	win    fyne.Window
	p      *store.Project
	ws     *Workspace
	path   string
	export exportScope // the agreement view's last scope, for File → Export

	agreement    *agreementView // the open agreement window's view, recomputed when speakers change
	agreementWin fyne.Window
	adjWin       fyne.Window // the open adjudication window, and what it shows
	adj          *adjudicator
}

// open shows the project at path in the window, closing the one shown before.
func (m *mainWindow) open(path string) error {
	p, err := store.Open(path)
	if err != nil {
		return err
	}
	ctx := context.Background()
	id, _ := p.Meta(ctx, "project_id")
	coder := m.app.Preferences().String(prefCoderPrefix + id)
	if coder != "" && !hasCoder(ctx, p, coder) {
		coder = ""
	}
	bound, err := p.BoundCoder(ctx)
	if err != nil {
		p.Close()
		return err
	}
	if bound != "" { // a coder copy opens as its coder, blind
		coder = bound
	}
	ws, err := NewWorkspace(ctx, p, m.win, coder)
	if err != nil {
		p.Close()
		return err
	}
	if m.p != nil {
		m.ws.codebook.flushMemo()
		m.p.Close()
	}
	same := path == m.path
	m.p, m.ws, m.path = p, ws, path
	m.followProject(same)
	m.export = exportScope{}
	ws.onCoder = func(name string) { m.app.Preferences().SetString(prefCoderPrefix+id, name) }
	ws.onSettle = func(l coding.Line) { m.openAdjudicator(coding.Scope{Document: ws.doc}, l.TurnID) }
	if bound != "" {
		ws.bindTo(bound)
	}
	m.win.SetTitle("turncoder — " + filepath.Base(path))
	m.win.SetContent(ws.Content())
	m.app.Preferences().SetString(prefLastProject, path)
	return nil
}

// followProject points the agreement and adjudication windows at the project just opened:
// the same file reloaded (after a codebook change) keeps them, at the same disagreement;
// another file closes them.
func (m *mainWindow) followProject(same bool) {
	if m.agreement != nil {
		if same {
			m.agreement.ws = m.ws
		} else {
			m.agreementWin.Close()
		}
	}
	if m.adj != nil {
		if same {
			m.reloadAdjudicator()
		} else {
			m.adjWin.Close()
		}
	}
}

func hasCoder(ctx context.Context, p *store.Project, name string) bool {
	coders, err := p.Coders(ctx)
	if err != nil {
		return false
	}
	for _, c := range coders {
		if c.Name == name {
			return true
		}
	}
	return false
}

// started runs once the window shows: ask who is coding on first use, and warn when no font
// can draw Chinese.
func (m *mainWindow) started() {
	if msg := cjkFontProblem(); msg != "" {
		dialog.ShowInformation("Chinese text may not display", msg, m.win)
	}
	if m.ws.Coder() == "" {
		m.ws.AskCoder()
	}
	m.ws.focusList()
}

func (m *mainWindow) menu() *fyne.MainMenu {
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Open project…", m.openDialog),
		fyne.NewMenuItem("Import documents…", m.importDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Export agreement workbook…", m.exportWorkbookDialog),
		fyne.NewMenuItem("Export CSV for R and pandas…", m.exportCSVDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Make coder copies…", m.copiesDialog),
		fyne.NewMenuItem("Merge coder files…", m.mergeDialog),
	)
	edit := fyne.NewMenu("Edit",
		fyne.NewMenuItem("Undo coding", func() { m.ws.Undo() }),
		fyne.NewMenuItem("Redo coding", func() { m.ws.Redo() }),
		fyne.NewMenuItem("Find…", func() { m.win.Canvas().Focus(m.ws.bar.search) }),
	)
	interviewers := fyne.NewMenuItem("Code interviewers' turns too", nil)
	interviewers.Action = func() {
		on := !interviewers.Checked
		if err := m.ws.SetCodeInterviewers(on); err != nil {
			dialog.ShowError(err, m.win)
			return
		}
		interviewers.Checked = on
	}
	interviewers.Checked, _ = m.p.CodeInterviewers(context.Background())
	project := fyne.NewMenu("Project",
		fyne.NewMenuItem("Agreement…", m.showAgreement),
		fyne.NewMenuItem("Adjudicate disagreements…", m.showAdjudicator),
		fyne.NewMenuItem("Codebook…", m.showCodebookEditor),
		fyne.NewMenuItem("Speakers…", m.showSpeakers),
		fyne.NewMenuItem("Add coder…", func() { m.ws.AskCoder() }),
		interviewers,
	)
	return fyne.NewMainMenu(file, edit, project)
}

// shortcuts binds the keyboard: the coding keys go to the workspace when no text field has
// the focus (a focused list passes them on itself).
func (m *mainWindow) shortcuts() {
	c := m.win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { m.ws.typedKey(ev) })
	c.SetOnTypedRune(func(r rune) { m.ws.typedRune(r) })
	mod := fyne.KeyModifierShortcutDefault
	bind := func(key fyne.KeyName, mods fyne.KeyModifier, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mods}, func(fyne.Shortcut) { fn() })
	}
	bind(fyne.KeyZ, mod, func() { m.ws.Undo() })
	bind(fyne.KeyZ, mod|fyne.KeyModifierShift, func() { m.ws.Redo() })
	bind(fyne.KeyY, mod, func() { m.ws.Redo() })
	bind(fyne.KeyF, mod, func() { c.Focus(m.ws.bar.search) })
	bind(fyne.KeyO, mod, m.openDialog)
	bind(fyne.KeyI, mod, m.importDialog)
	bind(fyne.KeyR, mod, m.showAgreement)
	// Escape in the search box hands the keys back to the list.
	m.ws.bar.search.OnSubmitted = func(q string) { m.ws.Search(q) }
}

func (m *mainWindow) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		if err := m.open(r.URI().Path()); err != nil {
			dialog.ShowError(err, m.win)
			return
		}
		m.shortcuts()
	}, m.win)
	d.Show()
}
