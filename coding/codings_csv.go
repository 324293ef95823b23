package coding

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CodingsHeader is the header of a codings table, as `turncoder codings import` reads it.
var CodingsHeader = []string{"document", "turn", "coder", "code"}

// ReadCodingsCSV reads a codings table with the header document,turn,coder,code (in any
// column order; other columns, such as the time an export adds, are ignored). An empty code
// marks the turn reviewed with no code. Errors name the line.
func ReadCodingsCSV(r io.Reader) ([]CodingRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the codings file is empty (it needs the header document,turn,coder,code)")
	}
	if err != nil {
		return nil, fmt.Errorf("line 1: %w", unwrapCSV(err))
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
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, unwrapCSV(err))
		}
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		row := CodingRow{Document: get("document"), Coder: get("coder"), Code: get("code"), Line: line}
		n, err := strconv.Atoi(get("turn"))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("line %d: turn %q is not a turn number (1, 2, 3 …)", line, get("turn"))
		}
		row.Turn = n
		if row.Document == "" || row.Coder == "" {
			return nil, fmt.Errorf("line %d: document and coder must not be empty", line)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// WriteCodingsCSV writes rows with the header document,turn,coder,code,time (time in RFC 3339,
// UTC), which ReadCodingsCSV reads back.
func WriteCodingsCSV(w io.Writer, rows []CodingRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append(append([]string{}, CodingsHeader...), "time")); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Document, strconv.Itoa(r.Turn), r.Coder, r.Code, r.Time.UTC().Format(time.RFC3339Nano)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
