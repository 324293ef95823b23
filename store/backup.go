package store

import (
	"context"
	"errors"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/turncoder/turncoder/coding/say"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the project to out while it may be in use (another
// window coding in it): VACUUM INTO reads one snapshot, so every committed change up to the
// moment it starts is in the copy and none after. The copy is written to a temporary file
// beside out, synced to disk and renamed into place: a failure leaves out as it was. out may
// replace an earlier backup (a turncoder project file), never anything else, and never the
// project itself.
func (p *Project) Backup(ctx context.Context, out string) error {
	if err := p.checkTarget(out, true); err != nil {
		return err
	}
	tmp, err := p.snapshot(ctx, out)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	return placeFile(tmp, out)
}

// checkTarget refuses to write over the project itself, over a folder, or over a file that is
// not a turncoder project (over any existing file unless replace).
func (p *Project) checkTarget(out string, replace bool) error {
	if out == "" {
		return say.Errorf("no output file given")
	}
	st, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Dir(out)); err != nil {
			return say.Errorf("cannot write %s: there is no folder %s", out, filepath.Dir(out))
		}
		return nil
	}
	if err != nil {
		return say.Errorf("cannot write %s: %v", out, errors.Unwrap(err))
	}
	if st.IsDir() {
		return say.Errorf("%s is a folder; give a file name", out)
	}
	if mine, err := os.Stat(p.path); err == nil && os.SameFile(st, mine) {
		return say.Errorf("%s is the project itself; choose another file", out)
	}
	if !replace {
		return say.Errorf("%s already exists; turncoder will not overwrite it", out)
	}
	if err := checkHeader(out); err != nil {
		return say.Errorf("%s already exists and is not a turncoder project; turncoder will not overwrite it", out)
	}
	if _, err := identify(out); err != nil {
		return say.Errorf("%s already exists and is not a turncoder project of this version; turncoder will not overwrite it", out)
	}
	return nil
}

// snapshot writes VACUUM INTO a new temporary file in out's folder (so the final rename stays
// on one file system) and returns its name. The file is compact, in rollback-journal mode and
// holds no -wal of its own: one file, complete, ready to be sent.
func (p *Project) snapshot(ctx context.Context, out string) (string, error) {
	f, err := safefile.Temp(out)
	if err != nil {
		return "", say.Errorf("cannot write %s: %v", out, errors.Unwrap(err))
	}
	tmp := f.Name()
	f.Close() // VACUUM INTO writes into an empty existing file
	if _, err := p.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		removeFiles(tmp)
		if ctx.Err() != nil {
			return "", say.Errorf("copy to %s cancelled; nothing was written", out)
		}
		return "", say.Errorf("cannot write %s: %v", out, friendly(err))
	}
	return tmp, nil
}

// placeFile syncs tmp to disk, renames it to out and syncs the folder, so that out is either
// its old self or the complete new file, also after a crash.
func placeFile(tmp, out string) error {
	if err := safefile.Place(tmp, out); err != nil {
		return say.Errorf("cannot write %s: %v", out, err)
	}
	return nil
}
