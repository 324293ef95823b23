package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
)

// Edit → Preferences…: the interface's language, remembered in the app's preferences
// (prefLanguage) and applied at once: the window and the windows open beside it are built
// again in the language chosen, showing what they showed.

// languageName is a language of Languages by its own name.
func languageName(tag string) string {
	for _, l := range Languages {
		if l.Tag == tag {
			return l.Name
		}
	}
	return tag
}

// languageOptions are the language select's options: follow the system (naming the language
// that is), then each language by its own name.
func languageOptions() []string {
	out := []string{T("Follow the system (%s)", languageName(system))}
	for _, l := range Languages {
		out = append(out, l.Name)
	}
	return out
}

// languageChosen is the tag an option of languageOptions stands for ("" follows the system).
func languageChosen(option string) string {
	for _, l := range Languages {
		if l.Name == option {
			return l.Tag
		}
	}
	return ""
}

// preferencesDialog is Edit → Preferences…: the language of the interface. Apply (or Enter)
// builds the window again in it; the choice holds for the next start too.
func (m *mainWindow) preferencesDialog() {
	options := languageOptions()
	choice := newKeyedSelect(m.win, options, nil)
	choice.SetSelected(options[0])
	if LanguageChosen() {
		choice.SetSelected(languageName(Language()))
	}
	note := widget.NewLabel(T("The menus, the windows and their messages change at once. Sentences that come from the project file or from reading a transcript stay in English, and so, on macOS and Windows, do the buttons of the system's own dialogs, which follow the system's language."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem(T("Language"), choice))
	body := container.New(fixedSize{fyne.NewSize(min(480, m.win.Canvas().Size().Width-80), 0)}, container.NewVBox(form, note))
	showCustomConfirm(m.win, T("Preferences"), T("Apply"), T("Cancel"), body, func(ok bool) {
		if ok {
			m.setLanguage(languageChosen(choice.Selected))
		}
	})
}

// setLanguage makes the interface speak tag ("" the system's language), remembers it, and
// builds the windows again in it.
func (m *mainWindow) setLanguage(tag string) {
	m.app.Preferences().SetString(prefLanguage, tag)
	SetLanguage(tag)
	if err := m.relabel(); err != nil {
		showError(m.win, err)
		return
	}
	m.ws.setStatus(T("The interface speaks %s now.", languageName(Language())))
}

// relabel builds the window again in the interface's language, as it was: the document and
// the turn shown, the coder, the compare view, the filter, the search typed, the undo history
// and the memo (saved first); and the windows open beside it (agreement, adjudication,
// codebook, speakers), with what they showed and what was typed in them.
func (m *mainWindow) relabel() error {
	old := m.ws
	old.codebook.flushMemo()
	ws, err := NewWorkspace(old.ctx, m.p, m.win, old.coder)
	if err != nil {
		return err
	}
	ws.onCoder, ws.onSaved = old.onCoder, old.onSaved
	ws.onSettle = func(l coding.Line) { m.openAdjudicator(coding.Scope{Document: ws.doc}, l.TurnID) } // as show sets it, on this workspace

	if old.bound != "" {
		ws.bindTo(old.bound)
	}
	ws.team, ws.saved = old.team, old.saved
	if old.doc != "" && old.doc != ws.doc {
		if err := ws.OpenDocument(old.doc); err != nil {
			return err
		}
	}
	if old.compare {
		if err := ws.SetCompare(true); err != nil {
			return err
		}
	}
	ws.bar.showFilter(old.filter)
	ws.applyFilter()
	ws.bar.search.SetText(old.bar.search.Text)
	if l := old.selectedLine(); l != nil {
		ws.SelectTurn(l.Number)
	}
	ws.undo, ws.redo = old.undo, old.redo
	m.ws = ws
	m.setTitle()
	m.win.SetContent(ws.Content())
	m.install()
	ws.updateStatus()
	m.relabelAgreement()
	m.relabelAnalysis()
	m.relabelAdjudicator()
	for i, e := range m.codebooks {
		m.codebooks[i] = e.relabel()
	}
	for i, d := range m.speakerDialogs {
		m.speakerDialogs[i] = d.relabel()
	}
	ws.focusList()
	return nil
}

// relabelAgreement builds the open agreement window's view again, with the scope its controls
// were set to and the figures it showed (not computed again).
func (m *mainWindow) relabelAgreement() {
	old := m.agreement
	if old == nil {
		return
	}
	v := m.newAgreementView(m.agreementWin)
	v.setScope(old.scope())
	v.refChoice, v.refCoder = old.refChoice, old.refCoder // the Reference tab keeps its reference
	m.agreement = v
	m.agreementWin.SetTitle(T("Agreement — %s", m.win.Title()))
	m.agreementWin.SetContent(v.content)
	if old.units != nil { // figures were shown: show them again, from the data they were computed on
		v.show(old.computed, v.describe(), old.rel, old.data, old.report, old.settled)
	}
}

// relabelAdjudicator builds the open adjudication window again at the same disagreement, with
// the codes ticked and the note typed, and what was skipped.
func (m *mainWindow) relabelAdjudicator() {
	old := m.adj
	if old == nil {
		return
	}
	ticked, drafting, note := old.ticked(), old.drafting, old.note.Text
	m.reloadAdjudicator()
	a := m.adj
	if a == nil || a == old {
		return
	}
	m.adjWin.SetTitle(T("Adjudication — %s", m.win.Title()))
	if a.current() != old.current() {
		return // the disagreement is one no more (settled in the meantime): nothing typed for it
	}
	a.skipped, a.end = old.skipped, old.end
	a.show()
	if drafting {
		a.decision.OnChanged = nil
		a.tick(ticked)
		a.decision.OnChanged = a.draftChanged
		a.drafting = true
	}
	a.note.SetText(note)
}

// relabel builds the codebook editor again in its window, showing the code it showed (or the
// new code being made) with what was typed in the form.
func (e *codebookEditor) relabel() *codebookEditor {
	n := newCodebookEditor(e.m, e.win)
	typed := e.form()
	if e.draft != nil {
		n.draft = e.draft
		n.current = ""
		n.list.UnselectAll()
		for _, w := range []fyne.Disableable{n.name, n.nameZH, n.definition, n.inclusion, n.exclusion, n.example,
			n.colour, n.shortcut, n.parent, n.save} {
			w.Enable()
		}
		n.fill(typed)
	} else if e.current != "" {
		n.show(e.current)
		if n.current == e.current {
			n.fill(typed)
		}
	}
	e.win.SetTitle(T("Codebook"))
	e.win.SetContent(n.content)
	return n
}

// relabel builds the speakers dialog again in its window, with the speaker selected and the
// label typed.
func (d *speakersDialog) relabel() *speakersDialog {
	n := newSpeakersDialog(d.m, d.win)
	n.show(d.current)
	if n.current != "" {
		n.newLabel.SetText(d.newLabel.Text)
		if d.mergeInto.Selected != "" {
			n.mergeInto.SetSelected(d.mergeInto.Selected)
		}
	}
	d.win.SetTitle(T("Speakers"))
	d.win.SetContent(n.content)
	return n
}
