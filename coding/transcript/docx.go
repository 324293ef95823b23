package transcript

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// maxXMLDepth bounds the nesting of elements in word/document.xml; Word nests a few dozen deep.
const maxXMLDepth = 1000

const (
	nsW      = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStric = "http://purl.oclc.org/ooxml/wordprocessingml/main" // ISO strict documents
	nsMC     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// errTooLarge is what a zip entry read past its limit fails with.
var errTooLarge = errors.New("too large")

// docxName and xlsxName name the formats in the refusals of their zip archives: sentences of
// say, translated with them.
var (
	docxName = say.Errorf("DOCX document")
	xlsxName = say.Errorf("XLSX workbook")
)

// printable is err for a refusal that names it: a sentence of say as it is (translated with
// the refusal), any other error (a parser's, which may quote the file) as coding.Printable
// gives its text.
func printable(err error) any {
	var s *say.Error
	if errors.As(err, &s) && error(s) == err {
		return err
	}
	return coding.Printable(err.Error())
}

// readDOCX returns the text of a Word document's body as lines, in reading order: one entry a
// paragraph (w:p), and a manual line break inside a paragraph (w:br, w:cr; Shift+Enter, or <br>
// pasted from a web page) starts a new entry too, as Word's "save as plain text" does, because
// transcripts often put whole turns on such lines. A page or column break is layout and adds
// nothing. Text runs (w:t) are joined as they are, w:tab is a tab. Deleted or moved-away text
// of tracked changes, field codes and the fallback copies of text boxes are left out; the
// paragraphs of a text box come before the paragraph that anchors it.
func readDOCX(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if isOLE(data) {
			return nil, say.Errorf("the file is not a DOCX document: it is an old .doc, or a document protected by a password; open it in Word and save it as .docx without a password")
		}
		if isZipStart(data) {
			return nil, say.Errorf("the DOCX document is damaged or cut short (its zip archive cannot be read); copy it again, or open it in Word and save it again")
		}
		return nil, say.Errorf("the file is not a DOCX document (it is not a zip archive)")
	}
	if err := checkZipSizes(zr, docxName); err != nil {
		return nil, err
	}
	part := mainDocumentPart(zr)
	if part == nil {
		if zipKind(data) == "xlsx" {
			return nil, say.Errorf("the file is not a DOCX document: it is an Excel workbook (use --format xlsx)")
		}
		return nil, say.Errorf("the file is not a DOCX document (it is a zip archive without word/document.xml)")
	}
	rc, err := part.Open()
	if err != nil {
		return nil, say.Errorf("the DOCX document is damaged: %s cannot be opened (%v)", part.Name, err)
	}
	defer rc.Close()
	paras, err := docxParagraphs(coding.StrictLimit(rc, maxZipEntry, errTooLarge))
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, say.Errorf("the DOCX document's text (%s) is larger than %d MB; turncoder refuses it", part.Name, maxZipEntry>>20)
		}
		return nil, say.Errorf("the DOCX document is damaged: %s: %s", part.Name, printable(err))
	}
	return paras, nil
}

// mainDocumentPart finds word/document.xml or, failing that, the part [Content_Types].xml
// declares as a Word main document (some programs name it otherwise).
func mainDocumentPart(zr *zip.Reader) *zip.File {
	byName := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		byName[zipName(f)] = f
	}
	if f := byName["word/document.xml"]; f != nil {
		return f
	}
	types := byName["[content_types].xml"]
	if types == nil {
		return nil
	}
	rc, err := types.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var doc struct {
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if xml.NewDecoder(coding.StrictLimit(rc, 1<<20, errTooLarge)).Decode(&doc) != nil {
		return nil
	}
	for _, o := range doc.Overrides {
		ct := strings.ToLower(o.ContentType)
		if strings.HasSuffix(ct, ".main+xml") && (strings.Contains(ct, "wordprocessingml") || strings.Contains(ct, "ms-word")) {
			name := strings.ToLower(path.Clean(strings.TrimPrefix(strings.ReplaceAll(o.PartName, "\\", "/"), "/")))
			return byName[name]
		}
	}
	return nil
}

// docxParagraphs streams the document XML and collects paragraph text.
func docxParagraphs(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = coding.XMLCharset
	var (
		paras []string
		open  []*strings.Builder // paragraphs being read; more than one inside text boxes
		depth int
		inT   int // depth of the w:t being read, 0 if none
		skip  int // depth of the subtree being skipped, 0 if none
	)
	isW := func(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStric }
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return nil, say.Errorf("elements are nested more than %d deep, which no Word document does", maxXMLDepth)
			}
			if skip > 0 {
				continue
			}
			name := el.Name
			if name.Space == nsMC && name.Local == "Fallback" ||
				isW(name) && (name.Local == "moveFrom" || name.Local == "del" || name.Local == "instrText") {
				skip = depth
				continue
			}
			if !isW(name) {
				continue
			}
			switch name.Local {
			case "p":
				open = append(open, &strings.Builder{})
			case "t":
				if len(open) > 0 {
					inT = depth
				}
			case "tab", "ptab":
				if len(open) > 0 {
					open[len(open)-1].WriteByte('\t')
				}
			case "br":
				if len(open) > 0 && !isLayoutBreak(el.Attr) {
					open[len(open)-1].WriteByte('\n')
				}
			case "cr":
				if len(open) > 0 {
					open[len(open)-1].WriteByte('\n')
				}
			case "noBreakHyphen":
				if len(open) > 0 {
					open[len(open)-1].WriteByte('-')
				}
			}
		case xml.EndElement:
			if depth == skip {
				skip = 0
			}
			if depth == inT {
				inT = 0
			}
			depth--
			if skip > 0 {
				continue
			}
			if name := el.Name; isW(name) && name.Local == "p" && len(open) > 0 {
				p := open[len(open)-1]
				open = open[:len(open)-1]
				paras = append(paras, strings.Split(p.String(), "\n")...)
			}
		case xml.CharData:
			if inT > 0 && skip == 0 && len(open) > 0 {
				open[len(open)-1].Write(el)
			}
		}
	}
	if len(open) > 0 || depth != 0 {
		return nil, say.Errorf("the XML ends in the middle of the text")
	}
	return paras, nil
}

// isLayoutBreak reports whether a w:br is a page or column break rather than a line break.
func isLayoutBreak(attrs []xml.Attr) bool {
	for _, a := range attrs {
		if a.Name.Local == "type" && (a.Value == "page" || a.Value == "column") {
			return true
		}
	}
	return false
}
