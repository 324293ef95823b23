//go:build !windows

package ui

// tellWithoutWindow: on Linux and macOS standard error and the settings folder's window-error.log
// say it (a terminal shows the first; a desktop launch keeps the second).
func tellWithoutWindow(string) {}
