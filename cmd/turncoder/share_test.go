package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeCSV(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "codings.csv")
	if err := os.WriteFile(path, []byte("document,turn,coder,code\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCopyCodeMergeRoundTrip is the workflow end to end: the lead makes copies for two
// coders, each codes in their own, and the lead merges them; merged in either order the
// masters are the same, merging again changes nothing, and agreement sees both coders.
func TestCopyCodeMergeRoundTrip(t *testing.T) {
	master := seededProject(t)
	dir := filepath.Join(t.TempDir(), "copies")
	r := mustRun(t, "copy", "-p", master, "--coder", "ana", "--coder", "bo", "-o", dir)
	ana, bo := filepath.Join(dir, "study-ana.turncoder"), filepath.Join(dir, "study-bo.turncoder")
	if !strings.Contains(r.stderr, ana) || !strings.Contains(r.stderr, bo) {
		t.Errorf("copy said %q", r.stderr)
	}
	if got := strings.TrimSpace(mustRun(t, "coders", "-p", ana).stdout); got != "ana" {
		t.Errorf("coders of ana's copy: %q, want ana only", got)
	}
	if got := info(t, bo); got["documents"] != 5 || got["codes"] != info(t, master)["codes"] {
		t.Errorf("bo's copy %v", got)
	}
	// Each codes apart: turn 2 agreed, turn 4 disagreed, turn 18 bo only.
	mustRun(t, "codings", "import", "-p", ana, writeCSV(t,
		"000_d6d2e252924e4e15,2,ana,referral\n000_d6d2e252924e4e15,4,ana,deflection\n"))
	mustRun(t, "codings", "import", "-p", bo, writeCSV(t,
		"000_d6d2e252924e4e15,2,bo,referral\n000_d6d2e252924e4e15,4,bo,\n000_d6d2e252924e4e15,18,bo,admission\n"))
	if got := mustRun(t, "codings", "export", "-p", ana).stdout; strings.Contains(got, ",bo,") {
		t.Errorf("ana's copy shows bo's codings:\n%s", got)
	}

	m1, m2 := filepath.Join(t.TempDir(), "m1.turncoder"), filepath.Join(t.TempDir(), "m2.turncoder")
	mustRun(t, "backup", "-p", master, "-o", m1)
	mustRun(t, "backup", "-p", master, "-o", m2)
	export := func(p string) string { return mustRun(t, "codings", "export", "-p", p).stdout }
	before := export(m1)

	plan := mustRun(t, "merge", "-p", m1, "--dry-run", ana, bo)
	if !strings.Contains(plan.stdout, "dry run: nothing was written") || !strings.Contains(plan.stdout, "ana: codings 2 new") {
		t.Errorf("dry run said:\n%s", plan.stdout)
	}
	if export(m1) != before {
		t.Error("--dry-run changed the master")
	}
	r1 := mustRun(t, "merge", "-p", m1, ana, bo)
	mustRun(t, "merge", "-p", m2, bo, ana)
	if !strings.Contains(r1.stdout, "merged 2 files") || !strings.Contains(r1.stdout, "bo: codings 2 new") {
		t.Errorf("merge said:\n%s", r1.stdout)
	}
	e1, e2 := export(m1), export(m2)
	if e1 != e2 {
		t.Errorf("merged in two orders, the masters differ:\n%s\n%s", e1, e2)
	}
	if n := strings.Count(e1, "\n"); n != 6 || !strings.Contains(e1, ",ana,deflection,") || !strings.Contains(e1, ",bo,admission,") {
		t.Errorf("merged codings:\n%s", e1)
	}
	again := mustRun(t, "merge", "-p", m1, ana, bo)
	if !strings.Contains(again.stdout, "nothing to merge") || export(m1) != e1 {
		t.Errorf("merging again:\n%s", again.stdout)
	}

	var rep struct{ Coders []string }
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "-p", m1, "--json").stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Coders, ",") != "ana,bo" {
		t.Errorf("agree sees coders %v, want ana,bo", rep.Coders)
	}

	var js struct {
		Applied bool
		Sources []struct {
			Path       string
			BoundCoder string `json:"bound_coder"`
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "merge", "-p", m2, "--dry-run", "--json", ana).stdout), &js); err != nil {
		t.Fatal(err)
	}
	if js.Applied || len(js.Sources) != 1 || js.Sources[0].BoundCoder != "ana" {
		t.Errorf("JSON report %+v", js)
	}
}

func TestCopyOneCoderToAFile(t *testing.T) {
	master := seededProject(t)
	out := filepath.Join(t.TempDir(), "for-cy.turncoder")
	mustRun(t, "copy", "-p", master, "--coder", "cy", "-o", out)
	if got := strings.TrimSpace(mustRun(t, "coders", "-p", out).stdout); got != "cy" {
		t.Errorf("coders of the copy %q", got)
	}
	if got := strings.TrimSpace(mustRun(t, "coders", "-p", master).stdout); got != "cy" {
		t.Errorf("the master's coders %q: the copy should have added cy", got)
	}
	if r := run(t, "copy", "-p", master, "--coder", "cy", "-o", out); r.code != 1 || !strings.Contains(r.stderr, "will not overwrite") {
		t.Errorf("copy over an existing file: exit %d %q", r.code, r.stderr)
	}
	// Without -o: beside the project.
	mustRun(t, "copy", "-p", master, "--coder", "dee")
	if _, err := os.Stat(filepath.Join(filepath.Dir(master), "study-dee.turncoder")); err != nil {
		t.Error(err)
	}
}

// TestShareCommandsRefuseInOneSentence: bad usage exits 2, a file that cannot be merged or
// written exits 1 with one sentence naming it, and the master is unchanged.
func TestShareCommandsRefuseInOneSentence(t *testing.T) {
	master := seededProject(t)
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.turncoder")
	os.WriteFile(notes, []byte("Dear lead, my codes are attached.\n"), 0o644)
	other := filepath.Join(dir, "other.turncoder")
	mustRun(t, "init", other)
	before := info(t, master)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"merge", "-p", master}, 2, "at least one project file"},
		{[]string{"merge", master, notes}, 2, "-p FILE"},
		{[]string{"merge", "-p", master, notes}, 1, "is not a turncoder project file"},
		{[]string{"merge", "-p", master, other}, 1, "is a copy of a different project"},
		{[]string{"merge", "-p", master, filepath.Join(dir, "nope.turncoder")}, 1, "there is no file at"},
		{[]string{"copy", "-p", master}, 2, "copy needs a coder"},
		{[]string{"copy", "-p", master, "--coder", "a", "--coder", "b", "-o", notes}, 2, "is a file"},
		{[]string{"backup", "-p", master}, 2, "backup takes an output file"},
		{[]string{"backup", "-p", master, "-o", notes}, 1, "will not overwrite"},
		{[]string{"send", "-p", master}, 2, "send takes a folder"},
		{[]string{"send", "-p", master, "-o", notes}, 2, "is not one"},
		{[]string{"send", "-p", master, "-o", dir}, 1, "has no coders yet"},
		{[]string{"send", "-p", master, "-o", dir, "--coder", "zoe"}, 1, `there is no coder "zoe"`},
	} {
		r := run(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and one line with %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
	if got := info(t, master); got["codings"] != before["codings"] || got["documents"] != before["documents"] {
		t.Errorf("the master changed: %v, was %v", got, before)
	}
}

// turncoder send: from a coder copy, with no --coder, the file is named for the copy's coder
// and the minute, its path is the one line of standard output, and standard error says what
// it holds in one sentence; the file merges into the master.
func TestSendACoderCopy(t *testing.T) {
	master := seededProject(t)
	dir := t.TempDir()
	ana := filepath.Join(dir, "study-ana.turncoder")
	mustRun(t, "copy", "-p", master, "--coder", "ana", "-o", ana)
	doc := strings.TrimSuffix(filepath.Base(seedFiles[0]), ".txt")
	mustRun(t, "codings", "import", "-p", ana, writeCSV(t, doc+",2,ana,referral\n"+doc+",4,ana,deflection\n"))
	out := filepath.Join(dir, "outbox")
	os.Mkdir(out, 0o755)
	r := mustRun(t, "send", "-p", ana, "-o", out)
	path := strings.TrimSpace(r.stdout)
	name := filepath.Base(path)
	if filepath.Dir(path) != out || !strings.HasPrefix(name, "study-ana-") || len(name) != len("study-ana-20261203-1402.turncoder") {
		t.Errorf("sent %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "2 codings by ana on 1 document, last change ") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("send said %q", r.stderr)
	}
	mustRun(t, "merge", "-p", master, path)
	if got := info(t, master)["codings"]; got != 2 {
		t.Errorf("the master holds %d codings after merging the sent file, want 2", got)
	}
}

// turncoder team, end to end on one machine: the lead sets a team folder, makes ana's copy;
// ana sets the same folder and syncs (her snapshot is written there); the lead syncs (it is
// merged); syncing again finds nothing new; a half-copied snapshot is refused in one sentence
// and nothing else changes.
func TestTeamFolderFromTheCommandLine(t *testing.T) {
	master := seededProject(t)
	team := t.TempDir()
	mustRun(t, "team", "-p", master, "--folder", team)
	if r := mustRun(t, "team", "-p", master); strings.TrimSpace(r.stdout) != "team folder: "+team {
		t.Errorf("team said %q", r.stdout)
	}
	ana := filepath.Join(t.TempDir(), "study-ana.turncoder")
	mustRun(t, "copy", "-p", master, "--coder", "ana", "-o", ana)
	doc := strings.TrimSuffix(filepath.Base(seedFiles[0]), ".txt")
	mustRun(t, "codings", "import", "-p", ana, writeCSV(t, doc+",2,ana,referral\n"))
	r := mustRun(t, "team", "-p", ana, "--folder", team, "--sync")
	if want := filepath.Join(team, "study-ana.turncoder") + ": 1 coding by ana on 1 document, last change "; !strings.HasPrefix(r.stdout, want) {
		t.Errorf("ana's sync said %q, want %q…", r.stdout, want)
	}
	r = mustRun(t, "team", "-p", master, "--sync", "--dry-run")
	if !strings.Contains(r.stdout, "dry run") || info(t, master)["codings"] != 0 {
		t.Errorf("the dry run: %q, codings %d", r.stdout, info(t, master)["codings"])
	}
	r = mustRun(t, "team", "-p", master, "--sync")
	if !strings.Contains(r.stdout, "merged 1 file") || info(t, master)["codings"] != 1 {
		t.Errorf("the lead's sync: %q, codings %d", r.stdout, info(t, master)["codings"])
	}
	if r = mustRun(t, "team", "-p", master, "--sync"); !strings.Contains(r.stdout, "nothing new to merge") {
		t.Errorf("syncing again: %q", r.stdout)
	}
	data, _ := os.ReadFile(ana)
	os.WriteFile(filepath.Join(team, "study-bo.turncoder"), data[:len(data)/3], 0o644)
	r = mustRun(t, "team", "-p", master, "--sync")
	if !strings.Contains(r.stderr, "not merged now (tried again next time): ") || !strings.Contains(r.stderr, "study-bo.turncoder is damaged or incomplete") ||
		strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || info(t, master)["codings"] != 1 {
		t.Errorf("a half-copied snapshot: %q / %q", r.stdout, r.stderr)
	}
	if r := run(t, "team", "-p", master, "--folder", filepath.Dir(master)); r.code != 1 || !strings.Contains(r.stderr, "must not be in the folder a sync service keeps") {
		t.Errorf("a team folder holding the project: %d %q", r.code, r.stderr)
	}
}
