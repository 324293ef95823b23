package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"

	"github.com/turncoder/turncoder/coding"
)

// PreviewImport is coding.Preview of doc, read from file, with what the project knows of it:
// the document it duplicates, and for each speaker the project has already (by label or
// another name of theirs) that speaker's label and role: a role chosen in doc.Roles is for new
// speakers only. It writes nothing, and works on a project opened read-only.
func (p *Project) PreviewImport(ctx context.Context, file string, doc *coding.Document) (coding.ImportPreview, error) {
	pv := coding.Preview(file, doc)
	var title string
	err := p.db.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, DocumentID(doc)).Scan(&title)
	switch {
	case err == nil:
		pv.Duplicate = title
	case !errors.Is(err, sql.ErrNoRows):
		return pv, friendly(err)
	default:
		if pv.SameName, err = p.sameName(ctx, file, doc.Title); err != nil {
			return pv, err
		}
	}
	for i := range pv.Speakers {
		s := &pv.Speakers[i]
		id, err := speakerID(ctx, p.db, s.Label)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return pv, friendly(err)
		}
		var label string
		var role coding.Role
		if err := p.db.QueryRowContext(ctx, `SELECT label, role FROM speakers WHERE id = ?`, id).Scan(&label, &role); err != nil {
			return pv, friendly(err)
		}
		s.Known = true
		if label != s.Label {
			s.Of = label
		}
		if chosen, ok := doc.Roles[s.Label]; ok && chosen != role && pv.Error == "" {
			pv.Error = knownRole(label, role).Error() // as Import will refuse it
		}
		s.Role = role // a known speaker keeps their role
	}
	return pv, nil
}

// sameName is the title of a document that came from a file named as file is, or has title,
// or "": importing another reading of the same file makes a second document.
func (p *Project) sameName(ctx context.Context, file, title string) (string, error) {
	var t string
	err := p.db.QueryRowContext(ctx, `SELECT title FROM documents WHERE source = ? OR title = ? ORDER BY position LIMIT 1`,
		filepath.Base(file), title).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return t, friendly(err)
}

// CheckNewRoles refuses, as Import does, a role chosen on import (roles, by label) for a
// speaker the project has already with another role: a role chosen on import is for new
// speakers.
func (p *Project) CheckNewRoles(ctx context.Context, roles map[string]coding.Role) error {
	for label, role := range roles {
		id, err := speakerID(ctx, p.db, label)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return friendly(err)
		}
		var known string
		var was coding.Role
		if err := p.db.QueryRowContext(ctx, `SELECT label, role FROM speakers WHERE id = ?`, id).Scan(&known, &was); err != nil {
			return friendly(err)
		}
		if was != role {
			return knownRole(known, was)
		}
	}
	return nil
}
