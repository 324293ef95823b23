package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/turncoder/turncoder/coding/say"
)

// analysisScope is a coding.Scope resolved against the project: which turns are analysed.
type analysisScope struct {
	doc, section     string // the document's id and the section's title, or ""
	roles            map[coding.Role]bool
	codeInterviewers bool
}

// takes reports whether a turn of the scope's documents and sections, of a speaker with role,
// is analysed: a speaker of the roles asked for, or with none asked for, a turn in the coding
// scope (interviewers' turns only when the project codes them), as the agreement figures take
// them.
func (s *analysisScope) takes(role coding.Role) bool {
	if len(s.roles) > 0 {
		return s.roles[role]
	}
	return codable(string(role), s.codeInterviewers)
}

// holds reports whether a turn of document doc and section section is within the scope's
// document and section.
func (s *analysisScope) holds(doc, section string) bool {
	return (s.doc == "" || doc == s.doc) && (s.section == "" || section == s.section)
}

// resolveAnalysisScope checks scope's document and section as Reliability does, with the same
// sentences.
func (p *Project) resolveAnalysisScope(ctx context.Context, tx *sql.Tx, scope coding.Scope) (analysisScope, error) {
	var s analysisScope
	ci, err := p.CodeInterviewers(ctx)
	if err != nil {
		return s, err
	}
	s.codeInterviewers = ci
	if scope.Document != "" {
		if s.doc, err = resolveDocument(ctx, tx, scope.Document); err != nil {
			return s, err
		}
		if scope.Section != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections WHERE document_id = ? AND title = ?`, s.doc, scope.Section).Scan(&n); err != nil {
				return s, err
			}
			if n == 0 {
				return s, say.Errorf("document %q has no section %q", scope.Document, scope.Section)
			}
			s.section = scope.Section
		}
	} else if scope.Section != "" {
		return s, say.Errorf("a section is chosen within a document: give --doc too")
	}
	s.roles = map[coding.Role]bool{}
	for _, r := range scope.Roles {
		s.roles[r] = true
	}
	return s, nil
}

// consensusLayer is the consensus layer's coder id; ok false when the project has none.
func consensusLayer(ctx context.Context, q queryer) (id int64, ok bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ? AND consensus = 1`, ConsensusCoder).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// DefaultWho is whose codings an analysis of scope counts when nobody chose: the consensus
// layer, the final coding, once it has a decision (a code, or a turn settled as "no code") on a
// turn in scope; else all coders.
func (p *Project) DefaultWho(ctx context.Context, scope coding.Scope) (analysis.Who, error) {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return analysis.Who{}, friendly(err)
	}
	defer tx.Rollback()
	s, err := p.resolveAnalysisScope(ctx, tx, scope)
	if err != nil {
		return analysis.Who{}, err
	}
	return p.defaultWho(ctx, tx, &s)
}

func (p *Project) defaultWho(ctx context.Context, tx *sql.Tx, s *analysisScope) (analysis.Who, error) {
	all := analysis.Who{Kind: analysis.AllCoders}
	id, ok, err := consensusLayer(ctx, tx)
	if err != nil || !ok {
		return all, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT t.document_id, COALESCE(s.title, ''), COALESCE(sp.role, '')
		FROM (SELECT turn_id FROM codings WHERE coder_id = ?1 AND removed = 0
			UNION SELECT turn_id FROM reviews WHERE coder_id = ?1 AND reviewed = 1) d
		JOIN turns t ON t.id = d.turn_id
		LEFT JOIN sections s ON s.id = t.section_id LEFT JOIN speakers sp ON sp.id = t.speaker_id`, id)
	if err != nil {
		return all, err
	}
	defer rows.Close()
	for rows.Next() {
		var doc, section, role string
		if err := rows.Scan(&doc, &section, &role); err != nil {
			return all, err
		}
		if s.holds(doc, section) && s.takes(coding.Role(role)) {
			return analysis.Who{Kind: analysis.Consensus}, nil
		}
	}
	return all, rows.Err()
}

// AnalysisInput reads what an analysis of scope counts (coding/analysis), in a few queries
// whatever the number of documents: the turns of the scope's documents (of its section, when
// one is chosen) in the project's order, those of the roles in scope analysed and the others
// kept as context; the codes in scope; and the codings and memos of who — one coder, all
// coders (narrowed by scope.Coders) or the consensus layer; the zero Who is DefaultWho's
// choice. The Input says whose codings it holds. A coder the project does not have, a
// consensus layer it does not have yet, and the errors of Reliability's scope are one
// sentence each.
func (p *Project) AnalysisInput(ctx context.Context, scope coding.Scope, who analysis.Who) (analysis.Input, error) {
	var in analysis.Input
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return in, friendly(err)
	}
	defer tx.Rollback()
	// The read walks every turn once.
	giveBack, err := smallPageCache(ctx, tx)
	if err != nil {
		return in, err
	}
	defer giveBack()
	s, err := p.resolveAnalysisScope(ctx, tx, scope)
	if err != nil {
		return in, err
	}
	if who.Kind == analysis.DefaultWho {
		if who, err = p.defaultWho(ctx, tx, &s); err != nil {
			return in, err
		}
	}
	in.Who = who

	codes, err := liveCodes(ctx, tx)
	if err != nil {
		return in, err
	}
	if in.Codes, err = codesInScope(codes, scope.Codes); err != nil {
		return in, err
	}
	coderIDs, err := p.analysisCoders(ctx, tx, &in, scope.Coders)
	if err != nil {
		return in, err
	}
	turnIx, err := analysisTurns(ctx, tx, &in, &s)
	if err != nil {
		return in, err
	}

	// The codings and memos of the coders chosen: one query each.
	coderIx := make(map[int64]int32, len(coderIDs))
	ids := make([]string, len(coderIDs))
	for j, id := range coderIDs {
		coderIx[id] = int32(j)
		ids[j] = fmt.Sprint(id)
	}
	codeIx := make(map[string]int32, len(in.Codes))
	for k, c := range in.Codes {
		codeIx[c.ID] = int32(k)
	}
	if len(coderIDs) > 0 {
		coders := strings.Join(ids, ",") // integers from the project, not the user
		rows, err := tx.QueryContext(ctx, `SELECT turn_id, coder_id, code_id FROM codings WHERE removed = 0 AND coder_id IN (`+coders+`)`)
		if err != nil {
			return in, err
		}
		for rows.Next() {
			var turn, code sql.RawBytes
			var coder int64
			if err := rows.Scan(&turn, &coder, &code); err != nil {
				rows.Close()
				return in, err
			}
			t, ok := turnIx[string(turn)]
			k, ok2 := codeIx[string(code)]
			if ok && ok2 {
				in.Codings = append(in.Codings, analysis.Coding{Turn: t, Coder: coderIx[coder], Code: k})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return in, err
		}
		rows, err = tx.QueryContext(ctx, `SELECT turn_id, coder_id, text FROM memos WHERE text <> '' AND coder_id IN (`+coders+`)`)
		if err != nil {
			return in, err
		}
		defer rows.Close()
		for rows.Next() {
			var turn sql.RawBytes
			var coder int64
			var text string
			if err := rows.Scan(&turn, &coder, &text); err != nil {
				return in, err
			}
			if t, ok := turnIx[string(turn)]; ok {
				in.Memos = append(in.Memos, analysis.Memo{Turn: t, Coder: coderIx[coder], Text: text})
			}
		}
		if err := rows.Err(); err != nil {
			return in, err
		}
	}
	return in, nil
}

// analysisCoders sets in.Coders for in.Who and returns their ids in the same order.
func (p *Project) analysisCoders(ctx context.Context, tx *sql.Tx, in *analysis.Input, narrow []string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, consensus FROM coders ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type coder struct {
		id        int64
		name      string
		consensus bool
	}
	var all []coder
	for rows.Next() {
		var c coder
		if err := rows.Scan(&c.id, &c.name, &c.consensus); err != nil {
			return nil, err
		}
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var names []string
	for _, c := range all {
		if !c.consensus {
			names = append(names, c.name)
		}
	}
	unknown := func(name string) error {
		if len(names) == 0 {
			return say.Errorf("no coder %q in the project, which has no coders yet", name)
		}
		return say.Errorf("no coder %q in the project (its coders: %s)", name, strings.Join(names, ", "))
	}
	var ids []int64
	switch in.Who.Kind {
	case analysis.Consensus:
		for _, c := range all {
			if c.consensus && c.name == ConsensusCoder {
				in.Coders, ids = []string{c.name}, []int64{c.id}
			}
		}
		if ids == nil {
			return nil, say.Errorf("the project has no consensus layer yet: settle disagreements first (Project → Adjudicate disagreements…, or turncoder adjudicate), or analyse all coders or one coder")
		}
	case analysis.OneCoder:
		name := coding.NormalizeLabel(in.Who.Coder)
		for _, c := range all {
			if !c.consensus && c.name == name {
				in.Coders, ids = []string{c.name}, []int64{c.id}
				in.Who.Coder = c.name
			}
		}
		if ids == nil {
			return nil, unknown(in.Who.Coder)
		}
	case analysis.AllCoders:
		chosen := map[string]bool{}
		for _, name := range narrow {
			n := coding.NormalizeLabel(name)
			if !slices.Contains(names, n) {
				return nil, unknown(name)
			}
			chosen[n] = true
		}
		for _, c := range all {
			if !c.consensus && (len(chosen) == 0 || chosen[c.name]) {
				in.Coders, ids = append(in.Coders, c.name), append(ids, c.id)
			}
		}
	default:
		return nil, say.Errorf("whose codings to analyse is not said")
	}
	return ids, nil
}

// analysisTurns reads the turns of s's documents (and section) into in.Turns in the project's
// order, and returns the index of each turn's id. One query walks the (document, number) index;
// the documents are then put in the project's order.
func analysisTurns(ctx context.Context, tx *sql.Tx, in *analysis.Input, s *analysisScope) (map[string]int32, error) {
	type doc struct {
		title    string
		position int
	}
	docs := map[string]doc{}
	rows, err := tx.QueryContext(ctx, `SELECT id, title, position FROM documents`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		var d doc
		if err := rows.Scan(&id, &d.title, &d.position); err != nil {
			rows.Close()
			return nil, err
		}
		docs[id] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	where, args := "", []any{}
	if s.doc != "" {
		where, args = "WHERE t.document_id = ?", append(args, s.doc)
		if s.section != "" {
			where, args = where+" AND s.title = ?", append(args, s.section)
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT t.id, t.document_id, t.number, COALESCE(s.title, ''), COALESCE(sp.label, ''),
		COALESCE(sp.role, ''), t.text
		FROM turns t LEFT JOIN sections s ON s.id = t.section_id LEFT JOIN speakers sp ON sp.id = t.speaker_id
		`+where+` ORDER BY t.document_id, t.number`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// The few distinct document, section, speaker and role strings are shared, not copied per
	// turn.
	shared := newInterner()
	var turns []analysis.Turn
	var starts []int // where each document's turns begin
	for rows.Next() {
		var t analysis.Turn
		var docID, section, speaker, role sql.RawBytes
		if err := rows.Scan(&t.ID, &docID, &t.Number, &section, &speaker, &role, &t.Text); err != nil {
			return nil, err
		}
		if len(turns) == 0 || string(docID) != turns[len(turns)-1].DocumentID {
			starts = append(starts, len(turns))
			t.DocumentID = shared(docID)
			t.Document = docs[t.DocumentID].title
		} else {
			t.DocumentID, t.Document = turns[len(turns)-1].DocumentID, turns[len(turns)-1].Document
		}
		t.Section, t.Speaker, t.Role = shared(section), shared(speaker), coding.Role(shared(role))
		t.InScope = s.takes(t.Role)
		turns = append(turns, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The documents in the project's order.
	starts = append(starts, len(turns))
	order := make([]int, len(starts)-1)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return docs[turns[starts[a]].DocumentID].position - docs[turns[starts[b]].DocumentID].position
	})
	if slices.IsSorted(order) { // as they nearly always are: no copy of a million turns
		in.Turns = turns
	} else {
		in.Turns = make([]analysis.Turn, 0, len(turns))
		for _, i := range order {
			in.Turns = append(in.Turns, turns[starts[i]:starts[i+1]]...)
		}
	}
	turnIx := make(map[string]int32, len(in.Turns))
	for i, t := range in.Turns {
		turnIx[t.ID] = int32(i)
	}
	return turnIx, nil
}
