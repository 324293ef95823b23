package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// Reliability reads what coders decided about the turns in scope, for agreement statistics and
// exports. Units are the codable turns in scope: prose paragraphs and turns of speakers in the
// coding scope (not interviewers unless the project codes them), narrowed to the roles asked
// for (asking for interviewers explicitly includes them). The consensus layer is never a
// coder here. A coding implies a review even if no review row says so.
func (p *Project) Reliability(ctx context.Context, scope coding.Scope) (coding.Reliability, error) {
	var out coding.Reliability
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()

	codeInterviewers, err := p.CodeInterviewers(ctx)
	if err != nil {
		return out, err
	}
	where := []string{"1 = 1"}
	var args []any
	if scope.Document != "" {
		doc, err := resolveDocument(ctx, tx, scope.Document)
		if err != nil {
			return out, err
		}
		where, args = append(where, "t.document_id = ?"), append(args, doc)
		if scope.Section != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections WHERE document_id = ? AND title = ?`, doc, scope.Section).Scan(&n); err != nil {
				return out, err
			}
			if n == 0 {
				return out, fmt.Errorf("document %q has no section %q", scope.Document, scope.Section)
			}
			where, args = append(where, "s.title = ?"), append(args, scope.Section)
		}
	} else if scope.Section != "" {
		return out, fmt.Errorf("a section is chosen within a document: give --doc too")
	}
	roleFilter := map[coding.Role]bool{}
	for _, r := range scope.Roles {
		roleFilter[r] = true
	}

	// Codes in scope, in codebook order.
	codes, err := p.Codes(ctx)
	if err != nil {
		return out, err
	}
	if len(scope.Codes) > 0 {
		byKey := map[string]coding.Code{}
		for _, c := range codes {
			byKey[codeKey(c.ID)], byKey[codeKey(c.Name)] = c, c
			if c.NameZH != "" {
				byKey[codeKey(c.NameZH)] = c
			}
		}
		want := map[string]bool{}
		for _, name := range scope.Codes {
			c, ok := byKey[codeKey(name)]
			if !ok {
				return out, fmt.Errorf("no code %q in the codebook", name)
			}
			want[c.ID] = true
		}
		var kept []coding.Code
		for _, c := range codes {
			if want[c.ID] {
				kept = append(kept, c)
			}
		}
		codes = kept
	}
	out.Codes = codes
	codeName := map[string]string{}
	for _, c := range codes {
		codeName[c.ID] = c.Name
	}

	// Coders in scope.
	coders, err := p.Coders(ctx)
	if err != nil {
		return out, err
	}
	coderOK := map[string]bool{}
	for _, c := range coders {
		if !c.Consensus {
			coderOK[c.Name] = true
		}
	}
	if len(scope.Coders) > 0 {
		chosen := map[string]bool{}
		for _, name := range scope.Coders {
			n := coding.NormalizeLabel(name)
			if !coderOK[n] {
				return out, fmt.Errorf("no coder %q in the project", name)
			}
			chosen[n] = true
		}
		coderOK = chosen
	}
	for _, c := range coders {
		if coderOK[c.Name] {
			out.Coders = append(out.Coders, c.Name)
		}
	}

	// Units.
	rows, err := tx.QueryContext(ctx, `SELECT t.id, d.id, d.title, COALESCE(s.title, ''), t.number, COALESCE(sp.label, ''),
		COALESCE(sp.role, ''), t.text
		FROM turns t JOIN documents d ON d.id = t.document_id
		LEFT JOIN sections s ON s.id = t.section_id LEFT JOIN speakers sp ON sp.id = t.speaker_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY d.position, t.number`, args...)
	if err != nil {
		return out, err
	}
	inScope := map[string]bool{}
	for rows.Next() {
		var u coding.Unit
		var role string
		if err := rows.Scan(&u.TurnID, &u.DocumentID, &u.Document, &u.Section, &u.Number, &u.Speaker, &role, &u.Text); err != nil {
			rows.Close()
			return out, err
		}
		u.Role = coding.Role(role)
		switch {
		case len(roleFilter) > 0 && !roleFilter[u.Role]:
			continue
		case len(roleFilter) == 0 && !codable(role, codeInterviewers):
			continue
		}
		out.Units = append(out.Units, u)
		inScope[u.TurnID] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}

	// Judgements: reviews, then live codings of codes in scope.
	j, err := tx.QueryContext(ctx, `
		SELECT r.turn_id, c.name, '', r.changed_at FROM reviews r JOIN coders c ON c.id = r.coder_id WHERE r.reviewed = 1
		UNION ALL
		SELECT g.turn_id, c.name, g.code_id, g.changed_at FROM codings g JOIN coders c ON c.id = g.coder_id WHERE g.removed = 0`)
	if err != nil {
		return out, err
	}
	defer j.Close()
	type key struct{ unit, coder, code string }
	seen := map[key]bool{}
	for j.Next() {
		var turn, coder, code string
		var at int64
		if err := j.Scan(&turn, &coder, &code, &at); err != nil {
			return out, err
		}
		if !inScope[turn] || !coderOK[coder] {
			continue
		}
		if code != "" {
			name, ok := codeName[code]
			if !ok { // a code outside the scope: the review still counts
				code = ""
			} else {
				code = name
			}
		}
		if k := (key{turn, coder, code}); !seen[k] {
			seen[k] = true
			out.Judgements = append(out.Judgements, coding.Judgement{Unit: turn, Coder: coder, Code: code, Time: time.Unix(0, at).UTC()})
		}
	}
	return out, j.Err()
}
