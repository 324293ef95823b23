package report

import (
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/version"
)

// TranslateReason is the reason a figure is undefined (agreement.Value.Reason, which the engine
// writes in English) in the language lang (a tag MatchLanguage takes; another is English), for
// a report of these coders (a reason may name two of them). A reason the texts do not know is
// given as the engine wrote it.
func TranslateReason(lang string, coders []string, reason string) string {
	return NewEngineText(lang, coders).Reason(reason)
}

// EngineText gives the agreement engine's sentences, which it writes in English, in a language:
// the window shows the reasons and notes of its report as the workbook writes them. Made once
// for a report (its patterns are compiled then), it is cheap to ask per cell.
type EngineText struct{ e *engineText }

// NewEngineText is the engine's sentences in the language lang (a tag MatchLanguage takes;
// another is English) for a report of these coders (a reason may name two of them).
func NewEngineText(lang string, coders []string) EngineText {
	l, _ := langOf(lang)
	return EngineText{newEngineText(l, coders)}
}

// Reason is the reason a figure is undefined (agreement.Value.Reason) in the language; a reason
// the texts do not know is given as the engine wrote it.
func (t EngineText) Reason(reason string) string { return t.e.reasonText(reason) }

// Notes are the report's notes in the language, in the engine's order: its conventions, then
// the reasons for its undefined values and what it left out (those of the engine, in English,
// when the texts would not say the same).
func (t EngineText) Notes(rep agreement.Report) []string {
	conv := map[string]string{}
	for k, v := range agreement.Conventions() {
		conv[v] = k
	}
	var out []string
	for _, n := range rep.Notes {
		if k, ok := conv[n]; ok {
			out = append(out, t.e.convention(k, n))
		}
	}
	return append(out, t.e.dataNotes(&rep)...)
}

// Methods is what the methods paragraph says of a study beyond the report's figures.
type Methods struct {
	Scope       string // the scope in the paragraph's language (DescribeScope); "" leaves it out
	Fingerprint string // the codebook's fingerprint (coding.Fingerprint); "" leaves it out
	// Blind: the coders coded in coder copies of their own (store.CodedInCopies), which hold
	// none of the others' codings; otherwise the paragraph says only that they coded
	// independently.
	Blind     bool
	Consensus bool // the consensus layer holds a decision in scope
}

// MethodsParagraph is the paragraph ready to paste into a paper's methods section
// (agreement.MethodsParagraph) on rep, in the language lang (a tag MatchLanguage takes; another
// is English): the undefined figures' reasons in that language, and turncoder's version as
// SoftwareVersion cites it. The command line (agree --methods), the agreement window and the
// workbook's Summary write the same paragraph from the same figures.
func MethodsParagraph(lang string, rep agreement.Report, m Methods) string {
	l, _ := langOf(lang)
	e := newEngineText(l, rep.Coders)
	return agreement.MethodsParagraph(rep, agreement.MethodsInput{
		Blind:     m.Blind,
		Scope:     m.Scope,
		Codebook:  m.Fingerprint,
		Software:  "turncoder",
		Version:   SoftwareVersion(),
		Consensus: m.Consensus,
		Reason:    e.reasonText,
	}, Languages[l])
}

// SoftwareVersion is this build of turncoder as a methods section cites it: its version and the
// commit it was built from ("0.1.0 (commit 43dfa54fbc01)", "…, modified" when built from a
// checkout with changes not committed), the version alone when the build records no commit
// (coding/version).
func SoftwareVersion() string {
	b := version.Build()
	c := b.ShortCommit()
	if c == "" || !isHex(c) {
		return b.Version
	}
	if b.Modified {
		c += ", modified"
	}
	return b.Version + " (commit " + c + ")"
}
