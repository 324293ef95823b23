package refi

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// zipOf builds an archive of name, content pairs.
func zipOf(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func read(t *testing.T, data []byte) (*Project, *Report) {
	t.Helper()
	p, rep, err := Read(bytes.NewReader(data), int64(len(data)), "t.qdpx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, rep
}

const (
	gAna   = "aaaaaaaa-0000-4000-8000-000000000001"
	gBo    = "aaaaaaaa-0000-4000-8000-000000000002"
	gCode1 = "cccccccc-0000-4000-8000-000000000001"
	gCode2 = "cccccccc-0000-4000-8000-000000000002"
	gSrc   = "5555aaaa-0000-4000-8000-000000000001"
	gRole  = "7777aaaa-0000-4000-8000-000000000001"
	gAge   = "7777aaaa-0000-4000-8000-000000000002"
)

const interview = "Interviewer: How did the union answer?\nWorker: They said to call another office.\n[phone rings]\nInterviewer: And then?\nWorker: Nobody picked up."

// TestReadMapsAndLeavesOut: another tool's selections code the turns they overlap (one across two
// turns codes both, a selection without codes is a reviewed turn with no code, a note linked to
// a selection is a memo of its author); a Case's role gives a speaker their role; and what has no
// place is named: a selection on a note only, one past the text, a coding of a code not in the
// codebook, a coding of the whole source, a variable other than the role, a case of no speaker,
// an external source, a note on nothing.
func TestReadMapsAndLeavesOut(t *testing.T) {
	sel := func(guid string, a, b int, user string, inner string) string {
		return `<PlainTextSelection guid="` + guid + `" startPosition="` + itoa(a) + `" endPosition="` + itoa(b) + `" creatingUser="` + user + `">` + inner + `</PlainTextSelection>`
	}
	coding1 := func(code string) string {
		return `<Coding guid="dddddddd-0000-4000-8000-00000000000` + code[len(code)-1:] + `"><CodeRef targetGUID="` + code + `"/></Coding>`
	}
	at := func(s string) int { return len([]rune(interview[:strings.Index(interview, s)])) }
	qde := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="SomeTool 1">` +
		`<Users><User guid="` + gAna + `" name="Ana"/><User guid="` + gBo + `" name="Bo"/></Users>` +
		`<CodeBook><Codes><Code guid="` + gCode1 + `" name="referral" isCodable="true"/><Code guid="` + gCode2 + `" name="silence" isCodable="true"/></Codes></CodeBook>` +
		`<Variables><Variable guid="` + gRole + `" name="Role" typeOfVariable="Text"/><Variable guid="` + gAge + `" name="age" typeOfVariable="Integer"/></Variables>` +
		`<Cases><Case guid="99999999-0000-4000-8000-000000000001" name="Interviewer"><VariableValue><VariableRef targetGUID="` + gRole + `"/><TextValue>interviewer</TextValue></VariableValue></Case>` +
		`<Case guid="99999999-0000-4000-8000-000000000002" name="Worker"><VariableValue><VariableRef targetGUID="` + gRole + `"/><TextValue>other</TextValue></VariableValue>` +
		`<VariableValue><VariableRef targetGUID="` + gAge + `"/><IntegerValue>41</IntegerValue></VariableValue></Case>` +
		`<Case guid="99999999-0000-4000-8000-000000000003" name="Site B"/></Cases>` +
		`<Sources><TextSource guid="` + gSrc + `" name="call one.txt" plainTextPath="internal://` + gSrc + `.txt">` +
		sel("eeeeeeee-0000-4000-8000-000000000001", at("They said"), at("another office")+len("another office"), gAna, coding1(gCode1)) +
		sel("eeeeeeee-0000-4000-8000-000000000002", at("another office"), at("And then?")+4, gBo, coding1(gCode1)+coding1(gCode2)) +
		sel("eeeeeeee-0000-4000-8000-000000000003", at("Nobody"), at("Nobody")+6, gAna, `<NoteRef targetGUID="abababab-0000-4000-8000-000000000001"/>`) +
		sel("eeeeeeee-0000-4000-8000-000000000004", at("[phone"), at("rings]")+6, gAna, coding1(gCode1)) +
		sel("eeeeeeee-0000-4000-8000-000000000005", 500, 510, gAna, coding1(gCode1)) +
		sel("eeeeeeee-0000-4000-8000-000000000006", 0, 5, gBo, `<Coding guid="dddddddd-0000-4000-8000-000000000009"><CodeRef targetGUID="cccccccc-0000-4000-8000-00000000000f"/></Coding>`) +
		`<Coding guid="dddddddd-0000-4000-8000-00000000000a" creatingUser="` + gAna + `"><CodeRef targetGUID="` + gCode2 + `"/></Coding>` +
		`</TextSource><TextSource guid="5555aaaa-0000-4000-8000-000000000002" name="far" plainTextPath="relative:///far.txt"/></Sources>` +
		`<Notes><Note guid="abababab-0000-4000-8000-000000000001" creatingUser="` + gBo + `"><PlainTextContent>Nobody: check the log.</PlainTextContent></Note>` +
		`<Note guid="abababab-0000-4000-8000-000000000002"><PlainTextContent>A note on nothing.</PlainTextContent></Note></Notes></Project>`
	p, rep := read(t, zipOf(t, "project.qde", qde, "sources/"+gSrc+".txt", interview))
	if len(p.Documents) != 1 || p.Documents[0].Doc.Title != "call one" || p.Documents[0].Doc.Format != "turns" {
		t.Fatalf("documents %+v", p.Documents)
	}
	d := &p.Documents[0]
	names := codeNames(p)
	got := map[string]string{}
	for _, m := range d.Marks {
		var codes []string
		for _, c := range m.Codes {
			codes = append(codes, names[c])
		}
		got[d.Doc.Items[m.Item].Text+" / "+m.Coder] = strings.Join(codes, "+") + " reviewed=" + itoa(b2i(m.Reviewed)) + " memo=" + m.Memo
	}
	want := map[string]string{
		"They said to call another office. / Ana": "referral reviewed=1 memo=",
		"They said to call another office. / Bo":  "referral+silence reviewed=1 memo=",
		"And then? / Bo":                          "referral+silence reviewed=1 memo=",
		"Nobody picked up. / Ana":                 " reviewed=1 memo=",
		"Nobody picked up. / Bo":                  " reviewed=0 memo=Nobody: check the log.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("marks:\n%v\nwant\n%v", got, want)
	}
	// the four selections that fall on turns (one of them has only a coding of an unknown code)
	if !reflect.DeepEqual(rep.Coders, []string{"Ana", "Bo"}) {
		t.Errorf("coders %v", rep.Coders)
	}
	if rep.Spans != 4 || rep.Crossed != 1 {
		t.Errorf("%d spans, %d across turns; want 4, 1", rep.Spans, rep.Crossed)
	}
	if !reflect.DeepEqual(p.Speakers, []coding.Speaker{{Label: "Interviewer", Role: coding.RoleInterviewer}, {Label: "Worker", Role: coding.RoleOther}}) {
		t.Errorf("speakers %+v", p.Speakers)
	}
	for _, w := range []string{"1 selection on no turn", "1 selection outside its text", "1 coding of a code not in the codebook",
		"1 coding of a whole source", "1 variable other than the role (age)", "1 case that is no speaker of the documents",
		"1 source kept outside the file", "1 note not on a coded passage"} {
		if !dropped(rep)[w] {
			t.Errorf("the report does not leave out %q: %v", w, rep.Dropped)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestReadDOCXAndInlineSources: a source whose text is only in its DOCX is read as Word
// paragraphs, its positions counted on the paragraphs one a line; a source whose text is in
// project.qde (PlainTextContent) is read from there.
func TestReadDOCXAndInlineSources(t *testing.T) {
	docx := zipOf(t, "word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+
		`<w:p><w:r><w:t>Interviewer: Where do you work?</w:t></w:r></w:p><w:p><w:r><w:t>Worker: At the plant, on nights.</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t>Interviewer: For how long?</w:t></w:r></w:p><w:p><w:r><w:t>Worker: Eleven years.</w:t></w:r></w:p></w:body></w:document>`)
	text := "Interviewer: Where do you work?\nWorker: At the plant, on nights.\nInterviewer: For how long?\nWorker: Eleven years."
	at := func(s string) string { return itoa(strings.Index(text, s)) }
	inline := "Q: Are you in the union?\nA: Since 2015."
	qde := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">` +
		`<Users><User guid="` + gAna + `" name="Ana"/></Users><CodeBook><Codes><Code guid="` + gCode1 + `" name="work" isCodable="true"/></Codes></CodeBook>` +
		`<Sources><TextSource guid="` + gSrc + `" name="Worker 3.docx" richTextPath="internal://` + gSrc + `.docx">` +
		`<PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000001" startPosition="` + at("At the plant") + `" endPosition="` + at(", on nights") + `" creatingUser="` + gAna + `">` +
		`<Coding guid="dddddddd-0000-4000-8000-000000000001"><CodeRef targetGUID="` + gCode1 + `"/></Coding></PlainTextSelection></TextSource>` +
		`<TextSource guid="5555aaaa-0000-4000-8000-000000000002" name="Union"><PlainTextContent>` + inline + `</PlainTextContent>` +
		`<PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000002" startPosition="27" endPosition="38" creatingUser="` + gAna + `">` +
		`<Coding guid="dddddddd-0000-4000-8000-000000000002"><CodeRef targetGUID="` + gCode1 + `"/></Coding></PlainTextSelection></TextSource></Sources></Project>`
	p, rep := read(t, zipOf(t, "project.qde", qde, "sources/"+gSrc+".docx", string(docx)))
	if len(p.Documents) != 2 {
		t.Fatalf("%s", rep.Summary())
	}
	w := docNamed(t, p, "Worker 3")
	if w.Doc.Format != "docx" || w.Doc.Turns() != 4 {
		t.Errorf("the DOCX source: %s, %d turns", w.Doc.Format, w.Doc.Turns())
	}
	if codes, _, _ := markOf(p, w, turnWith(t, w, "At the plant, on nights."), "Ana"); !reflect.DeepEqual(codes, []string{"work"}) {
		t.Errorf("the DOCX turn's codes: %v", codes)
	}
	u := docNamed(t, p, "Union")
	if codes, _, _ := markOf(p, u, turnWith(t, u, "Since 2015."), "Ana"); !reflect.DeepEqual(codes, []string{"work"}) {
		t.Errorf("the inline source's turn: %v", codes)
	}
}

// TestReadRefusals: what is not a REFI-QDA project, or is one no program writes, is refused in
// one sentence before anything is read from it.
func TestReadRefusals(t *testing.T) {
	ok := `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>`
	deep := `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><Description>` + strings.Repeat("<b>", 200) + strings.Repeat("</b>", 200) + `</Description></Project>`
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("Interviewer: hello"), "it is not a zip archive"},
		{"no qde", zipOf(t, "sources/a.txt", "x"), "its zip archive has no project.qde"},
		{"a codebook", zipOf(t, "project.qde", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>`), "its .qde holds a codebook"},
		{"another root", zipOf(t, "project.qde", `<html/>`), "the root element of its project.qde is <html>"},
		{"a DTD", zipOf(t, "project.qde", `<!DOCTYPE Project SYSTEM "http://example.org/p.dtd">`+ok), "declares a document type"},
		{"an undeclared entity", zipOf(t, "project.qde", `<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>`), "is not well-formed XML"},
		{"nested too deep", zipOf(t, "project.qde", deep), "nests elements more than 80 deep"},
		{"a back-slashed traversal", zipOf(t, "project.qde", ok, `..\..\x.txt`, "x"), "which points outside the archive"},
		{"a drive", zipOf(t, "project.qde", ok, `C:/x.txt`, "x"), "which points outside the archive"},
		{"two parts of one name", zipOf(t, "project.qde", ok, "sources/a.txt", "x", "Sources/A.TXT", "y"), "holds two files named"},
		{"a malformed guid", zipOf(t, "project.qde", `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="code-001" name="x" isCodable="true"/></Codes></CodeBook></Project>`), `code "x" has a malformed guid`},
	} {
		_, _, err := Read(bytes.NewReader(c.data), int64(len(c.data)), "t.qdpx", Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

// TestReadCoderOfNoOne: a coding that names no user, in a selection and a project that name
// none either, is the work of a coder named "unknown coder"; one that names a user the file
// does not list is "user " and the guid's first digits.
func TestReadCoderOfNoOne(t *testing.T) {
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="` + gCode1 + `" name="x" isCodable="true"/></Codes></CodeBook>` +
		`<Sources><TextSource guid="` + gSrc + `" name="s"><PlainTextContent>A: one
B: two</PlainTextContent>` +
		`<PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000001" startPosition="3" endPosition="6"><Coding guid="dddddddd-0000-4000-8000-000000000001"><CodeRef targetGUID="` + gCode1 + `"/></Coding></PlainTextSelection>` +
		`<PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000002" startPosition="10" endPosition="13" creatingUser="12345678-0000-4000-8000-000000000001"/>` +
		`</TextSource></Sources></Project>`
	_, rep := read(t, zipOf(t, "project.qde", qde))
	if !reflect.DeepEqual(rep.Coders, []string{"unknown coder", "user 12345678"}) {
		t.Errorf("coders %v", rep.Coders)
	}
}
