//go:build !nogui

package main

// The window: this file is built unless the build tag nogui leaves it out (gui_nogui.go), for
// a command line built without cgo or OpenGL.

import "github.com/turncoder/turncoder/ui"

func cmdGUI(args []string) error {
	fs := newFlags("gui")
	firstFrame := fs.Bool("first-frame", false, "open the window, draw the first frame and exit (a smoke test)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("gui takes at most one project file")
	}
	path := "" // the last project opened, or the demo
	if len(pos) == 1 {
		path = pos[0]
	}
	return ui.Run(path, ui.Options{FirstFrame: *firstFrame})
}
