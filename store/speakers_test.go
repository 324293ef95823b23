package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

func speakerLine(sp []coding.Speaker) string {
	var out []string
	for _, s := range sp {
		out = append(out, s.Label+"/"+string(s.Role)+"/"+strings.Join(s.Aliases, "+"))
	}
	return strings.Join(out, " ")
}

func TestRenameSpeaker(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, &coding.Document{Title: "d", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "联通 114 电话导航", Text: "a"},
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "b"},
		{Kind: coding.KindTurn, Speaker: "胜利石油管理局工会", Text: "c"},
	}})
	if err := p.SetRole(ctx, "联通 114 电话导航", coding.RoleOther); err != nil {
		t.Fatal(err)
	}
	// Full-width input is normalised; the speaker keeps its role and its turns.
	if err := p.RenameSpeaker(ctx, "联通 114 电话导航", "１１４ operator"); err != nil {
		t.Fatal(err)
	}
	sp, _ := p.Speakers(ctx)
	if got := speakerLine(sp); got != "114 operator/other/联通 114 电话导航 CLB/respondent/ 胜利石油管理局工会/respondent/" {
		t.Errorf("after the rename: %s", got)
	}
	rows, _ := p.Turns(ctx, "d")
	if rows[0].Speaker != "114 operator" || rows[0].Role != coding.RoleOther {
		t.Errorf("turn 1 is %q (%s)", rows[0].Speaker, rows[0].Role)
	}
	// The old label is an alias: a later import that writes it finds the renamed speaker.
	mustImport(t, p, &coding.Document{Title: "e", Format: "turns", Items: []coding.Item{{Kind: coding.KindTurn, Speaker: "联通 114 电话导航", Text: "z"}}})
	if sp, _ := p.Speakers(ctx); len(sp) != 3 || sp[0].Turns != 2 {
		t.Errorf("after importing the old label: %+v", sp)
	}

	// Onto another speaker's label, or one of its aliases: refused in one sentence naming merge.
	before := len(auditActions(t, p))
	for _, target := range []string{"ＣＬＢ", "胜利石油管理局工会"} {
		err := p.RenameSpeaker(ctx, "114 operator", target)
		if err == nil || !strings.Contains(err.Error(), "already a speaker") || !strings.Contains(err.Error(), "merge") ||
			strings.Count(err.Error(), ". ") > 0 {
			t.Errorf("rename onto %s: %v", target, err)
		}
	}
	if err := p.Alias(ctx, "胜利石油管理局工会", "CLB"); err != nil {
		t.Fatal(err)
	}
	if err := p.RenameSpeaker(ctx, "114 operator", "胜利石油管理局工会"); err == nil || !strings.Contains(err.Error(), "merge") {
		t.Errorf("rename onto an alias of another speaker: %v", err)
	}
	// Unknown speaker, empty label.
	if err := p.RenameSpeaker(ctx, "nobody", "x"); err == nil || !strings.Contains(err.Error(), `no speaker "nobody"`) {
		t.Errorf("unknown speaker: %v", err)
	}
	if err := p.RenameSpeaker(ctx, "CLB", "  "); err == nil {
		t.Error("an empty label was accepted")
	}
	// Same label: nothing written, not even an audit entry.
	if err := p.RenameSpeaker(ctx, "CLB", "ＣＬＢ"); err != nil {
		t.Errorf("renaming to the same label: %v", err)
	}
	if got := len(auditActions(t, p)); got != before+1 { // the alias only
		t.Errorf("refused and empty renames wrote %d audit entries", got-before-1)
	}
	// Back to the old label, which is the speaker's own alias: label and alias swap.
	if err := p.RenameSpeaker(ctx, "114 operator", "联通 114 电话导航"); err != nil {
		t.Fatal(err)
	}
	sp, _ = p.Speakers(ctx)
	if got := speakerLine(sp); got != "CLB/respondent/胜利石油管理局工会 联通 114 电话导航/other/114 operator" {
		t.Errorf("after renaming back: %s", got)
	}
	log := auditActions(t, p)
	if log[len(log)-1] != "rename speaker: 114 operator -> 联通 114 电话导航" {
		t.Errorf("audit %v", log[len(log)-3:])
	}
}

func auditActions(t *testing.T, p *Project) []string {
	t.Helper()
	log, err := p.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		out = append(out, a.Action+": "+a.Detail)
	}
	return out
}
