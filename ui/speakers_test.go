package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
)

// speakersHarness opens the speakers dialog on the harness's project. Its confirmations are
// recorded and answered yes (or no with answerNo).
type speakersHarness struct {
	*harness
	d        *speakersDialog
	w        fyne.Window
	asked    []string
	answerNo bool
}

func newSpeakersHarness(t *testing.T) *speakersHarness {
	h := newHarness(t)
	w := h.m.app.NewWindow("Speakers")
	sh := &speakersHarness{harness: h, w: w}
	sh.d = newSpeakersDialog(h.m, w)
	sh.d.confirm = func(title, msg string, then func()) {
		sh.asked = append(sh.asked, msg)
		if !sh.answerNo {
			then()
		}
	}
	w.SetContent(sh.d.content)
	w.Resize(fyne.NewSize(860, 520))
	return sh
}

// row draws the dialog's row of the speaker labelled label, as the list would.
func (h *speakersHarness) row(label string) *fyne.Container {
	h.t.Helper()
	i := h.d.find(label)
	if i < 0 {
		h.t.Fatalf("no row for %s among %+v", label, h.d.speakers)
	}
	row := h.d.newRow()
	h.d.updateRow(i, row)
	return row.(*fyne.Container)
}

// turns is the turn count the dialog shows for a speaker, or "" when it has no row.
func (h *speakersHarness) turns(label string) string {
	if h.d.find(label) < 0 {
		return ""
	}
	return h.row(label).Objects[2].(*widget.Label).Text
}

func (h *speakersHarness) selectSpeaker(label string) {
	h.t.Helper()
	i := h.d.find(label)
	if i < 0 {
		h.t.Fatalf("no speaker %s", label)
	}
	h.d.list.Select(i)
	if h.d.current != label {
		h.t.Fatalf("selected %q, want %s", h.d.current, label)
	}
}

// TestSpeakersRoleDrivesScopeAndAgreement: ana and bo code turns of 东营市总工会 and of the
// oil administration's union. Making 东营市总工会 an interviewer takes its 48 turns out of the
// coding scope, the progress and the open agreement window; making it a respondent again
// brings them back.
func TestSpeakersRoleDrivesScopeAndAgreement(t *testing.T) {
	h := newSpeakersHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2", 6: "0", 103: "1", 145: "3"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "0", 6: "0", 103: "2", 145: "3"})
	h.m.showAgreement()
	h.waitTasks()
	v := h.m.agreement
	if v == nil || v.report.Overall.Units != 5 || len(v.report.Disagreements) != 2 {
		t.Fatalf("agreement before: %+v", v.report.Overall)
	}
	units, codable := v.report.Units, h.ws.prog.Project.Codable
	if got := h.turns("东营市总工会"); got != "48" {
		t.Fatalf("东营市总工会 shows %s turns", got)
	}

	role := h.row("东营市总工会").Objects[1].(*widget.Select)
	if role.Selected != "respondent" {
		t.Fatalf("role shown %q", role.Selected)
	}
	role.SetSelected("interviewer")
	h.waitTasks() // the open agreement window computes again
	if !strings.Contains(h.d.status.Text, "东营市总工会 is now an interviewer: its 48 turns leave the coding scope") {
		t.Errorf("status %q", h.d.status.Text)
	}
	if sp, _ := h.p.Speakers(h.ctx); sp[1].Label != "东营市总工会" || sp[1].Role != coding.RoleInterviewer {
		t.Errorf("project file: %+v", sp[1])
	}
	var order []string
	for _, s := range h.d.speakers {
		order = append(order, s.Label)
	}
	if got := strings.Join(order, ","); got != "CLB,东营市总工会,联通 114 电话导航,胜利石油管理局工会,石油管理局工会" {
		t.Errorf("speakers in the order %s, want pinyin", got)
	}
	if got := h.ws.prog.Project.Codable; got != codable-48 {
		t.Errorf("codable turns %d, want %d - 48", got, codable)
	}
	if l := h.line(2); l.Codable || l.Role != coding.RoleInterviewer {
		t.Errorf("turn 2 in the workspace: %+v", l)
	}
	if v.report.Units != units-48 || v.report.Overall.Units != 2 || len(v.report.Disagreements) != 1 {
		t.Errorf("agreement after: %d units (was %d), %d counted, %d disagreements", v.report.Units, units, v.report.Overall.Units, len(v.report.Disagreements))
	}
	// Its turns are no longer coded from the keyboard.
	h.ws.SelectTurn(8)
	h.c.Focus(h.ws.list)
	h.typ("1")
	h.want("ana", 8, "")
	if !strings.Contains(h.ws.status.Text, "interviewer") {
		t.Errorf("workspace status %q", h.ws.status.Text)
	}
	// The row shows the new role, and a respondent again brings the turns back.
	role = h.row("东营市总工会").Objects[1].(*widget.Select)
	if role.Selected != "interviewer" {
		t.Errorf("role shown after the change %q", role.Selected)
	}
	role.SetSelected("respondent")
	h.waitTasks()
	if !strings.Contains(h.d.status.Text, "its 48 turns join the coding scope") || h.ws.prog.Project.Codable != codable || v.report.Overall.Units != 5 {
		t.Errorf("back to respondent: %q, codable %d, agreement units %d", h.d.status.Text, h.ws.prog.Project.Codable, v.report.Overall.Units)
	}
	// other keeps the turns in scope: only interviewers leave it.
	h.row("胜利石油管理局工会").Objects[1].(*widget.Select).SetSelected("other")
	if h.d.status.Text != "胜利石油管理局工会's role is now other." || h.ws.prog.Project.Codable != codable {
		t.Errorf("other: %q, codable %d", h.d.status.Text, h.ws.prog.Project.Codable)
	}
	if l := h.line(103); l.Role != coding.RoleOther || !l.Codable {
		t.Errorf("turn 103: %+v", l)
	}
}

// TestSpeakersMergeAndRename merges 石油管理局工会 into 胜利石油管理局工会 after a
// confirmation that counts the turns, then renames the 114 operator and refuses a rename onto
// an existing label.
func TestSpeakersMergeAndRename(t *testing.T) {
	h := newSpeakersHarness(t)
	h.codeTurns("ana", map[int]string{145: "3"})
	if got := len(h.d.speakers); got != 5 {
		t.Fatalf("%d speakers", got)
	}
	h.selectSpeaker("石油管理局工会")
	test.Tap(h.d.merge) // nothing picked yet
	if len(h.asked) != 0 || !strings.Contains(h.d.status.Text, "Pick the speaker") {
		t.Errorf("merge with no target: asked %v, status %q", h.asked, h.d.status.Text)
	}
	h.d.mergeInto.SetSelected("胜利石油管理局工会")
	h.answerNo = true
	test.Tap(h.d.merge)
	if h.turns("石油管理局工会") != "34" || h.line(145).Speaker != "石油管理局工会" {
		t.Error("a merge answered no changed the speakers")
	}
	h.answerNo = false
	test.Tap(h.d.merge)
	if len(h.asked) != 2 || !strings.Contains(h.asked[1], "34 turns move to \"胜利石油管理局工会\", which then has 56") {
		t.Errorf("asked %q", h.asked)
	}
	if h.turns("石油管理局工会") != "" || h.turns("胜利石油管理局工会") != "56" || len(h.d.speakers) != 4 {
		t.Errorf("after the merge: %+v", h.d.speakers)
	}
	if got := h.row("胜利石油管理局工会").Objects[3].(*widget.Label).Text; got != "石油管理局工会" {
		t.Errorf("also written as %q", got)
	}
	if h.d.current != "胜利石油管理局工会" || !strings.Contains(h.d.status.Text, "34 turns moved") {
		t.Errorf("selected %q, status %q", h.d.current, h.d.status.Text)
	}
	// The workspace shows the new label on the moved turns; their codings stay; the filter
	// no longer offers the old label.
	if l := h.line(145); l.Speaker != "胜利石油管理局工会" {
		t.Errorf("turn 145 is %s's", l.Speaker)
	}
	h.want("ana", 145, "admission reviewed")
	if slices.Contains(h.ws.bar.filter.Options, "Speaker: 石油管理局工会") || !slices.Contains(h.ws.bar.filter.Options, "Speaker: 胜利石油管理局工会") {
		t.Errorf("filter options %v", h.ws.bar.filter.Options)
	}

	// Rename the operator while the workspace filters on it: the filter falls back to all lines.
	h.ws.bar.filter.SetSelected("Speaker: 联通 114 电话导航")
	if len(h.ws.view) >= len(h.ws.lines) {
		t.Fatal("the speaker filter hides nothing")
	}
	h.selectSpeaker("联通 114 电话导航")
	h.d.newLabel.SetText("１１４ operator") // full-width digits are normalised
	h.d.newLabel.OnSubmitted(h.d.newLabel.Text)
	if h.turns("114 operator") != "3" || h.turns("联通 114 电话导航") != "" || h.d.current != "114 operator" {
		t.Errorf("after the rename: %+v (status %q)", h.d.speakers, h.d.status.Text)
	}
	if l := h.line(97); l.Speaker != "114 operator" || l.Role != coding.RoleOther {
		t.Errorf("turn 97: %+v", l)
	}
	if h.ws.bar.filter.Selected != "All lines" || len(h.ws.view) != len(h.ws.lines) || !slices.Contains(h.ws.bar.filter.Options, "Speaker: 114 operator") {
		t.Errorf("filter %q shows %d of %d lines", h.ws.bar.filter.Selected, len(h.ws.view), len(h.ws.lines))
	}
	// The turn list draws the new label.
	for vi, li := range h.ws.view {
		if l := h.ws.lines[li]; l.Kind == coding.KindTurn && l.Number == 97 {
			row := newRowView()
			h.ws.updateRow(vi, row)
			if row.speaker.Text != "114 operator" {
				t.Errorf("turn list row shows %q", row.speaker.Text)
			}
		}
	}
	// Onto an existing label: refused, with a sentence that suggests merging.
	h.d.newLabel.SetText("东营市总工会")
	test.Tap(h.d.rename)
	if !strings.HasPrefix(h.d.status.Text, "Not renamed:") || !strings.Contains(h.d.status.Text, "merge the two instead") {
		t.Errorf("rename onto an existing speaker: %q", h.d.status.Text)
	}
	if h.turns("114 operator") != "3" || h.turns("东营市总工会") != "48" {
		t.Errorf("a refused rename changed the speakers: %+v", h.d.speakers)
	}
}

// TestSpeakersScreenshot renders the dialog with a merge about to be asked; with
// -screenshots it writes docs/speakers.png.
func TestSpeakersScreenshot(t *testing.T) {
	h := newSpeakersHarness(t)
	h.m.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	h.row("CLB") // the rows are drawn by the list; the harness only reads them
	h.selectSpeaker("石油管理局工会")
	h.d.mergeInto.SetSelected("胜利石油管理局工会")
	img := h.w.Canvas().Capture()
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 480 {
		t.Fatalf("captured %v", b)
	}
	savePicture(t, img, "speakers.png")
}

// TestSpeakersDotIsTheColourOfTheTurns: the dot beside a speaker is the colour its turns have
// in the open document (each document gives its speakers distinct colours), not another one.
func TestSpeakersDotIsTheColourOfTheTurns(t *testing.T) {
	h := newSpeakersHarness(t)
	for _, label := range []string{"CLB", "东营市总工会", "胜利石油管理局工会"} {
		want, ok := h.ws.colours[label]
		if !ok {
			t.Fatalf("%s does not speak in the open document: %v", label, h.ws.colours)
		}
		who := h.row(label).Objects[0].(*fyne.Container)
		dot := who.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Circle)
		if dot.FillColor != want {
			t.Errorf("%s: dot %v, its turns %v", label, dot.FillColor, want)
		}
	}
}
