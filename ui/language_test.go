package ui

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// overlayTexts are the texts of the dialog on top of the canvas: labels, buttons, titles.
func overlayTexts(c fyne.Canvas) []string {
	var out []string
	top := c.Overlays().Top()
	if top == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(top) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v.Text)
		case *widget.Check:
			out = append(out, v.Text)
		default:
			if t, ok := textOf(o); ok {
				out = append(out, t)
			}
		}
	}
	return out
}

// hasLabel tells whether a label of o reads text.
func hasLabel(o fyne.CanvasObject, text string) bool {
	return slices.ContainsFunc(test.LaidOutObjects(o), func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && l.Text == text
	})
}

// wantTexts fails unless each of want is among the dialog's texts (or within one of them).
func wantTexts(t *testing.T, what string, texts []string, want ...string) {
	t.Helper()
	all := strings.Join(texts, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s: no %q in %q", what, w, texts)
		}
	}
}

// TestTheWindowSpeaksTheLanguageChosen switches the language as Preferences does and reads the
// window in each: the menus, the status line, a dialog of ours and one of Fyne's (its OK
// button, which Fyne translates), the open agreement, codebook and speakers windows; and the
// window is as it was, the document, the turn, the coder, the search typed, a code's form half
// filled in, the undo history.
func TestTheWindowSpeaksTheLanguageChosen(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	if v, ok := os.LookupEnv("LANGUAGE"); ok {
		t.Cleanup(func() { os.Setenv("LANGUAGE", v) })
	}
	h := newHarness(t)
	h.codeTurns("bo", map[int]string{2: "1", 4: "2"})
	h.codeTurns("ana", map[int]string{2: "1", 4: "3"})
	h.ws.SelectTurn(4)
	h.ws.bar.search.SetText("工会")
	undo := len(h.ws.undo)
	doc := h.ws.doc
	h.m.showAgreement()
	h.waitTasks()
	h.m.showCodebookEditor()
	editor := h.m.codebooks[0]
	editor.definition.SetText("a definition being typed")
	h.m.showSpeakers()
	h.m.showAdjudicator()
	h.m.adj.note.SetText("a note being typed")
	for _, c := range []struct {
		tag, file, edit, prefs, turn, ok, agreement, byCode, codes, speaker string
	}{
		{"zh-Hans", "文件", "编辑", "偏好设置…", "第4话轮", "确定", "一致性 — ", "按代码", "代码", "说话人"},
		{"zh-Hant", "檔案", "編輯", "偏好設定…", "第4話輪", "確定", "一致性 — ", "按代碼", "代碼", "說話人"},
		{"en", "File", "Edit", "Preferences…", "turn 4", "OK", "Agreement — ", "By code", "Codes", "Speaker"},
	} {
		t.Run(c.tag, func(t *testing.T) {
			h.m.setLanguage(c.tag)
			if got := h.m.app.Preferences().String(prefLanguage); got != c.tag || Language() != c.tag {
				t.Errorf("the preference %q, the language %q", got, Language())
			}
			menu := h.m.win.MainMenu()
			edit := menu.Items[1].Items
			if menu.Items[0].Label != c.file || menu.Items[1].Label != c.edit || edit[len(edit)-1].Label != c.prefs {
				t.Errorf("menus %q, %q, last of Edit %q", menu.Items[0].Label, menu.Items[1].Label, edit[len(edit)-1].Label)
			}
			// The window is as it was.
			ws := h.m.ws
			if l := ws.selectedLine(); ws.doc != doc || l == nil || l.Number != 4 || ws.Coder() != "ana" ||
				ws.bar.search.Text != "工会" || len(ws.undo) != undo {
				t.Errorf("after the switch: document %v, turn %v, coder %q, search %q, undo %d of %d",
					ws.doc == doc, l, ws.Coder(), ws.bar.search.Text, len(ws.undo), undo)
			}
			ws.updateStatus()
			if !strings.Contains(ws.status.Text, c.turn) {
				t.Errorf("status line %q has no %q", ws.status.Text, c.turn)
			}
			// A dialog of ours, and Fyne's own OK button.
			h.m.preferencesDialog()
			wantTexts(t, "Preferences", overlayTexts(h.c), T("Language"), T("Apply"), T("Cancel"), languageName(c.tag)) // the language chosen, shown in its select
			h.closeDialogs()
			showError(h.m.win, errors.New("x"))
			wantTexts(t, "an error", overlayTexts(h.c), c.ok)
			h.closeDialogs()
			h.m.shortcutsCard()
			wantTexts(t, "the shortcuts", overlayTexts(h.c), T("Keyboard shortcuts"), T("quit"), T("Close"))
			h.closeDialogs()
			// The windows beside it, built again with what they showed.
			if !strings.HasPrefix(h.m.agreementWin.Title(), c.agreement) || h.m.agreement.tabs.Items[0].Text != c.byCode ||
				len(h.m.agreement.report.Disagreements) != 1 {
				t.Errorf("agreement window %q, first tab %q, %d disagreements", h.m.agreementWin.Title(), h.m.agreement.tabs.Items[0].Text,
					len(h.m.agreement.report.Disagreements))
			}
			e := h.m.codebooks[0]
			if e.win != editor.win || e.definition.Text != "a definition being typed" || e.current != editor.current {
				t.Errorf("codebook editor: the definition typed %q, code %q (was %q)", e.definition.Text, e.current, editor.current)
			}
			if !hasLabel(e.content, c.codes) {
				t.Errorf("the codebook editor's list is not titled %q", c.codes)
			}
			if !hasLabel(h.m.speakerDialogs[0].content, c.speaker) {
				t.Errorf("the speakers window has no column %q", c.speaker)
			}
			if a := h.m.adj; a.note.Text != "a note being typed" || !strings.Contains(a.header.Text, T("Disagreement %d of %d — %s, turn %d, %s", 1, 1, a.units[0].Document, 4, a.units[0].Speaker)) {
				t.Errorf("adjudication: note %q, header %q", a.note.Text, a.header.Text)
			}
		})
	}
}

// TestTheSystemsLanguageIsFollowed: with no language chosen the interface speaks the one of
// its three closest to the system's locale, Traditional Chinese for Taiwan and Hong Kong.
func TestTheSystemsLanguageIsFollowed(t *testing.T) {
	for locale, want := range map[string]string{"zh-CN": "zh-Hans", "zh-SG": "zh-Hans", "zh-TW": "zh-Hant", "zh-HK": "zh-Hant",
		"zh-MO": "zh-Hant", "zh": "zh-Hans", "zh-Hant": "zh-Hant", "en-US": "en", "fr-FR": "en", "de": "en"} {
		if got := closestLanguage(locale); got != want {
			t.Errorf("%s: %s, want %s", locale, got, want)
		}
	}
}

// TestCountsAndListsInEachLanguage: plural, joinList and joinSentences in each language.
func TestCountsAndListsInEachLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	for _, c := range []struct{ tag, one, many, list, sentences string }{
		{"en", "1 turn", "12 turns", "a, b", "A. B."},
		{"zh-Hans", "1个话轮", "12个话轮", "a、b", "A.B."},
		{"zh-Hant", "1個話輪", "12個話輪", "a、b", "A.B."},
	} {
		SetLanguage(c.tag)
		if got := plural(1, "turn") + "|" + plural(12, "turn") + "|" + joinList([]string{"a", "b"}) + "|" + joinSentences("A.", "", "B."); got != c.one+"|"+c.many+"|"+c.list+"|"+c.sentences {
			t.Errorf("%s: %q", c.tag, got)
		}
	}
}
