package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// summaryHas tells whether a cell of the Summary of the workbook at path holds exactly text.
func summaryHas(t *testing.T, path, text string) bool {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			if c == text {
				return true
			}
		}
	}
	return false
}

// agree --methods prints the paragraph the workbook's Summary gives for the same scope, in
// each language: not blind while the coders coded side by side in the master, blind once a
// coder's copy was merged, and saying that disagreements were settled once the consensus layer
// holds a decision in scope; --json gives it under "methods".
func TestAgreeMethods(t *testing.T) {
	p := codedProject(t)
	dir := t.TempDir()
	scope := []string{"--doc", call1}
	check := func(state string, blind, settled bool) {
		t.Helper()
		for _, lang := range []string{"en", "zh-Hans", "zh-Hant"} {
			args := append([]string{"agree", "-p", p, "--methods", "--lang", lang}, scope...)
			para := strings.TrimSuffix(mustRun(t, args...).stdout, "\n")
			if strings.Count(para, "\n") != 0 || len(para) < 500 {
				t.Fatalf("%s, %s: not one paragraph:\n%s", state, lang, para)
			}
			out := filepath.Join(dir, state+"-"+lang+".xlsx")
			mustRun(t, append([]string{"export", "-p", p, "-o", out, "--lang", lang}, scope...)...)
			if !summaryHas(t, out, para) {
				t.Errorf("%s, %s: the Summary does not hold agree's paragraph:\n%s", state, lang, para)
			}
			if lang != "en" {
				continue
			}
			if strings.Contains(para, "blind") != blind {
				t.Errorf("%s: blind should be %v:\n%s", state, blind, para)
			}
			if strings.Contains(para, "settled by adjudication") != settled {
				t.Errorf("%s: the consensus layer should be stated %v:\n%s", state, settled, para)
			}
			if !strings.Contains(para, "document "+call1) {
				t.Errorf("%s: the scope is not stated:\n%s", state, para)
			}
		}
	}
	check("side-by-side", false, false)

	// dee codes in a copy of her own, which is merged back.
	mustRun(t, "coders", "-p", p, "--add", "dee")
	cp := filepath.Join(dir, "dee.turncoder")
	mustRun(t, "copy", "-p", p, "--coder", "dee", "-o", cp)
	in := filepath.Join(dir, "dee.csv")
	os.WriteFile(in, []byte("document,turn,coder,code\n"+call1+",2,dee,referral\n"+call1+",4,dee,deflection\n"), 0o644)
	mustRun(t, "codings", "import", "-p", cp, in)
	mustRun(t, "merge", "-p", p, cp)
	check("merged", true, false)
	mustRun(t, "adjudicate", "-p", p, "--auto-agreed")
	check("settled", true, true)

	var rep map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, append([]string{"agree", "-p", p, "--methods", "--json"}, scope...)...).stdout), &rep); err != nil {
		t.Fatal(err)
	}
	para := strings.TrimSuffix(mustRun(t, append([]string{"agree", "-p", p, "--methods"}, scope...)...).stdout, "\n")
	if rep["methods"] != para || rep["per_code"] == nil || rep["codebook_fingerprint"] == nil {
		t.Errorf("--methods --json: methods %q, keys %s", rep["methods"], keysOf(rep))
	}
	var plain map[string]any
	json.Unmarshal([]byte(mustRun(t, "agree", "-p", p, "--json").stdout), &plain)
	if _, ok := plain["methods"]; ok || plain["per_code"] == nil {
		t.Error("agree --json has a methods paragraph nobody asked for")
	}
	// With --reference: the comparison, then the paragraph; in JSON, under "methods".
	out := mustRun(t, append([]string{"agree", "-p", p, "--reference", "ana", "--methods"}, scope...)...).stdout
	if !strings.HasPrefix(out, "Reference: ana") || !strings.HasSuffix(out, "\nMethods:\n"+para+"\n") {
		t.Errorf("--reference --methods:\n%s", out)
	}
	var ref map[string]any
	json.Unmarshal([]byte(mustRun(t, append([]string{"agree", "-p", p, "--reference", "ana", "--methods", "--json"}, scope...)...).stdout), &ref)
	if ref["methods"] != para || ref["reference"] != "ana" {
		t.Errorf("--reference --methods --json: reference %v, methods %v", ref["reference"], ref["methods"])
	}
}

// agree --csv --methods writes the paragraph for a table from anywhere: the figures, without a
// project's scope or codebook.
func TestAgreeCSVMethods(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.csv")
	os.WriteFile(path, []byte("unit,coder,code\nu1,A,x\nu1,B,x\nu2,A,y\nu2,B,x\nu3,A,y\nu3,B,y\n"), 0o644)
	para := mustRun(t, "agree", "--csv", path, "--methods").stdout
	if !strings.HasPrefix(para, "Two coders") || strings.Contains(para, "version") && strings.Contains(para, "codebook (") || strings.Contains(para, "blind") {
		t.Errorf("the table's paragraph:\n%s", para)
	}
	if zh := mustRun(t, "agree", "--csv", path, "--methods", "--lang", "zh-Hans").stdout; !strings.Contains(zh, "编码员") {
		t.Errorf("not in Chinese:\n%s", zh)
	}
}

// turncoder help agree (and export) gives the command's usage and each of its flags.
func TestHelpAgreeAndExport(t *testing.T) {
	agree := mustRun(t, "help", "agree").stdout
	for _, s := range []string{"turncoder agree -p FILE --reference CODER|consensus", "turncoder agree -p FILE --methods", "-reference string", "-methods", "-lang string", "-coders string"} {
		if !strings.Contains(agree, s) {
			t.Errorf("help agree has no %q:\n%s", s, agree)
		}
	}
	if strings.Contains(agree, "turncoder export") {
		t.Errorf("help agree gives another command's usage:\n%s", agree)
	}
	if export := mustRun(t, "help", "export").stdout; !strings.Contains(export, "[--reference CODER|consensus]") || !strings.Contains(export, "-reference string") {
		t.Errorf("help export:\n%s", export)
	}
	if r := run(t, "help", "nope"); r.code != 2 || !strings.Contains(r.stderr, `no command "nope"`) {
		t.Errorf("help nope: exit %d, %q", r.code, r.stderr)
	}
}
