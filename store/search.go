package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// The search index: what Search reads in a large project instead of every turn.
//
// It is an SQLite database of its own in the user's cache folder (cacheDir), one per
// project file, never part of the project: copies for coders, files sent by email and merges
// stay as small as they were, and a file received is never asked to trust an index. It holds
// each turn's text folded as Search compares it (searchKey: NFKC, lower case) twice:
//
//   - in a contentless FTS5 table with the trigram tokenizer, whose rowid is the document's
//     ordinal << 32 | the turn's number, the ordinals increasing in the project's order of
//     documents: the first hits in the project's order are the first rowids that match, which
//     FTS5 reads without sorting anything. A query of three characters or more is a phrase of
//     its trigrams, which matches exactly where it is a substring of the folded text;
//   - in chunks of consecutive turns (about 32 KB each, texts separated by a zero byte), for
//     queries of one or two characters, which trigrams cannot match: read in order and searched
//     with bytes.Contains, a whole project in a few dozen reads of the disk's cache instead of a
//     row per turn.
//
// Either way the hits are those the scan finds (TestSearchIndexMatchesScan), and each hit's turn
// is read back from the project and compared again.
//
// The index knows, per document, the turn count and the stamp of schema 3's turn_edits it was
// built from: a document imported or merged since is added, one whose segmentation was corrected
// (a new stamp) is rebuilt, one gone is removed. Search brings the index up to date when that is
// little work (searchSyncMax turns); more, as on the first search of a large project, is done in
// the background while Search scans as before, and later searches use the index.

// searchIndexMin is the size, in turns, from which a project is searched through the index;
// smaller projects are scanned (20,000 turns in about 35 ms) and get no index.
var searchIndexMin = 50_000

// searchChunk is the size of a chunk of folded texts.
const searchChunk = 32 << 10

// searchSyncMax is how many turns Search indexes while the user waits; more is left to the
// background.
var searchSyncMax = 20_000

// searchIndexFormat is the layout of the index files; another one is rebuilt from scratch.
const searchIndexFormat = "2"

// searchState is a project handle's search index: the index file opened, the background build.
type searchState struct {
	mu     sync.Mutex // held by whoever reads or writes the index's documents (one sync at a time)
	db     *sql.DB    // the index, nil until opened
	broken bool       // the index could not be made or read: Search scans

	ctl     sync.Mutex // guards the background build's fields
	running bool       // a background build runs (and holds mu)
	cancel  context.CancelFunc
	closed  bool
	wg      sync.WaitGroup
}

// close stops a background build and closes the index.
func (s *searchState) close() {
	s.ctl.Lock()
	s.closed = true
	if s.cancel != nil {
		s.cancel()
	}
	s.ctl.Unlock()
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
}

// docState is a document as the project has it now (position, stamp, turns) or as the index
// built it (with its ordinal).
type docState struct {
	id                     string
	ord                    int64
	position, stamp, turns int64
}

// documentStates reads the project's documents in search order with their stamps and turn
// counts (numbers run from 1, so the greatest is the count: one step down an index each).
func documentStates(ctx context.Context, q queryer) ([]docState, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.position, COALESCE(e.stamp, 0),
		COALESCE((SELECT max(number) FROM turns t WHERE t.document_id = d.id), 0)
		FROM documents d LEFT JOIN turn_edits e ON e.document_id = d.id ORDER BY d.position, d.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []docState
	for rows.Next() {
		var d docState
		if err := rows.Scan(&d.id, &d.position, &d.stamp, &d.turns); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// open opens (or makes) the project's index file, starting afresh when it is another
// project's, of another layout, or unreadable. It fails only when no index can be had.
func (s *searchState) open(ctx context.Context, p *Project) error {
	if s.db != nil {
		return nil
	}
	s.ctl.Lock()
	closed := s.closed
	s.ctl.Unlock()
	if closed {
		return say.Errorf("the project is closed")
	}
	if s.broken {
		return errors.New("no search index")
	}
	err := s.openFile(ctx, p)
	if err != nil {
		s.broken = true
	}
	return err
}

func (s *searchState) openFile(ctx context.Context, p *Project) error {
	projectID, err := p.Meta(ctx, "project_id")
	if err != nil {
		return err
	}
	path, abs, err := p.searchIndexFile()
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		db, err := openSearchFile(ctx, path, projectID, abs)
		if err == nil {
			s.db = db
			return nil
		}
		if attempt > 0 {
			return err
		}
		removeFiles(path) // damaged, or not an index: it is only a cache
	}
}

// openSearchFile opens the index at path for the project projectID at abs, emptying it if it
// was made for another project or in another layout.
func openSearchFile(ctx context.Context, path, projectID, abs string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+
		"?_pragma=busy_timeout(15000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=trusted_schema(0)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	fail := func(err error) (*sql.DB, error) {
		db.Close()
		return nil, err
	}
	var have string
	err = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'format'`).Scan(&have)
	var id string
	if err == nil {
		err = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'project_id'`).Scan(&id)
	}
	if err == nil && have == searchIndexFormat && id == projectID {
		return db, nil
	}
	// Made afresh: an empty file, or one of another project or layout.
	for _, q := range []string{
		`DROP TABLE IF EXISTS folded`, `DROP TABLE IF EXISTS chunks`, `DROP TABLE IF EXISTS docs`, `DROP TABLE IF EXISTS meta`,
		`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		`CREATE TABLE docs (document_id TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE,
			position INTEGER NOT NULL, stamp INTEGER NOT NULL, turns INTEGER NOT NULL)`,
		`CREATE VIRTUAL TABLE folded USING fts5(text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1')`,
		// The folded texts of turns first, first+1, ... of the document ord, each ended by a zero byte.
		`CREATE TABLE chunks (ord INTEGER NOT NULL, first INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (ord, first)) WITHOUT ROWID`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fail(err)
		}
	}
	for k, v := range map[string]string{"format": searchIndexFormat, "project_id": projectID, "project": abs} {
		if _, err := db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)`, k, v); err != nil {
			return fail(err)
		}
	}
	return db, nil
}

// indexedDocs reads what the index holds, by document id.
func indexedDocs(ctx context.Context, db *sql.DB) (map[string]docState, error) {
	rows, err := db.QueryContext(ctx, `SELECT document_id, ord, position, stamp, turns FROM docs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]docState{}
	for rows.Next() {
		var d docState
		if err := rows.Scan(&d.id, &d.ord, &d.position, &d.stamp, &d.turns); err != nil {
			return nil, err
		}
		out[d.id] = d
	}
	return out, rows.Err()
}

// searchJob is a document to (re)index at an ordinal.
type searchJob struct {
	doc docState
	ord int64
}

// plan compares the project's documents with the index: the documents to index (new, or
// changed since), those to drop, and the turns that is. When the index's ordinals no longer
// follow the project's order, everything is indexed again (rebuild).
func plan(project []docState, index map[string]docState) (jobs []searchJob, drop []docState, rebuild bool, work int64) {
	var maxOrd int64
	for _, d := range index {
		maxOrd = max(maxOrd, d.ord)
	}
	seen := map[string]bool{}
	last := int64(0)
	for _, d := range project {
		seen[d.id] = true
		in, ok := index[d.id]
		switch {
		case ok && in.ord > last:
			last = in.ord
			if in.stamp != d.stamp || in.turns != d.turns || in.position != d.position {
				jobs = append(jobs, searchJob{d, in.ord})
				work += d.turns + in.turns
			}
		case ok:
			rebuild = true
		default:
			maxOrd++
			last = maxOrd
			jobs = append(jobs, searchJob{d, maxOrd})
			work += d.turns
		}
	}
	for id, d := range index {
		if !seen[id] {
			drop = append(drop, d)
			work += d.turns
		}
	}
	if rebuild {
		jobs, drop, work = nil, nil, 0
		for i, d := range project {
			jobs = append(jobs, searchJob{d, int64(i + 1)})
			work += d.turns
		}
	}
	return jobs, drop, rebuild, work
}

// current reports whether the index holds exactly the documents of project, as they are.
func current(project []docState, index map[string]docState) bool {
	jobs, drop, rebuild, _ := plan(project, index)
	return len(jobs) == 0 && len(drop) == 0 && !rebuild
}

// sync brings the index up to date with the project when that is at most limit turns of work
// (any amount when limit < 0), and reports whether it is. Called with s.mu held.
func (s *searchState) sync(ctx context.Context, p *Project, limit int64) (bool, error) {
	if err := s.open(ctx, p); err != nil {
		return false, err
	}
	project, err := documentStates(ctx, p.db)
	if err != nil {
		return false, err
	}
	index, err := indexedDocs(ctx, s.db)
	if err != nil {
		return false, err
	}
	jobs, drop, rebuild, work := plan(project, index)
	if len(jobs) == 0 && len(drop) == 0 && !rebuild {
		return true, nil
	}
	if limit >= 0 && work > limit {
		return false, nil
	}
	if rebuild {
		for _, q := range []string{`DELETE FROM folded`, `DELETE FROM chunks`, `DELETE FROM docs`} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				return false, err
			}
		}
	}
	for _, d := range drop {
		if err := s.dropDoc(ctx, d); err != nil {
			return false, err
		}
	}
	for _, j := range jobs {
		if err := s.indexDoc(ctx, p, j); err != nil {
			return false, err
		}
	}
	return false, nil // the project may have changed meanwhile: the caller looks again
}

// ordRange is the rowids of the document with ordinal ord.
func ordRange(ord int64) (lo, hi int64) { return ord << 32, ord<<32 | 0xFFFFFFFF }

func (s *searchState) dropDoc(ctx context.Context, d docState) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := clearOrd(ctx, tx, d.ord); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM docs WHERE document_id = ?`, d.id); err != nil {
		return err
	}
	return tx.Commit()
}

// clearOrd removes the rows of the document with ordinal ord.
func clearOrd(ctx context.Context, tx *sql.Tx, ord int64) error {
	lo, hi := ordRange(ord)
	if _, err := tx.ExecContext(ctx, `DELETE FROM folded WHERE rowid BETWEEN ? AND ?`, lo, hi); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM chunks WHERE ord = ?`, ord)
	return err
}

// indexDoc (re)writes one document's turns into the index at the job's ordinal, from one
// snapshot of the project, and records the stamp and count of that snapshot.
func (s *searchState) indexDoc(ctx context.Context, p *Project, j searchJob) error {
	ptx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer ptx.Rollback()
	d := j.doc
	err = ptx.QueryRowContext(ctx, `SELECT d.position, COALESCE(e.stamp, 0),
		COALESCE((SELECT max(number) FROM turns t WHERE t.document_id = d.id), 0)
		FROM documents d LEFT JOIN turn_edits e ON e.document_id = d.id WHERE d.id = ?`, d.id).Scan(&d.position, &d.stamp, &d.turns)
	gone := errors.Is(err, sql.ErrNoRows)
	if err != nil && !gone {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	lo, _ := ordRange(j.ord)
	if err := clearOrd(ctx, tx, j.ord); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM docs WHERE document_id = ? OR ord = ?`, d.id, j.ord); err != nil {
		return err
	}
	if !gone {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO folded(rowid, text) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		insChunk, err := tx.PrepareContext(ctx, `INSERT INTO chunks(ord, first, data) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insChunk.Close()
		rows, err := ptx.QueryContext(ctx, `SELECT number, text FROM turns WHERE document_id = ? ORDER BY number`, d.id)
		if err != nil {
			return err
		}
		defer rows.Close()
		var text, chunk []byte
		var first, n, inChunk int64
		flush := func() error {
			if len(chunk) == 0 {
				return nil
			}
			_, err := insChunk.ExecContext(ctx, j.ord, first, chunk)
			chunk = chunk[:0]
			return err
		}
		for rows.Next() {
			var number int64
			if err := rows.Scan(&number, &text); err != nil {
				return err
			}
			if len(chunk) == 0 {
				first, inChunk = number, 0
			} else if number != first+inChunk { // numbers run on without a gap
				return fmt.Errorf("turn %d of document %s follows a gap", number, d.id)
			}
			inChunk++
			start := len(chunk)
			chunk = foldInto(chunk, text)
			if _, err := ins.ExecContext(ctx, lo|number, string(chunk[start:])); err != nil {
				return err
			}
			chunk = append(chunk, 0)
			if len(chunk) >= searchChunk {
				if err := flush(); err != nil {
					return err
				}
			}
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := flush(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO docs(document_id, ord, position, stamp, turns) VALUES (?, ?, ?, ?, ?)`,
			d.id, j.ord, d.position, d.stamp, d.turns); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// foldInto appends searchKey(text) to dst.
func foldInto(dst, text []byte) []byte {
	out, ok := appendFolded(dst, string(text))
	if !ok {
		out = append(dst, searchKey(string(text))...)
	}
	return out
}

// background starts a build of the whole index, unless one runs or the handle is closing.
func (s *searchState) background(p *Project) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	if s.running || s.closed {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.running, s.cancel = true, cancel
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.mu.Lock()
		// Until the index holds the project as it is: edits made while it builds are taken in.
		for ctx.Err() == nil {
			done, err := s.sync(ctx, p, -1)
			if err != nil || done {
				break
			}
		}
		s.mu.Unlock()
		s.ctl.Lock()
		s.running, s.cancel = false, nil
		s.ctl.Unlock()
		cancel()
	}()
}

// errSearchStale says that the index and the project disagreed about a hit: Search scans.
var errSearchStale = errors.New("the search index is behind the project")

// indexSearch finds the hits of the folded query q through the index, or says why it cannot
// (ready false: a project too small to have an index, or one being built). A nil q only asks
// whether the index is ready.
func (p *Project) indexSearch(ctx context.Context, q []byte, limit int) (hits []coding.SearchHit, ready bool, err error) {
	if bytes.IndexByte(q, 0) >= 0 { // the chunks separate texts by zero bytes
		return nil, false, nil
	}
	s := &p.search
	for attempt := 0; ; attempt++ {
		hits, state, err := p.queryIndex(ctx, q, limit)
		switch {
		case err != nil:
			return nil, false, err
		case state == indexUsed:
			return hits, true, nil
		case state == indexNone || state == indexBusy:
			return nil, false, nil
		case attempt > 0 || !s.mu.TryLock(): // behind, and a build just started
			s.background(p)
			return nil, false, nil
		}
		_, err = s.sync(ctx, p, int64(searchSyncMax)) // little work is done while the user waits
		s.mu.Unlock()
		if err != nil {
			return nil, false, nil // no index to be had (an unwritable cache folder): the scan
		}
	}
}

// What queryIndex could do.
type indexState int

const (
	indexUsed   indexState = iota
	indexNone              // a project too small for an index, or no index to be had
	indexBusy              // the index is being built
	indexBehind            // the index does not hold the project as it is
)

// queryIndex reads the hits from the index and their turns from the project, in one snapshot
// of the project, if the index holds that snapshot's documents as they are.
func (p *Project) queryIndex(ctx context.Context, q []byte, limit int) ([]coding.SearchHit, indexState, error) {
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, indexNone, friendly(err)
	}
	defer tx.Rollback()
	project, err := documentStates(ctx, tx)
	if err != nil {
		return nil, indexNone, err
	}
	var total int64
	for _, d := range project {
		total += d.turns
	}
	if total < int64(searchIndexMin) {
		return nil, indexNone, nil
	}
	s := &p.search
	if !s.mu.TryLock() { // a build holds it
		return nil, indexBusy, nil
	}
	defer s.mu.Unlock() // the index stays as read until the hits are
	if s.open(ctx, p) != nil {
		return nil, indexNone, nil
	}
	index, err := indexedDocs(ctx, s.db)
	if err != nil || !current(project, index) {
		return nil, indexBehind, nil
	}
	if q == nil { // SearchIndexReady's probe
		return nil, indexUsed, nil
	}
	byOrd := make(map[int64]string, len(index))
	for _, d := range index {
		byOrd[d.ord] = d.id
	}
	ids, err := s.find(ctx, q, limit)
	if err != nil {
		return nil, indexNone, nil
	}
	titles := map[string]string{}
	turn, err := tx.PrepareContext(ctx, `SELECT t.id, t.text, d.title FROM turns t JOIN documents d ON d.id = t.document_id
		WHERE t.document_id = ? AND t.number = ?`)
	if err != nil {
		return nil, indexNone, err
	}
	defer turn.Close()
	var out []coding.SearchHit // nil without a hit, as the scan gives it
	var folded []byte
	for _, id := range ids {
		h := coding.SearchHit{DocumentID: byOrd[id>>32], Number: int(id & 0xFFFFFFFF)}
		var title string
		err := turn.QueryRowContext(ctx, h.DocumentID, h.Number).Scan(&h.TurnID, &h.Text, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, indexNone, errSearchStale
		}
		if err != nil {
			return nil, indexNone, err
		}
		if folded = foldInto(folded[:0], []byte(h.Text)); !bytes.Contains(folded, q) {
			return nil, indexNone, errSearchStale
		}
		if t, ok := titles[h.DocumentID]; ok {
			title = t
		} else {
			titles[h.DocumentID] = title
		}
		h.Document = title
		out = append(out, h)
	}
	return out, indexUsed, nil
}

// find returns the rowids (ord << 32 | number) of the first limit turns whose folded text holds
// q, in order. Called with s.mu held.
func (s *searchState) find(ctx context.Context, q []byte, limit int) ([]int64, error) {
	var ids []int64
	if utf8.RuneCount(q) >= 3 {
		rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM folded WHERE folded MATCH ? ORDER BY rowid LIMIT ?`,
			`"`+strings.ReplaceAll(string(q), `"`, `""`)+`"`, limit)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	// Trigrams cannot match one or two characters: the chunks in order.
	rows, err := s.db.QueryContext(ctx, `SELECT ord, first, data FROM chunks ORDER BY ord, first`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() && len(ids) < limit {
		var ord, number int64
		var data sql.RawBytes
		if err := rows.Scan(&ord, &number, &data); err != nil {
			return nil, err
		}
		for len(data) > 0 && len(ids) < limit {
			i := bytes.Index(data, q)
			if i < 0 {
				break
			}
			// The turn the hit is in: count the texts ended before it.
			number += int64(bytes.Count(data[:i], []byte{0}))
			ids = append(ids, ord<<32|number)
			end := bytes.IndexByte(data[i:], 0)
			if end < 0 {
				break
			}
			data = data[i+end+1:]
			number++
		}
	}
	return ids, rows.Err()
}

// SearchIndexReady reports whether Search answers from an index that holds the project as
// it is (false also for a project too small to have one); it starts bringing the index up to
// date if it is not. For benchmarks and tests, which wait for the background build.
func (p *Project) SearchIndexReady(ctx context.Context) (bool, error) {
	_, ready, err := p.indexSearch(ctx, nil, 0)
	if errors.Is(err, errSearchStale) {
		err = nil
	}
	return ready, err
}

// searchIndexFile is the project's index file, named by a hash of the project's absolute path
// (also returned), in the cache folder, which it makes if missing.
func (p *Project) searchIndexFile() (path, abs string, err error) {
	dir, err := cacheDir("search")
	if err != nil {
		return "", "", err
	}
	if abs, err = filepath.Abs(p.path); err != nil {
		return "", "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:12])+".search"), abs, nil
}

// SearchIndexSize is the size in bytes of the project's search index (0 without one).
func (p *Project) SearchIndexSize() int64 {
	path, _, err := p.searchIndexFile()
	if err != nil {
		return 0
	}
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(path + suffix); err == nil {
			n += st.Size()
		}
	}
	return n
}
