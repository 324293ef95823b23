// Package ui is turncoder's desktop interface (Fyne). It calls store and coding; it holds no
// SQL and computes no statistics of its own.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

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
	prefCoderPrefix = "coder:"      // + project id: who codes in that project on this machine
	prefLanguage    = "ui.language" // the tag chosen in Preferences (Languages), "" for the system's
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
	dir, err := settingsDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "demo"+store.Extension)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := seeds.CreateDemo(path); err != nil {
			return "", err
		}
	}
	return path, nil
}

// settingsDir is turncoder's own folder ($TURNCODER_HOME, or turncoder in the user's
// configuration folder), made if missing: the demo project and the crash log live there.
func settingsDir() (string, error) {
	dir := os.Getenv("TURNCODER_HOME")
	if dir == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("no folder for turncoder's settings: %w", err) // not shown in the window: the command line's, before it opens
		}
		dir = filepath.Join(cfg, "turncoder")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot make %s: %w", dir, err) // not shown in the window: the command line's, before it opens
	}
	return dir, nil
}

// haveDisplay says in one sentence when there is no desktop session to open a window in (on
// Linux and the BSDs; elsewhere there always is one). Without it the window library panics.
func haveDisplay() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("there is no desktop to open turncoder's window in (DISPLAY and WAYLAND_DISPLAY are not set); the command line works without one: turncoder help") // not shown: said on the command line, there being no window
	}
	return nil
}

// Run opens the main window on the project at path ("" for the last project or the demo)
// and returns when it closes.
func Run(path string, opt Options) error {
	crashed, stopCrashLog := startCrashLog()
	defer stopCrashLog()
	a := app.NewWithID(AppID)
	a.SetIcon(iconResource)
	prefs := a.Preferences()
	SetLanguage(prefs.String(prefLanguage)) // before anything is built: "" follows the system
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
	// The file is checked before any window exists: a file that is not a project is refused
	// in one sentence, and so is a machine with no desktop to show a window on.
	p, err := store.Open(path)
	if err != nil {
		return err
	}
	if err := haveDisplay(); err != nil {
		p.Close()
		return err
	}
	if err := checkOpenGL(); err != nil { // else Fyne fails with no window and no word (opengl.go)
		p.Close()
		return cannotOpenWindow(err)
	}
	windowCanOpen()
	w := a.NewWindow("turncoder")
	w.SetMaster() // closing it (or SIGTERM) quits, with the other windows: none outlives the project
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 1280)), float32(prefs.FloatWithFallback(prefHeight, 820))))
	m := &mainWindow{app: a, win: w, crashed: crashed, realDriver: true}
	if err := m.show(p, path); err != nil {
		return err
	}
	m.install()
	w.SetOnClosed(func() {
		s := w.Canvas().Size()
		prefs.SetFloat(prefWidth, float64(s.Width))
		prefs.SetFloat(prefHeight, float64(s.Height))
		m.closeProject()
		// The process ends here, not in Fyne's shutdown: Fyne 2.7, after its loop ends, runs
		// input events still queued on a main thread that no longer runs them, so an event
		// queued in that moment (a key released after Ctrl+Q) kept the process alive with no
		// window, or panicked ("send on closed channel"), now and then in the e2e suite. The
		// project is closed; the preferences are given a moment to be written (Fyne saves them
		// as they change, at most every 100 ms).
		time.Sleep(exitGrace)
		stopCrashLog()
		os.Exit(0)
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
	// SIGTERM (a logout, a shutdown, kill), SIGINT (Ctrl+C in the terminal) and SIGHUP (the
	// terminal it was started from closed) close the window as File → Quit does: the memo being
	// typed is saved and the project closed cleanly.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			fyne.Do(w.Close)
		}
	}()
	w.ShowAndRun()
	m.closeProject() // however the loop ended (the master window closed, a signal, Quit)
	return nil
}

// closeProject saves the memo being typed and closes the project, once.
func (m *mainWindow) closeProject() {
	if m.p == nil {
		return
	}
	if m.ws != nil {
		m.ws.codebook.flushMemo()
	}
	if m.publisher != nil { // the last changes go to the team folder before the file closes
		m.publisher.publish(true)
		m.publisher = nil
	}
	m.p.Close()
	m.p = nil
}

// exitGrace is how long the window's closing waits for the preferences to be written.
const exitGrace = 300 * time.Millisecond

// mainWindow is the window and the project open in it.
type mainWindow struct {
	app    fyne.App
	win    fyne.Window
	p      *store.Project
	ws     *Workspace
	path   string
	export exportScope // the agreement view's last scope, for File → Export

	realDriver   bool           // the desktop driver runs (not the test driver): glfw may be asked about the screen
	agreement    *agreementView // the open agreement window's view, recomputed when speakers change
	agreementWin fyne.Window
	analysis     *analysisView // the open analysis window's view
	analysisWin  fyne.Window
	adjWin       fyne.Window // the open adjudication window, and what it shows
	adj          *adjudicator
	busy         string         // the long work running (runTask), or ""
	running      atomic.Int32   // tasks started whose finish has not returned yet
	crashed      string         // the log of the last run, when it closed unexpectedly
	publisher    *teamPublisher // a coder copy's writes into its team folder, or nil
	shown        bool           // the window has shown (started ran): dialogs may open
	// The codebook editors and speakers dialogs open, each in a window of its own: built
	// again when the interface's language changes (relabel).
	codebooks      []*codebookEditor
	speakerDialogs []*speakersDialog
}

// open shows the project at path in the window, closing the one shown before.
func (m *mainWindow) open(path string) error {
	p, err := store.Open(path)
	if err != nil {
		return err
	}
	return m.show(p, path)
}

// show puts the project p, opened from path, in the window; p is closed if that fails.
func (m *mainWindow) show(p *store.Project, path string) error {
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
		if m.publisher != nil {
			m.publisher.publish(true)
			m.publisher = nil
		}
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
	m.setTitle()
	m.win.SetContent(ws.Content())
	m.app.Preferences().SetString(prefLastProject, path)
	m.remember(path)
	m.startTeam(bound)
	if m.shown {
		m.warnSyncFolder(path)
	}
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
	if m.analysis != nil && !same {
		m.analysisWin.Close()
	}
	if m.adj != nil {
		if same {
			m.reloadAdjudicator()
		} else {
			m.adjWin.Close()
		}
	}
}

// setTitle names the window after the project open in it, or the coder copy.
func (m *mainWindow) setTitle() {
	name := filepath.Base(m.path)
	if m.ws.bound != "" {
		name = copyTitle(m.ws.bound, m.path)
	}
	m.win.SetTitle(fmt.Sprintf("turncoder — %s", name)) // not shown translated: the program's name, the same in every language
}

// copyTitle says whose blind copy a file is: "ana's copy of study, blind" for study-ana.turncoder.
func copyTitle(coder, path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	base = strings.TrimSuffix(base, "-"+coder)
	return T("%s's copy of %s, blind", coder, base)
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

// sizeLikeMain sizes a window of the app at most maxW × maxH and no larger than the main window,
// which fits the screen (fitToScreen): Fyne has no screen size to ask, and a fixed size put the
// bottom of the speakers and codebook windows below a small laptop's screen.
func (m *mainWindow) sizeLikeMain(w fyne.Window, maxW, maxH float32) {
	ms := m.win.Canvas().Size()
	w.Resize(fyne.NewSize(min(maxW, ms.Width), min(maxH, ms.Height)))
}

// started runs once the window shows: ask who is coding on first use, and warn when no font
// can draw Chinese.
func (m *mainWindow) started() {
	if m.realDriver {
		fitToScreen(m.win) // the size remembered from a larger screen, or the first start's
	}
	if m.crashed != "" {
		showInfo(m.win, T("turncoder closed unexpectedly last time"),
			T("Every coding the status line had called saved is in the project file.\nWhat went wrong is in %s: please send it to the developers.", m.crashed))
	}
	if msg := cjkFontProblem(); msg != "" {
		showInfo(m.win, T("Chinese text may not display"), msg)
	}
	m.shown = true
	m.warnSyncFolder(m.path)
	if m.ws.Coder() == "" {
		m.ws.AskCoder()
	}
	m.ws.focusList()
}

// menu is the main menu. Every action with a key has it on its item, where the menu shows it
// and where the window looks first: Fyne turns Ctrl+Z and Ctrl+Y into its own Undo and Redo
// shortcuts, which reach an item that carries them but never a binding on the canvas. Actions
// that start or replace work are guarded while long work runs.
func (m *mainWindow) menu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	itemMods := func(label string, key fyne.KeyName, mods fyne.KeyModifier, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mods}
		}
		return it
	}
	item := func(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
		return itemMods(label, key, ctrl, action)
	}
	undo := fyne.NewMenuItem(T("Undo"), func() { m.undoRedo(&fyne.ShortcutUndo{}, m.ws.Undo) })
	undo.Shortcut = &fyne.ShortcutUndo{}
	redo := fyne.NewMenuItem(T("Redo"), func() { m.undoRedo(&fyne.ShortcutRedo{}, m.ws.Redo) })
	redo.Shortcut = &fyne.ShortcutRedo{}
	file := fyne.NewMenu(T("File"),
		item(T("New project…"), fyne.KeyN, m.guard(m.newProjectDialog)),
		item(T("Open project…"), fyne.KeyO, m.guard(m.openDialog)),
		m.recentMenu(),
		item(T("Save a copy…"), "", m.guard(m.saveCopyDialog)),
		item(T("Send my file…"), "", m.guard(m.sendDialog)),
		fyne.NewMenuItemSeparator(),
		item(T("Import documents…"), fyne.KeyI, m.guard(m.importDialog)),
		fyne.NewMenuItemSeparator(),
		item(T("Export agreement workbook…"), fyne.KeyE, m.guard(m.exportWorkbookDialog)),
		itemMods(T("Export CSV for R and pandas…"), fyne.KeyE, ctrl|fyne.KeyModifierShift, m.guard(m.exportCSVDialog)),
		item(T("Export REFI-QDA project…"), "", m.guard(m.exportProjectDialog)),
		fyne.NewMenuItemSeparator(),
		item(T("Make coder copies…"), "", m.guard(m.copiesDialog)),
		item(T("Merge coder files…"), "", m.guard(m.mergeDialog)),
		fyne.NewMenuItemSeparator(),
		m.quitItem(item(T("Quit"), fyne.KeyQ, nil)),
	)
	edit := fyne.NewMenu(T("Edit"), undo, redo,
		item(T("Find…"), fyne.KeyF, func() { m.win.Canvas().Focus(m.ws.bar.search) }),
		fyne.NewMenuItemSeparator(),
		// Corrections of the segmentation, before anyone codes the document (segment.go).
		fyne.NewMenuItem(T("Join turn with the next"), m.guard(m.joinTurn)),
		fyne.NewMenuItem(T("Split turn…"), m.guard(m.splitTurn)),
		fyne.NewMenuItem(T("Change turn's speaker…"), m.guard(m.speakerTurn)),
		fyne.NewMenuItem(T("Make turn a note"), m.guard(m.noteTurn)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(T("Preferences…"), m.guard(m.preferencesDialog)),
	)
	interviewers := fyne.NewMenuItem(T("Code interviewers' turns too"), nil)
	interviewers.Action = m.guard(func() {
		on := !interviewers.Checked
		if err := m.ws.SetCodeInterviewers(on); err != nil {
			showError(m.win, err)
			return
		}
		interviewers.Checked = on
	})
	interviewers.Checked, _ = m.p.CodeInterviewers(context.Background())
	project := fyne.NewMenu(T("Project"),
		item(T("Agreement…"), fyne.KeyR, m.guard(m.showAgreement)),
		fyne.NewMenuItem(T("Adjudicate disagreements…"), m.guard(m.showAdjudicator)),
		fyne.NewMenuItem(T("Codebook…"), m.guard(m.showCodebookEditor)),
		fyne.NewMenuItem(T("Speakers…"), m.guard(m.showSpeakers)),
		fyne.NewMenuItem(T("Rename document…"), m.guard(m.renameDocumentDialog)),
		fyne.NewMenuItem(T("Add coder…"), m.guard(func() { m.ws.AskCoder() })),
		fyne.NewMenuItem(T("Team folder…"), m.guard(m.teamDialog)),
		interviewers,
		fyne.NewMenuItemSeparator(), // last, so that the items above keep their places
		itemMods(T("Analysis…"), fyne.KeyA, ctrl|fyne.KeyModifierShift, m.guard(m.showAnalysis)),
	)
	help := fyne.NewMenu(T("Help"),
		fyne.NewMenuItem(T("Keyboard shortcuts"), m.shortcutsCard),
		fyne.NewMenuItem(T("Guide"), m.guide),

		fyne.NewMenuItem(T("About turncoder"), m.about),
	)

	return fyne.NewMainMenu(file, edit, project, help)
}

// quitItem is File → Quit (Ctrl+Q): the memo being typed is saved and the project closed, as
// when the window closes. While long work runs it says so instead.
func (m *mainWindow) quitItem(it *fyne.MenuItem) *fyne.MenuItem {
	it.IsQuit = true
	it.Action = m.guard(func() { m.win.Close() })
	return it
}

// undoRedo gives Undo or Redo to the text field being typed in (the memo, the search box),
// and otherwise to the coding history.
func (m *mainWindow) undoRedo(sh fyne.Shortcut, coding func()) {
	if e := m.textFocused(); e != nil {
		e.TypedShortcut(sh)
		return
	}
	m.guard(coding)()
}

// textFocused is the text field that has the keys, or nil.
func (m *mainWindow) textFocused() fyne.Shortcutable {
	switch f := m.win.Canvas().Focused().(type) {
	case *widget.Entry:
		return f
	case *searchEntry:
		return f
	case *memoEntry:
		return f
	}
	return nil
}

// install puts the project's menu and the keys on the window (again after a project opens:
// the menu shows the project's settings).
func (m *mainWindow) install() {
	m.win.SetMainMenu(m.menu())
	m.shortcuts()
}

// shortcuts binds the keys that are not on a menu item: the coding keys go to the workspace
// when no text field has the focus (a focused list passes them on itself), and Ctrl+Shift+Z
// redoes as Ctrl+Y does.
func (m *mainWindow) shortcuts() {
	c := m.win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if !dialogKey(m.win, ev) {
			m.ws.typedKey(ev)
		}
	})
	c.SetOnTypedRune(func(r rune) {
		if !dialogOpen(m.win) {
			m.ws.typedRune(r)
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { m.undoRedo(&fyne.ShortcutRedo{}, m.ws.Redo) })
}

// reload shows the open project again from its file (after an import, a merge, a codebook
// change), with its menu.
func (m *mainWindow) reload() error {
	if err := m.open(m.path); err != nil {
		return err
	}
	m.install()
	return nil
}

// openDialog asks for a project file (.turncoder files only) and opens it.
func (m *mainWindow) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		m.openPath(r.URI().Path())
	}, m.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{store.Extension}))
	showFileDialog(m.win, d)
}
