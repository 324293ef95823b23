package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// csvReference checks a reference named for data from a table (agree --csv): the consensus
// layer is a project's, and such a table has none, unless one of its coders bears that name.
func csvReference(d agreement.Data, ref string) error {
	if !strings.EqualFold(strings.TrimSpace(ref), report.ConsensusReference) {
		return nil
	}
	for _, c := range d.Coders {
		if strings.EqualFold(c, report.ConsensusReference) {
			return nil
		}
	}
	return usagef("--reference consensus compares with a project's consensus layer, which a table read with --csv does not have: name one of its coders (%s), or give -p FILE", strings.Join(d.Coders, ", "))
}

// compareWithReference compares every coder of d with the reference ref: a coder of d, or the
// consensus layer c (report.ConsensusReference), as the workbook's Reference sheets do.
func compareWithReference(d agreement.Data, ref string, c report.Consensus) (agreement.ReferenceReport, error) {
	rd, err := report.ReferenceData(d, ref, c)
	if err != nil {
		return agreement.ReferenceReport{}, referenceErr(err)
	}
	if len(rd.Coders) > len(d.Coders) {
		// The consensus layer was added under its own name, however ref wrote it.
		ref = report.ConsensusReference
	}
	return agreement.CompareWithReference(rd, ref)
}

// errNothingSettled is report.ErrNothingAdjudicated as the command line says it: its way to
// settle is adjudicate, the window's the menu.
var errNothingSettled = errors.New("nothing has been adjudicated yet, so the consensus layer cannot be the reference: settle disagreements first (turncoder adjudicate, or Project → Adjudicate in the window) or name a coder as the reference")

// referenceErr is err, a refusal of a reference, as the command line says it.
func referenceErr(err error) error {
	if errors.Is(err, report.ErrNothingAdjudicated) {
		return errNothingSettled
	}
	return err
}

// referenceName is the reference as the command line names it: the consensus layer said to be
// it.
func referenceName(rr *agreement.ReferenceReport, consensus bool) string {
	if consensus && rr.Reference == report.ConsensusReference {
		return rr.Reference + " (the consensus layer)"
	}
	return rr.Reference
}

// referenceJSON is the comparison with a reference as agree --reference --json prints it for a
// project: agreement.ReferenceReport with each difference's turn described, the fingerprint of
// the codebook, and the methods paragraph when asked for.
type referenceJSON struct {
	agreement.ReferenceReport
	Coders      []referenceCoderJSON `json:"coders"`
	Fingerprint string               `json:"codebook_fingerprint,omitempty"`
	Methods     *string              `json:"methods,omitempty"`
}

type referenceCoderJSON struct {
	agreement.ReferenceCoder
	Differences []referenceDifferenceJSON `json:"differences"`
}

// referenceDifferenceJSON is a turn on which a coder's codes differ from the reference's, with
// where it stands and what it says, as agree --json describes a disagreement.
type referenceDifferenceJSON struct {
	Unit     string  `json:"unit"`
	Document string  `json:"document"`
	Section  *string `json:"section"`
	Turn     int     `json:"turn"`
	Speaker  *string `json:"speaker"`
	Text     string  `json:"text"`
	agreement.ReferenceDifference
}

// withTurns is rr as JSON with each difference's turn described.
func withTurns(rr agreement.ReferenceReport, units map[string]coding.Unit, fingerprint string, methods *string) referenceJSON {
	o := referenceJSON{ReferenceReport: rr, Coders: make([]referenceCoderJSON, len(rr.Coders)), Fingerprint: fingerprint, Methods: methods}
	for i, rc := range rr.Coders {
		c := referenceCoderJSON{ReferenceCoder: rc, Differences: make([]referenceDifferenceJSON, len(rc.Differences))}
		for j, d := range rc.Differences {
			u := units[d.Unit]
			c.Differences[j] = referenceDifferenceJSON{d.Unit, u.Document, orNull(u.Section), u.Number, orNull(u.Speaker), u.Text, d}
		}
		o.Coders[i] = c
	}
	return o
}

// allCodes names the row of the codes taken together.
const allCodes = "all codes"

// printReference writes the comparison with a reference as readable tables, their columns
// built from agreement.ReferenceStatistics: each coder's figures per code and over all codes,
// their 95% intervals, the turns on which each coder's codes differ from the reference's (what
// the coder missed and what the coder added), and the reasons for the undefined figures in the
// language lang (report.TranslateReason).
func printReference(w io.Writer, title string, rr *agreement.ReferenceReport, units map[string]coding.Unit, lang string) error {
	var compared []string
	for _, rc := range rr.Coders {
		compared = append(compared, rc.Coder)
	}
	fmt.Fprintf(w, "%s\n%d units reviewed by the reference; compared with it: %s\n\n", title, rr.Units, strings.Join(compared, ", "))
	stats := agreement.ReferenceStatistics()
	t := table{right: true}
	t.row(statHead(stats, "coder", "code", "units", "not reviewed", "ref gave", "coder gave", "misses", "extras")...)
	for i := range rr.Coders {
		rc := &rr.Coders[i]
		for j := range rc.Codes {
			c := &rc.Codes[j]
			row := []string{rc.Coder, c.Code, fmt.Sprint(c.Units), fmt.Sprint(rc.NotReviewed), fmt.Sprint(c.ReferenceGiven), fmt.Sprint(c.CoderGiven), fmt.Sprint(c.Misses), fmt.Sprint(c.Extras)}
			for _, s := range stats {
				row = append(row, valueCell(s, c.Of(s)))
			}
			t.row(row...)
		}
		row := []string{rc.Coder, allCodes, fmt.Sprint(rc.Units), fmt.Sprint(rc.NotReviewed), "", "", fmt.Sprint(rc.Misses), fmt.Sprint(rc.Extras)}
		for _, s := range stats {
			row = append(row, valueCell(s, rc.Overall.Of(s)))
		}
		t.row(row...)
	}
	leftColumns(&t, 2)
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n95% intervals (irrCAC's formulas for a table, Gwet 2014; --json has each standard error and p-value):")
	t = table{right: true}
	t.row(statHead(stats, "coder", "code")...)
	for i := range rr.Coders {
		rc := &rr.Coders[i]
		for j := range rc.Codes {
			row := []string{rc.Coder, rc.Codes[j].Code}
			for _, s := range stats {
				row = append(row, interval(rc.Codes[j].Of(s).CI95))
			}
			t.row(row...)
		}
		row := []string{rc.Coder, allCodes}
		for _, s := range stats {
			row = append(row, interval(rc.Overall.Of(s).CI95))
		}
		t.row(row...)
	}
	leftColumns(&t, 2)
	if err := t.write(w); err != nil {
		return err
	}
	for i := range rr.Coders {
		printDifferences(w, rr.Reference, &rr.Coders[i], units)
	}
	fmt.Fprintln(w, "\nNotes:\n  - "+agreement.ReferenceConvention)
	for _, n := range undefinedReferenceFigures(rr, lang) {
		fmt.Fprintln(w, "  - "+n)
	}
	fmt.Fprintln(w, "\nKrippendorff's guide, for the κ: ≥ .800 good (*), ≥ .667 tentative (~), below that poor.")
	return nil
}

// leftColumns pads the first n columns of a right-aligned table to their width, so that the
// names read as aligned to the left and the figures to the right.
func leftColumns(t *table, n int) {
	for j := range n {
		width := 0
		for _, row := range t.rows {
			width = max(width, coding.TextWidth(row[j]))
		}
		for _, row := range t.rows {
			row[j] += strings.Repeat(" ", width-coding.TextWidth(row[j]))
		}
	}
}

// printDifferences lists the turns on which the coder's codes differ from the reference's, as
// agree names a turn: document, turn number and speaker, with its first words.
func printDifferences(w io.Writer, reference string, rc *agreement.ReferenceCoder, units map[string]coding.Unit) {
	fmt.Fprintf(w, "\n%s: %d turns differ from the reference (misses %d, extras %d)\n", rc.Coder, len(rc.Differences), rc.Misses, rc.Extras)
	if len(rc.Differences) == 0 {
		return
	}
	t := table{}
	t.row("  turn", "reference", rc.Coder, "missed", "extra", "text")
	for _, d := range rc.Differences {
		where, text := unitPlace(units, d.Unit)
		t.row("  "+where, codeList(d.Reference, "(no code)"), codeList(d.Coder, "(no code)"), codeList(d.Missed, "—"), codeList(d.Extra, "—"), text)
	}
	t.write(w)
}

// codeList joins codes with "+", or is none when there is none.
func codeList(codes []string, none string) string {
	if len(codes) == 0 {
		return none
	}
	return strings.Join(codes, "+")
}

// undefinedReferenceFigures says, coder by coder, which figures are undefined and why: one
// line per reason, naming each figure with the codes it is undefined for, the reasons in the
// language lang (report.TranslateReason).
func undefinedReferenceFigures(rr *agreement.ReferenceReport, lang string) []string {
	names := []string{rr.Reference}
	for _, rc := range rr.Coders {
		names = append(names, rc.Coder)
	}
	var out []string
	for i := range rr.Coders {
		rc := &rr.Coders[i]
		if rc.Units == 0 {
			out = append(out, fmt.Sprintf("%s: every figure undefined: %s", rc.Coder, report.TranslateReason(lang, names, rc.Overall.PercentAgreement.Reason)))
			continue
		}
		// By reason, in the order met: the figures, in the order met, and the codes of each.
		var reasons []string
		figures := map[string][]string{}
		codes := map[[2]string][]string{}
		add := func(code, figure string, v agreement.Value) {
			if v.Defined {
				return
			}
			if _, ok := figures[v.Reason]; !ok {
				reasons = append(reasons, v.Reason)
			}
			k := [2]string{v.Reason, figure}
			if _, ok := codes[k]; !ok {
				figures[v.Reason] = append(figures[v.Reason], figure)
			}
			codes[k] = append(codes[k], code)
		}
		scan := func(code string, of func(agreement.Statistic) agreement.Estimate) {
			for _, s := range agreement.ReferenceStatistics() {
				if e := of(s); !e.Coef.Defined {
					add(code, s.LabelFor(2), e.Coef)
				} else {
					add(code, s.LabelFor(2)+"'s 95% interval", e.CI95[0])
				}
			}
		}
		for j := range rc.Codes {
			scan(rc.Codes[j].Code, rc.Codes[j].Of)
		}
		scan(allCodes, rc.Overall.Of)
		for _, r := range reasons {
			var what []string
			for _, f := range figures[r] {
				what = append(what, f+" ("+strings.Join(codes[[2]string{r, f}], ", ")+")")
			}
			out = append(out, fmt.Sprintf("%s: %s undefined: %s", rc.Coder, strings.Join(what, "; "), report.TranslateReason(lang, names, r)))
		}
	}
	return out
}
