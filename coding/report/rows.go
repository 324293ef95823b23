package report

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// The rows of the streamed sheets (Disagreements, Coding matrix, Codings, Consensus, Reference
// differences) are written here, not by excelize's StreamWriter.SetRow, which the workbook of a
// large project spends most of its time in: for each cell it makes a cell reference, a struct
// and three copies of the text (the escape, a regular expression's pass, the cell's XML), about
// 2.3 KB of garbage per row of the Codings sheet, and its buffer keeps 16 to 32 MB per sheet
// until the workbook is written. excelize still writes everything around the rows (the sheet's
// views, columns, filter and print setup, and the header row); sheetRows writes the data rows
// into a temporary file, compressed as they come (deflate.go), and the zip writer (splicer)
// copies them into the sheet's part just before its </sheetData>. A row's XML is what SetRow
// writes for the same values, byte for byte (rows_test.go compares the two on every kind of
// value and text), except that text which holds the pattern _xHHHH_, or a shorter form that
// LibreOffice reads, is escaped so that it always reads back as written (see escapeText).

// sheetRows writes one streamed sheet's data rows as SpreadsheetML into a temporary file,
// compressed as they come on another core (deflate.go).
type sheetRows struct {
	file *os.File
	w    *deflating // nil once done
	b    []byte     // the row being made
	cols []string   // column letters: A, B, …
	text []int      // per column: the style of a plain text cell (0: the row's)
	size int64      // bytes of XML written
	zip  int64      // their compressed size in the file, once done
	crc  uint32     // their CRC-32, once done
}

// newSheetRows makes the rows' file in dir; text holds, per column, the style of a text cell
// (0: the row's).
func newSheetRows(dir string, text []int) (*sheetRows, error) {
	f, err := os.CreateTemp(dir, "rows-*.xml")
	if err != nil {
		return nil, err
	}
	r := &sheetRows{file: f, w: newDeflating(f), cols: make([]string, len(text)), text: text}
	for c := range r.cols {
		r.cols[c], _ = excelize.ColumnNumberToName(c + 1)
	}
	return r, nil
}

// row writes row n (1-based) with the row style and height (0: the default height) as
// StreamWriter.SetRow("A<n>", vals, RowOpts{StyleID: style, Height: height}) would, a string
// in a column with a text style given as an excelize.Cell of that style. A value is nil (no
// cell), a string, an int, a float64 or an excelize.Cell of one of them with a style of its
// own; any other is an error.
func (r *sheetRows) row(n, style int, height float64, vals []any) error {
	if r.w == nil {
		return errors.New("a row after the sheet's rows were done")
	}
	if height > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	if len(vals) > len(r.cols) {
		return fmt.Errorf("a row of %d cells in a sheet of %d columns", len(vals), len(r.cols))
	}
	num := strconv.Itoa(n)
	b := append(r.b[:0], `<row r="`...)
	b = append(b, num...)
	b = append(b, '"')
	if style > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, `" customFormat="1"`...)
	}
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for c, v := range vals {
		if v == nil {
			continue
		}
		s := style
		if cell, ok := v.(excelize.Cell); ok {
			if cell.Formula != "" {
				return errors.New("a streamed row holds no formulas")
			}
			if cell.StyleID > 0 {
				s = cell.StyleID
			}
			v = cell.Value
		} else if _, ok := v.(string); ok && r.text[c] != 0 {
			s = r.text[c]
		}
		b = append(b, `<c r="`...)
		b = append(b, r.cols[c]...)
		b = append(b, num...)
		b = append(b, '"')
		if s != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(s), 10)
			b = append(b, '"')
		}
		switch v := v.(type) {
		case nil: // a style with no value, as excelize writes it
			b = append(b, `></c>`...)
		case string:
			b = appendInlineString(b, v)
		case int:
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, int64(v), 10)
			b = append(b, `</v></c>`...)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) { // as excelize: the number in words
				b = appendInlineString(b, strconv.FormatFloat(v, 'g', -1, 64))
				break
			}
			b = append(b, `><v>`...)
			b = strconv.AppendFloat(b, v, 'f', -1, 64)
			b = append(b, `</v></c>`...)
		default:
			return fmt.Errorf("a streamed row holds a %T", v)
		}
	}
	b = append(b, `</row>`...)
	r.b = b
	n, err := r.w.Write(b)
	r.size += int64(n)
	return err
}

// appendInlineString appends the rest of a text cell (after its style): excelize's
// setInlineStr and writeCell. Text past Excel's 32,767 UTF-16 units is cut there; text that
// begins or ends with a space, tab or line break keeps it (xml:space="preserve").
func appendInlineString(b []byte, s string) []byte {
	s = truncateUTF16(s, excelize.TotalCellChars)
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" {
		switch first, last := s[0], s[len(s)-1]; {
		case first == ' ' || first == '\t' || first == '\n' || first == '\r',
			last == ' ' || last == '\t' || last == '\n' || last == '\r':
			b = append(b, ` xml:space="preserve"`...)
		}
	}
	b = append(b, '>')
	b = escapeText(b, s)
	return append(b, `</t></is></c>`...)
}

// truncateUTF16 cuts s after max UTF-16 code units (a character outside the Basic
// Multilingual Plane counts two), at a character's boundary.
func truncateUTF16(s string, max int) string {
	if len(s) <= max { // each UTF-16 unit takes at least one byte of UTF-8
		return s
	}
	n := 0
	for i, r := range s {
		if n += 1 + btoi(r >= 0x10000); n > max {
			return s[:i]
		}
	}
	return s
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// escapeText appends s as the text of an XML element the way encoding/xml.EscapeText does
// (quotes, ampersands, angle brackets, tabs and carriage returns as references, a character
// XML 1.0 does not allow and a byte that is not UTF-8 as U+FFFD) except that a line break stays
// a line break, as excelize writes it. An underscore that begins _xHHHH_ (or _xH_ to _xHHH_:
// see hexEscape) is written _x005F_, so that Excel, which reads _xHHHH_ in a cell's text as
// the character U+HHHH, and LibreOffice read back the text as written. (excelize escapes only
// the four-digit patterns its regular expression finds without overlap, and drops a pattern
// naming a surrogate; the two agree on every other text.)
func escapeText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch esc := asciiEscape[c]; {
			case c == '_':
				if hexEscape(s[i:]) { // _x005F_ is the underscore, and _xHHHH_ follows
					b = append(b, s[last:i]...)
					b = append(b, "_x005F"...)
					last = i
				}
			case esc != "":
				b = append(b, s[last:i]...)
				b = append(b, esc...)
				last = i + 1
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && w == 1) || r == 0xFFFE || r == 0xFFFF {
			b = append(b, s[last:i]...)
			b = append(b, "\uFFFD"...)
			last = i + w
		}
		i += w
	}
	return append(b, s[last:]...)
}

// asciiEscape is what escapeText writes for an ASCII character ("" for the character itself):
// encoding/xml.EscapeText's references, and U+FFFD for the control characters XML 1.0 does not
// allow; a line break stays itself.
var asciiEscape = func() (t [utf8.RuneSelf]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['\n'] = ""
	t['\t'], t['\r'] = "&#x9;", "&#xD;"
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	return t
}()

// hexEscape reports whether s begins with _xH_ to _xHHHH_ (one to four hexadecimal digits):
// ECMA-376 escapes a character as _xHHHH_, and LibreOffice Calc also reads the shorter forms
// (_x9_ as a tab), so an underscore before any of them is escaped.
func hexEscape(s string) bool {
	if len(s) < 4 || s[0] != '_' || s[1] != 'x' {
		return false
	}
	end := strings.IndexByte(s[2:min(len(s), 7)], '_')
	return end > 0 && isHex(s[2:2+end])
}

// done ends the rows' compressed stream and waits for it to be in the file; the splicer then
// copies it into the workbook.
func (r *sheetRows) done() error {
	if r.w == nil {
		return nil
	}
	err := r.w.finish()
	r.zip, r.crc = r.w.out, r.w.crc
	r.w, r.b = nil, nil
	return err
}

// copyTo writes the rows, all of them, to w as XML.
func (r *sheetRows) copyTo(w io.Writer) error {
	if r.w != nil {
		return errors.New("the rows are not done")
	}
	// The stream ends in a sync flush, not a final block: exactly the bytes written are read.
	n, err := io.CopyN(w, flate.NewReader(io.NewSectionReader(r.file, 0, r.zip)), r.size)
	if err != nil {
		err = fmt.Errorf("%d bytes of rows read back of %d written: %w", n, r.size, err)
	}
	return err
}

// copyCompressedTo copies the rows' compressed stream, all of it, to w.
func (r *sheetRows) copyCompressedTo(w io.Writer) error {
	if r.w != nil {
		return errors.New("the rows are not done")
	}
	n, err := io.Copy(w, io.NewSectionReader(r.file, 0, r.zip))
	if err == nil && n != r.zip {
		err = fmt.Errorf("%d bytes of rows read back of %d written", n, r.zip)
	}
	return err
}

// close ends the compressor if the rows were never done, and closes and removes the file.
func (r *sheetRows) close() {
	if r.w != nil {
		r.w.finish()
		r.w = nil
	}
	r.file.Close()
	os.Remove(r.file.Name())
}

// splicer is the zip writer excelize writes the workbook through: it passes every part on,
// but for a sheet whose rows a sheetRows holds it keeps what excelize writes (the sheet without
// its data rows: a few kilobytes) and writes it with the rows copied in just before
// </sheetData>. A sheet whose rows were never spliced in fails the workbook.
type splicer struct {
	zw      *zip.Writer
	rows    map[string]*sheetRows // by the sheet's part name, xl/worksheets/sheetN.xml
	spliced map[string]bool
	pending string // the part being kept, or ""
	kept    bytes.Buffer
}

func (s *splicer) Create(name string) (io.Writer, error) {
	if err := s.flush(); err != nil {
		return nil, err
	}
	if _, ok := s.rows[name]; ok {
		if s.spliced[name] {
			return nil, fmt.Errorf("%s is written twice", name)
		}
		s.pending = name
		s.kept.Reset()
		return &s.kept, nil
	}
	return s.zw.Create(name)
}

func (s *splicer) flush() error {
	if s.pending == "" {
		return nil
	}
	name := s.pending
	r := s.rows[name]
	s.pending = ""
	if s.spliced == nil {
		s.spliced = map[string]bool{}
	}
	s.spliced[name] = true
	xml := s.kept.Bytes()
	at := bytes.LastIndex(xml, []byte("</sheetData>"))
	if at < 0 {
		return fmt.Errorf("%s has no </sheetData> to put its rows before", name)
	}
	if r.w != nil {
		return fmt.Errorf("%s: the rows are not done", name)
	}
	if uint64(len(xml))+uint64(r.size) >= rawPartLimit {
		// A part past 4 GiB needs ZIP64 sizes, which Go's zip writer puts in the local header
		// only for what it compresses itself: the rows are read back and compressed again.
		w, err := s.zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(xml[:at]); err != nil {
			return err
		}
		if err := r.copyTo(w); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		_, err = w.Write(xml[at:])
		return err
	}
	// The part's deflate stream: the XML before the rows, compressed and sync-flushed, the
	// rows' stream (sync-flushed too), and the rest, compressed and closed (deflate.go).
	var head, tail bytes.Buffer
	fw, err := flate.NewWriter(&head, deflateLevel)
	if err != nil {
		return err
	}
	fw.Write(xml[:at])
	if err := fw.Flush(); err != nil {
		return err
	}
	fw.Reset(&tail)
	fw.Write(xml[at:])
	if err := fw.Close(); err != nil {
		return err
	}
	crc := crc32.Update(crc32Combine(crc32.ChecksumIEEE(xml[:at]), r.crc, r.size), crc32.IEEETable, xml[at:])
	w, err := s.zw.CreateRaw(&zip.FileHeader{
		Name:               name,
		CreatorVersion:     20, // as Create writes them: deflate needs version 2.0
		ReaderVersion:      20,
		Method:             zip.Deflate,
		CRC32:              crc,
		CompressedSize64:   uint64(head.Len()) + uint64(r.zip) + uint64(tail.Len()),
		UncompressedSize64: uint64(len(xml)) + uint64(r.size),
	})
	if err != nil {
		return err
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	if err := r.copyCompressedTo(w); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err = w.Write(tail.Bytes())
	return err
}

// rawPartLimit is the size of a part from which the splicer lets Go's zip writer compress it
// (ZIP64: see flush); tests lower it.
var rawPartLimit uint64 = math.MaxUint32

func (s *splicer) AddFS(fsys fs.FS) error { return s.zw.AddFS(fsys) }

func (s *splicer) Close() error {
	if err := s.flush(); err != nil {
		return err
	}
	for name := range s.rows {
		if !s.spliced[name] {
			return fmt.Errorf("the rows of %s were not written", name)
		}
	}
	return s.zw.Close()
}
