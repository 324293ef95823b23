package transcript

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// maxXLSXColumns is the widest sheet read: 1,024 columns (AMJ, LibreOffice's old limit).
const maxXLSXColumns = 1024

// readXLSX reads the first sheet of a workbook: a header row naming the columns, then one turn
// a row, by the same rules as CSV (see tableReader). Cells are read as displayed, so a start or
// end cell holding a plain number is seconds and one formatted as a time reads as hh:mm:ss.
func readXLSX(data []byte) (items []coding.Item, warns []coding.Warning, err error) {
	zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if zerr != nil {
		if isOLE(data) {
			return nil, nil, say.Errorf("the file is not an XLSX workbook: it is an old .xls, or a workbook protected by a password; open it in a spreadsheet program and save it as .xlsx without a password")
		}
		if isZipStart(data) {
			return nil, nil, say.Errorf("the XLSX workbook is damaged or cut short (its zip archive cannot be read); copy it again, or open it in a spreadsheet program and save it again")
		}
		return nil, nil, say.Errorf("the file is not an XLSX workbook (it is not a zip archive)")
	}
	hasWorkbook := false
	for _, f := range zr.File {
		if zipName(f) == "xl/workbook.xml" {
			hasWorkbook = true
		}
	}
	if !hasWorkbook {
		if zipKind(data) == "docx" {
			return nil, nil, say.Errorf("the file is not an XLSX workbook: it is a Word document (use --format docx)")
		}
		return nil, nil, say.Errorf("the file is not an XLSX workbook (it is a zip archive without xl/workbook.xml)")
	}
	if err := checkZipSizes(zr, xlsxName); err != nil {
		return nil, nil, err
	}
	if err := checkNoDTD(zr, xlsxName); err != nil {
		return nil, nil, err
	}
	defer func() {
		// excelize is not hardened against every damaged file; a panic there is a bad file.
		if r := recover(); r != nil {
			items, warns, err = nil, nil, say.Errorf("the XLSX workbook is damaged and cannot be read (%s)", coding.Printable(fmt.Sprint(r)))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxZipTotal})
	if err != nil {
		return nil, nil, say.Errorf("the XLSX workbook is damaged and cannot be read (%s)", coding.Printable(err.Error()))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, say.Errorf("the XLSX workbook has no sheets")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, nil, say.Errorf("the XLSX workbook cannot be read: %s", coding.Printable(err.Error()))
	}
	defer rows.Close()
	t := newTableReader("XLSX", "row")
	haveHeader := false
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, nil, say.Errorf("the XLSX workbook cannot be read at row %d of sheet %q: %s", n, sheets[0], coding.Printable(err.Error()))
		}
		// excelize gives a row as a slice up to its last value, so values out in column XFD
		// make every row 16,384 cells: the first such row ends the import, in linear time.
		if len(cells) > maxXLSXColumns {
			last, _ := excelize.ColumnNumberToName(len(cells))
			limit, _ := excelize.ColumnNumberToName(maxXLSXColumns)
			return nil, nil, say.Errorf("row %d of sheet %q has a value in column %s, past column %s, and a transcript table is never that wide: delete the cells to the right of the table (or save the sheet as CSV) and import again", n, sheets[0], last, limit)
		}
		for i, c := range cells {
			// A cell may spell a NUL as the escape _x0000_; text never holds one.
			if strings.IndexByte(c, 0) >= 0 {
				cells[i] = strings.ReplaceAll(c, "\x00", "")
			}
		}
		if allBlank(cells) {
			continue
		}
		if !haveHeader {
			if err := t.header(cells); err != nil {
				return nil, nil, say.Errorf("%v (in sheet %q, row %d)", err, sheets[0], n)
			}
			haveHeader = true
			continue
		}
		if err := t.row(cells, n); err != nil {
			return nil, nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, nil, say.Errorf("the XLSX workbook cannot be read: %s", coding.Printable(err.Error()))
	}
	if !haveHeader {
		return nil, nil, say.Errorf("the first sheet (%q) of the XLSX workbook is empty", sheets[0])
	}
	return t.items, t.warns, nil
}
