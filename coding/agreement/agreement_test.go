package agreement

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestValueJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		A, B, C Value
		D       [2]Value
	}{defined(0.25), undefined("why"), defined(math.NaN()), [2]Value{defined(-1), {}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"A":0.25,"B":null,"C":null,"D":[-1,null]}`; got != want {
		t.Errorf("JSON %s, want %s", got, want)
	}
	var back struct{ A, B Value }
	if err := json.Unmarshal([]byte(`{"A":0.5,"B":null}`), &back); err != nil {
		t.Fatal(err)
	}
	if !back.A.Defined || back.A.V != 0.5 || back.B.Defined {
		t.Errorf("round trip %+v", back)
	}
	if v := defined(math.Inf(1)); v.Defined || v.Reason == "" {
		t.Errorf("Inf gave %+v", v)
	}
	if s := undefined("no units").String(); s != "undefined (no units)" {
		t.Errorf("String %q", s)
	}
	if s := defined(0.7434).String(); s != "0.743" {
		t.Errorf("String %q", s)
	}
}

func TestFromLong(t *testing.T) {
	rows := []Row{
		{"t1", "ann", "b"},
		{"t1", "ann", "a"},
		{"t1", "ann", "a"}, // duplicate
		{"t1", "bob", ""},  // reviewed, no code
		{"t2", "bob", "c"},
		{"t2", "bob", ""}, // "" next to a code changes nothing
		{"t3", "cat", ""},
	}
	d := FromLong(rows)
	if !slices.Equal(d.Units, []string{"t1", "t2", "t3"}) || !slices.Equal(d.Coders, []string{"ann", "bob", "cat"}) || !slices.Equal(d.Codes, []string{"b", "a", "c"}) {
		t.Fatalf("order: %v %v %v", d.Units, d.Coders, d.Codes)
	}
	want := [][]Cell{
		{{true, []int{0, 1}}, {true, []int{}}, {false, nil}},
		{{false, nil}, {true, []int{2}}, {false, nil}},
		{{false, nil}, {false, nil}, {true, []int{}}},
	}
	if !reflect.DeepEqual(d.Cells, want) {
		t.Errorf("cells %v, want %v", d.Cells, want)
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}

	o := FromLongOrdered(rows, []string{"c", "a", "unused", "b"})
	if !slices.Equal(o.Codes, []string{"c", "a", "unused", "b"}) {
		t.Errorf("ordered codes %v", o.Codes)
	}
	if !slices.Equal(o.Cells[0][0].Codes, []int{1, 3}) {
		t.Errorf("ordered cell %v", o.Cells[0][0])
	}
	if x := FromLongOrdered([]Row{{"u", "a", "new"}}, []string{"old"}); !slices.Equal(x.Codes, []string{"old", "new"}) {
		t.Errorf("unlisted code: %v", x.Codes)
	}
}

func TestValidate(t *testing.T) {
	d := Data{Units: []string{"u"}, Coders: []string{"a"}, Codes: []string{"x"}, Cells: [][]Cell{{{true, []int{1}}}}}
	if d.Validate() == nil {
		t.Error("out-of-range code accepted")
	}
	rep := Compute(d, Options{})
	if rep.Overall.FleissKappa.Defined || !strings.Contains(strings.Join(rep.Notes, " "), "invalid") {
		t.Errorf("invalid data: %+v", rep.Notes)
	}
	d.Codes = []string{"x", "y"}
	d.Cells[0][0].Codes = []int{1, 0}
	if d.Validate() == nil {
		t.Error("unsorted codes accepted")
	}
}

// The undefined cases say why and never produce a number.
func TestUndefined(t *testing.T) {
	t.Run("no units", func(t *testing.T) {
		rep := Compute(Data{Coders: []string{"a", "b"}, Codes: []string{"x"}}, Options{Bootstrap: true})
		cr := rep.PerCode[0]
		for _, v := range []Value{cr.PercentAgreement, cr.CohenKappa, cr.ScottPi, cr.FleissKappa, cr.KrippendorffAlpha, cr.GwetAC1, cr.BrennanPrediger, cr.AlphaCI95[0]} {
			if v.Defined || v.Reason == "" {
				t.Errorf("%+v", v)
			}
		}
	})
	t.Run("one coder", func(t *testing.T) {
		rep := Compute(FromLong([]Row{{"u1", "a", "x"}, {"u2", "a", ""}}), Options{})
		if v := rep.PerCode[0].KrippendorffAlpha; v.Defined || !strings.Contains(v.Reason, "two or more coders") {
			t.Errorf("%+v", v)
		}
		if v := rep.Overall.FleissKappa; v.Defined {
			t.Errorf("%+v", v)
		}
		if len(rep.Pairwise) != 0 {
			t.Errorf("pairs %v", rep.Pairwise)
		}
	})
	t.Run("code nobody used", func(t *testing.T) {
		rows := []Row{{"u1", "a", "x"}, {"u1", "b", "x"}, {"u2", "a", ""}, {"u2", "b", "x"}, {"u3", "a", ""}, {"u3", "b", ""}}
		rep := Compute(FromLongOrdered(rows, []string{"x", "never"}), Options{Bootstrap: true})
		cr := rep.PerCode[1]
		if cr.Code != "never" {
			t.Fatal(cr.Code)
		}
		for name, v := range map[string]Value{"κ": cr.CohenKappa, "π": cr.ScottPi, "Fleiss": cr.FleissKappa, "α": cr.KrippendorffAlpha, "CI": cr.AlphaCI95[1]} {
			if v.Defined || !strings.Contains(v.Reason, "no variation") {
				t.Errorf("%s: %+v", name, v)
			}
		}
		// Gwet's and Brennan–Prediger's formulas give 1 here (perfect agreement, no chance
		// term that can reach it); the notes say so.
		if cr.GwetAC1.V != 1 || cr.BrennanPrediger.V != 1 || cr.PercentAgreement.V != 1 {
			t.Errorf("AC1 %v BP %v pa %v", cr.GwetAC1, cr.BrennanPrediger, cr.PercentAgreement)
		}
		notes := strings.Join(rep.Notes, "\n")
		if !strings.Contains(notes, `Code "never": Cohen's κ, Conger's κ, Scott's π, Fleiss' κ, Krippendorff's α undefined: no variation`) || !strings.Contains(notes, `Code "never": percent agreement, Gwet's AC1 and Brennan–Prediger are 1`) {
			t.Errorf("notes:\n%s", notes)
		}
		// Overall: "never" counts as a category the coders could have chosen.
		if len(rep.Overall.Confusion[0].Categories) != 3 {
			t.Errorf("categories %v", rep.Overall.Confusion[0].Categories)
		}
	})
	t.Run("no shared units", func(t *testing.T) {
		rows := []Row{{"u1", "a", "x"}, {"u2", "b", "x"}, {"u3", "b", ""}}
		rep := Compute(FromLong(rows), Options{})
		if v := rep.PerCode[0].CohenKappa; v.Defined || !strings.Contains(v.Reason, "no unit in common") {
			t.Errorf("%+v", v)
		}
		if v := rep.PerCode[0].FleissKappa; v.Defined || v.Reason != reasonNoUnits2 {
			t.Errorf("%+v", v)
		}
	})
	t.Run("expected agreement 1", func(t *testing.T) {
		if v := CohenKappa([][]int{{5, 0}, {0, 0}}); v.Defined {
			t.Errorf("%+v", v)
		}
		if v := ScottPi([][]int{{5, 0}, {0, 0}}); v.Defined {
			t.Errorf("%+v", v)
		}
		if v := CohenKappa([][]int{{0, 0}, {0, 0}}); v.Defined {
			t.Errorf("%+v", v)
		}
		// One coder always "yes", the other always "no": p_e = 0, κ = 0 is a number.
		if v := CohenKappa([][]int{{0, 4}, {0, 0}}); !v.Defined || v.V != 0 {
			t.Errorf("%+v", v)
		}
	})
	t.Run("bad tables", func(t *testing.T) {
		for _, v := range []Value{CohenKappa([][]int{{1, 2}}), ScottPi([][]int{{-1}}), FleissKappa([][]int{{1, 2}, {1}}), KrippendorffAlpha([][]int{{-1, 2}}, Nominal, nil)} {
			if v.Defined || !strings.Contains(v.Reason, "invalid") {
				t.Errorf("%+v", v)
			}
		}
	})
	t.Run("numeric levels", func(t *testing.T) {
		counts := [][]int{{2, 0}, {1, 1}, {0, 2}}
		for _, c := range []struct {
			level  Level
			values []float64
			reason string
		}{
			{Interval, nil, "no numeric values"},
			{Interval, []float64{1, 1}, "same numeric value"},
			{Ratio, []float64{-1, 1}, "zero or more"},
			{Ordinal, []float64{math.NaN(), 1}, "finite"},
		} {
			if v := KrippendorffAlpha(counts, c.level, c.values); v.Defined || !strings.Contains(v.Reason, c.reason) {
				t.Errorf("%v %v: %+v", c.level, c.values, v)
			}
		}
	})
}

func TestOrdinalNeedsNumbersAndNoNoCode(t *testing.T) {
	rep := Compute(FromLong([]Row{{"1", "a", "low"}, {"1", "b", "high"}, {"2", "a", "low"}, {"2", "b", "low"}}), Options{})
	if v := rep.Overall.AlphaInterval; v.Defined || !strings.Contains(v.Reason, "not a number") {
		t.Errorf("%+v", v)
	}
	rep = Compute(FromLong([]Row{{"1", "a", "1"}, {"1", "b", "2"}, {"2", "a", ""}, {"2", "b", "1"}}), Options{})
	if v := rep.Overall.AlphaOrdinal; v.Defined || !strings.Contains(v.Reason, "no code") {
		t.Errorf("%+v", v)
	}
	if !rep.Overall.AlphaNominal.Defined {
		t.Errorf("nominal α %+v", rep.Overall.AlphaNominal)
	}
}

// Gwet's missing-data conventions, by hand: two coders, unit 3 reviewed by one.
//
//	unit  a  b
//	1     x  x
//	2     x  –   (no code)
//	3     x  .   (b did not review)
//
// Per code x: p_a = 1/2 over units 1–2. π_x = (1 + 1/2 + 1)/3 = 5/6 over all three units.
// Fleiss p_e = (5/6)² + (1/6)² = 26/36; AC1 p_e = 2·(5/6)(1/6) = 10/36; BP p_e = 1/2.
// Cohen (units 1–2): table [[1,1],[0,0]]: p_o = 1/2, p_e = 1·(1/2) = 1/2 → κ = 0.
// α uses units 1–2 only: values x,x,x,– : o_xx = 2, o_x– = o_–x = 1; n_x = 3, n_– = 1, n = 4;
// α = 1 − 3·2/(3·1·2) = 0.
func TestGwetMissingConventions(t *testing.T) {
	rows := []Row{{"1", "a", "x"}, {"1", "b", "x"}, {"2", "a", "x"}, {"2", "b", ""}, {"3", "a", "x"}}
	cr := Compute(FromLong(rows), Options{}).PerCode[0]
	near := func(what string, v Value, want float64) {
		t.Helper()
		if !v.Defined || math.Abs(v.V-want) > 1e-12 {
			t.Errorf("%s = %+v, want %v", what, v, want)
		}
	}
	near("pa", cr.PercentAgreement, 0.5)
	near("Fleiss", cr.FleissKappa, (0.5-26.0/36)/(1-26.0/36))
	near("AC1", cr.GwetAC1, (0.5-10.0/36)/(1-10.0/36))
	near("BP", cr.BrennanPrediger, 0)
	near("Cohen", cr.CohenKappa, 0)
	near("α", cr.KrippendorffAlpha, 0)
	if cr.Units != 2 || cr.Given["a"] != 2 || cr.Given["b"] != 1 {
		t.Errorf("units %d given %v", cr.Units, cr.Given)
	}
}

func TestMultiLabel(t *testing.T) {
	rows := []Row{
		{"1", "a", "x"}, {"1", "a", "y"}, {"1", "b", "x"}, {"1", "b", "y"},
		{"2", "a", "x"}, {"2", "b", "x"}, {"2", "b", "y"},
		{"3", "a", ""}, {"3", "b", "z"},
		{"4", "a", "z"}, {"4", "b", "z"},
	}
	rep := Compute(FromLong(rows), Options{})
	o := rep.Overall
	if o.Mode != MultiLabel {
		t.Fatalf("mode %s", o.Mode)
	}
	for _, v := range []Value{o.CohenKappa, o.ScottPi, o.FleissKappa, o.GwetAC1, o.BrennanPrediger, o.AlphaNominal, o.AlphaOrdinal, o.AlphaInterval, o.AlphaRatio} {
		if v.Defined || v.Reason != reasonMulti {
			t.Errorf("%+v", v)
		}
	}
	if len(o.Confusion) != 0 {
		t.Errorf("confusion in multi-label mode: %v", o.Confusion)
	}
	// Identical sets on units 1 and 4: 2 of 4.
	if o.PercentAgreement.V != 0.5 {
		t.Errorf("pa %+v", o.PercentAgreement)
	}
	// MASI α by hand. Sets: {x,y}{x,y} | {x}{x,y} | {}{z} | {z}{z}. Distances within units:
	// 0, 2/3, 1, 0; D_o numerator Σ_u Σ_{i≠j} δ/(m_u−1) = 2·(2/3 + 1) = 10/3, n = 8.
	// Values: {x,y}×3, {x}×1, {}×1, {z}×3. Expected Σ_{s≠t} n_s n_t δ(s,t):
	// 2·[3·1·(2/3) + 3·1·1 + 3·3·1 + 1·1·1 + 1·3·1 + 1·3·1] = 2·(2 + 3 + 9 + 1 + 3 + 3) = 42.
	want := 1 - 7*(10.0/3)/42
	if math.Abs(o.AlphaMASI.V-want) > 1e-12 {
		t.Errorf("MASI α %v, want %v", o.AlphaMASI, want)
	}
	// Per-code figures still work.
	if !rep.PerCode[0].KrippendorffAlpha.Defined {
		t.Errorf("per-code α %+v", rep.PerCode[0].KrippendorffAlpha)
	}
}

// Disagreements of the same kind share one map, which keeps a large project's report small;
// different kinds do not.
func TestDisagreementsShareTheirKind(t *testing.T) {
	var rows []Row
	for u := range 1000 {
		id := strconv.Itoa(u)
		rows = append(rows, Row{id, "a", "x"}, Row{id, "b", []string{"y", "z"}[u%2]})
	}
	rep := Compute(FromLong(rows), Options{})
	if len(rep.Disagreements) != 1000 {
		t.Fatalf("%d disagreements", len(rep.Disagreements))
	}
	ptr := func(i int) uintptr { return reflect.ValueOf(rep.Disagreements[i].Codes).Pointer() }
	if ptr(0) != ptr(998) || ptr(1) != ptr(999) || ptr(0) == ptr(1) {
		t.Error("disagreements of one kind do not share their map, or two kinds do")
	}
	if got := rep.Disagreements[999].Codes; !reflect.DeepEqual(got, map[string][]string{"a": {"x"}, "b": {"z"}}) {
		t.Errorf("unit 999: %v", got)
	}
}

func TestDisagreements(t *testing.T) {
	rows := []Row{
		{"1", "a", "x"}, {"1", "b", "x"}, // agree
		{"2", "a", "x"}, {"2", "b", ""}, {"2", "c", "x"}, // b: no code
		{"3", "a", "y"}, {"3", "a", "x"}, {"3", "c", "x"}, // b did not review
		{"4", "c", "y"}, // only one reviewer
	}
	rep := Compute(FromLong(rows), Options{})
	want := []Disagreement{
		{Unit: "2", Codes: map[string][]string{"a": {"x"}, "b": {}, "c": {"x"}}},
		{Unit: "3", Codes: map[string][]string{"a": {"x", "y"}, "c": {"x"}}},
	}
	if !reflect.DeepEqual(rep.Disagreements, want) {
		t.Errorf("disagreements %+v, want %+v", rep.Disagreements, want)
	}
	b, err := json.Marshal(rep.Disagreements)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `[{"unit":"2","codes":{"a":["x"],"b":[],"c":["x"]}},{"unit":"3","codes":{"a":["x","y"],"c":["x"]}}]`; got != want {
		t.Errorf("JSON %s, want %s", got, want)
	}
	var back []Disagreement
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, want) {
		t.Errorf("round trip %+v (%v)", back, err)
	}
}

func TestPairwiseAndMeanKappa(t *testing.T) {
	rows := generate(genSpec{"three", 200, 3, 3, 0.2, false, 11})
	rep := Compute(FromLong(rows), Options{})
	if len(rep.Pairwise) != 3 {
		t.Fatalf("%d pairs", len(rep.Pairwise))
	}
	d := FromLong(rows)
	if rep.Pairwise[0].Coders != [2]string{d.Coders[0], d.Coders[1]} || rep.Pairwise[2].Coders != [2]string{d.Coders[1], d.Coders[2]} {
		t.Errorf("pairs %v %v, coders %v", rep.Pairwise[0].Coders, rep.Pairwise[2].Coders, d.Coders)
	}
	for k, cr := range rep.PerCode {
		if !cr.CohenKappaMeanPairwise {
			t.Errorf("code %s: mean pairwise flag off", cr.Code)
		}
		var sum float64
		for _, pr := range rep.Pairwise {
			sum += pr.PerCode[k].CohenKappa.V
			if pr.PerCode[k].CohenKappaMeanPairwise {
				t.Errorf("pair flagged mean pairwise")
			}
		}
		if math.Abs(cr.CohenKappa.V-sum/3) > 1e-12 {
			t.Errorf("code %s: κ %v, mean of pairs %v", cr.Code, cr.CohenKappa.V, sum/3)
		}
		if cr.ScottPi.Defined {
			t.Errorf("Scott's π with three coders: %+v", cr.ScottPi)
		}
	}
	if len(rep.Overall.Confusion) != 3 || !rep.Overall.CohenKappaMeanPairwise {
		t.Errorf("overall: %d confusion tables, mean flag %v", len(rep.Overall.Confusion), rep.Overall.CohenKappaMeanPairwise)
	}
	// A pair's figures are the figures of the two coders alone.
	var two []Row
	for _, r := range rows {
		if r.Coder != "coder2" {
			two = append(two, r)
		}
	}
	alone := Compute(FromLongOrdered(two, d.Codes), Options{})
	var pair PairResult
	for _, pr := range rep.Pairwise {
		if pr.Coders == [2]string{"coder1", "coder3"} || pr.Coders == [2]string{"coder3", "coder1"} {
			pair = pr
		}
	}
	if !reflect.DeepEqual(pair.PerCode, alone.PerCode) {
		t.Errorf("pair per-code figures differ from the two coders alone")
	}
	if pair.Overall.CohenKappa != alone.Overall.CohenKappa || pair.Overall.AlphaNominal != alone.Overall.AlphaNominal {
		t.Errorf("pair overall %+v vs alone %+v", pair.Overall.CohenKappa, alone.Overall.CohenKappa)
	}
	// An undefined pair makes the mean undefined.
	rows = []Row{
		{"1", "a", "x"}, {"1", "b", ""}, {"1", "c", ""},
		{"2", "a", ""}, {"2", "b", ""}, {"2", "c", ""},
		{"3", "a", "x"}, {"3", "b", ""}, {"3", "c", ""},
	}
	cr := Compute(FromLong(rows), Options{}).PerCode[0]
	if cr.CohenKappa.Defined || !strings.Contains(cr.CohenKappa.Reason, "coders b and c") {
		t.Errorf("%+v", cr.CohenKappa)
	}
}

func TestBootstrap(t *testing.T) {
	rows := generate(genSpec{"boot", 300, 3, 3, 0.1, true, 21})
	d := FromLong(rows)
	a := Compute(d, Options{Bootstrap: true, Seed: 7})
	b := Compute(d, Options{Bootstrap: true, Seed: 7})
	c := Compute(d, Options{Bootstrap: true, Seed: 8, Resamples: 2000})
	differ := 0
	for k, cr := range a.PerCode {
		if c.PerCode[k].AlphaCI95 != cr.AlphaCI95 {
			differ++
		}
		lo, hi := cr.AlphaCI95[0], cr.AlphaCI95[1]
		if !lo.Defined || !hi.Defined {
			t.Fatalf("code %s: %+v", cr.Code, cr.AlphaCI95)
		}
		if !(lo.V <= cr.KrippendorffAlpha.V && cr.KrippendorffAlpha.V <= hi.V) || hi.V-lo.V > 0.5 || lo.V < -1 || hi.V > 1 {
			t.Errorf("code %s: α %v outside or odd interval [%v, %v]", cr.Code, cr.KrippendorffAlpha.V, lo.V, hi.V)
		}
		if b.PerCode[k].AlphaCI95 != cr.AlphaCI95 {
			t.Errorf("code %s: same seed, different interval", cr.Code)
		}
	}
	if differ == 0 {
		t.Errorf("another seed and number of resamples gave the same intervals for every code")
	}
	// The interval of a code does not depend on the order of the codes.
	codes := slices.Clone(d.Codes)
	slices.Reverse(codes)
	r := Compute(FromLongOrdered(rows, codes), Options{Bootstrap: true, Seed: 7})
	for _, cr := range r.PerCode {
		for _, cr2 := range a.PerCode {
			if cr.Code == cr2.Code && cr.AlphaCI95 != cr2.AlphaCI95 {
				t.Errorf("code %s: interval depends on code order", cr.Code)
			}
		}
	}
	// Without the bootstrap the interval is null.
	if v := Compute(d, Options{}).PerCode[0].AlphaCI95[0]; v.Defined {
		t.Errorf("%+v", v)
	}
}

// The KALPHA bootstrap draws pairs with probability o_ck/n.., so the mean disagreement per
// draw is D_o and the α* centre on α. The binomial shortcut is checked against a literal
// transcription of the macro's loop (one uniform number per pair, segments of the cumulative
// probabilities of the cells c ≤ k) on Krippendorff's (2011) C data.
func TestBootstrapCentre(t *testing.T) {
	var counts [][]int
	for u := range 12 {
		c := make([]int, 5)
		for _, row := range krippendorff2011C {
			if v := row[u]; v != "." {
				c[int(v[0]-'1')]++
			}
		}
		counts = append(counts, c)
	}
	st, _ := countsStats(counts)
	fit := alphaFromCoincidences(st.coinc, 5, Nominal, nil)
	var pairs int64
	for _, c := range counts {
		m := int64(c[0] + c[1] + c[2] + c[3] + c[4])
		if m >= 2 {
			pairs += m * (m - 1) / 2
		}
	}
	const x = 20000
	alphas, why := fit.resample(pairs, x, rand.NewPCG(1, 2))
	if why != "" {
		t.Fatal(why)
	}
	// The macro's loop, literally.
	var cum, del []float64
	var acc float64
	for c := range 5 {
		for k := c; k < 5; k++ {
			p := st.coinc[c*5+k] / fit.n
			if k != c {
				p *= 2
			}
			acc += p
			cum = append(cum, acc)
			del = append(del, fit.delta[c*5+k])
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	literal := make([]float64, x)
	for i := range literal {
		var sum float64
		for range pairs {
			r := rng.Float64() * acc
			j := 0
			for j < len(cum)-1 && r >= cum[j] {
				j++
			}
			sum += del[j]
		}
		literal[i] = max(-1, 1-sum/(fit.de*float64(pairs)))
	}
	mean := func(xs []float64) float64 {
		var m float64
		for _, v := range xs {
			m += v / float64(len(xs))
		}
		return m
	}
	if m := mean(alphas); math.Abs(m-fit.alpha.V) > 0.005 {
		t.Errorf("mean α* = %v, α = %v", m, fit.alpha.V)
	}
	slices.Sort(alphas)
	slices.Sort(literal)
	for _, p := range []float64{0.025, 0.25, 0.5, 0.75, 0.975} {
		a, b := alphas[int(p*x)], literal[int(p*x)]
		if math.Abs(a-b) > 0.02 {
			t.Errorf("quantile %v: binomial %v, literal draws %v", p, a, b)
		}
	}
	ci := fit.bootstrap(pairs, 1000, rand.NewPCG(1, 2))
	t.Logf("Krippendorff (2011) C data: α = %.3f, 95%% interval [%.3f, %.3f] (%d pairs)", fit.alpha.V, ci[0].V, ci[1].V, pairs)
	if !(ci[0].V < fit.alpha.V && fit.alpha.V < ci[1].V) {
		t.Errorf("interval %v does not contain α %v", ci, fit.alpha.V)
	}
}

// The binomial sampler against the exact distribution: a chi-square test on each (n, p), both
// the inversion and the BTPE branches, with fixed seeds.
func TestBinomialSampler(t *testing.T) {
	cases := []struct {
		n int64
		p float64
	}{{10, 0.3}, {40, 0.5}, {1000, 0.02}, {1000, 0.2}, {5000, 0.5}, {30000, 0.07}, {200, 0.93}, {123457, 0.61}}
	for i, c := range cases {
		rng := rand.NewPCG(uint64(i), 99)
		const draws = 200000
		hist := map[int64]int{}
		var sum, sum2 float64
		for range draws {
			y := binomial(rng, c.n, c.p)
			if y < 0 || y > c.n {
				t.Fatalf("Binomial(%d, %v) gave %d", c.n, c.p, y)
			}
			hist[y]++
			sum += float64(y)
			sum2 += float64(y) * float64(y)
		}
		mean := sum / draws
		sd := math.Sqrt(float64(c.n) * c.p * (1 - c.p))
		if math.Abs(mean-float64(c.n)*c.p) > 5*sd/math.Sqrt(draws) {
			t.Errorf("Binomial(%d, %v): mean %v", c.n, c.p, mean)
		}
		// Chi-square over bins with expected count ≥ 20, tails pooled.
		pmf := func(k int64) float64 {
			lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
			n := float64(c.n)
			kf := float64(k)
			return math.Exp(lg(n+1) - lg(kf+1) - lg(n-kf+1) + kf*math.Log(c.p) + (n-kf)*math.Log1p(-c.p))
		}
		var chi2 float64
		bins := 0
		var restObs, restExp float64
		for k := int64(0); k <= c.n; k++ {
			e := pmf(k) * draws
			if e < 20 {
				restObs += float64(hist[k])
				restExp += e
				continue
			}
			o := float64(hist[k])
			chi2 += (o - e) * (o - e) / e
			bins++
		}
		if restExp > 0 {
			chi2 += (restObs - restExp) * (restObs - restExp) / restExp
			bins++
		}
		// df = bins − 1; mean df, sd sqrt(2 df): 6 sd is far beyond chance for fixed seeds.
		df := float64(bins - 1)
		if chi2 > df+6*math.Sqrt(2*df) {
			t.Errorf("Binomial(%d, %v): χ² = %.1f on %v df", c.n, c.p, chi2, df)
		}
	}
}

// countCategories adds small data's units by profile and large data's one by one; both give
// the same statistics.
func TestCountCategoriesPaths(t *testing.T) {
	for i, spec := range []genSpec{
		{"2", 300, 2, 4, 0.2, false, 31},
		{"3", 300, 3, 6, 0.3, false, 32},
		{"5", 200, 5, 3, 0.4, false, 33},
	} {
		d := FromLong(generate(spec))
		all := make([]int, len(d.Coders))
		for j := range all {
			all[j] = j
		}
		byProfile, err := countCategories(&d, all)
		if err != nil {
			t.Fatal(err)
		}
		saved := profileLimit
		profileLimit = 0
		byUnit, err := countCategories(&d, all)
		profileLimit = saved
		if err != nil {
			t.Fatal(err)
		}
		a, b := byProfile.st, byUnit.st
		if !slices.Equal(a.unitsByR, b.unitsByR) || !slices.Equal(a.agreeByR, b.agreeByR) || !slices.Equal(a.piByR, b.piByR) || !slices.Equal(byProfile.conf, byUnit.conf) || byProfile.noCode != byUnit.noCode {
			t.Errorf("case %d: integer statistics differ", i)
		}
		for k := range a.coinc {
			if math.Abs(a.coinc[k]-b.coinc[k]) > 1e-9 {
				t.Errorf("case %d: coincidence %d: %v vs %v", i, k, a.coinc[k], b.coinc[k])
			}
		}
	}
}

// The JSON field names are the CLI's contract.
func TestReportJSONNames(t *testing.T) {
	rep := Compute(FromLong(generate(genSpec{"json", 30, 3, 2, 0.1, false, 41})), Options{Bootstrap: true})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		var ks []string
		for k := range v.(map[string]any) {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	want := func(what string, got []string, names ...string) {
		t.Helper()
		slices.Sort(names)
		if !slices.Equal(got, names) {
			t.Errorf("%s keys %v, want %v", what, got, names)
		}
	}
	want("report", keys(m), "units", "reviewed", "coders", "per_code", "overall", "pairwise", "disagreements", "notes")
	code := m["per_code"].([]any)[0]
	// Each coefficient with a precision has its standard error, interval and p-value beside it.
	withPrecision := func(keys ...string) []string {
		var out []string
		for _, k := range keys {
			out = append(out, k, k+"_se", k+"_ci95", k+"_p")
		}
		return out
	}
	codeKeys := append([]string{"code", "units", "given", "cohen_kappa_mean_pairwise", "alpha_ci95"},
		withPrecision("percent_agreement", "cohen_kappa", "conger_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha",
			"gwet_ac1", "brennan_prediger")...)
	want("per_code", keys(code), codeKeys...)
	overallKeys := append([]string{"mode", "units", "cohen_kappa_mean_pairwise", "krippendorff_alpha_ordinal",
		"krippendorff_alpha_interval", "krippendorff_alpha_ratio", "krippendorff_alpha_masi", "confusion"},
		withPrecision("percent_agreement", "cohen_kappa", "conger_kappa", "scott_pi", "fleiss_kappa", "gwet_ac1",
			"brennan_prediger", "krippendorff_alpha_nominal")...)
	want("overall", keys(m["overall"]), overallKeys...)
	pair := m["pairwise"].([]any)[0]
	want("pairwise", keys(pair), "coders", "per_code", "overall")
	want("pair overall", keys(pair.(map[string]any)["overall"]), overallKeys...)
	want("confusion", keys(m["overall"].(map[string]any)["confusion"].([]any)[0]), "coders", "categories", "counts")
	want("disagreement", keys(m["disagreements"].([]any)[0]), "unit", "codes")
	if ci := code.(map[string]any)["alpha_ci95"].([]any); len(ci) != 2 {
		t.Errorf("alpha_ci95 %v", ci)
	}
	for _, k := range []string{"gwet_ac1_ci95", "krippendorff_alpha_ci95", "conger_kappa_ci95"} {
		ci, ok := code.(map[string]any)[k].([]any)
		if !ok || len(ci) != 2 {
			t.Errorf("%s %v", k, code.(map[string]any)[k])
			continue
		}
		if lo, ok := ci[0].(float64); !ok || lo > code.(map[string]any)[strings.TrimSuffix(k, "_ci95")].(float64) {
			t.Errorf("%s %v does not start below the coefficient", k, ci)
		}
	}
	// Empty collections are [] rather than null.
	empty, _ := json.Marshal(Compute(Data{}, Options{}))
	for _, k := range []string{`"coders":[]`, `"per_code":[]`, `"pairwise":[]`, `"disagreements":[]`, `"confusion":[]`} {
		if !strings.Contains(string(empty), k) {
			t.Errorf("empty report lacks %s: %s", k, empty)
		}
	}
}

func TestEmptyAndTiny(t *testing.T) {
	for _, d := range []Data{
		{},
		{Coders: []string{"a", "b"}},
		{Units: []string{"u"}, Coders: []string{"a", "b"}, Cells: [][]Cell{{{}, {}}}},
		{Units: []string{"u"}, Codes: []string{"x"}, Cells: [][]Cell{{}}},
	} {
		rep := Compute(d, Options{Bootstrap: true})
		if rep.Overall.AlphaNominal.Defined || rep.Overall.PercentAgreement.Defined {
			t.Errorf("%+v: %+v", d, rep.Overall)
		}
		for _, cr := range rep.PerCode {
			if cr.KrippendorffAlpha.Defined || cr.KrippendorffAlpha.Reason == "" {
				t.Errorf("%+v", cr)
			}
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Error(err)
		}
	}
	if v := OverallAlpha(Data{}, Nominal); v.Defined {
		t.Errorf("%+v", v)
	}
}

// refMASIAlpha is Krippendorff's α with the MASI distance by brute force over all pairs of
// pairable values, an independent check of the set ids, the distance cache and the passes.
func refMASIAlpha(d Data) float64 {
	var values [][]int // pairable values
	var do float64
	for _, row := range d.Cells {
		var unit [][]int
		for _, c := range row {
			if c.Reviewed {
				unit = append(unit, c.Codes)
			}
		}
		if len(unit) < 2 {
			continue
		}
		values = append(values, unit...)
		for i := range unit {
			for j := range unit {
				if i != j {
					do += MASIDistance(unit[i], unit[j]) / float64(len(unit)-1)
				}
			}
		}
	}
	n := float64(len(values))
	var de float64
	for i := range values {
		for j := range values {
			if i != j {
				de += MASIDistance(values[i], values[j])
			}
		}
	}
	return 1 - (n-1)*do/de
}

// Code sets are identified three ways (bit mask for up to 12 codes, a map of one word up to 64,
// a map of several words beyond) and distances cached up to 1024 sets: all give the same α.
func TestManyCodes(t *testing.T) {
	for _, c := range []struct {
		name   string
		codes  int
		extra  int // unused codebook codes
		units  int
		nSets  func(int) bool
		direct bool
	}{
		{"direct, cached", 8, 0, 150, func(n int) bool { return n == 256 }, true},
		{"one word, cached", 20, 0, 150, func(n int) bool { return n <= 1024 }, false},
		{"one word, not cached", 20, 0, 500, func(n int) bool { return n > 1024 }, false},
		{"several words", 6, 70, 150, func(n int) bool { return n <= 1024 }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := generate(genSpec{c.name, c.units, 3, c.codes, 0.2, true, 51})
			codebook := FromLong(rows).Codes
			for i := range c.extra {
				codebook = append(codebook, "unused"+strconv.Itoa(i))
			}
			d := FromLongOrdered(rows, codebook)
			p := prepare(&d)
			if !c.nSets(p.nSets) || (p.masi != nil) != (p.nSets <= 1024) {
				t.Fatalf("%d sets, cache %v", p.nSets, p.masi != nil)
			}
			rep := Compute(d, Options{})
			if want := refMASIAlpha(d); math.Abs(rep.Overall.AlphaMASI.V-want) > 1e-9 { // brute force sums ~10⁶ terms
				t.Errorf("MASI α %.17g, brute force %.17g", rep.Overall.AlphaMASI.V, want)
			}
			// The same data with a codebook of only the used codes: the same figures.
			small := Compute(FromLong(rows), Options{})
			if math.Abs(small.Overall.AlphaMASI.V-rep.Overall.AlphaMASI.V) > 1e-12 || len(small.Disagreements) != len(rep.Disagreements) {
				t.Errorf("codebook size changed the figures")
			}
			for i := range small.Disagreements {
				if !reflect.DeepEqual(small.Disagreements[i], rep.Disagreements[i]) {
					t.Fatalf("disagreement %d: %v vs %v", i, small.Disagreements[i], rep.Disagreements[i])
				}
			}
		})
	}
}
