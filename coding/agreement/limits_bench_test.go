package agreement

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// limitData makes units × coders × codes with a codebook of any size: each coder reviews 90% of
// the units and gives the latent coding of the unit (per codes drawn from the codebook) three
// times in four, one random code otherwise.
func limitData(units, coders, codes, per int, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := Data{Units: make([]string, units), Coders: make([]string, coders), Codes: make([]string, codes), Cells: make([][]Cell, units)}
	for j := range d.Coders {
		d.Coders[j] = "coder" + strconv.Itoa(j+1)
	}
	for k := range d.Codes {
		d.Codes[k] = "code" + strconv.Itoa(k+1)
	}
	cells := make([]Cell, units*coders)
	for u := range units {
		d.Units[u] = strconv.Itoa(u)
		truth := make([]int, 0, per)
		for range per {
			truth = append(truth, rng.IntN(codes))
		}
		row := cells[u*coders : (u+1)*coders : (u+1)*coders]
		for j := range row {
			if rng.IntN(10) == 0 {
				continue
			}
			set := truth
			if rng.IntN(4) == 0 {
				set = []int{rng.IntN(codes)}
			}
			set = slices.Compact(slices.Sorted(slices.Values(set)))
			row[j] = Cell{Reviewed: true, Codes: set}
		}
		d.Cells[u] = row
	}
	return d
}

// BenchmarkComputeAtLimits: Compute (no bootstrap) on 1,000 units × 1,000 codes (the codebook
// limit) with 100 coders (the coder limit: no pairwise figures) and with 10 (the most that get
// them: 45 pairs), one code per unit (single-label, "x1") or up to three ("x3"). Targets
// (issue 14): 100 coders ≤ 1 s, 10 coders ≤ 3 s; it needed 24 GB before the limits.
func BenchmarkComputeAtLimits(b *testing.B) {
	for _, coders := range []int{100, MaxPairwiseCoders} {
		for _, per := range []int{1, 3} {
			b.Run(strconv.Itoa(coders)+"x"+strconv.Itoa(per), func(b *testing.B) {
				d := limitData(1000, coders, 1000, per, 1)
				b.ResetTimer()
				for b.Loop() {
					Compute(d, Options{})
				}
			})
		}
	}
}
