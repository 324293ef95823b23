package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/report"
)

// methodsFacts reads the facts of scope as MethodsFacts states them.
func methodsFacts(t *testing.T, p *Project, scope coding.Scope, describe string) report.Methods {
	t.Helper()
	ctx := context.Background()
	rel, err := p.Reliability(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.MethodsFacts(ctx, rel, describe)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// MethodsFacts states the scope as described, the fingerprint of the project's whole codebook,
// blind only once coders' copies were merged (and ExportInput, whose Summary states it, says
// the same), and a consensus layer only when it holds a decision on a unit in scope.
func TestMethodsFacts(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	codebook, err := p.Codes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set(t, p, "bo", turns[1], true, "c-ref")
	set(t, p, "cy", turns[1], true, "c-def")
	m := methodsFacts(t, p, coding.Scope{}, "whole project")
	if m.Scope != "whole project" || m.Fingerprint != coding.Fingerprint(codebook) || len(m.Fingerprint) != 12 {
		t.Errorf("scope %q, fingerprint %q, want %q", m.Scope, m.Fingerprint, coding.Fingerprint(codebook))
	}
	if m.Blind || m.Consensus {
		t.Errorf("coders side by side in the master, no consensus layer: %+v", m)
	}
	in, err := p.ExportInput(ctx, coding.Scope{}, "whole project")
	if err != nil || in.Blind {
		t.Fatalf("the export of a project coded side by side says blind %v (%v)", in.Blind, err)
	}

	// A decision of the consensus layer on a turn of the call: in the call's scope, not in
	// the long document's; a layer with no decision states none.
	if err := p.EnsureConsensus(ctx); err != nil {
		t.Fatal(err)
	}
	if m := methodsFacts(t, p, coding.Scope{}, "whole project"); m.Consensus {
		t.Error("an empty consensus layer is stated")
	}
	call, err := p.Reliability(ctx, coding.Scope{Document: "call"})
	if err != nil || len(call.Units) == 0 {
		t.Fatalf("the call's units: %v, %v", call.Units, err)
	}
	set(t, p, ConsensusCoder, call.Units[0].TurnID, true, "c-ref")
	if m := methodsFacts(t, p, coding.Scope{Document: "call"}, "call"); !m.Consensus {
		t.Error("a decision in scope is not stated")
	}
	if m := methodsFacts(t, p, coding.Scope{Document: "long"}, "long"); m.Consensus {
		t.Error("a decision outside the scope is stated")
	}
	if m := methodsFacts(t, p, coding.Scope{}, "whole project"); !m.Consensus {
		t.Error("a decision in the whole project is not stated")
	}

	// A coder's copy merged: blind, here, in the export and in its paragraph.
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[1], true, "c-ref")
	mustMerge(t, p, closed(c))
	if m := methodsFacts(t, p, coding.Scope{}, "whole project"); !m.Blind {
		t.Error("after a merge of a coder's copy the coders are not said to have coded blind")
	}
	in, err = p.ExportInput(ctx, coding.Scope{}, "whole project")
	if err != nil || !in.Blind {
		t.Fatalf("the export after a merge says blind %v (%v)", in.Blind, err)
	}
	para := report.MethodsParagraph(report.English, in.Agreement, methodsFacts(t, p, coding.Scope{}, "whole project"))
	if !strings.Contains(para, "blind") || !strings.Contains(para, "whole project") || !strings.Contains(para, coding.Fingerprint(codebook)) {
		t.Errorf("the paragraph does not state blind coding, the scope and the codebook:\n%s", para)
	}
}
