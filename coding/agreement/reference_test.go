package agreement

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// referenceRows is ten units coded by a lead and three coders with the codes A and B: ana
// exactly as the lead, bo as the lead but for A missed on u4 and B added on u9, cy only on
// u11, which the lead did not review.
func referenceRows() []Row {
	var rows []Row
	lead := map[string][]string{"u1": {"A"}, "u2": {"A"}, "u3": {"A"}, "u4": {"A"}, "u5": {"B"}, "u6": {"B"}, "u7": nil, "u8": nil, "u9": nil, "u10": nil}
	for _, u := range []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10"} {
		add := func(coder string, codes []string) {
			if len(codes) == 0 {
				rows = append(rows, Row{u, coder, ""})
			}
			for _, c := range codes {
				rows = append(rows, Row{u, coder, c})
			}
		}
		add("lead", lead[u])
		add("ana", lead[u])
		switch u {
		case "u4":
			add("bo", nil)
		case "u9":
			add("bo", []string{"B"})
		default:
			add("bo", lead[u])
		}
	}
	return append(rows, Row{"u11", "cy", "A"})
}

func TestCompareWithReference(t *testing.T) {
	d := FromLongOrdered(referenceRows(), []string{"A", "B"})
	rep, err := CompareWithReference(d, "lead")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reference != "lead" || rep.Units != 10 || len(rep.Coders) != 3 {
		t.Fatalf("reference %q, units %d, coders %d", rep.Reference, rep.Units, len(rep.Coders))
	}
	if rep.Notes[0] != ReferenceConvention {
		t.Errorf("the notes do not begin with the convention: %q", rep.Notes[0])
	}

	// A coder identical to the reference: κ, AC1 and agreement 1 on every code, nothing missed.
	ana := rep.Coders[0]
	if ana.Coder != "ana" || ana.Units != 10 || ana.NotReviewed != 0 || ana.Misses != 0 || ana.Extras != 0 || len(ana.Differences) != 0 {
		t.Errorf("ana: %+v", ana)
	}
	for _, cr := range ana.Codes {
		for name, v := range map[string]Value{"κ": cr.CohenKappa, "AC1": cr.GwetAC1, "agreement": cr.PercentAgreement} {
			if !v.Defined || v.V != 1 {
				t.Errorf("ana, code %s: %s %v, want 1", cr.Code, name, v)
			}
		}
		if cr.Misses != 0 || cr.Extras != 0 || cr.ReferenceGiven != cr.CoderGiven {
			t.Errorf("ana, code %s: %+v", cr.Code, cr)
		}
	}
	if o := ana.Overall; o.Mode != SingleLabel || o.CohenKappa.V != 1 || o.PercentAgreement.V != 1 {
		t.Errorf("ana overall: %+v", o)
	}

	// A coder who missed A on u4 and added B on u9: both listed, with the codes of each side.
	bo := rep.Coders[1]
	want := []ReferenceDifference{
		{Unit: "u4", Reference: []string{"A"}, Coder: []string{}, Missed: []string{"A"}, Extra: []string{}},
		{Unit: "u9", Reference: []string{}, Coder: []string{"B"}, Missed: []string{}, Extra: []string{"B"}},
	}
	if !reflect.DeepEqual(bo.Differences, want) {
		t.Errorf("bo's differences %+v, want %+v", bo.Differences, want)
	}
	if bo.Misses != 1 || bo.Extras != 1 || bo.Units != 10 {
		t.Errorf("bo: misses %d, extras %d, units %d", bo.Misses, bo.Extras, bo.Units)
	}
	a := bo.Codes[0]
	if a.Code != "A" || a.ReferenceGiven != 4 || a.CoderGiven != 3 || a.Misses != 1 || a.Extras != 0 {
		t.Errorf("bo, code A: %+v", a)
	}
	// By hand: the table [[6, 0], [1, 3]] (rows the lead, columns bo; absent, present).
	// p_o = .9; Cohen p_e = (6·7 + 4·3)/100 = .54, κ = .36/.46; AC1 π_present = 7/20,
	// p_e = 2·.35·.65 = .455, AC1 = .445/.545; pa2.table's SE √(.9·.1/10).
	near := func(what string, got Value, want float64) {
		t.Helper()
		if !got.Defined || math.Abs(got.V-want) > 1e-12 {
			t.Errorf("%s = %v, want %.15f", what, got, want)
		}
	}
	near("bo, A: percent agreement", a.PercentAgreement, 0.9)
	near("bo, A: κ", a.CohenKappa, 0.36/0.46)
	near("bo, A: AC1", a.GwetAC1, 0.445/0.545)
	near("bo, A: agreement's SE", a.PercentAgreementSE, math.Sqrt(0.9*0.1/10))
	if b := bo.Codes[1]; b.Misses != 0 || b.Extras != 1 || b.ReferenceGiven != 2 || b.CoderGiven != 3 {
		t.Errorf("bo, code B: %+v", b)
	}
	// The overall table: lead A×4, B×2, none×4; bo the same but u4 none and u9 B.
	near("bo overall agreement", bo.Overall.PercentAgreement, 0.8)

	// A coder with no unit in common: every figure undefined, with the reason, and a note.
	cy := rep.Coders[2]
	if cy.Units != 0 || cy.NotReviewed != 10 || len(cy.Differences) != 0 {
		t.Errorf("cy: %+v", cy)
	}
	why := "cy and the reference lead reviewed no unit in common"
	for _, cr := range cy.Codes {
		for _, v := range []Value{cr.PercentAgreement, cr.PercentAgreementSE, cr.CohenKappa, cr.CohenKappaCI95[1], cr.GwetAC1, cr.GwetAC1P} {
			if v.Defined || v.Reason != why {
				t.Errorf("cy, code %s: %+v, want undefined: %s", cr.Code, v, why)
			}
		}
	}
	if v := cy.Overall.CohenKappa; v.Defined || v.Reason != why {
		t.Errorf("cy overall κ %+v", v)
	}
	if !slices.Contains(rep.Notes, "Coder cy: every figure undefined: "+why+".") {
		t.Errorf("no note on cy in %q", rep.Notes)
	}
}

// The figures agree with Compute's for the reference and the coder alone on the units both
// reviewed, where Compute computes the same coefficients (its Cohen's κ by the same table
// formula; percent agreement and AC1 from raw ratings, whose standard errors are the table's
// times √(n/(n − 1)), the sample variance where the table's is the population's).
func TestCompareWithReferenceAgreesWithCompute(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 7))
	compared := map[string]int{} // defined figures compared, by statistic
	for trial := range 30 {
		nK := 1 + rng.IntN(4)
		codes := []string{"p", "q", "r", "s"}[:nK]
		multi := trial%2 == 1
		var rows []Row
		for u := range 40 {
			unit := "u" + string(rune('A'+u/26)) + string(rune('a'+u%26))
			for _, coder := range []string{"ref", "x", "y"} {
				if rng.IntN(6) == 0 {
					continue // not reviewed
				}
				given := false
				for _, c := range codes {
					if rng.IntN(3) == 0 && (multi || !given) {
						rows = append(rows, Row{unit, coder, c})
						given = true
					}
				}
				if !given {
					rows = append(rows, Row{unit, coder, ""})
				}
			}
		}
		d := FromLongOrdered(rows, codes)
		rep, err := CompareWithReference(d, "ref")
		if err != nil {
			t.Fatal(err)
		}
		for _, rc := range rep.Coders {
			// The two coders alone, on the units both reviewed.
			c, r := slices.Index(d.Coders, rc.Coder), slices.Index(d.Coders, "ref")
			var sub Data
			sub.Codes, sub.Coders = d.Codes, []string{"ref", rc.Coder}
			for u, row := range d.Cells {
				if row[r].Reviewed && row[c].Reviewed {
					sub.Units = append(sub.Units, d.Units[u])
					sub.Cells = append(sub.Cells, []Cell{row[r], row[c]})
				}
			}
			if rc.Units != len(sub.Units) {
				t.Fatalf("trial %d, %s: %d units, want %d", trial, rc.Coder, rc.Units, len(sub.Units))
			}
			cmp := Compute(sub, Options{})
			n := float64(rc.Units)
			same := func(what string, got, want Value, scale float64) {
				t.Helper()
				if got.Defined != want.Defined || (got.Defined && math.Abs(got.V-want.V*scale) > 1e-9) {
					t.Errorf("trial %d, %s, %s: %v, Compute's %v (×%.4f)", trial, rc.Coder, what, got, want, scale)
				}
				if key := what; got.Defined {
					if !strings.HasPrefix(key, "overall ") {
						key = key[strings.IndexByte(key, ' ')+1:] // without the code
					}
					compared[key]++
				}
			}
			seScale := math.Sqrt((n - 1) / n)
			for k, cr := range rc.Codes {
				want := cmp.PerCode[k]
				same(cr.Code+" κ", cr.CohenKappa, want.CohenKappa, 1)
				same(cr.Code+" κ SE", cr.CohenKappaSE, want.CohenKappaSE, 1)
				same(cr.Code+" AC1", cr.GwetAC1, want.GwetAC1, 1)
				same(cr.Code+" percent agreement", cr.PercentAgreement, want.PercentAgreement, 1)
				if want.PercentAgreementSE.Defined && want.PercentAgreementSE.V > 0 {
					same(cr.Code+" agreement SE", cr.PercentAgreementSE, want.PercentAgreementSE, seScale)
				}
				if want.GwetAC1SE.Defined && want.GwetAC1SE.V > 0 {
					same(cr.Code+" AC1 SE", cr.GwetAC1SE, want.GwetAC1SE, seScale)
				}
				if cr.ReferenceGiven != want.Given["ref"] || cr.CoderGiven != want.Given[rc.Coder] {
					t.Errorf("trial %d, %s, %s: given %d, %d; Compute's %v", trial, rc.Coder, cr.Code, cr.ReferenceGiven, cr.CoderGiven, want.Given)
				}
			}
			o := rc.Overall
			if o.Mode != modeOf(d) {
				t.Errorf("trial %d: mode %s, the data's %s", trial, o.Mode, modeOf(d))
			}
			if o.Mode == MultiLabel {
				// Compute's overall agreement in multi-label mode is on identical code sets too.
				same("overall agreement", o.PercentAgreement, cmp.Overall.PercentAgreement, 1)
				if o.CohenKappa.Defined || o.CohenKappa.Reason != reasonMulti {
					t.Errorf("trial %d: multi-label overall κ %+v", trial, o.CohenKappa)
				}
				continue
			}
			if !cmp.Overall.PercentAgreement.Defined {
				continue // Compute's data lacks a category the whole data has
			}
			same("overall κ", o.CohenKappa, cmp.Overall.CohenKappa, 1)
			same("overall κ SE", o.CohenKappaSE, cmp.Overall.CohenKappaSE, 1)
			same("overall agreement", o.PercentAgreement, cmp.Overall.PercentAgreement, 1)
			// AC1 counts q over the whole data's categories; Compute's sub-data has the same
			// codebook, and "no code" when one of the two used it.
			if noCodeIn(d) == noCodeIn(sub) {
				same("overall AC1", o.GwetAC1, cmp.Overall.GwetAC1, 1)
			}
		}
	}
	for _, what := range []string{"κ", "κ SE", "AC1", "AC1 SE", "agreement SE", "percent agreement", "overall κ", "overall κ SE", "overall AC1", "overall agreement"} {
		if compared[what] < 10 {
			t.Errorf("only %d defined values of %s compared: %v", compared[what], what, compared)
		}
	}
}

func modeOf(d Data) string {
	for _, row := range d.Cells {
		for _, c := range row {
			if c.Reviewed && len(c.Codes) > 1 {
				return MultiLabel
			}
		}
	}
	return SingleLabel
}

func noCodeIn(d Data) bool {
	for _, row := range d.Cells {
		for _, c := range row {
			if c.Reviewed && len(c.Codes) == 0 {
				return true
			}
		}
	}
	return false
}

func TestCompareWithReferenceRefuses(t *testing.T) {
	d := FromLongOrdered(referenceRows(), []string{"A", "B"})
	// dee is a coder in scope who reviewed nothing, as FromReliability gives one.
	withDee := Data{Units: d.Units, Coders: append(slices.Clone(d.Coders), "dee"), Codes: d.Codes}
	for _, row := range d.Cells {
		withDee.Cells = append(withDee.Cells, append(slices.Clone(row), Cell{}))
	}
	for _, tc := range []struct {
		d    Data
		ref  string
		want string
	}{
		{d, "zoe", `there is no coder "zoe" to compare with: the coders are lead, ana, bo, cy`},
		{withDee, "dee", `the reference "dee" reviewed none of the 11 units in scope, so there is nothing to compare with`},
		{FromLong([]Row{{"u1", "lead", "A"}}), "lead", `there is no coder to compare with the reference "lead": the data has no other coder`},
		{Data{}, "lead", `there is no coder "lead" to compare with: the data has no coders`},
		{Data{Units: []string{"u1"}, Coders: []string{"lead"}, Codes: []string{"A"}, Cells: [][]Cell{{{Reviewed: true, Codes: []int{3}}}}}, "lead",
			`the data is invalid: unit "u1", coder "lead": code index 3 is out of range (the codebook has 1 codes)`},
	} {
		_, err := CompareWithReference(tc.d, tc.ref)
		if err == nil || err.Error() != tc.want {
			t.Errorf("reference %q: %v, want %s", tc.ref, err, tc.want)
		}
	}
	// The name as the project writes it: NFKC and spaces folded.
	rep, err := CompareWithReference(d, " ｌｅａｄ ")
	if err != nil || rep.Reference != "lead" {
		t.Errorf("full-width name: %v, %q", err, rep.Reference)
	}
}

func TestCompareWithReferenceMultiLabel(t *testing.T) {
	rows := []Row{
		{"u1", "lead", "A"}, {"u1", "lead", "B"}, {"u1", "ana", "A"},
		{"u2", "lead", "A"}, {"u2", "ana", "A"},
		{"u3", "lead", ""}, {"u3", "ana", ""},
		{"u4", "lead", "B"}, {"u4", "ana", "A"}, {"u4", "ana", "B"},
	}
	rep, err := CompareWithReference(FromLongOrdered(rows, []string{"A", "B"}), "lead")
	if err != nil {
		t.Fatal(err)
	}
	ana := rep.Coders[0]
	if o := ana.Overall; o.Mode != MultiLabel || o.PercentAgreement.V != 0.5 || o.CohenKappa.Defined || o.GwetAC1.Reason != reasonMulti {
		t.Errorf("overall %+v", o)
	}
	want := []ReferenceDifference{
		{Unit: "u1", Reference: []string{"A", "B"}, Coder: []string{"A"}, Missed: []string{"B"}, Extra: []string{}},
		{Unit: "u4", Reference: []string{"B"}, Coder: []string{"A", "B"}, Missed: []string{}, Extra: []string{"A"}},
	}
	if !reflect.DeepEqual(ana.Differences, want) {
		t.Errorf("differences %+v", ana.Differences)
	}
	if !slices.ContainsFunc(rep.Notes, func(n string) bool { return strings.Contains(n, "identical code sets") }) {
		t.Errorf("no note on the multi-label overall figures: %q", rep.Notes)
	}
}

func TestReferenceReportJSON(t *testing.T) {
	rep, err := CompareWithReference(FromLongOrdered(referenceRows(), []string{"A", "B"}), "lead")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"reference", "units", "coders", "notes"} {
		if _, ok := back[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	bo := back["coders"].([]any)[1].(map[string]any)
	for _, k := range []string{"coder", "units", "not_reviewed", "misses", "extras", "codes", "overall", "differences"} {
		if _, ok := bo[k]; !ok {
			t.Errorf("no %q in a coder", k)
		}
	}
	code := bo["codes"].([]any)[0].(map[string]any)
	for _, stat := range []string{"percent_agreement", "cohen_kappa", "gwet_ac1"} {
		for _, suffix := range []string{"", "_se", "_p"} {
			if v, ok := code[stat+suffix].(float64); !ok || math.IsNaN(v) {
				t.Errorf("code A: %s%s is %v", stat, suffix, code[stat+suffix])
			}
		}
		if ci, ok := code[stat+"_ci95"].([]any); !ok || len(ci) != 2 {
			t.Errorf("code A: %s_ci95 is %v", stat, code[stat+"_ci95"])
		}
	}
	diff := bo["differences"].([]any)[0].(map[string]any)
	if diff["unit"] != "u4" || !reflect.DeepEqual(diff["missed"], []any{"A"}) || !reflect.DeepEqual(diff["extra"], []any{}) {
		t.Errorf("difference %v", diff)
	}
	// Undefined is null.
	cy := back["coders"].([]any)[2].(map[string]any)
	if v := cy["codes"].([]any)[0].(map[string]any)["cohen_kappa"]; v != nil {
		t.Errorf("cy's κ is %v, want null", v)
	}
}

// The consensus layer's decisions made a coder: the units it settled are reviewed with their
// codes (codes out of scope and units outside the data left out), the others missing, and the
// data it came from is unchanged.
func TestWithReference(t *testing.T) {
	d := FromLongOrdered([]Row{
		{"u1", "ana", "A"}, {"u1", "bo", "B"},
		{"u2", "ana", ""}, {"u2", "bo", "A"},
		{"u3", "ana", "A"}, {"u3", "bo", "A"},
	}, []string{"A", "B"})
	before := fmt.Sprint(d.Cells)
	got, err := WithReference(d, "consensus", map[string][]string{
		"u1":  {"B", "A", "B"},
		"u2":  {},
		"u2b": {"A"},          // not a unit of the data
		"u3":  {"A", "Other"}, // Other is out of scope
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(d.Cells) != before || len(d.Coders) != 2 {
		t.Errorf("the data was modified: %v", d.Cells)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Coders, []string{"ana", "bo", "consensus"}) {
		t.Errorf("coders %v", got.Coders)
	}
	want := []Cell{{true, []int{0, 1}}, {true, []int{}}, {true, []int{0}}}
	for u, w := range want {
		if c := got.Cells[u][2]; c.Reviewed != w.Reviewed || !slices.Equal(c.Codes, w.Codes) {
			t.Errorf("%s: consensus %+v, want %+v", got.Units[u], c, w)
		}
		if !reflect.DeepEqual(got.Cells[u][:2], d.Cells[u]) {
			t.Errorf("%s: the coders' cells changed", got.Units[u])
		}
	}
	rep, err := CompareWithReference(got, "consensus")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Units != 3 || rep.Coders[0].Misses != 1 || rep.Coders[1].Misses != 1 || rep.Coders[1].Extras != 1 {
		t.Errorf("compared with the consensus: %+v", rep.Coders)
	}
	if _, err := WithReference(d, "ana", nil); err == nil || err.Error() != `the data already has a coder "ana": the reference needs a name of its own` {
		t.Errorf("a name taken: %v", err)
	}
}

// ReferenceStatistics are the table's entries a comparison gives: Of reads each one's figure
// and precision from the fields its JSON keys name (key, _se, _ci95, _p), per code and overall,
// and nothing of a statistic the comparison does not give.
func TestReferenceStatisticsReadTheirFields(t *testing.T) {
	d := FromLongOrdered(referenceRows(), []string{"A", "B"})
	rep, err := CompareWithReference(d, "lead")
	if err != nil {
		t.Fatal(err)
	}
	bo := rep.Coders[1]
	var keys []string
	for _, s := range ReferenceStatistics() {
		keys = append(keys, s.Key)
	}
	if strings.Join(keys, " ") != "percent_agreement cohen_kappa gwet_ac1" {
		t.Fatalf("ReferenceStatistics: %v", keys)
	}
	read := func(obj any) map[string]any {
		b, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		return m
	}
	check := func(where string, e Estimate, m map[string]any, key string) {
		t.Helper()
		if !e.Coef.Defined || !e.SE.Defined || !e.CI95[0].Defined || !e.CI95[1].Defined {
			t.Fatalf("%s %s: not every part defined: %+v", where, key, e)
		}
		ci := m[key+"_ci95"].([]any)
		got := []float64{m[key].(float64), m[key+"_se"].(float64), ci[0].(float64), ci[1].(float64)}
		want := []float64{e.Coef.V, e.SE.V, e.CI95[0].V, e.CI95[1].V}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s: Of gives %v, the JSON %v", where, key, want, got)
		}
		if p, ok := m[key+"_p"]; !ok || (e.P.Defined && p.(float64) != e.P.V) {
			t.Errorf("%s %s: p %v, Of %v", where, key, p, e.P)
		}
	}
	code := read(bo.Codes[0])
	overall := read(bo.Overall)
	for _, s := range ReferenceStatistics() {
		check("code A", bo.Codes[0].Of(s), code, s.Key)
		check("overall", bo.Overall.Of(s), overall, s.Key)
	}
	if bo.Codes[0].Of(Statistics()[3]) != (Estimate{}) || bo.Overall.Of(Statistics()[3]) != (Estimate{}) {
		t.Errorf("%s read from a comparison, which has none", Statistics()[3].Key)
	}
}
