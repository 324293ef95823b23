package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding/version"
)

// The Help menu: the keyboard shortcuts, a short guide to the coding workflow, and About with
// the version, in the interface's language.

// shortcutsCard is Help → Keyboard shortcuts.
func (m *mainWindow) shortcutsCard() {
	rows := [][2]string{
		{T("↑ ↓  or  j k"), T("previous / next turn in the coding scope")},
		{"1 – 9", T("toggle the code with that shortcut on the selected turn")}, // not shown translated: keys, named as keyboards name them
		{"0", T("reviewed: no code applies")},                                   // not shown translated: keys, named as keyboards name them
		{"Enter", T("mark reviewed and go to the next turn not yet reviewed")},  // not shown translated: keys, named as keyboards name them
		{"Ctrl+Z", T("undo a coding action")},                                   // not shown translated: keys, named as keyboards name them
		{"Ctrl+Y, Ctrl+Shift+Z", T("redo")},                                     // not shown translated: keys, named as keyboards name them
		{T("Ctrl+F, then Enter"), T("search; the next hit")},
		{"Escape", T("back to the turns from the search or memo box")},                   // not shown translated: keys, named as keyboards name them
		{"a", T("settle the selected turn (compare view)")},                              // not shown translated: keys, named as keyboards name them
		{"Ctrl+O, Ctrl+N, Ctrl+I", T("open a project, a new project, import documents")}, // not shown translated: keys, named as keyboards name them
		{"Ctrl+R", T("the agreement window")},                                            // not shown translated: keys, named as keyboards name them
		{"Ctrl+Shift+A", T("the analysis window")},                                       // not shown translated: keys, named as keyboards name them
		{"Ctrl+E, Ctrl+Shift+E", T("export the workbook, the CSV files")},                // not shown translated: keys, named as keyboards name them
		{"Ctrl+Q", T("quit")},                                                            // not shown translated: keys, named as keyboards name them
		{T("Enter, Escape in a dialog"), T("confirm or close; cancel")},
		{T("Adjudication: ← →"), T("the first, the second coder's codes")},
		{T("Adjudication: b, n"), T("both coders' codes, no code")},
		{T("Adjudication: 1–9, Enter"), T("tick codes, settle with them")},
		{T("Adjudication: s or ↓, ↑"), T("skip, back")},
	}
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(r[1])
		l.Wrapping = fyne.TextWrapWord
		grid.Add(l)
	}
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(min(640, m.win.Canvas().Size().Width-80), min(480, m.win.Canvas().Size().Height-160)))
	show(m.win, dialog.NewCustom(T("Keyboard shortcuts"), T("Close"), scroll, m.win), nil)
}

// guideSteps are the coding workflow, step by step: a title and what to do.
func guideSteps() [][2]string {
	return [][2]string{
		{T("1. Import"), T("File → Import documents… (Ctrl+I): choose a folder and tick the files. The preview shows how each file reads: its speakers and their roles, its first lines, its warnings. If it reads wrongly, choose another format or encoding; mark labels that are not speakers; choose the roles of new speakers. Nothing is written until you press Import.")},
		{T("2. Code"), T("Choose who is coding (top left). Select a turn (↑ ↓ or a click) and press 1–9 to give it the code with that shortcut, or take it away; 0 when no code applies; Enter marks it reviewed and goes on to the next turn not yet reviewed. Every change is saved at once, and Ctrl+Z takes it back. The right panel holds the codebook (ⓘ shows a code's definition) and your memo on the turn.")},
		{T("3. Coder copies"), T("When several people code, the lead makes one file for each (File → Make coder copies…): it holds the documents, the speakers and the codebook, and none of the other coders' codings, and it opens as its coder, blind. Coders send their file back with File → Send my file…, or through a team folder (Project → Team folder…).")},
		{T("4. Merge"), T("File → Merge coder files… first shows what the files bring: new and changed codings for each coder, documents, changes to the codebook, conflicts. Nothing is written until you merge, and merging a file twice changes nothing.")},
		{T("5. Agreement"), T("Project → Agreement… (Ctrl+R) computes the agreement between coders for a scope (a document, a section, a role, some codes, some coders): percent agreement, Cohen's κ, Krippendorff's α with its interval and more, for each code and overall. Compare coders, at the top, shows every coder's codes on the turns.")},
		{T("6. Settle"), T("Project → Adjudicate disagreements… takes the disagreements one at a time: ← the first coder's codes, → the second's, b both, n no code, or tick codes with 1–9 and press Enter. The decisions make a consensus layer, which never counts as a coder.")},
		{T("7. Export"), T("File → Export agreement workbook… (Ctrl+E) writes an Excel workbook with every statistic, the disagreements, the coding matrix and the consensus for a methods section; Ctrl+Shift+E writes CSV files for R and pandas; File → Export REFI-QDA project… takes the whole project to ATLAS.ti, MAXQDA, NVivo or QualCoder.")},
	}
}

// guide is Help → Guide: the coding workflow from import to export.
func (m *mainWindow) guide() {
	box := container.NewVBox()
	intro := widget.NewLabel(T("turncoder codes conversation transcripts turn by turn. A study goes through these steps; the keys are in Help → Keyboard shortcuts."))
	intro.Wrapping = fyne.TextWrapWord
	box.Add(intro)
	for _, s := range guideSteps() {
		box.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(s[1])
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	scroll := container.NewVScroll(box)
	size := m.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(680, size.Width-80), min(520, size.Height-160)))
	show(m.win, dialog.NewCustom(T("Guide"), T("Close"), scroll, m.win), nil)
}

// aboutText is the About dialog's text: what turncoder is, its build, the project open.
func (m *mainWindow) aboutText() string {
	b := version.Build()
	commit := b.ShortCommit()
	if b.Modified {
		commit = T("%s (with changes not committed)", commit)
	}
	return T("turncoder %s\nCoding conversation transcripts turn by turn, agreement between coders, and the tables for a methods section.", b.Version) +
		"\n\n" + T("Version: %s", b.Version) + "\n" + T("Commit: %s", commit) + "\n" + T("Date: %s", b.Date) +
		"\n\n" + T("Project file: %s", m.path)
}

// about is Help → About.
func (m *mainWindow) about() {
	showInfo(m.win, T("About turncoder"), m.aboutText())
}
