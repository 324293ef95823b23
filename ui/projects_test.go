package ui

import (
	"path/filepath"
	"strings"
	"testing"
)

// File → New project makes an empty project with the default codebook and opens it; both
// projects are then in File → Open recent, newest first.
func TestNewProjectAndRecentProjects(t *testing.T) {
	h := newHarness(t)
	demo := h.m.path
	path := filepath.Join(t.TempDir(), "study.turncoder")
	if err := h.m.createProject(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.m.p.Close() })
	if h.m.path != path || len(h.m.ws.docs) != 0 || len(h.m.ws.codes) != 4 {
		t.Errorf("opened %s with %d documents and %d codes", h.m.path, len(h.m.ws.docs), len(h.m.ws.codes))
	}
	if got := h.m.recent(); len(got) != 2 || got[0] != path || got[1] != demo {
		t.Errorf("recent projects %q", got)
	}
	if err := h.m.createProject(path); err == nil {
		t.Error("New project over an existing project was not refused")
	}
	menu := h.m.recentMenu().ChildMenu.Items
	if len(menu) != 2 || !strings.HasSuffix(menu[0].Label, "study.turncoder") {
		t.Errorf("Open recent lists %d items", len(menu))
	}
}

func TestCopyTitle(t *testing.T) {
	if got := copyTitle("ana", "/x/study-ana.turncoder"); got != "ana's copy of study, blind" {
		t.Errorf("copyTitle: %q", got)
	}
}

// Rename a document: its title changes, its id and codings stay; a title in use is refused.
func TestRenameDocument(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	h.typ("1")
	id := h.ws.doc
	if err := h.m.renameDocument(id, "  八通电话：东营，拖欠社保 40 个月  "); err != nil {
		t.Fatal(err)
	}
	h.ws, h.p = h.m.ws, h.m.p
	if h.ws.doc != id || h.ws.docs[0].Title != "八通电话：东营，拖欠社保 40 个月" {
		t.Errorf("after the rename: open %s, title %q", h.ws.doc, h.ws.docs[0].Title)
	}
	if st, _ := h.p.States(h.ctx, "ana", id); len(st) != 1 {
		t.Errorf("the codings did not stay with the document: %v", st)
	}
	before, _ := h.p.AuditLog(h.ctx)
	if err := h.m.renameDocument(id, h.ws.docs[1].Title); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("a title in use: %v", err)
	}
	if after, _ := h.p.AuditLog(h.ctx); len(after) != len(before) {
		t.Error("a refused rename was audited")
	}
}
