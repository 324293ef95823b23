package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Info counts what the project holds.
func (p *Project) Info(ctx context.Context) (coding.Counts, error) {
	var c coding.Counts
	err := p.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM sections), (SELECT COUNT(*) FROM turns),
		(SELECT COUNT(*) FROM notes), (SELECT COUNT(*) FROM speakers), (SELECT COUNT(*) FROM codes WHERE removed = 0),
		(SELECT COUNT(*) FROM coders), (SELECT COUNT(*) FROM codings WHERE removed = 0)`).Scan(
		&c.Documents, &c.Sections, &c.Turns, &c.Notes, &c.Speakers, &c.Codes, &c.Coders, &c.Codings)
	return c, err
}

// DocumentInfo describes one document of the project.
type DocumentInfo struct {
	ID, Title, Source, Format string
	Turns                     int
}

// Documents lists the project's documents in import order.
func (p *Project) Documents(ctx context.Context) ([]DocumentInfo, error) {
	// A document's turns are numbered 1 to n without a gap (a document's turns are only ever
	// written whole, and Search's index relies on it too), so its last number is its count:
	// one step down the (document_id, number) index, where COUNT(*) walks every entry (a
	// third of a second on a project of a million turns, at every start).
	rows, err := p.db.QueryContext(ctx, `SELECT d.id, d.title, d.source, d.format,
		COALESCE((SELECT t.number FROM turns t WHERE t.document_id = d.id ORDER BY t.number DESC LIMIT 1), 0)
		FROM documents d ORDER BY d.position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DocumentInfo
	for rows.Next() {
		var d DocumentInfo
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.Format, &d.Turns); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// resolveDocument finds a document by id or title. A title two documents share is ambiguous.
func resolveDocument(ctx context.Context, q queryer, ref string) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM documents WHERE id = ? UNION SELECT id FROM documents WHERE title = ?`, ref, ref)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch len(ids) {
	case 0:
		return "", say.Errorf("no document %q in the project", ref)
	case 1:
		return ids[0], nil
	}
	return "", say.Errorf("%d documents are titled %q; name one by id (%s)", len(ids), ref, strings.Join(ids, ", "))
}

// Turns lists the turns of one document (by title or id), or of every document when doc is "".
func (p *Project) Turns(ctx context.Context, doc string) ([]coding.TurnRow, error) {
	where, args := "", []any{}
	if doc != "" {
		id, err := resolveDocument(ctx, p.db, doc)
		if err != nil {
			return nil, err
		}
		where, args = "WHERE t.document_id = ?", append(args, id)
	}
	rows, err := p.db.QueryContext(ctx, `SELECT t.id, d.title, COALESCE(s.title, ''), t.number, COALESCE(sp.label, ''),
		COALESCE(sp.role, ''), t.text, t.start_ms, t.end_ms
		FROM turns t JOIN documents d ON d.id = t.document_id
		LEFT JOIN sections s ON s.id = t.section_id LEFT JOIN speakers sp ON sp.id = t.speaker_id
		`+where+` ORDER BY d.position, t.number`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.TurnRow
	for rows.Next() {
		var r coding.TurnRow
		var role string
		var start, end sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Document, &r.Section, &r.Number, &r.Speaker, &role, &r.Text, &start, &end); err != nil {
			return nil, err
		}
		r.Role = coding.Role(role)
		if start.Valid && end.Valid {
			r.Timed, r.Start, r.End = true, time.Duration(start.Int64)*time.Millisecond, time.Duration(end.Int64)*time.Millisecond
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Speakers lists the speakers with their roles, aliases and turn counts, by label.
func (p *Project) Speakers(ctx context.Context) ([]coding.Speaker, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT sp.label, sp.role, (SELECT COUNT(*) FROM turns t WHERE t.speaker_id = sp.id),
		COALESCE((SELECT group_concat(alias, char(31)) FROM (SELECT alias FROM speaker_aliases a WHERE a.speaker_id = sp.id ORDER BY alias)), '')
		FROM speakers sp ORDER BY sp.label`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.Speaker
	for rows.Next() {
		var s coding.Speaker
		var role, aliases string
		if err := rows.Scan(&s.Label, &role, &s.Turns, &aliases); err != nil {
			return nil, err
		}
		s.Role = coding.Role(role)
		if aliases != "" {
			s.Aliases = strings.Split(aliases, "\x1f")
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SpeakerLabels lists the speakers' labels in order, without counting their turns as Speakers
// does (a million turns take a moment to count): the window's speaker filters.
func (p *Project) SpeakerLabels(ctx context.Context) ([]string, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT label FROM speakers ORDER BY label`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func findSpeaker(ctx context.Context, q queryer, label string) (int64, string, error) {
	norm := coding.NormalizeLabel(label)
	id, err := speakerID(ctx, q, norm)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", say.Errorf("no speaker %q in the project", label)
	}
	return id, norm, err
}

// SetRole gives a speaker (by label or alias) a role.
func (p *Project) SetRole(ctx context.Context, label string, role coding.Role) error {
	return p.write(ctx, "set role", label+" = "+string(role), func(tx *sql.Tx) error {
		id, _, err := findSpeaker(ctx, tx, label)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE speakers SET role = ? WHERE id = ?`, role, id)
		return err
	})
}

// Alias declares that label is another name of canonical: label's turns move to canonical,
// and later imports map label to canonical too.
func (p *Project) Alias(ctx context.Context, label, canonical string) error {
	return p.write(ctx, "alias speaker", label+" = "+canonical, func(tx *sql.Tx) error {
		from, fromLabel, err := findSpeaker(ctx, tx, label)
		if err != nil {
			return err
		}
		to, _, err := findSpeaker(ctx, tx, canonical)
		if err != nil {
			return err
		}
		if from == to {
			return say.Errorf("%q and %q are already the same speaker", label, canonical)
		}
		for _, q := range []string{
			`UPDATE turns SET speaker_id = ? WHERE speaker_id = ?`,
			`UPDATE speaker_aliases SET speaker_id = ? WHERE speaker_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, to, from); err != nil {
				return err
			}
		}
		var ownLabel string
		if err := tx.QueryRowContext(ctx, `SELECT label FROM speakers WHERE id = ?`, from).Scan(&ownLabel); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO speaker_aliases(alias, speaker_id) VALUES (?, ?)`, ownLabel, to); err != nil {
			return err
		}
		if ownLabel != fromLabel { // label was itself an alias of from
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO speaker_aliases(alias, speaker_id) VALUES (?, ?)`, fromLabel, to); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM speakers WHERE id = ?`, from)
		return err
	})
}

// RenameSpeaker gives a speaker (found by label or alias) a new label. The old label stays as
// an alias, so later imports and coder files that still write it find the speaker. Renaming
// onto another speaker's label or alias is refused: that is a merge (Alias). Renaming to the
// label the speaker already has changes nothing.
func (p *Project) RenameSpeaker(ctx context.Context, label, newLabel string) error {
	to := coding.NormalizeLabel(newLabel)
	if to == "" {
		return say.Errorf("a speaker needs a label: %q is empty", newLabel)
	}
	err := p.write(ctx, "rename speaker", label+" -> "+to, func(tx *sql.Tx) error {
		id, _, err := findSpeaker(ctx, tx, label)
		if err != nil {
			return err
		}
		var own string
		if err := tx.QueryRowContext(ctx, `SELECT label FROM speakers WHERE id = ?`, id).Scan(&own); err != nil {
			return err
		}
		if own == to {
			return errNoChange
		}
		other, err := speakerID(ctx, tx, to)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case other != id:
			return say.Errorf("cannot rename %q to %q: %q is already a speaker, so merge the two instead", own, to, to)
		default: // to is one of the speaker's own aliases: it becomes the label
			if _, err := tx.ExecContext(ctx, `DELETE FROM speaker_aliases WHERE alias = ?`, to); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE speakers SET label = ? WHERE id = ?`, to, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO speaker_aliases(alias, speaker_id) VALUES (?, ?)`, own, id)
		return err
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

// RenameDocument gives a document a new title; its id, and so every coding and merge, stays.
// A title another document has is refused (the command line finds documents by title).
func (p *Project) RenameDocument(ctx context.Context, id, title string) error {
	to := strings.Join(strings.Fields(title), " ")
	if to == "" {
		return say.Errorf("a document needs a title")
	}
	err := p.write(ctx, "rename document", id+" -> "+to, func(tx *sql.Tx) error {
		var own string
		if err := tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, id).Scan(&own); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return say.Errorf("there is no document %s", id)
			}
			return err
		}
		if own == to {
			return errNoChange
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE title = ? AND id <> ?`, to, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return say.Errorf("another document is called %q already; choose another title", to)
		}
		_, err := tx.ExecContext(ctx, `UPDATE documents SET title = ? WHERE id = ?`, to, id)
		return err
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}
