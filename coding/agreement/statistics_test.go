package agreement

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// The table's entries are whole and distinct: every key, label, title, name and explanation
// set and used once, an interval of a coefficient of the table, precision named by an irrCAC
// function that the package documentation names too.
func TestStatisticsTable(t *testing.T) {
	seen := map[string]string{}
	unique := func(what, v, key string) {
		if v == "" {
			t.Errorf("%s has no %s", key, what)
			return
		}
		if other, ok := seen[what+"\x00"+v]; ok {
			t.Errorf("%s and %s have the same %s %q", other, key, what, v)
		}
		seen[what+"\x00"+v] = key
	}
	doc := docText(t)
	for _, s := range Statistics() {
		unique("key", s.Key, s.Key)
		unique("label", s.Label, s.Key)
		unique("title", s.Title, s.Key)
		unique("name", s.Name, s.Key)
		unique("explanation", s.Explanation, s.Key)
		if !s.Applies.PerCode && !s.Applies.Overall {
			t.Errorf("%s is reported nowhere", s.Key)
		}
		if (s.LabelMany == "") != (s.TitleMany == "") || (s.LabelMany != "" && !s.Applies.TwoCoders) {
			t.Errorf("%s: a label for many coders %q, a title %q", s.Key, s.LabelMany, s.TitleMany)
		}
		if s.Interval != "" {
			base, ok := StatisticByKey(s.Interval)
			if !ok || base.Interval != "" || s.HasPrecision() || (s.Applies.PerCode && !base.Applies.PerCode) {
				t.Errorf("%s: an interval of %q", s.Key, s.Interval)
			}
		}
		if s.HasPrecision() && !strings.Contains(doc, s.Precision) {
			t.Errorf("%s: its precision %q is not one doc.go names", s.Key, s.Precision)
		}
		if got, ok := StatisticByKey(s.Key); !ok || got.Key != s.Key {
			t.Errorf("StatisticByKey(%q)", s.Key)
		}
		if Explanation(s.Key) != s.Explanation {
			t.Errorf("Explanation(%q)", s.Key)
		}
	}
	if _, ok := StatisticByKey("nonsense"); ok {
		t.Error("StatisticByKey found a statistic that is not")
	}
	// The conventions: the general ones, then each statistic's, every one a sentence.
	conv := Conventions()
	if len(conv) != len(ConventionKeys) || !slices.Equal(ConventionKeys[:len(GeneralConventionKeys)], GeneralConventionKeys) {
		t.Errorf("%d conventions, keys %q", len(conv), ConventionKeys)
	}
	for _, k := range ConventionKeys {
		if !strings.HasSuffix(conv[k], ".") || Explanation(k) == "" {
			t.Errorf("convention %q: %q, explained %q", k, conv[k], Explanation(k))
		}
	}
	// Statistics() is a copy.
	a := Statistics()
	a[0].Key = "changed"
	if Statistics()[0].Key == "changed" {
		t.Error("Statistics() gives the table itself")
	}
}

func docText(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The table is the report's JSON: each statistic's value, and its precision's, is under its
// key (and _se, _ci95, _p) wherever it is reported, per code and overall, of the report and of
// each pair; and every statistic the JSON holds is in the table.
func TestStatisticsAreTheJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for _, coders := range []int{2, 3} {
		for _, multi := range []bool{false, true} {
			name := fmt.Sprintf("%d coders, multi-label %v", coders, multi)
			rep := Compute(FromLong(randomRows(r, coders, multi)), Options{Bootstrap: true, Resamples: 50, Seed: 2})
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			var js struct {
				PerCode  []map[string]json.RawMessage `json:"per_code"`
				Overall  map[string]json.RawMessage   `json:"overall"`
				Pairwise []struct {
					PerCode []map[string]json.RawMessage `json:"per_code"`
					Overall map[string]json.RawMessage   `json:"overall"`
				} `json:"pairwise"`
			}
			if err := json.Unmarshal(b, &js); err != nil {
				t.Fatal(err)
			}
			if len(js.PerCode) != len(rep.PerCode) || len(js.Pairwise) != len(rep.Pairwise) || len(rep.PerCode) == 0 {
				t.Fatalf("%s: %d codes, %d pairs in the JSON", name, len(js.PerCode), len(js.Pairwise))
			}
			for i := range rep.PerCode {
				checkJSON(t, name+", code "+rep.PerCode[i].Code, js.PerCode[i], true, func(s Statistic) Estimate { return s.OfCode(&rep.PerCode[i]) })
			}
			checkJSON(t, name+", overall", js.Overall, false, func(s Statistic) Estimate { return s.OfOverall(&rep.Overall) })
			for p, pr := range rep.Pairwise {
				for i := range pr.PerCode {
					checkJSON(t, name+", pair code", js.Pairwise[p].PerCode[i], true, func(s Statistic) Estimate { return s.OfCode(&pr.PerCode[i]) })
				}
				checkJSON(t, name+", pair overall", js.Pairwise[p].Overall, false, func(s Statistic) Estimate { return s.OfOverall(&pr.Overall) })
			}
		}
	}
}

// checkJSON checks one object of the report's JSON against the table.
func checkJSON(t *testing.T, where string, obj map[string]json.RawMessage, perCode bool, of func(Statistic) Estimate) {
	t.Helper()
	same := func(key string, want any) {
		t.Helper()
		raw, ok := obj[key]
		if !ok {
			t.Errorf("%s: no %q in the JSON", where, key)
			return
		}
		w, _ := json.Marshal(want)
		if string(raw) != string(w) {
			t.Errorf("%s: %s is %s, the table's %s", where, key, raw, w)
		}
	}
	covered := map[string]bool{}
	for _, s := range Statistics() {
		if perCode && !s.Applies.PerCode || !perCode && !s.Applies.Overall {
			continue
		}
		e := of(s)
		covered[s.Key] = true
		if s.Interval != "" {
			same(s.Key, e.CI95)
			continue
		}
		same(s.Key, e.Coef)
		if s.HasPrecision() {
			same(s.Key+"_se", e.SE)
			same(s.Key+"_ci95", e.CI95)
			same(s.Key+"_p", e.P)
			for _, sfx := range []string{"_se", "_ci95", "_p"} {
				covered[s.Key+sfx] = true
			}
		}
	}
	// Every other key is not a statistic: what the figures are of.
	other := []string{"code", "units", "given", "mode", "confusion", "cohen_kappa_mean_pairwise"}
	for key := range obj {
		if !covered[key] && !slices.Contains(other, key) {
			t.Errorf("%s: the JSON's %q is not in the table of statistics", where, key)
		}
	}
}

// randomRows is a small random data set: 30 units, codes a–c, some ratings missing.
func randomRows(r *rand.Rand, coders int, multi bool) []Row {
	var rows []Row
	for u := range 30 {
		for j := range coders {
			if r.IntN(8) == 0 {
				continue
			}
			unit, coder := fmt.Sprint("u", u), fmt.Sprint("c", j)
			code := string(rune('a' + (u+r.IntN(2)*j)%3))
			rows = append(rows, Row{unit, coder, code})
			if multi && r.IntN(4) == 0 {
				rows = append(rows, Row{unit, coder, string(rune('a' + (u+1)%3))})
			}
		}
	}
	return rows
}

// For leaves out a statistic of two coders only when there are more, not one with a figure of
// its own for them (the mean of the pairwise κ); ForOverall, too, those single-label data
// alone has.
func TestStatisticFor(t *testing.T) {
	scott, _ := StatisticByKey("scott_pi")
	cohen, _ := StatisticByKey("cohen_kappa")
	fleiss, _ := StatisticByKey("fleiss_kappa")
	masi, _ := StatisticByKey("krippendorff_alpha_masi")
	alpha, _ := StatisticByKey("krippendorff_alpha")
	if !scott.For(2) || scott.For(3) || !cohen.For(3) || !fleiss.For(7) {
		t.Error("For")
	}
	if cohen.LabelFor(2) != "Cohen κ" || cohen.LabelFor(3) != "Cohen κ (mean of pairs)" || cohen.TitleFor(3) != "Cohen's κ (mean of pairs)" || fleiss.LabelFor(3) != "Fleiss κ" {
		t.Error("LabelFor, TitleFor")
	}
	if fleiss.ForOverall(2, MultiLabel) || !masi.ForOverall(3, MultiLabel) || !fleiss.ForOverall(3, SingleLabel) || alpha.ForOverall(2, SingleLabel) {
		t.Error("ForOverall")
	}
	// Statistics reported in one place only give the zero estimate in the other.
	var o Overall
	o.AlphaMASI = defined(0.5)
	if e := alpha.OfOverall(&o); e.Coef.Defined || e.Coef.Reason != "" {
		t.Errorf("α per code, overall: %+v", e)
	}
	if e := masi.OfCode(&CodeResult{}); e.Coef.Defined {
		t.Errorf("MASI α per code: %+v", e)
	}
	if masi.OfOverall(&o).Coef.V != 0.5 {
		t.Error("MASI α overall")
	}
}

// PrecisionGap notes a defined coefficient without a standard error or p-value, and nothing
// for an undefined coefficient, a statistic without precision or the mean of the pairwise κ.
func TestPrecisionGap(t *testing.T) {
	fleiss, _ := StatisticByKey("fleiss_kappa")
	cohen, _ := StatisticByKey("cohen_kappa")
	ordinal, _ := StatisticByKey("krippendorff_alpha_ordinal")
	ok := Estimate{Coef: defined(0.5), Precision: Precision{SE: defined(0.1), CI95: [2]Value{defined(0.3), defined(0.7)}, P: defined(0.01)}}
	for _, tc := range []struct {
		s            Statistic
		e            Estimate
		gap, because string
	}{
		{fleiss, ok, GapNone, ""},
		{fleiss, Estimate{Coef: undefined("x"), Precision: undefinedPrecision("x")}, GapNone, ""},
		{fleiss, Estimate{Coef: defined(0.5), Precision: undefinedPrecision(reasonSEFewUnits)}, GapSE, reasonSEFewUnits},
		{fleiss, Estimate{Coef: defined(0), Precision: Precision{SE: defined(0), P: undefined("0/0")}}, GapP, "0/0"},
		{cohen, Estimate{Coef: defined(0.5), Precision: undefinedPrecision(reasonMeanPairwiseSE)}, GapNone, ""},
		{ordinal, Estimate{Coef: defined(0.5)}, GapNone, ""},
	} {
		if gap, why := tc.s.PrecisionGap(tc.e); gap != tc.gap || why != tc.because {
			t.Errorf("%s %+v: %q %q, want %q %q", tc.s.Key, tc.e, gap, why, tc.gap, tc.because)
		}
	}
}

// A value that rounds to zero is written without a sign.
func TestFormatNoNegativeZero(t *testing.T) {
	for v, want := range map[float64]string{-1e-17: "0.000", -0.0004: "0.000", -0.0005: "-0.001", 0: "0.000", -0.25: "-0.250", 0.4: "0.400"} {
		if got := defined(v).Format(3); got != want {
			t.Errorf("Format(%v) = %q, want %q", v, got, want)
		}
	}
	if got := (Value{V: -1e-9, Defined: true}).Format(0); got != "0" {
		t.Errorf("Format(0) of -1e-9: %q", got)
	}
}
