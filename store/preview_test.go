package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// TestPreviewImport: the preview names the document it duplicates and, for each speaker the
// project knows (by label or by another name), that speaker and their role in the project,
// which a role chosen in the preview does not change: such a choice is for new speakers, and
// the import refuses another role for a known one in a sentence, writing nothing. A new
// speaker gets the role chosen, in the import's audit entry.
func TestPreviewImport(t *testing.T) {
	ctx := context.Background()
	p := newProject(t)
	mustImport(t, p, callDoc("calls"))
	if err := p.SetRole(ctx, "CLB", coding.RoleInterviewer); err != nil {
		t.Fatal(err)
	}
	if err := p.RenameSpeaker(ctx, "东营市总工会", "东营市总工会办公室"); err != nil { // the old label stays another name
		t.Fatal(err)
	}
	pv, err := p.PreviewImport(ctx, "calls.txt", callDoc("again"))
	if err != nil {
		t.Fatal(err)
	}
	if pv.Duplicate != "calls" {
		t.Errorf("duplicate %q, want calls", pv.Duplicate)
	}
	doc := &coding.Document{Title: "new", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "你好"},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Text: "您好"},
		{Kind: coding.KindTurn, Speaker: "主席", Text: "開會"},
	}, Roles: map[string]coding.Role{"东营市总工会": coding.RoleOther, "主席": coding.RoleInterviewer}}
	pv, err = p.PreviewImport(ctx, "new.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]coding.PreviewSpeaker{}
	for _, s := range pv.Speakers {
		got[s.Label] = s
	}
	if s := got["CLB"]; !s.Known || s.Of != "" || s.Role != coding.RoleInterviewer {
		t.Errorf("CLB %+v", s)
	}
	if s := got["东营市总工会"]; !s.Known || s.Of != "东营市总工会办公室" || s.Role != coding.RoleRespondent {
		t.Errorf("东营市总工会 %+v: a known speaker shows the project's role", s)
	}
	if s := got["主席"]; s.Known || s.Role != coding.RoleInterviewer {
		t.Errorf("主席 %+v", s)
	}
	if pv.Duplicate != "" {
		t.Errorf("a new document named a duplicate of %q", pv.Duplicate)
	}
	before := counts(t, p)
	_, err = p.Import(ctx, doc, "new.txt", nil)
	if err == nil || err.Error() != "东营市总工会办公室 is a speaker of the project already, with the role respondent; a role chosen on import is for new speakers (change 东营市总工会办公室's role in Project → Speakers, or with turncoder speakers --set-role)" {
		t.Fatalf("another role for a known speaker: %v", err)
	}
	if after := counts(t, p); after != before {
		t.Errorf("the refused import wrote: %+v", after)
	}
	delete(doc.Roles, "东营市总工会")
	doc.Roles["CLB"] = coding.RoleInterviewer // the role they have: no change, no refusal
	mustImport(t, p, doc)
	sp, err := p.Speakers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]coding.Role{}
	for _, s := range sp {
		roles[s.Label] = s.Role
	}
	if roles["东营市总工会办公室"] != coding.RoleRespondent || roles["主席"] != coding.RoleInterviewer || roles["CLB"] != coding.RoleInterviewer {
		t.Errorf("roles after the import: %v", roles)
	}
	log := auditActions(t, p)
	if last := log[len(log)-1]; !strings.Contains(last, "roles chosen: CLB=interviewer, 主席=interviewer") {
		t.Errorf("the import's audit entry: %q", last)
	}
}

// TestPreviewSaysTheImportWouldRefuseARole: the preview of a file with another role chosen for
// a known speaker says the import will refuse it, in the import's own sentence.
func TestPreviewSaysTheImportWouldRefuseARole(t *testing.T) {
	ctx := context.Background()
	p := newProject(t)
	mustImport(t, p, callDoc("calls"))
	doc := callDoc("again")
	doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: "CLB", Text: "再见"})
	doc.Roles = map[string]coding.Role{"CLB": coding.RoleOther}
	pv, err := p.PreviewImport(ctx, "again.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	_, ierr := p.Import(ctx, doc, "again.txt", nil)
	if pv.Error == "" || ierr == nil || pv.Error != ierr.Error() {
		t.Errorf("preview %q, import %v", pv.Error, ierr)
	}
}
