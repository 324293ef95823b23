package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Merging coders' copies into the master.
//
// What matches what:
//   - documents and turns by id (content hashes), never by title. A document the master lacks
//     is added with its sections, notes and turns; a speaker label of it maps to the master's
//     speaker of that label or alias, or becomes a new speaker (with its aliases). A turn of a
//     known document whose text differs under the same id (or that the master's document does
//     not have) is a conflict: reported, and nothing is written for it.
//   - codes by id; coders by (normalised) name, a coder the master lacks is added.
//   - a copy bound to a coder (CopyFor) contributes that coder's codings, reviewed marks and
//     memos only; a file bound to no coder (a master, a backup) contributes every coder's.
//
// Every row type is last-writer-wins under one total order of its values, the greater wins:
//   - codings, per (coder, turn, code): (changed_at, removed): at equal times the tombstone wins;
//   - reviewed marks, per (coder, turn): (changed_at, not reviewed): at equal times "not
//     reviewed" wins, as removal does for codings;
//   - memos, per (coder, turn): (changed_at, text), texts compared byte-wise;
//   - codes, per id: (changed_at, removed, name, name_zh, definition, inclusion, exclusion,
//     example, colour, shortcut, parent_id, position).
// Because each row ends as the greatest of the values any file holds for it, merging is
// commutative, associative and idempotent: files merged in any order or grouping, or twice,
// give the same tables (TestMergeIsOrderIndependent checks it on random edit histories).
//
// A merge reads every file through the checks of untrusted.go first (a file that fails them
// fails the merge before anything is written), then applies all files in one immediate
// transaction with one audit entry per file: it lands whole or not at all. PlanMerge runs the
// same transaction and rolls it back, so its report is exactly what Merge would do now.

// MergeReport says what a merge does (PlanMerge) or did (Merge).
type MergeReport struct {
	Applied bool           `json:"applied"` // false for a plan: nothing was written
	Sources []SourceReport `json:"sources"` // one per file, in the order given
	// Coders is the effect on the master per coder, by name.
	Coders       []CoderChanges  `json:"coders"`
	Documents    []DocumentAdded `json:"documents"`
	Speakers     []string        `json:"speakers"`      // speakers the added documents brought
	CodesAdded   []CodeChange    `json:"codes_added"`   // codes the master did not have
	CodesChanged []CodeChange    `json:"codes_changed"` // codes edited, renamed, removed or restored (last writer wins)
	Conflicts    []Conflict      `json:"conflicts"`
}

// SourceReport is one file's part in a merge.
type SourceReport struct {
	Path       string `json:"path"`
	BoundCoder string `json:"bound_coder"` // the coder the file is a copy for; "" if it is bound to none
	// EveryCoder names, for a file bound to no coder (merged with --all-coders), the coders
	// whose work it may change.
	EveryCoder []string `json:"every_coder,omitempty"`
	// Rows of the master this file writes (new, or replacing older ones) when merged after
	// the files before it.
	Codings     int `json:"codings"`
	Reviews     int `json:"reviews"`
	Memos       int `json:"memos"`
	Documents   int `json:"documents"`    // documents it adds
	CodeChanges int `json:"code_changes"` // codes it adds or changes
	Conflicts   int `json:"conflicts"`
	Skipped     int `json:"skipped"` // codings, reviewed marks and memos not merged because of a conflict
	Ignored     int `json:"ignored"` // rows of other coders in a copy bound to one: never merged
	// Stale names the coders of whom the file holds less than the project already has (fewer
	// codings, or an older last change): perhaps not the file the coder meant to send.
	Stale []StaleWork `json:"stale"`
}

// EveryCoderNote is, for a file bound to no coder that holds coders, the sentence that says
// whose work merging it may change; "" otherwise. The command line prints it, the merge window
// shows it above its tables.
func (s SourceReport) EveryCoderNote() string {
	if why := s.EveryCoderWhy(); why != nil {
		return why.Error()
	}
	return ""
}

// EveryCoderWhy is EveryCoderNote as a sentence of say (package coding/say), which the window
// says in its language; nil when there is nothing to say.
func (s SourceReport) EveryCoderWhy() error {
	if s.BoundCoder != "" || len(s.EveryCoder) == 0 {
		return nil
	}
	return say.Errorf("%s is not a coder's copy: merging it may change the work of every coder in it (%v)", filepath.Base(s.Path), sayList(sayNames(s.EveryCoder), 12))
}

// sayNames are names as values of a sentence of say (sayList).
func sayNames(list []string) []any {
	out := make([]any, len(list))
	for i, n := range list {
		out[i] = n
	}
	return out
}

// StaleWork is a coder's work in a received file set against what the project already had from
// that coder before the merge, with the sentence that says what looks wrong.
type StaleWork struct {
	Coder          string    `json:"coder"`
	FileCodings    int       `json:"file_codings"`
	FileLast       time.Time `json:"file_last"`
	ProjectCodings int       `json:"project_codings"`
	ProjectLast    time.Time `json:"project_last"`
	Note           string    `json:"note"`
	why            error     // Note as a sentence of say
}

// Why is the Note as a sentence of say (package coding/say), which the window says in its
// language.
func (w StaleWork) Why() error {
	if w.why != nil && w.why.Error() == w.Note {
		return w.why
	}
	return errors.New(w.Note)
}

// CoderChanges is the effect of a merge on one coder's rows of the master. New counts rows
// the master did not have (tombstones of codes applied then removed in a copy included);
// Changed counts replacements of rows it had (a row replaced by two files of one merge counts
// twice).
type CoderChanges struct {
	Coder          string `json:"coder"`
	New            bool   `json:"new"` // the coder was not in the master
	NewCodings     int    `json:"new_codings"`
	ChangedCodings int    `json:"changed_codings"`
	NewReviews     int    `json:"new_reviews"` // reviewed marks
	ChangedReviews int    `json:"changed_reviews"`
	NewMemos       int    `json:"new_memos"`
	ChangedMemos   int    `json:"changed_memos"`
}

// DocumentAdded is a document a merge adds to the master.
type DocumentAdded struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Turns  int    `json:"turns"`
	Source string `json:"source"` // the file it came from
}

// CodeChange is a code a merge adds or changes.
type CodeChange struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Was      string `json:"was"`      // the master's name before, if it had the code and the name changes
	Removed  bool   `json:"removed"`  // the code is removed from the codebook
	Restored bool   `json:"restored"` // a removed code comes back
	Source   string `json:"source"`
}

// What says in words what the change does to the code.
func (c CodeChange) What() string {
	switch {
	case c.Removed:
		return "removed"
	case c.Restored:
		return "restored"
	case c.Was != "":
		return "renamed from " + c.Was
	}
	return "edited"
}

// Conflict is something of a file the merge did not apply because it contradicts the master.
type Conflict struct {
	Source   string `json:"source"`
	Document string `json:"document"` // title
	Turn     int    `json:"turn"`     // number; 0 when the conflict is not about one turn
	TurnID   string `json:"turn_id"`
	Code     string `json:"code"`   // code id, for a codebook conflict
	Reason   string `json:"reason"` // one sentence
	why      error  // Reason as a sentence of say
}

// Why is the conflict's Reason as a sentence of say (package coding/say), which the window
// says in its language.
func (c Conflict) Why() error {
	if c.why != nil && c.why.Error() == c.Reason {
		return c.why
	}
	return errors.New(c.Reason)
}

// because sets the conflict's reason, a sentence of say, and returns the conflict.
func (c Conflict) because(why error) Conflict {
	c.Reason, c.why = why.Error(), why
	return c
}

// Changes reports whether the merge changes (or changed) anything.
func (r MergeReport) Changes() bool {
	for _, s := range r.Sources {
		if s.Codings+s.Reviews+s.Memos+s.Documents+s.CodeChanges > 0 {
			return true
		}
	}
	for _, c := range r.Coders {
		if c.New {
			return true
		}
	}
	return false
}

// String is the report as text, for the command line and the confirmation dialog.
func (r MergeReport) String() string {
	var b strings.Builder
	for _, s := range r.Sources {
		who := "every coder in it"
		if s.BoundCoder != "" {
			who = s.BoundCoder + "'s copy"
		}
		fmt.Fprintf(&b, "%s (%s): %d codings, %d reviewed marks, %d memos", s.Path, who, s.Codings, s.Reviews, s.Memos)
		if s.Documents > 0 {
			fmt.Fprintf(&b, ", %d documents", s.Documents)
		}
		if s.CodeChanges > 0 {
			fmt.Fprintf(&b, ", %d codebook changes", s.CodeChanges)
		}
		if s.Conflicts > 0 {
			fmt.Fprintf(&b, ", %d conflicts (%d rows not merged)", s.Conflicts, s.Skipped)
		}
		if s.Ignored > 0 {
			fmt.Fprintf(&b, ", %d rows of other coders ignored", s.Ignored)
		}
		b.WriteString("\n")
		if note := s.EveryCoderNote(); note != "" {
			fmt.Fprintf(&b, "  check: %s\n", note)
		}
		for _, w := range s.Stale {
			fmt.Fprintf(&b, "  check: %s\n", w.Note)
		}
	}
	if !r.Changes() {
		fmt.Fprintf(&b, "nothing to merge: the project already has everything in %s\n", plural(len(r.Sources), "this file", "these files"))
	}
	for _, c := range r.Coders {
		if c.NewCodings+c.ChangedCodings+c.NewReviews+c.ChangedReviews+c.NewMemos+c.ChangedMemos == 0 && !c.New {
			continue
		}
		name := c.Coder
		if c.New {
			name += " (new coder)"
		}
		fmt.Fprintf(&b, "  %s: codings %d new, %d changed; reviewed marks %d new, %d changed; memos %d new, %d changed\n",
			name, c.NewCodings, c.ChangedCodings, c.NewReviews, c.ChangedReviews, c.NewMemos, c.ChangedMemos)
	}
	for _, d := range r.Documents {
		fmt.Fprintf(&b, "  document added: %s (%d turns)\n", d.Title, d.Turns)
	}
	if len(r.Speakers) > 0 {
		fmt.Fprintf(&b, "  speakers added: %s\n", strings.Join(r.Speakers, ", "))
	}
	for _, c := range r.CodesAdded {
		fmt.Fprintf(&b, "  code added: %s\n", c.Name)
	}
	for _, c := range r.CodesChanged {
		fmt.Fprintf(&b, "  code %s: %s\n", c.Name, c.What())
	}
	const shown = 20
	for i, c := range r.Conflicts {
		if i == shown {
			fmt.Fprintf(&b, "  ... and %d more conflicts\n", len(r.Conflicts)-shown)
			break
		}
		fmt.Fprintf(&b, "  conflict: %s\n", c.Reason)
	}
	if r.Changes() {
		if r.Applied {
			fmt.Fprintf(&b, "merged %s\n", plural(len(r.Sources), "1 file", fmt.Sprintf("%d files", len(r.Sources))))
		} else {
			b.WriteString("dry run: nothing was written (a merge would do the above)\n")
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// MergeOptions are the choices of a merge.
type MergeOptions struct {
	// AllCoders lets a file that is bound to no coder (a master, a backup, a copy whose binding
	// was removed) be merged as every coder's work: without it such a file is refused when it
	// holds any coder, since it could rewrite the work of each (merge --all-coders).
	AllCoders bool
}

// PlanMerge says what merging sources into the project would do, and writes nothing.
func (p *Project) PlanMerge(ctx context.Context, sources []string, opts MergeOptions) (MergeReport, error) {
	return p.merge(ctx, sources, false, opts)
}

// Merge merges sources (coders' copies, or other copies of this project) into the project in
// one transaction and says what it did. Files that fail the checks of a received file, or
// are copies of another project, are refused and nothing is written.
func (p *Project) Merge(ctx context.Context, sources []string, opts MergeOptions) (MergeReport, error) {
	return p.merge(ctx, sources, true, opts)
}

// maxAttached is how many files one merge ATTACHes at once: SQLite's limit on attached
// databases. Files beyond it are first copied into temporary tables (staged) on the merge's
// connection, which is slower but has no limit. A variable so that tests can force staging.
var maxAttached = 10

// mergeTestHook, when set, runs after each file is applied inside the transaction; an error
// from it fails the merge (to test that a failure leaves the master as it was).
var mergeTestHook func(source int) error

// stagedTables are the tables a merge reads from a file, with the indexes its staged copy
// needs (the merge looks rows up by these columns).
var stagedTables = []struct{ name, index string }{
	{"meta", ""}, {"documents", "id"}, {"sections", "id"}, {"speakers", "id"}, {"speaker_aliases", "speaker_id"},
	{"turns", "document_id"}, {"notes", "document_id"}, {"codes", "id"}, {"coders", "id"},
	{"codings", "coder_id"}, {"reviews", "coder_id"}, {"memos", "coder_id"},
}

func (p *Project) merge(ctx context.Context, sources []string, apply bool, opts MergeOptions) (_ MergeReport, err error) {
	rep := MergeReport{}
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = say.Errorf("merge cancelled; nothing was written")
		}
	}()
	if len(sources) == 0 {
		return rep, say.Errorf("name at least one project file to merge")
	}
	bound, err := p.BoundCoder(ctx)
	if err != nil {
		return rep, err
	}
	if bound != "" {
		return rep, say.Errorf("%s is %s's copy; merge copies into the master project", p.path, bound)
	}
	projectID, err := p.Meta(ctx, "project_id")
	if err != nil {
		return rep, err
	}
	if mine, err := os.Stat(p.path); err == nil {
		for _, s := range sources {
			if st, err := os.Stat(s); err == nil && os.SameFile(st, mine) {
				return rep, say.Errorf("%s is this project itself; merge the copies made from it", s)
			}
		}
	}
	files, err := openSharedAll(ctx, sources, func(f *sharedFile, db queryer) error {
		if f.projectID != projectID {
			return say.Errorf("%s is a copy of a different project, not of %s", f.path, filepath.Base(p.path))
		}
		if err := everyCoder(ctx, db, f, opts.AllCoders); err != nil {
			return err
		}
		return fileWithinLimits(ctx, db, f)
	})
	if err != nil {
		return rep, err
	}
	defer func() {
		for _, f := range files {
			f.close()
		}
	}()

	// One of the project's connections (its page cache is warm), with trusted_schema off
	// before anything is attached, given back as it was, or discarded.
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return rep, friendly(err)
	}
	var trusted int
	if err := conn.QueryRowContext(ctx, `PRAGMA trusted_schema`).Scan(&trusted); err != nil {
		conn.Close()
		return rep, friendly(err)
	}
	defer releaseConn(conn, trusted)
	if _, err := conn.ExecContext(ctx, `PRAGMA trusted_schema = OFF`); err != nil {
		return rep, friendly(err)
	}
	prefixes := make([]string, len(files))
	direct := len(files)
	if direct > maxAttached {
		direct = maxAttached - 1 // one slot left to stage the others through
	}
	for i := direct; i < len(files); i++ {
		if err := stage(ctx, conn, i, files[i]); err != nil {
			return rep, say.Errorf("cannot read %s: %v", files[i].path, err)
		}
		prefixes[i] = fmt.Sprintf("temp.s%d_", i)
	}
	for i := 0; i < direct; i++ {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`ATTACH DATABASE ? AS s%d`, i), files[i].uri()); err != nil {
			return rep, say.Errorf("cannot read %s: %v", files[i].path, err)
		}
		prefixes[i] = fmt.Sprintf("s%d.", i)
	}

	if apply {
		p.ensureWAL(ctx, conn)
	}
	tx, err := conn.BeginTx(ctx, nil) // immediate: the DSN says so
	if err != nil {
		return rep, friendly(err)
	}
	defer tx.Rollback()
	m := &merger{ctx: ctx, tx: tx, rep: &rep, coders: map[int64]*coderTally{}}
	if err := m.init(); err != nil {
		return rep, m.fail(err)
	}
	before, err := m.workBefore(files)
	if err != nil {
		return rep, m.fail(err)
	}
	err = withoutDigestTriggers(ctx, tx, func() error {
		for i, f := range files {
			if err := m.source(f, prefixes[i]); err != nil {
				if strings.Contains(err.Error(), "FOREIGN KEY constraint failed") {
					return say.Errorf("%s is damaged (rows of it point to rows that are not there); nothing was merged", f.path)
				}
				return m.fail(err)
			}
			s := &rep.Sources[len(rep.Sources)-1]
			s.Stale = staleWork(before[i], s.Codings+s.Reviews+s.Memos == 0, time.Now())
			detail := fmt.Sprintf("%s: %d codings, %d reviewed marks, %d memos, %d documents, %d codebook changes, %d conflicts",
				f.path, s.Codings, s.Reviews, s.Memos, s.Documents, s.CodeChanges, s.Conflicts)
			if f.boundCoder != "" {
				detail += " (" + f.boundCoder + "'s copy)"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO main.audit(at, actor, action, detail) VALUES (?, ?, 'merge', ?)`,
				time.Now().UnixNano(), p.Actor, detail); err != nil {
				return m.fail(err)
			}
			if mergeTestHook != nil {
				if err := mergeTestHook(i); err != nil {
					return err
				}
			}
		}
		if err := m.totals(); err != nil {
			return m.fail(err)
		}
		if err := checkLimits(ctx, tx, "after this merge"); err != nil {
			return err
		}
		return checkCodesPerTurn(ctx, tx, "after this merge")
	})
	if err != nil {
		return MergeReport{}, err
	}
	if !apply {
		return rep, nil // the deferred Rollback undoes it all
	}
	if err := tx.Commit(); err != nil {
		return MergeReport{}, m.fail(err)
	}
	p.ckpt.written()
	rep.Applied = true
	return rep, nil
}

// coderWork is a coder's work in a received file and in the project before the merge.
type coderWork struct{ file, project coding.WorkSummary }

// workBefore reads, for each file, the work of each coder it brings (its bound coder, or every
// coder but the consensus layer) from the checked copy, and what the project has from them
// before anything is merged.
func (m *merger) workBefore(files []*sharedFile) ([][]coderWork, error) {
	out := make([][]coderWork, len(files))
	project := map[string]coding.WorkSummary{}
	for i, f := range files {
		work, err := m.fileWork(f, project)
		if err != nil {
			return nil, err
		}
		out[i] = work
	}
	return out, nil
}

// fileWork is workBefore for one file: the work of its coders, read when it was checked
// (sharedWork), beside the master's; project caches what the master has, by coder.
func (m *merger) fileWork(f *sharedFile, project map[string]coding.WorkSummary) ([]coderWork, error) {
	var out []coderWork
	for _, fw := range f.work {
		name := coding.NormalizeLabel(fw.Coder) // as the merge matches coders
		pw, ok := project[name]
		if !ok {
			var err error
			if pw, err = workSummary(m.ctx, m.tx, name); err != nil {
				return nil, err
			}
			project[name] = pw
		}
		out = append(out, coderWork{fw, pw})
	}
	return out, nil
}

// sharedWork reads from f's checked copy the work of each coder it brings (its bound coder,
// or every coder but the consensus layer, as everyCoder read them).
func sharedWork(ctx context.Context, db queryer, f *sharedFile) ([]coding.WorkSummary, error) {
	coders := []string{f.boundCoder}
	if f.boundCoder == "" {
		coders = f.everyCoder
	}
	out := make([]coding.WorkSummary, 0, len(coders))
	for _, c := range coders {
		w, err := workSummary(ctx, db, c)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

// staleWork is the file's coders of whom it holds less than the project had.
func staleWork(work []coderWork, nothingNew bool, now time.Time) []StaleWork {
	var out []StaleWork
	for _, w := range work {
		if why := coding.StaleWhy(w.file, w.project, nothingNew, now); why != nil {
			out = append(out, StaleWork{Coder: w.file.Coder, FileCodings: w.file.Codings, FileLast: w.file.Last,
				ProjectCodings: w.project.Codings, ProjectLast: w.project.Last, Note: why.Error(), why: why})
		}
	}
	return out
}

// everyCoder reads the coders of a file bound to no coder into f.everyCoder, and refuses the
// file, naming them, unless allowed: such a file is merged as the work of all of them.
func everyCoder(ctx context.Context, db queryer, f *sharedFile, allowed bool) error {
	if f.boundCoder != "" {
		return nil
	}
	var err error
	if f.everyCoder, err = coderNames(ctx, db); err != nil {
		return err
	}
	if len(f.everyCoder) > 0 && !allowed {
		return say.Errorf("%s is not a coder's copy (it is bound to no coder: a master, a backup, or a copy whose binding was removed), so merging it could change the work of every coder in it: %s; if that is what you mean, merge it with --all-coders",
			f.path, sayList(sayNames(f.everyCoder), 6))
	}
	return nil
}

// coderNames is the coders of a file, the consensus layer left out.
func coderNames(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM coders WHERE consensus = 0 ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// acceptShared opens f's checked copy once for accept's checks and then sharedWork.
func acceptShared(ctx context.Context, f *sharedFile, accept func(*sharedFile, queryer) error) error {
	db, err := openFrozen(f.tmp)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := accept(f, db); err != nil {
		return err
	}
	if f.work, err = sharedWork(ctx, db, f); err != nil {
		return say.Errorf("cannot read %s: %v", f.path, friendly(err))
	}
	return nil
}

// openSharedAll copies and checks each file on its own (integrity_check dominates), has
// accept refuse it or not, and then reads the work of the coders it brings (sharedWork), all
// over one connection to the checked copy, on as many cores as there are. A failure is
// reported for the first failing file in the order given.
func openSharedAll(ctx context.Context, paths []string, accept func(*sharedFile, queryer) error) ([]*sharedFile, error) {
	files := make([]*sharedFile, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, path := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			files[i], errs[i] = openShared(ctx, path)
			if errs[i] == nil {
				errs[i] = acceptShared(ctx, files[i], accept)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err == nil {
			continue
		}
		for _, f := range files {
			if f != nil {
				f.close()
			}
		}
		if ctx.Err() != nil {
			return nil, say.Errorf("merge cancelled; nothing was written")
		}
		return nil, err
	}
	return files, nil
}

// releaseConn gives a merge's connection back to the project's pool as it found it: the
// files detached, the temporary tables dropped, trusted_schema as it was. If any of that
// fails the connection is discarded instead.
func releaseConn(conn *sql.Conn, trusted int) {
	ctx := context.Background()
	err := func() error {
		var attached, temps []string
		for _, q := range []struct {
			query string
			into  *[]string
		}{
			{`SELECT name FROM pragma_database_list WHERE name NOT IN ('main', 'temp')`, &attached},
			{`SELECT name FROM temp.sqlite_schema WHERE type = 'table'`, &temps},
		} {
			rows, err := conn.QueryContext(ctx, q.query)
			if err != nil {
				return err
			}
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					rows.Close()
					return err
				}
				*q.into = append(*q.into, name)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		for _, a := range attached {
			if _, err := conn.ExecContext(ctx, `DETACH DATABASE "`+strings.ReplaceAll(a, `"`, `""`)+`"`); err != nil {
				return err
			}
		}
		for _, t := range temps {
			if _, err := conn.ExecContext(ctx, `DROP TABLE temp."`+strings.ReplaceAll(t, `"`, `""`)+`"`); err != nil {
				return err
			}
		}
		_, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA trusted_schema = %d`, trusted))
		return err
	}()
	if err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
}

// stage copies the tables a merge reads from file i into temporary tables temp.s<i>_<table>.
func stage(ctx context.Context, conn *sql.Conn, i int, f *sharedFile) error {
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS stage`, f.uri()); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `DETACH DATABASE stage`)
	for _, t := range stagedTables {
		name := fmt.Sprintf("s%d_%s", i, t.name)
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE TEMP TABLE %s AS SELECT * FROM stage.%s`, name, t.name)); err != nil {
			return err
		}
		if t.index != "" {
			if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE INDEX temp.%s_i ON %s(%s)`, name, name, t.index)); err != nil {
				return err
			}
		}
	}
	return nil
}

// merger is one merge transaction in progress.
type merger struct {
	ctx    context.Context
	tx     *sql.Tx
	rep    *MergeReport
	coders map[int64]*coderTally // by master coder id
	docPos int64                 // the master's last document position
}

// coderTally counts one coder's rows of the master before the merge and the rows it writes.
type coderTally struct {
	name    string
	isNew   bool
	before  [3]int // codings, reviews, memos
	written [3]int
	writers int // (file, coder of the file) pairs merged into this coder
}

var tallyTables = [3]string{"codings", "reviews", "memos"}

func (m *merger) fail(err error) error {
	if m.ctx.Err() != nil {
		return say.Errorf("merge cancelled; nothing was written")
	}
	return say.Errorf("%v; nothing was merged", friendly(err))
}

func (m *merger) exec(query string, args ...any) (sql.Result, error) {
	return m.tx.ExecContext(m.ctx, query, args...)
}

func (m *merger) init() error {
	for _, q := range []string{
		`CREATE TEMP TABLE merge_coders (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`,
		`CREATE TEMP TABLE merge_skip_turns (turn_id TEXT PRIMARY KEY) WITHOUT ROWID`,
		`CREATE TEMP TABLE merge_skip_codes (code_id TEXT PRIMARY KEY) WITHOUT ROWID`,
		`CREATE TEMP TABLE merge_newdocs (id TEXT PRIMARY KEY) WITHOUT ROWID`,
		`CREATE TEMP TABLE merge_speakers (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`,
	} {
		if _, err := m.exec(q); err != nil {
			return err
		}
	}
	return m.tx.QueryRowContext(m.ctx, `SELECT COALESCE(MAX(position), 0) FROM main.documents`).Scan(&m.docPos)
}

// source merges one file, whose tables are named with prefix ("s0." or "temp.s12_").
func (m *merger) source(f *sharedFile, prefix string) error {
	q := func(s string) string { return strings.ReplaceAll(s, "SRC.", prefix) }
	sr := SourceReport{Path: f.path, BoundCoder: f.boundCoder, EveryCoder: f.everyCoder}
	conflicts := len(m.rep.Conflicts)
	for _, t := range []string{"merge_coders", "merge_skip_turns", "merge_skip_codes", "merge_newdocs", "merge_speakers"} {
		if _, err := m.exec(`DELETE FROM temp.` + t); err != nil {
			return err
		}
	}
	if err := m.codes(f, q, &sr); err != nil {
		return err
	}
	pairs, err := m.mapCoders(f, q)
	if err != nil {
		return err
	}
	if err := m.turnConflicts(f, q); err != nil {
		return err
	}
	if err := m.documents(f, q, &sr); err != nil {
		return err
	}
	upserts := [3]string{
		`INSERT INTO main.codings(coder_id, turn_id, code_id, removed, changed_at)
		SELECT ?2, s.turn_id, s.code_id, s.removed, s.changed_at FROM SRC.codings s
		WHERE s.coder_id = ?1 AND s.turn_id NOT IN temp.merge_skip_turns AND s.code_id NOT IN temp.merge_skip_codes
		ON CONFLICT(coder_id, turn_id, code_id) DO UPDATE SET removed = excluded.removed, changed_at = excluded.changed_at
		WHERE (excluded.changed_at, excluded.removed) > (codings.changed_at, codings.removed)`,
		`INSERT INTO main.reviews(coder_id, turn_id, reviewed, changed_at)
		SELECT ?2, s.turn_id, s.reviewed, s.changed_at FROM SRC.reviews s
		WHERE s.coder_id = ?1 AND s.turn_id NOT IN temp.merge_skip_turns
		ON CONFLICT(coder_id, turn_id) DO UPDATE SET reviewed = excluded.reviewed, changed_at = excluded.changed_at
		WHERE (excluded.changed_at, -excluded.reviewed) > (reviews.changed_at, -reviews.reviewed)`,
		`INSERT INTO main.memos(coder_id, turn_id, text, changed_at)
		SELECT ?2, s.turn_id, s.text, s.changed_at FROM SRC.memos s
		WHERE s.coder_id = ?1 AND s.turn_id NOT IN temp.merge_skip_turns
		ON CONFLICT(coder_id, turn_id) DO UPDATE SET text = excluded.text, changed_at = excluded.changed_at
		WHERE (excluded.changed_at, excluded.text) > (memos.changed_at, memos.text)`,
	}
	var skipTurns, skipCodes bool
	if err := m.tx.QueryRowContext(m.ctx, `SELECT EXISTS (SELECT 1 FROM temp.merge_skip_turns),
		EXISTS (SELECT 1 FROM temp.merge_skip_codes)`).Scan(&skipTurns, &skipCodes); err != nil {
		return err
	}
	for k, up := range upserts {
		if !skipTurns {
			up = strings.Replace(up, "AND s.turn_id NOT IN temp.merge_skip_turns", "", 1)
		}
		if !skipCodes {
			up = strings.Replace(up, "AND s.code_id NOT IN temp.merge_skip_codes", "", 1)
		}
		upserts[k] = q(up)
	}
	for _, pr := range pairs {
		t := m.coders[pr.dst]
		t.writers++
		for k, up := range upserts {
			res, err := m.exec(up, pr.src, pr.dst)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			t.written[k] += int(n)
			switch k {
			case 0:
				sr.Codings += int(n)
			case 1:
				sr.Reviews += int(n)
			case 2:
				sr.Memos += int(n)
			}
		}
	}
	sr.Conflicts = len(m.rep.Conflicts) - conflicts
	if sr.Conflicts > 0 {
		err := m.tx.QueryRowContext(m.ctx, q(`SELECT
			(SELECT count(*) FROM SRC.codings WHERE coder_id IN (SELECT src FROM temp.merge_coders)
				AND (turn_id IN temp.merge_skip_turns OR code_id IN temp.merge_skip_codes))
			+ (SELECT count(*) FROM SRC.reviews WHERE coder_id IN (SELECT src FROM temp.merge_coders) AND turn_id IN temp.merge_skip_turns)
			+ (SELECT count(*) FROM SRC.memos WHERE coder_id IN (SELECT src FROM temp.merge_coders) AND turn_id IN temp.merge_skip_turns)`)).Scan(&sr.Skipped)
		if err != nil {
			return err
		}
	}
	if f.boundCoder != "" {
		var others bool
		if err := m.tx.QueryRowContext(m.ctx, q(`SELECT EXISTS (SELECT 1 FROM SRC.coders WHERE id NOT IN (SELECT src FROM temp.merge_coders))`)).Scan(&others); err != nil {
			return err
		}
		if others {
			err := m.tx.QueryRowContext(m.ctx, q(`SELECT
				(SELECT count(*) FROM SRC.codings WHERE coder_id NOT IN (SELECT src FROM temp.merge_coders))
				+ (SELECT count(*) FROM SRC.reviews WHERE coder_id NOT IN (SELECT src FROM temp.merge_coders))
				+ (SELECT count(*) FROM SRC.memos WHERE coder_id NOT IN (SELECT src FROM temp.merge_coders))`)).Scan(&sr.Ignored)
			if err != nil {
				return err
			}
		}
	}
	m.rep.Sources = append(m.rep.Sources, sr)
	return nil
}

type coderPair struct{ src, dst int64 }

// mapCoders maps the file's coders (only the bound one, for a bound copy) to the master's by
// name, adding those the master lacks, and fills temp.merge_coders.
func (m *merger) mapCoders(f *sharedFile, q func(string) string) ([]coderPair, error) {
	type srcCoder struct {
		id        int64
		name      string
		consensus bool
		created   int64
	}
	rows, err := m.tx.QueryContext(m.ctx, q(`SELECT id, name, consensus, created_at FROM SRC.coders ORDER BY id`))
	if err != nil {
		return nil, err
	}
	var list []srcCoder
	for rows.Next() {
		var c srcCoder
		if err := rows.Scan(&c.id, &c.name, &c.consensus, &c.created); err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var pairs []coderPair
	for _, c := range list {
		name := coding.NormalizeLabel(c.name)
		if name == "" || (f.boundCoder != "" && name != coding.NormalizeLabel(f.boundCoder)) {
			continue
		}
		var dst int64
		err := m.tx.QueryRowContext(m.ctx, `SELECT id FROM main.coders WHERE name = ?`, name).Scan(&dst)
		isNew := errors.Is(err, sql.ErrNoRows)
		if isNew {
			var res sql.Result
			res, err = m.exec(`INSERT INTO main.coders(name, consensus, created_at) VALUES (?, ?, ?)`, name, c.consensus, c.created)
			if err == nil {
				dst, err = res.LastInsertId()
			}
		}
		if err != nil {
			return nil, err
		}
		if _, ok := m.coders[dst]; !ok {
			t := &coderTally{name: name, isNew: isNew}
			for k, table := range tallyTables {
				if err := m.tx.QueryRowContext(m.ctx, `SELECT count(*) FROM main.`+table+` WHERE coder_id = ?`, dst).Scan(&t.before[k]); err != nil {
					return nil, err
				}
			}
			m.coders[dst] = t
		}
		if _, err := m.exec(`INSERT INTO temp.merge_coders(src, dst) VALUES (?, ?)`, c.id, dst); err != nil {
			return nil, err
		}
		pairs = append(pairs, coderPair{c.id, dst})
	}
	return pairs, nil
}

// turnConflicts finds the file's turns of documents the master has that the master does not
// have as they are: another text under the same id, or an id the master's document lacks.
func (m *merger) turnConflicts(f *sharedFile, q func(string) string) error {
	rows, err := m.tx.QueryContext(m.ctx, q(`
		SELECT t.id, CAST(t.number AS INTEGER), d.title, m.id IS NULL
		FROM SRC.turns t LEFT JOIN main.turns m ON m.id = t.id JOIN main.documents d ON d.id = t.document_id
		WHERE CASE WHEN m.id IS NULL THEN t.document_id IN (SELECT id FROM main.documents)
			ELSE m.text <> t.text OR m.document_id <> t.document_id END
		ORDER BY d.position, t.number`))
	if err != nil {
		return err
	}
	var skip []string
	for rows.Next() {
		var c Conflict
		var missing bool
		if err := rows.Scan(&c.TurnID, &c.Turn, &c.Document, &missing); err != nil {
			rows.Close()
			return err
		}
		c.Source = f.path
		if missing {
			c = c.because(say.Errorf("%s, turn %d in %s is not a turn of the project's document; nothing was merged for it", c.Document, c.Turn, f.path))
		} else {
			c = c.because(say.Errorf("%s, turn %d has another text in %s than in the project; nothing was merged for it", c.Document, c.Turn, f.path))
		}
		m.rep.Conflicts = append(m.rep.Conflicts, c)
		skip = append(skip, c.TurnID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range skip {
		if _, err := m.exec(`INSERT OR IGNORE INTO temp.merge_skip_turns(turn_id) VALUES (?)`, id); err != nil {
			return err
		}
	}
	return nil
}

// documents adds the file's documents the master lacks, with their sections, notes, turns
// and speakers. A new document whose turn ids the master already has elsewhere is a conflict.
func (m *merger) documents(f *sharedFile, q func(string) string, sr *SourceReport) error {
	rows, err := m.tx.QueryContext(m.ctx, q(`
		SELECT d.id, d.title, (SELECT count(*) FROM SRC.turns t WHERE t.document_id = d.id),
			EXISTS (SELECT 1 FROM SRC.turns t JOIN main.turns m ON m.id = t.id WHERE t.document_id = d.id)
		FROM SRC.documents d WHERE d.id NOT IN (SELECT id FROM main.documents)
		ORDER BY d.position, d.id`))
	if err != nil {
		return err
	}
	var added, clashing []DocumentAdded
	for rows.Next() {
		var d DocumentAdded
		var clash bool
		if err := rows.Scan(&d.ID, &d.Title, &d.Turns, &clash); err != nil {
			rows.Close()
			return err
		}
		d.Source = f.path
		if clash {
			clashing = append(clashing, d)
		} else {
			added = append(added, d)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range clashing {
		m.rep.Conflicts = append(m.rep.Conflicts, Conflict{Source: f.path, Document: d.Title}.because(
			say.Errorf("the document %s in %s has turns the project holds in another document; it was not added", d.Title, f.path)))
		if _, err := m.exec(q(`INSERT OR IGNORE INTO temp.merge_skip_turns(turn_id) SELECT id FROM SRC.turns WHERE document_id = ?`), d.ID); err != nil {
			return err
		}
	}
	if len(added) == 0 {
		return nil
	}
	for _, d := range added {
		if _, err := m.exec(`INSERT INTO temp.merge_newdocs(id) VALUES (?)`, d.ID); err != nil {
			return err
		}
	}
	for _, c := range documentTypes {
		var bad bool
		if err := m.tx.QueryRowContext(m.ctx, q(`SELECT EXISTS (SELECT 1 FROM SRC.`+c.table+`
			WHERE document_id IN temp.merge_newdocs AND NOT (`+c.ok+`))`)).Scan(&bad); err != nil {
			return err
		}
		if bad {
			return say.Errorf("%s is damaged (its %s table holds values of a kind turncoder never writes there)", f.path, c.table)
		}
	}
	if err := m.speakers(q); err != nil {
		return err
	}
	for _, stmt := range []string{
		`INSERT INTO main.documents(id, title, source, format, encoding, position, imported_at)
		SELECT d.id, d.title, d.source, d.format, d.encoding, ?1 + row_number() OVER (ORDER BY d.position, d.id), d.imported_at
		FROM SRC.documents d WHERE d.id IN temp.merge_newdocs`,
		`INSERT INTO main.sections(document_id, position, title)
		SELECT s.document_id, s.position, s.title FROM SRC.sections s WHERE s.document_id IN temp.merge_newdocs`,
		`INSERT INTO main.notes(document_id, section_id, position, text)
		SELECT n.document_id, ms.id, n.position, n.text FROM SRC.notes n
		LEFT JOIN SRC.sections ss ON ss.id = n.section_id AND ss.document_id = n.document_id
		LEFT JOIN main.sections ms ON ms.document_id = ss.document_id AND ms.position = ss.position
		WHERE n.document_id IN temp.merge_newdocs`,
		`INSERT INTO main.turns(id, document_id, section_id, position, number, speaker_id, label, text, start_ms, end_ms)
		SELECT t.id, t.document_id, ms.id, t.position, t.number, sp.dst, t.label, t.text, t.start_ms, t.end_ms FROM SRC.turns t
		LEFT JOIN SRC.sections ss ON ss.id = t.section_id AND ss.document_id = t.document_id
		LEFT JOIN main.sections ms ON ms.document_id = ss.document_id AND ms.position = ss.position
		LEFT JOIN temp.merge_speakers sp ON sp.src = t.speaker_id
		WHERE t.document_id IN temp.merge_newdocs`,
	} {
		if _, err := m.exec(q(stmt), m.docPos); err != nil {
			return err
		}
	}
	m.docPos += int64(len(added))
	m.rep.Documents = append(m.rep.Documents, added...)
	sr.Documents += len(added)
	return nil
}

// speakers maps the speakers of the documents being added to the master's: by label or alias,
// else a new speaker with the file's role and those of its aliases the master does not know.
func (m *merger) speakers(q func(string) string) error {
	type speaker struct {
		id          int64
		label, role string
	}
	rows, err := m.tx.QueryContext(m.ctx, q(`SELECT sp.id, sp.label, sp.role FROM SRC.speakers sp
		WHERE sp.id IN (SELECT speaker_id FROM SRC.turns WHERE document_id IN temp.merge_newdocs)
		ORDER BY sp.label`))
	if err != nil {
		return err
	}
	var list []speaker
	for rows.Next() {
		var s speaker
		if err := rows.Scan(&s.id, &s.label, &s.role); err != nil {
			rows.Close()
			return err
		}
		list = append(list, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range list {
		dst, err := speakerID(m.ctx, m.tx, s.label)
		if errors.Is(err, sql.ErrNoRows) {
			var res sql.Result
			res, err = m.exec(`INSERT INTO main.speakers(label, role) VALUES (?, ?)`, s.label, s.role)
			if err == nil {
				dst, err = res.LastInsertId()
			}
			m.rep.Speakers = append(m.rep.Speakers, s.label)
		}
		if err != nil {
			return err
		}
		if _, err := m.exec(`INSERT INTO temp.merge_speakers(src, dst) VALUES (?, ?)`, s.id, dst); err != nil {
			return err
		}
		var aliases []string
		ar, err := m.tx.QueryContext(m.ctx, q(`SELECT alias FROM SRC.speaker_aliases WHERE speaker_id = ? ORDER BY alias`), s.id)
		if err != nil {
			return err
		}
		for ar.Next() {
			var a string
			if err := ar.Scan(&a); err != nil {
				ar.Close()
				return err
			}
			aliases = append(aliases, a)
		}
		ar.Close()
		if err := ar.Err(); err != nil {
			return err
		}
		for _, a := range aliases {
			if _, err := speakerID(m.ctx, m.tx, a); errors.Is(err, sql.ErrNoRows) {
				if _, err := m.exec(`INSERT INTO main.speaker_aliases(alias, speaker_id) VALUES (?, ?)`, a, dst); err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
		}
	}
	return nil
}

// codeRow is one row of a codes table.
type codeRow struct {
	id, name, nameZH, definition, inclusion, exclusion, example, colour, shortcut string
	parent                                                                        sql.NullString
	position                                                                      int64
	removed                                                                       bool
	changedAt                                                                     int64
}

// compareCodes is the total order of code rows for last-writer-wins: change time, then
// removed above live, then every other column, so that two different rows are never equal.
func compareCodes(a, b codeRow) int {
	if c := cmp.Compare(a.changedAt, b.changedAt); c != 0 {
		return c
	}
	if a.removed != b.removed {
		if a.removed {
			return 1
		}
		return -1
	}
	for _, pair := range [][2]string{{a.name, b.name}, {a.nameZH, b.nameZH}, {a.definition, b.definition},
		{a.inclusion, b.inclusion}, {a.exclusion, b.exclusion}, {a.example, b.example}, {a.colour, b.colour},
		{a.shortcut, b.shortcut}} {
		if c := strings.Compare(pair[0], pair[1]); c != 0 {
			return c
		}
	}
	if a.parent.Valid != b.parent.Valid {
		if a.parent.Valid {
			return 1
		}
		return -1
	}
	if c := strings.Compare(a.parent.String, b.parent.String); c != 0 {
		return c
	}
	return cmp.Compare(a.position, b.position)
}

func readCodeRows(ctx context.Context, q queryer, table string) (map[string]codeRow, []codeRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, name_zh, definition, inclusion, exclusion, example, colour, shortcut,
		parent_id, position, removed, changed_at FROM `+table+` ORDER BY position, id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byID := map[string]codeRow{}
	var list []codeRow
	for rows.Next() {
		var c codeRow
		if err := rows.Scan(&c.id, &c.name, &c.nameZH, &c.definition, &c.inclusion, &c.exclusion, &c.example, &c.colour,
			&c.shortcut, &c.parent, &c.position, &c.removed, &c.changedAt); err != nil {
			return nil, nil, err
		}
		byID[c.id] = c
		list = append(list, c)
	}
	return byID, list, rows.Err()
}

// codes merges the codebook: a code the master lacks is added, one it has is replaced when
// the file's row is greater. A code whose name or shortcut another live code of the master
// holds is a conflict and is left out (and, if the master lacks it, its codings with it).
func (m *merger) codes(f *sharedFile, q func(string) string, sr *SourceReport) error {
	mine, _, err := readCodeRows(m.ctx, m.tx, "main.codes")
	if err != nil {
		return err
	}
	_, theirs, err := readCodeRows(m.ctx, m.tx, q("SRC.codes"))
	if err != nil {
		return err
	}
	var pending []codeRow
	for _, c := range theirs {
		if old, ok := mine[c.id]; !ok || compareCodes(c, old) > 0 {
			pending = append(pending, c)
		}
	}
	conflict := func(c codeRow, why error) error {
		m.rep.Conflicts = append(m.rep.Conflicts, Conflict{Source: f.path, Code: c.id}.because(why))
		if _, ok := mine[c.id]; !ok {
			_, err := m.exec(`INSERT OR IGNORE INTO temp.merge_skip_codes(code_id) VALUES (?)`, c.id)
			return err
		}
		return nil
	}
	for len(pending) > 0 {
		var later []codeRow
		for _, c := range pending {
			if c.parent.Valid {
				if _, ok := mine[c.parent.String]; !ok {
					later = append(later, c) // its parent comes in this file too, after it
					continue
				}
			}
			if !c.removed {
				var other string
				err := m.tx.QueryRowContext(m.ctx, `SELECT name FROM main.codes WHERE removed = 0 AND id <> ?1
					AND (name = ?2 OR (?3 <> '' AND shortcut = ?3)) LIMIT 1`, c.id, c.name, c.shortcut).Scan(&other)
				if err == nil {
					if err := conflict(c, say.Errorf("the code %s in %s has the name or shortcut of the project's code %s; it was not merged", c.name, f.path, other)); err != nil {
						return err
					}
					continue
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			if _, err := m.exec(`INSERT INTO main.codes(id, name, name_zh, definition, inclusion, exclusion, example, colour,
				shortcut, parent_id, position, removed, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh, definition = excluded.definition,
				inclusion = excluded.inclusion, exclusion = excluded.exclusion, example = excluded.example, colour = excluded.colour,
				shortcut = excluded.shortcut, parent_id = excluded.parent_id, position = excluded.position,
				removed = excluded.removed, changed_at = excluded.changed_at`,
				c.id, c.name, c.nameZH, c.definition, c.inclusion, c.exclusion, c.example, c.colour, c.shortcut, c.parent,
				c.position, c.removed, c.changedAt); err != nil {
				return err
			}
			change := CodeChange{ID: c.id, Name: c.name, Source: f.path}
			if old, ok := mine[c.id]; ok {
				if old.name != c.name {
					change.Was = old.name
				}
				change.Removed = c.removed && !old.removed
				change.Restored = !c.removed && old.removed
				m.rep.CodesChanged = append(m.rep.CodesChanged, change)
			} else {
				m.rep.CodesAdded = append(m.rep.CodesAdded, change)
			}
			mine[c.id] = c
			sr.CodeChanges++
		}
		if len(later) == len(pending) { // parents that never come: a conflict each
			for _, c := range later {
				if err := conflict(c, say.Errorf("the code %s in %s has a parent code the project does not have; it was not merged", c.name, f.path)); err != nil {
					return err
				}
			}
			break
		}
		pending = later
	}
	return nil
}

// totals fills the report's per-coder effect from the coders' row counts after the merge.
func (m *merger) totals() error {
	for id, t := range m.coders {
		c := CoderChanges{Coder: t.name, New: t.isNew}
		var after [3]int
		for k, table := range tallyTables {
			if t.before[k] == 0 && t.writers == 1 {
				after[k] = t.written[k] // one writer into none: every row written is new
				continue
			}
			if err := m.tx.QueryRowContext(m.ctx, `SELECT count(*) FROM main.`+table+` WHERE coder_id = ?`, id).Scan(&after[k]); err != nil {
				return err
			}
		}
		c.NewCodings, c.ChangedCodings = after[0]-t.before[0], t.written[0]-(after[0]-t.before[0])
		c.NewReviews, c.ChangedReviews = after[1]-t.before[1], t.written[1]-(after[1]-t.before[1])
		c.NewMemos, c.ChangedMemos = after[2]-t.before[2], t.written[2]-(after[2]-t.before[2])
		m.rep.Coders = append(m.rep.Coders, c)
	}
	sort.Slice(m.rep.Coders, func(i, j int) bool { return m.rep.Coders[i].Coder < m.rep.Coders[j].Coder })
	return nil
}
