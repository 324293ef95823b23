package store

import (
	"context"
	"database/sql"
	"errors"
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

// checkCodesPerTurn refuses codings that give one turn more than coding.MaxCodesPerTurn codes
// from one coder (a scan of the codings, in the order of their key: for imports and merges,
// not for each keypress, which SetState checks itself). source is as checkLimits'.
func checkCodesPerTurn(ctx context.Context, q queryer, source string) error {
	var coder string
	var number, n int
	var doc string
	err := q.QueryRowContext(ctx, `SELECT k.name, d.title, t.number, g.n FROM
		(SELECT coder_id, turn_id, COUNT(*) AS n FROM main.codings WHERE removed = 0
		 GROUP BY coder_id, turn_id HAVING COUNT(*) > ? LIMIT 1) AS g
		JOIN main.coders k ON k.id = g.coder_id JOIN main.turns t ON t.id = g.turn_id
		JOIN main.documents d ON d.id = t.document_id`, coding.MaxCodesPerTurn).Scan(&coder, &doc, &number, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	from := ""
	if source != "" {
		from = " " + source
	}
	return fmt.Errorf("%s would have given turn %d of %q %d codes%s, more than the %d turncoder allows on one turn",
		coder, number, doc, n, from, coding.MaxCodesPerTurn)
}

// tooManyOnTurn is SetState's sentence for a turn given n codes.
func tooManyOnTurn(n int) error {
	return fmt.Errorf("a turn can take at most %d codes from one coder (this would be %d)", coding.MaxCodesPerTurn, n)
}

// fileWithinLimits refuses a received file that by itself holds more codes or coders than a
// project may, or a longer name, before any of the merge's work (a copy that added 20,000 codes
// took 79 s to merge, and then made agree need 12.8 GB).
func fileWithinLimits(ctx context.Context, db queryer, f *sharedFile) error {
	if err := checkLimits(ctx, db, "in it"); err != nil {
		return fmt.Errorf("%s cannot be merged: %v", f.path, err)
	}
	if err := checkCodesPerTurn(ctx, db, "in it"); err != nil {
		return fmt.Errorf("%s cannot be merged: %v", f.path, err)
	}
	return nil
}

// tooManyCodes is the sentence for a codebook of n codes, past the limit; from says where
// they would be (" in it", " after this merge", or "").
func tooManyCodes(n int, from string) error {
	return fmt.Errorf("the codebook would have %d codes%s, more than the %d turncoder allows", n, from, coding.MaxCodes)
}
