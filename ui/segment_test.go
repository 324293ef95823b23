package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// lineTexts is the open document's turns as "number speaker: text", one a line.
func lineTexts(ws *Workspace) string {
	var out []string
	for _, l := range ws.lines {
		switch l.Kind {
		case coding.KindTurn:
			out = append(out, strings.TrimSpace(itoa(l.Number)+" "+l.Speaker+": "+l.Text))
		case coding.KindNote:
			out = append(out, "("+l.Text+")")
		}
	}
	return strings.Join(out, "\n")
}

func itoa(n int) string { return string(rune('0'+n/10%10)) + string(rune('0'+n%10)) }

// harnessOnRecord is a harness on the demo project with text imported as the document
// "record" (from record.txt), which it opens.
func harnessOnRecord(t *testing.T, text string) *harness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.turncoder")
	if err := seeds.CreateDemo(path); err != nil {
		t.Fatal(err)
	}
	p, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := transcript.Read("record.txt", []byte(text), transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Import(context.Background(), doc, "record.txt", nil); err != nil {
		t.Fatal(err)
	}
	p.Close()
	h := newHarnessOn(t, path)
	if err := h.ws.OpenDocument(h.docID("record")); err != nil {
		t.Fatal(err)
	}
	return h
}

// TestCorrectingTheSegmentation: on a document nobody has coded, the Edit menu's corrections
// join the selected turn with the next, split it at the cursor, give it another speaker and
// make it a note; Ctrl+Z takes each back and Ctrl+Y makes it again; once the document is
// coded, a correction is refused in a sentence that says why.
func TestCorrectingTheSegmentation(t *testing.T) {
	h := harnessOnRecord(t, "主席：現在開會。\n陳議員：我想問政府，\n附註：政府其後書面回覆。\n局長：我們會研究。\n")
	original := lineTexts(h.ws)
	h.ws.SelectTurn(2)
	h.m.joinTurn()
	if got := lineTexts(h.ws); got != "01 主席: 現在開會。\n02 陳議員: 我想問政府，附註：政府其後書面回覆。\n03 局長: 我們會研究。" {
		t.Fatalf("after the join:\n%s", got)
	}
	if h.selected() != 2 || !strings.Contains(h.ws.status.Text, "join turns 2 and 3 of record") {
		t.Errorf("selected %d, status %q", h.selected(), h.ws.status.Text)
	}
	h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if got := lineTexts(h.ws); got != original {
		t.Fatalf("after Ctrl+Z:\n%s\nwant\n%s", got, original)
	}
	h.shortcut(fyne.KeyY, fyne.KeyModifierShortcutDefault)
	if got := lineTexts(h.ws); !strings.Contains(got, "我想問政府，附註：") {
		t.Fatalf("after Ctrl+Y:\n%s", got)
	}

	// Split at the cursor: after "我想問政府，" (6 characters), with the arrow keys and Enter.
	// With the cursor at the start, Enter splits nothing and the dialog stays; Escape closes it.
	h.ws.SelectTurn(2)
	h.m.splitTurn()
	entry, ok := h.c.Focused().(*cursorEntry)
	if !ok {
		t.Fatalf("the split dialog's text has not the focus: %T", h.c.Focused())
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !dialogOpen(h.m.win) || !strings.Contains(lineTexts(h.ws), "我想問政府，附註：") {
		t.Fatal("Enter with the cursor at the start closed the dialog or split the turn")
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if dialogOpen(h.m.win) {
		t.Fatal("Escape did not close the split dialog")
	}
	h.m.splitTurn()
	entry = h.c.Focused().(*cursorEntry)
	entry.TypedRune('x') // typing changes nothing
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	for i := 0; i < 6; i++ {
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := lineTexts(h.ws); got != "01 主席: 現在開會。\n02 陳議員: 我想問政府，\n03 陳議員: 附註：政府其後書面回覆。\n04 局長: 我們會研究。" {
		t.Fatalf("after the split:\n%s", got)
	}
	// Another speaker for turn 3, typed.
	h.ws.SelectTurn(3)
	h.m.speakerTurn()
	who := h.c.Focused().(interface{ SetText(string) })
	who.SetText("書記")
	h.key(fyne.KeyReturn)
	if got := lineTexts(h.ws); !strings.Contains(got, "03 書記: 附註：政府其後書面回覆。") {
		t.Fatalf("after the speaker:\n%s", got)
	}
	// Turn 3 a note.
	h.ws.SelectTurn(3)
	h.m.noteTurn()
	if got := lineTexts(h.ws); !strings.Contains(got, "(書記：附註：政府其後書面回覆。)\n03 局長") {
		t.Fatalf("after the note:\n%s", got)
	}
	for i := 0; i < 4; i++ {
		h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	}
	if got := lineTexts(h.ws); got != original {
		t.Fatalf("after four Ctrl+Z:\n%s\nwant\n%s", got, original)
	}
	h.closeDialogs()

	// A code given by mistake and taken back (Ctrl+Z) is nobody's work: the join goes ahead,
	// and the coding's undo, which named the old turns, leaves the stack.
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(1)
	h.c.Focus(h.ws.list)
	h.typ("1")
	h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	h.ws.SelectTurn(2)
	h.m.joinTurn()
	if got := lineTexts(h.ws); !strings.Contains(got, "02 陳議員: 我想問政府，附註：政府其後書面回覆。") {
		t.Fatalf("the join after a code taken back:\n%s", got)
	}
	h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault) // the join, not the coding
	h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault) // nothing more to undo here
	if got := lineTexts(h.ws); got != original {
		t.Fatalf("after undoing the join:\n%s\nwant\n%s", got, original)
	}

	// Coded: the next correction is refused, saying why, and nothing changes.
	h.ws.SelectTurn(1)
	h.c.Focus(h.ws.list)
	h.typ("0")
	h.ws.SelectTurn(1)
	h.m.joinTurn()
	if got := lineTexts(h.ws); got != original {
		t.Errorf("a refused join changed the document:\n%s", got)
	}
	if !dialogOpen(h.m.win) {
		t.Fatal("no sentence for the refused join")
	}
	if msg := h.ws.status.Text; !strings.HasPrefix(msg, "Turn 1 of record cannot be joined with the next turn: 1 reviewed mark by ana is on this document") {
		t.Errorf("the refusal says %q", msg)
	}
}
