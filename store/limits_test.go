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
