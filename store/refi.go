package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/coding/say"
)

// A REFI-QDA project exchange file (.qdpx) in and out of a project. The API is two calls and a
// preview, for the command line and the window alike:
//
//	rp, err := p.REFIProject(ctx, name)          // export: then refi.Write(w, rp)
//	rp, rep, err := refi.Read(r, size, file, opt) // import: read the file (nothing written)
//	err = p.PreviewREFI(ctx, rp, rep)            // mark documents the project has already
//	res, err := p.ImportREFI(ctx, rp, file, nil)  // write it all in one transaction

// REFIProject gathers the whole project for a REFI-QDA export (refi.Write), in one snapshot:
// every document with its items in order (section headings, notes, turns with their speaker as
// the project knows them now, the label as the source wrote it, and times), the speakers of
// the turns with their roles, every coder (the consensus layer too), each coder's live
// codings of live codes, reviewed marks and memos, and the live codebook. name is the
// project's name in the file.
func (p *Project) REFIProject(ctx context.Context, name string) (*refi.Project, error) {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, friendly(err)
	}
	defer tx.Rollback()
	rp := &refi.Project{Name: name, Origin: refi.Origin}

	codes, err := liveCodes(ctx, tx)
	if err != nil {
		return nil, err
	}
	rp.Book.Codes = codes

	rows, err := tx.QueryContext(ctx, `SELECT name, consensus FROM coders ORDER BY consensus, created_at, name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c refi.Coder
		if err := rows.Scan(&c.Name, &c.Consensus); err != nil {
			rows.Close()
			return nil, err
		}
		rp.Coders = append(rp.Coders, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = tx.QueryContext(ctx, `SELECT sp.label, sp.role FROM speakers sp
		WHERE EXISTS (SELECT 1 FROM turns t WHERE t.speaker_id = sp.id) ORDER BY sp.label`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s coding.Speaker
		var role string
		if err := rows.Scan(&s.Label, &role); err != nil {
			rows.Close()
			return nil, err
		}
		s.Role = coding.Role(role)
		rp.Speakers = append(rp.Speakers, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// The documents and their items.
	type place struct{ doc, item int }
	turns := map[string]place{}
	rows, err = tx.QueryContext(ctx, `SELECT id, title, source, format, encoding FROM documents ORDER BY position`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d refi.Document
		if err := rows.Scan(&d.ID, &d.Doc.Title, &d.Source, &d.Doc.Format, &d.Doc.Encoding); err != nil {
			rows.Close()
			return nil, err
		}
		rp.Documents = append(rp.Documents, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range rp.Documents {
		d := &rp.Documents[i]
		items, err := tx.QueryContext(ctx, `
			SELECT position, ?2, title, '', '', '', NULL, NULL FROM sections WHERE document_id = ?1
			UNION ALL
			SELECT position, ?3, text, '', '', '', NULL, NULL FROM notes WHERE document_id = ?1
			UNION ALL
			SELECT t.position, ?4, t.text, t.id, COALESCE(sp.label, ''), t.label, t.start_ms, t.end_ms
			FROM turns t LEFT JOIN speakers sp ON sp.id = t.speaker_id WHERE t.document_id = ?1
			ORDER BY 1`, d.ID, coding.KindHeader, coding.KindNote, coding.KindTurn)
		if err != nil {
			return nil, err
		}
		for items.Next() {
			var it coding.Item
			var pos int
			var turnID string
			var start, end sql.NullInt64
			if err := items.Scan(&pos, &it.Kind, &it.Text, &turnID, &it.Speaker, &it.Label, &start, &end); err != nil {
				items.Close()
				return nil, err
			}
			if start.Valid && end.Valid {
				it.Timed, it.Start, it.End = true, time.Duration(start.Int64)*time.Millisecond, time.Duration(end.Int64)*time.Millisecond
			}
			if it.Kind == coding.KindTurn {
				if it.Speaker == "" {
					it.Label = "" // a paragraph of prose
				}
				turns[turnID] = place{i, len(d.Doc.Items)}
			}
			d.Doc.Items = append(d.Doc.Items, it)
		}
		items.Close()
		if err := items.Err(); err != nil {
			return nil, err
		}
	}

	// Each coder's work on each turn.
	type key struct {
		turn  string
		coder string
	}
	marks := map[key]*refi.Mark{}
	var order []key
	mark := func(turn, coder string) *refi.Mark {
		k := key{turn, coder}
		if m := marks[k]; m != nil {
			return m
		}
		pl := turns[turn]
		m := &refi.Mark{Item: pl.item, Coder: coder}
		marks[k] = m
		order = append(order, k)
		return m
	}
	for _, q := range []struct {
		sql   string
		apply func(m *refi.Mark, v string)
	}{
		{`SELECT g.turn_id, c.name, g.code_id FROM codings g JOIN coders c ON c.id = g.coder_id
			JOIN codes k ON k.id = g.code_id AND k.removed = 0 WHERE g.removed = 0 ORDER BY g.turn_id, c.name, k.position, k.name`,
			func(m *refi.Mark, code string) { m.Codes = append(m.Codes, code) }},
		{`SELECT r.turn_id, c.name, '' FROM reviews r JOIN coders c ON c.id = r.coder_id WHERE r.reviewed = 1`,
			func(m *refi.Mark, _ string) { m.Reviewed = true }},
		{`SELECT m.turn_id, c.name, m.text FROM memos m JOIN coders c ON c.id = m.coder_id WHERE m.text <> ''`,
			func(m *refi.Mark, text string) { m.Memo = text }},
	} {
		rows, err := tx.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var turn, coder, v string
			if err := rows.Scan(&turn, &coder, &v); err != nil {
				rows.Close()
				return nil, err
			}
			if _, ok := turns[turn]; ok {
				q.apply(mark(turn, coder), v)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, k := range order {
		pl := turns[k.turn]
		d := &rp.Documents[pl.doc]
		d.Marks = append(d.Marks, *marks[k])
	}
	return rp, nil
}

// PreviewREFI fills in rep (refi.Read's report on rp) what the project has already: each
// document whose content it holds gets that document's title in Duplicate (its codings go onto
// that document's turns). Nothing is written.
func (p *Project) PreviewREFI(ctx context.Context, rp *refi.Project, rep *refi.Report) error {
	for i, d := range rp.Documents {
		if i >= len(rep.Documents) {
			break
		}
		doc := d.Doc
		var title string
		err := p.db.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, DocumentID(&doc)).Scan(&title)
		switch {
		case err == nil:
			rep.Documents[i].Duplicate = title
		case !errors.Is(err, sql.ErrNoRows):
			return friendly(err)
		}
	}
	return nil
}

// REFIImport says what ImportREFI wrote.
type REFIImport struct {
	// Documents has one entry for each document of the file, in order; Duplicate marks one the
	// project held already, whose codings went onto its turns.
	Documents []ImportResult
	// CodersAdded counts coders new to the project (the consensus layer included).
	CodersAdded int
	// CodesAdded and CodesChanged are the codebook import's (as codebook --import counts).
	CodesAdded, CodesChanged int
	// Codings, Reviewed and Memos count what was new to the project: codes given, reviewed
	// marks, memos (a row the project had as the file has it is left alone).
	Codings, Reviewed, Memos int
}

// Sentence says what an import of a .qdpx wrote, in one line: "imported 3 documents (1 of
// them already in the project), 2 coders added, …".
func (r REFIImport) Sentence() string {
	dup := 0
	for _, d := range r.Documents {
		if d.Duplicate {
			dup++
		}
	}
	n := func(k int, one, many string) string { return fmt.Sprintf("%d %s", k, plural(k, one, many)) }
	return fmt.Sprintf("imported %s (%d of them already in the project), %s added, %s added and %d changed, %s, %s, %s",
		n(len(r.Documents)-dup, "document", "documents"), dup, n(r.CodersAdded, "coder", "coders"),
		n(r.CodesAdded, "code", "codes"), r.CodesChanged, n(r.Codings, "coding", "codings"),
		n(r.Reviewed, "reviewed mark", "reviewed marks"), n(r.Memos, "memo", "memos"))
}

// Nothing tells whether the import wrote nothing: every document was in the project already,
// with every coding, mark and memo of the file.
func (r REFIImport) Nothing() bool {
	for _, d := range r.Documents {
		if !d.Duplicate {
			return false
		}
	}
	return r.CodersAdded+r.CodesAdded+r.CodesChanged+r.Codings+r.Reviewed+r.Memos == 0
}

// ImportREFI writes a project read from a .qdpx (refi.Read) into this one, in one immediate
// transaction with one audit entry ("import project", naming source): nothing is written when
// anything fails, when ctx is cancelled, or when the result would pass the project's limits
// (coding.MaxCodes, MaxCoders, MaxLabel, MaxCodesPerTurn), each refused in one sentence.
//
//   - Documents go in as Import writes them; content the project holds already is not written
//     again, and the file's codings go onto that document's turns. A speaker new to the
//     project gets the role the file gives (else GuessRole's); a known speaker keeps theirs.
//   - Coders are added by name; the file's consensus coder (or a coder named as the consensus
//     layer) is the project's consensus layer.
//   - The codebook comes in as codebook --import brings a .qdc: a code is the project's code
//     with its id, else its guid, else its name.
//   - Codings, reviewed marks and memos follow codings import: a code given and a reviewed mark
//     are added (never taken away), and a memo the file has replaces the coder's memo on that
//     turn.
func (p *Project) ImportREFI(ctx context.Context, rp *refi.Project, source string, progress Progress) (REFIImport, error) {
	var res REFIImport
	total := 0
	for _, d := range rp.Documents {
		total += len(d.Doc.Items)
	}
	codings, reviewed, memos := 0, 0, 0
	for _, d := range rp.Documents {
		for _, m := range d.Marks {
			codings += len(m.Codes)
			if m.Reviewed {
				reviewed++
			}
			if m.Memo != "" {
				memos++
			}
		}
	}
	detail := fmt.Sprintf("%s: %d documents, %d coders, %d codes, %d codings, %d reviewed marks, %d memos",
		source, len(rp.Documents), len(rp.Coders), len(rp.Book.Codes), codings, reviewed, memos)
	err := p.write(ctx, "import project", detail, func(tx *sql.Tx) error {
		res = REFIImport{}
		now := time.Now().UnixNano()
		// Coders first: a file past the limit is refused before its documents are written.
		coders := map[string]int64{}
		for _, c := range rp.Coders {
			name := coding.NormalizeLabel(c.Name)
			if name == "" {
				return say.Errorf("a coder of the file has no name")
			}
			var id int64
			var err error
			if c.Consensus || isConsensusName(name) {
				var had bool
				if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM coders WHERE consensus = 1)`).Scan(&had); err != nil {
					return err
				}
				if id, err = consensusID(ctx, tx); err != nil {
					return err
				}
				if !had {
					res.CodersAdded++
				}
			} else {
				r, err := tx.ExecContext(ctx, `INSERT INTO coders(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING`, name, now)
				if err != nil {
					return err
				}
				if n, _ := r.RowsAffected(); n > 0 {
					res.CodersAdded++
				}
				if err := tx.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ?`, name).Scan(&id); err != nil {
					return err
				}
			}
			coders[c.Name] = id
		}
		if err := checkLimits(ctx, tx, "after this import"); err != nil {
			return err
		}
		idMap := map[string]string{}
		if len(rp.Book.Codes) > 0 {
			var err error
			if res.CodesAdded, res.CodesChanged, idMap, err = importBook(ctx, tx, rp.Book, rp.Origin == refi.Origin); err != nil {
				return say.Errorf("the file's codebook: %v", err)
			}
		}
		done := 0
		for _, d := range rp.Documents {
			doc := d.Doc
			roles, err := newSpeakersRoles(ctx, tx, doc.Roles)
			if err != nil {
				return err
			}
			doc.Roles = roles
			ir := ImportResult{DocumentID: DocumentID(&doc), Title: doc.Title}
			var existing string
			err = tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, ir.DocumentID).Scan(&existing)
			switch {
			case err == nil:
				ir.Duplicate, ir.Title = true, existing
			case errors.Is(err, sql.ErrNoRows):
				from := d.Source
				if from == "" {
					from = source
				}
				var sub Progress
				if progress != nil {
					base := done
					sub = func(n, _ int) { progress(base+n, total) }
				}
				if err := insertDocument(ctx, tx, &doc, from, &ir, sub); err != nil {
					return err
				}
			default:
				return err
			}
			done += len(doc.Items)
			res.Documents = append(res.Documents, ir)
			if err := applyMarks(ctx, tx, ir, doc.Items, d.Marks, coders, idMap, now, &res); err != nil {
				return say.Errorf("document %q: %v", doc.Title, err)
			}
		}
		if err := checkCodesPerTurn(ctx, tx, "after this import"); err != nil {
			return err
		}
		return checkLimits(ctx, tx, "after this import")
	})
	if err != nil {
		if ctx.Err() != nil {
			return REFIImport{}, say.Errorf("import of %s cancelled; nothing was written", source)
		}
		return REFIImport{}, err
	}
	if progress != nil {
		progress(total, total)
	}
	return res, nil
}

// newSpeakersRoles keeps, of the roles a file gives, those of speakers the project does not
// know yet: a known speaker keeps the role the project gave them.
func newSpeakersRoles(ctx context.Context, tx *sql.Tx, roles map[string]coding.Role) (map[string]coding.Role, error) {
	out := map[string]coding.Role{}
	for label, role := range roles {
		_, err := speakerID(ctx, tx, label)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out[label] = role
		case err != nil:
			return nil, err
		}
	}
	return out, nil
}

// applyMarks writes one document's marks onto its turns, found by their numbers.
func applyMarks(ctx context.Context, tx *sql.Tx, ir ImportResult, items []coding.Item, marks []refi.Mark,
	coders map[string]int64, idMap map[string]string, now int64, res *REFIImport) error {
	if len(marks) == 0 {
		return nil
	}
	ids := map[int]string{}
	rows, err := tx.QueryContext(ctx, `SELECT number, id FROM turns WHERE document_id = ?`, ir.DocumentID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n int
		var id string
		if err := rows.Scan(&n, &id); err != nil {
			rows.Close()
			return err
		}
		ids[n] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	nums := refi.TurnNumbers(items)
	for _, m := range marks {
		if m.Item < 0 || m.Item >= len(items) || nums[m.Item] == 0 {
			return say.Errorf("a mark of %s is on no turn", m.Coder)
		}
		turn, ok := ids[nums[m.Item]]
		if !ok {
			return say.Errorf("the project's document has no turn %d", nums[m.Item])
		}
		coder, ok := coders[m.Coder]
		if !ok {
			return say.Errorf("%q is not one of the file's coders", m.Coder)
		}
		// Only what changes is written: a file imported twice leaves the rows (and the change
		// times merges go by) as the first import left them.
		if m.Reviewed {
			r, err := tx.ExecContext(ctx, `INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) VALUES (?, ?, 1, ?)
				ON CONFLICT(coder_id, turn_id) DO UPDATE SET reviewed = 1, changed_at = MAX(excluded.changed_at, reviews.changed_at + 1)
				WHERE reviews.reviewed = 0`, coder, turn, now)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n > 0 {
				res.Reviewed++
			}
		}
		for _, c := range m.Codes {
			code, ok := idMap[c]
			if !ok {
				return say.Errorf("turn %d: the code %q is not in the file's codebook", nums[m.Item], c)
			}
			r, err := tx.ExecContext(ctx, `INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at) VALUES (?, ?, ?, 0, ?)
				ON CONFLICT(coder_id, turn_id, code_id) DO UPDATE SET removed = 0, changed_at = MAX(excluded.changed_at, codings.changed_at + 1)
				WHERE codings.removed = 1`, coder, turn, code, now)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n > 0 {
				res.Codings++
			}
		}
		if memo := strings.TrimRight(m.Memo, " \t\r\n"); memo != "" {
			r, err := tx.ExecContext(ctx, `INSERT INTO memos(coder_id, turn_id, text, changed_at) VALUES (?, ?, ?, ?)
				ON CONFLICT(coder_id, turn_id) DO UPDATE SET text = excluded.text, changed_at = MAX(excluded.changed_at, memos.changed_at + 1)
				WHERE memos.text <> excluded.text`, coder, turn, m.Memo, now)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n > 0 {
				res.Memos++
			}
		}
	}
	return nil
}
