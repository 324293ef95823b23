package agreement

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Level is a level of measurement for Krippendorff's α: it chooses the difference function
// δ²_ck between two values.
type Level int

const (
	Nominal  Level = iota // δ² = 0 if c = k, else 1
	Ordinal               // δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², values ranked by number
	Interval              // δ² = (c − k)²
	Ratio                 // δ² = ((c − k)/(c + k))²
)

func (l Level) String() string {
	switch l {
	case Nominal:
		return "nominal"
	case Ordinal:
		return "ordinal"
	case Interval:
		return "interval"
	case Ratio:
		return "ratio"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// deltas is the q×q matrix of δ²_ck for a level. values[k] is category k's number (ignored for
// nominal); margins n_k are needed for ordinal. Returns a reason when the level cannot apply.
func deltas(level Level, values []float64, margins []float64) ([]float64, string) {
	q := len(margins)
	d := make([]float64, q*q)
	switch level {
	case Nominal:
		for c := range q {
			for k := range q {
				if c != k {
					d[c*q+k] = 1
				}
			}
		}
		return d, ""
	}
	if len(values) != q {
		return nil, "the categories have no numeric values"
	}
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, "a category's numeric value is not a finite number"
		}
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return nil, "two categories have the same numeric value"
		}
	}
	switch level {
	case Ordinal:
		order := make([]int, q) // categories by ascending value
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return values[order[a]] < values[order[b]] })
		rank := make([]int, q)
		for i, c := range order {
			rank[c] = i
		}
		cum := make([]float64, q+1) // cum[i] = Σ of margins of the first i ranks
		for i, c := range order {
			cum[i+1] = cum[i] + margins[c]
		}
		for c := range q {
			for k := range q {
				if c == k {
					continue
				}
				lo, hi := min(rank[c], rank[k]), max(rank[c], rank[k])
				x := cum[hi+1] - cum[lo] - (margins[c]+margins[k])/2
				d[c*q+k] = x * x
			}
		}
	case Interval:
		for c := range q {
			for k := range q {
				x := values[c] - values[k]
				d[c*q+k] = x * x
			}
		}
	case Ratio:
		for _, v := range values {
			if v < 0 {
				return nil, "the ratio metric needs values of zero or more (a ratio scale)"
			}
		}
		for c := range q {
			for k := range q {
				if c == k {
					continue
				}
				x := (values[c] - values[k]) / (values[c] + values[k])
				d[c*q+k] = x * x
			}
		}
	default:
		return nil, "unknown level of measurement"
	}
	return d, ""
}

// alphaFit is a computed α with what its bootstrap needs.
type alphaFit struct {
	alpha Value
	q     int
	coinc []float64
	delta []float64
	n     float64 // pairable values n..
	de    float64 // expected disagreement D_e
}

// alphaFromCoincidences is Krippendorff's α from a q×q coincidence matrix:
//
//	α = 1 − D_o/D_e = 1 − (n.. − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
//
// Undefined when there are no pairable values or when they all fall in one category (no
// variation: D_e = 0).
func alphaFromCoincidences(coinc []float64, q int, level Level, values []float64) alphaFit {
	fit := alphaFit{q: q, coinc: coinc}
	margins := make([]float64, q)
	var n float64
	distinct := 0
	for c := range q {
		for k := range q {
			margins[c] += coinc[c*q+k]
		}
		n += margins[c]
		if margins[c] > 0 {
			distinct++
		}
	}
	fit.n = n
	if n == 0 {
		fit.alpha = undefined(reasonNoUnits2)
		return fit
	}
	if distinct < 2 {
		fit.alpha = undefined(reasonNoVariation)
		return fit
	}
	delta, why := deltas(level, values, margins)
	if why != "" {
		fit.alpha = undefined(why)
		return fit
	}
	fit.delta = delta
	var num, den float64
	for c := range q {
		for k := range q {
			if d := delta[c*q+k]; d != 0 {
				num += coinc[c*q+k] * d
				den += margins[c] * margins[k] * d
			}
		}
	}
	if den == 0 {
		fit.alpha = undefined("no variation: expected disagreement is 0")
		return fit
	}
	fit.de = den / (n * (n - 1))
	fit.alpha = defined(1 - (n-1)*num/den)
	return fit
}

// KrippendorffAlpha is Krippendorff's α of a units × categories count table (counts[u][k] =
// number of coders who put unit u in category k), with missing data handled Krippendorff's
// way: only pairable values count, i.e. units with two or more values, each unit's ordered
// pairs of values from different coders weighted 1/(m_u − 1) in the coincidence matrix
//
//	o_ck = Σ_u Σ_{i≠j} [v_ui = c][v_uj = k] / (m_u − 1)
//
// and α = 1 − D_o/D_e as in alphaFromCoincidences. Krippendorff, K. (2011), "Computing
// Krippendorff's Alpha-Reliability", Annenberg School for Communication, Departmental Papers
// 43. values[k] gives category k's number for the ordinal, interval and ratio levels (ordinal
// uses only their order); nominal ignores it.
func KrippendorffAlpha(counts [][]int, level Level, values []float64) Value {
	s, err := countsStats(counts)
	if err != nil {
		return undefined("invalid count table: " + err.Error())
	}
	return alphaFromCoincidences(s.coinc, s.q, level, values).alpha
}

// bootstrap draws a 95% interval for α by Hayes and Krippendorff's method (Hayes, A. F. and
// Krippendorff, K. 2007, "Answering the call for a standard reliability measure for coding
// data", Communication Methods and Measures 1(1):77–89; their KALPHA macro): it resamples
// pairs of pairable values from the coincidence matrix, not units.
//
//   - Each resample draws M = P pairs with replacement, P = Σ_u m_u(m_u − 1)/2 the number of
//     pairs in the data ("a random sample of [P] pairs of judgments from the available pairs,
//     weighted by how many observers judged a given unit", Hayes and Krippendorff 2007): a pair
//     falls in cell c ≤ k with probability o_cc/n.. on the diagonal and 2·o_ck/n.. off it, and
//     brings δ²_ck. (KALPHA 3.0 of 2011 caps M at 25·Q, Q the non-zero cells, for speed; that
//     cap, not the data, then sets the interval's width, so it is not applied here. Without it
//     M = P is KALPHA's other bound, (m − 1)·n../2, whenever no value is missing.)
//   - α* = 1 − Σδ²/(M·D_e), floored at −1. An α* of 1 becomes 0 when only one category has
//     agreeing pairs; otherwise up to round(X·Σ_c (o_cc/n..)^P) of the α* = 1 become 0
//     (X = resamples), KALPHA's correction for resamples that lack variation.
//   - The interval is the ⌊0.025·X⌋th and (⌊0.975·X⌋ + 1)th of the X sorted α* (1-based), as
//     in KALPHA.
//
// For the nominal and binary metrics δ² is 0 on the diagonal and 1 off it, so Σδ² over M draws
// is the number of off-diagonal draws, Binomial(M, p_off) with p_off = Σ_{c≠k} o_ck/n..; it
// is drawn as one exact binomial variate per resample, which has the same distribution as M
// separate draws and keeps the bootstrap's cost independent of the size of the data. Other
// metrics are not bootstrapped. The generator is seeded, so the same data, seed and X give the
// same interval.
func (fit alphaFit) bootstrap(pairs int64, resamples int, rng *rand.PCG) [2]Value {
	if !fit.alpha.Defined {
		r := "α is undefined: " + fit.alpha.Reason
		return [2]Value{undefined(r), undefined(r)}
	}
	if resamples < 1 {
		r := "no resamples"
		return [2]Value{undefined(r), undefined(r)}
	}
	alphas, why := fit.resample(pairs, resamples, rng)
	if why != "" {
		return [2]Value{undefined(why), undefined(why)}
	}
	slices.Sort(alphas)
	lo := max(resamples*25/1000, 1)
	hi := min(resamples*975/1000+1, resamples)
	return [2]Value{defined(alphas[lo-1]), defined(alphas[hi-1])}
}

// resample returns the bootstrap's α* in the order drawn (see bootstrap).
func (fit alphaFit) resample(pairs int64, resamples int, rng *rand.PCG) ([]float64, string) {
	q := fit.q
	var pOff float64
	nzeroDiag := 0
	for c := range q {
		if fit.coinc[c*q+c] > 0 {
			nzeroDiag++
		}
		for k := range q {
			d := fit.delta[c*q+k]
			if c == k {
				if d != 0 {
					return nil, "the bootstrap needs δ² = 0 on the diagonal"
				}
				continue
			}
			if d != 1 {
				return nil, "the bootstrap is implemented for the nominal (and binary) metric"
			}
			pOff += fit.coinc[c*q+k]
		}
	}
	pOff /= fit.n
	if pairs < 1 {
		return nil, reasonNoUnits2
	}
	m := float64(pairs)
	alphas := make([]float64, resamples)
	var ones []int
	for x := range resamples {
		sum := binomial(rng, pairs, pOff)
		a := 1 - float64(sum)/(fit.de*m)
		if a < -1 {
			a = -1
		}
		if sum == 0 {
			if nzeroDiag == 1 {
				a = 0
			} else {
				ones = append(ones, x)
			}
		}
		alphas[x] = a
	}
	if nzeroDiag > 1 && len(ones) > 0 {
		var s float64
		for c := range q {
			s += math.Pow(fit.coinc[c*q+c]/fit.n, m)
		}
		nx := int(math.Round(float64(resamples) * s))
		for i := 0; i < nx && i < len(ones); i++ {
			alphas[ones[i]] = 0
		}
	}
	return alphas, ""
}
