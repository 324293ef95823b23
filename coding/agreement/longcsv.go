package agreement

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// ReadLongCSV reads the long format of `turncoder agree --csv`: a header unit,coder,code (in
// any order, other columns ignored) and one row per code given. An empty code means the coder
// reviewed the unit and gave no code; a unit–coder pair absent from the file was not reviewed.
// Errors name the line. The file must be UTF-8 and at most coding.MaxTableBytes long.
func ReadLongCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(coding.LimitTable(r))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the file is empty (it needs the header unit,coder,code)")
	}
	if err != nil {
		return nil, coding.CSVError(err)
	}
	if err := coding.CheckTableText(1, header); err != nil {
		return nil, err
	}
	col := map[string]int{"unit": -1, "coder": -1, "code": -1}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if j, ok := col[k]; ok && j < 0 {
			col[k] = i
		}
	}
	for _, need := range []string{"unit", "coder", "code"} {
		if col[need] < 0 {
			return nil, fmt.Errorf("the file has no %q column (its header must be unit,coder,code)", need)
		}
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			// Not FieldPos: after a parse error it may have no field to report (and panics).
			return nil, coding.CSVError(err)
		}
		line, _ := cr.FieldPos(0)
		if err := coding.CheckTableText(line, rec); err != nil {
			return nil, err
		}
		get := func(k string) string {
			if i := col[k]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		unit, coder := get("unit"), get("coder")
		if unit == "" && coder == "" && get("code") == "" {
			continue
		}
		if unit == "" || coder == "" {
			return nil, fmt.Errorf("line %d: unit and coder must not be empty", line)
		}
		rows = append(rows, Row{Unit: unit, Coder: coder, Code: get("code")})
	}
}
