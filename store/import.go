package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
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
	h := newDocumentHash()
	for _, it := range doc.Items {
		h.add(it)
	}
	return h.id()
}

// documentHash is DocumentID computed item by item, as a streamed import reads them.
type documentHash struct {
	h   hash.Hash
	num [8]byte
}

func newDocumentHash() *documentHash { return &documentHash{h: sha256.New()} }

func (d *documentHash) add(it coding.Item) {
	h := d.h
	h.Write([]byte{byte(it.Kind)})
	io.WriteString(h, it.Speaker)
	h.Write([]byte{0})
	io.WriteString(h, it.Text)
	h.Write([]byte{0})
	if it.Timed {
		binary.LittleEndian.PutUint64(d.num[:], uint64(it.Start))
		h.Write(d.num[:])
		binary.LittleEndian.PutUint64(d.num[:], uint64(it.End))
		h.Write(d.num[:])
	}
}

func (d *documentHash) id() string { return hex.EncodeToString(d.h.Sum(nil)[:16]) }

// TurnID is the stable id of the turn at position pos of document docID.
func TurnID(docID string, pos int, speaker, text string) string {
	return newTurnIDs().id(docID, pos, speaker, text)
}

// turnIDs makes TurnIDs one after another with one hash.
type turnIDs struct {
	h   hash.Hash
	num [8]byte
	sum [sha256.Size]byte
	hex [32]byte
}

func newTurnIDs() *turnIDs { return &turnIDs{h: sha256.New()} }

func (t *turnIDs) id(docID string, pos int, speaker, text string) string {
	h := t.h
	h.Reset()
	io.WriteString(h, docID)
	binary.LittleEndian.PutUint64(t.num[:], uint64(pos))
	h.Write(t.num[:])
	io.WriteString(h, speaker)
	h.Write([]byte{0})
	io.WriteString(h, text)
	hex.Encode(t.hex[:], h.Sum(t.sum[:0])[:16])
	return string(t.hex[:])
}

// Progress is told how many of a document's items are written; total stays the same.
type Progress func(done, total int)

// Import writes a parsed document in one transaction: a failure or a cancelled ctx leaves the
// project as it was. The same content imported twice is recognised and not duplicated. source
// is the file name it came from, kept for the record.
func (p *Project) Import(ctx context.Context, doc *coding.Document, source string, progress Progress) (ImportResult, error) {
	return p.importItems(ctx, doc, DocumentID(doc), source, speakersOf(doc), itemsOf(doc), len(doc.Items), progress)
}

// speakersOf are the speakers of doc's turns, in order of their first turn.
func speakersOf(doc *coding.Document) []string {
	var speakers []string
	seen := map[string]bool{}
	for _, it := range doc.Items {
		if it.Kind == coding.KindTurn && it.Speaker != "" && !seen[it.Speaker] {
			seen[it.Speaker] = true
			speakers = append(speakers, it.Speaker)
		}
	}
	return speakers
}

// itemsOf gives doc's items in order.
func itemsOf(doc *coding.Document) func(func(coding.Item) error) error {
	return func(fn func(coding.Item) error) error {
		for _, it := range doc.Items {
			if err := fn(it); err != nil {
				return err
			}
		}
		return nil
	}
}

func insertDocument(ctx context.Context, tx *sql.Tx, doc *coding.Document, source string, res *ImportResult, progress Progress) error {
	return insertItems(ctx, tx, doc, source, speakersOf(doc), itemsOf(doc), len(doc.Items), res, progress)
}

// insertItems writes a document (doc without its items, which each gives in order, total of
// them) whose speakers are speakers, in order of their first turn: the document, its speakers
// (resolveSpeakers), then its sections, turns and notes in batches (writeRows). Every
// reference of these rows is made here (the document's id, a section's id counted from the
// largest there is, a speaker's id from resolveSpeakers), so they hold whether or not tx
// checks foreign keys.
func insertItems(ctx context.Context, tx *sql.Tx, doc *coding.Document, source string, speakers []string,
	each func(func(coding.Item) error) error, total int, res *ImportResult, progress Progress) error {
	var pos int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM documents`).Scan(&pos); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents(id, title, source, format, encoding, position, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, res.DocumentID, doc.Title, source, doc.Format, doc.Encoding, pos, time.Now().UnixNano()); err != nil {
		return err
	}
	speakerIDs, err := resolveSpeakers(ctx, tx, speakers, doc.Roles)
	if err != nil {
		return err
	}
	return writeRows(ctx, tx, speakerIDs, each, total, res, progress)
}

// resolveSpeakers maps each label of speakers (a document's, in order of their first turn) to
// a speaker id: through an alias if one exists, to the speaker of that label if there is one
// (the same label in two documents is the same speaker), or to a new speaker whose role is the one chosen in roles or guessed from the
// label (coding.GuessRole). A known speaker keeps their role: another one chosen for them is
// refused.
func resolveSpeakers(ctx context.Context, tx *sql.Tx, speakers []string, roles map[string]coding.Role) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, label := range speakers {
		role, chosen := roles[label]
		if !chosen {
			role = coding.GuessRole(label)
		}
		id, err := speakerID(ctx, tx, label)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			var r sql.Result
			r, err = tx.ExecContext(ctx, `INSERT INTO speakers(label, role) VALUES (?, ?)`, label, role)
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
		ids[label] = id
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
	return say.Errorf("%s is a speaker of the project already, with the role %s; a role chosen on import is for new speakers (change %s's role in Project → Speakers, or with turncoder speakers --set-role)", label, roleName(was), label)
}

// roleName is a role in a sentence of say: its name as a sentence too, translated with it.
func roleName(r coding.Role) any {
	switch r {
	case coding.RoleInterviewer:
		return say.Errorf("interviewer")
	case coding.RoleRespondent:
		return say.Errorf("respondent")
	case coding.RoleOther:
		return say.Errorf("other")
	}
	return r
}
