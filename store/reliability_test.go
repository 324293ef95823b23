package store

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// reliabilityProject: callDoc with CLB as interviewer, coders ana and bo and a consensus
// layer, and codings on the union's turn (2) and the CLB turns (1, 3).
func reliabilityProject(t *testing.T) (*Project, map[string]string) {
	p := newProject(t)
	ctx := context.Background()
	mustImport(t, p, callDoc("call"))
	if err := p.SetRole(ctx, "CLB", coding.RoleInterviewer); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"ana", "bo"} {
		p.AddCoder(ctx, c)
	}
	addConsensus(t, p)
	_, err := p.ImportCodings(ctx, []coding.CodingRow{
		{Document: "call", Turn: 2, Coder: "ana", Code: "referral", Line: 2},
		{Document: "call", Turn: 2, Coder: "ana", Code: "deflection", Line: 3},
		{Document: "call", Turn: 2, Coder: "bo", Code: "", Line: 4},
		{Document: "call", Turn: 2, Coder: "consensus", Code: "referral", Line: 5},
		{Document: "call", Turn: 1, Coder: "ana", Code: "referral", Line: 6},
	}, "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	turns, _ := p.Turns(ctx, "call")
	ids := map[string]string{}
	for _, tr := range turns {
		ids[tr.ID] = strconv.Itoa(tr.Number)
	}
	return p, ids
}

func judgements(r coding.Reliability, ids map[string]string) string {
	var out []string
	for _, j := range r.Judgements {
		out = append(out, ids[j.Unit]+":"+j.Coder+":"+j.Code)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestReliabilityDefaultScope(t *testing.T) {
	p, ids := reliabilityProject(t)
	r, err := p.Reliability(context.Background(), coding.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	// Only the union's turn 2 is codable; CLB's turns 1 and 3 are not; the consensus layer
	// is not a coder.
	if len(r.Units) != 1 || r.Units[0].Number != 2 || r.Units[0].Speaker != "东营市总工会" || r.Units[0].Section != "第一通电话：东营市总工会办公室" {
		t.Fatalf("units %+v", r.Units)
	}
	if strings.Join(r.Coders, ",") != "ana,bo" || len(r.Codes) != 2 {
		t.Errorf("coders %v codes %d", r.Coders, len(r.Codes))
	}
	if got := judgements(r, ids); got != "2:ana:deflection 2:ana:referral 2:bo:" {
		t.Errorf("judgements %q", got)
	}
}

func TestReliabilityNarrowedScope(t *testing.T) {
	p, ids := reliabilityProject(t)
	ctx := context.Background()
	r, err := p.Reliability(ctx, coding.Scope{Document: "call", Section: "第一通电话：东营市总工会办公室",
		Roles: []coding.Role{coding.RoleInterviewer}, Codes: []string{"转介"}, Coders: []string{"ana"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Units) != 1 || r.Units[0].Number != 1 || len(r.Codes) != 1 || r.Codes[0].Name != "referral" {
		t.Fatalf("units %+v codes %+v", r.Units, r.Codes)
	}
	if got := judgements(r, ids); got != "1:ana:referral" {
		t.Errorf("judgements %q", got)
	}
	// A code outside the scope leaves the review: ana reviewed turn 2 whatever she gave it.
	r, _ = p.Reliability(ctx, coding.Scope{Codes: []string{"deflection"}})
	if got := judgements(r, ids); got != "2:ana:deflection 2:bo:" {
		t.Errorf("deflection only: %q", got)
	}
	for _, bad := range []struct {
		scope coding.Scope
		want  string
	}{
		{coding.Scope{Document: "nope"}, `no document "nope"`},
		{coding.Scope{Document: "call", Section: "第九通电话"}, "has no section"},
		{coding.Scope{Section: "第一通电话"}, "give --doc too"},
		{coding.Scope{Codes: []string{"praise"}}, `no code "praise"`},
		{coding.Scope{Coders: []string{"consensus"}}, `no coder "consensus"`},
	} {
		if _, err := p.Reliability(ctx, bad.scope); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: %v, want %q", bad.scope, err, bad.want)
		}
	}
}

// addConsensus creates the consensus layer as the store does.
func addConsensus(t *testing.T, p *Project) {
	t.Helper()
	err := p.write(context.Background(), "test", "", func(tx *sql.Tx) error {
		_, err := consensusID(context.Background(), tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
