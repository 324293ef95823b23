package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

var testCodebook = []coding.Code{
	{ID: "c-ref", Name: "referral", NameZH: "转介", Shortcut: "1", Position: 1},
	{ID: "c-def", Name: "deflection", NameZH: "推诿", Shortcut: "2", Position: 2},
}

// newProject makes a fresh project file in a temporary folder.
func newProject(t *testing.T) *Project {
	t.Helper()
	p, err := Create(filepath.Join(t.TempDir(), "p"+Extension), testCodebook)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func callDoc(title string) *coding.Document {
	return &coding.Document{Title: title, Format: "turns", Items: []coding.Item{
		{Kind: coding.KindNote, Text: "——preamble——"},
		{Kind: coding.KindHeader, Text: "第一通电话：东营市总工会办公室"},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂？"},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Text: "喂，您好。"},
		{Kind: coding.KindNote, Text: "——电话被挂断——"},
		{Kind: coding.KindHeader, Text: "第二通电话"},
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "请问是工会吗？"},
	}}
}

func mustImport(t *testing.T, p *Project, doc *coding.Document) ImportResult {
	t.Helper()
	res, err := p.Import(context.Background(), doc, doc.Title+".txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func counts(t *testing.T, p *Project) coding.Counts {
	t.Helper()
	c, err := p.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCreateMarksTheFileAndRefusesToOverwrite(t *testing.T) {
	p := newProject(t)
	var app, version int
	p.db.QueryRow("PRAGMA application_id").Scan(&app)
	p.db.QueryRow("PRAGMA user_version").Scan(&version)
	if app != ApplicationID || version != SchemaVersion || version < 1 {
		t.Errorf("application_id %x, user_version %d; want %x, %d", app, version, ApplicationID, SchemaVersion)
	}
	var mode string
	p.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	var fk int
	p.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if mode != "wal" || fk != 1 {
		t.Errorf("journal_mode %s foreign_keys %d, want wal and 1", mode, fk)
	}
	if c := counts(t, p); c.Codes != 2 {
		t.Errorf("codes %d, want the 2 of the codebook", c.Codes)
	}
	if _, err := Create(p.Path(), nil); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Create over an existing file: %v", err)
	}
	if id, _ := p.Meta(context.Background(), "project_id"); len(id) != 32 {
		t.Errorf("project_id %q", id)
	}
}

func TestOpenRefusesWhatIsNotOurs(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.turncoder")
	os.WriteFile(text, []byte("hello, not a database"), 0o644)
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec("CREATE TABLE x(y)")
	db.Close()
	newer := newProject(t)
	newer.db.Exec("PRAGMA user_version = 99")
	newer.Close()
	cases := []struct{ path, want string }{
		{filepath.Join(dir, "missing.turncoder"), "there is no project file"},
		{text, "is not a turncoder project file"},
		{other, "another application"},
		{newer.Path(), "made by a newer version of turncoder"},
	}
	for _, c := range cases {
		before, _ := os.ReadFile(c.path)
		_, err := Open(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Open(%s): %v, want %q", filepath.Base(c.path), err, c.want)
		}
		if after, _ := os.ReadFile(c.path); string(before) != string(after) {
			t.Errorf("Open(%s) changed the file", filepath.Base(c.path))
		}
	}
}

func TestImportWritesSectionsTurnsNotesAndSpeakers(t *testing.T) {
	p := newProject(t)
	res := mustImport(t, p, callDoc("call"))
	if res.Sections != 2 || res.Turns != 3 || res.Notes != 2 || res.Duplicate {
		t.Errorf("result %+v", res)
	}
	turns, err := p.Turns(context.Background(), "call")
	if err != nil {
		t.Fatal(err)
	}
	if len(turns) != 3 {
		t.Fatalf("%d turns", len(turns))
	}
	if turns[0].Number != 1 || turns[0].Section != "第一通电话：东营市总工会办公室" || turns[0].Speaker != "CLB" || turns[0].Role != coding.RoleRespondent {
		t.Errorf("first turn %+v", turns[0])
	}
	if turns[2].Number != 3 || turns[2].Section != "第二通电话" {
		t.Errorf("third turn %+v (numbers run on across sections)", turns[2])
	}
	if got := counts(t, p); got != (coding.Counts{Documents: 1, Sections: 2, Turns: 3, Notes: 2, Speakers: 2, Codes: 2}) {
		t.Errorf("counts %+v", got)
	}
}

func TestImportSameContentTwiceIsNotDuplicated(t *testing.T) {
	p := newProject(t)
	first := mustImport(t, p, callDoc("call"))
	again := mustImport(t, p, callDoc("renamed copy"))
	if !again.Duplicate || again.Title != "call" || again.DocumentID != first.DocumentID {
		t.Errorf("second import %+v", again)
	}
	if c := counts(t, p); c.Documents != 1 || c.Turns != 3 {
		t.Errorf("counts after re-import %+v", c)
	}
}

func TestSameLabelInTwoDocumentsIsOneSpeaker(t *testing.T) {
	p := newProject(t)
	mustImport(t, p, callDoc("a"))
	other := &coding.Document{Title: "b", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "another call"},
	}}
	mustImport(t, p, other)
	sp, _ := p.Speakers(context.Background())
	if len(sp) != 2 || sp[0].Label != "CLB" || sp[0].Turns != 3 {
		t.Errorf("speakers %+v", sp)
	}
}

func TestTurnIDsAreDerivedFromContent(t *testing.T) {
	a, b := newProject(t), newProject(t)
	mustImport(t, a, callDoc("x"))
	mustImport(t, b, callDoc("y"))
	ta, _ := a.Turns(context.Background(), "")
	tb, _ := b.Turns(context.Background(), "")
	for i := range ta {
		if ta[i].ID != tb[i].ID || len(ta[i].ID) != 32 {
			t.Errorf("turn %d ids %q and %q differ between two projects", i+1, ta[i].ID, tb[i].ID)
		}
	}
	if ta[0].ID == ta[2].ID {
		t.Error("two turns share an id")
	}
}

func TestCancelledImportWritesNothing(t *testing.T) {
	p := newProject(t)
	doc := &coding.Document{Title: "big", Format: "turns"}
	for i := 0; i < 10000; i++ {
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: "A", Text: strings.Repeat("x", i%50+1)})
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := p.Import(ctx, doc, "big.txt", func(done, total int) {
		calls++
		if done > 0 { // cancel once rows are already written inside the transaction
			cancel()
		}
	})
	if err == nil || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("err = %v", err)
	}
	if calls < 2 {
		t.Errorf("progress called %d times", calls)
	}
	if c := counts(t, p); c.Documents != 0 || c.Turns != 0 || c.Speakers != 0 {
		t.Errorf("a cancelled import left %+v", c)
	}
	log, _ := p.AuditLog(context.Background())
	for _, a := range log {
		if a.Action == "import" {
			t.Errorf("audit records an import that did not happen: %+v", a)
		}
	}
}

func TestRolesAndAliases(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, &coding.Document{Title: "d", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "石油管理局工会", Text: "a"},
		{Kind: coding.KindTurn, Speaker: "胜利石油管理局工会", Text: "b"},
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "c"},
	}})
	if err := p.SetRole(ctx, "ＣＬＢ", coding.RoleInterviewer); err != nil { // full-width label finds CLB
		t.Fatal(err)
	}
	if err := p.Alias(ctx, "石油管理局工会", "胜利石油管理局工会"); err != nil {
		t.Fatal(err)
	}
	sp, _ := p.Speakers(ctx)
	if len(sp) != 2 || sp[0].Label != "CLB" || sp[0].Role != coding.RoleInterviewer ||
		sp[1].Label != "胜利石油管理局工会" || sp[1].Turns != 2 || strings.Join(sp[1].Aliases, ",") != "石油管理局工会" {
		t.Errorf("speakers %+v", sp)
	}
	// A later import maps the alias to its speaker.
	mustImport(t, p, &coding.Document{Title: "e", Format: "turns", Items: []coding.Item{{Kind: coding.KindTurn, Speaker: "石油管理局工会", Text: "z"}}})
	if sp, _ := p.Speakers(ctx); len(sp) != 2 || sp[1].Turns != 3 {
		t.Errorf("after importing the alias: %+v", sp)
	}
	if err := p.SetRole(ctx, "nobody", coding.RoleOther); err == nil || !strings.Contains(err.Error(), `no speaker "nobody"`) {
		t.Errorf("role for unknown speaker: %v", err)
	}
	if err := p.Alias(ctx, "CLB", "ＣＬＢ"); err == nil {
		t.Error("aliasing a speaker to itself was accepted")
	}
}

func TestImportCodingsAllOrNothing(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, callDoc("call"))
	if err := p.AddCoder(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	good := []coding.CodingRow{
		{Document: "call", Turn: 2, Coder: "ana", Code: "referral", Line: 2},
		{Document: "call", Turn: 2, Coder: "ana", Code: "推诿", Line: 3}, // Chinese label
		{Document: "call", Turn: 3, Coder: "ana", Code: "", Line: 4},   // reviewed, no code
	}
	bad := []struct {
		row  coding.CodingRow
		want string
	}{
		{coding.CodingRow{Document: "nope", Turn: 1, Coder: "ana", Code: "referral", Line: 5}, `line 5: no document "nope"`},
		{coding.CodingRow{Document: "call", Turn: 9, Coder: "ana", Code: "referral", Line: 5}, `line 5: document "call" has no turn 9`},
		{coding.CodingRow{Document: "call", Turn: 1, Coder: "bob", Code: "referral", Line: 5}, `line 5: no coder "bob"`},
		{coding.CodingRow{Document: "call", Turn: 1, Coder: "ana", Code: "praise", Line: 5}, `line 5: no code "praise"`},
	}
	for _, b := range bad {
		_, err := p.ImportCodings(ctx, append(append([]coding.CodingRow{}, good...), b.row), "x.csv")
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("err = %v, want %q", err, b.want)
		}
		if c := counts(t, p); c.Codings != 0 {
			t.Fatalf("a failed codings import wrote %d codings", c.Codings)
		}
		if rows, _ := p.ExportCodings(ctx); len(rows) != 0 {
			t.Fatalf("a failed codings import left %v", rows)
		}
	}
	if n, err := p.ImportCodings(ctx, good, "x.csv"); err != nil || n != 3 {
		t.Fatalf("import %d, %v", n, err)
	}
	rows, err := p.ExportCodings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Document+"|"+itoa(r.Turn)+"|"+r.Coder+"|"+r.Code)
		if r.Time.IsZero() {
			t.Errorf("row %+v has no time", r)
		}
	}
	want := "call|2|ana|referral call|2|ana|deflection call|3|ana|"
	if strings.Join(got, " ") != want {
		t.Errorf("export\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if c := counts(t, p); c.Codings != 2 || c.Coders != 1 {
		t.Errorf("counts %+v", c)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestAuditLogRecordsChanges(t *testing.T) {
	p := newProject(t)
	p.Actor = "lead"
	ctx := context.Background()
	mustImport(t, p, callDoc("call"))
	p.SetRole(ctx, "CLB", coding.RoleInterviewer)
	log, err := p.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, a := range log {
		actions = append(actions, a.Action)
	}
	if strings.Join(actions, ",") != "create project,import,set role" || log[1].Actor != "lead" || !strings.Contains(log[1].Detail, "call") {
		t.Errorf("audit log %+v", log)
	}
}

func TestFailedWriteLeavesNoAuditEntry(t *testing.T) {
	p := newProject(t)
	err := p.write(context.Background(), "doomed", "", func(tx *sql.Tx) error { return errors.New("boom") })
	if err == nil {
		t.Fatal("no error")
	}
	log, _ := p.AuditLog(context.Background())
	if len(log) != 1 {
		t.Errorf("audit log after a failed write: %+v", log)
	}
}

func TestReopenWithAwkwardFileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "工会 研究 #1?%20.turncoder")
	p, err := Create(path, testCodebook)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, p, callDoc("call"))
	p.Close()
	q, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if c := counts(t, q); c.Turns != 3 {
		t.Errorf("reopened project has %+v", c)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the file is not where it was asked to be: %v", err)
	}
}
