//go:build unix

package store

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// The crash harness. TestCrash starts a child process (this test binary, running
// TestCrashChild) that works on a project file as the app does: imports of documents of
// hundreds of turns, coding writes and memos (SetState and SetMemo, what the GUI calls),
// merges of coders' copies, and codebook edits (add, edit, merge codes), in a seeded random
// mix. Before each operation the child prints "try <op>", after it returns "ok <µs> [<result>]".
// The parent kills the child with SIGKILL at a seeded random moment (right after it starts,
// at any time, or just after it began an import, a merge, a codebook edit or a coding write),
// copies the surviving files (project, -wal, -shm) and opens the copy as a user would. It
// checks that the copy passes PRAGMA integrity_check and foreign_key_check, and that its
// content is exactly what the operations reported done made it, or that plus the one operation
// in flight at the kill, whole: every coding, review and memo, every document with all its
// turns, sections and notes, each copy merged entirely or not at all, the codebook, and the
// audit log (one entry per change, landed with it). Then it starts a new child on the
// surviving file itself (so the app's own recovery of a hot WAL is exercised too) and kills it
// again: crashKillsPerFile kills per file, then a fresh file.
//
// A kill -9 of the process is tested here, not a power cut: the page cache survives it.

var (
	crashKillsFlag = flag.Int("crash.kills", 0, "kills of TestCrash (default 150, or $TURNCODER_CRASH_KILLS)")
	crashSeedFlag  = flag.Uint64("crash.seed", 0, "seed of TestCrash (default: from the clock; printed on failure)")
)

const (
	crashKillsDefault = 150
	crashKillsPerFile = 30
	crashCopies       = 8   // coders' copies made for each file, to merge
	crashBaseTurns    = 300 // turns of the document every file starts with
)

// crashDoc is a call of n turns, one note, and a section header every 100 turns.
func crashDoc(title string, n int) *coding.Document {
	doc := &coding.Document{Title: title, Format: "turns", Items: []coding.Item{{Kind: coding.KindNote, Text: title + "：录音开始"}}}
	for i := 0; i < n; i++ {
		if i%100 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("%s 第%d通电话", title, i/100+1)})
		}
		sp := "CLB"
		if i%2 == 1 {
			sp = "东营市总工会"
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: sp,
			Text: fmt.Sprintf("%s 第%d句：请问你们工会对拖欠四十个月社保的事情怎么处理？", title, i+1)})
	}
	return doc
}

func crashDocCounts(n int) string {
	return fmt.Sprintf("%d turns, %d sections, 1 notes", n, (n+99)/100)
}

// ---- the child ----

// TestCrashChild is the worker TestCrash starts and kills; on its own it does nothing.
func TestCrashChild(t *testing.T) {
	if os.Getenv("TURNCODER_CRASH_CHILD") != "1" {
		t.Skip("the child process of TestCrash")
	}
	// The parent holds our stdin open; if it dies, so do we.
	go func() { io.Copy(io.Discard, os.Stdin); os.Exit(3) }()
	die := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, "crash child: "+format+"\n", a...)
		os.Exit(2)
	}
	say := func(format string, a ...any) { fmt.Fprintf(os.Stdout, format+"\n", a...) } // one write(2) per line
	var began time.Time
	try := func(format string, a ...any) {
		say("try "+format, a...)
		began = time.Now()
	}
	done := func(result string) { say("ok %d %s", time.Since(began).Microseconds(), result) }
	seed, _ := strconv.ParseUint(os.Getenv("TURNCODER_CRASH_CHILD_SEED"), 10, 64)
	bias := os.Getenv("TURNCODER_CRASH_CHILD_BIAS")
	copies := filepath.SplitList(os.Getenv("TURNCODER_CRASH_CHILD_COPIES"))
	rng := rand.New(rand.NewPCG(seed, 0x63726173))
	ctx := context.Background()

	p, err := Open(os.Getenv("TURNCODER_CRASH_CHILD_FILE"))
	if err != nil {
		die("%v", err)
	}
	codes, err := p.Codes(ctx)
	if err != nil {
		die("%v", err)
	}
	base, err := p.Turns(ctx, "base")
	if err != nil {
		die("%v", err)
	}
	var turns []string
	for _, r := range base {
		turns = append(turns, r.ID)
	}
	say("ready")

	freeShortcut := func(except string) string {
		used := map[string]bool{}
		for _, c := range codes {
			if c.ID != except {
				used[c.Shortcut] = true
			}
		}
		var free []string
		for k := '1'; k <= '9'; k++ {
			if !used[string(k)] {
				free = append(free, string(k))
			}
		}
		if len(free) == 0 || rng.IntN(3) == 0 {
			return ""
		}
		return free[rng.IntN(len(free))]
	}
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	weights := map[string]int{"set": 60, "memo": 10, "import": 8, "merge": 7, "codebook": 15}
	if bias != "" {
		weights[bias] += 100
	}
	kinds := []string{"set", "memo", "import", "merge", "codebook"}
	total := 0
	for _, k := range kinds {
		total += weights[k]
	}
	for op := 0; ; op++ {
		r, kind := rng.IntN(total), ""
		for _, k := range kinds {
			if r -= weights[k]; r < 0 {
				kind = k
				break
			}
		}
		coder := []string{"ana", "bo"}[rng.IntN(2)]
		turn := turns[rng.IntN(len(turns))]
		switch kind {
		case "set":
			st := coding.TurnState{Reviewed: rng.IntN(5) > 0}
			if st.Reviewed {
				for n := rng.IntN(3); n > 0; n-- {
					st.Codes = append(st.Codes, codes[rng.IntN(len(codes))].ID)
				}
			}
			try("set %s %s %t %s", coder, turn, st.Reviewed, dash(strings.Join(st.Codes, ",")))
			if err := p.SetState(ctx, coder, turn, st, "code"); err != nil {
				die("SetState: %v", err)
			}
			done("")
		case "memo":
			text := ""
			if rng.IntN(4) > 0 {
				text = fmt.Sprintf("备忘-%x-%d", seed, op)
			}
			try("memo %s %s %s", coder, turn, dash(text))
			if err := p.SetMemo(ctx, coder, turn, text); err != nil {
				die("SetMemo: %v", err)
			}
			done("")
		case "import":
			n := 200 + rng.IntN(600)
			title := fmt.Sprintf("doc-%x-%d", seed, op)
			try("import %s %d", title, n)
			res, err := p.Import(ctx, crashDoc(title, n), title+".txt", nil)
			if err != nil {
				die("Import: %v", err)
			}
			done(res.DocumentID)
			rows, err := p.Turns(ctx, res.DocumentID)
			if err != nil {
				die("%v", err)
			}
			for _, r := range rows[:20] {
				turns = append(turns, r.ID)
			}
		case "merge":
			pick := rng.Perm(len(copies))[:1+rng.IntN(2)]
			var files, names []string
			for _, i := range pick {
				files, names = append(files, copies[i]), append(names, strconv.Itoa(i))
			}
			try("merge %s", strings.Join(names, ","))
			if _, err := p.Merge(ctx, files, MergeOptions{AllCoders: true}); err != nil {
				die("Merge: %v", err)
			}
			done("")
		case "codebook":
			switch r := rng.IntN(3); {
			case r == 0 || len(codes) < 3:
				c := coding.Code{Name: fmt.Sprintf("k-%x-%d", seed, op), Shortcut: freeShortcut(""),
					Colour: fmt.Sprintf("#%06x", rng.IntN(1<<24)), Definition: fmt.Sprintf("d%d", op)}
				try("addcode %s %s %s %s", c.Name, dash(c.Shortcut), c.Colour, c.Definition)
				c, err := p.AddCode(ctx, c)
				if err != nil {
					die("AddCode: %v", err)
				}
				done(c.ID)
				codes = append(codes, c)
			case r == 1:
				i := rng.IntN(len(codes))
				c := codes[i]
				if rng.IntN(2) == 0 {
					c.Name = fmt.Sprintf("r-%x-%d", seed, op)
				}
				c.Shortcut = freeShortcut(c.ID)
				c.Colour = fmt.Sprintf("#%06x", rng.IntN(1<<24))
				c.Definition = fmt.Sprintf("d%d", op)
				try("updatecode %s %s %s %s %s", c.ID, c.Name, dash(c.Shortcut), c.Colour, c.Definition)
				if err := p.UpdateCode(ctx, c); err != nil {
					die("UpdateCode: %v", err)
				}
				done("")
				codes[i] = c
			default:
				perm := rng.Perm(len(codes))
				from, into := codes[perm[0]].ID, codes[perm[1]].ID
				try("mergecodes %s %s", from, into)
				if _, err := p.MergeCodes(ctx, from, into); err != nil {
					die("MergeCodes: %v", err)
				}
				done("")
				codes = slices.DeleteFunc(codes, func(c coding.Code) bool { return c.ID == from })
				for j := range codes {
					if codes[j].ParentID == from {
						codes[j].ParentID = into
					}
				}
			}
		}
	}
}

// ---- the model of a project file ----

// crashCopy is what merging one coder's copy writes: its coder's codings (turn, code) and
// reviewed marks, all of which a merged master has and an unmerged one has none of.
type crashCopy struct {
	path    string
	coder   string
	codings map[[2]string]bool
	reviews map[string]bool
}

// crashModel is the content of a project file the harness checks, as sorted text lines per
// part. Codings of the copies' coders are summarised by merged.
type crashModel struct {
	states map[string]string // "coder turn" -> "reviewed codes,sorted" (absent: not reviewed, no code)
	memos  map[string]string // "coder turn" -> text
	docs   map[string]string // title -> counts
	codes  map[string]string // id -> fields
	pos    map[string]int    // id -> position
	merged map[int]bool      // copy -> merged
	audit  map[string]int    // action -> entries
}

func (m crashModel) clone() crashModel {
	return crashModel{maps.Clone(m.states), maps.Clone(m.memos), maps.Clone(m.docs), maps.Clone(m.codes),
		maps.Clone(m.pos), maps.Clone(m.merged), maps.Clone(m.audit)}
}

func (m crashModel) String() string {
	var lines []string
	add := func(part string, kv map[string]string) {
		for k, v := range kv {
			lines = append(lines, part+" "+k+" = "+v)
		}
	}
	add("state", m.states)
	add("memo", m.memos)
	add("document", m.docs)
	add("code", m.codes)
	for id, pos := range m.pos {
		lines = append(lines, fmt.Sprintf("position %s = %d", id, pos))
	}
	for i, merged := range m.merged {
		lines = append(lines, fmt.Sprintf("copy %d merged = %t", i, merged))
	}
	for a, n := range m.audit {
		lines = append(lines, fmt.Sprintf("audit %q = %d", a, n))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// crashCode is the part of a code the harness checks.
type crashCode struct {
	name, shortcut, colour, definition string
	removed                            bool
	parent                             string
}

const crashCodeFormat = "%q shortcut %q colour %q definition %q removed %t parent %q"

func (c crashCode) String() string {
	return fmt.Sprintf(crashCodeFormat, c.name, c.shortcut, c.colour, c.definition, c.removed, c.parent)
}

func parseCrashCode(s string) (c crashCode) {
	fmt.Sscanf(s, crashCodeFormat, &c.name, &c.shortcut, &c.colour, &c.definition, &c.removed, &c.parent)
	return c
}

// apply is m after the operation op (a "try" line without "try ") returned result (the text
// of its "ok" line after "ok"; "" if it did not return, so an added code's id is unknown and
// is "new:" and its name, as unknown ids of the file are named by readCrashModel).
func (m crashModel) apply(op, result string) crashModel {
	m = m.clone()
	f := strings.Fields(op)
	undash := func(s string) string {
		if s == "-" {
			return ""
		}
		return s
	}
	switch f[0] {
	case "set":
		key, reviewed, codes := f[1]+" "+f[2], f[3] == "true", strings.Split(undash(f[4]), ",")
		if codes[0] == "" {
			codes = nil
		}
		slices.Sort(codes)
		codes = slices.Compact(codes)
		state := ""
		if reviewed || len(codes) > 0 {
			state = fmt.Sprintf("%t %s", reviewed, strings.Join(codes, ","))
		}
		if m.states[key] != state {
			m.audit["code"]++
		}
		if state == "" {
			delete(m.states, key)
		} else {
			m.states[key] = state
		}
	case "memo":
		key, text := f[1]+" "+f[2], undash(f[3])
		if old, ok := m.memos[key]; (ok && old != text) || (!ok && text != "") {
			m.memos[key] = text
			m.audit["memo"]++
		}
	case "import":
		n, _ := strconv.Atoi(f[2])
		m.docs[f[1]] = crashDocCounts(n)
		m.audit["import"]++
	case "merge":
		for _, s := range strings.Split(f[1], ",") {
			i, _ := strconv.Atoi(s)
			m.merged[i] = true
			m.audit["merge"]++
		}
	case "addcode":
		id := result
		if id == "" {
			id = "new:" + f[1]
		}
		m.codes[id] = crashCode{name: f[1], shortcut: undash(f[2]), colour: f[3], definition: f[4]}.String()
		top := 0
		for _, p := range m.pos {
			top = max(top, p)
		}
		m.pos[id] = top + 1
		m.audit["add code"]++
	case "updatecode":
		c := parseCrashCode(m.codes[f[1]])
		c.name, c.shortcut, c.colour, c.definition = f[2], undash(f[3]), f[4], f[5]
		m.codes[f[1]] = c.String()
		m.audit["edit code"]++
	case "mergecodes":
		from, into := f[1], f[2]
		c := parseCrashCode(m.codes[from])
		c.removed, c.shortcut = true, ""
		m.codes[from] = c.String()
		for id, fields := range m.codes {
			if c := parseCrashCode(fields); c.parent == from && !c.removed {
				c.parent = into
				m.codes[id] = c.String()
			}
		}
		for key, state := range m.states {
			reviewed, list, _ := strings.Cut(state, " ")
			codes := strings.Split(list, ",")
			if !slices.Contains(codes, from) {
				continue
			}
			for i := range codes {
				if codes[i] == from {
					codes[i] = into
				}
			}
			slices.Sort(codes)
			m.states[key] = reviewed + " " + strings.Join(slices.Compact(codes), ",")
		}
		m.audit["merge codes"]++
	default:
		panic("unknown operation " + op)
	}
	return m
}

// readCrashModel opens path as the app does and reads its model, after checking the file's
// integrity, its foreign keys, the consistency of its codebook, and that no copy is half
// merged. known are the code ids the caller knows; others are named "new:" and their name.
func readCrashModel(path string, copies []crashCopy, known map[string]bool) (crashModel, error) {
	ctx := context.Background()
	p, err := Open(path)
	if err != nil {
		return crashModel{}, fmt.Errorf("open: %v", err)
	}
	defer p.Close()
	var problems []string
	rows, err := p.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return crashModel{}, err
	}
	var verdict []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		verdict = append(verdict, s)
	}
	rows.Close()
	if strings.Join(verdict, "\n") != "ok" {
		problems = append(problems, "integrity_check: "+strings.Join(verdict, "; "))
	}
	m := crashModel{states: map[string]string{}, memos: map[string]string{}, docs: map[string]string{}, codes: map[string]string{},
		pos: map[string]int{}, merged: map[int]bool{}, audit: map[string]int{}}
	each := func(query string, fn func(scan func(...any) error) error, args ...any) {
		if err != nil {
			return
		}
		var rows interface {
			Next() bool
			Scan(...any) error
			Close() error
			Err() error
		}
		rows, err = p.db.QueryContext(ctx, query, args...)
		if err != nil {
			return
		}
		defer rows.Close()
		for rows.Next() && err == nil {
			err = fn(rows.Scan)
		}
		if err == nil {
			err = rows.Err()
		}
	}
	each(`PRAGMA foreign_key_check`, func(scan func(...any) error) error {
		var table, parent string
		var row, fk any
		scan(&table, &row, &parent, &fk)
		problems = append(problems, fmt.Sprintf("foreign_key_check: %s row %v points to nothing in %s", table, row, parent))
		return nil
	})
	// Coders ana and bo: reviews and live codings make states.
	type state struct {
		reviewed bool
		codes    []string
	}
	states := map[string]*state{}
	get := func(key string) *state {
		if states[key] == nil {
			states[key] = &state{}
		}
		return states[key]
	}
	each(`SELECT c.name, r.turn_id, r.reviewed FROM reviews r JOIN coders c ON c.id = r.coder_id WHERE c.name IN ('ana', 'bo')`,
		func(scan func(...any) error) error {
			var coder, turn string
			var reviewed bool
			err := scan(&coder, &turn, &reviewed)
			get(coder + " " + turn).reviewed = reviewed
			return err
		})
	each(`SELECT c.name, g.turn_id, g.code_id FROM codings g JOIN coders c ON c.id = g.coder_id
		WHERE c.name IN ('ana', 'bo') AND g.removed = 0`, func(scan func(...any) error) error {
		var coder, turn, code string
		err := scan(&coder, &turn, &code)
		s := get(coder + " " + turn)
		s.codes = append(s.codes, code)
		return err
	})
	for key, s := range states {
		if s.reviewed || len(s.codes) > 0 {
			slices.Sort(s.codes)
			m.states[key] = fmt.Sprintf("%t %s", s.reviewed, strings.Join(s.codes, ","))
		}
	}
	each(`SELECT c.name, m.turn_id, m.text FROM memos m JOIN coders c ON c.id = m.coder_id WHERE c.name IN ('ana', 'bo')`,
		func(scan func(...any) error) error {
			var coder, turn, text string
			err := scan(&coder, &turn, &text)
			m.memos[coder+" "+turn] = text
			return err
		})
	each(`SELECT d.title, (SELECT COUNT(*) FROM turns t WHERE t.document_id = d.id),
		(SELECT COUNT(*) FROM sections s WHERE s.document_id = d.id), (SELECT COUNT(*) FROM notes n WHERE n.document_id = d.id)
		FROM documents d`, func(scan func(...any) error) error {
		var title string
		var turns, sections, notes int
		err := scan(&title, &turns, &sections, &notes)
		m.docs[title] = fmt.Sprintf("%d turns, %d sections, %d notes", turns, sections, notes)
		return err
	})
	liveNames, liveKeys := map[string]string{}, map[string]string{}
	parents := map[string]string{}
	each(`SELECT id, name, shortcut, colour, definition, removed, COALESCE(parent_id, ''), position FROM codes`,
		func(scan func(...any) error) error {
			var id, name, shortcut, colour, definition, parent string
			var removed bool
			var pos int
			err := scan(&id, &name, &shortcut, &colour, &definition, &removed, &parent, &pos)
			if !removed {
				if other, ok := liveNames[strings.ToLower(name)]; ok {
					problems = append(problems, fmt.Sprintf("codes %s and %s are both named %q", other, id, name))
				}
				liveNames[strings.ToLower(name)] = id
				if other, ok := liveKeys[shortcut]; ok && shortcut != "" {
					problems = append(problems, fmt.Sprintf("codes %s and %s both have the shortcut %s", other, id, shortcut))
				}
				liveKeys[shortcut] = id
				parents[id] = parent
			}
			key := id
			if known != nil && !known[id] {
				key = "new:" + name
			}
			m.codes[key] = crashCode{name, shortcut, colour, definition, removed, parent}.String()
			m.pos[key] = pos
			return err
		})
	for id, parent := range parents {
		if grand, ok := parents[parent]; parent != "" && (!ok || grand != "") {
			problems = append(problems, fmt.Sprintf("code %s has the parent %q, which is not a live top-level code", id, parent))
		}
	}
	for i, c := range copies {
		var codings, reviews int
		each(`SELECT g.turn_id, g.code_id FROM codings g JOIN coders c ON c.id = g.coder_id WHERE c.name = ?`,
			func(scan func(...any) error) error {
				var turn, code string
				err := scan(&turn, &code)
				if c.codings[[2]string{turn, code}] {
					codings++
				}
				return err
			}, c.coder)
		each(`SELECT r.turn_id FROM reviews r JOIN coders c ON c.id = r.coder_id WHERE c.name = ?`,
			func(scan func(...any) error) error {
				var turn string
				err := scan(&turn)
				if c.reviews[turn] {
					reviews++
				}
				return err
			}, c.coder)
		switch {
		case codings == len(c.codings) && reviews == len(c.reviews):
			m.merged[i] = true
		case codings == 0 && reviews == 0:
			m.merged[i] = false
		default:
			problems = append(problems, fmt.Sprintf("copy %d is half merged: %d of its %d codings and %d of its %d reviewed marks",
				i, codings, len(c.codings), reviews, len(c.reviews)))
		}
	}
	each(`SELECT action, COUNT(*) FROM audit GROUP BY action`, func(scan func(...any) error) error {
		var action string
		var n int
		err := scan(&action, &n)
		m.audit[action] = n
		return err
	})
	if err != nil {
		return m, err
	}
	if len(problems) > 0 {
		return m, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return m, nil
}

// ---- the parent ----

// crashFile makes a project file for the harness: the base document, coders ana and bo, and
// crashCopies copies (coders m0, m1...) each with codings and reviewed marks of their own.
func crashFile(t *testing.T, dir string, n int, rng *rand.Rand) (string, []crashCopy) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, fmt.Sprintf("study%d%s", n, Extension))
	p, err := Create(path, shareCodebook)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Import(ctx, crashDoc("base", crashBaseTurns), "base.txt", nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"ana", "bo"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	var copies []crashCopy
	for i := 0; i < crashCopies; i++ {
		c := crashCopy{coder: fmt.Sprintf("m%d", i), codings: map[[2]string]bool{}, reviews: map[string]bool{}}
		c.path = filepath.Join(dir, CopyName(path, c.coder))
		if err := p.CopyFor(ctx, c.coder, c.path); err != nil {
			t.Fatal(err)
		}
		var rows []coding.CodingRow
		for _, turn := range rng.Perm(crashBaseTurns)[:150] {
			codes := rng.Perm(len(shareCodebook))[:rng.IntN(3)]
			if len(codes) == 0 {
				rows = append(rows, coding.CodingRow{Document: "base", Turn: turn + 1, Coder: c.coder, Line: len(rows) + 2})
			}
			for _, k := range codes {
				rows = append(rows, coding.CodingRow{Document: "base", Turn: turn + 1, Coder: c.coder, Code: shareCodebook[k].ID, Line: len(rows) + 2})
			}
		}
		cp := mustOpen(t, c.path)
		if _, err := cp.ImportCodings(ctx, rows, "test"); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`SELECT turn_id, code_id FROM codings`, `SELECT turn_id, '' FROM reviews`} {
			r, err := cp.db.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
				var turn, code string
				r.Scan(&turn, &code)
				if code == "" {
					c.reviews[turn] = true
				} else {
					c.codings[[2]string{turn, code}] = true
				}
			}
			r.Close()
		}
		cp.Close()
		copies = append(copies, c)
	}
	return path, copies
}

// copyProject copies a project's files (the database, its -wal and -shm) as a crash left them.
func copyProject(t *testing.T, from, to string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		data, err := os.ReadFile(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			os.Remove(to + suffix)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to+suffix, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// crashMode is when the parent kills the child.
type crashMode struct {
	name    string
	weight  int
	bias    string   // the kind of operation the child does more often
	trigger []string // kill within an operation's typical duration after one of these "try" lines starts
	within  time.Duration
}

var crashModes = []crashMode{
	{name: "right after start", weight: 15, within: 30 * time.Millisecond},
	{name: "at any time", weight: 25, within: 400 * time.Millisecond},
	{name: "mid-import", weight: 20, bias: "import", trigger: []string{"import"}},
	{name: "mid-merge", weight: 20, bias: "merge", trigger: []string{"merge"}},
	{name: "mid-codebook edit", weight: 10, bias: "codebook", trigger: []string{"addcode", "updatecode", "mergecodes"}},
	{name: "mid-coding write", weight: 10, trigger: []string{"set", "memo"}},
}

func crashKills() int {
	if *crashKillsFlag > 0 {
		return *crashKillsFlag
	}
	if n, err := strconv.Atoi(os.Getenv("TURNCODER_CRASH_KILLS")); err == nil && n > 0 {
		return n
	}
	return crashKillsDefault
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash harness takes a minute or more; it does not run with -short")
	}
	seed := *crashSeedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	kills := crashKills()
	rng := rand.New(rand.NewPCG(seed, 0x6b696c6c))
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp") // merges' temporary copies, which a kill leaves behind
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	fail := func(format string, a ...any) {
		t.Helper()
		t.Fatalf("seed %d (rerun with: go test ./store -run '^TestCrash$' -crash.seed=%d -crash.kills=%d): %s",
			seed, seed, kills, fmt.Sprintf(format, a...))
	}
	// Typical durations of operations, as the parent sees them, to aim the kills.
	typical := map[string]time.Duration{"set": 10 * time.Millisecond, "memo": 10 * time.Millisecond, "import": 100 * time.Millisecond,
		"merge": 150 * time.Millisecond, "addcode": 15 * time.Millisecond, "updatecode": 15 * time.Millisecond, "mergecodes": 15 * time.Millisecond}
	type tally struct{ kills, inFlight, landed int }
	byMode, byOp := map[string]*tally{}, map[string]*tally{}
	for _, m := range crashModes {
		byMode[m.name] = &tally{}
	}
	for op := range typical {
		byOp[op] = &tally{}
	}
	ops, leftBehind, start := 0, 0, time.Now()

	var path string
	var copies []crashCopy
	var model crashModel
	for k := 0; k < kills; k++ {
		if k%crashKillsPerFile == 0 {
			path, copies = crashFile(t, dir, k/crashKillsPerFile, rng)
			var err error
			if model, err = readCrashModel(path, copies, nil); err != nil {
				t.Fatal(err)
			}
		}
		r, mode := rng.IntN(100), crashModes[0]
		for _, m := range crashModes {
			if r -= m.weight; r < 0 {
				mode = m
				break
			}
		}
		byMode[mode.name].kills++
		var copyPaths []string
		for _, c := range copies {
			copyPaths = append(copyPaths, c.path)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), "TURNCODER_CRASH_CHILD=1", "TMPDIR="+tmp,
			"TURNCODER_CRASH_CHILD_FILE="+path,
			"TURNCODER_CRASH_CHILD_SEED="+strconv.FormatUint(rng.Uint64(), 10),
			"TURNCODER_CRASH_CHILD_BIAS="+mode.bias,
			"TURNCODER_CRASH_CHILD_COPIES="+strings.Join(copyPaths, string(filepath.ListSeparator)))
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		delay := time.Duration(rng.Int64N(int64(mode.within) + 1))
		aim := rng.Float64() * 2.5 // times the typical duration of the triggering operation
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 256)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		var got []string
		var timer <-chan time.Time
		if mode.trigger == nil {
			timer = time.After(delay)
		} else {
			timer = time.After(5 * time.Second) // the child never started such an operation
		}
		exited := false
		var trying string
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					exited = true
					break wait
				}
				got = append(got, l)
				if op, ok := strings.CutPrefix(l, "try "); ok {
					trying = strings.Fields(op)[0]
					if slices.Contains(mode.trigger, trying) {
						mode.trigger = nil
						timer = time.After(time.Duration(aim * float64(typical[trying])))
					}
				} else if f := strings.Fields(l); f[0] == "ok" {
					// A moving average of how long the operation took, as the child timed it.
					us, _ := strconv.Atoi(f[1])
					typical[trying] = (typical[trying]*7 + time.Duration(us)*time.Microsecond) / 8
				}
			case <-timer:
				break wait
			}
		}
		cmd.Process.Kill()
		for l := range lines {
			got = append(got, l)
		}
		cmd.Wait()
		stdin.Close()
		if exited {
			fail("kill %d: the child stopped by itself before the kill:\n%s", k, stderr.String())
		}

		// What the child reported: every operation done, and the one in flight at the kill.
		pending, known := "", map[string]bool{}
		for id := range model.codes {
			known[id] = true
		}
		for _, l := range got {
			if op, ok := strings.CutPrefix(l, "try "); ok {
				pending = op
			} else if f := strings.Fields(l); f[0] == "ok" {
				result := strings.Join(f[2:], " ")
				model = model.apply(pending, result)
				ops++
				if strings.HasPrefix(pending, "addcode ") {
					known[result] = true
				}
				pending = ""
			}
		}
		check := filepath.Join(dir, "check"+Extension)
		copyProject(t, path, check)
		actual, err := readCrashModel(check, copies, known)
		if err != nil {
			fail("kill %d (%s), in flight %q: %v", k, mode.name, pending, err)
		}
		state := actual.String()
		switch {
		case state == model.String():
		case pending != "" && state == model.apply(pending, "").String():
			byOp[strings.Fields(pending)[0]].landed++
		default:
			msg := "what the child reported done (-) and the file (+):\n" + crashDiff(model.String(), state)
			if pending != "" {
				msg += "\n\nthat plus the operation in flight (-) and the file (+):\n" + crashDiff(model.apply(pending, "").String(), state)
			}
			fail("kill %d (%s), in flight %q: the file is neither what the child reported done nor that plus the operation in flight\n%s",
				k, mode.name, pending, msg)
		}
		if pending != "" {
			byOp[strings.Fields(pending)[0]].inFlight++
			byMode[mode.name].inFlight++
		}
		// The file as found is the new reference (an added code in flight gets its id).
		if model, err = readCrashModel(check, copies, nil); err != nil {
			t.Fatal(err)
		}
		removeFiles(check)
		// A merge killed midway leaves its private copies in the temporary folder.
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			leftBehind += len(left)
			os.RemoveAll(tmp)
			os.Mkdir(tmp, 0o755)
		}
	}
	t.Logf("seed %d: %d kills, %d operations reported done, in %v; %d temporary folders of merges left behind",
		seed, kills, ops, time.Since(start).Round(time.Second), leftBehind)
	for _, m := range crashModes {
		b := byMode[m.name]
		t.Logf("  killed %-18s %4d times, %4d with an operation in flight", m.name+":", b.kills, b.inFlight)
	}
	var names []string
	for op := range byOp {
		names = append(names, op)
	}
	sort.Strings(names)
	for _, op := range names {
		b := byOp[op]
		t.Logf("  in flight at a kill: %-10s %4d times, found done %4d times, not done %4d (typical %v)",
			op, b.inFlight, b.landed, b.inFlight-b.landed, typical[op].Round(time.Millisecond))
	}
}

// crashDiff lists the lines of got that are not in want (+) and of want not in got (-).
func crashDiff(want, got string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var out []string
	for l := range w {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range g {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	if len(out) > 40 {
		out = append(out[:40], fmt.Sprintf("... and %d more", len(out)-40))
	}
	return strings.Join(out, "\n")
}
