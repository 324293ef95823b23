package agreement

import (
	"strings"
	"testing"
)

// Past MaxPairwiseCoders the pairwise figures, which grow with the square of the coders, are
// left out and say so; up to it they are all there (issue 14: 100 coders × 1,000 codes needed
// 24 GB before).
func TestPairwiseLimit(t *testing.T) {
	d := limitData(200, MaxPairwiseCoders, 6, 1, 3)
	rep := Compute(d, Options{})
	if len(rep.Pairwise) != MaxPairwiseCoders*(MaxPairwiseCoders-1)/2 || !rep.Overall.CohenKappa.Defined {
		t.Fatalf("%d coders: %d pairs, κ %v", MaxPairwiseCoders, len(rep.Pairwise), rep.Overall.CohenKappa)
	}
	if rep.PairwiseOmitted() != "" {
		t.Errorf("PairwiseOmitted at the limit: %q", rep.PairwiseOmitted())
	}

	d = limitData(200, MaxPairwiseCoders+1, 6, 1, 3)
	rep = Compute(d, Options{})
	if len(rep.Pairwise) != 0 {
		t.Errorf("%d pairs past the limit", len(rep.Pairwise))
	}
	if rep.Overall.CohenKappa.Defined || rep.Overall.CohenKappa.Reason != reasonTooManyPairs || rep.PerCode[0].CohenKappa.Reason != reasonTooManyPairs {
		t.Errorf("κ past the limit: %v, %v", rep.Overall.CohenKappa, rep.PerCode[0].CohenKappa)
	}
	if !rep.Overall.FleissKappa.Defined || !rep.Overall.AlphaNominal.Defined || !rep.PerCode[0].GwetAC1.Defined {
		t.Error("the many-coder figures are missing")
	}
	want := "The pairwise figures are not computed: the data has 11 coders, more than 10 (55 pairs); choose fewer coders to see them."
	if rep.PairwiseOmitted() != want || !hasNote(rep, want) {
		t.Errorf("PairwiseOmitted %q; notes %q", rep.PairwiseOmitted(), rep.Notes)
	}
}

// Confusion tables past MaxConfusionCells are left out with a note; the figures the tables
// would show are still computed.
func TestConfusionLimit(t *testing.T) {
	d := limitData(300, 3, 1200, 1, 4) // 3 pairs × 1,201² cells > 4,000,000
	rep := Compute(d, Options{})
	if rep.Overall.Mode != SingleLabel || len(rep.Overall.Confusion) != 0 {
		t.Fatalf("mode %s, %d tables", rep.Overall.Mode, len(rep.Overall.Confusion))
	}
	for _, pr := range rep.Pairwise {
		if !pr.Overall.CohenKappa.Defined || len(pr.Overall.Confusion) != 0 {
			t.Errorf("pair %v: κ %v, %d tables", pr.Coders, pr.Overall.CohenKappa, len(pr.Overall.Confusion))
		}
	}
	want := "The confusion tables are not given: 3 pairs of coders × 1201 categories² would be more than 4000000 cells; choose fewer coders or codes to see them."
	if rep.ConfusionOmitted() != want || !hasNote(rep, want) {
		t.Errorf("ConfusionOmitted %q", rep.ConfusionOmitted())
	}
	// Under the budget the tables are there.
	small := Compute(limitData(300, 3, 1000, 1, 4), Options{})
	if len(small.Overall.Confusion) != 3 || small.ConfusionOmitted() != "" {
		t.Errorf("1,000 codes, 3 coders: %d tables", len(small.Overall.Confusion))
	}
}

// The MASI α compares every two distinct code sets: past MaxMASISets it is undefined, saying
// why, and the rest of the report stands.
func TestMASISetLimit(t *testing.T) {
	d := limitData(2400, 2, 1000, 3, 5) // over 2,400 distinct sets
	rep := Compute(d, Options{})
	if rep.Overall.Mode != MultiLabel {
		t.Fatal(rep.Overall.Mode)
	}
	if rep.Overall.AlphaMASI.Defined || !strings.Contains(rep.Overall.AlphaMASI.Reason, "more than the 2000 whose every two the MASI α compares") {
		t.Errorf("MASI α: %v", rep.Overall.AlphaMASI)
	}
	if !rep.Overall.PercentAgreement.Defined {
		t.Error("percent agreement undefined")
	}
	d = limitData(300, 2, 1000, 3, 5)
	if rep := Compute(d, Options{}); !rep.Overall.AlphaMASI.Defined {
		t.Errorf("MASI α under the limit: %v", rep.Overall.AlphaMASI)
	}
}

// With more than maxPairCodeNotes pair × code figures, their undefined values are counted by
// reason instead of one note each: the notes stay short.
func TestPairCodeNotesSummarised(t *testing.T) {
	d := limitData(100, 3, 400, 1, 6) // 3 pairs × 400 codes; most codes unused: undefined
	rep := Compute(d, Options{})
	summary, each := 0, 0
	for _, n := range rep.Notes {
		if strings.HasPrefix(n, "Pairs of coders, per code: ") {
			summary++
		}
		if strings.HasPrefix(n, "Coders ") && strings.Contains(n, ", code ") {
			each++
		}
	}
	if summary == 0 || each != 0 {
		t.Errorf("%d summary notes, %d per pair and code", summary, each)
	}
	if len(rep.Notes) > 2000 {
		t.Errorf("%d notes", len(rep.Notes))
	}
}

func hasNote(rep Report, s string) bool {
	for _, n := range rep.Notes {
		if n == s {
			return true
		}
	}
	return false
}
