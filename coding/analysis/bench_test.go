package analysis

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// benchUnits is the number of turns of the benchmarks: 333,334 × 3 coders = 1,000,002
// codings; ANALYSIS_BENCH_UNITS sets another (make bench's quick mode).
func benchUnits() int {
	if n, err := strconv.Atoi(os.Getenv("ANALYSIS_BENCH_UNITS")); err == nil && n > 0 {
		return n
	}
	return 333_334
}

// benchInput is turns × 3 coders, each coder giving every turn one of 8 codes: 40 documents
// of 10 sections, 200 speakers, turns with a line of text.
func benchInput(turns int) Input {
	rng := rand.New(rand.NewPCG(1, 2))
	in := Input{Who: Who{Kind: AllCoders}, Coders: []string{"ana", "bo", "chen"}}
	for k := range 8 {
		in.Codes = append(in.Codes, coding.Code{ID: strconv.Itoa(k), Name: "code" + strconv.Itoa(k+1)})
	}
	speakers := make([]string, 200)
	for i := range speakers {
		speakers[i] = "工会" + strconv.Itoa(i+1)
	}
	in.Turns = make([]Turn, turns)
	in.Codings = make([]Coding, 0, 3*turns)
	perDoc := max(turns/40, 1)
	for t := range in.Turns {
		doc := t / perDoc
		n := t%perDoc + 1
		in.Turns[t] = Turn{ID: strconv.Itoa(t), DocumentID: "d" + strconv.Itoa(doc), Document: "document " + strconv.Itoa(doc+1),
			Section: "call " + strconv.Itoa(n*10/(perDoc+1)+1), Number: n, Speaker: speakers[rng.IntN(len(speakers))],
			Role: coding.RoleRespondent, Text: "我们会向上级反映这个情况", InScope: true}
		for j := range 3 {
			in.Codings = append(in.Codings, Coding{int32(t), int32(j), int32(rng.IntN(8))})
		}
	}
	return in
}

// BenchmarkMatrix1M indexes 1,000,002 codings (New) and counts them by speaker (Matrix), as
// `turncoder analyse --matrix speaker` and the window do once the project is read. Target:
// ≤ 1 s. With the sqlite3 shell on the PATH it also times the shell counting the same rows
// with GROUP BY (a file with the turns and the codings, read once before, so the page cache
// holds it), checks that both give the same counts, and reports sqlite3-s and x-faster.
func BenchmarkMatrix1M(b *testing.B) {
	in := benchInput(benchUnits())
	var m *Matrix
	for b.Loop() {
		d, err := New(in)
		if err != nil {
			b.Fatal(err)
		}
		if m, err = d.Matrix(BySpeaker); err != nil {
			b.Fatal(err)
		}
	}
	ours := b.Elapsed().Seconds() / float64(b.N)
	if m.Total != len(in.Codings) {
		b.Fatalf("%d codings counted, want %d", m.Total, len(in.Codings))
	}
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Logf("%d codings: %.1f ms; no sqlite3 shell to compare with", len(in.Codings), ours*1e3)
		return
	}
	b.StopTimer()
	db := sqliteCopy(b, sqlite3, in)
	query := `SELECT c.code, t.speaker, COUNT(*) FROM codings c JOIN turns t ON t.id = c.turn GROUP BY c.code, t.speaker;`
	run := func() string {
		out, err := exec.Command(sqlite3, "-csv", db, query).Output()
		if err != nil {
			b.Fatalf("sqlite3: %v", err)
		}
		return string(out)
	}
	got := run() // the file into the page cache
	const runs = 3
	start := time.Now()
	for range runs {
		run()
	}
	shell := time.Since(start).Seconds() / runs
	// The shell's counts are ours.
	want := map[string]int{}
	for k, row := range m.Counts {
		for g, c := range row {
			if c > 0 {
				want[m.Codes[k]+","+m.Columns[g].Label] = c
			}
		}
	}
	rows, err := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err != nil {
		b.Fatalf("sqlite3's output: %v", err)
	}
	if len(rows) != len(want) {
		b.Fatalf("sqlite3 gives %d cells, we %d", len(rows), len(want))
	}
	for _, r := range rows {
		n, _ := strconv.Atoi(r[2])
		if want[r[0]+","+r[1]] != n {
			b.Fatalf("sqlite3 gives %q, we %d", r, want[r[0]+","+r[1]])
		}
	}
	b.ReportMetric(shell, "sqlite3-s")
	b.ReportMetric(shell/ours, "x-faster")
	b.Logf("%d codings by 200 speakers: turncoder New+Matrix %.1f ms; sqlite3 shell GROUP BY %.1f ms", len(in.Codings), ours*1e3, shell*1e3)
}

// sqliteCopy writes in's turns (id, speaker) and codings (turn, coder, code) into an SQLite
// file with the sqlite3 shell, and returns its path.
func sqliteCopy(b *testing.B, sqlite3 string, in Input) string {
	dir := b.TempDir()
	write := func(name string, rows func(w *bufio.Writer)) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		rows(w)
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
		return path
	}
	turns := write("turns.csv", func(w *bufio.Writer) {
		for t, tu := range in.Turns {
			fmt.Fprintf(w, "%d,%s\n", t, tu.Speaker)
		}
	})
	codings := write("codings.csv", func(w *bufio.Writer) {
		for _, c := range in.Codings {
			fmt.Fprintf(w, "%d,%s,%s\n", c.Turn, in.Coders[c.Coder], in.Codes[c.Code].Name)
		}
	})
	db := filepath.Join(dir, "bench.db")
	script := "CREATE TABLE turns(id INTEGER PRIMARY KEY, speaker TEXT);\n" +
		"CREATE TABLE codings(turn INTEGER, coder TEXT, code TEXT);\n" +
		".mode csv\n.import " + turns + " turns\n.import " + codings + " codings\n"
	cmd := exec.Command(sqlite3, db)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("sqlite3: %v\n%s", err, out)
	}
	return db
}

// BenchmarkCooccurrence1M: the same codings' co-occurrence within a turn and within 3 turns,
// and a retrieval with a turn of context, after New.
func BenchmarkCooccurrence1M(b *testing.B) {
	d, err := New(benchInput(benchUnits()))
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{0, 3} {
		b.Run("window"+strconv.Itoa(w), func(b *testing.B) {
			for b.Loop() {
				if _, err := d.Cooccurrence(w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("retrieve", func(b *testing.B) {
		for b.Loop() {
			if _, err := d.Retrieve(Query{Code: "code1", Not: []string{"code2"}, Context: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
