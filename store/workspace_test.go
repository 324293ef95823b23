package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// workspace is a project holding callDoc("call") and the coders ana and bob.
type workspace struct {
	p     *Project
	ctx   context.Context
	doc   string   // document id
	turns []string // turn ids by number - 1
}

func newWorkspace(t *testing.T) workspace {
	t.Helper()
	p := newProject(t)
	ctx := context.Background()
	res := mustImport(t, p, callDoc("call"))
	for _, c := range []string{"ana", "bob"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := p.Turns(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	w := workspace{p: p, ctx: ctx, doc: res.DocumentID}
	for _, r := range rows {
		w.turns = append(w.turns, r.ID)
	}
	return w
}

func (w workspace) set(t *testing.T, coder string, number int, reviewed bool, codes ...string) {
	t.Helper()
	if err := w.p.SetState(w.ctx, coder, w.turns[number-1], coding.TurnState{Codes: codes, Reviewed: reviewed}, "code"); err != nil {
		t.Fatal(err)
	}
}

// codingRows lists the codings table as coder|turn number|code|removed, in that order.
func (w workspace) codingRows(t *testing.T) string {
	t.Helper()
	rows, err := w.p.db.Query(`SELECT c.name, t.number, g.code_id, g.removed FROM codings g
		JOIN coders c ON c.id = g.coder_id JOIN turns t ON t.id = g.turn_id ORDER BY 1, 2, 3`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var coder, code string
		var number, removed int
		if err := rows.Scan(&coder, &number, &code, &removed); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s|%d|%s|%d", coder, number, code, removed))
	}
	return strings.Join(out, " ")
}

func (w workspace) reviewRows(t *testing.T) string {
	t.Helper()
	rows, err := w.p.db.Query(`SELECT c.name, t.number, r.reviewed FROM reviews r
		JOIN coders c ON c.id = r.coder_id JOIN turns t ON t.id = r.turn_id ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var coder string
		var number, reviewed int
		if err := rows.Scan(&coder, &number, &reviewed); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s|%d|%d", coder, number, reviewed))
	}
	return strings.Join(out, " ")
}

func auditLog(t *testing.T, p *Project) []Audit {
	t.Helper()
	log, err := p.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func (w workspace) changedAt(t *testing.T, coder string, number int, code string) int64 {
	t.Helper()
	var at int64
	err := w.p.db.QueryRow(`SELECT g.changed_at FROM codings g JOIN coders c ON c.id = g.coder_id
		WHERE c.name = ? AND g.turn_id = ? AND g.code_id = ?`, coder, w.turns[number-1], code).Scan(&at)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestLinesInReadingOrder(t *testing.T) {
	w := newWorkspace(t)
	lines, err := w.p.Lines(w.ctx, w.doc)
	if err != nil {
		t.Fatal(err)
	}
	sections, err := w.p.Sections(w.ctx, w.doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(sections) != 2 || sections[0].Title != "第一通电话：东营市总工会办公室" || sections[1].Title != "第二通电话" ||
		sections[0].DocumentID != w.doc || sections[0].ID == sections[1].ID || sections[0].ID == 0 {
		t.Fatalf("sections %+v", sections)
	}
	a, b := sections[0].ID, sections[1].ID
	want := []coding.Line{
		{Kind: coding.KindNote, Text: "——preamble——"},
		{Kind: coding.KindHeader, Text: "第一通电话：东营市总工会办公室", SectionID: a},
		{Kind: coding.KindTurn, TurnID: w.turns[0], Number: 1, Speaker: "CLB", Role: coding.RoleRespondent, Text: "喂？", SectionID: a, Codable: true},
		{Kind: coding.KindTurn, TurnID: w.turns[1], Number: 2, Speaker: "东营市总工会", Role: coding.RoleRespondent, Text: "喂，您好。", SectionID: a, Codable: true},
		{Kind: coding.KindNote, Text: "——电话被挂断——", SectionID: a},
		{Kind: coding.KindHeader, Text: "第二通电话", SectionID: b},
		{Kind: coding.KindTurn, TurnID: w.turns[2], Number: 3, Speaker: "CLB", Role: coding.RoleRespondent, Text: "请问是工会吗？", SectionID: b, Codable: true},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d: %+v", len(lines), len(want), lines)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d\n got %+v\nwant %+v", i, lines[i], want[i])
		}
	}
}

func TestLinesProseTurnsAreCodable(t *testing.T) {
	p := newProject(t)
	res := mustImport(t, p, &coding.Document{Title: "essay", Format: "prose", Items: []coding.Item{
		{Kind: coding.KindTurn, Text: "First paragraph."},
	}})
	lines, err := p.Lines(context.Background(), res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || !lines[0].Codable || lines[0].Speaker != "" || lines[0].Role != "" || lines[0].SectionID != 0 {
		t.Errorf("lines %+v", lines)
	}
}

func TestLinesCodableFollowsRolesAndSetting(t *testing.T) {
	w := newWorkspace(t)
	if on, err := w.p.CodeInterviewers(w.ctx); err != nil || on {
		t.Fatalf("code interviewers by default: %v, %v", on, err)
	}
	if err := w.p.SetRole(w.ctx, "CLB", coding.RoleInterviewer); err != nil {
		t.Fatal(err)
	}
	codable := func() string {
		t.Helper()
		lines, err := w.p.Lines(w.ctx, w.doc)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range lines {
			if l.Kind == coding.KindTurn {
				out = append(out, fmt.Sprintf("%d:%s:%v", l.Number, l.Role, l.Codable))
			} else if l.Codable {
				t.Errorf("a %s is codable", l.Kind)
			}
		}
		return strings.Join(out, " ")
	}
	if got, want := codable(), "1:interviewer:false 2:respondent:true 3:interviewer:false"; got != want {
		t.Errorf("with CLB an interviewer: %s, want %s", got, want)
	}
	if err := w.p.SetCodeInterviewers(w.ctx, true); err != nil {
		t.Fatal(err)
	}
	if on, err := w.p.CodeInterviewers(w.ctx); err != nil || !on {
		t.Fatalf("code interviewers after setting it: %v, %v", on, err)
	}
	if got, want := codable(), "1:interviewer:true 2:respondent:true 3:interviewer:true"; got != want {
		t.Errorf("coding interviewers too: %s, want %s", got, want)
	}
	if v, _ := w.p.Meta(w.ctx, "code_interviewer"); v != "1" {
		t.Errorf("meta code_interviewer = %q", v)
	}
	before := len(auditLog(t, w.p))
	if err := w.p.SetCodeInterviewers(w.ctx, true); err != nil { // no change
		t.Fatal(err)
	}
	if err := w.p.SetCodeInterviewers(w.ctx, false); err != nil {
		t.Fatal(err)
	}
	log := auditLog(t, w.p)
	if len(log) != before+1 || log[len(log)-1].Action != "code interviewers" || log[len(log)-1].Detail != "off" {
		t.Errorf("audit after setting it again and off: %+v", log[before-1:])
	}
	if got, want := codable(), "1:interviewer:false 2:respondent:true 3:interviewer:false"; got != want {
		t.Errorf("after switching it off: %s, want %s", got, want)
	}
}

func TestUnknownDocumentIsAnError(t *testing.T) {
	w := newWorkspace(t)
	if _, err := w.p.Lines(w.ctx, "nope"); err == nil || !strings.Contains(err.Error(), `no document "nope"`) {
		t.Errorf("Lines: %v", err)
	}
	if _, err := w.p.Sections(w.ctx, "nope"); err == nil || !strings.Contains(err.Error(), `no document "nope"`) {
		t.Errorf("Sections: %v", err)
	}
	if _, err := w.p.States(w.ctx, "ana", "nope"); err == nil || !strings.Contains(err.Error(), `no document "nope"`) {
		t.Errorf("States: %v", err)
	}
	if _, err := w.p.AllStates(w.ctx, "nope"); err == nil || !strings.Contains(err.Error(), `no document "nope"`) {
		t.Errorf("AllStates: %v", err)
	}
	if st, err := w.p.States(w.ctx, "ana", w.doc); err != nil || len(st) != 0 {
		t.Errorf("States of an uncoded document: %v, %v", st, err)
	}
}

func TestSetStateAppliesReplacesAndTombstones(t *testing.T) {
	w := newWorkspace(t)
	w.p.Actor = "lead"
	w.set(t, "ana", 2, true, "c-def", "c-ref") // given out of codebook order
	if got, want := w.codingRows(t), "ana|2|c-def|0 ana|2|c-ref|0"; got != want {
		t.Errorf("codings after coding: %s, want %s", got, want)
	}
	if got, want := w.reviewRows(t), "ana|2|1"; got != want {
		t.Errorf("reviews: %s, want %s", got, want)
	}
	st, err := w.p.States(w.ctx, "ana", w.doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := st[w.turns[1]]; len(st) != 1 || !got.Reviewed || strings.Join(got.Codes, ",") != "c-ref,c-def" {
		t.Errorf("states %+v (codes in codebook order)", st)
	}
	log := auditLog(t, w.p)
	if last := log[len(log)-1]; last.Action != "code" || last.Actor != "lead" || last.Detail != "call, turn 2 (ana): referral, deflection" {
		t.Errorf("audit entry %+v", last)
	}

	refAt := w.changedAt(t, "ana", 2, "c-ref")
	w.set(t, "ana", 2, true, "c-ref") // deflection off
	if got, want := w.codingRows(t), "ana|2|c-def|1 ana|2|c-ref|0"; got != want {
		t.Errorf("codings after removing one: %s, want %s", got, want)
	}
	if at := w.changedAt(t, "ana", 2, "c-ref"); at != refAt {
		t.Errorf("an unchanged coding got a new time: %d -> %d", refAt, at)
	}

	w.set(t, "ana", 2, true) // reviewed, no code applies
	if got, want := w.codingRows(t), "ana|2|c-def|1 ana|2|c-ref|1"; got != want {
		t.Errorf("codings after no-code: %s, want %s", got, want)
	}
	st, _ = w.p.States(w.ctx, "ana", w.doc)
	if got := st[w.turns[1]]; len(st) != 1 || !got.Reviewed || len(got.Codes) != 0 {
		t.Errorf("reviewed with no code: %+v", st)
	}
	log = auditLog(t, w.p)
	if last := log[len(log)-1]; last.Detail != "call, turn 2 (ana): no code applies" {
		t.Errorf("audit entry %+v", last)
	}

	w.set(t, "ana", 2, true, "c-def") // a tombstone comes back to life
	if got, want := w.codingRows(t), "ana|2|c-def|0 ana|2|c-ref|1"; got != want {
		t.Errorf("codings after re-coding: %s, want %s", got, want)
	}

	w.set(t, "ana", 2, false) // back to nothing: no state at all
	if got, want := w.reviewRows(t), "ana|2|0"; got != want {
		t.Errorf("reviews after un-reviewing: %s, want %s", got, want)
	}
	if st, _ := w.p.States(w.ctx, "ana", w.doc); len(st) != 0 {
		t.Errorf("states after clearing: %+v", st)
	}
	log = auditLog(t, w.p)
	if last := log[len(log)-1]; last.Detail != "call, turn 2 (ana): not reviewed" {
		t.Errorf("audit entry %+v", last)
	}
}

func TestSetStateWithoutChangeWritesNothing(t *testing.T) {
	w := newWorkspace(t)
	w.set(t, "ana", 1, true, "c-ref")
	before := auditLog(t, w.p)
	at := w.changedAt(t, "ana", 1, "c-ref")
	for _, st := range []coding.TurnState{
		{Codes: []string{"c-ref"}, Reviewed: true},
		{Codes: []string{"c-ref", "c-ref"}, Reviewed: true}, // a repeated code is one code
	} {
		if err := w.p.SetState(w.ctx, "ana", w.turns[0], st, "redo"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.p.SetState(w.ctx, "bob", w.turns[2], coding.TurnState{}, "undo"); err != nil { // empty over nothing
		t.Fatal(err)
	}
	if after := auditLog(t, w.p); len(after) != len(before) {
		t.Errorf("an unchanged state was audited: %+v", after[len(before):])
	}
	if w.changedAt(t, "ana", 1, "c-ref") != at {
		t.Error("an unchanged state was rewritten")
	}
	if got, want := w.reviewRows(t), "ana|1|1"; got != want {
		t.Errorf("reviews %s, want %s", got, want)
	}
}

func TestSetStateRefusesUnknownsAndWritesNothing(t *testing.T) {
	w := newWorkspace(t)
	w.set(t, "ana", 1, true, "c-ref")
	rows, reviews, log := w.codingRows(t), w.reviewRows(t), auditLog(t, w.p)
	cases := []struct {
		coder, turn string
		codes       []string
		want        string
	}{
		{"carl", w.turns[0], []string{"c-def"}, `no coder "carl" in the project`},
		{"ana", "no-such-turn", []string{"c-def"}, `no turn "no-such-turn" in the project`},
		{"ana", w.turns[0], []string{"c-def", "c-nope"}, `no code "c-nope" in the codebook`},
		{"ana", w.turns[0], []string{""}, `no code "" in the codebook`},
	}
	for _, c := range cases {
		err := w.p.SetState(w.ctx, c.coder, c.turn, coding.TurnState{Codes: c.codes, Reviewed: true}, "code")
		if err == nil || err.Error() != c.want {
			t.Errorf("SetState(%s, %s, %v): %v, want %q", c.coder, c.turn, c.codes, err, c.want)
		}
	}
	if w.codingRows(t) != rows || w.reviewRows(t) != reviews || len(auditLog(t, w.p)) != len(log) {
		t.Errorf("a refused SetState wrote something: %s / %s", w.codingRows(t), w.reviewRows(t))
	}
}

func TestSetStateTimesStrictlyIncrease(t *testing.T) {
	w := newWorkspace(t)
	w.set(t, "ana", 1, true, "c-ref")
	first := w.changedAt(t, "ana", 1, "c-ref")
	w.set(t, "ana", 1, true) // straight after: off
	second := w.changedAt(t, "ana", 1, "c-ref")
	if second <= first {
		t.Errorf("changed_at went %d -> %d", first, second)
	}
	// A row merged from a machine whose clock runs an hour ahead: the next change is later still.
	future := second + 3600e9
	if _, err := w.p.db.Exec(`UPDATE codings SET changed_at = ? WHERE turn_id = ?`, future, w.turns[0]); err != nil {
		t.Fatal(err)
	}
	w.set(t, "ana", 1, true, "c-ref")
	if at := w.changedAt(t, "ana", 1, "c-ref"); at != future+1 {
		t.Errorf("changed_at after a future-dated row: %d, want %d", at, future+1)
	}
	var reviewAt int64
	w.p.db.QueryRow(`SELECT changed_at FROM reviews WHERE turn_id = ?`, w.turns[0]).Scan(&reviewAt)
	w.set(t, "ana", 1, false, "c-ref")
	var again int64
	w.p.db.QueryRow(`SELECT changed_at FROM reviews WHERE turn_id = ?`, w.turns[0]).Scan(&again)
	if again <= reviewAt || again <= future {
		t.Errorf("review changed_at %d -> %d (future row at %d)", reviewAt, again, future)
	}
}

func TestSetStateKeepsARemovedCodeButWillNotGiveIt(t *testing.T) {
	w := newWorkspace(t)
	w.set(t, "ana", 1, true, "c-ref")
	if _, err := w.p.db.Exec(`UPDATE codes SET removed = 1 WHERE id = 'c-ref'`); err != nil {
		t.Fatal(err)
	}
	w.set(t, "ana", 1, true, "c-ref", "c-def") // the GUI hands back what States gave it, plus one
	if got, want := w.codingRows(t), "ana|1|c-def|0 ana|1|c-ref|0"; got != want {
		t.Errorf("codings %s, want %s", got, want)
	}
	err := w.p.SetState(w.ctx, "ana", w.turns[1], coding.TurnState{Codes: []string{"c-ref"}, Reviewed: true}, "code")
	if err == nil || !strings.Contains(err.Error(), `"referral" was removed from the codebook`) {
		t.Errorf("giving a removed code: %v", err)
	}
	if got, want := w.codingRows(t), "ana|1|c-def|0 ana|1|c-ref|0"; got != want {
		t.Errorf("codings after a refusal %s, want %s", got, want)
	}
}

func TestStatesAreEachCodersOwn(t *testing.T) {
	w := newWorkspace(t)
	w.set(t, "ana", 1, true, "c-ref")
	w.set(t, "ana", 3, true)
	w.set(t, "bob", 1, true, "c-def", "c-ref")
	w.set(t, "bob", 2, false, "c-def")           // coded but not (yet) reviewed
	ana, err := w.p.States(w.ctx, " ａｎａ", w.doc) // names are matched as AddCoder normalises them
	if err != nil {
		t.Fatal(err)
	}
	bob, err := w.p.States(w.ctx, "bob", w.doc)
	if err != nil {
		t.Fatal(err)
	}
	show := func(m map[string]coding.TurnState) string {
		var out []string
		for i, id := range w.turns {
			if st, ok := m[id]; ok {
				out = append(out, fmt.Sprintf("%d:%s:%v", i+1, strings.Join(st.Codes, ","), st.Reviewed))
			}
		}
		if len(out) != len(m) {
			t.Errorf("states of turns outside the document: %+v", m)
		}
		return strings.Join(out, " ")
	}
	if got, want := show(ana), "1:c-ref:true 3::true"; got != want {
		t.Errorf("ana: %s, want %s", got, want)
	}
	if got, want := show(bob), "1:c-ref,c-def:true 2:c-def:false"; got != want {
		t.Errorf("bob: %s, want %s", got, want)
	}
	if _, err := w.p.States(w.ctx, "carl", w.doc); err == nil || err.Error() != `no coder "carl" in the project` {
		t.Errorf("unknown coder: %v", err)
	}
	all, err := w.p.AllStates(w.ctx, w.doc)
	if err != nil {
		t.Fatal(err)
	}
	byCoder := func(coder string) map[string]coding.TurnState {
		m := map[string]coding.TurnState{}
		for turn, cs := range all {
			if st, ok := cs[coder]; ok {
				m[turn] = st
			}
		}
		return m
	}
	if len(all) != 3 || show(byCoder("ana")) != show(ana) || show(byCoder("bob")) != show(bob) {
		t.Errorf("all states %+v", all)
	}
	// Another document's codings stay out.
	other := mustImport(t, w.p, &coding.Document{Title: "other", Format: "turns", Items: []coding.Item{{Kind: coding.KindTurn, Speaker: "A", Text: "x"}}})
	turns, _ := w.p.Turns(w.ctx, other.DocumentID)
	if err := w.p.SetState(w.ctx, "ana", turns[0].ID, coding.TurnState{Codes: []string{"c-def"}, Reviewed: true}, "code"); err != nil {
		t.Fatal(err)
	}
	if again, _ := w.p.States(w.ctx, "ana", w.doc); show(again) != show(ana) {
		t.Errorf("ana after coding another document: %s", show(again))
	}
	if st, _ := w.p.AllStates(w.ctx, other.DocumentID); len(st) != 1 || len(st[turns[0].ID]) != 1 {
		t.Errorf("all states of the other document: %+v", st)
	}
}

func TestAllStatesIncludesConsensus(t *testing.T) {
	w := newWorkspace(t)
	addConsensus(t, w.p)
	w.set(t, "consensus", 2, true, "c-ref")
	all, err := w.p.AllStates(w.ctx, w.doc)
	if err != nil {
		t.Fatal(err)
	}
	if st := all[w.turns[1]]["consensus"]; len(all) != 1 || !st.Reviewed || !st.Has("c-ref") {
		t.Errorf("all states %+v", all)
	}
}

func TestProgressCountsReviewedCodableTurns(t *testing.T) {
	w := newWorkspace(t)
	other := mustImport(t, w.p, &coding.Document{Title: "essay", Format: "prose", Items: []coding.Item{
		{Kind: coding.KindTurn, Text: "p1"}, {Kind: coding.KindTurn, Text: "p2"},
	}})
	empty := mustImport(t, w.p, &coding.Document{Title: "empty", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindHeader, Text: "nothing here"}, {Kind: coding.KindNote, Text: "silence"},
	}})
	sections, _ := w.p.Sections(w.ctx, w.doc)
	a, b := sections[0].ID, sections[1].ID
	emptySections, _ := w.p.Sections(w.ctx, empty.DocumentID)
	prose, _ := w.p.Turns(w.ctx, other.DocumentID)

	w.set(t, "ana", 1, true, "c-ref")
	w.set(t, "ana", 3, true)
	w.set(t, "ana", 2, false, "c-def") // coded, not reviewed: not done
	w.set(t, "bob", 2, true)
	if err := w.p.SetState(w.ctx, "ana", prose[1].ID, coding.TurnState{Reviewed: true}, "review"); err != nil {
		t.Fatal(err)
	}
	check := func(label string, got ProgressReport, docs map[string]coding.Progress, secs map[int64]coding.Progress, project coding.Progress) {
		t.Helper()
		if got.Project != project {
			t.Errorf("%s: project %+v, want %+v", label, got.Project, project)
		}
		if len(got.Documents) != len(docs) {
			t.Errorf("%s: documents %+v", label, got.Documents)
		}
		for k, v := range docs {
			if got.Documents[k] != v {
				t.Errorf("%s: document %s %+v, want %+v", label, k, got.Documents[k], v)
			}
		}
		if len(got.Sections) != len(secs) {
			t.Errorf("%s: sections %+v", label, got.Sections)
		}
		for k, v := range secs {
			if got.Sections[k] != v {
				t.Errorf("%s: section %d %+v, want %+v", label, k, got.Sections[k], v)
			}
		}
	}
	ana, err := w.p.Progress(w.ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	check("ana", ana,
		map[string]coding.Progress{w.doc: {Reviewed: 2, Codable: 3}, other.DocumentID: {Reviewed: 1, Codable: 2}, empty.DocumentID: {}},
		map[int64]coding.Progress{a: {Reviewed: 1, Codable: 2}, b: {Reviewed: 1, Codable: 1}, emptySections[0].ID: {}},
		coding.Progress{Reviewed: 3, Codable: 5})

	// CLB interviews: turns 1 and 3 leave the scope, and ana's reviews of them stop counting.
	if err := w.p.SetRole(w.ctx, "CLB", coding.RoleInterviewer); err != nil {
		t.Fatal(err)
	}
	ana, _ = w.p.Progress(w.ctx, "ana")
	check("ana, CLB interviewer", ana,
		map[string]coding.Progress{w.doc: {Reviewed: 0, Codable: 1}, other.DocumentID: {Reviewed: 1, Codable: 2}, empty.DocumentID: {}},
		map[int64]coding.Progress{a: {Reviewed: 0, Codable: 1}, b: {Reviewed: 0, Codable: 0}, emptySections[0].ID: {}},
		coding.Progress{Reviewed: 1, Codable: 3})
	bob, _ := w.p.Progress(w.ctx, "bob")
	check("bob, CLB interviewer", bob,
		map[string]coding.Progress{w.doc: {Reviewed: 1, Codable: 1}, other.DocumentID: {Codable: 2}, empty.DocumentID: {}},
		map[int64]coding.Progress{a: {Reviewed: 1, Codable: 1}, b: {}, emptySections[0].ID: {}},
		coding.Progress{Reviewed: 1, Codable: 3})

	w.p.SetCodeInterviewers(w.ctx, true)
	ana, _ = w.p.Progress(w.ctx, "ana")
	check("ana, coding interviewers", ana,
		map[string]coding.Progress{w.doc: {Reviewed: 2, Codable: 3}, other.DocumentID: {Reviewed: 1, Codable: 2}, empty.DocumentID: {}},
		map[int64]coding.Progress{a: {Reviewed: 1, Codable: 2}, b: {Reviewed: 1, Codable: 1}, emptySections[0].ID: {}},
		coding.Progress{Reviewed: 3, Codable: 5})

	if _, err := w.p.Progress(w.ctx, "carl"); err == nil || err.Error() != `no coder "carl" in the project` {
		t.Errorf("unknown coder: %v", err)
	}
}

func TestSearch(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	first := mustImport(t, p, callDoc("call"))
	second := mustImport(t, p, &coding.Document{Title: "second", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "A", Text: "Call ＣＬＢ at ８３３６８７８, please."},
		{Kind: coding.KindNote, Text: "工会 (a note, never found)"},
		{Kind: coding.KindTurn, Speaker: "B", Text: "Reached 100% of the_target; the union (工会) said no."},
		{Kind: coding.KindTurn, Speaker: "B", Text: "100 percent of thextarget"},
		{Kind: coding.KindTurn, Speaker: "A", Text: "clb called back: 8336878"},
	}})
	third := mustImport(t, p, &coding.Document{Title: "third", Format: "prose", Items: []coding.Item{
		{Kind: coding.KindTurn, Text: "ﾊﾞｽ停で…　Café au lait"}, // half-width katakana, an ellipsis, a decomposed é
	}})
	hits := func(query string, limit int) string {
		t.Helper()
		got, err := p.Search(ctx, query, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range got {
			if h.TurnID == "" || h.Text == "" || (h.DocumentID != first.DocumentID && h.DocumentID != second.DocumentID && h.DocumentID != third.DocumentID) {
				t.Errorf("hit %+v", h)
			}
			out = append(out, fmt.Sprintf("%s#%d", h.Document, h.Number))
		}
		return strings.Join(out, " ")
	}
	cases := []struct {
		query string
		limit int
		want  string
	}{
		{"工会", 0, "call#3 second#2"},        // Chinese substring, document order then number
		{"您好", 0, "call#2"},                 // full-width punctuation around it
		{"CALL", 0, "second#1 second#4"},    // case-insensitive
		{"CLB", 0, "second#1 second#4"},     // half-width query, full-width text
		{"ｃｌｂ", 0, "second#1 second#4"},     // full-width query
		{"8336878", 0, "second#1 second#4"}, // full-width digits
		{"100%", 0, "second#2"},             // % is a percent sign
		{"the_target", 0, "second#2"},       // _ is an underscore
		{"%", 0, "second#2"},                // not everything
		{"_", 0, "second#2"},                // not everything
		{"工会", 1, "call#3"},                 // limit
		{"  工会 ", 0, "call#3 second#2"},     // surrounding space ignored
		{"バス停", 0, "third#1"},               // half-width katakana in the text
		{"で...", 0, "third#1"},              // … is three dots
		{"CAFÉ AU", 0, "third#1"},           // composed query, decomposed text, ideographic space
		{"a note", 0, ""},                   // notes are not turns
		{"nowhere to be found", 0, ""},
	}
	for _, c := range cases {
		if got := hits(c.query, c.limit); got != c.want {
			t.Errorf("Search(%q, %d) = %q, want %q", c.query, c.limit, got, c.want)
		}
	}
	for _, q := range []string{"", "   "} {
		if got, err := p.Search(ctx, q, 0); got != nil || err != nil {
			t.Errorf("Search(%q) = %v, %v", q, got, err)
		}
	}
	got, _ := p.Search(ctx, "您好", 0)
	if len(got) != 1 || got[0].Text != "喂，您好。" || got[0].Document != "call" || got[0].DocumentID != first.DocumentID {
		t.Errorf("hit %+v", got)
	}
}

func TestSearchDefaultLimit(t *testing.T) {
	p := newProject(t)
	doc := &coding.Document{Title: "many", Format: "turns"}
	for i := 0; i < 250; i++ {
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: "A", Text: fmt.Sprintf("工会 %d", i)})
	}
	mustImport(t, p, doc)
	got, err := p.Search(context.Background(), "工会", -1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 200 || got[0].Number != 1 || got[199].Number != 200 {
		t.Errorf("%d hits, first %+v", len(got), got[0])
	}
}

func TestMemos(t *testing.T) {
	w := newWorkspace(t)
	w.p.Actor = "lead"
	if m, err := w.p.Memo(w.ctx, "ana", w.turns[1]); err != nil || m != "" {
		t.Errorf("no memo yet: %q, %v", m, err)
	}
	before := len(auditLog(t, w.p))
	if err := w.p.SetMemo(w.ctx, "ana", w.turns[1], "转介到市总？"); err != nil {
		t.Fatal(err)
	}
	if err := w.p.SetMemo(w.ctx, "bob", w.turns[1], "bob's own"); err != nil {
		t.Fatal(err)
	}
	if m, err := w.p.Memo(w.ctx, "ana", w.turns[1]); err != nil || m != "转介到市总？" {
		t.Errorf("memo %q, %v", m, err)
	}
	if m, _ := w.p.Memo(w.ctx, "bob", w.turns[1]); m != "bob's own" {
		t.Errorf("bob's memo %q", m)
	}
	var at1 int64
	w.p.db.QueryRow(`SELECT changed_at FROM memos m JOIN coders c ON c.id = m.coder_id WHERE c.name = 'ana'`).Scan(&at1)
	if err := w.p.SetMemo(w.ctx, "ana", w.turns[1], "rewritten"); err != nil {
		t.Fatal(err)
	}
	if m, _ := w.p.Memo(w.ctx, "ana", w.turns[1]); m != "rewritten" {
		t.Errorf("overwritten memo %q", m)
	}
	if err := w.p.SetMemo(w.ctx, "ana", w.turns[1], "rewritten"); err != nil { // same text: no change
		t.Fatal(err)
	}
	if err := w.p.SetMemo(w.ctx, "ana", w.turns[1], ""); err != nil {
		t.Fatal(err)
	}
	var n int
	var at2 int64
	w.p.db.QueryRow(`SELECT COUNT(*), MAX(changed_at) FROM memos m JOIN coders c ON c.id = m.coder_id WHERE c.name = 'ana' AND m.text = ''`).Scan(&n, &at2)
	if n != 1 || at2 <= at1 {
		t.Errorf("an emptied memo: %d rows, changed_at %d -> %d", n, at1, at2)
	}
	if m, err := w.p.Memo(w.ctx, "ana", w.turns[1]); err != nil || m != "" {
		t.Errorf("emptied memo %q, %v", m, err)
	}
	log := auditLog(t, w.p)[before:]
	var got []string
	for _, a := range log {
		got = append(got, a.Action+": "+a.Detail)
		if a.Actor != "lead" {
			t.Errorf("actor %q", a.Actor)
		}
	}
	want := "memo: call, turn 2 (ana)|memo: call, turn 2 (bob)|memo: call, turn 2 (ana)|memo: call, turn 2 (ana)"
	if strings.Join(got, "|") != want {
		t.Errorf("audit\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if err := w.p.SetMemo(w.ctx, "carl", w.turns[1], "x"); err == nil || err.Error() != `no coder "carl" in the project` {
		t.Errorf("memo of an unknown coder: %v", err)
	}
	if err := w.p.SetMemo(w.ctx, "ana", "nope", "x"); err == nil || err.Error() != `no turn "nope" in the project` {
		t.Errorf("memo on an unknown turn: %v", err)
	}
	if _, err := w.p.Memo(w.ctx, "ana", "nope"); err == nil {
		t.Error("reading a memo on an unknown turn: no error")
	}
}

func TestExportCodingsAgreesWithSetState(t *testing.T) {
	w := newWorkspace(t)
	w.set(t, "ana", 2, true, "c-ref", "c-def")
	w.set(t, "ana", 2, true, "c-def") // referral tombstoned: not exported
	w.set(t, "ana", 3, true)          // no code applies: one empty row
	w.set(t, "bob", 1, true, "c-ref")
	w.set(t, "bob", 3, true, "c-def")
	w.set(t, "bob", 3, false) // cleared: nothing
	rows, err := w.p.ExportCodings(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s|%d|%s|%s", r.Document, r.Turn, r.Coder, r.Code))
	}
	want := "call|1|bob|referral call|2|ana|deflection call|3|ana|"
	if strings.Join(got, " ") != want {
		t.Errorf("export\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	// And the other way round: what ImportCodings writes, States reads.
	w2 := newWorkspace(t)
	if _, err := w2.p.ImportCodings(w2.ctx, []coding.CodingRow{
		{Document: "call", Turn: 2, Coder: "ana", Code: "deflection", Line: 2},
		{Document: "call", Turn: 2, Coder: "ana", Code: "referral", Line: 3},
		{Document: "call", Turn: 3, Coder: "ana", Code: "", Line: 4},
	}, "x.csv"); err != nil {
		t.Fatal(err)
	}
	st, err := w2.p.States(w2.ctx, "ana", w2.doc)
	if err != nil {
		t.Fatal(err)
	}
	if s2, s3 := st[w2.turns[1]], st[w2.turns[2]]; len(st) != 2 || !s2.Equal(coding.TurnState{Codes: []string{"c-ref", "c-def"}, Reviewed: true}) ||
		strings.Join(s2.Codes, ",") != "c-ref,c-def" || !s3.Reviewed || len(s3.Codes) != 0 {
		t.Errorf("states after importing codings %+v", st)
	}
}

// TestDocumentsCountTurns holds Documents' turn counts (each document's last turn number) to
// a count of the rows, for documents with notes and headers among their turns and one with
// none.
func TestDocumentsCountTurns(t *testing.T) {
	p := newProject(t)
	mustImport(t, p, callDoc("a"))
	long := callDoc("b")
	for i := range 50 {
		long.Items = append(long.Items, coding.Item{Kind: coding.KindTurn, Speaker: "CLB", Text: fmt.Sprintf("第%d句", i)},
			coding.Item{Kind: coding.KindNote, Text: "（停顿）"})
	}
	mustImport(t, p, long)
	mustImport(t, p, &coding.Document{Title: "c", Format: "prose", Items: []coding.Item{{Kind: coding.KindNote, Text: "只有说明"}}})
	docs, err := p.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents", len(docs))
	}
	for _, d := range docs {
		var n int
		if err := p.db.QueryRow(`SELECT COUNT(*) FROM turns WHERE document_id = ?`, d.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if d.Turns != n {
			t.Errorf("%s: Documents counts %d turns, the table holds %d", d.Title, d.Turns, n)
		}
	}
	if docs[0].Turns != 3 || docs[1].Turns != 53 || docs[2].Turns != 0 {
		t.Errorf("turns %d, %d, %d; want 3, 53, 0", docs[0].Turns, docs[1].Turns, docs[2].Turns)
	}
}
