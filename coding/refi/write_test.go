package refi

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
)

// xmllint validates path against the REFI-QDA project schema (Project.xsd, as the standard
// publishes it, in testdata).
func xmllint(t *testing.T, path string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("xmllint not installed (apt-get install libxml2-utils); set CI to make this a failure")
		}
		t.Fatalf("xmllint is needed in CI: %v", err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("testdata", "Project.xsd"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint rejects project.qde: %v\n%s", err, out)
	}
}

// study is a project with what a real study holds: a call in sections with notes, a label
// written otherwise than its speaker, timed turns, a prose document, three coders and the
// consensus layer, codes with a parent and colours, codings, a turn reviewed with no code,
// codes on a turn not yet marked reviewed, a memo on a turn nobody reviewed, and memos.
func study() *Project {
	codes := []coding.Code{
		{ID: "code-referral", Name: "referral", NameZH: "转介", Definition: "Sends the caller elsewhere.", Colour: "#1f77b4", Shortcut: "1", Position: 1},
		{ID: "code-deflection", Name: "deflection", NameZH: "推诿", Definition: "Avoids the question.\nEven politely.", Colour: "#ff7f0e", Shortcut: "2", Position: 2},
		{ID: "3F2504E0-4F89-11D3-9A0C-0305E82C3301", Name: "phone number", ParentID: "code-referral", Position: 3, Colour: "#aec7e8"},
	}
	call := coding.Document{Title: "calls", Format: "turns", Encoding: "gb18030", Items: []coding.Item{
		{Kind: coding.KindNote, Text: "——2019年 3月 24 日，山东省东营市"},
		{Kind: coding.KindHeader, Text: "第一通电话：东营市总工会办公室"},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂？"},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。"},
		{Kind: coding.KindNote, Text: "——电话被挂断——"},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "我这是中国劳工通讯。 Emoji 😀 too: and a colon."},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "你打那个 8336878，法工部。",
			Timed: true, Start: 1500 * time.Millisecond, End: 4 * time.Second},
		{Kind: coding.KindHeader, Text: "Call 2: the federation"},
		{Kind: coding.KindTurn, Speaker: "Interviewer 2", Label: "Interviewer 2", Text: "Line one\nline two of one turn"},
	}}
	prose := coding.Document{Title: "report", Format: "prose", Encoding: "utf-8", Items: []coding.Item{
		{Kind: coding.KindTurn, Text: "工会创新实践调研行"},
		{Kind: coding.KindTurn, Text: "2017年,大庆油田工会APP上线运行。"},
	}}
	return &Project{
		Name:   "demo",
		Coders: []Coder{{Name: "ana"}, {Name: "bo"}, {Name: "chen wei"}, {Name: "dana"}, {Name: "consensus", Consensus: true}},
		Book:   codebook.Book{Codes: codes},
		Speakers: []coding.Speaker{{Label: "CLB", Role: coding.RoleInterviewer}, {Label: "Interviewer 2", Role: coding.RoleInterviewer},
			{Label: "东营市总工会", Role: coding.RoleRespondent}},
		Documents: []Document{
			{ID: "0123456789abcdef0123456789abcdef", Source: "calls.txt", Doc: call, Marks: []Mark{
				{Item: 3, Coder: "ana", Reviewed: true, Codes: []string{"code-referral", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"}, Memo: "Gives a number.\nCheck it."},
				{Item: 3, Coder: "bo", Reviewed: true},
				{Item: 3, Coder: "consensus", Reviewed: true, Codes: []string{"code-referral"}, Memo: "Settled: a referral."},
				{Item: 5, Coder: "ana", Reviewed: false, Codes: []string{"code-deflection"}},
				{Item: 6, Coder: "bo", Reviewed: true, Codes: []string{"code-deflection", "code-referral"}},
				{Item: 8, Coder: "chen wei", Memo: "Not reviewed, but noted."},
			}},
			{ID: "fedcba9876543210fedcba9876543210", Source: "report.docx", Doc: prose, Marks: []Mark{
				{Item: 1, Coder: "ana", Reviewed: true, Codes: []string{"code-deflection"}},
			}},
		},
	}
}

func writeBytes(t *testing.T, p *Project) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// TestWriteValidatesAndCoversTurns: project.qde validates against Project.xsd; each document's
// text is its lines, one an item, a turn "Speaker: text"; each selection covers exactly its
// turn's text in code points (an emoji counts one), end exclusive.
func TestWriteValidatesAndCoversTurns(t *testing.T) {
	p := study()
	data := writeBytes(t, p)
	files := parts(t, data)
	qde := files["project.qde"]
	path := filepath.Join(t.TempDir(), "project.qde")
	if err := os.WriteFile(path, []byte(qde), 0o644); err != nil {
		t.Fatal(err)
	}
	xmllint(t, path)

	docGUID := guidOf("document", p.Documents[0].ID)
	text, ok := files["sources/"+docGUID+".txt"]
	if !ok {
		t.Fatalf("no sources/%s.txt in %v", docGUID, keys(files))
	}
	want := "——2019年 3月 24 日，山东省东营市\n第一通电话：东营市总工会办公室\nCLB: 喂？\n东营市总工会: 喂，您好。\n——电话被挂断——\n" +
		"CLB: 我这是中国劳工通讯。 Emoji 😀 too: and a colon.\n东营市总工会: 你打那个 8336878，法工部。\nCall 2: the federation\nInterviewer 2: Line one\nline two of one turn"
	if text != want {
		t.Errorf("the text is\n%s\nwant\n%s", text, want)
	}
	runes := []rune(text)
	sel := regexp.MustCompile(`<PlainTextSelection guid="[^"]+" name="turn (\d+)" startPosition="(\d+)" endPosition="(\d+)" creatingUser="([^"]+)"`)
	found := sel.FindAllStringSubmatch(qde, -1)
	if len(found) != 7 {
		t.Fatalf("%d selections, want 7 (one per mark with something in it):\n%s", len(found), qde)
	}
	turnText := map[string]string{"1": "喂？", "2": "喂，您好。", "3": "我这是中国劳工通讯。 Emoji 😀 too: and a colon.", "4": "你打那个 8336878，法工部。", "5": "Line one\nline two of one turn"}
	for _, m := range found[:6] { // the seventh is in the prose document
		s, _ := strconv.Atoi(m[2])
		e, _ := strconv.Atoi(m[3])
		if got := string(runes[s:e]); got != turnText[m[1]] {
			t.Errorf("the selection of turn %s covers %q, want %q", m[1], got, turnText[m[1]])
		}
	}
	for _, w := range []string{`origin="turncoder"`, `<User guid="` + guidOf("coder", "consensus") + `" name="consensus">`,
		`name="referral" isCodable="true" color="#1f77b4"`, `<Variable guid="` + guidOf("variable", "role") + `" name="role" typeOfVariable="Text">`,
		`<Case guid="` + guidOf("speaker", "CLB") + `" name="CLB">`, `<TextValue>interviewer</TextValue>`,
		`<PlainTextContent>Gives a number.&#xA;Check it.</PlainTextContent>`} {
		if !strings.Contains(qde, w) {
			t.Errorf("project.qde lacks %s", w)
		}
	}
	if again := writeBytes(t, study()); !bytes.Equal(again, data) {
		t.Error("two exports of the same project differ: guids must be stable")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestRoundTrip: what Write writes, Read gives back: the documents item for item (kinds,
// speakers, labels as written, texts, times, formats), the coders, the codebook with every
// field, the speakers' roles, and each coder's marks (reviewed or not, codes, memos).
func TestRoundTrip(t *testing.T) {
	p := study()
	data := writeBytes(t, p)
	got, rep, err := Read(bytes.NewReader(data), int64(len(data)), "demo.qdpx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Documents) != len(p.Documents) {
		t.Fatalf("%d documents, want %d", len(got.Documents), len(p.Documents))
	}
	for i, d := range p.Documents {
		g := got.Documents[i]
		for k := range g.Doc.Items {
			g.Doc.Items[k].Line = 0
		}
		if g.Doc.Title != d.Doc.Title || g.Doc.Format != d.Doc.Format || g.Doc.Encoding != d.Doc.Encoding || g.ID != d.ID || g.Source != d.Source {
			t.Errorf("document %d is %q %s %s %s %s, want %q %s %s %s %s", i, g.Doc.Title, g.Doc.Format, g.Doc.Encoding, g.ID, g.Source,
				d.Doc.Title, d.Doc.Format, d.Doc.Encoding, d.ID, d.Source)
		}
		if !reflect.DeepEqual(g.Doc.Items, d.Doc.Items) {
			t.Errorf("document %q's items:\n%+v\nwant\n%+v", d.Doc.Title, g.Doc.Items, d.Doc.Items)
		}
		if !sameMarks(g.Marks, d.Marks) {
			t.Errorf("document %q's marks:\n%+v\nwant\n%+v", d.Doc.Title, g.Marks, d.Marks)
		}
	}
	var coders []string
	for _, c := range got.Coders {
		coders = append(coders, c.Name)
	}
	// in the users' order; dana, who coded nothing yet, is a coder too in turncoder's own file
	if want := []string{"ana", "bo", "chen wei", "dana", "consensus"}; !reflect.DeepEqual(coders, want) {
		t.Errorf("coders %v, want %v", coders, want)
	}
	// parents first, as a codebook is written
	if want, _ := codebook.Order(p.Book.Codes); !reflect.DeepEqual(got.Book.Codes, want) {
		t.Errorf("codebook:\n%+v\nwant\n%+v", got.Book.Codes, want)
	}
	if !reflect.DeepEqual(got.Speakers, []coding.Speaker{{Label: "CLB", Role: coding.RoleInterviewer}, {Label: "东营市总工会", Role: coding.RoleRespondent},
		{Label: "Interviewer 2", Role: coding.RoleInterviewer}}) {
		t.Errorf("speakers %+v", got.Speakers)
	}
	if rep.Spans != 7 || rep.Crossed != 0 || rep.Codings != 7 || rep.Memos != 3 || rep.Reviewed != 5 || len(rep.Dropped) != 0 {
		t.Errorf("report: %d spans, %d crossed, %d codings, %d memos, %d reviewed, dropped %v; want 7, 0, 7, 3, 5, none",
			rep.Spans, rep.Crossed, rep.Codings, rep.Memos, rep.Reviewed, rep.Dropped)
	}
}

// sameMarks compares marks whatever their order.
func sameMarks(a, b []Mark) bool {
	key := func(m Mark) string {
		return strconv.Itoa(m.Item) + "/" + m.Coder + "/" + strconv.FormatBool(m.Reviewed) + "/" + strings.Join(m.Codes, ",") + "/" + m.Memo
	}
	set := map[string]int{}
	for _, m := range a {
		set[key(m)]++
	}
	for _, m := range b {
		set[key(m)]--
	}
	for _, n := range set {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}
