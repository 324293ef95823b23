package main

import (
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
