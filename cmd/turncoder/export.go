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
	keepMemoryNear(report.MemoryLimit)
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
	memoryPastWhatIsLive(report.MemoryLimit)
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

// keepMemoryNear sets Go's soft memory limit to bytes unless the user set GOMEMLIMIT.
func keepMemoryNear(bytes int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(bytes)
	}
}

// memoryPastWhatIsLive raises the soft memory limit set by keepMemoryNear(bytes) to half again
// what is live once the data is read, when what is live is past it: the collector would
// otherwise run without end, at half the processor, to hold a heap it cannot shrink. The big
// project of issue 21 (364 MB live) exported in 200 s with a peak of 704 MB under the limit,
// in 121 s and 778 MB with it raised so, in 94 s and 992 MB with no limit. An export whose data
// fits the limit (a million codings: about 180 MB) is not changed. What is live is measured
// by a collection of its own: the last one ran amid the agreement's work, whose data is
// garbage now, and set the limit from 510 MB instead of 330 (a peak of 741 MB, now 612 MB).
func memoryPastWhatIsLive(bytes int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if live := int64(s[0].Value.Uint64()); live > bytes {
		debug.SetMemoryLimit(live * 3 / 2)
	}
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
