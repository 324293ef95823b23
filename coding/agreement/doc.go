// Package agreement measures inter-coder agreement on turn-by-turn coded transcripts. It is
// pure statistics: no I/O, no state.
//
// # Data
//
// A Data is units × coders. Each cell is either missing (the coder did not review the unit) or
// a set of codes, possibly empty (reviewed, no code). FromLong builds one from the long format
// of `agree --csv` (unit,coder,code; code "" = reviewed with no code).
//
// # Statistics
//
// Compute gives, per code (the code present or absent on each unit), overall, per pair of
// coders, and the list of disagreements. Notation: u a unit, r_u its ratings (reviewers), r_uk
// how many of them put it in category k, q the number of categories, n′ the units with
// r_u ≥ 2, n the units with r_u ≥ 1.
//
//   - Percent agreement (PercentAgreement; Gwet 2014): p_a = (1/n′) Σ_{u: r_u≥2} Σ_k
//     r_uk(r_uk−1)/(r_u(r_u−1)), a proportion in [0, 1]; for two coders, the share of the units
//     both reviewed on which they agree.
//   - Cohen's κ (CohenKappa; Cohen 1960): (p_o − p_e)/(1 − p_e) with each coder's own marginals,
//     over the units both coders reviewed. With more than two coders, the mean of the pairwise κ
//     (flagged cohen_kappa_mean_pairwise).
//   - Conger's κ (conger.go; Conger 1980): Cohen's κ for any number of coders, chance agreement
//     from each coder's own distribution over the units that coder reviewed, as irrCAC's
//     conger.kappa.raw; with two coders and no missing ratings, Cohen's κ.
//   - Scott's π (ScottPi; Scott 1955): as κ with the pooled marginals, p_e = Σ_k ((row_k +
//     col_k)/2n)²; two coders only.
//   - Fleiss' κ (FleissKappa; Fleiss 1971, generalised to missing ratings by Gwet 2014):
//     p_e = Σ_k π_k², π_k = (1/n) Σ_{u: r_u≥1} r_uk/r_u.
//   - Gwet's AC1 (GwetAC1; Gwet 2008, 2014): p_e = Σ_k π_k(1 − π_k)/(q − 1).
//   - Brennan–Prediger (BrennanPrediger; Brennan and Prediger 1981): p_e = 1/q; per code
//     q = 2 (PABAK).
//   - Krippendorff's α (KrippendorffAlpha; Krippendorff 2011): 1 − D_o/D_e from the coincidence
//     matrix of pairable values, nominal (and binary per code), ordinal, interval and ratio
//     metrics; with the MASI distance (MASIDistance; Passonneau 2006) over code sets.
//   - α's 95% interval: the bootstrap of Hayes and Krippendorff (2007), resampling pairs of
//     pairable values (not units), seeded.
//
// # Precision
//
// Every coefficient but the mean pairwise κ has a standard error, a 95% interval and a p-value
// (Precision; JSON keys: the coefficient's with _se, _ci95 and _p) by Gwet's (2014) variance
// formulas exactly as R's irrCAC computes them, with no finite-population correction: from raw
// ratings with missing values in Compute (pa.coeff.raw, fleiss.kappa.raw, gwet.ac1.raw,
// bp.coeff.raw, krippen.alpha.raw, conger.kappa.raw), from the contingency table for two
// coders' Cohen's κ and Scott's π (kappa2.table, scott2.table) and in TableEstimates, from the
// distribution of raters in CountEstimates (the .dist functions). The interval is coefficient ±
// t(0.975, n − 1)·SE, capped above at 1; the p-value is irrCAC's one-sided test against 0 with
// the same t distribution. variance.go and conger.go give the formulas. α keeps its bootstrap
// interval (alpha_ci95) beside the analytic one (krippendorff_alpha_ci95).
//
// # The table of statistics
//
// Statistics (statistics.go) defines each statistic once: its JSON key, its labels, a plain
// explanation and its convention, the data it applies to, how its precision is computed and how
// to read it from a CodeResult or an Overall. The command line, the workbook and the window
// build their columns from it, so that a statistic added there appears in all of them.
//
// Overall, single-label data (no coder gave any unit more than one code) is one categorical
// variable whose categories are the codebook's codes plus "no code" when some coder used it;
// multi-label data has only the MASI α and the agreement on identical code sets.
//
// # Undefined values
//
// A statistic that cannot be computed (no unit reviewed by two coders, one coder, no variation
// so that chance agreement is 1, non-numeric codes for interval α, …) is a Value with Defined
// false and a Reason; it is never NaN, ±Inf, or a stand-in 0 or 1, and it is null in JSON.
// Report.Notes lists the conventions (Conventions), the reasons, and why a defined coefficient
// lacks a standard error or p-value (PrecisionNotes).
//
// # Correctness
//
// The tests reproduce published worked examples to the digits printed (Krippendorff 2011,
// Wikipedia's Fleiss', Cohen's, Scott's and Krippendorff's examples, Fleiss 1971, Gwet's irrCAC
// examples, Passonneau 2006), reproduce the standard errors, intervals and p-values irrCAC's
// README prints for its three kinds of input, check every precision against a unit-by-unit
// transcription of Gwet's formulas on random data (TestPrecisionAgainstDirectFormulas), and
// compare with NLTK and statsmodels on random data (testdata/crosscheck.py,
// TestCrossCheckPython).
package agreement
