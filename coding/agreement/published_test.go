package agreement

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Tests that reproduce published worked examples to the digits the source prints. Each data
// set is copied from the cited source; nothing here is derived from this package's output.

// printed asserts that v, rounded to as many decimals as want has, prints as want.
func printed(t *testing.T, what string, v Value, want string) {
	t.Helper()
	if !v.Defined {
		t.Errorf("%s: undefined (%s), want %s", what, v.Reason, want)
		return
	}
	dec := 0
	if i := strings.IndexByte(want, '.'); i >= 0 {
		dec = len(want) - i - 1
	}
	if got := strconv.FormatFloat(v.V, 'f', dec, 64); got != want {
		t.Errorf("%s = %s (%.10f), want %s", what, got, v.V, want)
	}
}

// matrix builds Data from a coders × units matrix of numeric ratings ("" or "." = missing);
// every rating is one code named by its value.
func matrix(coders []string, rows [][]string, codebook []string) Data {
	var long []Row
	for u := range rows[0] {
		for c, row := range rows {
			v := strings.TrimSpace(row[u])
			if v == "" || v == "." {
				continue
			}
			long = append(long, Row{Unit: strconv.Itoa(u + 1), Coder: coders[c], Code: v})
		}
	}
	return FromLongOrdered(long, codebook)
}

func fields(s string) []string { return strings.Fields(s) }

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, Departmental Papers (ASC) 43. Section A, "Binary or dichotomous data, two
// observers, no missing data": ten units, α = 0.095.
func TestKrippendorff2011Binary(t *testing.T) {
	obsA := fields("0 1 0 0 0 0 0 0 1 0")
	obsB := fields("1 1 1 0 0 1 0 0 0 0")
	d := matrix([]string{"A", "B"}, [][]string{obsA, obsB}, []string{"0", "1"})
	rep := Compute(d, Options{})
	printed(t, "overall nominal α", rep.Overall.AlphaNominal, "0.095")

	// The same data as one code, present (1) or absent (reviewed, no code: 0).
	var long []Row
	for u := range obsA {
		for c, row := range [][]string{obsA, obsB} {
			code := ""
			if row[u] == "1" {
				code = "present"
			}
			long = append(long, Row{strconv.Itoa(u), []string{"A", "B"}[c], code})
		}
	}
	rep = Compute(FromLong(long), Options{})
	printed(t, "per-code binary α", rep.PerCode[0].KrippendorffAlpha, "0.095")
	// α = 1 − (n−1)·o₀₁/(n₀·n₁) = 1 − 19·4/(14·6) exactly.
	if got, want := rep.PerCode[0].KrippendorffAlpha.V, 1-76.0/84; math.Abs(got-want) > 1e-15 {
		t.Errorf("binary α = %.17g, want %.17g", got, want)
	}
}

// Krippendorff (2011), Section B, "Nominal data, two observers, no missing data": observers Ben
// and Gerry, twelve units, values a–e; the paper prints the coincidence matrix (row sums
// 4 6 6 6 2, n = 24) and α = 0.692.
func TestKrippendorff2011Nominal(t *testing.T) {
	ben := fields("a a b b d c c c e d d a")
	gerry := fields("b a b b b c c c e d d d")
	d := matrix([]string{"Ben", "Gerry"}, [][]string{ben, gerry}, []string{"a", "b", "c", "d", "e"})
	printed(t, "nominal α", Compute(d, Options{}).Overall.AlphaNominal, "0.692")
	counts := make([][]int, 12)
	for u := range counts {
		counts[u] = make([]int, 5)
		counts[u][ben[u][0]-'a']++
		counts[u][gerry[u][0]-'a']++
	}
	st, err := countsStats(counts)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{
		2, 1, 0, 1, 0,
		1, 4, 0, 1, 0,
		0, 0, 6, 0, 0,
		1, 1, 0, 4, 0,
		0, 0, 0, 0, 2,
	}
	if !slices.Equal(st.coinc, want) {
		t.Errorf("coincidences %v, want %v", st.coinc, want)
	}
}

// Krippendorff (2011), Section C, "Nominal data, any number of observers, missing data", and
// the same reliability data under the ordinal, interval and ratio metrics (sections D–F):
// α_nominal = 0.743, α_ordinal = 0.815, α_interval = 0.849, α_ratio = 0.797.
var krippendorff2011C = [][]string{
	fields("1 2 3 3 2 1 4 1 2 . . ."), // observer A
	fields("1 2 3 3 2 2 4 1 2 5 . 3"), // observer B
	fields(". 3 3 3 2 3 4 2 2 5 1 ."), // observer C
	fields("1 2 3 3 2 4 4 1 2 5 1 ."), // observer D
}

func TestKrippendorff2011MissingData(t *testing.T) {
	d := matrix([]string{"A", "B", "C", "D"}, krippendorff2011C, []string{"1", "2", "3", "4", "5"})
	o := Compute(d, Options{}).Overall
	if o.Mode != SingleLabel {
		t.Fatalf("mode %q", o.Mode)
	}
	printed(t, "nominal α", o.AlphaNominal, "0.743")
	printed(t, "ordinal α", o.AlphaOrdinal, "0.815")
	printed(t, "interval α", o.AlphaInterval, "0.849")
	printed(t, "ratio α", o.AlphaRatio, "0.797")
	// Single-label data: the MASI distance between one-code sets is the nominal one.
	if math.Abs(o.AlphaMASI.V-o.AlphaNominal.V) > 1e-12 {
		t.Errorf("MASI α %v ≠ nominal α %v on single-label data", o.AlphaMASI, o.AlphaNominal)
	}

	// The paper's coincidence matrix has row sums 9 13 10 5 3 (n = 40; unit 12 is unpairable).
	st, err := countCategories(&d, []int{0, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	for c, want := range []float64{9, 13, 10, 5, 3} {
		var n float64
		for k := range 5 {
			n += st.st.coinc[c*st.st.q+k]
		}
		if math.Abs(n-want) > 1e-12 {
			t.Errorf("n_%d = %v, want %v", c+1, n, want)
		}
	}

	// OverallAlpha, the α alone, gives the same figures.
	printed(t, "OverallAlpha nominal", OverallAlpha(d, Nominal), "0.743")
	printed(t, "OverallAlpha ordinal", OverallAlpha(d, Ordinal), "0.815")
	printed(t, "OverallAlpha interval", OverallAlpha(d, Interval), "0.849")
	printed(t, "OverallAlpha ratio", OverallAlpha(d, Ratio), "0.797")

	// The count-table entry point gives the same figures.
	counts := make([][]int, 12)
	for u := range counts {
		counts[u] = make([]int, 5)
		for _, row := range krippendorff2011C {
			if v, err := strconv.Atoi(row[u]); err == nil {
				counts[u][v-1]++
			}
		}
	}
	vals := []float64{1, 2, 3, 4, 5}
	printed(t, "KrippendorffAlpha nominal", KrippendorffAlpha(counts, Nominal, nil), "0.743")
	printed(t, "KrippendorffAlpha ordinal", KrippendorffAlpha(counts, Ordinal, vals), "0.815")
	printed(t, "KrippendorffAlpha interval", KrippendorffAlpha(counts, Interval, vals), "0.849")
	printed(t, "KrippendorffAlpha ratio", KrippendorffAlpha(counts, Ratio, vals), "0.797")
}

// Wikipedia, "Krippendorff's alpha", section "A computational example": three coders, fifteen
// units with missing data; α_nominal = 0.691, α_interval = 0.811 (the fast-krippendorff Python
// package's tests assert the same example to six decimals: 0.691358 and 0.810845).
func TestWikipediaKrippendorffExample(t *testing.T) {
	rows := [][]string{
		fields(". . . . . 3 4 1 2 1 1 3 3 . 3"),
		fields("1 . 2 1 3 3 4 3 . . . . . . ."),
		fields(". . 2 1 3 4 4 . 2 1 1 3 3 . 4"),
	}
	d := matrix([]string{"A", "B", "C"}, rows, []string{"1", "2", "3", "4"})
	o := Compute(d, Options{}).Overall
	printed(t, "nominal α", o.AlphaNominal, "0.691358")
	printed(t, "interval α", o.AlphaInterval, "0.810845")
}

// Wikipedia, "Fleiss' kappa", section "Worked example" (also statsmodels' test of
// fleiss_kappa): 10 subjects, 14 raters, 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
var wikipediaFleiss = [][]int{
	{0, 0, 0, 0, 14},
	{0, 2, 6, 4, 2},
	{0, 0, 3, 5, 6},
	{0, 3, 9, 2, 0},
	{2, 2, 8, 1, 1},
	{7, 7, 0, 0, 0},
	{3, 2, 6, 3, 0},
	{2, 5, 3, 2, 2},
	{6, 5, 2, 1, 0},
	{0, 2, 2, 3, 7},
}

func TestWikipediaFleiss(t *testing.T) {
	printed(t, "Fleiss' κ", FleissKappa(wikipediaFleiss), "0.210")
	printed(t, "P̄", PercentAgreement(wikipediaFleiss), "0.378")
	st, err := countsStats(wikipediaFleiss)
	if err != nil {
		t.Fatal(err)
	}
	var pe float64
	for _, p := range st.classification() {
		pe += p * p
	}
	printed(t, "P̄e", defined(pe), "0.213")
	// The per-category proportions the page lists: 0.143 0.200 0.279 0.150 0.229.
	for k, want := range []string{"0.143", "0.200", "0.279", "0.150", "0.229"} {
		printed(t, "p_"+strconv.Itoa(k+1), defined(st.classification()[k]), want)
	}
}

// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
// Bulletin 76(5):378–382: 30 patients, 6 psychiatrists each, 5 diagnoses; κ = .430 (R's irr
// package reproduces it as 0.4302445 from its `diagnoses` data, also in statsmodels' tests).
var fleiss1971 = [][]int{
	{4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
	{2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
	{1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
	{2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
	{1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
	{5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
	{1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
	{1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5},
}

func TestFleiss1971(t *testing.T) {
	var rows [][]string
	for c := 0; c < 6; c++ {
		var row []string
		for _, patient := range fleiss1971 {
			row = append(row, strconv.Itoa(patient[c]))
		}
		rows = append(rows, row)
	}
	d := matrix([]string{"r1", "r2", "r3", "r4", "r5", "r6"}, rows, []string{"1", "2", "3", "4", "5"})
	o := Compute(d, Options{}).Overall
	printed(t, "Fleiss' κ", o.FleissKappa, "0.430")
	printed(t, "Fleiss' κ (irr)", o.FleissKappa, "0.4302445")
}

// Wikipedia, "Cohen's kappa", section "Simple example": 50 proposals, both yes 20, A yes B no 5,
// A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5, κ = 0.4; and section "Same percentages but
// different numbers": κ = 0.1304 and κ = 0.2593.
func TestWikipediaCohen(t *testing.T) {
	printed(t, "κ simple", CohenKappa([][]int{{20, 5}, {10, 15}}), "0.4")
	printed(t, "p_o simple", TableAgreement([][]int{{20, 5}, {10, 15}}), "0.7")
	printed(t, "κ first", CohenKappa([][]int{{45, 15}, {25, 15}}), "0.1304")
	printed(t, "κ second", CohenKappa([][]int{{25, 35}, {5, 35}}), "0.2593")

	// The simple example through Compute, as long rows (A yes = code "yes"; no = reviewed, no code).
	var long []Row
	add := func(n int, a, b string) {
		for range n {
			u := strconv.Itoa(len(long) / 2)
			long = append(long, Row{u, "A", a}, Row{u, "B", b})
		}
	}
	add(20, "yes", "yes")
	add(5, "yes", "")
	add(10, "", "yes")
	add(15, "", "")
	rep := Compute(FromLong(long), Options{})
	printed(t, "per-code κ", rep.PerCode[0].CohenKappa, "0.4")
	printed(t, "overall κ", rep.Overall.CohenKappa, "0.4")
	printed(t, "per-code agreement", rep.PerCode[0].PercentAgreement, "0.7")
	if rep.PerCode[0].Given["A"] != 25 || rep.PerCode[0].Given["B"] != 30 || rep.PerCode[0].Units != 50 {
		t.Errorf("given %v over %d units, want A 25, B 30 over 50", rep.PerCode[0].Given, rep.PerCode[0].Units)
	}
}

// Wikipedia, "Scott's pi", section "Worked example": two annotators, three categories, 45
// items; joint proportions give Pr(e) = 0.369 and Pr(a) = 15/45 = 0.333. (The page then
// divides the rounded figures, (0.333 − 0.369)/(1 − 0.369); the unrounded π is −0.0563.)
func TestWikipediaScott(t *testing.T) {
	table := [][]int{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	pa := TableAgreement(table)
	printed(t, "Pr(a)", pa, "0.333")
	pi := ScottPi(table)
	pe := (pa.V - pi.V) / (1 - pi.V) // π = (pa − pe)/(1 − pe) solved for pe
	printed(t, "Pr(e)", defined(pe), "0.369")
	printed(t, "π", pi, "-0.0563")
	if want := (15.0/45 - 0.36888888888888888) / (1 - 0.36888888888888888); math.Abs(pi.V-want) > 1e-12 {
		t.Errorf("π = %v, want %v", pi.V, want)
	}
}

// Gwet's irrCAC R package (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.), README and
// vignette "Calculating Chance-corrected Agreement Coefficients": the raw data set
// cac.raw4raters (12 units, 4 raters, missing ratings) gives
// pa 0.8181818; AC1 0.77544 (pe 0.1903212); Fleiss 0.76117 (pe 0.2387153);
// Krippendorff 0.74342; Brennan–Prediger 0.77273 (pe 0.2).
func TestIrrCACRaw4Raters(t *testing.T) {
	rows := [][]string{
		fields("1 2 3 3 2 1 4 1 2 . . ."), // Rater1
		fields("1 2 3 3 2 2 4 1 2 5 . ."), // Rater2
		fields(". 3 3 3 2 3 4 2 2 5 1 3"), // Rater3
		fields("1 2 3 3 2 4 4 1 2 5 1 ."), // Rater4
	}
	d := matrix([]string{"Rater1", "Rater2", "Rater3", "Rater4"}, rows, []string{"1", "2", "3", "4", "5"})
	o := Compute(d, Options{}).Overall
	printed(t, "pa", o.PercentAgreement, "0.8181818")
	printed(t, "AC1", o.GwetAC1, "0.77544")
	printed(t, "Fleiss", o.FleissKappa, "0.76117")
	printed(t, "Krippendorff α", o.AlphaNominal, "0.74342")
	printed(t, "Brennan–Prediger", o.BrennanPrediger, "0.77273")

	// Chance agreement, from the coefficients: pe = (pa − κ)/(1 − κ).
	pe := func(v Value) Value { return defined((o.PercentAgreement.V - v.V) / (1 - v.V)) }
	printed(t, "AC1 pe", pe(o.GwetAC1), "0.1903212")
	printed(t, "Fleiss pe", pe(o.FleissKappa), "0.2387153")
	printed(t, "BP pe", pe(o.BrennanPrediger), "0.2")
}

// irrCAC, README: the 2-rater contingency table cont3x3abstractors (100 units) gives Cohen's κ
// 0.7964094, Scott's π 0.7962397, Gwet's AC1 0.8493305, Brennan–Prediger 0.835,
// Krippendorff's α 0.7972585, percent agreement 0.89.
func TestIrrCACCont3x3Abstractors(t *testing.T) {
	table := [][]int{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}
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
	rep := Compute(FromLongOrdered(long, cats), Options{})
	o := rep.Overall
	printed(t, "Cohen's κ", o.CohenKappa, "0.7964094")
	printed(t, "Scott's π", o.ScottPi, "0.7962397")
	printed(t, "Gwet's AC1", o.GwetAC1, "0.8493305")
	printed(t, "Brennan–Prediger", o.BrennanPrediger, "0.835")
	printed(t, "Krippendorff's α", o.AlphaNominal, "0.7972585")
	printed(t, "percent agreement", o.PercentAgreement, "0.89")
	// Two coders, no missing data: Fleiss' κ is Scott's π.
	printed(t, "Fleiss' κ", o.FleissKappa, "0.7962397")
	if len(o.Confusion) != 1 || o.Confusion[0].Counts[1][2] != 7 || o.Confusion[0].Counts[2][1] != 4 {
		t.Errorf("confusion %+v", o.Confusion)
	}
	printed(t, "CohenKappa(table)", CohenKappa(table), "0.7964094")
	printed(t, "ScottPi(table)", ScottPi(table), "0.7962397")
}

// irrCAC, README: distrib.6raters (15 subjects, 6 raters, 5 categories, given as the
// distribution of raters by subject and category) gives Gwet's AC1 0.4448007 (pa 0.5511111,
// pe 0.1914815), Fleiss' κ 0.4139265 (pe 0.2340741), Krippendorff's α 0.4204384,
// Brennan–Prediger 0.4388889.
func TestIrrCACDistrib6Raters(t *testing.T) {
	counts := [][]int{
		{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
		{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
		{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
	}
	printed(t, "pa", PercentAgreement(counts), "0.5511111")
	printed(t, "AC1", GwetAC1(counts), "0.4448007")
	printed(t, "Fleiss", FleissKappa(counts), "0.4139265")
	printed(t, "α", KrippendorffAlpha(counts, Nominal, nil), "0.4204384")
	printed(t, "BP", BrennanPrediger(counts), "0.4388889")
}

// Passonneau, R. (2006). Measuring Agreement on Set-valued Items (MASI) for Semantic and
// Pragmatic Annotation. LREC 2006. MASI = Jaccard × monotonicity (1 identical, 2/3 subset,
// 1/3 overlap, 0 disjoint); the distance is 1 − MASI. NLTK's masi_distance doctest gives 0.665
// for {1,2} vs {1,2,3,4} because it uses 0.67 for 2/3; the exact value is 1 − ½·⅔ = ⅔.
func TestMASIDistance(t *testing.T) {
	cases := []struct {
		a, b []int
		want float64
	}{
		{[]int{1, 2}, []int{2, 1}, 0},                   // identical
		{[]int{1}, []int{1, 2}, 1 - (1.0/2)*(2.0/3)},    // subset: MASI 1/3
		{[]int{1, 2}, []int{1, 2, 3, 4}, 2.0 / 3},       // NLTK's doctest pair
		{[]int{1, 2}, []int{1, 3}, 1 - (1.0/3)*(1.0/3)}, // overlap: MASI 1/9
		{[]int{1}, []int{2}, 1},                         // disjoint
		{nil, nil, 0},                                   // both empty: identical
		{nil, []int{1}, 1},                              // empty vs non-empty
	}
	for _, c := range cases {
		if got := MASIDistance(c.a, c.b); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("MASIDistance(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := MASIDistance(c.b, c.a); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("MASIDistance(%v, %v) = %v, want %v (symmetry)", c.b, c.a, got, c.want)
		}
	}
	printed(t, "MASI {A} vs {A,B}", defined(1-MASIDistance([]int{1}, []int{1, 2})), "0.33")
	printed(t, "MASI {A,B} vs {A,C}", defined(1-MASIDistance([]int{1, 2}, []int{1, 3})), "0.11")
}
