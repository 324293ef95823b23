// Command tcbench runs every benchmark of turncoder and its side-by-side comparisons (the
// sqlite3 shell, NLTK, openpyxl) and prints one table: figure, ours, theirs, ratio, target,
// met. `make bench` runs it; figures.go lists what is measured and the targets.
//
// Each benchmark runs in its own process, one after another, from a test binary built
// first (go test -c), so compiling never overlaps a measurement. A missed target shows "no";
// the exit status is 1 only when a benchmark fails to run or reports nothing.
//
//	tcbench [-quick] [-markdown FILE] [-only REGEXP] [-v]
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func main() {
	quick := flag.Bool("quick", false, "tiny sizes and one iteration each: checks that every benchmark runs and fills its rows; the figures mean nothing")
	markdown := flag.String("markdown", "", "also write the table as Markdown, with the machine line, to this file")
	only := flag.String("only", "", "run only the benchmarks whose name matches this regexp (the other rows say so)")
	goCmd := flag.String("go", "go", "the go command")
	verbose := flag.Bool("v", false, "copy the benchmarks' output to stderr as they run")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	var sel *regexp.Regexp
	if *only != "" {
		var err error
		if sel, err = regexp.Compile(*only); err != nil {
			fmt.Fprintln(os.Stderr, "tcbench: -only:", err)
			os.Exit(2)
		}
	}
	b := &bench{quick: *quick, goCmd: *goCmd, verbose: *verbose, only: sel}
	if err := b.main(*markdown); err != nil {
		fmt.Fprintln(os.Stderr, "tcbench:", err)
		os.Exit(1)
	}
}

type bench struct {
	quick   bool
	goCmd   string
	verbose bool
	only    *regexp.Regexp
	root    string // the module's directory
	tmp     string
	results map[string]result
	missing map[string]string // run's benchmark → why it has no result
	failed  []string
	big     string // the big project's file, once made; bigErr why it could not be
	bigErr  error
}

func (b *bench) main(markdown string) error {
	gomod := output(b.goCmd, "env", "GOMOD")
	if gomod == "" || gomod == os.DevNull {
		return errors.New("run me inside turncoder's module")
	}
	b.root = filepath.Dir(gomod)
	var err error
	if b.tmp, err = os.MkdirTemp("", "tcbench-"); err != nil {
		return err
	}
	b.results, b.missing = map[string]result{}, map[string]string{}
	started := time.Now()
	mach := machine(b.goCmd)

	todo := b.plan()
	b.build(todo)
	for _, r := range todo {
		if _, done := b.missing[r.bench]; !done {
			b.run(r)
		}
	}

	labels := map[string]string{"turns": commas(importTurns), "codings": commas(3 * reportUnits), "big": bigShape.label()}
	if b.quick {
		labels = map[string]string{"turns": commas(importTurnsQuick), "codings": commas(3 * reportUnitsQuick), "big": bigShapeQuick.label()}
	}
	lines := make([]line, len(rows))
	for i, r := range rows {
		lines[i] = evaluate(r, b.results, b.missing, labels)
	}
	note := ""
	if b.quick {
		note = "QUICK MODE: tiny sizes, one iteration each. It shows that every benchmark runs and fills its rows; the figures measure nothing."
	}
	when := started.Format("2006-01-02")
	fmt.Printf("\nturncoder benchmarks, %s, took %s\nmachine: %s\n", when, time.Since(started).Round(time.Second), mach)
	if note != "" {
		fmt.Println(note)
	}
	fmt.Println()
	if err := writeText(os.Stdout, lines); err != nil {
		return err
	}
	fmt.Printf("\nthe benchmarks' own output: %s\n", filepath.Join(b.tmp, "logs"))
	if markdown != "" {
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "Measured with `make bench` on %s: %s.\n\n", when, mach)
		if note != "" {
			fmt.Fprintf(&buf, "**%s**\n\n", note)
		}
		writeMarkdown(&buf, lines)
		if err := os.WriteFile(markdown, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Printf("the table as Markdown: %s\n", markdown)
	}
	os.RemoveAll(filepath.Join(b.tmp, "bin"))
	os.RemoveAll(filepath.Join(b.tmp, "import"))
	if len(b.failed) > 0 {
		return fmt.Errorf("%d benchmark(s) did not run to the end: %s", len(b.failed), strings.Join(b.failed, ", "))
	}
	return nil
}

// plan returns the runs to do, and records for the others why they are not run.
func (b *bench) plan() []run {
	var todo []run
	for _, r := range runs {
		switch {
		case b.only != nil && !b.only.MatchString(r.bench):
			b.missing[r.bench] = "not run (-only)"
		case b.quick && r.quickSkip != "":
			b.missing[r.bench] = "not run in quick mode: " + r.quickSkip
			fmt.Fprintf(os.Stderr, "tcbench: %s is not run in quick mode: %s\n", r.bench, r.quickSkip)
		default:
			todo = append(todo, r)
		}
	}
	return todo
}

// build compiles the test binary of each package once, before any measurement, and
// cmd/tcgen if a run needs the big project.
func (b *bench) build(todo []run) {
	seen := map[string]bool{}
	for _, r := range todo {
		if r.big && !seen["tcgen"] {
			seen["tcgen"] = true
			cmd := exec.Command(b.goCmd, "build", "-o", filepath.Join(b.tmp, "bin", "tcgen"), "./cmd/tcgen")
			cmd.Dir = b.root
			if out, err := cmd.CombinedOutput(); err != nil {
				b.bigErr = fmt.Errorf("go build ./cmd/tcgen: %v: %s", err, lastLine(string(out)))
			}
		}
		if r.pkg == "" || seen[r.pkg] {
			continue
		}
		seen[r.pkg] = true
		fmt.Fprintf(os.Stderr, "tcbench: building the test binary of %s\n", r.pkg)
		cmd := exec.Command(b.goCmd, "test", "-c", "-o", b.binary(r.pkg), r.pkg)
		cmd.Dir = b.root
		if out, err := cmd.CombinedOutput(); err != nil {
			why := fmt.Sprintf("FAILED: go test -c %s: %v", r.pkg, err)
			fmt.Fprintf(os.Stderr, "tcbench: %s\n%s", why, out)
			for _, q := range todo {
				if q.pkg == r.pkg {
					b.missing[q.bench] = why
					b.failed = append(b.failed, q.bench)
				}
			}
		}
	}
}

func (b *bench) binary(pkg string) string {
	return filepath.Join(b.tmp, "bin", strings.NewReplacer("./", "", "/", "_").Replace(pkg)+".test")
}

// run runs one benchmark (or the script), parses what it prints and keeps its results.
func (b *bench) run(r run) {
	var cmd *exec.Cmd
	how := ""
	if r.script != "" {
		args := r.fullArgs
		if b.quick {
			args = r.quickArgs
		}
		cmd = exec.Command(filepath.Join(b.root, r.script), args...)
		cmd.Dir = b.root
		cmd.Env = append(os.Environ(), "BENCH_DIR="+filepath.Join(b.tmp, "import"))
		how = strings.Join(append([]string{r.script}, args...), " ")
	} else {
		benchtime := r.full
		if b.quick {
			benchtime = "1x"
		}
		cmd = exec.Command(b.binary(r.pkg), "-test.run", "^$", "-test.bench", "^"+r.bench+"$", "-test.benchtime", benchtime, "-test.timeout", "0")
		cmd.Dir = filepath.Join(b.root, r.pkg)
		cmd.Env = os.Environ()
		if b.quick {
			cmd.Env = append(cmd.Env, r.quickEnv...)
		}
		if r.big {
			path, err := b.bigProject()
			if err != nil {
				b.fail(r, "FAILED: cannot make the big project: "+err.Error())
				fmt.Fprintf(os.Stderr, "tcbench: %s %s\n", r.bench, b.missing[r.bench])
				return
			}
			// A cache folder of its own, so the search index is built afresh in each run.
			cmd.Env = append(cmd.Env, "TURNCODER_BIG_PROJECT="+path, "TURNCODER_CACHE="+filepath.Join(b.tmp, "cache-"+r.bench))
		}
		how = fmt.Sprintf("%s -benchtime %s", r.pkg, benchtime)
		if b.quick && len(r.quickEnv) > 0 {
			how += " " + strings.Join(r.quickEnv, " ")
		}
	}
	logs := filepath.Join(b.tmp, "logs")
	os.MkdirAll(logs, 0o755)
	logf, err := os.Create(filepath.Join(logs, r.bench+".txt"))
	if err != nil {
		b.fail(r, "FAILED: "+err.Error())
		return
	}
	defer logf.Close()
	fmt.Fprintf(logf, "# %s\n", how)
	var stdout, stderr bytes.Buffer
	var echo io.Writer = io.Discard
	if b.verbose {
		echo = os.Stderr
	}
	cmd.Stdout = io.MultiWriter(&stdout, logf, echo)
	cmd.Stderr = io.MultiWriter(&stderr, logf, echo)
	fmt.Fprintf(os.Stderr, "tcbench: %s (%s) ...\n", r.bench, how)
	start := time.Now()
	runErr := cmd.Run()
	took := time.Since(start).Round(100 * time.Millisecond)
	p, _ := parseBench(bytes.NewReader(stdout.Bytes()))
	got := 0
	for name, res := range p.results {
		if name == r.bench || strings.HasPrefix(name, r.bench+"/") {
			b.results[name] = res
			got++
		}
	}
	switch {
	case runErr != nil:
		why := firstOf(p.failed)
		if why == "" {
			why = lastLine(stderr.String())
		}
		b.fail(r, fmt.Sprintf("FAILED (%v): %s", runErr, why))
	case got == 0 && p.skipped[r.bench] != "":
		b.fail(r, "FAILED: skipped: "+p.skipped[r.bench])
	case got == 0:
		b.fail(r, "FAILED: printed no result")
	default:
		fmt.Fprintf(os.Stderr, "tcbench: %s done in %s\n", r.bench, took)
		return
	}
	fmt.Fprintf(os.Stderr, "tcbench: %s %s (after %s; log %s)\n", r.bench, b.missing[r.bench], took, logf.Name())
}

// bigProject makes the big project (bigShape, or bigShapeQuick in quick mode) with cmd/tcgen
// -project, once: it is kept in the user's cache folder, where a later run finds it (making it
// takes minutes), and only read by the benchmarks.
func (b *bench) bigProject() (string, error) {
	if b.big != "" || b.bigErr != nil {
		return b.big, b.bigErr
	}
	sh := bigShape
	if b.quick {
		sh = bigShapeQuick
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "turncoder-bench")
	path := filepath.Join(dir, fmt.Sprintf("big-%d-%d-%d-%d-v1.turncoder", sh.docs, sh.turns, sh.coders, sh.codings))
	if _, err := os.Stat(path); err == nil {
		b.big = path
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.bigErr = err
		return "", err
	}
	fmt.Fprintf(os.Stderr, "tcbench: making the big project (%s) with cmd/tcgen, once: %s\n", sh.label(), path)
	// tcgen writes path.tmp and renames it when done: a cut-short run leaves no file here.
	cmd := exec.Command(filepath.Join(b.tmp, "bin", "tcgen"), "-project", path, "-docs", strconv.Itoa(sh.docs),
		"-turns", strconv.Itoa(sh.turns), "-coders", strconv.Itoa(sh.coders), "-codings", strconv.Itoa(sh.codings))
	cmd.Dir = b.root
	if out, err := cmd.CombinedOutput(); err != nil {
		b.bigErr = fmt.Errorf("cmd/tcgen: %v: %s", err, lastLine(string(out)))
		return "", b.bigErr
	}
	b.big = path
	return path, nil
}

func (b *bench) fail(r run, why string) {
	b.missing[r.bench] = why
	b.failed = append(b.failed, r.bench)
}

func firstOf(m map[string]string) string {
	for k, v := range m {
		return k + ": " + v
	}
	return ""
}

func lastLine(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(l[len(l)-1])
}

// commas writes 1000000 as 1,000,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
