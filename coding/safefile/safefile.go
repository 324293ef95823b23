// Package safefile is the one way turncoder writes a file for a person: a workbook, CSV files,
// a codebook, a coder copy, a backup. The file is written under a temporary name in its own
// folder, synced to the disk, renamed over the old one and the folder synced, so a power cut
// or a crash after "Exported" leaves the whole new file or the whole old one, never an empty
// or a half-written one (a rename without the syncs can leave an empty file after a power cut
// on ext4, NTFS and APFS alike).
package safefile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write writes path: fill writes the temporary file (in path's folder), and only when it
// succeeds is the file synced and put in place. On any error path is left as it was and the
// temporary file is removed.
func Write(path string, fill func(f *os.File) error) error {
	tmp, err := Temp(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fill(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return Place(tmp.Name(), path)
}

// Temp creates the temporary file that will become path, hidden in path's folder (a rename
// is only atomic within one file system).
func Temp(path string) (*os.File, error) {
	return os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
}

// Place puts the finished temporary file tmp (in out's folder) at out: it is synced, made
// readable as other files are (0644, not CreateTemp's 0600), renamed over out, and the folder
// synced so that the rename itself survives a power cut. The error is the bare cause (the
// callers say which file).
func Place(tmp, out string) error {
	os.Chmod(tmp, 0o644)
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) {
			return le.Err
		}
		return err
	}
	SyncDir(filepath.Dir(out))
	return nil
}

// SyncDir syncs a folder's entries, as far as the file system can (Windows cannot sync a
// folder, and its renames are durable without it): best effort.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
