package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// pickInline is the most names a pickList shows as a row of checks; with more (a codebook may
// hold 1,000 codes, a project 100 coders) the row would be wider than any screen, so a button
// says what is chosen and opens a searchable list.
const pickInline = 6

// pickList chooses some of a list of names (the agreement window's codes and coders).
// Options and Selected are read as a CheckGroup's are.
type pickList struct {
	Options  []string
	Selected []string
	coders   bool                  // the names are coders' (else codes')
	window   func() fyne.Window    // the window the list opens on
	group    *widget.CheckGroup    // few names: checks in a row
	button   *widget.Button        // many: the button that opens the list
	object   fyne.CanvasObject     // what the form shows
	open     *dialog.ConfirmDialog // the list, while open
}

func newPickList(options []string, coders bool, window func() fyne.Window) *pickList {
	p := &pickList{Options: options, coders: coders, window: window}
	if len(options) <= pickInline {
		p.group = widget.NewCheckGroup(options, func(sel []string) { p.Selected = sel })
		p.group.Horizontal = true
		p.object = p.group
	} else {
		p.button = widget.NewButton("", p.showList)
		p.button.Alignment = widget.ButtonAlignLeading
		p.object = container.NewHBox(p.button)
	}
	p.SetSelected(options)
	return p
}

// SetSelected chooses exactly these names (in the options' order).
func (p *pickList) SetSelected(names []string) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	p.Selected = p.Selected[:0:0]
	for _, o := range p.Options {
		if want[o] {
			p.Selected = append(p.Selected, o)
		}
	}
	if p.group != nil {
		p.group.SetSelected(p.Selected)
	} else {
		p.button.SetText(p.summary())
	}
}

// summary is the button's text: "All 1000 codes", "3 of 1000 codes: a, b, c", "No codes".
func (p *pickList) summary() string {
	n, all := len(p.Selected), len(p.Options)
	switch {
	case n == all && p.coders:
		return T("All %d coders…", all)
	case n == all:
		return T("All %d codes…", all)
	case n == 0 && p.coders:
		return T("No coders (of %d)…", all)
	case n == 0:
		return T("No codes (of %d)…", all)
	}
	names := p.Selected[:min(n, 3)]
	if n > 3 {
		names = append(names[:3:3], "…")
	}
	list := shortTitle(joinList(names), 60)
	if p.coders {
		return T("%d of %d coders: %s", n, all, list)
	}
	return T("%d of %d codes: %s", n, all, list)
}

// showList opens the names as a list of checks, filtered as one types, with All and None.
func (p *pickList) showList() {
	chosen := map[string]bool{}
	for _, s := range p.Selected {
		chosen[s] = true
	}
	shown := p.Options
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*widget.Check)
			name := shown[i]
			c.OnChanged = nil
			c.Text = name
			c.SetChecked(chosen[name])
			c.OnChanged = func(on bool) { chosen[name] = on }
		})
	filter := widget.NewEntry()
	if p.coders {
		filter.SetPlaceHolder(T("Filter coders"))
	} else {
		filter.SetPlaceHolder(T("Filter codes"))
	}
	filter.OnChanged = func(q string) {
		q = strings.ToLower(strings.TrimSpace(q))
		shown = p.Options
		if q != "" {
			shown = nil
			for _, o := range p.Options {
				if strings.Contains(strings.ToLower(o), q) {
					shown = append(shown, o)
				}
			}
		}
		list.Refresh()
	}
	mark := func(on bool) func() {
		return func() {
			for _, o := range shown {
				chosen[o] = on
			}
			list.Refresh()
		}
	}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButton(T("All shown"), mark(true)), widget.NewButton(T("None shown"), mark(false))), filter)
	content := container.NewBorder(top, nil, nil, nil, list)
	title := T("Choose codes")
	if p.coders {
		title = T("Choose coders")
	}
	d := dialog.NewCustomConfirm(title, T("Use these"), T("Cancel"), content, func(ok bool) {

		p.open = nil
		if !ok {
			return
		}
		var sel []string
		for _, o := range p.Options {
			if chosen[o] {
				sel = append(sel, o)
			}
		}
		p.SetSelected(sel)
	}, p.window())
	d.Resize(fyne.NewSize(460, 520))
	p.open = d
	show(p.window(), d, d.Confirm) // Enter uses the names ticked, Escape cancels
	p.window().Canvas().Focus(filter)
}
