package transcript

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

const docxHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>`

const docxTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`

// buildDOCX makes a minimal DOCX whose body holds the given WordprocessingML.
func buildDOCX(t testing.TB, body string) []byte {
	t.Helper()
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   docxHead + body + docxTail,
	})
}

const sampleDOCXBody = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>第一通电话：东营市总工会办公室</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t xml:space="preserve">东营市总工会：</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>喂，</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>您好。</w:t></w:r></w:p>` +
	`<w:p/>` +
	`<w:p><w:r><w:t>CLB：请问是</w:t></w:r><w:hyperlink r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>东营市工会法工部</w:t></w:r></w:hyperlink><w:r><w:t>吗？</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>CLB：第二行</w:t><w:br w:type="page"/></w:r></w:p>` +
	`<w:p><w:ins w:id="1"><w:r><w:t>inserted</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>deleted</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom></w:p>` +
	`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>4</w:t></w:r><w:r><w:t>&lt;&amp;&gt;</w:t></w:r></w:p>` +
	`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
	`<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>锚点</w:t></w:r></w:p>` +
	`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>单元格二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
	`<w:p><w:r><w:t>东营市总工会：哦。</w:t></w:r><w:r><w:cr/><w:t>完</w:t></w:r></w:p>`

var sampleDOCXParas = []string{
	"第一通电话：东营市总工会办公室",
	"东营市总工会：喂，您好。",
	"",
	"CLB：请问是东营市工会法工部吗？",
	"A\tB",
	"CLB：第二行",
	"inserted",
	"4<&>",
	"文本框",
	"锚点",
	"单元格一",
	"单元格二",
	"东营市总工会：哦。",
	"完",
}

func TestReadDOCX(t *testing.T) {
	paras, err := readDOCX(buildDOCX(t, sampleDOCXBody))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(paras, sampleDOCXParas) {
		t.Errorf("paragraphs:\n got %q\nwant %q", paras, sampleDOCXParas)
	}
}

// A main document part under another name is found through [Content_Types].xml.
func TestReadDOCXMainPartFromContentTypes(t *testing.T) {
	data := zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/document2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document2.xml":  docxHead + `<w:p><w:r><w:t>东营市总工会：喂，您好。</w:t></w:r></w:p>` + docxTail,
	})
	paras, err := readDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(paras, []string{"东营市总工会：喂，您好。"}) {
		t.Errorf("paragraphs = %q", paras)
	}
}

// ISO strict documents use another namespace for the same elements.
func TestReadDOCXStrict(t *testing.T) {
	data := zipOf(t, map[string]string{"word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>喂</w:t></w:r></w:p></w:body></w:document>`})
	paras, err := readDOCX(data)
	if err != nil || !reflect.DeepEqual(paras, []string{"喂"}) {
		t.Errorf("readDOCX = %q, %v", paras, err)
	}
}

func TestReadDOCXErrors(t *testing.T) {
	deep := docxHead + strings.Repeat("<w:sdt>", 100_000) + strings.Repeat("</w:sdt>", 100_000) + docxTail
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("东营市总工会：喂，您好。"), "the file is not a DOCX document (it is not a zip archive)"},
		{"old doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "old .doc"},
		{"no document.xml", zipOf(t, map[string]string{"word/styles.xml": "<x/>"}), "zip archive without word/document.xml"},
		{"an xlsx", buildXLSX(t, [][]any{{"speaker", "text"}}), "it is an Excel workbook"},
		{"malformed XML", zipOf(t, map[string]string{"word/document.xml": docxHead + "<w:p><w:t>hi</w:p>"}), "the DOCX document is damaged: word/document.xml"},
		{"truncated XML", zipOf(t, map[string]string{"word/document.xml": docxHead + "<w:p><w:r><w:t>hi"}), "damaged"},
		{"deeply nested", zipOf(t, map[string]string{"word/document.xml": deep}), "nested more than 1000 deep"},
		{"declared bomb", forgedZip(t, "word/document.xml", 1<<30), "would unpack to more than 512 MB"},
		{"many parts", manyPartsZip(t), "would unpack to more than 512 MB"},
		{"compressed bomb", compressedBomb(t, 64<<20), "unpacks to 64 MB from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paras, err := readDOCX(tc.data)
			if err == nil {
				t.Fatalf("paragraphs = %q; want an error", paras)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

// manyPartsZip claims 3 × 200 MB across three entries, each under the one-entry limit.
func manyPartsZip(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"word/document.xml", "word/a.xml", "word/b.xml"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 1 << 20, UncompressedSize64: 200 << 20, CRC32: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(make([]byte, 1<<20)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// compressedBomb builds a real DOCX whose document.xml is size bytes of one repeated byte:
// a few dozen KB that inflate to size.
func compressedBomb(t testing.TB, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	head := docxHead + "<w:p><w:r><w:t>"
	if _, err := io.WriteString(w, head); err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for n := len(head); n < size; n += len(chunk) {
		if n+len(chunk) > size {
			chunk = chunk[:size-n]
		}
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The streaming reader stops at its byte limit with an error, not with a cut-short document.
func TestDOCXParagraphsLimit(t *testing.T) {
	doc := docxHead + strings.Repeat(`<w:p><w:r><w:t>东营市总工会：喂，您好。</w:t></w:r></w:p>`, 1000) + docxTail
	_, err := docxParagraphs(coding.StrictLimit(strings.NewReader(doc), 4096, errTooLarge))
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("error = %v", err)
	}
	paras, err := docxParagraphs(coding.StrictLimit(strings.NewReader(doc), int64(len(doc)), errTooLarge))
	if err != nil || len(paras) != 1000 {
		t.Errorf("got %d paragraphs, %v", len(paras), err)
	}
}

func FuzzReadDOCX(f *testing.F) {
	f.Add(buildDOCX(f, sampleDOCXBody))
	f.Add(buildDOCX(f, `<w:p><w:r><w:t>喂</w:t></w:r></w:p>`))
	f.Add(zipOf(f, map[string]string{"word/document.xml": docxHead + "<w:p><w:t>hi</w:p>"}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		paras, err := readDOCX(data)
		if err != nil && paras != nil {
			t.Error("readDOCX returned paragraphs with an error")
		}
	})
}

// The text inside a DOCX can be fuzzed directly too, without the zip around it.
func FuzzDOCXParagraphs(f *testing.F) {
	f.Add(docxHead + sampleDOCXBody + docxTail)
	f.Add(docxHead + strings.Repeat("<w:p>", 2000))
	f.Fuzz(func(t *testing.T, xmlText string) {
		_, _ = docxParagraphs(coding.StrictLimit(strings.NewReader(xmlText), 1<<20, errTooLarge))
	})
}
