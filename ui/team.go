package ui

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// publishAfter is how long a coder copy waits after a change before it writes its snapshot
// into the team folder: a burst of coding makes one snapshot, not one per key.
var publishAfter = 5 * time.Second

// teamPublisher writes a coder copy's snapshot into its team folder (store.TeamPublish) a
// little after each change, off the UI goroutine, and once more when the project closes.
type teamPublisher struct {
	m       *mainWindow
	p       *store.Project
	coder   string
	mu      sync.Mutex
	timer   *time.Timer
	pending bool       // a change not yet in a snapshot
	running sync.Mutex // held while a snapshot is written
}

// changed is called after each saved change.
func (t *teamPublisher) changed() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pending = true
	if t.timer != nil {
		t.timer.Stop()
	}
	t.timer = time.AfterFunc(publishAfter, func() { t.publish(false) })
}

// written says a snapshot holding every change was just written (by Sync now).
func (t *teamPublisher) written() {
	t.mu.Lock()
	t.pending = false
	t.mu.Unlock()
}

// publish writes the snapshot when a change is pending (always when final: at close).
func (t *teamPublisher) publish(final bool) {
	t.running.Lock()
	defer t.running.Unlock()
	t.mu.Lock()
	pending := t.pending
	t.pending = false
	if final && t.timer != nil {
		t.timer.Stop()
	}
	t.mu.Unlock()
	if !pending {
		return
	}
	_, _, err := t.p.TeamPublish(context.Background(), t.coder)
	if final {
		return // the window is going: nothing to show it in
	}
	now := time.Now()
	fyne.Do(func() {
		if t.m.p != t.p {
			return
		}
		if err != nil {
			t.m.ws.setStatus(T("the team folder was not written: %s", errText(err)))
			return
		}
		t.m.ws.publishedAt(now)
	})
}

// publishedAt says in the status line when the copy's file was last written to the team folder.
func (ws *Workspace) publishedAt(t time.Time) {
	ws.team = T("in the team folder %s", t.Format("15:04"))
	ws.updateStatus()
}

// startTeam sets the team folder's work up for the project just shown: a coder copy with a
// team folder publishes after its changes; the lead's master looks for new snapshots.
func (m *mainWindow) startTeam(bound string) {
	m.publisher = nil
	dir, err := m.p.TeamFolder(context.Background())
	if err != nil || dir == "" {
		return
	}
	if bound != "" {
		m.publisher = &teamPublisher{m: m, p: m.p, coder: bound}
		m.ws.onSaved = m.publisher.changed
		return
	}
	m.lookInTeamFolder()
}

// lookInTeamFolder checks the team folder for snapshots not yet merged, in the background, and
// says in the status line how many wait.
func (m *mainWindow) lookInTeamFolder() {
	p := m.p
	go func() {
		files, err := p.TeamInbox(context.Background())
		fyne.Do(func() {
			if m.p != p || err != nil {
				return
			}
			paths, _ := store.SplitTeamFiles(files)
			n := len(paths)
			m.ws.team = ""
			if n > 0 { // in the status line until the next look: it is what the lead must act on
				m.ws.team = T("%s in the team folder (Project → Team folder… → Sync now)", plural(n, "new file"))
			}
			m.ws.updateStatus()
		})
	}()
}

// teamDialog is Project → Team folder…: which folder, why, and Sync now.
func (m *mainWindow) teamDialog() {
	ctx := context.Background()
	dir, err := m.p.TeamFolder(ctx)
	if err != nil {
		showError(m.win, err)
		return
	}
	bound, _ := m.p.BoundCoder(ctx)
	what := T("A team folder is a folder a sync service you already use keeps on every coder's laptop (Syncthing, Dropbox, OneDrive, Nextcloud, a shared drive). The project itself stays outside it.")
	if bound != "" {
		what = joinSentences(what, T("A few seconds after each change, and when you close turncoder, your file is written there whole, for the lead to merge."))
	} else {
		what = joinSentences(what, T("The coders' files that arrive there are merged after a preview: Sync now. A file the service has copied only in part is left until it is whole."))
	}
	intro := widget.NewLabel(what)
	intro.Wrapping = fyne.TextWrapWord
	folder := widget.NewLabel(T("Team folder: none"))
	if dir != "" {
		folder.SetText(T("Team folder: %s", dir))
	}
	folder.Wrapping = fyne.TextWrapBreak
	var d dialog.Dialog
	choose := widget.NewButton(T("Choose folder…"), func() {
		showFolderOpen(m.win, func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			if err := m.p.SetTeamFolder(ctx, u.Path()); err != nil {
				showError(m.win, err)
				return
			}
			d.Hide()
			m.startTeam(bound)
			m.teamDialog()
		})
	})
	stop := widget.NewButton(T("Stop using it"), func() {
		if err := m.p.SetTeamFolder(ctx, ""); err != nil {
			showError(m.win, err)
			return
		}
		d.Hide()
		m.startTeam(bound)
		m.ws.setStatus(T("no team folder now"))
	})
	body := container.NewVBox(intro, folder, container.NewHBox(choose, stop))
	wrap := container.NewGridWrap(fyne.NewSize(min(560, m.win.Canvas().Size().Width-60), body.MinSize().Height+80), body)
	if dir == "" {
		stop.Disable()
		d = dialog.NewCustom(T("Team folder"), T("Close"), wrap, m.win)
		show(m.win, d, nil)
		return
	}
	// Sync now is the dialog's own button, and Enter's.
	syncNow := func() {
		d.Hide()
		m.syncTeam(bound)
	}
	d = dialog.NewCustomConfirm(T("Team folder"), T("Sync now"), T("Close"), wrap, func(ok bool) {
		if ok {
			m.syncTeam(bound)
		}
	}, m.win)
	show(m.win, d, syncNow)
}

// syncTeam is Sync now: a coder copy writes its file; the master previews the new files and
// merges them on confirmation, and says which it had to leave for now.
func (m *mainWindow) syncTeam(bound string) {
	p := m.p
	if bound != "" {
		var path string
		var sentence string
		now := time.Now()
		m.runTask(m.win, T("Writing your file to the team folder"), "", func(ctx context.Context, t *taskProgress) error {
			pth, w, err := p.TeamPublish(ctx, bound)
			path, sentence = pth, errText(w.SentenceSay(now))
			return err
		}, func(err error, cancelled bool) {
			switch {
			case cancelled:
			case err != nil:
				showError(m.win, err)
			default:
				if m.publisher != nil {
					m.publisher.written()
				}
				m.ws.publishedAt(now)
				m.reportDone(m.win, T("Team folder"), T("Written: %s\n%s.", path, sentence), filepath.Dir(path))
			}
		})
		return
	}
	var files []store.TeamFile
	m.runTask(m.win, T("Looking in the team folder"), "", func(ctx context.Context, t *taskProgress) error {
		var err error
		files, err = p.TeamInbox(ctx)
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			return
		case err != nil:
			showError(m.win, err)
			return
		}
		paths, refused := store.SplitTeamFiles(files)
		note := ""
		if len(refused) > 0 {
			note = T("Left for now (tried again at the next sync):")
			for _, err := range refused {
				note += "\n" + errText(err)
			}
		}
		if len(paths) == 0 {
			msg := T("Nothing new in the team folder.")
			if note != "" {
				msg += "\n" + note
			}
			m.showReport(T("Team folder"), msg)
			return
		}
		m.previewMergeThen(paths, note, func() {
			if err := p.TeamMerged(context.Background(), files); err != nil {
				showError(m.win, err)
			}
			m.lookInTeamFolder()
		})
	})
}

// prefSyncWarned marks a project path already warned about (warnSyncFolder): once is enough.
const prefSyncWarned = "syncwarned:"

// warnSyncFolder warns, once per project file, when it lies in a folder a sync service
// uploads (Dropbox, OneDrive, iCloud Drive, Google Drive), and offers the team folder.
func (m *mainWindow) warnSyncFolder(path string) {
	service := coding.SyncService(path)
	if service == "" || m.app.Preferences().Bool(prefSyncWarned+path) {
		return
	}
	m.app.Preferences().SetBool(prefSyncWarned+path, true)
	msg := widget.NewLabel(T("%[1]s is in your %[2]s folder. %[2]s may upload it while turncoder is writing it, and two laptops changing it at once make conflicting copies that lose codings. Keep the project in a folder of its own (Documents, say) and share through a team folder: %[2]s then carries whole snapshots of each coder's work, never the live file.",
		filepath.Base(path), service))
	msg.Wrapping = fyne.TextWrapWord
	body := container.NewGridWrap(fyne.NewSize(min(520, m.win.Canvas().Size().Width-60), 150), msg)
	d := dialog.NewCustomConfirm(T("The project is in a synced folder"), T("Team folder…"), T("Keep it here"), body, func(ok bool) {

		if ok {
			m.teamDialog()
		}
	}, m.win)
	show(m.win, d, func() { d.Hide(); m.teamDialog() })
}
