package main

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// result is one benchmark result line: "BenchmarkName-2  5  189000000 ns/op  5.3 p99-ms".
type result struct {
	name    string             // without the -GOMAXPROCS suffix
	iters   int64              // the iteration count
	metrics map[string]float64 // unit → value: "ns/op", "MB/s", "p99-ms", ...
}

// parsed is what one run of a benchmark binary printed.
type parsed struct {
	results map[string]result // by name
	skipped map[string]string // name → the reason logged under "--- SKIP:"
	failed  map[string]string // name → the first line logged under "--- FAIL:"
}

var procsSuffix = regexp.MustCompile(`-[0-9]+$`)

// benchName strips the "-N" that the testing package appends when GOMAXPROCS is not 1. No
// benchmark of ours ends its own name in a dash and digits (figures_test.go checks).
func benchName(s string) string { return procsSuffix.ReplaceAllString(s, "") }

// parseBench reads the standard output of `go test -bench`: result lines, and the SKIP and
// FAIL markers with the first line logged under each. A benchmark that prints to standard
// output while it runs splits its result line in two (the name, its output, then the
// figures); that is handled too. Lines it does not know are ignored.
func parseBench(r io.Reader) (parsed, error) {
	p := parsed{results: map[string]result{}, skipped: map[string]string{}, failed: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	pending := ""                   // a benchmark name printed without its figures yet
	var reasonFor map[string]string // where the next indented line goes, as the reason
	reasonName := ""
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if reasonFor != nil {
			if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
				if reasonFor[reasonName] == "" {
					reasonFor[reasonName] = strings.TrimSpace(line)
				}
				continue
			}
			reasonFor = nil
		}
		if i := strings.Index(line, "--- SKIP: "); i >= 0 {
			name := benchName(firstField(line[i+len("--- SKIP: "):]))
			p.skipped[name], reasonFor, reasonName = "", p.skipped, name
			pending = ""
			continue
		}
		if i := strings.Index(line, "--- FAIL: "); i >= 0 {
			name := benchName(firstField(line[i+len("--- FAIL: "):]))
			p.failed[name], reasonFor, reasonName = "", p.failed, name
			pending = ""
			continue
		}
		if len(fields) == 0 {
			continue
		}
		if strings.HasPrefix(fields[0], "Benchmark") {
			if res, ok := figures(fields[1:]); ok {
				res.name = benchName(fields[0])
				p.results[res.name] = res
				pending = ""
			} else {
				pending = benchName(fields[0])
			}
			continue
		}
		if pending != "" {
			if res, ok := figures(fields); ok {
				res.name = pending
				p.results[pending] = res
				pending = ""
			}
		}
	}
	return p, sc.Err()
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// figures parses "N value unit value unit ...".
func figures(f []string) (result, bool) {
	if len(f) < 3 || len(f)%2 != 1 {
		return result{}, false
	}
	n, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || n <= 0 {
		return result{}, false
	}
	res := result{iters: n, metrics: map[string]float64{}}
	for i := 1; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return result{}, false
		}
		res.metrics[f[i+1]] = v
	}
	return res, true
}
