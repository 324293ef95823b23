package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// A team folder is a folder that a sync service the team already uses keeps on every coder's
// machine (Syncthing, Dropbox, OneDrive, Nextcloud, a network share). The live project never
// lives there: a service uploading a database while it is written, or two machines changing
// it, loses work. Instead each coder's app writes a snapshot of the coder's copy into the
// folder (TeamPublish: written under a temporary name, synced, renamed), and the lead's app
// finds the snapshots that are new since it last merged them (TeamInbox), merges them after
// its preview and remembers them (TeamMerged). A snapshot the service has so far copied only
// in part fails the checks of a received file: it is refused in one sentence and left to be
// picked up again once whole.

const (
	teamFolderKey = "team_folder" // meta: the team folder on this machine
	teamSeenKey   = "team_merged" // meta: JSON, snapshot name -> SHA-256 of the file merged
)

// TeamFolder is the project's team folder on this machine, "" when none is set.
func (p *Project) TeamFolder(ctx context.Context) (string, error) {
	return p.Meta(ctx, teamFolderKey)
}

// SetTeamFolder makes dir the project's team folder ("" sets none). dir must be a folder, and
// the project must not be inside it.
func (p *Project) SetTeamFolder(ctx context.Context, dir string) error {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			return say.Errorf("%s is not a folder", dir)
		}
		if inside(p.path, abs) {
			return say.Errorf("%s is inside %s: the live project must not be in the folder a sync service keeps; move it out, then set the team folder", filepath.Base(p.path), dir)
		}
		dir = abs
	}
	return p.write(ctx, "team folder", dir, func(tx *sql.Tx) error {
		if dir == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, teamFolderKey)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, teamFolderKey, dir)
		return err
	})
}

// inside tells whether path is in folder dir (or below it).
func inside(path, dir string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	rel, err := filepath.Rel(dir, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// TeamSnapshotName is the name of coder's snapshot in the team folder:
// "<project>-<coder>.turncoder", replaced by each new snapshot.
func TeamSnapshotName(project, coder string) string {
	base := strings.TrimSuffix(filepath.Base(project), filepath.Ext(project))
	who := fileNamePart(coder)
	return strings.TrimSuffix(base, "-"+who) + "-" + who + Extension
}

// TeamPublish writes a snapshot of coder's work (this project, whole) into the team folder
// under TeamSnapshotName, by the one atomic write, and says what it holds.
func (p *Project) TeamPublish(ctx context.Context, coder string) (string, coding.WorkSummary, error) {
	dir, err := p.TeamFolder(ctx)
	if err != nil {
		return "", coding.WorkSummary{}, err
	}
	if dir == "" {
		return "", coding.WorkSummary{}, say.Errorf("this project has no team folder (Project → Team folder…, or turncoder team --folder DIR)")
	}
	if ok, err := p.hasCoder(ctx, coder); err != nil || !ok {
		return "", coding.WorkSummary{}, say.Errorf("there is no coder %q in %s", coder, filepath.Base(p.path))
	}
	out := filepath.Join(dir, TeamSnapshotName(p.path, coder))
	if err := p.checkTarget(out, true); err != nil {
		return "", coding.WorkSummary{}, err
	}
	tmp, err := p.snapshot(ctx, out)
	if err != nil {
		return "", coding.WorkSummary{}, err
	}
	defer os.Remove(tmp)
	w, err := summaryOfFile(ctx, tmp, coder)
	if err != nil {
		return "", w, err
	}
	return out, w, placeFile(tmp, out)
}

// TeamFile is a snapshot in the team folder that the project has not merged as it is now.
type TeamFile struct {
	Path    string
	Refused error // why it cannot be merged now (a partial copy, another project's file...)
	hash    string
}

// TeamInbox lists the snapshots in the team folder that are new or changed since they were
// last merged, each checked as a received file (a refused one says why; it is offered again
// at the next look). The project's own snapshot and files in the middle of being written are
// left out.
func (p *Project) TeamInbox(ctx context.Context) ([]TeamFile, error) {
	dir, err := p.TeamFolder(ctx)
	if err != nil || dir == "" {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, say.Errorf("cannot read the team folder %s: %v", dir, errors.Unwrap(err))
	}
	seen, err := p.teamSeen(ctx)
	if err != nil {
		return nil, err
	}
	projectID, err := p.Meta(ctx, "project_id")
	if err != nil {
		return nil, err
	}
	var out []TeamFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), Extension) || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		if same, _ := sameFile(path, p.path); same {
			continue
		}
		hash, err := fileHash(path)
		if err != nil {
			out = append(out, TeamFile{Path: path, Refused: say.Errorf("cannot read %s: %v", path, err)})
			continue
		}
		if seen[name] == hash {
			continue
		}
		f := TeamFile{Path: path, hash: hash}
		sf, err := openShared(ctx, path)
		switch {
		case err != nil:
			f.Refused = err
		case sf.projectID != projectID:
			f.Refused = say.Errorf("%s is a copy of a different project", path)
		}
		sf.close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// SplitTeamFiles separates the inbox into the paths that can be merged now and the reasons the
// others cannot.
func SplitTeamFiles(files []TeamFile) (paths []string, refused []error) {
	for _, f := range files {
		if f.Refused != nil {
			refused = append(refused, f.Refused)
		} else {
			paths = append(paths, f.Path)
		}
	}
	return paths, refused
}

// TeamMerged remembers files (from TeamInbox) as merged as they are now: TeamInbox leaves them
// out until they change.
func (p *Project) TeamMerged(ctx context.Context, files []TeamFile) error {
	seen, err := p.teamSeen(ctx)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.Refused == nil && f.hash != "" {
			seen[filepath.Base(f.Path)] = f.hash
		}
	}
	data, _ := json.Marshal(seen)
	return p.write(ctx, "team merged", fmt.Sprintf("%d files", len(files)), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, teamSeenKey, string(data))
		return err
	})
}

func (p *Project) teamSeen(ctx context.Context) (map[string]string, error) {
	seen := map[string]string{}
	v, err := p.Meta(ctx, teamSeenKey)
	if err != nil || v == "" {
		return seen, err
	}
	if err := json.Unmarshal([]byte(v), &seen); err != nil {
		return map[string]string{}, nil // forget a record that cannot be read: merging again is harmless
	}
	return seen, nil
}

func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}
