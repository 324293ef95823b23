package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// streamOf reads doc's items one by one, as transcript.StreamFile gives them.
func streamOf(doc *coding.Document) ItemReader {
	return func(yield func(coding.Item) error, _ func() error) (*coding.Document, error) {
		for _, it := range doc.Items {
			if err := yield(it); err != nil {
				return nil, err
			}
		}
		head := *doc
		head.Items = nil
		return &head, nil
	}
}

// ImportStream writes what Import writes: the same document id, rows and audit entry.
func TestImportStreamWritesWhatImportWrites(t *testing.T) {
	doc := callDoc("calls")
	doc.Roles = map[string]coding.Role{"CLB": coding.RoleInterviewer}
	a, b := newProject(t), newProject(t)
	want := mustImport(t, a, doc)
	got, res, err := b.ImportStream(context.Background(), streamOf(doc), "calls.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "calls" || got.Items != nil {
		t.Errorf("document returned: %+v", got)
	}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("ImportStream %+v, Import %+v", res, want)
	}
	rows := func(p *Project) string {
		var s strings.Builder
		r, err := p.db.Query(`SELECT t.id, t.position, t.number, COALESCE(t.section_id, 0), s.label, s.role, t.label, t.text FROM turns t JOIN speakers s ON s.id = t.speaker_id ORDER BY t.position`)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for r.Next() {
			var id, sl, role, label, text string
			var pos, num, sec int
			if err := r.Scan(&id, &pos, &num, &sec, &sl, &role, &label, &text); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&s, id, pos, num, sec, sl, role, label, text)
		}
		var detail string
		p.db.QueryRow(`SELECT detail FROM audit WHERE action = 'import'`).Scan(&detail)
		return s.String() + detail
	}
	if ra, rb := rows(a), rows(b); ra != rb {
		t.Errorf("rows differ:\n%s\n---\n%s", ra, rb)
	}
	if counts(t, a) != counts(t, b) {
		t.Errorf("counts %+v, %+v", counts(t, a), counts(t, b))
	}
	// The same content again is recognised and written nowhere.
	_, again, err := b.ImportStream(context.Background(), streamOf(doc), "other.txt", nil)
	if err != nil || !again.Duplicate || counts(t, b) != counts(t, a) {
		t.Errorf("again: %+v, %v", again, err)
	}
	// Nothing is left beside the project.
	entries, _ := os.ReadDir(filepath.Dir(b.Path()))
	for _, e := range entries {
		if strings.Contains(e.Name(), "turncoder-import") {
			t.Errorf("%s left beside the project", e.Name())
		}
	}
}

// A reading that fails, however far it got, and a refusal of the store leave the project as
// it was.
func TestImportStreamAllOrNothing(t *testing.T) {
	p := newProject(t)
	mustImport(t, p, callDoc("first"))
	before := counts(t, p)
	broken := errors.New("line 3001: the file is not valid UTF-8")
	_, _, err := p.ImportStream(context.Background(), func(yield func(coding.Item) error, _ func() error) (*coding.Document, error) {
		for i := 0; i < 3000; i++ {
			if err := yield(coding.Item{Kind: coding.KindTurn, Speaker: "新", Text: fmt.Sprint(i)}); err != nil {
				return nil, err
			}
		}
		return nil, broken
	}, "broken.txt", nil)
	if !errors.Is(err, broken) {
		t.Fatalf("error %v, want the reader's", err)
	}
	// A role chosen for a speaker the project has with another one is refused.
	doc := callDoc("second")
	doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: "新人", Text: "再见"})
	var was coding.Role
	if err := p.db.QueryRow(`SELECT role FROM speakers WHERE label = 'CLB'`).Scan(&was); err != nil {
		t.Fatal(err)
	}
	other := coding.RoleOther
	if was == other {
		other = coding.RoleRespondent
	}
	doc.Roles = map[string]coding.Role{"CLB": other}
	if _, _, err := p.ImportStream(context.Background(), streamOf(doc), "second.txt", nil); err == nil {
		t.Fatal("a known speaker's role changed on import was not refused")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := p.ImportStream(ctx, streamOf(bigDoc(10000)), "big.txt", nil); err == nil || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("cancelled import: %v", err)
	}
	if after := counts(t, p); after != before {
		t.Errorf("the project changed: %+v, was %+v", after, before)
	}
}

// bigDoc is a transcript of n turns of about 300 bytes, a section every 200.
func bigDoc(n int) *coding.Document {
	doc := &coding.Document{Title: "big", Format: "turns", Encoding: "utf-8"}
	long := strings.Repeat("我们不知道这个事情，没有听说过。", 6)
	speakers := []string{"CLB", "东营市总工会", "胜利石油管理局工会"}
	for i := 0; i < n; i++ {
		if i%200 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", i/200+1)})
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: speakers[i%3], Text: fmt.Sprintf("%s%d", long, i)})
	}
	return doc
}

// ImportStream holds no more than a few items: importing 100,000 turns of about 300 bytes
// (37 MB as items in memory) grows the live Go heap by less than a quarter of that, measured
// while the items are read and while they are written, and the turns are all written.
func TestImportStreamHoldsNoDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 100,000 turns")
	}
	const n = 100_000
	p := newProject(t)
	long := strings.Repeat("我们不知道这个事情，没有听说过。", 6)
	var base, peak uint64
	sample := func() { // what is live: the heap after a collection
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base = m.HeapInuse
	read := func(yield func(coding.Item) error, _ func() error) (*coding.Document, error) {
		for i := 0; i < n; i++ {
			if i%200 == 0 {
				if err := yield(coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", i/200+1)}); err != nil {
					return nil, err
				}
			}
			if i%5000 == 0 {
				sample()
			}
			// Each text made anew, as a reader makes it: a reader that kept them would keep them all.
			if err := yield(coding.Item{Kind: coding.KindTurn, Speaker: "CLB", Text: fmt.Sprintf("%s%d", long, i)}); err != nil {
				return nil, err
			}
		}
		return &coding.Document{Title: "big", Format: "turns"}, nil
	}
	_, res, err := p.ImportStream(context.Background(), read, "big.txt", func(done, total int) {
		if done%20480 == 0 {
			sample()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Turns != n {
		t.Fatalf("%d turns written, want %d", res.Turns, n)
	}
	held := int64(n) * int64(len(long)+100) // the items' texts alone, had they been kept
	t.Logf("live heap grew by %.1f MB (the items: %d MB)", float64(int64(peak)-int64(base))/(1<<20), held>>20)
	if grew := int64(peak) - int64(base); grew > held/4 {
		t.Errorf("the heap grew by %d MB while importing %d MB of items", grew>>20, held>>20)
	}
}
