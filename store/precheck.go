package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// precheck refuses a file that is not a turncoder project, comes from a newer turncoder, or is
// damaged, and leaves nothing beside it. identify's read-only connection makes SQLite create
// a -wal and a -shm next to a WAL-mode file, and cannot remove them on close, so a refused
// file would get two new neighbours. When the file has no -wal, it alone holds all its data
// (and no one has it open), so it can be read as immutable, which creates nothing. With a
// -wal present the neighbours exist already, and identify does the checking.
func precheck(path string) error {
	if _, err := os.Lstat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&immutable=1")
	if err != nil {
		return nil // identify will say what is wrong
	}
	defer db.Close()
	var app, version int
	if err := db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return unreadable(path, err)
	}
	if app != ApplicationID {
		return fmt.Errorf("%s is not a turncoder project file (it is an SQLite database of another application)", path)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return unreadable(path, err)
	}
	if version > SchemaVersion {
		return fmt.Errorf("%s was made by a newer version of turncoder (schema %d; this one reads up to %d): update turncoder to open it", path, version, SchemaVersion)
	}
	return nil
}

// unreadable is the error for a file SQLite cannot read at all.
func unreadable(path string, err error) error {
	if msg := err.Error(); strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") {
		return fmt.Errorf("%s is damaged or cut short and cannot be read (%s); open a backup or a coder's copy instead", path, strings.Join(strings.Fields(msg), " "))
	}
	return fmt.Errorf("%s is not a turncoder project file (%v)", path, err)
}
