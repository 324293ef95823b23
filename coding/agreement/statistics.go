package agreement

import "slices"

// Statistic is one figure of the report, defined once here for every place that shows it: the
// command line's tables and JSON, the workbook's columns and the window's. A new statistic is
// a new entry of the table below (with its fields in CodeResult and Overall, their JSON keys
// Key, Key_se, Key_ci95 and Key_p), and every one of them shows it.
type Statistic struct {
	// Key is its JSON key in per_code and overall ("gwet_ac1"); its precision's keys add _se,
	// _ci95 and _p. It keys its texts in other languages (the workbook's texts and the window's
	// catalogue hold the labels below, keyed by them).
	Key string
	// Label is the short column label of the command line and the window ("Gwet AC1");
	// LabelMany, when set, the label with more than two coders (Cohen's κ becomes the mean of
	// the pairs' κ).
	Label, LabelMany string
	// Title is the name as a heading (the workbook's headers: "Gwet's AC1"), TitleMany its form
	// with more than two coders.
	Title, TitleMany string
	// Name is the name in a sentence: the notes' "percent agreement", "nominal α".
	Name string
	// Explanation says in plain words what the statistic tells; Convention, when set, how it
	// handles missing data and edge cases (Conventions, the report's notes).
	Explanation, Convention string
	// Applies says which data it is computed for.
	Applies Applies
	// Precision names the irrCAC function whose standard error, 95% interval and p-value the
	// report gives for it (Precision); "" when it has none.
	Precision string
	// Guide: the value is judged by Krippendorff's guide (good ≥ .800, tentative ≥ .667).
	Guide bool
	// Percent: a proportion, shown as a percentage where percentages are shown.
	Percent bool
	// Interval, when set, makes this statistic an interval of the coefficient of that key (its
	// CI95), not a coefficient: α's bootstrap interval.
	Interval string
	// Headline: shown where room is short (the command line's pairwise table).
	Headline bool

	code    func(*CodeResult) Estimate
	overall func(*Overall) Estimate
}

// Applies is the data a statistic is computed for.
type Applies struct {
	PerCode bool // each code, present or absent on each unit (CodeResult)
	Overall bool // the codes taken together (Overall; and each pair's)
	// TwoCoders: defined for two coders only; with more it is undefined, or, with a LabelMany,
	// another figure.
	TwoCoders bool
	// MultiLabel: overall, defined on multi-label data too; otherwise on single-label data only.
	MultiLabel bool
	// Numeric: overall, needs every code's name to be a number.
	Numeric bool
}

// HasPrecision tells whether the report gives the statistic a standard error, 95% interval
// and p-value.
func (s Statistic) HasPrecision() bool { return s.Precision != "" }

// OfCode is the statistic in a code's figures (an interval's in CI95, its Coef undefined);
// the zero Estimate when it is not reported per code.
func (s Statistic) OfCode(cr *CodeResult) Estimate {
	if s.code == nil {
		return Estimate{}
	}
	return s.code(cr)
}

// OfOverall is the statistic in the overall figures, or a pair's (PairResult.Overall); the zero
// Estimate when it is not reported overall.
func (s Statistic) OfOverall(o *Overall) Estimate {
	if s.overall == nil {
		return Estimate{}
	}
	return s.overall(o)
}

// LabelFor is the label for data of that many coders.
func (s Statistic) LabelFor(coders int) string {
	if coders > 2 && s.LabelMany != "" {
		return s.LabelMany
	}
	return s.Label
}

// TitleFor is the title for data of that many coders.
func (s Statistic) TitleFor(coders int) string {
	if coders > 2 && s.TitleMany != "" {
		return s.TitleMany
	}
	return s.Title
}

// For tells whether the statistic has a figure for data of that many coders: false for a
// statistic of two coders only when the data has more. Tables of one data set (the command
// line's, the window's) leave such a statistic out; the workbook keeps its columns, the same in
// every export, and says why they are empty.
func (s Statistic) For(coders int) bool {
	return !(s.Applies.TwoCoders && coders > 2 && s.LabelMany == "")
}

// ForOverall tells whether the statistic has an overall figure for data of that many coders in
// that mode (SingleLabel, MultiLabel).
func (s Statistic) ForOverall(coders int, mode string) bool {
	return s.Applies.Overall && s.For(coders) && (mode != MultiLabel || s.Applies.MultiLabel)
}

// Statistics is the table of statistics, in the order the report shows them. The slice is a
// copy.
func Statistics() []Statistic { return slices.Clone(statistics) }

// StatisticByKey is the statistic of a key, and whether there is one.
func StatisticByKey(key string) (Statistic, bool) {
	for _, s := range statistics {
		if s.Key == key {
			return s, true
		}
	}
	return Statistic{}, false
}

func estimate(v Value, se Value, ci [2]Value, p Value) Estimate {
	return Estimate{Coef: v, Precision: Precision{SE: se, CI95: ci, P: p}}
}

var statistics = []Statistic{
	{
		Key: "percent_agreement", Label: "% agree", Title: "Percent agreement", Name: "percent agreement",
		Explanation: "How often the coders agree, with no allowance for agreement by chance; shown as a percentage, stored as a proportion.",
		Convention: "Percent agreement is a proportion from 0 to 1: the mean, over units " +
			"reviewed by two or more coders, of the share of pairs of coders who agree (Gwet 2014); " +
			"with two coders, the share of the units both reviewed on which they agree.",
		Applies:   Applies{PerCode: true, Overall: true, MultiLabel: true},
		Precision: "pa.coeff.raw", Percent: true, Headline: true,
		code: func(c *CodeResult) Estimate {
			return estimate(c.PercentAgreement, c.PercentAgreementSE, c.PercentAgreementCI95, c.PercentAgreementP)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.PercentAgreement, o.PercentAgreementSE, o.PercentAgreementCI95, o.PercentAgreementP)
		},
	},
	{
		Key: "cohen_kappa", Label: "Cohen κ", LabelMany: "Cohen κ (mean of pairs)",
		Title: "Cohen's κ", TitleMany: "Cohen's κ (mean of pairs)", Name: "Cohen's κ",
		Explanation: "Agreement beyond chance for a pair of coders, chance taken from each coder's own use of the codes: 1 is perfect, 0 is chance level, below 0 worse than chance.",
		Convention: "Cohen's κ uses, for each pair of coders, only the units both reviewed. With " +
			"more than two coders the figure is the mean of the pairwise κ (pairs with no unit in " +
			"common are left out; if κ is undefined for any other pair the mean is undefined).",
		Applies:   Applies{PerCode: true, Overall: true, TwoCoders: true},
		Precision: "kappa2.table", Guide: true, Headline: true,
		code: func(c *CodeResult) Estimate {
			return estimate(c.CohenKappa, c.CohenKappaSE, c.CohenKappaCI95, c.CohenKappaP)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.CohenKappa, o.CohenKappaSE, o.CohenKappaCI95, o.CohenKappaP)
		},
	},
	{
		Key: "conger_kappa", Label: "Conger κ", Title: "Conger's κ", Name: "Conger's κ",
		Explanation: "Cohen's κ for any number of coders: agreement beyond chance, chance taken from each coder's own use of the codes.",
		Convention: "Conger's κ (Conger 1980) is Cohen's κ for any number of coders: chance " +
			"agreement from each coder's own distribution over the units that coder reviewed " +
			"(irrCAC's conger.kappa.raw); with two coders and no missing ratings it is Cohen's κ. " +
			"Coders who reviewed none of the units are left out.",
		Applies:   Applies{PerCode: true, Overall: true},
		Precision: "conger.kappa.raw", Guide: true,
		code: func(c *CodeResult) Estimate {
			return estimate(c.CongerKappa, c.CongerKappaSE, c.CongerKappaCI95, c.CongerKappaP)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.CongerKappa, o.CongerKappaSE, o.CongerKappaCI95, o.CongerKappaP)
		},
	},
	{
		Key: "scott_pi", Label: "Scott π", Title: "Scott's π", Name: "Scott's π",
		Explanation: "Like Cohen's κ, with chance taken from the two coders' pooled use of the codes.",
		Convention: "Scott's π is reported for exactly two coders, over the units both reviewed; " +
			"with more coders see Fleiss' κ, its generalisation, and the pairwise figures.",
		Applies:   Applies{PerCode: true, Overall: true, TwoCoders: true},
		Precision: "scott2.table",
		code: func(c *CodeResult) Estimate {
			return estimate(c.ScottPi, c.ScottPiSE, c.ScottPiCI95, c.ScottPiP)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.ScottPi, o.ScottPiSE, o.ScottPiCI95, o.ScottPiP)
		},
	},
	{
		Key: "fleiss_kappa", Label: "Fleiss κ", Title: "Fleiss' κ", Name: "Fleiss' κ",
		Explanation: "Scott's π extended to any number of coders.",
		Convention: "Fleiss' κ follows Gwet (2014, Handbook of Inter-Rater Reliability, 4th ed.) " +
			"for missing ratings: agreement over the units reviewed by two or more coders, chance " +
			"agreement from every rating, each unit weighted equally (as in R's irrCAC).",
		Applies:   Applies{PerCode: true, Overall: true},
		Precision: "fleiss.kappa.raw", Guide: true,
		code: func(c *CodeResult) Estimate {
			return estimate(c.FleissKappa, c.FleissKappaSE, c.FleissKappaCI95, c.FleissKappaP)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.FleissKappa, o.FleissKappaSE, o.FleissKappaCI95, o.FleissKappaP)
		},
	},
	{
		Key: "krippendorff_alpha", Label: "Kripp. α", Title: "Krippendorff's α", Name: "Krippendorff's α",
		Explanation: "Agreement beyond chance for any number of coders, with missing data. Krippendorff (2004) advises relying on variables with α ≥ .800 " +
			"and drawing only tentative conclusions from .667 ≤ α < .800; the sheets colour α and κ by this guide (green, amber, red).",
		Convention: "Krippendorff's α uses only pairable values (Krippendorff 2011): units " +
			"with values from two or more coders, each unit's pairs weighted 1/(m_u − 1); values on " +
			"units reviewed by one coder are left out.",
		Applies:   Applies{PerCode: true},
		Precision: "krippen.alpha.raw", Guide: true,
		code: func(c *CodeResult) Estimate {
			return estimate(c.KrippendorffAlpha, c.KrippendorffAlphaSE, c.KrippendorffAlphaCI95, c.KrippendorffAlphaP)
		},
	},
	{
		Key: "alpha_ci95", Label: "α bootstrap CI", Title: "Krippendorff's α, bootstrap 95% CI", Name: "α's bootstrap interval",
		Explanation: "The range in which α lies with 95% confidence, estimated by resampling (bootstrap).",
		Convention: "The 95% interval for α is the bootstrap of Hayes and Krippendorff (2007) as " +
			"their KALPHA macro computes it: resampled pairs of pairable values drawn from the " +
			"coincidence matrix (not resampled units), as many pairs per resample as the data has, " +
			"percentile limits (KALPHA 3.0's speed cap of 25 pairs per non-empty cell is not " +
			"applied); the generator is seeded, so the same data gives the same interval.",
		Applies:  Applies{PerCode: true},
		Interval: "krippendorff_alpha",
		code: func(c *CodeResult) Estimate {
			return Estimate{Precision: Precision{CI95: c.AlphaCI95}}
		},
	},
	{
		Key: "gwet_ac1", Label: "Gwet AC1", Title: "Gwet's AC1", Name: "Gwet's AC1",
		Explanation: "A chance-corrected agreement that stays stable when a code is very rare or very common, where κ can be low despite high agreement.",
		Convention: "Gwet's AC1 uses the same conventions as Fleiss' κ (Gwet 2014), with q the " +
			"number of categories: 2 per code (present, absent).",
		Applies:   Applies{PerCode: true, Overall: true},
		Precision: "gwet.ac1.raw", Headline: true,
		code: func(c *CodeResult) Estimate {
			return estimate(c.GwetAC1, c.GwetAC1SE, c.GwetAC1CI95, c.GwetAC1P)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.GwetAC1, o.GwetAC1SE, o.GwetAC1CI95, o.GwetAC1P)
		},
	},
	{
		Key: "brennan_prediger", Label: "Brennan–Prediger", Title: "Brennan–Prediger", Name: "Brennan–Prediger",
		Explanation: "Agreement corrected for chance as if every category were equally likely.",
		Convention: "Brennan–Prediger uses chance agreement 1/q, with agreement over the " +
			"units reviewed by two or more coders (Gwet 2014); per code q = 2, which makes it PABAK.",
		Applies:   Applies{PerCode: true, Overall: true},
		Precision: "bp.coeff.raw",
		code: func(c *CodeResult) Estimate {
			return estimate(c.BrennanPrediger, c.BrennanPredigerSE, c.BrennanPredigerCI95, c.BrennanPredigerP)
		},
		overall: func(o *Overall) Estimate {
			return estimate(o.BrennanPrediger, o.BrennanPredigerSE, o.BrennanPredigerCI95, o.BrennanPredigerP)
		},
	},
	{
		Key: "krippendorff_alpha_nominal", Label: "Kripp. α nominal", Title: "Krippendorff's α (nominal)", Name: "nominal α",
		Explanation: "Krippendorff's α of the codes taken together as one variable whose categories have no order.",
		Applies:     Applies{Overall: true},
		Precision:   "krippen.alpha.raw", Guide: true, Headline: true,
		overall: func(o *Overall) Estimate {
			return estimate(o.AlphaNominal, o.AlphaNominalSE, o.AlphaNominalCI95, o.AlphaNominalP)
		},
	},
	{
		Key: "krippendorff_alpha_ordinal", Label: "Kripp. α ordinal", Title: "Krippendorff's α (ordinal)", Name: "ordinal α",
		Explanation: "Krippendorff's α of the codes taken together as one variable whose categories are ranked (the codes' names are numbers).",
		Applies:     Applies{Overall: true, Numeric: true}, Guide: true,
		overall: func(o *Overall) Estimate { return Estimate{Coef: o.AlphaOrdinal} },
	},
	{
		Key: "krippendorff_alpha_interval", Label: "Kripp. α interval", Title: "Krippendorff's α (interval)", Name: "interval α",
		Explanation: "Krippendorff's α of the codes taken together as one variable whose codes' names are numbers at equal distances.",
		Applies:     Applies{Overall: true, Numeric: true}, Guide: true,
		overall: func(o *Overall) Estimate { return Estimate{Coef: o.AlphaInterval} },
	},
	{
		Key: "krippendorff_alpha_ratio", Label: "Kripp. α ratio", Title: "Krippendorff's α (ratio)", Name: "ratio α",
		Explanation: "Krippendorff's α of the codes taken together as one variable whose codes' names are numbers with a true zero.",
		Applies:     Applies{Overall: true, Numeric: true}, Guide: true,
		overall: func(o *Overall) Estimate { return Estimate{Coef: o.AlphaRatio} },
	},
	{
		Key: "krippendorff_alpha_masi", Label: "Kripp. α MASI", Title: "Krippendorff's α (MASI)", Name: "MASI α",
		Explanation: "Krippendorff's α on each coder's whole set of codes for a turn, with partial credit when the sets overlap.",
		Convention: "The MASI α compares each coder's whole set of codes on a unit " +
			"with Passonneau's (2006) MASI distance; an empty set is a set like any other.",
		Applies: Applies{Overall: true, MultiLabel: true}, Guide: true, Headline: true,
		overall: func(o *Overall) Estimate { return Estimate{Coef: o.AlphaMASI} },
	},
}

// NotedValue is a statistic's value as the notes on undefined values name it.
type NotedValue struct {
	Statistic Statistic
	Value     Value
}

// NotedValues are the values of a code's figures the notes explain when undefined, in the
// table's order: each coefficient; an interval only when the bootstrap ran and its coefficient
// is defined (otherwise a note, or the coefficient's, says why), by its lower limit.
func (cr *CodeResult) NotedValues(bootstrap bool) []NotedValue {
	out := make([]NotedValue, 0, len(statistics))
	for _, s := range statistics {
		if !s.Applies.PerCode {
			continue
		}
		e := s.code(cr)
		if s.Interval != "" {
			base, ok := StatisticByKey(s.Interval)
			if !bootstrap || !ok || !base.OfCode(cr).Coef.Defined {
				continue
			}
			out = append(out, NotedValue{s, e.CI95[0]})
			continue
		}
		out = append(out, NotedValue{s, e.Coef})
	}
	return out
}

// NotedValues are the overall figures' values the notes explain when undefined.
func (o *Overall) NotedValues() []NotedValue {
	out := make([]NotedValue, 0, len(statistics))
	for _, s := range statistics {
		if s.Applies.Overall && s.Interval == "" {
			out = append(out, NotedValue{s, s.overall(o).Coef})
		}
	}
	return out
}

// Precision gaps of a defined coefficient (PrecisionGap).
const (
	GapNone = ""
	GapSE   = "se" // no standard error, so no interval nor p-value
	GapP    = "p"  // a standard error and interval, no p-value
)

// PrecisionGap says which part of the precision of a defined coefficient is missing, and why;
// GapNone when nothing is to be noted: the statistic has no precision, the coefficient is
// undefined (its own note says why), or it is the mean of the pairwise κ (the conventions say
// why it has none).
func (s Statistic) PrecisionGap(e Estimate) (gap, reason string) {
	switch {
	case !s.HasPrecision() || !e.Coef.Defined:
		return GapNone, ""
	case !e.SE.Defined:
		if e.SE.Reason == reasonMeanPairwiseSE {
			return GapNone, ""
		}
		return GapSE, e.SE.Reason
	case !e.P.Defined:
		return GapP, e.P.Reason
	}
	return GapNone, ""
}
