package ui

import (
	"context"
	"errors"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// taskProgress is what long work reports while it runs. Its methods may be called from any
// goroutine.
type taskProgress struct {
	bar   *widget.ProgressBar
	label *widget.Label
}

// Step shows done of total.
func (t *taskProgress) Step(done, total int) {
	fyne.Do(func() { t.bar.SetValue(float64(done) / float64(max(total, 1))) })
}

// Say shows what the work is doing now.
func (t *taskProgress) Say(text string) {
	fyne.Do(func() { t.label.SetText(text) })
}

// runTask is the one way long work runs (import, export, merge preview and merge, coder copies,
// agreement with its bootstrap): off the UI goroutine, in a dialog on parent with what it does,
// a progress bar and Cancel, and with the workspace's keys and the menu's actions off until it
// ends. work runs on its own goroutine and must not touch widgets (it reports through t);
// finish runs on the UI goroutine once the dialog is gone, with work's error and whether the
// user cancelled it.
//
// The dialog has no dismiss button of its own: Cancel asks the work to stop and the dialog
// stays until the work has returned, so nothing is shown as over while it still writes.
func (m *mainWindow) runTask(parent fyne.Window, title, detail string, work func(ctx context.Context, t *taskProgress) error, finish func(err error, cancelled bool)) {
	if m.refuseWhileBusy() {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	t := &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel(detail)}
	t.label.Wrapping = fyne.TextWrapWord
	var asked atomic.Bool
	stop := widget.NewButton(T("Cancel"), nil)
	stop.OnTapped = func() {
		asked.Store(true)
		cancel()
		stop.Disable()
		t.label.SetText(T("Cancelling…"))
	}
	body := container.NewVBox(t.label, t.bar, container.NewCenter(stop))
	prog := dialog.NewCustomWithoutButtons(title, body, parent)
	prog.Resize(fyne.NewSize(min(480, parent.Canvas().Size().Width-40), prog.MinSize().Height))
	m.setBusy(title)
	m.running.Add(1)
	prog.Show()
	go func() {
		err := work(ctx, t)
		fyne.Do(func() {
			cancel()
			prog.Hide()
			m.setBusy("")
			// Cancelled only when the user asked and the work stopped for it: work that
			// finished before it saw the request is reported as done.
			cancelled := asked.Load() && err != nil && errors.Is(err, context.Canceled)
			if cancelled {
				err = nil
			}
			finish(err, cancelled)
			m.running.Add(-1)
		})
	}()
}

// setBusy marks long work as running (name) or over (""): the workspace ignores its keys and
// the menu's actions say what runs instead of starting another.
func (m *mainWindow) setBusy(name string) {
	m.busy = name
	if m.ws != nil {
		m.ws.busy = name
		if name != "" {
			m.ws.setStatus(name + "…")
		} else {
			m.ws.updateStatus()
		}
	}
}

// guard wraps a menu action so that it does nothing but say why while long work runs: Ctrl+O
// must not close the project under an import.
func (m *mainWindow) guard(action func()) func() {
	return func() {
		if !m.refuseWhileBusy() {
			action()
		}
	}
}

// refuseWhileBusy says, while long work runs, that it does, and tells the caller not to start.
func (m *mainWindow) refuseWhileBusy() bool {
	if m.busy == "" {
		return false
	}
	m.ws.setStatus(T("%s is still running; wait for it to end or cancel it", m.busy))

	return true
}
