package transcript

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/turncoder/turncoder/coding"
)

// buildXLSX writes a workbook whose first sheet holds rows (nil cells are left empty), plus a
// second sheet that must be ignored.
func buildXLSX(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("Other"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("Other", "A1", &[]any{"who", "what"}); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sampleXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows := [][]any{
		{"章节", "说话人", "开始", "结束", "内容"},
		{"第一通电话：东营市总工会办公室", "ＣＬＢ", 0, 1.5, "喂？"},
		{nil, "东营市总工会", 1.5, 4, "喂，您好。"},
		{},
		{nil, "CLB", "00:00:04", "00:00:07,250", "喂，您好，请问是\n东营市总工会吗？"},
		{nil, "东营市总工会", nil, nil, nil},
		{"第二通电话", "CLB", 3600.5, nil, "请问是东营市工会法工部吗？"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	// A start time typed as a time of day in Excel: a fraction of a day shown as hh:mm:ss.
	style, err := f.NewStyle(&excelize.Style{NumFmt: 21}) // hh:mm:ss
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheet, "C8", 65.0/86400); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, "C8", "C8", style); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow(sheet, "B8", &[]any{"CLB"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheet, "E8", "我这是中国劳工通讯。"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Other"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	items, warns, err := readXLSX(sampleXLSX(t))
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, items, []coding.Item{
		{Kind: coding.KindHeader, Text: "第一通电话：东营市总工会办公室", Line: 2},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "ＣＬＢ", Text: "喂？", Start: 0, End: ms(1500), Timed: true, Line: 2},
		{Kind: coding.KindTurn, Speaker: "东营市总工会", Label: "东营市总工会", Text: "喂，您好。", Start: ms(1500), End: ms(4000), Timed: true, Line: 3},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "喂，您好，请问是东营市总工会吗？", Start: ms(4000), End: ms(7250), Timed: true, Line: 5},
		{Kind: coding.KindHeader, Text: "第二通电话", Line: 7},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "请问是东营市工会法工部吗？", Start: time.Hour + ms(500), End: time.Hour + ms(500), Timed: true, Line: 7},
		{Kind: coding.KindTurn, Speaker: "CLB", Label: "CLB", Text: "我这是中国劳工通讯。", Start: 65 * time.Second, End: 65 * time.Second, Timed: true, Line: 8},
	})
	if len(warns) != 1 || warns[0].Line != 6 || !strings.Contains(warns[0].Message, "no text") {
		t.Errorf("warnings = %+v", warns)
	}
}

func TestReadXLSXErrors(t *testing.T) {
	docx := buildDOCX(t, `<w:p><w:r><w:t>hi</w:t></w:r></w:p>`)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("speaker,text\nA,hi\n"), "the file is not an XLSX workbook (it is not a zip archive)"},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "old .xls"},
		{"a docx", docx, "it is a Word document"},
		{"other zip", zipOf(t, map[string]string{"a.txt": "hi"}), "zip archive without xl/workbook.xml"},
		{"no columns", buildXLSX(t, [][]any{{"who", "what"}, {"A", "hi"}}), "the XLSX has no 'speaker' or 'text' column (found: who, what)"},
		{"bad time", buildXLSX(t, [][]any{{"speaker", "text", "start"}, {"A", "hi", "soon"}}), `XLSX row 2: start time "soon" is not a time`},
		{"empty sheet", buildXLSX(t, nil), "is empty"},
		{"declared bomb", forgedZip(t, "xl/workbook.xml", 1<<30), "would unpack to more than 512 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, _, err := readXLSX(tc.data)
			if err == nil {
				t.Fatalf("items = %+v; want an error", items)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestZipKind(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"docx", buildDOCX(t, `<w:p/>`), "docx"},
		{"xlsx", buildXLSX(t, [][]any{{"speaker", "text"}}), "xlsx"},
		{"other zip", zipOf(t, map[string]string{"a.txt": "hi"}), ""},
		{"word part elsewhere", zipOf(t, map[string]string{"word/document2.xml": "<x/>"}), "docx"},
		{"not a zip", []byte("PK\x03\x04 but not really"), ""},
		{"empty", nil, ""},
	} {
		if got := zipKind(tc.data); got != tc.want {
			t.Errorf("%s: zipKind = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// zipOf builds a zip archive of the named files.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// forgedZip builds a zip whose entry name claims to unpack to size bytes, as a zip bomb's
// central directory does, without the test having to compress that much.
func forgedZip(t testing.TB, name string, size uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 1 << 20, UncompressedSize64: size, CRC32: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkRead checks what Read returned for any input: an error is one line of UTF-8 and comes
// alone; a document has codable turns, and every item has UTF-8 text without NUL bytes and
// times that do not run backwards; warnings are one line each.
func checkRead(t *testing.T, doc *coding.Document, err error) {
	t.Helper()
	if err != nil {
		if doc != nil {
			t.Error("a document returned with an error")
		}
		if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\r\n") || !utf8.ValidString(msg) {
			t.Errorf("error is not one line of UTF-8: %q", msg)
		}
		return
	}
	if doc.Turns() == 0 {
		t.Error("a document without codable turns")
	}
	for _, it := range doc.Items {
		if it.Text == "" || !utf8.ValidString(it.Text) || strings.IndexByte(it.Text, 0) >= 0 {
			t.Errorf("item with empty, invalid or NUL text: %+v", it)
		}
		if !utf8.ValidString(it.Speaker) || !utf8.ValidString(it.Label) || strings.ContainsAny(it.Speaker, "\x00\n") {
			t.Errorf("item with a bad speaker: %+v", it)
		}
		if it.Timed && (it.Start < 0 || it.End < it.Start) {
			t.Errorf("item's times run backwards: %+v", it)
		}
		if it.Line < 1 {
			t.Errorf("item without a line: %+v", it)
		}
	}
	for _, w := range doc.Warnings {
		if strings.ContainsAny(w.Message, "\r\n") || !utf8.ValidString(w.Message) {
			t.Errorf("warning is not one line: %q", w.Message)
		}
	}
}

// FuzzReadXLSX fuzzes whole files: mostly the zip layer and the checks before excelize.
func FuzzReadXLSX(f *testing.F) {
	real, err := os.ReadFile(filepath.Join("testdata", "formats", "sample.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(real)
	f.Add(buildXLSX(f, [][]any{{"speaker", "text", "start", "end"}, {"A", "hi", 1, 0.5}}))
	f.Add(buildXLSX(f, [][]any{{"说话\n人", "内容"}, {"A", "hi"}}))
	f.Add(buildDOCX(f, `<w:p><w:r><w:t>hi</w:t></w:r></w:p>`))
	f.Add(zipOf(f, map[string]string{"xl/workbook.xml": "<workbook/>"}))
	f.Add(forgedZip(f, "xl/workbook.xml", 1<<30))
	f.Add(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("t.xlsx", data, Options{})
		checkRead(t, doc, err)
	})
}

// xlsxTemplate is the sample workbook's parts; FuzzXLSXSheet swaps in its own first sheet
// and shared strings, so the fuzzer works on the XML rather than on zip checksums.
func xlsxTemplate(t testing.TB) map[string][]byte {
	t.Helper()
	data := sampleXLSX(t)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
	}
	return parts
}

const (
	sheetHead  = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail  = `</sheetData></worksheet>`
	sharedHead = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
)

func inlineRow(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, n, c)
	}
	return b.String() + "</row>"
}

// FuzzXLSXSheet fuzzes the first sheet's XML and the shared strings inside a valid workbook.
func FuzzXLSXSheet(f *testing.F) {
	tmpl := xlsxTemplate(f)
	f.Add(string(tmpl["xl/worksheets/sheet1.xml"]), string(tmpl["xl/sharedStrings.xml"]))
	f.Add(sheetHead+inlineRow(1, "speaker", "text", "start", "end")+inlineRow(2, "A", "hi_x0000_there", "5", "1")+sheetTail, sharedHead+"</sst>")
	f.Add(sheetHead+`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>99</v></c><c r="XFD2" t="s"><v>1</v></c></row>`+sheetTail,
		sharedHead+"<si><t>who&#xA;speaks</t></si><si><r><t>wh</t></r><r><t>at</t></r></si></sst>")
	f.Add(sheetHead+inlineRow(1, "speaker", "text", "start")+`<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="b"><v>1</v></c><c r="C2"><v>-3</v></c></row><row r="0"><c r="A0" t="e"><v>#N/A</v></c></row>`+sheetTail, sharedHead+"</sst>")
	f.Add(sheetHead+strings.Repeat("<row>", 50)+sheetTail, sharedHead+strings.Repeat("<si>", 50)+"</sst>")
	f.Fuzz(func(t *testing.T, sheet, shared string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		names := make([]string, 0, len(tmpl))
		for name := range tmpl {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			body := tmpl[name]
			switch name {
			case "xl/worksheets/sheet1.xml":
				body = []byte(sheet)
			case "xl/sharedStrings.xml":
				body = []byte(shared)
			}
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(body)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		doc, err := Read("t.xlsx", buf.Bytes(), Options{})
		checkRead(t, doc, err)
	})
}
