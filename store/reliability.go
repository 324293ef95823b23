package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Reliability reads what coders decided about the turns in scope, for agreement statistics and
// exports. Units are the codable turns in scope: prose paragraphs and turns of speakers in the
// coding scope (not interviewers unless the project codes them), narrowed to the roles asked
// for (asking for interviewers explicitly includes them). The consensus layer is never a
// coder here. A coding implies a review even if no review row says so; a review judgement
// (code "") is given only for a unit a coder reviewed without any code in scope.
func (p *Project) Reliability(ctx context.Context, scope coding.Scope) (coding.Reliability, error) {
	var js []coding.Judgement
	out, err := p.reliability(ctx, scope, func(rel *coding.Reliability, hint int) judge {
		js = make([]coding.Judgement, 0, hint)
		return func(unit, coder int, code string, at int64) {
			js = append(js, coding.Judgement{Unit: rel.Units[unit].TurnID, Coder: rel.Coders[coder], Code: code, Time: time.Unix(0, at).UTC()})
		}
	})
	out.Judgements = js
	return out, err
}

// judge receives one judgement of a reliability read: units[unit] judged by coders[coder],
// code a code name ("" for a review), at in Unix nanoseconds.
type judge func(unit, coder int, code string, at int64)

// reliability reads Reliability's units, coders and codes, then asks judges for a judge
// (with the number of judgements to expect) and gives it the judgements one by one.
func (p *Project) reliability(ctx context.Context, scope coding.Scope, judges func(rel *coding.Reliability, hint int) judge) (coding.Reliability, error) {
	var out coding.Reliability
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	// The read walks every turn and coding once: a small page cache serves it as well as a
	// large one (the OS caches the file), and is given back at the end.
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -8192`); err != nil {
		return out, err
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = `+cacheSize)

	codeInterviewers, err := p.CodeInterviewers(ctx)
	if err != nil {
		return out, err
	}
	where := []string{"t.document_id = ?"}
	args := []any{nil} // the document, set per document
	var docs []string  // in scope, in the project's order
	if scope.Document != "" {
		doc, err := resolveDocument(ctx, tx, scope.Document)
		if err != nil {
			return out, err
		}
		docs = []string{doc}
		if scope.Section != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections WHERE document_id = ? AND title = ?`, doc, scope.Section).Scan(&n); err != nil {
				return out, err
			}
			if n == 0 {
				return out, say.Errorf("document %q has no section %q", scope.Document, scope.Section)
			}
			where, args = append(where, "s.title = ?"), append(args, scope.Section)
		}
	} else if scope.Section != "" {
		return out, say.Errorf("a section is chosen within a document: give --doc too")
	} else if docs, err = documentOrder(ctx, tx); err != nil {
		return out, err
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
	if codes, err = codesInScope(codes, scope.Codes); err != nil {
		return out, err
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
				return out, say.Errorf("no coder %q in the project", name)
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

	// Units, a document at a time in the project's order: each query walks the (document,
	// number) index, where one query ordered by document position would sort every turn's text
	// in SQLite's memory (hundreds of MB for a million turns, never given back). The few
	// distinct document, section, speaker and role strings are shared, not copied per turn.
	units, err := tx.PrepareContext(ctx, `SELECT t.id, d.id, d.title, COALESCE(s.title, ''), t.number, COALESCE(sp.label, ''),
		COALESCE(sp.role, ''), t.text
		FROM turns t JOIN documents d ON d.id = t.document_id
		LEFT JOIN sections s ON s.id = t.section_id LEFT JOIN speakers sp ON sp.id = t.speaker_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY t.number`)
	if err != nil {
		return out, err
	}
	defer units.Close()
	shared := newInterner()
	unitIx := map[string]int32{}
	for _, doc := range docs {
		args[0] = doc
		rows, err := units.QueryContext(ctx, args...)
		if err != nil {
			return out, err
		}
		for rows.Next() {
			var u coding.Unit
			var docID, title, section, speaker, role sql.RawBytes
			if err := rows.Scan(&u.TurnID, &docID, &title, &section, &u.Number, &speaker, &role, &u.Text); err != nil {
				rows.Close()
				return out, err
			}
			u.Role = coding.Role(shared(role))
			switch {
			case len(roleFilter) > 0 && !roleFilter[u.Role]:
				continue
			case len(roleFilter) == 0 && !codable(string(u.Role), codeInterviewers):
				continue
			}
			u.DocumentID, u.Document, u.Section, u.Speaker = shared(docID), shared(title), shared(section), shared(speaker)
			unitIx[u.TurnID] = int32(len(out.Units))
			out.Units = append(out.Units, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return out, err
		}
	}
	if err := judgementsIn(ctx, tx, &out, unitIx, codeName, judges); err != nil {
		return out, err
	}
	// Reading every turn filled this connection's page cache; give it back (the next reader
	// of a large project pays a few reads from the OS's file cache instead).
	_, err = tx.ExecContext(ctx, `PRAGMA shrink_memory`)
	return out, err
}

// codesInScope narrows codes (the codebook, in its order) to those named (names, Chinese
// labels or ids, in any case); no names keep every code. An unknown name is an error.
func codesInScope(codes []coding.Code, names []string) ([]coding.Code, error) {
	if len(names) == 0 {
		return codes, nil
	}
	byKey := map[string]coding.Code{}
	for _, c := range codes {
		byKey[codeKey(c.ID)], byKey[codeKey(c.Name)] = c, c
		if c.NameZH != "" {
			byKey[codeKey(c.NameZH)] = c
		}
	}
	want := map[string]bool{}
	for _, name := range names {
		c, ok := byKey[codeKey(name)]
		if !ok {
			return nil, say.Errorf("no code %q in the codebook", name)
		}
		want[c.ID] = true
	}
	var kept []coding.Code
	for _, c := range codes {
		if want[c.ID] {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// documentOrder lists the project's documents in their order.
func documentOrder(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM documents ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// judgementsIn reads the judgements on units (indexed by unitIx) of out's coders: one per live
// coding of a code in scope, and one review (code "") for a unit a coder reviewed without
// giving any code in scope, timed by the latest of its review and its codings outside the
// scope. A review next to codes in scope is implied by them and not given. Code names are
// out's (shared strings).
func judgementsIn(ctx context.Context, tx *sql.Tx, out *coding.Reliability, unitIx map[string]int32, codeName map[string]string, judges func(*coding.Reliability, int) judge) error {
	coderIx := map[string]int{}
	for i, c := range out.Coders {
		coderIx[c] = i
	}
	nC := len(out.Coders)
	cells := len(out.Units) * nC
	coded := make([]bool, cells)
	reviewedAt := make([]int64, cells) // 0: no review (times are Unix nanoseconds, never 0 in a project)
	// The codings in scope are held, 16 bytes each, until the reviews without codes are
	// counted too: judges is then told exactly how many judgements come, so that millions of
	// them are never copied as a slice grows. The codings are counted first for the same
	// reason.
	codeIx := map[string]uint16{}
	names := make([]string, 0, len(out.Codes))
	for id, name := range codeName {
		if len(names) == math.MaxUint16 || nC > math.MaxUint16 {
			return errors.New("more than 65,535 codes or coders in scope") // far past coding.MaxCodes and MaxCoders
		}
		codeIx[id] = uint16(len(names))
		names = append(names, name)
	}
	type held struct {
		unit  int32
		coder uint16
		code  uint16
		at    int64
	}
	var codings int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM codings WHERE removed = 0`).Scan(&codings); err != nil {
		return err
	}
	hold := make([]held, 0, codings)
	cell := func(turn, coder sql.RawBytes) (int, bool) {
		u, ok := unitIx[string(turn)]
		c, ok2 := coderIx[string(coder)]
		return int(u)*nC + c, ok && ok2
	}
	scan := func(query string, each func(c int, code sql.RawBytes, at int64)) error {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var turn, coder, code sql.RawBytes
			var at int64
			if err := rows.Scan(&turn, &coder, &code, &at); err != nil {
				return err
			}
			if c, ok := cell(turn, coder); ok {
				each(c, code, at)
			}
		}
		return rows.Err()
	}
	review := func(c int, at int64) {
		reviewedAt[c] = max(reviewedAt[c], at, 1)
	}
	err := scan(`SELECT g.turn_id, c.name, g.code_id, g.changed_at FROM codings g JOIN coders c ON c.id = g.coder_id WHERE g.removed = 0`,
		func(c int, code sql.RawBytes, at int64) {
			k, ok := codeIx[string(code)]
			if !ok { // a code outside the scope: the review still counts
				review(c, at)
				return
			}
			coded[c] = true
			hold = append(hold, held{int32(c / nC), uint16(c % nC), k, at})
		})
	if err != nil {
		return err
	}
	err = scan(`SELECT r.turn_id, c.name, '', r.changed_at FROM reviews r JOIN coders c ON c.id = r.coder_id WHERE r.reviewed = 1`,
		func(c int, _ sql.RawBytes, at int64) { review(c, at) })
	if err != nil {
		return err
	}
	n := len(hold)
	for c, at := range reviewedAt {
		if at != 0 && !coded[c] {
			n++
		}
	}
	emit := judges(out, n)
	for _, h := range hold {
		emit(int(h.unit), int(h.coder), names[h.code], h.at)
	}
	for c, at := range reviewedAt {
		if at != 0 && !coded[c] {
			emit(c/nC, c%nC, "", at)
		}
	}
	return nil
}

// newInterner returns a function that gives a string for b, the same string for the same
// bytes every time: the few distinct document, section, speaker and role names of a million
// turns are then held once, not copied per turn.
func newInterner() func(b sql.RawBytes) string {
	seen := map[string]string{}
	return func(b sql.RawBytes) string {
		if s, ok := seen[string(b)]; ok {
			return s
		}
		s := string(b)
		seen[s] = s
		return s
	}
}
