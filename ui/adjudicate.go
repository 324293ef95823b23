package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// adjudicator settles disagreements into the consensus layer, one turn at a time, from the
// keyboard: ← takes the first coder's codes, → the second's, b both (all coders' codes
// together), n no code; 1–9 tick codes of the codebook in the decision row and Enter settles
// with the ticked ones (new codes); s or ↓ skips to the next, ↑ goes back. A note is kept as
// the consensus layer's memo on the turn.
type adjudicator struct {
	ctx      context.Context
	p        *store.Project
	scope    coding.Scope
	codes    []coding.Code // the codes in scope, which the coders' sets are made of
	codebook []coding.Code // every live code, which a decision may use
	coders   []string
	units    []coding.Unit
	sets     []map[string][]string // per unit: coder -> code names (reviewed coders only)
	at       int
	settled  map[string][]string // turn id -> code names the consensus layer holds

	// drafting is true once the lead has ticked or unticked a code in the decision row of
	// the current unit: Enter then settles with the ticked codes.
	drafting bool
	// onDecide is told of each decision (the main window refreshes its compare view);
	// unfocus gives the keys back to the window after a click on the decision row.
	onDecide func()
	unfocus  func()

	header   *widget.Label
	text     *widget.Label
	choices  *widget.Label
	decision *widget.CheckGroup
	note     *widget.Entry
	status   *widget.Label
	content  fyne.CanvasObject
}

// newAdjudicator loads the disagreements of scope: the turns that two or more coders reviewed
// with different codes, and what the consensus layer already holds on them.
func newAdjudicator(ctx context.Context, p *store.Project, scope coding.Scope) (*adjudicator, error) {
	if err := p.EnsureConsensus(ctx); err != nil {
		return nil, err
	}
	rel, err := p.Reliability(ctx, scope)
	if err != nil {
		return nil, err
	}
	codebook, err := p.Codes(ctx)
	if err != nil {
		return nil, err
	}
	a := &adjudicator{ctx: ctx, p: p, scope: scope, codes: rel.Codes, codebook: codebook, coders: rel.Coders, settled: map[string][]string{}}
	byUnit := map[string]map[string][]string{}
	for _, j := range rel.Judgements {
		if byUnit[j.Unit] == nil {
			byUnit[j.Unit] = map[string][]string{}
		}
		s := byUnit[j.Unit][j.Coder]
		if j.Code != "" && !slices.Contains(s, j.Code) {
			s = append(s, j.Code)
		}
		byUnit[j.Unit][j.Coder] = s
	}
	docs := map[string]bool{}
	for _, u := range rel.Units {
		sets := byUnit[u.TurnID]
		if len(sets) < 2 || allSame(sets) {
			continue
		}
		a.units = append(a.units, u)
		a.sets = append(a.sets, sets)
		docs[u.DocumentID] = true
	}
	// Decisions taken before (in an earlier session, or another window).
	for doc := range docs {
		states, err := p.States(ctx, store.ConsensusCoder, doc)
		if err != nil {
			return nil, err
		}
		for turn, st := range states {
			if st.Reviewed {
				a.settled[turn] = a.names(st.Codes)
			}
		}
	}

	a.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.text = widget.NewLabel("")
	a.text.Wrapping = fyne.TextWrapWord
	a.choices = widget.NewLabel("")
	var opts []string // the decision row's options: a.codebook's codes, in its order
	for _, c := range codebook {
		opt := c.Name
		if c.Shortcut != "" {
			opt = c.Shortcut + "  " + c.Name
		}
		opts = append(opts, opt)
	}
	a.decision = widget.NewCheckGroup(opts, a.draftChanged)
	a.decision.Horizontal = true
	settle := widget.NewButton("Settle with the ticked codes (Enter)", a.settleDraft)
	a.note = widget.NewEntry()
	a.note.SetPlaceHolder("note on the decision (saved with it)")
	a.status = widget.NewLabel("")
	keys := widget.NewLabel("← first coder   → second coder   b both   n no code   1–9 tick codes, Enter settle   s / ↓ skip   ↑ back")
	keys.Importance = widget.LowImportance
	decisionRow := container.NewBorder(nil, nil, widget.NewLabel("New codes"), settle, a.decision)
	a.content = container.NewBorder(container.NewVBox(a.header, widget.NewSeparator()), container.NewVBox(keys, a.status), nil, nil,
		container.NewVScroll(container.NewVBox(a.text, widget.NewSeparator(), a.choices, decisionRow, a.note)))
	a.show()
	return a, nil
}

func allSame(sets map[string][]string) bool {
	var first []string
	n := 0
	for _, s := range sets {
		s = slices.Clone(s)
		slices.Sort(s)
		if n > 0 && !slices.Equal(first, s) {
			return false
		}
		first, n = s, n+1
	}
	return true
}

// names are the names of code ids, in codebook order.
func (a *adjudicator) names(ids []string) []string {
	var out []string
	for _, c := range a.codebook {
		if slices.Contains(ids, c.ID) {
			out = append(out, c.Name)
		}
	}
	return out
}

// goTo shows the disagreement on turn id; false if it is not one of this scope's.
func (a *adjudicator) goTo(turnID string) bool {
	for i, u := range a.units {
		if u.TurnID == turnID {
			a.at = i
			a.show()
			return true
		}
	}
	return false
}

// reviewing lists the coders who reviewed the current unit, in the project's coder order.
func (a *adjudicator) reviewing() []string {
	var out []string
	for _, c := range a.coders {
		if _, ok := a.sets[a.at][c]; ok {
			out = append(out, c)
		}
	}
	return out
}

func (a *adjudicator) show() {
	a.drafting = false
	if len(a.units) == 0 {
		a.header.SetText("No disagreements in this scope")
		a.text.SetText("")
		a.choices.SetText("")
		a.decision.Disable()
		return
	}
	u := a.units[a.at]
	a.header.SetText(fmt.Sprintf("Disagreement %d of %d — %s, turn %d, %s", a.at+1, len(a.units), u.Document, u.Number, u.Speaker))
	a.text.SetText(u.Text)
	var lines []string
	for i, c := range a.reviewing() {
		key := ""
		switch i {
		case 0:
			key = "←  "
		case 1:
			key = "→  "
		}
		lines = append(lines, fmt.Sprintf("%s%s: %s", key, c, codeList(a.sets[a.at][c])))
	}
	settled, ok := a.settled[u.TurnID]
	if ok {
		lines = append(lines, "settled: "+codeList(settled))
	}
	a.choices.SetText(strings.Join(lines, "\n"))
	// The decision row starts from the decision taken, if any.
	a.decision.OnChanged = nil
	a.tick(settled)
	a.decision.OnChanged = a.draftChanged
	note, err := a.p.Memo(a.ctx, store.ConsensusCoder, u.TurnID)
	if err != nil {
		a.status.SetText(err.Error())
	}
	a.note.SetText(note)
}

// draftChanged notes that the lead has chosen codes in the decision row, and hands the keys
// back to the window (a click on a check box would keep them).
func (a *adjudicator) draftChanged([]string) {
	a.drafting = true
	if a.unfocus != nil {
		a.unfocus()
	}
}

// ticked is the codes ticked in the decision row, in codebook order.
func (a *adjudicator) ticked() []string {
	var out []string
	for i, c := range a.codebook {
		if slices.Contains(a.decision.Selected, a.decision.Options[i]) {
			out = append(out, c.Name)
		}
	}
	return out
}

// tick ticks exactly the codes named in the decision row.
func (a *adjudicator) tick(names []string) {
	var opts []string
	for i, c := range a.codebook {
		if slices.Contains(names, c.Name) {
			opts = append(opts, a.decision.Options[i])
		}
	}
	a.decision.SetSelected(opts)
}

func codeList(codes []string) string {
	if len(codes) == 0 {
		return "(no code)"
	}
	return strings.Join(codes, " + ")
}

// toggle ticks or unticks, in the decision row, the code with shortcut key k.
func (a *adjudicator) toggle(k rune) {
	for _, c := range a.codebook {
		if c.Shortcut != string(k) {
			continue
		}
		names := a.ticked()
		if i := slices.Index(names, c.Name); i >= 0 {
			names = slices.Delete(names, i, i+1)
		} else {
			names = append(names, c.Name)
		}
		a.tick(names) // OnChanged marks the draft
		return
	}
	a.status.SetText(fmt.Sprintf("no code has the shortcut %c", k))
}

// settleDraft settles the current unit with the codes ticked in the decision row.
func (a *adjudicator) settleDraft() {
	if len(a.units) == 0 {
		return
	}
	if !a.drafting {
		a.status.SetText("tick the codes with 1–9 (or a click) first, then Enter; or ← → b n")
		return
	}
	a.decide(a.ticked(), false)
}

// decide writes codes as the consensus on the current unit, with the note, and moves on.
// With keepOutOfScope, codes outside the scope's codes that the consensus layer already holds
// on the turn are kept: a decision about some codes leaves the others alone. New codes chosen
// from the whole codebook replace them.
func (a *adjudicator) decide(codes []string, keepOutOfScope bool) {
	if len(a.units) == 0 {
		return
	}
	u := a.units[a.at]
	inScope := map[string]bool{}
	for _, c := range a.codes {
		inScope[c.Name] = true
	}
	for _, c := range a.settled[u.TurnID] {
		if !inScope[c] && !slices.Contains(codes, c) && keepOutOfScope {
			codes = append(codes, c)
		}
	}
	var ids, names []string
	for _, c := range a.codebook { // codebook order
		if slices.Contains(codes, c.Name) {
			ids, names = append(ids, c.ID), append(names, c.Name)
		}
	}
	if err := a.p.SetState(a.ctx, store.ConsensusCoder, u.TurnID, coding.TurnState{Codes: ids, Reviewed: true}, "adjudicate"); err != nil {
		a.status.SetText("not saved: " + err.Error())
		return
	}
	if err := a.p.SetMemo(a.ctx, store.ConsensusCoder, u.TurnID, strings.TrimSpace(a.note.Text)); err != nil {
		a.status.SetText("note not saved: " + err.Error())
		return
	}
	a.settled[u.TurnID] = names
	a.status.SetText(fmt.Sprintf("turn %d settled: %s", u.Number, codeList(names)))
	if a.onDecide != nil {
		a.onDecide()
	}
	a.next(1)
}

func (a *adjudicator) next(d int) {
	if n := len(a.units); n > 0 {
		a.at = min(max(a.at+d, 0), n-1)
	}
	a.show()
}

// typedKey and typedRune are the adjudicator's keys (when the note field is not being typed in).
func (a *adjudicator) typedKey(ev *fyne.KeyEvent) {
	if len(a.units) == 0 {
		return
	}
	who := a.reviewing()
	switch ev.Name {
	case fyne.KeyLeft:
		a.decide(a.sets[a.at][who[0]], true)
	case fyne.KeyRight:
		a.decide(a.sets[a.at][who[1]], true)
	case fyne.KeyReturn, fyne.KeyEnter:
		a.settleDraft()
	case fyne.KeyDown:
		a.next(1)
	case fyne.KeyUp:
		a.next(-1)
	}
}

func (a *adjudicator) typedRune(r rune) {
	if len(a.units) == 0 {
		return
	}
	switch {
	case r == 'b':
		var all []string
		for _, c := range a.codes {
			for _, s := range a.sets[a.at] {
				if slices.Contains(s, c.Name) && !slices.Contains(all, c.Name) {
					all = append(all, c.Name)
				}
			}
		}
		a.decide(all, true)
	case r == 'n':
		a.decide(nil, true)
	case r == 's':
		a.next(1)
	case r >= '1' && r <= '9':
		a.toggle(r)
	}
}

// showAdjudicator opens the adjudication window for the agreement view's last scope.
func (m *mainWindow) showAdjudicator() {
	m.openAdjudicator(m.export.scope, "")
}

// openAdjudicator opens the adjudication window on the disagreements of scope, at the one on
// turnID if given. One adjudication window is open at a time: opening again replaces what it
// shows. It returns nil, with the reason in the status line, when the turn is not a
// disagreement of scope.
func (m *mainWindow) openAdjudicator(scope coding.Scope, turnID string) *adjudicator {
	a, err := newAdjudicator(context.Background(), m.p, scope)
	if err != nil {
		m.ws.setStatus(err.Error())
		return nil
	}
	if turnID != "" && !a.goTo(turnID) {
		m.ws.setStatus("nothing to settle on that turn: fewer than two coders reviewed it, or they gave the same codes")
		return nil
	}
	m.showAdjudication(a)
	m.adjWin.Show()
	m.adjWin.RequestFocus()
	return a
}

// reloadAdjudicator shows the open adjudication window again from the project file (after the
// project was reopened), at the same disagreement if it still is one, without raising it.
func (m *mainWindow) reloadAdjudicator() {
	old := m.adj
	a, err := newAdjudicator(context.Background(), m.p, old.scope)
	if err != nil {
		m.adjWin.Close()
		m.ws.setStatus(err.Error())
		return
	}
	a.goTo(old.current())
	m.showAdjudication(a)
}

// showAdjudication puts a in the adjudication window, making the window if need be.
func (m *mainWindow) showAdjudication(a *adjudicator) {
	w := m.adjWin
	if w == nil {
		w = m.app.NewWindow("Adjudication — " + m.win.Title())
		w.Resize(fyne.NewSize(860, 500))
		w.SetOnClosed(func() {
			if m.adjWin == w {
				m.adjWin, m.adj = nil, nil
			}
		})
		m.adjWin = w
	}
	m.adj = a
	w.SetContent(a.content)
	a.note.OnSubmitted = func(string) { w.Canvas().Unfocus() } // Enter: back to the keys
	a.unfocus = w.Canvas().Unfocus
	a.onDecide = func() {
		if m.ws.compare {
			if err := m.ws.reloadStates(); err != nil {
				m.ws.setStatus(err.Error())
			}
		}
		if m.agreement != nil {
			m.agreement.refreshSettled()
		}
	}
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if !dialogKey(w, ev) {
			a.typedKey(ev)
		}
	})
	w.Canvas().SetOnTypedRune(func(r rune) {
		if !dialogOpen(w) {
			a.typedRune(r)
		}
	})
}

// current is the turn id of the disagreement shown, or "".
func (a *adjudicator) current() string {
	if len(a.units) == 0 {
		return ""
	}
	return a.units[a.at].TurnID
}
