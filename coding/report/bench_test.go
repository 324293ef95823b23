package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/xuri/excelize/v2"
)

// The synthetic project of the benchmarks: units × 3 coders, one judgement per coder and unit
// (a code, or a review with no code), so 333,334 units give 1,000,002 codings.
// testdata/bench_openpyxl.py generates the same Codings cells by the same formulas; keep the
// two in step (TestOpenpyxlSameCells checks).
var (
	synthSpeakers = []string{"李明", "张华", "王芳", "赵强"}
	synthTexts    = []string{
		"我觉得这个问题应该转给社工处理，因为我们这边没有办法解决。",
		"=SUM(A1) is not a formula here",
		"I don't really want to talk about that, to be honest.",
		"-1 分，我给这个服务打负分。",
		"是我的错，对不起，下次不会了。",
	}
	synthCodes = []string{"referral", "deflection", "admission", "apology"}
	synthStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

// synthetic builds the Input (Agreement computed).
func synthetic(units int) Input {
	d := syntheticData(units)
	return Input{
		Project:    "synthetic.turncoder",
		ExportedAt: synthStart,
		Scope:      "whole project",
		Codebook:   d.Codes,
		Data:       d,
		Agreement:  agreement.Compute(agreement.FromReliability(d), agreement.Options{}),
	}
}

func syntheticData(units int) coding.Reliability {
	d := coding.Reliability{Coders: []string{"ana", "bo", "cy"}}
	for i, c := range synthCodes {
		d.Codes = append(d.Codes, coding.Code{ID: "c" + strconv.Itoa(i), Name: c, Position: i})
	}
	d.Units = make([]coding.Unit, units)
	d.Judgements = make([]coding.Judgement, 0, 3*units)
	docs := make([]string, units/1000+1)
	for i := range docs {
		docs[i] = fmt.Sprintf("访谈 %03d", i)
	}
	sections := make([]string, 10)
	for i := range sections {
		sections[i] = fmt.Sprintf("第%d部分", i+1)
	}
	for u := range units {
		id := "t" + strconv.Itoa(u)
		d.Units[u] = coding.Unit{
			TurnID: id, DocumentID: "d" + strconv.Itoa(u/1000), Document: docs[u/1000], Section: sections[(u/100)%10],
			Number: u%1000 + 1, Speaker: synthSpeakers[u%4], Role: coding.RoleRespondent,
			Text: synthTexts[u%5] + " (" + strconv.Itoa(u) + ")",
		}
		for j, coder := range d.Coders {
			code := ""
			if (u*3+j)%17 != 0 {
				k := u
				if u%4 == 0 {
					k += j
				}
				code = synthCodes[k%4]
			}
			d.Judgements = append(d.Judgements, coding.Judgement{Unit: id, Coder: coder, Code: code, Time: synthStart.Add(time.Duration(u*3+j) * time.Second)})
		}
	}
	return d
}

// writeCodingsOnly writes a workbook with the Codings sheet alone: the like-for-like
// comparison with openpyxl, which writes the same cells.
func writeCodingsOnly(ctx context.Context, w io.Writer, in *Input) error {
	m, err := in.model()
	if err != nil {
		return err
	}
	tmpDir, err := os.MkdirTemp("", "report-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmpDir)
	f := excelize.NewFile()
	defer f.Close()
	x := &xw{ctx: ctx, f: f, maxRows: ExcelMaxRows, e: newEngineText(en, nil), tmpDir: tmpDir, rows: map[string]*sheetRows{}}
	defer x.closeRows()
	if err := x.newStyles(); err != nil {
		return err
	}
	uw := unitWidths(en, m.units)
	m.lines = unitLines(m.units, uw[5].width())
	t := codingsTable(en, m, uw)
	x.total = t.rows + 1
	if err := x.writeCodings(t, m); err != nil {
		return err
	}
	f.SetZipWriter(zipTo(w, x.rows))
	return f.Write(io.Discard)
}

// TestMain doubles as the benchmark's driver program: with REPORT_BENCH_DRIVER set it builds
// the synthetic Input, exports it to REPORT_BENCH_OUT and exits, so that /usr/bin/time measures
// the peak memory of an export on its own process.
func TestMain(m *testing.M) {
	if mode := os.Getenv("REPORT_BENCH_DRIVER"); mode != "" {
		os.Exit(driver(mode))
	}
	os.Exit(m.Run())
}

func driver(mode string) int {
	units, _ := strconv.Atoi(os.Getenv("REPORT_BENCH_UNITS"))
	out, err := os.Create(os.Getenv("REPORT_BENCH_OUT"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer out.Close()
	// As store.ExportInput does, the judgements are indexed and dropped before the sheets are
	// written (for the workbook, with the agreement computed on the index).
	in := Input{Project: "synthetic.turncoder", ExportedAt: synthStart, Scope: "whole project", Data: syntheticData(units)}
	in.Codebook = in.Data.Codes
	if mode == "codings" {
		m, err := newModel(&in.Data)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		in.Data.Judgements, in.prepared = nil, m
	} else if err := Prepare(&in, agreement.Options{Bootstrap: true, Seed: 1}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	runtime.GC()
	start := time.Now()
	if mode == "codings" {
		err = writeCodingsOnly(context.Background(), out, &in)
	} else {
		err = WriteWorkbook(context.Background(), out, in, Options{}, nil)
	}
	if err == nil {
		err = out.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"seconds": time.Since(start).Seconds()})
	return 0
}

// heapPeak samples the heap in use while fn runs, in MB.
func heapPeak(fn func()) float64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return float64(peak.Load()) / (1 << 20)
}

// benchUnits is the benchmarks' number of units: 333,334 (× 3 coders = 1,000,002 codings), or
// REPORT_BENCH_UNITS for a quick run.
func benchUnits() int {
	if n, err := strconv.Atoi(os.Getenv("REPORT_BENCH_UNITS")); err == nil && n > 0 {
		return n
	}
	return 333_334
}

// BenchmarkWorkbook1M exports 1,000,002 codings (333,334 units × 3 coders, with the agreement
// report computed on them, the judgements indexed and dropped by Prepare as an export from a
// project does): the whole workbook to a temporary file. It reports the heap in use at its
// peak during the export (peak-heap-MB, the prepared Input included, garbage not yet collected
// too: no memory limit is set here) and the file's size. The memory target is judged on a
// whole process under the export's limit: BenchmarkVsOpenpyxl and cmd/turncoder's
// BenchmarkExport1M.
func BenchmarkWorkbook1M(b *testing.B) {
	in := Input{Project: "synthetic.turncoder", ExportedAt: synthStart, Scope: "whole project", Data: syntheticData(benchUnits())}
	in.Codebook = in.Data.Codes
	if err := Prepare(&in, agreement.Options{Bootstrap: true, Seed: 1}); err != nil { // as store.ExportInput
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	runtime.GC()
	debug.FreeOSMemory()
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, heapPeak(func() {
			out, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			if err := WriteWorkbook(context.Background(), out, in, Options{}, nil); err != nil {
				b.Fatal(err)
			}
			if err := out.Close(); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.StopTimer()
	st, _ := os.Stat(path)
	b.ReportMetric(peak, "peak-heap-MB")
	b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
}

// BenchmarkCSV1M writes codings.csv and matrix.csv for the same 1,000,002 codings.
func BenchmarkCSV1M(b *testing.B) {
	in := synthetic(benchUnits())
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		if err := WriteCSV(context.Background(), dir, in); err != nil {
			b.Fatal(err)
		}
	}
}

// measured is one run under /usr/bin/time: wall seconds and peak resident memory.
type measured struct {
	seconds float64 // the export itself, as the program reports it
	wall    float64 // the whole process
	peakMB  float64
}

// timed runs cmd under /usr/bin/time -f "%e %M" and reads its JSON {"seconds": …}.
func timed(cmd *exec.Cmd) (measured, error) {
	tf, err := os.CreateTemp("", "time-*")
	if err != nil {
		return measured{}, err
	}
	tf.Close()
	defer os.Remove(tf.Name())
	args := append([]string{"-f", "%e %M", "-o", tf.Name(), cmd.Path}, cmd.Args[1:]...)
	c := exec.Command("/usr/bin/time", args...)
	c.Env, c.Dir = cmd.Env, cmd.Dir
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		return measured{}, fmt.Errorf("%v: %v: %s", cmd.Args, err, stderr.String())
	}
	var res struct{ Seconds float64 }
	if err := json.Unmarshal(out, &res); err != nil {
		return measured{}, fmt.Errorf("%v printed %q", cmd.Args, out)
	}
	tb, _ := os.ReadFile(tf.Name())
	fields := strings.Fields(string(tb))
	if len(fields) < 2 {
		return measured{}, fmt.Errorf("/usr/bin/time printed %q", tb)
	}
	m := measured{seconds: res.Seconds}
	m.wall, _ = strconv.ParseFloat(fields[len(fields)-2], 64)
	kb, _ := strconv.ParseFloat(fields[len(fields)-1], 64)
	m.peakMB = kb / 1024
	return m, nil
}

func openpyxlPython() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	return ""
}

// BenchmarkVsOpenpyxl writes the Codings sheet of 1,000,002 codings (9 columns: 9,000,018
// cells and a header) with ours and with openpyxl's write-only mode
// (testdata/bench_openpyxl.py), each in its own process under /usr/bin/time, and reports
// both times and peak memories and how many times faster ours is. Ours runs as `turncoder
// export` does: the judgements indexed and dropped first, Go's soft memory limit at
// MemoryLimit; it also runs without the limit, and the whole workbook's export (every sheet,
// the agreement report computed in the same process) is timed too. Target: ≥ 2× faster, peak
// memory ≤ 300 MB. Without the limit Go's collector lets the heap grow to about twice what is
// live.
// REPORT_BENCH_UNITS overrides the 333,334 units. Needs /usr/bin/time and python3 with
// openpyxl; skipped without.
func BenchmarkVsOpenpyxl(b *testing.B) {
	memLimit := strconv.Itoa(MemoryLimit>>20) + "MiB"
	python := openpyxlPython()
	if python == "" {
		b.Skip("no python3 with openpyxl")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("no /usr/bin/time")
	}
	units := benchUnits()
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	run := func(mode string, env ...string) measured {
		cmd := exec.Command(self)
		cmd.Env = append(append(os.Environ(), "REPORT_BENCH_DRIVER="+mode, "REPORT_BENCH_UNITS="+strconv.Itoa(units), "REPORT_BENCH_OUT="+filepath.Join(dir, mode+".xlsx")), env...)
		m, err := timed(cmd)
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	var ours, unlimited, whole, theirs measured
	for b.Loop() {
		ours = run("codings", "GOMEMLIMIT="+memLimit)
		unlimited = run("codings", "GOMEMLIMIT=off")
		whole = run("workbook", "GOMEMLIMIT="+memLimit)
		script, _ := filepath.Abs(filepath.Join("testdata", "bench_openpyxl.py"))
		theirs, err = timed(exec.Command(python, script, strconv.Itoa(units), filepath.Join(dir, "openpyxl.xlsx")))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(ours.wall, "ours-s")
	b.ReportMetric(ours.peakMB, "ours-peak-MB")
	b.ReportMetric(theirs.wall, "openpyxl-s")
	b.ReportMetric(theirs.peakMB, "openpyxl-peak-MB")
	b.ReportMetric(theirs.wall/ours.wall, "x-faster")
	b.ReportMetric(unlimited.wall, "ours-nolimit-s")
	b.ReportMetric(unlimited.peakMB, "ours-nolimit-peak-MB")
	b.ReportMetric(whole.wall, "workbook-s")
	b.ReportMetric(whole.peakMB, "workbook-peak-MB")
	b.Logf("%d codings, Codings sheet: ours %.1f s (export %.1f s), peak %.0f MB; openpyxl write-only %.1f s (export %.1f s), peak %.0f MB: %.1f× faster",
		3*units, ours.wall, ours.seconds, ours.peakMB, theirs.wall, theirs.seconds, theirs.peakMB, theirs.wall/ours.wall)
	b.Logf("ours without a memory limit (Go's GC lets the heap grow to twice what is live): %.1f s, peak %.0f MB", unlimited.wall, unlimited.peakMB)
	b.Logf("the whole workbook (10 sheets, agreement computed in the same process): %.1f s (export %.1f s), peak %.0f MB", whole.wall, whole.seconds, whole.peakMB)
}

// TestOpenpyxlSameCells keeps the comparison honest: bench_openpyxl.py writes the same cells
// as our Codings sheet (checked on a small project). Skipped without python3 and openpyxl.
func TestOpenpyxlSameCells(t *testing.T) {
	python := openpyxlPython()
	if python == "" {
		t.Skip("no python3 with openpyxl")
	}
	dir := t.TempDir()
	theirs := filepath.Join(dir, "openpyxl.xlsx")
	if out, err := exec.Command(python, filepath.Join("testdata", "bench_openpyxl.py"), "40", theirs).CombinedOutput(); err != nil {
		t.Fatalf("bench_openpyxl.py: %v: %s", err, out)
	}
	in := Input{Data: syntheticData(40)}
	var buf bytes.Buffer
	if err := writeCodingsOnly(context.Background(), &buf, &in); err != nil {
		t.Fatal(err)
	}
	ours, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()
	op, err := excelize.OpenFile(theirs)
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	a, b := rows(t, ours, "Codings"), rows(t, op, "Codings")
	if len(a) != 121 {
		t.Errorf("ours: %d rows", len(a))
	}
	if joinLines(a) != joinLines(b) {
		t.Errorf("the cells differ:\nours\n%s\nopenpyxl\n%s", joinLines(a[:5]), joinLines(b[:min(5, len(b))]))
	}
}
