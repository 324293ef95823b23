package main

import (
	"fmt"
	"strconv"
)

// This file is the one place that says what `make bench` measures: which benchmarks run and
// how (runs), and which figure of which benchmark goes in which row of the table, compared
// with what, against which target (rows).

// A run is one benchmark function, or the import script, run once.
type run struct {
	pkg   string // the package, "./store"; empty for the script
	bench string // the benchmark function, "BenchmarkKeypress20k"; its sub-benchmarks run too
	full  string // -benchtime of the real measurement
	// Quick mode (-quick) runs everything with -benchtime 1x, and where a benchmark has a size
	// knob, at a tiny size: quickEnv is added to its environment.
	quickEnv []string
	// quickSkip, if set, says why quick mode does not run this benchmark; its rows then say so.
	quickSkip string
	// script, if set, is a command (relative to the module root) that prints benchmark lines;
	// fullArgs and quickArgs are its arguments.
	script              string
	fullArgs, quickArgs []string
	// big says the benchmark reads the big project (bigShape), which tcbench makes once with
	// cmd/tcgen -project and keeps; TURNCODER_BIG_PROJECT names it to the benchmark.
	big bool
}

// Sizes that quick mode shrinks, for the figures' labels.
const (
	importTurns      = 1_000_000
	importTurnsQuick = 10_000
	reportUnits      = 333_334 // × 3 coders = 1,000,002 codings
	reportUnitsQuick = 334
)

// The big project of issue 21, and its quick-mode stand-in: documents, turns, coders, codings.
type shape struct{ docs, turns, coders, codings int }

var (
	bigShape      = shape{500, 1_000_000, 5, 3_000_000}
	bigShapeQuick = shape{5, 10_000, 5, 30_000}
)

func (s shape) label() string {
	return fmt.Sprintf("%s documents, %s turns, %d coders, %s codings", commas(s.docs), commas(s.turns), s.coders, commas(s.codings))
}

var runs = []run{
	{script: ".ci/bench-import", bench: "BenchmarkImportVsSqlite3",
		fullArgs: []string{strconv.Itoa(importTurns)}, quickArgs: []string{strconv.Itoa(importTurnsQuick)}},
	{pkg: "./ui", bench: "BenchmarkOpenDocument20k", full: "5x"},
	{pkg: "./ui", bench: "BenchmarkKeypress20k", full: "300x"},
	{pkg: "./ui", bench: "BenchmarkOpenLongTurns", full: "5x"},
	{pkg: "./coding/agreement", bench: "BenchmarkAll1M", full: "5x"},
	{pkg: "./coding/agreement", bench: "BenchmarkBootstrap10k", full: "5x"},
	{pkg: "./coding/agreement", bench: "BenchmarkVsNLTK", full: "100x"},
	{pkg: "./coding/report", bench: "BenchmarkVsOpenpyxl", full: "1x", quickEnv: []string{"REPORT_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./coding/report", bench: "BenchmarkWorkbook1M", full: "1x", quickEnv: []string{"REPORT_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./coding/report", bench: "BenchmarkCSV1M", full: "1x", quickEnv: []string{"REPORT_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./cmd/turncoder", bench: "BenchmarkExport1M", full: "1x", quickEnv: []string{"TURNCODER_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./coding/analysis", bench: "BenchmarkMatrix1M", full: "5x", quickEnv: []string{"ANALYSIS_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./coding/analysis", bench: "BenchmarkCooccurrence1M", full: "5x", quickEnv: []string{"ANALYSIS_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./cmd/turncoder", bench: "BenchmarkAnalyse1M", full: "1x", quickEnv: []string{"TURNCODER_BENCH_UNITS=" + strconv.Itoa(reportUnitsQuick)}},
	{pkg: "./coding/agreement", bench: "BenchmarkComputeAtLimits", full: "3x"},
	{pkg: "./cmd/turncoder", bench: "BenchmarkAtLimits", full: "1x", quickEnv: []string{"TURNCODER_BENCH_UNITS=50"}},
	{pkg: "./store", bench: "BenchmarkMerge10x100k", full: "3x"},
	{pkg: "./store", bench: "BenchmarkImport", full: "5x"},
	{pkg: "./coding/transcript", bench: "BenchmarkParseTurns", full: "5x"},
	{pkg: "./store", bench: "BenchmarkLines20k", full: "5x"},
	{pkg: "./store", bench: "BenchmarkSearch20k", full: "5x"},
	{pkg: "./store", bench: "BenchmarkStates20k", full: "5x"},
	{pkg: "./store", bench: "BenchmarkProgress20k", full: "5x"},
	{pkg: "./store", bench: "BenchmarkSetState", full: "300x"},
	{pkg: "./ui", bench: "BenchmarkOpenBigProject", full: "5x", big: true},
	{pkg: "./ui", bench: "BenchmarkSwitchBigProject", full: "20x", big: true},
	{pkg: "./store", bench: "BenchmarkBigSearch", full: "5x", big: true},
	{pkg: "./store", bench: "BenchmarkBigAgreement", full: "1x", big: true},
	{pkg: "./cmd/turncoder", bench: "BenchmarkBigExport", full: "1x", big: true},
}

// How a row is judged.
type targetKind int

const (
	noTarget      targetKind = iota
	atMost                   // ours ≤ value (in the unit's base: seconds or MB)
	ratioAtMost              // ours / theirs ≤ value
	fasterAtLeast            // theirs / ours ≥ value
)

type target struct {
	kind  targetKind
	value float64
}

// A row of the table.
type row struct {
	figure string // {turns} and {codings} are replaced by the sizes run
	bench  string // the benchmark (with sub-benchmark) whose result line holds the figures
	ours   string // the metric's unit in that line: "ns/op", "p99-ms", "ours-s", "peak-MB"
	// extra, if set, is a second metric of ours shown in brackets after the first, labelled
	extra, extraLabel string
	theirs            string // the comparison's metric, if there is one
	theirsName        string // what it is, as the table shows it
	faster            bool   // show the ratio as theirs / ours ("9.0× faster")
	target            target
}

var rows = []row{
	{figure: "import {turns} turns: read, decode, parse, hash, insert",
		bench: "BenchmarkImportVsSqlite3", ours: "ns/op", theirs: "sqlite3-s", theirsName: "sqlite3 shell .import, same rows and table",
		target: target{ratioAtMost, 1}},
	{figure: "peak memory of that import", bench: "BenchmarkImportVsSqlite3", ours: "peak-MB",
		theirs: "sqlite3-peak-MB", theirsName: "sqlite3 shell", target: target{atMost, 300}},
	{figure: "open a 20,000-turn document to its first frame", bench: "BenchmarkOpenDocument20k", ours: "ns/op",
		target: target{atMost, 0.300}},
	{figure: "open a document of ten 20,000-character turns to its first frame", bench: "BenchmarkOpenLongTurns", ours: "ns/op",
		target: target{atMost, 0.300}},
	{figure: "one coding keypress to committed row and refreshed list, p99 (mean)",
		bench: "BenchmarkKeypress20k", ours: "p99-ms", extra: "ns/op", extraLabel: "mean",
		target: target{atMost, 0.010}},
	{figure: "agreement, 1M units × 3 coders × 8 codes, single-label, all but the bootstrap",
		bench: "BenchmarkAll1M/single-label", ours: "ns/op", target: target{atMost, 1}},
	{figure: "the same, multi-label", bench: "BenchmarkAll1M/multi-label", ours: "ns/op", target: target{atMost, 1}},
	{figure: "bootstrap interval of α, 1,000 resamples, 10,000 units (8 codes + 24 pairwise)",
		bench: "BenchmarkBootstrap10k", ours: "ns/op", target: target{atMost, 2}},
	{figure: "export {codings} codings: the Codings sheet, time",
		bench: "BenchmarkVsOpenpyxl", ours: "ours-s", theirs: "openpyxl-s", theirsName: "openpyxl write-only, same cells", faster: true,
		target: target{fasterAtLeast, 2}},
	{figure: "the same, peak memory", bench: "BenchmarkVsOpenpyxl", ours: "ours-peak-MB",
		theirs: "openpyxl-peak-MB", theirsName: "openpyxl", target: target{atMost, 300}},
	{figure: "the same without a memory limit, peak memory (time)", bench: "BenchmarkVsOpenpyxl",
		ours: "ours-nolimit-peak-MB", extra: "ours-nolimit-s", extraLabel: "time"},
	{figure: "export {codings} codings: the whole workbook, peak memory (time)", bench: "BenchmarkVsOpenpyxl",
		ours: "workbook-peak-MB", extra: "workbook-s", extraLabel: "time", target: target{atMost, 300}},
	{figure: "`turncoder export`, project file of {codings} codings, peak memory (time)",
		bench: "BenchmarkExport1M", ours: "export-peak-MB", extra: "export-s", extraLabel: "time", target: target{atMost, 300}},
	{figure: "merge 10 coder files of 100,000 codings (+ reviews, memos), all checks",
		bench: "BenchmarkMerge10x100k", ours: "ns/op", theirs: "shell-s", theirsName: "sqlite3 shell, same upserts over ATTACHed files",
		target: target{ratioAtMost, 2}},
	{figure: "the big project ({big}): open to its first frame",
		bench: "BenchmarkOpenBigProject", ours: "ns/op", target: target{atMost, 0.5}},
	{figure: "the big project: switch to another document (its turns drawn)",
		bench: "BenchmarkSwitchBigProject", ours: "ns/op", target: target{atMost, 0.2}},
	{figure: "the big project: search it all, a common phrase (its first 200 hits)",
		bench: "BenchmarkBigSearch/common", ours: "ns/op", target: target{atMost, 0.3}},
	{figure: "the same, two characters in twenty turns", bench: "BenchmarkBigSearch/two-rare", ours: "ns/op",
		target: target{atMost, 0.3}},
	{figure: "the same, three characters in no turn", bench: "BenchmarkBigSearch/three-absent", ours: "ns/op",
		extra: "scan-s", extraLabel: "a scan of every turn", target: target{atMost, 0.3}},
	{figure: "the same, one character in many turns", bench: "BenchmarkBigSearch/one-common", ours: "ns/op",
		target: target{atMost, 0.3}},
	{figure: "the same, a phrase in Latin letters, upper case", bench: "BenchmarkBigSearch/latin", ours: "ns/op",
		target: target{atMost, 0.3}},
	{figure: "the big project: agreement on it all, with α's bootstrap (reading it)",
		bench: "BenchmarkBigAgreement", ours: "ns/op", extra: "read-s", extraLabel: "reading", target: target{atMost, 2}},
	{figure: "the big project: `turncoder export`, the whole workbook (peak memory)",
		bench: "BenchmarkBigExport", ours: "export-s", extra: "export-peak-MB", extraLabel: "peak", target: target{atMost, 60}},
	{figure: "the same, peak memory", bench: "BenchmarkBigExport", ours: "export-peak-MB", target: target{atMost, 300}},
	{figure: "analysis: code × speaker matrix of {codings} codings, indexed and counted",
		bench: "BenchmarkMatrix1M", ours: "ns/op", theirs: "sqlite3-s", theirsName: "sqlite3 shell, GROUP BY on the same rows", faster: true,
		target: target{atMost, 1}},
	{figure: "`turncoder analyse --matrix speaker`, project file of {codings} codings",
		bench: "BenchmarkAnalyse1M", ours: "analyse-s", extra: "analyse-peak-MB", extraLabel: "peak",
		theirs: "sqlite3-s", theirsName: "sqlite3 shell, one GROUP BY on the file", target: target{ratioAtMost, 2}},
	{figure: "agreement at the limits: 1,000 units, 1,000 codes, 100 coders, single-label",
		bench: "BenchmarkComputeAtLimits/100x1", ours: "ns/op", target: target{atMost, 1}},
	{figure: "the same with 10 coders (45 pairs, the most with pairwise figures)",
		bench: "BenchmarkComputeAtLimits/10x1", ours: "ns/op", target: target{atMost, 3}},
	{figure: "the same, up to three codes a unit (multi-label, MASI α)",
		bench: "BenchmarkComputeAtLimits/10x3", ours: "ns/op", target: target{atMost, 3}},
	{figure: "`turncoder agree --json` (bootstrap): 2,000 turns, 100 coders, 1,000 codes",
		bench: "BenchmarkAtLimits", ours: "agree-s", target: target{atMost, 5}},
	{figure: "the same, peak memory", bench: "BenchmarkAtLimits", ours: "agree-peak-MB", target: target{atMost, 500}},
	{figure: "`turncoder export` of that project, the whole workbook", bench: "BenchmarkAtLimits", ours: "export-s", target: target{atMost, 15}},
	{figure: "the same, peak memory", bench: "BenchmarkAtLimits", ours: "export-peak-MB", target: target{atMost, 500}},
	{figure: "Krippendorff's α, 20,000 units × 3 coders", bench: "BenchmarkVsNLTK", ours: "ns/op",
		theirs: "nltk-s", theirsName: "NLTK AnnotationTask.alpha()", faster: true, target: target{fasterAtLeast, 100}},

	// Supporting figures, no target.
	{figure: "the whole agreement report on those 20,000 units", bench: "BenchmarkVsNLTK", ours: "report-s",
		theirs: "nltk-s", theirsName: "NLTK alpha() alone", faster: true},
	{figure: "export {codings} codings: whole workbook, in-process, no limit (peak heap)",
		bench: "BenchmarkWorkbook1M", ours: "ns/op", extra: "peak-heap-MB", extraLabel: "peak heap"},
	{figure: "export {codings} codings as CSV (codings.csv, matrix.csv, consensus.csv)", bench: "BenchmarkCSV1M", ours: "ns/op"},
	{figure: "analysis: co-occurrence of those codings within 3 turns", bench: "BenchmarkCooccurrence1M/window3", ours: "ns/op"},
	{figure: "analysis: retrieve one code and not another, a turn of context", bench: "BenchmarkCooccurrence1M/retrieve", ours: "ns/op"},
	{figure: "store only: insert 100,000 parsed turns into a new project", bench: "BenchmarkImport", ours: "ns/op"},
	{figure: "parse the seed transcript ×100, 2 MB of plain-text turns (throughput)", bench: "BenchmarkParseTurns",
		ours: "ns/op", extra: "MB/s", extraLabel: ""},
	{figure: "store only: one coding committed with its audit entry, p99 (mean)", bench: "BenchmarkSetState",
		ours: "p99-ms", extra: "ns/op", extraLabel: "mean"},
	{figure: "store only: a 20,000-turn document's lines", bench: "BenchmarkLines20k", ours: "ns/op"},
	{figure: "store only: search a 20,000-turn document", bench: "BenchmarkSearch20k", ours: "ns/op"},
	{figure: "store only: a coder's states on a 20,000-turn document", bench: "BenchmarkStates20k", ours: "ns/op"},
	{figure: "store only: a coder's progress on a 20,000-turn project", bench: "BenchmarkProgress20k", ours: "ns/op"},
	{figure: "the big project: build its search index, cache folder empty (index size)", bench: "BenchmarkBigSearch/common",
		ours: "index-build-s", extra: "index-MB", extraLabel: ""},
}
