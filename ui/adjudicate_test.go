package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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

// adjKey and adjType send keys to the adjudication window, as its canvas would with nothing
// focused.
func (h *harness) adjKey(name fyne.KeyName) {
	h.t.Helper()
	if h.m.adjWin == nil {
		h.t.Fatal("no adjudication window")
	}
	h.m.adjWin.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func (h *harness) adjType(s string) {
	h.t.Helper()
	if h.m.adjWin == nil {
		h.t.Fatal("no adjudication window")
	}
	for _, r := range s {
		h.m.adjWin.Canvas().OnTypedRune()(r)
	}
}

// consensus is what the project file's consensus layer holds on turn n of the calls document.
func (h *harness) consensus(n int) string {
	h.t.Helper()
	return strings.TrimSpace(codeNames(h.stored(store.ConsensusCoder, n)))
}

// TestAdjudicateSetNewCodes: the lead sets codes neither coder gave, from the shortcut keys,
// with a note; Enter without a choice does nothing; ← → still work, and ↑ shows the decision.
func TestAdjudicateSetNewCodes(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{4: "2", 8: "3", 10: "1"})
	h.codeTurns("bo", map[int]string{4: "0", 8: "4", 10: "2"})
	a := h.m.openAdjudicator(coding.Scope{}, "")
	if a == nil || len(a.units) != 3 || a.units[0].Number != 4 {
		t.Fatalf("adjudicator %+v", a)
	}
	h.adjType("13")
	if got := strings.Join(a.decision.Selected, ","); got != "1  referral,3  admission" {
		t.Errorf("decision row %q", got)
	}
	a.note.SetText("both missed the referral")
	h.adjKey(fyne.KeyReturn)
	if got := h.consensus(4); got != "referral,admission reviewed" {
		t.Errorf("consensus on 4: %q", got)
	}
	if memo, _ := h.p.Memo(h.ctx, store.ConsensusCoder, a.units[0].TurnID); memo != "both missed the referral" {
		t.Errorf("note %q", memo)
	}
	// Turn 8: Enter with nothing chosen settles nothing and says why.
	if a.units[a.at].Number != 8 || len(a.decision.Selected) != 0 || a.note.Text != "" {
		t.Fatalf("at turn %d, decision %v, note %q", a.units[a.at].Number, a.decision.Selected, a.note.Text)
	}
	h.adjKey(fyne.KeyReturn)
	if got := h.consensus(8); got != "" || !strings.Contains(a.status.Text, "tick the codes") {
		t.Errorf("Enter with no choice: consensus %q, status %q", got, a.status.Text)
	}
	// Ticked then unticked: no code applies.
	h.adjType("33")
	h.adjKey(fyne.KeyEnter)
	if got := h.consensus(8); got != "reviewed" {
		t.Errorf("consensus on 8: %q", got)
	}
	if h.adjType("9"); !strings.Contains(a.status.Text, "no code has the shortcut 9") {
		t.Errorf("status %q", a.status.Text)
	}
	// A click on a code's box works too, and hands the keys back.
	a.decision.SetSelected([]string{"4  claimed action"})
	h.adjKey(fyne.KeyReturn)
	if got := h.consensus(10); got != "claimed-action reviewed" {
		t.Errorf("consensus on 10: %q", got)
	}
	// Past the last disagreement, the end screen says what was settled, skipped and left.
	if !a.end || !strings.Contains(a.text.Text, "Settled: 3 of 3 disagreements.") || !strings.Contains(a.text.Text, "Left to settle: 0.") {
		t.Errorf("end screen %v: %q", a.end, a.text.Text)
	}
	h.adjType("n") // decides nothing there
	if got := h.consensus(10); got != "claimed-action reviewed" {
		t.Errorf("n on the end screen changed turn 10: %q", got)
	}
	// ↑ back to turn 4 (through 10 and 8) shows the decision and its note; → replaces it
	// with bo's (no code).
	h.adjKey(fyne.KeyUp)
	h.adjKey(fyne.KeyUp)
	h.adjKey(fyne.KeyUp)
	if a.units[a.at].Number != 4 || !strings.Contains(a.choices.Text, "settled: referral + admission") ||
		strings.Join(a.decision.Selected, ",") != "1  referral,3  admission" || a.note.Text != "both missed the referral" {
		t.Errorf("back at %d: %q, decision %v, note %q", a.units[a.at].Number, a.choices.Text, a.decision.Selected, a.note.Text)
	}
	h.adjKey(fyne.KeyRight)
	if got := h.consensus(4); got != "reviewed" {
		t.Errorf("after →: %q", got)
	}
	// Opened again later, the adjudicator knows what was decided.
	b, _ := newAdjudicator(h.ctx, h.p, coding.Scope{})
	if !strings.Contains(b.choices.Text, "settled: (no code)") {
		t.Errorf("a new adjudicator shows %q", b.choices.Text)
	}
}

// TestSettleFromTheAgreementListAndTheCompareView opens the adjudicator at a disagreement from
// the agreement window's list, then at a turn of the compare view.
func TestSettleFromTheAgreementListAndTheCompareView(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2", 8: "3", 18: "1"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "0", 8: "4", 18: "3"})
	h.m.showAgreement()
	h.waitTasks()
	v := h.m.agreement
	if len(v.report.Disagreements) != 3 {
		t.Fatalf("%d disagreements", len(v.report.Disagreements))
	}
	// The second row's Settle… button opens the adjudicator at turn 8.
	row := v.disagreements.CreateItem()
	v.disagreements.UpdateItem(1, row)
	settle := row.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*widget.Button)
	if settle.Text != "Settle…" {
		t.Fatalf("button %q", settle.Text)
	}
	test.Tap(settle)
	a := h.m.adj
	if a == nil || a.units[a.at].Number != 8 || !strings.Contains(a.header.Text, "Disagreement 2 of 3") {
		t.Fatalf("adjudicator at %+v", a)
	}
	if strings.Contains(v.disagreementText(1), "settled") {
		t.Errorf("turn 8 marked settled before any decision: %q", v.disagreementText(1))
	}
	h.adjType("n")
	if got := h.consensus(8); got != "reviewed" {
		t.Errorf("consensus on 8: %q", got)
	}
	// The agreement list marks it settled at once; the others stay open.
	if got := v.disagreementText(1); !strings.Contains(got, "✓ settled: (no code)") {
		t.Errorf("turn 8 in the list after settling: %q", got)
	}
	if strings.Contains(v.disagreementText(0), "settled") {
		t.Errorf("turn 4 marked settled: %q", v.disagreementText(0))
	}
	// The compare view: Settle turn… on turn 18 opens the same window at 18.
	if !h.ws.bar.settle.Disabled() {
		t.Error("Settle turn… is enabled outside the compare view")
	}
	if err := h.ws.ShowTurnInCompare(h.docID(callsDoc), 18); err != nil {
		t.Fatal(err)
	}
	win := h.m.adjWin
	test.Tap(h.ws.bar.settle)
	if h.m.adjWin != win || h.m.adj.units[h.m.adj.at].Number != 18 {
		t.Fatalf("compare view opened %+v", h.m.adj.units[h.m.adj.at])
	}
	h.adjType("b")
	if got := h.consensus(18); got != "referral,admission reviewed" {
		t.Errorf("consensus on 18: %q", got)
	}
	// The compare view shows the consensus layer at once.
	if st := h.ws.all[h.line(18).TurnID][store.ConsensusCoder]; codeNames(st) != "referral,admission reviewed" {
		t.Errorf("compare view holds %q for the consensus", codeNames(st))
	}
	// Turn 2, where they agree: the key a says there is nothing to settle.
	h.ws.SelectTurn(2)
	h.c.Focus(h.ws.list)
	h.typ("a")
	if !strings.Contains(h.ws.status.Text, "nothing to settle") || h.m.adj.units[h.m.adj.at].Number == 2 {
		t.Errorf("status %q", h.ws.status.Text)
	}
}

func (h *harness) line(n int) coding.Line {
	h.t.Helper()
	for _, l := range h.ws.lines {
		if l.Kind == coding.KindTurn && l.Number == n {
			return l
		}
	}
	h.t.Fatalf("no turn %d", n)
	return coding.Line{}
}

// TestAdjudicatorFollowsAReopenedProject: a codebook change reopens the project file; the
// agreement and adjudication windows go on working on it, at the same disagreement.
func TestAdjudicatorFollowsAReopenedProject(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{4: "2", 8: "3"})
	h.codeTurns("bo", map[int]string{4: "0", 8: "4"})
	h.m.showAgreement()
	h.waitTasks()
	doc := h.docID(callsDoc)
	h.m.openAdjudicator(coding.Scope{}, h.line(8).TurnID)
	win := h.m.adjWin
	if err := h.m.open(h.m.path); err != nil { // as the codebook editor does after a change
		t.Fatal(err)
	}
	if h.m.adjWin != win || h.m.adj.units[h.m.adj.at].Number != 8 {
		t.Fatalf("after reopening: window kept %v, at %+v", h.m.adjWin == win, h.m.adj.units[h.m.adj.at])
	}
	h.adjType("n")
	states, err := h.m.p.States(h.ctx, store.ConsensusCoder, doc)
	if err != nil {
		t.Fatal(err)
	}
	if st := states[h.line(8).TurnID]; !st.Reviewed || len(st.Codes) != 0 {
		t.Errorf("consensus on 8: %+v", st)
	}
	h.m.agreement.compute()
	h.waitTasks()
	if h.m.agreement.ws != h.m.ws || len(h.m.agreement.report.Disagreements) != 2 {
		t.Errorf("agreement after reopening: %q", h.m.agreement.status.Text)
	}
}

// The disputed turn is shown with the turns around it; a skipped one is counted as skipped on
// the end screen; Settle every agreed turn fills the consensus layer where the coders agree.
func TestAdjudicatorContextSkipsAndAgreedTurns(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2", 8: "3"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "0", 8: "4"})
	a := h.m.openAdjudicator(coding.Scope{}, "")
	if a == nil || len(a.units) != 2 {
		t.Fatalf("adjudicator %+v", a)
	}
	if !strings.HasPrefix(a.before.Text, "2 ") || !strings.Contains(a.before.Text, "\n3 CLB") || !strings.HasPrefix(a.after.Text, "5 CLB") {
		t.Errorf("context of turn 4: before %q, after %q", a.before.Text, a.after.Text)
	}
	h.adjKey(fyne.KeyDown) // skip 4
	h.adjKey(fyne.KeyLeft) // 8: ana's admission
	if !a.end || !strings.Contains(a.text.Text, "Settled: 1 of 2") || !strings.Contains(a.text.Text, "Skipped: 1.") || !strings.Contains(a.text.Text, "Left to settle: 1.") {
		t.Errorf("end screen: %q", a.text.Text)
	}
	a.settleAgreed()
	if got := h.consensus(2); got != "referral reviewed" || !strings.Contains(a.status.Text, "settled 1 turn on") {
		t.Errorf("after Settle every agreed turn: consensus on 2 %q, status %q", got, a.status.Text)
	}
	if got := h.consensus(4); got != "" {
		t.Errorf("a disagreement was settled as agreed: %q", got)
	}
}
