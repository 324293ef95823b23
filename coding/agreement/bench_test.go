package agreement

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchData makes units × coders × codes directly (no long rows): coders agree with a latent
// coding most of the time, 10% of cells are not reviewed. multi: code sets (each code on 20% of
// units); otherwise one code or none.
func benchData(units, coders, codes int, multi bool, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := Data{Units: make([]string, units), Coders: make([]string, coders), Codes: make([]string, codes), Cells: make([][]Cell, units)}
	for j := range d.Coders {
		d.Coders[j] = "coder" + strconv.Itoa(j+1)
	}
	for k := range d.Codes {
		d.Codes[k] = "code" + strconv.Itoa(k+1)
	}
	cells := make([]Cell, units*coders)
	backing := make([]int, 0, units*coders*codes/3)
	for u := range units {
		d.Units[u] = strconv.Itoa(u)
		var truth uint32
		if multi {
			for k := range codes {
				if rng.IntN(5) == 0 {
					truth |= 1 << k
				}
			}
		} else if x := rng.IntN(codes + 1); x < codes {
			truth = 1 << x
		}
		row := cells[u*coders : (u+1)*coders : (u+1)*coders]
		for j := range row {
			if rng.IntN(10) == 0 {
				continue
			}
			set := truth
			if rng.IntN(4) == 0 {
				if multi {
					set ^= 1 << rng.IntN(codes)
				} else if x := rng.IntN(codes + 1); x < codes {
					set = 1 << x
				} else {
					set = 0
				}
			}
			start := len(backing)
			for k := range codes {
				if set&(1<<k) != 0 {
					backing = append(backing, k)
				}
			}
			row[j] = Cell{Reviewed: true, Codes: backing[start:len(backing):len(backing)]}
		}
		d.Cells[u] = row
	}
	return d
}

// BenchmarkAll1M: 1,000,000 units × 3 coders × 8 codes, every per-code, overall and pairwise
// figure and the disagreement listing, without the bootstrap. Target: ≤ 1 s per op.
func BenchmarkAll1M(b *testing.B) {
	for _, multi := range []bool{true, false} {
		name := "multi-label"
		if !multi {
			name = "single-label"
		}
		b.Run(name, func(b *testing.B) {
			d := benchData(1_000_000, 3, 8, multi, 1)
			b.ResetTimer()
			for b.Loop() {
				rep := Compute(d, Options{})
				if !rep.PerCode[0].KrippendorffAlpha.Defined {
					b.Fatal(rep.PerCode[0].KrippendorffAlpha.Reason)
				}
			}
		})
	}
}

// BenchmarkBootstrap10k: the 95% intervals of α with 1,000 resamples on 10,000 units × 3 coders
// × 8 codes: 8 codes plus 8 for each of the 3 pairs of coders. Target: ≤ 2 s per op.
func BenchmarkBootstrap10k(b *testing.B) {
	d := benchData(10_000, 3, 8, true, 2)
	b.ResetTimer()
	for b.Loop() {
		rep := Compute(d, Options{Bootstrap: true, Resamples: 1000, Seed: 1})
		if !rep.PerCode[0].AlphaCI95[0].Defined {
			b.Fatal(rep.PerCode[0].AlphaCI95[0].Reason)
		}
	}
}

// BenchmarkVsNLTK times NLTK's AnnotationTask.alpha() (testdata/bench_nltk.py) on 20,000 units ×
// 3 coders (single-label, 10% missing) against OverallAlpha on the same data, like with like,
// and reports how many times faster ours is (x-faster); it also logs the time of the whole
// report (Compute: every per-code, overall and pairwise figure). Both give the same nominal α.
// Target: ≥ 100×. Needs python3 with nltk; skipped without.
func BenchmarkVsNLTK(b *testing.B) {
	python := ""
	for _, cand := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(cand); err == nil && exec.Command(path, "-c", "import nltk").Run() == nil {
			python = path
			break
		}
	}
	if python == "" {
		b.Skip("no python3 with nltk")
	}
	rows := generate(genSpec{"bench", 20_000, 3, 6, 0.1, false, 3})
	path := filepath.Join(b.TempDir(), "bench.csv")
	if err := writeLongCSV(path, rows); err != nil {
		b.Fatal(err)
	}
	out, err := exec.Command(python, filepath.Join("testdata", "bench_nltk.py"), path).Output()
	if err != nil {
		b.Fatalf("bench_nltk.py: %v", err)
	}
	var nltk struct {
		Units   int     `json:"units"`
		Seconds float64 `json:"seconds"`
		Alpha   float64 `json:"alpha"`
	}
	if err := json.Unmarshal(out, &nltk); err != nil {
		b.Fatalf("bench_nltk.py output %q: %v", out, err)
	}
	d := FromLong(rows)
	var alpha Value
	b.ResetTimer()
	for b.Loop() {
		alpha = OverallAlpha(d, Nominal)
	}
	ours := b.Elapsed().Seconds() / float64(b.N)
	b.StopTimer()
	if diff := alpha.V - nltk.Alpha; !alpha.Defined || diff > 1e-9 || diff < -1e-9 {
		b.Fatalf("α differs: ours %v, NLTK %v", alpha, nltk.Alpha)
	}
	start := time.Now()
	rep := Compute(d, Options{})
	whole := time.Since(start).Seconds()
	if rep.Overall.AlphaNominal != alpha {
		b.Fatalf("Compute's α %v, OverallAlpha %v", rep.Overall.AlphaNominal, alpha)
	}
	b.ReportMetric(nltk.Seconds, "nltk-s")
	b.ReportMetric(nltk.Seconds/ours, "x-faster")
	b.ReportMetric(whole, "report-s")
	b.Logf("%d units × 3 coders: NLTK alpha() %.1f ms; OverallAlpha %.3f ms (%.0f× faster); the whole report (Compute) %.1f ms (%.0f×); α = %.6f",
		nltk.Units, 1000*nltk.Seconds, 1000*ours, nltk.Seconds/ours, 1000*whole, nltk.Seconds/whole, nltk.Alpha)
}

// TestBenchDataShape keeps the benchmarks' data honest: valid, the intended mode.
func TestBenchDataShape(t *testing.T) {
	for _, multi := range []bool{true, false} {
		d := benchData(2000, 3, 8, multi, 1)
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		rep := Compute(d, Options{})
		want := SingleLabel
		if multi {
			want = MultiLabel
		}
		if rep.Overall.Mode != want {
			t.Errorf("mode %s, want %s", rep.Overall.Mode, want)
		}
		s := fmt.Sprint(rep.PerCode[0].KrippendorffAlpha)
		if strings.Contains(s, "undefined") {
			t.Errorf("α %s", s)
		}
	}
}
