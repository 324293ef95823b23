package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// benchWorkspace is a project with one 20,000-turn document (a header every 200 turns, a note
// every 500, CLB an interviewer) and the coder ana; it returns the document id and turn ids.
func benchWorkspace(b *testing.B) (*Project, string, []string) {
	b.Helper()
	doc := &coding.Document{Title: "bench", Format: "turns"}
	speakers := []string{"CLB", "东营市总工会", "胜利石油管理局工会"}
	for i := 0; i < 20_000; i++ {
		if i%200 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", i/200+1)})
		}
		if i%500 == 250 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindNote, Text: "——电话被挂断——"})
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: speakers[i%3],
			Text: fmt.Sprintf("我们不知道这个事情，没有听说过。Please call ＣＬＢ about case %d.", i)})
	}
	p, err := Create(filepath.Join(b.TempDir(), "bench"+Extension), testCodebook)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	ctx := context.Background()
	res, err := p.Import(ctx, doc, "bench.txt", nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := p.AddCoder(ctx, "ana"); err != nil {
		b.Fatal(err)
	}
	if err := p.SetRole(ctx, "CLB", coding.RoleInterviewer); err != nil {
		b.Fatal(err)
	}
	rows, err := p.Turns(ctx, res.DocumentID)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return p, res.DocumentID, ids
}

// BenchmarkSetState toggles one code on a turn per iteration (on, then off, then the next
// turn), each a committed transaction with its audit entry, and reports the 99th percentile.
func BenchmarkSetState(b *testing.B) {
	p, _, turns := benchWorkspace(b)
	ctx := context.Background()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st := coding.TurnState{Reviewed: true}
		if i%2 == 0 {
			st.Codes = []string{"c-ref"}
		}
		start := time.Now()
		if err := p.SetState(ctx, "ana", turns[(i/2*7919)%len(turns)], st, "code"); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	p99 := took[min(len(took)-1, len(took)*99/100)]
	b.ReportMetric(float64(p99)/float64(time.Millisecond), "p99-ms")
}

func BenchmarkLines20k(b *testing.B) {
	p, doc, _ := benchWorkspace(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, err := p.Lines(ctx, doc)
		if err != nil {
			b.Fatal(err)
		}
		if len(lines) != 20_000+100+40 {
			b.Fatalf("%d lines", len(lines))
		}
	}
}

// BenchmarkSearch20k searches for a full-width number that one turn holds: the whole document
// is read and folded.
func BenchmarkSearch20k(b *testing.B) {
	p, _, _ := benchWorkspace(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hits, err := p.Search(ctx, "ｃｌｂ ABOUT CASE １９９９９.", 0)
		if err != nil {
			b.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Number != 20_000 {
			b.Fatalf("hits %+v", hits)
		}
	}
}

// BenchmarkStates20k reads one coder's states of a 20,000-turn document, half of it coded.
func BenchmarkStates20k(b *testing.B) {
	p, doc, turns := benchWorkspace(b)
	ctx := context.Background()
	rows := make([]coding.CodingRow, 0, len(turns)/2)
	for i := 0; i < len(turns); i += 2 {
		rows = append(rows, coding.CodingRow{Document: "bench", Turn: i + 1, Coder: "ana", Code: "referral"})
	}
	if _, err := p.ImportCodings(ctx, rows, "bench.csv"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := p.States(ctx, "ana", doc)
		if err != nil {
			b.Fatal(err)
		}
		if len(st) != len(turns)/2 {
			b.Fatalf("%d states", len(st))
		}
	}
}

func BenchmarkProgress20k(b *testing.B) {
	p, _, _ := benchWorkspace(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := p.Progress(ctx, "ana")
		if err != nil {
			b.Fatal(err)
		}
		if rep.Project.Codable != 20_000-6667 {
			b.Fatalf("progress %+v", rep.Project)
		}
	}
}
