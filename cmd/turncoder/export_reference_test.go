package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/turncoder/turncoder/coding/report"
)

// export --reference adds the Reference sheets with the figures agree --reference gives;
// a format that writes no workbook refuses it, and a reference refused writes nothing.
func TestExportReference(t *testing.T) {
	p := referenceProject(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "ref.xlsx")
	r := mustRun(t, "export", "-p", p, "-o", out, "--reference", "ana")
	if !strings.Contains(r.stderr, "with the Reference sheets") {
		t.Errorf("stderr %q", r.stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), "|"), strings.Join(append(append([]string{}, report.SheetNames...), report.ReferenceSheetNames...), "|"); got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	var rep struct {
		Coders []struct {
			Coder string
			Codes []struct {
				Code             string
				Misses, Extras   int
				PercentAgreement *float64 `json:"percent_agreement"`
			}
		}
	}
	json.Unmarshal([]byte(mustRun(t, "agree", "-p", p, "--reference", "ana", "--json").stdout), &rep)
	rows, _ := f.GetRows("Reference", excelize.Options{RawCellValue: true})
	checked := 0
	for _, c := range rep.Coders {
		for _, code := range c.Codes {
			for _, row := range rows {
				if len(row) < 8 || row[0] != c.Coder || row[1] != code.Code {
					continue
				}
				checked++
				if row[6] != fmt.Sprint(code.Misses) || row[7] != fmt.Sprint(code.Extras) {
					t.Errorf("Reference %s %s: %v, agree says misses %d, extras %d", c.Coder, code.Code, row, code.Misses, code.Extras)
				}
				if code.PercentAgreement == nil {
					if len(row) > 8 && row[8] != "" {
						t.Errorf("Reference %s %s: percent agreement %q, agree says undefined", c.Coder, code.Code, row[8])
					}
					continue
				}
				if len(row) < 9 {
					t.Errorf("Reference %s %s: no percent agreement", c.Coder, code.Code)
					continue
				}
				if pa, err := strconv.ParseFloat(row[8], 64); err != nil || math.Abs(pa-*code.PercentAgreement) > 1e-12 {
					t.Errorf("Reference %s %s: percent agreement %q, agree says %v", c.Coder, code.Code, row[8], *code.PercentAgreement)
				}
			}
		}
	}
	if checked != 3*4 {
		t.Errorf("%d rows of the Reference sheet checked, want 12:\n%v", checked, rows)
	}
	// bo differs from ana on turns 4 and 18, cy on turn 18; dee reviewed nothing.
	diffs, _ := f.GetRows("Reference differences")
	if len(diffs) != 1+2+1 || diffs[1][2] != "4" || diffs[2][2] != "18" || diffs[3][2] != "18" {
		t.Errorf("Reference differences: %v", diffs)
	}

	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "csv"), "--format", "csv", "--reference", "ana"}, 2, "--reference adds the Reference sheets to the workbook; --format csv writes no workbook"},
		{[]string{"-o", filepath.Join(dir, "x.qdpx"), "--format", "qdpx", "--reference", "ana"}, 2, "--format qdpx writes no workbook"},
		{[]string{"-o", filepath.Join(dir, "zed.xlsx"), "--reference", "zed"}, 1, `no coder "zed"`},
		{[]string{"-o", filepath.Join(dir, "dee.xlsx"), "--reference", "dee"}, 1, `"dee" reviewed none`},
		{[]string{"-o", filepath.Join(dir, "cons.xlsx"), "--reference", "consensus"}, 1, "nothing has been adjudicated yet"},
		{[]string{"-o", filepath.Join(dir, "empty.xlsx"), "--reference", " "}, 2, "--reference needs a coder's name"},
	} {
		r := run(t, append([]string{"export", "-p", p}, bad.args...)...)
		if r.code != bad.code || !strings.Contains(r.stderr, bad.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", bad.args, r.code, r.stderr, bad.code, bad.want)
		}
		if _, err := os.Stat(bad.args[1]); err == nil {
			t.Errorf("%v wrote %s", bad.args, bad.args[1])
		}
	}
	// The consensus layer, however --reference writes it, once something was settled.
	mustRun(t, "adjudicate", "-p", p, "--auto-agreed")
	cons := filepath.Join(dir, "consensus.xlsx")
	mustRun(t, "export", "-p", p, "-o", cons, "--reference", "Consensus")
	g, err := excelize.OpenFile(cons)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	refRows, _ := g.GetRows("Reference")
	if len(refRows) != 1+4*5 || refRows[1][0] != "ana" {
		t.Errorf("the Reference sheet against the consensus layer: %v", refRows)
	}
}
