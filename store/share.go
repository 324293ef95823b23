package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Sharing a project: the lead makes one copy per coder (CopyFor, Copies), each coder codes in
// their own copy, apart and often offline, and sends it back; the lead merges the copies into
// the master (PlanMerge, Merge in merge.go). A copy holds everything of the project (documents,
// sections, turns, notes, speakers and aliases, the codebook, settings) and the same project
// id, but of the codings, reviewed marks and memos only its own coder's, and no audit log (the
// master's names other coders' decisions). A meta key binds it to its coder.

// boundCoderKey is the meta key naming the coder a copy belongs to.
const boundCoderKey = "bound_coder"

// BoundCoder is the coder this file is a copy for, "" for a master (or a backup of one). The
// GUI opens a bound copy as that coder, in blind mode, and offers no other coder.
func (p *Project) BoundCoder(ctx context.Context) (string, error) {
	return p.Meta(ctx, boundCoderKey)
}

// CopyName is the file name of coder's copy of the project at project:
// "<project name>-<coder>.turncoder", with characters that file systems refuse in names
// replaced by "_". Copies puts copies in a folder under these names.
func CopyName(project, coder string) string {
	base := strings.TrimSuffix(filepath.Base(project), filepath.Ext(project))
	return base + "-" + fileNamePart(coder) + Extension
}

// fileNamePart is a coder's name as it goes into a file name: characters that file systems
// refuse replaced by "_".
func fileNamePart(coder string) string {
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, coding.NormalizeLabel(coder))
	name = strings.Trim(name, ". ")
	if name == "" {
		name = "_"
	}
	return name
}

// CopyFor writes coder's copy of the project to out, which must not exist yet. The coder is
// added to the project if it lacks them. The copy is made from one snapshot of the project
// (another window may be coding in it meanwhile), in a temporary file beside out that is
// renamed into place when complete: a failure leaves no file behind.
func (p *Project) CopyFor(ctx context.Context, coder, out string) error {
	return p.makeCopies(ctx, []string{coder}, []string{out})
}

// Copies writes one copy per coder into the folder dir (made if missing), each named by
// CopyName, and returns their paths in the order of coders. Either every copy is written or
// none is.
func (p *Project) Copies(ctx context.Context, coders []string, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, say.Errorf("cannot make the folder %s: %v", dir, errors.Unwrap(err))
	}
	outs := make([]string, len(coders))
	for i, c := range coders {
		outs[i] = filepath.Join(dir, CopyName(p.path, c))
	}
	if err := p.makeCopies(ctx, coders, outs); err != nil {
		return nil, err
	}
	return outs, nil
}

func (p *Project) makeCopies(ctx context.Context, coders, outs []string) error {
	if len(coders) == 0 {
		return say.Errorf("name at least one coder to make a copy for")
	}
	bound, err := p.BoundCoder(ctx)
	if err != nil {
		return err
	}
	names := make([]string, len(coders))
	seenName, seenOut := map[string]bool{}, map[string]bool{}
	for i, c := range coders {
		names[i] = coding.NormalizeLabel(c)
		switch {
		case names[i] == "":
			return say.Errorf("a coder needs a name")
		case seenName[names[i]]:
			return say.Errorf("coder %q is named twice", names[i])
		case bound != "" && names[i] != bound:
			return say.Errorf("%s is %s's copy; make copies for other coders from the master project", p.path, bound)
		}
		seenName[names[i]] = true
		abs, _ := filepath.Abs(outs[i])
		if seenOut[abs] {
			return say.Errorf("two copies would be written to %s", outs[i])
		}
		seenOut[abs] = true
		if err := p.checkTarget(outs[i], false); err != nil {
			return err
		}
	}
	var missing []string
	for _, n := range names {
		if _, err := coderID(ctx, p.db, n); err != nil {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		err := p.write(ctx, "add coder", strings.Join(missing, ", ")+" (for a copy)", func(tx *sql.Tx) error {
			for _, n := range missing {
				if _, err := tx.ExecContext(ctx, `INSERT INTO coders(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING`,
					n, time.Now().UnixNano()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var tmps []string
	defer func() {
		for _, t := range tmps {
			removeFiles(t)
		}
	}()
	for i, n := range names {
		tmp, err := p.snapshot(ctx, outs[i])
		if err != nil {
			return err
		}
		tmps = append(tmps, tmp)
		if err := p.stripCopy(ctx, tmp, n); err != nil {
			return say.Errorf("cannot write %s: %v", outs[i], err)
		}
	}
	var details []string
	for i, n := range names {
		if err := placeFile(tmps[i], outs[i]); err != nil {
			return err
		}
		details = append(details, fmt.Sprintf("%s to %s", n, outs[i]))
	}
	return p.write(ctx, "copy", "for "+strings.Join(details, "; "), func(*sql.Tx) error { return nil })
}

// stripCopy turns the snapshot tmp into coder's copy: it deletes the other coders with their
// codings, reviewed marks and memos, and the audit log, binds the file to coder, and rebuilds
// it (secure_delete, then VACUUM) so that no deleted row survives in a free page.
func (p *Project) stripCopy(ctx context.Context, tmp, coder string) error {
	db, err := sql.Open("sqlite", "file:"+escapePath(tmp)+
		"?_pragma=foreign_keys(1)&_pragma=secure_delete(1)&_pragma=synchronous(FULL)&_pragma=trusted_schema(0)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return friendly(err)
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM coders WHERE name = ?`, coder).Scan(&id); err != nil {
		return say.Errorf("coder %q is not in the snapshot: %v", coder, err)
	}
	err = withoutDigestTriggers(ctx, tx, func() error {
		for _, q := range []string{
			`DELETE FROM codings WHERE coder_id <> ?1`,
			`DELETE FROM reviews WHERE coder_id <> ?1`,
			`DELETE FROM memos WHERE coder_id <> ?1`,
			`DELETE FROM coders WHERE id <> ?1`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit`); err != nil {
		return err
	}
	// The team folder is a place on the lead's machine, and what the lead merged from it is the
	// lead's record: neither belongs in a coder's copy.
	if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key IN (?, ?)`, teamFolderKey, teamSeenKey); err != nil {
		return err
	}
	now := time.Now()
	for k, v := range map[string]string{
		boundCoderKey: coder,
		"copied_at":   now.UTC().Format(time.RFC3339),
		"copied_from": filepath.Base(p.path),
	} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit(at, actor, action, detail) VALUES (?, ?, ?, ?)`,
		now.UnixNano(), p.Actor, "copy", fmt.Sprintf("copy for %s made from %s", coder, filepath.Base(p.path))); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return friendly(err)
	}
	if _, err := db.ExecContext(ctx, `VACUUM`); err != nil {
		return friendly(err)
	}
	return db.Close()
}
