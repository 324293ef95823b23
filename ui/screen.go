package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fitToScreen shrinks a window larger than the primary screen to one that fits, with room left
// for a task bar or dock (a window as large as the screen, maximised, stays). Fyne has no
// screen API, and a first start at the usual 1280×820 on a 1366×768 laptop put the status line
// below the bottom of the screen; the glfw that Fyne's desktop driver runs on knows the
// monitor's size. It must run on the main thread
// of the real driver (from fyne.Do once the app has started), never under the test driver.
func fitToScreen(w fyne.Window) {
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return
	}
	mode := mon.GetVideoMode()
	if mode == nil || mode.Width <= 0 || mode.Height <= 0 {
		return
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	screen := fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale)
	if size := w.Canvas().Size(); size.Width > screen.Width || size.Height > screen.Height {
		w.Resize(size.Min(fyne.NewSize(screen.Width*0.96, screen.Height*0.90)))
		w.CenterOnScreen()
	}
}
