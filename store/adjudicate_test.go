package store

import (
	"context"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

func TestAutoAdjudicateSettlesOnlyAgreedUnits(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, &coding.Document{Title: "d", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "U", Text: "one"}, {Kind: coding.KindTurn, Speaker: "U", Text: "two"},
		{Kind: coding.KindTurn, Speaker: "U", Text: "three"}, {Kind: coding.KindTurn, Speaker: "U", Text: "four"},
	}})
	p.AddCoder(ctx, "ana")
	p.AddCoder(ctx, "bo")
	if _, err := p.ImportCodings(ctx, []coding.CodingRow{
		{Document: "d", Turn: 1, Coder: "ana", Code: "referral", Line: 2}, {Document: "d", Turn: 1, Coder: "bo", Code: "referral", Line: 3},
		{Document: "d", Turn: 2, Coder: "ana", Code: "", Line: 4}, {Document: "d", Turn: 2, Coder: "bo", Code: "", Line: 5},
		{Document: "d", Turn: 3, Coder: "ana", Code: "referral", Line: 6}, {Document: "d", Turn: 3, Coder: "bo", Code: "deflection", Line: 7},
		{Document: "d", Turn: 4, Coder: "ana", Code: "referral", Line: 8}, // one coder only
	}, "t.csv"); err != nil {
		t.Fatal(err)
	}
	settled, open, err := p.AutoAdjudicate(ctx, coding.Scope{})
	if err != nil || settled != 2 || open != 1 {
		t.Fatalf("settled %d, disagreements %d, %v; want 2 and 1", settled, open, err)
	}
	rows, _ := p.ExportCodings(ctx)
	var consensus []string
	for _, r := range rows {
		if r.Coder == ConsensusCoder {
			consensus = append(consensus, itoa(r.Turn)+":"+r.Code)
		}
	}
	if strings.Join(consensus, " ") != "1:referral 2:" {
		t.Errorf("consensus layer %v", consensus)
	}
	coders, _ := p.Coders(ctx)
	if len(coders) != 3 || !coders[2].Consensus {
		t.Errorf("coders %+v", coders)
	}
	// The consensus layer is no coder in agreement data, and a second run settles nothing new.
	rel, _ := p.Reliability(ctx, coding.Scope{})
	if strings.Join(rel.Coders, ",") != "ana,bo" {
		t.Errorf("reliability coders %v", rel.Coders)
	}
	if settled, _, _ := p.AutoAdjudicate(ctx, coding.Scope{}); settled != 0 {
		t.Errorf("a second run settled %d again", settled)
	}
	if err := p.AddCoder(ctx, "Consensus"); err == nil {
		t.Error("a coder could take the consensus layer's name")
	}
}

// The export carries the consensus layer: settled units with their codes in scope, note and
// time; unsettled units are absent; a project without a layer exports none.
func TestExportInputCarriesTheConsensusLayer(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, &coding.Document{Title: "d", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "U", Text: "one"}, {Kind: coding.KindTurn, Speaker: "U", Text: "two"},
		{Kind: coding.KindTurn, Speaker: "U", Text: "three"},
	}})
	p.AddCoder(ctx, "ana")
	p.AddCoder(ctx, "bo")
	if _, err := p.ImportCodings(ctx, []coding.CodingRow{
		{Document: "d", Turn: 1, Coder: "ana", Code: "referral", Line: 2}, {Document: "d", Turn: 1, Coder: "bo", Code: "deflection", Line: 3},
		{Document: "d", Turn: 2, Coder: "ana", Code: "referral", Line: 4}, {Document: "d", Turn: 2, Coder: "bo", Code: "", Line: 5},
		{Document: "d", Turn: 3, Coder: "ana", Code: "deflection", Line: 6}, {Document: "d", Turn: 3, Coder: "bo", Code: "referral", Line: 7},
	}, "t.csv"); err != nil {
		t.Fatal(err)
	}
	in, err := p.ExportInput(ctx, coding.Scope{}, "all")
	if err != nil || in.Consensus != nil {
		t.Fatalf("no layer yet: %v, %v", in.Consensus, err)
	}
	if err := p.EnsureConsensus(ctx); err != nil {
		t.Fatal(err)
	}
	turns, _ := p.Turns(ctx, "d")
	settle := func(turn int, codes ...string) {
		if err := p.SetState(ctx, ConsensusCoder, turns[turn-1].ID, coding.TurnState{Codes: codes, Reviewed: true}, "adjudicate"); err != nil {
			t.Fatal(err)
		}
	}
	settle(1, "c-ref", "c-def")
	settle(2) // settled as no code
	if err := p.SetMemo(ctx, ConsensusCoder, turns[1].ID, "bo reviewed and rightly gave nothing"); err != nil {
		t.Fatal(err)
	}
	in, err = p.ExportInput(ctx, coding.Scope{}, "all")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Consensus) != 2 {
		t.Fatalf("consensus %+v, want turns 1 and 2", in.Consensus)
	}
	d1, d2 := in.Consensus[turns[0].ID], in.Consensus[turns[1].ID]
	if strings.Join(d1.Codes, ",") != "referral,deflection" && strings.Join(d1.Codes, ",") != "deflection,referral" || d1.Time.IsZero() {
		t.Errorf("turn 1: %+v", d1)
	}
	if len(d2.Codes) != 0 || d2.Note != "bo reviewed and rightly gave nothing" {
		t.Errorf("turn 2: %+v", d2)
	}
	// A narrower code scope shows only its codes; agreement never sees the layer.
	in, _ = p.ExportInput(ctx, coding.Scope{Codes: []string{"deflection"}}, "deflection")
	if got := in.Consensus[turns[0].ID].Codes; strings.Join(got, ",") != "deflection" {
		t.Errorf("deflection scope: %v", got)
	}
	if strings.Join(in.Agreement.Coders, ",") != "ana,bo" {
		t.Errorf("agreement coders %v", in.Agreement.Coders)
	}
}
