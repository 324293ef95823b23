package agreement

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// limitData makes units × coders × codes with a codebook of any size: each coder reviews 90% of
// the units and agrees with a latent coding three times in four; multi gives each latent unit
// per codes from the codebook (otherwise one code or none).
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

func BenchmarkAtLimits(b *testing.B) {
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
