package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// scanned is p's hits for q by the scan (the index off).
func scanned(t *testing.T, p *store.Project, q string, limit int) []coding.SearchHit {
	t.Helper()
	defer store.SetSearchIndexLimits(1<<62, 0)()
	hits, err := p.Search(context.Background(), q, limit)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// indexed is p's hits for q through the index, which it first waits for.
func indexed(t *testing.T, p *store.Project, q string, limit int) []coding.SearchHit {
	t.Helper()
	defer store.SetSearchIndexLimits(0, 1<<62)()
	waitForIndex(t, p)
	hits, err := p.Search(context.Background(), q, limit)
	if err != nil {
		t.Fatal(err)
	}
	if ready, err := p.SearchIndexReady(context.Background()); err != nil || !ready {
		t.Fatalf("the index was not used: ready %v, %v", ready, err)
	}
	return hits
}

func waitForIndex(t *testing.T, p *store.Project) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		ready, err := p.SearchIndexReady(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if ready {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the search index was not ready after a minute")
		}
	}
}

// searchQueries are queries drawn from the project's own texts: every character of the first
// turns, the two- and three-character runs and longer pieces of some, in upper case and in
// full-width forms too, and some that are in no turn.
func searchQueries(t *testing.T, p *store.Project) []string {
	t.Helper()
	rows, err := p.Turns(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	add := func(q string) {
		if !seen[q] && strings.TrimSpace(q) != "" {
			seen[q] = true
			out = append(out, q)
		}
	}
	for i, r := range rows {
		text := []rune(r.Text)
		if i < 12 {
			for _, c := range text {
				add(string(c))
			}
		}
		if i%13 == 0 {
			for k := 0; k+2 <= len(text) && k < 12; k++ {
				add(string(text[k : k+2]))
			}
		}
		if i%17 == 0 && len(text) >= 3 {
			add(string(text[:3]))
			add(string(text[len(text)/2:]))
			add(strings.ToUpper(string(text[:min(len(text), 12)])))
		}
	}
	for _, q := range []string{"ＣＬＢ", "clb", "CLB：", "８３３６８７８", "8336878", `"`, `"工会"`, "a\"b", "罢", "罢工", "没有的一句话", "龘", "x", "%", "_"} {
		add(q)
	}
	return out
}

// TestSearchIndexMatchesScan compares, on the demo project, every hit the index gives with the
// scan's, for queries of one, two, three and more characters (Chinese among them: trigrams
// cannot match one or two, which read the folded texts instead), in upper case, full-width,
// with quotes, absent, and cut short by the limit.
func TestSearchIndexMatchesScan(t *testing.T) {
	t.Setenv("TURNCODER_CACHE", t.TempDir())
	p, _ := demo(t)
	queries := searchQueries(t, p)
	var short, long int
	for _, q := range queries {
		if utf8.RuneCountInString(q) < 3 {
			short++
		} else {
			long++
		}
		for _, limit := range []int{0, 3} {
			want, got := scanned(t, p, q, limit), indexed(t, p, q, limit)
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("%q (limit %d): the index gives %d hits, the scan %d:\n%v\n%v", q, limit, len(got), len(want), got, want)
			}
		}
	}
	t.Logf("%d queries of one or two characters, %d longer", short, long)
	if short < 50 || long < 20 {
		t.Fatalf("only %d short and %d long queries were compared", short, long)
	}
	if n := len(scanned(t, p, "工会", 0)); n < 10 {
		t.Fatalf("工会 is in %d turns of the demo", n)
	}
}

// TestSearchIndexFollowsChanges keeps the index in step with a correction of the
// segmentation (split, join, a speaker), an import and a merge that adds a document, and a
// text changed behind its back: after each the index gives the scan's hits.
func TestSearchIndexFollowsChanges(t *testing.T) {
	t.Setenv("TURNCODER_CACHE", t.TempDir())
	ctx := context.Background()
	p, calls := demo(t)
	same := func(step string, queries ...string) {
		t.Helper()
		for _, q := range queries {
			want, got := scanned(t, p, q, 0), indexed(t, p, q, 0)
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("after %s, %q: the index gives %v, the scan %v", step, q, got, want)
			}
		}
	}
	same("the first search", "工会", "喂")
	var long coding.TurnRow
	for _, r := range turnRows(t, p, calls) {
		if utf8.RuneCountInString(r.Text) >= 12 {
			long = r
			break
		}
	}
	text := []rune(long.Text)
	piece := string(text[2:5])
	if _, err := p.EditSegmentation(ctx, calls, coding.Edit{Kind: coding.EditSplit, Turn: long.Number, At: 3}); err != nil {
		t.Fatal(err)
	}
	same("a split", piece, string(text[3:]), "工会")
	if got := indexed(t, p, string(text[3:]), 0); len(got) == 0 || got[0].Number != long.Number+1 {
		t.Fatalf("after the split the second part is found at %v, want turn %d", got, long.Number+1)
	}
	if _, err := p.EditSegmentation(ctx, calls, coding.Edit{Kind: coding.EditJoin, Turn: long.Number}); err != nil {
		t.Fatal(err)
	}
	same("a join", piece, string(text[3:]))
	if _, err := p.EditSegmentation(ctx, calls, coding.Edit{Kind: coding.EditSpeaker, Turn: 3, Label: "新的说话人"}); err != nil {
		t.Fatal(err)
	}
	same("a new speaker", "工会", "喂")

	doc := &coding.Document{Title: "罢工的电话", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "听说你们那里罢工了？"},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Text: "没有罢工，只是集体合同的事。"},
	}}
	if _, err := p.Import(ctx, doc, "strike.txt", nil); err != nil {
		t.Fatal(err)
	}
	same("an import", "罢工", "集体合同", "罢")
	if got := indexed(t, p, "罢工", 0); len(got) != 2 || got[0].Document != "罢工的电话" {
		t.Fatalf("罢工 after its import: %v", got)
	}

	dir := t.TempDir()
	copyPath := filepath.Join(dir, "ana"+store.Extension)
	if err := p.CopyFor(ctx, "ana", copyPath); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Import(ctx, &coding.Document{Title: "copy's call", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "社保拖欠了四十个月，罢工吗？"}}}, "copy.txt", nil); err != nil {
		t.Fatal(err)
	}
	same("an import into the copy", "罢工") // p's index is not c's
	c.Close()
	if _, err := p.Merge(ctx, []string{copyPath}, store.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	same("a merge", "罢工", "四十个月")
	if got := indexed(t, p, "四十个月，罢", 0); len(got) != 1 || got[0].Document != "copy's call" {
		t.Fatalf("the merged document's turn: %v", got)
	}
}

// TestSearchIndexBuildsInTheBackground: when more is to be indexed than a search waits for,
// the search scans (same hits) while the index is built, and later searches use it.
func TestSearchIndexBuildsInTheBackground(t *testing.T) {
	t.Setenv("TURNCODER_CACHE", t.TempDir())
	p, _ := demo(t)
	want := scanned(t, p, "工会", 0)
	restore := store.SetSearchIndexLimits(0, 0)
	got, err := p.Search(context.Background(), "工会", 0)
	restore()
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("while the index is built: %v, %v; want the scan's %v", got, err, want)
	}
	if got := indexed(t, p, "工会", 0); !reflect.DeepEqual(got, want) {
		t.Fatalf("once built: %v, want %v", got, want)
	}
}

// TestSearchWithoutACacheFolder: when no index can be made (the cache folder is a file), search
// scans and says nothing of it.
func TestSearchWithoutACacheFolder(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TURNCODER_CACHE", filepath.Join(notDir, "search"))
	p, _ := demo(t)
	want := scanned(t, p, "工会", 0)
	defer store.SetSearchIndexLimits(0, 1<<62)()
	got, err := p.Search(context.Background(), "工会", 0)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("without an index: %v, %v; want %v", got, err, want)
	}
	if ready, err := p.SearchIndexReady(context.Background()); ready || err != nil {
		t.Fatalf("an index is ready (%v, %v) in a cache folder that cannot exist", ready, err)
	}
	_ = fmt.Sprint
}
