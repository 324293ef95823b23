package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strconv"
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
	// The read walks every turn and coding once.
	giveBack, err := smallPageCache(ctx, tx)
	if err != nil {
		return out, err
	}
	defer giveBack()

	codeInterviewers, err := p.CodeInterviewers(ctx)
	if err != nil {
		return out, err
	}
	where := []string{"document_id = ?"}
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
			where, args = append(where, "section_id IN (SELECT id FROM sections WHERE title = ?)"), append(args, scope.Section)
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
	// in SQLite's memory (hundreds of MB for a million turns, never given back). Documents',
	// sections' and speakers' names are read once and shared, not joined to every turn (a
	// join is a search of another table per turn) nor copied per turn.
	names, err := turnNames(ctx, tx)
	if err != nil {
		return out, err
	}
	units, err := tx.PrepareContext(ctx, `SELECT id, section_id, number, speaker_id, text FROM turns
		WHERE `+strings.Join(where, " AND ")+` ORDER BY number`)
	if err != nil {
		return out, err
	}
	defer units.Close()
	// As many units as the documents have turns, at most (turns are numbered 1 to n): the
	// list of a million is made once, never copied as it grows.
	var turns int
	for _, doc := range docs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM turns WHERE document_id = ?`, doc).Scan(&n); err != nil {
			return out, err
		}
		turns += n
	}
	out.Units = make([]coding.Unit, 0, turns)
	var unitIx turnIndex
	for _, doc := range docs {
		args[0] = doc
		rows, err := units.QueryContext(ctx, args...)
		if err != nil {
			return out, err
		}
		title := names.documents[doc]
		var id, text sql.RawBytes // copied only for the turns kept
		var section, speaker sql.NullInt64
		for rows.Next() {
			u := coding.Unit{DocumentID: doc, Document: title}
			if err := rows.Scan(&id, &section, &u.Number, &speaker, &text); err != nil {
				rows.Close()
				return out, err
			}
			sp := names.speakers[speaker.Int64] // the zero speaker for none
			u.Role = sp.role
			switch {
			case len(roleFilter) > 0 && !roleFilter[u.Role]:
				continue
			case len(roleFilter) == 0 && !codable(string(u.Role), codeInterviewers):
				continue
			}
			u.TurnID, u.Text = string(id), string(text)
			u.Section, u.Speaker = names.sections[section.Int64], sp.label
			unitIx.add(u.TurnID, int32(len(out.Units)))
			out.Units = append(out.Units, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return out, err
		}
	}
	reviews, done := p.alongside(ctx, tx)
	defer done()
	err = judgementsIn(ctx, tx, reviews, &out, &unitIx, codeName, judges)
	return out, err
}

// smallPageCache gives tx's connection a small page cache for a read that walks much of the
// file once, which it serves as well as a large one (the OS caches the file); giveBack frees
// what it filled (the next reader pays a few reads from the OS's cache instead) and restores
// the connection's usual size.
func smallPageCache(ctx context.Context, tx *sql.Tx) (giveBack func(), err error) {
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -8192`); err != nil {
		return nil, err
	}
	return func() {
		bg := context.WithoutCancel(ctx)
		tx.ExecContext(bg, `PRAGMA shrink_memory`)
		tx.ExecContext(bg, `PRAGMA cache_size = `+cacheSize)
	}, nil
}

// alongside begins a second read transaction that sees the same coders' work as tx, so that
// part of it (the reviews) is read on another core: the digest, which every committed change
// of a coding, review or memo changes (migrations/0002_digest.sql), is the same in both. It
// gives nil when it cannot: the file is not in WAL mode (a reader there holds a lock that a
// writer's commit waits on, and a second reader would wait on that commit), a change was
// committed between the two, the project holds no digest, or no connection of the pool came
// free at once. done ends the transaction and gives back its page cache.
func (p *Project) alongside(ctx context.Context, tx *sql.Tx) (*sql.Tx, func()) {
	const digest = `SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'digest'`
	var mode string
	if err := tx.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || !strings.EqualFold(mode, "wal") {
		return nil, func() {}
	}
	var mine, theirs int64
	if err := tx.QueryRowContext(ctx, digest).Scan(&mine); err != nil {
		return nil, func() {}
	}
	// The pool's connections may all be taken by readers that each wait for a second one:
	// the wait for one is short, and the reading goes on alone without it.
	octx, cancel := context.WithCancel(ctx)
	timer := time.AfterFunc(100*time.Millisecond, cancel)
	other, err := p.db.BeginTx(octx, &sql.TxOptions{ReadOnly: true})
	if !timer.Stop() || err != nil {
		if err == nil {
			other.Rollback()
		}
		cancel()
		return nil, func() {}
	}
	end := func() {
		other.Rollback()
		cancel()
	}
	if alongsideHook != nil {
		alongsideHook()
	}
	if err := other.QueryRowContext(ctx, digest).Scan(&theirs); err != nil || theirs != mine {
		end()
		return nil, func() {}
	}
	// A small page cache, as tx has, given back at the end.
	giveBack, err := smallPageCache(ctx, other)
	if err != nil {
		end()
		return nil, func() {}
	}
	return other, func() {
		giveBack()
		end()
	}
}

// alongsideHook, set by tests, runs after alongside's second transaction begins and before it
// first reads.
var alongsideHook func()

// namesOfTurns are the names a turn's row refers to by id: documents' titles, sections'
// titles and speakers' labels and roles (id 0, which no row has, names nothing).
type namesOfTurns struct {
	documents map[string]string
	sections  map[int64]string
	speakers  map[int64]speakerName
}

type speakerName struct {
	label string
	role  coding.Role
}

// turnNames reads the names turns refer to.
func turnNames(ctx context.Context, tx *sql.Tx) (namesOfTurns, error) {
	n := namesOfTurns{documents: map[string]string{}, sections: map[int64]string{}, speakers: map[int64]speakerName{}}
	read := func(query string, each func(id sql.RawBytes, a, b string)) error {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		var id sql.RawBytes
		var a, b string
		for rows.Next() {
			if err := rows.Scan(&id, &a, &b); err != nil {
				return err
			}
			each(id, a, b)
		}
		return rows.Err()
	}
	rowID := func(id sql.RawBytes) int64 {
		v, _ := strconv.ParseInt(string(id), 10, 64)
		return v
	}
	if err := read(`SELECT id, title, '' FROM documents`, func(id sql.RawBytes, title, _ string) { n.documents[string(id)] = title }); err != nil {
		return n, err
	}
	if err := read(`SELECT id, title, '' FROM sections`, func(id sql.RawBytes, title, _ string) { n.sections[rowID(id)] = title }); err != nil {
		return n, err
	}
	err := read(`SELECT id, label, role FROM speakers`, func(id sql.RawBytes, label, role string) {
		n.speakers[rowID(id)] = speakerName{label, coding.Role(role)}
	})
	return n, err
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
// out's (shared strings). The reviews are read on reviewsTx, beside the codings on tx, when
// it is not nil (it must see the same coders' work as tx: alongside).
func judgementsIn(ctx context.Context, tx, reviewsTx *sql.Tx, out *coding.Reliability, unitIx *turnIndex, codeName map[string]string, judges func(*coding.Reliability, int) judge) error {
	// Coders by their row id: the codings are read without joining the coders table.
	byID, err := codersByID(ctx, tx)
	if err != nil {
		return err
	}
	coderIx := map[int64]int{}
	for id, name := range byID {
		if i := slices.Index(out.Coders, name); i >= 0 {
			coderIx[id] = i
		}
	}
	nC := len(out.Coders)
	cells := len(out.Units) * nC
	coded := make([]bool, cells)
	reviewedAt := make([]int64, cells) // 0: no review (times are Unix nanoseconds, never 0 in a project)
	// The codings in scope are held, 16 bytes each, in chunks, until the reviews without
	// codes are counted too: judges is then told exactly how many judgements come, so that
	// millions of them are never copied as a slice grows (nor counted first, which for
	// millions of codings took a second).
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
	const chunk = 1 << 16
	var hold [][]held
	n := 0
	// scan reads rows of turn, coder, time and (when the query has a fourth column) code, from
	// q, finding turns with ix (a walker of its own: scans may run at once).
	unitIx.prepare()
	scan := func(q *sql.Tx, query string, ix turnIndex, each func(c int, code sql.RawBytes, at int64)) error {
		rows, err := q.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		var turn, code sql.RawBytes
		var coder, at int64
		dest := []any{&turn, &coder, &at, &code}
		if cols, err := rows.Columns(); err != nil {
			return err
		} else {
			dest = dest[:len(cols)]
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			c, ok := coderIx[coder]
			if !ok {
				continue
			}
			if u, ok := ix.find(turn); ok {
				each(int(u)*nC+c, code, at)
			}
		}
		return rows.Err()
	}
	review := func(c int, at int64) {
		reviewedAt[c] = max(reviewedAt[c], at, 1)
	}
	readReviews := func(q *sql.Tx) error {
		return scan(q, `SELECT turn_id, coder_id, changed_at FROM reviews WHERE reviewed = 1`, *unitIx,
			func(c int, _ sql.RawBytes, at int64) { review(c, at) })
	}
	// The reviews go into reviewedAt while the codings are read, so a coding of a code outside
	// the scope, which counts as a review, is kept aside in a list of its own (made at the
	// first one) until they are done.
	reviewsRead := make(chan error, 1)
	if reviewsTx != nil {
		go func() { reviewsRead <- readReviews(reviewsTx) }()
	}
	var outsideAt []int64
	err = scan(tx, `SELECT turn_id, coder_id, changed_at, code_id FROM codings WHERE removed = 0`, *unitIx,
		func(c int, code sql.RawBytes, at int64) {
			k, ok := codeIx[string(code)]
			if !ok { // a code outside the scope: the review still counts
				if outsideAt == nil {
					outsideAt = make([]int64, cells)
				}
				outsideAt[c] = max(outsideAt[c], at)
				return
			}
			coded[c] = true
			if n%chunk == 0 {
				hold = append(hold, make([]held, 0, chunk))
			}
			last := &hold[len(hold)-1]
			*last = append(*last, held{int32(c / nC), uint16(c % nC), k, at})
			n++
		})
	if reviewsTx != nil {
		if rerr := <-reviewsRead; err == nil {
			err = rerr
		}
	} else if err == nil {
		err = readReviews(tx)
	}
	if err != nil {
		return err
	}
	for c, at := range outsideAt {
		if at != 0 {
			review(c, at)
		}
	}
	for c, at := range reviewedAt {
		if at != 0 && !coded[c] {
			n++
		}
	}
	emit := judges(out, n)
	for _, part := range hold {
		for _, h := range part {
			emit(int(h.unit), int(h.coder), names[h.code], h.at)
		}
	}
	for c, at := range reviewedAt {
		if at != 0 && !coded[c] {
			emit(c/nC, c%nC, "", at)
		}
	}
	return nil
}

// turnIndex finds a unit by its turn id. A project's turn ids are 32 lower-case hex digits (a
// hash): the units are found among them by their 128-bit numbers in a sorted list, walked
// forward as the ids come (the codings and reviews tables list a coder's turns in id order),
// which for millions of rows is several times faster than hashing strings or numbers into a
// map of a million (each a cache miss). Ids of another form are found in a map.
type turnIndex struct {
	keys  []turnEntry      // the ids of 32 hex digits, sorted once the first find comes
	other map[string]int32 // the rest
	pos   int              // where the walk stands in keys
	ready bool
}

// turnEntry is a unit's turn id as two numbers.
type turnEntry struct {
	hi, lo uint64
	unit   int32
}

// before orders entries by id, then by unit.
func (e turnEntry) before(f turnEntry) bool {
	if e.hi != f.hi {
		return e.hi < f.hi
	}
	if e.lo != f.lo {
		return e.lo < f.lo
	}
	return e.unit < f.unit
}

// add records that id is unit i; of two equal ids, the unit added first is found.
func (x *turnIndex) add(id string, i int32) {
	if hi, lo, ok := turnKey(id); ok {
		x.keys = append(x.keys, turnEntry{hi, lo, i})
		x.ready = false
		return
	}
	if x.other == nil {
		x.other = map[string]int32{}
	}
	if _, dup := x.other[id]; !dup {
		x.other[id] = i
	}
}

// prepare sorts the ids once they are all added. A copy of a prepared index is a walker of
// its own: copies find ids at once in different goroutines (the lists are only read).
func (x *turnIndex) prepare() {
	if !x.ready {
		slices.SortFunc(x.keys, func(e, f turnEntry) int {
			if e.before(f) {
				return -1
			}
			if f.before(e) {
				return 1
			}
			return 0
		})
		x.ready, x.pos = true, 0
	}
}

// find is the unit whose id is b.
func (x *turnIndex) find(b []byte) (int32, bool) {
	hi, lo, ok := turnKey(b)
	if !ok {
		i, ok := x.other[string(b)]
		return i, ok
	}
	x.prepare()
	key := turnEntry{hi, lo, -1}                   // before every entry of the id
	if x.pos > 0 && !x.keys[x.pos-1].before(key) { // an id before the walk's: search from the start
		x.pos, _ = slices.BinarySearchFunc(x.keys, key, func(e, k turnEntry) int {
			if e.before(k) {
				return -1
			}
			return 1
		})
	}
	for x.pos < len(x.keys) && x.keys[x.pos].before(key) {
		x.pos++
	}
	if x.pos < len(x.keys) && x.keys[x.pos].hi == hi && x.keys[x.pos].lo == lo {
		return x.keys[x.pos].unit, true
	}
	return 0, false
}

// turnKey is the two 64-bit numbers a turn id of 32 lower-case hex digits writes; ok is false
// for an id of another form. Each digit is looked up in hexDigit, which for millions of
// random ids is several times faster than comparing it with ranges (the branches mispredict).
func turnKey[T string | []byte](id T) (hi, lo uint64, ok bool) {
	if len(id) != 32 {
		return 0, 0, false
	}
	var bad byte
	for i := range 16 {
		d := hexDigit[id[i]]
		bad |= d
		hi = hi<<4 | uint64(d)
	}
	for i := 16; i < 32; i++ {
		d := hexDigit[id[i]]
		bad |= d
		lo = lo<<4 | uint64(d)
	}
	return hi, lo, bad&0x80 == 0
}

// hexDigit is the value of a lower-case hex digit, and 0xff for every other byte.
var hexDigit = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c - '0'
	}
	for c := byte('a'); c <= 'f'; c++ {
		t[c] = c - 'a' + 10
	}
	return t
}()

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
