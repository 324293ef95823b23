package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tamper copies the file at src to a new file and runs SQL on it through a plain connection
// (none of turncoder's pragmas, foreign keys off), as someone editing it by hand would.
func tamper(t *testing.T, src string, stmts ...string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "tampered"+Extension)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(stmts) == 0 {
		return out
	}
	db, err := sql.Open("sqlite", "file:"+out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return out
}

// corruptPage overwrites cells near the end of the first leaf page of the turns table (where
// SQLite puts cell content) of a copy of src.
func corruptPage(t *testing.T, src string) string {
	t.Helper()
	out := tamper(t, src)
	db, _ := sql.Open("sqlite", "file:"+out+"?mode=ro")
	var page int64
	err := db.QueryRow(`SELECT pageno FROM dbstat WHERE name = 'turns' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`).Scan(&page)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	size := int64(binary.BigEndian.Uint16(data[16:18]))
	at := page*size - 300
	for i := int64(0); i < 64; i++ {
		data[at+i] ^= 0x5a
	}
	os.WriteFile(out, data, 0o644)
	return out
}

// TestMergeRefusesDamagedAndHostileFiles feeds the merge what may come back by email instead
// of a coder's copy: each is refused with one sentence naming it, and the master is unchanged.
func TestMergeRefusesDamagedAndHostileFiles(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[0], true, "c-ref")
	mustImport(t, c, longDoc("ana's extra", 3))
	good := c.Path()
	c.Close()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		return path
	}
	goodBytes, _ := os.ReadFile(good)
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec(`CREATE TABLE notes(x); INSERT INTO notes VALUES ('hello')`)
	db.Close()
	stranger, err := Create(filepath.Join(dir, "stranger"+Extension), shareCodebook)
	if err != nil {
		t.Fatal(err)
	}
	stranger.Close()

	cases := []struct{ name, path, want string }{
		{"missing", filepath.Join(dir, "nope.turncoder"), "there is no file at"},
		{"folder", dir, "is a folder"},
		{"empty", write("empty.turncoder", nil), "is empty"},
		{"not SQLite", write("mail.turncoder", []byte("Dear lead, here is my file.\n")), "it is not an SQLite database"},
		{"truncated", write("cut.turncoder", goodBytes[:len(goodBytes)/2]), "damaged or incomplete"},
		{"truncated mid-page", write("cut2.turncoder", goodBytes[:len(goodBytes)/2+100]), "damaged or incomplete"},
		{"another application", other, "an SQLite database of another application"},
		{"newer schema", tamper(t, good, `PRAGMA user_version = 99`), "made by a newer version of turncoder"},
		{"no schema", tamper(t, good, `PRAGMA user_version = 0`), "has no turncoder schema"},
		{"trigger", tamper(t, good, `CREATE TRIGGER t AFTER INSERT ON codings BEGIN DELETE FROM codings; END`), `contains a trigger "t"`},
		{"view", tamper(t, good, `CREATE VIEW v AS SELECT * FROM codings`), `contains a view "v"`},
		{"extra table", tamper(t, good, `CREATE TABLE extra(x)`), `contains a table "extra"`},
		{"extra index", tamper(t, good, `CREATE INDEX codings_at ON codings(changed_at)`), `contains an index "codings_at"`},
		{"altered table", tamper(t, good, `ALTER TABLE memos ADD COLUMN x DEFAULT (randomblob(8))`), `table layout (table "memos" differs)`},
		{"dropped index", tamper(t, good, `DROP INDEX turns_speaker`), `table layout (index "turns_speaker" is missing)`},
		{"corrupt page", corruptPage(t, good), "is damaged (SQLite's integrity check found: "},
		{"dangling coding", tamper(t, good, `INSERT INTO codings VALUES (1, 'no-such-turn', 'c-ref', 0, 1764000000000000000)`), "point to rows that are not there"},
		{"text time", tamper(t, good, `UPDATE codings SET changed_at = 'tomorrow'`), "codings table holds values of a kind turncoder never writes"},
		{"removed flag 7", tamper(t, good, `UPDATE codings SET removed = 7`), "codings table holds values"},
		{"text time in a new document", tamper(t, good, `UPDATE turns SET start_ms = 'soon' WHERE document_id = (SELECT id FROM documents WHERE title = 'ana''s extra')`),
			"turns table holds values of a kind turncoder never writes"}, // merged alone: after good, the document is not taken from it

		{"a role outside the CHECK", tamper(t, good, `PRAGMA ignore_check_constraints = ON`, `UPDATE speakers SET role = 'hacker'`),
			"speakers table holds values of a kind turncoder never writes"},
		{"a time at int64's maximum", tamper(t, good, `UPDATE codings SET changed_at = 9223372036854775807`),
			"holds a change time in its codings table (2262-04-11) outside 2000 to tomorrow"},
		{"a time before 2000", tamper(t, good, `UPDATE reviews SET changed_at = 1000`),
			"holds a change time in its reviews table (1970-01-01) outside 2000 to tomorrow"},
		{"a symlink to a file open elsewhere", openElsewhere(t, good), "is open in turncoder or was not closed properly"},
		{"no project id", tamper(t, good, `DELETE FROM meta WHERE key = 'project_id'`), "has no project id"},
		{"different project", stranger.Path(), "is a copy of a different project"},
	}
	before := everything(t, p)
	for _, c := range cases {
		for _, plan := range []bool{true, false} {
			var err error
			if plan {
				_, err = p.PlanMerge(ctx, []string{c.path}, MergeOptions{AllCoders: true})
			} else if strings.HasPrefix(c.name, "text time in a new document") {
				_, err = p.Merge(ctx, []string{c.path}, MergeOptions{AllCoders: true})
			} else {
				_, err = p.Merge(ctx, []string{good, c.path}, MergeOptions{AllCoders: true}) // after a good file: the good one is not merged either
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v; want %q", c.name, err, c.want)
				continue
			}
			if msg := err.Error(); strings.Count(msg, "\n") > 0 || len(msg) > 300 || !strings.Contains(msg, c.path) {
				t.Errorf("%s: not one sentence naming the file: %q", c.name, msg)
			}
		}
	}
	if after := everything(t, p); after != before {
		t.Errorf("refused files changed the master:\n%s\nwas\n%s", after, before)
	}
	if _, err := p.Merge(ctx, []string{good}, MergeOptions{AllCoders: true}); err != nil {
		t.Errorf("the good copy itself: %v", err)
	}
}

// openElsewhere is a symlink to a copy of good that has a -wal beside it (open in turncoder
// on another machine, as a sync service shows it): the -wal is beside the target, not the link.
func openElsewhere(t *testing.T, good string) string {
	t.Helper()
	target := tamper(t, good)
	if err := os.WriteFile(target+"-wal", []byte("frames not yet in the file"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link"+Extension)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	return link
}

// turnsOf is the ids of p's turns in order (all documents).
func turnsOf(t testing.TB, p *Project) []string {
	t.Helper()
	rows, err := p.Turns(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestSharedFilesAreReadWithoutTrust checks how a received file is opened: a private copy,
// trusted_schema off, read-only, and nothing left behind.
func TestSharedFilesAreReadWithoutTrust(t *testing.T) {
	ctx := context.Background()
	p, _ := master(t)
	c := openCopy(t, p, "ana")
	c.Close()
	f, err := openShared(ctx, c.Path())
	if err != nil {
		t.Fatal(err)
	}
	if f.boundCoder != "ana" || f.tmp == c.Path() {
		t.Errorf("shared file %+v", f)
	}
	db, _ := sql.Open("sqlite", sharedDSN(f.tmp))
	var trusted int
	db.QueryRow(`PRAGMA trusted_schema`).Scan(&trusted)
	if _, err := db.Exec(`DELETE FROM codings`); err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("the checked copy is writable: %v", err)
	}
	db.Close()
	if trusted != 0 {
		t.Error("trusted_schema is on")
	}
	f.close()
	if _, err := os.Stat(f.dir); !os.IsNotExist(err) {
		t.Errorf("temporary folder left behind: %v", err)
	}
	// A -wal beside the received file: the file is open in turncoder (its latest changes
	// are in the -wal) or was saved from an email with it. It is refused, and never read.
	evil := tamper(t, c.Path())
	os.WriteFile(evil+"-wal", []byte("not a wal at all"), 0o644)
	if _, err := p.PlanMerge(ctx, []string{evil}, MergeOptions{AllCoders: true}); err == nil || !strings.Contains(err.Error(), "is open in turncoder or was not closed properly") {
		t.Errorf("a -wal beside the file: %v", err)
	}
	if data, _ := os.ReadFile(evil + "-wal"); string(data) != "not a wal at all" {
		t.Error("the -wal was touched")
	}
	// A copy still open in another window is refused the same way.
	open := mustOpen(t, c.Path())
	set(t, open, "ana", turnsOf(t, open)[0], true, "c-ref")
	if _, err := p.PlanMerge(ctx, []string{c.Path()}, MergeOptions{AllCoders: true}); err == nil || !strings.Contains(err.Error(), "close it in turncoder") {
		t.Errorf("merge of a copy open elsewhere: %v", err)
	}
	open.Close()
	if rep, err := p.PlanMerge(ctx, []string{c.Path()}, MergeOptions{AllCoders: true}); err != nil || rep.Sources[0].Codings != 1 {
		t.Errorf("once closed: %+v, %v", rep, err)
	}
}

// A merge killed midway leaves its private copy of a coder's file in the temporary folder;
// the next merge removes such folders once they are a day old, and leaves younger ones (a
// merge may be running in another window).
func TestSweepStaleMergeFolders(t *testing.T) {
	dir := t.TempDir()
	old, young, other := filepath.Join(dir, "turncoder-merge-111"), filepath.Join(dir, "turncoder-merge-222"), filepath.Join(dir, "keep-me")
	for _, d := range []string{old, young, other} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "shared.turncoder"), []byte("coder data"), 0o600)
	}
	long := time.Now().Add(-48 * time.Hour)
	for _, d := range []string{old, other} {
		if err := os.Chtimes(d, long, long); err != nil {
			t.Fatal(err)
		}
	}
	sweepStale(dir, time.Now().Add(-staleAfter))
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("a day-old merge folder was left")
	}
	for _, d := range []string{young, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed", filepath.Base(d))
		}
	}
}
