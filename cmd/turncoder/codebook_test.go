package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func fingerprintOf(t *testing.T, p string) string {
	t.Helper()
	m := regexp.MustCompile(`fingerprint ([0-9a-f]{12})`).FindStringSubmatch(mustRun(t, "codebook", "-p", p).stdout)
	if m == nil {
		t.Fatal("codebook printed no fingerprint")
	}
	return m[1]
}

// TestCodebookTravelsBetweenProjects exports the default codebook as REFI-QDA and as CSV and
// imports each into another project made with the same codebook: every code is matched (by
// id from the .qdc, by name from the CSV), nothing changes, and the fingerprints agree.
func TestCodebookTravelsBetweenProjects(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.turncoder")
	mustRun(t, "init", src)
	want := fingerprintOf(t, src)
	for _, ext := range []string{".qdc", ".csv"} {
		book := filepath.Join(dir, "book"+ext)
		mustRun(t, "codebook", "-p", src, "--export", book)
		if b, _ := os.ReadFile(book); !strings.Contains(string(b), "推诿") {
			t.Errorf("%s lacks the Chinese labels", ext)
		}
		dst := filepath.Join(dir, "dst"+ext+".turncoder")
		mustRun(t, "init", dst)
		r := mustRun(t, "codebook", "-p", dst, "--import", book)
		if !strings.Contains(r.stderr, "0 codes added, 0 changed") {
			t.Errorf("%s: importing the same codebook changed it: %q", ext, r.stderr)
		}
		if got := fingerprintOf(t, dst); got != want {
			t.Errorf("%s: fingerprint %s, want %s", ext, got, want)
		}
	}
	// A codebook from another tool adds its codes.
	qdc := filepath.Join(dir, "other.qdc")
	os.WriteFile(qdc, []byte(`<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder"><Codes>
<Code guid="{6F9619FF-8B86-D011-B42D-00CF4FC964FF}" name="threat" isCodable="true" color="#a0c"><Description>The official warns the caller.</Description></Code>
</Codes></CodeBook>`), 0o644)
	r := mustRun(t, "codebook", "-p", src, "--import", qdc)
	if !strings.Contains(r.stderr, "1 codes added") {
		t.Errorf("import from another tool: %q", r.stderr)
	}
	if out := mustRun(t, "codebook", "-p", src).stdout; !strings.Contains(out, "threat") {
		t.Errorf("codebook after import:\n%s", out)
	}
	// A hand-made CSV without ids: each row is a new code, the child under its parent.
	csv := filepath.Join(dir, "mine.csv")
	os.WriteFile(csv, []byte("name,name_zh,shortcut,parent\nsilence,沉默,6,\nhung up,挂断,,silence\n"), 0o644)
	if r := mustRun(t, "codebook", "-p", src, "--import", csv); !strings.Contains(r.stderr, "2 codes added") {
		t.Errorf("CSV without ids: %q", r.stderr)
	}
	if out := mustRun(t, "codebook", "-p", src).stdout; !regexp.MustCompile(`hung up +挂断 +silence`).MatchString(out) {
		t.Errorf("the child code is not under its parent:\n%s", out)
	}
	// Refusals leave the codebook as it was.
	before := fingerprintOf(t, src)
	bad := filepath.Join(dir, "bad.qdc")
	os.WriteFile(bad, []byte("<not xml"), 0o644)
	if r := run(t, "codebook", "-p", src, "--import", bad); r.code != 1 || !strings.Contains(r.stderr, "was not changed") {
		t.Errorf("bad qdc: exit %d %q", r.code, r.stderr)
	}
	if r := run(t, "codebook", "-p", src, "--export", filepath.Join(dir, "book.txt")); r.code != 2 {
		t.Errorf("a .txt codebook: exit %d", r.code)
	}
	if fingerprintOf(t, src) != before {
		t.Error("a refused import changed the codebook")
	}
}

// guidsOf lists the guids of a .qdc file, in its order.
func guidsOf(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`guid="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

// Codes from another tool keep their guids through turncoder: exported from one project and
// imported into another, they are the same codes (same guids, same fingerprint), and the
// same file again changes nothing.
func TestCodebookGuidsSurviveARoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.turncoder"), filepath.Join(dir, "dst.turncoder")
	mustRun(t, "init", src)
	mustRun(t, "init", dst)
	r := mustRun(t, "codebook", "-p", src, "--import", "../../coding/codebook/testdata/real/qualcoder.qdc")
	if !strings.Contains(r.stderr, "9 codes added, 0 changed") {
		t.Fatalf("QualCoder's codebook: %q", r.stderr)
	}
	out1, out2 := filepath.Join(dir, "src.qdc"), filepath.Join(dir, "dst.qdc")
	mustRun(t, "codebook", "-p", src, "--export", out1)
	if r := mustRun(t, "codebook", "-p", dst, "--import", out1); !strings.Contains(r.stderr, "9 codes added, 0 changed") {
		t.Fatalf("into another project: %q", r.stderr)
	}
	mustRun(t, "codebook", "-p", dst, "--export", out2)
	g1, g2 := guidsOf(t, out1), guidsOf(t, out2)
	if strings.Join(g1, " ") != strings.Join(g2, " ") || !strings.Contains(strings.Join(g1, " "), "47d088bc-3b40-4b49-a215-8ad5626e963d") {
		t.Errorf("guids differ:\n%v\n%v", g1, g2)
	}
	if a, b := fingerprintOf(t, src), fingerprintOf(t, dst); a != b {
		t.Errorf("fingerprints %s and %s", a, b)
	}
	if r := mustRun(t, "codebook", "-p", dst, "--import", out1); !strings.Contains(r.stderr, "0 codes added, 0 changed") {
		t.Errorf("the same codebook again: %q", r.stderr)
	}
}

// A code renamed in another tool and imported again is the same code: updated, not added, and
// its codings follow it.
func TestCodebookRenamedInAnotherToolKeepsItsCodings(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.turncoder")
	mustRun(t, "init", p)
	call := filepath.Join(dir, "call.txt")
	os.WriteFile(call, []byte(callText), 0o644)
	mustRun(t, "import", "-p", p, call)
	mustRun(t, "coders", "-p", p, "--add", "ana")
	book := func(name, colour string) string {
		path := filepath.Join(dir, "maxqda.qdc")
		os.WriteFile(path, []byte(`<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 2022"><Codes>
<Code isCodable="true" name="officials" color="#2364A2" guid="0B6F2C4E-51E3-4A8D-9C1B-7D2E8F3A4B5C">
<Code isCodable="true" name="`+name+`" color="`+colour+`" guid="3C9E1A7B-2D4F-4E6A-8B0C-1F2E3D4C5B6A"><Description>The official `+name+`.</Description></Code>
</Code></Codes><Sets/></CodeBook>`), 0o644)
		return path
	}
	if r := mustRun(t, "codebook", "-p", p, "--import", book("hangs up", "#FF0000")); !strings.Contains(r.stderr, "2 codes added, 0 changed") || strings.Contains(r.stderr, "sets") {
		t.Fatalf("first import: %q", r.stderr)
	}
	codings := filepath.Join(dir, "codings.csv")
	os.WriteFile(codings, []byte("document,turn,coder,code\ncall,1,ana,hangs up\n"), 0o644)
	mustRun(t, "codings", "import", "-p", p, codings)
	r := mustRun(t, "codebook", "-p", p, "--import", book("cuts the call", "#00FF00"))
	if !strings.Contains(r.stderr, "0 codes added, 1 changed") {
		t.Fatalf("the renamed code: %q", r.stderr)
	}
	out := mustRun(t, "codebook", "-p", p).stdout
	if !regexp.MustCompile(`cuts the call +officials +#00ff00 +The official cuts the call\.`).MatchString(out) || strings.Contains(out, "hangs up") {
		t.Errorf("codebook after the rename:\n%s", out)
	}
	exported := filepath.Join(dir, "out.csv")
	mustRun(t, "codings", "export", "-p", p, "-o", exported)
	if b, _ := os.ReadFile(exported); !strings.Contains(string(b), "cuts the call") {
		t.Errorf("the coding did not follow its code:\n%s", b)
	}
}

// The real codebooks of coding/codebook/testdata/real import whole, each in one go, with what
// turncoder changed said on stderr.
func TestRealCodebooksImport(t *testing.T) {
	for _, c := range []struct {
		file  string
		added int
		say   string
	}{
		{"taguette-1.4.1.qdc", 3, ""},
		{"atlasti-win-23.4.0.qdc", 1, "sets were not imported"},
		{"atlasti-win-23.4.0-ns04.qdc", 5, ""},
		{"nvivo-mac.qdc", 14, `"time (family)"`},
		{"qualcoder.qdc", 9, "marked not codable"},
	} {
		t.Run(c.file, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "p.turncoder")
			mustRun(t, "init", p)
			r := mustRun(t, "codebook", "-p", p, "--import", filepath.Join("../../coding/codebook/testdata/real", c.file))
			if !strings.Contains(r.stderr, fmt.Sprintf("%d codes added, 0 changed", c.added)) || !strings.Contains(r.stderr, c.say) {
				t.Errorf("stderr %q", r.stderr)
			}
			if c.say == "" && strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("warnings for a codebook that needs none: %q", r.stderr)
			}
			if n := info(t, p)["codes"]; n != 4+c.added {
				t.Errorf("%d codes", n)
			}
		})
	}
}
