package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// textOf returns the text an object draws, for assertions on rendered rows.
func textOf(o fyne.CanvasObject) (string, bool) {
	switch v := o.(type) {
	case *canvas.Text:
		return v.Text, true
	case *widget.Label:
		return v.Text, true
	}
	return "", false
}
