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
	coders, codes := map[string]bool{}, map[string]bool{}
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
		code := get("code")
		// The limits of a project hold here too: the tables grow with coders × units and codes.
		if !coders[coder] {
			if len(coders) == coding.MaxCoders {
				return nil, fmt.Errorf("line %d: the table has more than %d coders, more than turncoder allows", line, coding.MaxCoders)
			}
			coders[coder] = true
		}
		if code != "" && !codes[code] {
			if len(codes) == coding.MaxCodes {
				return nil, fmt.Errorf("line %d: the table has more than %d different codes, more than turncoder allows", line, coding.MaxCodes)
			}
			codes[code] = true
		}
		rows = append(rows, Row{Unit: unit, Coder: coder, Code: code})
	}
}

// WithinLimits refuses data in which a coder gave one unit more than coding.MaxCodesPerTurn
// codes, naming the first such unit and coder.
func (d Data) WithinLimits() error {
	for u, row := range d.Cells {
		for j, c := range row {
			if len(c.Codes) > coding.MaxCodesPerTurn {
				return fmt.Errorf("coder %q gave unit %q %d codes, more than the %d turncoder allows on one unit", d.Coders[j], d.Units[u], len(c.Codes), coding.MaxCodesPerTurn)
			}
		}
	}
	return nil
}
