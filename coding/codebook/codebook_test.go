package codebook

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// seedCodebook is seeds.Codebook(), turncoder's default codebook. The seeds package imports
// store, which imports this package, so the tests inside it cannot import seeds; the external
// test package (seeds_test.go) can, and hands it in before the tests run.
var seedCodebook func() []coding.Code

// defaultCodebook is turncoder's default codebook, with multi-line and backslash criteria
// added to referral (the Description block must escape them), plus a child under referral.
func defaultCodebook() []coding.Code {
	codes := seedCodebook()
	codes[0].Inclusion = "Names a place to call.\nOr a person."
	codes[0].Exclusion = `Not "go away" \ alone`
	return append(codes, coding.Code{ID: "3F2504E0-4F89-11D3-9A0C-0305E82C3301", Name: "phone number", NameZH: "电话号码",
		Position: 5, ParentID: "code-referral", Colour: "#aec7e8", Definition: "The referral gives a phone number."})
}

func xmllint(t *testing.T, xmlPath string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("xmllint not installed (apt-get install libxml2-utils); set CI to make this a failure")
		}
		t.Fatalf("xmllint is needed in CI: %v", err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("testdata", "Codebook.xsd"), xmlPath).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint rejects the codebook: %v\n%s", err, out)
	}
}

func TestQDCDefaultCodebookValidatesAndRoundTrips(t *testing.T) {
	codes := defaultCodebook()
	var buf bytes.Buffer
	if err := WriteQDC(&buf, codes); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "codebook.qdc")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	xmllint(t, path)

	s := buf.String()
	for _, want := range []string{`xmlns="urn:QDA-XML:codebook:1.0"`, `guid="3F2504E0-4F89-11D3-9A0C-0305E82C3301"`,
		`guid="` + GUID("code-referral") + `"`, `color="#1f77b4"`, "[turncoder]&#xA;id: code-referral&#xA;zh: 转介&#xA;"} {
		if !strings.Contains(s, want) {
			t.Errorf("written codebook lacks %q:\n%s", want, s)
		}
	}
	// The child is nested in referral.
	if i, j := strings.Index(s, `name="referral"`), strings.Index(s, `name="phone number"`); !(i >= 0 && j > i && j < strings.Index(s, `name="deflection"`)) {
		t.Errorf("child not nested under its parent:\n%s", s)
	}

	got, warnings, err := ReadQDC(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	want, err := Order(codes)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}

	// Same codebook, same bytes (deterministic guids).
	var again bytes.Buffer
	if err := WriteQDC(&again, codes); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("writing the same codebook twice gives different files")
	}
}

func TestGUIDIsVersion5AndStable(t *testing.T) {
	g := GUID("code-referral")
	if !isGUID(g) || g[14] != '5' || !strings.ContainsAny(g[19:20], "89ab") {
		t.Errorf("GUID(code-referral) = %s, want a version 5 UUID", g)
	}
	if g != GUID("code-referral") || g == GUID("code-deflection") {
		t.Error("GUID is not a function of the id")
	}
	if GUID("{3F2504E0-4F89-11D3-9A0C-0305E82C3301}") != "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}" {
		t.Error("a GUID id is not kept")
	}
}

const otherToolQDC = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="SomeQDA 9">
  <Codes>
    <Code guid="{A1B2C3D4-0000-4000-8000-000000000001}" name="Emotions" isCodable="false" color="#ABC">
      <Code guid="{A1B2C3D4-0000-4000-8000-000000000002}" name="Anger" isCodable="true" color="#FF0000">
        <Code guid="{A1B2C3D4-0000-4000-8000-000000000003}" name="Rage" isCodable="true"/>
      </Code>
      <Code guid="a1b2c3d4-0000-4000-8000-000000000004" name="Joy" isCodable="true"/>
    </Code>
    <Code guid="A1B2C3D4-0000-4000-8000-000000000005" name="Place" isCodable="true" color="#00ff00">
      <Description>  Where it happens.  </Description>
    </Code>
  </Codes>
  <Sets>
    <Set guid="A1B2C3D4-0000-4000-8000-000000000009" name="Feelings">
      <MemberCode guid="a1b2c3d4-0000-4000-8000-000000000002"/>
    </Set>
  </Sets>
</CodeBook>
`

func TestQDCFromOtherTool(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.qdc")
	if err := os.WriteFile(path, []byte(otherToolQDC), 0o644); err != nil {
		t.Fatal(err)
	}
	xmllint(t, path) // the fixture itself is a valid codebook

	got, warnings, err := ReadQDC(strings.NewReader(otherToolQDC))
	if err != nil {
		t.Fatal(err)
	}
	const top = "a1b2c3d4-0000-4000-8000-000000000001"
	want := []coding.Code{
		{ID: top, Name: "Emotions", Colour: "#aabbcc", Position: 1},
		{ID: "a1b2c3d4-0000-4000-8000-000000000002", Name: "Anger", Colour: "#ff0000", ParentID: top, Position: 2},
		{ID: "a1b2c3d4-0000-4000-8000-000000000003", Name: "Rage", ParentID: top, Position: 3},
		{ID: "a1b2c3d4-0000-4000-8000-000000000004", Name: "Joy", ParentID: top, Position: 4},
		{ID: "a1b2c3d4-0000-4000-8000-000000000005", Name: "Place", Colour: "#00ff00", Definition: "Where it happens.", Position: 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
	joined := strings.Join(warnings, "\n")
	for _, w := range []string{`"Rage" was nested 3 levels deep`, `directly under "Emotions"`, "sets were not imported", "not codable", "Emotions"} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q: %q", w, warnings)
		}
	}
	if len(warnings) != 3 {
		t.Errorf("want 3 warnings (flattened, sets, not codable), got %q", warnings)
	}

	// What turncoder writes back from it is valid too.
	var buf bytes.Buffer
	if err := WriteQDC(&buf, got); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	xmllint(t, path)
}

func TestQDCBadInputs(t *testing.T) {
	code := func(guid, name string) string {
		return fmt.Sprintf(`<Code guid="%s" name="%s" isCodable="true"/>`, guid, name)
	}
	book := func(codes ...string) string {
		return `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>` + strings.Join(codes, "") + `</Codes></CodeBook>`
	}
	const g1, g2 = "a1b2c3d4-0000-4000-8000-000000000001", "a1b2c3d4-0000-4000-8000-000000000002"
	deep := strings.Repeat(`<Code guid="`+g1+`" name="x" isCodable="true">`, MaxDepth+1)
	cases := []struct{ name, in, want string }{
		{"not XML", "id,name\n1,referral\n", "not a REFI-QDA codebook"},
		{"broken XML", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>`, "bad XML"},
		{"wrong namespace", `<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes/></CodeBook>`, "namespace urn:QDA-XML:project:1.0"},
		{"no namespace", `<CodeBook><Codes/></CodeBook>`, "no namespace"},
		{"wrong root", `<Project xmlns="urn:QDA-XML:codebook:1.0"/>`, "root element is <Project>"},
		{"duplicate guid", book(code(g1, "a"), code("{"+strings.ToUpper(g1)+"}", "b")), "same guid"},
		{"missing name", book(code(g1, "a"), `<Code guid="`+g2+`" isCodable="true"/>`), "has no name"},
		{"missing guid", book(`<Code name="a" isCodable="true"/>`), "has no guid"},
		{"bad guid", book(code("nope", "a")), "malformed guid"},
		{"no Codes", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`, "no <Codes>"},
		{"too deep", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>` + deep, "nested more than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ReadQDC(strings.NewReader(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestQDCTooLarge(t *testing.T) {
	big := spacesAfter(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><!--`, MaxInput)
	_, _, err := ReadQDC(big)
	if err == nil || !strings.Contains(err.Error(), "larger than 32 MiB") {
		t.Errorf("error %v, want too large", err)
	}
}

// spacesAfter is prefix followed by n spaces.
func spacesAfter(prefix string, n int) *bytes.Reader {
	return bytes.NewReader(append([]byte(prefix), bytes.Repeat([]byte(" "), n)...))
}

func TestDescriptionBlock(t *testing.T) {
	c := coding.Code{ID: "x", Definition: "Def.\n\n[turncoder]\nnot: ours", Example: "a\\nb\nc\r"}
	def, f, ok := splitDescription(description(c))
	if !ok || def != c.Definition || f["example"] != c.Example || f["id"] != "x" {
		t.Errorf("got %q %q %v", def, f, ok)
	}
	// Without a definition the block stands alone.
	def, f, ok = splitDescription(description(coding.Code{ID: "y"}))
	if !ok || def != "" || f["id"] != "y" {
		t.Errorf("got %q %q %v", def, f, ok)
	}
	// A look-alike block with unknown keys is plain definition text.
	if def, _, ok := splitDescription("Def.\n\n[turncoder]\ncolour: red"); ok || def != "Def.\n\n[turncoder]\ncolour: red" {
		t.Errorf("got %q %v", def, ok)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	codes, err := Order(defaultCodebook())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, codes); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeffid,name,name_zh,definition,inclusion,exclusion,example,colour,shortcut,parent\n")) {
		t.Errorf("header: %q", buf.String()[:100])
	}
	if !strings.Contains(buf.String(), ",referral\n") {
		t.Errorf("child row does not name its parent:\n%s", buf.String())
	}
	got, err := ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// ReadCSV numbers positions by row.
	for i := range codes {
		codes[i].Position = i + 1
	}
	if !reflect.DeepEqual(got, codes) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, codes)
	}
}

func TestCSVLooseInput(t *testing.T) {
	in := "Parent,Name,Color,Shortcut\r\nbig,small,#ABC,2\r\n,,,\r\n,big,,1\r\n"
	got, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []coding.Code{
		{Name: "small", Colour: "#aabbcc", Shortcut: "2", ParentID: "big", Position: 1},
		{Name: "big", Shortcut: "1", Position: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	n := 0
	if err := AssignIDs(got, func() (string, error) { n++; return fmt.Sprintf("id-%d", n), nil }); err != nil {
		t.Fatal(err)
	}
	if got[0].ID != "id-1" || got[1].ID != "id-2" || got[0].ParentID != "id-2" {
		t.Errorf("after AssignIDs: %+v", got)
	}
	if _, err := Order(got); err != nil {
		t.Errorf("assigned codebook is not valid: %v", err)
	}
	// Parent by id.
	got, err = ReadCSV(strings.NewReader("id,name,parent\nc1,one,\nc2,two,c1\n"))
	if err != nil || got[1].ParentID != "c1" {
		t.Errorf("parent by id: %+v %v", got, err)
	}
}

func TestCSVBadInputs(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"missing name column", "id,definition\nx,y\n", "line 1: the header has no name column"},
		{"unknown column", "name,colur\na,#fff\n", `unknown column "colur"`},
		{"empty name", "name,definition\na,x\n ,y\n", "line 3: the code has no name"},
		{"duplicate name", "name\na\nb\na\n", `line 4: a code named "a" is already on line 2`},
		{"duplicate shortcut", "name,shortcut\na,1\nb,2\nc,1\n", `line 4: shortcut 1 of "c" is already the shortcut of "a" on line 2`},
		{"bad shortcut", "name,shortcut\na,0\n", "line 2: shortcut \"0\""},
		{"bad colour", "name,colour\na,red\n", `line 2: colour "red"`},
		{"unknown parent", "name,parent\na,zzz\n", `line 2: parent "zzz"`},
		{"two levels", "name,parent\na,\nb,a\nc,b\n", `line 4: parent "b" of "c" is not a top-level code`},
		{"duplicate id", "id,name\nx,a\nx,b\n", `line 3: id "x"`},
		{"ragged row", "name,id\na\n", "line 2:"},
		{"empty file", "", "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestWriteRejectsBadCodebooks(t *testing.T) {
	base := defaultCodebook()
	cases := []struct {
		name string
		edit func([]coding.Code) []coding.Code
		want string
	}{
		{"no id", func(c []coding.Code) []coding.Code { c[0].ID = ""; return c }, "has no id"},
		{"duplicate id", func(c []coding.Code) []coding.Code { c[1].ID = c[0].ID; return c }, "same id"},
		{"missing parent", func(c []coding.Code) []coding.Code { c[4].ParentID = "nope"; return c }, "no parent code"},
		{"grandchild", func(c []coding.Code) []coding.Code { c[3].ParentID = c[4].ID; return c }, "not a top-level code"},
		{"bad colour", func(c []coding.Code) []coding.Code { c[0].Colour = "blue"; return c }, "colour"},
		{"empty", func(c []coding.Code) []coding.Code { return nil }, "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			codes := append([]coding.Code(nil), base...)
			err := WriteQDC(&bytes.Buffer{}, c.edit(codes))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// A codebook exported as CSV guards fields that a spreadsheet would run as formulas, and reads
// back as it was.
func TestCodebookCSVGuardsFormulasAndRoundTrips(t *testing.T) {
	codes := []coding.Code{
		{ID: "c1", Name: "@risk", Definition: "=the union admits; +1 for a date", Colour: "#1f77b4", Shortcut: "1", Position: 1},
		{ID: "c2", Name: "-deflection", Inclusion: "said \"not our business\"", Colour: "#d62728", Shortcut: "2", Position: 2},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, codes); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.Contains(text, ",'@risk,") || !strings.Contains(text, `"'=the union admits; +1 for a date"`) || !strings.Contains(text, ",'-deflection,") {
		t.Errorf("written:\n%s", text)
	}
	back, err := ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range back {
		if c.Name != codes[i].Name || c.Definition != codes[i].Definition || c.Inclusion != codes[i].Inclusion {
			t.Errorf("code %d reads back as %+v, was %+v", i, c, codes[i])
		}
	}
}

// Tools write the codebook namespace in other versions (ATLAS.ti 0:4, NVivo 1:0): the codes
// read the same. A project's XML given as a codebook is named for what it is.
func TestQDCNamespaceVersions(t *testing.T) {
	const g1, g2 = "a1b2c3d4-0000-4000-8000-000000000001", "a1b2c3d4-0000-4000-8000-000000000002"
	for _, ns := range []string{"urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:1:0", "URN:QDA-XML:CODEBOOK:1.0"} {
		in := `<CodeBook xmlns="` + ns + `"><Codes><Code guid="` + g1 + `" name="a" isCodable="true"><Description>d</Description>` +
			`<Code guid="` + g2 + `" name="b" isCodable="true"/></Code></Codes></CodeBook>`
		codes, warnings, err := ReadQDC(strings.NewReader(in))
		want := []coding.Code{{ID: g1, Name: "a", Definition: "d", Position: 1}, {ID: g2, Name: "b", ParentID: g1, Position: 2}}
		if err != nil || len(warnings) != 0 || !reflect.DeepEqual(codes, want) {
			t.Errorf("%s: %+v %q %v", ns, codes, warnings, err)
		}
	}
	// Elements in another namespace than the root's are not the codebook's.
	_, _, err := ReadQDC(strings.NewReader(`<CodeBook xmlns="urn:QDA-XML:codebook:0:4"><x:Codes xmlns:x="urn:QDA-XML:codebook:1.0"/></CodeBook>`))
	if err == nil || !strings.Contains(err.Error(), "no <Codes>") {
		t.Errorf("codes in another namespace: %v", err)
	}
	_, _, err = ReadQDC(strings.NewReader(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" origin="NVivo"><CodeBook><Codes/></CodeBook></Project>`))
	if err == nil || err.Error() != "not a REFI-QDA codebook: it is the project.qde of a REFI-QDA project; export the codebook from that tool as a .qdc and import that" {
		t.Errorf("a project.qde: %v", err)
	}
}

// An empty <Sets/> (Taguette writes one) says nothing; sets with a set in them are named in
// the warning there has always been.
func TestQDCEmptySetsGiveNoWarning(t *testing.T) {
	const head = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a1b2c3d4-0000-4000-8000-000000000001" name="a" isCodable="true"/></Codes>`
	for _, sets := range []string{"<Sets/>", "<Sets></Sets>", "<Sets>\n  <!-- none -->\n</Sets>"} {
		if _, warnings, err := ReadQDC(strings.NewReader(head + sets + "</CodeBook>")); err != nil || len(warnings) != 0 {
			t.Errorf("%s: warnings %q, %v", sets, warnings, err)
		}
	}
	for _, sets := range []string{
		`<Sets><Set guid="a1b2c3d4-0000-4000-8000-000000000009" name="s"><MemberCode guid="a1b2c3d4-0000-4000-8000-000000000001"/></Set></Sets>`,
		`<Sets><Set guid="a1b2c3d4-0000-4000-8000-000000000009" name="empty set"/></Sets>`,
	} {
		_, warnings, err := ReadQDC(strings.NewReader(head + sets + "</CodeBook>"))
		if err != nil || strings.Join(warnings, "|") != "the codebook's sets were not imported (turncoder has no code sets)" {
			t.Errorf("%s: warnings %q, %v", sets, warnings, err)
		}
	}
}

// What a codebook gives of each code: everything when turncoder wrote it; from another tool
// the parent, the definition when there is a Description and the colour when there is one.
func TestQDCGivenFields(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteQDC(&buf, defaultCodebook()); err != nil {
		t.Fatal(err)
	}
	b, err := ReadQDCBook(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range b.Given {
		if g != GivesAll {
			t.Errorf("code %q written by turncoder: given %b", b.Codes[i].Name, g)
		}
	}
	b, err = ReadQDCBook(strings.NewReader(otherToolQDC))
	if err != nil {
		t.Fatal(err)
	}
	want := []Fields{GivesParent | GivesColour, GivesParent | GivesColour, GivesParent, GivesParent, GivesParent | GivesColour | GivesDefinition}
	if !reflect.DeepEqual(b.Given, want) {
		t.Errorf("given %b, want %b", b.Given, want)
	}
	// A table gives the columns it has, for every row.
	c, err := ReadCSVBook(strings.NewReader("name,colour,parent\na,#fff,\nb,,a\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g := GivesColour | GivesParent; !reflect.DeepEqual(c.Given, []Fields{g, g}) {
		t.Errorf("CSV given %b", c.Given)
	}
}

// Repeated names: a later code is named after its parent, or numbered when that is taken or
// has no parent; names compare without case, as the project's do.
func TestQDCRepeatedNames(t *testing.T) {
	g := func(n int) string { return fmt.Sprintf("a1b2c3d4-0000-4000-8000-%012d", n) }
	in := `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>` +
		`<Code guid="` + g(1) + `" name="Misc" isCodable="true"><Code guid="` + g(2) + `" name="time" isCodable="true"/></Code>` +
		`<Code guid="` + g(3) + `" name="misc" isCodable="true"><Code guid="` + g(4) + `" name="Time" isCodable="true"/>` +
		`<Code guid="` + g(5) + `" name="time (misc)" isCodable="true"/></Code>` +
		`<Code guid="` + g(6) + `" name="Misc (2)" isCodable="true"><Code guid="` + g(7) + `" name="time" isCodable="true"/></Code>` +
		`</Codes></CodeBook>`
	codes, warnings, err := ReadQDC(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range codes {
		names = append(names, c.Name)
	}
	if want := "Misc|time|misc (2)|Time (misc)|time (misc) (misc)|Misc (2) (2)|time (Misc (2))"; strings.Join(names, "|") != want {
		t.Errorf("names %q, want %q", names, want)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `5 code(s) have the name of an earlier code`) {
		t.Errorf("warnings %q", warnings)
	}
}
