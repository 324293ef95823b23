//go:build nogui

package main

import "errors"

// This build has no window (the build tag nogui): a command line built without cgo or OpenGL
// (CGO_ENABLED=0 go build -tags nogui ./cmd/turncoder), for servers and for laptops where only
// the command line is wanted. turncoder gui, and a project file given alone, say so.
func cmdGUI(args []string) error {
	return errors.New("this build of turncoder is the command line only and has no window; to code in the window, install the desktop build (README, Install)")
}
