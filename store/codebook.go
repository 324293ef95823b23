package store

import (
	"context"
	"database/sql"

	"github.com/turncoder/turncoder/coding"
)

func insertCode(tx *sql.Tx, c coding.Code, now int64) error {
	var parent any
	if c.ParentID != "" {
		parent = c.ParentID
	}
	_, err := tx.Exec(`INSERT INTO codes(id, name, name_zh, definition, inclusion, exclusion, example, colour, shortcut, parent_id, position, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example, c.Colour, c.Shortcut, parent, c.Position, now)
	return err
}

// Codes returns the live codebook in its order.
func (p *Project) Codes(ctx context.Context) ([]coding.Code, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT id, name, name_zh, definition, inclusion, exclusion, example, colour, shortcut,
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
