package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowPieces are what the texts of TestSheetRowsWriteWhatExcelizeWrites are made of: XML's
// special characters, characters XML 1.0 does not allow, bytes that are not UTF-8, spaces at
// either end, Chinese, characters outside the Basic Multilingual Plane, and the _xHHHH_
// escapes of SpreadsheetML (valid, chained, naming a surrogate, incomplete).
var rowPieces = []string{
	"a", "Z", "中文", "工会", " ", "  ", "\t", "\n", "\r", "\r\n", "&", "<", ">", "\"", "'", "&amp;", "&#xA;",
	"_", "x", "_x", "0041", "_x0041_", "_x005F_", "_x005f_", "_xD800_", "_x00e9_", "_X0041_", "_x00G1_", "x0042_",
	"_x9_", "_x1_", "_x00A_", "_x41_", "_x00041_", "_x_",
	"\x00", "\x01", "\x1f", "\x7f", "\x80", "\xff", "\xe4\xb8", "\uFFFE", "\uFFFF", "\uFFFD", "\u0085", "😀", "𠀀",
	"=1+1", "-", "@", "0.5",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(8) {
		b.WriteString(rowPieces[r.IntN(len(rowPieces))])
	}
	return b.String()
}

// randomValue is any value a streamed sheet's row holds.
func randomValue(r *rand.Rand) any {
	switch r.IntN(10) {
	case 0:
		return nil
	case 1:
		return r.IntN(2_000_000) - 1_000_000
	case 2:
		return []float64{0, 0.5, 46023.000000011576, -1e-7, 1e21, 123456789.125, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}[r.IntN(10)]
	case 3:
		return excelize.Cell{StyleID: 1 + r.IntN(3), Value: 46023 + r.Float64()}
	case 4:
		return excelize.Cell{StyleID: 2, Value: randomText(r)}
	case 5:
		return excelize.Cell{StyleID: 3}
	case 6:
		return excelize.Cell{Value: randomText(r)} // the row's style, even in a wrapping column
	default:
		return randomText(r)
	}
}

// excelizeRows is what excelize's StreamWriter.SetRow writes for rows (row i is row 2+i, with
// the row style and height given), the header row aside: the XML inside <sheetData>.
func excelizeRows(t *testing.T, rows [][]any, text []int, style int, heights []float64) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"header"}); err != nil {
		t.Fatal(err)
	}
	for i, vals := range rows {
		vals = append([]any(nil), vals...)
		for c, v := range vals { // what streamer.add gave excelize for a wrapping column
			if s, ok := v.(string); ok && text[c] != 0 {
				vals[c] = excelize.Cell{StyleID: text[c], Value: s}
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(2+i), vals, excelize.RowOpts{StyleID: style, Height: heights[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	sheet := zipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	_, after, _ := strings.Cut(sheet, "</row>") // past the header row
	data, _, ok := strings.Cut(after, "</sheetData>")
	if !ok {
		t.Fatalf("no </sheetData> in %.200q", sheet)
	}
	return data
}

func zipPart(t *testing.T, file []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ourRows is what sheetRows writes for the same rows.
func ourRows(t *testing.T, rows [][]any, text []int, style int, heights []float64) string {
	t.Helper()
	r, err := newSheetRows(t.TempDir(), text)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	for i, vals := range rows {
		if err := r.row(2+i, style, heights[i], vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.done(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.copyTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// xEscape is SpreadsheetML's escape of a UTF-16 unit in a cell's text (ECMA-376 ST_Xstring),
// and shortEscape the same with one to four digits, which LibreOffice Calc reads too (_x9_ as a
// tab); both written here apart from the code under test.
var (
	xEscape     = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)
	shortEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{1,4}_`)
)

// inlineText is the text of an inline-string cell <c …><is><t>…</t></is></c> as a reader with
// the escape rule esc reads it: the XML's text, then the escapes (leftmost first, none
// overlapping) read as the UTF-16 unit they name.
func inlineText(t *testing.T, cell string, esc *regexp.Regexp) string {
	t.Helper()
	var c struct {
		T string `xml:"is>t"`
	}
	if err := xml.Unmarshal([]byte(cell), &c); err != nil {
		t.Fatalf("%q: %v", cell, err)
	}
	var out []uint16
	s, last := c.T, 0
	for _, m := range esc.FindAllStringIndex(s, -1) {
		out = append(out, utf16.Encode([]rune(s[last:m[0]]))...)
		v, err := strconv.ParseUint(s[m[0]+2:m[1]-1], 16, 16)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, uint16(v))
		last = m[1]
	}
	out = append(out, utf16.Encode([]rune(s[last:]))...)
	return string(utf16.Decode(out)) // a lone surrogate reads as U+FFFD
}

// asStored is the text Excel should read back for s: cut after 32,767 UTF-16 units, with U+FFFD
// for each character XML 1.0 does not allow and each byte that is not UTF-8.
func asStored(s string) string {
	var out []rune
	units := 0
	for _, r := range s {
		if units += utf16.RuneLen(r); units > excelize.TotalCellChars {
			break
		}
		if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
			r = utf8.RuneError
		}
		out = append(out, r)
	}
	return string(out)
}

// TestSheetRowsWriteWhatExcelizeWrites: the rows of the streamed sheets are written by
// sheetRows, not by excelize's StreamWriter.SetRow; for 3,000 rows of random values (every kind
// a streamed sheet holds: none, integers, floats with NaN and infinities, styled cells, text
// made of XML's special characters, characters XML does not allow, bytes that are not UTF-8,
// spaces at the ends, Chinese and SpreadsheetML's _xHHHH_ escapes and their shorter forms) and texts longer than Excel
// holds, each cell is the XML SetRow writes, byte for byte, except text that SetRow escapes so
// that Excel reads it otherwise than written (it misses chained escapes such as
// _x0041_x0042_ and drops one naming a surrogate): there the cell must read back as written and
// SetRow's must not.
func TestSheetRowsWriteWhatExcelizeWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 7))
	const cols = 9
	text := []int{0, 0, 0, 0, 0, 7, 0, 0, 7} // two wrapping columns, as the Text column
	var rows [][]any
	var heights []float64
	long := strings.Repeat("长", excelize.TotalCellChars-1) + "😀尾" // the emoji would pass the limit
	for i := range 3000 {
		vals := make([]any, r.IntN(cols+1))
		for c := range vals {
			vals[c] = randomValue(r)
		}
		switch i {
		case 10:
			vals = []any{long, strings.Repeat("a", excelize.TotalCellChars+5), " " + long}
		case 11:
			vals = []any{strings.Repeat("_x0041_x0042_", 3000)}
		}
		rows = append(rows, vals)
		heights = append(heights, []float64{0, 0, 15, 33, 48.5}[r.IntN(5)])
	}
	want := excelizeRows(t, rows, text, 4, heights)
	got := ourRows(t, rows, text, 4, heights)
	pieces := regexp.MustCompile(`(?s)<row [^>]*>|<c .*?</c>|</row>`) // text holds no "<": it is &lt;
	split := func(s string) []string {
		p := pieces.FindAllString(s, -1)
		if strings.Join(p, "") != s {
			t.Fatal("the rows are not made of rows and cells alone")
		}
		return p
	}
	g, w := split(got), split(want)
	if len(g) != len(w) {
		t.Fatalf("%d pieces, excelize %d", len(g), len(w))
	}
	differ := 0
	for i := range g {
		if g[i] == w[i] {
			continue
		}
		differ++
		if !strings.HasPrefix(g[i], "<c ") || !strings.Contains(g[i], `t="inlineStr"`) {
			t.Fatalf("piece %d:\n got %.300q\nwant %.300q", i, g[i], w[i])
		}
		// Which text was it? Read both back; ours must be the text as stored (checked below),
		// excelize's not, by Excel's rule or Calc's.
		gotText := inlineText(t, g[i], xEscape)
		if gotText == inlineText(t, w[i], xEscape) && gotText == inlineText(t, w[i], shortEscape) {
			t.Fatalf("piece %d differs but reads the same %.300q:\n got %.300q\nwant %.300q", i, gotText, g[i], w[i])
		}
		if !strings.Contains(gotText, "_x") {
			t.Fatalf("piece %d differs with no _x escape in it:\n got %.300q\nwant %.300q", i, g[i], w[i])
		}
	}
	// Every text cell of ours reads back as stored.
	var texts []string
	for _, vals := range rows {
		for _, v := range vals {
			if c, ok := v.(excelize.Cell); ok {
				v = c.Value
			}
			if s, ok := v.(string); ok {
				texts = append(texts, s)
			}
		}
	}
	one := make([][]any, len(texts))
	for i, s := range texts {
		one[i] = []any{s}
	}
	cells := regexp.MustCompile(`(?s)<c .*?</c>`).FindAllString(ourRows(t, one, []int{0}, 4, make([]float64, len(texts))), -1)
	if len(cells) != len(texts) {
		t.Fatalf("%d cells for %d texts", len(cells), len(texts))
	}
	for i, s := range texts {
		for _, esc := range []*regexp.Regexp{xEscape, shortEscape} {
			if got := inlineText(t, cells[i], esc); got != asStored(s) {
				t.Fatalf("%.300q reads back as %.300q by %s, not %.300q", s, got, esc, asStored(s))
			}
		}
	}
	n := len(texts)
	if differ == 0 || n < 5000 {
		t.Fatalf("%d cells differ from excelize's, %d texts read back: the corpus lacks the chained escapes it is meant to hold", differ, n)
	}
	t.Logf("%d pieces, %d differ where excelize's text reads otherwise; %d texts read back", len(g), differ, n)
}

// TestSplicerRefusesARowsPartItNeverMet: rows made for a sheet whose part excelize does not
// write, and a part with no </sheetData>, fail the workbook rather than drop the rows.
func TestSplicerRefusesARowsPartItNeverMet(t *testing.T) {
	dir := t.TempDir()
	rows, err := newSheetRows(dir, []int{0})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.close()
	if err := rows.row(2, 0, 0, []any{"a"}); err != nil {
		t.Fatal(err)
	}
	s := &splicer{zw: zip.NewWriter(io.Discard), rows: map[string]*sheetRows{"xl/worksheets/sheet9.xml": rows}}
	w, err := s.Create("xl/worksheets/sheet9.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "<worksheet><sheetData></sheetData></worksheet>")
	if err := s.Close(); err == nil || !strings.Contains(err.Error(), "not done") {
		t.Fatalf("rows not done: %v", err)
	}
	if err := rows.done(); err != nil {
		t.Fatal(err)
	}
	s = &splicer{zw: zip.NewWriter(io.Discard), rows: map[string]*sheetRows{"xl/worksheets/sheet9.xml": rows}}
	if _, err := s.Create("xl/worksheets/sheet1.xml"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err == nil || !strings.Contains(err.Error(), "sheet9.xml") {
		t.Fatalf("Close: %v", err)
	}

	s = &splicer{zw: zip.NewWriter(io.Discard), rows: map[string]*sheetRows{"xl/worksheets/sheet9.xml": rows}}
	w, err = s.Create("xl/worksheets/sheet9.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "<worksheet><sheetData/></worksheet>")
	if err := s.Close(); err == nil || !strings.Contains(err.Error(), "</sheetData>") {
		t.Fatalf("Close: %v", err)
	}

	// Spliced: the rows sit after the header row, before </sheetData>.
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	s = &splicer{zw: zw, rows: map[string]*sheetRows{"xl/worksheets/sheet9.xml": rows}}
	w, _ = s.Create("xl/worksheets/sheet9.xml")
	io.WriteString(w, `<worksheet><sheetData><row r="1"></row></sheetData><autoFilter/></worksheet>`)
	if _, err := s.Create("xl/styles.xml"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	want := `<worksheet><sheetData><row r="1"></row><row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c></row></sheetData><autoFilter/></worksheet>`
	if got := zipPart(t, out.Bytes(), "xl/worksheets/sheet9.xml"); got != want {
		t.Fatalf("spliced:\n%s\nwant\n%s", got, want)
	}
}

// TestStreamedRowFilesAreRemoved: the rows' temporary files are closed (Windows removes no
// open file) and removed with the export, written or failed.
func TestStreamedRowFilesAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	in := synthetic(2000)
	// On Windows an open file is not removed, so the files left behind show it; elsewhere the
	// process's open files are counted.
	openFiles := func() int {
		if runtime.GOOS == "windows" {
			return 0
		}
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			fds, err = os.ReadDir("/dev/fd") // macOS
		}
		if err != nil {
			t.Fatalf("counting this process's open files: %v", err)
		}
		return len(fds)
	}
	before := openFiles()
	if err := WriteWorkbook(t.Context(), io.Discard, in, Options{Lang: "en", MaxRows: 1500}, nil); err != nil {
		t.Fatal(err)
	}
	failing := errWriter{after: 20_000}
	if err := WriteWorkbook(t.Context(), &failing, in, Options{Lang: "en", MaxRows: 1500}, nil); err == nil {
		t.Fatal("a failed write succeeded")
	}
	if after := openFiles(); after > before {
		t.Fatalf("%d files open before the exports, %d after", before, after)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "*", "*"))
	if len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// TestSheetRowsRefuseWhatTheyCannotWrite: a row too tall for Excel, a formula, a value of a
// kind no streamed sheet holds and a row after the rows were done are errors, and rows not yet
// done are not spliced.
func TestSheetRowsRefuseWhatTheyCannotWrite(t *testing.T) {
	r, err := newSheetRows(t.TempDir(), []int{0, 0})
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	if err := r.row(2, 4, excelize.MaxRowHeight+1, []any{"a"}); !errors.Is(err, excelize.ErrMaxRowHeight) {
		t.Errorf("a row of %v points: %v", excelize.MaxRowHeight+1, err)
	}
	if err := r.row(2, 4, 0, []any{excelize.Cell{Formula: "SUM(A1:A2)"}}); err == nil {
		t.Error("a formula was written")
	}
	for _, v := range []any{int64(1), true, &excelize.Cell{Value: "a"}, []byte("a")} {
		if err := r.row(2, 4, 0, []any{v}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%T", v)) {
			t.Errorf("%T: %v", v, err)
		}
	}
	if err := r.row(2, 4, 0, []any{"a", "b", "c"}); err == nil {
		t.Error("three cells in a sheet of two columns")
	}
	if err := r.row(2, 4, 0, []any{"a"}); err != nil {
		t.Fatal(err)
	}
	if err := r.copyTo(io.Discard); err == nil {
		t.Error("rows not done were copied")
	}
	if err := r.done(); err != nil {
		t.Fatal(err)
	}
	if err := r.row(3, 4, 0, []any{"b"}); err == nil {
		t.Error("a row after done")
	}
	var out bytes.Buffer
	if err := r.copyTo(&out); err != nil || out.String() != `<row r="2" s="4" customFormat="1"><c r="A2" s="4" t="inlineStr"><is><t>a</t></is></c></row>` {
		t.Fatalf("copied %q, %v", out.String(), err)
	}
}

type errWriter struct{ after int }

func (w *errWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}
