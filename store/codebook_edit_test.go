package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
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

// importQDC reads a REFI-QDA codebook and imports it, as codebook --import does.
func importQDC(t *testing.T, p *Project, qdc, source string) (added, changed int, err error) {
	t.Helper()
	b, err := codebook.ReadQDCBook(strings.NewReader(qdc))
	if err != nil {
		t.Fatal(err)
	}
	return p.ImportBook(context.Background(), b, source)
}

const (
	gAnger = "9e1d7a52-3c1b-4f0e-9a6d-2b8c5e7f1a01"
	gPlace = "9e1d7a52-3c1b-4f0e-9a6d-2b8c5e7f1a02"
	gJoy   = "9e1d7a52-3c1b-4f0e-9a6d-2b8c5e7f1a03"
)

// otherTool is a codebook as another program writes it: guids, no [turncoder] block.
func otherTool(codes string) string {
	return `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 2022"><Codes>` + codes + `</Codes></CodeBook>`
}

func codingsOf(t *testing.T, p *Project) []string {
	t.Helper()
	rows, err := p.ExportCodings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Coder+":"+itoa(r.Turn)+":"+r.Code)
	}
	return got
}

// A code renamed in another tool keeps its guid: importing the codebook again updates the code
// (name, definition, colour, parent), its codings stay on it, and nothing is added. Fields the
// file does not give (the Chinese label, the shortcut) are kept.
func TestImportCodebookKeepsTheGuidAsIdentity(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, callDoc("call"))
	p.AddCoder(ctx, "ana")
	first := otherTool(`<Code guid="` + gAnger + `" name="anger" isCodable="true" color="#FF0000"><Description>Raised voice.</Description></Code>` +
		`<Code guid="{` + strings.ToUpper(gPlace) + `}" name="place" isCodable="true"/>`)
	if added, changed, err := importQDC(t, p, first, "emotions.qdc"); err != nil || added != 2 || changed != 0 {
		t.Fatalf("first import: added %d changed %d, %v", added, changed, err)
	}
	anger := codeByName(t, p, "anger")
	if anger.ID != gAnger || codeByName(t, p, "place").ID != gPlace {
		t.Errorf("the codes did not keep their guids: %+v %+v", anger, codeByName(t, p, "place"))
	}
	// The project's own fields of the code, which the other tool does not carry.
	anger.NameZH, anger.Shortcut = "愤怒", "5"
	if err := p.UpdateCode(ctx, anger); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ImportCodings(ctx, []coding.CodingRow{{Document: "call", Turn: 1, Coder: "ana", Code: "anger", Line: 2}}, "c.csv"); err != nil {
		t.Fatal(err)
	}
	before := counts(t, p).Codes
	// Renamed, redefined, recoloured and moved under place in the other tool.
	again := otherTool(`<Code guid="{` + strings.ToUpper(gPlace) + `}" name="place" isCodable="true">` +
		`<Code guid="` + strings.ToUpper(gAnger) + `" name="fury" isCodable="true" color="#00FF00"><Description>Shouting.</Description></Code></Code>`)
	added, changed, err := importQDC(t, p, again, "emotions.qdc")
	if err != nil || added != 0 || changed != 1 {
		t.Fatalf("second import: added %d changed %d, %v", added, changed, err)
	}
	if n := counts(t, p).Codes; n != before {
		t.Errorf("%d codes after the import, %d before: the rename added a code", n, before)
	}
	fury := codeByName(t, p, "fury")
	want := coding.Code{ID: gAnger, Name: "fury", NameZH: "愤怒", Definition: "Shouting.", Colour: "#00ff00", Shortcut: "5", ParentID: gPlace, Position: anger.Position}
	if fury != want {
		t.Errorf("after the rename\n%+v\nwant\n%+v", fury, want)
	}
	if got := codingsOf(t, p); strings.Join(got, " ") != "ana:1:fury" {
		t.Errorf("codings after the rename: %v", got)
	}
	log, _ := p.AuditLog(ctx)
	if last := log[len(log)-1]; last.Action != "import codebook" || last.Detail != "emotions.qdc" {
		t.Errorf("audit %+v", last)
	}
	// The same file again changes nothing.
	if added, changed, err := importQDC(t, p, again, "emotions.qdc"); err != nil || added+changed != 0 {
		t.Errorf("the same file again: added %d changed %d, %v", added, changed, err)
	}
}

// A guid that is a code's id matches before a name does: the file's code with the guid of
// referral takes referral, and its code named "referral" (a new guid) is a new code, not
// referral again. A renamed code's old name and a swapped shortcut are free for the others.
func TestImportCodebookMatchesGuidBeforeName(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	file := []coding.Code{
		{ID: gJoy, Name: "referral", Shortcut: "2"},
		{ID: "c-ref", Name: "sends elsewhere", Shortcut: "1"},
		{ID: "c-def", Name: "deflection", NameZH: "推诿", Shortcut: "3"},
	}
	added, changed, err := p.ImportCodebook(ctx, file, "book.csv")
	if err != nil || added != 1 || changed != 2 {
		t.Fatalf("added %d changed %d, %v", added, changed, err)
	}
	if c := codeByName(t, p, "sends elsewhere"); c.ID != "c-ref" || c.Shortcut != "1" {
		t.Errorf("referral renamed: %+v", c)
	}
	if c := codeByName(t, p, "referral"); c.ID != gJoy || c.Shortcut != "2" {
		t.Errorf("the new referral: %+v", c)
	}
	// Two codes swap their keys.
	if _, _, err := p.ImportCodebook(ctx, []coding.Code{{ID: "c-ref", Name: "sends elsewhere", Shortcut: "3"}, {ID: "c-def", Name: "deflection", NameZH: "推诿", Shortcut: "1"}}, "swap.csv"); err != nil {
		t.Fatalf("swapping shortcuts: %v", err)
	}
	if a, b := codeByName(t, p, "sends elsewhere"), codeByName(t, p, "deflection"); a.Shortcut != "3" || b.Shortcut != "1" {
		t.Errorf("after the swap %+v %+v", a, b)
	}
	// An id written as a GUID in another spelling (braces, capitals) is the same code, and so
	// is the guid turncoder writes for an id that is not a GUID.
	if _, changed, err := p.ImportCodebook(ctx, []coding.Code{{ID: "{" + strings.ToUpper(gJoy) + "}", Name: "Referral"}, {ID: codebook.GUID("c-def"), Name: "passing the buck"}}, "spelt.qdc"); err != nil || changed != 2 {
		t.Fatalf("changed %d, %v", changed, err)
	}
	if c := codeByName(t, p, "Referral"); c.ID != gJoy {
		t.Errorf("%+v", c)
	}
	if c := codeByName(t, p, "passing the buck"); c.ID != "c-def" {
		t.Errorf("%+v", c)
	}
	if n := counts(t, p).Codes; n != 3 {
		t.Errorf("%d codes, want 3", n)
	}
}

// New codes go after the codebook's in the file's tree order (a child listed before its parent
// in a table still follows it), whatever positions the file gives; updated codes keep their place.
func TestImportedCodesGoAfterInTreeOrder(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	file := []coding.Code{
		{ID: "n-kid", Name: "kid", ParentID: "n-b", Position: 1},
		{ID: "n-a", Name: "a", Position: 2},
		{ID: "c-def", Name: "deflection", NameZH: "推诿", Shortcut: "2", Position: 1},
		{ID: "n-b", Name: "b", Position: 3},
		{ID: "n-a1", Name: "a1", ParentID: "n-a", Position: 4},
	}
	if added, _, err := p.ImportCodebook(ctx, file, "tree.csv"); err != nil || added != 4 {
		t.Fatalf("added %d, %v", added, err)
	}
	codes, _ := p.Codes(ctx)
	var got []string
	for _, c := range codes {
		got = append(got, c.Name+"@"+itoa(c.Position))
	}
	if want := "referral@1 deflection@2 a@3 a1@4 b@5 kid@6"; strings.Join(got, " ") != want {
		t.Errorf("codebook %v, want %s", got, want)
	}
}

// A removed code whose id comes in again comes back (as itself, at the end); a failed import
// changes nothing and writes no audit entry.
func TestImportCodebookRestoresARemovedCodeAndIsOneTransaction(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	if _, err := p.RemoveCode(ctx, "c-def"); err != nil {
		t.Fatal(err)
	}
	added, _, err := p.ImportCodebook(ctx, []coding.Code{{ID: "c-def", Name: "deflection", Shortcut: "2"}}, "old.csv")
	if err != nil || added != 1 {
		t.Fatalf("added %d, %v", added, err)
	}
	if c := codeByName(t, p, "deflection"); c.ID != "c-def" || c.Position != 3 || c.Shortcut != "2" {
		t.Errorf("the code that came back: %+v", c)
	}
	before, _ := p.Codes(ctx)
	log, _ := p.AuditLog(ctx)
	// The rename lands, then the second code's shortcut clashes: nothing of it stays.
	_, _, err = p.ImportCodebook(ctx, []coding.Code{{ID: "c-ref", Name: "renamed"}, {ID: gJoy, Name: "new", Shortcut: "2"}}, "bad.csv")
	if err == nil || !strings.Contains(err.Error(), `code "new": key 2 is already the shortcut of "deflection"`) {
		t.Fatalf("error %v", err)
	}
	after, _ := p.Codes(ctx)
	if coding.Fingerprint(after) != coding.Fingerprint(before) || len(after) != len(before) {
		t.Errorf("a failed import changed the codebook: %+v", after)
	}
	if log2, _ := p.AuditLog(ctx); len(log2) != len(log) {
		t.Errorf("a failed import was audited: %+v", log2[len(log2)-1])
	}
}

// A table with only some columns changes only those: a CSV of names and definitions leaves
// the parents, labels and shortcuts as they are.
func TestImportCodebookKeepsWhatATableLeavesOut(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	kid, err := p.AddCode(ctx, coding.Code{Name: "gave a number", ParentID: "c-ref", Colour: "#123456"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := codebook.ReadCSVBook(strings.NewReader("name,definition\ngave a number,A phone number.\nreferral,Sends them on.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := codebook.AssignIDs(b.Codes, NewCodeID); err != nil {
		t.Fatal(err)
	}
	if added, changed, err := p.ImportBook(ctx, b, "defs.csv"); err != nil || added != 0 || changed != 2 {
		t.Fatalf("added %d changed %d, %v", added, changed, err)
	}
	got := codeByName(t, p, "gave a number")
	kid.Definition = "A phone number."
	if got != kid {
		t.Errorf("got %+v, want %+v", got, kid)
	}
	if r := codeByName(t, p, "referral"); r.NameZH != "转介" || r.Shortcut != "1" || r.Definition != "Sends them on." {
		t.Errorf("referral %+v", r)
	}
}
