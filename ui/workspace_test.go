package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

var callsDoc = seeds.Files()[0].Title // the demo's eight calls

// harness is the main window on a fresh demo project, driven headlessly.
type harness struct {
	t   *testing.T
	m   *mainWindow
	ws  *Workspace
	p   *store.Project
	c   fyne.Canvas
	ctx context.Context
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.turncoder")
	if err := seeds.CreateDemo(path); err != nil {
		t.Fatal(err)
	}
	return newHarnessOn(t, path)
}

// newHarnessOn is newHarness on the project at path.
func newHarnessOn(t *testing.T, path string) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("turncoder")
	w.Resize(fyne.NewSize(1280, 820))
	m := &mainWindow{app: a, win: w}
	if err := m.open(path); err != nil {
		t.Fatal(err)
	}
	m.install()
	t.Cleanup(func() { m.p.Close() })
	return &harness{t: t, m: m, ws: m.ws, p: m.p, c: w.Canvas(), ctx: context.Background()}
}

// waitTasks waits for the long work started in the window (runTask) to end.
func (h *harness) waitTasks() {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	time.Sleep(20 * time.Millisecond)
	for h.m.running.Load() != 0 {
		if time.Now().After(deadline) {
			h.t.Fatalf("%s still running after 20 s", h.m.busy)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// closeDialogs closes the dialogs shown on the main window (Escape on each).
func (h *harness) closeDialogs() {
	for dialogOpen(h.m.win) {
		dialogKey(h.m.win, &fyne.KeyEvent{Name: fyne.KeyEscape})
	}
}

// docID finds a document's id by title.
func (h *harness) docID(title string) string {
	for _, d := range h.ws.docs {
		if d.Title == title {
			return d.ID
		}
	}
	h.t.Fatalf("no document %s", title)
	return ""
}

// key sends a key to whatever has the focus, as the window would.
func (h *harness) key(name fyne.KeyName) {
	if f := h.c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	} else {
		h.c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
}

// typ types runes as the window would: to the focused widget, or to the canvas handler when
// nothing has the focus. (test.TypeOnCanvas always does the latter.)
func (h *harness) typ(s string) {
	for _, r := range s {
		if f := h.c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			h.c.OnTypedRune()(r)
		}
	}
}

// shortcut sends a key with modifiers as Fyne 2.7's desktop driver does (glfw's
// triggersShortcut): Ctrl+Z and Ctrl+Y become its Undo and Redo shortcuts; the main menu's
// items are looked through first, then the focused widget, then the canvas.
func (h *harness) shortcut(key fyne.KeyName, mods fyne.KeyModifier) {
	var sh fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mods}
	if mods == fyne.KeyModifierShortcutDefault {
		switch key {
		case fyne.KeyZ:
			sh = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			sh = &fyne.ShortcutRedo{}
		}
	}
	if mm := h.m.win.MainMenu(); mm != nil {
		for _, menu := range mm.Items {
			for _, it := range menu.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sh.ShortcutName() && it.Action != nil {
					it.Action()
					return
				}
			}
		}
	}
	if f, ok := h.c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sh)
		return
	}
	h.c.(fyne.Shortcutable).TypedShortcut(sh)
}

// stored is what the project file holds for a coder on turn n of the calls document.
func (h *harness) stored(coder string, n int) coding.TurnState {
	h.t.Helper()
	states, err := h.p.States(h.ctx, coder, h.docID(callsDoc))
	if err != nil {
		h.t.Fatal(err)
	}
	for _, l := range h.ws.lines {
		if l.Number == n && l.Kind == coding.KindTurn {
			return states[l.TurnID]
		}
	}
	h.t.Fatalf("no turn %d", n)
	return coding.TurnState{}
}

func codeNames(st coding.TurnState) string {
	s := strings.Join(st.Codes, ",")
	if st.Reviewed {
		s += " reviewed"
	}
	return strings.ReplaceAll(s, "code-", "")
}

func (h *harness) want(coder string, n int, want string) {
	h.t.Helper()
	if got := codeNames(h.stored(coder, n)); got != want {
		h.t.Errorf("%s, turn %d: project file holds %q, want %q", coder, n, got, want)
	}
}

func (h *harness) selected() int {
	if l := h.ws.selectedLine(); l != nil {
		return l.Number
	}
	return 0
}

func TestCodingFromTheKeyboard(t *testing.T) {
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	// A click on turn 2 (the first union turn) selects it and gives the list the focus.
	h.ws.SelectTurn(2)
	h.c.Focus(h.ws.list)
	h.typ("1")
	h.want("ana", 2, "referral reviewed")
	h.typ("3")
	h.want("ana", 2, "referral,admission reviewed")
	h.typ("1")
	h.want("ana", 2, "admission reviewed")
	// ↓ skips the interviewer's turn 3 (not coded by default) and lands on turn 4.
	h.key(fyne.KeyDown)
	if h.selected() != 4 {
		t.Fatalf("after ↓ turn %d is selected, want 4", h.selected())
	}
	h.typ("0")
	h.want("ana", 4, " reviewed")
	h.typ("j")
	if h.selected() != 6 {
		t.Errorf("after j turn %d, want 6", h.selected())
	}
	h.typ("k")
	if h.selected() != 4 {
		t.Errorf("after k turn %d, want 4", h.selected())
	}
	// Enter marks turn 4 reviewed (it is) and goes on to the next union turn not reviewed.
	h.key(fyne.KeyReturn)
	if h.selected() != 6 {
		t.Errorf("after Enter turn %d, want 6", h.selected())
	}
	h.key(fyne.KeyReturn) // reviews 6 with no code, moves to 8
	h.want("ana", 6, " reviewed")
	if h.selected() != 8 {
		t.Errorf("after the second Enter turn %d, want 8", h.selected())
	}
	if !strings.Contains(h.ws.status.Text, "saved") || !strings.Contains(h.ws.status.Text, "3 of") {
		t.Errorf("status %q: want progress and saved", h.ws.status.Text)
	}
	// Undo three steps (the Enter on 6, the 0 on 4, the last toggle on 2), then redo one. (The
	// Enter on 4 changed nothing, so it is no step.)
	ctrl := fyne.KeyModifierShortcutDefault
	h.shortcut(fyne.KeyZ, ctrl)
	h.want("ana", 6, "")
	h.shortcut(fyne.KeyZ, ctrl)
	h.want("ana", 4, "")
	h.shortcut(fyne.KeyZ, ctrl)
	h.want("ana", 2, "referral,admission reviewed")
	h.shortcut(fyne.KeyZ, ctrl|fyne.KeyModifierShift)
	h.want("ana", 2, "admission reviewed")
	if h.selected() != 2 {
		t.Errorf("redo should show the turn it changed; turn %d selected", h.selected())
	}
	// Every change is in the audit log.
	log, _ := h.p.AuditLog(h.ctx)
	var actions []string
	for _, a := range log {
		actions = append(actions, a.Action)
	}
	got := strings.Join(actions, " ")
	if !strings.Contains(got, "add coder code code uncode review review undo undo undo redo") {
		t.Errorf("audit actions %q", got)
	}
}

func TestKeysWorkWithoutFocusButNotInTextFields(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	h.c.Unfocus()
	h.typ("2")
	h.want("ana", 2, "deflection reviewed")
	// Typing a memo is typing, not coding.
	h.c.Focus(h.ws.codebook.memo)
	h.typ("4 warned them")
	h.want("ana", 2, "deflection reviewed")
	h.ws.codebook.flushMemo()
	if memo, _ := h.p.Memo(h.ctx, "ana", h.ws.selectedLine().TurnID); memo != "4 warned them" {
		t.Errorf("memo %q", memo)
	}
	// Ctrl+F focuses the search box; Escape hands the keys back to the list.
	h.shortcut(fyne.KeyF, fyne.KeyModifierShortcutDefault)
	if h.c.Focused() != h.ws.bar.search {
		t.Fatalf("Ctrl+F focused %T", h.c.Focused())
	}
	h.typ("1")
	h.want("ana", 2, "deflection reviewed")
	h.key(fyne.KeyEscape)
	if h.c.Focused() != h.ws.list {
		t.Errorf("Escape left the focus on %T", h.c.Focused())
	}
}

func TestBlindModeAndCompare(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	h.typ("1")
	h.ws.SelectTurn(4)
	h.typ("2")
	if err := h.ws.AddCoder("bo"); err != nil {
		t.Fatal(err)
	}
	// bo sees none of ana's codes: the row of turn 2 has no chips.
	if len(h.ws.states) != 0 {
		t.Fatalf("bo sees states %v", h.ws.states)
	}
	row := h.renderRow(2)
	if len(row.chips.Objects) != 0 {
		t.Errorf("blind mode: turn 2 shows %d chips to bo", len(row.chips.Objects))
	}
	h.ws.SelectTurn(2)
	h.typ("1")
	h.ws.SelectTurn(4)
	h.typ("3")
	h.want("bo", 2, "referral reviewed")
	h.want("ana", 2, "referral reviewed")
	// Compare: both coders on each turn; turn 4 differs, turn 2 does not.
	if err := h.ws.SetCompare(true); err != nil {
		t.Fatal(err)
	}
	if texts := chipTexts(h.renderRow(4)); !strings.Contains(texts, "≠ differ") || !strings.Contains(texts, "ana:") || !strings.Contains(texts, "bo:") {
		t.Errorf("turn 4 in compare: %q", texts)
	}
	if texts := chipTexts(h.renderRow(2)); strings.Contains(texts, "differ") {
		t.Errorf("turn 2 in compare: %q, the coders agree", texts)
	}
	// Each coder's chips are a line of their own under the text, never beside it.
	if lines := coderLines(h.renderRow(4)); len(lines) != 2 || lines[0] != "ana: deflection" || lines[1] != "bo: admission" {
		t.Errorf("turn 4's coder lines %q, want ana's and bo's, one each", lines)
	}
	h.ws.SetCompare(false)
	if texts := chipTexts(h.renderRow(4)); texts != "admission" {
		t.Errorf("back to blind, bo's turn 4 shows %q", texts)
	}
}

// renderRow draws turn n of the open document into a fresh row, as the list would.
func (h *harness) renderRow(n int) *rowView {
	h.t.Helper()
	for vi, li := range h.ws.view {
		if l := h.ws.lines[li]; l.Kind == coding.KindTurn && l.Number == n {
			row := newRowView()
			h.ws.updateRow(vi, row)
			return row
		}
	}
	h.t.Fatalf("turn %d not in view", n)
	return nil
}

func chipTexts(r *rowView) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case interface{ Text() string }:
		default:
			_ = v
		}
		if t, ok := textOf(o); ok {
			out = append(out, t)
		}
	}
	for _, o := range r.chips.Objects {
		walk(o)
	}
	for _, o := range r.coders.Objects {
		walk(o)
	}
	return strings.Join(out, " ")
}

// coderLines are the compare view's lines of a row, one per coder, as text.
func coderLines(r *rowView) []string {
	var out []string
	for _, line := range r.coders.Objects {
		var parts []string
		for _, o := range line.(*fyne.Container).Objects {
			if t, ok := textOf(o); ok {
				parts = append(parts, t)
			} else if c, ok := o.(*fyne.Container); ok {
				for _, in := range c.Objects {
					if inner, ok := in.(*fyne.Container); ok {
						for _, t := range inner.Objects {
							if s, ok := textOf(t); ok {
								parts = append(parts, s)
							}
						}
					}
				}
			}
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func TestFilterAndSearch(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	h.typ("1")
	h.ws.bar.filter.SetSelected("Not reviewed yet")
	for _, li := range h.ws.view {
		l := h.ws.lines[li]
		if l.Kind == coding.KindNote || (l.Kind == coding.KindTurn && (!l.Codable || l.Number == 2)) {
			t.Fatalf("filter 'not reviewed' shows %v %d %q", l.Kind, l.Number, l.Text)
		}
	}
	h.ws.bar.filter.SetSelected("Code: referral")
	if n := countTurns(h.ws); n != 1 {
		t.Errorf("filter by code shows %d turns, want 1", n)
	}
	h.ws.bar.filter.SetSelected("Speaker: CLB")
	if n := countTurns(h.ws); n != 105 {
		t.Errorf("filter by speaker CLB shows %d turns, want 105", n)
	}
	h.ws.bar.filter.SetSelected("All lines")
	// Search jumps to the turn; Enter again goes to the next hit.
	h.c.Focus(h.ws.bar.search)
	h.typ("8336878")
	h.key(fyne.KeyReturn)
	if h.selected() != 18 {
		t.Errorf("search 8336878 selected turn %d, want 18", h.selected())
	}
	h.key(fyne.KeyReturn)
	if h.selected() != 19 {
		t.Errorf("next hit: turn %d, want 19", h.selected())
	}
	// A hit in another document opens it.
	h.ws.bar.search.SetText("APP")
	h.key(fyne.KeyReturn)
	if h.ws.doc != h.docID(seeds.Files()[1].Title) {
		t.Errorf("search for APP stayed in %s", h.ws.doc)
	}
}

func countTurns(ws *Workspace) int {
	n := 0
	for _, li := range ws.view {
		if ws.lines[li].Kind == coding.KindTurn {
			n++
		}
	}
	return n
}

// The compare view's "≠ differ" is about coders: a consensus decision unlike a coder's codes
// does not make a turn differ, while two coders who disagree still do.
func TestCompareStatesIgnoresTheConsensusLayer(t *testing.T) {
	ref, def := coding.TurnState{Codes: []string{"code-referral"}, Reviewed: true}, coding.TurnState{Codes: []string{"code-deflection"}, Reviewed: true}
	if _, differ := compareStates(map[string]coding.TurnState{"ana": ref, "bo": ref, store.ConsensusCoder: def}); differ {
		t.Error("the consensus layer made agreeing coders differ")
	}
	states, differ := compareStates(map[string]coding.TurnState{"ana": ref, "bo": def, store.ConsensusCoder: def})
	if !differ || len(states) != 3 {
		t.Errorf("differ %v, %d states shown; want true and 3", differ, len(states))
	}
}

func TestSpeakersOfADocumentHaveDistinctColours(t *testing.T) {
	h := newHarness(t)
	seen := map[any]string{}
	for sp, c := range h.ws.colours {
		if other, ok := seen[c]; ok && len(h.ws.colours) <= len(speakerPalette) {
			t.Errorf("%s and %s share a colour", sp, other)
		}
		seen[c] = sp
	}
	if len(h.ws.colours) < 2 {
		t.Fatalf("the calls have %d speakers", len(h.ws.colours))
	}
	if row := h.renderRow(2); row.speaker.Color != h.ws.colours["东营市总工会"] {
		t.Errorf("turn 2's speaker is drawn in %v, want %v", row.speaker.Color, h.ws.colours["东营市总工会"])
	}
}

// The filter "Coders differ" shows the turns where the coders who reviewed them differ, with
// the compare view, which it turns on; turning compare off drops it.
func TestFilterCodersDiffer(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2", 6: "0"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "3", 6: "2"})
	h.ws.bar.filter.SetSelected(differOption)
	if !h.ws.compare {
		t.Fatal("the filter did not turn the compare view on")
	}
	var turns []int
	for _, li := range h.ws.view {
		if l := h.ws.lines[li]; l.Kind == coding.KindTurn {
			turns = append(turns, l.Number)
		}
	}
	if len(turns) != 2 || turns[0] != 4 || turns[1] != 6 {
		t.Errorf("the filter shows turns %v, want 4 and 6", turns)
	}
	h.ws.SetCompare(false)
	if h.ws.filter.kind != "" || len(h.ws.view) != len(h.ws.lines) {
		t.Errorf("compare off: filter %q, %d of %d lines", h.ws.filter.kind, len(h.ws.view), len(h.ws.lines))
	}
}

// A click on a section in the navigator shows it from its header and selects its first
// codable turn: a key codes there, and ↓ goes on through the section (it used to go back to
// the top of the document).
func TestASectionClickSelectsItsFirstTurn(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	doc := h.ws.doc
	secs := h.ws.nav.sections[doc]
	if len(secs) < 3 {
		t.Fatalf("the calls have %d sections", len(secs))
	}
	third := secs[2]
	h.ws.nav.selected(doc + "/" + strconv.FormatInt(third.ID, 10))
	l := h.ws.selectedLine()
	if l == nil || l.SectionID != third.ID || !l.Codable {
		t.Fatalf("after a click on %q the selection is %+v", third.Title, l)
	}
	first := l.Number
	header := -1
	for vi, li := range h.ws.view {
		if p := h.ws.lines[li]; p.Kind == coding.KindHeader && p.SectionID == third.ID {
			header = vi
		}
	}
	if row := h.ws.list.itemHeight(header); h.ws.list.GetScrollOffset() < 1 || row <= 0 {
		t.Errorf("the list did not scroll to the section (offset %v)", h.ws.list.GetScrollOffset())
	}
	for vi := 0; vi < h.ws.sel; vi++ {
		if p := h.ws.lines[h.ws.view[vi]]; p.SectionID == third.ID && p.Codable {
			t.Fatalf("turn %d of the section comes before the selected turn %d", p.Number, first)
		}
	}
	h.typ("1")
	h.want("ana", first, "referral reviewed")
	h.key(fyne.KeyDown)
	if l := h.ws.selectedLine(); l == nil || l.SectionID != third.ID || l.Number <= first {
		t.Errorf("↓ after the section's first turn selected %+v", l)
	}
}
