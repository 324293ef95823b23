package agreement

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// printedSig asserts that v, to as many significant digits as want has, is want (R prints
// p-values such as 5.779637e-05 or 0.0001043605 with seven).
func printedSig(t *testing.T, what string, v Value, want string) {
	t.Helper()
	if !v.Defined {
		t.Errorf("%s: undefined (%s), want %s", what, v.Reason, want)
		return
	}
	w, err := strconv.ParseFloat(want, 64)
	if err != nil {
		t.Fatal(err)
	}
	mant := strings.ToLower(want)
	if i := strings.IndexByte(mant, 'e'); i >= 0 {
		mant = mant[:i]
	}
	digits := 0
	started := false
	for _, c := range mant {
		if c >= '1' && c <= '9' {
			started = true
		}
		if started && c >= '0' && c <= '9' {
			digits++
		}
	}
	if got, exp := strconv.FormatFloat(v.V, 'e', digits-1, 64), strconv.FormatFloat(w, 'e', digits-1, 64); got != exp {
		t.Errorf("%s = %s (%.12g), want %s", what, got, v.V, want)
	}
}

// est is a coefficient with its precision, as the tests read them.
func est(coef, se Value, ci [2]Value, p Value) Estimate {
	return Estimate{Coef: coef, Precision: Precision{SE: se, CI95: ci, P: p}}
}

// irrCACPrinted is one line of irrCAC's printed output: coefficient, standard error, interval
// (R's round(·, 3)) and p-value ("0e+00": 1 − pt(·) rounded to 0, below about 1e-16).
type irrCACPrinted struct {
	name             string
	got              Estimate
	coef, se, lo, hi string
	p                string
}

func (w irrCACPrinted) check(t *testing.T) {
	t.Helper()
	printed(t, w.name, w.got.Coef, w.coef)
	printed(t, w.name+" SE", w.got.SE, w.se)
	printed(t, w.name+" lower", w.got.CI95[0], w.lo)
	printed(t, w.name+" upper", w.got.CI95[1], w.hi)
	if w.p == "0e+00" {
		if !w.got.P.Defined || w.got.P.V > 1.2e-16 {
			t.Errorf("%s p = %v, irrCAC prints 0 (1 − pt(·) rounds to 0)", w.name, w.got.P)
		}
		return
	}
	printedSig(t, w.name+" p", w.got.P, w.p)
}

// irrCAC, README.md (github.com/kgwet/irrCAC, commit 7fb7509 of 2026-05-08, package version
// 1.4; the same figures in the CRAN vignette "overview" of irrCAC 1.0), "Computing agreement
// Coefficients from Contingency tables": kappa2.table, scott2.table, gwet.ac1.table, bp2.table,
// krippen2.table and pa2.table on cont3x3abstractors.
func TestIrrCACTablePrecision(t *testing.T) {
	table := [][]int{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}
	r := TableEstimates(table)
	for _, w := range []irrCACPrinted{
		{"Cohen's κ", r.CohenKappa, "0.7964094", "0.05891072", "0.68", "0.913", "0e+00"},
		{"Scott's π", r.ScottPi, "0.7962397", "0.05905473", "0.679", "0.913", "0e+00"},
		{"Gwet's AC1", r.GwetAC1, "0.8493305", "0.04321747", "0.764", "0.935", "0e+00"},
		{"Brennan–Prediger", r.BrennanPrediger, "0.835", "0.04693346", "0.742", "0.928", "0e+00"},
		{"Krippendorff's α", r.KrippendorffAlpha, "0.7972585", "0.05905473", "0.68", "0.914", "0e+00"},
		{"percent agreement", r.PercentAgreement, "0.89", "0.03128898", "0.828", "0.952", "0e+00"},
	} {
		w.check(t)
	}

	// Compute gives two coders' Cohen's κ and Scott's π the table's precision.
	cats := []string{"Ectopic", "AIU", "NIU"}
	var long []Row
	for a := range table {
		for b := range table {
			for range table[a][b] {
				u := strconv.Itoa(len(long) / 2)
				long = append(long, Row{u, "rater1", cats[a]}, Row{u, "rater2", cats[b]})
			}
		}
	}
	o := Compute(FromLongOrdered(long, cats), Options{}).Overall
	irrCACPrinted{"Compute's Cohen's κ", est(o.CohenKappa, o.CohenKappaSE, o.CohenKappaCI95, o.CohenKappaP), "0.7964094", "0.05891072", "0.68", "0.913", "0e+00"}.check(t)
	irrCACPrinted{"Compute's Scott's π", est(o.ScottPi, o.ScottPiSE, o.ScottPiCI95, o.ScottPiP), "0.7962397", "0.05905473", "0.679", "0.913", "0e+00"}.check(t)
	// Its other coefficients have the raw-ratings variance, Σ(κ*_u − κ)²/(n(n − 1)), where the
	// table's is the same sum over n²: with every unit rated twice they differ by n/(n − 1),
	// exactly. Conger's κ is then Cohen's κ, and its variance Cohen's by the same factor.
	ratio := math.Sqrt(100.0 / 99)
	for _, c := range []struct {
		what       string
		raw, table Value
	}{
		{"AC1", o.GwetAC1SE, r.GwetAC1.SE},
		{"Brennan–Prediger", o.BrennanPredigerSE, r.BrennanPrediger.SE},
		{"percent agreement", o.PercentAgreementSE, r.PercentAgreement.SE},
		{"Conger's κ and Cohen's", o.CongerKappaSE, r.CohenKappa.SE},
	} {
		if math.Abs(c.raw.V-c.table.V*ratio) > 1e-12 {
			t.Errorf("%s: raw SE %.12f, table SE %.12f × √(100/99) = %.12f", c.what, c.raw.V, c.table.V, c.table.V*ratio)
		}
	}
	if math.Abs(o.CongerKappa.V-o.CohenKappa.V) > 1e-12 {
		t.Errorf("Conger's κ %v ≠ Cohen's κ %v for two coders without missing ratings", o.CongerKappa, o.CohenKappa)
	}
}

// irrCAC, README.md (as above), "Computing agreement coefficients from the distribution of
// raters by subject & category": gwet.ac1.dist, fleiss.kappa.dist, krippen.alpha.dist and
// bp.coeff.dist on distrib.6raters.
func TestIrrCACDistPrecision(t *testing.T) {
	counts := [][]int{
		{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
		{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
		{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
	}
	r := CountEstimates(counts)
	for _, w := range []irrCACPrinted{
		{"Gwet's AC1", r.GwetAC1, "0.4448007", "0.08418757", "0.264", "0.625", "5.779637e-05"},
		{"Fleiss' κ", r.FleissKappa, "0.4139265", "0.08119291", "0.24", "0.588", "8.113618e-05"},
		{"Krippendorff's α", r.KrippendorffAlpha, "0.4204384", "0.08243228", "0.244", "0.597", "8.078607e-05"},
		{"Brennan–Prediger", r.BrennanPrediger, "0.4388889", "0.08312142", "0.261", "0.617", "5.814998e-05"},
	} {
		w.check(t)
	}
	printed(t, "percent agreement", r.PercentAgreement.Coef, "0.5511111")
	// pa.coeff.dist's output is not printed; its variance is pa.coeff.raw's, checked below.
	if bad := CountEstimates([][]int{{1, 2}, {3}}); bad.GwetAC1.Coef.Defined || bad.GwetAC1.SE.Defined ||
		!strings.Contains(bad.GwetAC1.SE.Reason, "invalid count table") {
		t.Errorf("a ragged table gives %+v", bad.GwetAC1)
	}
}

// irrCAC, README.md (as above), "Computing agreement coefficients from raw ratings":
// pa.coeff.raw, gwet.ac1.raw, fleiss.kappa.raw, krippen.alpha.raw, conger.kappa.raw and
// bp.coeff.raw on cac.raw4raters (12 units, 4 raters, missing ratings). The raw functions print
// the coefficient and the standard error rounded to 5 decimals.
func TestIrrCACRawPrecision(t *testing.T) {
	rows := [][]string{
		fields("1 2 3 3 2 1 4 1 2 . . ."), // Rater1
		fields("1 2 3 3 2 2 4 1 2 5 . ."), // Rater2
		fields(". 3 3 3 2 3 4 2 2 5 1 3"), // Rater3
		fields("1 2 3 3 2 4 4 1 2 5 1 ."), // Rater4
	}
	d := matrix([]string{"Rater1", "Rater2", "Rater3", "Rater4"}, rows, []string{"1", "2", "3", "4", "5"})
	o := Compute(d, Options{}).Overall
	for _, w := range []irrCACPrinted{
		{"percent agreement", est(o.PercentAgreement, o.PercentAgreementSE, o.PercentAgreementCI95, o.PercentAgreementP), "0.8181818", "0.12561", "0.542", "1", "2.172686e-05"},
		{"AC1", est(o.GwetAC1, o.GwetAC1SE, o.GwetAC1CI95, o.GwetAC1P), "0.77544", "0.14295", "0.461", "1", "0.0001043605"},
		{"Fleiss' κ", est(o.FleissKappa, o.FleissKappaSE, o.FleissKappaCI95, o.FleissKappaP), "0.76117", "0.15302", "0.424", "1", "0.0002095865"},
		{"Krippendorff's α", est(o.AlphaNominal, o.AlphaNominalSE, o.AlphaNominalCI95, o.AlphaNominalP), "0.74342", "0.14548", "0.423", "1", "0.0001693123"},
		{"Conger's κ", est(o.CongerKappa, o.CongerKappaSE, o.CongerKappaCI95, o.CongerKappaP), "0.76282", "0.14917", "0.435", "1", "0.0001683533"},
		{"Brennan–Prediger", est(o.BrennanPrediger, o.BrennanPredigerSE, o.BrennanPredigerCI95, o.BrennanPredigerP), "0.77273", "0.14472", "0.454", "1", "0.0001187804"},
	} {
		w.check(t)
	}
	// Conger's chance agreement, printed as pe 0.2334252: pe = (pa − κ)/(1 − κ).
	printed(t, "Conger's pe", defined((o.PercentAgreement.V-o.CongerKappa.V)/(1-o.CongerKappa.V)), "0.2334252")
	// The upper limits are irrCAC's min(1, ·), exactly 1.
	if o.GwetAC1CI95[1].V != 1 || o.CongerKappaCI95[1].V != 1 {
		t.Errorf("upper limits %v %v, want 1 (capped)", o.GwetAC1CI95[1], o.CongerKappaCI95[1])
	}
}

// Student's t against its closed forms: ν = 1 (Cauchy), ν = 2 and ν = 5, and the normal
// quantile for large ν.
func TestStudentT(t *testing.T) {
	for _, x := range []float64{0.1, 0.5, 1, 2.5, 7, 40} {
		cauchy := 0.5 - math.Atan(x)/math.Pi
		two := (1 - x/math.Sqrt(2+x*x)) / 2
		th := math.Atan(x / math.Sqrt(5))
		c, s := math.Cos(th), math.Sin(th)
		five := 0.5 - (th+s*c*(1+2.0/3*c*c))/math.Pi
		for _, c := range []struct {
			nu   float64
			want float64
		}{{1, cauchy}, {2, two}, {5, five}} {
			got := studentTUpper(x, c.nu) // the closed forms subtract from ½: 1e-16 absolutely
			if math.Abs(got-c.want) > 1e-15+1e-12*c.want {
				t.Errorf("P(T_%g > %g) = %.17g, want %.17g", c.nu, x, got, c.want)
			}
			if neg := studentTUpper(-x, c.nu); math.Abs(neg-(1-c.want)) > 1e-14 {
				t.Errorf("P(T_%g > −%g) = %.17g, want %.17g", c.nu, x, neg, 1-c.want)
			}
		}
	}
	for _, c := range []struct {
		df   int64
		want float64
	}{
		{1, math.Tan(math.Pi * (0.5 - 0.025))}, // 12.706204736174707
		{2, 0.95 * math.Sqrt(2/(1-0.95*0.95))}, // 4.302652729749464
		{1e6, 1.959966356814},                  // the Cornish–Fisher expansion, to its 2nd term
		{1e9, 1.959963984540054 + 9.4895e-9/4}, // to its 1st
	} {
		if got := studentTQuantile975(c.df); math.Abs(got-c.want) > 1e-9*c.want {
			t.Errorf("t(0.975, %d) = %.15g, want %.15g", c.df, got, c.want)
		}
	}
	// ν = 5 by its closed form: the quantile's tail is 0.025.
	q5 := studentTQuantile975(5)
	th := math.Atan(q5 / math.Sqrt(5))
	c, s := math.Cos(th), math.Sin(th)
	if tail := 0.5 - (th+s*c*(1+2.0/3*c*c))/math.Pi; math.Abs(tail-0.025) > 1e-15 {
		t.Errorf("t(0.975, 5) = %.15g has the tail %.17g", q5, tail)
	}
	// The cached quantiles are the computed ones.
	for _, df := range []int64{10, 99, 1023, 5000, 5000} { // 5000: computed, then remembered
		if a, b := studentTQuantile975(df), studentTQuantileUpper(0.025, float64(df)); a != b {
			t.Errorf("df %d: cached %v, computed %v", df, a, b)
		}
	}
	// The expansion and the continued fraction meet where one takes over from the other.
	if a, b := studentTQuantile975(100000), studentTQuantileUpper(0.025, 100000); math.Abs(a-b) > 1e-11 {
		t.Errorf("df 100000: expansion %.15g, continued fraction %.15g", a, b)
	}
}

// refEstimate is a coefficient and its standard error computed the slow way.
type refEstimate struct {
	coef, se float64
	df       int64
	ok       bool
}

// refRaw computes irrCAC's raw-ratings coefficients and standard errors unit by unit from a
// units × coders matrix (a category 0..q−1, or −1 for a missing rating), following Gwet's
// published formulas literally, without any of the package's sufficient statistics: the
// reference against which Compute's faster sums are checked.
func refRaw(ratings [][]int, q int) map[string]refEstimate {
	var units [][]int
	for _, row := range ratings {
		for _, c := range row {
			if c >= 0 {
				units = append(units, row)
				break
			}
		}
	}
	n := len(units)
	s := len(ratings[0])
	agree := make([][]float64, n)
	r := make([]float64, n)
	n2 := 0
	for i, row := range units {
		agree[i] = make([]float64, q)
		for _, c := range row {
			if c >= 0 {
				agree[i][c]++
				r[i]++
			}
		}
		if r[i] >= 2 {
			n2++
		}
	}
	nf, n2f := float64(n), float64(n2)
	paU := make([]float64, n)
	var pa float64
	for i := range units {
		if r[i] < 2 {
			continue
		}
		var a float64
		for _, x := range agree[i] {
			a += x * (x - 1)
		}
		paU[i] = a / (r[i] * (r[i] - 1))
		pa += paU[i]
	}
	pa /= n2f
	pi := make([]float64, q)
	for i := range units {
		for k := range q {
			pi[k] += agree[i][k] / r[i] / nf
		}
	}
	out := map[string]refEstimate{}
	variance := func(x []float64, coef float64) float64 {
		var v float64
		for _, xi := range x {
			v += (xi - coef) * (xi - coef)
		}
		return v / (nf * (nf - 1))
	}
	ind := func(i int) float64 {
		if r[i] >= 2 {
			return 1
		}
		return 0
	}
	// Percent agreement.
	x := make([]float64, n)
	for i := range units {
		x[i] = nf / n2f * paU[i]
	}
	out["pa"] = refEstimate{pa, math.Sqrt(variance(x, pa)), int64(n - 1), true}
	// Fleiss, AC1, Brennan–Prediger: chance agreement and each unit's share of it.
	kappa := func(pe float64, peU func(i int) float64) refEstimate {
		k := (pa - pe) / (1 - pe)
		for i := range units {
			x[i] = nf/n2f*(paU[i]-pe*ind(i))/(1-pe) - 2*(1-k)*(peU(i)-pe)/(1-pe)
		}
		return refEstimate{k, math.Sqrt(variance(x, k)), int64(n - 1), true}
	}
	var peF, peG float64
	for _, p := range pi {
		peF += p * p
		peG += p * (1 - p) / float64(q-1)
	}
	out["fleiss"] = kappa(peF, func(i int) float64 {
		var v float64
		for k := range q {
			v += agree[i][k] * pi[k] / r[i]
		}
		return v
	})
	out["ac1"] = kappa(peG, func(i int) float64 {
		var v float64
		for k := range q {
			v += agree[i][k] * (1 - pi[k]) / r[i]
		}
		return v / float64(q-1)
	})
	out["bp"] = kappa(1/float64(q), func(int) float64 { return 1 / float64(q) })
	// Krippendorff's α (krippen.alpha.raw): the units with two or more ratings.
	var m, tot float64
	for i := range units {
		if r[i] >= 2 {
			m++
			tot += r[i]
		}
	}
	rbar := tot / m
	eps := 1 / tot
	var paPrime float64
	piA := make([]float64, q)
	for i := range units {
		if r[i] < 2 {
			continue
		}
		var a float64
		for k := range q {
			a += agree[i][k] * (agree[i][k] - 1)
			piA[k] += agree[i][k] / rbar / m
		}
		paPrime += a / (rbar * (r[i] - 1)) / m
	}
	var peA float64
	for _, p := range piA {
		peA += p * p
	}
	alpha := ((1-eps)*paPrime + eps - peA) / (1 - peA)
	alphaPrime := (paPrime - peA) / (1 - peA)
	var va float64
	for i := range units {
		if r[i] < 2 {
			continue
		}
		var a, f float64
		for k := range q {
			a += agree[i][k] * (agree[i][k] - 1)
			f += agree[i][k] * piA[k]
		}
		paI := a/(rbar*(r[i]-1)) - paPrime*(r[i]-rbar)/rbar
		peI := f/rbar - peA*(r[i]-rbar)/rbar
		xi := (paI-peA)/(1-peA) - 2*(1-alphaPrime)*(peI-peA)/(1-peA)
		va += (xi - alphaPrime) * (xi - alphaPrime)
	}
	out["alpha"] = refEstimate{alpha, math.Sqrt(va / (m * (m - 1))), int64(n - 1), true}
	// Conger's κ, over the coders who rated a unit.
	var coders []int
	for g := range s {
		for _, row := range units {
			if row[g] >= 0 {
				coders = append(coders, g)
				break
			}
		}
	}
	sf := float64(len(coders))
	ng := make([]float64, len(coders))
	p := make([][]float64, len(coders))
	mean := make([]float64, q)
	for gi, g := range coders {
		p[gi] = make([]float64, q)
		for _, row := range units {
			if row[g] >= 0 {
				ng[gi]++
				p[gi][row[g]]++
			}
		}
		for k := range q {
			p[gi][k] /= ng[gi]
			mean[k] += p[gi][k] / sf
		}
	}
	var peC float64
	for k := range q {
		var ss float64
		for gi := range coders {
			ss += p[gi][k] * p[gi][k]
		}
		peC += mean[k]*mean[k] - (ss-sf*mean[k]*mean[k])/(sf-1)/sf
	}
	out["conger"] = kappa(peC, func(i int) float64 {
		var sum float64
		for gi, g := range coders {
			eps, delta := 0.0, make([]float64, q)
			if c := units[i][g]; c >= 0 {
				eps, delta[c] = 1, 1
			}
			var lambda float64
			for k := range q {
				var inner float64
				for l := range q {
					if l == k { // identity weights: w_kl = [k = l]
						inner += delta[l] - (eps-ng[gi]/nf)*p[gi][l]
					}
				}
				lambda += inner * nf / ng[gi] * (sf*mean[k] - p[gi][k])
			}
			sum += lambda
		}
		return sum / (sf * (sf - 1))
	})
	return out
}

// refCompare checks a coefficient's precision against the reference's.
func refCompare(t *testing.T, what string, coef, se Value, ci [2]Value, pv Value, ref refEstimate) {
	t.Helper()
	if !coef.Defined || !se.Defined {
		t.Errorf("%s: coefficient %v, SE %v; the reference %.10g ± %.10g", what, coef, se, ref.coef, ref.se)
		return
	}
	if math.Abs(coef.V-ref.coef) > 1e-10 || math.Abs(se.V-ref.se) > 1e-10*math.Max(1, ref.se) {
		t.Errorf("%s: %.12g ± %.12g, the reference %.12g ± %.12g", what, coef.V, se.V, ref.coef, ref.se)
		return
	}
	tq := studentTQuantile975(ref.df)
	lo, hi := ref.coef-tq*ref.se, math.Min(1, ref.coef+tq*ref.se)
	p := studentTUpper(ref.coef/ref.se, float64(ref.df))
	if math.Abs(ci[0].V-lo) > 1e-9 || math.Abs(ci[1].V-hi) > 1e-9 || math.Abs(pv.V-p) > 1e-9*math.Max(p, 1e-6) {
		t.Errorf("%s: interval %v, p %v; the reference [%.10g, %.10g], p %.10g", what, ci, pv, lo, hi, p)
	}
}

// The precision Compute gives every coefficient, per code, overall and for each pair, is the
// reference's, computed unit by unit from the ratings (refRaw), on random data with missing
// ratings, single- and multi-label, two to twelve coders, through both of countCategories'
// paths.
func TestPrecisionAgainstDirectFormulas(t *testing.T) {
	specs := []genSpec{
		{"two coders, missing", 80, 2, 3, 0.2, false, 61},
		{"three coders, missing", 90, 3, 4, 0.3, false, 62},
		{"four coders, multi-label, missing", 70, 4, 3, 0.3, true, 63},
		{"five coders, complete", 60, 5, 3, 0, false, 64},
		{"seven coders, missing", 60, 7, 3, 0.25, false, 65},
		{"twelve coders, missing", 50, 12, 2, 0.2, false, 66},
	}
	for _, spec := range specs {
		for _, byUnit := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, by unit %v", spec.name, byUnit), func(t *testing.T) {
				if byUnit {
					saved := profileLimit
					profileLimit = 0
					defer func() { profileLimit = saved }()
				}
				d := FromLong(generate(spec))
				rep := Compute(d, Options{})
				all := make([]int, len(d.Coders))
				for i := range all {
					all[i] = i
				}
				checkRef(t, "", d, all, rep.PerCode, &rep.Overall)
				for _, pr := range rep.Pairwise {
					a, b := -1, -1
					for i, c := range d.Coders {
						if c == pr.Coders[0] {
							a = i
						}
						if c == pr.Coders[1] {
							b = i
						}
					}
					checkRef(t, pr.Coders[0]+"–"+pr.Coders[1]+": ", d, []int{a, b}, pr.PerCode, &pr.Overall)
				}
				if len(d.Coders) > maxCongerCodeCoders {
					cr := rep.PerCode[0]
					if !cr.CongerKappa.Defined || cr.CongerKappaSE.Defined || cr.CongerKappaSE.Reason != reasonCongerCodeSE {
						t.Errorf("%d coders: Conger's κ %v, SE %v", len(d.Coders), cr.CongerKappa, cr.CongerKappaSE)
					}
				}
			})
		}
	}
}

// checkRef compares the results of the coders sub of d with refRaw.
func checkRef(t *testing.T, scope string, d Data, sub []int, perCode []CodeResult, o *Overall) {
	t.Helper()
	for k, cr := range perCode {
		ratings := make([][]int, len(d.Units))
		for u := range ratings {
			ratings[u] = make([]int, len(sub))
			for i, j := range sub {
				cell := d.Cells[u][j]
				switch {
				case !cell.Reviewed:
					ratings[u][i] = -1
				case contains(cell.Codes, k):
					ratings[u][i] = 1
				default:
					ratings[u][i] = 0
				}
			}
		}
		ref := refRaw(ratings, 2)
		what := scope + "code " + cr.Code + " "
		if !cr.FleissKappa.Defined {
			continue // no variation on this code: nothing to compare
		}
		refCompare(t, what+"pa", cr.PercentAgreement, cr.PercentAgreementSE, cr.PercentAgreementCI95, cr.PercentAgreementP, ref["pa"])
		refCompare(t, what+"Fleiss", cr.FleissKappa, cr.FleissKappaSE, cr.FleissKappaCI95, cr.FleissKappaP, ref["fleiss"])
		refCompare(t, what+"AC1", cr.GwetAC1, cr.GwetAC1SE, cr.GwetAC1CI95, cr.GwetAC1P, ref["ac1"])
		refCompare(t, what+"BP", cr.BrennanPrediger, cr.BrennanPredigerSE, cr.BrennanPredigerCI95, cr.BrennanPredigerP, ref["bp"])
		refCompare(t, what+"α", cr.KrippendorffAlpha, cr.KrippendorffAlphaSE, cr.KrippendorffAlphaCI95, cr.KrippendorffAlphaP, ref["alpha"])
		if len(sub) <= maxCongerCodeCoders {
			refCompare(t, what+"Conger", cr.CongerKappa, cr.CongerKappaSE, cr.CongerKappaCI95, cr.CongerKappaP, ref["conger"])
		} else if math.Abs(cr.CongerKappa.V-ref["conger"].coef) > 1e-10 {
			t.Errorf("%sConger %v, the reference %v", what, cr.CongerKappa, ref["conger"].coef)
		}
	}
	if o.Mode != SingleLabel {
		return
	}
	q := len(d.Codes)
	noCode := false
	for _, row := range d.Cells {
		for _, c := range row {
			if c.Reviewed && len(c.Codes) == 0 {
				noCode = true
			}
		}
	}
	if noCode {
		q++
	}
	ratings := make([][]int, len(d.Units))
	for u := range ratings {
		ratings[u] = make([]int, len(sub))
		for i, j := range sub {
			cell := d.Cells[u][j]
			switch {
			case !cell.Reviewed:
				ratings[u][i] = -1
			case len(cell.Codes) == 0:
				ratings[u][i] = len(d.Codes)
			default:
				ratings[u][i] = cell.Codes[0]
			}
		}
	}
	ref := refRaw(ratings, q)
	what := scope + "overall "
	refCompare(t, what+"pa", o.PercentAgreement, o.PercentAgreementSE, o.PercentAgreementCI95, o.PercentAgreementP, ref["pa"])
	refCompare(t, what+"Fleiss", o.FleissKappa, o.FleissKappaSE, o.FleissKappaCI95, o.FleissKappaP, ref["fleiss"])
	refCompare(t, what+"AC1", o.GwetAC1, o.GwetAC1SE, o.GwetAC1CI95, o.GwetAC1P, ref["ac1"])
	refCompare(t, what+"BP", o.BrennanPrediger, o.BrennanPredigerSE, o.BrennanPredigerCI95, o.BrennanPredigerP, ref["bp"])
	refCompare(t, what+"α", o.AlphaNominal, o.AlphaNominalSE, o.AlphaNominalCI95, o.AlphaNominalP, ref["alpha"])
	refCompare(t, what+"Conger", o.CongerKappa, o.CongerKappaSE, o.CongerKappaCI95, o.CongerKappaP, ref["conger"])
}

func contains(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// What has no precision says why, and the precision of an undefined coefficient is undefined
// for the coefficient's reason.
func TestPrecisionUndefined(t *testing.T) {
	// One unit: every coefficient that is defined has no standard error.
	one := FromLong([]Row{{"u1", "A", "x"}, {"u1", "B", "y"}, {"u1", "C", "x"}})
	o := Compute(one, Options{}).Overall
	if !o.FleissKappa.Defined || o.FleissKappaSE.Defined || o.FleissKappaSE.Reason != reasonSEFewUnits ||
		o.FleissKappaCI95[0].Defined || o.FleissKappaP.Defined {
		t.Errorf("one unit: Fleiss %v, SE %v, CI %v, p %v", o.FleissKappa, o.FleissKappaSE, o.FleissKappaCI95, o.FleissKappaP)
	}
	// Three coders: the mean pairwise κ has no precision, Scott's π none either; Conger's has.
	rep := Compute(FromLong(generate(genSpec{"three", 40, 3, 2, 0.1, false, 71})), Options{})
	o = rep.Overall
	if o.CohenKappaSE.Defined || o.CohenKappaSE.Reason != reasonMeanPairwiseSE || o.CohenKappaP.Defined {
		t.Errorf("mean pairwise κ SE %v", o.CohenKappaSE)
	}
	if o.ScottPiSE.Defined || o.ScottPiSE.Reason != reasonScottMany {
		t.Errorf("Scott's π SE with three coders %v", o.ScottPiSE)
	}
	if !o.CongerKappaSE.Defined || !o.CongerKappaP.Defined {
		t.Errorf("Conger's κ SE %v", o.CongerKappaSE)
	}
	cr := rep.PerCode[0]
	if cr.CohenKappaSE.Reason != reasonMeanPairwiseSE || !cr.CongerKappaSE.Defined {
		t.Errorf("per code: Cohen SE %v, Conger SE %v", cr.CohenKappaSE, cr.CongerKappaSE)
	}
	// No variation: the coefficient is undefined, and its precision for the same reason.
	same := FromLong([]Row{{"u1", "A", "x"}, {"u1", "B", "x"}, {"u2", "A", "x"}, {"u2", "B", "x"}})
	cr = Compute(same, Options{}).PerCode[0]
	for _, v := range []struct {
		what     string
		coef, se Value
	}{{"Fleiss", cr.FleissKappa, cr.FleissKappaSE}, {"Conger", cr.CongerKappa, cr.CongerKappaSE},
		{"Cohen", cr.CohenKappa, cr.CohenKappaSE}, {"α", cr.KrippendorffAlpha, cr.KrippendorffAlphaSE}} {
		if v.coef.Defined || v.se.Defined || v.se.Reason != v.coef.Reason || v.se.Reason == "" {
			t.Errorf("no variation: %s %v, SE %v", v.what, v.coef, v.se)
		}
	}
	// Percent agreement and AC1 are 1 there, with a standard error of 0: the interval is the
	// point and the p-value 0, as irrCAC computes 1 − pt(+∞).
	if !cr.PercentAgreementSE.Defined || cr.PercentAgreementSE.V != 0 || cr.PercentAgreementP.V != 0 ||
		cr.PercentAgreementCI95[0].V != 1 || cr.PercentAgreementCI95[1].V != 1 {
		t.Errorf("perfect agreement: pa %v SE %v CI %v p %v", cr.PercentAgreement, cr.PercentAgreementSE, cr.PercentAgreementCI95, cr.PercentAgreementP)
	}
	// A zero coefficient with a zero standard error has no test.
	if p := precisionOf(defined(0), 0, 5); p.P.Defined || p.P.Reason == "" || !p.SE.Defined {
		t.Errorf("0 ± 0: %+v", p)
	}
	// Multi-label data: no overall coefficient, so no precision, for the multi-label reason.
	multi := Compute(FromLong([]Row{{"u1", "A", "x"}, {"u1", "A", "y"}, {"u1", "B", "x"}, {"u2", "A", "x"}, {"u2", "B", "y"}}), Options{})
	if multi.Overall.FleissKappaSE.Defined || multi.Overall.FleissKappaSE.Reason != reasonMulti ||
		multi.Overall.PercentAgreementSE.Reason != reasonMultiPA {
		t.Errorf("multi-label: Fleiss SE %v, pa SE %v", multi.Overall.FleissKappaSE, multi.Overall.PercentAgreementSE)
	}
	// Undefined parts are null in JSON.
	b, _ := json.Marshal(Compute(one, Options{}).Overall)
	if !strings.Contains(string(b), `"fleiss_kappa_se":null`) || !strings.Contains(string(b), `"fleiss_kappa_ci95":[null,null]`) {
		t.Errorf("JSON %s", b)
	}
}

// Conger's κ of two coders without missing ratings is Cohen's κ, per code and overall, on
// random data.
func TestCongerTwoCodersIsCohen(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		rep := Compute(FromLong(generate(genSpec{"two", 60, 2, 4, 0, false, 80 + seed})), Options{})
		vals := []struct {
			what          string
			conger, cohen Value
		}{{"overall", rep.Overall.CongerKappa, rep.Overall.CohenKappa}}
		for _, cr := range rep.PerCode {
			vals = append(vals, struct {
				what          string
				conger, cohen Value
			}{"code " + cr.Code, cr.CongerKappa, cr.CohenKappa})
		}
		for _, v := range vals {
			if v.conger.Defined != v.cohen.Defined || (v.cohen.Defined && math.Abs(v.conger.V-v.cohen.V) > 1e-12) {
				t.Errorf("seed %d, %s: Conger %v, Cohen %v", seed, v.what, v.conger, v.cohen)
			}
		}
	}
}

// PrecisionNotes says why a defined coefficient has no precision, and Report.Notes holds them
// after the notes on undefined values, with the conventions of the precision and of Conger's κ;
// Conger's κ undefined is noted with the other coefficients.
func TestPrecisionNotes(t *testing.T) {
	one := Compute(FromLong([]Row{{"u1", "A", "x"}, {"u1", "B", "y"}, {"u1", "C", "x"}}), Options{})
	notes := strings.Join(one.PrecisionNotes(), "\n")
	if !strings.Contains(notes, "Overall: no standard error or interval for percent agreement, Conger's κ, Fleiss' κ, Gwet's AC1, Brennan–Prediger, nominal α: "+reasonSEFewUnits+".") {
		t.Errorf("one unit:\n%s", notes)
	}
	for _, n := range one.PrecisionNotes() {
		if !strings.HasPrefix(n, "Coders ") && strings.Contains(n, "Cohen's κ") {
			t.Errorf("the mean pairwise κ is noted: %s", n)
		}
	}
	if tail := one.Notes[len(one.Notes)-len(one.PrecisionNotes()):]; !slices.Equal(tail, one.PrecisionNotes()) {
		t.Errorf("Report.Notes ends %q, not with the precision notes", tail)
	}
	conv := Conventions()
	for _, k := range PrecisionConventionKeys {
		if !slices.Contains(one.Notes, conv[k]) {
			t.Errorf("Report.Notes lacks the convention %q", k)
		}
	}
	many := Compute(FromLong(generate(genSpec{"many", 40, 12, 2, 0.1, false, 91})), Options{})
	notes = strings.Join(many.PrecisionNotes(), "\n")
	if !strings.Contains(notes, `Code "c1": no standard error or interval for Conger's κ: `+reasonCongerCodeSE+".") {
		t.Errorf("twelve coders:\n%s", notes)
	}
	same := Compute(FromLong([]Row{{"u1", "A", "x"}, {"u1", "B", "x"}, {"u2", "A", "x"}, {"u2", "B", "x"}}), Options{})
	if notes := strings.Join(same.Notes, "\n"); !strings.Contains(notes, `Code "x": Cohen's κ, Conger's κ, Scott's π, Fleiss' κ, Krippendorff's α undefined: `+reasonNoVariation) {
		t.Errorf("no variation:\n%s", notes)
	}
	pconv := PrecisionConventions()
	for _, k := range PrecisionConventionKeys {
		if pconv[k] == "" || pconv[k] != conv[k] {
			t.Errorf("convention %q: %q", k, pconv[k])
		}
	}
	if len(pconv) != len(PrecisionConventionKeys) {
		t.Errorf("%d conventions for %d keys", len(pconv), len(PrecisionConventionKeys))
	}
}
