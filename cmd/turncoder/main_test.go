package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMain lets the test binary stand in for turncoder: with TURNCODER_RUN_MAIN set it runs
// main with the given arguments, so the tests drive the real command line in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("TURNCODER_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TURNCODER_RUN_MAIN=1", "TURNCODER_HOME="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := run(t, args...)
	if r.code != 0 {
		t.Fatalf("turncoder %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

var seedFiles, _ = filepath.Glob("../../seeds/*.txt")

// seededProject is a project with the five seeds imported.
func seededProject(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "study.turncoder")
	mustRun(t, "init", p)
	mustRun(t, append([]string{"import", "-p", p}, seedFiles...)...)
	return p
}

func info(t *testing.T, p string) map[string]int {
	t.Helper()
	var m map[string]int
	if err := json.Unmarshal([]byte(mustRun(t, "info", "-p", p, "--json").stdout), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestInfoJSONHasExactlyTheContractKeys(t *testing.T) {
	p := seededProject(t)
	var raw map[string]any
	json.Unmarshal([]byte(mustRun(t, "info", "-p", p, "--json").stdout), &raw)
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := "coders codes codings documents notes sections speakers turns"; strings.Join(keys, " ") != want {
		t.Errorf("keys %v, want %s", keys, want)
	}
	got := info(t, p)
	// 212 turns in the calls; the prose seeds' paragraph counts are asserted in the reader's tests.
	if got["documents"] != 5 || got["sections"] != 8 || got["notes"] != 10 || got["speakers"] != 5 || got["codes"] != 4 || got["turns"] < 212+4 {
		t.Errorf("info %v", got)
	}
}

func TestTurnsJSON(t *testing.T) {
	p := seededProject(t)
	var turns []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "turns", "-p", p, "--doc", "000_d6d2e252924e4e15", "--json").stdout), &turns); err != nil {
		t.Fatal(err)
	}
	if len(turns) != 212 {
		t.Fatalf("%d turns", len(turns))
	}
	want := map[string]any{"document": "000_d6d2e252924e4e15", "section": "第一通电话：东营市总工会办公室",
		"turn": 2.0, "speaker": "东营市总工会", "role": "respondent", "text": "喂，您好。"}
	if !reflect.DeepEqual(turns[1], want) {
		t.Errorf("turn 2 = %v\nwant %v", turns[1], want)
	}
	var prose []map[string]any
	json.Unmarshal([]byte(mustRun(t, "turns", "-p", p, "--doc", "002_0560d1e89a0cc262", "--json").stdout), &prose)
	if len(prose) == 0 || prose[0]["section"] != nil || prose[0]["speaker"] != nil || prose[0]["turn"] != 1.0 {
		t.Errorf("prose paragraph %v: section and speaker should be null", prose[0])
	}
}

func TestImportTwiceAndRoles(t *testing.T) {
	p := seededProject(t)
	r := mustRun(t, "import", "-p", p, seedFiles[0])
	if !strings.Contains(r.stderr, "already in the project") {
		t.Errorf("re-import said %q", r.stderr)
	}
	if got := info(t, p); got["documents"] != 5 {
		t.Errorf("documents after re-import: %d", got["documents"])
	}
	out := mustRun(t, "speakers", "-p", p, "--set-role", "ＣＬＢ=interviewer", "--alias", "石油管理局工会=胜利石油管理局工会").stdout
	if !regexpLine(out, `CLB +interviewer +105`) || !regexpLine(out, `胜利石油管理局工会 +respondent +56 +石油管理局工会`) {
		t.Errorf("speakers:\n%s", out)
	}
	if r := run(t, "speakers", "-p", p, "--set-role", "CLB=boss"); r.code != 2 || !strings.Contains(r.stderr, "unknown role") {
		t.Errorf("bad role: exit %d %q", r.code, r.stderr)
	}
}

func regexpLine(out, pattern string) bool {
	for _, l := range strings.Split(out, "\n") {
		if ok, _ := filepathMatchRegexp(pattern, l); ok {
			return true
		}
	}
	return false
}

func TestCodingsRoundTrip(t *testing.T) {
	p := seededProject(t)
	mustRun(t, "coders", "-p", p, "--add", "ana", "--add", "bo")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("document,turn,coder,code\n000_d6d2e252924e4e15,18,ana,referral\n000_d6d2e252924e4e15,18,bo,referral\n000_d6d2e252924e4e15,18,bo,admission\n000_d6d2e252924e4e15,2,ana,\n"), 0o644)
	mustRun(t, "codings", "import", "-p", p, in)
	out := filepath.Join(dir, "out.csv")
	mustRun(t, "codings", "export", "-p", p, "-o", out)
	b, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var cut []string
	for _, l := range lines {
		f := strings.Split(l, ",")
		cut = append(cut, strings.Join(f[:4], ","))
	}
	want := []string{"document,turn,coder,code,time"[:len("document,turn,coder,code")],
		"000_d6d2e252924e4e15,2,ana,", "000_d6d2e252924e4e15,18,ana,referral",
		"000_d6d2e252924e4e15,18,bo,referral", "000_d6d2e252924e4e15,18,bo,admission"}
	if strings.Join(cut, "\n") != strings.Join(want, "\n") || !strings.HasSuffix(lines[0], ",time") {
		t.Errorf("export:\n%s", b)
	}
	// The export reads back in: the same codings, nothing doubled.
	mustRun(t, "codings", "import", "-p", p, out)
	if got := info(t, p); got["codings"] != 3 || got["coders"] != 2 {
		t.Errorf("after re-import %v", got)
	}
}

func TestBadCodingsChangeNothing(t *testing.T) {
	p := seededProject(t)
	mustRun(t, "coders", "-p", p, "--add", "ana")
	in := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(in, []byte("document,turn,coder,code\n000_d6d2e252924e4e15,1,ana,referral\n000_d6d2e252924e4e15,999,ana,referral\n"), 0o644)
	r := run(t, "codings", "import", "-p", p, in)
	if r.code != 1 || !strings.Contains(r.stderr, "line 3") || !strings.Contains(r.stderr, "no turn 999") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("exit %d, stderr %q: want one sentence naming line 3", r.code, r.stderr)
	}
	if got := info(t, p); got["codings"] != 0 {
		t.Errorf("a failed import wrote %d codings", got["codings"])
	}
	noHeader := filepath.Join(t.TempDir(), "nohead.csv")
	os.WriteFile(noHeader, []byte("doc,turn\nx,1\n"), 0o644)
	if r := run(t, "codings", "import", "-p", p, noHeader); r.code != 1 || !strings.Contains(r.stderr, `no "document" column`) {
		t.Errorf("missing header: exit %d %q", r.code, r.stderr)
	}
}

// TestBadSourcesChangeNothing feeds the importer what researchers' folders hold besides
// transcripts: each is refused in one sentence and the project stays as it was.
func TestBadSourcesChangeNothing(t *testing.T) {
	p := seededProject(t)
	before := info(t, p)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		return path
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"empty", []string{write("empty.txt", nil)}, "empty"},
		{"binary", []string{write("photo.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0, 1, 2, 3})}, "binary"},
		{"invalid utf-8", []string{"--encoding", "utf-8", write("latin1.txt", []byte("CLB: caf\xe9\nA: ok\n"))}, "not valid UTF-8"},
		{"50 MB line", []string{write("huge.txt", bytes.Repeat([]byte("a"), 50<<20))}, "line 1"},
		{"csv without columns", []string{write("t.csv", []byte("who,when\nA,1\n"))}, "column"},
		{"docx not a zip", []string{write("t.docx", []byte("this is not a zip"))}, "not a DOCX"},
		{"unknown format", []string{"--format", "pdf", write("x.txt", []byte("A: b\n"))}, "unknown format"},
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, "cannot read it"},
	}
	for _, c := range cases {
		r := run(t, append([]string{"import", "-p", p}, c.args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and %q", c.name, r.code, r.stderr, c.want)
		}
		for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
			if len(line) > 400 || strings.Contains(line, "goroutine") {
				t.Errorf("%s: not one readable sentence: %q", c.name, line)
			}
		}
		if got := info(t, p); !reflect.DeepEqual(got, before) {
			t.Errorf("%s changed the project: %v, was %v", c.name, got, before)
		}
	}
}

func TestExitCodes(t *testing.T) {
	if r := run(t, "frobnicate"); r.code != 2 {
		t.Errorf("unknown command: exit %d", r.code)
	}
	if r := run(t, "info"); r.code != 2 || !strings.Contains(r.stderr, "-p FILE") {
		t.Errorf("info without -p: exit %d %q", r.code, r.stderr)
	}
	if r := run(t, "info", "-p", filepath.Join(t.TempDir(), "none.turncoder")); r.code != 1 || !strings.Contains(r.stderr, "no project file") {
		t.Errorf("missing project: exit %d %q", r.code, r.stderr)
	}
	if r := run(t, "info", "--bogus"); r.code != 2 {
		t.Errorf("unknown flag: exit %d", r.code)
	}
	p := filepath.Join(t.TempDir(), "x.turncoder")
	mustRun(t, "init", p)
	if r := run(t, "init", p); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("init over a project: exit %d %q", r.code, r.stderr)
	}
	// Flags may follow the sources.
	src := filepath.Join(t.TempDir(), "call.txt")
	os.WriteFile(src, []byte("A：你好\nB：您好\nA：再见\n"), 0o644)
	mustRun(t, "import", src, "-p", p)
	if got := info(t, p); got["turns"] != 3 {
		t.Errorf("import with -p after the source: %v", got)
	}
}

func filepathMatchRegexp(pattern, s string) (bool, error) { return regexp.MatchString(pattern, s) }

// TestImportGB18030Transcript imports a transcript saved by a Chinese Windows editor: GB18030,
// CRLF line ends, full-width labels. Detected without --encoding, read as the UTF-8 original.
func TestImportGB18030Transcript(t *testing.T) {
	p := filepath.Join(t.TempDir(), "p.turncoder")
	mustRun(t, "init", p)
	utf8Text := "第一通电话：东营市总工会办公室\r\nＣＬＢ：喂，您好，请问是东营市总工会吗？\r\n东营市总工会：哪里？\r\n（对部长说：中国劳工什么……）\r\nＣＬＢ：我这是中国劳工通\r\n讯。\r\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(utf8Text)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "call-gb.txt")
	os.WriteFile(src, []byte(gb), 0o644)
	r := mustRun(t, "import", "-p", p, src)
	if !strings.Contains(r.stderr, "gb18030") {
		t.Errorf("import did not report the encoding: %q", r.stderr)
	}
	var turns []map[string]any
	json.Unmarshal([]byte(mustRun(t, "turns", "-p", p, "--json").stdout), &turns)
	if len(turns) != 3 || turns[0]["speaker"] != "CLB" || turns[2]["text"] != "我这是中国劳工通讯。" || turns[1]["section"] != "第一通电话：东营市总工会办公室" {
		t.Errorf("turns %v", turns)
	}
	if got := info(t, p); got["notes"] != 1 || got["sections"] != 1 {
		t.Errorf("info %v", got)
	}
}

func TestInitDemoMakesTheDemoProjectAndNeverReplacesAFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "demo.turncoder")
	mustRun(t, "init", "--demo", p)
	info := mustRun(t, "info", "-p", p, "--json").stdout
	for _, want := range []string{`"documents": 5`, `"sections": 8`, `"codes": 4`} {
		if !strings.Contains(info, want) {
			t.Errorf("the demo project's info lacks %s:\n%s", want, info)
		}
	}
	if roles := mustRun(t, "speakers", "-p", p).stdout; !strings.Contains(roles, "interviewer") {
		t.Errorf("the demo project's speakers have no roles:\n%s", roles)
	}
	before, _ := os.ReadFile(p)
	r := run(t, "init", "--demo", p)
	if r.code == 0 || !strings.Contains(r.stderr, "exists already") {
		t.Errorf("init --demo over an existing file: exit %d, %q", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
		t.Error("init --demo changed the existing file")
	}
}
