package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// shareCodebook has four codes, so random states have some room.
var shareCodebook = []coding.Code{
	{ID: "c-ref", Name: "referral", NameZH: "转介", Shortcut: "1", Position: 1},
	{ID: "c-def", Name: "deflection", NameZH: "推诿", Shortcut: "2", Position: 2},
	{ID: "c-adm", Name: "admission", NameZH: "承认", Shortcut: "3", Position: 3},
	{ID: "c-ref2", Name: "refusal", NameZH: "拒绝", Shortcut: "4", Position: 4},
}

// longDoc is a call of n turns between CLB and a union, with a header and a note.
func longDoc(title string, n int) *coding.Document {
	doc := &coding.Document{Title: title, Format: "turns", Items: []coding.Item{
		{Kind: coding.KindHeader, Text: title + "：第一通电话"},
		{Kind: coding.KindNote, Text: "——开始——"},
	}}
	for i := 0; i < n; i++ {
		sp := "CLB"
		if i%2 == 1 {
			sp = "东营市总工会"
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: sp, Text: fmt.Sprintf("%s 第%d句：请问是工会吗？", title, i+1)})
	}
	return doc
}

// master is a project with two documents (callDoc and a 30-turn call), the coders ana, bo and
// cy, and the four-code codebook. It returns the project and every turn id.
func master(t testing.TB) (*Project, []string) {
	t.Helper()
	p, err := Create(filepath.Join(t.TempDir(), "study"+Extension), shareCodebook)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	ctx := context.Background()
	var turns []string
	for _, doc := range []*coding.Document{callDoc("call"), longDoc("long", 30)} {
		res, err := p.Import(ctx, doc, doc.Title+".txt", nil)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := p.Turns(ctx, res.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			turns = append(turns, r.ID)
		}
	}
	for _, c := range []string{"ana", "bo", "cy"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return p, turns
}

func set(t testing.TB, p *Project, coder, turn string, reviewed bool, codes ...string) {
	t.Helper()
	if err := p.SetState(context.Background(), coder, turn, coding.TurnState{Reviewed: reviewed, Codes: codes}, "code"); err != nil {
		t.Fatal(err)
	}
}

// openCopy makes coder's copy of p in a temporary folder and opens it.
func openCopy(t testing.TB, p *Project, coder string) *Project {
	t.Helper()
	out := filepath.Join(t.TempDir(), CopyName(p.Path(), coder))
	if err := p.CopyFor(context.Background(), coder, out); err != nil {
		t.Fatal(err)
	}
	return mustOpen(t, out)
}

func mustOpen(t testing.TB, path string) *Project {
	t.Helper()
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// decisions dumps the codings, reviewed marks and memos by coder name, sorted: what merges
// must agree on exactly, whatever the coders' local ids.
func decisions(t testing.TB, p *Project) string {
	t.Helper()
	return queryDump(t, p.db, `
		SELECT 'coding', c.name, g.turn_id, g.code_id, g.removed, g.changed_at FROM codings g JOIN coders c ON c.id = g.coder_id
		UNION ALL SELECT 'review', c.name, r.turn_id, '', r.reviewed, r.changed_at FROM reviews r JOIN coders c ON c.id = r.coder_id
		UNION ALL SELECT 'memo', c.name, m.turn_id, m.text, 0, m.changed_at FROM memos m JOIN coders c ON c.id = m.coder_id
		ORDER BY 1, 2, 3, 4`)
}

// everything dumps every table of a project, the audit log included.
func everything(t testing.TB, p *Project) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"meta", "documents", "sections", "speakers", "speaker_aliases", "turns", "notes", "codes",
		"coders", "codings", "reviews", "memos", "audit"} {
		b.WriteString("== " + table + "\n")
		lines := strings.SplitAfter(queryDump(t, p.db, `SELECT * FROM `+table), "\n")
		sort.Strings(lines)
		b.WriteString(strings.Join(lines, ""))
	}
	return b.String()
}

func queryDump(t testing.TB, db queryer, query string) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('|')
			}
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCopyHoldsEverythingButOtherCodersWork(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	mustImport(t, p, &coding.Document{Title: "short", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "总工会", Text: "您好。"}}})
	if err := p.Alias(ctx, "总工会", "东营市总工会"); err != nil {
		t.Fatal(err)
	}
	set(t, p, "ana", turns[0], true, "c-ref")
	set(t, p, "bo", turns[0], true, "c-def")
	set(t, p, "bo", turns[1], true)
	set(t, p, "cy", turns[2], false, "c-adm")
	if err := p.SetMemo(ctx, "ana", turns[0], "ana's own note"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, "bo", turns[0], "bo-secret-memo-text"); err != nil {
		t.Fatal(err)
	}
	c := openCopy(t, p, "ana")

	if b, err := c.BoundCoder(ctx); err != nil || b != "ana" {
		t.Errorf("BoundCoder = %q, %v; want ana", b, err)
	}
	if b, _ := p.BoundCoder(ctx); b != "" {
		t.Errorf("the master is bound to %q", b)
	}
	pid, _ := p.Meta(ctx, "project_id")
	if cid, _ := c.Meta(ctx, "project_id"); cid != pid {
		t.Errorf("project_id %q, master's %q", cid, pid)
	}
	coders, _ := c.Coders(ctx)
	if len(coders) != 1 || coders[0].Name != "ana" {
		t.Errorf("coders of the copy %v, want ana only", coders)
	}
	if got, want := decisions(t, c), onlyCoder(decisions(t, p), "ana"); got != want || !strings.Contains(got, "ana's own note") {
		t.Errorf("copy's decisions\n%s\nwant ana's of the master\n%s", got, want)
	}
	for _, table := range []string{"documents", "sections", "speakers", "speaker_aliases", "turns", "notes", "codes"} {
		if a, b := queryDump(t, c.db, `SELECT * FROM `+table+` ORDER BY 1`), queryDump(t, p.db, `SELECT * FROM `+table+` ORDER BY 1`); a != b {
			t.Errorf("%s differs in the copy:\n%s\nmaster:\n%s", table, a, b)
		}
	}
	if ci, _ := c.CodeInterviewers(ctx); ci {
		t.Error("settings changed")
	}
	log, _ := c.AuditLog(ctx)
	if len(log) != 1 || log[0].Action != "copy" || strings.Contains(log[0].Detail, "bo") {
		t.Errorf("copy's audit log %+v: want only its own making (the master's names other coders' decisions)", log)
	}
	c.Close()
	raw, _ := os.ReadFile(c.Path())
	if bytes.Contains(raw, []byte("bo-secret-memo-text")) {
		t.Error("bo's memo survives in the copy's free pages")
	}
	plog, _ := p.AuditLog(ctx)
	if last := plog[len(plog)-1]; last.Action != "copy" || !strings.Contains(last.Detail, "ana") {
		t.Errorf("master's last audit entry %+v, want the copy", last)
	}
}

// onlyCoder keeps the lines of a decisions dump that belong to coder.
func onlyCoder(dump, coder string) string {
	var out []string
	for _, l := range strings.SplitAfter(dump, "\n") {
		if f := strings.Split(l, "|"); len(f) > 1 && f[1] == coder {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

func TestCopiesForSeveralCodersAreAllOrNothing(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	set(t, p, "bo", turns[3], true, "c-ref")
	dir := filepath.Join(t.TempDir(), "copies")
	paths, err := p.Copies(ctx, []string{"bo", "dee new"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "study-bo.turncoder"), filepath.Join(dir, "study-dee new.turncoder")}
	if strings.Join(paths, ",") != strings.Join(want, ",") {
		t.Errorf("paths %v, want %v", paths, want)
	}
	bo, dee := mustOpen(t, paths[0]), mustOpen(t, paths[1])
	if n := counts(t, bo).Codings; n != 1 {
		t.Errorf("bo's copy has %d codings, want bo's 1", n)
	}
	if b, _ := dee.BoundCoder(ctx); b != "dee new" {
		t.Errorf("bound %q", b)
	}
	if _, err := coderID(ctx, p.db, "dee new"); err != nil {
		t.Errorf("a copy for a new coder should add them to the master: %v", err)
	}
	// One target exists: refused, and no other copy is written.
	if _, err := p.Copies(ctx, []string{"ana", "bo"}, dir); err == nil || !strings.Contains(err.Error(), "will not overwrite") {
		t.Errorf("copy over an existing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "study-ana.turncoder")); !os.IsNotExist(err) {
		t.Errorf("ana's copy was written although bo's could not be: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 2 { // 2 copies, open but not written to: no -wal yet
		t.Errorf("folder holds %v, want the 2 copies and no temporary file", files)
	}
	// A copy cannot make copies for other coders.
	if err := bo.CopyFor(ctx, "ana", filepath.Join(t.TempDir(), "x.turncoder")); err == nil || !strings.Contains(err.Error(), "bo's copy") {
		t.Errorf("copy of a copy for another coder: %v", err)
	}
	if got := CopyName("/x/study.turncoder", `a/b:c`); got != "study-a_b_c.turncoder" {
		t.Errorf("CopyName = %q", got)
	}
}

func TestCopyFailureLeavesNoFile(t *testing.T) {
	p, _ := master(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "ana.turncoder")
	if err := p.CopyFor(ctx, "ana", out); err == nil {
		t.Fatal("a cancelled copy succeeded")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 0 {
		t.Errorf("a failed copy left %d files", len(entries))
	}
}

func TestBackupWhileAnotherWindowWrites(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	other := mustOpen(t, p.Path()) // a second window on the same file
	set(t, p, "ana", turns[0], true, "c-ref")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, turn := range turns {
			if err := other.SetState(ctx, "bo", turn, coding.TurnState{Reviewed: true, Codes: []string{"c-def"}}, "code"); err != nil {
				t.Errorf("write %d: %v", i, err)
				return
			}
		}
	}()
	out := filepath.Join(t.TempDir(), "backup.turncoder")
	for i := 0; i < 3; i++ { // also over the previous backup
		if err := p.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	b := mustOpen(t, out)
	if n := counts(t, b); n.Turns != counts(t, p).Turns || n.Coders != 3 {
		t.Errorf("backup counts %+v", n)
	}
	var check string
	b.db.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	if check != "ok" {
		t.Errorf("backup integrity: %s", check)
	}
	if err := p.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if got, want := decisions(t, mustOpen(t, out)), decisions(t, p); got != want {
		t.Errorf("backup after the writes\n%s\nwant\n%s", got, want)
	}
	notOurs := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notOurs, []byte("my thesis"), 0o644)
	for _, c := range []struct{ out, want string }{
		{notOurs, "not a turncoder project; turncoder will not overwrite it"},
		{p.Path(), "is the project itself"},
		{t.TempDir(), "is a folder"},
		{filepath.Join(t.TempDir(), "no", "such.turncoder"), "there is no folder"},
	} {
		if err := p.Backup(ctx, c.out); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Backup(%s): %v, want %q", c.out, err, c.want)
		}
	}
	if data, _ := os.ReadFile(notOurs); string(data) != "my thesis" {
		t.Error("backup overwrote a file that is not a project")
	}
}

// TestTwoWindowsLoseNoUpdate has two handles on one file (two copies of the app) write at
// once from several goroutines each, and a merge run alongside: every write lands and none
// reports the file busy.
func TestTwoWindowsLoseNoUpdate(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	q := mustOpen(t, p.Path())
	c := openCopy(t, p, "cy")
	for _, turn := range turns {
		set(t, c, "cy", turn, true, "c-adm")
	}
	c.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g, h := range []*Project{p, q, p, q} {
		coder := []string{"ana", "ana", "bo", "bo"}[g]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g % 2; i < len(turns); i += 2 { // a coder's two goroutines, on two handles, share no turn
				if err := h.SetState(ctx, coder, turns[i], coding.TurnState{Reviewed: true, Codes: []string{"c-ref"}}, "code"); err != nil {
					errs <- err
				}
				if err := h.SetMemo(ctx, coder, turns[i], fmt.Sprintf("memo %d", i)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := q.Merge(ctx, []string{c.Path()}, MergeOptions{AllCoders: true}); err != nil {
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var codings, memos, cy int
	p.db.QueryRow(`SELECT count(*) FROM codings g JOIN coders c ON c.id = g.coder_id WHERE c.name IN ('ana', 'bo') AND g.removed = 0`).Scan(&codings)
	p.db.QueryRow(`SELECT count(*) FROM memos`).Scan(&memos)
	p.db.QueryRow(`SELECT count(*) FROM codings g JOIN coders c ON c.id = g.coder_id WHERE c.name = 'cy'`).Scan(&cy)
	if want := 2 * len(turns); codings != want || memos != want || cy != len(turns) {
		t.Errorf("%d live codings, %d memos, %d of cy's merged; want %d, %d, %d", codings, memos, cy, want, want, len(turns))
	}
}
