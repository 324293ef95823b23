package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteReplacesWholeOrNotAtAll: a write that fails leaves the old file as it was and no
// temporary file behind; one that succeeds replaces it, readable by others (0644).
func TestWriteReplacesWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "study-agreement.xlsx")
	os.WriteFile(path, []byte("old"), 0o644)
	boom := errors.New("disk full")
	err := Write(path, func(f *os.File) error {
		f.WriteString("half a new fi")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write returned %v, want the fill's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q", b)
	}
	if err := Write(path, func(f *os.File) error { _, err := f.WriteString("new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after a write the file holds %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only the file: %v", len(entries), entries)
	}
	// A folder in the way is refused; nothing else changes.
	if err := Write(dir, func(*os.File) error { return nil }); err == nil {
		t.Error("Write replaced a folder")
	}
}
