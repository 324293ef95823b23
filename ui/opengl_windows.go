//go:build windows

package ui

import (
	"strings"
	"syscall"
	"unsafe"
)

// tellWithoutWindow shows msg in a message box: the desktop build for Windows is linked for
// the GUI subsystem (no console), so what it prints on standard error is seen by nobody.
func tellWithoutWindow(msg string) {
	text, err1 := syscall.UTF16PtrFromString(strings.ToUpper(msg[:1]) + msg[1:]) // a sentence of its own
	title, err2 := syscall.UTF16PtrFromString("turncoder")
	if err1 != nil || err2 != nil {
		return
	}
	const mbIconError = 0x10
	messageBox := syscall.NewLazyDLL("user32.dll").NewProc("MessageBoxW") // not shown: a function's name
	messageBox.Call(0, uintptr(unsafe.Pointer(text)), uintptr(unsafe.Pointer(title)), mbIconError)
}
