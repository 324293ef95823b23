package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// NewCodeID makes a random RFC 4122 version-4 GUID: REFI-QDA codebooks need GUIDs, and two
// coders adding codes offline must not collide.
func NewCodeID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// checkCode validates c against the live codebook (other than c itself): a name, unique;
// a shortcut 1–9 no other code has; a parent that exists and is itself top-level (one level of
// grouping).
func checkCode(ctx context.Context, tx *sql.Tx, c coding.Code) error {
	if coding.NormalizeLabel(c.Name) == "" {
		return errors.New("a code needs a name")
	}
	var clash string
	err := tx.QueryRowContext(ctx, `SELECT name FROM codes WHERE removed = 0 AND id <> ? AND lower(name) = lower(?)`, c.ID, c.Name).Scan(&clash)
	if err == nil {
		return fmt.Errorf("there is already a code named %q", clash)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if c.Shortcut != "" {
		if len(c.Shortcut) != 1 || c.Shortcut < "1" || c.Shortcut > "9" {
			return fmt.Errorf("shortcut %q: use a key from 1 to 9", c.Shortcut)
		}
		err := tx.QueryRowContext(ctx, `SELECT name FROM codes WHERE removed = 0 AND id <> ? AND shortcut = ?`, c.ID, c.Shortcut).Scan(&clash)
		if err == nil {
			return fmt.Errorf("key %s is already the shortcut of %q", c.Shortcut, clash)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	if c.ParentID != "" {
		if c.ParentID == c.ID {
			return errors.New("a code cannot be its own parent")
		}
		var grand sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT parent_id FROM codes WHERE id = ? AND removed = 0`, c.ParentID).Scan(&grand)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no parent code %q", c.ParentID)
		} else if err != nil {
			return err
		}
		if grand.Valid && grand.String != "" {
			return errors.New("codes group one level deep: the parent must be a top-level code")
		}
		var kids int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM codes WHERE parent_id = ? AND removed = 0`, c.ID).Scan(&kids); err != nil {
			return err
		}
		if kids > 0 {
			return errors.New("a code with codes under it cannot itself go under another")
		}
	}
	return nil
}

// codeChangeTime is a change time later than the code's last one.
func codeChangeTime(ctx context.Context, tx *sql.Tx, id string) (int64, error) {
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(changed_at), 0) FROM codes WHERE id = ?`, id).Scan(&last)
	return changeTime(last), err
}

// AddCode adds a code to the codebook and returns it with its new id (a GUID) and, when
// Position is 0, a place at the end.
func (p *Project) AddCode(ctx context.Context, c coding.Code) (coding.Code, error) {
	c.Name = strings.TrimSpace(c.Name)
	id, err := NewCodeID()
	if err != nil {
		return c, err
	}
	c.ID = id
	err = p.write(ctx, "add code", c.Name, func(tx *sql.Tx) error {
		if err := checkCode(ctx, tx, c); err != nil {
			return err
		}
		if c.Position == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM codes`).Scan(&c.Position); err != nil {
				return err
			}
		}
		if err := insertCode(tx, c, changeTime(0)); err != nil {
			return err
		}
		return checkLimits(ctx, tx, "")
	})
	return c, err
}

// UpdateCode saves every field of an existing code (rename, recolour, move, redefine,
// reshortcut). The edit is last-writer-wins when files are merged.
func (p *Project) UpdateCode(ctx context.Context, c coding.Code) error {
	c.Name = strings.TrimSpace(c.Name)
	return p.write(ctx, "edit code", c.Name, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM codes WHERE id = ? AND removed = 0)`, c.ID).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("no code %q in the codebook", c.ID)
		}
		if err := checkCode(ctx, tx, c); err != nil {
			return err
		}
		at, err := codeChangeTime(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		var parent any
		if c.ParentID != "" {
			parent = c.ParentID
		}
		_, err = tx.ExecContext(ctx, `UPDATE codes SET name = ?, name_zh = ?, definition = ?, inclusion = ?, exclusion = ?, example = ?,
			colour = ?, shortcut = ?, parent_id = ?, position = ?, changed_at = ? WHERE id = ?`,
			c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example, c.Colour, c.Shortcut, parent, c.Position, at, c.ID)
		return err
	})
}

// CodeUsage counts the live codings of a code, so the GUI can say how many a removal touches.
func (p *Project) CodeUsage(ctx context.Context, id string) (int, error) {
	var n int
	err := p.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM codings WHERE code_id = ? AND removed = 0`, id).Scan(&n)
	return n, err
}

// tombstoneCodings marks a code's live codings removed, each later than its last change, and
// returns how many there were.
func tombstoneCodings(ctx context.Context, tx *sql.Tx, code string) (int64, error) {
	r, err := tx.ExecContext(ctx, `UPDATE codings SET removed = 1, changed_at = max(changed_at + 1, ?) WHERE code_id = ? AND removed = 0`,
		changeTime(0), code)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// RemoveCode takes a code out of the codebook. Its codings are kept as removed (tombstones),
// so merges and the audit log stay true; it returns how many codings that was. A code with
// codes under it cannot be removed until they are moved or removed.
func (p *Project) RemoveCode(ctx context.Context, id string) (int, error) {
	var n int64
	err := p.write(ctx, "remove code", id, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM codes WHERE id = ? AND removed = 0`, id).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no code %q in the codebook", id)
		} else if err != nil {
			return err
		}
		var kids int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM codes WHERE parent_id = ? AND removed = 0`, id).Scan(&kids); err != nil {
			return err
		}
		if kids > 0 {
			return fmt.Errorf("%q has %d codes under it: move or remove them first", name, kids)
		}
		var err error
		if n, err = tombstoneCodings(ctx, tx, id); err != nil {
			return err
		}
		at, err := codeChangeTime(ctx, tx, id)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE codes SET removed = 1, shortcut = '', changed_at = ? WHERE id = ?`, at, id)
		return err
	})
	return int(n), err
}

// MergeCodes folds code from into code into: every live coding of from becomes a coding of
// into (for the same coder and turn), from's codings are tombstoned, and from leaves the
// codebook. It returns how many codings moved.
func (p *Project) MergeCodes(ctx context.Context, from, into string) (int, error) {
	if from == into {
		return 0, errors.New("a code cannot be merged into itself")
	}
	var n int64
	err := p.write(ctx, "merge codes", from+" into "+into, func(tx *sql.Tx) error {
		for _, id := range []string{from, into} {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM codes WHERE id = ? AND removed = 0)`, id).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("no code %q in the codebook", id)
			}
		}
		var kids, intoParent int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM codes WHERE parent_id = ? AND removed = 0),
			(SELECT COUNT(*) FROM codes WHERE id = ? AND parent_id IS NOT NULL AND parent_id <> '')`, from, into).Scan(&kids, &intoParent); err != nil {
			return err
		}
		if kids > 0 && intoParent > 0 {
			return errors.New("the codes under it would sit two levels deep: merge into a top-level code")
		}
		now := changeTime(0)
		if _, err := tx.ExecContext(ctx, `INSERT INTO codings(coder_id, turn_id, code_id, removed, changed_at)
			SELECT coder_id, turn_id, ?, 0, ? FROM codings WHERE code_id = ? AND removed = 0
			ON CONFLICT(coder_id, turn_id, code_id) DO UPDATE SET removed = 0, changed_at = max(codings.changed_at + 1, excluded.changed_at)`,
			into, now, from); err != nil {
			return err
		}
		var err error
		if n, err = tombstoneCodings(ctx, tx, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id = ? WHERE parent_id = ? AND removed = 0`, into, from); err != nil {
			return err
		}
		at, err := codeChangeTime(ctx, tx, from)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE codes SET removed = 1, shortcut = '', changed_at = ? WHERE id = ?`, at, from)
		return err
	})
	return int(n), err
}

// ImportCodebook adds or updates codes from a codebook file in one transaction: a code matches
// an existing one by id, else by name (case-insensitive); matched codes take the file's fields,
// the others are added. Parents named in the file follow their codes. It returns how many codes
// were added and how many changed.
func (p *Project) ImportCodebook(ctx context.Context, codes []coding.Code, source string) (added, changed int, err error) {
	err = p.write(ctx, "import codebook", source, func(tx *sql.Tx) error {
		existing, err := liveCodes(ctx, tx)
		if err != nil {
			return err
		}
		byID, byName := map[string]coding.Code{}, map[string]coding.Code{}
		for _, c := range existing {
			byID[c.ID], byName[strings.ToLower(c.Name)] = c, c
		}
		idMap := map[string]string{} // file id -> project id
		var fresh []coding.Code
		for _, c := range codes {
			if old, ok := byID[c.ID]; ok && c.ID != "" {
				idMap[c.ID] = old.ID
			} else if old, ok := byName[strings.ToLower(strings.TrimSpace(c.Name))]; ok {
				idMap[c.ID] = old.ID
			} else {
				id, err := NewCodeID()
				if err != nil {
					return err
				}
				idMap[c.ID] = id
				fresh = append(fresh, c)
			}
		}
		// Past the limit before any work: a file of 100,000 codes is refused at once.
		if n := len(existing) + len(fresh); n > coding.MaxCodes {
			return tooManyCodes(n, "")
		}
		// New codes without a position go at the end, in file order: one look at the end.
		var nextPos int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM codes`).Scan(&nextPos); err != nil {
			return err
		}
		// Parents first, so children can point at them; shortcuts are checked as each lands.
		ordered := make([]coding.Code, 0, len(codes))
		for _, pass := range []bool{true, false} {
			for _, c := range codes {
				if (c.ParentID == "") == pass {
					ordered = append(ordered, c)
				}
			}
		}
		isFresh := map[string]bool{}
		for _, c := range fresh {
			isFresh[c.ID] = true
		}
		for _, c := range ordered {
			fileID := c.ID
			c.ID = idMap[fileID]
			if c.ParentID != "" {
				parent, ok := idMap[c.ParentID]
				if !ok {
					return fmt.Errorf("code %q: its parent %q is not in the file", c.Name, c.ParentID)
				}
				c.ParentID = parent
			}
			if err := checkCode(ctx, tx, c); err != nil {
				return fmt.Errorf("code %q: %w", c.Name, err)
			}
			at, err := codeChangeTime(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			if isFresh[fileID] {
				// A new code goes after the codebook's codes, in the file's order: its
				// position in the file counts among the file's codes, not the project's (a
				// file of 996 codes numbered from 1 was interleaved with the four there).
				c.Position = nextPos
				nextPos++
				if err := insertCode(tx, c, at); err != nil {
					return err
				}
				added++
				continue
			}
			if old := byID[c.ID]; old == c {
				continue
			}
			var parent any
			if c.ParentID != "" {
				parent = c.ParentID
			}
			if _, err := tx.ExecContext(ctx, `UPDATE codes SET name = ?, name_zh = ?, definition = ?, inclusion = ?, exclusion = ?, example = ?,
				colour = ?, shortcut = ?, parent_id = ?, position = ?, changed_at = ? WHERE id = ?`,
				c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example, c.Colour, c.Shortcut, parent, c.Position, at, c.ID); err != nil {
				return err
			}
			if c.Position >= nextPos { // as MAX(position) + 1 would be now
				nextPos = c.Position + 1
			}
			changed++
		}
		return checkLimits(ctx, tx, "")
	})
	return added, changed, err
}

// liveCodes is Codes inside a transaction.
func liveCodes(ctx context.Context, tx *sql.Tx) ([]coding.Code, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, name_zh, definition, inclusion, exclusion, example, colour, shortcut,
		COALESCE(parent_id, ''), position FROM codes WHERE removed = 0 ORDER BY position, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.Code
	for rows.Next() {
		var c coding.Code
		if err := rows.Scan(&c.ID, &c.Name, &c.NameZH, &c.Definition, &c.Inclusion, &c.Exclusion, &c.Example,
			&c.Colour, &c.Shortcut, &c.ParentID, &c.Position); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
