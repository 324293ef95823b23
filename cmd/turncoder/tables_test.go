package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Tables that Excel saves on a Chinese Windows as plain "CSV" are GBK (GB18030), and as
// "Unicode text" UTF-16 with a BOM: codings, agree --csv and codebook CSVs read them as they
// read UTF-8, Chinese intact.
func TestTablesInExcelEncodings(t *testing.T) {
	p := seededProject(t)
	mustRun(t, "coders", "-p", p, "--add", "ana")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	// A codings table in GBK naming the code by its Chinese label.
	gbk := mustEncode(t, "document,turn,coder,code\n000_d6d2e252924e4e15,2,ana,转介\n", simplifiedchinese.GBK.NewEncoder())
	if r := mustRun(t, "codings", "import", "-p", p, write("gbk.csv", gbk)); !strings.Contains(r.stderr, "1 codings applied") {
		t.Errorf("GBK codings: %q", r.stderr)
	}
	// The same in UTF-16 with a BOM.
	u16 := append([]byte("\xff\xfe"), utf16le("document,turn,coder,code\n000_d6d2e252924e4e15,4,ana,推诿\n")...)
	if r := mustRun(t, "codings", "import", "-p", p, write("u16.csv", u16)); !strings.Contains(r.stderr, "1 codings applied") {
		t.Errorf("UTF-16 codings: %q", r.stderr)
	}
	out := mustRun(t, "codings", "export", "-p", p).stdout
	for _, want := range []string{"000_d6d2e252924e4e15,2,ana,referral,", "000_d6d2e252924e4e15,4,ana,deflection,"} {
		if !strings.Contains(out, want) {
			t.Errorf("codings export lacks %q:\n%s", want, out)
		}
	}

	// A codebook CSV in GBK: the Chinese label arrives as written.
	cb := mustEncode(t, "name,name_zh,definition\nsarcasm,讽刺,说反话\n", simplifiedchinese.GBK.NewEncoder())
	mustRun(t, "codebook", "-p", p, "--import", write("cb.csv", cb))
	exported := filepath.Join(dir, "out.csv")
	mustRun(t, "codebook", "-p", p, "--export", exported)
	if b, _ := os.ReadFile(exported); !strings.Contains(string(b), "sarcasm,讽刺") {
		t.Errorf("codebook after a GBK import:\n%s", b)
	}

	// agree --csv in GBK: the Chinese code names come back in the JSON.
	long := mustEncode(t, "unit,coder,code\n1,甲,转介\n1,乙,转介\n2,甲,推诿\n2,乙,转介\n", simplifiedchinese.GBK.NewEncoder())
	var rep struct {
		Coders  []string `json:"coders"`
		PerCode []struct {
			Code string `json:"code"`
		} `json:"per_code"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "agree", "--csv", write("long.csv", long), "--json").stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Coders, ",") != "甲,乙" || len(rep.PerCode) != 2 {
		t.Errorf("agree --csv in GBK: %+v", rep)
	}
}
