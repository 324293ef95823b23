package transcript

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const sampleZH = "东营市总工会：喂，您好。\nCLB：请问是东营市工会法工部吗？\n"

func mustEncode(t testing.TB, s string, enc interface {
	String(string) (string, error)
}) []byte {
	t.Helper()
	out, err := enc.String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

func TestDecodeDetect(t *testing.T) {
	le := mustEncode(t, sampleZH, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
	be := mustEncode(t, sampleZH, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder())
	gb := mustEncode(t, sampleZH, simplifiedchinese.GB18030.NewEncoder())
	if !bytes.HasPrefix(le, []byte{0xFF, 0xFE}) || !bytes.HasPrefix(be, []byte{0xFE, 0xFF}) {
		t.Fatal("the UTF-16 fixtures lack their byte-order marks")
	}
	if utf8.Valid(gb) {
		t.Fatal("the GB18030 fixture is valid UTF-8; the test would not test detection")
	}
	for _, tc := range []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", "utf-8", []byte(sampleZH)},
		{"utf-8 with BOM", "utf-8", append([]byte("\xEF\xBB\xBF"), sampleZH...)},
		{"utf-16le with BOM", "utf-16le", le},
		{"utf-16be with BOM", "utf-16be", be},
		{"gb18030", "gb18030", gb},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := Decode(tc.data, "")
			if err != nil {
				t.Fatal(err)
			}
			if text != sampleZH || enc != tc.enc {
				t.Errorf("Decode = %q, %q; want %q, %q", text, enc, sampleZH, tc.enc)
			}
		})
	}
}

func TestDecodeNamed(t *testing.T) {
	le := mustEncode(t, sampleZH, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder())
	be := mustEncode(t, sampleZH, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder())
	leBOM := mustEncode(t, sampleZH, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
	gbk := mustEncode(t, sampleZH, simplifiedchinese.GBK.NewEncoder())
	gb := mustEncode(t, sampleZH+"𠀀\n", simplifiedchinese.GB18030.NewEncoder()) // 4-byte GB18030
	for _, tc := range []struct {
		name, given, want, text string
		data                    []byte
	}{
		{"utf8 alias", "UTF8", "utf-8", sampleZH, []byte(sampleZH)},
		{"utf-8 strips BOM", "utf-8", "utf-8", sampleZH, append([]byte("\xEF\xBB\xBF"), sampleZH...)},
		{"utf-16le without BOM", "utf-16le", "utf-16le", sampleZH, le},
		{"utf-16be without BOM", "UTF-16BE", "utf-16be", sampleZH, be},
		{"utf-16 reads the BOM", "utf-16", "utf-16le", sampleZH, leBOM},
		{"utf-16le strips its BOM", "utf-16le", "utf-16le", sampleZH, leBOM},
		{"gbk alias", "GBK", "gbk", sampleZH, gbk},
		{"gb2312 alias", "gb2312", "gb2312", sampleZH, gbk},
		{"gb18030 four-byte", " gb18030 ", "gb18030", sampleZH + "𠀀\n", gb},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := Decode(tc.data, tc.given)
			if err != nil {
				t.Fatal(err)
			}
			if text != tc.text || enc != tc.want {
				t.Errorf("Decode = %q, %q; want %q, %q", text, enc, tc.text, tc.want)
			}
		})
	}
}

func TestDecodeLineEndings(t *testing.T) {
	for _, in := range []string{
		"东营市总工会：喂，您好。\r\nCLB：请问是东营市工会法工部吗？\r\n",
		"东营市总工会：喂，您好。\rCLB：请问是东营市工会法工部吗？\r",
	} {
		text, _, err := Decode([]byte(in), "")
		if err != nil {
			t.Fatal(err)
		}
		if text != in {
			t.Errorf("Decode changed the line endings: %q", text)
		}
		lines := splitLines(text)
		if len(lines) != 3 || lines[0] != "东营市总工会：喂，您好。" || lines[1] != "CLB：请问是东营市工会法工部吗？" || lines[2] != "" {
			t.Errorf("lines = %q", lines)
		}
	}
	// GB18030 with CRLF keeps them too.
	gb := mustEncode(t, "喂，您好。\r\n哦。\r\n", simplifiedchinese.GB18030.NewEncoder())
	text, enc, err := Decode(gb, "")
	if err != nil || enc != "gb18030" || text != "喂，您好。\r\n哦。\r\n" {
		t.Errorf("Decode(gb18030 CRLF) = %q, %q, %v", text, enc, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	gbBad := append(mustEncode(t, "喂，您好。\r\n哦。\r\n", simplifiedchinese.GB18030.NewEncoder()), 0x81, 0x20, '\n')
	lone := mustEncode(t, "ab\ncd\n", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
	lone = append(lone, 0x00, 0xD8, 'x', 0) // an unpaired high surrogate on line 3
	for _, tc := range []struct {
		name, enc string
		data      []byte
		want      []string
	}{
		{"invalid utf-8 given", "utf-8", []byte("第一行\n第二行\n\xC3(\n"),
			[]string{"not valid UTF-8", "invalid byte 0xC3 at line 3", "--encoding gb18030"}},
		{"invalid utf-8 after CR lines", "utf-8", []byte("a\rb\r\nc\xFF"),
			[]string{"invalid byte 0xFF at line 3"}},
		{"undecodable in detect mode", "", []byte("喂\nok\n\xFF\xFF\n"),
			[]string{"neither UTF-8", "0xFF at line 3", "GB18030", "line 3", "--encoding"}},
		{"invalid gb18030 given", "gb18030", gbBad, []string{"not valid GB18030 text", "line 3"}},
		{"binary", "", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), []string{"looks binary", "line 3"}},
		{"binary given utf-8", "utf-8", []byte("abc\x00def"), []string{"looks binary"}},
		{"utf-16 without BOM in detect mode", "", mustEncode(t, "ab", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder()),
			[]string{"looks binary", "utf-16le"}},
		{"utf-16 needs a BOM", "utf-16", []byte("a\x00b\x00"), []string{"no UTF-16 byte-order mark"}},
		{"utf-16 BOM mismatch", "utf-16le", []byte("\xFE\xFF\x00a"), []string{"UTF-16BE byte-order mark"}},
		{"utf-16 odd length", "", []byte("\xFF\xFEa\x00b"), []string{"odd number of bytes"}},
		{"utf-16 unpaired surrogate", "", lone, []string{"unpaired surrogate at line 3"}},
		{"unknown encoding", "latin1", []byte("abc"), []string{`unknown encoding "latin1"`, "utf-8", "gb18030", "utf-16le"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := Decode(tc.data, tc.enc)
			if err == nil {
				t.Fatalf("Decode = %q, %q; want an error", text, enc)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// A genuine U+FFFD in the source is not mistaken for an undecodable byte.
func TestDecodeKeepsRealReplacementChar(t *testing.T) {
	gb := mustEncode(t, "喂\uFFFD您好\n", simplifiedchinese.GB18030.NewEncoder())
	text, enc, err := Decode(gb, "")
	if err != nil || enc != "gb18030" || text != "喂\uFFFD您好\n" {
		t.Errorf("Decode = %q, %q, %v", text, enc, err)
	}
	text, enc, err = Decode([]byte("喂\uFFFD您好\n"), "")
	if err != nil || enc != "utf-8" || text != "喂\uFFFD您好\n" {
		t.Errorf("Decode = %q, %q, %v", text, enc, err)
	}
}

func TestDecodeLongLines(t *testing.T) {
	huge := bytes.Repeat([]byte("喂"), 50<<20/3+1) // a single line of about 50 MB
	_, _, err := Decode(huge, "")
	if err == nil || !strings.Contains(err.Error(), "line 1 is 50.0 MB long") {
		t.Fatalf("Decode(50 MB line) error = %v", err)
	}
	second := append([]byte("短\r\n"), bytes.Repeat([]byte("a"), 2<<20)...)
	if _, _, err := Decode(second, "utf-8"); err == nil || !strings.Contains(err.Error(), "line 2 is 2.0 MB long") {
		t.Errorf("error = %v", err)
	}
	gb := mustEncode(t, "短\n"+strings.Repeat("长", 600_000), simplifiedchinese.GB18030.NewEncoder()) // 1.2 MB once decoded
	if _, _, err := Decode(gb, ""); err == nil || !strings.Contains(err.Error(), "line 2 is 1.7 MB long") {
		t.Errorf("error = %v", err)
	}
	ok := append(bytes.Repeat([]byte("a"), maxLineBytes), "\nb"...)
	if _, _, err := Decode(ok, ""); err != nil {
		t.Errorf("a line of exactly 1 MB is refused: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(sampleZH), "")
	f.Add(append([]byte("\xEF\xBB\xBF"), sampleZH...), "utf-8")
	f.Add(mustEncode(f, sampleZH, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()), "")
	f.Add(mustEncode(f, sampleZH, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder()), "utf-16be")
	f.Add(mustEncode(f, sampleZH, simplifiedchinese.GB18030.NewEncoder()), "")
	f.Add(mustEncode(f, sampleZH, simplifiedchinese.GBK.NewEncoder()), "gbk")
	f.Add([]byte("a\r\nb\rc\xC3("), "utf-8")
	f.Add([]byte("\x00\x01"), "")
	f.Fuzz(func(t *testing.T, data []byte, enc string) {
		text, name, err := Decode(data, enc)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Errorf("Decode returned invalid UTF-8 (%s)", name)
		}
		if name == "" {
			t.Error("Decode returned no encoding name")
		}
		if strings.HasPrefix(text, "\uFEFF") {
			t.Error("Decode kept a byte-order mark")
		}
	})
}
