// Package safefile is the one way turncoder writes a file for a person: a workbook, CSV files,
// a codebook, a coder copy, a backup. The file is written under a temporary name in its own
// folder, synced to the disk, renamed over the old one and the folder synced, so a power cut
// or a crash after "Exported" leaves the whole new file or the whole old one, never an empty
// or a half-written one (a rename without the syncs can leave an empty file after a power cut
// on ext4, NTFS and APFS alike).
package safefile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/turncoder/turncoder/coding/say"
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

// WriteChecked writes path as Write does, after CheckReplace has made sure it replaces no
// file of another kind than kind, nor the project (protect): the one way an export writes.
// Its errors are a sentence each that names the file or its folder.
func WriteChecked(path string, kind Kind, protect string, fill func(f *os.File) error) error {
	if err := CheckReplace(path, kind, protect); err != nil {
		return err
	}
	opened, filled := false, false
	err := Write(path, func(f *os.File) error {
		opened = true
		if err := fill(f); err != nil {
			return err
		}
		filled = true
		return nil
	})
	switch {
	case err == nil:
		return nil
	case !opened:
		return say.Errorf("cannot write in the folder %s: %v", filepath.Dir(path), pathErr(err))
	case !filled:
		return err
	}
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return say.Errorf("cannot write %s: it is a folder", path)
	}
	return say.Errorf("cannot write %s: %v", path, err)
}

// pathErr drops the operation and path from an *os.PathError, for a sentence that names the
// file itself.
func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Temp creates the temporary file that will become path, hidden in path's folder (a rename
// is only atomic within one file system): ".<name>.<digits>.tmp". Temporary files of ours in
// that folder older than StaleTemp are removed first: a process killed while writing (kill -9,
// a power cut) leaves its one behind, and no one else would ever remove it.
func Temp(path string) (*os.File, error) {
	SweepTemps(filepath.Dir(path), time.Now().Add(-StaleTemp))
	return os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
}

// StaleTemp is the age past which a temporary file of ours is a leftover: no write of a
// person's file takes this long (the largest workbook takes about a minute).
const StaleTemp = 6 * time.Hour

// tempName matches the temporary files Temp makes (CreateTemp's random part is digits), and
// those of earlier versions (".turncoder-<digits>.tmp").
var tempName = regexp.MustCompile(`^\..+[.-][0-9]+\.tmp$`)

// SweepTemps removes, in dir, the temporary files of ours last changed before before (best
// effort: a file it cannot remove stays).
func SweepTemps(dir string, before time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !tempName.MatchString(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(before) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// newFileMode is the mode a new file gets here, for a document a person will share: 0666 less
// the user's umask (0644 under the usual 022), found once by making a file as any program
// would. CreateTemp makes 0600 files, which other users (a shared drive's group) cannot read.
var newFileMode = sync.OnceValue(func() os.FileMode {
	f, err := os.CreateTemp("", ".turncoder-mode-probe-*")
	if err != nil {
		return 0o644
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	g, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return 0o644
	}
	defer os.Remove(name)
	defer g.Close()
	st, err := g.Stat()
	if err != nil {
		return 0o644
	}
	return st.Mode().Perm()
})

// Place puts the finished temporary file tmp (in out's folder) at out: it is synced, given the
// mode any new file of the user's gets (the umask's, not CreateTemp's 0600), renamed over out,
// and the folder synced so that the rename itself survives a power cut. The error is the bare
// cause (the callers say which file).
func Place(tmp, out string) error {
	os.Chmod(tmp, newFileMode())
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

// Kind is what a file turncoder writes for a person is. An existing file is replaced only by a
// file of its kind: an export never overwrites a project, a document or anything else that
// happens to bear the name given.
type Kind int

const (
	CSV      Kind = iota // comma-separated text: codings, matrices, a codebook as CSV
	Workbook             // an .xlsx workbook (a zip)
	Codebook             // a REFI-QDA codebook (.qdc, XML)
	Exchange             // a REFI-QDA project exchange file (.qdpx, a zip)
	Chart                // an SVG picture (.svg, XML): an analysis's chart
	Picture              // a PNG picture (.png): an analysis's chart as the window draws it
)

func (k Kind) String() string {
	return [...]string{"CSV file", "Excel workbook", "REFI-QDA codebook", "REFI-QDA project", "SVG picture", "PNG picture"}[k]
}

// kindNames are each kind's name (String) as a sentence of say, and the name with its
// article, "a CSV file", "an Excel workbook": put into a sentence as a value, they are
// translated with it (say.In translates the sentences among a sentence's values).
var kindNames = [...][2]error{
	CSV:      {say.Errorf("CSV file"), say.Errorf("a CSV file")},
	Workbook: {say.Errorf("Excel workbook"), say.Errorf("an Excel workbook")},
	Codebook: {say.Errorf("REFI-QDA codebook"), say.Errorf("a REFI-QDA codebook")},
	Exchange: {say.Errorf("REFI-QDA project"), say.Errorf("a REFI-QDA project")},
	Chart:    {say.Errorf("SVG picture"), say.Errorf("an SVG picture")},
	Picture:  {say.Errorf("PNG picture"), say.Errorf("a PNG picture")},
}

func (k Kind) name() error  { return kindNames[k][0] }
func (k Kind) aName() error { return kindNames[k][1] }

// CheckReplace says in one sentence why out must not be written: it is one of protect (the
// project, whose -wal, -shm and -journal are protected with it), a folder, a turncoder project
// or other SQLite database, or an existing file that is not of kind. nil when out may be
// written (it does not exist, or is a file of kind that the command replaces).
func CheckReplace(out string, kind Kind, protect ...string) error {
	st, err := os.Stat(out)
	for _, p := range protect {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			ps, perr := os.Stat(p + suffix)
			same := perr == nil && err == nil && os.SameFile(st, ps)
			if !same && filepath.Clean(out) != filepath.Clean(p)+suffix { // by name too: a -wal that is not there yet
				continue
			}
			if suffix == "" {
				return say.Errorf("%s is the project itself; choose another file name for the %v", out, kind.name())
			}
			return say.Errorf("%s is the project's %s file, which SQLite reads with it; choose another file name for the %v", out, suffix[1:], kind.name())
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return say.Errorf("cannot write %s: %v", out, errors.Unwrap(err))
	}
	if st.IsDir() {
		return say.Errorf("%s is a folder; give a file name for the %v", out, kind.name())
	}
	if !st.Mode().IsRegular() {
		return say.Errorf("%s is not a regular file; turncoder will not write over it", out)
	}
	head := make([]byte, 512)
	f, err := os.Open(out)
	if err != nil {
		return say.Errorf("cannot write %s: %v", out, errors.Unwrap(err))
	}
	n, _ := io.ReadFull(f, head)
	f.Close()
	head = head[:n]
	notKind := say.Errorf("%s already exists and is not %v; turncoder will not overwrite it (choose another name, or move it away)", out, kind.aName())
	switch {
	case n == 0:
		return nil // an empty file holds nothing to lose
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return say.Errorf("%s already exists and is a database (a turncoder project?); turncoder will not overwrite it with the %v", out, kind.name())
	}
	zip := bytes.HasPrefix(head, []byte("PK\x03\x04"))
	text := !bytes.ContainsRune(head, 0)
	ext := strings.ToLower(filepath.Ext(out))
	switch kind {
	case Workbook:
		if zip && (ext == ".xlsx" || ext == ".xlsm") {
			return nil
		}
	case CSV:
		if text && !zip && (ext == ".csv" || ext == ".tsv" || ext == ".txt") {
			return nil
		}
	case Exchange:
		if zip && ext == ".qdpx" {
			return nil
		}
	case Picture:
		if bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")) && ext == ".png" {
			return nil
		}
	case Codebook, Chart:
		trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
		want := ".qdc"
		if kind == Chart {
			want = ".svg"
		}
		if text && ext == want && bytes.HasPrefix(trimmed, []byte("<")) {
			return nil
		}
	}
	return notKind
}
