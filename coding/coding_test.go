package coding

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestNormalizeLabel(t *testing.T) {
	cases := map[string]string{
		"ＣＬＢ":            "CLB",
		" 联通　114  电话导航 ": "联通 114 电话导航", // ideographic space, runs of spaces
		"Ａｎａ\tLi":        "Ana Li",
	}
	for in, want := range cases {
		if got := NormalizeLabel(in); got != want {
			t.Errorf("NormalizeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRole(t *testing.T) {
	if r, err := ParseRole(" Interviewer "); err != nil || r != RoleInterviewer {
		t.Errorf("ParseRole: %q %v", r, err)
	}
	if _, err := ParseRole("boss"); err == nil {
		t.Error("unknown role accepted")
	}
}

func TestCodingsCSVRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 22, 5, 0, 0, 123, time.UTC)
	rows := []CodingRow{{Document: "000", Turn: 18, Coder: "ana", Code: "referral", Time: at},
		{Document: "文件, \"二\"", Turn: 2, Coder: "bo", Code: "", Time: at}}
	var buf bytes.Buffer
	if err := WriteCodingsCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCodingsCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[1].Document != rows[1].Document || back[1].Code != "" || back[0].Turn != 18 || back[1].Line != 3 {
		t.Errorf("read back %+v", back)
	}
}

func TestReadCodingsCSVErrorsNameTheLine(t *testing.T) {
	cases := map[string]string{
		"":                                      "empty",
		"doc,turn,coder,code\n":                 `no "document" column`,
		"document,turn,coder,code\nd,x,a,b\n":   `line 2: turn "x" is not a turn number`,
		"document,turn,coder,code\nd,0,a,b\n":   `line 2: turn "0"`,
		"document,turn,coder,code\n,1,a,b\n":    "line 2: document and coder must not be empty",
		"document,turn,coder,code\nd,1,\"a,b\n": "line 2",
	}
	for in, want := range cases {
		_, err := ReadCodingsCSV(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
	// The header may come in any order, with a BOM and extra columns.
	rows, err := ReadCodingsCSV(strings.NewReader("\ufeffcode,coder,time,turn,document\nreferral,ana,x,3,d\n"))
	if err != nil || len(rows) != 1 || rows[0].Code != "referral" || rows[0].Turn != 3 || rows[0].Document != "d" {
		t.Errorf("reordered header: %+v %v", rows, err)
	}
}

func TestFingerprint(t *testing.T) {
	a := []Code{{ID: "c1", Name: "referral", Definition: "sends elsewhere", Colour: "#111111"}, {ID: "c2", Name: "deflection"}}
	same := []Code{{ID: "c1", Name: "referral", Definition: "sends elsewhere", Colour: "#222222"}, {ID: "c2", Name: "deflection"}}
	edited := []Code{{ID: "c1", Name: "referral", Definition: "sends the caller elsewhere"}, {ID: "c2", Name: "deflection"}}
	// Field boundaries count: moving text from one field to the next changes the print.
	shifted := []Code{{ID: "c1", Name: "referralsends elsewhere"}, {ID: "c2", Name: "deflection"}}
	fa := Fingerprint(a)
	if len(fa) != 12 || fa != Fingerprint(same) {
		t.Errorf("fingerprint %q; a colour changed it: %v", fa, fa != Fingerprint(same))
	}
	if fa == Fingerprint(edited) || fa == Fingerprint(shifted) || fa == Fingerprint(a[:1]) {
		t.Error("an edited codebook has the same fingerprint")
	}
}

func TestListNames(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string
	}{
		{nil, ""}, {[]string{"ana"}, "ana"}, {[]string{"ana", "bo"}, "ana and bo"},
		{[]string{"ana", "bo", "cai"}, "ana, bo and cai"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b and 3 others"},
	} {
		max := 3
		if len(c.names) == 5 {
			max = 2
		}
		if got := ListNames(c.names, max); got != c.want {
			t.Errorf("ListNames(%q, %d) = %q, want %q", c.names, max, got, c.want)
		}
	}
}
