package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// The segmentation edits on the demo's phone calls (seeds/000_…, "八通电话…"), through the
// store's public API only, as the GUI and the command line use it.

const callsTitle = "八通电话：东营市总工会与胜利油田工会（2019年3月24日）"

// demo makes the demo project and opens it; it returns the project and the calls' id.
func demo(t *testing.T) (*store.Project, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo"+store.Extension)
	if err := seeds.CreateDemo(path); err != nil {
		t.Fatal(err)
	}
	p, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	docs, err := p.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Title != callsTitle {
		t.Fatalf("the first demo document is %q", docs[0].Title)
	}
	return p, docs[0].ID
}

func lines(t *testing.T, p *store.Project, doc string) []coding.Line {
	t.Helper()
	l, err := p.Lines(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func turnRows(t *testing.T, p *store.Project, doc string) []coding.TurnRow {
	t.Helper()
	rows, err := p.Turns(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func edit(t *testing.T, p *store.Project, doc string, e coding.Edit) string {
	t.Helper()
	done, err := p.EditSegmentation(context.Background(), doc, e)
	if err != nil {
		t.Fatalf("%s: %v", e.Describe(doc), err)
	}
	return done
}

// lineOf finds the line of turn n.
func lineOf(t *testing.T, ls []coding.Line, n int) coding.Line {
	t.Helper()
	for _, l := range ls {
		if l.Kind == coding.KindTurn && l.Number == n {
			return l
		}
	}
	t.Fatalf("no turn %d", n)
	return coding.Line{}
}

// checkConsistent checks what every edit must leave: turns numbered 1.. in reading order, each
// turn's id TurnID(document, position, speaker, text) with its position its index among the
// document's lines, as an import stores it.
func checkConsistent(t *testing.T, p *store.Project, doc string) {
	t.Helper()
	n := 0
	seen := map[string]bool{}
	for i, l := range lines(t, p, doc) {
		if l.Kind != coding.KindTurn {
			continue
		}
		n++
		if l.Number != n {
			t.Errorf("line %d is turn %d, want %d", i, l.Number, n)
		}
		if want := store.TurnID(doc, i, l.Speaker, l.Text); l.TurnID != want {
			t.Errorf("turn %d has id %s, want TurnID(doc, %d, %q, %q) = %s", n, l.TurnID, i, l.Speaker, l.Text, want)
		}
		if seen[l.TurnID] {
			t.Errorf("turn id %s twice", l.TurnID)
		}
		seen[l.TurnID] = true
	}
}

func lastAudit(t *testing.T, p *store.Project) store.Audit {
	t.Helper()
	log, err := p.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return log[len(log)-1]
}

// everything is what a refusal must leave as it was: every document's lines, the speakers,
// the audit log.
func everything(t *testing.T, p *store.Project) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	docs, err := p.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		fmt.Fprintf(&b, "%+v\n", d)
		for _, l := range lines(t, p, d.ID) {
			fmt.Fprintf(&b, "%+v\n", l)
		}
	}
	sp, err := p.Speakers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	log, err := p.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "%+v\n%d audit entries", sp, len(log))
	return b.String()
}

func speakers(t *testing.T, p *store.Project) map[string]coding.Speaker {
	t.Helper()
	sp, err := p.Speakers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]coding.Speaker{}
	for _, s := range sp {
		m[s.Label] = s
	}
	return m
}

func TestSplitAFalseJoinOnTheDemo(t *testing.T) {
	p, doc := demo(t)
	before := turnRows(t, p, doc)
	// Turn 28 is the union office saying the same thing twice; say it was two turns.
	if before[27].Text != "可能是油田那边的。嗯嗯，可能是油田那边的。" {
		t.Fatalf("turn 28 is %q", before[27].Text)
	}
	done := edit(t, p, doc, coding.Edit{Kind: coding.EditSplit, Turn: 28, At: 9})
	if want := "split turn 28 of " + callsTitle + " at character 9"; done != want {
		t.Errorf("said %q, want %q", done, want)
	}
	if a := lastAudit(t, p); a.Action != "correct segmentation" || a.Detail != done {
		t.Errorf("audit %+v", a)
	}
	after := turnRows(t, p, doc)
	if len(after) != len(before)+1 {
		t.Fatalf("%d turns, want %d", len(after), len(before)+1)
	}
	if a, b := after[27], after[28]; a.Text != "可能是油田那边的。" || b.Text != "嗯嗯，可能是油田那边的。" ||
		a.Speaker != "东营市总工会" || b.Speaker != "东营市总工会" || a.Number != 28 || b.Number != 29 || a.Section != b.Section {
		t.Errorf("the parts: %+v %+v", a, b)
	}
	// Turns before the split keep their ids; the ones after move one on and are renumbered.
	if !reflect.DeepEqual(after[:27], before[:27]) {
		t.Error("turns before the split changed")
	}
	for i, b := range before[28:] {
		a := after[i+29]
		if a.Number != b.Number+1 || a.Text != b.Text || a.Speaker != b.Speaker || a.Section != b.Section || a.ID == b.ID {
			t.Errorf("turn %d became %+v", b.Number, a)
		}
	}
	checkConsistent(t, p, doc)

	// Joined again, the document is as imported: every id, number and text.
	done = edit(t, p, doc, coding.Edit{Kind: coding.EditJoin, Turn: 28})
	if want := "join turns 28 and 29 of " + callsTitle; done != want {
		t.Errorf("said %q, want %q", done, want)
	}
	if got := turnRows(t, p, doc); !reflect.DeepEqual(got, before) {
		t.Error("split and joined again, the turns differ from the imported ones")
	}

	// The document keeps its id: the original file is still recognised as in the project.
	f := seeds.Files()[0]
	src, err := transcript.Read(f.Name, f.Data, transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	edit(t, p, doc, coding.Edit{Kind: coding.EditSplit, Turn: 28, At: 9})
	res, err := p.Import(context.Background(), src, f.Name, nil)
	if err != nil || !res.Duplicate || res.DocumentID != doc {
		t.Errorf("re-importing the seed after a correction: %+v, %v; want it recognised as %s", res, err, doc)
	}
}

func TestJoinOnTheDemoKeepsSectionsAndNotes(t *testing.T) {
	p, doc := demo(t)
	ls := lines(t, p, doc)
	headersAndNotes := func(ls []coding.Line) []coding.Line {
		var out []coding.Line
		for _, l := range ls {
			if l.Kind != coding.KindTurn {
				out = append(out, l)
			}
		}
		return out
	}
	t35, t36 := lineOf(t, ls, 35), lineOf(t, ls, 36)
	edit(t, p, doc, coding.Edit{Kind: coding.EditJoin, Turn: 35})
	after := lines(t, p, doc)
	if j := lineOf(t, after, 35); j.Text != t35.Text+"东营市总工会："+t36.Text || j.Speaker != "CLB" || j.SectionID != t35.SectionID {
		t.Errorf("joined turn %+v", j)
	}
	if !reflect.DeepEqual(headersAndNotes(after), headersAndNotes(ls)) {
		t.Error("the sections and notes changed (ids, titles, texts, order)")
	}
	checkConsistent(t, p, doc)
	if len(turnRows(t, p, doc)) != 211 {
		t.Errorf("%d turns after a join, want 211", len(turnRows(t, p, doc)))
	}
	// The other documents are untouched.
	for _, d := range []int{1, 2} {
		docs, _ := p.Documents(context.Background())
		checkConsistent(t, p, docs[d].ID)
	}
}

func TestJoinRefusedAcrossANoteOrASection(t *testing.T) {
	p, doc := demo(t)
	was := everything(t, p)
	for _, c := range []struct {
		turn int
		want string
	}{
		// Turn 37 ends the first call: "——电话被挂断——" and then the second call follow.
		{37, "turn 37 of " + callsTitle + " cannot be joined with the next turn: the note “——电话被挂断——” stands between it and the next turn; a note keeps the turns around it apart"},
		{95, "turn 95 of " + callsTitle + " cannot be joined with the next turn: the section “第四通电话 联通 114 电话导航” starts between it and the next turn, and a turn belongs to one section"},
		{212, "turn 212 of " + callsTitle + " cannot be joined with the next turn: it is the last turn of the document"},
		{213, "turn 213 of " + callsTitle + " cannot be joined with the next turn: there is no turn 213 (the document has 212 turns)"},
	} {
		_, err := p.EditSegmentation(context.Background(), doc, coding.Edit{Kind: coding.EditJoin, Turn: c.turn})
		if err == nil || err.Error() != c.want {
			t.Errorf("join %d: %v\nwant %s", c.turn, err, c.want)
		}
	}
	if _, err := p.EditSegmentation(context.Background(), doc, coding.Edit{Kind: coding.EditSplit, Turn: 28, At: 21}); err == nil ||
		err.Error() != "turn 28 of "+callsTitle+" cannot be split at character 21: the turn has 21 characters, so it can be split at character 1 to 20" {
		t.Errorf("split past the end: %v", err)
	}
	if _, err := p.EditSegmentation(context.Background(), "no such call", coding.Edit{Kind: coding.EditNote, Turn: 1}); err == nil ||
		err.Error() != `no document "no such call" in the project` {
		t.Errorf("unknown document: %v", err)
	}
	if now := everything(t, p); now != was {
		t.Error("a refused edit changed the project")
	}
}

func TestChangeASpeakerOnTheDemo(t *testing.T) {
	p, doc := demo(t)
	ctx := context.Background()
	sp := speakers(t, p)
	// The Shengli union office appears under two labels; turn 112 is a turn of 石油管理局工会.
	n := 0
	for _, r := range turnRows(t, p, doc) {
		if r.Speaker == "石油管理局工会" {
			n = r.Number
			break
		}
	}
	if n == 0 {
		t.Fatal("no turn of 石油管理局工会")
	}
	done := edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: n, Label: "胜利石油管理局工会"})
	if want := fmt.Sprintf("give turn %d of %s the speaker \"胜利石油管理局工会\" (was \"石油管理局工会\")", n, callsTitle); done != want {
		t.Errorf("said %q\nwant %q", done, want)
	}
	now := speakers(t, p)
	if now["胜利石油管理局工会"].Turns != sp["胜利石油管理局工会"].Turns+1 || now["石油管理局工会"].Turns != sp["石油管理局工会"].Turns-1 || len(now) != len(sp) {
		t.Errorf("speakers %v", now)
	}
	checkConsistent(t, p, doc)

	// A new label: a new speaker with the role import would guess; the old one loses a turn.
	done = edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 1, Label: " 采访者 "})
	if want := fmt.Sprintf(`give turn 1 of %s the speaker "采访者" (was "CLB"); "采访者" is a new speaker (interviewer)`, callsTitle); done != want {
		t.Errorf("said %q\nwant %q", done, want)
	}
	now = speakers(t, p)
	if s := now["采访者"]; s.Role != coding.RoleInterviewer || s.Turns != 1 {
		t.Errorf("new speaker %+v", s)
	}
	if r := turnRows(t, p, doc)[0]; r.Speaker != "采访者" || r.Role != coding.RoleInterviewer || r.Text != "喂？" {
		t.Errorf("turn 1 %+v", r)
	}
	// Given back: the speaker left with no turns is removed, as a false speaker would be.
	done = edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 1, Label: "ＣＬＢ"})
	if !strings.HasSuffix(done, `; "采访者" had no turns left and was removed from the speakers`) {
		t.Errorf("said %q", done)
	}
	if _, ok := speakers(t, p)["采访者"]; ok {
		t.Error("a speaker with no turns left is still listed")
	}
	// The speaker the turn has: nothing written.
	log, _ := p.AuditLog(ctx)
	done = edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 1, Label: "CLB"})
	if done != "turn 1 of "+callsTitle+" is CLB's already; nothing was changed" {
		t.Errorf("said %q", done)
	}
	if again, _ := p.AuditLog(ctx); len(again) != len(log) {
		t.Error("an edit that changed nothing was audited")
	}
	// A speaker with other names (a merge the researcher made) is kept with no turns.
	edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 1, Label: "Q"})
	edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 3, Label: "访谈者"})
	if err := p.Alias(ctx, "访谈者", "Q"); err != nil {
		t.Fatal(err)
	}
	edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 1, Label: "CLB"})
	edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 3, Label: "CLB"})
	if s, ok := speakers(t, p)["Q"]; !ok || s.Turns != 0 || !reflect.DeepEqual(s.Aliases, []string{"访谈者"}) {
		t.Errorf("Q with its alias: %+v, %v", s, ok)
	}
	checkConsistent(t, p, doc)
}

func TestMakeTheVoicePromptANote(t *testing.T) {
	p, doc := demo(t)
	rows := turnRows(t, p, doc)
	n := 0
	for _, r := range rows {
		if r.Speaker == "联通 114 电话导航" {
			n = r.Number
			break
		}
	}
	ls := lines(t, p, doc)
	at := -1
	for i, l := range ls {
		if l.Kind == coding.KindTurn && l.Number == n {
			at = i
		}
	}
	done := edit(t, p, doc, coding.Edit{Kind: coding.EditNote, Turn: n})
	if want := fmt.Sprintf("make turn %d of %s a note", n, callsTitle); done != want {
		t.Errorf("said %q, want %q", done, want)
	}
	after := lines(t, p, doc)
	if len(after) != len(ls) {
		t.Fatalf("%d lines, was %d", len(after), len(ls))
	}
	if l := after[at]; l.Kind != coding.KindNote || l.Text != "联通 114 电话导航："+rows[n-1].Text || l.SectionID != ls[at].SectionID {
		t.Errorf("the note %+v", l)
	}
	if got := len(turnRows(t, p, doc)); got != len(rows)-1 {
		t.Errorf("%d turns, want %d", got, len(rows)-1)
	}
	if s := speakers(t, p)["联通 114 电话导航"]; s.Turns != 2 {
		t.Errorf("the voice prompt's speaker %+v", s)
	}
	checkConsistent(t, p, doc)
}

// refusedWith checks that every edit of doc is refused with reason, that SegmentationLocked
// gives it, and that nothing changed.
func refusedWith(t *testing.T, p *store.Project, doc, title, reason string) {
	t.Helper()
	ctx := context.Background()
	if got, err := p.SegmentationLocked(ctx, doc); err != nil || got != reason {
		t.Errorf("SegmentationLocked: %q, %v\nwant %q", got, err, reason)
	}
	was := everything(t, p)
	for _, c := range []struct {
		e    coding.Edit
		want string
	}{
		{coding.Edit{Kind: coding.EditJoin, Turn: 4}, "turn 4 of " + title + " cannot be joined with the next turn: "},
		{coding.Edit{Kind: coding.EditSplit, Turn: 7, At: 5}, "turn 7 of " + title + " cannot be split at character 5: "},
		{coding.Edit{Kind: coding.EditSpeaker, Turn: 2, Label: "工会"}, `turn 2 of ` + title + ` cannot be given the speaker "工会": `},
		{coding.Edit{Kind: coding.EditNote, Turn: 1}, "turn 1 of " + title + " cannot be made a note: "},
	} {
		_, err := p.EditSegmentation(ctx, doc, c.e)
		if err == nil || err.Error() != c.want+reason {
			t.Errorf("%s: %v\nwant %s", c.e.Describe(title), err, c.want+reason)
		}
	}
	if now := everything(t, p); now != was {
		t.Error("a refused edit changed the project")
	}
}

func TestRefusedOnceCoded(t *testing.T) {
	p, doc := demo(t)
	ctx := context.Background()
	if reason, err := p.SegmentationLocked(ctx, doc); err != nil || reason != "" {
		t.Fatalf("a fresh demo: %q, %v", reason, err)
	}
	for _, c := range []string{"ana", "bo"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	rows := turnRows(t, p, doc)
	set := func(coder string, n int, reviewed bool, codes ...string) {
		t.Helper()
		if err := p.SetState(ctx, coder, rows[n-1].ID, coding.TurnState{Reviewed: reviewed, Codes: codes}, "code"); err != nil {
			t.Fatal(err)
		}
	}
	// A coding taken off again (a key pressed by mistake and undone) is nobody's work: with no
	// copies made, a correction drops its record and goes ahead.
	set("bo", 10, false, "code-referral")
	set("bo", 10, false)
	if reason, err := p.SegmentationLocked(ctx, doc); err != nil || reason != "" {
		t.Fatalf("a code taken off again locks the document: %q, %v", reason, err)
	}
	done, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditJoin, Turn: 30})
	if err != nil || !strings.HasSuffix(done, "; 1 record of work taken back (codes taken off, reviewed marks undone) on the document's old turns dropped") {
		t.Fatalf("the join after a code taken off: %q, %v", done, err)
	}
	checkConsistent(t, p, doc)
	rows = turnRows(t, p, doc)

	set("ana", 18, true, "code-referral")
	refusedWith(t, p, doc, callsTitle, "1 coding and 1 reviewed mark by ana are on this document; segmentation can be corrected only before anyone codes it, as codings belong to the turns a correction remakes")
	set("ana", 20, true, "code-referral", "code-deflection")
	set("bo", 18, true)
	if err := p.SetMemo(ctx, "bo", rows[3].ID, "推诿？"); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, p, doc, callsTitle, "3 codings, 3 reviewed marks and 1 memo by ana and bo are on this document; segmentation can be corrected only before anyone codes it, as codings belong to the turns a correction remakes")

	// Another document nobody coded can still be corrected.
	docs, _ := p.Documents(ctx)
	if reason, err := p.SegmentationLocked(ctx, docs[1].ID); err != nil || reason != "" {
		t.Errorf("an uncoded document: %q, %v", reason, err)
	}
	edit(t, p, docs[1].Title, coding.Edit{Kind: coding.EditJoin, Turn: 1})
	checkConsistent(t, p, docs[1].ID)
}

func TestRefusedOnceCopiesExist(t *testing.T) {
	p, doc := demo(t)
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "demo-ana"+store.Extension)
	if err := p.CopyFor(ctx, "ana", out); err != nil {
		t.Fatal(err)
	}
	day := lastAudit(t, p).At.Local().Format("2006-01-02")
	refusedWith(t, p, doc, callsTitle, "coder copies of this project were made on "+day+
		", and a merge matches their turns with the master's, so the turns must stay as they are; segmentation can be corrected only before copies are made")

	c, err := store.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	refusedWith(t, c, doc, callsTitle, "this file is ana's coder copy, whose turns must stay the master's for the merge; its segmentation can be corrected only in the master project, before coder copies are made")
}

// A correction made before the copies is what the copies hold: ana codes the corrected turns
// in her copy, and the merge puts every coding on the turn she coded, with no conflict. After
// the copies the master cannot change its turns (TestRefusedOnceCopiesExist), so a merge never
// meets a turn it cannot place.
func TestCorrectedBeforeCopyingMergesCleanly(t *testing.T) {
	p, doc := demo(t)
	ctx := context.Background()
	edit(t, p, doc, coding.Edit{Kind: coding.EditSplit, Turn: 28, At: 9})
	edit(t, p, doc, coding.Edit{Kind: coding.EditSpeaker, Turn: 30, Label: "东营市总工会办公室"})
	master := turnRows(t, p, doc)

	out := filepath.Join(t.TempDir(), "demo-ana"+store.Extension)
	if err := p.CopyFor(ctx, "ana", out); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if copyRows := turnRows(t, c, doc); !reflect.DeepEqual(copyRows, master) {
		t.Fatal("the copy's turns differ from the master's")
	}
	for _, n := range []int{28, 29, 30} {
		if err := c.SetState(ctx, "ana", master[n-1].ID, coding.TurnState{Reviewed: true, Codes: []string{"code-admission"}}, "code"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditJoin, Turn: 28}); err == nil {
		t.Error("the copy corrected its segmentation")
	}
	c.Close()
	rep, err := p.Merge(ctx, []string{out}, store.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conflicts) != 0 || rep.Sources[0].Codings != 3 || rep.Sources[0].Skipped != 0 {
		t.Errorf("merge report %+v", rep)
	}
	states, err := p.States(ctx, "ana", doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{28, 29, 30} {
		if st := states[master[n-1].ID]; !st.Reviewed || !st.Has("code-admission") {
			t.Errorf("turn %d in the master after the merge: %+v", n, st)
		}
	}
	if len(states) != 3 {
		t.Errorf("ana has %d turns in the master, want 3", len(states))
	}
	// Merged, the master refuses too, whoever codes next.
	if reason, _ := p.SegmentationLocked(ctx, doc); !strings.HasPrefix(reason, "coder copies of this project were made on ") {
		t.Errorf("after the merge: %q", reason)
	}
}

func TestReadOnlyProjectIsNotCorrected(t *testing.T) {
	p, doc := demo(t)
	path := p.Path()
	p.Close()
	r, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if reason, err := r.SegmentationLocked(context.Background(), doc); err != nil || reason != "" {
		t.Errorf("SegmentationLocked on a read-only handle: %q, %v", reason, err)
	}
	if _, err := r.EditSegmentation(context.Background(), doc, coding.Edit{Kind: coding.EditJoin, Turn: 1}); err == nil || err.Error() != "the project was opened to be read, not changed" {
		t.Errorf("edit on a read-only handle: %v", err)
	}
}
