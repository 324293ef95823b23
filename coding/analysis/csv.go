package analysis

import (
	"io"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// The CSV files of an analysis, for R, pandas and a spreadsheet: long tables, one row per
// cell, written through coding.CSVWriter (text guarded against formulas, quoted for a comma or
// a semicolon). The command line and the window write the same files through these.

// WriteMatrixCSV writes the matrix as a long table: code, the column's label (its header the
// dimension: speaker, role, document or section; empty for none), for sections their document,
// then count, row_percent and column_percent (0 to 100, empty when undefined), a row per code
// and column.
func WriteMatrixCSV(w io.Writer, m *Matrix) error {
	c := coding.NewCSVWriter(w)
	head := []any{"code", string(m.By)}
	if m.By == BySection {
		head = append(head, "document")
	}
	c.Write(append(head, "count", "row_percent", "column_percent")...)
	for k, code := range m.Codes {
		for g, col := range m.Columns {
			row := []any{code, col.Label}
			if m.By == BySection {
				row = append(row, col.Document)
			}
			rs, rok := m.RowShare(k, g)
			cs, cok := m.ColumnShare(k, g)
			c.Write(append(row, coding.Raw(strconv.Itoa(m.Counts[k][g])), percent(rs, rok), percent(cs, cok))...)
		}
	}
	return c.Flush()
}

// percent is a share as a percentage, as many digits as it takes; empty when undefined.
func percent(share float64, ok bool) coding.Raw {
	if !ok {
		return ""
	}
	return coding.Raw(strconv.FormatFloat(share*100, 'f', -1, 64))
}

// WriteCooccurrenceCSV writes the co-occurrence as a long table: code_a, code_b, turns, a row
// per pair in both orders (the diagonal included), ready to be pivoted.
func WriteCooccurrenceCSV(w io.Writer, co *Cooccurrence) error {
	c := coding.NewCSVWriter(w)
	c.Write("code_a", "code_b", "turns")
	for a, ca := range co.Codes {
		for b, cb := range co.Codes {
			c.Write(ca, cb, coding.Raw(strconv.Itoa(co.Counts[a][b])))
		}
	}
	return c.Flush()
}

// WriteRetrievalCSV writes the turns found, a row each: document, section, turn, speaker,
// role, coders (whose codes answer the query), codes (each coder's: "ana: referral, admission;
// bo: referral"), text, memos ("ana: …"), and the context before and after, a line per turn
// ("12 CLB: 喂？").
func WriteRetrievalCSV(w io.Writer, d *Data, r *Retrieval) error {
	c := coding.NewCSVWriter(w)
	c.Write("document", "section", "turn", "speaker", "role", "coders", "codes", "text", "memos", "context_before", "context_after")
	for _, h := range r.Hits {
		t := &d.in.Turns[h.Turn]
		var codes, memos []string
		for _, cc := range d.TurnCodes(h.Turn) {
			codes = append(codes, cc.Coder+": "+strings.Join(cc.Codes, ", "))
		}
		for _, m := range d.TurnMemos(h.Turn) {
			memos = append(memos, m.Coder+": "+m.Text)
		}
		c.Write(t.Document, t.Section, coding.Raw(strconv.Itoa(t.Number)), t.Speaker, string(t.Role),
			strings.Join(h.Coders, ", "), strings.Join(codes, "; "), t.Text, strings.Join(memos, "\n"),
			d.contextLines(h.Before), d.contextLines(h.After))
	}
	return c.Flush()
}

// contextLines is turns as lines "number speaker: text" ("number text" for prose).
func (d *Data) contextLines(turns []int) string {
	lines := make([]string, len(turns))
	for i, u := range turns {
		t := &d.in.Turns[u]
		lines[i] = strconv.Itoa(t.Number) + " "
		if t.Speaker != "" {
			lines[i] += t.Speaker + ": "
		}
		lines[i] += t.Text
	}
	return strings.Join(lines, "\n")
}
