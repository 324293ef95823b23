package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func results(t *testing.T, out string) map[string]result {
	t.Helper()
	p, err := parseBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return p.results
}

func rowFor(t *testing.T, bench, ours string) row {
	t.Helper()
	for _, r := range rows {
		if r.bench == bench && r.ours == ours {
			return r
		}
	}
	t.Fatalf("no row for %s %s", bench, ours)
	return row{}
}

// quickOut is what `make bench QUICK=1` printed, one line per benchmark, copied from its logs
// (a loaded machine, tiny sizes: the figures mean nothing, the format is real).
const quickOut = "BenchmarkImportVsSqlite3 1 820000000 ns/op 46.2 peak-MB 0.54 sqlite3-s 6.2 sqlite3-peak-MB 1.519 x-sqlite3 10000 turns\n" +
	"BenchmarkOpenDocument20k-2   \t       1\t1463510353 ns/op\n" +
	"BenchmarkOpenLongTurns-2   \t       1\t 658000000 ns/op\n" +
	"BenchmarkKeypress20k-2   \t       1\t  37039174 ns/op\t        37.04 p99-ms\n" +
	"BenchmarkAll1M/multi-label-2         \t       1\t3589589921 ns/op\n" +
	"BenchmarkAll1M/single-label-2        \t       1\t1485306217 ns/op\n" +
	"BenchmarkBootstrap10k-2   \t       1\t  36105758 ns/op\n" +
	"BenchmarkVsNLTK-2   \t       1\t    314766 ns/op\t         0.1514 nltk-s\t         0.02149 report-s\t       480.9 x-faster\n" +
	"--- BENCH: BenchmarkVsNLTK-2\n" +
	"    bench_test.go:156: 20000 units × 3 coders: NLTK alpha() 151.4 ms; OverallAlpha 0.315 ms (481× faster); the whole report (Compute) 21.5 ms (7×); α = 0.493788\n" +
	"BenchmarkVsOpenpyxl-2   \t       1\t1088975718 ns/op\t        47.18 openpyxl-peak-MB\t         0.6900 openpyxl-s\t        15.58 ours-nolimit-peak-MB\t         0.1100 ours-nolimit-s\t        15.63 ours-peak-MB\t         0.09000 ours-s\t        23.49 workbook-peak-MB\t         0.1400 workbook-s\t         7.667 x-faster\n" +
	"--- BENCH: BenchmarkVsOpenpyxl-2\n" +
	"BenchmarkWorkbook1M-2   \t       1\t 140000000 ns/op\t        20.50 peak-heap-MB\t         0.3000 file-MB\n" +
	"BenchmarkCSV1M-2   \t       1\t  50000000 ns/op\n" +
	"BenchmarkExport1M-2   \t       1\t1205514830 ns/op\t        76.71 export-peak-MB\t         1.180 export-s\t         0.7713 file-MB\n" +
	"BenchmarkMatrix1M-2         \t       1\t    128020 ns/op\t         0.003098 sqlite3-s\t        24.20 x-faster\n" +
	"BenchmarkCooccurrence1M/window0-2         \t       1\t     45658 ns/op\n" +
	"BenchmarkCooccurrence1M/window3-2         \t       1\t     46489 ns/op\n" +
	"BenchmarkCooccurrence1M/retrieve-2        \t       1\t     49534 ns/op\n" +
	"BenchmarkAnalyse1M-2   \t       1\t  23751632 ns/op\t        18.23 analyse-peak-MB\t         0.02000 analyse-s\t         0.004796 sqlite3-s\n" +
	"BenchmarkComputeAtLimits/100x1-2   \t       1\t 277000000 ns/op\n" +
	"BenchmarkComputeAtLimits/100x3-2   \t       1\t 390000000 ns/op\n" +
	"BenchmarkComputeAtLimits/10x1-2   \t       1\t1620000000 ns/op\n" +
	"BenchmarkComputeAtLimits/10x3-2   \t       1\t1280000000 ns/op\n" +
	"BenchmarkAtLimits-2   \t       1\t4000000000 ns/op\t       178.0 agree-peak-MB\t         0.6900 agree-s\t       205.0 export-peak-MB\t         3.180 export-s\n" +
	"BenchmarkMerge10x100k-2   \t       1\t17867679304 ns/op\t         5.288 shell-s\t         3.379 x-shell\n" +
	"BenchmarkImport-2   \t       1\t5348222376 ns/op\t     53481 ns/turn\n" +
	"BenchmarkParseTurns-2   \t       1\t 110770797 ns/op\t  20.13 MB/s\n" +
	"BenchmarkLines20k-2   \t       1\t  63601067 ns/op\n" +
	"BenchmarkSearch20k-2   \t       1\t  65790770 ns/op\n" +
	"BenchmarkStates20k-2   \t       1\t 358335688 ns/op\n" +
	"BenchmarkProgress20k-2   \t       1\t  37737035 ns/op\n" +
	"BenchmarkSetState-2   \t       1\t   2093090 ns/op\t         2.093 p99-ms\n" +
	"BenchmarkOpenBigProject-2   \t       1\t 581117883 ns/op\n" +
	"BenchmarkSwitchBigProject-2   \t       1\t 241379053 ns/op\n" +
	"BenchmarkBigSearch/common-2         \t       1\t   6697048 ns/op\t       200.0 hits\t         0.00412 index-build-s\t         3.100 index-MB\t         0.01552 scan-s\n" +
	"BenchmarkBigSearch/two-rare-2       \t       1\t   3140044 ns/op\t         1.000 hits\t         0.00412 index-build-s\t         3.100 index-MB\t         0.06243 scan-s\n" +
	"BenchmarkBigSearch/three-absent-2   \t       1\t   1120222 ns/op\t         0 hits\t         0.00412 index-build-s\t         3.100 index-MB\t         0.06522 scan-s\n" +
	"BenchmarkBigSearch/one-common-2     \t       1\t   4880749 ns/op\t       200.0 hits\t         0.00412 index-build-s\t         3.100 index-MB\t         0.003494 scan-s\n" +
	"BenchmarkBigSearch/latin-2          \t       1\t   6954882 ns/op\t       200.0 hits\t         0.00412 index-build-s\t         3.100 index-MB\t         0.01231 scan-s\n" +
	"BenchmarkBigAgreement-2   \t       1\t 393489254 ns/op\t         0.06146 compute-s\t         0.3320 read-s\n" +
	"BenchmarkBigExport-2   \t       1\t1846761427 ns/op\t       150.6 export-peak-MB\t         1.830 export-s\t         3.906 file-MB\n"

// The table of the quick run, row by row.
func TestEvaluateQuickRun(t *testing.T) {
	res := results(t, quickOut)
	missing := map[string]string{}
	labels := map[string]string{"turns": "10,000", "codings": "1,002", "big": bigShapeQuick.label()}
	want := []line{
		{"import 10,000 turns: read, decode, parse, hash, insert", "820 ms", "sqlite3 shell .import, same rows and table: 540 ms", "1.52×", "≤ 1×", "no"},
		{"peak memory of that import", "46.2 MB", "sqlite3 shell: 6.20 MB", "7.45×", "≤ 300 MB", "yes"},
		{"open a 20,000-turn document to its first frame", "1.46 s", "", "", "≤ 300 ms", "no"},
		{"open a document of ten 20,000-character turns to its first frame", "658 ms", "", "", "≤ 300 ms", "no"},
		{"one coding keypress to committed row and refreshed list, p99 (mean)", "37.0 ms (mean 37.0 ms)", "", "", "≤ 10 ms", "no"},
		{"agreement, 1M units × 3 coders × 8 codes, single-label, all but the bootstrap", "1.49 s", "", "", "≤ 1 s", "no"},
		{"the same, multi-label", "3.59 s", "", "", "≤ 1 s", "no"},
		{"bootstrap interval of α, 1,000 resamples, 10,000 units (8 codes + 24 pairwise)", "36.1 ms", "", "", "≤ 2 s", "yes"},
		{"export 1,002 codings: the Codings sheet, time", "90.0 ms", "openpyxl write-only, same cells: 690 ms", "7.67× faster", "≥ 2× faster", "yes"},
		{"the same, peak memory", "15.6 MB", "openpyxl: 47.2 MB", "0.331×", "≤ 300 MB", "yes"},
		{"the same without a memory limit, peak memory (time)", "15.6 MB (time 110 ms)", "", "", "", ""},
		{"export 1,002 codings: the whole workbook, peak memory (time)", "23.5 MB (time 140 ms)", "", "", "≤ 300 MB", "yes"},
		{"`turncoder export`, project file of 1,002 codings, peak memory (time)", "76.7 MB (time 1.18 s)", "", "", "≤ 300 MB", "yes"},
		{"merge 10 coder files of 100,000 codings (+ reviews, memos), all checks", "17.9 s", "sqlite3 shell, same upserts over ATTACHed files: 5.29 s", "3.38×", "≤ 2×", "no"},
		{"the big project (5 documents, 10,000 turns, 5 coders, 30,000 codings): open to its first frame", "581 ms", "", "", "≤ 500 ms", "no"},
		{"the big project: switch to another document (its turns drawn)", "241 ms", "", "", "≤ 200 ms", "no"},
		{"the big project: search it all, a common phrase (its first 200 hits)", "6.70 ms", "", "", "≤ 300 ms", "yes"},
		{"the same, two characters in twenty turns", "3.14 ms", "", "", "≤ 300 ms", "yes"},
		{"the same, three characters in no turn", "1.12 ms (a scan of every turn 65.2 ms)", "", "", "≤ 300 ms", "yes"},
		{"the same, one character in many turns", "4.88 ms", "", "", "≤ 300 ms", "yes"},
		{"the same, a phrase in Latin letters, upper case", "6.95 ms", "", "", "≤ 300 ms", "yes"},
		{"the big project: agreement on it all, with α's bootstrap (reading it)", "393 ms (reading 332 ms)", "", "", "≤ 2 s", "yes"},
		{"the big project: `turncoder export`, the whole workbook (peak memory)", "1.83 s (peak 151 MB)", "", "", "≤ 60 s", "yes"},
		{"the same, peak memory", "151 MB", "", "", "≤ 300 MB", "yes"},
		{"analysis: code × speaker matrix of 1,002 codings, indexed and counted", "128 µs", "sqlite3 shell, GROUP BY on the same rows: 3.10 ms", "24.2× faster", "≤ 1 s", "yes"},
		{"`turncoder analyse --matrix speaker`, project file of 1,002 codings", "20.0 ms (peak 18.2 MB)", "sqlite3 shell, one GROUP BY on the file: 4.80 ms", "4.17×", "≤ 2×", "no"},
		{"agreement at the limits: 1,000 units, 1,000 codes, 100 coders, single-label", "277 ms", "", "", "≤ 1 s", "yes"},
		{"the same with 10 coders (45 pairs, the most with pairwise figures)", "1.62 s", "", "", "≤ 3 s", "yes"},
		{"the same, up to three codes a unit (multi-label, MASI α)", "1.28 s", "", "", "≤ 3 s", "yes"},
		{"`turncoder agree --json` (bootstrap): 2,000 turns, 100 coders, 1,000 codes", "690 ms", "", "", "≤ 5 s", "yes"},
		{"the same, peak memory", "178 MB", "", "", "≤ 500 MB", "yes"},
		{"`turncoder export` of that project, the whole workbook", "3.18 s", "", "", "≤ 15 s", "yes"},
		{"the same, peak memory", "205 MB", "", "", "≤ 500 MB", "yes"},
		{"Krippendorff's α, 20,000 units × 3 coders", "315 µs", "NLTK AnnotationTask.alpha(): 151 ms", "481× faster", "≥ 100× faster", "yes"},
		{"the whole agreement report on those 20,000 units", "21.5 ms", "NLTK alpha() alone: 151 ms", "7.05× faster", "", ""},
		{"export 1,002 codings: whole workbook, in-process, no limit (peak heap)", "140 ms (peak heap 20.5 MB)", "", "", "", ""},
		{"export 1,002 codings as CSV (codings.csv, matrix.csv, consensus.csv)", "50.0 ms", "", "", "", ""},
		{"analysis: co-occurrence of those codings within 3 turns", "46.5 µs", "", "", "", ""},
		{"analysis: retrieve one code and not another, a turn of context", "49.5 µs", "", "", "", ""},
		{"store only: insert 100,000 parsed turns into a new project", "5.35 s", "", "", "", ""},
		{"parse the seed transcript ×100, 2 MB of plain-text turns (throughput)", "111 ms (20.1 MB/s)", "", "", "", ""},
		{"store only: one coding committed with its audit entry, p99 (mean)", "2.09 ms (mean 2.09 ms)", "", "", "", ""},
		{"store only: a 20,000-turn document's lines", "63.6 ms", "", "", "", ""},
		{"store only: search a 20,000-turn document", "65.8 ms", "", "", "", ""},
		{"store only: a coder's states on a 20,000-turn document", "358 ms", "", "", "", ""},
		{"store only: a coder's progress on a 20,000-turn project", "37.7 ms", "", "", "", ""},
		{"the big project: build its search index, cache folder empty (index size)", "4.12 ms (3.10 MB)", "", "", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		if got := evaluate(r, res, missing, labels); got != want[i] {
			t.Errorf("row %d:\n got %q\nwant %q", i, got, want[i])
		}
	}
}

// The README's figures, in the benchmarks' format: a GB, a memory target missed.
func TestEvaluate(t *testing.T) {
	res := results(t, agreementOut+storeOut+
		"BenchmarkKeypress20k-2   \t     300\t   2012345 ns/op\t         5.312 p99-ms\n"+
		"BenchmarkOpenDocument20k-2   \t       5\t 312000000 ns/op\n"+
		"BenchmarkImportVsSqlite3 1 18700000000 ns/op 1024.0 peak-MB 16.70 sqlite3-s 7.0 sqlite3-peak-MB 1.120 x-sqlite3 1000000 turns\n"+
		"BenchmarkMerge10x100k-2   \t       3\t6600000000 ns/op\t         2.250 shell-s\t         2.933 x-shell\n"+
		"BenchmarkVsOpenpyxl-2   \t       1\t90000000000 ns/op\t  7.6 ours-s\t 392 ours-peak-MB\t 68.3 openpyxl-s\t 47 openpyxl-peak-MB\t 8.99 x-faster\t 8.1 ours-nolimit-s\t 285 ours-nolimit-peak-MB\t 14.5 workbook-s\t 586 workbook-peak-MB\n")
	labels := map[string]string{"turns": "1,000,000", "codings": "1,000,002"}
	for _, tc := range []struct {
		bench, ours string
		want        line
	}{
		{"BenchmarkImportVsSqlite3", "ns/op", line{"import 1,000,000 turns: read, decode, parse, hash, insert",
			"18.7 s", "sqlite3 shell .import, same rows and table: 16.7 s", "1.12×", "≤ 1×", "no"}},
		{"BenchmarkImportVsSqlite3", "peak-MB", line{"peak memory of that import", "1.00 GB", "sqlite3 shell: 7.00 MB", "146×", "≤ 300 MB", "no"}},
		{"BenchmarkOpenDocument20k", "ns/op", line{"open a 20,000-turn document to its first frame", "312 ms", "", "", "≤ 300 ms", "no"}},
		{"BenchmarkKeypress20k", "p99-ms", line{"one coding keypress to committed row and refreshed list, p99 (mean)",
			"5.31 ms (mean 2.01 ms)", "", "", "≤ 10 ms", "yes"}},
		{"BenchmarkBootstrap10k", "ns/op", line{"bootstrap interval of α, 1,000 resamples, 10,000 units (8 codes + 24 pairwise)",
			"21.5 ms", "", "", "≤ 2 s", "yes"}},
		{"BenchmarkVsNLTK", "ns/op", line{"Krippendorff's α, 20,000 units × 3 coders", "299 µs", "NLTK AnnotationTask.alpha(): 70.8 ms",
			"237× faster", "≥ 100× faster", "yes"}},
		{"BenchmarkMerge10x100k", "ns/op", line{"merge 10 coder files of 100,000 codings (+ reviews, memos), all checks",
			"6.60 s", "sqlite3 shell, same upserts over ATTACHed files: 2.25 s", "2.93×", "≤ 2×", "no"}},
		{"BenchmarkVsOpenpyxl", "ours-s", line{"export 1,000,002 codings: the Codings sheet, time", "7.60 s",
			"openpyxl write-only, same cells: 68.3 s", "8.99× faster", "≥ 2× faster", "yes"}},
		{"BenchmarkVsOpenpyxl", "ours-peak-MB", line{"the same, peak memory", "392 MB", "openpyxl: 47.0 MB", "8.34×", "≤ 300 MB", "no"}},
		{"BenchmarkVsOpenpyxl", "ours-nolimit-peak-MB", line{"the same without a memory limit, peak memory (time)", "285 MB (time 8.10 s)", "", "", "", ""}},
		{"BenchmarkVsOpenpyxl", "workbook-peak-MB", line{"export 1,000,002 codings: the whole workbook, peak memory (time)", "586 MB (time 14.5 s)", "", "", "≤ 300 MB", "no"}},
		{"BenchmarkSetState", "p99-ms", line{"store only: one coding committed with its audit entry, p99 (mean)", "1.32 ms (mean 1.32 ms)", "", "", "", ""}},
	} {
		got := evaluate(rowFor(t, tc.bench, tc.ours), res, nil, labels)
		if got != tc.want {
			t.Errorf("%s %s:\n got %q\nwant %q", tc.bench, tc.ours, got, tc.want)
		}
	}
}

// The ratio is judged on the figures, not on how they are rounded for the table.
func TestEvaluateBoundaries(t *testing.T) {
	r := rowFor(t, "BenchmarkMerge10x100k", "ns/op")
	for _, tc := range []struct {
		out, met string
	}{
		{"BenchmarkMerge10x100k-2 3 4000000000 ns/op 2.0 shell-s\n", "yes"}, // exactly 2×
		{"BenchmarkMerge10x100k-2 3 4003000000 ns/op 2.0 shell-s\n", "no"},  // 2.0015×, shown as 2.00×
		{"BenchmarkMerge10x100k-2 3 6000000000 ns/op\n", "n/a"},             // no sqlite3: no comparison
	} {
		if got := evaluate(r, results(t, tc.out), nil, nil); got.met != tc.met {
			t.Errorf("%q: %+v, want met %s", tc.out, got, tc.met)
		}
	}
	r = rowFor(t, "BenchmarkVsNLTK", "ns/op")
	for _, tc := range []struct {
		out, met string
	}{
		{"BenchmarkVsNLTK-2 1 1000000 ns/op 0.1 nltk-s\n", "yes"}, // exactly 100× faster
		{"BenchmarkVsNLTK-2 1 1000001 ns/op 0.1 nltk-s\n", "no"},  // a hair under
	} {
		if got := evaluate(r, results(t, tc.out), nil, nil); got.met != tc.met {
			t.Errorf("%q: %+v, want met %s", tc.out, got, tc.met)
		}
	}
}

func TestEvaluateMissing(t *testing.T) {
	missing := map[string]string{
		"BenchmarkAll1M":      "FAILED (exit status 1): BenchmarkAll1M/multi-label: bench_test.go:84: undefined",
		"BenchmarkWorkbook1M": "not run in quick mode: fixed at 1M codings, no size knob",
	}
	got := evaluate(rowFor(t, "BenchmarkAll1M/single-label", "ns/op"), nil, missing, nil)
	if got.ours != missing["BenchmarkAll1M"] || got.met != "n/a" || got.target != "≤ 1 s" {
		t.Errorf("%+v", got)
	}
	got = evaluate(rowFor(t, "BenchmarkWorkbook1M", "ns/op"), nil, missing, nil)
	if got.ours != missing["BenchmarkWorkbook1M"] || got.met != "" {
		t.Errorf("%+v", got)
	}
	// A result without the metric the row needs.
	got = evaluate(rowFor(t, "BenchmarkKeypress20k", "p99-ms"), results(t, "BenchmarkKeypress20k-2 300 2012345 ns/op\n"), nil, nil)
	if got.ours != "the benchmark reports no p99-ms" || got.met != "n/a" {
		t.Errorf("%+v", got)
	}
}

func TestShow(t *testing.T) {
	for _, tc := range []struct {
		kind string
		v    float64
		want string
	}{
		{"time", 18.72, "18.7 s"}, {"time", 0.189, "189 ms"}, {"time", 0.0053, "5.30 ms"},
		{"time", 0.000299, "299 µs"}, {"time", 123.4, "123 s"}, {"mem", 586, "586 MB"},
		{"mem", 1024, "1.00 GB"}, {"mem", 7.04, "7.04 MB"}, {"rate", 34.33, "34.3 MB/s"},
	} {
		if got := show(tc.kind, tc.v, ""); got != tc.want {
			t.Errorf("show(%s, %v) = %q, want %q", tc.kind, tc.v, got, tc.want)
		}
	}
}

// The table of figures is consistent: each row's benchmark is run, each run fills a row,
// the units are known, and no benchmark name looks like a -GOMAXPROCS suffix.
func TestFigures(t *testing.T) {
	ran := map[string]bool{}
	for _, r := range runs {
		if ran[r.bench] {
			t.Errorf("%s runs twice", r.bench)
		}
		ran[r.bench] = true
		if (r.pkg == "") == (r.script == "") || (r.pkg != "" && r.full == "") {
			t.Errorf("run %+v: a package and -benchtime, or a script", r)
		}
	}
	used := map[string]bool{}
	suffix := regexp.MustCompile(`-[0-9]+$`)
	for _, r := range rows {
		base := strings.SplitN(r.bench, "/", 2)[0]
		used[base] = true
		if !ran[base] {
			t.Errorf("row %q: %s is not run", r.figure, base)
		}
		for _, part := range strings.Split(r.bench, "/") {
			if suffix.MatchString(part) {
				t.Errorf("row %q: %s ends like a -GOMAXPROCS suffix", r.figure, r.bench)
			}
		}
		for _, u := range []string{r.ours, r.theirs, r.extra} {
			if k, _ := quantity(u); u != "" && k == "" {
				t.Errorf("row %q: unknown unit %q", r.figure, u)
			}
		}
		if ko, _ := quantity(r.ours); r.theirs != "" {
			if kt, _ := quantity(r.theirs); kt != ko {
				t.Errorf("row %q compares %s with %s", r.figure, r.ours, r.theirs)
			}
		}
		if (r.target.kind == ratioAtMost || r.target.kind == fasterAtLeast) && r.theirs == "" {
			t.Errorf("row %q: a ratio target needs a comparison", r.figure)
		}
		if n := utf8.RuneCountInString(r.figure); n > 80 {
			t.Errorf("row %q: %d characters, more than 80 make the table too wide", r.figure, n)
		}
		if r.target.kind == fasterAtLeast && !r.faster {
			t.Errorf("row %q: a speed-up target shows the ratio as a speed-up", r.figure)
		}
	}
	for b := range ran {
		if !used[b] {
			t.Errorf("%s is run but fills no row", b)
		}
	}
}

func TestWrite(t *testing.T) {
	lines := []line{{"a | b", "1 s", "", "", "≤ 2 s", "yes"}, {"c", "3 s", "", "", "≤ 2 s", "no"}}
	var buf bytes.Buffer
	writeMarkdown(&buf, lines)
	want := "| figure | ours | theirs | ratio | target | met |\n|---|---|---|---|---|---|\n" +
		"| a \\| b | 1 s |  |  | ≤ 2 s | yes |\n| c | 3 s |  |  | ≤ 2 s | **no** |\n"
	if buf.String() != want {
		t.Errorf("markdown:\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	writeText(&buf, lines)
	text := strings.Split(buf.String(), "\n")
	if len(text) != 4 || !strings.HasPrefix(text[0], "figure  ours  theirs  ratio  target  met") || !strings.HasSuffix(text[2], "≤ 2 s   no") {
		t.Errorf("text:\n%s", buf.String())
	}
}

func TestMachineParsers(t *testing.T) {
	if got := cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC  7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel %q", got)
	}
	if got := memTotalGiB("MemTotal:       24609492 kB\nMemFree:        22000000 kB\n"); got < 23.4 || got > 23.5 {
		t.Errorf("memTotalGiB %v", got)
	}
	if got := osName("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"); got != "Debian GNU/Linux 12 (bookworm)" {
		t.Errorf("osName %q", got)
	}
	if got := commas(1000002); got != "1,000,002" {
		t.Errorf("commas %q", got)
	}
	if got := commas(334); got != "334" {
		t.Errorf("commas %q", got)
	}
}
