package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// A record in which "附註：" (a note of the clerk's, twice) reads as a speaker's label; the
// researcher knows it is not one.
const recordTXT = "主席：現在開會。\n陳議員：我想問政府。\n附註：政府其後書面回覆。\n主席：局長。\n局長：我們會研究。\n附註：局長其後補充。\n陳議員：多謝。\n局長：不用客氣。\n"

// TestImportDryRunWritesNothing: --dry-run reads the sources and prints their preview; the
// project file is byte for byte as it was, with nothing beside it.
func TestImportDryRunWritesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "study.turncoder")
	mustRun(t, "init", p)
	before, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "record.txt")
	os.WriteFile(src, []byte(recordTXT), 0o644)
	r := mustRun(t, "import", "--dry-run", "-p", p, src, seedFiles[0])
	for _, want := range []string{
		`record.txt: "record", read as turns, utf-8: 0 sections, 8 turns, 0 notes`,
		"第一通电话：东营市总工会办公室", // the seed's sections
		"陳議員", "first lines:", "CLB: 喂？",
		"nothing was written (--dry-run)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the preview lacks %q:\n%s", want, r.stdout)
		}
	}
	after, _ := os.ReadFile(p)
	if !bytes.Equal(before, after) {
		t.Error("--dry-run changed the project file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files after --dry-run, want the project and the source", len(entries))
	}
	if n := info(t, p)["documents"]; n != 0 {
		t.Errorf("%d documents after --dry-run", n)
	}
}

// TestImportDryRunJSON: the JSON keys are a contract; speakers come with their turns and the
// role the import would give (the project's for a known speaker), and a duplicate is named.
func TestImportDryRunJSON(t *testing.T) {
	p := seededProject(t)
	src := filepath.Join(t.TempDir(), "record.txt")
	os.WriteFile(src, []byte("CLB：你好\n主席：開會。\nCLB：再見\n主席：散會。\n"), 0o644)
	mustRun(t, "speakers", "-p", p, "--set-role", "CLB=other")
	r := mustRun(t, "import", "--dry-run", "--json", "-p", p, src, seedFiles[0])
	var raw []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(raw) != 2 {
		t.Fatalf("%d previews for two files", len(raw))
	}
	var keys []string
	for k := range raw[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := []string{"encoding", "file", "first", "format", "notes", "sections", "speakers", "timed", "title", "turns", "warnings"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	var pv []struct {
		Format    string
		Turns     int
		Duplicate string
		Speakers  []struct {
			Label string
			Turns int
			Role  string
			Known bool
		}
	}
	json.Unmarshal([]byte(r.stdout), &pv)
	got := pv[0].Speakers
	if len(got) != 2 || got[0].Label != "CLB" || got[0].Turns != 2 || got[0].Role != "other" || !got[0].Known ||
		got[1].Label != "主席" || got[1].Role != "respondent" || got[1].Known {
		t.Errorf("speakers %+v", got)
	}
	if pv[1].Duplicate == "" {
		t.Errorf("the seed, already imported, is not named a duplicate: %+v", pv[1])
	}
}

// TestImportChoices: what the preview lets the researcher decide reaches the import: a label
// that is not a speaker joins the turn before it, and a role chosen for a new speaker (and
// for a known one) is theirs in the project. The dry run shows both beforehand.
func TestImportChoices(t *testing.T) {
	p := filepath.Join(t.TempDir(), "study.turncoder")
	mustRun(t, "init", p)
	src := filepath.Join(t.TempDir(), "record.txt")
	os.WriteFile(src, []byte(recordTXT), 0o644)
	args := []string{"-p", p, "--not-speaker", "附註", "--role", "主席=interviewer", src}
	r := mustRun(t, append([]string{"import", "--dry-run"}, args...)...)
	if !strings.Contains(r.stdout, "陳議員: 我想問政府。附註：政府其後書面回覆。") || !strings.Contains(r.stdout, "6 turns") {
		t.Errorf("the preview does not join the line:\n%s", r.stdout)
	}
	mustRun(t, append([]string{"import"}, args...)...)
	turns := mustRun(t, "turns", "-p", p, "--json").stdout
	if !strings.Contains(turns, "我想問政府。附註：政府其後書面回覆。") || strings.Contains(turns, `"speaker": "附註"`) {
		t.Errorf("turns after the import:\n%s", turns)
	}
	speakers := mustRun(t, "speakers", "-p", p).stdout
	if !strings.Contains(speakers, "主席") || !strings.Contains(strings.Split(strings.SplitAfter(speakers, "主席")[1], "\n")[0], "interviewer") {
		t.Errorf("主席 is not an interviewer:\n%s", speakers)
	}
	// A role chosen for a speaker the project knows is refused: roles of known speakers are
	// changed with speakers --set-role, where every document they speak in follows.
	src2 := filepath.Join(t.TempDir(), "second.txt")
	os.WriteFile(src2, []byte("主席：再開會。\n局長：好。\n主席：散會。\n"), 0o644)
	r = run(t, "import", "-p", p, "--role", "主席=other", src2)
	if r.code != 1 || !strings.Contains(r.stderr, "主席 is a speaker of the project already, with the role interviewer; a role chosen on import is for new speakers") {
		t.Errorf("another role for a known speaker: exit %d, %q", r.code, r.stderr)
	}
	if n := info(t, p)["documents"]; n != 1 {
		t.Errorf("%d documents after the refused import", n)
	}
}

// TestImportDryRunRefusals: a file that would be refused says so in its sentence and the exit
// status is 1; bad flags are usage errors.
func TestImportDryRunRefusals(t *testing.T) {
	p := filepath.Join(t.TempDir(), "study.turncoder")
	mustRun(t, "init", p)
	empty := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	r := run(t, "import", "--dry-run", "-p", p, empty)
	if r.code != 1 || !strings.Contains(r.stderr, "the file is empty; it would not be imported") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "import", "--json", "-p", p, empty); r.code != 2 || !strings.Contains(r.stderr, "--dry-run") {
		t.Errorf("--json without --dry-run: exit %d, %q", r.code, r.stderr)
	}
	if r := run(t, "import", "--dry-run", "--role", "主席=boss", empty); r.code != 2 {
		t.Errorf("a bad role: exit %d, %q", r.code, r.stderr)
	}
	// Without a project the preview reads the sources alone.
	src := filepath.Join(t.TempDir(), "record.txt")
	os.WriteFile(src, []byte(recordTXT), 0o644)
	if r := mustRun(t, "import", "--dry-run", src); !strings.Contains(r.stdout, "8 turns") {
		t.Errorf("no preview without a project:\n%s", r.stdout)
	}
}

// TestImportSaysWhenAFileComesInTwice: the same file read with other choices has other content
// and comes in as a second document; the preview and the import say so.
func TestImportSaysWhenAFileComesInTwice(t *testing.T) {
	p := filepath.Join(t.TempDir(), "study.turncoder")
	mustRun(t, "init", p)
	src := filepath.Join(t.TempDir(), "record.txt")
	os.WriteFile(src, []byte(recordTXT), 0o644)
	mustRun(t, "import", "-p", p, src)
	r := mustRun(t, "import", "--dry-run", "-p", p, "--not-speaker", "附註", src)
	if !strings.Contains(r.stdout, `note: the project has a document "record" from a file of this name or title already, with other content`) {
		t.Errorf("the preview does not say it:\n%s", r.stdout)
	}
	r = mustRun(t, "import", "-p", p, "--not-speaker", "附註", src)
	if !strings.Contains(r.stderr, `note: the project has a document "record" from a file of this name or title already, with other content (read with other choices?); this import made a second document`) {
		t.Errorf("the import does not say it:\n%s", r.stderr)
	}
	if n := info(t, p)["documents"]; n != 2 {
		t.Errorf("%d documents", n)
	}
}
