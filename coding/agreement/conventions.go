package agreement

// Convention keys, in the order the report's notes list them.
var ConventionKeys = []string{
	"scope",
	"percent_agreement",
	"cohen_kappa",
	"scott_pi",
	"fleiss_kappa",
	"gwet_ac1",
	"brennan_prediger",
	"krippendorff_alpha",
	"alpha_ci95",
	"single_label",
	"krippendorff_alpha_masi",
}

var conventions = map[string]string{
	"scope": "Per-code figures treat each code as present or absent on each unit. A unit counts " +
		"when two or more coders reviewed it; a coder who did not review a unit is missing " +
		"there, while a coder who reviewed it and gave no code said \"absent\" for every code.",
	"percent_agreement": "Percent agreement is a proportion from 0 to 1: the mean, over units " +
		"reviewed by two or more coders, of the share of pairs of coders who agree (Gwet 2014); " +
		"with two coders, the share of the units both reviewed on which they agree.",
	"cohen_kappa": "Cohen's κ uses, for each pair of coders, only the units both reviewed. With " +
		"more than two coders the figure is the mean of the pairwise κ (pairs with no unit in " +
		"common are left out; if κ is undefined for any other pair the mean is undefined).",
	"scott_pi": "Scott's π is reported for exactly two coders, over the units both reviewed; " +
		"with more coders see Fleiss' κ, its generalisation, and the pairwise figures.",
	"fleiss_kappa": "Fleiss' κ follows Gwet (2014, Handbook of Inter-Rater Reliability, 4th ed.) " +
		"for missing ratings: agreement over the units reviewed by two or more coders, chance " +
		"agreement from every rating, each unit weighted equally (as in R's irrCAC).",
	"gwet_ac1": "Gwet's AC1 uses the same conventions as Fleiss' κ (Gwet 2014), with q the " +
		"number of categories: 2 per code (present, absent).",
	"brennan_prediger": "Brennan–Prediger uses chance agreement 1/q, with agreement over the " +
		"units reviewed by two or more coders (Gwet 2014); per code q = 2, which makes it PABAK.",
	"krippendorff_alpha": "Krippendorff's α uses only pairable values (Krippendorff 2011): units " +
		"with values from two or more coders, each unit's pairs weighted 1/(m_u − 1); values on " +
		"units reviewed by one coder are left out.",
	"alpha_ci95": "The 95% interval for α is the bootstrap of Hayes and Krippendorff (2007) as " +
		"their KALPHA macro computes it: resampled pairs of pairable values drawn from the " +
		"coincidence matrix (not resampled units), as many pairs per resample as the data has, " +
		"percentile limits (KALPHA 3.0's speed cap of 25 pairs per non-empty cell is not " +
		"applied); the generator is seeded, so the same data gives the same interval.",
	"single_label": "When no coder gave any unit more than one code, the codes are one " +
		"categorical variable and \"no code\" (a reviewed unit with no code) is a category of " +
		"its own, counted in q only when some coder used it; every codebook code counts in q, " +
		"used or not. Ordinal, interval and ratio α need every code name to be a number and no " +
		"\"no code\" rating.",
	"krippendorff_alpha_masi": "The MASI α compares each coder's whole set of codes on a unit " +
		"with Passonneau's (2006) MASI distance; an empty set is a set like any other.",
}

// Conventions returns, for each key of ConventionKeys, one sentence on how the statistics
// handle missing data and edge cases, for "how missing data was handled" in the CLI and Excel.
// The map is a copy.
func Conventions() map[string]string {
	m := make(map[string]string, len(conventions))
	for k, v := range conventions {
		m[k] = v
	}
	return m
}
