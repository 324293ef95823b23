package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Coder is someone who codes in the project.
type Coder struct {
	Name      string
	Consensus bool
}

// codersByID reads every coder's name by its row id, for rows that name coders by id.
func codersByID(ctx context.Context, q queryer) (map[int64]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM coders`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// AddCoder adds a coder by name; adding one who exists changes nothing.
func (p *Project) AddCoder(ctx context.Context, name string) error {
	name = coding.NormalizeLabel(name)
	if name == "" {
		return say.Errorf("a coder needs a name")
	}
	if isConsensusName(name) {
		return say.Errorf("%q is the name of the adjudicated layer; choose another name for the coder", name)
	}
	return p.write(ctx, "add coder", name, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coders(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING`, name, time.Now().UnixNano()); err != nil {
			return err
		}
		return checkLimits(ctx, tx, "")
	})
}

// Coders lists the coders by name.
func (p *Project) Coders(ctx context.Context) ([]Coder, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT name, consensus FROM coders ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Coder
	for rows.Next() {
		var c Coder
		if err := rows.Scan(&c.Name, &c.Consensus); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// codeKey folds a code name for matching: NFKC and lower case.
func codeKey(s string) string { return strings.ToLower(coding.NormalizeLabel(s)) }

// ImportCodings applies a codings table in one transaction. Every row is checked first:
// an unknown document, turn, coder or code is an error naming the line, and nothing is
// written. A row with a code applies it (and marks the turn reviewed); a row with an empty
// code marks the turn reviewed with no code. It returns how many rows it applied.
func (p *Project) ImportCodings(ctx context.Context, rows []coding.CodingRow, source string) (int, error) {
	now := time.Now().UnixNano()
	err := p.write(ctx, "import codings", fmt.Sprintf("%d rows from %s", len(rows), source), func(tx *sql.Tx) error {
		codes := map[string]string{}
		cs, err := tx.QueryContext(ctx, `SELECT id, name, name_zh FROM codes WHERE removed = 0`)
		if err != nil {
			return err
		}
		for cs.Next() {
			var id, name, zh string
			if err := cs.Scan(&id, &name, &zh); err != nil {
				cs.Close()
				return err
			}
			codes[codeKey(id)], codes[codeKey(name)] = id, id
			if zh != "" {
				codes[codeKey(zh)] = id
			}
		}
		cs.Close()
		docs, coders := map[string]string{}, map[string]int64{}
		turnStmt, err := tx.PrepareContext(ctx, `SELECT id FROM turns WHERE document_id = ? AND number = ?`)
		if err != nil {
			return err
		}
		defer turnStmt.Close()
		type op struct {
			coder      int64
			turn, code string
		}
		ops := make([]op, 0, len(rows))
		for _, r := range rows {
			doc, ok := docs[r.Document]
			if !ok {
				if doc, err = resolveDocument(ctx, tx, r.Document); err != nil {
					return say.Errorf("line %d: %v", r.Line, err)
				}
				docs[r.Document] = doc
			}
			var turn string
			if err := turnStmt.QueryRowContext(ctx, doc, r.Turn).Scan(&turn); errors.Is(err, sql.ErrNoRows) {
				return say.Errorf("line %d: document %q has no turn %d", r.Line, r.Document, r.Turn)
			} else if err != nil {
				return err
			}
			coder, ok := coders[r.Coder]
			if !ok {
				err := tx.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ?`, coding.NormalizeLabel(r.Coder)).Scan(&coder)
				if errors.Is(err, sql.ErrNoRows) {
					return say.Errorf("line %d: no coder %q in the project (add one with: turncoder coders -p FILE --add %q)", r.Line, r.Coder, r.Coder)
				} else if err != nil {
					return err
				}
				coders[r.Coder] = coder
			}
			code := ""
			if r.Code != "" {
				if code, ok = codes[codeKey(r.Code)]; !ok {
					return say.Errorf("line %d: no code %q in the codebook", r.Line, r.Code)
				}
			}
			ops = append(ops, op{coder, turn, code})
		}
		for _, o := range ops {
			if err := setReviewed(ctx, tx, o.coder, o.turn, true, now); err != nil {
				return err
			}
			if o.code != "" {
				if err := setCoding(ctx, tx, o.coder, o.turn, o.code, true, now); err != nil {
					return err
				}
			}
		}
		return checkCodesPerTurn(ctx, tx, "after this import")
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

func setReviewed(ctx context.Context, tx *sql.Tx, coder int64, turn string, reviewed bool, at int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO reviews(coder_id, turn_id, reviewed, changed_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(coder_id, turn_id) DO UPDATE SET reviewed = excluded.reviewed, changed_at = excluded.changed_at`, coder, turn, reviewed, at)
	return err
}

func setCoding(ctx context.Context, tx *sql.Tx, coder int64, turn, code string, on bool, at int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(coder_id, turn_id, code_id) DO UPDATE SET removed = excluded.removed, changed_at = excluded.changed_at`, coder, turn, code, !on, at)
	return err
}

// ExportCodings returns every live coding, plus one row with an empty code for each turn a
// coder reviewed and gave no code, in document, turn, coder and codebook order.
func (p *Project) ExportCodings(ctx context.Context) ([]coding.CodingRow, error) {
	rows, err := p.db.QueryContext(ctx, `
		SELECT d.title, t.number, c.name, k.name, g.changed_at, d.position, k.position
		FROM codings g JOIN turns t ON t.id = g.turn_id JOIN documents d ON d.id = t.document_id
		JOIN coders c ON c.id = g.coder_id JOIN codes k ON k.id = g.code_id
		WHERE g.removed = 0
		UNION ALL
		SELECT d.title, t.number, c.name, '', r.changed_at, d.position, -1
		FROM reviews r JOIN turns t ON t.id = r.turn_id JOIN documents d ON d.id = t.document_id
		JOIN coders c ON c.id = r.coder_id
		WHERE r.reviewed = 1 AND NOT EXISTS (SELECT 1 FROM codings g WHERE g.coder_id = r.coder_id AND g.turn_id = r.turn_id AND g.removed = 0)
		ORDER BY 6, 2, 3, 7`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.CodingRow
	for rows.Next() {
		var r coding.CodingRow
		var at int64
		var dpos, kpos int
		if err := rows.Scan(&r.Document, &r.Turn, &r.Coder, &r.Code, &at, &dpos, &kpos); err != nil {
			return nil, err
		}
		r.Time = time.Unix(0, at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
