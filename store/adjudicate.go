package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// ConsensusCoder names the adjudicated layer: a coder marked as consensus, never counted as a
// coder in agreement statistics.
const ConsensusCoder = "consensus"

// consensusID returns the consensus layer's coder id, creating the layer if need be.
func consensusID(ctx context.Context, tx *sql.Tx) (int64, error) {
	var id int64
	var isConsensus bool
	err := tx.QueryRowContext(ctx, `SELECT id, consensus FROM coders WHERE name = ?`, ConsensusCoder).Scan(&id, &isConsensus)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		r, err := tx.ExecContext(ctx, `INSERT INTO coders(name, consensus, created_at) VALUES (?, 1, ?)`, ConsensusCoder, time.Now().UnixNano())
		if err != nil {
			return 0, err
		}
		return r.LastInsertId()
	case err != nil:
		return 0, err
	case !isConsensus:
		return 0, say.Errorf("a coder named %q exists and is not the consensus layer; rename that coder first", ConsensusCoder)
	}
	return id, nil
}

// AutoAdjudicate settles, in the consensus layer, every unit in scope that two or more coders
// reviewed and on which they all gave the same codes, so that only real disagreements are left
// for the adjudication meeting. A unit the consensus layer has already decided is left as it
// is. It returns how many units it settled and how many disagreements remain.
func (p *Project) AutoAdjudicate(ctx context.Context, scope coding.Scope) (settled, disagreements int, err error) {
	rel, err := p.Reliability(ctx, scope)
	if err != nil {
		return 0, 0, err
	}
	codeID := map[string]string{}
	for _, c := range rel.Codes {
		codeID[c.Name] = c.ID
	}
	// Each unit's code set per reviewing coder.
	sets := map[string]map[string][]string{}
	for _, j := range rel.Judgements {
		if sets[j.Unit] == nil {
			sets[j.Unit] = map[string][]string{}
		}
		s := sets[j.Unit][j.Coder]
		if j.Code != "" && !slices.Contains(s, j.Code) {
			s = append(s, j.Code)
		}
		sets[j.Unit][j.Coder] = s
	}
	type agreed struct {
		turn  string
		codes []string
	}
	var todo []agreed
	for _, u := range rel.Units {
		bycoder := sets[u.TurnID]
		if len(bycoder) < 2 {
			continue
		}
		var first []string
		same, n := true, 0
		for _, s := range bycoder {
			slices.Sort(s)
			if n == 0 {
				first = s
			} else if !slices.Equal(first, s) {
				same = false
			}
			n++
		}
		if same {
			todo = append(todo, agreed{u.TurnID, first})
		} else {
			disagreements++
		}
	}
	err = p.write(ctx, "adjudicate agreed", fmt.Sprintf("%d units in scope", len(rel.Units)), func(tx *sql.Tx) error {
		cid, err := consensusID(ctx, tx)
		if err != nil {
			return err
		}
		decided, err := tx.PrepareContext(ctx, `SELECT EXISTS (SELECT 1 FROM reviews WHERE coder_id = ? AND turn_id = ? AND reviewed = 1)
			OR EXISTS (SELECT 1 FROM codings WHERE coder_id = ? AND turn_id = ? AND removed = 0)`)
		if err != nil {
			return err
		}
		defer decided.Close()
		now := changeTime(0)
		for _, a := range todo {
			var done bool
			if err := decided.QueryRowContext(ctx, cid, a.turn, cid, a.turn).Scan(&done); err != nil {
				return err
			}
			if done {
				continue
			}
			if err := setReviewed(ctx, tx, cid, a.turn, true, now); err != nil {
				return err
			}
			for _, name := range a.codes {
				if err := setCoding(ctx, tx, cid, a.turn, codeID[name], true, now); err != nil {
					return err
				}
			}
			settled++
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return settled, disagreements, nil
}

// isConsensusName tells whether a coder name would clash with the consensus layer.
func isConsensusName(name string) bool {
	return strings.EqualFold(coding.NormalizeLabel(name), ConsensusCoder)
}

// EnsureConsensus creates the consensus layer if the project has none yet, so the GUI can
// write decisions to it with SetState and SetMemo.
func (p *Project) EnsureConsensus(ctx context.Context) error {
	var exists bool
	if err := p.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM coders WHERE name = ? AND consensus = 1)`, ConsensusCoder).Scan(&exists); err != nil || exists {
		return err
	}
	return p.write(ctx, "add consensus layer", "", func(tx *sql.Tx) error {
		_, err := consensusID(ctx, tx)
		return err
	})
}
