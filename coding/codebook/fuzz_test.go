package codebook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
)

// oneLine fails unless msg is one short line of UTF-8, as every error and warning must be.
func oneLine(t *testing.T, what, msg string) {
	t.Helper()
	if msg == "" || strings.ContainsAny(msg, "\r\n") || !utf8.ValidString(msg) {
		t.Errorf("%s is not one line: %q", what, msg)
	}
}

// checkCodebook checks what a reader returned: ids and names present, unique and trimmed,
// parents top-level codes that come first, shortcuts 1–9 and unique, colours #rrggbb, UTF-8
// text no larger than the input.
func checkCodebook(t *testing.T, codes []coding.Code, inputSize int, needIDs, renamed bool) {
	t.Helper()
	ids, names, keys := map[string]bool{}, map[string]bool{}, map[string]bool{}
	top := map[string]bool{}
	size := 0
	for _, c := range codes {
		// A codebook table may not repeat a name; ReadQDC tells repeated names apart, without case.
		key := c.Name
		if needIDs {
			key = nameKey(c.Name)
		}
		if c.Name == "" || c.Name != strings.TrimSpace(c.Name) || names[key] {
			t.Errorf("code %+v: empty, untrimmed or repeated name", c)
		}
		names[key] = true
		if needIDs && (c.ID == "" || ids[c.ID]) {
			t.Errorf("code %+v: empty or repeated id", c)
		}
		if c.ID != "" {
			ids[c.ID] = true
		}
		if c.ParentID == "" {
			top[c.ID] = true
			if c.ID == "" {
				top[c.Name] = true
			}
		} else if needIDs && !top[c.ParentID] {
			t.Errorf("code %q: parent %q is not an earlier top-level code", c.Name, c.ParentID)
		}
		if !validShortcut(c.Shortcut) || c.Shortcut != "" && keys[c.Shortcut] {
			t.Errorf("code %q: bad or repeated shortcut %q", c.Name, c.Shortcut)
		}
		keys[c.Shortcut] = true
		if c.Colour != "" {
			if n, ok := normColour(c.Colour); !ok || n != c.Colour {
				t.Errorf("code %q: colour %q is not #rrggbb", c.Name, c.Colour)
			}
		}
		for _, s := range []string{c.ID, c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example} {
			if !utf8.ValidString(s) {
				t.Errorf("code %q: invalid UTF-8 in %q", c.Name, s)
			}
			size += len(s)
		}
	}
	// A repeated name gets its parent's name after it (at most coding.MaxLabel characters of
	// up to 4 bytes, where its element took at least 50 bytes), so it may hold more.
	limit := inputSize
	if renamed {
		limit *= 1 + 4*coding.MaxLabel/50
	}
	if size > limit {
		t.Errorf("%d codes hold %d bytes of text read from %d bytes", len(codes), size, inputSize)
	}
}

func addFiles(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	if len(files) == 0 {
		f.Fatalf("no seed files %s in testdata", pattern)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzReadQDC: an error is one line and comes alone, warnings are one line each, the codes
// obey the codebook's rules, and what WriteQDC writes of them reads back unchanged.
func FuzzReadQDC(f *testing.F) {
	addFiles(f, "*.qdc")
	addFiles(f, "real/*.qdc")
	var buf bytes.Buffer
	if err := WriteQDC(&buf, defaultCodebook()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	const g1, g2 = "a1b2c3d4-0000-4000-8000-000000000001", "{A1B2C3D4-0000-4000-8000-000000000002}"
	for _, s := range []string{
		otherToolQDC,
		`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="` + g1 + `" name="a" isCodable="true"><Description>d&#xA;&#xA;[turncoder]&#xA;id: x&#xA;shortcut: 1&#xA;position: 0</Description><Code guid="` + g2 + `" name=" b " color="#ABC"/></Code></Codes></CodeBook>`,
		`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="` + g1 + `" name="a"><Code guid="` + g2 + `" name="b"><Code guid="` + g1 + `" name="c"/></Code></Code></Codes></CodeBook>`,
		`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>` + strings.Repeat(`<Code guid="`+g1+`" name="x">`, MaxDepth+1),
		`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="` + g1 + `" name="a"><Description><b><i>x</i></b></Description></Code></Codes><Sets/><x:y xmlns:x="u"/></CodeBook>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`,
		`<!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="` + g1 + `" name="&a;&a;"/></Codes></CodeBook>`,
		"id,name\n1,referral\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		codes, warnings, err := ReadQDC(bytes.NewReader(data))
		if err != nil {
			if codes != nil || warnings != nil {
				t.Error("codes or warnings returned with an error")
			}
			oneLine(t, "error", err.Error())
			return
		}
		for _, w := range warnings {
			oneLine(t, "warning", w)
		}
		renamed := false
		for _, w := range warnings {
			renamed = renamed || strings.Contains(w, "named after their parent")
		}
		checkCodebook(t, codes, len(data), true, renamed)
		want, err := Order(codes)
		if err != nil {
			t.Fatalf("ReadQDC returned a codebook Order refuses: %v", err)
		}
		var out bytes.Buffer
		if err := WriteQDC(&out, codes); err != nil {
			if len(codes) == 0 {
				return // a codebook without codes reads, but is not written
			}
			t.Fatalf("ReadQDC returned a codebook WriteQDC refuses: %v", err)
		}
		back, warnings, err := ReadQDC(&out)
		if err != nil {
			t.Fatalf("what WriteQDC wrote does not read back: %v\n%s", err, out.String())
		}
		if len(warnings) != 0 {
			t.Errorf("warnings reading back what WriteQDC wrote: %q", warnings)
		}
		if !reflect.DeepEqual(back, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", back, want)
		}
	})
}

// FuzzReadCodebookCSV: an error is one line and comes alone, the codes obey the codebook's
// rules, and once given ids, what WriteCSV writes of them reads back the same.
func FuzzReadCodebookCSV(f *testing.F) {
	addFiles(f, "*.csv")
	for _, s := range []string{
		"Parent,Name,Color,Shortcut\r\nbig,small,#ABC,2\r\n,,,\r\n,big,,1\r\n",
		"id,name,parent\nc1,one,\nc2,two,c1\n",
		"name,parent\na,\nb,a\nc,b\n",
		"name,definition\n\"a\",\"multi\nline \"\"quoted\"\"\"\n",
		"\ufeffname,zh\n转介,转介\n",
		"name,id\na\n",
		"name\na\"b\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		codes, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			if codes != nil {
				t.Error("codes returned with an error")
			}
			oneLine(t, "error", err.Error())
			return
		}
		checkCodebook(t, codes, len(data), false, false)
		n := 0
		if err := AssignIDs(codes, func() (string, error) { n++; return fmt.Sprintf("new-%d", n), nil }); err != nil {
			return // ids in the file that clash with new ones are AssignIDs' to refuse
		}
		want, err := Order(codes)
		if err != nil {
			return // a parent's id that is another code's name: refused before import
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, codes); err != nil {
			t.Fatalf("WriteCSV refuses an ordered codebook: %v", err)
		}
		back, err := ReadCSV(&out)
		if err != nil {
			t.Fatalf("what WriteCSV wrote does not read back: %v\n%s", err, out.String())
		}
		for i := range want {
			want[i].Position = i + 1
		}
		if len(back)+len(want) > 0 && !reflect.DeepEqual(back, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", back, want)
		}
	})
}
