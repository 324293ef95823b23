package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkAnalyse1M runs `turncoder analyse --matrix speaker --csv` (this test binary standing
// in for it) on the project file of BenchmarkExport1M, 1,000,002 codings (333,334 turns × 3
// coders), under /usr/bin/time: analyse-s is the process's wall time (open, read the turns and
// codings, index, count, print), analyse-peak-MB its peak resident memory. With the sqlite3
// shell on the PATH it also times the shell counting the same codings by speaker with one
// GROUP BY on the same file (read-only), checks that both give the same counts, and reports
// sqlite3-s. TURNCODER_BENCH_UNITS and TURNCODER_BENCH_PROJECT as for BenchmarkExport1M.
func BenchmarkAnalyse1M(b *testing.B) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("needs GNU time at /usr/bin/time (Debian's time package)")
	}
	units := 333_334
	if s := os.Getenv("TURNCODER_BENCH_UNITS"); s != "" {
		units, _ = strconv.Atoi(s)
	}
	path := exportBenchProject(b, units)
	var wall, peak float64
	b.ResetTimer()
	for b.Loop() {
		w, m := timed(b, "analyse", "-p", path, "--matrix", "speaker", "--coder", "all")
		wall, peak = max(wall, w), max(peak, m)
	}
	b.StopTimer()
	b.ReportMetric(wall, "analyse-s")
	b.ReportMetric(peak, "analyse-peak-MB")
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return
	}
	// Ours, as CSV: code, speaker, count.
	cmd := exec.Command(os.Args[0], "analyse", "-p", path, "--matrix", "speaker", "--coder", "all", "--csv")
	cmd.Env = append(os.Environ(), "TURNCODER_RUN_MAIN=1", "TURNCODER_HOME="+b.TempDir())
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("analyse: %v", err)
	}
	ours, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var want []string
	for _, row := range ours[1:] {
		if row[2] != "0" {
			want = append(want, row[0]+"|"+row[1]+"|"+row[2])
		}
	}
	query := `SELECT k.name, COALESCE(sp.label, ''), COUNT(*) FROM codings g JOIN coders c ON c.id = g.coder_id
		JOIN codes k ON k.id = g.code_id JOIN turns t ON t.id = g.turn_id LEFT JOIN speakers sp ON sp.id = t.speaker_id
		WHERE g.removed = 0 AND c.consensus = 0 AND k.removed = 0 GROUP BY k.name, sp.label;`
	shell := func() string {
		out, err := exec.Command(sqlite3, "-readonly", "-csv", path, query).Output()
		if err != nil {
			b.Fatalf("sqlite3: %v", err)
		}
		return string(out)
	}
	got := shell() // the file into the page cache, as for ours
	start := time.Now()
	const runs = 3
	for range runs {
		shell()
	}
	theirs := time.Since(start).Seconds() / runs
	rows, err := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var have []string
	for _, row := range rows {
		have = append(have, strings.Join(row, "|"))
	}
	slices.Sort(want)
	slices.Sort(have)
	if !slices.Equal(want, have) {
		b.Fatalf("the shell counts %q, we %q", have, want)
	}
	b.ReportMetric(theirs, "sqlite3-s")
}
