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
// together), n no code, s or ↓ skips to the next, ↑ goes back. A note is kept as the consensus
// layer's memo on the turn.
type adjudicator struct {
	ctx     context.Context
	p       *store.Project
	codes   []coding.Code
	coders  []string
	units   []coding.Unit
	sets    []map[string][]string // per unit: coder -> code names (reviewed coders only)
	at      int
	settled map[string][]string // turn id -> codes the consensus layer holds

	header  *widget.Label
	text    *widget.Label
	choices *widget.Label
	note    *widget.Entry
	status  *widget.Label
	content fyne.CanvasObject
}

// newAdjudicator loads the disagreements of scope: the turns that two or more coders reviewed
// with different codes.
func newAdjudicator(ctx context.Context, p *store.Project, scope coding.Scope) (*adjudicator, error) {
	if err := p.EnsureConsensus(ctx); err != nil {
		return nil, err
	}
	rel, err := p.Reliability(ctx, scope)
	if err != nil {
		return nil, err
	}
	a := &adjudicator{ctx: ctx, p: p, codes: rel.Codes, coders: rel.Coders, settled: map[string][]string{}}
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
	for _, u := range rel.Units {
		sets := byUnit[u.TurnID]
		if len(sets) < 2 || allSame(sets) {
			continue
		}
		a.units = append(a.units, u)
		a.sets = append(a.sets, sets)
	}
	a.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.text = widget.NewLabel("")
	a.text.Wrapping = fyne.TextWrapWord
	a.choices = widget.NewLabel("")
	a.note = widget.NewEntry()
	a.note.SetPlaceHolder("note on the decision (saved with it)")
	a.status = widget.NewLabel("")
	keys := widget.NewLabel("← first coder   → second coder   b both   n no code   s / ↓ skip   ↑ back")
	keys.Importance = widget.LowImportance
	a.content = container.NewBorder(container.NewVBox(a.header, widget.NewSeparator()), container.NewVBox(keys, a.status), nil, nil,
		container.NewVBox(a.text, widget.NewSeparator(), a.choices, a.note))
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
	if len(a.units) == 0 {
		a.header.SetText("No disagreements in this scope")
		a.text.SetText("")
		a.choices.SetText("")
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
	if s, ok := a.settled[u.TurnID]; ok {
		lines = append(lines, "settled: "+codeList(s))
	}
	a.choices.SetText(strings.Join(lines, "\n"))
	a.note.SetText("")
}

func codeList(codes []string) string {
	if len(codes) == 0 {
		return "(no code)"
	}
	return strings.Join(codes, " + ")
}

// decide writes codes as the consensus on the current unit, with the note, and moves on.
func (a *adjudicator) decide(codes []string, how string) {
	if len(a.units) == 0 {
		return
	}
	u := a.units[a.at]
	ids := make([]string, 0, len(codes))
	for _, c := range a.codes { // codebook order
		if slices.Contains(codes, c.Name) {
			ids = append(ids, c.ID)
		}
	}
	if err := a.p.SetState(a.ctx, store.ConsensusCoder, u.TurnID, coding.TurnState{Codes: ids, Reviewed: true}, "adjudicate"); err != nil {
		a.status.SetText("not saved: " + err.Error())
		return
	}
	note := strings.TrimSpace(a.note.Text)
	if note != "" {
		if err := a.p.SetMemo(a.ctx, store.ConsensusCoder, u.TurnID, note); err != nil {
			a.status.SetText("note not saved: " + err.Error())
			return
		}
	}
	a.settled[u.TurnID] = codes
	a.status.SetText(fmt.Sprintf("turn %d settled (%s): %s", u.Number, how, codeList(codes)))
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
		a.decide(a.sets[a.at][who[0]], "took "+who[0])
	case fyne.KeyRight:
		a.decide(a.sets[a.at][who[1]], "took "+who[1])
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
	switch r {
	case 'b':
		var all []string
		for _, c := range a.codes {
			for _, s := range a.sets[a.at] {
				if slices.Contains(s, c.Name) && !slices.Contains(all, c.Name) {
					all = append(all, c.Name)
				}
			}
		}
		a.decide(all, "both")
	case 'n':
		a.decide(nil, "no code")
	case 's':
		a.next(1)
	}
}

// showAdjudicator opens the adjudication window for the agreement view's last scope.
func (m *mainWindow) showAdjudicator() {
	a, err := newAdjudicator(context.Background(), m.p, m.export.scope)
	if err != nil {
		m.ws.setStatus(err.Error())
		return
	}
	w := m.app.NewWindow("Adjudication — " + m.win.Title())
	w.SetContent(a.content)
	a.note.OnSubmitted = func(string) { w.Canvas().Unfocus() } // Enter: back to the keys
	w.Canvas().SetOnTypedKey(a.typedKey)
	w.Canvas().SetOnTypedRune(a.typedRune)
	w.Resize(fyne.NewSize(820, 460))
	w.Show()
}
