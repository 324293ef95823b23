package coding

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadCodingsCSVBadInputs(t *testing.T) {
	const head = "document,turn,coder,code\n"
	for _, tc := range []struct{ name, in, want string }{
		{"bare quote in the first field", head + "a\"b,1,ana,x\n", "line 2: a double quote inside a field"},
		{"unclosed quote", head + "d,1,ana,\"referral\n", "line 2: a quoted field is not closed"},
		{"unclosed quote over lines", head + "d,1,ana,\"referral\nd,2,ana,x\n", "starts at line 2 is not closed"},
		{"NUL byte", head + "d,1,an\x00a,x\n", "line 2 has a NUL byte"},
		{"UTF-16", "\xff\xfed\x00o\x00c\x00\n\x00", "line 1 has a NUL byte"},
		{"Latin-1", head + "d,1,Jos\xe9,x\n", "line 2 is not UTF-8 text"},
		{"GBK", head + "d,1,\xb3\xc2,x\n", "line 2 is not UTF-8 text"},
		{"long turn", head + "d," + strings.Repeat("9x", 500) + ",ana,x\n", "…\" is not a turn number"},
		{"turn 0", head + "d,0,ana,x\n", "line 2: turn \"0\""},
		{"empty", "", "empty"},
		{"no coder column", "document,turn,code\n", `no "coder" column`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := ReadCodingsCSV(strings.NewReader(tc.in))
			if err == nil || rows != nil {
				t.Fatalf("rows %+v, err %v; want an error", rows, err)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") || len(err.Error()) > 300 {
				t.Errorf("error %q; want one line containing %q", err, tc.want)
			}
		})
	}
}

// Past MaxTableBytes the limit fails loudly, and the reader passes that on without a line number.
func TestReadCodingsCSVTooLarge(t *testing.T) {
	l := StrictLimit(strings.NewReader("0123456789"), 4, ErrTableTooLarge)
	if b, err := io.ReadAll(l); err != ErrTableTooLarge || string(b) != "0123" {
		t.Errorf("limit: %q %v", b, err)
	}
	if b, err := io.ReadAll(StrictLimit(strings.NewReader("0123"), 4, ErrTableTooLarge)); err != nil || string(b) != "0123" {
		t.Errorf("exactly at the limit: %q %v", b, err)
	}
	rows, err := ReadCodingsCSV(io.MultiReader(strings.NewReader("document,turn,coder,code\nd,1,a,x\n"), errReader{ErrTableTooLarge}))
	if err != ErrTableTooLarge || rows != nil {
		t.Errorf("err %v; want ErrTableTooLarge", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// codingsSeeds are real files from testdata plus inputs that once broke a reader.
func codingsSeeds(f *testing.F) {
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
		"document,turn,coder,code\n000_d6d2e252924e4e15,18,ana,referral\n",
		"\ufeffDocument , Turn,CODER,code,time\r\nx,1,ana,\r\n,,,\r\n",
		"code,coder,turn,document\nreferral,bo,2,doc\n",
		"document,turn,coder,code\na\"b,1,ana,x\n",
		"document,turn,coder,code\n\"d\",\"1\",\"a\nna\",\"x\"\"y\"\n",
		"document,turn,coder,code\nd,1\n",
		"document,turn,coder,code\nd,+7,ana,x\n",
		"document,turn,coder,code\nd,1,Jos\xe9,x\n",
		"document\x00,turn,coder,code\n",
		"",
	} {
		f.Add([]byte(s))
	}
}

// FuzzReadCodingsCSV: an error is one line and comes alone; rows are trimmed, UTF-8 and
// complete, no bigger than the input, and what WriteCodingsCSV writes of them reads back the same.
func FuzzReadCodingsCSV(f *testing.F) {
	codingsSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCodingsCSV(bytes.NewReader(data))
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
		size, prev := 0, 1
		for _, r := range rows {
			for _, s := range []string{r.Document, r.Coder, r.Code} {
				if s != strings.TrimSpace(s) || !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Errorf("field %q is untrimmed, not UTF-8 or has a NUL", s)
				}
				size += len(s)
			}
			if r.Document == "" || r.Coder == "" || r.Turn < 1 {
				t.Errorf("incomplete row %+v", r)
			}
			if r.Line <= prev {
				t.Errorf("row %+v: line does not increase (previous %d)", r, prev)
			}
			prev = r.Line
		}
		if size > len(data) {
			t.Errorf("rows hold %d bytes of text from %d bytes of input", size, len(data))
		}
		var buf bytes.Buffer
		if err := WriteCodingsCSV(&buf, rows); err != nil {
			t.Fatal(err)
		}
		back, err := ReadCodingsCSV(&buf)
		if err != nil {
			t.Fatalf("what WriteCodingsCSV wrote does not read back: %v\n%s", err, buf.String())
		}
		if len(back) != len(rows) {
			t.Fatalf("%d rows read back, want %d", len(back), len(rows))
		}
		for i := range rows {
			a, b := rows[i], back[i]
			if a.Document != b.Document || a.Turn != b.Turn || a.Coder != b.Coder || a.Code != b.Code {
				t.Errorf("row %d read back as %+v, want %+v", i, b, a)
			}
		}
	})
}
