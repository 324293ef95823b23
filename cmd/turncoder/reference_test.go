package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
	"github.com/turncoder/turncoder/store"
)

const call1 = "000_d6d2e252924e4e15"

// referenceProject is codedProject with a third coder, cy (turn 2 referral, turn 4 deflection,
// turn 18 admission), and a fourth, dee, who reviewed nothing.
func referenceProject(t *testing.T) string {
	p := codedProject(t)
	mustRun(t, "coders", "-p", p, "--add", "cy", "--add", "dee")
	in := filepath.Join(t.TempDir(), "cy.csv")
	os.WriteFile(in, []byte("document,turn,coder,code\n"+
		call1+",2,cy,referral\n"+call1+",4,cy,deflection\n"+call1+",18,cy,admission\n"), 0o644)
	mustRun(t, "codings", "import", "-p", p, in)
	return p
}

// projectData is the project's data in scope, as the engine reads it, and the consensus
// layer's decisions on it, read through the store.
func projectData(t *testing.T, path string, scope coding.Scope) (agreement.Data, report.Consensus) {
	t.Helper()
	p, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rel, err := p.Reliability(context.Background(), scope)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.ConsensusLayer(context.Background(), rel)
	if err != nil {
		t.Fatal(err)
	}
	return agreement.FromReliability(rel), c
}

// asMap is v as JSON read back into plain maps and slices.
func asMap(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// sameFigures fails unless each coder of got has want's figures: counts, per code and overall.
func sameFigures(t *testing.T, got, want map[string]any) {
	t.Helper()
	if got["reference"] != want["reference"] || got["units"] != want["units"] {
		t.Errorf("reference %v over %v units, want %v over %v", got["reference"], got["units"], want["reference"], want["units"])
	}
	gc, wc := got["coders"].([]any), want["coders"].([]any)
	if len(gc) != len(wc) {
		t.Fatalf("%d coders, want %d", len(gc), len(wc))
	}
	for i := range wc {
		g, w := gc[i].(map[string]any), wc[i].(map[string]any)
		for _, k := range []string{"coder", "units", "not_reviewed", "misses", "extras", "codes", "overall"} {
			if !reflect.DeepEqual(g[k], w[k]) {
				t.Errorf("coder %v, %s:\n got %v\nwant %v", w["coder"], k, g[k], w[k])
			}
		}
		gd, wd := g["differences"].([]any), w["differences"].([]any)
		if len(gd) != len(wd) {
			t.Errorf("coder %v: %d differences, want %d", w["coder"], len(gd), len(wd))
			continue
		}
		for j := range wd {
			for _, k := range []string{"unit", "reference", "coder", "missed", "extra"} {
				if !reflect.DeepEqual(gd[j].(map[string]any)[k], wd[j].(map[string]any)[k]) {
					t.Errorf("coder %v, difference %d, %s: %v, want %v", w["coder"], j, k, gd[j].(map[string]any)[k], wd[j].(map[string]any)[k])
				}
			}
		}
	}
}

// tableLines are the lines of the first table of s after the line that begins with head, up
// to the first empty line.
func tableLines(s, head string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(s, "\n") {
		switch {
		case !in && strings.HasPrefix(strings.TrimSpace(l), head):
			in = true
			out = append(out, l)
		case in && strings.TrimSpace(l) == "":
			return out
		case in:
			out = append(out, l)
		}
	}
	return out
}

// lineOf is the first of lines whose words begin with words.
func lineOf(lines []string, words ...string) string {
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) >= len(words) && reflect.DeepEqual(f[:len(words)], words) {
			return l
		}
	}
	return ""
}

// agree --reference CODER gives, per coder, the engine's comparison on the same data
// (agreement.CompareWithReference), every statistic under its keys with _se, _ci95 and _p, and
// the turns each coder's codes differ on, named by document, turn and speaker; the tables show
// the same figures lined up, and each coder's misses and extra codes turn by turn.
func TestAgreeReference(t *testing.T) {
	p := referenceProject(t)
	d, _ := projectData(t, p, coding.Scope{})
	rr, err := agreement.CompareWithReference(d, "ana")
	if err != nil {
		t.Fatal(err)
	}
	want := asMap(t, rr)
	var got map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "-p", p, "--reference", "ana", "--json").stdout), &got); err != nil {
		t.Fatal(err)
	}
	sameFigures(t, got, want)
	if fp, _ := got["codebook_fingerprint"].(string); len(fp) != 12 {
		t.Errorf("codebook_fingerprint %v", got["codebook_fingerprint"])
	}
	if _, ok := got["methods"]; ok {
		t.Error("a methods paragraph nobody asked for")
	}
	coders := got["coders"].([]any)
	if len(coders) != 3 {
		t.Fatalf("coders %v, want bo, cy and dee", coders)
	}
	bo := coders[0].(map[string]any)
	for _, where := range []map[string]any{bo["codes"].([]any)[0].(map[string]any), bo["overall"].(map[string]any)} {
		for _, s := range agreement.ReferenceStatistics() {
			for _, k := range []string{s.Key, s.Key + "_se", s.Key + "_ci95", s.Key + "_p"} {
				if _, ok := where[k]; !ok {
					t.Errorf("no %q in %s", k, keysOf(where))
				}
			}
		}
	}
	// bo left out ana's deflection on turn 4 and added admission on turn 18.
	diffs := bo["differences"].([]any)
	if len(diffs) != 2 {
		t.Fatalf("bo's differences %v", diffs)
	}
	d4, d18 := diffs[0].(map[string]any), diffs[1].(map[string]any)
	if d4["document"] != call1 || d4["turn"] != 4.0 || d4["speaker"] != "东营市总工会" || d4["text"] != "哪里？" ||
		fmt.Sprint(d4["missed"]) != "[deflection]" || fmt.Sprint(d4["extra"]) != "[]" {
		t.Errorf("turn 4: %v", d4)
	}
	if d18["turn"] != 18.0 || fmt.Sprint(d18["missed"]) != "[]" || fmt.Sprint(d18["extra"]) != "[admission]" || fmt.Sprint(d18["coder"]) != "[referral admission]" {
		t.Errorf("turn 18: %v", d18)
	}
	if dee := coders[2].(map[string]any); dee["units"] != 0.0 || dee["not_reviewed"] != 3.0 || bo["misses"] != 1.0 || bo["extras"] != 1.0 {
		t.Errorf("dee %v; bo misses %v extras %v", dee, bo["misses"], bo["extras"])
	}

	out := mustRun(t, "agree", "-p", p, "--reference", "ana").stdout
	if !strings.HasPrefix(out, "Reference: ana; whole project") {
		t.Errorf("the title:\n%s", out)
	}
	figures := tableLines(out, "coder  code")
	intervals := tableLines(out[strings.Index(out, "95% intervals"):], "coder  code")
	if len(figures) != 1+3*5 || len(intervals) != len(figures) {
		t.Fatalf("%d and %d rows, want a header and 5 rows of each of 3 coders:\n%s", len(figures), len(intervals), out)
	}
	for _, tb := range [][]string{figures, intervals} {
		for _, l := range tb {
			if coding.TextWidth(l) != coding.TextWidth(tb[0]) {
				t.Errorf("not lined up: %q is %d wide, the header %d", l, coding.TextWidth(l), coding.TextWidth(tb[0]))
			}
		}
	}
	for _, s := range agreement.ReferenceStatistics() {
		if !strings.Contains(figures[0], s.LabelFor(2)) || !strings.Contains(intervals[0], s.LabelFor(2)) {
			t.Errorf("no column %q:\n%s\n%s", s.LabelFor(2), figures[0], intervals[0])
		}
	}
	defl := bo["codes"].([]any)[1].(map[string]any)
	row := lineOf(figures, "bo", "deflection")
	if f := strings.Fields(row); len(f) < 11 || strings.Join(f[2:8], " ") != "3 0 1 0 1 0" || f[8] != fmt.Sprintf("%.3f", defl["percent_agreement"]) ||
		f[10] != fmt.Sprintf("%.3f", defl["gwet_ac1"]) {
		t.Errorf("bo, deflection: %q; want %v", row, defl)
	}
	ci := defl["gwet_ac1_ci95"].([]any)
	if row := lineOf(intervals, "bo", "deflection"); !strings.HasSuffix(row, fmt.Sprintf("[%.3f, %.3f]", ci[0], ci[1])) {
		t.Errorf("bo, deflection's intervals: %q, want AC1's [%.3f, %.3f] last", row, ci[0], ci[1])
	}
	if row := lineOf(figures, "bo", "all", "codes"); !strings.Contains(row, " 3  ") || len(strings.Fields(row)) != 10 {
		t.Errorf("bo over all codes: %q", row)
	}
	diffText := out[strings.Index(out, "\nbo: 2 turns differ"):]
	diffText = diffText[:strings.Index(diffText, "\ncy: ")]
	if lineOf(strings.Split(diffText, "\n"), call1+",", "turn", "4", "(东营市总工会)", "deflection", "(no", "code)", "deflection", "—", "哪里？") == "" ||
		lineOf(strings.Split(diffText, "\n"), call1+",", "turn", "18", "(东营市总工会)", "referral", "referral+admission", "—", "admission") == "" {
		t.Errorf("bo's misses and extras:\n%s", diffText)
	}
	if !strings.Contains(out, "cy: 1 turns differ from the reference (misses 1, extras 1)") || !strings.Contains(out, "dee: 0 turns differ") {
		t.Errorf("cy's and dee's differences:\n%s", out)
	}
	if !strings.Contains(out, "dee: every figure undefined: dee and the reference ana reviewed no unit in common") {
		t.Errorf("no reason for dee's figures:\n%s", out)
	}
}

// agree --reference consensus compares each coder with what was settled, as the engine does
// with the consensus layer made a coder (agreement.WithReference); before anything was
// settled, or with nothing settled in scope, it is refused in one sentence.
func TestAgreeReferenceConsensus(t *testing.T) {
	p := codedProject(t)
	r := run(t, "agree", "-p", p, "--reference", "consensus")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "nothing has been adjudicated yet") || !strings.Contains(r.stderr, "turncoder adjudicate") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("before anything was settled: exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	mustRun(t, "adjudicate", "-p", p, "--auto-agreed") // turn 2: referral
	d, layer := projectData(t, p, coding.Scope{})
	codes := map[string][]string{}
	for unit, dec := range layer {
		codes[unit] = dec.Codes
	}
	if len(codes) != 1 {
		t.Fatalf("the layer %v, want turn 2", layer)
	}
	withLayer, err := agreement.WithReference(d, "consensus", codes)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := agreement.CompareWithReference(withLayer, "consensus")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "-p", p, "--reference", "consensus", "--json").stdout), &got); err != nil {
		t.Fatal(err)
	}
	sameFigures(t, got, asMap(t, rr))
	if got["reference"] != "consensus" || got["units"] != 1.0 || len(got["coders"].([]any)) != 2 {
		t.Errorf("reference %v, units %v, coders %v", got["reference"], got["units"], got["coders"])
	}
	out := mustRun(t, "agree", "-p", p, "--reference", "Consensus").stdout
	if !strings.HasPrefix(out, "Reference: consensus (the consensus layer); whole project") || !strings.Contains(out, "ana: 0 turns differ") {
		t.Errorf("the comparison with the consensus layer:\n%s", out)
	}
	// The reasons for undefined figures in the language of --lang: a standard error of one unit.
	var reason string
	for _, v := range rr.Coders[0].Codes[0].PercentAgreementCI95 {
		reason = v.Reason
	}
	zh := report.TranslateReason(report.SimplifiedChinese, []string{"consensus", "ana", "bo"}, reason)
	if reason == "" || zh == reason {
		t.Fatalf("no reason to translate: %q, %q", reason, zh)
	}
	if !strings.Contains(out, reason) {
		t.Errorf("no reason %q:\n%s", reason, out)
	}
	if out := mustRun(t, "agree", "-p", p, "--reference", "consensus", "--lang", "zh-Hans").stdout; !strings.Contains(out, zh) || strings.Contains(out, reason) {
		t.Errorf("the reason is not in Chinese (%q):\n%s", zh, out)
	}
	// Nothing settled in this scope.
	r = run(t, "agree", "-p", p, "--reference", "consensus", "--doc", "001_eb810e1110304a78")
	if r.code == 0 || r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("nothing settled in scope: exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
}

// Every refusal of a reference, or of --lang, is one sentence on stderr, nothing on stdout, and
// a non-zero exit.
func TestAgreeReferenceRefused(t *testing.T) {
	p := referenceProject(t)
	table := filepath.Join(t.TempDir(), "t.csv")
	os.WriteFile(table, []byte("unit,coder,code\nu1,A,x\nu1,B,x\nu2,A,y\nu2,B,x\n"), 0o644)
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--reference", "zed"}, 1, `no coder "zed" to compare with: the coders are ana, bo, cy, dee`},
		{[]string{"--reference", "dee"}, 1, `the reference "dee" reviewed none of the`},
		{[]string{"--reference", ""}, 2, "--reference needs a coder's name"},
		{[]string{"--reference", "ana", "--coders", "bo,cy"}, 1, `no coder "ana"`},
		{[]string{"--methods", "--lang", "fr"}, 2, "en, zh-Hans or zh-Hant"},
		{[]string{"--lang", "zh-Hans"}, 2, "give --methods or --reference too"},
		{[]string{"--csv", table, "--reference", "consensus"}, 2, "a table read with --csv does not have: name one of its coders (A, B)"},
		{[]string{"--csv", table, "--reference", "C"}, 1, `no coder "C"`},
	} {
		args := append([]string{"agree"}, bad.args...)
		if bad.args[0] != "--csv" {
			args = append(args, "-p", p)
		}
		r := run(t, args...)
		if r.code != bad.code || r.stdout != "" || !strings.Contains(r.stderr, bad.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", bad.args, r.code, r.stdout, r.stderr, bad.code, bad.want)
		}
	}
}

// agree --csv --reference compares the table's coders with one of them, as the engine does.
func TestAgreeCSVReference(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.csv")
	text := "unit,coder,code\nu1,A,x\nu1,B,x\nu1,C,x\nu2,A,y\nu2,B,x\nu2,C,y\nu3,A,\nu3,B,y\nu3,C,\nu4,A,x\nu4,B,x\nu4,A,y\nu4,C,x\n"
	os.WriteFile(path, []byte(text), 0o644)
	rows, err := agreement.ReadLongCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	rr, err := agreement.CompareWithReference(agreement.FromLong(rows), "A")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "--csv", path, "--reference", "A", "--json").stdout), &got); err != nil {
		t.Fatal(err)
	}
	want := asMap(t, rr)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agree --csv --reference A --json:\n got %v\nwant %v", got, want)
	}
	out := mustRun(t, "agree", "--csv", path, "--reference", "A").stdout
	if !strings.HasPrefix(out, "Reference: A; data from ") || lineOf(strings.Split(out, "\n"), "u2", "y", "x", "y", "x") == "" {
		t.Errorf("the table's comparison:\n%s", out)
	}
}
