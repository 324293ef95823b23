package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
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

	// end is true once the lead has moved past the last disagreement: the window then shows
	// what was settled, skipped and left. skipped holds the turns passed over without a
	// decision in this window.
	end     bool
	skipped map[string]bool
	lines   map[string][]coding.Line // each document's lines, for the turns around the disputed one

	header   *widget.Label
	before   *widget.Label // the turns before the disputed one, dimmed
	text     *widget.Label
	after    *widget.Label
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
	a := &adjudicator{ctx: ctx, p: p, scope: scope, codes: rel.Codes, codebook: codebook, coders: rel.Coders, settled: map[string][]string{},
		skipped: map[string]bool{}, lines: map[string][]coding.Line{}}
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
	a.text.TextStyle.Bold = true
	a.before, a.after = widget.NewLabel(""), widget.NewLabel("")
	for _, l := range []*widget.Label{a.before, a.after} {
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
	}
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
	settle := widget.NewButton(T("Settle with the ticked codes (Enter)"), a.settleDraft)
	a.note = widget.NewEntry()
	a.note.SetPlaceHolder(T("note on the decision (saved with it)"))
	a.status = widget.NewLabel("")
	help := T("← first coder   → second coder   b both   n no code   1–9 tick codes, Enter settle   s / ↓ skip   ↑ back")
	if len(a.coders) > 2 {
		help = T("← first coder   → second coder   Ctrl+1–9 that coder (the number before the name)   b all   n no code   1–9 tick codes, Enter settle   s / ↓ skip   ↑ back")
	}
	keys := widget.NewLabel(help)
	keys.Importance = widget.LowImportance
	keys.Wrapping = fyne.TextWrapWord
	auto := widget.NewButton(T("Settle every agreed turn"), a.settleAgreed)
	decisionRow := container.NewBorder(nil, nil, widget.NewLabel(T("New codes")), settle, a.decision)
	a.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, auto, a.header), widget.NewSeparator()), container.NewVBox(keys, a.status), nil, nil,
		container.NewVScroll(container.NewVBox(a.before, a.text, a.after, widget.NewSeparator(), a.choices, decisionRow, a.note)))
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
	if len(a.units) == 0 || a.end {
		if len(a.units) == 0 {
			a.header.SetText(T("No disagreements in this scope"))
			a.text.SetText("")
		} else {
			a.header.SetText(T("Every disagreement visited"))
			a.text.SetText(a.summary())
		}
		a.before.SetText("")
		a.after.SetText("")
		a.choices.SetText("")
		a.decision.Disable()
		return
	}
	a.decision.Enable()
	u := a.units[a.at]
	a.header.SetText(T("Disagreement %d of %d — %s, turn %d, %s", a.at+1, len(a.units), u.Document, u.Number, u.Speaker))
	a.text.SetText(fmt.Sprintf("%d %s: %s", u.Number, u.Speaker, u.Text)) // not shown translated: no words, the turn's number, speaker and text
	before, after := a.around(u, 2, 1)
	a.before.SetText(before)
	a.after.SetText(after)
	var lines []string
	for i, c := range a.reviewing() {
		key := ""
		switch i {
		case 0:
			key = "←  "
		case 1:
			key = "→  "
		}
		if len(a.coders) > 2 {
			key += fmt.Sprintf("Ctrl+%d  ", i+1) // not shown translated: a key's name, the same in every language
		}
		lines = append(lines, fmt.Sprintf("%s%s: %s", key, c, codeList(a.sets[a.at][c]))) // not shown translated: no words, a key, a coder and codes
	}
	settled, ok := a.settled[u.TurnID]
	if ok {
		lines = append(lines, T("settled: %s", codeList(settled)))
	}
	a.choices.SetText(strings.Join(lines, "\n"))
	// The decision row starts from the decision taken, if any.
	a.decision.OnChanged = nil
	a.tick(settled)
	a.decision.OnChanged = a.draftChanged
	note, err := a.p.Memo(a.ctx, store.ConsensusCoder, u.TurnID)
	if err != nil {
		a.status.SetText(errText(err))
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

// codeList is a set of codes as a decision shows it: "a + b", or "(no code)".
func codeList(codes []string) string {
	if len(codes) == 0 {
		return T("(no code)")
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
	a.status.SetText(T("no code has the shortcut %c", k))
}

// settleDraft settles the current unit with the codes ticked in the decision row.
func (a *adjudicator) settleDraft() {
	if len(a.units) == 0 {
		return
	}
	if !a.drafting {
		a.status.SetText(T("tick the codes with 1–9 (or a click) first, then Enter; or ← → b n"))
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
		a.status.SetText(T("not saved: %s", errText(err)))
		return
	}
	if err := a.p.SetMemo(a.ctx, store.ConsensusCoder, u.TurnID, strings.TrimSpace(a.note.Text)); err != nil {
		a.status.SetText(T("note not saved: %s", errText(err)))
		return
	}
	a.settled[u.TurnID] = names
	delete(a.skipped, u.TurnID)
	a.status.SetText(T("turn %d settled: %s", u.Number, codeList(names)))
	if a.onDecide != nil {
		a.onDecide()
	}
	a.next(1)
}

// next moves d disagreements on; past the last one it shows the end screen, and ↑ there goes
// back to the last.
func (a *adjudicator) next(d int) {
	n := len(a.units)
	switch {
	case n == 0:
	case a.end && d < 0:
		a.end = false
	case a.at+d >= n:
		a.end = true
	default:
		a.at = min(max(a.at+d, 0), n-1)
	}
	a.show()
}

// skip passes over the current disagreement without a decision.
func (a *adjudicator) skip() {
	if len(a.units) > 0 && !a.end {
		if _, ok := a.settled[a.units[a.at].TurnID]; !ok {
			a.skipped[a.units[a.at].TurnID] = true
		}
	}
	a.next(1)
}

// summary is the end screen's text: how many disagreements are settled, skipped, left.
func (a *adjudicator) summary() string {
	settled, skipped := 0, 0
	for _, u := range a.units {
		if _, ok := a.settled[u.TurnID]; ok {
			settled++
		} else if a.skipped[u.TurnID] {
			skipped++
		}
	}
	left := len(a.units) - settled
	msg := T("Settled: %d of %d disagreements.\nSkipped: %d.\nLeft to settle: %d.", settled, len(a.units), skipped, left)
	if left > 0 {
		msg += "\n\n" + T("↑ goes back to the last one; the skipped ones are still open.")
	} else {
		msg += "\n\n" + T("The consensus layer is complete for this scope: export the workbook for its Consensus sheet.")
	}
	return msg
}

// around is the text of up to nb turns before u and na after it in its document, for context.
func (a *adjudicator) around(u coding.Unit, nb, na int) (string, string) {
	lines, ok := a.lines[u.DocumentID]
	if !ok {
		var err error
		if lines, err = a.p.Lines(a.ctx, u.DocumentID); err != nil {
			return "", ""
		}
		a.lines[u.DocumentID] = lines
	}
	at := -1
	for i, l := range lines {
		if l.TurnID == u.TurnID && l.Kind == coding.KindTurn {
			at = i
			break
		}
	}
	if at < 0 {
		return "", ""
	}
	text := func(l coding.Line) string { return fmt.Sprintf("%d %s: %s", l.Number, l.Speaker, l.Text) } // not shown translated: no words, the turn's number, speaker and text
	var before, after []string
	for i := at - 1; i >= 0 && len(before) < nb; i-- {
		if lines[i].Kind == coding.KindTurn {
			before = append([]string{text(lines[i])}, before...)
		}
	}
	for i := at + 1; i < len(lines) && len(after) < na; i++ {
		if lines[i].Kind == coding.KindTurn {
			after = append(after, text(lines[i]))
		}
	}
	return strings.Join(before, "\n"), strings.Join(after, "\n")
}

// settleAgreed settles every unit of the scope on which the coders agree, as
// adjudicate --auto-agreed does, so that only the disagreements are left.
func (a *adjudicator) settleAgreed() {
	n, open, err := a.p.AutoAdjudicate(a.ctx, a.scope)
	if err != nil {
		a.status.SetText(errText(err))
		return
	}
	a.status.SetText(T("settled %s on which all coders agree; %s remain", plural(n, "turn"), plural(open, "disagreement")))
	if a.onDecide != nil {
		a.onDecide()
	}
}

// takeCoder settles with the codes of the i-th coder (0-based) who reviewed the unit.
func (a *adjudicator) takeCoder(i int) {
	if len(a.units) == 0 || a.end {
		return
	}
	who := a.reviewing()
	if i >= len(who) {
		a.status.SetText(T("only %d coders reviewed this turn", len(who)))
		return
	}
	a.decide(a.sets[a.at][who[i]], true)
}

// typedKey and typedRune are the adjudicator's keys (when the note field is not being typed in).
func (a *adjudicator) typedKey(ev *fyne.KeyEvent) {
	if len(a.units) == 0 {
		return
	}
	switch ev.Name {
	case fyne.KeyLeft:
		a.takeCoder(0)
	case fyne.KeyRight:
		a.takeCoder(1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if !a.end {
			a.settleDraft()
		}
	case fyne.KeyDown:
		a.skip()
	case fyne.KeyUp:
		a.next(-1)
	}
}

func (a *adjudicator) typedRune(r rune) {
	if len(a.units) == 0 || a.end { // the end screen decides nothing; ↑ goes back
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
		a.skip()
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
		m.ws.setStatus(errText(err))
		return nil
	}
	if turnID != "" && !a.goTo(turnID) {
		m.ws.setStatus(T("nothing to settle on that turn: fewer than two coders reviewed it, or they gave the same codes"))
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
		m.ws.setStatus(errText(err))
		return
	}
	a.goTo(old.current())
	m.showAdjudication(a)
}

// showAdjudication puts a in the adjudication window, making the window if need be.
func (m *mainWindow) showAdjudication(a *adjudicator) {
	w := m.adjWin
	if w == nil {
		w = m.app.NewWindow(T("Adjudication — %s", m.win.Title()))

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
				m.ws.setStatus(errText(err))
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
	for i := 0; i < 9; i++ { // Ctrl+1–9: the codes of that coder (more than two coders)
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { a.takeCoder(i) })
	}
}

// current is the turn id of the disagreement shown, or "".
func (a *adjudicator) current() string {
	if len(a.units) == 0 {
		return ""
	}
	return a.units[a.at].TurnID
}
