package agreement

// ConventionKeys are the keys of the conventions, in the order the report's notes list them:
// those of the whole report (GeneralConventionKeys), then each statistic's of the table that
// has one (Statistic.Convention), keyed by the statistic's key.
var ConventionKeys = conventionKeys()

// GeneralConventionKeys are the conventions of the whole report rather than of one statistic:
// missing data, the overall figures, the precision.
var GeneralConventionKeys = []string{"scope", "single_label", "precision"}

func conventionKeys() []string {
	keys := append([]string{}, GeneralConventionKeys...)
	for _, s := range statistics {
		if s.Convention != "" {
			keys = append(keys, s.Key)
		}
	}
	return keys
}

var generalConventions = map[string]string{
	"scope": "Per-code figures treat each code as present or absent on each unit. A unit counts " +
		"when two or more coders reviewed it; a coder who did not review a unit is missing " +
		"there, while a coder who reviewed it and gave no code said \"absent\" for every code.",
	"single_label": "When no coder gave any unit more than one code, the codes are one " +
		"categorical variable and \"no code\" (a reviewed unit with no code) is a category of " +
		"its own, counted in q only when some coder used it; every codebook code counts in q, " +
		"used or not. Ordinal, interval and ratio α need every code name to be a number and no " +
		"\"no code\" rating.",
	"precision": "Standard errors, 95% intervals and p-values follow Gwet (2014, Handbook of " +
		"Inter-Rater Reliability, 4th ed.) as R's irrCAC computes them from raw ratings with " +
		"missing values, with no finite-population correction: the interval is the coefficient " +
		"± t(0.975, n − 1) standard errors, n the units reviewed by one coder or more, its upper " +
		"limit capped at 1; the p-value is one-sided, of the test that the coefficient is 0. Two " +
		"coders' Cohen's κ and Scott's π use irrCAC's contingency-table formulas over the units " +
		"both reviewed. The mean of the pairwise κ has none.",
}

// generalExplanations say in plain words what each general convention is about, as
// Statistic.Explanation does for a statistic.
var generalExplanations = map[string]string{
	"scope":        "A coder who did not review a turn is missing there, not counted as disagreeing.",
	"single_label": "When every coder gave each turn at most one code, the codes are treated as one variable with several categories.",
	"precision": "How far each coefficient may be from its value over all the turns that could have been coded: its standard error, " +
		"the range that holds it with 95% confidence, and the chance of a value this high if the coders agreed only by chance (p).",
}

// Conventions returns, for each key of ConventionKeys, one sentence on how the statistics
// handle missing data and edge cases, for "how missing data was handled" in the CLI and Excel.
// The map is a copy.
func Conventions() map[string]string {
	m := make(map[string]string, len(ConventionKeys))
	for k, v := range generalConventions {
		m[k] = v
	}
	for _, s := range statistics {
		if s.Convention != "" {
			m[s.Key] = s.Convention
		}
	}
	return m
}

// Explanation says in plain words what a convention's key is about: a statistic's
// Explanation, or that of a general convention; "" for an unknown key.
func Explanation(key string) string {
	if s, ok := StatisticByKey(key); ok {
		return s.Explanation
	}
	return generalExplanations[key]
}
