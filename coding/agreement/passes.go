package agreement

import (
	"errors"
	"fmt"
)

// codeCounts are the per-code sufficient statistics of a subset of coders, from one pass over
// the units: for each code, how many units had r reviewers of whom k gave the code.
type codeCounts struct {
	s        int
	nK       int
	hist     []int64 // [c*(s+1)*(s+1) + r*(s+1) + k]
	unitsByR []int64 // units with r reviewers in the subset
	given    []int64 // [si*nK + c]: units with ≥ 2 reviewers on which coder sub[si] gave code c
	givenAll []int64 // [si*nK + c]: units on which coder sub[si] gave code c
	reviewed []int64 // [si]: units coder sub[si] reviewed
	conger   *congerCodeStats
}

func (cc *codeCounts) at(c, r, k int) int64 {
	return cc.hist[c*(cc.s+1)*(cc.s+1)+r*(cc.s+1)+k]
}

// countCodes makes one pass over the units for the coders in sub. Per unit it touches only the
// codes given, so the cost is proportional to the cells plus the codes given.
func (p *prepared) countCodes(sub []int) *codeCounts {
	s := len(sub)
	ss := (s + 1) * (s + 1)
	cc := &codeCounts{
		s:        s,
		nK:       p.nK,
		hist:     make([]int64, p.nK*ss),
		unitsByR: make([]int64, s+1),
		given:    make([]int64, s*p.nK),
		givenAll: make([]int64, s*p.nK),
		reviewed: make([]int64, s),
	}
	// Conger's κ's per-code variance needs who gave each code with whom (see conger.go).
	var givers []uint32
	if s >= 2 && s <= maxCongerCodeCoders {
		cc.conger = newCongerCodeStats(s, p.nK)
		givers = make([]uint32, p.nK)
	}
	kcount := make([]int32, p.nK)
	touched := make([]int32, 0, p.nK)
	cells := p.d.Cells
	for u := range cells {
		row := cells[u]
		r := 0
		var rev uint32
		for si, j := range sub {
			if row[j].Reviewed {
				r++
				rev |= 1 << (si & 31)
			}
		}
		if r == 0 {
			continue
		}
		cc.unitsByR[r]++
		for si, j := range sub {
			cell := &row[j]
			if !cell.Reviewed {
				continue
			}
			cc.reviewed[si]++
			if r < 2 {
				all := cc.givenAll[si*p.nK : (si+1)*p.nK]
				for _, c := range cell.Codes {
					if kcount[c] == 0 {
						touched = append(touched, int32(c))
					}
					kcount[c]++
					all[c]++
				}
				continue
			}
			g := cc.given[si*p.nK : (si+1)*p.nK]
			bit := uint32(1) << (si & 31)
			for _, c := range cell.Codes {
				if kcount[c] == 0 {
					touched = append(touched, int32(c))
				}
				kcount[c]++
				g[c]++
				if givers != nil {
					givers[c] |= bit
				}
			}
		}
		if cs := cc.conger; cs != nil {
			cs.masks[rev]++
			if r >= 2 {
				if pat := cs.patterns; pat != nil {
					for _, c := range touched {
						pat[int(c)<<(2*s)|int(givers[c]<<s|rev)]++
						givers[c] = 0
					}
				} else {
					for _, c := range touched {
						cs.add(int(c), s, rev, givers[c], 1)
						givers[c] = 0
					}
				}
			}
		}
		for _, c := range touched {
			cc.hist[int(c)*ss+r*(s+1)+int(kcount[c])]++
			kcount[c] = 0
		}
		touched = touched[:0]
	}
	if cc.conger != nil {
		cc.conger.finish(s, p.nK)
	}
	for i, v := range cc.given { // givenAll held the units of one reviewer
		cc.givenAll[i] += v
	}
	// Units on which nobody gave the code: the rest of each r.
	for c := 0; c < p.nK; c++ {
		h := cc.hist[c*ss : (c+1)*ss]
		for r := 1; r <= s; r++ {
			var rest int64
			for k := 1; k <= r; k++ {
				rest += h[r*(s+1)+k]
			}
			h[r*(s+1)] = cc.unitsByR[r] - rest
		}
	}
	return cc
}

// binaryStats is the presence/absence rating matrix of one code (category 0 = absent,
// 1 = present) as sufficient statistics.
func (cc *codeCounts) binaryStats(c int) *catStats {
	st := newCatStats(2, cc.s)
	cnt := make([]int32, 2)
	cats := make([]int32, 0, 2)
	for r := 1; r <= cc.s; r++ {
		for k := 0; k <= r; k++ {
			w := cc.at(c, r, k)
			if w == 0 {
				continue
			}
			cnt[0], cnt[1] = int32(r-k), int32(k)
			cats = cats[:0]
			if r-k > 0 {
				cats = append(cats, 0)
			}
			if k > 0 {
				cats = append(cats, 1)
			}
			st.add(cats, cnt, r, w)
		}
	}
	return st
}

// pairTable is the 2×2 table (present, absent) × (present, absent) of code c for a subset of
// exactly two coders, over the units both reviewed.
func (cc *codeCounts) pairTable(c int) [][]int {
	n11 := cc.at(c, 2, 2)
	n00 := cc.at(c, 2, 0)
	n10 := cc.given[c] - n11
	n01 := cc.given[cc.nK+c] - n11
	return [][]int{{int(n11), int(n10)}, {int(n01), int(n00)}}
}

// pairs is Σ_u m_u(m_u − 1)/2 over units with two or more reviewers.
func (cc *codeCounts) pairs() int64 {
	var n int64
	for r := 2; r <= cc.s; r++ {
		n += cc.unitsByR[r] * int64(r*(r-1)/2)
	}
	return n
}

// catCounts is the result of countCategories.
type catCounts struct {
	st      *catStats // q = nK + 1 categories; the last is "reviewed, no code"
	conf    []int64   // two coders: (nK+1)×(nK+1) contingency table
	noCode  bool      // some coder of sub reviewed a unit and gave no code
	classif []int64   // [si*(nK+1) + c]: units coder sub[si] put in category c
	prof    []int64   // the profile table, when countCategories used one (see visitCoders)
	base    int       // its base: nK + 2
}

// countCategories makes one pass over the units for single-label data: per unit the category
// counts of the coders in sub (category nK: reviewed, no code), and for two coders their
// contingency table. It checks what it reads: a row of the wrong length, a code out of range
// or a cell with more than one code is an error (errMulti for the latter).
func countCategories(d *Data, sub []int) (catCounts, error) {
	s := len(sub)
	nK := int32(len(d.Codes))
	q := int(nK) + 1
	// With few coders and categories, count each unit's profile (the category of every coder,
	// or missing) in a table and add each distinct profile once, weighted: a few operations
	// per unit instead of the full per-unit bookkeeping.
	base := q + 1
	size := 1
	for range sub {
		size *= base
		if size > profileLimit {
			size = 0
			break
		}
	}
	var prof []int64
	if size > 0 {
		prof = make([]int64, size)
	}
	st := newCatStats(q, s)
	var conf []int64
	if s == 2 {
		conf = make([]int64, q*q)
	}
	cnt := make([]int32, q)
	cats := make([]int32, 0, s)
	classif := make([]int64, s*q)
	var pair [2]int32
	noCode := false
	for u, row := range d.Cells {
		if len(row) != len(d.Coders) {
			return catCounts{}, fmt.Errorf("unit %d has %d cells for %d coders", u, len(row), len(d.Coders))
		}
		r, key, mul := 0, 0, 1
		for si, j := range sub {
			cell := &row[j]
			if !cell.Reviewed {
				mul *= base
				continue
			}
			c := nK
			switch len(cell.Codes) {
			case 0:
				noCode = true
			case 1:
				c = int32(cell.Codes[0])
				if c < 0 || c >= nK {
					return catCounts{}, fmt.Errorf("unit %d: code index %d is out of range", u, c)
				}
			default:
				return catCounts{}, errMulti
			}
			r++
			if prof != nil {
				key += (int(c) + 1) * mul
				mul *= base
				continue
			}
			classif[si*q+int(c)]++
			if r <= 2 {
				pair[r-1] = c
			}
			if cnt[c] == 0 {
				cats = append(cats, c)
			}
			cnt[c]++
		}
		if prof != nil {
			prof[key]++
			continue
		}
		if r == 0 {
			continue
		}
		st.add(cats, cnt, r, 1)
		if conf != nil && r == 2 {
			conf[int(pair[0])*q+int(pair[1])]++
		}
		for _, c := range cats {
			cnt[c] = 0
		}
		cats = cats[:0]
	}
	for key, w := range prof {
		if w == 0 {
			continue
		}
		r := 0
		for i, x := 0, key; i < s; i, x = i+1, x/base {
			v := x % base
			if v == 0 {
				continue
			}
			c := int32(v - 1)
			classif[i*q+int(c)] += w
			if r < 2 {
				pair[r] = c
			}
			r++
			if cnt[c] == 0 {
				cats = append(cats, c)
			}
			cnt[c]++
		}
		if r > 0 {
			st.add(cats, cnt, r, w)
			if conf != nil && r == 2 {
				conf[int(pair[0])*q+int(pair[1])] += w
			}
		}
		for _, c := range cats {
			cnt[c] = 0
		}
		cats = cats[:0]
	}
	return catCounts{st: st, conf: conf, noCode: noCode, classif: classif, prof: prof, base: base}, nil
}

// visitCoders calls visit for each unit that a coder of sub reviewed, or once for each
// distinct profile with the number of units that have it: cat[si] is the category coder
// sub[si] gave (nK for "no code"), or -1 when the coder did not review the unit. d and sub are
// those countCategories was given, and d is single-label.
func (cc catCounts) visitCoders(d *Data, sub []int, visit func(cat []int32, w int64)) {
	cat := make([]int32, len(sub))
	if cc.prof != nil {
		for key, w := range cc.prof {
			if w == 0 || key == 0 { // key 0: no coder of sub reviewed these units
				continue
			}
			x := key
			for i := range cat {
				cat[i] = int32(x%cc.base) - 1
				x /= cc.base
			}
			visit(cat, w)
		}
		return
	}
	nK := int32(len(d.Codes))
	for _, row := range d.Cells {
		r := 0
		for si, j := range sub {
			cell := &row[j]
			switch {
			case !cell.Reviewed:
				cat[si] = -1
				continue
			case len(cell.Codes) == 0:
				cat[si] = nK
			default:
				cat[si] = int32(cell.Codes[0])
			}
			r++
		}
		if r > 0 {
			visit(cat, 1)
		}
	}
}

// profileLimit bounds the profile table of countCategories ((q+2)^coders entries).
var profileLimit = 1 << 16

var errMulti = errors.New(reasonMulti)

// trimmed drops the last category (no code) when nobody used it, so that q counts only the
// codebook's codes.
func (cc catCounts) trimmed() (*catStats, []int64) {
	if cc.noCode {
		return cc.st, cc.conf
	}
	s := cc.st
	q := s.q - 1
	t := newCatStats(q, s.maxR)
	copy(t.unitsByR, s.unitsByR)
	copy(t.agreeByR, s.agreeByR)
	for r := 0; r <= s.maxR; r++ {
		copy(t.piByR[r*q:(r+1)*q], s.piByR[r*s.q:r*s.q+q])
	}
	for c := 0; c < q; c++ {
		copy(t.coinc[c*q:(c+1)*q], s.coinc[c*s.q:c*s.q+q])
	}
	var conf []int64
	if cc.conf != nil {
		conf = make([]int64, q*q)
		for c := 0; c < q; c++ {
			copy(conf[c*q:(c+1)*q], cc.conf[c*s.q:c*s.q+q])
		}
	}
	return t, conf
}

// masiResult is Krippendorff's α with the MASI distance over code sets, and the agreement on
// identical sets.
type masiResult struct {
	alpha Value
	pa    Value
	n2    int64
}

// MaxMASISets is the most distinct code sets over which masiAlpha computes the MASI α: its
// expected disagreement compares every two of them, two million comparisons at 2,000. A
// real codebook's coders give a few hundred.
const MaxMASISets = 2000

// masiAlpha computes α = 1 − (n.. − 1) Σ_u Σ_{i≠j} δ(S_ui, S_uj)/(m_u − 1) / Σ_{s,t} n_s n_t δ(s, t)
// over the pairable values (code sets of units with two or more reviewers), δ = MASIDistance.
func (p *prepared) masiAlpha(sub []int) masiResult {
	var res masiResult
	nSet := make([]int64, p.nSets)
	ids := make([]int32, 0, len(sub))
	var num, paSum float64
	var n int64
	for u := 0; u < p.nU; u++ {
		base := u * p.nC
		ids = ids[:0]
		for _, j := range sub {
			if id := p.setID[base+j]; id >= 0 {
				ids = append(ids, id)
			}
		}
		r := len(ids)
		if r < 2 {
			continue
		}
		res.n2++
		n += int64(r)
		var d float64
		agree := 0
		for a := 0; a < r; a++ {
			nSet[ids[a]]++
			for b := a + 1; b < r; b++ {
				if ids[a] == ids[b] {
					agree++
					continue
				}
				d += p.distance(ids[a], ids[b])
			}
		}
		num += 2 * d / float64(r-1)
		paSum += float64(2*agree) / float64(r*(r-1))
	}
	if res.n2 == 0 {
		res.alpha = undefined(reasonNoUnits2)
		res.pa = undefined(reasonNoUnits2)
		return res
	}
	res.pa = defined(paSum / float64(res.n2))
	var present []int32
	for id, c := range nSet {
		if c > 0 {
			present = append(present, int32(id))
		}
	}
	if len(present) < 2 {
		res.alpha = undefined(reasonNoVariation)
		return res
	}
	if len(present) > MaxMASISets {
		res.alpha = undefined(fmt.Sprintf("the coders gave %d different code sets, more than the %d whose every two the MASI α compares (choose fewer codes or coders)", len(present), MaxMASISets))
		return res
	}
	var den float64
	for a, s := range present {
		for _, t := range present[a+1:] {
			den += 2 * float64(nSet[s]) * float64(nSet[t]) * p.distance(s, t)
		}
	}
	if den == 0 {
		res.alpha = undefined("no variation: expected disagreement is 0")
		return res
	}
	res.alpha = defined(1 - float64(n-1)*num/den)
	return res
}
