package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"slices"
	"sort"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Correcting the segmentation of an imported document (join a turn with the next, split a
// turn, change a turn's speaker, make a turn a note: coding.Edit), while nobody has coded it and
// no coder copies exist.
//
// Why it is refused afterwards: a turn's id is a hash of its document, its position, its
// speaker and its text (TurnID), and codings, reviewed marks and memos hang on turn ids. A
// correction renumbers the document's turns and gives new ids to the turns it moves or
// changes. A coding on an old id would be lost with its turn; and a coder copy keeps the old
// turns, so a merge would find its turns missing from the master (reported as conflicts, and
// the coder's work on them not merged). The refusal is what keeps a master and its copies
// agreeing on every turn, so a merge never has to guess which turn a coding meant.
//
// What stays: the document's id (re-importing the original file is still recognised as
// already in the project), its sections (with their ids) and notes in their order, and every
// turn the edit does not touch, at its new position. After an edit the document is stored as
// importing its corrected items would store it: positions are the items' indexes, turns are
// numbered 1.. in reading order, and each turn's id is TurnID(document id, position, speaker
// label, text), the speaker label being the speaker's label in the project.

// segmentAction is the audit log's action for a correction of the segmentation.
const segmentAction = "correct segmentation"

// SegmentationLocked says, in one sentence, why the segmentation of document doc (its id or
// title) can no longer be corrected, or "" when it can: this file is a coder's copy, coder
// copies of the project have been made, coders' files have been merged into it, or someone
// has coded the document (codings, reviewed marks or memos, by anyone, including codings taken
// off again). It only reads, and is cheap enough for the GUI to ask before offering the edits.
func (p *Project) SegmentationLocked(ctx context.Context, doc string) (string, error) {
	why, err := p.SegmentationLockedWhy(ctx, doc)
	if why == nil || err != nil {
		return "", err
	}
	return why.Error(), nil
}

// SegmentationLockedWhy is SegmentationLocked's sentence as a sentence of say (package
// coding/say), which the window says in its language; nil when the document can be corrected.
func (p *Project) SegmentationLockedWhy(ctx context.Context, doc string) (error, error) {
	id, err := resolveDocument(ctx, p.db, doc)
	if err != nil {
		return nil, err
	}
	return segmentationLock(ctx, p.db, id)
}

// EditSegmentation makes one correction of the segmentation of document doc (its id or
// title), in one immediate transaction with its audit entry (action "correct segmentation"),
// and returns the sentence the audit log holds: "join turns 4 and 5 of call". An edit that
// changes nothing (a turn given the speaker it has) writes nothing and returns a sentence that
// says so. A refusal is one sentence (a *coding.EditError naming the document and the turn)
// and changes nothing.
//
// A new speaker label gets a speaker with the role import would give it (coding.GuessRole);
// a label the project knows, as a speaker's label or another name of theirs, is that speaker.
func (p *Project) EditSegmentation(ctx context.Context, doc string, e coding.Edit) (string, error) {
	said, err := p.EditSegmentationSay(ctx, doc, e)
	if err != nil {
		return "", err
	}
	return said.Error(), nil
}

// EditSegmentationSay is EditSegmentation giving its sentence as a sentence of say (its
// English the audit log's), which the window says in its language.
func (p *Project) EditSegmentationSay(ctx context.Context, doc string, e coding.Edit) (said error, err error) {
	var unchanged error
	_, err = p.writeDetailed(ctx, segmentAction, func(tx *sql.Tx) (string, error) {
		id, err := resolveDocument(ctx, tx, doc)
		if err != nil {
			return "", err
		}
		var title string
		if err := tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, id).Scan(&title); err != nil {
			return "", err
		}
		// Inside the write transaction: a coding made in another window a moment ago counts.
		if why, err := segmentationLock(ctx, tx, id); err != nil {
			return "", err
		} else if why != nil {
			return "", e.RefuseFor(title, why)
		}
		before, sections, err := readItems(ctx, tx, id)
		if err != nil {
			return "", err
		}
		after, err := e.Apply(before)
		if err != nil {
			var ee *coding.EditError
			if errors.As(err, &ee) {
				ee.Document = title
			}
			return "", err
		}
		if reflect.DeepEqual(before, after) {
			i := turnAt(before, e.Turn)
			unchanged = say.Errorf("turn %d of %s is %s's already; nothing was changed", e.Turn, title, before[i].Speaker)
			return "", errNoChange
		}
		detail := e.DescribeSay(title)
		if e.Kind == coding.EditSpeaker {
			if was := before[turnAt(before, e.Turn)].Speaker; was != "" {
				detail = say.Errorf("%v (was %q)", detail, was)
			}
		}
		dropped, err := dropDeadWork(ctx, tx, id)
		if err != nil {
			return "", err
		}
		created, removed, err := rewriteItems(ctx, tx, id, after, sections)
		if err != nil {
			return "", err
		}
		said = deadWorkDetail(speakersDetail(detail, created, removed), dropped)
		return said.Error(), nil
	})
	switch {
	case errors.Is(err, errNoChange):
		return unchanged, nil
	case err != nil:
		return nil, err
	}
	return said, nil
}

// writeDetailed is write for a correction of the segmentation, whose audit detail is known only
// inside its transaction: fn makes the change and returns the detail.
//
// It runs on a connection of its own with foreign keys off. With them on, every turn deleted
// makes SQLite look for codings, reviewed marks and memos of it, and those tables are keyed by
// coder first: each look is a scan of the whole table (a document of 5,000 turns in a project
// of 200,000 codings took minutes). fn has made sure, in the same transaction, that no such row
// exists (segmentationLock), so there is nothing to cascade; rewriteItems checks the rows it
// writes against their sections and speakers itself.
func (p *Project) writeDetailed(ctx context.Context, action string, fn func(tx *sql.Tx) (string, error)) (string, error) {
	if p.readOnly {
		return "", say.Errorf("the project was opened to be read, not changed")
	}
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return "", friendly(err)
	}
	defer func() {
		// Back to the pool as it was, or not at all.
		if _, err := conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return "", friendly(err)
	}
	p.ensureWAL(ctx, conn)
	tx, err := conn.BeginTx(ctx, nil) // immediate: the DSN says so
	if err != nil {
		return "", friendly(err)
	}
	defer tx.Rollback()
	detail, err := fn(tx)
	if err != nil {
		return "", friendly(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit(at, actor, action, detail) VALUES (?, ?, ?, ?)`,
		time.Now().UnixNano(), p.Actor, action, detail); err != nil {
		return "", friendly(err)
	}
	if err := tx.Commit(); err != nil {
		return "", friendly(err)
	}
	p.ckpt.written()
	return detail, nil
}

// turnAt is the index in items of turn number n (1-based), -1 if there is none.
func turnAt(items []coding.Item, n int) int {
	for i, it := range items {
		if it.Kind == coding.KindTurn {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}

// segmentationLock is SegmentationLockedWhy for the document with id docID, read through q
// (the project, or the write transaction of an edit).
func segmentationLock(ctx context.Context, q queryer, docID string) (error, error) {
	var bound, copiedFrom string
	err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = ?), ''),
		COALESCE((SELECT value FROM meta WHERE key = 'copied_from'), '')`, boundCoderKey).Scan(&bound, &copiedFrom)
	if err != nil {
		return nil, err
	}
	switch {
	case bound != "":
		return say.Errorf("this file is %s's coder copy, whose turns must stay the master's for the merge; its segmentation can be corrected only in the master project, before coder copies are made", bound), nil
	case copiedFrom != "":
		return say.Errorf("this file is a coder copy made from %s, whose turns must stay the master's for the merge; its segmentation can be corrected only in the master project, before coder copies are made", copiedFrom), nil
	}
	// The audit log is the project's memory of copies made and files merged; its first such
	// entry says since when.
	var action string
	var at int64
	err = q.QueryRowContext(ctx, `SELECT action, at FROM audit WHERE action IN ('copy', 'merge', 'team merged')
		ORDER BY id LIMIT 1`).Scan(&action, &at)
	switch {
	case err == nil:
		day := time.Unix(0, at).Local().Format("2006-01-02")
		if action == "copy" {
			return say.Errorf("coder copies of this project were made on %s, and a merge matches their turns with the master's, so the turns must stay as they are; segmentation can be corrected only before copies are made", day), nil
		}
		return say.Errorf("coders' files were merged into this project on %s, matching their turns with the master's, so the turns must stay as they are; segmentation can be corrected only before copies are made", day), nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	return documentWork(ctx, q, docID)
}

// documentWork says who has coded the document docID and how much ("12 codings and 3 reviewed
// marks by ana and bo are on this document; …"), or nil when nobody has: a sentence of say,
// its counts and list of coders sentences too (sayList), so that all of it is translated. Codings taken off
// again, marks taken back and memos emptied count too: they are decisions a merge must see.
func documentWork(ctx context.Context, q queryer, docID string) (error, error) {
	// Coder by coder, each of the document's turns looked up by the tables' keys (coder, turn):
	// a few thousand lookups, where a scan would read every coding of the project.
	rows, err := q.QueryContext(ctx, `
		WITH t AS MATERIALIZED (SELECT id FROM turns WHERE document_id = ?1)
		SELECT c.name, count(*), sum(g.removed = 0), 0, 0 FROM coders c CROSS JOIN codings g
			ON g.coder_id = c.id AND g.turn_id IN t GROUP BY c.name
		UNION ALL SELECT c.name, count(*), 0, sum(r.reviewed = 1), 0 FROM coders c CROSS JOIN reviews r
			ON r.coder_id = c.id AND r.turn_id IN t GROUP BY c.name
		UNION ALL SELECT c.name, count(*), 0, 0, sum(m.text <> '') FROM coders c CROSS JOIN memos m
			ON m.coder_id = c.id AND m.turn_id IN t GROUP BY c.name`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var live []string
	alive := map[string]bool{}
	var codings, reviews, memos int
	for rows.Next() {
		var name string
		var n, c, r, m int // n: rows, taken back or not; c, r, m: live ones
		if err := rows.Scan(&name, &n, &c, &r, &m); err != nil {
			return nil, err
		}
		if c+r+m > 0 && !alive[name] {
			alive[name] = true
			live = append(live, name)
		}
		codings, reviews, memos = codings+c, reviews+r, memos+m
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Strings(live)
	if len(live) == 0 {
		// Nobody's work is on the document: only codes taken off again, reviewed marks taken
		// back, memos emptied (a key pressed by mistake and undone). With no copies made and
		// no files merged (segmentationLock asks first), no other file holds these records,
		// so a correction drops them (dropDeadWork) rather than lock the document for good.
		return nil, nil
	}
	var parts []any
	if codings == 1 {
		parts = append(parts, say.Errorf("%d coding", codings))
	} else if codings > 0 {
		parts = append(parts, say.Errorf("%d codings", codings))
	}
	if reviews == 1 {
		parts = append(parts, say.Errorf("%d reviewed mark", reviews))
	} else if reviews > 0 {
		parts = append(parts, say.Errorf("%d reviewed marks", reviews))
	}
	if memos == 1 {
		parts = append(parts, say.Errorf("%d memo", memos))
	} else if memos > 0 {
		parts = append(parts, say.Errorf("%d memos", memos))
	}
	coders := sayNames(live)
	if codings+reviews+memos == 1 {
		return say.Errorf("%v by %v is on this document; segmentation can be corrected only before anyone codes it, as codings belong to the turns a correction remakes",
			sayList(parts, 3), sayList(coders, 6)), nil
	}
	return say.Errorf("%v by %v are on this document; segmentation can be corrected only before anyone codes it, as codings belong to the turns a correction remakes",
		sayList(parts, 3), sayList(coders, 6)), nil
}

// sayList is coding.ListNames for a sentence of say: "ana", "ana and bo", "ana, bo and cai",
// "ana, bo, cai and 997 others", its joins sentences of say too, so that the list is written
// as the language writes one (ana、bo和cai).
func sayList(items []any, max int) any {
	if max < 1 {
		max = 1
	}
	switch {
	case len(items) == 0:
		return ""
	case len(items) == 1:
		return items[0]
	case len(items) <= max:
		return say.Errorf("%v and %v", sayCommas(items[:len(items)-1]), items[len(items)-1])
	}
	return say.Errorf("%v and %d others", sayCommas(items[:max]), len(items)-max)
}

// sayCommas joins items with commas, as sentences of say.
func sayCommas(items []any) any {
	out := items[0]
	for _, it := range items[1:] {
		out = say.Errorf("%v, %v", out, it)
	}
	return out
}

// readItems reads document docID as the items it was imported from, in reading order, and
// the ids of its sections in order. A turn's speaker is its speaker's label in the project;
// a time bound stored as NULL next to a known one is coding.UnknownTime.
func readItems(ctx context.Context, q queryer, docID string) ([]coding.Item, []int64, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT position, ?2, title, '', '', NULL, NULL, id FROM sections WHERE document_id = ?1
		UNION ALL
		SELECT position, ?3, text, '', '', NULL, NULL, 0 FROM notes WHERE document_id = ?1
		UNION ALL
		SELECT t.position, ?4, t.text, COALESCE(sp.label, ''), t.label, t.start_ms, t.end_ms, 0
		FROM turns t LEFT JOIN speakers sp ON sp.id = t.speaker_id WHERE t.document_id = ?1
		ORDER BY 1`, docID, coding.KindHeader, coding.KindNote, coding.KindTurn)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var items []coding.Item
	var sections []int64
	for rows.Next() {
		var it coding.Item
		var pos, section int64
		var start, end sql.NullInt64
		if err := rows.Scan(&pos, &it.Kind, &it.Text, &it.Speaker, &it.Label, &start, &end, &section); err != nil {
			return nil, nil, err
		}
		if start.Valid || end.Valid {
			it.Timed, it.Start, it.End = true, coding.UnknownTime, coding.UnknownTime
			if start.Valid {
				it.Start = time.Duration(start.Int64) * time.Millisecond
			}
			if end.Valid {
				it.End = time.Duration(end.Int64) * time.Millisecond
			}
		}
		if it.Kind == coding.KindHeader {
			sections = append(sections, section)
		}
		items = append(items, it)
	}
	return items, sections, rows.Err()
}

// rewriteItems stores items as document docID's items, as insertDocument would have stored
// them: the document's turns and notes are written anew, its sections (the edits never add or
// remove one) keep their ids and move to their new positions. It returns the speakers it made
// and the labels of those it removed.
//
// A speaker left with no turns anywhere in the project is removed, unless other labels are
// theirs (aliases: a merge or rename the researcher made, which later imports rely on). The
// usual cause is a false speaker (a label the reader took for one, "Note:" or a time); left in
// the project it would stay in the speakers dialog, the filter and the agreement's scope
// choices with no turn at all. A label given a turn again later is a new speaker, whose role
// is guessed again.
func rewriteItems(ctx context.Context, tx *sql.Tx, docID string, items []coding.Item, sections []int64) (created []coding.Speaker, removed []string, err error) {
	ids := map[string]int64{}
	for _, it := range items {
		if it.Kind != coding.KindTurn || it.Speaker == "" {
			continue
		}
		if _, ok := ids[it.Speaker]; ok {
			continue
		}
		id, err := speakerID(ctx, tx, it.Speaker)
		if errors.Is(err, sql.ErrNoRows) {
			role := coding.GuessRole(it.Speaker)
			var r sql.Result
			if r, err = tx.ExecContext(ctx, `INSERT INTO speakers(label, role) VALUES (?, ?)`, it.Speaker, role); err == nil {
				id, err = r.LastInsertId()
			}
			created = append(created, coding.Speaker{Label: it.Speaker, Role: role})
		}
		if err != nil {
			return nil, nil, err
		}
		ids[it.Speaker] = id
	}
	var had []int64
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT speaker_id FROM turns WHERE document_id = ? AND speaker_id IS NOT NULL`, docID)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, nil, err
		}
		had = append(had, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}

	for _, q := range []string{
		`DELETE FROM turns WHERE document_id = ?`,
		`DELETE FROM notes WHERE document_id = ?`,
		// Out of the way of the new positions (UNIQUE (document_id, position)).
		`UPDATE sections SET position = -1 - position WHERE document_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, docID); err != nil {
			return nil, nil, err
		}
	}
	insTurn, err := tx.PrepareContext(ctx, `INSERT INTO turns(id, document_id, section_id, position, number, speaker_id, label, text, start_ms, end_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, nil, err
	}
	defer insTurn.Close()
	insNote, err := tx.PrepareContext(ctx, `INSERT INTO notes(document_id, section_id, position, text) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return nil, nil, err
	}
	defer insNote.Close()
	var section any // nil until the first header
	headers, number := 0, 0
	for i, it := range items {
		switch it.Kind {
		case coding.KindHeader:
			if headers == len(sections) {
				return nil, nil, say.Errorf("the corrected document has more sections than the document")
			}
			section = sections[headers]
			headers++
			if _, err := tx.ExecContext(ctx, `UPDATE sections SET position = ? WHERE id = ?`, i, section); err != nil {
				return nil, nil, err
			}
		case coding.KindNote:
			if _, err := insNote.ExecContext(ctx, docID, section, i, it.Text); err != nil {
				return nil, nil, err
			}
		case coding.KindTurn:
			number++
			var speaker, start, end any
			if it.Speaker != "" {
				speaker = ids[it.Speaker]
			}
			if it.Timed && it.Start != coding.UnknownTime {
				start = it.Start.Milliseconds()
			}
			if it.Timed && it.End != coding.UnknownTime {
				end = it.End.Milliseconds()
			}
			if _, err := insTurn.ExecContext(ctx, TurnID(docID, i, it.Speaker, it.Text), docID, section, i, number,
				speaker, it.Label, it.Text, start, end); err != nil {
				return nil, nil, err
			}
		}
	}
	if headers != len(sections) {
		return nil, nil, say.Errorf("the corrected document has fewer sections than the document")
	}

	// Foreign keys are off (writeDetailed): what they would check, checked here for this
	// document's rows.
	var broken bool
	if err := tx.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM turns t WHERE t.document_id = ?1 AND (
			(t.section_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sections s WHERE s.id = t.section_id AND s.document_id = ?1))
			OR (t.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speakers sp WHERE sp.id = t.speaker_id))))
		OR EXISTS (SELECT 1 FROM notes n WHERE n.document_id = ?1 AND n.section_id IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM sections s WHERE s.id = n.section_id AND s.document_id = ?1))`, docID).Scan(&broken); err != nil {
		return nil, nil, err
	}
	if broken {
		return nil, nil, say.Errorf("the correction would leave turns or notes outside the document's sections or speakers; nothing was changed")
	}

	for _, id := range had {
		var label string
		err := tx.QueryRowContext(ctx, `DELETE FROM speakers WHERE id = ?1
			AND NOT EXISTS (SELECT 1 FROM turns WHERE speaker_id = ?1)
			AND NOT EXISTS (SELECT 1 FROM speaker_aliases WHERE speaker_id = ?1)
			RETURNING label`, id).Scan(&label)
		switch {
		case err == nil:
			removed = append(removed, label)
		case !errors.Is(err, sql.ErrNoRows):
			return nil, nil, err
		}
	}
	return created, removed, nil
}

// quoteLabels quotes speaker labels for a sentence of say: "A", "A" and "B" (a list as the
// language writes one: sayList).
func quoteLabels(labels []string) any {
	q := make([]any, len(labels))
	for i, l := range labels {
		q[i] = say.Errorf("%q", l) // “乙” in Chinese
	}
	return sayList(q, len(q))
}

// Segmentation is document doc's items (its id or title) as a correction reads them: what the
// window keeps before a correction, to take it back with RestoreSegmentation.
func (p *Project) Segmentation(ctx context.Context, doc string) ([]coding.Item, error) {
	id, err := resolveDocument(ctx, p.db, doc)
	if err != nil {
		return nil, err
	}
	items, _, err := readItems(ctx, p.db, id)
	return items, err
}

// RestoreSegmentation puts document doc's items back as they were (Segmentation, read before
// a correction): the window's Undo and Redo of a correction. It is refused, changing nothing,
// as a correction is (someone has coded the document since, or copies were made), and when
// the document's sections are not those of items (it was changed another way meanwhile). what
// names the correction for the audit log: "undo: join turns 4 and 5 of call".
func (p *Project) RestoreSegmentation(ctx context.Context, doc string, items []coding.Item, what string) error {
	return p.RestoreSegmentationSay(ctx, doc, items, errors.New(what))
}

// Undo and Redo name the taking back of a correction, and its making again, for
// RestoreSegmentationSay: "undo: join turns 4 and 5 of call", what being EditSegmentationSay's
// sentence.
func Undo(what error) error { return say.Errorf("undo: %v", what) }

func Redo(what error) error { return say.Errorf("redo: %v", what) }

// RestoreSegmentationSay is RestoreSegmentation with what a sentence of say ("undo: %v" of
// EditSegmentationSay's), so that a refusal names the correction in the window's language.
func (p *Project) RestoreSegmentationSay(ctx context.Context, doc string, items []coding.Item, what error) error {
	_, err := p.writeDetailed(ctx, segmentAction, func(tx *sql.Tx) (string, error) {
		id, err := resolveDocument(ctx, tx, doc)
		if err != nil {
			return "", err
		}
		if why, err := segmentationLock(ctx, tx, id); err != nil {
			return "", err
		} else if why != nil {
			return "", say.Errorf("%s cannot be taken back: %v", what, why)
		}
		now, sections, err := readItems(ctx, tx, id)
		if err != nil {
			return "", err
		}
		if !sameHeaders(now, items) {
			return "", say.Errorf("%s cannot be taken back: the document's sections have changed since", what)
		}
		dropped, err := dropDeadWork(ctx, tx, id)
		if err != nil {
			return "", err
		}
		created, removed, err := rewriteItems(ctx, tx, id, items, sections)
		if err != nil {
			return "", err
		}
		return deadWorkDetail(speakersDetail(what, created, removed), dropped).Error(), nil
	})
	return err
}

// dropDeadWork deletes the records of work taken back on document docID's turns (codes taken
// off, reviewed marks taken back, emptied memos), which a correction may drop when there is no
// live work on the document and no copies (segmentationLock); it says how many records it
// dropped, for the audit detail (deadWorkDetail).
func dropDeadWork(ctx context.Context, tx *sql.Tx, docID string) (int64, error) {
	var n int64
	for _, q := range []string{
		`DELETE FROM codings WHERE removed = 1 AND turn_id IN (SELECT id FROM turns WHERE document_id = ?)`,
		`DELETE FROM reviews WHERE reviewed = 0 AND turn_id IN (SELECT id FROM turns WHERE document_id = ?)`,
		`DELETE FROM memos WHERE text = '' AND turn_id IN (SELECT id FROM turns WHERE document_id = ?)`,
	} {
		r, err := tx.ExecContext(ctx, q, docID)
		if err != nil {
			return 0, err
		}
		k, _ := r.RowsAffected()
		n += k
	}
	return n, nil
}

// deadWorkDetail adds to a correction's audit detail (a sentence of say) the n records of work
// taken back that it dropped (dropDeadWork).
func deadWorkDetail(detail error, n int64) error {
	switch n {
	case 0:
		return detail
	case 1:
		return say.Errorf("%v; %d record of work taken back (codes taken off, reviewed marks undone) on the document's old turns dropped", detail, n)
	}
	return say.Errorf("%v; %d records of work taken back (codes taken off, reviewed marks undone) on the document's old turns dropped", detail, n)
}

// speakersDetail adds to a correction's audit detail (a sentence of say) the speakers it made,
// with their roles, and removed.
func speakersDetail(detail error, created []coding.Speaker, removed []string) error {
	for _, s := range created {
		detail = say.Errorf("%v; %q is a new speaker (%v)", detail, s.Label, roleName(s.Role))
	}
	switch {
	case len(removed) == 1:
		detail = say.Errorf("%v; %v had no turns left and was removed from the speakers", detail, quoteLabels(removed))
	case len(removed) > 1:
		detail = say.Errorf("%v; %v had no turns left and were removed from the speakers", detail, quoteLabels(removed))
	}
	return detail
}

// sameHeaders tells whether a and b have the same section headers in the same order.
func sameHeaders(a, b []coding.Item) bool {
	var ha, hb []string
	for _, it := range a {
		if it.Kind == coding.KindHeader {
			ha = append(ha, it.Text)
		}
	}
	for _, it := range b {
		if it.Kind == coding.KindHeader {
			hb = append(hb, it.Text)
		}
	}
	return slices.Equal(ha, hb)
}
