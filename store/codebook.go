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
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return liveCodes(ctx, tx)
}
