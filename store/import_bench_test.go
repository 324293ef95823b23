package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// BenchmarkImport inserts a document of 100,000 turns into a fresh project per iteration.
// The whole path from a file (read, parse, insert) against the sqlite3 shell is measured by
// .ci/bench-import; this one watches the store's share.
func BenchmarkImport(b *testing.B) {
	doc := &coding.Document{Title: "bench", Format: "turns"}
	speakers := []string{"CLB", "东营市总工会", "胜利石油管理局工会"}
	for i := 0; i < 100_000; i++ {
		if i%200 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", i/200+1)})
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: speakers[i%3], Text: fmt.Sprintf("我们不知道这个事情，没有听说过。%d", i)})
	}
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Create(filepath.Join(dir, fmt.Sprintf("b%d%s", i, Extension)), nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Import(context.Background(), doc, "bench.txt", nil); err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/turn")
}
