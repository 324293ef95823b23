package agreement

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadLongCSVBadInputs(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"bare quote in the first field", "unit,coder,code\nu\"1,ana,x\n", "line 2: a double quote inside a field"},
		{"unclosed quote", "unit,coder,code\nu1,ana,\"x\nu2,ana,y\n", "starts at line 2 is not closed"},
		{"NUL byte", "unit,coder,code\nu1,a\x00,x\n", "line 2 has a NUL byte"},
		{"UTF-16 without a BOM", "u\x00n\x00i\x00t\x00,\x00", "line 1 has a NUL byte"},
		{"Shift-JIS", "unit,coder,code\nu1,\x93\xfa\x96\x7b,x\n", "line 2 is not UTF-8 text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := ReadLongCSV(strings.NewReader(tc.in))
			if err == nil || rows != nil {
				t.Fatalf("rows %+v, err %v; want an error", rows, err)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q; want one line containing %q", err, tc.want)
			}
		})
	}
}

func writeLong(t *testing.T, rows []Row) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"unit", "coder", "code"})
	for _, r := range rows {
		w.Write([]string{r.Unit, r.Coder, r.Code})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// statistics bounded above by 1 (agreement measures) and to [0, 1] (proportions).
var (
	atMostOne  = map[string]bool{"cohen_kappa": true, "scott_pi": true, "fleiss_kappa": true, "krippendorff_alpha": true, "gwet_ac1": true, "brennan_prediger": true, "krippendorff_alpha_nominal": true, "krippendorff_alpha_ordinal": true, "krippendorff_alpha_interval": true, "krippendorff_alpha_ratio": true, "krippendorff_alpha_masi": true}
	proportion = map[string]bool{"percent_agreement": true}
)

// checkNumbers walks a decoded JSON report: every number finite, statistics in their range.
func checkNumbers(t *testing.T, key string, v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			checkNumbers(t, k, e)
		}
	case []any:
		for _, e := range x {
			checkNumbers(t, key, e)
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Errorf("%s = %v", key, x)
		}
		if atMostOne[key] && x > 1+1e-9 || proportion[key] && (x < -1e-9 || x > 1+1e-9) {
			t.Errorf("%s = %v is out of range", key, x)
		}
	}
}

// FuzzReadLongCSV: an error is one line and comes alone; rows are trimmed UTF-8 with a unit and
// a coder, no bigger than the input, and written out as a long table they read back the same;
// the report computed from them has no NaN and every statistic in its range.
func FuzzReadLongCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if len(files) == 0 {
		f.Fatal("no seed files in testdata")
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"\ufeffcoder,unit,code,note\nana,u1,referral,x\nbo,u1,,\n\nana,u2,deflection,\n",
		"unit,coder,code\nu1,a,1\nu1,b,2\nu2,a,3\nu2,b,3\nu3,c,\n",
		"unit,coder,code,unit\nu\"1,ana,x\n",
		"unit,coder,code\nu1,ana,\"x\nu2,ana,y\n",
		"unit,coder,code\n,,\n , ,x\n",
		"unit,coder,code\nu1,\x93\xfa,x\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadLongCSV(bytes.NewReader(data))
		if err != nil {
			msg := err.Error()
			if rows != nil {
				t.Error("rows returned with an error")
			}
			if msg == "" || strings.ContainsAny(msg, "\r\n") || !utf8.ValidString(msg) || len(msg) > 400 {
				t.Errorf("error is not one short line: %q", msg)
			}
			return
		}
		size := 0
		units := map[string]bool{}
		for _, r := range rows {
			for _, s := range []string{r.Unit, r.Coder, r.Code} {
				if s != strings.TrimSpace(s) || !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Errorf("field %q is untrimmed, not UTF-8 or has a NUL", s)
				}
				size += len(s)
			}
			if r.Unit == "" || r.Coder == "" {
				t.Errorf("row without unit or coder: %+v", r)
			}
			units[r.Unit] = true
		}
		if size > len(data) {
			t.Errorf("rows hold %d bytes of text from %d bytes of input", size, len(data))
		}
		back, err := ReadLongCSV(bytes.NewReader(writeLong(t, rows)))
		if err != nil {
			t.Fatalf("the rows written out do not read back: %v", err)
		}
		if len(back) != len(rows) {
			t.Fatalf("%d rows read back, want %d", len(back), len(rows))
		}
		for i := range rows {
			if back[i] != rows[i] {
				t.Errorf("row %d read back as %+v, want %+v", i, back[i], rows[i])
			}
		}
		rep := Compute(FromLong(rows), Options{})
		if rep.Units != len(units) {
			t.Errorf("report has %d units, the rows %d", rep.Units, len(units))
		}
		js, err := json.Marshal(rep)
		if err != nil {
			t.Fatalf("the report does not marshal: %v", err)
		}
		var v any
		if err := json.Unmarshal(js, &v); err != nil {
			t.Fatal(err)
		}
		checkNumbers(t, "", v)
	})
}
