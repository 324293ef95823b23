package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

func codeByName(t *testing.T, p *Project, name string) coding.Code {
	t.Helper()
	codes, _ := p.Codes(context.Background())
	for _, c := range codes {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no code %q", name)
	return coding.Code{}
}

func TestAddEditAndShortcutClash(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	c, err := p.AddCode(ctx, coding.Code{Name: "admission", NameZH: "承认", Shortcut: "3", ParentID: "c-ref"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ID) != 36 || c.ID[14] != '4' || c.Position != 3 {
		t.Errorf("new code %+v: want a version-4 GUID and the last place", c)
	}
	for _, bad := range []struct {
		code coding.Code
		want string
	}{
		{coding.Code{Name: "Referral"}, "already a code named"},
		{coding.Code{Name: "x", Shortcut: "1"}, `key 1 is already the shortcut of "referral"`},
		{coding.Code{Name: "x", Shortcut: "0"}, "from 1 to 9"},
		{coding.Code{Name: "x", ParentID: c.ID}, "top-level"},
		{coding.Code{Name: " "}, "needs a name"},
	} {
		if _, err := p.AddCode(ctx, bad.code); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: %v, want %q", bad.code, err, bad.want)
		}
	}
	c.Name, c.Colour = "admission of weakness", "#ff7f0e"
	if err := p.UpdateCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := codeByName(t, p, "admission of weakness"); got != c {
		t.Errorf("after the edit %+v, want %+v", got, c)
	}
	if n := counts(t, p).Codes; n != 3 {
		t.Errorf("%d codes", n)
	}
	log, _ := p.AuditLog(ctx)
	if last := log[len(log)-1]; last.Action != "edit code" {
		t.Errorf("audit %+v", last)
	}
}

func TestRemoveAndMergeCodesKeepCodingsTrue(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, callDoc("call"))
	p.AddCoder(ctx, "ana")
	p.AddCoder(ctx, "bo")
	if _, err := p.ImportCodings(ctx, []coding.CodingRow{
		{Document: "call", Turn: 1, Coder: "ana", Code: "deflection", Line: 2},
		{Document: "call", Turn: 2, Coder: "ana", Code: "deflection", Line: 3},
		{Document: "call", Turn: 2, Coder: "bo", Code: "referral", Line: 4},
		{Document: "call", Turn: 2, Coder: "bo", Code: "deflection", Line: 5},
	}, "t.csv"); err != nil {
		t.Fatal(err)
	}
	if n, _ := p.CodeUsage(ctx, "c-def"); n != 3 {
		t.Errorf("usage %d, want 3", n)
	}
	moved, err := p.MergeCodes(ctx, "c-def", "c-ref")
	if err != nil || moved != 3 {
		t.Fatalf("moved %d, %v", moved, err)
	}
	rows, _ := p.ExportCodings(ctx)
	var got []string
	for _, r := range rows {
		got = append(got, r.Coder+":"+itoa(r.Turn)+":"+r.Code)
	}
	if strings.Join(got, " ") != "ana:1:referral ana:2:referral bo:2:referral" {
		t.Errorf("after merging deflection into referral: %v", got)
	}
	var tomb int
	p.db.QueryRow(`SELECT COUNT(*) FROM codings WHERE code_id = 'c-def' AND removed = 1`).Scan(&tomb)
	if tomb != 3 {
		t.Errorf("%d tombstones for deflection, want 3", tomb)
	}
	n, err := p.RemoveCode(ctx, "c-ref")
	if err != nil || n != 3 {
		t.Fatalf("remove: %d, %v", n, err)
	}
	if c := counts(t, p); c.Codes != 0 || c.Codings != 0 {
		t.Errorf("after removing every code: %+v", c)
	}
	// The shortcut of a removed code is free again.
	if _, err := p.AddCode(ctx, coding.Code{Name: "new", Shortcut: "1"}); err != nil {
		t.Errorf("shortcut of a removed code: %v", err)
	}
}

func TestImportCodebookMatchesByIDThenName(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	added, changed, err := p.ImportCodebook(ctx, []coding.Code{
		{ID: "c-ref", Name: "referral", NameZH: "转介", Shortcut: "1", Position: 1, Definition: "sends the caller elsewhere"},
		{ID: "other-tool-guid", Name: "DEFLECTION", Shortcut: "2", Position: 2},
		{ID: "g-new", Name: "claimed action", Shortcut: "4"},
		{ID: "g-child", Name: "warned them", ParentID: "g-new"},
	}, "book.qdc")
	if err != nil {
		t.Fatal(err)
	}
	if added != 2 || changed != 2 {
		t.Errorf("added %d changed %d, want 2 and 2", added, changed)
	}
	if c := codeByName(t, p, "DEFLECTION"); c.ID != "c-def" {
		t.Errorf("deflection matched by name kept id %q", c.ID)
	}
	parent, child := codeByName(t, p, "claimed action"), codeByName(t, p, "warned them")
	if child.ParentID != parent.ID || len(parent.ID) != 36 {
		t.Errorf("parent %+v child %+v", parent, child)
	}
	if _, _, err := p.ImportCodebook(ctx, []coding.Code{{ID: "x", Name: "y", ParentID: "nope"}}, "bad"); err == nil {
		t.Error("a dangling parent was accepted")
	}
	if n := counts(t, p).Codes; n != 4 {
		t.Errorf("a failed import changed the codebook: %d codes", n)
	}
}

// New codes from a file go after the project's codes in the file's order, whatever positions
// the file gives them (a CSV numbers its rows from 1: 996 imported codes were interleaved with
// the four already there).
func TestImportedCodesGoAtTheEnd(t *testing.T) {
	ctx := context.Background()
	p, _ := master(t)
	before, err := p.Codes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in := []coding.Code{{ID: "n1", Name: "new one", Position: 1}, {ID: "n2", Name: "new two", Position: 2}}
	if _, _, err := p.ImportCodebook(ctx, in, "new.csv"); err != nil {
		t.Fatal(err)
	}
	after, err := p.Codes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range after {
		names = append(names, c.Name)
	}
	want := []string{}
	for _, c := range before {
		want = append(want, c.Name)
	}
	want = append(want, "new one", "new two")
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("codebook order %q, want %q", names, want)
	}
}
