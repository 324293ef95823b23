package ui

import (
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// Correcting the segmentation of a document nobody has coded yet (Edit menu): join the
// selected turn with the next, split it at a place chosen with the cursor, give it another
// speaker, make it a note. Each correction is written at once (store.EditSegmentation, one
// audited transaction) and goes on the undo stack with the codings: Ctrl+Z puts the document
// back as it was (store.RestoreSegmentation), Ctrl+Y does it again.

// segmentEdit is a correction in the undo stack: the document's items before and after it,
// what it was (a sentence of say: its English the audit log's), and the turn to select on
// either side.
type segmentEdit struct {
	what                  error
	before, after         []coding.Item
	turnBefore, turnAfter int
}

// Correct makes one correction of the open document's segmentation and shows the document
// corrected, with the turn selected. A refusal (someone has coded the document, copies were
// made, the turn cannot be split there) is an error of one sentence; nothing is changed.
func (ws *Workspace) Correct(e coding.Edit) error {
	if ws.doc == "" {
		return errors.New(T("open a document first"))
	}
	ws.codebook.flushMemo()
	before, err := ws.p.Segmentation(ws.ctx, ws.doc)
	if err != nil {
		return err
	}
	done, err := ws.p.EditSegmentationSay(ws.ctx, ws.doc, e)
	if err != nil {
		return err
	}
	after, err := ws.p.Segmentation(ws.ctx, ws.doc)
	if err != nil {
		return err
	}
	if slices.Equal(before, after) {
		ws.setStatus(errText(done))
		return nil
	}
	// Codings undone on this document before (a key pressed by mistake) name turns the
	// correction has remade: they leave the stacks, which keep the corrections and the
	// other documents' codings.
	ws.undo = slices.DeleteFunc(ws.undo, func(u edit) bool { return u.doc == ws.doc && u.seg == nil })
	ws.undo = append(ws.undo, edit{doc: ws.doc, seg: &segmentEdit{what: done, before: before, after: after, turnBefore: e.Turn, turnAfter: e.Turn}})
	ws.redo = nil
	if err := ws.showCorrected(e.Turn); err != nil {
		return err
	}
	ws.setStatus(T("%s  ·  Ctrl+Z takes it back", errText(done)))
	return nil
}

// stepCorrection takes a correction back (undo) or makes it again, and shows the document.
func (ws *Workspace) stepCorrection(e edit, undo bool) error {
	// The audit log's entry is the sentence's English, as the project file's are; the status
	// line, and a refusal, say it in the interface's language.
	items, turn, what := e.seg.after, e.seg.turnAfter, store.Redo(e.seg.what)
	if undo {
		items, turn, what = e.seg.before, e.seg.turnBefore, store.Undo(e.seg.what)
	}
	if e.doc != ws.doc {
		if err := ws.OpenDocument(e.doc); err != nil {
			return err
		}
	}
	if err := ws.p.RestoreSegmentationSay(ws.ctx, e.doc, items, what); err != nil {
		return err
	}
	if err := ws.showCorrected(turn); err != nil {
		return err
	}
	ws.setStatus(errText(what))
	return nil
}

// showCorrected shows the open document after a correction: its lines, the progress counts
// (its codable turns changed), the speaker filters (a speaker may have come or gone), with
// turn n selected.
func (ws *Workspace) showCorrected(n int) error {
	if err := ws.refreshProgress(); err != nil {
		return err
	}
	ws.bar.loadFilters()
	if err := ws.OpenDocument(ws.doc); err != nil {
		return err
	}
	ws.SelectTurn(n)
	if ws.onSaved != nil {
		ws.onSaved()
	}
	return nil
}

// correctSelected is an Edit menu item's action: the selected turn's correction, made by
// correction (which may ask first), or the sentence that says why it cannot be made.
func (m *mainWindow) correctSelected(kind coding.EditKind, correction func(l coding.Line)) {
	l := m.ws.selectedLine()
	if l == nil {
		showInfo(m.win, T("Correct the segmentation"), T("Select a turn first (a click, or ↑ ↓)."))
		return
	}
	why, err := m.p.SegmentationLockedWhy(m.ws.ctx, m.ws.doc)
	if err != nil {
		showError(m.win, err)
		return
	}
	if why != nil {
		m.refuseCorrection(errors.New(cannotBe(kind, l.Number, m.ws.documentTitle(), errText(why))))
		return
	}
	correction(*l)
}

// cannotBe says why a correction cannot be made to a turn: "turn 3 of call cannot be split:
// …" (the reason is the store's, in the interface's language).
func cannotBe(kind coding.EditKind, turn int, doc, reason string) string {
	switch kind {
	case coding.EditJoin:
		return T("turn %d of %s cannot be joined with the next turn: %s", turn, doc, reason)
	case coding.EditSplit:
		return T("turn %d of %s cannot be split: %s", turn, doc, reason)
	case coding.EditSpeaker:
		return T("turn %d of %s cannot be given another speaker: %s", turn, doc, reason)
	}
	return T("turn %d of %s cannot be made a note: %s", turn, doc, reason)
}

// refuseCorrection says why a correction was not made, in a dialog and the status line.
func (m *mainWindow) refuseCorrection(err error) {
	msg := sentence(errText(err))
	m.ws.setStatus(msg)
	showInfo(m.win, T("Correct the segmentation"), msg)
}

// sentence starts s with a capital and ends it with a full stop: "." after Latin text, "。"
// after Chinese.
func sentence(s string) string {
	if s == "" {
		return s
	}
	first, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(first)) + s[n:]
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case strings.ContainsRune(".。!！?？", last):
	case isWideRune(last):
		s += "。"
	default:
		s += "."
	}
	return s
}

// correct makes e and shows its refusal, if any, in a dialog; the agreement window follows.
func (m *mainWindow) correct(e coding.Edit) {
	if err := m.ws.Correct(e); err != nil {
		m.refuseCorrection(err)
		return
	}
	if m.agreement != nil {
		m.agreement.compute()
	}
}

func (m *mainWindow) joinTurn() {
	m.correctSelected(coding.EditJoin, func(l coding.Line) { m.correct(coding.Edit{Kind: coding.EditJoin, Turn: l.Number}) })
}

func (m *mainWindow) noteTurn() {
	m.correctSelected(coding.EditNote, func(l coding.Line) { m.correct(coding.Edit{Kind: coding.EditNote, Turn: l.Number}) })
}

// splitTurn shows the turn's text with a cursor: the researcher puts it where the turn is to
// be split (a click, the arrow keys) and Split (or Enter) splits it there. Split waits until
// the cursor stands inside the text, so the dialog never closes on a split that cannot be.
func (m *mainWindow) splitTurn() {
	m.correctSelected(coding.EditSplit, func(l coding.Line) {
		text := newCursorEntry(l.Text)
		hint := widget.NewLabel(T("Put the cursor where turn %d is to be split (a click, or the arrow keys), then Split. What stands before the cursor stays turn %d, %s's; the rest becomes turn %d, %s's too.",
			l.Number, l.Number, speakerName(l), l.Number+1, speakerName(l)))
		hint.Wrapping = fyne.TextWrapWord
		where := widget.NewLabel("")
		n := utf8.RuneCountInString(l.Text)
		var d dialog.Dialog
		var splitButton *widget.Button
		inside := func() bool { at := text.CursorTextOffset(); return at > 0 && at < n }
		split := func() {
			if !inside() {
				return
			}
			d.Hide()
			m.correct(coding.Edit{Kind: coding.EditSplit, Turn: l.Number, At: text.CursorTextOffset()})
		}
		splitButton = widget.NewButtonWithIcon(T("Split"), theme.ConfirmIcon(), split)
		splitButton.Importance = widget.HighImportance
		cursorMoved := func() {
			at := text.CursorTextOffset()
			if inside() {
				splitButton.Enable()
				where.SetText(T("The cursor stands after character %d of %d.", at, n))
			} else {
				splitButton.Disable()
				where.SetText(T("Put the cursor inside the text: a turn splits into two parts that both hold something."))
			}
		}
		text.OnCursorChanged = cursorMoved
		cancel := widget.NewButtonWithIcon(T("Cancel"), theme.CancelIcon(), func() { d.Hide() })
		size := m.win.Canvas().Size()
		body := container.NewBorder(hint, container.NewVBox(where, container.NewCenter(container.NewHBox(cancel, splitButton))), nil, nil, text)
		box := container.New(fixedSize{fyne.NewSize(min(size.Width-80, 640), min(size.Height-180, 360))}, body)
		d = dialog.NewCustomWithoutButtons(T("Split turn %d", l.Number), box, m.win)
		show(m.win, d, split)
		text.onEnter = split
		text.onEscape = d.Hide
		m.win.Canvas().Focus(text)
		cursorMoved()
	})
}

// speakerTurn asks for the turn's speaker: one of the project's, or a new label typed.
func (m *mainWindow) speakerTurn() {
	m.correctSelected(coding.EditSpeaker, func(l coding.Line) {
		speakers, err := m.p.Speakers(m.ws.ctx)
		if err != nil {
			showError(m.win, err)
			return
		}
		// This document's speakers first, in the order they speak; then the project's others.
		var labels []string
		seen := map[string]bool{}
		for _, dl := range m.ws.lines {
			if dl.Kind == coding.KindTurn && dl.Speaker != "" && !seen[dl.Speaker] {
				seen[dl.Speaker] = true
				labels = append(labels, dl.Speaker)
			}
		}
		for _, s := range speakers {
			if !seen[s.Label] {
				labels = append(labels, s.Label)
			}
		}
		who := widget.NewSelectEntry(labels)
		who.SetPlaceHolder(T("a speaker of the project, or a new label"))
		who.SetText(l.Speaker)
		hint := widget.NewLabel(T("Turn %d: %s", l.Number, clip(l.Text, 120)))
		hint.Wrapping = fyne.TextWrapWord
		box := container.New(fixedSize{fyne.NewSize(min(m.win.Canvas().Size().Width-80, 480), 0)}, container.NewVBox(hint, who))
		d := showCustomConfirm(m.win, T("Speaker of turn %d", l.Number), T("Change"), T("Cancel"), box, func(ok bool) {
			if ok {
				m.correct(coding.Edit{Kind: coding.EditSpeaker, Turn: l.Number, Label: who.Text})
			}
		})
		who.OnSubmitted = func(string) { d.Confirm() }
		m.win.Canvas().Focus(who)
	})
}

func speakerName(l coding.Line) string {
	if l.Speaker == "" {
		return T("a paragraph")

	}
	return l.Speaker
}

// clip cuts s to n characters, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// documentTitle is the open document's title.
func (ws *Workspace) documentTitle() string {
	for _, d := range ws.docs {
		if d.ID == ws.doc {
			return d.Title
		}
	}
	return ws.doc
}

// cursorEntry shows a text with a cursor that moves (a click, the arrow keys, Home, End) and
// text that cannot be changed: where the cursor stands is the answer. Enter confirms.
type cursorEntry struct {
	widget.Entry
	onEnter, onEscape func()
}

func newCursorEntry(text string) *cursorEntry {
	e := &cursorEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetText(text)
	return e
}

// TypedRune types nothing: the text stays as it is.
func (e *cursorEntry) TypedRune(rune) {}

// TypedKey moves the cursor; Enter confirms; keys that would change the text do nothing.
func (e *cursorEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.onEnter != nil {
			e.onEnter()
		}
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		}
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut copies and selects; it never pastes, cuts or undoes into the text.
func (e *cursorEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		e.Entry.TypedShortcut(s)
	}
}

// fixedSize asks for a size of its own and lays its objects over all of it (a zero height:
// theirs).
type fixedSize struct{ size fyne.Size }

func (f fixedSize) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f fixedSize) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := f.size
	for _, o := range objs {
		if f.size.Height == 0 {
			s.Height = max(s.Height, o.MinSize().Height)
		}
		if f.size.Width == 0 {
			s.Width = max(s.Width, o.MinSize().Width)
		}
	}
	return s
}
