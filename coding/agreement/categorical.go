package agreement

import "fmt"

// Reasons shared by several statistics.
const (
	reasonNoUnits2    = "no unit was reviewed by two or more coders"
	reasonOneCategory = "fewer than two categories were available to the coders"
	reasonNoVariation = "no variation: every rating it uses is in the same category, so chance agreement is 1 and the statistic is 0/0"
)

// catStats holds the sufficient statistics of a categorical rating matrix with missing ratings
// (Gwet 2014, ch. 2 and 4; Krippendorff 2011): units are summarised by their category counts
// r_uk (how many coders put unit u in category k) and r_u = Σ_k r_uk. Integer sums are kept by
// r_u so that the finished figures do not depend on the order of the units.
type catStats struct {
	q        int
	maxR     int
	unitsByR []int64   // units with r_u = r
	agreeByR []int64   // Σ over units with r_u = r of Σ_k r_uk(r_uk−1)
	piByR    []int64   // [r*q+k]: Σ over units with r_u = r of r_uk
	coinc    []float64 // q×q coincidence matrix o_ck = Σ_{u: r_u≥2} r_uc(r_uk − [c=k])/(r_u − 1)
}

func newCatStats(q, maxR int) *catStats {
	return &catStats{
		q:        q,
		maxR:     maxR,
		unitsByR: make([]int64, maxR+1),
		agreeByR: make([]int64, maxR+1),
		piByR:    make([]int64, (maxR+1)*q),
		coinc:    make([]float64, q*q),
	}
}

// add records w units with the same profile: r_u = r and counts cnt[k] for the categories in
// cats (the categories with cnt[k] > 0, each once).
func (s *catStats) add(cats []int32, cnt []int32, r int, w int64) {
	if r <= 0 || w == 0 {
		return
	}
	s.unitsByR[r] += w
	row := s.piByR[r*s.q : (r+1)*s.q]
	var agree int64
	for _, c := range cats {
		n := int64(cnt[c])
		row[c] += w * n
		agree += n * (n - 1)
	}
	if r < 2 {
		return
	}
	s.agreeByR[r] += w * agree
	inv := float64(w) / float64(r-1)
	for _, c := range cats {
		nc := int64(cnt[c])
		base := s.coinc[int(c)*s.q : int(c+1)*s.q]
		for _, k := range cats {
			p := nc * int64(cnt[k])
			if c == k {
				p = nc * (nc - 1)
			}
			if p != 0 {
				base[k] += float64(p) * inv
			}
		}
	}
}

// units returns the number of units with at least one rating and with at least two.
func (s *catStats) units() (n1, n2 int64) {
	for r := 1; r <= s.maxR; r++ {
		n1 += s.unitsByR[r]
		if r >= 2 {
			n2 += s.unitsByR[r]
		}
	}
	return
}

// percentAgreement is Gwet's p_a: the mean over units rated by two or more coders of the share
// of agreeing ordered pairs, Σ_k r_uk(r_uk−1) / (r_u(r_u−1)).
func (s *catStats) percentAgreement() (float64, bool) {
	_, n2 := s.units()
	if n2 == 0 {
		return 0, false
	}
	var sum float64
	for r := 2; r <= s.maxR; r++ {
		if s.agreeByR[r] != 0 {
			sum += float64(s.agreeByR[r]) / float64(r*(r-1))
		}
	}
	return sum / float64(n2), true
}

// classification is π_k = (1/n₁) Σ_{u: r_u≥1} r_uk/r_u, Gwet's probability that a rater
// classifies a unit into category k, from every unit with at least one rating.
func (s *catStats) classification() []float64 {
	n1, _ := s.units()
	pi := make([]float64, s.q)
	if n1 == 0 {
		return pi
	}
	for r := 1; r <= s.maxR; r++ {
		row := s.piByR[r*s.q : (r+1)*s.q]
		for k, v := range row {
			if v != 0 {
				pi[k] += float64(v) / float64(r)
			}
		}
	}
	for k := range pi {
		pi[k] /= float64(n1)
	}
	return pi
}

// categoriesUsed counts the categories that received at least one rating.
func (s *catStats) categoriesUsed() int {
	used := 0
	for k := 0; k < s.q; k++ {
		for r := 1; r <= s.maxR; r++ {
			if s.piByR[r*s.q+k] != 0 {
				used++
				break
			}
		}
	}
	return used
}

func (s *catStats) percentAgreementValue() Value {
	pa, ok := s.percentAgreement()
	if !ok {
		return undefined(reasonNoUnits2)
	}
	return defined(pa)
}

func (s *catStats) fleissKappa() Value {
	pa, ok := s.percentAgreement()
	if !ok {
		return undefined(reasonNoUnits2)
	}
	if s.categoriesUsed() < 2 {
		return undefined(reasonNoVariation)
	}
	var pe float64
	for _, p := range s.classification() {
		pe += p * p
	}
	return defined((pa - pe) / (1 - pe))
}

func (s *catStats) gwetAC1() Value {
	pa, ok := s.percentAgreement()
	if !ok {
		return undefined(reasonNoUnits2)
	}
	if s.q < 2 {
		return undefined(reasonOneCategory)
	}
	var sum float64
	for _, p := range s.classification() {
		sum += p * (1 - p)
	}
	pe := sum / float64(s.q-1)
	return defined((pa - pe) / (1 - pe))
}

func (s *catStats) brennanPrediger() Value {
	pa, ok := s.percentAgreement()
	if !ok {
		return undefined(reasonNoUnits2)
	}
	if s.q < 2 {
		return undefined(reasonOneCategory)
	}
	pe := 1 / float64(s.q)
	return defined((pa - pe) / (1 - pe))
}

// countsStats builds the sufficient statistics from a units × categories count table.
func countsStats(counts [][]int) (*catStats, error) {
	q := -1
	maxR := 0
	for i, row := range counts {
		if q == -1 {
			q = len(row)
		} else if len(row) != q {
			return nil, fmt.Errorf("row %d has %d categories, row 0 has %d", i, len(row), q)
		}
		r := 0
		for _, v := range row {
			if v < 0 {
				return nil, fmt.Errorf("row %d has a negative count", i)
			}
			r += v
		}
		maxR = max(maxR, r)
	}
	if q < 0 {
		q = 0
	}
	s := newCatStats(q, maxR)
	cnt := make([]int32, q)
	cats := make([]int32, 0, q)
	for _, row := range counts {
		r := 0
		cats = cats[:0]
		for k, v := range row {
			if v > 0 {
				cats = append(cats, int32(k))
				cnt[k] = int32(v)
				r += v
			}
		}
		s.add(cats, cnt, r, 1)
		for _, k := range cats {
			cnt[k] = 0
		}
	}
	return s, nil
}

func fromCounts(counts [][]int, f func(*catStats) Value) Value {
	s, err := countsStats(counts)
	if err != nil {
		return undefined("invalid count table: " + err.Error())
	}
	return f(s)
}

// PercentAgreement is the observed agreement p_a of a units × categories count table
// (counts[u][k] = number of coders who put unit u in category k; a unit may have any number of
// ratings, so missing ratings are simply absent):
//
//	p_a = (1/n′) Σ_{u: r_u≥2} Σ_k r_uk(r_uk−1) / (r_u(r_u−1))
//
// over the n′ units with two or more ratings: the mean share of agreeing pairs of ratings. With
// two coders it is the share of units they both reviewed on which they agree. It is a
// proportion in [0, 1]. Gwet, K. L. (2014), Handbook of Inter-Rater Reliability, 4th ed.,
// ch. 2 and 4 (irrCAC's pa.coeff.raw).
func PercentAgreement(counts [][]int) Value {
	return fromCounts(counts, (*catStats).percentAgreementValue)
}

// FleissKappa is Fleiss' κ (Fleiss, J. L. 1971, "Measuring nominal scale agreement among many
// raters", Psychological Bulletin 76(5):378–382) of a units × categories count table, in Gwet's
// generalisation to missing ratings (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.,
// ch. 4 "multiple raters", as in irrCAC's fleiss.kappa.raw):
//
//	κ = (p_a − p_e)/(1 − p_e),  p_e = Σ_k π_k²,  π_k = (1/n) Σ_{u: r_u≥1} r_uk/r_u
//
// with p_a as in PercentAgreement (units with two or more ratings) and π_k from every unit with
// at least one rating. With the same number of ratings on every unit this is Fleiss' (1971)
// κ exactly; with two coders and no missing data it equals Scott's π. Undefined when no unit
// has two ratings or when every rating is in one category (p_e = 1).
func FleissKappa(counts [][]int) Value { return fromCounts(counts, (*catStats).fleissKappa) }

// GwetAC1 is Gwet's first-order agreement coefficient (Gwet, K. L. 2008, "Computing inter-rater
// reliability and its variance in the presence of high agreement", British Journal of
// Mathematical and Statistical Psychology 61:29–48; Gwet 2014, ch. 4, missing ratings as in
// irrCAC's gwet.ac1.raw) of a units × categories count table with q = len(row) categories:
//
//	AC1 = (p_a − p_e)/(1 − p_e),  p_e = Σ_k π_k(1 − π_k) / (q − 1)
//
// with p_a and π_k as in FleissKappa. Undefined when no unit has two ratings or q < 2.
func GwetAC1(counts [][]int) Value { return fromCounts(counts, (*catStats).gwetAC1) }

// BrennanPrediger is Brennan and Prediger's (1981) free-marginal coefficient ("Coefficient
// kappa: some uses, misuses, and alternatives", Educational and Psychological Measurement
// 41:687–699), with chance agreement 1/q for the q = len(row) categories of a units ×
// categories count table:
//
//	BP = (p_a − 1/q)/(1 − 1/q)
//
// with p_a as in PercentAgreement (Gwet's convention for more than two coders and missing
// ratings, irrCAC's bp.coeff.raw). For two categories and two coders it is PABAK (Byrt, Bishop
// and Carlin 1993). Undefined when no unit has two ratings or q < 2.
func BrennanPrediger(counts [][]int) Value { return fromCounts(counts, (*catStats).brennanPrediger) }
