package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// WriteGenerated writes the states it is given, stamped in order, keeps the digest whole (the
// file opens again), and refuses a turn that is not in the project with nothing written.
func TestWriteGenerated(t *testing.T) {
	ctx := context.Background()
	p := newProject(t)
	res := mustImport(t, p, callDoc("call"))
	rows, err := p.Turns(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	states := []GeneratedState{
		{Coder: 0, TurnID: rows[0].ID, Codes: []string{"c-ref", "c-def"}},
		{Coder: 1, TurnID: rows[0].ID, Reviewed: true},
		{Coder: 1, TurnID: rows[1].ID},
	}
	codings, reviews, err := p.WriteGenerated(ctx, []string{"ana", "bo"}, at, slices.Values(states))
	if err != nil || codings != 2 || reviews != 2 {
		t.Fatalf("wrote %d codings, %d reviews (%v); want 2 and 2", codings, reviews, err)
	}
	ana, err := p.States(ctx, "ana", res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if st := ana[rows[0].ID]; !st.Reviewed || len(st.Codes) != 2 {
		t.Fatalf("ana's first turn: %+v", st)
	}
	bo, err := p.States(ctx, "bo", res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := bo[rows[1].ID]; len(bo) != 1 || !bo[rows[0].ID].Reviewed || ok {
		t.Fatalf("bo's states: %+v (the second turn %+v)", bo, st)
	}
	var latest int64
	p.db.QueryRow(`SELECT max(changed_at) FROM reviews`).Scan(&latest)
	if latest != at.UnixNano()+2 {
		t.Fatalf("the last state is stamped %d, want %d", latest, at.UnixNano()+2)
	}
	p.Close()
	q, err := Open(p.Path())
	if err != nil {
		t.Fatalf("the file does not open again: %v", err)
	}
	defer q.Close()
	before := counts(t, q)
	_, _, err = q.WriteGenerated(ctx, []string{"cy"}, at, slices.Values([]GeneratedState{
		{Coder: 0, TurnID: rows[2].ID, Codes: []string{"c-ref"}}, {Coder: 0, TurnID: "no such turn", Codes: []string{"c-ref"}}}))
	if err == nil {
		t.Fatal("a turn that is not in the project was written")
	}
	if after := counts(t, q); after != before {
		t.Fatalf("a refused generation changed the project: %+v, then %+v", before, after)
	}
}
