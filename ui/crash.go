package ui

import (
	"os"
	"path/filepath"
	"runtime/debug"
)

// crashLogName is the file in the settings folder that the Go runtime writes a fatal panic's
// trace to (besides standard error, which a desktop launch does not keep).
const crashLogName = "crash.log"

// startCrashLog makes the runtime write a crash's trace to the settings folder. A crash log
// left by the last run is kept under a dated name, which is returned so that the window can
// say the app closed unexpectedly and where the log is. stop, called on a clean exit, removes
// the empty log.
func startCrashLog() (previous string, stop func()) {
	stop = func() {}
	dir, err := settingsDir()
	if err != nil {
		return "", stop
	}
	path := filepath.Join(dir, crashLogName)
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		kept := filepath.Join(dir, "crash-"+fi.ModTime().Format("20060102-150405")+".log")
		if os.Rename(path, kept) == nil {
			previous = kept
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return previous, stop
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		f.Close()
		return previous, stop
	}
	return previous, func() {
		debug.SetCrashOutput(nil, debug.CrashOptions{})
		f.Close()
		os.Remove(path)
	}
}
