package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// An output is written over the project, its -wal (present or not), a folder, a database or a
// file of another kind never; over a file of its own kind, or an empty one, it may be.
func TestCheckReplace(t *testing.T) {
	dir := t.TempDir()
	put := func(name string, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	project := put("study.turncoder", "SQLite format 3\x00rest of the page")
	wal := put("study.turncoder-wal", "\x37\x7f\x06\x82 frames")
	link := filepath.Join(dir, "link.csv")
	os.Symlink(project, link)
	os.Mkdir(filepath.Join(dir, "out.csv"), 0o755)
	cases := []struct {
		out  string
		kind Kind
		want string // "" may be written
	}{
		{project, CSV, "is the project itself"},
		{link, CSV, "is the project itself"},
		{wal, Workbook, "is the project's wal file"},
		{project + "-shm", CSV, "is the project's shm file"}, // not there yet: by name
		{filepath.Join(dir, "out.csv"), CSV, "is a folder"},
		{put("other.csv", "SQLite format 3\x00"), CSV, "is a database"},
		{put("thesis.docx", "PK\x03\x04word"), Workbook, "is not an Excel workbook"},
		{put("notes.txt", "PK\x03\x04"), CSV, "is not a CSV file"},
		{put("report.csv", "\x00\x01binary"), CSV, "is not a CSV file"},
		{put("old.xlsx", "PK\x03\x04xl"), Workbook, ""},
		{put("codings.csv", "document,turn,coder,code\n"), CSV, ""},
		{put("empty.xlsx", ""), Workbook, ""},
		{put("codes.qdc", "\xef\xbb\xbf<?xml version=\"1.0\"?><CodeBook/>"), Codebook, ""},
		{put("codes2.qdc", "not xml"), Codebook, "is not a REFI-QDA codebook"},
		{filepath.Join(dir, "new.csv"), CSV, ""},
	}
	for _, c := range cases {
		err := CheckReplace(c.out, c.kind, project)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", filepath.Base(c.out), err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", filepath.Base(c.out), err, c.want)
		}
	}
}
