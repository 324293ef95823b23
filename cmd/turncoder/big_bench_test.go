package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkBigExport runs `turncoder export` (this test binary standing in for it) on the big
// project of issue 21 (500 documents, 1,000,000 turns, 5 coders, 3,000,000 codings: the file
// cmd/tcgen -project makes and cmd/tcbench keeps, named by TURNCODER_BIG_PROJECT), writing the
// whole workbook, under /usr/bin/time: export-s is the process's wall time (open, read,
// agreement with its bootstrap, every sheet), export-peak-MB its peak resident memory.
// Targets (issue 21): 60 s and 300 MB. The workbook is checked to hold every sheet.
func BenchmarkBigExport(b *testing.B) {
	path := os.Getenv("TURNCODER_BIG_PROJECT")
	if path == "" {
		b.Skip("TURNCODER_BIG_PROJECT names no project file (cmd/tcbench makes one with cmd/tcgen -project)")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("needs GNU time at /usr/bin/time (Debian's time package)")
	}
	out := filepath.Join(b.TempDir(), "big.xlsx")
	benchExport(b, path, out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 10 || sheets[0] != "Summary" {
		b.Fatalf("the workbook's sheets: %v", sheets)
	}
}
