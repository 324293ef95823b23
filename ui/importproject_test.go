package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// TestREFIProjectThroughTheWindow: File → Export REFI-QDA project… writes the demo as a .qdpx;
// the import preview reads a .qdpx whole (its report, its documents, its speakers with their
// roles), and Import brings its documents, coders and codings; another tool's project (the
// specification's ATLAS.ti sample) comes in the same way.
func TestREFIProjectThroughTheWindow(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(2)
	h.c.Focus(h.ws.list)
	h.typ("1")
	out := filepath.Join(t.TempDir(), "demo.qdpx")
	st, err := exportProject(h.ctx, h.p, "demo", out, h.m.path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 5 || st.Codings != 1 || !strings.Contains(st.Sentence(), "5 documents, 1 coder, 4 codes, 1 selection") {
		t.Errorf("export: %s", st.Sentence())
	}
	// Not over the project itself, nor over a file of another kind.
	if _, err := exportProject(h.ctx, h.p, "demo", h.m.path, h.m.path); err == nil {
		t.Error("the export wrote over the project")
	}

	// Into a fresh project: the preview, then Import.
	h2 := newHarnessOn(t, freshProject(t))
	sources := mustSources(t, h2, out, filepath.Join("..", "coding", "refi", "testdata", "real", "atlasti-8.4-spec-sample.qdpx"))
	v := newImportPreview(h2.m, sources)
	w := test.NewWindow(v.content)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 640))
	v.update()
	if !strings.HasPrefix(v.summary.Text, `demo.qdpx: a REFI-QDA project "demo" from turncoder`) || v.tabs.Items[1].Text != "Report" ||
		!strings.Contains(v.first.Text, "documents:") || len(v.rows) == 0 {
		t.Errorf("the project's preview: %q, tab %q, %d speakers\\n%s", v.summary.Text, v.tabs.Items[1].Text, len(v.rows), v.first.Text)
	}
	if got := v.sources[0].status(); got != "REFI-QDA project, 5 documents" {
		t.Errorf("status %q", got)
	}
	report, summary := importSources(h2.ctx, h2.p, v.sources, &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")})
	if summary != "2 files imported." || !strings.Contains(report[0], "demo.qdpx: imported 5 documents (0 of them already in the project)") {
		t.Errorf("report %q, %q", report, summary)
	}
	info, _ := h2.p.Info(h2.ctx)
	if info.Documents < 6 || info.Codings < 1 {
		t.Errorf("after the import: %+v", info)
	}
}

// freshProject is a new empty project with the default codebook.
func freshProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fresh.turncoder")
	p, err := store.Create(path, seeds.Codebook())
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	return path
}
