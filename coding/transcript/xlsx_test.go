package transcript

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

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
