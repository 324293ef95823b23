package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// tornProject is a project of one document of n turns, every one codable, and coders ana
// and bo.
func tornProject(t testing.TB, dir string, n int) *Project {
	t.Helper()
	p, err := Create(filepath.Join(dir, "study"+Extension), shareCodebook)
	if err != nil {
		t.Fatal(err)
	}
	doc := &coding.Document{Title: "calls", Format: "turns"}
	for i := 0; i < n; i++ {
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: []string{"工会甲", "工会乙"}[i%2],
			Text: fmt.Sprintf("第%d句：我们不知道这个事情，你去问劳动局。", i+1)})
	}
	ctx := context.Background()
	if _, err := p.Import(ctx, doc, "calls.txt", nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"ana", "bo"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// workOf is everything the coders did in p, a line per row, sorted: what a copy must hold
// exactly as it was at some moment.
func workOf(t testing.TB, p *Project) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT 'coding', k.name, t.position, c.code_id, c.removed FROM codings c JOIN coders k ON k.id = c.coder_id JOIN turns t ON t.id = c.turn_id`,
		`SELECT 'review', k.name, t.position, '', r.reviewed FROM reviews r JOIN coders k ON k.id = r.coder_id JOIN turns t ON t.id = r.turn_id`,
		`SELECT 'memo', k.name, t.position, m.text, 0 FROM memos m JOIN coders k ON k.id = m.coder_id JOIN turns t ON t.id = m.turn_id`,
	} {
		rows, err := p.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var kind, coder, code string
			var pos, flag int
			if err := rows.Scan(&kind, &coder, &pos, &code, &flag); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %s %d %s %d", kind, coder, pos, code, flag))
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}

// closedBytes closes p and returns its file's bytes (the -wal all in it).
func closedBytes(t testing.TB, p *Project) []byte {
	t.Helper()
	p.Close()
	data, err := os.ReadFile(p.Path())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// refusedAsTorn fails unless err is one of the sentences a damaged or incomplete copy gets.
func refusedAsTorn(t testing.TB, what string, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.Contains(msg, "incomplete") && !strings.Contains(msg, "damaged") {
		t.Errorf("%s was refused with %q, not as damaged or incomplete", what, msg)
	}
	if strings.Count(strings.TrimSuffix(msg, "."), ". ") > 0 || strings.Contains(msg, "\n") {
		t.Errorf("%s: the refusal is more than one sentence: %q", what, msg)
	}
}

// A copy that caught the checkpoint half way holds some pages of the file from before a change
// and some from after. Every such mixture of two states, page by page, either opens holding
// exactly one of the two states or is refused in one sentence; and the mixtures that hold
// rows of both are refused (the digest), not opened as a state that never was.
func TestAMixOfTwoStatesIsRefusedOrOneOfThem(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := tornProject(t, dir, 400)
	var before []coding.CodingRow
	for i := 1; i <= 200; i++ {
		before = append(before, coding.CodingRow{Document: "calls", Turn: i, Coder: "ana", Code: "c-ref"})
	}
	if _, err := p.ImportCodings(ctx, before, "test"); err != nil {
		t.Fatal(err)
	}
	stateA := workOf(t, p)
	a := closedBytes(t, p)

	p = mustOpen(t, p.Path())
	var change []coding.CodingRow // one transaction over many pages: bo everywhere, ana on the rest
	for i := 1; i <= 400; i++ {
		change = append(change, coding.CodingRow{Document: "calls", Turn: i, Coder: "bo", Code: "c-def"})
		if i > 200 {
			change = append(change, coding.CodingRow{Document: "calls", Turn: i, Coder: "ana", Code: "c-adm"})
		}
	}
	if _, err := p.ImportCodings(ctx, change, "test"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, "ana", turnsOf(t, p)[3], "转介到劳动局"); err != nil {
		t.Fatal(err)
	}
	stateB := workOf(t, p)
	b := closedBytes(t, p)

	const page = 4096
	pages := max(len(a), len(b)) / page
	opened, refused := 0, 0
	try := func(name string, data []byte) {
		path := filepath.Join(t.TempDir(), "copy"+Extension)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		q, err := Open(path)
		if err != nil {
			refusedAsTorn(t, name, err)
			refused++
			return
		}
		defer q.Close()
		got := strings.Join(workOf(t, q), "\n")
		if got != strings.Join(stateA, "\n") && got != strings.Join(stateB, "\n") {
			t.Errorf("%s opened holding %d rows that are neither the state before (%d) nor after (%d)",
				name, len(workOf(t, q)), len(stateA), len(stateB))
		}
		opened++
	}
	pageOf := func(data []byte, i int) []byte {
		if (i+1)*page <= len(data) {
			return data[i*page : (i+1)*page]
		}
		return nil
	}
	mix := func(newer func(i int) bool, length int) []byte {
		out := make([]byte, 0, length)
		for i := 0; i*page < length; i++ {
			pa, pb := pageOf(a, i), pageOf(b, i)
			switch {
			case newer(i) && pb != nil || pa == nil:
				out = append(out, pb...)
			default:
				out = append(out, pa...)
			}
		}
		return out
	}
	for k := 1; k < pages; k++ {
		for _, length := range []int{len(a), len(b)} {
			try(fmt.Sprintf("new pages before %d, %d bytes", k, length), mix(func(i int) bool { return i < k }, length))
			try(fmt.Sprintf("new pages from %d, %d bytes", k, length), mix(func(i int) bool { return i >= k }, length))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 60; n++ {
		try(fmt.Sprintf("random mix %d", n), mix(func(int) bool { return rng.IntN(2) == 0 }, len(b)))
	}
	for _, data := range [][]byte{a, b} {
		if !strings.Contains(string(data[:16]), "SQLite") {
			t.Fatal("not a database")
		}
	}
	t.Logf("%d pages; of the mixtures %d opened as one state, %d refused", pages, opened, refused)
	if refused == 0 {
		t.Error("no mixture was refused: the test did not mix the change's pages")
	}
}

// TestTornWriterChild is the writer of TestCopiesTakenWhileTheAppWrites: it codes the turns of
// the project one after the other, a commit each (tornEvent), says "ready" after the first and,
// when the parent asks it to stop, how many it committed.
func TestTornWriterChild(t *testing.T) {
	path := os.Getenv("TURNCODER_TORN_WRITER")
	if path == "" {
		t.Skip("the child process of TestCopiesTakenWhileTheAppWrites")
	}
	p, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	stop := make(chan struct{})
	go func() { bufio.NewReader(os.Stdin).ReadString('\n'); close(stop) }()
	turns := turnsOf(t, p)
	n := 0
	for ; n < tornPasses*len(turns); n++ {
		select {
		case <-stop:
			p.Close()
			fmt.Println(n)
			os.Exit(0)
		default:
		}
		if err := p.SetState(context.Background(), "ana", turns[n%len(turns)], tornEvent(n/len(turns)), "code"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if n == 0 {
			fmt.Println("ready")
		}
	}
	<-stop
	p.Close()
	fmt.Println(n)
	os.Exit(0)
}

// startTornWriter makes a project of tornTurns turns in dir and starts TestTornWriterChild
// on it in a process of its own, once it has committed its first change. stop tells it to
// stop and returns how many changes it committed (failing the test if it failed).
func startTornWriter(t *testing.T, dir string) (path string, stop func() int) {
	t.Helper()
	p := tornProject(t, dir, tornTurns)
	path = p.Path()
	p.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestTornWriterChild$")
	cmd.Env = append(os.Environ(), "TURNCODER_TORN_WRITER="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	if line, err := out.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("the writer did not start: %q %v\n%s", line, err, stderr.String())
	}
	return path, func() int {
		t.Helper()
		stdin.Write([]byte("stop\n"))
		line, _ := out.ReadString('\n')
		cmd.Wait()
		written, err := strconv.Atoi(strings.TrimSpace(line))
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("the writer failed (%q): %s", line, stderr.String())
		}
		return written
	}
}

const (
	tornTurns  = 300
	tornPasses = 15
)

// tornEvent is the writer's state of a turn in pass p (0 to 14): reviewed, with the codes
// whose bits are set in p+1, so that each pass leaves a state of its own.
func tornEvent(pass int) coding.TurnState {
	var codes []string
	for k := range shareCodebook {
		if (pass+1)&(1<<k) != 0 {
			codes = append(codes, shareCodebook[k].ID)
		}
	}
	return coding.TurnState{Reviewed: true, Codes: codes}
}

// writerPasses reads, turn by turn, which pass of the writer a copy holds: -1 not yet coded,
// -100 a state no pass leaves.
func writerPasses(t testing.TB, p *Project) []int {
	t.Helper()
	rows, err := p.db.Query(`SELECT t.position,
		COALESCE((SELECT r.reviewed FROM reviews r WHERE r.coder_id = k.id AND r.turn_id = t.id), 0),
		COALESCE((SELECT SUM(CASE c.code_id WHEN 'c-ref' THEN 1 WHEN 'c-def' THEN 2 WHEN 'c-adm' THEN 4 ELSE 8 END)
			FROM codings c WHERE c.coder_id = k.id AND c.turn_id = t.id AND c.removed = 0), 0)
		FROM turns t, coders k WHERE k.name = 'ana' ORDER BY t.position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var pos, reviewed, bits int
		if err := rows.Scan(&pos, &reviewed, &bits); err != nil {
			t.Fatal(err)
		}
		switch {
		case reviewed == 0 && bits == 0:
			out = append(out, -1)
		case reviewed == 0:
			out = append(out, -100)
		default:
			out = append(out, bits-1)
		}
	}
	return out
}

// The test: a writer commits codings in a loop (a process of its own, as the app is)
// while this one copies the project file alone at random moments, a thousand times. Every copy
// opens holding the writer's changes up to some point, every one of them and nothing after, or
// is refused in one sentence.
func TestCopiesTakenWhileTheAppWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("a thousand copies")
	}
	dir := t.TempDir()
	path, stop := startTornWriter(t, dir)
	rng := rand.New(rand.NewPCG(3, 4))
	copies := filepath.Join(dir, "copies")
	os.Mkdir(copies, 0o755)
	const n = 1000
	for i := 0; i < n; i++ {
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(copies, strconv.Itoa(i)+Extension), data, 0o644)
	}
	written := stop()

	last, refused := -1, 0
	for i := 0; i < n; i++ {
		c, err := Open(filepath.Join(copies, strconv.Itoa(i)+Extension))
		if err != nil {
			refusedAsTorn(t, fmt.Sprintf("copy %d", i), err)
			t.Logf("copy %d: %v", i, err)
			refused++
			continue
		}
		passes := writerPasses(t, c)
		c.Close()
		// k events up to some point give turn j the pass of its last event among the first k.
		k := 0
		for _, p := range passes {
			k += p + 1
		}
		for j, p := range passes {
			want := -1
			if k > j {
				want = (k - 1 - j) / tornTurns
			}
			if p != want {
				t.Fatalf("copy %d holds turn %d at pass %d, but the first %d of the writer's changes leave it at %d: not a prefix", i, j+1, p, k, want)
			}
		}
		if k > written {
			t.Fatalf("copy %d holds %d changes; the writer made %d", i, k, written)
		}
		if k < last {
			t.Errorf("copy %d holds %d changes, fewer than copy taken before it (%d)", i, k, last)
		}
		last = k
	}
	t.Logf("the writer committed %d changes; of %d copies, %d refused, the last holding %d changes", written, n, refused, last)
	if last < written/2 {
		t.Errorf("the copies held at most %d of the writer's %d changes: the file alone did not keep up", last, written)
	}
}

const secondProcessRounds = 150

// Two processes on one project: while a writer commits in a loop (the app), another opens the
// file again and again (the command line, a second window) and writes too, closing it each
// time (a TRUNCATE checkpoint). Every open and every write succeeds. (The identifying
// connection now has a busy timeout like the others; this test passes without it too, so the
// issue's 6% of failed opens is not reproduced here.)
func TestASecondProcessOpensAndWritesWhileTheFirstWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("two processes")
	}
	dir := t.TempDir()
	path, stop := startTornWriter(t, dir)
	failed := 0
	for i := 0; i < secondProcessRounds; i++ {
		q, err := Open(path)
		if err != nil {
			t.Errorf("open %d while the other process writes: %v", i, err)
			failed++
			continue
		}
		turns := turnsOf(t, q)
		if err := q.SetState(context.Background(), "bo", turns[i%len(turns)], coding.TurnState{Reviewed: true}, "review"); err != nil {
			t.Errorf("write %d while the other process writes: %v", i, err)
			failed++
		}
		q.Close()
	}
	stop()
	if failed > 0 {
		t.Errorf("%d of %d opens and writes failed", failed, secondProcessRounds)
	}
}
