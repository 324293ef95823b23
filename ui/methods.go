package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding/report"
)

// The methods paragraph dialog's largest size; it is 40 px smaller than the window each way
// when the window is smaller.
const (
	methodsWidth  = 760
	methodsHeight = 520
)

// methodsParagraph is the paragraph ready to paste into a methods section, on the figures
// shown, in the interface's language: report.MethodsParagraph with what the project says of
// their scope (store.MethodsFacts), as agree --methods and the workbook's Summary write it.
func (v *agreementView) methodsParagraph() (string, error) {
	facts, err := v.ws.p.MethodsFacts(v.ws.ctx, v.rel, v.text)
	if err != nil {
		return "", err
	}
	return report.MethodsParagraph(Language(), v.report, facts), nil
}

// showMethods shows the methods paragraph of the figures shown in a dialog: read-only text to
// select from, Copy (the whole paragraph to the clipboard; the status line says so) and Close.
func (v *agreementView) showMethods() {
	if v.units == nil {
		v.status.SetText(T("Compute the figures first: the paragraph is written from them."))
		return
	}
	text, err := v.methodsParagraph()
	if err != nil {
		v.status.SetText(errText(err))
		return
	}
	para := widget.NewLabel("") // its text is broken into lines once the dialog has its size
	para.Selectable = true
	hint := widget.NewLabel(T("Ready to paste into a paper's methods section, from the figures shown and their scope. Select part of it, or copy it whole."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	d := dialog.NewCustomWithoutButtons(T("Methods paragraph"), container.NewBorder(hint, nil, nil, nil, container.NewVScroll(para)), v.win)
	copyIt := func() {
		fyne.CurrentApp().Clipboard().SetContent(text)
		d.Hide()
		v.status.SetText(T("The methods paragraph is on the clipboard: paste it into your paper."))
	}
	copyBtn := widget.NewButtonWithIcon(T("Copy"), theme.ContentCopyIcon(), copyIt)
	copyBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(T("Close"), d.Hide), copyBtn})
	win := v.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(methodsWidth, win.Width-40), min(methodsHeight, win.Height-40)))
	show(v.win, d, copyIt)
	para.SetText(breakLines(text, para.Size().Width-2*theme.InnerPadding()))
}

// breakLines is text broken into lines no wider than width as the turn list breaks a turn
// (wrapLines: between any two Chinese characters, at a space in Latin text), for a label that
// does not wrap. Fyne's wrapping label broke a Chinese paragraph at its last space, leaving
// lines half empty before each Latin word ("Krippendorff" alone, "α系数…" below), and took
// seconds to lay out the 3,000 characters of the paragraph, measuring the text again for
// every place a line might end.
// Two pixels are kept to spare: a line measured whole may round to a little more than the sum
// of its characters.
func breakLines(text string, width float32) string {
	return strings.Join(wrapLines(text, width-2, theme.TextSize(), fyne.TextStyle{}), "\n")
}
