package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
)

// turnNumbers lists the input's turns as "number" (in scope) or "(number)" (context).
func turnNumbers(in analysis.Input) string {
	var out []string
	for _, t := range in.Turns {
		n := t.Document + ":" + string(rune('0'+t.Number))
		if !t.InScope {
			n = "(" + n + ")"
		}
		out = append(out, n)
	}
	return strings.Join(out, " ")
}

// inputCodings lists the input's codings as "turn number:coder:code".
func inputCodings(in analysis.Input) string {
	var out []string
	for _, c := range in.Codings {
		out = append(out, string(rune('0'+in.Turns[c.Turn].Number))+":"+in.Coders[c.Coder]+":"+in.Codes[c.Code].Name)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

func TestAnalysisInputWho(t *testing.T) {
	p, _ := reliabilityProject(t)
	ctx := context.Background()
	turns, _ := p.Turns(ctx, "call")
	if err := p.SetMemo(ctx, "ana", turns[1].ID, "sends CLB on"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, "consensus", turns[1].ID, "referral it is"); err != nil {
		t.Fatal(err)
	}

	// The consensus layer settled turn 2, in the coding scope: it is the default.
	in, err := p.AnalysisInput(ctx, coding.Scope{}, analysis.Who{})
	if err != nil {
		t.Fatal(err)
	}
	if in.Who.Kind != analysis.Consensus || !slices.Equal(in.Coders, []string{ConsensusCoder}) {
		t.Fatalf("default: %+v %q", in.Who, in.Coders)
	}
	// CLB's turns are the interviewer's, out of the coding scope: context only.
	if got := turnNumbers(in); got != "(call:1) call:2 (call:3)" {
		t.Errorf("turns %s", got)
	}
	if got := inputCodings(in); got != "2:consensus:referral" {
		t.Errorf("consensus codings %q", got)
	}
	if len(in.Memos) != 1 || in.Memos[0].Text != "referral it is" {
		t.Errorf("consensus memos %+v", in.Memos)
	}
	if got := len(in.Codes); got != 2 {
		t.Errorf("%d codes", got)
	}

	in, err = p.AnalysisInput(ctx, coding.Scope{}, analysis.Who{Kind: analysis.AllCoders})
	if err != nil {
		t.Fatal(err)
	}
	// ana's referral on CLB's turn 1 is read, and not counted (the turn is out of scope).
	if !slices.Equal(in.Coders, []string{"ana", "bo"}) || inputCodings(in) != "1:ana:referral 2:ana:deflection 2:ana:referral" {
		t.Errorf("all coders: %q %s", in.Coders, inputCodings(in))
	}
	d, err := analysis.New(in)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := d.Matrix(analysis.BySpeaker)
	if len(m.Columns) != 1 || m.Columns[0].Label != "东营市总工会" || m.Total != 2 {
		t.Errorf("matrix %+v, %d codings", m.Columns, m.Total)
	}
	if got := d.TurnMemos(1); len(got) != 1 || got[0] != (analysis.CoderMemo{Coder: "ana", Text: "sends CLB on"}) {
		t.Errorf("memos on turn 2: %+v", got)
	}

	// One coder, by a name written otherwise (NFKC, spaces).
	in, err = p.AnalysisInput(ctx, coding.Scope{}, analysis.ParseWho(" ａｎａ "))
	if err != nil {
		t.Fatal(err)
	}
	if in.Who.Coder != "ana" || !slices.Equal(in.Coders, []string{"ana"}) || inputCodings(in) != "1:ana:referral 2:ana:deflection 2:ana:referral" {
		t.Errorf("ana: %+v %s", in.Who, inputCodings(in))
	}
	if _, err := analysis.New(in); err != nil {
		t.Errorf("ana's input: %v", err)
	}

	// All coders narrowed by the scope's coders.
	in, err = p.AnalysisInput(ctx, coding.Scope{Coders: []string{"bo"}}, analysis.Who{Kind: analysis.AllCoders})
	if err != nil || !slices.Equal(in.Coders, []string{"bo"}) || len(in.Codings) != 0 {
		t.Errorf("bo: %q %s %v", in.Coders, inputCodings(in), err)
	}

	for _, tc := range []struct {
		scope coding.Scope
		who   analysis.Who
		want  string
	}{
		{coding.Scope{}, analysis.ParseWho("zoe"), `no coder "zoe" in the project (its coders: ana, bo)`},
		{coding.Scope{Coders: []string{"zoe"}}, analysis.Who{Kind: analysis.AllCoders}, `no coder "zoe" in the project (its coders: ana, bo)`},
		{coding.Scope{Document: "nope"}, analysis.Who{}, `no document "nope" in the project`},
		{coding.Scope{Document: "call", Section: "第九通电话"}, analysis.Who{}, `document "call" has no section "第九通电话"`},
		{coding.Scope{Section: "第二通电话"}, analysis.Who{}, "a section is chosen within a document: give --doc too"},
		{coding.Scope{Codes: []string{"praise"}}, analysis.Who{}, `no code "praise" in the codebook`},
	} {
		if _, err := p.AnalysisInput(ctx, tc.scope, tc.who); err == nil || err.Error() != tc.want {
			t.Errorf("%+v %+v: %v, want %q", tc.scope, tc.who, err, tc.want)
		}
	}
}

func TestAnalysisInputScope(t *testing.T) {
	p, _ := reliabilityProject(t)
	ctx := context.Background()
	// The interviewer's turns asked for: they are analysed, the union's is context.
	sc := coding.Scope{Roles: []coding.Role{coding.RoleInterviewer}, Codes: []string{"转介"}}
	in, err := p.AnalysisInput(ctx, sc, analysis.Who{Kind: analysis.AllCoders})
	if err != nil {
		t.Fatal(err)
	}
	if got := turnNumbers(in); got != "call:1 (call:2) call:3" {
		t.Errorf("turns %s", got)
	}
	if len(in.Codes) != 1 || in.Codes[0].Name != "referral" || inputCodings(in) != "1:ana:referral 2:ana:referral" {
		t.Errorf("codes %+v, codings %s", in.Codes, inputCodings(in))
	}
	// The consensus layer settled nothing of CLB's: all coders by default there.
	if who, err := p.DefaultWho(ctx, sc); err != nil || who.Kind != analysis.AllCoders {
		t.Errorf("default for the interviewer: %+v %v", who, err)
	}
	// A section: its turns only.
	sc = coding.Scope{Document: "call", Section: "第二通电话"}
	in, err = p.AnalysisInput(ctx, sc, analysis.Who{Kind: analysis.Consensus})
	if err != nil {
		t.Fatal(err)
	}
	if got := turnNumbers(in); got != "(call:3)" || len(in.Codings) != 0 {
		t.Errorf("section: %s %s", got, inputCodings(in))
	}
	if who, err := p.DefaultWho(ctx, sc); err != nil || who.Kind != analysis.AllCoders {
		t.Errorf("default for the second call: %+v %v", who, err)
	}
	if who, err := p.DefaultWho(ctx, coding.Scope{Document: "call", Section: "第一通电话：东营市总工会办公室"}); err != nil || who.Kind != analysis.Consensus {
		t.Errorf("default for the first call: %+v %v", who, err)
	}
}

// Documents come in the project's order, each document's turns together, whatever their ids.
func TestAnalysisInputDocumentOrder(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	titles := []string{"zeta", "alpha", "mu", "beta"}
	for _, title := range titles {
		mustImport(t, p, &coding.Document{Title: title, Format: "turns", Items: []coding.Item{
			{Kind: coding.KindTurn, Speaker: "A", Text: title + " one"},
			{Kind: coding.KindTurn, Speaker: "B", Text: title + " two"},
		}})
	}
	in, err := p.AnalysisInput(ctx, coding.Scope{}, analysis.Who{})
	if err != nil {
		t.Fatal(err)
	}
	if in.Who.Kind != analysis.AllCoders {
		t.Errorf("no consensus layer: the default is all coders, not %+v", in.Who)
	}
	want := "zeta:1 zeta:2 alpha:1 alpha:2 mu:1 mu:2 beta:1 beta:2"
	if got := turnNumbers(in); got != want {
		t.Errorf("turns %s, want %s", got, want)
	}
	if _, err := p.AnalysisInput(ctx, coding.Scope{}, analysis.Who{Kind: analysis.Consensus}); err == nil ||
		!strings.HasPrefix(err.Error(), "the project has no consensus layer yet: settle disagreements first") {
		t.Errorf("no layer: %v", err)
	}
	if _, err := p.AnalysisInput(ctx, coding.Scope{}, analysis.ParseWho("ana")); err == nil ||
		err.Error() != `no coder "ana" in the project, which has no coders yet` {
		t.Errorf("no coders: %v", err)
	}
}
