package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// ExportInput gathers what an export of scope shows: the reliability data, the agreement
// computed on it (with the bootstrap interval, seeded), the whole codebook and the consensus
// layer's decisions on the units in scope, and whether the coders coded blind (MethodsFacts),
// which the Summary's methods paragraph states.
func (p *Project) ExportInput(ctx context.Context, scope coding.Scope, describe string) (report.Input, error) {
	rel, b, err := p.reliabilityBuilt(ctx, scope)
	if err != nil {
		return report.Input{}, err
	}
	codebook, err := p.Codes(ctx)
	if err != nil {
		return report.Input{}, err
	}
	consensus, err := p.ConsensusLayer(ctx, rel)
	if err != nil {
		return report.Input{}, err
	}
	facts, err := p.methodsFacts(ctx, codebook, consensus, describe)
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{
		Consensus:  consensus,
		Project:    filepath.Base(p.path),
		ExportedAt: time.Now().UTC(),
		Scope:      describe,
		Codebook:   codebook,
		Data:       rel,
		Blind:      facts.Blind,
	}
	b.Prepare(&in, agreement.Options{Bootstrap: true, Seed: 1})
	return in, nil
}

// AgreementInput reads what Reliability reads but the judgements, and the agreement engine's
// data set made of them, as the agreement window and agree compute on it: the judgements go
// straight from the rows into the data set (report.Builder), never held as coding.Judgement
// values, so that millions of codings are read in seconds and little memory.
func (p *Project) AgreementInput(ctx context.Context, scope coding.Scope) (coding.Reliability, agreement.Data, error) {
	rel, b, err := p.reliabilityBuilt(ctx, scope)
	if err != nil {
		return coding.Reliability{}, agreement.Data{}, err
	}
	return rel, b.AgreementData(), nil
}

// reliabilityBuilt reads the reliability data of scope with its judgements in a
// report.Builder (16 bytes each), never in a slice of coding.Judgement (72 bytes each).
func (p *Project) reliabilityBuilt(ctx context.Context, scope coding.Scope) (coding.Reliability, *report.Builder, error) {
	var b *report.Builder
	var berr error
	rel, err := p.reliability(ctx, scope, func(rel *coding.Reliability, hint int) judge {
		b, berr = report.NewBuilder(rel.Units, rel.Coders, rel.Codes, hint)
		if berr != nil {
			return func(int, int, string, int64) {}
		}
		return func(unit, coder int, code string, at int64) { b.Add(unit, coder, code, time.Unix(0, at)) }
	})
	if err == nil {
		err = berr
	}
	if err == nil && b == nil { // no judgements were asked for: an empty scope
		b, err = report.NewBuilder(rel.Units, rel.Coders, rel.Codes, 0)
	}
	return rel, b, err
}

// ConsensusLayer reads the consensus layer's decisions on rel's units: a unit is settled when
// the layer reviewed it or gave it a code; its codes are those of rel.Codes it gave, its note
// the layer's memo on the turn, its time the latest change. nil when the project has no layer.
func (p *Project) ConsensusLayer(ctx context.Context, rel coding.Reliability) (report.Consensus, error) {
	var cid int64
	err := p.db.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ? AND consensus = 1`, ConsensusCoder).Scan(&cid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	inScope := make(map[string]bool, len(rel.Units))
	for _, u := range rel.Units {
		inScope[u.TurnID] = true
	}
	name := map[string]string{}
	for _, c := range rel.Codes {
		name[c.ID] = c.Name
	}
	rows, err := p.db.QueryContext(ctx, `
		SELECT turn_id, '', changed_at, '' FROM reviews WHERE coder_id = ?1 AND reviewed = 1
		UNION ALL SELECT turn_id, code_id, changed_at, '' FROM codings WHERE coder_id = ?1 AND removed = 0
		UNION ALL SELECT turn_id, NULL, 0, text FROM memos WHERE coder_id = ?1`, cid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := report.Consensus{}
	notes := map[string]string{}
	for rows.Next() {
		var turn, note string
		var code sql.NullString
		var at int64
		if err := rows.Scan(&turn, &code, &at, &note); err != nil {
			return nil, err
		}
		if !inScope[turn] {
			continue
		}
		if !code.Valid {
			notes[turn] = note
			continue
		}
		d := out[turn]
		if n, ok := name[code.String]; ok {
			d.Codes = append(d.Codes, n)
		}
		if t := time.Unix(0, at).UTC(); t.After(d.Time) {
			d.Time = t
		}
		out[turn] = d
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for turn, note := range notes {
		if d, ok := out[turn]; ok {
			d.Note = note
			out[turn] = d
		}
	}
	return out, nil
}
