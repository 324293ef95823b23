package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// SendName is the file name of coder's file sent at: "<project>-<coder>-<yyyymmdd-hhmm>.turncoder",
// the project's name without the coder's suffix a coder copy has ("study-ana" is study).
func SendName(project, coder string, at time.Time) string {
	base := strings.TrimSuffix(filepath.Base(project), filepath.Ext(project))
	who := fileNamePart(coder)
	base = strings.TrimSuffix(base, "-"+who)
	return base + "-" + who + "-" + at.Local().Format("20060102-1504") + Extension
}

// Send writes the file a coder sends: a consistent snapshot of the project (every change
// committed when it starts, none after), into dir under SendName, by the one atomic write. It
// tells what the written file holds of coder's work, read from that file. A file of that name
// sent earlier in the same minute is replaced.
func (p *Project) Send(ctx context.Context, dir, coder string, at time.Time) (path string, w coding.WorkSummary, err error) {
	if coder == "" {
		return "", w, say.Errorf("say whose file this is: no coder given")
	}
	if ok, err := p.hasCoder(ctx, coder); err != nil {
		return "", w, err
	} else if !ok {
		return "", w, say.Errorf("there is no coder %q in %s", coder, filepath.Base(p.path))
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", w, say.Errorf("cannot write into %s: it is not a folder", dir)
	}
	path = filepath.Join(dir, SendName(p.path, coder, at))
	if err := p.checkTarget(path, true); err != nil {
		return "", w, err
	}
	tmp, err := p.snapshot(ctx, path)
	if err != nil {
		return "", w, err
	}
	defer os.Remove(tmp)
	if w, err = summaryOfFile(ctx, tmp, coder); err != nil {
		return "", w, say.Errorf("cannot read back %s: %v", path, err)
	}
	if err := placeFile(tmp, path); err != nil {
		return "", w, err
	}
	return path, w, nil
}

func (p *Project) hasCoder(ctx context.Context, coder string) (bool, error) {
	var n int
	err := p.db.QueryRowContext(ctx, `SELECT count(*) FROM coders WHERE name = ?`, coder).Scan(&n)
	return n > 0, err
}

// WorkOf is what the project holds of coder's work.
func (p *Project) WorkOf(ctx context.Context, coder string) (coding.WorkSummary, error) {
	return workSummary(ctx, p.db, coder)
}

// summaryOfFile reads coder's work from a project file that no one writes (a snapshot).
func summaryOfFile(ctx context.Context, path, coder string) (coding.WorkSummary, error) {
	db, err := openFrozen(path)
	if err != nil {
		return coding.WorkSummary{}, err
	}
	defer db.Close()
	return workSummary(ctx, db, coder)
}

// openFrozen opens a project file that no one writes (a snapshot, a checked copy) to be read:
// read-only and immutable, so nothing is written or locked, with trusted_schema off.
func openFrozen(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&immutable=1&_pragma=trusted_schema(0)")
}

// workSummary counts coder's live codings, reviewed turns, the documents they are on and the
// last change.
func workSummary(ctx context.Context, q queryer, coder string) (coding.WorkSummary, error) {
	w := coding.WorkSummary{Coder: coder}
	var last sql.NullInt64
	const query = `WITH k AS (SELECT id FROM coders WHERE name = ?1),
		c AS (SELECT turn_id, changed_at FROM codings WHERE coder_id IN (SELECT id FROM k) AND removed = 0),
		r AS (SELECT turn_id, changed_at FROM reviews WHERE coder_id IN (SELECT id FROM k) AND reviewed = 1)
		SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM r),
		(SELECT count(DISTINCT t.document_id) FROM turns t WHERE t.id IN (SELECT turn_id FROM c UNION SELECT turn_id FROM r)),
		(SELECT max(m) FROM (
			SELECT max(changed_at) AS m FROM codings WHERE coder_id IN (SELECT id FROM k)
			UNION ALL SELECT max(changed_at) FROM reviews WHERE coder_id IN (SELECT id FROM k)
			UNION ALL SELECT max(changed_at) FROM memos WHERE coder_id IN (SELECT id FROM k)))`
	if err := q.QueryRowContext(ctx, query, coder).Scan(&w.Codings, &w.Reviewed, &w.Documents, &last); err != nil {
		return w, err
	}
	if last.Valid {
		w.Last = time.Unix(0, last.Int64)
	}
	return w, nil
}
