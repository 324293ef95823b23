package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// The coding workspace: what the GUI reads to show a document (lines, sections, coders'
// states, progress, search hits, memos) and the one way it changes a coder's decision about a
// turn (SetState).

// errNoChange rolls back a write that turned out to change nothing, so it leaves no audit entry.
var errNoChange = errors.New("nothing to change")

// coderID finds a coder by name (normalised as AddCoder stores it).
func coderID(ctx context.Context, q queryer, name string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ?`, coding.NormalizeLabel(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, say.Errorf("no coder %q in the project", name)
	}
	return id, err
}

// checkDocument tells a missing document apart from an empty one.
func checkDocument(ctx context.Context, q queryer, docID string) error {
	var ok bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)`, docID).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return say.Errorf("no document %q in the project", docID)
	}
	return nil
}

// turnInfo is where a turn stands, for messages and audit entries.
type turnInfo struct {
	document string // title
	number   int
}

func (t turnInfo) String() string { return fmt.Sprintf("%s, turn %d", t.document, t.number) }

func findTurn(ctx context.Context, q queryer, turnID string) (turnInfo, error) {
	var t turnInfo
	err := q.QueryRowContext(ctx, `SELECT d.title, t.number FROM turns t JOIN documents d ON d.id = t.document_id
		WHERE t.id = ?`, turnID).Scan(&t.document, &t.number)
	if errors.Is(err, sql.ErrNoRows) {
		return t, say.Errorf("no turn %q in the project", turnID)
	}
	return t, err
}

// CodeInterviewers reports whether interviewers' turns are in the coding scope.
func (p *Project) CodeInterviewers(ctx context.Context) (bool, error) {
	v, err := p.Meta(ctx, "code_interviewer")
	return v == "1", err
}

// SetCodeInterviewers puts interviewers' turns in the coding scope (on) or out of it.
func (p *Project) SetCodeInterviewers(ctx context.Context, on bool) error {
	old, err := p.CodeInterviewers(ctx)
	if err != nil {
		return err
	}
	if old == on {
		return nil
	}
	value, detail := "0", "off"
	if on {
		value, detail = "1", "on"
	}
	return p.write(ctx, "code interviewers", detail, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('code_interviewer', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, value)
		return err
	})
}

// codable is the coding scope: prose paragraphs, and turns of speakers who are not
// interviewers unless the project codes interviewers too.
func codable(role string, codeInterviewers bool) bool {
	return codeInterviewers || role != string(coding.RoleInterviewer)
}

// Lines returns a document's lines in reading order: section headers, notes and turns.
func (p *Project) Lines(ctx context.Context, docID string) ([]coding.Line, error) {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // one snapshot for the three tables
	if err != nil {
		return nil, friendly(err)
	}
	defer tx.Rollback()
	var ci bool
	var turns int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT value = '1' FROM meta WHERE key = 'code_interviewer'), 0),
		(SELECT COUNT(*) FROM turns WHERE document_id = ?)`, docID).Scan(&ci, &turns); err != nil {
		return nil, err
	}
	// Headers and notes are few: read them first, then interleave them with the turns as these
	// stream by. An item's position is its index in the document, unique across the three
	// tables, and turns are numbered in position order, so the turns come in reading order
	// straight from their (document_id, number) index, without sorting.
	type placed struct {
		position int64
		line     coding.Line
	}
	var others []placed
	rows, err := tx.QueryContext(ctx, `
		SELECT position, ?2, title, id FROM sections WHERE document_id = ?1
		UNION ALL
		SELECT position, ?3, text, COALESCE(section_id, 0) FROM notes WHERE document_id = ?1
		ORDER BY 1`, docID, coding.KindHeader, coding.KindNote)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o placed
		if err := rows.Scan(&o.position, &o.line.Kind, &o.line.Text, &o.line.SectionID); err != nil {
			rows.Close()
			return nil, err
		}
		others = append(others, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if turns == 0 && len(others) == 0 {
		return nil, checkDocument(ctx, tx, docID)
	}
	type speaker struct {
		label string
		role  coding.Role
	}
	speakers := map[int64]speaker{}
	rows, err = tx.QueryContext(ctx, `SELECT id, label, role FROM speakers`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var s speaker
		if err := rows.Scan(&id, &s.label, &s.role); err != nil {
			rows.Close()
			return nil, err
		}
		speakers[id] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]coding.Line, 0, turns+len(others))
	next := 0
	rows, err = tx.QueryContext(ctx, `SELECT position, id, number, COALESCE(speaker_id, 0), text, COALESCE(section_id, 0)
		FROM turns WHERE document_id = ? ORDER BY number`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pos, sp int64
		l := coding.Line{Kind: coding.KindTurn}
		if err := rows.Scan(&pos, &l.TurnID, &l.Number, &sp, &l.Text, &l.SectionID); err != nil {
			return nil, err
		}
		for ; next < len(others) && others[next].position < pos; next++ {
			out = append(out, others[next].line)
		}
		s := speakers[sp] // 0: prose, no speaker
		l.Speaker, l.Role = s.label, s.role
		l.Codable = codable(string(s.role), ci)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for ; next < len(others); next++ {
		out = append(out, others[next].line)
	}
	return out, nil
}

// Sections lists a document's sections in order.
func (p *Project) Sections(ctx context.Context, docID string) ([]coding.Section, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT id, document_id, title FROM sections WHERE document_id = ? ORDER BY position`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.Section
	for rows.Next() {
		var s coding.Section
		if err := rows.Scan(&s.ID, &s.DocumentID, &s.Title); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, checkDocument(ctx, p.db, docID)
	}
	return out, nil
}

// SectionsByDocument lists every document's sections in order, by document id, in one query:
// the navigator's at start-up, where a query per document cost one round trip each.
func (p *Project) SectionsByDocument(ctx context.Context) (map[string][]coding.Section, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT id, document_id, title FROM sections ORDER BY document_id, position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]coding.Section{}
	for rows.Next() {
		var s coding.Section
		if err := rows.Scan(&s.ID, &s.DocumentID, &s.Title); err != nil {
			return nil, err
		}
		out[s.DocumentID] = append(out[s.DocumentID], s)
	}
	return out, rows.Err()
}

// States returns one coder's state of every turn of a document that has live codings or is
// reviewed, keyed by turn id. Codes are in codebook order.
func (p *Project) States(ctx context.Context, coder, docID string) (map[string]coding.TurnState, error) {
	id, err := coderID(ctx, p.db, coder)
	if err != nil {
		return nil, err
	}
	rows, _, err := p.states(ctx, docID, id)
	if err != nil {
		return nil, err
	}
	out := make(map[string]coding.TurnState, len(rows))
	for _, r := range rows {
		out[r.turn] = r.state
	}
	return out, nil
}

// AllStates returns every coder's states of a document (consensus coders included): turn id,
// then coder name.
func (p *Project) AllStates(ctx context.Context, docID string) (map[string]map[string]coding.TurnState, error) {
	rows, names, err := p.states(ctx, docID, 0)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]coding.TurnState{}
	for _, r := range rows {
		byCoder := out[r.turn]
		if byCoder == nil {
			byCoder = map[string]coding.TurnState{}
			out[r.turn] = byCoder
		}
		byCoder[names[r.coder]] = r.state
	}
	return out, nil
}

// stateRow is one coder's state of one turn.
type stateRow struct {
	turn  string
	coder int64
	state coding.TurnState
}

// states reads the states of one coder (coder > 0) or of all of them (coder 0) in one
// snapshot, with the coders' names by id.
func (p *Project) states(ctx context.Context, docID string, coder int64) ([]stateRow, map[int64]string, error) {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, friendly(err)
	}
	defer tx.Rollback()
	codes, err := allCodes(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	names, err := codersByID(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	// The document's turns drive the joins (CROSS JOIN fixes the order), so reviews and
	// codings are found by their primary keys whatever the size of the project, in one pass:
	// a row per live coding, or one with a NULL code for a turn reviewed with none.
	rows, err := tx.QueryContext(ctx, `
		SELECT t.id, c.id, COALESCE(r.reviewed, 0), g.code_id
		FROM turns t CROSS JOIN coders c
		LEFT JOIN reviews r ON r.coder_id = c.id AND r.turn_id = t.id
		LEFT JOIN codings g ON g.coder_id = c.id AND g.turn_id = t.id AND g.removed = 0
		WHERE t.document_id = ?1 AND (?2 = 0 OR c.id = ?2) AND (r.reviewed = 1 OR g.code_id IS NOT NULL)`, docID, coder)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	type key struct {
		turn  string
		coder int64
	}
	index := map[key]int{}
	var out []stateRow
	for rows.Next() {
		var k key
		var reviewed bool
		var code sql.NullString
		if err := rows.Scan(&k.turn, &k.coder, &reviewed, &code); err != nil {
			return nil, nil, err
		}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, stateRow{turn: k.turn, coder: k.coder, state: coding.TurnState{Reviewed: reviewed}})
		}
		if code.Valid {
			out[i].state.Codes = append(out[i].state.Codes, code.String)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for _, r := range out {
		sortCodes(r.state.Codes, codes)
	}
	if len(out) == 0 {
		return nil, names, checkDocument(ctx, tx, docID)
	}
	return out, names, nil
}

// sortCodes puts code ids in codebook order (position, then name, as Codes lists them).
func sortCodes(ids []string, codes map[string]codeInfo) {
	if len(ids) < 2 {
		return
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := codes[ids[i]], codes[ids[j]]
		if a.position != b.position {
			return a.position < b.position
		}
		return a.name < b.name
	})
}

// codeInfo is one row of the codes table, removed ones included.
type codeInfo struct {
	name     string
	position int
	removed  bool
}

// stored is the current codings and review of one coder and turn, as rows.
type stored struct {
	codes    map[string]bool // code id -> live (false: tombstone)
	reviewed bool
	latest   int64 // the greatest changed_at among the rows
}

func readStored(ctx context.Context, tx *sql.Tx, coder int64, turn string) (stored, error) {
	s := stored{codes: map[string]bool{}}
	rows, err := tx.QueryContext(ctx, `SELECT code_id, removed, changed_at FROM codings WHERE coder_id = ? AND turn_id = ?`, coder, turn)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var removed bool
		var at int64
		if err := rows.Scan(&code, &removed, &at); err != nil {
			return s, err
		}
		s.codes[code] = !removed
		s.latest = max(s.latest, at)
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	var at int64
	err = tx.QueryRowContext(ctx, `SELECT reviewed, changed_at FROM reviews WHERE coder_id = ? AND turn_id = ?`, coder, turn).Scan(&s.reviewed, &at)
	switch {
	case err == nil:
		s.latest = max(s.latest, at)
	case !errors.Is(err, sql.ErrNoRows):
		return s, err
	}
	return s, nil
}

// changeTime is now, or just after the latest change already stored when the clock is behind
// it (a coarse clock, or a row merged from a machine whose clock runs ahead): last-writer-wins
// merges need every change of a row to be later than the one it replaces.
func changeTime(latest int64) int64 {
	return max(time.Now().UnixNano(), latest+1)
}

// SetState makes one coder's state of one turn exactly st, in one transaction with its audit
// entry (action names it: "code", "uncode", "review", "undo", "redo"...). Codes left out are
// tombstoned, codes given are made live, the review is set to st.Reviewed; rows that already
// hold the wanted value are left alone. When nothing changes nothing is written, not even an
// audit entry. An unknown coder, turn or code is refused and nothing is written.
func (p *Project) SetState(ctx context.Context, coder, turnID string, st coding.TurnState, action string) error {
	coderRow, err := coderID(ctx, p.db, coder)
	if err != nil {
		return err
	}
	turn, err := findTurn(ctx, p.db, turnID)
	if err != nil {
		return err
	}
	codes, err := allCodes(ctx, p.db)
	if err != nil {
		return err
	}
	want := make([]string, 0, len(st.Codes))
	seen := map[string]bool{}
	for _, c := range st.Codes {
		if _, ok := codes[c]; !ok {
			return say.Errorf("no code %q in the codebook", c)
		}
		if !seen[c] {
			seen[c] = true
			want = append(want, c)
		}
	}
	if len(want) > coding.MaxCodesPerTurn {
		return tooManyOnTurn(len(want))
	}
	sortCodes(want, codes)
	err = p.write(ctx, action, stateDetail(coder, turn, st.Reviewed, want, codes), func(tx *sql.Tx) error {
		cur, err := readStored(ctx, tx, coderRow, turnID)
		if err != nil {
			return err
		}
		var on, off []string
		for _, c := range want {
			if !cur.codes[c] {
				if codes[c].removed {
					return say.Errorf("the code %q was removed from the codebook; it can no longer be given", codes[c].name)
				}
				on = append(on, c)
			}
		}
		for c, live := range cur.codes {
			if live && !seen[c] {
				off = append(off, c)
			}
		}
		review := cur.reviewed != st.Reviewed
		if len(on) == 0 && len(off) == 0 && !review {
			return errNoChange
		}
		now := changeTime(cur.latest)
		for _, c := range on {
			if err := setCoding(ctx, tx, coderRow, turnID, c, true, now); err != nil {
				return err
			}
		}
		for _, c := range off {
			if err := setCoding(ctx, tx, coderRow, turnID, c, false, now); err != nil {
				return err
			}
		}
		if review {
			return setReviewed(ctx, tx, coderRow, turnID, st.Reviewed, now)
		}
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

// allCodes maps every code id of the codes table, removed ones included (a coding of a
// removed code can still be live, and must survive a SetState that keeps it).
func allCodes(ctx context.Context, q queryer) (map[string]codeInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, position, removed FROM codes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]codeInfo{}
	for rows.Next() {
		var id string
		var c codeInfo
		if err := rows.Scan(&id, &c.name, &c.position, &c.removed); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// stateDetail is the audit detail of a SetState: whose state of which turn, and what it is now.
func stateDetail(coder string, turn turnInfo, reviewed bool, want []string, codes map[string]codeInfo) string {
	names := make([]string, len(want))
	for i, c := range want {
		names[i] = codes[c].name
	}
	what := strings.Join(names, ", ")
	switch {
	case len(want) == 0 && reviewed:
		what = "no code applies"
	case len(want) == 0:
		what = "not reviewed"
	case !reviewed:
		what += " (not reviewed)"
	}
	return fmt.Sprintf("%s (%s): %s", turn, coding.NormalizeLabel(coder), what)
}

// ProgressReport counts one coder's reviewed codable turns per document (by id), per section
// (by id; turns outside any section count for their document only) and for the project.
// Every document and section appears, with zero counts if it has no codable turn.
type ProgressReport struct {
	Documents map[string]coding.Progress
	Sections  map[int64]coding.Progress
	Project   coding.Progress
}

// Progress counts, for one coder, the codable turns and how many of them are reviewed.
func (p *Project) Progress(ctx context.Context, coder string) (ProgressReport, error) {
	rep := ProgressReport{Documents: map[string]coding.Progress{}, Sections: map[int64]coding.Progress{}}
	id, err := coderID(ctx, p.db, coder)
	if err != nil {
		return rep, err
	}
	ci, err := p.CodeInterviewers(ctx)
	if err != nil {
		return rep, err
	}
	// Grouping rows per (document, section) in one statement, so the three levels agree;
	// documents and sections without codable turns come as rows with zero counts.
	rows, err := p.db.QueryContext(ctx, `
		SELECT t.document_id, COALESCE(t.section_id, 0), COUNT(*), COALESCE(SUM(r.reviewed = 1), 0)
		FROM turns t LEFT JOIN speakers sp ON sp.id = t.speaker_id
		LEFT JOIN reviews r ON r.turn_id = t.id AND r.coder_id = ?1
		WHERE ?2 OR sp.role IS NULL OR sp.role <> 'interviewer'
		GROUP BY 1, 2
		UNION ALL SELECT id, 0, 0, 0 FROM documents
		UNION ALL SELECT document_id, id, 0, 0 FROM sections`, id, ci)
	if err != nil {
		return rep, err
	}
	defer rows.Close()
	for rows.Next() {
		var doc string
		var section int64
		var n, reviewed int
		if err := rows.Scan(&doc, &section, &n, &reviewed); err != nil {
			return rep, err
		}
		d := rep.Documents[doc]
		d.Codable += n
		d.Reviewed += reviewed
		rep.Documents[doc] = d
		if section != 0 {
			s := rep.Sections[section]
			s.Codable += n
			s.Reviewed += reviewed
			rep.Sections[section] = s
		}
		rep.Project.Codable += n
		rep.Project.Reviewed += reviewed
	}
	return rep, rows.Err()
}

// searchKey folds text for search: NFKC (full-width ＣＬＢ is CLB, ８ is 8) and lower case.
func searchKey(s string) string {
	return strings.Map(unicode.ToLower, norm.NFKC.String(s))
}

// appendFolded appends searchKey(s) to dst without going through package norm when it can
// (coding.AppendNFKC); for text it cannot map it returns false and the caller folds with
// searchKey.
func appendFolded(dst []byte, s string) ([]byte, bool) { return coding.AppendNFKC(dst, s, true) }

// Search finds the turns whose text contains query, ignoring case and the difference between
// full-width and half-width forms, in document order then turn number, at most limit of them
// (200 if limit <= 0). Surrounding white space of the query is ignored; an empty query finds
// nothing. The query is plain text: % and _ are themselves. A large project is searched
// through its index (search.go), which gives the same hits; a small one, or one whose index is
// being built, is scanned.
func (p *Project) Search(ctx context.Context, query string, limit int) ([]coding.SearchHit, error) {
	q := []byte(searchKey(strings.TrimSpace(query)))
	if len(q) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 200
	}
	hits, ready, err := p.indexSearch(ctx, q, limit)
	switch {
	case errors.Is(err, errSearchStale):
	case err != nil:
		return nil, friendly(err)
	case ready:
		return hits, nil
	}
	return p.scanSearch(ctx, q, limit)
}

// scanSearch is Search without an index: every turn's text folded and compared, document by
// document, until limit hits.
func (p *Project) scanSearch(ctx context.Context, q []byte, limit int) ([]coding.SearchHit, error) {
	// NFKC and case folding are done here rather than in SQL. Each document's turns are read
	// in number order from their index (no sort), in one snapshot, and the scan stops at limit.
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, friendly(err)
	}
	defer tx.Rollback()
	type document struct{ id, title string }
	var docs []document
	rows, err := tx.QueryContext(ctx, `SELECT id, title FROM documents ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d document
		if err := rows.Scan(&d.id, &d.title); err != nil {
			rows.Close()
			return nil, err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	stmt, err := tx.PrepareContext(ctx, `SELECT id, number, text FROM turns WHERE document_id = ? ORDER BY number`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	var out []coding.SearchHit
	var buf []byte
	for _, d := range docs {
		rows, err := stmt.QueryContext(ctx, d.id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var hit coding.SearchHit
			if err := rows.Scan(&hit.TurnID, &hit.Number, &hit.Text); err != nil {
				rows.Close()
				return nil, err
			}
			var ok bool
			if buf, ok = appendFolded(buf[:0], hit.Text); !ok {
				buf = append(buf[:0], searchKey(hit.Text)...)
			}
			if !bytes.Contains(buf, q) {
				continue
			}
			hit.DocumentID, hit.Document = d.id, d.title
			out = append(out, hit)
			if len(out) == limit {
				break
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// Memo returns one coder's memo on a turn, "" if there is none.
func (p *Project) Memo(ctx context.Context, coder, turnID string) (string, error) {
	id, err := coderID(ctx, p.db, coder)
	if err != nil {
		return "", err
	}
	var text string
	err = p.db.QueryRowContext(ctx, `SELECT text FROM memos WHERE coder_id = ? AND turn_id = ?`, id, turnID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = findTurn(ctx, p.db, turnID)
		return "", err
	}
	return text, err
}

// SetMemo writes one coder's memo on a turn. An empty text is kept as an empty memo (a
// deletion that later merges must see), not deleted. Writing the memo a turn already has
// changes nothing and is not audited.
func (p *Project) SetMemo(ctx context.Context, coder, turnID, text string) error {
	id, err := coderID(ctx, p.db, coder)
	if err != nil {
		return err
	}
	turn, err := findTurn(ctx, p.db, turnID)
	if err != nil {
		return err
	}
	err = p.write(ctx, "memo", fmt.Sprintf("%s (%s)", turn, coding.NormalizeLabel(coder)), func(tx *sql.Tx) error {
		var old string
		var at int64
		err := tx.QueryRowContext(ctx, `SELECT text, changed_at FROM memos WHERE coder_id = ? AND turn_id = ?`, id, turnID).Scan(&old, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if text == "" {
				return errNoChange
			}
		case err != nil:
			return err
		case old == text:
			return errNoChange
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO memos(coder_id, turn_id, text, changed_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(coder_id, turn_id) DO UPDATE SET text = excluded.text, changed_at = excluded.changed_at`,
			id, turnID, text, changeTime(at))
		return err
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}
