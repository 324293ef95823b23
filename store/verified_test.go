package store

import (
	"context"
	"database/sql"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// A file whose digest held, or that was closed cleanly, is not summed again while it is as it
// was; any change to it (a write by another handle, the digest tampered with in place) makes
// the next open sum it, and a file whose digest does not hold is refused and never marked.
func TestDigestSummedOncePerChange(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("files are marked only where the system gives a status-change time")
	}
	t.Setenv("TURNCODER_CACHE", t.TempDir())
	old := digestMarkMin
	digestMarkMin = 0
	defer func() { digestMarkMin = old }()
	ctx := context.Background()

	p := newProject(t)
	res := mustImport(t, p, callDoc("call"))
	if err := p.AddCoder(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	rows, _ := p.Turns(ctx, res.DocumentID)
	if err := p.SetState(ctx, "ana", rows[0].ID, coding.TurnState{Reviewed: true, Codes: []string{"c-ref"}}, "code"); err != nil {
		t.Fatal(err)
	}
	path := p.Path()
	p.Close()
	if digestVerified(path) {
		t.Fatal("a file made here and never checked is marked")
	}
	q, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !digestVerified(path) {
		t.Fatal("a file whose digest held is not marked")
	}
	// Another handle writes: the -wal beside it, then the file itself, are changes.
	if err := q.SetState(ctx, "ana", rows[1].ID, coding.TurnState{Reviewed: true}, "review"); err != nil {
		t.Fatal(err)
	}
	if digestVerified(path) {
		t.Fatal("a file with changes in its -wal passes for the one checked")
	}
	q.Close()
	if !digestVerified(path) {
		t.Fatal("a file closed cleanly after its digest held is not marked")
	}

	// The digest changed in place, as in a copy taken half-way through a save, once the file's
	// times can tell (they move by the kernel's tick, a few milliseconds).
	time.Sleep(30 * time.Millisecond)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE meta SET value = value + 1 WHERE key = 'digest'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if digestVerified(path) {
		t.Fatal("a file changed since it was checked passes for the one checked")
	}
	for _, open := range []func(string) (*Project, error){Open, OpenReadOnly} {
		if r, err := open(path); err == nil || !strings.Contains(err.Error(), "incomplete") {
			if r != nil {
				r.Close()
			}
			t.Fatalf("a file whose digest does not hold was opened: %v", err)
		}
		if digestVerified(path) {
			t.Fatal("a file whose digest does not hold was marked")
		}
	}
}

// Small files are summed on every open (quick) and leave no mark.
func TestSmallFilesAreNotMarked(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TURNCODER_CACHE", dir)
	p := newProject(t)
	mustImport(t, p, callDoc("call"))
	path := p.Path()
	p.Close()
	q, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
	if entries, _ := os.ReadDir(dir + "/verified"); digestVerified(path) || len(entries) != 0 {
		t.Fatalf("a small file was marked (%d marks)", len(entries))
	}
}
