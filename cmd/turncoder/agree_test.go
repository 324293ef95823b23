package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding/agreement"
)

func keysOf(m map[string]any) string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	sort.Strings(k)
	return strings.Join(k, " ")
}

// TestAgreeCSVCohenWikipedia runs the calculator on the worked example of the Wikipedia
// article "Cohen's kappa": 50 proposals, both readers yes on 20, A yes / B no on 5, A no / B
// yes on 10, both no on 15; p_o = 0.7, p_e = 0.5, κ = 0.4.
func TestAgreeCSVCohenWikipedia(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit,coder,code\n")
	n := 0
	add := func(count int, a, bb string) {
		for i := 0; i < count; i++ {
			n++
			fmt.Fprintf(&b, "p%d,A,%s\np%d,B,%s\n", n, a, n, bb)
		}
	}
	add(20, "yes", "yes")
	add(5, "yes", "")
	add(10, "", "yes")
	add(15, "", "")
	path := filepath.Join(t.TempDir(), "wiki.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	var rep map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "--csv", path, "--json").stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"units", "coders", "per_code", "overall", "pairwise", "disagreements"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("no top-level %q in %s", k, keysOf(rep))
		}
	}
	overall := rep["overall"].(map[string]any)
	for _, k := range []string{"mode", "percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "gwet_ac1", "brennan_prediger",
		"krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval", "krippendorff_alpha_ratio", "krippendorff_alpha_masi"} {
		if _, ok := overall[k]; !ok {
			t.Errorf("overall has no %q", k)
		}
	}
	if overall["mode"] != "single-label" || math.Abs(overall["cohen_kappa"].(float64)-0.4) > 1e-12 || math.Abs(overall["percent_agreement"].(float64)-0.7) > 1e-12 {
		t.Errorf("overall %v", overall)
	}
	if overall["krippendorff_alpha_interval"] != nil {
		t.Errorf("interval α of non-numeric codes should be null, is %v", overall["krippendorff_alpha_interval"])
	}
	code := rep["per_code"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "units", "percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha", "alpha_ci95", "gwet_ac1", "brennan_prediger"} {
		if _, ok := code[k]; !ok {
			t.Errorf("per_code has no %q", k)
		}
	}
	if code["code"] != "yes" || code["units"] != 50.0 || math.Abs(code["cohen_kappa"].(float64)-0.4) > 1e-12 {
		t.Errorf("per code %v", code)
	}
	ci := code["alpha_ci95"].([]any)
	if len(ci) != 2 || ci[0].(float64) >= ci[1].(float64) {
		t.Errorf("alpha_ci95 %v", ci)
	}
	if got := len(rep["disagreements"].([]any)); got != 15 {
		t.Errorf("%d disagreements, want 15", got)
	}
	// The same data gives the same interval.
	again := mustRun(t, "agree", "--csv", path, "--json").stdout
	var rep2 map[string]any
	json.Unmarshal([]byte(again), &rep2)
	if fmt.Sprint(rep2["per_code"].([]any)[0].(map[string]any)["alpha_ci95"]) != fmt.Sprint(ci) {
		t.Error("the bootstrap interval changed between two runs")
	}
	// The readable table.
	out := mustRun(t, "agree", "--csv", path).stdout
	if !strings.Contains(out, "0.400") || !strings.Contains(out, "Disagreements: 15 units") {
		t.Errorf("table:\n%s", out)
	}
}

func TestAgreeOnAProject(t *testing.T) {
	p := seededProject(t)
	mustRun(t, "speakers", "-p", p, "--set-role", "CLB=interviewer")
	mustRun(t, "coders", "-p", p, "--add", "ana", "--add", "bo")
	in := filepath.Join(t.TempDir(), "c.csv")
	// Turn 2 agreed (referral), turn 4 disagreed, turn 18 reviewed by ana only.
	os.WriteFile(in, []byte("document,turn,coder,code\n"+
		"000_d6d2e252924e4e15,2,ana,referral\n000_d6d2e252924e4e15,2,bo,referral\n"+
		"000_d6d2e252924e4e15,4,ana,deflection\n000_d6d2e252924e4e15,4,bo,\n"+
		"000_d6d2e252924e4e15,18,ana,referral\n"), 0o644)
	mustRun(t, "codings", "import", "-p", p, in)
	var rep struct {
		Units         int
		Fingerprint   string `json:"codebook_fingerprint"`
		Coders        []string
		Disagreements []struct {
			Document string
			Turn     int
			Speaker  string
			Text     string
			Codes    map[string][]string
		}
		Overall struct {
			Units int
		}
	}
	out := mustRun(t, "agree", "-p", p, "--doc", "000_d6d2e252924e4e15", "--json").stdout
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Fingerprint) != 12 {
		t.Errorf("codebook_fingerprint %q", rep.Fingerprint)
	}
	if rep.Units != 107 || rep.Overall.Units != 2 || strings.Join(rep.Coders, ",") != "ana,bo" {
		t.Errorf("units %d, counted %d, coders %v", rep.Units, rep.Overall.Units, rep.Coders)
	}
	if len(rep.Disagreements) != 1 || rep.Disagreements[0].Turn != 4 || rep.Disagreements[0].Text != "哪里？" ||
		fmt.Sprint(rep.Disagreements[0].Codes) != "map[ana:[deflection] bo:[]]" {
		t.Errorf("disagreements %+v", rep.Disagreements)
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"agree", "-p", p, "--role", "boss"}, 2, "unknown role"},
		{[]string{"agree", "-p", p, "--codes", "praise"}, 1, `no code "praise"`},
		{[]string{"agree"}, 2, "either -p FILE or --csv FILE"},
		{[]string{"agree", "--csv", in}, 1, `no "unit" column`},
	} {
		r := run(t, bad.args...)
		if r.code != bad.code || !strings.Contains(r.stderr, bad.want) {
			t.Errorf("%v: exit %d %q", bad.args, r.code, r.stderr)
		}
	}
}

func TestAdjudicateAutoAgreed(t *testing.T) {
	p := codedProject(t) // turn 2 agreed; turns 4 and 18 differ
	r := mustRun(t, "adjudicate", "-p", p, "--auto-agreed")
	if !strings.Contains(r.stderr, "settled 1 units") || !strings.Contains(r.stderr, "2 disagreements remain") {
		t.Errorf("adjudicate said %q", r.stderr)
	}
	var rep struct{ Coders []string }
	json.Unmarshal([]byte(mustRun(t, "agree", "-p", p, "--json").stdout), &rep)
	if strings.Join(rep.Coders, ",") != "ana,bo" {
		t.Errorf("agree counts the consensus layer as a coder: %v", rep.Coders)
	}
	if out := mustRun(t, "codings", "export", "-p", p).stdout; !strings.Contains(out, "000_d6d2e252924e4e15,2,consensus,referral") {
		t.Errorf("the consensus layer lacks turn 2:\n%s", out)
	}
	if r := run(t, "adjudicate", "-p", p); r.code != 2 {
		t.Errorf("adjudicate without --auto-agreed: exit %d", r.code)
	}
}

// Every statistic of agreement.Statistics is in agree --json under its key, with its precision
// (_se, _ci95, _p), per code, overall and for each pair; the readable tables show each one the
// data has, by its label per code and its title overall, with the 95% interval of each
// coefficient that has one, and leave out Scott's π of three coders.
func TestAgreeShowsEveryStatistic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "three.csv")
	os.WriteFile(path, []byte("unit,coder,code\n"+
		"u1,A,x\nu1,B,x\nu1,C,x\nu2,A,y\nu2,B,x\nu2,C,y\nu3,A,y\nu3,B,y\nu3,C,y\n"+
		"u4,A,x\nu4,B,x\nu4,C,\nu5,A,\nu5,B,\nu5,C,\nu6,A,x\nu6,B,y\nu6,C,x\nu7,A,y\nu7,B,y\n"), 0o644)
	var rep struct {
		PerCode  []map[string]any `json:"per_code"`
		Overall  map[string]any   `json:"overall"`
		Pairwise []struct {
			PerCode []map[string]any `json:"per_code"`
			Overall map[string]any   `json:"overall"`
		} `json:"pairwise"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "--csv", path, "--json", "--resamples", "200").stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.PerCode) != 2 || len(rep.Pairwise) != 3 {
		t.Fatalf("%d codes, %d pairs", len(rep.PerCode), len(rep.Pairwise))
	}
	has := func(where string, obj map[string]any, s agreement.Statistic) {
		t.Helper()
		keys := []string{s.Key}
		if s.HasPrecision() {
			keys = append(keys, s.Key+"_se", s.Key+"_ci95", s.Key+"_p")
		}
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s: no %q in %s", where, k, keysOf(obj))
			}
		}
	}
	for _, s := range agreement.Statistics() {
		if s.Applies.PerCode {
			has("per_code", rep.PerCode[0], s)
			has("pairwise per_code", rep.Pairwise[0].PerCode[0], s)
		}
		if s.Applies.Overall {
			has("overall", rep.Overall, s)
			has("pairwise overall", rep.Pairwise[0].Overall, s)
		}
	}
	out := mustRun(t, "agree", "--csv", path, "--resamples", "200").stdout
	byCode, rest, _ := strings.Cut(out, "\nOverall (")
	overall, _, _ := strings.Cut(rest, "\nPairwise")
	for _, s := range agreement.Statistics() {
		if s.Applies.PerCode && s.For(3) && !strings.Contains(byCode, s.LabelFor(3)) {
			t.Errorf("the tables by code have no %q:\n%s", s.LabelFor(3), byCode)
		}
		if s.Applies.Overall && s.For(3) && !strings.Contains(overall, s.TitleFor(3)) {
			t.Errorf("the overall figures have no %q:\n%s", s.TitleFor(3), overall)
		}
	}
	if strings.Contains(byCode+overall, "Scott") {
		t.Errorf("Scott's π shown for three coders:\n%s", out)
	}
	// The intervals are the JSON's, three decimals.
	ci := func(v any) string {
		lim := v.([]any)
		return fmt.Sprintf("[%.3f, %.3f]", lim[0].(float64), lim[1].(float64))
	}
	if want := ci(rep.PerCode[0]["fleiss_kappa_ci95"]); !strings.Contains(byCode, want) {
		t.Errorf("no Fleiss' κ interval %s of code x:\n%s", want, byCode)
	}
	line := ""
	for _, l := range strings.Split(overall, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Conger's κ") {
			line = l
		}
	}
	if want := ci(rep.Overall["conger_kappa_ci95"]); !strings.Contains(line, want) || !strings.Contains(line, fmt.Sprintf("%.3f", rep.Overall["conger_kappa_se"])) {
		t.Errorf("Conger's κ overall: %q, want the interval %s and the SE %v", line, want, rep.Overall["conger_kappa_se"])
	}
	if !strings.Contains(byCode, "Cohen κ (mean of pairs)") || !strings.Contains(overall, "Cohen's κ (mean of pairs)") {
		t.Errorf("the mean pairwise κ is not labelled as such:\n%s", out)
	}
}
