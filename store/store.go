// Package store is the project file: one SQLite database per project (extension .turncoder)
// holding documents, turns, speakers, the codebook, coders, codings, memos and an audit log.
// It is the only package that speaks SQL; it hands out coding values, never rows.
package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"modernc.org/sqlite" // pure Go SQLite: no cgo in the store, one binary everywhere

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Extension is the project file's extension.
const Extension = ".turncoder"

// ApplicationID marks turncoder files in the SQLite header (PRAGMA application_id): "tcdr".
const ApplicationID = 0x74636472

//go:embed migrations/*.sql
var migrations embed.FS

// SchemaVersion is the newest schema this build knows (PRAGMA user_version).
var SchemaVersion = len(migrationFiles())

func migrationFiles() []string {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	return names
}

// Project is an open project file.
type Project struct {
	db   *sql.DB
	path string
	ckpt *checkpointer
	// Actor is who the audit log names for changes made through this handle.
	Actor string
	// readOnly is set by OpenReadOnly: the handle reads and never writes.
	readOnly bool
	wal      sync.Once   // ensureWAL has run
	search   searchState // the search index in the cache folder (search.go)
	whole    bool        // its digest held when it was opened (verified.go)
}

// ensureWAL switches the file to WAL (write-ahead logging: readers and the writer do not block
// each other, and a commit is one append) before the handle's first write. Opening does not: a
// file in rollback-journal mode (a coder copy as sent, a file from an older turncoder) that is
// only looked at stays byte for byte as it was, with nothing created beside it. The mode is
// kept in the file, so once is enough; if another program holds the file so that it cannot
// switch, the writes go on in rollback-journal mode, as safe, only slower.
func (p *Project) ensureWAL(ctx context.Context, q interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) {
	p.wal.Do(func() { q.ExecContext(ctx, `PRAGMA main.journal_mode = WAL`) })
}

// Path is the file the project lives in.
func (p *Project) Path() string { return p.path }

// Close releases the file.
//
// Everything in the -wal is first copied into the file itself, so that the project file alone
// holds all that was saved and SQLite removes the -wal when the last connection closes.
func (p *Project) Close() error {
	p.search.close()
	p.ckpt.close()
	if !p.readOnly {
		p.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)") // best effort: Close itself checkpoints too
	}
	err := p.db.Close()
	if err == nil && p.whole && !p.readOnly {
		rememberDigest(p.path) // whole as SQLite left it: the next open need not sum it (verified.go)
	}
	return err
}

// cacheSize is each connection's SQLite page cache: 64 MiB, so a large document's turns and
// states stay in memory while a coder works.
const cacheSize = "-65536"

// escapePath makes a file name safe inside a file: URI.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// dsn opens path with foreign keys on, a busy timeout (two windows on one file wait for each
// other rather than fail), synchronous=FULL (a committed transaction survives a crash of the
// program and of the machine: a laptop that dies loses nothing acknowledged; the file is
// switched to WAL before its first write, ensureWAL), a page cache
// of up to 64 MiB (imports insert turn ids in random order into their index), recursive
// triggers (so that a row an INSERT OR REPLACE removes leaves the digest too: digest.go), and
// immediate write transactions.
func dsn(path string) string {
	return "file:" + escapePath(path) +
		"?_pragma=foreign_keys(1)&_pragma=busy_timeout(15000)" +
		"&_pragma=synchronous(FULL)&_pragma=cache_size(" + cacheSize + ")&_pragma=recursive_triggers(1)&_pragma=trusted_schema(0)&_txlock=immediate"
}

func defaultActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// Create makes a new, empty project at path with the given codebook. It refuses to overwrite
// an existing file.
func Create(path string, codebook []coding.Code) (*Project, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, say.Errorf("%s already exists; turncoder will not overwrite it", path)
		}
		return nil, say.Errorf("cannot create %s: %v", path, errors.Unwrap(err))
	}
	f.Close()
	p, err := open(path)
	if err == nil {
		err = p.initialise(codebook)
	}
	if err != nil {
		if p != nil {
			p.Close()
		}
		removeFiles(path)
		return nil, err
	}
	return p, nil
}

func removeFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

func (p *Project) initialise(codebook []coding.Code) error {
	ctx := context.Background()
	if _, err := p.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	if err := p.migrate(ctx, 0); err != nil {
		return err
	}
	return p.write(ctx, "create project", "", func(tx *sql.Tx) error {
		id := make([]byte, 16)
		if _, err := io.ReadFull(rand.Reader, id); err != nil {
			return err
		}
		now := time.Now().UTC()
		for k, v := range map[string]string{
			"project_id": hex.EncodeToString(id), "created_at": now.Format(time.RFC3339), "code_interviewer": "0",
		} {
			if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES (?, ?)`, k, v); err != nil {
				return err
			}
		}
		for _, c := range codebook {
			if err := insertCode(tx, c, now.UnixNano()); err != nil {
				return err
			}
		}
		return nil
	})
}

// Open opens an existing project file, upgrading its schema if it is older than this build.
// Files that are not turncoder projects, or come from a newer turncoder, are refused before
// anything is written to them.
func Open(path string) (*Project, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	version, err := identify(path)
	if err != nil {
		return nil, err
	}
	// A file we may not write is refused before SQLite, opening it read-only, leaves a -wal and
	// a -shm beside it; the commands that only read use OpenReadOnly.
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return nil, say.Errorf("%s is read-only; copy it somewhere you can write to", path)
		}
		return nil, say.Errorf("cannot open %s: %v", path, errors.Unwrap(err))
	} else {
		f.Close()
	}
	hadWAL := exists(path + "-wal")
	p, err := open(path)
	if err != nil {
		removeEmptyNeighbours(path, hadWAL)
		return nil, err
	}
	if err := p.migrate(context.Background(), version); err != nil {
		p.Close()
		return nil, err
	}
	if err := checkDigestOnce(context.Background(), p.db, path); err != nil {
		p.Close()
		return nil, err
	}
	p.whole = true
	return p, nil
}

// identify reads the application id and schema version with no pragmas applied and nothing
// written, so a file that is not ours, comes from a newer turncoder or is damaged is left byte
// for byte as it was. A read-only connection to a WAL-mode file would create a -wal and a
// -shm beside it that it cannot remove on close; when the file has no -wal it alone holds all
// its data (and no one has it open), so it is read as immutable, which creates nothing. With
// a -wal present the neighbours exist already.
func identify(path string) (version int, err error) {
	// trusted_schema off: nothing of the file's schema runs before checkSchema has compared it
	// with ours; a busy timeout: another window's write in progress is waited for, not taken
	// for a file that is not ours ("database is locked").
	uri := "file:" + escapePath(path) + "?mode=ro&_pragma=trusted_schema(0)&_pragma=busy_timeout(15000)"
	if !exists(path+"-wal") && !exists(path+"-journal") {
		uri += "&immutable=1"
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var app int
	if err := db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return 0, unreadable(path, err)
	}
	if app != ApplicationID {
		return 0, say.Errorf("%s is not a turncoder project file (it is an SQLite database of another application)", path)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return 0, unreadable(path, err)
	}
	if version > SchemaVersion {
		return 0, say.Errorf("%s was made by a newer version of turncoder (schema %d; this one reads up to %d): update turncoder to open it", path, version, SchemaVersion)
	}
	if version < 1 {
		return 0, say.Errorf("%s is not a turncoder project file (it has no turncoder schema)", path)
	}
	// As merge does for a received file: a trigger, view or altered table that turncoder did not
	// make is refused before any statement of ours could set it off (a trigger hidden in a
	// colleague's file deleted every other coder's codings on the first coding).
	if err := checkSchema(context.Background(), db, path, version); err != nil {
		return 0, err
	}
	return version, nil
}

// unreadable is the error for a file SQLite cannot read at all.
func unreadable(path string, err error) error {
	if e := cantWriteBeside(path, err); e != nil {
		return e
	}
	if code := sqliteCode(err) & 0xff; code == sqliteIOErr || code == sqliteFull {
		return say.Errorf("cannot open %s: %v", path, friendly(err))
	}
	if msg := err.Error(); strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") {
		return say.Errorf("%s is damaged or cut short and cannot be read: open a backup or a coder's copy instead", path)
	}
	return say.Errorf("%s is not a turncoder project file (%v)", path, err)
}

func checkHeader(path string) error {
	// Not a regular file (a FIFO, a device): opening it could wait for ever.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return say.Errorf("%s is a folder, not a turncoder project file", path)
		}
		return say.Errorf("%s is not a regular file, so not a turncoder project file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return say.Errorf("there is no project file at %s (make one with: turncoder init %s)", path, path)
		}
		return say.Errorf("cannot open %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	head := make([]byte, 21)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head[:16], []byte("SQLite format 3\x00")) {
		return say.Errorf("%s is not a turncoder project file", path)
	}
	return reservedBytes(path, head)
}

func open(path string) (*Project, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := db.Ping(); err != nil {
		db.Close()
		if e := cantWriteBeside(path, err); e != nil {
			return nil, e
		}
		if f := friendly(err); f != err { // a full disk, a failing disk: what to do, not a code
			return nil, say.Errorf("cannot open %s: %v", path, f)
		}
		return nil, say.Errorf("cannot open %s: %v", path, err)
	}
	return &Project{db: db, path: path, ckpt: newCheckpointer(db), Actor: defaultActor()}, nil
}

// migrate runs the embedded migrations after version, each in its own transaction.
func (p *Project) migrate(ctx context.Context, version int) error {
	for i, name := range migrationFiles() {
		if i < version {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		p.ensureWAL(ctx, p.db)
		tx, err := p.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return say.Errorf("upgrade %s to schema %d: %v", p.path, i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		p.ckpt.written()
	}
	return nil
}

// write runs fn in one immediate transaction and records action in the audit log with it:
// the change and its audit entry land together or not at all.
func (p *Project) write(ctx context.Context, action, detail string, fn func(tx *sql.Tx) error) error {
	if p.readOnly {
		return say.Errorf("the project was opened to be read, not changed")
	}
	p.ensureWAL(ctx, p.db)
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return friendly(err)
	}
	return p.commitAudited(ctx, tx, action, detail, fn)
}

// commitAudited runs fn in tx, records action in the audit log in the same transaction and
// commits it: the change and its audit entry land together or not at all.
func (p *Project) commitAudited(ctx context.Context, tx *sql.Tx, action, detail string, fn func(tx *sql.Tx) error) error {
	if err := fn(tx); err != nil {
		tx.Rollback()
		return friendly(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit(at, actor, action, detail) VALUES (?, ?, ?, ?)`,
		time.Now().UnixNano(), p.Actor, action, detail); err != nil {
		tx.Rollback()
		return friendly(err)
	}
	if err := tx.Commit(); err != nil {
		return friendly(err)
	}
	p.ckpt.written()
	return nil
}

// SQLite result codes (primary, and the extended codes of a write that could not be made).
const (
	sqliteBusy          = 5
	sqliteReadOnly      = 8
	sqliteIOErr         = 10
	sqliteFull          = 13
	sqliteCorrupt       = 11
	sqliteCantOpen      = 14
	sqliteNotADB        = 26
	sqliteReadOnlyDir   = sqliteReadOnly | 6<<8
	sqliteIOErrWrite    = sqliteIOErr | 3<<8
	sqliteIOErrTruncate = sqliteIOErr | 6<<8
	sqliteIOErrShmOpen  = sqliteIOErr | 18<<8
	sqliteIOErrShmSize  = sqliteIOErr | 19<<8
)

// sqliteCode is the (extended) SQLite result code of err, 0 if it has none.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// friendly turns SQLite's terse errors about locks, the file and the disk into sentences a
// researcher can act on: the one place they are translated. Other errors pass unchanged.
//
// A disk that fills up gives SQLITE_FULL (ENOSPC); a write refused for another reason
// (EFBIG past a file size limit, EDQUOT over a quota, EIO) gives SQLITE_IOERR_WRITE. Either
// way SQLite failed before the transaction's commit record was in the -wal, so nothing was
// written. Other I/O errors (a failed fsync, a failed read) promise nothing.
func friendly(err error) error {
	if err == nil {
		return nil
	}
	code, msg := sqliteCode(err), err.Error()
	switch {
	case code&0xff == sqliteBusy, strings.Contains(msg, "database is locked"), strings.Contains(msg, "SQLITE_BUSY"):
		return say.Errorf("the project file is busy in another turncoder window; try again in a moment")
	case code&0xff == sqliteReadOnly, strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"):
		return say.Errorf("the project file is read-only; copy it somewhere you can write to")
	case code&0xff == sqliteFull, strings.Contains(msg, "disk is full"), strings.Contains(msg, "SQLITE_FULL"):
		return say.Errorf("the disk is full; nothing was changed")
	case code == sqliteIOErrWrite, code == sqliteIOErrTruncate, code == sqliteIOErrShmSize, code == sqliteIOErrShmOpen:
		return say.Errorf("the disk is full or cannot be written to; nothing was changed")
	case code&0xff == sqliteCorrupt, code&0xff == sqliteNotADB, strings.Contains(msg, "malformed"):
		return say.Errorf("the project file is damaged, so nothing was changed: open a backup, or ask for the file again")
	case code&0xff == sqliteIOErr:
		return say.Errorf("the disk failed while turncoder read or wrote the project file; check the disk, then open the project again")
	}
	return err
}

// cantWriteBeside explains SQLite's "unable to open" when the project is in a folder where its
// -wal and -shm cannot be made; nil for any other error.
func cantWriteBeside(path string, err error) error {
	code := sqliteCode(err)
	if (code&0xff != sqliteCantOpen && code != sqliteReadOnlyDir) || folderWritable(path) {
		return nil
	}
	return say.Errorf("%s is on a read-only disk or in a folder you cannot write to, and turncoder keeps a journal beside the project file: copy it somewhere you can write to", path)
}

// folderWritable reports whether files can be made beside path: SQLite keeps a project's
// -wal and -shm there, and cannot even read the project without them.
func folderWritable(path string) bool {
	f, err := os.CreateTemp(filepath.Dir(path), ".turncoder-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// Meta returns a project setting ("" if unset).
func (p *Project) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := p.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// Audit is one entry of the audit log.
type Audit struct {
	At     time.Time
	Actor  string
	Action string
	Detail string
}

// AuditLog returns the audit log, oldest first.
func (p *Project) AuditLog(ctx context.Context) ([]Audit, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT at, actor, action, detail FROM audit ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Audit
	for rows.Next() {
		var a Audit
		var at int64
		if err := rows.Scan(&at, &a.Actor, &a.Action, &a.Detail); err != nil {
			return nil, err
		}
		a.At = time.Unix(0, at).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// OpenReadOnly opens a project to read it and nothing else, for the commands that only show or
// export: the file and its folder are left exactly as they were. A file kept in SQLite's older
// rollback-journal mode stays in it (Open would turn it into a WAL file), and a file with no
// -wal beside it (closed cleanly, or read-only, or in a read-only folder) is read as immutable,
// which makes no -wal or -shm beside it. A file of an older schema needs its upgrade, which is
// a write: it is opened as Open does.
func OpenReadOnly(path string) (*Project, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	version, err := identify(path)
	if err != nil {
		return nil, err
	}
	if version < SchemaVersion {
		return Open(path)
	}
	uri := "file:" + escapePath(path) + "?mode=ro&_pragma=foreign_keys(1)&_pragma=busy_timeout(15000)" +
		"&_pragma=cache_size(" + cacheSize + ")&_pragma=trusted_schema(0)"
	if !exists(path+"-wal") && !exists(path+"-journal") {
		uri += "&immutable=1"
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, unreadable(path, err)
	}
	if err := checkDigestOnce(context.Background(), db, path); err != nil {
		db.Close()
		return nil, err
	}
	return &Project{db: db, path: path, ckpt: newCheckpointer(db), Actor: defaultActor(), readOnly: true}, nil
}

// exists reports whether something is at path (a dangling link counts).
func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// reservedBytes refuses a file whose header reserves bytes at the end of each page (byte 20):
// SQLite extensions such as encryption use them, turncoder never does, and a header that claims
// them over pages that do not have them makes every page read as malformed.
func reservedBytes(path string, header []byte) error {
	if len(header) > 20 && header[20] != 0 {
		return damagedFile(path, errors.New("its header reserves space in every page, which turncoder never does"))
	}
	return nil
}

// removeEmptyNeighbours takes away the -wal and -shm that a failed open made (on a full disk
// SQLite makes them and then cannot use them), so that the file is left as it was and the
// commands that only read still read it. Only an empty -wal that was not there before goes:
// nothing of anyone's work is in it.
func removeEmptyNeighbours(path string, hadWAL bool) {
	if hadWAL {
		return
	}
	if st, err := os.Lstat(path + "-wal"); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
	}
}
