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
	Units         int            `json:"units"`    // units in the data (in scope), reviewed or not
	Reviewed      int            `json:"reviewed"` // units reviewed by at least one coder
	Coders        []string       `json:"coders"`
	PerCode       []CodeResult   `json:"per_code"`
	Overall       Overall        `json:"overall"`
	Pairwise      []PairResult   `json:"pairwise"`
	Disagreements []Disagreement `json:"disagreements"`
	Notes         []string       `json:"notes"` // conventions, then the reasons for undefined values
}

// CodeResult is the agreement on one code: its presence or absence on each unit (a coder who
// reviewed a unit and did not give the code said "absent"; one who did not review it is
// missing). Each statistic is described at the function of the same name. Each coefficient X
// has its standard error XSE, 95% interval XCI95 (lower, upper) and p-value XP by Gwet's
// variance formulas as irrCAC computes them from raw ratings (see Precision); their JSON keys
// are the coefficient's with _se, _ci95 and _p.
type CodeResult struct {
	Code  string         `json:"code"`
	Units int            `json:"units"` // units reviewed by two or more of the coders
	Given map[string]int `json:"given"` // per coder: of those units, how many got the code

	// PercentAgreement is Gwet's p_a, a proportion in [0, 1] (see PercentAgreement); its
	// precision is irrCAC's pa.coeff.raw.
	PercentAgreement     Value    `json:"percent_agreement"`
	PercentAgreementSE   Value    `json:"percent_agreement_se"`
	PercentAgreementCI95 [2]Value `json:"percent_agreement_ci95"`
	PercentAgreementP    Value    `json:"percent_agreement_p"`
	// CohenKappa is Cohen's κ over the units both coders reviewed (see CohenKappa), with
	// irrCAC's kappa2.table precision; with more than two coders, the mean of the pairwise κ,
	// CohenKappaMeanPairwise is set and the precision is undefined (see CongerKappa).
	CohenKappa             Value    `json:"cohen_kappa"`
	CohenKappaSE           Value    `json:"cohen_kappa_se"`
	CohenKappaCI95         [2]Value `json:"cohen_kappa_ci95"`
	CohenKappaP            Value    `json:"cohen_kappa_p"`
	CohenKappaMeanPairwise bool     `json:"cohen_kappa_mean_pairwise"`
	// CongerKappa is Conger's κ, Cohen's κ for two or more coders, with irrCAC's
	// conger.kappa.raw precision (see conger.go).
	CongerKappa     Value    `json:"conger_kappa"`
	CongerKappaSE   Value    `json:"conger_kappa_se"`
	CongerKappaCI95 [2]Value `json:"conger_kappa_ci95"`
	CongerKappaP    Value    `json:"conger_kappa_p"`
	// ScottPi is Scott's π (see ScottPi), with irrCAC's scott2.table precision; two coders
	// only.
	ScottPi     Value    `json:"scott_pi"`
	ScottPiSE   Value    `json:"scott_pi_se"`
	ScottPiCI95 [2]Value `json:"scott_pi_ci95"`
	ScottPiP    Value    `json:"scott_pi_p"`
	// FleissKappa is Fleiss' κ with Gwet's missing-data conventions (see FleissKappa), with
	// irrCAC's fleiss.kappa.raw precision.
	FleissKappa     Value    `json:"fleiss_kappa"`
	FleissKappaSE   Value    `json:"fleiss_kappa_se"`
	FleissKappaCI95 [2]Value `json:"fleiss_kappa_ci95"`
	FleissKappaP    Value    `json:"fleiss_kappa_p"`
	// KrippendorffAlpha is the binary α over pairable values (see KrippendorffAlpha), with
	// irrCAC's krippen.alpha.raw precision.
	KrippendorffAlpha     Value    `json:"krippendorff_alpha"`
	KrippendorffAlphaSE   Value    `json:"krippendorff_alpha_se"`
	KrippendorffAlphaCI95 [2]Value `json:"krippendorff_alpha_ci95"`
	KrippendorffAlphaP    Value    `json:"krippendorff_alpha_p"`
	// AlphaCI95 is α's 95% bootstrap interval, lower and upper, by Hayes and Krippendorff's
	// (2007) method; undefined unless Options.Bootstrap.
	AlphaCI95 [2]Value `json:"alpha_ci95"`
	// GwetAC1 is Gwet's AC1 with q = 2 (see GwetAC1), with irrCAC's gwet.ac1.raw precision.
	GwetAC1     Value    `json:"gwet_ac1"`
	GwetAC1SE   Value    `json:"gwet_ac1_se"`
	GwetAC1CI95 [2]Value `json:"gwet_ac1_ci95"`
	GwetAC1P    Value    `json:"gwet_ac1_p"`
	// BrennanPrediger is (p_a − 1/2)/(1 − 1/2), PABAK for two coders (see BrennanPrediger),
	// with irrCAC's bp.coeff.raw precision.
	BrennanPrediger     Value    `json:"brennan_prediger"`
	BrennanPredigerSE   Value    `json:"brennan_prediger_se"`
	BrennanPredigerCI95 [2]Value `json:"brennan_prediger_ci95"`
	BrennanPredigerP    Value    `json:"brennan_prediger_p"`
}

// Overall is the agreement on the codes taken together. In single-label mode (no coder gave
// any unit more than one code) the codebook's codes, plus "no code" when some coder used it,
// are one categorical variable and every statistic is computed on it; in multi-label mode only
// AlphaMASI and PercentAgreement (agreement on identical code sets) are defined. The
// precision of each coefficient is as in CodeResult; nominal α's is krippen.alpha.raw's.
type Overall struct {
	Mode  string `json:"mode"`  // SingleLabel or MultiLabel
	Units int    `json:"units"` // units reviewed by two or more of the coders

	PercentAgreement       Value    `json:"percent_agreement"`
	PercentAgreementSE     Value    `json:"percent_agreement_se"`
	PercentAgreementCI95   [2]Value `json:"percent_agreement_ci95"`
	PercentAgreementP      Value    `json:"percent_agreement_p"`
	CohenKappa             Value    `json:"cohen_kappa"` // two coders; with more, the mean over pairs
	CohenKappaSE           Value    `json:"cohen_kappa_se"`
	CohenKappaCI95         [2]Value `json:"cohen_kappa_ci95"`
	CohenKappaP            Value    `json:"cohen_kappa_p"`
	CohenKappaMeanPairwise bool     `json:"cohen_kappa_mean_pairwise"`
	CongerKappa            Value    `json:"conger_kappa"`
	CongerKappaSE          Value    `json:"conger_kappa_se"`
	CongerKappaCI95        [2]Value `json:"conger_kappa_ci95"`
	CongerKappaP           Value    `json:"conger_kappa_p"`
	ScottPi                Value    `json:"scott_pi"` // two coders only
	ScottPiSE              Value    `json:"scott_pi_se"`
	ScottPiCI95            [2]Value `json:"scott_pi_ci95"`
	ScottPiP               Value    `json:"scott_pi_p"`
	FleissKappa            Value    `json:"fleiss_kappa"`
	FleissKappaSE          Value    `json:"fleiss_kappa_se"`
	FleissKappaCI95        [2]Value `json:"fleiss_kappa_ci95"`
	FleissKappaP           Value    `json:"fleiss_kappa_p"`
	GwetAC1                Value    `json:"gwet_ac1"`
	GwetAC1SE              Value    `json:"gwet_ac1_se"`
	GwetAC1CI95            [2]Value `json:"gwet_ac1_ci95"`
	GwetAC1P               Value    `json:"gwet_ac1_p"`
	BrennanPrediger        Value    `json:"brennan_prediger"` // q = number of categories
	BrennanPredigerSE      Value    `json:"brennan_prediger_se"`
	BrennanPredigerCI95    [2]Value `json:"brennan_prediger_ci95"`
	BrennanPredigerP       Value    `json:"brennan_prediger_p"`
	// Krippendorff's α at each level of measurement; ordinal, interval and ratio need every
	// code name to be a number and no "no code" rating.
	AlphaNominal     Value    `json:"krippendorff_alpha_nominal"`
	AlphaNominalSE   Value    `json:"krippendorff_alpha_nominal_se"`
	AlphaNominalCI95 [2]Value `json:"krippendorff_alpha_nominal_ci95"`
	AlphaNominalP    Value    `json:"krippendorff_alpha_nominal_p"`
	AlphaOrdinal     Value    `json:"krippendorff_alpha_ordinal"`
	AlphaInterval    Value    `json:"krippendorff_alpha_interval"`
	AlphaRatio       Value    `json:"krippendorff_alpha_ratio"`
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
	conventions := Conventions()
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
	for _, cells := range d.Cells {
		for _, c := range cells {
			if c.Reviewed {
				rep.Reviewed++
				break
			}
		}
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
			cr := &main.perCode[k]
			cr.CohenKappa = u
			undefinedPrecision(u.Reason).into(&cr.CohenKappaSE, &cr.CohenKappaCI95, &cr.CohenKappaP)
			cr.CohenKappaMeanPairwise = true
		}
		if !p.multi {
			o := &main.overall
			o.CohenKappa = u
			undefinedPrecision(u.Reason).into(&o.CohenKappaSE, &o.CohenKappaCI95, &o.CohenKappaP)
			o.CohenKappaMeanPairwise = true
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
	rep.Notes = append(rep.Notes, rep.PrecisionNotes()...)
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
	var n1 int64
	for r := 1; r <= s; r++ {
		n1 += cc.unitsByR[r]
	}
	classif := make([]int64, 2*s)
	for k := 0; k < p.nK; k++ {
		cr := CodeResult{Code: p.d.Codes[k], Units: int(an.n2), Given: make(map[string]int, s)}
		for si, j := range sub {
			cr.Given[p.d.Coders[j]] = int(cc.given[si*p.nK+k])
		}
		if fewCoders != "" {
			cr.setUndefined(undefined(fewCoders))
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
		gv := newGwetVar(st, cr.PercentAgreement, cr.FleissKappa, cr.GwetAC1, cr.BrennanPrediger, cr.KrippendorffAlpha, false)
		cc.histProfiles(k)(gv.add)
		gv.precision(gPA).into(&cr.PercentAgreementSE, &cr.PercentAgreementCI95, &cr.PercentAgreementP)
		gv.precision(gFleiss).into(&cr.FleissKappaSE, &cr.FleissKappaCI95, &cr.FleissKappaP)
		gv.precision(gAC1).into(&cr.GwetAC1SE, &cr.GwetAC1CI95, &cr.GwetAC1P)
		gv.precision(gBP).into(&cr.BrennanPredigerSE, &cr.BrennanPredigerCI95, &cr.BrennanPredigerP)
		gv.precision(gAlpha).into(&cr.KrippendorffAlphaSE, &cr.KrippendorffAlphaCI95, &cr.KrippendorffAlphaP)
		for si := range s { // absent, present
			classif[si*2+1] = cc.givenAll[si*p.nK+k]
			classif[si*2] = cc.reviewed[si] - classif[si*2+1]
		}
		cf := newConger(cr.PercentAgreement, 2, cc.reviewed, classif, n1, an.n2)
		cr.CongerKappa = cf.kappa
		cc.congerCodeSE(&cf, k).into(&cr.CongerKappaSE, &cr.CongerKappaCI95, &cr.CongerKappaP)
		if s == 2 {
			t := cc.pairTable(k)
			tv := newTableVar([]int64{int64(t[0][0]), int64(t[0][1]), int64(t[1][0]), int64(t[1][1])}, 2, int64(t[0][0]+t[0][1]+t[1][0]+t[1][1]))
			cr.CohenKappa = CohenKappa(t)
			cr.ScottPi = ScottPi(t)
			tv.cohen(cr.CohenKappa).into(&cr.CohenKappaSE, &cr.CohenKappaCI95, &cr.CohenKappaP)
			tv.scott(cr.ScottPi, false).into(&cr.ScottPiSE, &cr.ScottPiCI95, &cr.ScottPiP)
		} else {
			cr.CohenKappa = undefined("not computed") // filled in with the mean over pairs
			undefinedPrecision(reasonMeanPairwiseSE).into(&cr.CohenKappaSE, &cr.CohenKappaCI95, &cr.CohenKappaP)
			cr.ScottPi = undefined(reasonScottMany)
			undefinedPrecision(reasonScottMany).into(&cr.ScottPiSE, &cr.ScottPiCI95, &cr.ScottPiP)
		}
		an.perCode[k] = cr
	}
	an.overall = c.overall(sub, an.n2, fewCoders)
	return an
}

const (
	reasonNoBootstrap    = "the bootstrap was not requested"
	reasonScottMany      = "Scott's π is for two coders; with more, Fleiss' κ is its generalisation (see the pairwise figures for π of each pair)"
	reasonNoCodeNumeric  = "some coder reviewed a unit and gave no code, and \"no code\" has no place on a numeric scale"
	reasonMulti          = "multi-label data: some coder gave a unit more than one code, so the codes are not one categorical variable (see the per-code figures and the MASI α)"
	reasonMeanPairwiseSE = "the mean of the pairwise κ has no standard error in Gwet's framework; Conger's κ is the κ of many coders with one"
)

// setUndefined makes every statistic of the result undefined for the reason u.
func (cr *CodeResult) setUndefined(u Value) {
	up := undefinedPrecision(u.Reason)
	cr.PercentAgreement, cr.CohenKappa, cr.CongerKappa, cr.ScottPi, cr.FleissKappa = u, u, u, u, u
	cr.KrippendorffAlpha, cr.GwetAC1, cr.BrennanPrediger = u, u, u
	cr.AlphaCI95 = [2]Value{u, u}
	up.into(&cr.PercentAgreementSE, &cr.PercentAgreementCI95, &cr.PercentAgreementP)
	up.into(&cr.CohenKappaSE, &cr.CohenKappaCI95, &cr.CohenKappaP)
	up.into(&cr.CongerKappaSE, &cr.CongerKappaCI95, &cr.CongerKappaP)
	up.into(&cr.ScottPiSE, &cr.ScottPiCI95, &cr.ScottPiP)
	up.into(&cr.FleissKappaSE, &cr.FleissKappaCI95, &cr.FleissKappaP)
	up.into(&cr.KrippendorffAlphaSE, &cr.KrippendorffAlphaCI95, &cr.KrippendorffAlphaP)
	up.into(&cr.GwetAC1SE, &cr.GwetAC1CI95, &cr.GwetAC1P)
	up.into(&cr.BrennanPredigerSE, &cr.BrennanPredigerCI95, &cr.BrennanPredigerP)
}

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
	o := Overall{
		Mode: mode, PercentAgreement: u, CohenKappa: u, CongerKappa: u, ScottPi: u, FleissKappa: u,
		GwetAC1: u, BrennanPrediger: u, AlphaNominal: u, AlphaOrdinal: u, AlphaInterval: u,
		AlphaRatio: u, AlphaMASI: u, Confusion: []Confusion{},
	}
	o.setCoefficientPrecisions(undefinedPrecision(reason))
	return o
}

// setCoefficientPrecisions gives every coefficient of the overall figures the precision up.
func (o *Overall) setCoefficientPrecisions(up Precision) {
	up.into(&o.PercentAgreementSE, &o.PercentAgreementCI95, &o.PercentAgreementP)
	up.into(&o.CohenKappaSE, &o.CohenKappaCI95, &o.CohenKappaP)
	up.into(&o.CongerKappaSE, &o.CongerKappaCI95, &o.CongerKappaP)
	up.into(&o.ScottPiSE, &o.ScottPiCI95, &o.ScottPiP)
	up.into(&o.FleissKappaSE, &o.FleissKappaCI95, &o.FleissKappaP)
	up.into(&o.GwetAC1SE, &o.GwetAC1CI95, &o.GwetAC1P)
	up.into(&o.BrennanPredigerSE, &o.BrennanPredigerCI95, &o.BrennanPredigerP)
	up.into(&o.AlphaNominalSE, &o.AlphaNominalCI95, &o.AlphaNominalP)
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
		if ms.pa.Defined {
			undefinedPrecision(reasonMultiPA).into(&o.PercentAgreementSE, &o.PercentAgreementCI95, &o.PercentAgreementP)
		}
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
	c.overallPrecision(&o, sub, counts, st)
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
		var n int64
		for _, v := range conf {
			n += v
		}
		tv := newTableVar(conf, q, n)
		tv.cohen(o.CohenKappa).into(&o.CohenKappaSE, &o.CohenKappaCI95, &o.CohenKappaP)
		tv.scott(o.ScottPi, false).into(&o.ScottPiSE, &o.ScottPiCI95, &o.ScottPiP)
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
		undefinedPrecision(reasonMeanPairwiseSE).into(&o.CohenKappaSE, &o.CohenKappaCI95, &o.CohenKappaP)
		o.ScottPi = undefined(reasonScottMany)
		undefinedPrecision(reasonScottMany).into(&o.ScottPiSE, &o.ScottPiCI95, &o.ScottPiP)
	}
	return o
}

const reasonMultiPA = "multi-label data: the agreement on identical code sets has no standard error in Gwet's framework (see the per-code figures)"

// overallPrecision computes the precision of the overall coefficients of single-label data
// (Gwet's, raw ratings) and Conger's κ with its precision, in one visit of the units' profiles.
func (c *computer) overallPrecision(o *Overall, sub []int, counts catCounts, st *catStats) {
	q := st.q
	s := len(sub)
	gv := newGwetVar(st, o.PercentAgreement, o.FleissKappa, o.GwetAC1, o.BrennanPrediger, o.AlphaNominal, false)
	// The coders' classifications, without the "no code" category when trimmed() dropped it.
	full := counts.st.q
	classif := make([]int64, s*q)
	reviewed := make([]int64, s)
	for si := range s {
		for k := range q {
			v := counts.classif[si*full+k]
			classif[si*q+k] = v
			reviewed[si] += v
		}
	}
	n1, n2 := st.units()
	cf := newConger(o.PercentAgreement, q, reviewed, classif, n1, n2)
	pos := cf.positions(s)
	var congerSum float64
	cnt := make([]int32, q)
	cats := make([]int32, 0, s)
	counts.visitCoders(c.p.d, sub, func(cat []int32, w int64) {
		r := 0
		var sumA float64
		for si, k := range cat {
			if k < 0 {
				continue
			}
			r++
			if cnt[k] == 0 {
				cats = append(cats, k)
			}
			cnt[k]++
			if pos[si] >= 0 && cf.a != nil {
				sumA += cf.a[pos[si]*q+int(k)]
			}
		}
		gv.add(cats, cnt, r, w)
		if cf.kappa.Defined {
			var a int64
			for _, k := range cats {
				a += int64(cnt[k]) * int64(cnt[k]-1)
			}
			var paU, ind float64
			if r >= 2 {
				paU, ind = float64(a)/float64(r*(r-1)), 1
			}
			d := cf.deviation(paU, ind, sumA)
			congerSum += float64(w) * d * d
		}
		for _, k := range cats {
			cnt[k] = 0
		}
		cats = cats[:0]
	})
	gv.precision(gPA).into(&o.PercentAgreementSE, &o.PercentAgreementCI95, &o.PercentAgreementP)
	gv.precision(gFleiss).into(&o.FleissKappaSE, &o.FleissKappaCI95, &o.FleissKappaP)
	gv.precision(gAC1).into(&o.GwetAC1SE, &o.GwetAC1CI95, &o.GwetAC1P)
	gv.precision(gBP).into(&o.BrennanPredigerSE, &o.BrennanPredigerCI95, &o.BrennanPredigerP)
	gv.precision(gAlpha).into(&o.AlphaNominalSE, &o.AlphaNominalCI95, &o.AlphaNominalP)
	o.CongerKappa = cf.kappa
	cf.precision(congerSum).into(&o.CongerKappaSE, &o.CongerKappaCI95, &o.CongerKappaP)
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
