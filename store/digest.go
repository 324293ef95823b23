package store

import (
	"context"
	"database/sql"

	"github.com/turncoder/turncoder/coding/say"
)

// digestQuery sums, over the coders' rows, what the triggers of schema 2 add to meta.digest
// (migrations/0002_digest.sql): each row's change time modulo a 32-bit prime, plus its state.
// The change time is new on every change turncoder makes, so a row from before a change and
// one from after it add different numbers. The sum fits in 64 bits for two billion rows.
const digestQuery = `SELECT ` + digestSum + `,
  COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'digest'), 0)`

// digestSum is the sum itself, as the migration first computes it.
const digestSum = `(SELECT COALESCE(SUM(changed_at % 4294967291 + removed * 7919), 0) FROM codings) +
  (SELECT COALESCE(SUM(changed_at % 4294967291 + reviewed * 7919), 0) FROM reviews) +
  (SELECT COALESCE(SUM(changed_at % 4294967291 + length(text)), 0) FROM memos)`

// checkDigest refuses a file whose coders' rows disagree with the digest it holds: a copy made
// while turncoder was saving to it, some of its pages from before a change and some from after.
func checkDigest(ctx context.Context, q queryer, path string) error {
	var rows, held int64
	if err := q.QueryRowContext(ctx, digestQuery).Scan(&rows, &held); err != nil {
		return damagedFile(path, err)
	}
	if rows != held {
		return say.Errorf("%s is incomplete: it was copied while turncoder was saving to it, so it holds part of a change; ask for it again (a copy made a second after the last change is whole)", path)
	}
	return nil
}

// withoutDigestTriggers runs fn, a change of many rows, in tx with the digest's triggers set
// aside, then sets meta.digest from the rows and puts the triggers back, all in tx: a trigger
// per row made a merge of a million codings three times slower than one sum at the end. The
// triggers' text is read from the file itself, so they come back exactly as the migration made
// them. fn's error is returned as it is.
func withoutDigestTriggers(ctx context.Context, tx execQueryer, fn func() error) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'digest\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return friendly(err)
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return friendly(err)
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return friendly(err)
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return friendly(err)
		}
	}
	if err := fn(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = (`+digestSum+`) WHERE key = 'digest'`); err != nil {
		return friendly(err)
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return friendly(err)
		}
	}
	return nil
}

// execQueryer is a transaction or a connection.
type execQueryer interface {
	queryer
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
