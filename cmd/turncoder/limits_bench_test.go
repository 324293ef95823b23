package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// limitsBenchProject is a project at turncoder's limits (README, Limits): coding.MaxCodes
// codes and coding.MaxCoders coders, each of whom reviewed every one of units turns and gave
// it one to three codes, agreeing with a latent coding two times in three.
func limitsBenchProject(b *testing.B, units int) string {
	b.Helper()
	ctx := context.Background()
	codes := make([]coding.Code, coding.MaxCodes)
	for i := range codes {
		codes[i] = coding.Code{ID: fmt.Sprintf("c%d", i), Name: fmt.Sprintf("code %d", i), Position: i}
	}
	path := filepath.Join(b.TempDir(), "limits.turncoder")
	p, err := store.Create(path, codes)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	doc := &coding.Document{Title: "limits", Format: "turns"}
	for u := range units {
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: "区总工会", Text: "我们不知道这个事情 " + strconv.Itoa(u)})
	}
	if _, err := p.Import(ctx, doc, "limits.txt", nil); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var rows []coding.CodingRow
	for j := range coding.MaxCoders {
		if err := p.AddCoder(ctx, "coder "+strconv.Itoa(j)); err != nil {
			b.Fatal(err)
		}
	}
	for u := range units {
		truth := []int{rng.IntN(len(codes)), rng.IntN(len(codes)), rng.IntN(len(codes))}[:1+rng.IntN(3)]
		for j := range coding.MaxCoders {
			given := truth
			if rng.IntN(3) == 0 {
				given = []int{rng.IntN(len(codes))}
			}
			for _, k := range given {
				rows = append(rows, coding.CodingRow{Document: "limits", Turn: u + 1, Coder: "coder " + strconv.Itoa(j), Code: codes[k].Name})
			}
		}
	}
	if _, err := p.ImportCodings(ctx, rows, "limits.csv"); err != nil {
		b.Fatal(err)
	}
	return path
}

// timed runs this test binary as turncoder with args under GNU time and returns its wall time
// in seconds and its peak resident memory in MB.
func timed(b *testing.B, args ...string) (wall, peakMB float64) {
	b.Helper()
	tf := filepath.Join(b.TempDir(), "time.txt")
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%e %M", "-o", tf, os.Args[0]}, args...)...)
	cmd.Env = append(os.Environ(), "TURNCODER_RUN_MAIN=1", "TURNCODER_HOME="+b.TempDir())
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", args[0], err, msg)
	}
	t, err := os.ReadFile(tf)
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(t))
	if len(f) < 2 {
		b.Fatalf("/usr/bin/time printed %q", t)
	}
	w, _ := strconv.ParseFloat(f[len(f)-2], 64)
	kb, _ := strconv.ParseFloat(f[len(f)-1], 64)
	return w, kb / 1024
}

// BenchmarkAtLimits runs `turncoder agree --json` (with its bootstrap) and `turncoder export`
// on a project at the limits: 1,000 codes, 100 coders, 2,000 turns each coded by every coder
// (about 400,000 codings). Targets (issue 14): agree ≤ 5 s, export ≤ 15 s, each ≤ 500 MB — the cases that took
// minutes and gigabytes before the limits. TURNCODER_BENCH_UNITS overrides the turns.
func BenchmarkAtLimits(b *testing.B) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("needs GNU time at /usr/bin/time (Debian's time package)")
	}
	units := 2000
	if s := os.Getenv("TURNCODER_BENCH_UNITS"); s != "" {
		units, _ = strconv.Atoi(s)
	}
	path := limitsBenchProject(b, units)
	out := filepath.Join(b.TempDir(), "limits.xlsx")
	var agreeS, agreeMB, exportS, exportMB float64
	b.ResetTimer()
	for b.Loop() {
		w, m := timed(b, "agree", "-p", path, "--json")
		agreeS, agreeMB = max(agreeS, w), max(agreeMB, m)
		w, m = timed(b, "export", "-p", path, "-o", out)
		exportS, exportMB = max(exportS, w), max(exportMB, m)
	}
	b.ReportMetric(agreeS, "agree-s")
	b.ReportMetric(agreeMB, "agree-peak-MB")
	b.ReportMetric(exportS, "export-s")
	b.ReportMetric(exportMB, "export-peak-MB")
}
