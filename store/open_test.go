package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Files opened directly (a double-click, gui, info, agree, export, codings import) are checked
// as merge checks a received file, before anything of ours runs on them: a trigger, a view in
// place of a table, an extra table or index, an altered or missing one are refused in one
// sentence that names the file, and the file is left byte for byte as it was, with nothing
// beside it.
func TestFilesOpenedDirectlyAreCheckedFirst(t *testing.T) {
	p, _ := master(t)
	good := filepath.Join(t.TempDir(), "good"+Extension)
	if err := p.Backup(t.Context(), good); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, path, want string }{
		{"a trigger that deletes the others' codings", tamper(t, good,
			`CREATE TRIGGER sneaky AFTER INSERT ON codings BEGIN DELETE FROM codings WHERE coder_id <> NEW.coder_id; END`),
			`contains a trigger "sneaky" that turncoder never makes`},
		{"a trigger that never ends", tamper(t, good,
			`CREATE TRIGGER spin AFTER INSERT ON audit BEGIN SELECT count(*) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n FROM r); END`),
			`contains a trigger "spin"`},
		{"a view in place of turns", tamper(t, good, `PRAGMA foreign_keys = OFF`, `DROP TABLE turns`,
			`CREATE VIEW turns AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n AS id FROM r`),
			`contains a view "turns"`},
		{"an extra table", tamper(t, good, `CREATE TABLE extra(x)`), `contains a table "extra"`},
		{"an altered table", tamper(t, good, `ALTER TABLE memos ADD COLUMN x DEFAULT (randomblob(8))`), `table layout (table "memos" differs)`},
		{"a dropped index", tamper(t, good, `DROP INDEX turns_speaker`), `index "turns_speaker" is missing`},
		{"our digest trigger dropped", tamper(t, good, `DROP TRIGGER digest_codings_insert`), `trigger "digest_codings_insert" is missing`},
		{"no schema", tamper(t, good, `PRAGMA user_version = 0`), "has no turncoder schema"},
	}
	for _, c := range cases {
		before, _ := os.ReadFile(c.path)
		done := make(chan error, 1)
		go func() {
			q, err := Open(c.path)
			if err == nil {
				q.Close()
			}
			done <- err
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: Open did not return within 20 s", c.name)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want %q", c.name, err, c.want)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, c.path) {
			t.Errorf("%s: not one sentence naming the file: %q", c.name, msg)
		}
		if after, _ := os.ReadFile(c.path); !bytes.Equal(before, after) {
			t.Errorf("%s: the refused file was changed", c.name)
		}
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(c.path + suffix); err == nil {
				t.Errorf("%s: refusing it left %s beside it", c.name, suffix)
			}
		}
	}
	if q, err := Open(good); err != nil {
		t.Errorf("the good file itself: %v", err)
	} else {
		q.Close()
	}
}

// A file in rollback-journal mode (a copy as sent, a file from an older turncoder) opened as
// the window opens it and only read stays byte for byte as it was, with nothing beside it; the
// first change switches it to WAL (issue 14: opening converted it at once).
func TestOpenSwitchesToWALAtTheFirstWrite(t *testing.T) {
	p, _ := master(t)
	path := p.Path()
	p.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if before[18] != 1 || before[19] != 1 {
		t.Fatalf("header bytes 18–19 %d %d: not rollback-journal mode", before[18], before[19])
	}
	q, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Codes(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Coders(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + n); err == nil {
			t.Errorf("reading left %s beside the file", n)
		}
	}
	q.Close()
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("opening and reading changed the file")
	}
	q, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.AddCoder(context.Background(), "dee"); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := q.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("after a write the journal mode is %q (%v), want wal", mode, err)
	}
	q.Close()
}
