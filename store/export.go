package store

import (
	"context"
	"path/filepath"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// ExportInput gathers what an export of scope shows: the reliability data, the agreement
// computed on it (with the bootstrap interval, seeded), and the whole codebook.
func (p *Project) ExportInput(ctx context.Context, scope coding.Scope, describe string) (report.Input, error) {
	rel, err := p.Reliability(ctx, scope)
	if err != nil {
		return report.Input{}, err
	}
	codebook, err := p.Codes(ctx)
	if err != nil {
		return report.Input{}, err
	}
	return report.Input{
		Project:    filepath.Base(p.path),
		ExportedAt: time.Now().UTC(),
		Scope:      describe,
		Codebook:   codebook,
		Data:       rel,
		Agreement:  agreement.Compute(agreement.FromReliability(rel), agreement.Options{Bootstrap: true, Seed: 1}),
	}, nil
}
