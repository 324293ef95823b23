package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	if fi, _ := os.Stat(path); fi.Mode().Perm() != newFileMode() {
		t.Errorf("mode %v, want the umask's %v", fi.Mode().Perm(), newFileMode())
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
		{put("study.qdpx", "PK\x03\x04project.qde"), Exchange, ""},
		{put("study.xlsx", "PK\x03\x04xl"), Exchange, "is not a REFI-QDA project"},
		{put("notes.qdpx", "notes"), Exchange, "is not a REFI-QDA project"},
		{put("chart.svg", "<?xml version=\"1.0\"?><svg/>"), Chart, ""},
		{put("chart2.svg", "a note"), Chart, "is not an SVG picture"},
		{put("codes3.qdc", "<CodeBook/>"), Chart, "is not an SVG picture"},
		{put("chart.png", "\x89PNG\r\n\x1a\n\x00\x00"), Picture, ""},
		{put("photo.png", "\xff\xd8\xff\xe0JFIF"), Picture, "is not a PNG picture"},
		{put("chart3.svg", "<svg/>"), Picture, "is not a PNG picture"},
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

// A file of ours is given the mode any new file of the user's gets: under umask 022 that is
// 0644 (CreateTemp's 0600 made workbooks unreadable to a shared drive's group), under 077 0600.
func TestPlacedFilesTakeTheUmasksMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "codings.csv")
	if err := Write(path, func(f *os.File) error { _, err := f.WriteString("a,b\n"); return err }); err != nil {
		t.Fatal(err)
	}
	probe := filepath.Join(t.TempDir(), "probe")
	f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	want, _ := os.Stat(probe)
	if got, _ := os.Stat(path); got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("mode %v; a new file here gets %v", got.Mode().Perm(), want.Mode().Perm())
	}
}

// Temporary files that a killed process left in a folder are removed by the next write there
// once they are StaleTemp old; a fresh one (another write under way) and other files stay.
func TestTempSweepsLeftovers(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-StaleTemp - time.Minute)
	leftovers := []string{".study-copy.turncoder.123456.tmp", ".turncoder-987654.tmp", ".codings.csv.42.tmp"}
	keep := []string{".matrix.csv.77.tmp", "notes.tmp", ".hidden", "report.csv"}
	for _, n := range append(append([]string{}, leftovers...), keep...) {
		p := filepath.Join(dir, n)
		os.WriteFile(p, []byte("x"), 0o644)
		if n != ".matrix.csv.77.tmp" && n != ".hidden" && n != "report.csv" && n != "notes.tmp" {
			os.Chtimes(p, old, old)
		}
	}
	os.Chtimes(filepath.Join(dir, "notes.tmp"), old, old) // not ours: no dot, no digits
	if err := Write(filepath.Join(dir, "out.csv"), func(f *os.File) error { return nil }); err != nil {
		t.Fatal(err)
	}
	for _, n := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("the leftover %s is still there", n)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
}
