package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// copyAlone copies the project file and nothing beside it (no -wal, no -shm), as an e-mail
// attachment or a sync service takes it while the app is open.
func copyAlone(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// The report: twelve turns coded, "saved" after each, and the file copied while the app
// was open held none of them (they were in the -wal). Now, one second after the last one, the
// file alone holds all twelve, while the project is still open.
func TestTheFileAloneHoldsEverySavedCodingWithinASecond(t *testing.T) {
	p, turns := master(t)
	for _, turn := range turns[:12] {
		set(t, p, "ana", turn, true, "c-ref")
	}
	time.Sleep(time.Second)
	if _, err := os.Stat(p.Path() + "-wal"); err != nil {
		t.Fatalf("the open project has no -wal (%v): the test would not show that the file alone is whole", err)
	}
	q := mustOpen(t, copyAlone(t, p.Path()))
	defer q.Close()
	for i, turn := range turns[:12] {
		var n int
		if err := q.db.QueryRow(`SELECT count(*) FROM codings c JOIN coders k ON k.id = c.coder_id
			WHERE k.name = 'ana' AND c.turn_id = ? AND c.code_id = 'c-ref' AND c.removed = 0`, turn).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("the copy of the file alone lacks coding %d of 12 (turn %s)", i+1, turn)
		}
	}
}
