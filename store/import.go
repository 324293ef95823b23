package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// ImportResult says what an import did.
type ImportResult struct {
	DocumentID string
	Title      string
	Duplicate  bool // the same content was already in the project; nothing was written
	Sections   int
	Turns      int
	Notes      int
	// SameName is the title of a document, with other content, that came from a file of
	// this name or has this title: the new document is a second one (coding.ImportPreview).
	SameName string
}

// DocumentID is the content hash of a parsed document: the same items (kinds, speakers, texts,
// times) give the same id whatever the file's name, encoding or format.
func DocumentID(doc *coding.Document) string {
	h := sha256.New()
	var num [8]byte
	for _, it := range doc.Items {
		h.Write([]byte{byte(it.Kind)})
		h.Write([]byte(it.Speaker))
		h.Write([]byte{0})
		h.Write([]byte(it.Text))
		h.Write([]byte{0})
		if it.Timed {
			binary.LittleEndian.PutUint64(num[:], uint64(it.Start))
			h.Write(num[:])
			binary.LittleEndian.PutUint64(num[:], uint64(it.End))
			h.Write(num[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// TurnID is the stable id of the turn at position pos of document docID.
func TurnID(docID string, pos int, speaker, text string) string {
	h := sha256.New()
	h.Write([]byte(docID))
	var num [8]byte
	binary.LittleEndian.PutUint64(num[:], uint64(pos))
	h.Write(num[:])
	h.Write([]byte(speaker))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Progress is told how many of a document's items are written; total stays the same.
type Progress func(done, total int)

// Import writes a parsed document in one transaction: a failure or a cancelled ctx leaves the
// project as it was. The same content imported twice is recognised and not duplicated. source
// is the file name it came from, kept for the record.
func (p *Project) Import(ctx context.Context, doc *coding.Document, source string, progress Progress) (ImportResult, error) {
	res := ImportResult{DocumentID: DocumentID(doc), Title: doc.Title}
	var existing string
	err := p.db.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, res.DocumentID).Scan(&existing)
	if err == nil {
		res.Duplicate, res.Title = true, existing
		return res, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return res, friendly(err)
	}
	if res.SameName, err = p.sameName(ctx, source, doc.Title); err != nil {
		return res, err
	}
	detail := fmt.Sprintf("%s from %s (%d items)", doc.Title, source, len(doc.Items))
	if len(doc.Roles) > 0 {
		detail += "; roles chosen: " + rolesDetail(doc.Roles)
	}
	err = p.write(ctx, "import", detail, func(tx *sql.Tx) error {
		return insertDocument(ctx, tx, doc, source, &res, progress)
	})
	if err != nil {
		if ctx.Err() != nil {
			return ImportResult{}, fmt.Errorf("import of %s cancelled; nothing was written", source)
		}
		return ImportResult{}, err
	}
	return res, nil
}

func insertDocument(ctx context.Context, tx *sql.Tx, doc *coding.Document, source string, res *ImportResult, progress Progress) error {
	var pos int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM documents`).Scan(&pos); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents(id, title, source, format, encoding, position, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, res.DocumentID, doc.Title, source, doc.Format, doc.Encoding, pos, time.Now().UnixNano()); err != nil {
		return err
	}
	speakers, err := resolveSpeakers(ctx, tx, doc)
	if err != nil {
		return err
	}
	insTurn, err := tx.PrepareContext(ctx, `INSERT INTO turns(id, document_id, section_id, position, number, speaker_id, label, text, start_ms, end_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insTurn.Close()
	insNote, err := tx.PrepareContext(ctx, `INSERT INTO notes(document_id, section_id, position, text) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insNote.Close()

	var section any // nil until the first header
	for i, it := range doc.Items {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(i, len(doc.Items))
			}
		}
		switch it.Kind {
		case coding.KindHeader:
			r, err := tx.ExecContext(ctx, `INSERT INTO sections(document_id, position, title) VALUES (?, ?, ?)`, res.DocumentID, i, it.Text)
			if err != nil {
				return err
			}
			id, err := r.LastInsertId()
			if err != nil {
				return err
			}
			section = id
			res.Sections++
		case coding.KindNote:
			if _, err := insNote.ExecContext(ctx, res.DocumentID, section, i, it.Text); err != nil {
				return err
			}
			res.Notes++
		case coding.KindTurn:
			res.Turns++
			var speaker, start, end any
			if it.Speaker != "" {
				speaker = speakers[it.Speaker]
			}
			if it.Timed {
				start, end = it.Start.Milliseconds(), it.End.Milliseconds()
			}
			if _, err := insTurn.ExecContext(ctx, TurnID(res.DocumentID, i, it.Speaker, it.Text), res.DocumentID, section, i,
				res.Turns, speaker, it.Label, it.Text, start, end); err != nil {
				return err
			}
		}
	}
	if progress != nil {
		progress(len(doc.Items), len(doc.Items))
	}
	return nil
}

// resolveSpeakers maps each label of doc to a speaker id: through an alias if one exists, to
// the speaker of that label if there is one (the same label in two documents is the same
// speaker), or to a new speaker whose role is the one chosen in doc.Roles or guessed from the
// label (coding.GuessRole). A known speaker keeps their role: another one chosen for them is
// refused.
func resolveSpeakers(ctx context.Context, tx *sql.Tx, doc *coding.Document) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, it := range doc.Items {
		if it.Kind != coding.KindTurn || it.Speaker == "" {
			continue
		}
		if _, ok := ids[it.Speaker]; ok {
			continue
		}
		role, chosen := doc.Roles[it.Speaker]
		if !chosen {
			role = coding.GuessRole(it.Speaker)
		}
		id, err := speakerID(ctx, tx, it.Speaker)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			var r sql.Result
			r, err = tx.ExecContext(ctx, `INSERT INTO speakers(label, role) VALUES (?, ?)`, it.Speaker, role)
			if err == nil {
				id, err = r.LastInsertId()
			}
		case err == nil && chosen:
			// A speaker the project knows keeps their role: changing it changes what every
			// document codes, and in a coder copy it would part the copy from the master. A
			// different role chosen for them is refused, saying where roles are changed.
			var label string
			var was coding.Role
			if err = tx.QueryRowContext(ctx, `SELECT label, role FROM speakers WHERE id = ?`, id).Scan(&label, &was); err == nil && was != role {
				return nil, knownRole(label, was)
			}
		}
		if err != nil {
			return nil, err
		}
		ids[it.Speaker] = id
	}
	return ids, nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// speakerID finds the speaker a normalised label stands for, through aliases.
func speakerID(ctx context.Context, q queryer, label string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT speaker_id FROM speaker_aliases WHERE alias = ?
		UNION ALL SELECT id FROM speakers WHERE label = ? LIMIT 1`, label, label).Scan(&id)
	return id, err
}

// rolesDetail lists chosen roles for the audit log, "CLB=interviewer, 主席=other", by label.
func rolesDetail(roles map[string]coding.Role) string {
	labels := make([]string, 0, len(roles))
	for l := range roles {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for i, l := range labels {
		labels[i] = l + "=" + string(roles[l])
	}
	return strings.Join(labels, ", ")
}

// knownRole refuses a role chosen on import for label, a speaker the project has already with
// the role was.
func knownRole(label string, was coding.Role) error {
	return fmt.Errorf("%s is a speaker of the project already, with the role %s; a role chosen on import is for new speakers (change %s's role in Project → Speakers, or with turncoder speakers --set-role)", label, was, label)
}
