package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/turncoder/turncoder/coding/report"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/turncoder/turncoder/coding/transcript"
)

func cmdExport(args []string) error {
	fs := newFlags("export")
	project := projectFlag(fs)
	out := fs.String("o", "", "the workbook to write (.xlsx), or with --format csv the folder")
	format := fs.String("format", "xlsx", "xlsx, or csv (codings.csv, matrix.csv and consensus.csv, for R and pandas)")
	scope := addScopeFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("export needs -o OUT.xlsx (or -o OUTDIR with --format csv)")
	}
	if *format != "xlsx" && *format != "csv" {
		return usagef("unknown export format %q (use xlsx or csv)", *format)
	}
	sc, err := scope.scope()
	if err != nil {
		return err
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
	in, err := p.ExportInput(ctx, sc, describeScope(sc))
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
	err = writeFileAtomic(*out, safefile.Workbook, *project, func(f *os.File) error { return report.WriteWorkbook(ctx, f, in, report.Options{}, nil) })
	if err != nil {
		return fmt.Errorf("%s: %w; no file was written", *out, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s: %d units, %d coders, %d disagreements\n", *out, len(in.Data.Units), len(in.Data.Coders), len(in.Agreement.Disagreements))
	return nil
}

// keepMemoryNear sets Go's soft memory limit to bytes unless the user set GOMEMLIMIT.
func keepMemoryNear(bytes int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(bytes)
	}
}
