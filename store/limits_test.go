package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// The documented limits (coding.MaxCodes, MaxCoders, MaxLabel) are refused in one sentence by
// every way codes and coders come in, and the refusal changes nothing (issue 14).
func TestLimits(t *testing.T) {
	ctx := context.Background()
	p, _ := master(t) // ana, bo and cy; four codes
	count := func(table string) int {
		var n int
		if err := p.db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	codes0 := count("codes")

	// A codebook import past MaxCodes.
	var many []coding.Code
	for i := 0; i <= coding.MaxCodes-codes0; i++ {
		many = append(many, coding.Code{ID: fmt.Sprintf("f-%d", i), Name: fmt.Sprintf("code %d", i)})
	}
	_, _, err := p.ImportCodebook(ctx, many, "many.csv")
	want := fmt.Sprintf("the codebook would have %d codes, more than the %d turncoder allows", coding.MaxCodes+1, coding.MaxCodes)
	if err == nil || err.Error() != want {
		t.Errorf("import past the limit: %v", err)
	}
	if count("codes") != codes0 {
		t.Error("the refused import changed the codebook")
	}
	// Up to the limit is fine; one more code is not.
	if _, _, err := p.ImportCodebook(ctx, many[1:], "many.csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddCode(ctx, coding.Code{Name: "one too many"}); err == nil || !strings.HasPrefix(err.Error(), "the codebook would have 1001 codes") {
		t.Errorf("AddCode past the limit: %v", err)
	}

	// Coders.
	if err := p.AddCoder(ctx, strings.Repeat("名", coding.MaxLabel+1)); err == nil ||
		err.Error() != fmt.Sprintf("a coder's name is %d characters long, more than the %d turncoder allows (%q…)", coding.MaxLabel+1, coding.MaxLabel, strings.Repeat("名", 20)) {
		t.Errorf("a long coder name: %v", err)
	}
	coders0 := count("coders WHERE consensus = 0")
	for i := coders0; i < coding.MaxCoders; i++ {
		if err := p.AddCoder(ctx, fmt.Sprintf("coder %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.AddCoder(ctx, "one more"); err == nil || err.Error() != fmt.Sprintf("the project would have %d coders, more than the %d turncoder allows", coding.MaxCoders+1, coding.MaxCoders) {
		t.Errorf("AddCoder past the limit: %v", err)
	}
	if count("coders WHERE consensus = 0") != coding.MaxCoders {
		t.Error("the refused coder was added")
	}
}

// A received file that adds codes past the limit is refused before the merge's work, naming
// the file; the master is as it was.
func TestMergeRefusesAFilePastTheLimits(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[0], true, "c-ref")
	for i := 0; i < coding.MaxCodes; i++ {
		rawExec(t, c, `INSERT INTO codes(id, name, position, changed_at) VALUES (?, ?, ?, ?)`, fmt.Sprintf("x-%d", i), fmt.Sprintf("x %d", i), 100+i, changeTime(0))
	}
	path := closed(c)
	before := everything(t, p)
	_, err := p.Merge(ctx, []string{path}, MergeOptions{})
	if err == nil || err.Error() != fmt.Sprintf("%s cannot be merged: the codebook would have %d codes in it, more than the %d turncoder allows", path, coding.MaxCodes+4, coding.MaxCodes) {
		t.Errorf("merge past the limit: %v", err)
	}
	if everything(t, p) != before {
		t.Error("the refused merge changed the master")
	}
}

// A codebook of 100,000 codes is refused before any of them is written, at once (the import
// looked up the largest position once per code: quadratic).
func TestImportOfAHugeCodebookIsRefusedAtOnce(t *testing.T) {
	p, _ := master(t)
	many := make([]coding.Code, 100000)
	for i := range many {
		many[i] = coding.Code{ID: fmt.Sprintf("f-%d", i), Name: fmt.Sprintf("code %d", i)}
	}
	_, _, err := p.ImportCodebook(context.Background(), many, "huge.qdc")
	if err == nil || err.Error() != fmt.Sprintf("the codebook would have 100004 codes, more than the %d turncoder allows", coding.MaxCodes) {
		t.Errorf("huge import: %v", err)
	}
}

// One coder gives one turn at most coding.MaxCodesPerTurn codes: SetState, a codings import, a
// received file and a merge whose result would cross it are refused in one sentence, and
// nothing changes (issue 14: a cell of a thousand codes made the agreement tables grow with
// codes × coders × units).
func TestCodesPerTurn(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	var extra []coding.Code
	var ids, names []string
	for i := range coding.MaxCodesPerTurn + 1 {
		id := fmt.Sprintf("m-%d", i)
		extra = append(extra, coding.Code{ID: id, Name: fmt.Sprintf("many %d", i)})
		ids, names = append(ids, id), append(names, fmt.Sprintf("many %d", i))
	}
	if _, _, err := p.ImportCodebook(ctx, extra, "many.csv"); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if err := p.db.QueryRow(`SELECT id FROM codes WHERE name = ?`, n).Scan(&ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	before := everything(t, p)
	err := p.SetState(ctx, "ana", turns[0], coding.TurnState{Reviewed: true, Codes: ids}, "code")
	if err == nil || err.Error() != fmt.Sprintf("a turn can take at most %d codes from one coder (this would be %d)", coding.MaxCodesPerTurn, coding.MaxCodesPerTurn+1) {
		t.Errorf("SetState: %v", err)
	}
	if everything(t, p) != before {
		t.Error("the refused SetState changed the project")
	}
	set(t, p, "ana", turns[0], true, ids[:coding.MaxCodesPerTurn]...) // at the limit: fine
	set(t, p, "ana", turns[0], true)
	before = everything(t, p)

	var rows []coding.CodingRow
	for i, n := range names {
		rows = append(rows, coding.CodingRow{Document: "call", Turn: 2, Coder: "bo", Code: n, Line: i + 2})
	}
	_, err = p.ImportCodings(ctx, rows, "bo.csv")
	if err == nil || err.Error() != fmt.Sprintf(`bo would have given turn 2 of "call" %d codes after this import, more than the %d turncoder allows on one turn`, coding.MaxCodesPerTurn+1, coding.MaxCodesPerTurn) {
		t.Errorf("ImportCodings: %v", err)
	}
	if everything(t, p) != before {
		t.Error("the refused import changed the project")
	}

	// A received copy with too many codes on a turn, written behind the app's back.
	c := openCopy(t, p, "cy")
	for _, id := range ids {
		rawExec(t, c, `INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at) VALUES ((SELECT id FROM coders WHERE name = 'cy'), ?, ?, 0, ?)`, turns[1], id, changeTime(0))
	}
	path := closed(c)
	before = everything(t, p)
	_, err = p.Merge(ctx, []string{path}, MergeOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), path+" cannot be merged: cy would have given turn ") || !strings.Contains(err.Error(), "codes in it, more than the 50") {
		t.Errorf("merge of a copy past the limit: %v", err)
	}
	if everything(t, p) != before {
		t.Error("the refused merge changed the master")
	}

	// Two copies of one coder (a laptop and a desktop), each within the limit, their union
	// past it.
	half := coding.MaxCodesPerTurn/2 + 1
	c1, c2 := openCopy(t, p, "bo"), openCopy(t, p, "bo")
	set(t, c1, "bo", turns[1], true, ids[:half]...)
	set(t, c2, "bo", turns[1], true, ids[len(ids)-half:]...)
	first, second := closed(c1), closed(c2)
	if _, err := p.Merge(ctx, []string{first}, MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	before = everything(t, p)
	_, err = p.Merge(ctx, []string{second}, MergeOptions{})
	if err == nil || err.Error() != fmt.Sprintf(`bo would have given turn 2 of "call" %d codes after this merge, more than the %d turncoder allows on one turn`, len(ids), coding.MaxCodesPerTurn) {
		t.Errorf("a merge whose union is past the limit: %v", err)
	}
	if everything(t, p) != before {
		t.Error("the refused merge changed the master")
	}
}
