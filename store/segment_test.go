package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// The segmentation edits where the demo's tests cannot reach: times, prose, the stored rows,
// and what the refusal after copies guards against.

func timedDoc() *coding.Document {
	sec := time.Second
	return &coding.Document{Title: "zoom", Format: "vtt", Items: []coding.Item{
		{Kind: coding.KindTurn, Speaker: "Travis", Label: "Travis", Text: "So the union never heard about it. Did they call back?", Timed: true, Start: 1 * sec, End: 6 * sec},
		{Kind: coding.KindTurn, Speaker: "Ana", Label: "Ana (she/her)", Text: "No.", Timed: true, Start: 6 * sec, End: 7 * sec},
		{Kind: coding.KindTurn, Speaker: "Ana", Label: "Ana (she/her)", Text: "Never.", Timed: true, Start: 7 * sec, End: 8 * sec},
	}}
}

// dump is queryDump without the last line's end.
func dump(t *testing.T, db queryer, query string) string {
	t.Helper()
	return strings.TrimSuffix(queryDump(t, db, query), "\n")
}

// times lists each turn's stored bounds in order, "-" for NULL.
func times(t *testing.T, p *Project, doc string) string {
	t.Helper()
	return dump(t, p.db, `SELECT number, COALESCE(start_ms, '-'), COALESCE(end_ms, '-') FROM turns WHERE document_id = '`+doc+`' ORDER BY number`)
}

func TestSplitAndJoinKeepTheKnownTimes(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	doc := mustImport(t, p, timedDoc()).DocumentID
	before, err := p.Turns(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	was := times(t, p, doc)
	if _, err := p.EditSegmentation(ctx, "zoom", coding.Edit{Kind: coding.EditSplit, Turn: 1, At: 34}); err != nil {
		t.Fatal(err)
	}
	// The first part keeps the start, the second the end; where the cut falls is not known.
	if got, want := times(t, p, doc), "1|1000|-\n2|-|6000\n3|6000|7000\n4|7000|8000"; got != want {
		t.Errorf("times after the split:\n%s\nwant\n%s", got, want)
	}
	rows, _ := p.Turns(ctx, doc)
	if rows[0].Text != "So the union never heard about it." || rows[1].Text != "Did they call back?" || rows[0].Timed || !rows[2].Timed {
		t.Errorf("turns %+v", rows)
	}
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditJoin, Turn: 1}); err != nil {
		t.Fatal(err)
	}
	if got := times(t, p, doc); got != was {
		t.Errorf("split and joined again, times\n%s\nwant\n%s", got, was)
	}
	if after, _ := p.Turns(ctx, doc); !reflect.DeepEqual(after, before) {
		t.Errorf("split and joined again: %+v\nwant %+v", after, before)
	}
	// Joined: from the first's start to the second's end, Latin text with a space, the label
	// as the source wrote it kept.
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditJoin, Turn: 2}); err != nil {
		t.Fatal(err)
	}
	if got := times(t, p, doc); got != "1|1000|6000\n2|6000|8000" {
		t.Errorf("times after the join:\n%s", got)
	}
	if got := dump(t, p.db, `SELECT label, text FROM turns WHERE document_id = '`+doc+`' AND number = 2`); got != "Ana (she/her)|No. Never." {
		t.Errorf("joined turn %s", got)
	}
	// A note has no times: gone with the turn.
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditNote, Turn: 2}); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, p.db, `SELECT position, text FROM notes WHERE document_id = '`+doc+`'`); got != "1|Ana (she/her): No. Never." {
		t.Errorf("notes %s", got)
	}
	if got := times(t, p, doc); got != "1|1000|6000" {
		t.Errorf("times after the note:\n%s", got)
	}
}

func TestProseParagraphsJoin(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	doc := mustImport(t, p, &coding.Document{Title: "law", Format: "prose", Items: []coding.Item{
		{Kind: coding.KindTurn, Text: "第三条 工会必须遵守和维护宪法，以宪法为根本的活动准则，"},
		{Kind: coding.KindTurn, Text: "以经济建设为中心。"},
	}}).DocumentID
	done, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditJoin, Turn: 1})
	if err != nil || done != "join turns 1 and 2 of law" {
		t.Fatalf("%q, %v", done, err)
	}
	if got := dump(t, p.db, `SELECT number, position, speaker_id IS NULL, label, text FROM turns WHERE document_id = '`+doc+`'`); got != "1|0|1||第三条 工会必须遵守和维护宪法，以宪法为根本的活动准则，以经济建设为中心。" {
		t.Errorf("turns %s", got)
	}
	if c := counts(t, p); c.Speakers != 0 {
		t.Errorf("%d speakers", c.Speakers)
	}
}

// The sections keep their ids (the GUI's navigator holds them) and move to their new positions.
func TestSectionsKeepTheirIDs(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	doc := mustImport(t, p, callDoc("call")).DocumentID
	ids := dump(t, p.db, `SELECT id, title FROM sections ORDER BY position`)
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditSplit, Turn: 2, At: 2}); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, p.db, `SELECT id, title FROM sections ORDER BY position`); got != ids {
		t.Errorf("sections %s, were %s", got, ids)
	}
	got := dump(t, p.db, `SELECT position, 'header', title FROM sections UNION ALL SELECT position, 'note', text FROM notes
		UNION ALL SELECT position, number, text FROM turns ORDER BY 1`)
	want := "0|note|——preamble——\n1|header|第一通电话：东营市总工会办公室\n2|1|喂？\n3|2|喂，\n4|3|您好。\n5|note|——电话被挂断——\n6|header|第二通电话\n7|4|请问是工会吗？"
	if got != want {
		t.Errorf("items\n%s\nwant\n%s", got, want)
	}
	if got := dump(t, p.db, `SELECT count(*) FROM turns t JOIN sections s ON s.id = t.section_id WHERE s.title = '第二通电话'`); got != "1" {
		t.Errorf("turns in the second section: %s", got)
	}
}

// What the refusal after copies prevents: had the master's turns changed once ana had her copy,
// the merge would find her coded turn missing from the master, and her coding would not land.
func TestACorrectionAfterCopyingWouldLoseTheCopysWork(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	doc := mustImport(t, p, callDoc("call")).DocumentID
	if err := p.AddCoder(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	c := openCopy(t, p, "ana")
	rows, _ := c.Turns(ctx, doc)
	set(t, c, "ana", rows[2].ID, true, "c-ref") // turn 3, after the turn to be split
	c.Close()

	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditSplit, Turn: 2, At: 2}); err == nil {
		t.Fatal("the master corrected its segmentation after a copy was made")
	}
	// Bypass the refusal, as the edit would have done it.
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	items, sections, err := readItems(ctx, tx, doc)
	if err == nil {
		items, err = coding.Edit{Kind: coding.EditSplit, Turn: 2, At: 2}.Apply(items)
	}
	if err == nil {
		_, _, err = rewriteItems(ctx, tx, doc, items, sections)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	rep, err := p.Merge(ctx, []string{c.Path()}, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The copy's turns 2 and 3 are no longer the master's: ana's coding and mark on turn 3 are
	// left out.
	if len(rep.Conflicts) != 2 || rep.Conflicts[1].Turn != 3 || rep.Sources[0].Codings != 0 || rep.Sources[0].Skipped != 2 ||
		!strings.Contains(rep.Conflicts[1].Reason, "is not a turn of the project's document") {
		t.Errorf("merge after a bypassed refusal: %+v", rep)
	}
}

func TestRefusedInAMergedProjectAndAnUnboundCopy(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	doc := mustImport(t, p, callDoc("call")).DocumentID
	other := mustImport(t, p, callDoc("call 2")).DocumentID
	// A backup coded elsewhere and merged back: no copy was made, but files were merged.
	backup := filepath.Join(t.TempDir(), "backup"+Extension)
	if err := p.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t, backup)
	if err := b.AddCoder(ctx, "bo"); err != nil {
		t.Fatal(err)
	}
	rows, _ := b.Turns(ctx, other)
	set(t, b, "bo", rows[0].ID, true, "c-def")
	b.Close()
	if _, err := p.Merge(ctx, []string{backup}, MergeOptions{AllCoders: true}); err != nil {
		t.Fatal(err)
	}
	day := time.Now().Format("2006-01-02")
	want := "coders' files were merged into this project on " + day + ", matching their turns with the master's, so the turns must stay as they are; segmentation can be corrected only before copies are made"
	if got, err := p.SegmentationLocked(ctx, doc); err != nil || got != want {
		t.Errorf("merged master: %q, %v\nwant %q", got, err, want)
	}

	// A copy whose binding was removed is still a copy.
	q := newProject(t)
	mustImport(t, q, callDoc("call"))
	out := filepath.Join(t.TempDir(), "q-ana"+Extension)
	if err := q.CopyFor(ctx, "ana", out); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM meta WHERE key = 'bound_coder'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	c := mustOpen(t, out)
	want = "this file is a coder copy made from " + filepath.Base(q.Path()) + ", whose turns must stay the master's for the merge; its segmentation can be corrected only in the master project, before coder copies are made"
	if got, err := c.SegmentationLocked(ctx, "call"); err != nil || got != want {
		t.Errorf("unbound copy: %q, %v\nwant %q", got, err, want)
	}
}

// A correction deletes and writes the document's turns; with foreign keys on, each deleted turn
// would make SQLite scan every coding, reviewed mark and memo of the project (their keys start
// with the coder), minutes for a long document in a coded project. The edit runs with them off
// on a connection of its own, and gives it back with them on.
func TestACorrectionInACodedProjectIsQuick(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	long := &coding.Document{Title: "long", Format: "turns"}
	coded := &coding.Document{Title: "coded", Format: "turns"}
	for i := range 3000 {
		long.Items = append(long.Items, coding.Item{Kind: coding.KindTurn, Speaker: "A", Text: fmt.Sprintf("第%d句。", i)})
		coded.Items = append(coded.Items, coding.Item{Kind: coding.KindTurn, Speaker: "B", Text: fmt.Sprintf("第%d句话。", i)})
	}
	doc := mustImport(t, p, long).DocumentID
	other := mustImport(t, p, coded).DocumentID
	for _, c := range []string{"ana", "bo", "cy", "dee", "eve"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at) SELECT c.id, t.id, 'c-ref', 0, 1 FROM coders c, turns t WHERE t.document_id = ?`,
		`INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) SELECT c.id, t.id, 1, 1 FROM coders c, turns t WHERE t.document_id = ?`,
	} {
		if _, err := p.db.Exec(q, other); err != nil {
			t.Fatal(err)
		}
	}
	p.db.SetMaxOpenConns(1) // so that the connection the edit used is the one asked below
	start := time.Now()
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditSplit, Turn: 1, At: 2}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("splitting the first of 3,000 turns in a project of 30,000 codings took %v", took)
	}
	var fk int
	if err := p.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d after an edit (%v), want them on again", fk, err)
	}
	if got := dump(t, p.db, `SELECT count(*) FROM turns WHERE document_id = '`+doc+`'`); got != "3001" {
		t.Errorf("%s turns", got)
	}
	if got := dump(t, p.db, `SELECT count(*) FROM pragma_foreign_key_check`); got != "0" {
		t.Errorf("%s rows point to nothing", got)
	}
	// Refused, the connection goes back with foreign keys on too.
	if _, err := p.EditSegmentation(ctx, other, coding.Edit{Kind: coding.EditJoin, Turn: 1}); err == nil || !strings.Contains(err.Error(), "15000 codings and 15000 reviewed marks by ana, bo, cy, dee and eve are on this document") {
		t.Errorf("edit of the coded document: %v", err)
	}
	if err := p.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d after a refusal (%v), want them on again", fk, err)
	}
}

// TestRestoreSegmentation: the window's Undo of a correction puts the items back exactly (turn
// ids, speakers, times, a speaker the correction removed), audited; once someone has coded the
// document it is refused in a sentence and changes nothing.
func TestRestoreSegmentation(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	doc := mustImport(t, p, timedDoc()).DocumentID
	before, err := p.Segmentation(ctx, "zoom")
	if err != nil {
		t.Fatal(err)
	}
	ids := dump(t, p.db, `SELECT id FROM turns ORDER BY number`)
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditNote, Turn: 1}); err != nil {
		t.Fatal(err)
	}
	if n := dump(t, p.db, `SELECT count(*) FROM speakers WHERE label = 'Travis'`); n != "0" {
		t.Fatalf("Travis, with no turn left, is still a speaker (%s)", n)
	}
	if err := p.RestoreSegmentation(ctx, doc, before, "undo: make turn 1 of zoom a note"); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, p.db, `SELECT id FROM turns ORDER BY number`); got != ids {
		t.Errorf("turn ids after the undo:\n%s\nwant\n%s", got, ids)
	}
	after, _ := p.Segmentation(ctx, doc)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("items after the undo:\n%+v\nwant\n%+v", after, before)
	}
	log := auditActions(t, p)
	if last := log[len(log)-1]; !strings.Contains(last, "undo: make turn 1 of zoom a note") || !strings.Contains(last, `"Travis" is a new speaker`) {
		t.Errorf("audit %q", last)
	}
	// Coded since: refused, nothing changes.
	if _, err := p.EditSegmentation(ctx, doc, coding.Edit{Kind: coding.EditJoin, Turn: 2}); err != nil {
		t.Fatal(err)
	}
	joined, _ := p.Segmentation(ctx, doc)
	if err := p.AddCoder(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	var turn string
	p.db.QueryRow(`SELECT id FROM turns WHERE number = 1`).Scan(&turn)
	if err := p.SetState(ctx, "ana", turn, coding.TurnState{Reviewed: true}, "code"); err != nil {
		t.Fatal(err)
	}
	err = p.RestoreSegmentation(ctx, doc, before, "undo: join turns 2 and 3 of zoom")
	if err == nil || !strings.HasPrefix(err.Error(), "undo: join turns 2 and 3 of zoom cannot be taken back: 1 reviewed mark by ana is on this document") {
		t.Errorf("after a coding: %v", err)
	}
	if now, _ := p.Segmentation(ctx, doc); !reflect.DeepEqual(now, joined) {
		t.Error("a refused undo changed the document")
	}
}
