package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/go-gl/glfw/v3.3/glfw"

	"github.com/turncoder/turncoder/coding/version"
)

// windowErrorLog is the file in the settings folder (beside the crash log) that says why the
// last start could not open the window; a start that can open it removes the file.
const windowErrorLog = "window-error.log"

// Without OpenGL 2.1 (a virtual machine without 3D acceleration, a remote desktop session that
// offers only OpenGL 1.1, an X server without GLX) Fyne 2.7's desktop driver logs "window
// creation error" on standard error, which a desktop launch does not show, and then either
// runs its loop with no window, forever, or returns as if the window had been closed. So the
// window's requirement is checked first, with glfw, before Fyne creates anything.

// checkOpenGL asks glfw, on the main thread, for a hidden window with the OpenGL 2.1 context
// that Fyne's driver asks for, and closes it. It says in one sentence what is missing and
// what to do: nil when the window can open.
func checkOpenGL() (err error) {
	defer func() {
		// go-gl's glfw logs a failed initialisation (no display to connect to) and then
		// panics on the next call; that is a desktop out of reach, not OpenGL missing.
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot reach the desktop to open the window (%s); the command line works without one: turncoder help", desktopNamed(r)) // not shown: said before any window can open
		}
	}()
	if err := glfw.Init(); err != nil {
		return noOpenGL(err)
	}
	glfw.DefaultWindowHints()
	defer glfw.DefaultWindowHints() // Fyne sets the hints it needs; these are not left behind
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	w, err := glfw.CreateWindow(1, 1, "turncoder", nil, nil)
	if err != nil {
		return noOpenGL(err)
	}
	w.Destroy()
	return nil
}

// desktopNamed names the desktop glfw could not reach: the X display (DISPLAY), or what glfw
// said.
func desktopNamed(r any) string {
	if d := os.Getenv("DISPLAY"); d != "" {
		return "DISPLAY=" + d // not shown: said before any window can open
	}
	return fmt.Sprint(r)
}

// noOpenGL is the sentence for a window glfw could not create with OpenGL 2.1; cause is what
// glfw said ("VersionUnavailable: GLX: Failed to create context: GLXBadFBConfig",
// "APIUnavailable: GLX: GLX extension not found", "WGL: The driver does not appear to
// support OpenGL").
func noOpenGL(cause error) error {
	return fmt.Errorf("the window needs OpenGL 2.1, which this computer does not provide (%v): update the graphics driver, turn on 3D acceleration if this is a virtual machine, or run turncoder on the computer itself rather than through a remote desktop; the command line works without OpenGL (turncoder help)", cause) // not shown: said before any window can open, on standard error, in the settings folder's window-error.log and, on Windows, in a message box
}

// cannotOpenWindow records why the window could not open where a person who started turncoder
// from a menu can find it: window-error.log in the settings folder and, on Windows, a message
// box (the desktop build has no console). It returns err, for the command line to print before
// it exits non-zero.
func cannotOpenWindow(err error) error {
	if dir, derr := settingsDir(); derr == nil {
		text := fmt.Sprintf("%s  turncoder %s\n%v\n", time.Now().Format(time.RFC3339), version.Build(), err) // not shown: a log file
		os.WriteFile(filepath.Join(dir, windowErrorLog), []byte(text), 0o644)
	}
	tellWithoutWindow(errText(err))
	return err
}

// windowCanOpen removes the log of a start that could not open the window, once one can.
func windowCanOpen() {
	if dir, err := settingsDir(); err == nil {
		os.Remove(filepath.Join(dir, windowErrorLog))
	}
}
