package agreement

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Options controls Compute.
type Options struct {
	Resamples int    // bootstrap resamples for α's 95% interval; 0 or less means 1000
	Seed      uint64 // seed of the bootstrap's generator (the same seed gives the same interval)
	Bootstrap bool   // compute AlphaCI95; without it the interval is null
}

// DefaultResamples is the number of bootstrap resamples when Options.Resamples is not set.
const DefaultResamples = 1000

// Modes of Overall.
const (
	SingleLabel = "single-label"
	MultiLabel  = "multi-label"
)

// Report is everything Compute finds. Its JSON field names are the CLI's contract.
type Report struct {
	Units         int            `json:"units"`
	Coders        []string       `json:"coders"`
	PerCode       []CodeResult   `json:"per_code"`
	Overall       Overall        `json:"overall"`
	Pairwise      []PairResult   `json:"pairwise"`
	Disagreements []Disagreement `json:"disagreements"`
	Notes         []string       `json:"notes"` // conventions, then the reasons for undefined values
}

// CodeResult is the agreement on one code: its presence or absence on each unit (a coder who
// reviewed a unit and did not give the code said "absent"; one who did not review it is
// missing). Each statistic is described at the function of the same name.
type CodeResult struct {
	Code  string         `json:"code"`
	Units int            `json:"units"` // units reviewed by two or more of the coders
	Given map[string]int `json:"given"` // per coder: of those units, how many got the code

	// PercentAgreement is Gwet's p_a, a proportion in [0, 1] (see PercentAgreement).
	PercentAgreement Value `json:"percent_agreement"`
	// CohenKappa is Cohen's κ over the units both coders reviewed (see CohenKappa); with more
	// than two coders, the mean of the pairwise κ and CohenKappaMeanPairwise is set.
	CohenKappa             Value `json:"cohen_kappa"`
	CohenKappaMeanPairwise bool  `json:"cohen_kappa_mean_pairwise"`
	// ScottPi is Scott's π (see ScottPi); two coders only.
	ScottPi Value `json:"scott_pi"`
	// FleissKappa is Fleiss' κ with Gwet's missing-data conventions (see FleissKappa).
	FleissKappa Value `json:"fleiss_kappa"`
	// KrippendorffAlpha is the binary α over pairable values (see KrippendorffAlpha).
	KrippendorffAlpha Value `json:"krippendorff_alpha"`
	// AlphaCI95 is α's 95% bootstrap interval, lower and upper, by Hayes and Krippendorff's
	// (2007) method; undefined unless Options.Bootstrap.
	AlphaCI95 [2]Value `json:"alpha_ci95"`
	// GwetAC1 is Gwet's AC1 with q = 2 (see GwetAC1).
	GwetAC1 Value `json:"gwet_ac1"`
	// BrennanPrediger is (p_a − 1/2)/(1 − 1/2), PABAK for two coders (see BrennanPrediger).
	BrennanPrediger Value `json:"brennan_prediger"`
}

// Overall is the agreement on the codes taken together. In single-label mode (no coder gave
// any unit more than one code) the codebook's codes, plus "no code" when some coder used it,
// are one categorical variable and every statistic is computed on it; in multi-label mode only
// AlphaMASI and PercentAgreement (agreement on identical code sets) are defined.
type Overall struct {
	Mode  string `json:"mode"`  // SingleLabel or MultiLabel
	Units int    `json:"units"` // units reviewed by two or more of the coders

	PercentAgreement       Value `json:"percent_agreement"`
	CohenKappa             Value `json:"cohen_kappa"` // two coders; with more, the mean over pairs
	CohenKappaMeanPairwise bool  `json:"cohen_kappa_mean_pairwise"`
	ScottPi                Value `json:"scott_pi"` // two coders only
	FleissKappa            Value `json:"fleiss_kappa"`
	GwetAC1                Value `json:"gwet_ac1"`
	BrennanPrediger        Value `json:"brennan_prediger"` // q = number of categories
	// Krippendorff's α at each level of measurement; ordinal, interval and ratio need every
	// code name to be a number and no "no code" rating.
	AlphaNominal  Value `json:"krippendorff_alpha_nominal"`
	AlphaOrdinal  Value `json:"krippendorff_alpha_ordinal"`
	AlphaInterval Value `json:"krippendorff_alpha_interval"`
	AlphaRatio    Value `json:"krippendorff_alpha_ratio"`
	// AlphaMASI is α over each coder's whole code set with the MASI distance (Passonneau 2006;
	// see MASIDistance); on single-label data it equals AlphaNominal.
	AlphaMASI Value `json:"krippendorff_alpha_masi"`
	// Confusion holds one table per pair of coders (single-label mode).
	Confusion []Confusion `json:"confusion"`
}

// Confusion is the contingency table of two coders over the units both reviewed (single-label
// mode): Counts[a][b] = units the first coder put in Categories[a] and the second in
// Categories[b].
type Confusion struct {
	Coders     [2]string `json:"coders"`
	Categories []string  `json:"categories"`
	Counts     [][]int   `json:"counts"`
}

// PairResult is every figure for one pair of coders on its own.
type PairResult struct {
	Coders  [2]string    `json:"coders"`
	PerCode []CodeResult `json:"per_code"`
	Overall Overall      `json:"overall"`
}

// Disagreement is a unit on which the coders who reviewed it gave different code sets. Codes
// maps each coder who reviewed the unit to the codes given, in codebook order (an empty list:
// reviewed, no code); a coder who did not review the unit is absent. The maps and code lists
// are shared between disagreements of the same kind and must not be modified.
type Disagreement struct {
	Unit  string              `json:"unit"`
	Codes map[string][]string `json:"codes"`
}

// NoCodeCategory names the "reviewed, no code" category in confusion tables.
const NoCodeCategory = "(no code)"

// parallel runs the tasks on up to GOMAXPROCS goroutines, longest first as given.
func parallel(tasks []func()) {
	workers := min(runtime.GOMAXPROCS(0), len(tasks))
	if workers <= 1 {
		for _, t := range tasks {
			t()
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(tasks) {
					return
				}
				tasks[i]()
			}
		})
	}
	wg.Wait()
}

// Compute computes every figure of the report. It never fails: statistics that cannot be
// computed are undefined with a reason, listed in Notes. Data that fails Validate gives a
// report whose Notes say why.
func Compute(d Data, opt Options) Report {
	rep := Report{
		Units:         len(d.Units),
		Coders:        append([]string{}, d.Coders...),
		PerCode:       []CodeResult{},
		Pairwise:      []PairResult{},
		Disagreements: []Disagreement{},
	}
	for _, k := range ConventionKeys {
		rep.Notes = append(rep.Notes, conventions[k])
	}
	if opt.Resamples <= 0 {
		opt.Resamples = DefaultResamples
	}
	if err := d.Validate(); err != nil {
		rep.Notes = append(rep.Notes, "The data is invalid, so nothing was computed: "+err.Error())
		rep.Overall = undefinedOverall(SingleLabel, "the data is invalid: "+err.Error())
		return rep
	}
	p := prepare(&d)
	c := &computer{p: p, opt: opt}
	c.numeric, c.numericWhy = numericValues(d.Codes)

	all := make([]int, p.nC)
	for i := range all {
		all[i] = i
	}
	// The analyses are independent reads of the data: run them on every core.
	// Pairwise figures grow with the square of the coders: past MaxPairwiseCoders they are
	// left out (Notes says so), and Cohen's κ, the mean over pairs, with them.
	var subs [][]int
	if p.nC <= MaxPairwiseCoders {
		for a := 0; a < p.nC; a++ {
			for b := a + 1; b < p.nC; b++ {
				subs = append(subs, []int{a, b})
			}
		}
	}
	subs = append(subs, all)
	nPairs := len(subs) - 1
	c.confusion = p.multi || nPairs*(p.nK+1)*(p.nK+1) <= MaxConfusionCells
	results := make([]analysis, len(subs))
	var disagreements []Disagreement
	tasks := make([]func(), 0, len(subs)+1)
	tasks = append(tasks, func() { disagreements = p.disagreements() })
	for i := range subs {
		tasks = append(tasks, func() { results[i] = c.analyze(subs[i]) })
	}
	parallel(tasks)
	pairs, main := results[:len(results)-1], results[len(results)-1]
	if p.nC > MaxPairwiseCoders {
		u := undefined(reasonTooManyPairs)
		for k := range main.perCode {
			main.perCode[k].CohenKappa = u
			main.perCode[k].CohenKappaMeanPairwise = true
		}
		if !p.multi {
			main.overall.CohenKappa = u
			main.overall.CohenKappaMeanPairwise = true
		}
	} else if p.nC > 2 {
		for k := range main.perCode {
			vals := make([]Value, len(pairs))
			for i, pr := range pairs {
				vals[i] = pr.perCode[k].CohenKappa
			}
			main.perCode[k].CohenKappa = c.meanPairwise(pairs, vals)
			main.perCode[k].CohenKappaMeanPairwise = true
		}
		if !p.multi {
			vals := make([]Value, len(pairs))
			for i, pr := range pairs {
				vals[i] = pr.overall.CohenKappa
			}
			main.overall.CohenKappa = c.meanPairwise(pairs, vals)
			main.overall.CohenKappaMeanPairwise = true
		}
	}
	if !p.multi && p.nC > 2 {
		for _, pr := range pairs {
			main.overall.Confusion = append(main.overall.Confusion, pr.overall.Confusion...)
		}
	}
	rep.PerCode = main.perCode
	rep.Overall = main.overall
	for _, pr := range pairs {
		rep.Pairwise = append(rep.Pairwise, PairResult{
			Coders:  [2]string{d.Coders[pr.sub[0]], d.Coders[pr.sub[1]]},
			PerCode: pr.perCode,
			Overall: pr.overall,
		})
	}
	rep.Disagreements = disagreements
	rep.Notes = append(rep.Notes, c.notes(&rep)...)
	return rep
}

// OverallAlpha is Krippendorff's α of single-label data at a level of measurement: the codes
// as one categorical variable with "no code" as a category, exactly as Compute's
// Overall.AlphaNominal (and ordinal, interval, ratio) — without the rest of the report. It is
// undefined for multi-label data and for invalid data.
func OverallAlpha(d Data, level Level) Value {
	if len(d.Coders) < 2 {
		return undefined("agreement needs two or more coders")
	}
	all := make([]int, len(d.Coders))
	for i := range all {
		all[i] = i
	}
	cc, err := countCategories(&d, all)
	if err == errMulti {
		return undefined(reasonMulti)
	}
	if err != nil {
		return undefined("the data is invalid: " + err.Error())
	}
	st, _ := cc.trimmed()
	var values []float64
	if level != Nominal {
		var why string
		if values, why = numericValues(d.Codes); why != "" {
			return undefined(why)
		}
		if cc.noCode {
			return undefined(reasonNoCodeNumeric)
		}
	}
	return alphaFromCoincidences(st.coinc, st.q, level, values).alpha
}

// MaxPairwiseCoders is the most coders for which Compute gives the pairwise figures (a
// coder's agreement with each other coder, and Cohen's κ as the mean over the pairs): they grow
// with the square of the coders: 45 pairs at 10 coders, 4,950 at 100. Studies code with two to five.
const MaxPairwiseCoders = 10

var reasonTooManyPairs = fmt.Sprintf("with more than %d coders the pairwise figures, and so the mean of the pairwise κ, are not computed (choose fewer coders to see them); Fleiss' κ, α and AC1 are the figures for many coders", MaxPairwiseCoders)

// MaxConfusionCells bounds the confusion tables of a report (pairs × categories²): past it,
// single-label data gets none (Notes says so). 4,000,000 cells hold the tables of 3 coders
// with 1,000 codes, or of 10 coders with 297.
const MaxConfusionCells = 4_000_000

type computer struct {
	confusion  bool // the report holds the pairs' confusion tables
	p          *prepared
	opt        Options
	numeric    []float64 // code names as numbers, when all are
	numericWhy string
}

type analysis struct {
	sub     []int
	n2      int64 // units reviewed by ≥ 2 coders of sub
	perCode []CodeResult
	overall Overall
}

func (c *computer) coderNames(sub []int) string {
	names := make([]string, len(sub))
	for i, j := range sub {
		names[i] = c.p.d.Coders[j]
	}
	return strings.Join(names, "\x00")
}

// analyze computes the per-code and overall figures of the coders in sub.
func (c *computer) analyze(sub []int) analysis {
	p := c.p
	an := analysis{sub: sub, perCode: make([]CodeResult, p.nK)}
	s := len(sub)
	fewCoders := ""
	switch s {
	case 0:
		fewCoders = "the data has no coders"
	case 1:
		fewCoders = "agreement needs two or more coders; the data has one"
	}
	cc := p.countCodes(sub)
	for r := 2; r <= s; r++ {
		an.n2 += cc.unitsByR[r]
	}
	for k := 0; k < p.nK; k++ {
		cr := CodeResult{Code: p.d.Codes[k], Units: int(an.n2), Given: make(map[string]int, s)}
		for si, j := range sub {
			cr.Given[p.d.Coders[j]] = int(cc.given[si*p.nK+k])
		}
		if fewCoders != "" {
			u := undefined(fewCoders)
			cr.PercentAgreement, cr.CohenKappa, cr.ScottPi, cr.FleissKappa = u, u, u, u
			cr.KrippendorffAlpha, cr.GwetAC1, cr.BrennanPrediger = u, u, u
			cr.AlphaCI95 = [2]Value{u, u}
			an.perCode[k] = cr
			continue
		}
		st := cc.binaryStats(k)
		cr.PercentAgreement = st.percentAgreementValue()
		cr.FleissKappa = st.fleissKappa()
		cr.GwetAC1 = st.gwetAC1()
		cr.BrennanPrediger = st.brennanPrediger()
		fit := alphaFromCoincidences(st.coinc, 2, Nominal, nil)
		cr.KrippendorffAlpha = fit.alpha
		if c.opt.Bootstrap {
			cr.AlphaCI95 = fit.bootstrap(cc.pairs(), c.opt.Resamples, c.rng(p.d.Codes[k], sub))
		} else {
			cr.AlphaCI95 = [2]Value{undefined(reasonNoBootstrap), undefined(reasonNoBootstrap)}
		}
		if s == 2 {
			t := cc.pairTable(k)
			cr.CohenKappa = CohenKappa(t)
			cr.ScottPi = ScottPi(t)
		} else {
			cr.CohenKappa = undefined("not computed") // filled in with the mean over pairs
			cr.ScottPi = undefined(reasonScottMany)
		}
		an.perCode[k] = cr
	}
	an.overall = c.overall(sub, an.n2, fewCoders)
	return an
}

const (
	reasonNoBootstrap   = "the bootstrap was not requested"
	reasonScottMany     = "Scott's π is for two coders; with more, Fleiss' κ is its generalisation (see the pairwise figures for π of each pair)"
	reasonNoCodeNumeric = "some coder reviewed a unit and gave no code, and \"no code\" has no place on a numeric scale"
	reasonMulti         = "multi-label data: some coder gave a unit more than one code, so the codes are not one categorical variable (see the per-code figures and the MASI α)"
)

// rng is the bootstrap's generator for one code and subset of coders: seeded by Options.Seed
// and the names, so a code's interval does not depend on the order of codes or coders.
func (c *computer) rng(code string, sub []int) *rand.PCG {
	h := fnv.New64a()
	h.Write([]byte(code))
	h.Write([]byte{0})
	h.Write([]byte(c.coderNames(sub)))
	return rand.NewPCG(c.opt.Seed, h.Sum64())
}

func undefinedOverall(mode, reason string) Overall {
	u := undefined(reason)
	return Overall{
		Mode: mode, PercentAgreement: u, CohenKappa: u, ScottPi: u, FleissKappa: u, GwetAC1: u,
		BrennanPrediger: u, AlphaNominal: u, AlphaOrdinal: u, AlphaInterval: u, AlphaRatio: u,
		AlphaMASI: u, Confusion: []Confusion{},
	}
}

func (c *computer) overall(sub []int, n2 int64, fewCoders string) Overall {
	p := c.p
	mode := SingleLabel
	if p.multi {
		mode = MultiLabel
	}
	if fewCoders != "" {
		o := undefinedOverall(mode, fewCoders)
		o.CohenKappaMeanPairwise = len(sub) > 2
		return o
	}
	if p.multi {
		ms := p.masiAlpha(sub)
		o := undefinedOverall(mode, reasonMulti)
		o.Units = int(n2)
		o.PercentAgreement = ms.pa
		o.AlphaMASI = ms.alpha
		o.CohenKappaMeanPairwise = len(sub) > 2
		return o
	}
	categories := append([]string{}, p.d.Codes...)
	if p.noCode {
		categories = append(categories, NoCodeCategory)
	}
	counts, err := countCategories(p.d, sub)
	if err != nil { // Validate passed and the data is single-label: cannot happen
		return undefinedOverall(mode, "internal error: "+err.Error())
	}
	counts.noCode = p.noCode // q counts "no code" when any coder used it
	st, conf := counts.trimmed()
	q := st.q
	o := Overall{Mode: mode, Units: int(n2), Confusion: []Confusion{}}
	o.PercentAgreement = st.percentAgreementValue()
	o.FleissKappa = st.fleissKappa()
	o.GwetAC1 = st.gwetAC1()
	o.BrennanPrediger = st.brennanPrediger()
	o.AlphaNominal = alphaFromCoincidences(st.coinc, q, Nominal, nil).alpha
	// On single-label data every two different code sets (one code, or none) are disjoint, at
	// MASI distance 1: the MASI α is the nominal α, and comparing every two sets is needless.
	o.AlphaMASI = o.AlphaNominal
	switch {
	case c.numericWhy != "":
		u := undefined(c.numericWhy)
		o.AlphaOrdinal, o.AlphaInterval, o.AlphaRatio = u, u, u
	case p.noCode:
		u := undefined(reasonNoCodeNumeric)
		o.AlphaOrdinal, o.AlphaInterval, o.AlphaRatio = u, u, u
	default:
		o.AlphaOrdinal = alphaFromCoincidences(st.coinc, q, Ordinal, c.numeric).alpha
		o.AlphaInterval = alphaFromCoincidences(st.coinc, q, Interval, c.numeric).alpha
		o.AlphaRatio = alphaFromCoincidences(st.coinc, q, Ratio, c.numeric).alpha
	}
	if len(sub) == 2 {
		t := make([][]int, q)
		for a := range t {
			t[a] = make([]int, q)
			for b := range t[a] {
				t[a][b] = int(conf[a*q+b])
			}
		}
		o.CohenKappa = CohenKappa(t)
		o.ScottPi = ScottPi(t)
		if !c.confusion {
			return o
		}
		o.Confusion = []Confusion{{
			Coders:     [2]string{p.d.Coders[sub[0]], p.d.Coders[sub[1]]},
			Categories: categories,
			Counts:     t,
		}}
	} else {
		o.CohenKappa = undefined("not computed")
		o.ScottPi = undefined(reasonScottMany)
	}
	return o
}

// meanPairwise is the mean of a statistic over the pairs of coders that reviewed a unit in
// common; undefined if it is undefined for any of them.
func (c *computer) meanPairwise(pairs []analysis, vals []Value) Value {
	var sum float64
	n := 0
	for i, pr := range pairs {
		if pr.n2 == 0 {
			continue
		}
		v := vals[i]
		if !v.Defined {
			return undefined(fmt.Sprintf("Cohen's κ is undefined for coders %s and %s (%s), so the mean over pairs is undefined; see the pairwise figures",
				c.p.d.Coders[pr.sub[0]], c.p.d.Coders[pr.sub[1]], v.Reason))
		}
		sum += v.V
		n++
	}
	if n == 0 {
		return undefined("no two coders reviewed a unit in common")
	}
	return defined(sum / float64(n))
}

// numericValues parses every code name as a number, for ordinal, interval and ratio α.
func numericValues(codes []string) ([]float64, string) {
	if len(codes) == 0 {
		return nil, "the codebook has no codes"
	}
	vals := make([]float64, len(codes))
	for i, name := range codes {
		v, err := strconv.ParseFloat(strings.TrimSpace(name), 64)
		if err != nil {
			return nil, fmt.Sprintf("the code %q is not a number (ordinal, interval and ratio α need numeric codes)", name)
		}
		vals[i] = v
	}
	return vals, ""
}

// disagreements lists the units whose reviewers gave different code sets. A first pass
// counts them, so the list and the per-coder entries are allocated once.
func (p *prepared) disagreements() []Disagreement {
	differs := func(u int) (bool, int) {
		ids := p.setID[u*p.nC : (u+1)*p.nC]
		first, r := int32(-1), 0
		differ := false
		for _, id := range ids {
			if id < 0 {
				continue
			}
			if r == 0 {
				first = id
			} else if id != first {
				differ = true
			}
			r++
		}
		return differ, r
	}
	units := 0
	for u := 0; u < p.nU; u++ {
		if ok, _ := differs(u); ok {
			units++
		}
	}
	out := make([]Disagreement, 0, units)
	names := make([][]string, p.nSets)
	// Units with the same codes from the same coders share one map: a few hundred kinds of
	// disagreement among a hundred thousand units cost a few hundred maps, not 50 MB.
	shared := map[string]map[string][]string{}
	key := make([]byte, 0, 4*p.nC)
	for u := 0; u < p.nU; u++ {
		ok, r := differs(u)
		if !ok {
			continue
		}
		ids := p.setID[u*p.nC : (u+1)*p.nC]
		key = key[:0]
		for _, id := range ids {
			key = binary.LittleEndian.AppendUint32(key, uint32(id))
		}
		if m, ok := shared[string(key)]; ok {
			out = append(out, Disagreement{Unit: p.d.Units[u], Codes: m})
			continue
		}
		m := make(map[string][]string, r)
		shared[string(key)] = m
		for j, id := range ids {
			if id < 0 {
				continue
			}
			if names[id] == nil {
				names[id] = p.setNames(id)
			}
			m[p.d.Coders[j]] = names[id]
		}
		out = append(out, Disagreement{Unit: p.d.Units[u], Codes: m})
	}
	return out
}
