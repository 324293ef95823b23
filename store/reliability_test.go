package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
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

// TestAgreementInputIsTheReliabilityData: the data set AgreementInput builds straight from the
// rows is the one agreement.FromReliability makes of Reliability, in every scope of the tests
// above (a code outside the scope leaving its review, an interviewer's turn, one coder).
func TestAgreementInputIsTheReliabilityData(t *testing.T) {
	p, _ := reliabilityProject(t)
	ctx := context.Background()
	for _, scope := range []coding.Scope{
		{},
		{Codes: []string{"deflection"}},
		{Roles: []coding.Role{coding.RoleInterviewer, coding.RoleRespondent}},
		{Document: "call", Roles: []coding.Role{coding.RoleInterviewer}, Codes: []string{"转介"}, Coders: []string{"ana"}},
	} {
		r, err := p.Reliability(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		rel, got, err := p.AgreementInput(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		want := agreement.FromReliability(r)
		if a, b := dataText(got), dataText(want); a != b || len(rel.Units) != len(r.Units) || rel.Judgements != nil {
			t.Errorf("%+v: AgreementInput\n%s\nFromReliability\n%s\n(%d units, %d judgements)", scope, a, b, len(rel.Units), len(rel.Judgements))
		}
		if len(got.Units) == 0 || !strings.Contains(dataText(got), "reviewed") {
			t.Errorf("%+v: no unit reviewed: %s", scope, dataText(got))
		}
	}
}

// dataText is a data set in words: units, coders, codes, and each cell reviewed and its codes.
// TestReviewsReadAlongsideSeeTheSameWork: the reviews are read on a second transaction only
// when it sees the same coders' work as the first. With no change between the two it is
// used; a review withdrawn between them (committed after the first began) is not seen by
// the result, which is the first transaction's snapshot throughout.
func TestReviewsReadAlongsideSeeTheSameWork(t *testing.T) {
	p, ids := reliabilityProject(t)
	ctx := context.Background()
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	other, done := p.alongside(ctx, tx)
	if other == nil {
		t.Fatal("no second transaction with nothing changed between the two")
	}
	done()
	tx.Rollback()

	turns, _ := p.Turns(ctx, "call")
	withdrawn := false
	alongsideHook = func() {
		if withdrawn {
			return
		}
		withdrawn = true
		if err := p.SetState(ctx, "bo", turns[1].ID, coding.TurnState{}, "code"); err != nil {
			t.Error(err)
		}
	}
	defer func() { alongsideHook = nil }()
	r, err := p.Reliability(ctx, coding.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if !withdrawn {
		t.Fatal("the reviews were not read alongside")
	}
	if got := judgements(r, ids); got != "2:ana:deflection 2:ana:referral 2:bo:" {
		t.Errorf("judgements %q; want bo's review, withdrawn after the reading began", got)
	}
	r, err = p.Reliability(ctx, coding.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if got := judgements(r, ids); got != "2:ana:deflection 2:ana:referral" {
		t.Errorf("judgements %q once bo's review is withdrawn", got)
	}

	// Out of WAL mode (a file opened and not yet written to) a reader's lock holds up a
	// writer's commit, which would hold up a second reader: none is begun.
	path := p.path
	p.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	err = raw.QueryRow(`PRAGMA journal_mode = DELETE`).Scan(&mode)
	raw.Close()
	if err != nil || mode != "delete" {
		t.Fatalf("journal mode %q: %v", mode, err)
	}
	q, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	tx, err = q.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if other, done := q.alongside(ctx, tx); other != nil {
		done()
		t.Error("a second transaction out of WAL mode")
	}
	if r, err = q.Reliability(ctx, coding.Scope{}); err != nil || judgements(r, ids) != "2:ana:deflection 2:ana:referral" {
		t.Errorf("out of WAL mode: judgements %q, %v", judgements(r, ids), err)
	}
}

func dataText(d agreement.Data) string {
	var b strings.Builder
	fmt.Fprintf(&b, "units %v coders %v codes %v\n", d.Units, d.Coders, d.Codes)
	for u, row := range d.Cells {
		for c, cell := range row {
			if cell.Reviewed {
				fmt.Fprintf(&b, "%d/%d reviewed %v\n", u, c, cell.Codes)
			} else if len(cell.Codes) > 0 {
				fmt.Fprintf(&b, "%d/%d not reviewed yet coded %v\n", u, c, cell.Codes)
			}
		}
	}
	return b.String()
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

// TestTurnIndex finds units by turn id through every path of turnIndex: ids of 32 hex digits
// in the order the walk prefers, backwards and out of order, ids that differ only in their
// last digits, ids of another form, ids not added (before, between and after those added), and
// an id added twice (the first unit kept).
func TestTurnIndex(t *testing.T) {
	ids := []string{
		"000023a9264013bfab7988eb87d1a123",
		"00020e487667373abec5897f6d73460b",
		"00020e487667373a0000000000000000", // the first half of the one before
		"00020e487667373affffffffffffffff",
		"ffffffffffffffffffffffffffffffff",
		"ABCDEF0123456789abcdef0123456789", // upper case: another form
		"000023a9264013bfab7988eb87d1a12g", // a letter past f in the last digit: another form
		"g00023a9264013bfab7988eb87d1a123", // and in the first
		"t1",
		"",
	}
	var x turnIndex
	for i, id := range ids {
		x.add(id, int32(i))
	}
	x.add(ids[0], 99)
	x.add(ids[8], 98)
	missing := []string{"000023a9264013bfab7988eb87d1a124", "00020e487667373a0000000000000001", "0000000000000000000000000000000", "00000000000000000000000000000000", "fffffffffffffffffffffffffffffffe", "t2", "000023a9264013bf", "0000000000000000000000000000000/", ":0000000000000000000000000000000"}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	backwards := slices.Clone(sorted)
	slices.Reverse(backwards)
	for _, order := range [][]string{sorted, backwards, ids, append(slices.Clone(missing), sorted...)} {
		for _, id := range order {
			want := int32(slices.Index(ids, id))
			if u, ok := x.find([]byte(id)); ok != (want >= 0) || ok && u != want {
				t.Errorf("find(%q) = %d, %v; want %d", id, u, ok, want)
			}
		}
	}
}
