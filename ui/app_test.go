package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

func TestInterviewersAreCodedOnlyWhenTheProjectSaysSo(t *testing.T) {
	h := newHarness(t)
	h.ws.AddCoder("ana")
	h.ws.SelectTurn(1) // CLB, the interviewer
	h.c.Focus(h.ws.list)
	h.typ("1")
	h.want("ana", 1, "")
	if !strings.Contains(h.ws.status.Text, "interviewer") {
		t.Errorf("status %q does not say why turn 1 was not coded", h.ws.status.Text)
	}
	before := h.ws.prog.Project.Codable
	if err := h.ws.SetCodeInterviewers(true); err != nil {
		t.Fatal(err)
	}
	if got := h.ws.prog.Project.Codable; got != before+105 {
		t.Errorf("codable turns %d, want %d + CLB's 105", got, before)
	}
	h.ws.SelectTurn(1)
	h.typ("1")
	h.want("ana", 1, "referral reviewed")
}

func TestClickOnANoteKeepsTheTurnSelected(t *testing.T) {
	h := newHarness(t)
	h.ws.SelectTurn(2)
	for vi, li := range h.ws.view {
		if h.ws.lines[li].Kind == coding.KindNote {
			h.ws.list.Select(vi)
			break
		}
	}
	if h.selected() != 2 {
		t.Errorf("after a click on a note turn %d is selected, want 2", h.selected())
	}
}

func TestProjectAndCoderAreRemembered(t *testing.T) {
	h := newHarness(t)
	prefs := h.m.app.Preferences()
	if got := prefs.String(prefLastProject); got != h.m.path {
		t.Errorf("last project %q, want %q", got, h.m.path)
	}
	h.ws.AddCoder("ana")
	// Reopening the project in a new window codes as ana without asking.
	w := h.m.app.NewWindow("again")
	m := &mainWindow{app: h.m.app, win: w}
	h.p.Close()
	if err := m.open(h.m.path); err != nil {
		t.Fatal(err)
	}
	defer m.p.Close()
	if m.ws.Coder() != "ana" {
		t.Errorf("reopened as %q, want ana", m.ws.Coder())
	}
}

// importPaths reads paths as the import dialog does and imports what its preview would.
func importPaths(ctx context.Context, p *store.Project, paths []string) []string {
	prog := &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")}
	sources, err := readSources(context.Background(), p, paths, prog)
	if err != nil {
		panic(err)
	}
	report, _ := importSources(ctx, p, sources, prog)
	return report
}

func TestImportReportsAndRefusesBadFiles(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "call.txt")
	os.WriteFile(good, []byte("A：你好\nB：您好\nA：再见\n"), 0o644)
	bad := filepath.Join(dir, "broken.docx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	before, _ := h.p.Info(h.ctx)
	if r := importPaths(h.ctx, h.p, []string{bad}); len(r) != 1 || !strings.Contains(r[0], "broken.docx: ") || !strings.Contains(r[0], "not a DOCX") {
		t.Errorf("bad file: %q", r)
	}
	if after, _ := h.p.Info(h.ctx); after != before {
		t.Errorf("a failed import changed the project: %+v", after)
	}
	r := importPaths(h.ctx, h.p, []string{good, bad})
	if len(r) != 2 || !strings.Contains(r[0], "call.txt: 3 turns, 0 sections, 0 notes, 0 warnings") || !strings.Contains(r[1], "not a DOCX") {
		t.Errorf("good and bad: %q", r)
	}
	if r := importPaths(h.ctx, h.p, []string{good}); len(r) != 1 || !strings.Contains(r[0], "already in the project") {
		t.Errorf("second import: %q", r)
	}
}

func TestShortTitle(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"第一通电话：东营市总工会办公室", 14, "第一通电话：东…"}, // CJK characters count two cells
		{"000_d6d2e252924e4e15", 22, "000_d6d2e252924e4e15"},
		{"000_d6d2e252924e4e15", 14, "000_d6d2e25292…"},
		{"", 5, ""},
	}
	for _, c := range cases {
		if got := shortTitle(c.in, c.max); got != c.want {
			t.Errorf("shortTitle(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

// TestFitLines: a name wraps to at most n lines, the last cut with an ellipsis when the name
// runs on, and says whether it was cut (the navigator then shows it whole on hover).
func TestFitLines(t *testing.T) {
	size, style := float32(14), fyne.TextStyle{}
	name := "第七通电话：胜利油田石油管理局工会维权部李部长"
	w := measureRange("第七通电话：胜利", size, style) + 1 // eight characters a line
	lines, cut := fitLines(name, 2, w, size, style)
	if len(lines) != 2 || !cut || !strings.HasSuffix(lines[1], "…") || !strings.HasPrefix(name, lines[0]) {
		t.Errorf("fitLines(%q, 2) = %q, cut %v", name, lines, cut)
	}
	for _, l := range lines {
		if measureRange(l, size, style) > w {
			t.Errorf("line %q is wider than %v", l, w)
		}
	}
	short := "第一通电话"
	if lines, cut := fitLines(short, 2, w, size, style); len(lines) != 1 || cut || lines[0] != short {
		t.Errorf("fitLines(%q, 2) = %q, cut %v", short, lines, cut)
	}
	if lines, cut := fitLines(name, 1, w, size, style); len(lines) != 1 || !cut {
		t.Errorf("one line: %q, cut %v", lines, cut)
	}
}

// Cancel during an import: the file being imported is left out whole, the report says so in a
// sentence (not "context canceled"), and says how many files were left.
func TestImportCancelledSaysWhatWasLeft(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	var paths []string
	for i, body := range []string{"A：你好\nB：您好\n", "A：再见\nB：再见\n", "A：喂\nB：喂？\n"} {
		path := filepath.Join(dir, fmt.Sprintf("call%d.txt", i+1))
		os.WriteFile(path, []byte(body), 0o644)
		paths = append(paths, path)
	}
	before, _ := h.p.Info(h.ctx)
	ctx, cancel := context.WithCancel(h.ctx)
	cancel()
	report := importPaths(ctx, h.p, paths)
	want := []string{"call1.txt: cancelled; nothing of this file was imported", "cancelled: 2 files after this one not imported"}
	if strings.Join(report, "\n") != strings.Join(want, "\n") {
		t.Errorf("report %q, want %q", report, want)
	}
	if after, _ := h.p.Info(h.ctx); after != before {
		t.Errorf("a cancelled import changed the project: %+v, was %+v", after, before)
	}
	report = importPaths(h.ctx, h.p, paths)
	if len(report) != 3 || !strings.Contains(report[2], "call3.txt: 2 turns") {
		t.Errorf("the import not cancelled reports %q", report)
	}
}
