package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/turncoder/turncoder/coding"
)

// editorHarness opens the codebook editor on the harness's project, with ana having coded
// turns 2 and 4 "referral" and turn 6 "deflection". Its confirmations are recorded and
// answered yes.
type editorHarness struct {
	*harness
	e        *codebookEditor
	w        fyne.Window
	asked    []string
	answerNo bool
}

func newEditorHarness(t *testing.T) *editorHarness {
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		turn int
		keys string
	}{{2, "1"}, {4, "1"}, {6, "2"}} {
		h.ws.SelectTurn(s.turn)
		h.c.Focus(h.ws.list)
		h.typ(s.keys)
	}
	h.want("ana", 2, "referral reviewed")
	h.want("ana", 6, "deflection reviewed")
	w := h.m.app.NewWindow("Codebook")
	eh := &editorHarness{harness: h, w: w}
	eh.e = newCodebookEditor(h.m, w)
	eh.e.confirm = func(title, msg string, then func()) {
		eh.asked = append(eh.asked, msg)
		if !eh.answerNo {
			then()
		}
	}
	w.SetContent(eh.e.content)
	w.Resize(fyne.NewSize(980, 660))
	return eh
}

// codes is the live codebook in the project file (through the reopened project).
func (h *editorHarness) codes() []coding.Code {
	h.t.Helper()
	codes, err := h.m.p.Codes(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	return codes
}

func (h *editorHarness) code(name string) (coding.Code, bool) {
	for _, c := range h.codes() {
		if c.Name == name {
			return c, true
		}
	}
	return coding.Code{}, false
}

func (h *editorHarness) names() string {
	var s []string
	for _, c := range h.codes() {
		s = append(s, c.Name)
	}
	return strings.Join(s, ",")
}

func (h *editorHarness) selectCode(name string) {
	h.t.Helper()
	for i, c := range h.e.codes {
		if c.Name == name {
			h.e.list.Select(i)
			if h.e.current != c.ID {
				h.t.Fatalf("selecting %s shows %q", name, h.e.current)
			}
			return
		}
	}
	h.t.Fatalf("no code %s in the editor", name)
}

// exported lists the live codings as coder:turn:code.
func (h *editorHarness) exported() string {
	h.t.Helper()
	rows, err := h.m.p.ExportCodings(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	var s []string
	for _, r := range rows {
		s = append(s, r.Coder+":"+strconv.Itoa(r.Turn)+":"+r.Code)
	}
	return strings.Join(s, " ")
}

// panelText is the codes the main window's codebook panel shows, in order.
func panelText(h *editorHarness) string {
	var b strings.Builder
	for _, c := range h.m.ws.codes {
		b.WriteString(c.Name + " " + c.NameZH + ";")
	}
	return b.String()
}

func TestCodebookEditorAddsAndEditsACode(t *testing.T) {
	h := newEditorHarness(t)
	if len(h.e.codes) != 4 || h.e.current != "code-referral" {
		t.Fatalf("editor opens on %d codes showing %q", len(h.e.codes), h.e.current)
	}
	// New code opens an empty form; nothing is written until Save.
	h.e.add()
	if len(h.codesStored()) != 4 || h.e.current != "" || h.e.name.Text != "" || h.e.shortcut.Selected != "5" {
		t.Fatalf("after New code: %d codes stored, form on %q named %q key %q", len(h.codesStored()), h.e.current, h.e.name.Text, h.e.shortcut.Selected)
	}
	if !strings.Contains(h.e.status.Text, "Nothing is added until you save") || !h.e.del.Disabled() {
		t.Errorf("draft status %q, delete enabled %v", h.e.status.Text, !h.e.del.Disabled())
	}
	h.e.saveCode() // no name yet: refused, nothing written
	if len(h.codesStored()) != 4 || !strings.Contains(h.e.status.Text, "Not added: a code needs a name") {
		t.Errorf("a nameless code: %d stored, status %q", len(h.codesStored()), h.e.status.Text)
	}
	// Choosing another code drops the draft.
	h.selectCode("admission")
	if len(h.codesStored()) != 4 || h.e.draft != nil || !strings.Contains(h.e.status.Text, "not saved") {
		t.Errorf("draft dropped: %d stored, draft %v, status %q", len(h.codesStored()), h.e.draft, h.e.status.Text)
	}

	h.e.add()
	h.e.name.SetText("hedging")
	h.e.nameZH.SetText("含糊其辞")
	h.e.definition.SetText("The official answers without committing to anything.\nSecond line.")
	h.e.example.SetText("这个不好说。")
	h.e.colour.SetSelected(colourOption("#9467bd"))
	h.e.shortcut.SetSelected("7")
	h.e.parent.SetSelected("deflection")
	h.e.saveCode()
	c, ok := h.code("hedging")
	if !ok || h.e.current != c.ID || h.e.draft != nil || !strings.Contains(h.e.status.Text, `Added "hedging"`) {
		t.Fatalf("saved draft: %s, editor on %q (want %q), status %q", h.names(), h.e.current, c.ID, h.e.status.Text)
	}
	h.e.add()
	h.e.name.SetText("stalling")
	h.e.saveCode()
	if _, ok := h.code("stalling"); !ok {
		t.Errorf("second new code not saved: %s", h.names())
	}
	h.selectCode("hedging")
	h.e.saveCode() // saving a stored code again changes nothing
	got, ok := h.code("hedging")
	if !ok {
		t.Fatalf("renamed code not saved: %s (status %q)", h.names(), h.e.status.Text)
	}
	want := coding.Code{ID: c.ID, Name: "hedging", NameZH: "含糊其辞",
		Definition: "The official answers without committing to anything.\nSecond line.", Example: "这个不好说。",
		Colour: "#9467bd", Shortcut: "7", ParentID: "code-deflection", Position: c.Position}
	if got != want {
		t.Errorf("saved %+v\nwant  %+v", got, want)
	}
	// The main window was reloaded: its codebook panel knows the new name.
	if !strings.Contains(panelText(h), "hedging 含糊其辞") {
		t.Errorf("main window codebook not reloaded: %s", panelText(h))
	}
	// The child shows under its parent, indented.
	var order []string
	for _, c := range h.e.codes {
		order = append(order, c.Name)
	}
	if strings.Join(order, ",") != "referral,deflection,hedging,admission,claimed action,stalling" {
		t.Errorf("editor list order %v", order)
	}
	if !strings.Contains(h.e.status.Text, "Saved") {
		t.Errorf("status %q", h.e.status.Text)
	}
}

// codesStored is the project's codebook as stored.
func (h *editorHarness) codesStored() []coding.Code {
	h.t.Helper()
	codes, err := h.p.Codes(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	return codes
}

func TestCodebookEditorRefusesAShortcutClash(t *testing.T) {
	h := newEditorHarness(t)
	before := h.codes()
	h.selectCode("deflection")
	h.e.name.SetText("deflecting")
	h.e.shortcut.SetSelected("1")
	h.e.saveCode()
	if want := `key 1 is already the shortcut of "referral"`; !strings.Contains(h.e.status.Text, want) {
		t.Errorf("status %q does not say %q", h.e.status.Text, want)
	}
	after := h.codes()
	if len(after) != len(before) {
		t.Fatalf("codebook changed: %v", after)
	}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("code %d changed: %+v → %+v", i, before[i], after[i])
		}
	}
	// The form keeps what was typed so it can be corrected.
	if h.e.name.Text != "deflecting" || h.e.current != "code-deflection" {
		t.Errorf("form now %q on %q", h.e.name.Text, h.e.current)
	}
}

func TestCodebookEditorDeletesACodeAfterSayingHowManyCodings(t *testing.T) {
	h := newEditorHarness(t)
	h.selectCode("referral")
	h.answerNo = true
	h.e.askRemove()
	if len(h.asked) != 1 || h.asked[0] != `Delete "referral"? 2 codings will be kept as removed.` {
		t.Fatalf("asked %q", h.asked)
	}
	if _, ok := h.code("referral"); !ok {
		t.Fatal("referral deleted though the answer was no")
	}
	h.answerNo = false
	h.e.askRemove()
	if _, ok := h.code("referral"); ok {
		t.Fatalf("referral still in the codebook: %s", h.names())
	}
	// Turns 2 and 4 stay reviewed; with their only code gone they export as reviewed with
	// no code (the store's rule for reviewed turns without live codings).
	if got := h.exported(); got != "ana:2: ana:4: ana:6:deflection" {
		t.Errorf("exported codings %q, want referral's codings gone", got)
	}
	if n, _ := h.m.p.CodeUsage(h.ctx, "code-referral"); n != 0 {
		t.Errorf("referral still has %d live codings", n)
	}
	if len(h.e.codes) != 3 || strings.Contains(panelText(h), "referral") {
		t.Errorf("editor %d codes; panel %s", len(h.e.codes), panelText(h))
	}
	if !strings.Contains(h.e.status.Text, "2 codings") {
		t.Errorf("status %q", h.e.status.Text)
	}
}

func TestCodebookEditorMergesCodes(t *testing.T) {
	h := newEditorHarness(t)
	h.selectCode("deflection")
	h.e.mergeInto.SetSelected("referral")
	h.e.askMerge()
	if len(h.asked) != 1 || !strings.Contains(h.asked[0], `Merge "deflection" into "referral"? Its 1 coding`) {
		t.Fatalf("asked %q", h.asked)
	}
	if got := h.exported(); got != "ana:2:referral ana:4:referral ana:6:referral" {
		t.Errorf("exported codings %q", got)
	}
	if n, _ := h.m.p.CodeUsage(h.ctx, "code-referral"); n != 3 {
		t.Errorf("referral has %d codings, want 3", n)
	}
	if h.names() != "referral,admission,claimed action" || h.e.current != "code-referral" {
		t.Errorf("codebook %s; editor shows %q", h.names(), h.e.current)
	}
}

func TestCodebookEditorMovesCodes(t *testing.T) {
	h := newEditorHarness(t)
	h.selectCode("admission")
	h.e.move(-1)
	if got := h.names(); got != "referral,admission,deflection,claimed action" {
		t.Fatalf("after Move up: %s (status %q)", got, h.e.status.Text)
	}
	if h.e.current != "code-admission" || h.e.list.Length() != 4 {
		t.Errorf("editor shows %q", h.e.current)
	}
	h.e.move(-1)
	h.e.move(-1) // already first: nothing to do
	if got := h.names(); got != "admission,referral,deflection,claimed action" {
		t.Errorf("after two more Move ups: %s", got)
	}
	if !h.e.up.Disabled() {
		t.Error("Move up is enabled on the first code")
	}
	h.selectCode("deflection")
	h.e.move(1)
	if got := h.names(); got != "admission,referral,claimed action,deflection" {
		t.Errorf("after Move down: %s", got)
	}
	if !h.e.down.Disabled() {
		t.Error("Move down is enabled on the last code")
	}
	// The main window's panel follows the new order.
	if got := panelText(h); !strings.HasPrefix(got, "admission 承认;referral") {
		t.Errorf("panel %s", got)
	}
}

// TestCodebookEditorScreenshot renders the editor; with -screenshots it writes
// docs/codebook.png.
func TestCodebookEditorScreenshot(t *testing.T) {
	h := newEditorHarness(t)
	h.m.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	h.e.add()
	h.e.name.SetText("hedging")
	h.e.nameZH.SetText("含糊其辞")
	h.e.parent.SetSelected("deflection")
	h.e.saveCode()
	h.selectCode("deflection")
	img := h.w.Canvas().Capture()
	if b := img.Bounds(); b.Dx() < 900 || b.Dy() < 600 {
		t.Fatalf("captured %v", b)
	}
	savePicture(t, img, "codebook.png")
}
