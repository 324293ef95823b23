package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// limitSource says what brought a codebook, coders or codings past a limit: the lead's own
// edit (""), a received file itself ("in it"), a merge or an import. Each limit's sentence has
// a format for each, so that the window can give it in its language (say).
type limitSource string

const (
	ownEdit     limitSource = ""
	inFile      limitSource = "in it"
	afterMerge  limitSource = "after this merge"
	afterImport limitSource = "after this import"
)

// checkLimits refuses, inside the transaction of a change, a codebook or a list of coders that
// the change took past coding's limits: the change is rolled back with the sentence. source
// says what brought them.
func checkLimits(ctx context.Context, q queryer, source limitSource) error {
	var codes, coders int
	if err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM main.codes WHERE removed = 0),
		(SELECT COUNT(*) FROM main.coders WHERE consensus = 0)`).Scan(&codes, &coders); err != nil {
		return err
	}
	if codes > coding.MaxCodes {
		return tooManyCodes(codes, source)
	}
	if coders > coding.MaxCoders {
		return tooManyCoders(coders, source)
	}
	var kind, name string
	err := q.QueryRowContext(ctx, `SELECT 'code', name FROM main.codes WHERE length(name) > ?1
		UNION ALL SELECT 'coder', name FROM main.coders WHERE length(name) > ?1 LIMIT 1`, coding.MaxLabel).Scan(&kind, &name)
	if err == nil {
		return tooLongName(kind == "coder", len([]rune(name)), string([]rune(name)[:20]), source)
	}
	return nil
}

// tooManyCoders is the sentence for a project of n coders, past the limit.
func tooManyCoders(n int, source limitSource) error {
	switch source {
	case inFile:
		return say.Errorf("the project would have %d coders in it, more than the %d turncoder allows", n, coding.MaxCoders)
	case afterMerge:
		return say.Errorf("the project would have %d coders after this merge, more than the %d turncoder allows", n, coding.MaxCoders)
	case afterImport:
		return say.Errorf("the project would have %d coders after this import, more than the %d turncoder allows", n, coding.MaxCoders)
	}
	return say.Errorf("the project would have %d coders, more than the %d turncoder allows", n, coding.MaxCoders)
}

// tooLongName is the sentence for a code's or a coder's name n characters long, past the
// limit; start is its first 20 characters.
func tooLongName(coder bool, n int, start string, source limitSource) error {
	if coder {
		switch source {
		case inFile:
			return say.Errorf("a coder's name in it is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
		case afterMerge:
			return say.Errorf("a coder's name after this merge is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
		case afterImport:
			return say.Errorf("a coder's name after this import is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
		}
		return say.Errorf("a coder's name is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
	}
	switch source {
	case inFile:
		return say.Errorf("a code's name in it is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
	case afterMerge:
		return say.Errorf("a code's name after this merge is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
	case afterImport:
		return say.Errorf("a code's name after this import is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
	}
	return say.Errorf("a code's name is %d characters long, more than the %d turncoder allows (%q…)", n, coding.MaxLabel, start)
}

// checkCodesPerTurn refuses codings that give one turn more than coding.MaxCodesPerTurn codes
// from one coder (a scan of the codings, in the order of their key: for imports and merges,
// not for each keypress, which SetState checks itself). source is as checkLimits'.
func checkCodesPerTurn(ctx context.Context, q queryer, source limitSource) error {
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
	switch source {
	case inFile:
		return say.Errorf("%s would have given turn %d of %q %d codes in it, more than the %d turncoder allows on one turn",
			coder, number, doc, n, coding.MaxCodesPerTurn)
	case afterMerge:
		return say.Errorf("%s would have given turn %d of %q %d codes after this merge, more than the %d turncoder allows on one turn",
			coder, number, doc, n, coding.MaxCodesPerTurn)
	case afterImport:
		return say.Errorf("%s would have given turn %d of %q %d codes after this import, more than the %d turncoder allows on one turn",
			coder, number, doc, n, coding.MaxCodesPerTurn)
	}
	return say.Errorf("%s would have given turn %d of %q %d codes, more than the %d turncoder allows on one turn",
		coder, number, doc, n, coding.MaxCodesPerTurn)
}

// tooManyOnTurn is SetState's sentence for a turn given n codes.
func tooManyOnTurn(n int) error {
	return say.Errorf("a turn can take at most %d codes from one coder (this would be %d)", coding.MaxCodesPerTurn, n)
}

// fileWithinLimits refuses a received file that by itself holds more codes or coders than a
// project may, or a longer name, before any of the merge's work (a copy that added 20,000 codes
// took 79 s to merge, and then made agree need 12.8 GB).
func fileWithinLimits(ctx context.Context, db queryer, f *sharedFile) error {
	if err := checkLimits(ctx, db, inFile); err != nil {
		return say.Errorf("%s cannot be merged: %v", f.path, err)
	}
	if err := checkCodesPerTurn(ctx, db, inFile); err != nil {
		return say.Errorf("%s cannot be merged: %v", f.path, err)
	}
	return nil
}

// tooManyCodes is the sentence for a codebook of n codes, past the limit.
func tooManyCodes(n int, source limitSource) error {
	switch source {
	case inFile:
		return say.Errorf("the codebook would have %d codes in it, more than the %d turncoder allows", n, coding.MaxCodes)
	case afterMerge:
		return say.Errorf("the codebook would have %d codes after this merge, more than the %d turncoder allows", n, coding.MaxCodes)
	case afterImport:
		return say.Errorf("the codebook would have %d codes after this import, more than the %d turncoder allows", n, coding.MaxCodes)
	}
	return say.Errorf("the codebook would have %d codes, more than the %d turncoder allows", n, coding.MaxCodes)
}
