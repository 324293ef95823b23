package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// REFI-QDA projects (.qdpx) in and out of the command line: export --format qdpx, import of a
// .qdpx (and of one renamed .zip), its report, --dry-run, and the bad ones in the catalogue.

// qdeOf makes a project.qde of a text source with the given selections (XML of
// <PlainTextSelection> elements) and codes, users and notes (XML of their lists' contents).
func qdeOf(users, codes, selections, notes string) string {
	s := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="test">`
	if users != "" {
		s += "<Users>" + users + "</Users>"
	}
	if codes != "" {
		s += "<CodeBook><Codes>" + codes + "</Codes></CodeBook>"
	}
	s += `<Sources><TextSource guid="11111111-1111-4111-8111-111111111111" name="call.txt" plainTextPath="internal://11111111-1111-4111-8111-111111111111.txt">` +
		selections + `</TextSource></Sources>`
	if notes != "" {
		s += "<Notes>" + notes + "</Notes>"
	}
	return s + "</Project>"
}

const qdpxText = "CLB: 喂，您好，请问是东营市总工会吗？\n东营市总工会: 哪里？\nCLB: 我这是中国劳工通讯。\n"

func qdpxOf(t *testing.T, qde string) []byte {
	return zipOfParts(t, "project.qde", qde, "sources/11111111-1111-4111-8111-111111111111.txt", qdpxText)
}

// manyParts is a zip of n empty parts beside a project.qde.
func manyParts(t *testing.T, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(qdeOf("", "", "", "")))
	for i := 0; i < n; i++ {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("sources/%d.txt", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyCodes is the XML of n codes.
func manyCodes(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<Code guid="00000000-0000-4000-8000-%012d" name="code %d" isCodable="true"/>`, i, i)
	}
	return b.String()
}

// manyCoders is the XML of n users and of one selection each of them coded.
func manyCoders(n int) (users, selections string) {
	var u, s strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&u, `<User guid="00000000-0000-4000-9000-%012d" name="coder %d"/>`, i, i)
		fmt.Fprintf(&s, `<PlainTextSelection guid="00000000-0000-4000-a000-%012d" startPosition="5" endPosition="10" creatingUser="00000000-0000-4000-9000-%012d"/>`, i, i)
	}
	return u.String(), s.String()
}

func init() {
	badInputs = append(badInputs, []struct {
		name string
		args func(e *badEnv) []string
		code int
		want string
	}{
		// REFI-QDA projects that are damaged, hostile or too large: one sentence, nothing written.
		{"a REFI-QDA project whose project.qde is a zip bomb", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("bomb.qdpx", zipBomb(e.t, "project.qde", 2*gigabyte, 2*gigabyte))}
		}, 1, "bomb.qdpx: the project's XML (project.qde) is 2048 MB, more than the 256 MB turncoder reads; turncoder refuses it; nothing was imported from it"},
		{"a REFI-QDA project whose project.qde lies about its size", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("liar.qdpx", zipBomb(e.t, "project.qde", 2*gigabyte, 1<<20))}
		}, 1, "liar.qdpx: the REFI-QDA project is damaged: project.qde"},
		{"a REFI-QDA project whose source is a zip bomb", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("bomb.qdpx", zipBomb(e.t, "sources/11111111-1111-4111-8111-111111111111.txt", 2*gigabyte, 2*gigabyte,
				"project.qde", qdeOf("", "", "", "")))}
		}, 1, `bomb.qdpx: the text of "call" (sources/11111111-1111-4111-8111-111111111111.txt) is 2048 MB, more than the 256 MB turncoder reads`},
		{"a REFI-QDA project of 20,001 parts", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("parts.qdpx", manyParts(e.t, 20001))}
		}, 1, "the REFI-QDA project holds 20002 files, more than the 20000 turncoder reads; turncoder refuses it"},
		{"a REFI-QDA project with a part named ../", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("slip.qdpx", zipOfParts(e.t, "project.qde", qdeOf("", "", "", ""), "../../.bashrc", "rm -rf ~"))}
		}, 1, `the REFI-QDA project has a file named "../../.bashrc", which points outside the archive; turncoder refuses it`},
		{"a REFI-QDA project with a part named by an absolute path", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("slip.qdpx", zipOfParts(e.t, "project.qde", qdeOf("", "", "", ""), "/etc/cron.d/x", "* * * * *"))}
		}, 1, `has a file named "/etc/cron.d/x", which points outside the archive`},
		{"a REFI-QDA project whose project.qde declares entities", func(e *badEnv) []string {
			lol := `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>`
			return []string{"import", "-p", e.project, e.file("lol.qdpx", zipOfParts(e.t, "project.qde", lol))}
		}, 1, "lol.qdpx: the REFI-QDA project's project.qde declares a document type (<!DOCTYPE …>), which REFI-QDA files never have; turncoder refuses it"},
		{"a REFI-QDA project whose project.qde reaches for a file", func(e *badEnv) []string {
			xxe := `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>`
			return []string{"import", "-p", e.project, e.file("xxe.qdpx", zipOfParts(e.t, "project.qde", xxe))}
		}, 1, "declares a document type"},
		{"a REFI-QDA project whose project.qde is cut short", func(e *badEnv) []string {
			q := qdeOf("", "", "", "")
			return []string{"import", "-p", e.project, e.file("cut.qdpx", qdpxOf(e.t, q[:len(q)/2]))}
		}, 1, "cut.qdpx: the REFI-QDA project's project.qde ends early; export the project again"},
		{"a text file named .qdpx", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("notes.qdpx", []byte(callText))}
		}, 1, "notes.qdpx: the file is not a REFI-QDA project: it is not a zip archive"},
		{"a zip of transcripts named .qdpx", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("calls.qdpx", zipOfParts(e.t, "calls/call1.txt", callText))}
		}, 1, "calls.qdpx: the file is not a REFI-QDA project: its zip archive has no project.qde"},
		{"a REFI-QDA project cut short", func(e *badEnv) []string {
			whole := qdpxOf(e.t, qdeOf("", "", "", ""))
			return []string{"import", "-p", e.project, e.file("cut.qdpx", whole[:len(whole)-30])}
		}, 1, "cut.qdpx: the REFI-QDA project is damaged or cut short"},
		{"two .qde files and no project.qde", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("two.qdpx", zipOfParts(e.t, "a.qde", qdeProject, "b.qde", qdeProject))}
		}, 1, "the REFI-QDA project holds 2 .qde files (a.qde, b.qde) and no project.qde; turncoder cannot tell which is the project"},
		{"a codebook in a zip named .qdpx", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("book.qdpx", zipOfParts(e.t, "project.qde", qdcHead+`<Code guid="`+qdcGUID+`" name="x" isCodable="true"/></Codes></CodeBook>`))}
		}, 1, "book.qdpx: the file is not a REFI-QDA project: its .qde holds a codebook; import that with codebook --import"},
		{"the XML of a REFI-QDA project alone", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("project.qde", []byte(qdeProject))}
		}, 1, "project.qde: it is the XML of a REFI-QDA project (.qde) alone, without its sources; import the .qdpx file it came from"},
		{"a REFI-QDA project past the codes' limit", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, e.file("codes.qdpx", qdpxOf(e.t, qdeOf("", manyCodes(1001), "", "")))}
		}, 1, "codes.qdpx: the file's codebook: the codebook would have 1005 codes, more than the 1000 turncoder allows; nothing was imported from it"},
		{"a REFI-QDA project past the coders' limit", func(e *badEnv) []string {
			users, sels := manyCoders(99)
			return []string{"import", "-p", e.project, e.file("coders.qdpx", qdpxOf(e.t, qdeOf(users, "", sels, "")))}
		}, 1, "coders.qdpx: the project would have 101 coders after this import, more than the 100 turncoder allows; nothing was imported from it"},
		{"a REFI-QDA project with a role chosen for a known speaker", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, "--role", "CLB=respondent", e.file("study.qdpx", qdpxOf(e.t, qdeOf("", "", "", "")))}
		}, 1, "CLB is a speaker of the project already, with the role interviewer; a role chosen on import is for new speakers"},
		{"a REFI-QDA project read as a table", func(e *badEnv) []string {
			return []string{"import", "-p", e.project, "--format", "xlsx", e.file("study.qdpx", qdpxOf(e.t, qdeOf("", "", "", "")))}
		}, 2, "--format xlsx does not apply to a REFI-QDA project, whose sources are plain text or Word files; use --format turns or prose, or none"},
		{"export --format qdpx to a workbook's name", func(e *badEnv) []string {
			return []string{"export", "-p", e.project, "--format", "qdpx", "-o", filepath.Join(e.out, "study.xlsx")}
		}, 2, `the REFI-QDA project's name must end in .qdpx, not "study.xlsx"`},
		{"export --format qdpx of one document", func(e *badEnv) []string {
			return []string{"export", "-p", e.project, "--format", "qdpx", "--doc", "000_d6d2e252924e4e15", "-o", filepath.Join(e.out, "study.qdpx")}
		}, 2, "export --format qdpx writes the whole project; --doc, --section, --role, --codes and --coders choose what the agreement workbook covers"},
		{"export --format qdpx over a workbook", func(e *badEnv) []string {
			return []string{"export", "-p", e.project, "--format", "qdpx", "-o", e.file("study.qdpx", []byte("a report, not a project"))}
		}, 1, "study.qdpx already exists and is not a REFI-QDA project; turncoder will not overwrite it"},
	}...)
}

func xmllintProject(t *testing.T, qde string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("xmllint not installed (apt-get install libxml2-utils); set CI to make this a failure")
		}
		t.Fatalf("xmllint is needed in CI: %v", err)
	}
	path := filepath.Join(t.TempDir(), "project.qde")
	os.WriteFile(path, []byte(qde), 0o644)
	if out, err := exec.Command(bin, "--noout", "--schema", "../../coding/refi/testdata/Project.xsd", path).CombinedOutput(); err != nil {
		t.Fatalf("xmllint rejects project.qde: %v\n%s", err, out)
	}
}

func partOf(t *testing.T, zipPath, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			return b.String()
		}
	}
	t.Fatalf("%s has no %s", zipPath, name)
	return ""
}

// withoutTimes drops the time column of codings export's CSV.
func withoutTimes(csv string) string {
	var out []string
	for _, l := range strings.Split(csv, "\n") {
		if i := strings.LastIndex(l, ","); i >= 0 {
			l = l[:i]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// TestQDPXExportImport: export --format qdpx writes a project.qde that validates against the
// standard's schema; importing the file into a fresh project prints its report and gives the
// same turns, speakers with their roles, coders, codings and codebook as the command line shows
// them; --dry-run prints the same report and writes nothing, and its JSON keeps a transcript's
// preview as it was beside the project's report; a .qdpx renamed .zip imports the same.
func TestQDPXExportImport(t *testing.T) {
	p := codedProject(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "study.qdpx")
	r := mustRun(t, "export", "-p", p, "--format", "qdpx", "-o", out)
	if !strings.Contains(r.stderr, "wrote "+out+": 5 documents, 2 coders, 4 codes, 6 selections (a coder's work on a turn), 6 codings, 0 memos") {
		t.Errorf("export said %q", r.stderr)
	}
	xmllintProject(t, partOf(t, out, "project.qde"))

	fresh := filepath.Join(dir, "fresh.turncoder")
	mustRun(t, "init", fresh)
	before, _ := os.ReadFile(fresh)
	dry := mustRun(t, "import", "-p", fresh, "--dry-run", out)
	for _, want := range []string{
		out + `: a REFI-QDA project "study" from turncoder, 5 documents (533 turns), 2 coders, 4 codes, 6 spans put on turns (0 across several turns), 6 codings, 6 reviewed marks, 0 memos`,
		`"000_d6d2e252924e4e15", read as turns: 8 sections, 212 turns, 10 notes, 5 speakers; 6 spans put on turns`,
		"coders: ana, bo", "nothing was written (--dry-run)",
	} {
		if !strings.Contains(dry.stdout, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, dry.stdout)
		}
	}
	if after, _ := os.ReadFile(fresh); !bytes.Equal(before, after) {
		t.Error("--dry-run changed the project")
	}

	imp := mustRun(t, "import", "-p", fresh, out)
	if !strings.Contains(imp.stderr, out+": imported 5 documents (0 of them already in the project), 2 coders added, 0 codes added and 0 changed, 6 codings, 6 reviewed marks, 0 memos") {
		t.Errorf("import said %q", imp.stderr)
	}
	for _, args := range [][]string{{"turns", "--json"}, {"speakers"}, {"coders"}, {"info", "--json"}} {
		a := mustRun(t, append(args, "-p", p)...).stdout
		b := mustRun(t, append(args, "-p", fresh)...).stdout
		if a != b {
			t.Errorf("turncoder %s differs after the round trip:\n%s\nwant\n%s", strings.Join(args, " "), b, a)
		}
	}
	a := withoutTimes(mustRun(t, "codings", "export", "-p", p).stdout)
	b := withoutTimes(mustRun(t, "codings", "export", "-p", fresh).stdout)
	if a != b || strings.Count(a, "\n") < 7 {
		t.Errorf("codings after the round trip:\n%s\nwant\n%s", b, a)
	}
	ca, cb := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	mustRun(t, "codebook", "-p", p, "--export", ca)
	mustRun(t, "codebook", "-p", fresh, "--export", cb)
	if x, y := mustRead(t, ca), mustRead(t, cb); x != y {
		t.Errorf("codebook after the round trip:\n%s\nwant\n%s", y, x)
	}

	// Again: every document is already there, and nothing changes.
	again := mustRun(t, "import", "-p", fresh, out)
	if !strings.Contains(again.stderr, "imported 0 documents (5 of them already in the project), 0 coders added, 0 codes added and 0 changed, 0 codings, 0 reviewed marks, 0 memos") ||
		!strings.Contains(again.stderr, `already in the project as "000_d6d2e252924e4e15", so its codings go onto that document`) {
		t.Errorf("a second import said %q", again.stderr)
	}
	if x, y := mustRun(t, "info", "-p", p, "--json").stdout, mustRun(t, "info", "-p", fresh, "--json").stdout; x != y {
		t.Errorf("a second import changed the counts: %s, want %s", y, x)
	}

	// The JSON of a dry run: a transcript's preview keeps its keys, the project's report has its own.
	src := filepath.Join(dir, "record.txt")
	os.WriteFile(src, []byte(recordTXT), 0o644)
	js := mustRun(t, "import", "--dry-run", "--json", src, out)
	var raw []map[string]any
	if err := json.Unmarshal([]byte(js.stdout), &raw); err != nil || len(raw) != 2 {
		t.Fatalf("not a JSON array of two: %v\n%s", err, js.stdout)
	}
	keys := func(m map[string]any) []string {
		var k []string
		for x := range m {
			k = append(k, x)
		}
		sort.Strings(k)
		return k
	}
	if got := keys(raw[0]); !reflect.DeepEqual(got, []string{"encoding", "file", "first", "format", "notes", "sections", "speakers", "timed", "title", "turns", "warnings"}) {
		t.Errorf("a transcript's preview has keys %v", got)
	}
	if got := keys(raw[1]); !reflect.DeepEqual(got, []string{"coders", "codes", "codings", "crossed", "documents", "dropped", "file", "format", "memos", "origin", "project", "reviewed", "spans", "warnings"}) {
		t.Errorf("the project's report has keys %v", got)
	}
	if raw[1]["format"] != "qdpx" || raw[1]["spans"] != float64(6) {
		t.Errorf("the project's report: %v", raw[1])
	}

	// The same file renamed .zip is a REFI-QDA project too.
	zipped := filepath.Join(dir, "export.zip")
	os.WriteFile(zipped, mustReadBytes(t, out), 0o644)
	third := filepath.Join(dir, "third.turncoder")
	mustRun(t, "init", third)
	mustRun(t, "import", "-p", third, zipped)
	if x, y := mustRun(t, "turns", "-p", p, "--json").stdout, mustRun(t, "turns", "-p", third, "--json").stdout; x != y {
		t.Error("a .qdpx renamed .zip imports otherwise")
	}
}

func mustRead(t *testing.T, path string) string { return string(mustReadBytes(t, path)) }

func mustReadBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestQDPXImportOtherTools: real projects of other tools (coding/refi/testdata/real) import
// through the command line: the specification's ATLAS.ti project brings its coder's codings onto
// the turns, diet Coke under Coke in the codebook, the Man's role guessed, and the report names
// what was left out; NVivo's project of 152 nested codes brings its codebook and its coder.
func TestQDPXImportOtherTools(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "study.turncoder")
	mustRun(t, "init", p)
	atlas := "../../coding/refi/testdata/real/atlasti-8.4-spec-sample.qdpx"
	r := mustRun(t, "import", "-p", p, atlas)
	for _, want := range []string{
		`a REFI-QDA project "ATLAS.ti standard project" from ATLAS.ti 8.4.0 573 , macOS Version 10.14.3 (Build 18D109), 6 documents (22 turns), 1 coder, 14 codes, 6 spans put on turns (2 across several turns)`,
		"2 PDF sources: turncoder codes text it can split into turns",
		"16 sets: turncoder has no sets of codes or documents",
		"imported 6 documents (0 of them already in the project), 1 coder added, 14 codes added and 0 changed, 12 codings, 8 reviewed marks, 2 memos",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the import's report lacks %q:\n%s", want, r.stderr)
		}
	}
	codings := mustRun(t, "codings", "export", "-p", p).stdout
	for _, want := range []string{"1994 Diet Coke-Diet Coke Break,3,Friedrich Markgraf,diet Coke,", "Simon,4,Friedrich Markgraf,happiness,", "Mabêl 2ième,2,Friedrich Markgraf,,"} {
		if !strings.Contains(codings, want) {
			t.Errorf("the codings lack %q:\n%s", want, codings)
		}
	}
	book := filepath.Join(dir, "book.csv")
	mustRun(t, "codebook", "-p", p, "--export", book)
	if b := mustRead(t, book); !strings.Contains(b, "diet Coke") || !strings.Contains(b, ",Coke,") {
		t.Errorf("the codebook:\n%s", b)
	}
	if s := mustRun(t, "speakers", "-p", p).stdout; !strings.Contains(s, "Interviewer") || !strings.Contains(s, "interviewer") {
		t.Errorf("speakers:\n%s", s)
	}

	nvivo := "../../coding/refi/testdata/real/nvivo-win-12.6-excerpt.qdpx"
	r = mustRun(t, "import", "-p", p, nvivo)
	if !strings.Contains(r.stderr, "2 documents (0 of them already in the project), 1 coder added, 152 codes added") {
		t.Errorf("the NVivo import said:\n%s", r.stderr)
	}
	if n := info(t, p); n["codes"] != 4+14+152 || n["coders"] != 2 || n["documents"] != 8 {
		t.Errorf("after both imports: %v", n)
	}
}
