package agreement

import (
	"fmt"
	"strings"
)

type namedValue struct {
	name string
	v    Value
}

func codeValues(cr CodeResult, bootstrap bool) []namedValue {
	var vs []namedValue
	for _, nv := range cr.NotedValues(bootstrap) {
		vs = append(vs, namedValue{nv.Statistic.Name, nv.Value})
	}
	return vs
}

func overallValues(o Overall) []namedValue {
	var vs []namedValue
	for _, nv := range o.NotedValues() {
		vs = append(vs, namedValue{nv.Statistic.Name, nv.Value})
	}
	return vs
}

// groupNote lists the undefined statistics of one scope, grouped by reason:
// `code "X": Cohen's κ, Scott's π undefined: reason.`
func groupNote(scope string, vs []namedValue) []string {
	var reasons []string
	byReason := map[string][]string{}
	for _, nv := range vs {
		if nv.v.Defined {
			continue
		}
		r := nv.v.Reason
		if _, ok := byReason[r]; !ok {
			reasons = append(reasons, r)
		}
		byReason[r] = append(byReason[r], nv.name)
	}
	var out []string
	for _, r := range reasons {
		out = append(out, fmt.Sprintf("%s: %s undefined: %s.", scope, strings.Join(byReason[r], ", "), r))
	}
	return out
}

// notes explains every undefined value of the report.
func (c *computer) notes(rep *Report) []string {
	var out []string
	// What the report left out comes first: it explains the most empty cells.
	if why := rep.PairwiseOmitted(); why != "" {
		out = append(out, why)
	} else if why := rep.ConfusionOmitted(); why != "" {
		out = append(out, why)
	}
	if !c.opt.Bootstrap {
		out = append(out, "α's 95% intervals were not computed (the bootstrap was not requested).")
	} else {
		out = append(out, fmt.Sprintf("α's 95%% intervals: %d bootstrap resamples, seed %d.", c.opt.Resamples, c.opt.Seed))
	}
	for _, cr := range rep.PerCode {
		out = append(out, groupNote(fmt.Sprintf("Code %q", cr.Code), codeValues(cr, c.opt.Bootstrap))...)
		if cr.Units > 0 && cr.PercentAgreement.Defined && cr.PercentAgreement.V == 1 && !cr.FleissKappa.Defined {
			out = append(out, fmt.Sprintf("Code %q: percent agreement, Gwet's AC1 and Brennan–Prediger are 1 by their formulas because the coders agree on every unit, but the data has no variation on this code.", cr.Code))
		}
	}
	out = append(out, groupNote("Overall", overallValues(rep.Overall))...)
	if len(rep.Pairwise) == 1 {
		return out // the one pair's figures are the figures above
	}
	perCode := 0
	for _, pr := range rep.Pairwise {
		perCode += len(pr.PerCode)
	}
	for _, pr := range rep.Pairwise {
		scope := fmt.Sprintf("Coders %s and %s", pr.Coders[0], pr.Coders[1])
		if perCode <= maxPairCodeNotes {
			for _, cr := range pr.PerCode {
				out = append(out, groupNote(fmt.Sprintf("%s, code %q", scope, cr.Code), codeValues(cr, c.opt.Bootstrap))...)
			}
		}
		out = append(out, groupNote(scope+", overall", overallValues(pr.Overall))...)
	}
	if perCode > maxPairCodeNotes {
		out = append(out, pairCodeSummary(rep.Pairwise, c.opt.Bootstrap)...)
	}
	return out
}

// maxPairCodeNotes is the most pair × code figures whose undefined values get a note each;
// past it (20 coders and 1,000 codes would give hundreds of thousands) they are counted by
// reason, with the first pair and code of each.
const maxPairCodeNotes = 1000

func pairCodeSummary(pairs []PairResult, bootstrap bool) []string {
	type tally struct {
		n     int
		first string
	}
	var reasons []string
	by := map[string]*tally{}
	for _, pr := range pairs {
		for _, cr := range pr.PerCode {
			for _, nv := range codeValues(cr, bootstrap) {
				if nv.v.Defined {
					continue
				}
				t := by[nv.v.Reason]
				if t == nil {
					t = &tally{first: fmt.Sprintf("coders %s and %s, code %q, %s", pr.Coders[0], pr.Coders[1], cr.Code, nv.name)}
					by[nv.v.Reason] = t
					reasons = append(reasons, nv.v.Reason)
				}
				t.n++
			}
		}
	}
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		out = append(out, fmt.Sprintf("Pairs of coders, per code: %d values undefined (the first: %s): %s.", by[r].n, by[r].first, r))
	}
	return out
}

// PairwiseOmitted is the sentence that says why the report has no pairwise figures though it
// has more than two coders (more than MaxPairwiseCoders), or "".
func (r *Report) PairwiseOmitted() string {
	n := len(r.Coders)
	if n <= MaxPairwiseCoders {
		return ""
	}
	return fmt.Sprintf("The pairwise figures are not computed: the data has %d coders, more than %d (%d pairs); choose fewer coders to see them.",
		n, MaxPairwiseCoders, n*(n-1)/2)
}

// ConfusionOmitted is the sentence that says why a single-label report with pairs of coders
// has no confusion tables (they would be more than MaxConfusionCells), or "".
func (r *Report) ConfusionOmitted() string {
	if r.Overall.Mode != SingleLabel || len(r.Pairwise) == 0 || len(r.Overall.Confusion) > 0 || r.Overall.Units == 0 {
		return ""
	}
	q := len(r.PerCode) + 1
	return fmt.Sprintf("The confusion tables are not given: %d pairs of coders × %d categories² would be more than %d cells; choose fewer coders or codes to see them.",
		len(r.Pairwise), q, MaxConfusionCells)
}
