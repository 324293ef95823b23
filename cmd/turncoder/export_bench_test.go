package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// exportBenchProject is a project of units turns (200 per call, all by union offices) with
// the four-code codebook and three coders, each of whom reviewed every turn and gave one code
// on 16 turns in 17 (the others reviewed, no code), disagreeing on every fourth turn: about
// 3 × units codings, as the report package's synthetic data, but stored in a project file and
// read back the way `turncoder export` reads it.
func exportBenchProject(b *testing.B, units int) string {
	b.Helper()
	ctx := context.Background()
	codes := []coding.Code{{ID: "c0", Name: "referral"}, {ID: "c1", Name: "deflection"}, {ID: "c2", Name: "admission"}, {ID: "c3", Name: "claimed action"}}
	for i := range codes {
		codes[i].Position = i
	}
	path := filepath.Join(b.TempDir(), "bench.turncoder")
	if keep := os.Getenv("TURNCODER_BENCH_PROJECT"); keep != "" {
		if _, err := os.Stat(keep); err == nil {
			return keep
		}
		path = keep
	}
	p, err := store.Create(path, codes)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	doc := &coding.Document{Title: "bench", Format: "turns"}
	speakers := []string{"东营市总工会", "胜利石油管理局工会", "区总工会", "市人社局"}
	texts := []string{"我们不知道这个事情，你打那个8336878问一下。", "=SUM(A1) 这不是公式", "他不属于我们市总工会管理，我们也没有行政权啊。",
		"-1 我们跟他们单位的领导协商过了", "工会改革这边还没开始，你具体问一下那边比较好。"}
	for u := range units {
		if u%200 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", u/200+1)})
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: speakers[u%4], Text: texts[u%5] + " (" + strconv.Itoa(u) + ")"})
	}
	if _, err := p.Import(ctx, doc, "bench.txt", nil); err != nil {
		b.Fatal(err)
	}
	coders := []string{"ana", "bo", "cy"}
	rows := make([]coding.CodingRow, 0, 3*units)
	for u := range units {
		for j, coder := range coders {
			code := ""
			if (u*3+j)%17 != 0 {
				k := u
				if u%4 == 0 {
					k += j
				}
				code = codes[k%4].Name
			}
			rows = append(rows, coding.CodingRow{Document: "bench", Turn: u + 1, Coder: coder, Code: code})
		}
	}
	for _, c := range coders {
		if err := p.AddCoder(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := p.ImportCodings(ctx, rows, "bench.csv"); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkExport1M runs `turncoder export` (this test binary standing in for it) on a project
// file of 1,000,002 codings (333,334 turns × 3 coders), writing the whole workbook, under
// /usr/bin/time: export-s is the process's wall time (open, read, agreement with its
// bootstrap, every sheet), export-peak-MB its peak resident memory. Target (issue 5): peak
// memory ≤ 300 MB. TURNCODER_BENCH_UNITS overrides the number of turns (quick runs);
// TURNCODER_BENCH_PROJECT names a project file to build once and reuse (setting up takes
// longer than the export).
func BenchmarkExport1M(b *testing.B) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("needs GNU time at /usr/bin/time (Debian's time package)")
	}
	units := 333_334
	if s := os.Getenv("TURNCODER_BENCH_UNITS"); s != "" {
		units, _ = strconv.Atoi(s)
	}
	path := exportBenchProject(b, units)
	b.ResetTimer()
	benchExport(b, path, filepath.Join(b.TempDir(), "bench.xlsx"))
}

// benchExport runs `turncoder export -p path -o out` under /usr/bin/time b.N times and reports
// the longest wall time (export-s), the highest peak resident memory (export-peak-MB) and the
// workbook's size (file-MB).
func benchExport(b *testing.B, path, out string) {
	var wall, peak float64
	for b.Loop() {
		w, m := timed(b, "export", "-p", path, "-o", out)
		wall, peak = max(wall, w), max(peak, m)
	}
	b.StopTimer()
	st, err := os.Stat(out)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(wall, "export-s")
	b.ReportMetric(peak, "export-peak-MB")
	b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
}
