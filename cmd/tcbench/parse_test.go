package main

import (
	"strings"
	"testing"
)

// Copied from runs of the benchmarks (go test -bench, -benchtime 1x), tabs included.
const agreementOut = "goos: linux\n" +
	"goarch: amd64\n" +
	"pkg: github.com/turncoder/turncoder/coding/agreement\n" +
	"cpu: Oxide Virtual Turin-like Processor             \n" +
	"BenchmarkBootstrap10k-2   \t       1\t  21486080 ns/op\n" +
	"BenchmarkVsNLTK-2         \t       1\t    299256 ns/op\t         0.07078 nltk-s\t       236.5 x-faster\n" +
	"--- BENCH: BenchmarkVsNLTK-2\n" +
	"    bench_test.go:155: 20000 units × 3 coders: NLTK alpha() 70.8 ms; OverallAlpha 0.299 ms (237× faster); the whole report (Compute) 23.2 ms (3×); α = 0.493788\n" +
	"PASS\n" +
	"ok  \tgithub.com/turncoder/turncoder/coding/agreement\t2.299s\n"

const storeOut = "pkg: github.com/turncoder/turncoder/store\n" +
	"BenchmarkSetState-2   \t       1\t   1318213 ns/op\t         1.317 p99-ms\n" +
	"BenchmarkLines20k-2   \t       1\t  35038730 ns/op\n" +
	"PASS\n"

const transcriptOut = "BenchmarkParseTurns-2   \t       1\t  64938507 ns/op\t  34.33 MB/s\n"

func TestParseBench(t *testing.T) {
	for _, tc := range []struct {
		out  string
		want map[string]map[string]float64
	}{
		{agreementOut, map[string]map[string]float64{
			"BenchmarkBootstrap10k": {"ns/op": 21486080},
			"BenchmarkVsNLTK":       {"ns/op": 299256, "nltk-s": 0.07078, "x-faster": 236.5},
		}},
		{storeOut, map[string]map[string]float64{
			"BenchmarkSetState": {"ns/op": 1318213, "p99-ms": 1.317},
			"BenchmarkLines20k": {"ns/op": 35038730},
		}},
		{transcriptOut, map[string]map[string]float64{
			"BenchmarkParseTurns": {"ns/op": 64938507, "MB/s": 34.33},
		}},
	} {
		p, err := parseBench(strings.NewReader(tc.out))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.results) != len(tc.want) {
			t.Errorf("%d results, want %d: %+v", len(p.results), len(tc.want), p.results)
		}
		for name, metrics := range tc.want {
			res, ok := p.results[name]
			if !ok {
				t.Errorf("no result for %s", name)
				continue
			}
			if res.iters != 1 || res.name != name {
				t.Errorf("%s: %+v", name, res)
			}
			if len(res.metrics) != len(metrics) {
				t.Errorf("%s: metrics %v, want %v", name, res.metrics, metrics)
			}
			for unit, v := range metrics {
				if res.metrics[unit] != v {
					t.Errorf("%s %s = %v, want %v", name, unit, res.metrics[unit], v)
				}
			}
		}
		if len(p.skipped)+len(p.failed) != 0 {
			t.Errorf("skipped %v, failed %v", p.skipped, p.failed)
		}
	}
}

func TestParseBenchSubBenchmarks(t *testing.T) {
	out := "BenchmarkAll1M/multi-label-2         \t       1\t 812345678 ns/op\n" +
		"BenchmarkAll1M/single-label-2        \t       1\t 301234567 ns/op\n"
	p, _ := parseBench(strings.NewReader(out))
	if p.results["BenchmarkAll1M/multi-label"].metrics["ns/op"] != 812345678 ||
		p.results["BenchmarkAll1M/single-label"].metrics["ns/op"] != 301234567 {
		t.Errorf("%+v", p.results)
	}
	// With GOMAXPROCS=1 there is no suffix.
	p, _ = parseBench(strings.NewReader("BenchmarkLines20k \t 5\t 35038730 ns/op\n"))
	if p.results["BenchmarkLines20k"].iters != 5 {
		t.Errorf("%+v", p.results)
	}
}

// A benchmark that writes to standard output while it runs splits its line: the testing
// package prints the name first and the figures when it is done.
func TestParseBenchSplitLine(t *testing.T) {
	out := "BenchmarkOpenDocument20k-2   \tsome output of the benchmark\n" +
		"more output\n" +
		"       5\t 189000000 ns/op\n"
	p, _ := parseBench(strings.NewReader(out))
	if p.results["BenchmarkOpenDocument20k"].metrics["ns/op"] != 189000000 {
		t.Errorf("%+v", p.results)
	}
}

func TestParseBenchSkipAndFail(t *testing.T) {
	out := "BenchmarkVsNLTK-2   \t--- SKIP: BenchmarkVsNLTK\n" +
		"    bench_test.go:120: no python3 with nltk\n" +
		"BenchmarkMerge10x100k-2   \t--- FAIL: BenchmarkMerge10x100k\n" +
		"    merge_bench_test.go:160: the shell's merge and ours differ\n" +
		"    merge_bench_test.go:161: a second line\n" +
		"FAIL\n" +
		"exit status 1\n"
	p, _ := parseBench(strings.NewReader(out))
	if len(p.results) != 0 {
		t.Errorf("results %+v", p.results)
	}
	if got := p.skipped["BenchmarkVsNLTK"]; got != "bench_test.go:120: no python3 with nltk" {
		t.Errorf("skip reason %q", got)
	}
	if got := p.failed["BenchmarkMerge10x100k"]; got != "merge_bench_test.go:160: the shell's merge and ours differ" {
		t.Errorf("fail reason %q", got)
	}
}

func TestParseBenchIgnoresNoise(t *testing.T) {
	for _, s := range []string{
		"Benchmark results follow",            // not a result: no figures
		"BenchmarkX-2 \t 1 \t 12 ns/op extra", // odd number of fields after the count
		"BenchmarkX-2 \t one \t 12 ns/op",
		"BenchmarkX-2 \t 1 \t twelve ns/op",
		"    bench_test.go:155: 20000 units × 3 coders",
	} {
		p, _ := parseBench(strings.NewReader(s + "\n"))
		if len(p.results) != 0 {
			t.Errorf("%q gave %+v", s, p.results)
		}
	}
}
