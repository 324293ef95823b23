package store

import (
	"context"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/report"
)

// MethodsFacts are the facts the methods paragraph (report.MethodsParagraph) states about this
// project beyond the figures computed on rel, the project's data for a scope described as
// describe: the scope, the fingerprint of the project's codebook, whether the coders coded
// blind (CodedInCopies) and whether the consensus layer holds a decision on a unit of rel. The
// command line, the agreement window and the workbook's Summary (through ExportInput) state
// the same facts of the same scope.
func (p *Project) MethodsFacts(ctx context.Context, rel coding.Reliability, describe string) (report.Methods, error) {
	codebook, err := p.Codes(ctx)
	if err != nil {
		return report.Methods{}, err
	}
	consensus, err := p.ConsensusLayer(ctx, rel)
	if err != nil {
		return report.Methods{}, err
	}
	return p.methodsFacts(ctx, codebook, consensus, describe)
}

// methodsFacts is MethodsFacts from the codebook and the consensus layer on the scope's units,
// read once by a caller that needs them too.
func (p *Project) methodsFacts(ctx context.Context, codebook []coding.Code, consensus report.Consensus, describe string) (report.Methods, error) {
	blind, err := p.CodedInCopies(ctx)
	if err != nil {
		return report.Methods{}, err
	}
	return report.Methods{
		Scope:       describe,
		Fingerprint: coding.Fingerprint(codebook),
		Blind:       blind,
		Consensus:   len(consensus) > 0,
	}, nil
}
