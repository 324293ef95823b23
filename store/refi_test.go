package store_test

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/store"
)

// codedDemo is the demo project as a team leaves it: two coders' codings on the calls and on a
// prose document, a turn reviewed with no code, codes on a turn not yet marked reviewed, memos
// (one on a turn nobody reviewed), a coder who has coded nothing yet, a code added under referral, a code removed with its
// codings, and the consensus layer's decision with its note.
func codedDemo(t *testing.T) *store.Project {
	t.Helper()
	ctx := context.Background()
	p, _ := demo(t)
	for _, c := range []string{"ana", "bo", "dana"} { // dana codes nothing yet
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	phone, err := p.AddCode(ctx, coding.Code{Name: "phone number", NameZH: "电话号码", ParentID: "code-referral", Colour: "#aec7e8",
		Definition: "The referral gives a number.\nAny number."})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := p.AddCode(ctx, coding.Code{Name: "to remove"})
	if err != nil {
		t.Fatal(err)
	}
	rows := turnRows(t, p, "")
	var prose []coding.TurnRow
	for _, r := range rows {
		if r.Speaker == "" {
			prose = append(prose, r)
		}
	}
	set := func(coder string, r coding.TurnRow, reviewed bool, codes ...string) {
		t.Helper()
		if err := p.SetState(ctx, coder, r.ID, coding.TurnState{Codes: codes, Reviewed: reviewed}, "code"); err != nil {
			t.Fatal(err)
		}
	}
	set("ana", rows[1], true, "code-deflection")
	set("bo", rows[1], true, "code-deflection", "code-admission")
	set("ana", rows[21], true, "code-referral", phone.ID)
	set("bo", rows[21], true, "code-referral")
	set("ana", rows[3], true) // no code applies
	set("bo", rows[5], false, "code-claimed-action")
	set("ana", rows[7], true, gone.ID)
	set("ana", prose[2], true, "code-claimed-action")
	for _, m := range []struct{ coder, turn, text string }{
		{"ana", rows[21].ID, "Gives 8336878.\nThe 法工部."},
		{"bo", rows[40].ID, "Read again: is this a referral?"},
	} {
		if err := p.SetMemo(ctx, m.coder, m.turn, m.text); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.RemoveCode(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := p.EnsureConsensus(ctx); err != nil {
		t.Fatal(err)
	}
	set(store.ConsensusCoder, rows[1], true, "code-deflection")
	if err := p.SetMemo(ctx, store.ConsensusCoder, rows[1].ID, "Settled: admission is not said."); err != nil {
		t.Fatal(err)
	}
	return p
}

// export writes p as a .qdpx and returns the bytes.
func export(t *testing.T, p *store.Project) []byte {
	t.Helper()
	rp, err := p.REFIProject(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := refi.Write(&buf, rp); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readQDPX(t *testing.T, data []byte) (*refi.Project, *refi.Report) {
	t.Helper()
	rp, rep, err := refi.Read(bytes.NewReader(data), int64(len(data)), "demo.qdpx", refi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rp, rep
}

func emptyProject(t *testing.T) *store.Project {
	t.Helper()
	p, err := store.Create(filepath.Join(t.TempDir(), "fresh"+store.Extension), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// TestREFIRoundTrip: the demo project, coded, exported as a .qdpx and imported into a fresh
// project gives the same documents (by content id), turns with their numbers, sections,
// speakers and roles, notes, coders and the consensus layer, codings, reviewed marks (a turn
// reviewed with no code, codes not yet reviewed), memos and codebook. Codings of a removed code
// stay behind, as they are not live.
func TestREFIRoundTrip(t *testing.T) {
	ctx := context.Background()
	p := codedDemo(t)
	data := export(t, p)
	rp, rep := readQDPX(t, data)
	if len(rep.Dropped) != 0 {
		t.Errorf("a turncoder export dropped %v", rep.Dropped)
	}
	q := emptyProject(t)
	res, err := q.ImportREFI(ctx, rp, "demo.qdpx", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.CodersAdded != 4 || res.CodesAdded != 5 || res.Codings != 9 || res.Reviewed != 8 || res.Memos != 3 {
		t.Errorf("import: %+v; want 4 coders added (consensus too), 5 codes, 9 codings, 8 reviewed marks, 3 memos", res)
	}

	docs, err := p.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := q.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, docs) {
		t.Errorf("documents:\n%+v\nwant\n%+v", got, docs)
	}
	if g, w := turnRows(t, q, ""), turnRows(t, p, ""); !reflect.DeepEqual(g, w) {
		t.Errorf("turns differ: %d turns, want %d", len(g), len(w))
	}
	for _, d := range docs {
		if g, w := lines(t, q, d.ID), lines(t, p, d.ID); !reflect.DeepEqual(g, w) {
			t.Errorf("the lines of %q differ", d.Title)
		}
		gs, err := q.AllStates(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := p.AllStates(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gs, ws) {
			t.Errorf("the coders' states on %q:\n%v\nwant\n%v", d.Title, gs, ws)
		}
	}
	sg, _ := q.Speakers(ctx)
	sw, _ := p.Speakers(ctx)
	if !reflect.DeepEqual(sg, sw) {
		t.Errorf("speakers:\n%+v\nwant\n%+v", sg, sw)
	}
	cg, _ := q.Coders(ctx)
	cw, _ := p.Coders(ctx)
	if !reflect.DeepEqual(cg, cw) {
		t.Errorf("coders %+v, want %+v", cg, cw)
	}
	kg, _ := q.ExportCodings(ctx)
	kw, _ := p.ExportCodings(ctx)
	for i := range kg {
		kg[i].Time = kw[0].Time
	}
	for i := range kw {
		kw[i].Time = kw[0].Time
	}
	// ana's turn 8 of the calls: reviewed, its one code removed; it is "no code" in both
	if !reflect.DeepEqual(kg, kw) {
		t.Errorf("codings:\n%+v\nwant\n%+v", kg, kw)
	}
	bg, _ := q.Codes(ctx)
	bw, _ := p.Codes(ctx)
	if !reflect.DeepEqual(bg, bw) {
		t.Errorf("codebook:\n%+v\nwant\n%+v", bg, bw)
	}
	rows := turnRows(t, p, "")
	for _, m := range []struct{ coder, turn, text string }{
		{"ana", rows[21].ID, "Gives 8336878.\nThe 法工部."},
		{"bo", rows[40].ID, "Read again: is this a referral?"},
		{store.ConsensusCoder, rows[1].ID, "Settled: admission is not said."},
	} {
		if got, err := q.Memo(ctx, m.coder, m.turn); err != nil || got != m.text {
			t.Errorf("%s's memo on %s is %q (%v), want %q", m.coder, m.turn, got, err, m.text)
		}
	}
	// The gathered projects are the same too: nothing of the study was lost on the way.
	again, err := q.REFIProject(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := p.REFIProject(ctx, "demo")
	if !reflect.DeepEqual(again.Documents, first.Documents) || !reflect.DeepEqual(again.Speakers, first.Speakers) {
		t.Error("the project gathered for export after the round trip differs from the one before")
	}

	// The same file again changes nothing: every document is recognised, every row is there.
	before := counts(t, q)
	res, err = q.ImportREFI(ctx, rp, "demo.qdpx", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Documents {
		if !d.Duplicate {
			t.Errorf("%q was imported again", d.Title)
		}
	}
	if after := counts(t, q); after != before {
		t.Errorf("a second import changed the counts from %+v to %+v", before, after)
	}
	if kg2, _ := q.ExportCodings(ctx); len(kg2) != len(kg) {
		t.Errorf("a second import made %d codings rows, want %d", len(kg2), len(kg))
	}
}

func counts(t *testing.T, p *store.Project) coding.Counts {
	t.Helper()
	c, err := p.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestREFIImportRefusedWritesNothing: a file past the project's limits (101 coders) is refused
// in one sentence, and nothing of it (documents, codebook, coders, audit entry) is written.
func TestREFIImportRefusedWritesNothing(t *testing.T) {
	ctx := context.Background()
	p := codedDemo(t)
	rp, _ := readQDPX(t, export(t, p))
	q := emptyProject(t)
	for i := 0; i < coding.MaxCoders+1; i++ {
		rp.Coders = append(rp.Coders, refi.Coder{Name: "coder " + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + string(rune('a'+i/26))})
	}
	before := counts(t, q)
	log, _ := q.AuditLog(ctx)
	_, err := q.ImportREFI(ctx, rp, "big.qdpx", nil)
	if err == nil || !strings.Contains(err.Error(), "coders after this import, more than the 100 turncoder allows") {
		t.Fatalf("err = %v, want the coders' limit", err)
	}
	if after := counts(t, q); after != before {
		t.Errorf("a refused import changed the counts from %+v to %+v", before, after)
	}
	if after, _ := q.AuditLog(ctx); len(after) != len(log) {
		t.Errorf("a refused import left an audit entry")
	}

	// A cancelled import says so and writes nothing either.
	rp, _ = readQDPX(t, export(t, p))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := q.ImportREFI(cctx, rp, "demo.qdpx", nil); err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("a cancelled import: err = %v", err)
	}
	if after := counts(t, q); after != before {
		t.Errorf("a cancelled import changed the counts from %+v to %+v", before, after)
	}
}
