package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAStoreRefusalReachesTheWindowInItsLanguage sends ana's file to a path that is a file,
// not a folder, in each language: the error dialog gives store.Send's refusal in the
// interface's language (errText), the path as it is, and nothing is written.
func TestAStoreRefusalReachesTheWindowInItsLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	notFolder := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notFolder, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Fyne's error dialog begins the sentence with a capital.
	for _, c := range []struct{ tag, want string }{
		{"en", "Cannot write into " + notFolder + ": it is not a folder"},
		{"zh-Hans", "无法写入 " + notFolder + "：它不是文件夹"},
		{"zh-Hant", "無法寫入 " + notFolder + "：它不是資料夾"},
	} {
		SetLanguage(c.tag)
		h.m.sendTo("ana", notFolder)
		h.waitTasks()
		texts := overlayTexts(h.m.win.Canvas())
		if !strings.Contains(strings.Join(texts, "\n"), c.want) {
			t.Errorf("%s: the dialog says %q, not %q", c.tag, texts, c.want)
		}
		h.closeDialogs()
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("the refused sends wrote %v (%v)", entries, err)
	}
}
