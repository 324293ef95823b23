package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// A project file received from someone else (a coder's copy sent back by email) may be damaged
// in transit or made on purpose to harm. Before anything of it is read into a project it is
// copied to a private temporary file and checked there, in this order:
//
//  1. it is a regular file, an SQLite database whose size agrees with its header (not cut off);
//  2. on a read-only, immutable connection with trusted_schema off: its application id is
//     turncoder's and its schema version one this build understands;
//  3. its schema (sqlite_schema) is exactly the one turncoder makes for that version: no
//     trigger, view, virtual table, extra table or index, nor a table of ours with altered
//     columns or constraints. Checked before anything else reads its tables, so no expression
//     of a foreign schema (a CHECK, a partial index) is ever evaluated;
//  4. PRAGMA integrity_check passes (not quick_check: it also checks indexes against tables,
//     UNIQUE, NOT NULL and CHECK constraints);
//  5. every column we copy holds a value of the type turncoder writes there (SQLite would let
//     a text "time" into an INTEGER column, and text sorts above every integer);
//  6. its coders' rows agree with the digest it holds (digest.go): it was not copied while
//     turncoder was saving to it.
//
// Only then is the temporary copy ATTACHed, read-only and immutable, to a connection with
// trusted_schema off, for the merge to read. No SQL text found in the file is ever executed:
// the merge only runs its own statements over the file's tables. References between its rows
// are not checked here (PRAGMA foreign_key_check costs as much as half the integrity check):
// the master enforces its foreign keys as rows are merged, and a row of the file that points
// to nothing fails the merge with the sentence of a damaged file, in the same transaction.

// sharedFile is a received project file that passed the checks, as a private copy.
type sharedFile struct {
	path       string // as given
	tmp        string // the checked private copy; only this is read
	dir        string // private folder of tmp, removed by close
	projectID  string
	boundCoder string // "" for a copy bound to no coder
	// everyCoder names the coders (but the consensus layer) of a file bound to no coder: a
	// merge of it may change the work of each of them.
	everyCoder []string
	// work is what the file holds of each coder it brings, read once it is checked (merge:
	// sharedWork).
	work []coding.WorkSummary
}

func (f *sharedFile) close() {
	if f != nil && f.dir != "" {
		os.RemoveAll(f.dir)
	}
}

// uri is how the checked copy is opened or attached: read-only and immutable, so SQLite takes
// no lock, reads no -wal beside it and writes nothing.
func (f *sharedFile) uri() string { return "file:" + escapePath(f.tmp) + "?mode=ro&immutable=1" }

// openShared copies path to a private temporary folder and checks the copy; every refusal is
// one sentence naming path. ctx cancels the long checks.
func openShared(ctx context.Context, path string) (_ *sharedFile, err error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, say.Errorf("there is no file at %s", path)
	case err != nil:
		return nil, say.Errorf("cannot read %s: %v", path, errors.Unwrap(err))
	case st.IsDir():
		return nil, say.Errorf("%s is a folder, not a turncoder project file", path)
	case !st.Mode().IsRegular():
		return nil, say.Errorf("%s is not a regular file, so not a turncoder project file", path)
	}
	// A -wal (or hot -journal) beside the file holds changes not yet in it: the file is open
	// in turncoder, or was not closed properly. Its main file alone is not what the coder
	// sees, and the journal is never read: refuse rather than merge stale data.
	beside := path // the -wal is beside the file itself, not beside a link to it
	if real, err := filepath.EvalSymlinks(path); err == nil {
		beside = real
	}
	for _, suffix := range []string{"-wal", "-journal"} {
		if st, err := os.Stat(beside + suffix); err == nil && st.Size() > 0 {
			return nil, say.Errorf("%s is open in turncoder or was not closed properly (its latest changes are still in %s); close it in turncoder, then merge it",
				path, filepath.Base(path+suffix))
		}
	}
	sweepStaleOnce.Do(func() { sweepStale(os.TempDir(), time.Now().Add(-staleAfter)) })
	dir, err := os.MkdirTemp("", mergeDirPattern)
	if err != nil {
		return nil, say.Errorf("cannot make a temporary folder to check %s: %v", path, err)
	}
	f := &sharedFile{path: path, dir: dir, tmp: filepath.Join(dir, "shared"+Extension)}
	defer func() {
		if err != nil {
			f.close()
		}
	}()
	// The header first, on the file itself: what is not a database of a sane size (a sparse
	// file of 4 GB) is refused before anything is copied. Checked again on the copy, which is
	// what is read (the file may change in between).
	if err := checkSQLiteHeader(path, path); err != nil {
		return nil, err
	}
	if err := copyRegular(path, f.tmp); err != nil {
		return nil, err
	}
	if err := checkSQLiteHeader(path, f.tmp); err != nil {
		return nil, err
	}
	if err := f.check(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// copyRegular copies the bytes of src (re-checked as a regular file once open) to a new dst.
func copyRegular(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return say.Errorf("cannot read %s: %v", src, errors.Unwrap(err))
	}
	defer in.Close()
	if st, err := in.Stat(); err != nil || !st.Mode().IsRegular() {
		return say.Errorf("%s is not a regular file, so not a turncoder project file", src)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return say.Errorf("cannot read %s: %v", src, err)
	}
	return out.Close()
}

// checkSQLiteHeader reads the 100-byte database header of tmp (the copy of path): the magic
// string, a valid page size, and a size that is a whole number of pages and, when the header's
// page count is current, exactly that many pages. A file cut off in transfer fails here.
func checkSQLiteHeader(path, tmp string) error {
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var h [100]byte
	n, _ := io.ReadFull(f, h[:])
	if n < 16 || string(h[:16]) != "SQLite format 3\x00" {
		if st.Size() == 0 {
			return say.Errorf("%s is empty, not a turncoder project file", path)
		}
		return say.Errorf("%s is not a turncoder project file (it is not an SQLite database)", path)
	}
	damaged := say.Errorf("%s is damaged or incomplete: it is shorter than its header says (was it cut off while being sent?)", path)
	if n < len(h) {
		return damaged
	}
	if err := reservedBytes(path, h[:]); err != nil {
		return err
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return say.Errorf("%s is damaged: its SQLite header is not valid", path)
	}
	if st.Size()%pageSize != 0 {
		return damaged
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	changeCounter, validFor := binary.BigEndian.Uint32(h[24:28]), binary.BigEndian.Uint32(h[92:96])
	if pages > 0 && changeCounter == validFor {
		switch have := st.Size() / pageSize; {
		case have < pages:
			return damaged
		case have > pages:
			return say.Errorf("%s is damaged: it is longer than its header says", path)
		}
	}
	return nil
}

// sharedDSN opens the checked copy read-only and immutable with trusted_schema off (functions
// with side effects cannot run from its schema) and cell size checks on (corrupt pages are
// detected rather than followed).
func sharedDSN(tmp string) string {
	return "file:" + escapePath(tmp) + "?mode=ro&immutable=1&_pragma=trusted_schema(0)&_pragma=cell_size_check(1)"
}

// check runs the checks from the application id on, on the private copy.
func (f *sharedFile) check(ctx context.Context) error {
	db, err := sql.Open("sqlite", sharedDSN(f.tmp))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	damaged := func(err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return damagedFile(f.path, err)
	}
	var app, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return damaged(err)
	}
	if app != ApplicationID {
		return say.Errorf("%s is not a turncoder project file (it is an SQLite database of another application)", f.path)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(err)
	}
	if version > SchemaVersion {
		return say.Errorf("%s was made by a newer version of turncoder (schema %d; this one reads up to %d): update turncoder to merge it", f.path, version, SchemaVersion)
	}
	if version < 1 {
		return say.Errorf("%s is not a turncoder project file (it has no turncoder schema)", f.path)
	}
	if err := checkSchema(ctx, db, f.path, version); err != nil {
		return err
	}
	var verdict []string
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(20)")
	if err != nil {
		return damaged(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return damaged(err)
		}
		verdict = append(verdict, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	if len(verdict) != 1 || verdict[0] != "ok" {
		return say.Errorf("%s is damaged (SQLite's integrity check found: %s)", f.path, integrityProblem(verdict))
	}
	if version < SchemaVersion {
		// An older turncoder's file: upgrade the private copy with our own migrations, then
		// check the result as if it had come in at the current version.
		db.Close()
		if err := upgradeCopy(ctx, f.tmp, version); err != nil {
			return say.Errorf("%s was made by an older version of turncoder and could not be upgraded: %v", f.path, err)
		}
		db, err = sql.Open("sqlite", sharedDSN(f.tmp))
		if err != nil {
			return err
		}
		defer db.Close()
		if err := checkSchema(ctx, db, f.path, SchemaVersion); err != nil {
			return err
		}
	}
	for _, c := range columnTypes {
		var bad bool
		err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+c.table+` WHERE NOT (`+c.ok+`))`).Scan(&bad)
		if err != nil {
			return damaged(err)
		}
		if bad {
			return say.Errorf("%s is damaged (its %s table holds values of a kind turncoder never writes there)", f.path, c.table)
		}
	}
	if err := checkTimes(ctx, db, f.path, time.Now()); err != nil {
		return err
	}
	if err := checkDigest(ctx, db, f.path); err != nil {
		return err
	}
	err = db.QueryRowContext(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = 'project_id'), ''),
		COALESCE((SELECT value FROM meta WHERE key = ?), '')`, boundCoderKey).Scan(&f.projectID, &f.boundCoder)
	if err != nil {
		return damaged(err)
	}
	if f.projectID == "" {
		return say.Errorf("%s is damaged (it has no project id)", f.path)
	}
	return nil
}

// integrityProblem is the first problem integrity_check names, without its "*** in database
// main ***" heading.
func integrityProblem(verdict []string) string {
	for _, v := range verdict {
		for _, l := range strings.Split(v, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "***") {
				return strings.TrimSuffix(l, ".")
			}
		}
	}
	return "an unnamed problem"
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(strings.TrimSpace(s), ".")
}

// sqliteResultCode is the "(11)" SQLite's driver puts after its message.
var sqliteResultCode = regexp.MustCompile(`\s*\(\d+\)$`)

// damagedFile is the one sentence for a file SQLite cannot read as a database (a malformed page,
// a header with bytes SQLite does not accept): which file, what SQLite found in words, and what
// to do. The SQLite result code means nothing to a researcher and is left out.
func damagedFile(path string, err error) error {
	msg := sqliteResultCode.ReplaceAllString(firstLine(err.Error()), "")
	msg = strings.TrimPrefix(msg, "database disk image is malformed")
	if msg = strings.TrimSpace(strings.Trim(msg, ":; ")); msg != "" {
		return say.Errorf("%s is damaged and cannot be read (%s): open a backup, or ask for the file again", path, msg)
	}
	return say.Errorf("%s is damaged and cannot be read: open a backup, or ask for the file again", path)
}

// upgradeCopy runs our migrations after version on the private copy tmp (its schema already
// checked to be exactly ours at version, so no trigger of its own can fire).
func upgradeCopy(ctx context.Context, tmp string, version int) error {
	db, err := sql.Open("sqlite", "file:"+escapePath(tmp)+"?_pragma=trusted_schema(0)&_pragma=journal_mode(DELETE)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	p := &Project{db: db, path: tmp}
	return p.migrate(ctx, version)
}

// schemaObject is one row of sqlite_schema.
type schemaObject struct{ kind, name, table, sql string }

func readSchema(ctx context.Context, q queryer) (map[string]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		out[o.kind+" "+o.name] = o
	}
	return out, rows.Err()
}

var referenceSchemas sync.Map // version -> map[string]schemaObject

// referenceSchema is the schema a fresh project of the given version has, made by running our
// migrations on an empty in-memory database.
func referenceSchema(ctx context.Context, version int) (map[string]schemaObject, error) {
	if s, ok := referenceSchemas.Load(version); ok {
		return s.(map[string]schemaObject), nil
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, name := range migrationFiles()[:version] {
		body, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			return nil, err
		}
	}
	s, err := readSchema(ctx, db)
	if err != nil {
		return nil, err
	}
	referenceSchemas.Store(version, s)
	return s, nil
}

// checkSchema compares db's sqlite_schema with a fresh project's of version, object by object
// and statement by statement.
func checkSchema(ctx context.Context, db *sql.DB, path string, version int) error {
	want, err := referenceSchema(ctx, version)
	if err != nil {
		return err
	}
	have, err := readSchema(ctx, db)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return damagedFile(path, err)
	}
	var extra, changed, missing []string
	for k, o := range have {
		w, ok := want[k]
		switch {
		case !ok:
			extra = append(extra, k)
		case w != o:
			changed = append(changed, k)
		}
	}
	for k := range want {
		if _, ok := have[k]; !ok {
			missing = append(missing, k)
		}
	}
	sort.Strings(extra)
	sort.Strings(changed)
	sort.Strings(missing)
	// Each sentence names the first object (its kind a sentence of say too, so that all of it
	// is translated) and how many more there are.
	switch {
	case len(extra) > 0:
		kind, name, more := schemaObjects(extra)
		an := strings.ContainsRune("aeiou", rune(fmt.Sprint(kind)[0]))
		switch {
		case an && more > 0:
			return say.Errorf("%s contains an %v %q (and %d more objects) that turncoder never makes, so it may have been tampered with and will not be read", path, kind, name, more)
		case an:
			return say.Errorf("%s contains an %v %q that turncoder never makes, so it may have been tampered with and will not be read", path, kind, name)
		case more > 0:
			return say.Errorf("%s contains a %v %q (and %d more objects) that turncoder never makes, so it may have been tampered with and will not be read", path, kind, name, more)
		}
		return say.Errorf("%s contains a %v %q that turncoder never makes, so it may have been tampered with and will not be read", path, kind, name)
	case len(changed) > 0:
		kind, name, more := schemaObjects(changed)
		if more > 0 {
			return say.Errorf("%s does not have turncoder's table layout (%v %q (and %d more objects) differs), so it may have been tampered with and will not be read", path, kind, name, more)
		}
		return say.Errorf("%s does not have turncoder's table layout (%v %q differs), so it may have been tampered with and will not be read", path, kind, name)
	case len(missing) > 0:
		kind, name, more := schemaObjects(missing)
		if more > 0 {
			return say.Errorf("%s does not have turncoder's table layout (%v %q (and %d more objects) is missing), so it may have been tampered with and will not be read", path, kind, name, more)
		}
		return say.Errorf("%s does not have turncoder's table layout (%v %q is missing), so it may have been tampered with and will not be read", path, kind, name)
	}
	return nil
}

// schemaObjects is the first of schema objects ("type name" keys), its kind as a sentence of
// say (SQLite's own word for another), and how many more there are.
func schemaObjects(keys []string) (kind any, name string, more int) {
	k, name, _ := strings.Cut(keys[0], " ")
	switch k {
	case "table":
		kind = say.Errorf("table")
	case "index":
		kind = say.Errorf("index")
	case "view":
		kind = say.Errorf("view")
	case "trigger":
		kind = say.Errorf("trigger")
	default:
		kind = k
	}
	return kind, name, len(keys) - 1
}

// columnTypes says, per table merged from a shared file, what every row must satisfy: the
// storage class of each column turncoder writes, and the flags' 0/1 range. (INTEGER PRIMARY
// KEY columns are always integers.) The rows of turns, notes and sections are only copied for
// documents the master lacks, and only those are checked (documentTypes, by the merge): of
// the others only ids and texts are compared, which needs no particular type.
var columnTypes = []struct{ table, ok string }{
	{"meta", `typeof(key) = 'text' AND typeof(value) = 'text'`},
	{"documents", `typeof(id) = 'text' AND typeof(title) = 'text' AND typeof(source) = 'text' AND typeof(format) = 'text'
		AND typeof(encoding) = 'text' AND typeof(position) = 'integer' AND typeof(imported_at) = 'integer'`},
	{"speakers", `typeof(label) = 'text' AND typeof(role) = 'text' AND role IN ('interviewer', 'respondent', 'other')`}, // the table's CHECK: a read-only integrity_check skips it
	{"speaker_aliases", `typeof(alias) = 'text' AND typeof(speaker_id) = 'integer'`},
	{"codes", `typeof(id) = 'text' AND typeof(name) = 'text' AND typeof(name_zh) = 'text' AND typeof(definition) = 'text'
		AND typeof(inclusion) = 'text' AND typeof(exclusion) = 'text' AND typeof(example) = 'text'
		AND typeof(colour) = 'text' AND typeof(shortcut) = 'text' AND typeof(parent_id) IN ('text', 'null')
		AND typeof(position) = 'integer' AND typeof(removed) = 'integer' AND removed IN (0, 1)
		AND typeof(changed_at) = 'integer'`},
	{"coders", `typeof(name) = 'text' AND typeof(consensus) = 'integer' AND consensus IN (0, 1)
		AND typeof(created_at) = 'integer'`},
	{"codings", `typeof(coder_id) = 'integer' AND typeof(turn_id) = 'text' AND typeof(code_id) = 'text'
		AND typeof(removed) = 'integer' AND removed IN (0, 1) AND typeof(changed_at) = 'integer'`},
	{"reviews", `typeof(coder_id) = 'integer' AND typeof(turn_id) = 'text' AND typeof(reviewed) = 'integer'
		AND reviewed IN (0, 1) AND typeof(changed_at) = 'integer'`},
	{"memos", `typeof(coder_id) = 'integer' AND typeof(turn_id) = 'text' AND typeof(text) = 'text'
		AND typeof(changed_at) = 'integer'`},
}

// earliestTime is the earliest change time a received file may hold: no turncoder file was
// made before 2000.
var earliestTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// checkTimes refuses a file whose change times lie before 2000 or more than a day after now
// (the receiving clock): no clock makes them, and a time at int64's maximum would overflow
// the next change after it and let the file win every last-writer-wins contest.
func checkTimes(ctx context.Context, q queryer, path string, now time.Time) error {
	lo, hi := earliestTime.UnixNano(), now.Add(24*time.Hour).UnixNano()
	for _, t := range []string{"codes", "codings", "reviews", "memos"} {
		var bad sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT changed_at FROM `+t+` WHERE changed_at < ? OR changed_at > ? LIMIT 1`, lo, hi).Scan(&bad)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return damagedFile(path, err)
		}
		return say.Errorf("%s holds a change time in its %s table (%s) outside 2000 to tomorrow, which no clock makes: it is damaged or was made to harm, and is not read",
			path, t, time.Unix(0, bad.Int64).UTC().Format("2006-01-02"))
	}
	return nil
}

// documentTypes is columnTypes for the tables of documents, checked by the merge for the
// documents it adds.
var documentTypes = []struct{ table, ok string }{
	{"sections", `typeof(document_id) = 'text' AND typeof(position) = 'integer' AND typeof(title) = 'text'`},
	{"turns", `typeof(id) = 'text' AND typeof(document_id) = 'text' AND typeof(section_id) IN ('integer', 'null')
		AND typeof(position) = 'integer' AND typeof(number) = 'integer' AND typeof(speaker_id) IN ('integer', 'null')
		AND typeof(label) = 'text' AND typeof(text) = 'text' AND typeof(start_ms) IN ('integer', 'null')
		AND typeof(end_ms) IN ('integer', 'null')`},
	{"notes", `typeof(document_id) = 'text' AND typeof(section_id) IN ('integer', 'null') AND typeof(position) = 'integer'
		AND typeof(text) = 'text'`},
}

// mergeDirPattern names the private folders in which received files are checked.
const mergeDirPattern = "turncoder-merge-*"

// staleAfter is the age past which a merge folder is left over from a process that was killed
// (a running merge takes minutes, not a day).
const staleAfter = 24 * time.Hour

var sweepStaleOnce sync.Once

// sweepStale removes merge folders in dir last changed before cutoff: copies of coders' files
// that a killed merge could not clean up. Errors are ignored; the folders are only clutter.
func sweepStale(dir string, cutoff time.Time) {
	old, _ := filepath.Glob(filepath.Join(dir, mergeDirPattern))
	for _, d := range old {
		if st, err := os.Lstat(d); err == nil && st.IsDir() && st.ModTime().Before(cutoff) {
			os.RemoveAll(d)
		}
	}
}
