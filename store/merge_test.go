package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

func mustMerge(t testing.TB, p *Project, sources ...string) MergeReport {
	t.Helper()
	rep, err := p.Merge(context.Background(), sources, MergeOptions{AllCoders: true})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// closed closes a copy (as the coder's app does before the file is sent) and returns its path.
func closed(c *Project) string {
	c.Close()
	return c.Path()
}

// rawExec runs raw SQL on a project file, for states the API does not make (ties, tampering).
func rawExec(t testing.TB, p *Project, query string, args ...any) {
	t.Helper()
	if _, err := p.db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestMergeAddsADocumentOfACopy(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "ana")
	// After the copy was made the lead declares 市总工会 another name of 东营市总工会; the copy
	// does not know it.
	mustImport(t, p, &coding.Document{Title: "alias source", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "市总工会", Text: "喂？"}}})
	if err := p.Alias(ctx, "市总工会", "东营市总工会"); err != nil {
		t.Fatal(err)
	}
	// The coder imports a document with a known speaker, one the master knows by an alias,
	// and two new ones, of which one is declared an alias of the other in the copy.
	doc := &coding.Document{Title: "new call", Format: "turns", Items: []coding.Item{
		{Kind: coding.KindNote, Text: "——录音开始——"},
		{Kind: coding.KindHeader, Text: "第三通电话"},
		{Kind: coding.KindTurn, Speaker: "CLB", Text: "您好，请问是工会吗？"},
		{Kind: coding.KindTurn, Speaker: "市总工会", Text: "是的。"},
		{Kind: coding.KindTurn, Speaker: "胜利石油管理局工会", Text: "找谁？"},
		{Kind: coding.KindNote, Text: "——转接——"},
		{Kind: coding.KindHeader, Text: "第四通电话"},
		{Kind: coding.KindTurn, Speaker: "石油管理局工会", Text: "您说。"},
	}}
	res := mustImport(t, c, doc)
	if err := c.Alias(ctx, "石油管理局工会", "胜利石油管理局工会"); err != nil {
		t.Fatal(err)
	}
	newTurns, _ := c.Turns(ctx, res.DocumentID)
	set(t, c, "ana", newTurns[0].ID, true, "c-ref")
	set(t, c, "ana", turns[0], true, "c-def")

	rep := mustMerge(t, p, closed(c))
	c = mustOpen(t, c.Path())
	if len(rep.Documents) != 1 || rep.Documents[0].Title != "new call" || rep.Documents[0].Turns != 4 || rep.Sources[0].Documents != 1 {
		t.Errorf("documents in the report: %+v", rep.Documents)
	}
	if strings.Join(rep.Speakers, ",") != "胜利石油管理局工会" {
		t.Errorf("speakers added %v, want only 胜利石油管理局工会 (市总工会 is an alias in the master)", rep.Speakers)
	}
	got, err := p.Turns(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].Role, newTurns[i].Role = "", ""
	}
	if newTurns[1].Speaker != "市总工会" || got[1].Speaker != "东营市总工会" {
		t.Errorf("turn 2 speaker: copy %q, master %q; want the master's alias honoured", newTurns[1].Speaker, got[1].Speaker)
	}
	got[1].Speaker = newTurns[1].Speaker
	if !reflect.DeepEqual(got, newTurns) {
		t.Errorf("master's turns of the new document\n%+v\nwant the copy's\n%+v", got, newTurns)
	}
	lines, _ := p.Lines(ctx, res.DocumentID)
	var kinds []string
	for _, l := range lines {
		kinds = append(kinds, fmt.Sprint(l.Kind))
	}
	copyLines, _ := c.Lines(ctx, res.DocumentID)
	if len(lines) != len(copyLines) || len(lines) != 8 {
		t.Errorf("lines %v", kinds)
	}
	if id, _, err := findSpeaker(ctx, p.db, "石油管理局工会"); err != nil {
		t.Errorf("the copy's alias is not in the master: %v", err)
	} else if canon, _, _ := findSpeaker(ctx, p.db, "胜利石油管理局工会"); canon != id {
		t.Error("the alias points to another speaker")
	}
	st, _ := p.States(ctx, "ana", res.DocumentID)
	if s := st[newTurns[0].ID]; !s.Reviewed || !reflect.DeepEqual(s.Codes, []string{"c-ref"}) {
		t.Errorf("ana's coding of the new document: %+v", s)
	}
	// Merged again, or after a further import in the master of the same content: nothing new.
	if rep := mustMerge(t, p, closed(c)); rep.Changes() || len(rep.Documents) != 0 {
		t.Errorf("second merge: %+v", rep)
	}
}

func TestMergeCodebookIsLastWriterWinsPerCode(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "ana")
	now := time.Now().UnixNano()
	// c-adm renamed in both: the master's later rename wins. c-def renamed in the copy only.
	rawExec(t, c, `UPDATE codes SET name = 'admission (copy)', changed_at = ? WHERE id = 'c-adm'`, now+1)
	rawExec(t, p, `UPDATE codes SET name = 'admission (master)', changed_at = ? WHERE id = 'c-adm'`, now+2)
	rawExec(t, c, `UPDATE codes SET name = 'deflection v2', definition = 'passing the buck', changed_at = ? WHERE id = 'c-def'`, now+3)
	rawExec(t, c, `UPDATE codes SET removed = 1, changed_at = ? WHERE id = 'c-ref2'`, now+4)
	// A code made in the copy, used there; and one made in both places under one name.
	rawExec(t, c, `INSERT INTO codes(id, name, shortcut, position, changed_at) VALUES ('c-new', 'apology', '5', 5, ?)`, now+5)
	rawExec(t, c, `INSERT INTO codes(id, name, position, changed_at) VALUES ('c-dup-copy', 'threat', 6, ?)`, now+6)
	rawExec(t, p, `INSERT INTO codes(id, name, position, changed_at) VALUES ('c-dup-master', 'threat', 6, ?)`, now+7)
	set(t, c, "ana", turns[0], true, "c-new")
	set(t, c, "ana", turns[1], true, "c-dup-copy", "c-ref")

	rep := mustMerge(t, p, closed(c))
	codes, _ := p.Codes(ctx)
	var names []string
	for _, k := range codes {
		names = append(names, k.ID+"="+k.Name)
	}
	if want := "c-ref=referral c-def=deflection v2 c-adm=admission (master) c-new=apology c-dup-master=threat"; strings.Join(names, " ") != want {
		t.Errorf("codebook %s\nwant %s", strings.Join(names, " "), want)
	}
	if len(rep.CodesAdded) != 1 || rep.CodesAdded[0].ID != "c-new" {
		t.Errorf("codes added %+v", rep.CodesAdded)
	}
	changed := map[string]CodeChange{}
	for _, ch := range rep.CodesChanged {
		changed[ch.ID] = ch
	}
	if len(changed) != 2 || changed["c-def"].Was != "deflection" || !changed["c-ref2"].Removed {
		t.Errorf("codes changed %+v", rep.CodesChanged)
	}
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].Code != "c-dup-copy" || !strings.Contains(rep.Conflicts[0].Reason, "threat") {
		t.Errorf("conflicts %+v", rep.Conflicts)
	}
	st, _ := p.States(ctx, "ana", turnsDoc(t, p, turns[1]))
	if s := st[turns[1]]; !reflect.DeepEqual(s.Codes, []string{"c-ref"}) || rep.Sources[0].Skipped != 1 {
		t.Errorf("ana's state of turn 2: %+v (skipped %d); want c-ref only: the conflicting code is not merged", s, rep.Sources[0].Skipped)
	}
	if rep := mustMerge(t, p, c.Path()); len(rep.CodesAdded)+len(rep.CodesChanged) != 0 {
		t.Errorf("re-merge changed codes again: %+v", rep)
	}
}

func turnsDoc(t testing.TB, p *Project, turn string) string {
	t.Helper()
	var doc string
	if err := p.db.QueryRow(`SELECT document_id FROM turns WHERE id = ?`, turn).Scan(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestMergeTombstonesAndTies(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	set(t, p, "ana", turns[0], true, "c-ref")
	set(t, p, "ana", turns[1], true, "c-ref")
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[0], true)          // removed in the copy, later than the master's: removed
	set(t, c, "ana", turns[1], true)          // removed in the copy...
	set(t, p, "ana", turns[1], true, "c-def") // ...but the master's removal and re-application come later
	set(t, p, "ana", turns[1], true, "c-def", "c-ref")
	rep := mustMerge(t, p, closed(c))
	c = mustOpen(t, c.Path())
	doc := turnsDoc(t, p, turns[0])
	st, _ := p.States(ctx, "ana", doc)
	if s := st[turns[0]]; !s.Reviewed || len(s.Codes) != 0 {
		t.Errorf("turn 1 %+v: the copy's newer removal should win", s)
	}
	if s := st[turns[1]]; !reflect.DeepEqual(s.Codes, []string{"c-ref", "c-def"}) {
		t.Errorf("turn 2 %+v: the master's newer re-application should win", s)
	}
	if len(rep.Coders) != 1 || rep.Coders[0].ChangedCodings != 1 || rep.Coders[0].NewCodings != 0 {
		t.Errorf("report %+v", rep.Coders)
	}

	// Ties: the same change time in the copy and the master, different values (later than
	// every other change, within the day ahead that a received file may be).
	at := time.Now().Add(12 * time.Hour).UnixNano()
	rawExec(t, c, `UPDATE codings SET removed = 1, changed_at = ? WHERE turn_id = ? AND code_id = 'c-ref'`, at, turns[1])
	rawExec(t, p, `UPDATE codings SET removed = 0, changed_at = ? WHERE turn_id = ? AND code_id = 'c-ref'`, at, turns[1])
	rawExec(t, c, `INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) SELECT id, ?, 0, ? FROM coders WHERE name = 'ana'`, turns[2], at)
	rawExec(t, p, `INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) SELECT id, ?, 1, ? FROM coders WHERE name = 'ana'`, turns[2], at)
	rawExec(t, c, `INSERT INTO memos(coder_id, turn_id, text, changed_at) SELECT id, ?, 'b memo', ? FROM coders WHERE name = 'ana'`, turns[2], at)
	rawExec(t, p, `INSERT INTO memos(coder_id, turn_id, text, changed_at) SELECT id, ?, 'a memo', ? FROM coders WHERE name = 'ana'`, turns[2], at)
	mustMerge(t, p, closed(c))
	st, _ = p.States(ctx, "ana", doc)
	if s := st[turns[1]]; !reflect.DeepEqual(s.Codes, []string{"c-def"}) {
		t.Errorf("tie on turn 2 %+v: the tombstone should win", s)
	}
	if s := st[turns[2]]; s.Reviewed {
		t.Errorf("tie on turn 3: %+v: 'not reviewed' should win", s)
	}
	if m, _ := p.Memo(ctx, "ana", turns[2]); m != "b memo" {
		t.Errorf("tie of memos gave %q, want the greater text", m)
	}
	// A later edit in the master after a merge of a clock-ahead copy still lands: SetState
	// writes after the latest stored change.
	set(t, p, "ana", turns[1], true, "c-ref")
	if st, _ := p.States(ctx, "ana", doc); !reflect.DeepEqual(st[turns[1]].Codes, []string{"c-ref"}) {
		t.Errorf("edit after merging future rows: %+v", st[turns[1]])
	}
}

func TestMergeReportsATamperedTurnAndSkipsIt(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[5], true, "c-ref")
	set(t, c, "ana", turns[6], true, "c-def")
	if err := c.SetMemo(ctx, "ana", turns[5], "see the text"); err != nil {
		t.Fatal(err)
	}
	rawExec(t, c, `UPDATE turns SET text = 'something else entirely' WHERE id = ?`, turns[5])
	rawExec(t, c, `INSERT INTO turns(id, document_id, position, number, label, text) SELECT 'forged-turn', document_id, 999, 999, '', 'forged' FROM turns WHERE id = ?`, turns[6])
	rawExec(t, c, `INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) SELECT id, 'forged-turn', 1, ? FROM coders`, time.Now().UnixNano())
	closed(c)
	before := everything(t, p)

	plan, err := p.PlanMerge(ctx, []string{c.Path()}, MergeOptions{AllCoders: true})
	if err != nil {
		t.Fatal(err)
	}
	if after := everything(t, p); after != before {
		t.Error("PlanMerge wrote to the master")
	}
	rep := mustMerge(t, p, c.Path())
	plan.Applied = true
	if !reflect.DeepEqual(plan, rep) {
		t.Errorf("plan\n%+v\ndiffers from what the merge did\n%+v", plan, rep)
	}
	if len(rep.Conflicts) != 2 || rep.Sources[0].Conflicts != 2 || rep.Sources[0].Skipped != 4 {
		t.Fatalf("conflicts %+v (source %+v)", rep.Conflicts, rep.Sources[0])
	}
	tampered := rep.Conflicts[0]
	if tampered.TurnID != turns[5] || tampered.Document != "long" || tampered.Turn != 3 || !strings.Contains(tampered.Reason, "another text") {
		t.Errorf("conflict %+v", tampered)
	}
	if f := rep.Conflicts[1]; f.TurnID != "forged-turn" || !strings.Contains(f.Reason, "not a turn of the project's document") {
		t.Errorf("conflict %+v", f)
	}
	var text string
	p.db.QueryRow(`SELECT text FROM turns WHERE id = ?`, turns[5]).Scan(&text)
	st, _ := p.States(ctx, "ana", turnsDoc(t, p, turns[5]))
	memo, _ := p.Memo(ctx, "ana", turns[5])
	if text == "something else entirely" || len(st[turns[5]].Codes) != 0 || st[turns[5]].Reviewed || memo != "" {
		t.Errorf("the tampered turn was written: text %q, state %+v, memo %q", text, st[turns[5]], memo)
	}
	if !reflect.DeepEqual(st[turns[6]].Codes, []string{"c-def"}) {
		t.Errorf("the untampered turn was not merged: %+v", st[turns[6]])
	}
	if !strings.Contains(rep.String(), "conflict: long, turn 3 has another text") {
		t.Errorf("report text:\n%s", rep)
	}
}

func TestPlanMergeWritesNothing(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "bo")
	for _, turn := range turns[:10] {
		set(t, c, "bo", turn, true, "c-adm")
	}
	mustImport(t, c, longDoc("bo's call", 12))
	closed(c)
	files := func() string {
		var b strings.Builder
		for _, suffix := range []string{"", "-wal"} {
			data, _ := os.ReadFile(p.Path() + suffix)
			b.Write(data)
		}
		return b.String()
	}
	beforeFiles, beforeRows := files(), everything(t, p)
	plan, err := p.PlanMerge(ctx, []string{c.Path()}, MergeOptions{AllCoders: true})
	if err != nil {
		t.Fatal(err)
	}
	if files() != beforeFiles || everything(t, p) != beforeRows {
		t.Fatal("PlanMerge changed the master")
	}
	if plan.Applied || !plan.Changes() || len(plan.Documents) != 1 || plan.Coders[0].NewCodings != 10 {
		t.Errorf("plan %+v", plan)
	}
	if !strings.Contains(plan.String(), "dry run: nothing was written") {
		t.Errorf("plan text:\n%s", plan)
	}
	rep := mustMerge(t, p, c.Path())
	plan.Applied = true
	if !reflect.DeepEqual(plan, rep) {
		t.Errorf("plan %+v\nmerge %+v", plan, rep)
	}
	log, _ := p.AuditLog(ctx)
	if last := log[len(log)-1]; last.Action != "merge" || !strings.Contains(last.Detail, "10 codings") || !strings.Contains(last.Detail, "bo's copy") {
		t.Errorf("audit entry %+v", last)
	}
}

func TestFailedMergeLeavesTheMasterAsItWas(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	ana, bo := openCopy(t, p, "ana"), openCopy(t, p, "bo")
	set(t, ana, "ana", turns[0], true, "c-ref")
	set(t, bo, "bo", turns[0], true, "c-ref")
	mustImport(t, ana, longDoc("ana's", 5))
	closed(ana)
	data, _ := os.ReadFile(closed(bo))
	broken := filepath.Join(t.TempDir(), "bo-broken.turncoder")
	os.WriteFile(broken, data[:len(data)-4096], 0o644)
	before := everything(t, p)

	if _, err := p.Merge(ctx, []string{ana.Path(), broken}, MergeOptions{AllCoders: true}); err == nil || !strings.Contains(err.Error(), "bo-broken") {
		t.Errorf("merge with a broken second file: %v", err)
	}
	// Files are checked side by side; of several bad ones, the first in the order given is
	// reported, whichever check ends first.
	text := filepath.Join(t.TempDir(), "notes.turncoder")
	os.WriteFile(text, []byte("not a project"), 0o644)
	for _, order := range [][]string{{broken, text}, {text, broken}} {
		_, err := p.Merge(ctx, append([]string{ana.Path()}, order...), MergeOptions{AllCoders: true})
		if err == nil || !strings.Contains(err.Error(), filepath.Base(order[0])) {
			t.Errorf("merge of %v: %v", order, err)
		}
	}
	if everything(t, p) != before {
		t.Error("a merge refused for its second file changed the master")
	}
	// A failure after the first file is applied, inside the transaction.
	mergeTestHook = func(i int) error {
		if i == 1 {
			return errors.New("disk pulled out")
		}
		return nil
	}
	defer func() { mergeTestHook = nil }()
	if _, err := p.Merge(ctx, []string{ana.Path(), bo.Path()}, MergeOptions{AllCoders: true}); err == nil {
		t.Error("the failing merge succeeded")
	}
	if everything(t, p) != before {
		t.Error("a merge that failed half way changed the master")
	}
	mergeTestHook = nil
	// Cancelled.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.Merge(cctx, []string{ana.Path(), bo.Path()}, MergeOptions{AllCoders: true}); err == nil || !strings.Contains(err.Error(), "cancelled") {
		t.Errorf("cancelled merge: %v", err)
	}
	if everything(t, p) != before {
		t.Error("a cancelled merge changed the master")
	}
}

func TestMergeTakesOnlyTheBoundCodersWorkFromACopy(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[0], true, "c-ref")
	// Someone adds bo to ana's copy and codes as bo: not merged, counted as ignored.
	if err := c.AddCoder(ctx, "bo"); err != nil {
		t.Fatal(err)
	}
	set(t, c, "bo", turns[0], true, "c-def")
	set(t, p, "bo", turns[0], true, "c-adm")
	rep := mustMerge(t, p, closed(c))
	c = mustOpen(t, c.Path())
	if rep.Sources[0].Ignored != 2 || rep.Sources[0].BoundCoder != "ana" || len(rep.Coders) != 1 {
		t.Errorf("report %+v", rep)
	}
	st, _ := p.States(ctx, "bo", turnsDoc(t, p, turns[0]))
	if !reflect.DeepEqual(st[turns[0]].Codes, []string{"c-adm"}) {
		t.Errorf("bo's coding in the master %+v was overwritten from ana's copy", st[turns[0]])
	}
	// Merging into a copy is refused: it would show the coder the others' work.
	other := openCopy(t, p, "bo")
	if _, err := c.Merge(ctx, []string{closed(other)}, MergeOptions{AllCoders: true}); err == nil || !strings.Contains(err.Error(), "ana's copy") {
		t.Errorf("merge into a copy: %v", err)
	}
	if _, err := p.Merge(ctx, []string{p.Path()}, MergeOptions{AllCoders: true}); err == nil || !strings.Contains(err.Error(), "this project itself") {
		t.Errorf("merge of the master into itself: %v", err)
	}
	if _, err := p.Merge(ctx, nil, MergeOptions{AllCoders: true}); err == nil {
		t.Error("a merge of nothing succeeded")
	}
}

// A random edit history across several files of one project, and the files merged in every
// order and grouping.

type shareFile struct {
	p      *Project
	coders []string // who edits in it
}

// editHistory makes, from a master with some decisions of its own, two copies for ana (two
// laptops), one for bo and an unbound backup where the lead codes as anyone, and makes steps
// random edits through SetState and SetMemo, interleaved across the files. One copy's clock
// then runs ahead (its times shifted), and a few rows are given equal times with different
// values in two files, to exercise ties. It returns the master and the four files.
func editHistory(t *testing.T, seed uint64, steps int) (*Project, []*Project) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p, turns := master(t)
	codes := []string{"c-ref", "c-def", "c-adm", "c-ref2"}
	coders := []string{"ana", "bo", "cy"}
	edit := func(f shareFile) {
		coder := f.coders[rng.IntN(len(f.coders))]
		turn := turns[rng.IntN(len(turns))]
		switch r := rng.IntN(10); {
		case r < 7:
			var st coding.TurnState
			st.Reviewed = rng.IntN(5) > 0
			for _, c := range codes {
				if rng.IntN(3) == 0 {
					st.Codes = append(st.Codes, c)
				}
			}
			if err := f.p.SetState(ctx, coder, turn, st, "code"); err != nil {
				t.Fatal(err)
			}
		default:
			text := []string{"", "unclear", "ask the lead", "转介？"}[rng.IntN(4)]
			if err := f.p.SetMemo(ctx, coder, turn, text); err != nil {
				t.Fatal(err)
			}
		}
	}
	base := shareFile{p, coders}
	for i := 0; i < steps/4; i++ {
		edit(base)
	}
	backup := filepath.Join(t.TempDir(), "lead-laptop"+Extension)
	if err := p.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	files := []shareFile{
		{openCopy(t, p, "ana"), []string{"ana"}},
		{openCopy(t, p, "ana"), []string{"ana"}},
		{openCopy(t, p, "bo"), []string{"bo"}},
		{mustOpen(t, backup), coders},
	}
	all := append([]shareFile{base}, files...)
	for i := 0; i < steps; i++ {
		edit(all[rng.IntN(len(all))])
	}
	// bo's laptop clock runs ahead by up to an hour.
	skew := rng.Int64N(int64(time.Hour))
	for _, table := range []string{"codings", "reviews", "memos"} {
		rawExec(t, files[2].p, `UPDATE `+table+` SET changed_at = changed_at + ?`, skew)
	}
	// Ties: rows of one key in two files with the same time and different values (later than
	// every other change, within the day ahead that a received file may be).
	at := time.Now().Add(12 * time.Hour).UnixNano()
	for i := 0; i < 4; i++ {
		turn := turns[rng.IntN(len(turns))]
		code := codes[rng.IntN(len(codes))]
		a, b := files[0].p, files[1].p // ana's two laptops
		if i%2 == 1 {
			a, b = files[1].p, p
		}
		rawExec(t, a, `INSERT INTO codings SELECT id, ?, ?, 0, ? FROM coders WHERE name = 'ana' ON CONFLICT DO UPDATE SET removed = 0, changed_at = excluded.changed_at`, turn, code, at+int64(i))
		rawExec(t, b, `INSERT INTO codings SELECT id, ?, ?, 1, ? FROM coders WHERE name = 'ana' ON CONFLICT DO UPDATE SET removed = 1, changed_at = excluded.changed_at`, turn, code, at+int64(i))
		rawExec(t, a, `INSERT INTO reviews SELECT id, ?, 1, ? FROM coders WHERE name = 'ana' ON CONFLICT DO UPDATE SET reviewed = 1, changed_at = excluded.changed_at`, turn, at+int64(i))
		rawExec(t, b, `INSERT INTO reviews SELECT id, ?, 0, ? FROM coders WHERE name = 'ana' ON CONFLICT DO UPDATE SET reviewed = 0, changed_at = excluded.changed_at`, turn, at+int64(i))
		rawExec(t, a, `INSERT INTO memos(coder_id, turn_id, text, changed_at) SELECT id, ?, 'tie a', ? FROM coders WHERE name = 'ana' ON CONFLICT DO UPDATE SET text = 'tie a', changed_at = excluded.changed_at`, turn, at+int64(i))
		rawExec(t, b, `INSERT INTO memos(coder_id, turn_id, text, changed_at) SELECT id, ?, 'tie b', ? FROM coders WHERE name = 'ana' ON CONFLICT DO UPDATE SET text = 'tie b', changed_at = excluded.changed_at`, turn, at+int64(i))
	}
	out := make([]*Project, len(files))
	for i, f := range files {
		out[i] = f.p
		f.p.Close()
	}
	return p, out
}

// expectedMerge computes, outside SQL, what merging files into the master must give: per key
// the greatest value under the documented order, bound copies contributing their coder only.
func expectedMerge(t *testing.T, p *Project, files []*Project) string {
	t.Helper()
	best := map[string][]string{} // key -> fields
	greater := func(kind string, a, b []string) bool {
		// fields: kind, coder, turn, code/text, flag, changed_at
		var ta, tb int64
		fmt.Sscan(a[5], &ta)
		fmt.Sscan(b[5], &tb)
		if ta != tb {
			return ta > tb
		}
		switch kind {
		case "coding":
			return a[4] > b[4] // removed (1) wins
		case "review":
			return a[4] < b[4] // not reviewed (0) wins
		default:
			return a[3] > b[3] // greater text wins
		}
	}
	add := func(dump, only string) {
		for _, line := range strings.Split(strings.TrimSpace(dump), "\n") {
			if line == "" {
				continue
			}
			f := strings.Split(line, "|")
			if only != "" && f[1] != only {
				continue
			}
			key := f[0] + "|" + f[1] + "|" + f[2]
			if f[0] == "coding" {
				key += "|" + f[3]
			}
			if old, ok := best[key]; !ok || greater(f[0], f, old) {
				best[key] = f
			}
		}
	}
	add(decisions(t, p), "")
	for _, f := range files {
		g := mustOpen(t, f.Path())
		bound, _ := g.BoundCoder(context.Background())
		add(decisions(t, g), bound)
		g.Close()
	}
	var lines []string
	for _, f := range best {
		lines = append(lines, strings.Join(f, "|"))
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := strings.Split(lines[i], "|"), strings.Split(lines[j], "|")
		for k := 0; k < 4; k++ {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return false
	})
	return strings.Join(lines, "\n") + "\n"
}

// fresh is a new file holding the master's state as it is now (a backup of it), opened.
func fresh(t testing.TB, p *Project) *Project {
	t.Helper()
	out := filepath.Join(t.TempDir(), "trial"+Extension)
	if err := p.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return mustOpen(t, out)
}

func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, rest := range permutations(n - 1) {
		for i := 0; i <= len(rest); i++ {
			perm := append(append(append([]int{}, rest[:i]...), n-1), rest[i:]...)
			out = append(out, perm)
		}
	}
	return out
}

// group is a bracketing of files: a leaf (file index) or a list of groups merged together.
type group struct {
	leaf  int
	items []group
}

func leaf(i int) group          { return group{leaf: i} }
func node(items ...group) group { return group{leaf: -1, items: items} }

// mergeGroup merges a grouping into target: each inner group is first merged into a hub (a
// fresh unbound file of the project, as a lead collecting files would make), which is then
// merged as one file.
func mergeGroup(t *testing.T, base *Project, target *Project, g group, files []*Project) {
	t.Helper()
	var paths []string
	for _, it := range g.items {
		if it.leaf >= 0 {
			paths = append(paths, files[it.leaf].Path())
			continue
		}
		hub := fresh(t, base)
		mergeGroup(t, base, hub, it, files)
		paths = append(paths, hub.Path())
		hub.Close()
	}
	mustMerge(t, target, paths...)
}

// TestMergeIsOrderIndependent is the property test of merging: for random edit histories,
// the files merged in every order in one call, one by one, in several groupings (through
// intermediate files), and with staging forced, all give exactly the same codings, reviewed
// marks and memos, equal to the greatest value per row computed independently; merging any
// of them again changes nothing.
func TestMergeIsOrderIndependent(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			p, files := editHistory(t, seed, 160)
			want := expectedMerge(t, p, files)
			check := func(what string, got *Project) {
				t.Helper()
				if d := decisions(t, got); d != want {
					t.Fatalf("%s:\n%s\nwant\n%s", what, d, want)
				}
			}
			paths := func(order []int) []string {
				var out []string
				for _, i := range order {
					out = append(out, files[i].Path())
				}
				return out
			}
			// Commutativity: every order, in one merge.
			var first MergeReport
			for i, perm := range permutations(len(files)) {
				trial := fresh(t, p)
				rep := mustMerge(t, trial, paths(perm)...)
				check(fmt.Sprintf("merge in order %v", perm), trial)
				if i == 0 {
					first = rep
				}
				// Idempotence: everything again, or one file again, changes nothing.
				if i%6 == 0 {
					if again := mustMerge(t, trial, paths(perm)...); again.Changes() {
						t.Errorf("merging %v twice changed something:\n%s", perm, again)
					}
					check("merged twice", trial)
				}
				trial.Close()
			}
			if !first.Changes() {
				t.Fatal("the random history merged nothing")
			}
			// One file per merge, in a few orders, a file twice.
			for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1, 2, 0}} {
				trial := fresh(t, p)
				for _, i := range order {
					mustMerge(t, trial, files[i].Path())
				}
				check(fmt.Sprintf("one by one %v", order), trial)
				trial.Close()
			}
			// Associativity: groupings through intermediate files.
			for _, g := range []group{
				node(node(leaf(0), leaf(1)), node(leaf(2), leaf(3))),
				node(leaf(3), node(leaf(2), node(leaf(1), leaf(0)))),
				node(node(node(leaf(0), leaf(2)), leaf(3)), leaf(1)),
			} {
				trial := fresh(t, p)
				mergeGroup(t, p, trial, g, files)
				check(fmt.Sprintf("grouped %v", g), trial)
				trial.Close()
			}
			// The same with files staged into temporary tables instead of attached.
			maxAttached = 2
			defer func() { maxAttached = 10 }()
			trial := fresh(t, p)
			rep := mustMerge(t, trial, paths([]int{2, 3, 0, 1})...)
			check("staged", trial)
			// New rows per coder are exact whatever the order (changed rows count replacements,
			// which depend on it).
			newRows := func(r MergeReport) string {
				var s []string
				for _, c := range r.Coders {
					s = append(s, fmt.Sprintf("%s %v %d %d %d", c.Coder, c.New, c.NewCodings, c.NewReviews, c.NewMemos))
				}
				return strings.Join(s, "; ")
			}
			if newRows(first) != newRows(rep) {
				t.Errorf("new rows per coder differ by order:\n%s\n%s", newRows(first), newRows(rep))
			}
			trial.Close()
		})
	}
}

// A file bound to no coder (here a backup of the master, in which bo's coding was changed) could
// rewrite every coder's work: it is refused unless the merge is told it may take all coders,
// and then the report names them (issue 14).
func TestMergeOfAFileBoundToNoCoderNeedsAllCoders(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	set(t, p, "bo", turns[0], true, "c-adm")
	backup := filepath.Join(t.TempDir(), "backup"+Extension)
	if err := p.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t, backup)
	set(t, b, "bo", turns[0], true, "c-def")
	closed(b)
	before := everything(t, p)
	for _, plan := range []bool{true, false} {
		var err error
		if plan {
			_, err = p.PlanMerge(ctx, []string{backup}, MergeOptions{})
		} else {
			_, err = p.Merge(ctx, []string{backup}, MergeOptions{})
		}
		want := "backup" + Extension + " is not a coder's copy (it is bound to no coder: a master, a backup, or a copy whose binding was removed), so merging it could change the work of every coder in it: ana, bo and cy; if that is what you mean, merge it with --all-coders"
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("merge without AllCoders: %v", err)
		}
	}
	if everything(t, p) != before {
		t.Error("a refused merge changed the master")
	}
	rep, err := p.Merge(ctx, []string{backup}, MergeOptions{AllCoders: true})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Sources[0]
	if !reflect.DeepEqual(s.EveryCoder, []string{"ana", "bo", "cy"}) || s.Codings != 2 {
		t.Errorf("report %+v", s)
	}
	note := "backup" + Extension + " is not a coder's copy: merging it may change the work of every coder in it (ana, bo and cy)"
	if s.EveryCoderNote() != note || !strings.Contains(rep.String(), "  check: "+note+"\n") {
		t.Errorf("note %q in\n%s", s.EveryCoderNote(), rep.String())
	}
	st, _ := p.States(ctx, "bo", turnsDoc(t, p, turns[0]))
	if !reflect.DeepEqual(st[turns[0]].Codes, []string{"c-def"}) {
		t.Errorf("bo's coding after the merge: %+v", st[turns[0]])
	}
	// A coder's copy needs no such leave.
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[1], true, "c-ref")
	if rep, err := p.Merge(ctx, []string{closed(c)}, MergeOptions{}); err != nil || rep.Sources[0].EveryCoder != nil || rep.Sources[0].EveryCoderNote() != "" {
		t.Errorf("merge of ana's copy: %v %+v", err, rep)
	}
}
