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
	_ "github.com/turncoder/turncoder/ui/locale" // before Fyne reads the locale

	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// AppID identifies turncoder to the desktop (preferences, settings folder).
const AppID = "io.github.turncoder"

// Options steer how the GUI starts.
type Options struct {
	// FirstFrame makes the window close itself once its first frame is drawn: a smoke test
	// that the OpenGL build works.
	FirstFrame bool
}

// DefaultProject is the project `turncoder` opens with no arguments: the demo project in the
// user's configuration folder ($TURNCODER_HOME if set), created from the seeds on first run.
func DefaultProject() (string, error) {
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

// Run opens the main window on the project at path and returns when it closes.
func Run(path string, opt Options) error {
	p, err := store.Open(path)
	if err != nil {
		return err
	}
	defer p.Close()
	a := app.NewWithID(AppID)
	w := a.NewWindow("turncoder — " + filepath.Base(path))
	ws, err := NewWorkspace(context.Background(), p)
	if err != nil {
		return err
	}
	w.SetContent(ws.Content())
	w.Resize(fyne.NewSize(1200, 800))
	if opt.FirstFrame {
		// Lifecycle's OnStarted fires once the window is up and the loop runs; quitting from
		// there (not closing the window mid-event) lets the driver shut down cleanly.
		a.Lifecycle().SetOnStarted(func() {
			go func() {
				time.Sleep(300 * time.Millisecond) // a few frames at 60 Hz
				fyne.Do(a.Quit)
			}()
		})
	}
	w.ShowAndRun()
	return nil
}
