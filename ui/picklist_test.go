package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A few names are a row of checks; many are a button that says what is chosen (the row of a
// thousand codes made the agreement window wider than any screen).
func TestPickList(t *testing.T) {
	few := newPickList([]string{"ana", "bo"}, true, nil)
	if few.group == nil || len(few.Selected) != 2 {
		t.Fatalf("two names: group %v, selected %q", few.group != nil, few.Selected)
	}
	few.group.SetSelected([]string{"bo"})
	if strings.Join(few.Selected, ",") != "bo" {
		t.Errorf("a check unticked: %q", few.Selected)
	}

	var names []string
	for i := range 1000 {
		names = append(names, fmt.Sprintf("code %d", i))
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Agreement")
	w.Resize(fyne.NewSize(1024, 700))
	many := newPickList(names, false, func() fyne.Window { return w })
	w.SetContent(many.object)
	if many.button == nil || many.button.Text != "All 1,000 codes…" {
		t.Fatalf("many names: %v", many.button)
	}
	if wd := many.object.MinSize().Width; wd > 400 {
		t.Errorf("the chooser is %v wide", wd)
	}
	many.SetSelected([]string{"code 7", "code 2"})
	if strings.Join(many.Selected, "|") != "code 2|code 7" || many.button.Text != "2 of 1,000 codes: code 2, code 7" {
		t.Errorf("two chosen: %q, %q", many.Selected, many.button.Text)
	}
	many.SetSelected(nil)
	if many.button.Text != "No codes (of 1,000)…" {
		t.Errorf("none: %q", many.button.Text)
	}
	many.SetSelected(names[:5])
	if many.button.Text != "5 of 1,000 codes: code 0, code 1, code 2, …" {
		t.Errorf("five: %q", many.button.Text)
	}
	// The list opens on the window.
	test.Tap(many.button)
	if many.open == nil || !dialogOpen(w) {
		t.Fatal("the list did not open")
	}
}

// The codebook panel scrolls its codes: a thousand of them do not make the main window taller
// than the screen, and the memo keeps its place.
func TestCodebookPanelScrollsManyCodes(t *testing.T) {
	h := newHarness(t)
	rows := h.ws.codebook.content.(*fyne.Container)
	var layout *codesAndMemo
	for _, o := range rows.Objects {
		if c, ok := o.(*fyne.Container); ok {
			if l, ok := c.Layout.(*codesAndMemo); ok {
				layout = l
			}
		}
	}
	if layout == nil {
		t.Fatal("no codes-and-memo layout in the codebook panel")
	}
	box := layout.rows.(*fyne.Container)
	for i := range 1000 {
		box.Add(widget.NewButton(fmt.Sprintf("code %d", i), nil))
	}
	if hgt := h.ws.codebook.content.MinSize().Height; hgt > 400 {
		t.Errorf("the codebook panel needs %v of height with 1,000 codes", hgt)
	}
}

// In the list: the filter narrows it, None shown and All shown tick what it shows, Enter uses
// the names ticked and Escape leaves the choice as it was.
func TestPickListChooses(t *testing.T) {
	var names []string
	for i := range 30 {
		names = append(names, fmt.Sprintf("coder %d", i))
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Agreement")
	w.Resize(fyne.NewSize(1024, 700))
	p := newPickList(names, true, func() fyne.Window { return w })
	w.SetContent(p.object)
	p.showList()
	if p.open == nil {
		t.Fatal("no list")
	}
	filter := w.Canvas().Focused().(*widget.Entry)
	tapText := func(text string) {
		t.Helper()
		for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				test.Tap(b)
				return
			}
		}
		t.Fatalf("no button %q", text)
	}
	tapText("None shown")
	filter.SetText("coder 2")
	tapText("All shown") // coder 2, coder 20–29
	dialogKey(w, &fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(p.Selected) != 11 || p.Selected[0] != "coder 2" || p.open != nil {
		t.Errorf("chosen %q", p.Selected)
	}
	p.showList()
	tapText("All shown")
	dialogKey(w, &fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(p.Selected) != 11 {
		t.Errorf("Escape changed the choice: %q", p.Selected)
	}
}
