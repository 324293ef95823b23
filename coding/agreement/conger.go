package agreement

import (
	"fmt"
	"math/bits"
)

// Conger's κ (Conger, A. J. 1980, "Integration and generalization of kappas for multiple
// raters", Psychological Bulletin 88(2):322–328), the generalisation of Cohen's κ to any number
// of coders, with missing ratings and its variance as irrCAC's conger.kappa.raw computes them
// (Gwet 2014, ch. 4 and 5). Of s coders, coder g reviewed n_g units and put p_gk of them in
// category k; p̄_k is the mean over coders of p_gk:
//
//	p_e = Σ_k (p̄_k² − s²_k/s),  s²_k = (Σ_g p_gk² − s·p̄_k²)/(s − 1),  κ = (p_a − p_e)/(1 − p_e)
//
// with p_a as in PercentAgreement. Each coder's chance agreement uses the coder's own
// classification of every unit the coder reviewed, as Cohen's does; with two coders and no
// missing rating κ is Cohen's κ. Its variance is Gwet's linearisation (see variance.go) with
//
//	p_e|u = Σ_g λ_ug/(s(s − 1)),
//	λ_ug = Σ_k (n/n_g)(δ_ugk − (ε_ug − n_g/n)·p_gk)·(s·p̄_k − p_gk)
//
// where ε_ug is 1 when coder g reviewed unit u and δ_ugk when g put it in category k. Coders
// who reviewed none of the units are left out (irrCAC cannot take them: their p_gk is 0/0).
type congerFit struct {
	kappa  Value
	s      int       // coders who reviewed a unit
	coders []int     // their positions in the subset
	q      int       // categories
	pe     float64   // chance agreement
	a      []float64 // a[g*q+c]: the term of coder g rating a unit c in p_e|u
	c0     float64   // the constant term of p_e|u
	scale  float64   // n/n′
	n1, n2 int64
}

const reasonCongerCoders = "Conger's κ needs two or more coders who reviewed a unit"

// newConger computes Conger's κ from the coders' classifications: reviewed[g] units reviewed
// by coder g of the subset, classif[g*q+k] of them in category k.
func newConger(pa Value, q int, reviewed []int64, classif []int64, n1, n2 int64) congerFit {
	f := congerFit{q: q, n1: n1, n2: n2}
	if !pa.Defined {
		f.kappa = pa
		return f
	}
	for g, n := range reviewed {
		if n > 0 {
			f.coders = append(f.coders, g)
		}
	}
	s := len(f.coders)
	f.s = s
	if s < 2 {
		f.kappa = undefined(reasonCongerCoders)
		return f
	}
	sf := float64(s)
	p := make([]float64, s*q) // p_gk
	mean := make([]float64, q)
	for i, g := range f.coders {
		ng := float64(reviewed[g])
		for k := range q {
			v := float64(classif[g*q+k]) / ng
			p[i*q+k] = v
			mean[k] += v
		}
	}
	used := 0
	for k := range q {
		mean[k] /= sf
		if mean[k] > 0 {
			used++
		}
	}
	if used < 2 {
		f.kappa = undefined(reasonNoVariation)
		return f
	}
	for k := range q {
		var ss float64
		for i := range s {
			ss += p[i*q+k] * p[i*q+k]
		}
		s2 := (ss - sf*mean[k]*mean[k]) / (sf - 1)
		f.pe += mean[k]*mean[k] - s2/sf
	}
	f.kappa = defined((pa.V - f.pe) / (1 - f.pe))
	// The terms of p_e|u: λ_ug = (n/n_g)·ε_ug·(s·p̄_c − p_gc − D_g) + D_g for the category c
	// coder g gave unit u, D_g = Σ_k p_gk(s·p̄_k − p_gk).
	n := float64(n1)
	f.scale = n / float64(n2)
	f.a = make([]float64, s*q)
	den := sf * (sf - 1)
	for i, g := range f.coders {
		var d float64
		for k := range q {
			d += p[i*q+k] * (sf*mean[k] - p[i*q+k])
		}
		f.c0 += d / den
		w := n / float64(reviewed[g])
		for c := range q {
			f.a[i*q+c] = w * (sf*mean[c] - p[i*q+c] - d) / den
		}
	}
	return f
}

// deviation is κ*_u − κ for a unit with agreement p_a|u (0 when r_u < 2), ind = [r_u ≥ 2] and
// Σ_g a[g, c_ug] over the coders who reviewed it.
func (f *congerFit) deviation(paU, ind, sumA float64) float64 {
	k, pe := f.kappa.V, f.pe
	peU := f.c0 + sumA
	return f.scale*(paU-pe*ind)/(1-pe) - 2*(1-k)*(peU-pe)/(1-pe) - k
}

// precision is Conger's κ's precision from Σ_u (κ*_u − κ)².
func (f *congerFit) precision(sumSq float64) Precision {
	if !f.kappa.Defined {
		return undefinedPrecision(f.kappa.Reason)
	}
	if f.n1 < 2 {
		return undefinedPrecision(reasonSEFewUnits)
	}
	n := float64(f.n1)
	return precisionOf(f.kappa, sumSq/(n*(n-1)), f.n1-1)
}

// positions maps a position in the subset to its index among the coders Conger's κ
// keeps (-1 for a coder left out).
func (f *congerFit) positions(s int) []int {
	pos := make([]int, s)
	for i := range pos {
		pos[i] = -1
	}
	for i, g := range f.coders {
		pos[g] = i
	}
	return pos
}

// maxCongerCodeCoders is the most coders for which the per-code standard error of Conger's κ
// is computed: it needs, per code, how often every two coders gave or withheld it together.
const maxCongerCodeCoders = MaxPairwiseCoders

var reasonCongerCodeSE = fmt.Sprintf("with more than %d coders the standard error of Conger's κ per code is not computed (it needs every two coders' ratings of every code); Fleiss' κ, α and AC1 have theirs", maxCongerCodeCoders)

// paScale makes a unit's agreement p_a|u = A/(r(r − 1)) an integer for r ≤ maxCongerCodeCoders:
// lcm(2, …, 10) = 2520 is a multiple of every r(r − 1), so per-code sums stay exact and do not
// depend on the order of the units.
const paScale = 2520

// congerCodeStats are the per-code sums that the variance of Conger's κ needs, from the pass
// over the units (countCodes), for subsets of at most maxCongerCodeCoders coders. s is the
// subset's size; g, h index its coders.
type congerCodeStats struct {
	masks []int64 // units with r ≥ 1 by the mask of coders who reviewed them
	gr    []int64 // [(c*s+g)*s+h], g ≠ h: units with r ≥ 2 on which g gave c and h reviewed
	gg    []int64 // [(c*s+g)*s+h], g ≠ h: units on which g and h both gave c
	pg    []int64 // [c*s+g]: Σ paScale·p_a|u over units with r ≥ 2 on which g gave c
	rm    []int64 // [c*s+h]: units with r ≥ 2 that h reviewed and someone gave c
	prm   []int64 // [c*s+h]: Σ paScale·p_a|u over those units
	// patterns[c<<2s | givers<<s | reviewers]: units with r ≥ 2 by code and masks, for
	// s ≤ maxPatternCoders: countCodes only counts them, and finish spreads them into the sums
	patterns []int64
	// n, r2, both: see coderFigures
	n, r2, both []float64
}

func newCongerCodeStats(s, nK int) *congerCodeStats {
	var patterns []int64
	if s <= maxPatternCoders {
		patterns = make([]int64, nK<<(2*s))
	}
	return &congerCodeStats{
		patterns: patterns,
		masks:    make([]int64, 1<<s),
		gr:       make([]int64, nK*s*s),
		gg:       make([]int64, nK*s*s),
		pg:       make([]int64, nK*s),
		rm:       make([]int64, nK*s),
		prm:      make([]int64, nK*s),
	}
}

// add records w units with two or more reviewers (mask rev) on which those in givers gave code c.
func (cs *congerCodeStats) add(c, s int, rev, givers uint32, w int64) {
	r, m := bits.OnesCount32(rev), bits.OnesCount32(givers)
	a := int64(m*(m-1) + (r-m)*(r-m-1))
	pa := w * a * (paScale / int64(r*(r-1)))
	base := c * s
	for h := 0; h < s; h++ {
		if rev&(1<<h) == 0 {
			continue
		}
		cs.rm[base+h] += w
		cs.prm[base+h] += pa
	}
	for g := 0; g < s; g++ {
		if givers&(1<<g) == 0 {
			continue
		}
		cs.pg[base+g] += pa
		row := (base + g) * s
		for h := 0; h < s; h++ {
			if h == g || rev&(1<<h) == 0 {
				continue
			}
			cs.gr[row+h] += w
			if givers&(1<<h) != 0 {
				cs.gg[row+h] += w
			}
		}
	}
}

// coderFigures are, from the masks of reviewers, the units each coder reviewed, those of
// them with r ≥ 2, and the units both of two coders reviewed ([g*s+h]); the same for every
// code, so computed once.
func (cs *congerCodeStats) coderFigures(s int) (n, r2, both []float64) {
	if cs.n != nil {
		return cs.n, cs.r2, cs.both
	}
	n, r2, both = make([]float64, s), make([]float64, s), make([]float64, s*s)
	for mask, cnt := range cs.masks {
		if cnt == 0 {
			continue
		}
		w := float64(cnt)
		multi := mask&(mask-1) != 0
		for g := range s {
			if mask&(1<<g) == 0 {
				continue
			}
			n[g] += w
			if !multi {
				continue
			}
			r2[g] += w
			for h := range s {
				if h != g && mask&(1<<h) != 0 {
					both[g*s+h] += w
				}
			}
		}
	}
	cs.n, cs.r2, cs.both = n, r2, both
	return n, r2, both
}

// finish spreads the counted patterns into the sums.
func (cs *congerCodeStats) finish(s, nK int) {
	if cs.patterns == nil {
		return
	}
	per := 1 << (2 * s)
	mask := uint32(1)<<s - 1
	for c := range nK {
		for i, w := range cs.patterns[c*per : (c+1)*per] {
			if w != 0 {
				cs.add(c, s, uint32(i)&mask, uint32(i)>>s, w)
			}
		}
	}
	cs.patterns = nil
}

// maxPatternCoders is the most coders for which countCodes counts patterns: 4^s per code.
const maxPatternCoders = 4

// congerCodeSE is the precision of Conger's κ of code c from the sums of the pass: Σ_u (κ*_u −
// κ)² expanded as Σ U_u² + 2B·Σ U_u S_u + B²·Σ S_u², with κ*_u − κ = U_u + B·S_u, U_u
// depending on the unit's r_u and agreement, S_u = Σ_g a[g, c_ug] and B = −2(1 − κ)/(1 − p_e).
func (cc *codeCounts) congerCodeSE(f *congerFit, c int) Precision {
	if !f.kappa.Defined {
		return undefinedPrecision(f.kappa.Reason)
	}
	cs := cc.conger
	if cs == nil {
		return undefinedPrecision(reasonCongerCodeSE)
	}
	s := cc.s
	k, pe := f.kappa.V, f.pe
	// U = α·p_a|u + β·[r ≥ 2] + γ.
	alpha := f.scale / (1 - pe)
	beta := -f.scale * pe / (1 - pe)
	b := -2 * (1 - k) / (1 - pe)
	gamma := 2*(1-k)*pe/(1-pe) - k + b*f.c0
	u := func(pa, ind float64) float64 { return alpha*pa + beta*ind + gamma }

	var sumU2 float64
	for r := 1; r <= s; r++ {
		for m := 0; m <= r; m++ {
			w := cc.at(c, r, m)
			if w == 0 {
				continue
			}
			var pa, ind float64
			if r >= 2 {
				pa = float64(m*(m-1)+(r-m)*(r-m-1)) / float64(r*(r-1))
				ind = 1
			}
			x := u(pa, ind)
			sumU2 += float64(w) * x * x
		}
	}
	n, r2, both := cs.coderFigures(s)
	pos := f.positions(s)
	aOf := func(g, cat int) float64 { return f.a[pos[g]*2+cat] }
	var sumUS, sumS2 float64
	for g := range s {
		if pos[g] < 0 {
			continue
		}
		gave := float64(cc.givenAll[g*cc.nK+c])
		g2 := float64(cc.given[g*cc.nK+c])
		u1 := alpha*float64(cs.pg[c*s+g])/paScale + beta*g2 + gamma*gave
		paRev := r2[g] - float64(cs.rm[c*s+g]) + float64(cs.prm[c*s+g])/paScale
		uRev := alpha*paRev + beta*r2[g] + gamma*n[g]
		a0, a1 := aOf(g, 0), aOf(g, 1)
		sumUS += a1*u1 + a0*(uRev-u1)
		sumS2 += a1*a1*gave + a0*a0*(n[g]-gave)
		for h := range s {
			if h == g || pos[h] < 0 {
				continue
			}
			b0, b1 := aOf(h, 0), aOf(h, 1)
			gg := float64(cs.gg[(c*s+g)*s+h])
			grGH := float64(cs.gr[(c*s+g)*s+h])
			grHG := float64(cs.gr[(c*s+h)*s+g])
			n11 := gg
			n10 := grGH - gg
			n01 := grHG - gg
			n00 := both[g*s+h] - grGH - grHG + gg
			sumS2 += a1*b1*n11 + a1*b0*n10 + a0*b1*n01 + a0*b0*n00
		}
	}
	return f.precision(sumU2 + 2*b*sumUS + b*b*sumS2)
}
