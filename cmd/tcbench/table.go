package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// line is one evaluated row, ready to print.
type line struct {
	figure, ours, theirs, ratio, target, met string
}

// quantity says what a metric's unit measures and the factor to its base unit (seconds, MB,
// MB/s): "ns/op" and "-s"/"-ms" suffixes are times, "-MB" memory.
func quantity(unit string) (kind string, scale float64) {
	switch {
	case unit == "ns/op":
		return "time", 1e-9
	case unit == "MB/s":
		return "rate", 1
	case strings.HasSuffix(unit, "-ms"):
		return "time", 1e-3
	case strings.HasSuffix(unit, "-s"):
		return "time", 1
	case strings.HasSuffix(unit, "-MB"):
		return "mem", 1
	}
	return "", 1
}

// value is a metric of a result in its base unit.
func value(res result, unit string) (float64, string, bool) {
	v, ok := res.metrics[unit]
	kind, scale := quantity(unit)
	return v * scale, kind, ok
}

// sig3 prints v with three significant digits and never an exponent: 189, 18.7, 5.31, 0.123.
func sig3(v float64) string {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	d := 2 - int(math.Floor(math.Log10(math.Abs(v))))
	if d < 0 {
		d = 0
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}

// show prints a value of a kind in its base unit.
func show(kind string, v float64, unit string) string {
	switch kind {
	case "time":
		switch {
		case v >= 1:
			return sig3(v) + " s"
		case v >= 1e-3:
			return sig3(v*1e3) + " ms"
		default:
			return sig3(v*1e6) + " µs"
		}
	case "mem":
		if v >= 1000 {
			return sig3(v/1024) + " GB"
		}
		return sig3(v) + " MB"
	case "rate":
		return sig3(v) + " MB/s"
	}
	return sig3(v) + " " + unit
}

func showRatio(r float64) string { return sig3(r) + "×" }

func (t target) String(kind string) string {
	switch t.kind {
	case atMost:
		return "≤ " + tidy(show(kind, t.value, ""))
	case ratioAtMost:
		return "≤ " + tidy(showRatio(t.value))
	case fasterAtLeast:
		return "≥ " + tidy(showRatio(t.value)) + " faster"
	}
	return "none set"
}

// tidy drops the trailing zeros of the number a string starts with: "2.00×" is "2×".
func tidy(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if end < 0 {
		end = len(s)
	}
	num := s[:end]
	if strings.Contains(num, ".") {
		num = strings.TrimRight(strings.TrimRight(num, "0"), ".")
	}
	return num + s[end:]
}

// evaluate fills a row from the results. missing says, for a benchmark with no result, why
// (not run in quick mode, failed, skipped); it is keyed by the run's benchmark name.
func evaluate(r row, results map[string]result, missing map[string]string, labels map[string]string) line {
	fig := r.figure
	for k, v := range labels {
		fig = strings.ReplaceAll(fig, "{"+k+"}", v)
	}
	kind, _ := quantity(r.ours)
	l := line{figure: fig, target: r.target.String(kind)}
	if r.target.kind == noTarget {
		l.target = ""
	}
	res, ok := results[r.bench]
	if !ok {
		why := missing[strings.SplitN(r.bench, "/", 2)[0]]
		if why == "" {
			why = "no result"
		}
		l.ours, l.met = why, "n/a"
		if r.target.kind == noTarget {
			l.met = ""
		}
		return l
	}
	ours, kind, ok := value(res, r.ours)
	if !ok {
		l.ours, l.met = "the benchmark reports no "+r.ours, "n/a"
		return l
	}
	l.ours = show(kind, ours, r.ours)
	if r.extra != "" {
		if x, xkind, ok := value(res, r.extra); ok {
			l.ours += " (" + strings.TrimSpace(r.extraLabel+" "+show(xkind, x, r.extra)) + ")"
		} else {
			l.ours += " (no " + r.extra + ")"
		}
	}
	ratio, haveRatio := 0.0, false
	if r.theirs != "" {
		if theirs, tkind, ok := value(res, r.theirs); ok {
			l.theirs = r.theirsName + ": " + show(tkind, theirs, r.theirs)
			if theirs > 0 && ours > 0 && tkind == kind {
				ratio, haveRatio = ours/theirs, true
				if r.faster {
					ratio = theirs / ours
				}
				l.ratio = showRatio(ratio)
				if r.faster {
					l.ratio += " faster"
				}
			}
		} else {
			l.theirs = r.theirsName + ": not measured (no " + r.theirs + ")"
		}
	}
	switch r.target.kind {
	case atMost:
		l.met = yesNo(ours <= r.target.value)
	case ratioAtMost:
		l.met = "n/a"
		if haveRatio {
			l.met = yesNo(ratio <= r.target.value)
		}
	case fasterAtLeast:
		l.met = "n/a"
		if haveRatio {
			l.met = yesNo(ratio >= r.target.value)
		}
	}
	return l
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

var header = line{"figure", "ours", "theirs", "ratio", "target", "met"}

// writeText prints the table with aligned columns.
func writeText(w io.Writer, lines []line) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range append([]line{header}, lines...) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.figure, l.ours, l.theirs, l.ratio, l.target, l.met)
	}
	return tw.Flush()
}

// writeMarkdown prints the table as GitHub Markdown, a missed target in bold.
func writeMarkdown(w io.Writer, lines []line) error {
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	var b strings.Builder
	b.WriteString("| figure | ours | theirs | ratio | target | met |\n|---|---|---|---|---|---|\n")
	for _, l := range lines {
		met := l.met
		if met == "no" {
			met = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", cell(l.figure), cell(l.ours), cell(l.theirs), cell(l.ratio), cell(l.target), met)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
