package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/turncoder/turncoder/coding/report"
)

// codedProject is the seeded project with two coders' codings on the first call.
func codedProject(t *testing.T) string {
	p := seededProject(t)
	mustRun(t, "speakers", "-p", p, "--set-role", "CLB=interviewer")
	mustRun(t, "coders", "-p", p, "--add", "ana", "--add", "bo")
	in := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(in, []byte("document,turn,coder,code\n"+
		"000_d6d2e252924e4e15,2,ana,referral\n000_d6d2e252924e4e15,2,bo,referral\n"+
		"000_d6d2e252924e4e15,4,ana,deflection\n000_d6d2e252924e4e15,4,bo,\n"+
		"000_d6d2e252924e4e15,18,ana,referral\n000_d6d2e252924e4e15,18,bo,referral\n000_d6d2e252924e4e15,18,bo,admission\n"), 0o644)
	mustRun(t, "codings", "import", "-p", p, in)
	return p
}

func TestExportWorkbook(t *testing.T) {
	p := codedProject(t)
	out := filepath.Join(t.TempDir(), "study.xlsx")
	r := mustRun(t, "export", "-p", p, "-o", out, "--doc", "000_d6d2e252924e4e15")
	if !strings.Contains(r.stderr, "wrote") {
		t.Errorf("stderr %q", r.stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(report.SheetNames, "|") {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Disagreements")
	if len(rows) != 3 { // header, turn 4, turn 18
		t.Errorf("Disagreements has %d rows: %v", len(rows), rows)
	}
	codings, _ := f.GetRows("Codings")
	if len(codings) != 1+7 {
		t.Errorf("Codings has %d rows, want a header and 7", len(codings))
	}
	summary, _ := f.GetRows("Summary")
	if !strings.Contains(strings.Join(flatten(summary), " "), "document 000_d6d2e252924e4e15") {
		t.Errorf("the Summary does not state the scope: %v", summary)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestExportCSVAndFailures(t *testing.T) {
	p := codedProject(t)
	mustRun(t, "adjudicate", "-p", p, "--auto-agreed") // so that consensus.csv has rows
	dir := filepath.Join(t.TempDir(), "for-r")
	mustRun(t, "export", "-p", p, "--format", "csv", "-o", dir)
	for _, name := range []string{"codings.csv", "matrix.csv", "consensus.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\ufeff")) || !strings.Contains(string(b), "东营市总工会") {
			t.Errorf("%s: no BOM or no Chinese text", name)
		}
	}
	// An unwritable destination fails in one sentence and leaves nothing behind.
	missing := filepath.Join(t.TempDir(), "no", "such", "folder", "x.xlsx")
	if r := run(t, "export", "-p", p, "-o", missing); r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("the export made folders it was not asked to")
	}
	if r := run(t, "export", "-p", p, "-o", filepath.Join(t.TempDir(), "x.xls")); r.code != 2 {
		t.Errorf("a .xls name: exit %d", r.code)
	}
	if r := run(t, "export", "-p", p); r.code != 2 || !strings.Contains(r.stderr, "-o") {
		t.Errorf("no -o: exit %d %q", r.code, r.stderr)
	}
}
