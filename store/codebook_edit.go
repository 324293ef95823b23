package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
	"github.com/turncoder/turncoder/coding/say"
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
		return say.Errorf("a code needs a name")
	}
	var clash string
	err := tx.QueryRowContext(ctx, `SELECT name FROM codes WHERE removed = 0 AND id <> ? AND lower(name) = lower(?)`, c.ID, c.Name).Scan(&clash)
	if err == nil {
		return say.Errorf("there is already a code named %q", clash)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if c.Shortcut != "" {
		if len(c.Shortcut) != 1 || c.Shortcut < "1" || c.Shortcut > "9" {
			return say.Errorf("shortcut %q: use a key from 1 to 9", c.Shortcut)
		}
		err := tx.QueryRowContext(ctx, `SELECT name FROM codes WHERE removed = 0 AND id <> ? AND shortcut = ?`, c.ID, c.Shortcut).Scan(&clash)
		if err == nil {
			return say.Errorf("key %s is already the shortcut of %q", c.Shortcut, clash)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	if c.ParentID != "" {
		if c.ParentID == c.ID {
			return say.Errorf("a code cannot be its own parent")
		}
		var grand sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT parent_id FROM codes WHERE id = ? AND removed = 0`, c.ParentID).Scan(&grand)
		if errors.Is(err, sql.ErrNoRows) {
			return say.Errorf("no parent code %q", c.ParentID)
		} else if err != nil {
			return err
		}
		if grand.Valid && grand.String != "" {
			return say.Errorf("codes group one level deep: the parent must be a top-level code")
		}
		var kids int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM codes WHERE parent_id = ? AND removed = 0`, c.ID).Scan(&kids); err != nil {
			return err
		}
		if kids > 0 {
			return say.Errorf("a code with codes under it cannot itself go under another")
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
			return say.Errorf("no code %q in the codebook", c.ID)
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
			return say.Errorf("no code %q in the codebook", id)
		} else if err != nil {
			return err
		}
		var kids int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM codes WHERE parent_id = ? AND removed = 0`, id).Scan(&kids); err != nil {
			return err
		}
		if kids > 0 {
			return say.Errorf("%q has %d codes under it: move or remove them first", name, kids)
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
		return 0, say.Errorf("a code cannot be merged into itself")
	}
	var n int64
	err := p.write(ctx, "merge codes", from+" into "+into, func(tx *sql.Tx) error {
		for _, id := range []string{from, into} {
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM codes WHERE id = ? AND removed = 0)`, id).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return say.Errorf("no code %q in the codebook", id)
			}
		}
		var kids, intoParent int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM codes WHERE parent_id = ? AND removed = 0),
			(SELECT COUNT(*) FROM codes WHERE id = ? AND parent_id IS NOT NULL AND parent_id <> '')`, from, into).Scan(&kids, &intoParent); err != nil {
			return err
		}
		if kids > 0 && intoParent > 0 {
			return say.Errorf("the codes under it would sit two levels deep: merge into a top-level code")
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

// ImportCodebook is ImportBook for a file that gives every field of its codes.
func (p *Project) ImportCodebook(ctx context.Context, codes []coding.Code, source string) (added, changed int, err error) {
	return p.ImportBook(ctx, codebook.Book{Codes: codes}, source)
}

// ImportBook adds or updates the codes of a codebook file in one transaction, audited as
// "import codebook" with the file's name (source).
//
// A code of the file is the project's code with the same id (a removed one comes back), else
// the live code whose guid it is (codebook.Identity: a GUID in another spelling, or the guid
// turncoder wrote for an id such as code-referral), else the live code with its name (without
// case). A guid therefore keeps a code's identity: a code renamed in another tool updates the
// code, and its codings stay on it. A code that is none of these is added, keeping its id when
// that is a GUID no code of the project has had, so a codebook exported and imported into
// another project keeps its guids; otherwise it gets a new one.
//
// A matched code takes the name and the fields the file gives (b.Given; nil gives all) and
// keeps the others and its place. Added codes, and codes that come back, go after the
// codebook's codes in the file's order: each top-level code followed by its children. It
// returns how many codes were added (or came back) and how many changed.
func (p *Project) ImportBook(ctx context.Context, b codebook.Book, source string) (added, changed int, err error) {
	if b.Given != nil && len(b.Given) != len(b.Codes) {
		return 0, 0, say.Errorf("import codebook: the file's fields do not match its codes")
	}
	err = p.write(ctx, "import codebook", source, func(tx *sql.Tx) error {
		var err error
		added, changed, _, err = importBook(ctx, tx, b, false)
		return err
	})
	return added, changed, err
}

// importBook is ImportBook inside a transaction (a REFI-QDA project's import brings its
// codebook in its own). It also returns which project code each code of the file became, by
// the file's code id. own is set for a file turncoder wrote: a new code then keeps its id even
// when it is not a GUID (code-referral), so the project made from the file and the one that
// wrote it know each code by one id, and into an empty codebook the codes keep their places.
func importBook(ctx context.Context, tx *sql.Tx, b codebook.Book, own bool) (added, changed int, idMap map[string]string, err error) {
	codes := b.Codes
	givenOf := func(i int) codebook.Fields {
		if b.Given == nil {
			return codebook.GivesAll
		}
		return b.Given[i]
	}
	if b.Given != nil && len(b.Given) != len(codes) {
		return 0, 0, nil, say.Errorf("import codebook: the file's fields do not match its codes")
	}
	idMap = map[string]string{} // file id -> project id
	err = func() error {
		existing, err := liveCodes(ctx, tx)
		if err != nil {
			return err
		}
		byID, byIdentity, byName := map[string]coding.Code{}, map[string]coding.Code{}, map[string]coding.Code{}
		for _, c := range existing {
			byID[c.ID], byIdentity[codebook.Identity(c.ID)], byName[strings.ToLower(c.Name)] = c, c, c
		}
		removed := map[string]bool{}
		used := map[string]bool{} // every id the project has had
		if err := eachCodeID(ctx, tx, func(id string, gone bool) {
			used[id], removed[id] = true, gone
		}); err != nil {
			return err
		}
		// Which project code each code of the file is: by id or guid first, for every code,
		// so that a name only decides for codes no id has claimed.
		target := make([]string, len(codes)) // project id, "" for a new code
		back := map[string]bool{}            // removed codes that come back
		owner := map[string]int{}            // project id → index of the file code that claimed it
		claim := func(i int, id string) error {
			if j, ok := owner[id]; ok {
				return say.Errorf("codes %q and %q of the file are both the project's code %q", codes[j].Name, codes[i].Name, id)
			}
			owner[id], target[i] = i, id
			return nil
		}
		for i, c := range codes {
			var id string
			if c.ID == "" {
				continue
			}
			if _, ok := byID[c.ID]; ok {
				id = c.ID
			} else if removed[c.ID] {
				id, back[c.ID] = c.ID, true
			} else if old, ok := byIdentity[codebook.Identity(c.ID)]; ok {
				id = old.ID
			}
			if id != "" {
				if err := claim(i, id); err != nil {
					return err
				}
			}
		}
		for i, c := range codes {
			if target[i] != "" {
				continue
			}
			if old, ok := byName[strings.ToLower(strings.TrimSpace(c.Name))]; ok {
				if _, taken := owner[old.ID]; !taken {
					if err := claim(i, old.ID); err != nil {
						return err
					}
				}
			}
		}
		fresh := 0
		for i, c := range codes {
			if target[i] == "" {
				fresh++
				id := strings.ToLower(strings.Trim(strings.TrimSpace(c.ID), "{}"))
				if own && !codebook.IsGUID(c.ID) {
					id = strings.TrimSpace(c.ID)
				}
				if id == "" || (!own && !codebook.IsGUID(c.ID)) || used[id] {
					if id, err = NewCodeID(); err != nil {
						return err
					}
				}
				used[id] = true
				target[i] = id
			}
			if c.ID != "" {
				idMap[c.ID] = target[i]
			}
		}
		// Past the limit before any work: a file of 100,000 codes is refused at once.
		if n := len(existing) + fresh + len(back); n > coding.MaxCodes {
			return tooManyCodes(n, "")
		}
		// New codes and codes that come back go at the end, in the file's tree order.
		var nextPos int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM codes`).Scan(&nextPos); err != nil {
			return err
		}
		place := map[int]int{} // file index → position
		for _, i := range treeOrder(codes) {
			if _, live := byID[target[i]]; !live {
				place[i] = nextPos
				nextPos++
				if own && len(existing) == 0 && codes[i].Position > 0 {
					place[i] = codes[i].Position
				}
			}
		}
		// Codes renamed, or given another key, first let go of their name and key, so that
		// two codes may swap them and a new code may take the name a renamed one had.
		for i, c := range codes {
			old, live := byID[target[i]]
			if !live {
				continue
			}
			if strings.TrimSpace(c.Name) != old.Name {
				if _, err := tx.ExecContext(ctx, `UPDATE codes SET name = ? WHERE id = ?`, "\x00"+old.ID, old.ID); err != nil {
					return err
				}
			}
			if givenOf(i)&codebook.GivesShortcut != 0 && c.Shortcut != old.Shortcut {
				if _, err := tx.ExecContext(ctx, `UPDATE codes SET shortcut = '' WHERE id = ?`, old.ID); err != nil {
					return err
				}
			}
		}
		// Top-level codes first, so children can point at them and a code leaves a parent
		// before that parent goes under another; names and keys are checked as each lands.
		for _, top := range []bool{true, false} {
			for i, c := range codes {
				if (c.ParentID == "") != top {
					continue
				}
				given := givenOf(i)
				c.ID = target[i]
				c.Name = strings.TrimSpace(c.Name)
				if c.ParentID != "" {
					parent, ok := idMap[c.ParentID]
					if !ok {
						return say.Errorf("code %q: its parent %q is not in the file", c.Name, c.ParentID)
					}
					c.ParentID = parent
				}
				old, live := byID[c.ID]
				if live {
					c = keepUngiven(c, old, given)
					c.Position = old.Position
				} else {
					c.Position = place[i]
				}
				if err := checkCode(ctx, tx, c); err != nil {
					return say.Errorf("code %q: %v", c.Name, err)
				}
				at, err := codeChangeTime(ctx, tx, c.ID)
				if err != nil {
					return err
				}
				switch {
				case back[c.ID]:
					if err := updateCode(ctx, tx, c, at); err != nil {
						return err
					}
					added++
				case !live:
					if err := insertCode(tx, c, at); err != nil {
						return err
					}
					added++
				case c != old:
					if err := updateCode(ctx, tx, c, at); err != nil {
						return err
					}
					changed++
				}
			}
		}
		return checkLimits(ctx, tx, "")
	}()
	return added, changed, idMap, err
}

// keepUngiven is c with the fields its file does not give taken from the project's code old.
func keepUngiven(c, old coding.Code, given codebook.Fields) coding.Code {
	keep := func(f codebook.Fields, v *string, was string) {
		if given&f == 0 {
			*v = was
		}
	}
	keep(codebook.GivesNameZH, &c.NameZH, old.NameZH)
	keep(codebook.GivesDefinition, &c.Definition, old.Definition)
	keep(codebook.GivesInclusion, &c.Inclusion, old.Inclusion)
	keep(codebook.GivesExclusion, &c.Exclusion, old.Exclusion)
	keep(codebook.GivesExample, &c.Example, old.Example)
	keep(codebook.GivesColour, &c.Colour, old.Colour)
	keep(codebook.GivesShortcut, &c.Shortcut, old.Shortcut)
	keep(codebook.GivesParent, &c.ParentID, old.ParentID)
	return c
}

// treeOrder is the indexes of codes in the order they go into the codebook: each top-level
// code in the file's order followed by its children in the file's order, then any code whose
// parent is not a top-level code of the file (refused when it lands).
func treeOrder(codes []coding.Code) []int {
	kids := map[string][]int{}
	for i, c := range codes {
		if c.ParentID != "" {
			kids[c.ParentID] = append(kids[c.ParentID], i)
		}
	}
	out := make([]int, 0, len(codes))
	done := make([]bool, len(codes))
	for i, c := range codes {
		if c.ParentID != "" {
			continue
		}
		out, done[i] = append(out, i), true
		if c.ID == "" {
			continue
		}
		for _, k := range kids[c.ID] {
			if !done[k] {
				out, done[k] = append(out, k), true
			}
		}
	}
	for i := range codes {
		if !done[i] {
			out = append(out, i)
		}
	}
	return out
}

// updateCode saves every field of c over the code with its id, live or removed (which makes
// it live again).
func updateCode(ctx context.Context, tx *sql.Tx, c coding.Code, at int64) error {
	var parent any
	if c.ParentID != "" {
		parent = c.ParentID
	}
	_, err := tx.ExecContext(ctx, `UPDATE codes SET name = ?, name_zh = ?, definition = ?, inclusion = ?, exclusion = ?, example = ?,
		colour = ?, shortcut = ?, parent_id = ?, position = ?, removed = 0, changed_at = ? WHERE id = ?`,
		c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example, c.Colour, c.Shortcut, parent, c.Position, at, c.ID)
	return err
}

// eachCodeID calls f with the id of every code the project has had, and whether it was removed.
func eachCodeID(ctx context.Context, tx *sql.Tx, f func(id string, removed bool)) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, removed FROM codes`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var gone bool
		if err := rows.Scan(&id, &gone); err != nil {
			return err
		}
		f(id, gone)
	}
	return rows.Err()
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
