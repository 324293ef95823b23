package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// TestAdjudicateThreeDisagreementsFromTheKeyboard: ana and bo disagree on turns 4, 8 and 18
// and agree on 2 and 6. The lead takes ana's codes on 4 (with a note), bo's on 8, and both on 18.
func TestAdjudicateThreeDisagreementsFromTheKeyboard(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2", 6: "0", 8: "3", 18: "1"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "0", 6: "0", 8: "4", 18: "3"})
	a, err := newAdjudicator(h.ctx, h.p, coding.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.units) != 3 || a.units[0].Number != 4 || a.units[2].Number != 18 {
		t.Fatalf("disagreements %+v", a.units)
	}
	if !strings.Contains(a.choices.Text, "←  ana: deflection") || !strings.Contains(a.choices.Text, "→  bo: (no code)") {
		t.Errorf("choices shown:\n%s", a.choices.Text)
	}
	a.note.SetText("ana is right: he disclaims jurisdiction")
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	a.typedRune('b')
	states, err := h.p.States(h.ctx, store.ConsensusCoder, h.docID(callsDoc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, l := range h.ws.lines {
		if st, ok := states[l.TurnID]; ok && l.Kind == coding.KindTurn {
			got[l.Number] = codeNames(st)
		}
	}
	want := map[int]string{4: "deflection reviewed", 8: "claimed-action reviewed", 18: "referral,admission reviewed"}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("consensus on turn %d: %q, want %q", n, got[n], w)
		}
	}
	if len(got) != 3 {
		t.Errorf("the consensus layer holds %v; the agreed turns were not asked about", got)
	}
	if memo, _ := h.p.Memo(h.ctx, store.ConsensusCoder, a.units[0].TurnID); !strings.HasPrefix(memo, "ana is right") {
		t.Errorf("note %q", memo)
	}
	// The consensus layer never counts as a coder.
	rel, _ := h.p.Reliability(h.ctx, coding.Scope{})
	if strings.Join(rel.Coders, ",") != "ana,bo" {
		t.Errorf("agreement coders %v", rel.Coders)
	}
	// Auto-adjudication afterwards fills the agreed turns and leaves the three decisions alone.
	settled, _, err := h.p.AutoAdjudicate(h.ctx, coding.Scope{})
	if err != nil || settled != 2 {
		t.Errorf("auto-adjudication settled %d (%v), want the 2 agreed turns", settled, err)
	}
	if st, _ := h.p.States(h.ctx, store.ConsensusCoder, h.docID(callsDoc)); codeNames(st[a.units[0].TurnID]) != "deflection reviewed" {
		t.Error("auto-adjudication overwrote a decision")
	}
}
