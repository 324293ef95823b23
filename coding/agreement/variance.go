package agreement

// Gwet's (2014) variances of the coefficients of many raters with missing ratings, as irrCAC
// computes them from raw ratings (pa.coeff.raw, fleiss.kappa.raw, gwet.ac1.raw, bp.coeff.raw,
// krippen.alpha.raw) and from the distribution of raters by unit and category (pa.coeff.dist,
// fleiss.kappa.dist, gwet.ac1.dist, bp.coeff.dist, krippen.alpha.dist), unweighted. Notation
// as in doc.go: n the units with at least one rating (irrCAC's n, the rows of its input), n′
// those with two or more, r_u a unit's ratings and r_uk those in category k, q categories,
// π_k Gwet's classification probabilities.
//
// Each coefficient κ = (p_a − p_e)/(1 − p_e) is linearised unit by unit:
//
//	κ_u  = (n/n′)·(p_a|u − p_e·[r_u ≥ 2])/(1 − p_e),  p_a|u = Σ_k r_uk(r_uk − 1)/(r_u(r_u − 1))
//	κ*_u = κ_u − 2(1 − κ)(p_e|u − p_e)/(1 − p_e)
//	v(κ) = Σ_u (κ*_u − κ)² / (n(n − 1)),  n − 1 degrees of freedom
//
// with p_e|u = Σ_k r_uk π_k / r_u for Fleiss' κ, (1/(q − 1)) Σ_k r_uk(1 − π_k)/r_u for AC1,
// and no chance term for Brennan–Prediger (p_e = 1/q is fixed) and percent agreement
// (κ*_u = (n/n′)·p_a|u). Krippendorff's α uses only the m units with r_u ≥ 2, r̄ their mean
// number of ratings, π_k = Σ_u r_uk/(m·r̄) and p′_a = (1/m) Σ_u Σ_k r_uk(r_uk − 1)/(r̄(r_u − 1)):
//
//	raw:   α*_u = (p_a|u − p_e)/(1 − p_e) − 2(1 − α′)(p_e|u − p_e)/(1 − p_e), α′ = (p′_a − p_e)/(1 − p_e)
//	       p_a|u = Σ_k r_uk(r_uk − 1)/(r̄(r_u − 1)) − p′_a(r_u − r̄)/r̄
//	       p_e|u = Σ_k r_uk π_k/r̄ − p_e(r_u − r̄)/r̄
//	       v(α) = Σ_u (α*_u − α′)²/(m(m − 1)), n − 1 degrees of freedom
//	dist:  p_a|u = (1 − ε)(Σ_k r_uk(r_uk − 1)/(r̄(r_u − 1)) − p′_a(r_u − r̄)/r̄) + ε, ε = 1/(m·r̄)
//	       p_e|u = Σ_k r_uk π_k/r̄ − (r_u − r̄)/r̄
//	       α*_u = (p_a|u − p_e)/(1 − p_e) − (1 − α)(p_e|u − p_e)/(1 − p_e)
//	       v(α) = Σ_u (α*_u − α)²/(m(m − 1)), m − 1 degrees of freedom
//
// (irrCAC's raw and dist functions differ for α only; both are reproduced.)

// profileVisitor calls visit once for each distinct unit profile: the categories with a rating
// (cats), the ratings per category (cnt, indexed by category), r_u and how many units have it.
type profileVisitor func(visit func(cats, cnt []int32, r int, w int64))

// gwet indices of the coefficients whose variance gwetVar accumulates.
const (
	gPA = iota
	gFleiss
	gAC1
	gBP
	gAlpha
	gCount
)

// gwetVar accumulates the linearised deviations of one rating matrix's coefficients.
type gwetVar struct {
	q          int
	n1, n2     int64
	scale      float64 // n/n′
	pi         []float64
	piA        []float64 // α's π_k
	pe         [gCount]float64
	coef       [gCount]Value
	dist       bool // α by krippen.alpha.dist rather than krippen.alpha.raw
	rbar       float64
	paPrime    float64
	alphaPrime float64
	acc        [gCount]float64
}

// newGwetVar prepares the variances of the coefficients of s, already computed (an undefined
// coefficient gets an undefined precision).
func newGwetVar(s *catStats, pa, fleiss, ac1, bp, alpha Value, dist bool) *gwetVar {
	g := &gwetVar{q: s.q, dist: dist}
	g.coef = [gCount]Value{pa, fleiss, ac1, bp, alpha}
	g.n1, g.n2 = s.units()
	if g.n2 == 0 {
		return g
	}
	g.scale = float64(g.n1) / float64(g.n2)
	g.pi = s.classification()
	for _, p := range g.pi {
		g.pe[gFleiss] += p * p
		g.pe[gAC1] += p * (1 - p)
	}
	if s.q >= 2 {
		g.pe[gAC1] /= float64(s.q - 1)
		g.pe[gBP] = 1 / float64(s.q)
	}
	// α: the pairable ratings.
	var nTot, agree float64
	for r := 2; r <= s.maxR; r++ {
		nTot += float64(int64(r) * s.unitsByR[r])
		if s.agreeByR[r] != 0 {
			agree += float64(s.agreeByR[r]) / float64(r-1)
		}
	}
	g.piA = make([]float64, s.q)
	for r := 2; r <= s.maxR; r++ {
		for k, v := range s.piByR[r*s.q : (r+1)*s.q] {
			g.piA[k] += float64(v)
		}
	}
	for k := range g.piA {
		g.piA[k] /= nTot
		g.pe[gAlpha] += g.piA[k] * g.piA[k]
	}
	g.rbar = nTot / float64(g.n2)
	g.paPrime = agree / nTot
	g.alphaPrime = (g.paPrime - g.pe[gAlpha]) / (1 - g.pe[gAlpha])
	return g
}

func (g *gwetVar) add(cats, cnt []int32, r int, w int64) {
	if r <= 0 || w == 0 || g.n2 == 0 {
		return
	}
	var a int64
	var f, fa float64
	for _, c := range cats {
		n := int64(cnt[c])
		a += n * (n - 1)
		f += float64(n) * g.pi[c]
		fa += float64(n) * g.piA[c]
	}
	rf := float64(r)
	var paU, ind float64
	if r >= 2 {
		paU = float64(a) / (rf * (rf - 1))
		ind = 1
	}
	fw := float64(w)
	sq := func(i int, x float64) {
		if g.coef[i].Defined {
			d := x - g.coef[i].V
			g.acc[i] += fw * d * d
		}
	}
	sq(gPA, g.scale*paU)
	kappa := func(i int, peU float64) float64 {
		pe, k := g.pe[i], g.coef[i].V
		return g.scale*(paU-pe*ind)/(1-pe) - 2*(1-k)*(peU-pe)/(1-pe)
	}
	sq(gFleiss, kappa(gFleiss, f/rf))
	if g.q >= 2 {
		sq(gAC1, kappa(gAC1, (1-f/rf)/float64(g.q-1)))
		pe := g.pe[gBP]
		sq(gBP, g.scale*(paU-pe*ind)/(1-pe))
	}
	if r < 2 || !g.coef[gAlpha].Defined {
		return
	}
	pe, rbar := g.pe[gAlpha], g.rbar
	pa0 := float64(a) / (rbar * (rf - 1))
	var x float64
	if !g.dist {
		paA := pa0 - g.paPrime*(rf-rbar)/rbar
		peA := fa/rbar - pe*(rf-rbar)/rbar
		x = (paA-pe)/(1-pe) - 2*(1-g.alphaPrime)*(peA-pe)/(1-pe)
		d := x - g.alphaPrime
		g.acc[gAlpha] += fw * d * d
		return
	}
	eps := 1 / (rbar * float64(g.n2))
	paA := (1-eps)*(pa0-g.paPrime*(rf-rbar)/rbar) + eps
	peA := fa/rbar - (rf-rbar)/rbar
	x = (paA-pe)/(1-pe) - (1-g.coef[gAlpha].V)*(peA-pe)/(1-pe)
	d := x - g.coef[gAlpha].V
	g.acc[gAlpha] += fw * d * d
}

// precision is the precision of coefficient i from what add accumulated.
func (g *gwetVar) precision(i int) Precision {
	c := g.coef[i]
	if !c.Defined {
		return undefinedPrecision(c.Reason)
	}
	if i == gAlpha {
		m := float64(g.n2)
		df := g.n1 - 1
		if g.dist {
			df = g.n2 - 1
		}
		if g.n2 < 2 {
			return undefinedPrecision(reasonSEFewUnits)
		}
		return precisionOf(c, g.acc[i]/(m*(m-1)), df)
	}
	if g.n1 < 2 {
		return undefinedPrecision(reasonSEFewUnits)
	}
	n := float64(g.n1)
	return precisionOf(c, g.acc[i]/(n*(n-1)), g.n1-1)
}

// histProfiles visits the binary profiles of one code: units with r reviewers of whom m gave
// it (category 1) and r − m did not (category 0).
func (cc *codeCounts) histProfiles(c int) profileVisitor {
	return func(visit func(cats, cnt []int32, r int, w int64)) {
		var cnt [2]int32
		var cats [2]int32
		for r := 1; r <= cc.s; r++ {
			for m := 0; m <= r; m++ {
				w := cc.at(c, r, m)
				if w == 0 {
					continue
				}
				cnt[0], cnt[1] = int32(r-m), int32(m)
				n := 0
				if r > m {
					cats[n] = 0
					n++
				}
				if m > 0 {
					cats[n] = 1
					n++
				}
				visit(cats[:n], cnt[:], r, w)
			}
		}
	}
}

// countsProfiles visits the rows of a units × categories count table.
func countsProfiles(counts [][]int) profileVisitor {
	return func(visit func(cats, cnt []int32, r int, w int64)) {
		q := 0
		if len(counts) > 0 {
			q = len(counts[0])
		}
		cnt := make([]int32, q)
		cats := make([]int32, 0, q)
		for _, row := range counts {
			cats = cats[:0]
			r := 0
			for k, v := range row {
				cnt[k] = int32(v)
				if v > 0 {
					cats = append(cats, int32(k))
					r += v
				}
			}
			visit(cats, cnt, r, 1)
		}
	}
}

// CountResult is every coefficient of a units × categories count table (the distribution of
// raters by unit and category) with its precision, as irrCAC's pa.coeff.dist,
// fleiss.kappa.dist, gwet.ac1.dist, bp.coeff.dist and krippen.alpha.dist compute them
// (unweighted; α nominal).
type CountResult struct {
	PercentAgreement  Estimate
	FleissKappa       Estimate
	GwetAC1           Estimate
	BrennanPrediger   Estimate
	KrippendorffAlpha Estimate
}

// CountEstimates computes CountResult from counts[u][k], the number of coders who put unit u
// in category k (see PercentAgreement, FleissKappa, GwetAC1, BrennanPrediger and
// KrippendorffAlpha for the coefficients; variance.go for the variances). Rows with no rating
// are left out, as irrCAC asks.
func CountEstimates(counts [][]int) CountResult {
	s, err := countsStats(counts)
	if err != nil {
		u := undefined("invalid count table: " + err.Error())
		e := Estimate{Coef: u, Precision: undefinedPrecision(u.Reason)}
		return CountResult{e, e, e, e, e}
	}
	pa, fl, ac1, bp := s.percentAgreementValue(), s.fleissKappa(), s.gwetAC1(), s.brennanPrediger()
	alpha := alphaFromCoincidences(s.coinc, s.q, Nominal, nil).alpha
	g := newGwetVar(s, pa, fl, ac1, bp, alpha, true)
	countsProfiles(counts)(g.add)
	return CountResult{
		PercentAgreement:  Estimate{pa, g.precision(gPA)},
		FleissKappa:       Estimate{fl, g.precision(gFleiss)},
		GwetAC1:           Estimate{ac1, g.precision(gAC1)},
		BrennanPrediger:   Estimate{bp, g.precision(gBP)},
		KrippendorffAlpha: Estimate{alpha, g.precision(gAlpha)},
	}
}

// TableResult is every two-coder coefficient of a q×q contingency table with its precision,
// as irrCAC's pa2.table, kappa2.table, scott2.table, gwet.ac1.table, bp2.table and
// krippen2.table compute them (unweighted).
type TableResult struct {
	PercentAgreement  Estimate
	CohenKappa        Estimate
	ScottPi           Estimate
	GwetAC1           Estimate
	BrennanPrediger   Estimate
	KrippendorffAlpha Estimate
}

// TableEstimates computes TableResult from t[a][b], the units the first coder put in category a
// and the second in b. With n the units in the table, p_kl = t[k][l]/n, p_k+ and p_+l its
// margins and the chance agreement p_e and coefficient κ of each (Gwet 2014, ch. 5; irrCAC's
// agree.coeff2.r):
//
//	v(κ) = [Σ_kl p_kl (δ_kl − (1 − κ)(b_k + b′_l))² − (p_a − 2(1 − κ)p_e)²] / (n(1 − p_e)²)
//
// with b_k + b′_l = p_+k + p_l+ for Cohen's κ, π_k + π_l (π_k = (p_k+ + p_+k)/2) for Scott's π
// and for α (with α's p_a before its 1/(2n) correction), 2(1 − (π_k + π_l)/2)/(q − 1) for AC1
// (the factor 2 inside), and no chance term for Brennan–Prediger, whose
// v = (p_a − p_a²)/(n(1 − 1/q)²), and percent agreement, v = (p_a − p_a²)/n. The interval and
// p-value use n − 1 degrees of freedom. Krippendorff's α here is irrCAC's krippen2.table:
// p_a = (1 − ε)p_o + ε with ε = 1/(2n), which is Krippendorff's α of two coders without missing
// values.
func TableEstimates(t [][]int) TableResult {
	q, n, err := checkTable(t)
	if err != nil || n == 0 {
		why := "the two coders reviewed no unit in common"
		if err != nil {
			why = "invalid table: " + err.Error()
		}
		e := Estimate{Coef: undefined(why), Precision: undefinedPrecision(why)}
		return TableResult{e, e, e, e, e, e}
	}
	flat := make([]int64, q*q)
	for a := range t {
		for b, v := range t[a] {
			flat[a*q+b] = int64(v)
		}
	}
	tv := newTableVar(flat, q, n)
	pa := TableAgreement(t)
	cohen, scott := CohenKappa(t), ScottPi(t)
	var res TableResult
	res.PercentAgreement = Estimate{pa, tv.percentAgreement(pa)}
	res.CohenKappa = Estimate{cohen, tv.cohen(cohen)}
	res.ScottPi = Estimate{scott, tv.scott(scott, false)}
	res.GwetAC1 = tv.gwetAC1()
	res.BrennanPrediger = tv.brennanPrediger()
	res.KrippendorffAlpha = tv.krippendorff()
	return res
}

// tableVar holds a contingency table as proportions, for the *2.table variances.
type tableVar struct {
	q      int
	n      int64
	cells  []tableCell // the non-empty cells
	row    []float64   // p_k+
	col    []float64   // p_+k
	pi     []float64   // (p_k+ + p_+k)/2
	pa, nf float64
}

type tableCell struct {
	a, b int32
	n    int64
}

func newTableVar(cells []int64, q int, n int64) *tableVar {
	tv := &tableVar{q: q, n: n, nf: float64(n)}
	tv.row, tv.col, tv.pi = make([]float64, q), make([]float64, q), make([]float64, q)
	var diag int64
	for i, v := range cells {
		if v == 0 {
			continue
		}
		a, b := i/q, i%q
		tv.cells = append(tv.cells, tableCell{int32(a), int32(b), v})
		tv.row[a] += float64(v)
		tv.col[b] += float64(v)
		if a == b {
			diag += v
		}
	}
	for k := range q {
		tv.row[k] /= tv.nf
		tv.col[k] /= tv.nf
		tv.pi[k] = (tv.row[k] + tv.col[k]) / 2
	}
	tv.pa = float64(diag) / tv.nf
	return tv
}

// general is v(κ) for a chance term b(k, l) over the non-empty cells.
func (tv *tableVar) general(k, pe, pa float64, b func(k, l int) float64) float64 {
	var sum float64
	for _, cell := range tv.cells {
		d := -(1 - k) * b(int(cell.a), int(cell.b))
		if cell.a == cell.b {
			d++
		}
		sum += float64(cell.n) / tv.nf * d * d
	}
	x := pa - 2*(1-k)*pe
	return (sum - x*x) / (tv.nf * (1 - pe) * (1 - pe))
}

func (tv *tableVar) precision(c Value, v float64) Precision {
	if !c.Defined {
		return undefinedPrecision(c.Reason)
	}
	if tv.n < 2 {
		return undefinedPrecision(reasonSEFewUnits)
	}
	return precisionOf(c, v, tv.n-1)
}

func (tv *tableVar) percentAgreement(pa Value) Precision {
	return tv.precision(pa, (tv.pa-tv.pa*tv.pa)/tv.nf)
}

func (tv *tableVar) cohen(kappa Value) Precision {
	if !kappa.Defined {
		return undefinedPrecision(kappa.Reason)
	}
	var pe float64
	for k := range tv.q {
		pe += tv.row[k] * tv.col[k]
	}
	return tv.precision(kappa, tv.general(kappa.V, pe, tv.pa, func(k, l int) float64 { return tv.col[k] + tv.row[l] }))
}

// scott is scott2.table's variance; with alpha, krippen2.table's (the same with α's p_o).
func (tv *tableVar) scott(pi Value, alpha bool) Precision {
	if !pi.Defined {
		return undefinedPrecision(pi.Reason)
	}
	var pe float64
	for _, p := range tv.pi {
		pe += p * p
	}
	k := pi.V
	if alpha { // krippen2.table linearises the coefficient of the uncorrected p_o
		k = (tv.pa - pe) / (1 - pe)
	}
	return tv.precision(pi, tv.general(k, pe, tv.pa, func(k, l int) float64 { return tv.pi[k] + tv.pi[l] }))
}

func (tv *tableVar) gwetAC1() Estimate {
	q := tv.q
	if q < 2 {
		u := undefined(reasonOneCategory)
		return Estimate{u, undefinedPrecision(u.Reason)}
	}
	var pe float64
	for _, p := range tv.pi {
		pe += p * (1 - p)
	}
	pe /= float64(q - 1)
	ac1 := defined((tv.pa - pe) / (1 - pe))
	b := func(k, l int) float64 { return 2 * (1 - (tv.pi[k]+tv.pi[l])/2) / float64(q-1) }
	return Estimate{ac1, tv.precision(ac1, tv.general(ac1.V, pe, tv.pa, b))}
}

func (tv *tableVar) brennanPrediger() Estimate {
	q := tv.q
	if q < 2 {
		u := undefined(reasonOneCategory)
		return Estimate{u, undefinedPrecision(u.Reason)}
	}
	pe := 1 / float64(q)
	bp := defined((tv.pa - pe) / (1 - pe))
	return Estimate{bp, tv.precision(bp, (tv.pa-tv.pa*tv.pa)/(tv.nf*(1-pe)*(1-pe)))}
}

func (tv *tableVar) krippendorff() Estimate {
	var pe float64
	used := 0
	for _, p := range tv.pi {
		pe += p * p
		if p > 0 {
			used++
		}
	}
	if used < 2 {
		u := undefined(reasonNoVariation)
		return Estimate{u, undefinedPrecision(u.Reason)}
	}
	eps := 1 / (2 * tv.nf)
	pa := (1-eps)*tv.pa + eps
	alpha := defined((pa - pe) / (1 - pe))
	return Estimate{alpha, tv.scott(alpha, true)}
}
