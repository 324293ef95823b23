package store

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// mergeBench is a master with one 50,000-turn document and an eight-code codebook, and ten
// coders' copies of it, each holding 100,000 codings of its coder (two codes on every turn,
// one in ten a tombstone), 50,000 reviewed marks and 1,000 memos.
func mergeBench(b *testing.B) (*Project, []string) {
	b.Helper()
	ctx := context.Background()
	var codebook []coding.Code
	for i := 0; i < 8; i++ {
		codebook = append(codebook, coding.Code{ID: fmt.Sprintf("code-%d", i), Name: fmt.Sprintf("code %d", i), Position: i})
	}
	p, err := Create(filepath.Join(b.TempDir(), "master"+Extension), codebook)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	doc := &coding.Document{Title: "bench", Format: "turns"}
	for i := 0; i < 50_000; i++ {
		if i%200 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", i/200+1)})
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: []string{"CLB", "东营市总工会"}[i%2],
			Text: fmt.Sprintf("我们不知道这个事情，没有听说过。Case %d.", i)})
	}
	if _, err := p.Import(ctx, doc, "bench.txt", nil); err != nil {
		b.Fatal(err)
	}
	var coders []string
	for i := 0; i < 10; i++ {
		coders = append(coders, fmt.Sprintf("coder%02d", i))
	}
	paths, err := p.Copies(ctx, coders, filepath.Join(b.TempDir(), "copies"))
	if err != nil {
		b.Fatal(err)
	}
	base := time.Now().UnixNano()
	for i, path := range paths {
		c, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range []string{
			`INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at)
			SELECT (SELECT id FROM coders), t.id, k.id, (t.number + k.position) % 10 = 0, ?1 + t.number * 1000 + k.position
			FROM turns t CROSS JOIN codes k WHERE k.position IN (?2 % 8, (?2 + 3) % 8)`,
			`INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) SELECT (SELECT id FROM coders), id, 1, ?1 + number * 1000 FROM turns`,
			`INSERT INTO memos(coder_id, turn_id, text, changed_at) SELECT (SELECT id FROM coders), id, 'memo ' || number, ?1 + number
			FROM turns WHERE number % 50 = ?2`,
		} {
			if _, err := c.db.Exec(q, base, i); err != nil {
				b.Fatal(err)
			}
		}
		c.Close()
	}
	return p, paths
}

// shellMerge is the same merge as the sqlite3 shell does it: the ten files ATTACHed, and per
// file the coders added by name and the codings, reviewed marks and memos upserted under the
// same last-writer-wins order, in one transaction, with the project's pragmas. Like our merge
// it sets the digest's triggers aside and sums the digest once at the end (triggers: the
// file's CREATE TRIGGER statements, by name).
func shellMerge(paths []string, triggers map[string]string) string {
	var b strings.Builder
	b.WriteString("PRAGMA foreign_keys=1; PRAGMA busy_timeout=15000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;\n")
	for i, p := range paths {
		fmt.Fprintf(&b, "ATTACH '%s' AS s%d;\n", strings.ReplaceAll(p, "'", "''"), i)
	}
	b.WriteString("BEGIN IMMEDIATE;\n")
	for name := range triggers {
		fmt.Fprintf(&b, "DROP TRIGGER %s;\n", name)
	}
	for i := range paths {
		b.WriteString(strings.ReplaceAll(`INSERT INTO main.coders(name, consensus, created_at) SELECT name, consensus, created_at FROM S.coders WHERE true ON CONFLICT(name) DO NOTHING;
INSERT INTO main.codings(coder_id, turn_id, code_id, removed, changed_at)
  SELECT m.id, s.turn_id, s.code_id, s.removed, s.changed_at FROM S.codings s JOIN S.coders c ON c.id = s.coder_id JOIN main.coders m ON m.name = c.name WHERE true
  ON CONFLICT(coder_id, turn_id, code_id) DO UPDATE SET removed = excluded.removed, changed_at = excluded.changed_at
  WHERE (excluded.changed_at, excluded.removed) > (codings.changed_at, codings.removed);
INSERT INTO main.reviews(coder_id, turn_id, reviewed, changed_at)
  SELECT m.id, s.turn_id, s.reviewed, s.changed_at FROM S.reviews s JOIN S.coders c ON c.id = s.coder_id JOIN main.coders m ON m.name = c.name WHERE true
  ON CONFLICT(coder_id, turn_id) DO UPDATE SET reviewed = excluded.reviewed, changed_at = excluded.changed_at
  WHERE (excluded.changed_at, -excluded.reviewed) > (reviews.changed_at, -reviews.reviewed);
INSERT INTO main.memos(coder_id, turn_id, text, changed_at)
  SELECT m.id, s.turn_id, s.text, s.changed_at FROM S.memos s JOIN S.coders c ON c.id = s.coder_id JOIN main.coders m ON m.name = c.name WHERE true
  ON CONFLICT(coder_id, turn_id) DO UPDATE SET text = excluded.text, changed_at = excluded.changed_at
  WHERE (excluded.changed_at, excluded.text) > (memos.changed_at, memos.text);
`, "S.", fmt.Sprintf("s%d.", i)))
	}
	b.WriteString("UPDATE meta SET value = (" + digestSum + ") WHERE key = 'digest';\n")
	for _, def := range triggers {
		b.WriteString(def + ";\n")
	}
	b.WriteString("COMMIT;\n")
	return b.String()
}

// BenchmarkMerge10x100k merges ten coders' copies of 100,000 codings each (plus 50,000
// reviewed marks and 1,000 memos each) into a master: every check of a received file, the
// report and the writes, in one transaction. It also times the sqlite3 shell doing only the
// upserts over the ATTACHed files (shellMerge), reports the ratio (x-shell; target ≤ 3), and
// checks that both give the same codings, reviewed marks and memos. Without sqlite3 on the
// PATH only our time is measured.
func BenchmarkMerge10x100k(b *testing.B) {
	ctx := context.Background()
	p, paths := mergeBench(b)
	var shell float64
	var shellResult string
	if sqlite3, err := exec.LookPath("sqlite3"); err == nil {
		triggers := map[string]string{}
		rows, err := p.db.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'`)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var name, def string
			rows.Scan(&name, &def)
			triggers[name] = def
		}
		rows.Close()
		const runs = 3
		for i := 0; i < runs; i++ {
			target := filepath.Join(b.TempDir(), "shell"+Extension)
			if err := p.Backup(ctx, target); err != nil {
				b.Fatal(err)
			}
			cmd := exec.Command(sqlite3, target)
			cmd.Stdin = strings.NewReader(shellMerge(paths, triggers))
			start := time.Now()
			if out, err := cmd.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "15000\nwal" {
				b.Fatalf("sqlite3: %v\n%s", err, out)
			}
			shell += time.Since(start).Seconds() / runs
			if i == 0 {
				q, err := Open(target)
				if err != nil {
					b.Fatal(err)
				}
				shellResult = decisions(b, q)
				q.Close()
			}
		}
	}
	var rep MergeReport
	var trial *Project
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if trial != nil {
			trial.Close()
		}
		trial = fresh(b, p)
		b.StartTimer()
		var err error
		if rep, err = trial.Merge(ctx, paths, MergeOptions{AllCoders: true}); err != nil {
			b.Fatal(err)
		}
	}
	ours := b.Elapsed().Seconds() / float64(b.N)
	b.StopTimer()
	var total int
	for _, c := range rep.Coders {
		total += c.NewCodings
	}
	if total != 1_000_000 || len(rep.Conflicts) != 0 {
		b.Fatalf("merged %d new codings, %d conflicts; want 1,000,000 and none", total, len(rep.Conflicts))
	}
	if shell > 0 {
		if got := decisions(b, trial); got != shellResult {
			b.Fatal("the shell's merge and ours differ")
		}
		b.ReportMetric(shell, "shell-s")
		b.ReportMetric(ours/shell, "x-shell")
	}
	trial.Close()
	b.Logf("10 files × 100,000 codings (+ 50,000 reviewed marks, 1,000 memos): turncoder merge %.2f s; sqlite3 shell upserts %.2f s", ours, shell)
}
