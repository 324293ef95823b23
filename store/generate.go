package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// GeneratedState is one coder's state of one turn, as cmd/tcgen makes them for the benchmarks'
// big project: Coder indexes the coders given to WriteGenerated, Codes are code ids.
type GeneratedState struct {
	Coder    int
	TurnID   string
	Codes    []string
	Reviewed bool
}

// WriteGenerated adds coders and writes their generated states in one transaction with one
// audit entry, for benchmark projects made by cmd/tcgen: a million turns' states go in
// minutes where SetState, a transaction each, would take hours. The i-th state is stamped
// at + i nanoseconds, so the same states give the same rows. A turn or code that is not in the
// project is refused by the schema's foreign keys and nothing is written. It returns how many
// codings and reviewed marks it wrote.
func (p *Project) WriteGenerated(ctx context.Context, coders []string, at time.Time, states iter.Seq[GeneratedState]) (codings, reviews int, err error) {
	err = p.write(ctx, "generate states", fmt.Sprintf("%d coders", len(coders)), func(tx *sql.Tx) error {
		ids := make([]int64, len(coders))
		for i, name := range coders {
			name = coding.NormalizeLabel(name)
			if _, err := tx.ExecContext(ctx, `INSERT INTO coders(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING`, name, at.UnixNano()); err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ?`, name).Scan(&ids[i]); err != nil {
				return err
			}
		}
		return withoutDigestTriggers(ctx, tx, func() error {
			insCoding, err := tx.PrepareContext(ctx, `INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at) VALUES (?, ?, ?, 0, ?)`)
			if err != nil {
				return err
			}
			defer insCoding.Close()
			insReview, err := tx.PrepareContext(ctx, `INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) VALUES (?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer insReview.Close()
			stamp := at.UnixNano()
			for st := range states {
				if st.Coder < 0 || st.Coder >= len(ids) {
					return fmt.Errorf("a generated state names coder %d of %d", st.Coder, len(ids))
				}
				stamp++
				if stamp%4096 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				coder := ids[st.Coder]
				for _, c := range st.Codes {
					if _, err := insCoding.ExecContext(ctx, coder, st.TurnID, c, stamp); err != nil {
						return fmt.Errorf("turn %s, code %s: %w", st.TurnID, c, err)
					}
					codings++
				}
				if st.Reviewed || len(st.Codes) > 0 {
					if _, err := insReview.ExecContext(ctx, coder, st.TurnID, true, stamp); err != nil {
						return fmt.Errorf("turn %s: %w", st.TurnID, err)
					}
					reviews++
				}
			}
			return nil
		})
	})
	if err != nil {
		return 0, 0, err
	}
	return codings, reviews, nil
}
