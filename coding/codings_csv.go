package coding

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxTableBytes bounds the tables turncoder reads whole: a codings CSV and the long table of
// `agree --csv`. A million codings take about 70 MB; a larger file is refused, not read.
const MaxTableBytes = 256 << 20

// ErrTableTooLarge is returned by the table readers for input longer than MaxTableBytes.
var ErrTableTooLarge = fmt.Errorf("the file is larger than the %d MB turncoder reads in a table", MaxTableBytes>>20)

// LimitTable wraps r so that reading past MaxTableBytes fails with ErrTableTooLarge rather
// than ending quietly.
func LimitTable(r io.Reader) io.Reader { return StrictLimit(r, MaxTableBytes, ErrTableTooLarge) }

// StrictLimit is io.LimitReader that fails with tooLarge, rather than ending quietly as if the
// input were complete, when r holds more than n bytes. Exactly n bytes read to the end.
func StrictLimit(r io.Reader, n int64, tooLarge error) io.Reader {
	return &strictLimit{r: r, n: n, err: tooLarge}
}

type strictLimit struct {
	r   io.Reader
	n   int64
	err error
}

func (l *strictLimit) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if l.n <= 0 {
		// At the limit: fine if the input ends here too.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, l.err
		}
		return 0, err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// CheckTableText refuses a CSV record that is not UTF-8 text: a NUL byte (a binary file, or
// UTF-16) or bytes that are not UTF-8 (a file saved as GBK, Shift-JIS or Latin-1). line is the
// record's first line, for the message.
func CheckTableText(line int, rec []string) error {
	for _, f := range rec {
		if strings.IndexByte(f, 0) >= 0 {
			return fmt.Errorf("line %d has a NUL byte, so this is not a UTF-8 CSV file (binary, or UTF-16); save it as \"CSV UTF-8\"", line)
		}
		if !utf8.ValidString(f) {
			return fmt.Errorf("line %d is not UTF-8 text (the file may be GBK, Shift-JIS or Latin-1); save it as \"CSV UTF-8\"", line)
		}
	}
	return nil
}

// CodingsHeader is the header of a codings table, as `turncoder codings import` reads it.
var CodingsHeader = []string{"document", "turn", "coder", "code"}

// ReadCodingsCSV reads a codings table with the header document,turn,coder,code (in any
// column order; other columns, such as the time an export adds, are ignored). An empty code
// marks the turn reviewed with no code. Errors name the line. The file must be UTF-8 and at
// most MaxTableBytes long.
func ReadCodingsCSV(r io.Reader) ([]CodingRow, error) {
	cr := csv.NewReader(LimitTable(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the codings file is empty (it needs the header document,turn,coder,code)")
	}
	if err != nil {
		return nil, CSVError(err)
	}
	if err := CheckTableText(1, header); err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range CodingsHeader {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("the codings file has no %q column (its header must be document,turn,coder,code)", need)
		}
	}
	var rows []CodingRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// Not FieldPos: after a parse error it may have no field to report (and panics).
			return nil, CSVError(err)
		}
		line, _ := cr.FieldPos(0)
		if err := CheckTableText(line, rec); err != nil {
			return nil, err
		}
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return UnguardCSV(strings.TrimSpace(rec[i])) // as WriteCodingsCSV guarded it
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		row := CodingRow{Document: get("document"), Coder: get("coder"), Code: get("code"), Line: line}
		n, err := strconv.Atoi(get("turn"))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("line %d: turn %q is not a turn number (1, 2, 3 …)", line, clip(get("turn")))
		}
		row.Turn = n
		if row.Document == "" || row.Coder == "" {
			return nil, fmt.Errorf("line %d: document and coder must not be empty", line)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// clip shortens a value quoted in an error message to 40 characters.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// CSVError turns an error of encoding/csv into one sentence that names the line.
func CSVError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Errorf("line %d: a double quote inside a field that does not start with one (put the whole field in double quotes and double the inner ones)", pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
		return fmt.Errorf("line %d: the quoted field that starts at line %d is not closed properly (a quote inside it must be doubled)", pe.Line, pe.StartLine)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Errorf("line %d: a quoted field is not closed, or has text after its closing quote (a quote inside a quoted field must be doubled)", pe.Line)
	}
	return fmt.Errorf("line %d: %v", pe.Line, pe.Err)
}

// WriteCodingsCSV writes rows with the header document,turn,coder,code,time (time in RFC 3339,
// UTC), which ReadCodingsCSV reads back.
func WriteCodingsCSV(w io.Writer, rows []CodingRow) error {
	cw := NewCSVWriter(w)
	if err := cw.WriteStrings(append(append([]string{}, CodingsHeader...), "time")); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.Document, Raw(strconv.Itoa(r.Turn)), r.Coder, r.Code, Raw(r.Time.UTC().Format(time.RFC3339Nano))); err != nil {
			return err
		}
	}
	return cw.Flush()
}
