package store

import (
	"context"
	"fmt"

	"github.com/turncoder/turncoder/coding"
)

// checkLimits refuses, inside the transaction of a change, a codebook or a list of coders that
// the change took past coding's limits: the change is rolled back with the sentence. source
// says what brought them ("" for the lead's own edit; "after this merge").
func checkLimits(ctx context.Context, q queryer, source string) error {
	from := ""
	if source != "" {
		from = " " + source
	}
	var codes, coders int
	if err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM main.codes WHERE removed = 0),
		(SELECT COUNT(*) FROM main.coders WHERE consensus = 0)`).Scan(&codes, &coders); err != nil {
		return err
	}
	if codes > coding.MaxCodes {
		return tooManyCodes(codes, from)
	}
	if coders > coding.MaxCoders {
		return fmt.Errorf("the project would have %d coders%s, more than the %d turncoder allows", coders, from, coding.MaxCoders)
	}
	var kind, name string
	err := q.QueryRowContext(ctx, `SELECT 'code', name FROM main.codes WHERE length(name) > ?1
		UNION ALL SELECT 'coder', name FROM main.coders WHERE length(name) > ?1 LIMIT 1`, coding.MaxLabel).Scan(&kind, &name)
	if err == nil {
		return fmt.Errorf("a %s's name%s is %d characters long, more than the %d turncoder allows (%q…)",
			kind, from, len([]rune(name)), coding.MaxLabel, string([]rune(name)[:20]))
	}
	return nil
}

// fileWithinLimits refuses a received file that by itself holds more codes or coders than a
// project may, or a longer name, before any of the merge's work (a copy that added 20,000 codes
// took 79 s to merge, and then made agree need 12.8 GB).
func fileWithinLimits(ctx context.Context, db queryer, f *sharedFile) error {
	if err := checkLimits(ctx, db, "in it"); err != nil {
		return fmt.Errorf("%s cannot be merged: %v", f.path, err)
	}
	return nil
}

// tooManyCodes is the sentence for a codebook of n codes, past the limit; from says where
// they would be (" in it", " after this merge", or "").
func tooManyCodes(n int, from string) error {
	return fmt.Errorf("the codebook would have %d codes%s, more than the %d turncoder allows", n, from, coding.MaxCodes)
}
