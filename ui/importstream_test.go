package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// The window's import reads the file again as it is written (importDocument), after letting
// go of the preview's bytes and items: the document written is the one previewed (its id,
// its turns, the role chosen in the preview), and a file changed since its preview is
// refused in one sentence, in the interface's language, with nothing written.
func TestWindowImportReadsTheFileAgainAsItIsWritten(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		if i%500 == 0 {
			fmt.Fprintf(&b, "第%d通电话\n\n", i/500+1)
		}
		fmt.Fprintf(&b, "%s：第%d句话。\n\n", []string{"甲方", "乙方"}[i%2], i)
	}
	calls := filepath.Join(dir, "calls.txt")
	if err := os.WriteFile(calls, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(dir, "changed.txt")
	if err := os.WriteFile(changed, []byte("甲方：你好\n乙方：您好\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := mustSources(t, h, calls, changed)
	if sources[0].doc == nil || sources[0].data == nil || sources[1].doc == nil {
		t.Fatalf("the preview did not read the files: %+v", sources[0].pv)
	}
	want := store.DocumentID(sources[0].doc)
	sources[0].doc.Roles = map[string]coding.Role{"甲方": coding.RoleInterviewer}
	sources[1].doc.Roles = sources[0].doc.Roles
	if err := os.WriteFile(changed, []byte("甲方：你好\n乙方：再见\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := h.p.Info(h.ctx)
	SetLanguage("zh-Hans")
	t.Cleanup(func() { SetLanguage("en") })
	report, summary := importSources(h.ctx, h.p, sources, &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")})
	if len(report) != 2 || !strings.HasPrefix(report[0], "calls.txt：3,000个话轮") ||
		!strings.Contains(report[1], "changed.txt") || !strings.Contains(report[1], "读取预览之后，这个文件已被修改；没有写入任何内容") {
		t.Errorf("report %q, summary %q", report, summary)
	}
	if sources[0].data != nil || sources[0].doc.Items != nil {
		t.Error("the preview's bytes or items were kept while the file was imported")
	}
	after, _ := h.p.Info(h.ctx)
	if after.Documents != before.Documents+1 || after.Turns != before.Turns+3000 {
		t.Errorf("the import wrote %+v, was %+v", after, before)
	}
	docs, err := h.p.Documents(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range docs {
		found = found || d.ID == want && d.Title == "calls"
	}
	if !found {
		t.Errorf("no document %s as previewed among %+v", want, docs)
	}
	sp, _ := h.p.Speakers(h.ctx)
	for _, s := range sp {
		if s.Label == "甲方" && s.Role != coding.RoleInterviewer || s.Label == "乙方" && s.Role != coding.RoleRespondent {
			t.Errorf("speaker %s has the role %s", s.Label, s.Role)
		}
	}
}
