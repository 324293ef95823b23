package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/turncoder/turncoder/coding"
)

// TestImportPreview: Ctrl+I's files are read and shown before anything is written: the
// speakers with their turns and roles, the first lines, the warnings; the researcher marks a
// label as not a speaker (its lines join the turn before), takes the mark back, chooses a
// role and switches the format, and only Import writes, with those choices.
func TestImportPreview(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	record := filepath.Join(dir, "record.txt")
	os.WriteFile(record, []byte("主席：現在開會。\n陳議員：我想問政府。\n附註：政府其後書面回覆。\n主席：局長。\n局長：我們會研究。\n附註：局長其後補充。\n陳議員：多謝。\n局長：不用客氣。\n"), 0o644)
	bad := filepath.Join(dir, "broken.docx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	before, _ := h.p.Info(h.ctx)

	h.m.importFiles([]string{record, bad})
	h.waitTasks()
	if !dialogOpen(h.m.win) {
		t.Fatal("no preview after reading the files")
	}
	if after, _ := h.p.Info(h.ctx); after != before {
		t.Fatalf("reading for the preview wrote to the project: %+v", after)
	}
	v := newImportPreview(h.m, mustSources(t, h, record, bad))
	w := test.NewWindow(v.content)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 640))
	v.update()
	if !strings.Contains(v.summary.Text, "record.txt, read as turns (utf-8): 0 sections, 8 turns, 0 notes.") {
		t.Errorf("summary %q", v.summary.Text)
	}
	if got := speakerLabels(v); got != "陳議員 附註 局長 主席" {
		t.Errorf("speakers %q", got)
	}
	if !strings.Contains(v.first.Text, "陳議員: 我想問政府。") || v.warnings.Text != "No warnings." {
		t.Errorf("first lines %q, warnings %q", v.first.Text, v.warnings.Text)
	}
	if v.footer.Text != "Import writes 1 file (1 refused). Nothing is written until then." {
		t.Errorf("footer %q", v.footer.Text)
	}

	// 附註 is not a speaker: its line joins 陳議員's turn; the row stays, to take the mark back.
	row := rowOf(t, v, "附註")
	row.Objects[3].(*keyedCheck).SetChecked(true)
	if got := speakerLabels(v); got != "陳議員 局長 主席 附註" || !strings.Contains(v.first.Text, "陳議員: 我想問政府。附註：政府其後書面回覆。") ||
		!strings.Contains(v.summary.Text, "6 turns") {
		t.Errorf("after not a speaker: speakers %q, first %q, summary %q", got, v.first.Text, v.summary.Text)
	}
	rowOf(t, v, "附註").Objects[3].(*keyedCheck).SetChecked(false)
	if !strings.Contains(v.summary.Text, "8 turns") {
		t.Errorf("the mark taken back: %q", v.summary.Text)
	}
	rowOf(t, v, "附註").Objects[3].(*keyedCheck).SetChecked(true)
	rowOf(t, v, "主席").Objects[2].(*keyedSelect).SetSelected("interviewer")

	// Another format reads it again; back to detect reads it as turns.
	v.format.SetSelected("prose")
	if !strings.Contains(v.summary.Text, "read as prose") || len(v.rows) != 1 {
		t.Errorf("as prose: %q, %d rows", v.summary.Text, len(v.rows))
	}
	v.format.SetSelected(v.format.Options[0])
	if !strings.Contains(v.summary.Text, "read as turns") || !strings.Contains(v.summary.Text, "6 turns") {
		t.Errorf("detect again: %q", v.summary.Text)
	}
	// The refused file says why, and that it will not be imported.
	v.files.Select(1)
	if !strings.Contains(v.summary.Text, "broken.docx: ") || !strings.Contains(v.summary.Text, "It will not be imported") {
		t.Errorf("the refused file: %q", v.summary.Text)
	}

	report, summary := importSources(h.ctx, h.p, v.sources, &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")})
	if len(report) != 2 || report[0] != "record.txt: 6 turns, 0 sections, 0 notes, 0 warnings" || !strings.Contains(report[1], "not a DOCX") ||
		summary != "1 file imported, 1 refused." {
		t.Errorf("report %q, summary %q", report, summary)
	}
	sp, _ := h.p.Speakers(h.ctx)
	roles := map[string]coding.Role{}
	for _, s := range sp {
		roles[s.Label] = s.Role
	}
	if roles["主席"] != coding.RoleInterviewer || roles["陳議員"] != coding.RoleRespondent {
		t.Errorf("roles %v", roles)
	}
	if _, ok := roles["附註"]; ok {
		t.Error("附註 became a speaker")
	}
}

func mustSources(t *testing.T, h *harness, paths ...string) []*importSource {
	t.Helper()
	s, err := readSources(h.ctx, h.p, paths, &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func speakerLabels(v *importPreview) string {
	var out []string
	for _, r := range v.rows {
		out = append(out, r.Label)
	}
	return strings.Join(out, " ")
}

// rowOf is the speakers list's row of label, as the list draws it.
func rowOf(t *testing.T, v *importPreview, label string) *fyne.Container {
	t.Helper()
	for i, r := range v.rows {
		if r.Label == label {
			row := v.newSpeakerRow()
			v.updateSpeakerRow(i, row)
			return row.(*fyne.Container)
		}
	}
	t.Fatalf("no row %q in %q", label, speakerLabels(v))
	return nil
}

// TestImportPreviewChoicesHoldAcrossFiles: a role chosen for a new speaker holds in every file
// of the import; a speaker the project knows keeps its role (the select is off); two files
// with one title are pointed out; the reader's advice to use --encoding is put in the
// window's words; Escape in a focused select cancels, and asks first once something was
// chosen.
func TestImportPreviewChoicesHoldAcrossFiles(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "a", "call.txt")
	b := filepath.Join(dir, "b", "call.txt")
	os.MkdirAll(filepath.Dir(a), 0o755)
	os.MkdirAll(filepath.Dir(b), 0o755)
	os.WriteFile(a, []byte("主持人甲：你好。\nCLB：喂？\n主持人甲：再见。\nCLB：好。\n"), 0o644)
	os.WriteFile(b, []byte("主持人甲：第二通。\n工会：您好。\n主持人甲：谢谢。\n工会：不客气。\n"), 0o644)
	gb := filepath.Join(dir, "gb.txt")
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String("甲：你好。\n乙：您好。\n甲：再见。\n")
	os.WriteFile(gb, []byte(gbk), 0o644)
	v := newImportPreview(h.m, mustSources(t, h, a, b, gb))
	w := test.NewWindow(v.content)
	defer w.Close()
	v.update()
	rowOf(t, v, "主持人甲").Objects[2].(*keyedSelect).SetSelected("interviewer")
	for _, sp := range v.sources[1].pv.Speakers {
		if sp.Label == "主持人甲" && sp.Role != coding.RoleInterviewer {
			t.Errorf("the other file's 主持人甲: %+v", sp)
		}
	}
	if r := rowOf(t, v, "CLB"); !r.Objects[2].(*keyedSelect).Disabled() {
		t.Error("CLB, a speaker of the project, can be given another role in the preview")
	}
	if !strings.Contains(v.summary.Text, `Note: call.txt will also be titled "call"`) {
		t.Errorf("two files titled call are not pointed out: %q", v.summary.Text)
	}
	v.files.Select(2)
	v.encoding.SetSelected("utf-8")
	if !strings.Contains(v.summary.Text, "(choose gb18030 under Encoding, above)") || strings.Contains(v.summary.Text, "--encoding") {
		t.Errorf("the refusal in the window: %q", v.summary.Text)
	}
	report, _ := importSources(h.ctx, h.p, v.sources[:2], &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")})
	sp, _ := h.p.Speakers(h.ctx)
	for _, s := range sp {
		if s.Label == "主持人甲" && s.Role != coding.RoleInterviewer || s.Label == "CLB" && s.Role != coding.RoleInterviewer {
			t.Errorf("%s is %s after %q", s.Label, s.Role, report)
		}
	}

	// Escape in a focused select leaves the preview, asking first once something was chosen;
	// "Back to the preview" shows it again, Enter on the question leaves.
	h.closeDialogs()
	p := h.m.showImportPreview(mustSources(t, h, gb))
	p.encoding.SetSelected("gb18030")
	h.c.Focus(p.format)
	h.key(fyne.KeyEscape)
	if n := len(shown[h.m.win]); n != 1 || shown[h.m.win][0].d == p.dlg {
		t.Fatalf("Escape in the format select: %d dialogs, the preview on top: %v", n, n > 0 && shown[h.m.win][0].d == p.dlg)
	}
	h.key(fyne.KeyEscape) // back to the preview
	if n := len(shown[h.m.win]); n != 1 || shown[h.m.win][0].d != p.dlg {
		t.Fatalf("Back to the preview: %d dialogs", n)
	}
	h.c.Focus(p.format)
	h.key(fyne.KeyEscape)
	h.key(fyne.KeyReturn) // Leave
	if dialogOpen(h.m.win) {
		t.Error("the preview is still open after Leave")
	}
}
