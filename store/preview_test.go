package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// TestPreviewImport: the preview names the document it duplicates and, for each speaker the
// project knows (by label or by another name), that speaker and their role in the project;
// a role chosen in the preview wins, and the import then sets it, in its audit entry.
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
	}, Roles: map[string]coding.Role{"东营市总工会": coding.RoleOther}}
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
	if s := got["东营市总工会"]; !s.Known || s.Of != "东营市总工会办公室" || s.Role != coding.RoleOther {
		t.Errorf("东营市总工会 %+v", s)
	}
	if s := got["主席"]; s.Known || s.Role != coding.RoleRespondent {
		t.Errorf("主席 %+v", s)
	}
	if pv.Duplicate != "" {
		t.Errorf("a new document named a duplicate of %q", pv.Duplicate)
	}
	mustImport(t, p, doc)
	sp, err := p.Speakers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]coding.Role{}
	for _, s := range sp {
		roles[s.Label] = s.Role
	}
	if roles["东营市总工会办公室"] != coding.RoleOther || roles["主席"] != coding.RoleRespondent {
		t.Errorf("roles after the import: %v", roles)
	}
	log := auditActions(t, p)
	if last := log[len(log)-1]; !strings.Contains(last, "roles chosen: 东营市总工会=other") {
		t.Errorf("the import's audit entry: %q", last)
	}
}
