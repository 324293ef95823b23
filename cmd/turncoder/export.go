package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/coding/report"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/turncoder/turncoder/coding/transcript"
)

func cmdExport(args []string) error {
	fs := newFlags("export")
	project := projectFlag(fs)
	out := fs.String("o", "", "the workbook to write (.xlsx), with --format csv the folder, with --format qdpx the project file (.qdpx)")
	format := fs.String("format", "xlsx", "xlsx, csv (codings.csv, matrix.csv and consensus.csv, for R and pandas), or qdpx (the whole project as a REFI-QDA project for ATLAS.ti, MAXQDA, NVivo, QualCoder)")
	lang := fs.String("lang", report.English, "the workbook's language: en, zh-Hans (简体中文) or zh-Hant (繁體中文); its headers, notes and explanations (sheet names stay in English)")
	reference := fs.String("reference", "", "add the Reference sheets, each coder compared with a reference: a coder, or consensus for the consensus layer")
	scope := addScopeFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	wbLang, err := report.MatchLanguage(*lang)
	if err != nil {
		return usagef("export --lang: %v", err)
	}
	if *out == "" {
		return usagef("export needs -o OUT.xlsx (or -o OUTDIR with --format csv, -o OUT.qdpx with --format qdpx)")
	}
	if *format != "xlsx" && *format != "csv" && *format != "qdpx" {
		return usagef("unknown export format %q (use xlsx, csv or qdpx)", *format)
	}
	if *format != "xlsx" && flagGiven(fs, "lang") {
		return usagef("--lang is the workbook's language; --format %s writes no workbook, and its column names, which other programs read, are the same in every language", *format)
	}
	if *format != "xlsx" && flagGiven(fs, "reference") {
		return usagef("--reference adds the Reference sheets to the workbook; --format %s writes no workbook (agree --reference compares with a reference on the command line)", *format)
	}
	if flagGiven(fs, "reference") && strings.TrimSpace(*reference) == "" {
		return usagef("--reference needs a coder's name, or consensus for the consensus layer")
	}
	if strings.EqualFold(strings.TrimSpace(*reference), report.ConsensusReference) {
		// However it is written: a project has no coder of that name, so it is the layer.
		*reference = report.ConsensusReference
	}
	sc, err := scope.scope()
	if err != nil {
		return err
	}
	if *format == "qdpx" {
		if !reflect.DeepEqual(sc, coding.Scope{}) {
			return usagef("export --format qdpx writes the whole project; --doc, --section, --role, --codes and --coders choose what the agreement workbook covers")
		}
		return exportQDPX(*project, *out)
	}
	defer keepMemoryNear(report.MemoryLimit)()
	p, err := openReading("export", *project, false)
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	if *format != "csv" {
		if !strings.EqualFold(filepath.Ext(*out), ".xlsx") {
			return usagef("the workbook's name must end in .xlsx, not %q", filepath.Base(*out))
		}
		if err := safefile.CheckReplace(*out, safefile.Workbook, *project); err != nil {
			return err // before the work: nothing is computed for a file that will not be written
		}
	}
	in, err := p.ExportInput(ctx, sc, report.DescribeScope(wbLang, sc))
	if err != nil {
		return err
	}
	p.Close() // everything is read: give SQLite's page caches back before the sheets are written
	if *format == "csv" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return fmt.Errorf("cannot make %s: %w", *out, transcript.PathErr(err))
		}
		if err := report.WriteCSV(ctx, *out, in); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %s, %s and %s\n", filepath.Join(*out, report.CodingsCSV), filepath.Join(*out, report.MatrixCSV), filepath.Join(*out, report.ConsensusCSV))
		return nil
	}
	err = safefile.WriteChecked(*out, safefile.Workbook, *project, func(f *os.File) error {
		return report.WriteWorkbook(ctx, f, in, report.Options{Lang: wbLang, Reference: *reference}, nil)
	})
	if err != nil {
		err = referenceErr(err)
		return fmt.Errorf("%s: %w; no file was written", *out, err)
	}
	with := ""
	if *reference != "" {
		with = ", with the Reference sheets (each coder compared with " + *reference + ")"
	}
	fmt.Fprintf(os.Stderr, "wrote %s: %d units, %d coders, %d disagreements%s\n", *out, len(in.Data.Units), len(in.Data.Coders), len(in.Agreement.Disagreements), with)
	return nil
}

// flagGiven reports whether the flag name was given on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// keepMemoryNear sets Go's soft memory limit to bytes unless the user set GOMEMLIMIT, and
// after every collection moves it to what that collection found live plus memoryHeadroom when
// that is more (and back down to bytes as the live heap shrinks), until stop. A limit below
// what is live makes the collector run without end, at half the processor, to hold a heap it
// cannot shrink: reading the big project of issue 21 (300 MB live, growing slowly as millions
// of rows each left a few bytes of garbage) ran a collection every 125 ms, each taking 110 ms,
// for the whole 30 s of the read, and again while the agreement's data was built (264
// collections in all; 35 to 80 now). Measured on it, alternating runs: the old rule (a limit of
// 220 MB, raised once after the read to half again what was live) took 80-87 s of processor and
// a peak of 613 MB; half again what is live after every collection, 51-60 s and 645-653 MB;
// live plus 64 MB, 63-71 s and 585-595 MB. The wall time of each varied from 50 to 70 s with
// the machine. An export whose data fits the limit (a million codings: about 180 MB) is not
// changed.
func keepMemoryNear(bytes int64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetMemoryLimit(bytes)
	var mu sync.Mutex // a limit being set is set before stop returns
	stopped := false
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	afterEachGC(func() bool {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return false
		}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(max(bytes, int64(live[0].Value.Uint64())+memoryHeadroom))
		}
		return true
	})
	return func() {
		mu.Lock()
		stopped = true
		mu.Unlock()
	}
}

// memoryHeadroom is what keepMemoryNear lets be allocated past what is live before the next
// collection, once what is live nears its limit.
const memoryHeadroom = 64 << 20

// afterEachGC calls f once after each garbage collection, on the runtime's cleanup goroutine,
// until f returns false: a cleanup attached to an object nothing holds runs after the next
// collection, and attaches itself to a new one. (The object holds a pointer: small objects
// without one may share an allocation, and their cleanups may never run.)
func afterEachGC(f func() bool) {
	type sentinel struct{ _ *byte }
	var arm func()
	arm = func() {
		runtime.AddCleanup(&sentinel{}, func(struct{}) {
			if f() {
				arm()
			}
		}, struct{}{})
	}
	arm()
}

// exportQDPX writes the whole project as a REFI-QDA project exchange file (refi.Write): a
// failed export leaves no file, and an existing file of another kind is never written over.
func exportQDPX(project, out string) error {
	if !strings.EqualFold(filepath.Ext(out), ".qdpx") {
		return usagef("the REFI-QDA project's name must end in .qdpx, not %q", filepath.Base(out))
	}
	if err := safefile.CheckReplace(out, safefile.Exchange, project); err != nil {
		return err
	}
	p, err := openReading("export", project, false)
	if err != nil {
		return err
	}
	defer p.Close()
	name := strings.TrimSuffix(filepath.Base(project), filepath.Ext(project))
	rp, err := p.REFIProject(cliCtx, name)
	if err != nil {
		return err
	}
	p.Close()
	var st refi.WriteStats
	err = safefile.WriteChecked(out, safefile.Exchange, project, func(f *os.File) error {
		var err error
		st, err = refi.Write(f, rp)
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w; no file was written", out, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s: %s\n", out, st.Sentence())
	return nil
}
