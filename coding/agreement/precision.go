package agreement

import (
	"fmt"
	"math"
	"strings"
	"sync"
)

// Precision is a coefficient's standard error, 95% interval and p-value, by Gwet's (2014)
// variance formulas as R's irrCAC package computes them (Gwet, K. L. 2014, Handbook of
// Inter-Rater Reliability, 4th ed., Advanced Analytics; irrCAC's agree.coeff2.r,
// agree.coeff3.raw.r and agree.coeff3.dist.r), with no finite-population correction (irrCAC's
// N = Inf):
//
//   - CI95 is coefficient ± t(0.975, n − 1)·SE, its upper limit capped at 1 and its lower
//     limit not capped, as irrCAC prints it; n is the number of units irrCAC's function counts
//     (see each coefficient).
//   - P is irrCAC's p-value: the one-sided test that the coefficient is 0 against the
//     alternative that it is greater, P(T > coefficient/SE) for T with n − 1 degrees of
//     freedom. irrCAC computes it as 1 − pt(…), which rounds to 0 below about 1e-16; here the
//     tail is computed directly, so such a p-value is a tiny positive number instead of 0.
//
// Each part is a Value: undefined, with the reason, when the coefficient is undefined (the
// same reason) or when the part cannot be computed although the coefficient can (fewer than
// two units, a standard error that is not computed for this statistic, …).
type Precision struct {
	SE   Value
	CI95 [2]Value
	P    Value
}

// Estimate is a coefficient with its precision.
type Estimate struct {
	Coef Value
	Precision
}

// undefinedPrecision is the precision of a statistic that has none, with the reason.
func undefinedPrecision(reason string) Precision {
	u := undefined(reason)
	return Precision{SE: u, CI95: [2]Value{u, u}, P: u}
}

// precisionOf is the precision of coef from its variance, with df degrees of freedom for the
// t distribution. A negative variance within rounding of 0 is 0.
func precisionOf(coef Value, variance float64, df int64) Precision {
	if !coef.Defined {
		return undefinedPrecision(coef.Reason)
	}
	if df < 1 {
		return undefinedPrecision(reasonSEFewUnits)
	}
	if math.IsNaN(variance) || math.IsInf(variance, 0) {
		return undefinedPrecision("the variance did not give a finite number")
	}
	if variance < 0 {
		if variance < -1e-12 {
			return undefinedPrecision("the variance came out negative")
		}
		variance = 0
	}
	se := math.Sqrt(variance)
	t := studentTQuantile975(df)
	p := Precision{SE: defined(se)}
	p.CI95 = [2]Value{defined(coef.V - t*se), defined(math.Min(1, coef.V+t*se))}
	switch {
	case se > 0:
		p.P = defined(studentTUpper(coef.V/se, float64(df)))
	case coef.V > 0: // irrCAC: 1 − pt(+Inf) = 0
		p.P = defined(0)
	case coef.V < 0:
		p.P = defined(1)
	default:
		p.P = undefined("the coefficient and its standard error are both 0, so the test is 0/0")
	}
	return p
}

const reasonSEFewUnits = "a standard error needs two or more units"

// into copies the precision into a result's fields.
func (p Precision) into(se *Value, ci *[2]Value, pv *Value) {
	*se, *ci, *pv = p.SE, p.CI95, p.P
}

// studentTUpper is P(T > t) for Student's t with nu degrees of freedom:
// ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, through the regularized incomplete beta function.
func studentTUpper(t, nu float64) float64 {
	if math.IsNaN(t) {
		return math.NaN()
	}
	if math.IsInf(t, 1) {
		return 0
	}
	if math.IsInf(t, -1) {
		return 1
	}
	t2 := t * t
	x := nu / (nu + t2)
	xc := t2 / (nu + t2) // 1 − x, without the cancellation
	var lb float64
	if df := int(nu); float64(df) == nu && df > 0 && df < len(tLogBeta) {
		lb = tLogBeta[df]
	} else {
		lb = logBetaHalf(nu / 2)
	}
	lnx := -math.Log1p(t2 / nu) // log x, exact also when x is near 1 (large ν)
	tail := 0.5 * incompleteBeta(nu/2, 0.5, x, xc, lnx, math.Log(xc), lb)
	if t < 0 {
		return 1 - tail
	}
	return tail
}

// studentTQuantile975 is t(0.975, df), the quantile of the 95% interval; it is cached for the
// small degrees of freedom that most data sets have.
func studentTQuantile975(df int64) float64 {
	if df < int64(len(t975Cache)) {
		if v := t975Cache[df]; v != 0 {
			return v
		}
	}
	if df >= 100000 {
		// The Cornish–Fisher expansion of t in the normal quantile z (Abramowitz and Stegun
		// 26.7.5), exact to double precision here, where the continued fraction converges
		// slowly.
		z := 1.959963984540054 // the normal quantile of 0.975
		nu := float64(df)
		z3, z5, z7 := z*z*z, math.Pow(z, 5), math.Pow(z, 7)
		return z + (z3+z)/(4*nu) + (5*z5+16*z3+3*z)/(96*nu*nu) + (3*z7+19*z5+17*z3-15*z)/(384*nu*nu*nu)
	}
	if v, ok := t975Memo.Load(df); ok {
		return v.(float64)
	}
	v := studentTQuantileUpper(0.025, float64(df))
	t975Memo.Store(df, v)
	return v
}

// t975Memo holds the quantiles computed past the cache: a data set has a few numbers of units,
// each asked for by every coefficient of every code.
var t975Memo sync.Map

// tLogBeta[df] is log B(df/2, ½), for the tail of the t distribution.
var tLogBeta = func() []float64 {
	c := make([]float64, 1024)
	for df := 1; df < len(c); df++ {
		c[df] = logBetaHalf(float64(df) / 2)
	}
	return c
}()

// logBetaHalf is log B(a, ½) = log Γ(½) − (log Γ(a + ½) − log Γ(a)). For large a the difference
// of the two log Γ, each near a·log a, would lose its digits; it is then the asymptotic series
// ½·log a − 1/(8a) + 1/(192a³), whose next term is below 1e-17 for a ≥ 1000.
func logBetaHalf(a float64) float64 {
	if a < 1000 {
		return lgamma(a) + lgamma(0.5) - lgamma(a+0.5)
	}
	return lgamma(0.5) - (0.5*math.Log(a) - 1/(8*a) + 1/(192*a*a*a))
}

var t975Cache = func() []float64 {
	c := make([]float64, 1024)
	for df := 1; df < len(c); df++ {
		c[df] = studentTQuantileUpper(0.025, float64(df))
	}
	return c
}()

// studentTQuantileUpper is the t with P(T > t) = p, 0 < p < ½: Newton's method on the tail
// from the normal quantile, kept within a bracket that bisection narrows when a step leaves it.
func studentTQuantileUpper(p, nu float64) float64 {
	lo, hi := 0.0, 1.0
	for studentTUpper(hi, nu) > p {
		lo, hi = hi, hi*2
		if hi > 1e300 {
			return math.Inf(1)
		}
	}
	t := math.Sqrt2 * math.Erfcinv(2*p) // the normal quantile, a start below t
	if t <= lo || t >= hi {
		t = (lo + hi) / 2
	}
	logC := lgamma((nu+1)/2) - lgamma(nu/2) - 0.5*math.Log(nu*math.Pi)
	for range 100 {
		f := studentTUpper(t, nu) - p
		if f > 0 {
			lo = t
		} else {
			hi = t
		}
		dens := math.Exp(logC - (nu+1)/2*math.Log1p(t*t/nu))
		next := t + f/dens // the tail falls with slope −density
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		if math.Abs(next-t) <= 1e-15*math.Abs(t) {
			return next
		}
		t = next
	}
	return t
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// incompleteBeta is the regularized incomplete beta function I_x(a, b), with xc = 1 − x and the
// logarithms of both given apart so that none loses digits, and lb = log B(a, b); by the
// continued fraction of Numerical Recipes (Press et al., 3rd ed., §6.4, modified Lentz's
// method), on the side of x where it converges fast.
func incompleteBeta(a, b, x, xc, lnx, lnxc, lb float64) float64 {
	if x <= 0 {
		return 0
	}
	if xc <= 0 {
		return 1
	}
	front := math.Exp(a*lnx + b*lnxc - lb)
	if x < (a+1)/(a+b+2) {
		return front * betaFraction(a, b, x) / a
	}
	return 1 - front*betaFraction(b, a, xc)/b
}

func betaFraction(a, b, x float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 100000; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return h
}

// PrecisionConventionKeys lists, in order, the conventions of the precision and of Conger's κ
// (PrecisionConventions), which are among ConventionKeys.
var PrecisionConventionKeys = []string{"precision", "conger_kappa"}

// PrecisionConventions returns, for each key of PrecisionConventionKeys, one sentence on how
// the precision of the coefficients and Conger's κ are computed. The map is a copy.
func PrecisionConventions() map[string]string {
	all := Conventions()
	m := make(map[string]string, len(PrecisionConventionKeys))
	for _, k := range PrecisionConventionKeys {
		m[k] = all[k]
	}
	return m
}

// PrecisionNotes say, among Report.Notes, why a defined coefficient has no standard error,
// interval or p-value, grouped by reason (`Code "X": no standard error or interval for Fleiss'
// κ, Gwet's AC1: reason.`); see Statistic.PrecisionGap for what is left to other notes.
func (r *Report) PrecisionNotes() []string {
	var out []string
	scoped := func(scope string, cr *CodeResult, o *Overall) {
		var noSE, noP []namedValue
		for _, s := range statistics {
			var e Estimate
			switch {
			case cr != nil && s.Applies.PerCode:
				e = s.code(cr)
			case cr == nil && s.Applies.Overall:
				e = s.overall(o)
			default:
				continue
			}
			switch gap, reason := s.PrecisionGap(e); gap {
			case GapSE:
				noSE = append(noSE, namedValue{s.Name, undefined(reason)})
			case GapP:
				noP = append(noP, namedValue{s.Name, undefined(reason)})
			}
		}
		out = append(out, groupPrecisionNote(scope, "no standard error or interval for", noSE)...)
		out = append(out, groupPrecisionNote(scope, "no p-value for", noP)...)
	}
	for i := range r.PerCode {
		scoped(fmt.Sprintf("Code %q", r.PerCode[i].Code), &r.PerCode[i], nil)
	}
	scoped("Overall", nil, &r.Overall)
	if len(r.Pairwise) == 1 {
		return out
	}
	perCode := 0
	for _, pr := range r.Pairwise {
		perCode += len(pr.PerCode)
	}
	for i := range r.Pairwise {
		pr := &r.Pairwise[i]
		scope := fmt.Sprintf("Coders %s and %s", pr.Coders[0], pr.Coders[1])
		if perCode <= maxPairCodeNotes {
			for j := range pr.PerCode {
				scoped(fmt.Sprintf("%s, code %q", scope, pr.PerCode[j].Code), &pr.PerCode[j], nil)
			}
		}
		scoped(scope+", overall", nil, &pr.Overall)
	}
	if perCode > maxPairCodeNotes {
		if n := pairCodeGaps(r.Pairwise); n > 0 {
			out = append(out, fmt.Sprintf("Pairs of coders, per code: %d coefficients lack a standard error or p-value; see each pair's figures for the reasons.", n))
		}
	}
	return out
}

// pairCodeGaps counts the defined coefficients of the pairs' per-code figures that lack a part
// of their precision.
func pairCodeGaps(pairs []PairResult) int {
	n := 0
	for i := range pairs {
		for j := range pairs[i].PerCode {
			for _, s := range statistics {
				if s.Applies.PerCode {
					if gap, _ := s.PrecisionGap(s.code(&pairs[i].PerCode[j])); gap != GapNone {
						n++
					}
				}
			}
		}
	}
	return n
}

// groupPrecisionNote lists the statistics of one scope that lack a part of their precision,
// grouped by reason: `scope: what A, B: reason.`
func groupPrecisionNote(scope, what string, vs []namedValue) []string {
	var reasons []string
	by := map[string][]string{}
	for _, nv := range vs {
		if _, ok := by[nv.v.Reason]; !ok {
			reasons = append(reasons, nv.v.Reason)
		}
		by[nv.v.Reason] = append(by[nv.v.Reason], nv.name)
	}
	var out []string
	for _, r := range reasons {
		out = append(out, fmt.Sprintf("%s: %s %s: %s.", scope, what, strings.Join(by[r], ", "), r))
	}
	return out
}
