package report

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/turncoder/turncoder/coding/say"
)

// CSV file names WriteCSV writes.
const (
	CodingsCSV   = "codings.csv"
	MatrixCSV    = "matrix.csv"
	ConsensusCSV = "consensus.csv"
)

// The CSV headers: the sheets' columns, named for R, pandas, Stata and SPSS (codings.csv's
// document, turn, coder and code columns are what `turncoder codings import` reads).
var (
	codingsCSVHeader = []string{"document", "section", "turn", "speaker", "role", "text", "coder", "code", "time"}
	unitCSVHeader    = []string{"document", "section", "turn", "speaker", "role", "text"}
	consensusHeader  = []string{"document", "section", "turn", "speaker", "role", "text", "code", "note", "time"}
)

// WriteCSV writes codings.csv (the long table), matrix.csv (the coding matrix) and
// consensus.csv (the consensus layer) into dir, UTF-8 with a BOM so Excel opens Chinese
// correctly. Files are written to temporary names in dir and renamed into place only when
// complete.
//
// codings.csv has one row per code given (a unit reviewed with no code: one row with an empty
// code), time in RFC 3339, UTC (empty when unknown); matrix.csv one row per unit with a 0/1
// column per coder and code ("ana: referral"), empty where the coder did not review the unit,
// then "consensus: referral" columns when the project has a consensus layer; consensus.csv one
// row per code of each settled unit (settled as no code: one row with an empty code), with the
// decision's note and time, and only its header when nothing was settled.
// Lines end in LF; fields are quoted only when they must be (RFC 4180).
//
// Formula injection: a text field that begins with "=", "+", "-", "@", a tab or a carriage
// return gets a leading single quote ('=SUM(A1)), so a spreadsheet that opens the CSV shows it
// as text and never runs it. Numbers (turn numbers, 0/1) are not text and are written as they
// are. A reader that wants the original text drops the quote from such fields.
//
// The files are written completely before either is renamed into place: on error or
// cancellation the temporary files are removed and existing files of the same names are left
// as they were.
func WriteCSV(ctx context.Context, dir string, in Input) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	m, err := in.model()
	if err != nil {
		return err
	}
	m.setConsensus(in.Consensus)
	if cells := len(m.units) * len(m.matrixHeader()); cells > MaxMatrixCells {
		return say.Errorf("matrix.csv would have %d cells (%d turns × %d coders × %d codes), more than the %d turncoder writes: export fewer coders or codes (--coders, --codes), or write the codings alone with turncoder codings export",
			cells, len(m.units), len(m.coders), len(m.codes), MaxMatrixCells)
	}
	var temps []*os.File
	defer func() {
		if err != nil {
			for _, f := range temps {
				f.Close()
				os.Remove(f.Name())
			}
		}
	}()
	for _, name := range []string{CodingsCSV, MatrixCSV, ConsensusCSV} {
		if err := safefile.CheckReplace(filepath.Join(dir, name), safefile.CSV); err != nil {
			return err
		}
	}
	create := func(name string) (*os.File, error) {
		f, err := safefile.Temp(filepath.Join(dir, name))
		if err == nil {
			temps = append(temps, f)
		}
		return f, err
	}
	codings, err := create(CodingsCSV)
	if err != nil {
		return err
	}
	if err := writeCSVFile(ctx, codings, func(w *csvWriter) error { return writeCodingsCSV(w, m) }); err != nil {
		return err
	}
	matrix, err := create(MatrixCSV)
	if err != nil {
		return err
	}
	if err := writeCSVFile(ctx, matrix, func(w *csvWriter) error { return writeMatrixCSV(w, m) }); err != nil {
		return err
	}
	consensus, err := create(ConsensusCSV)
	if err != nil {
		return err
	}
	if err := writeCSVFile(ctx, consensus, func(w *csvWriter) error { return writeConsensusCSV(w, m) }); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, name := range []string{CodingsCSV, MatrixCSV, ConsensusCSV} {
		if err := safefile.Place(temps[i].Name(), filepath.Join(dir, name)); err != nil {
			return say.Errorf("cannot write %s: %v", filepath.Join(dir, name), err)
		}
	}
	return nil
}

// csvWriter is coding's CSVWriter (it guards text against formula injection and quotes for
// "," and ";" alike), checking ctx.
type csvWriter struct {
	ctx  context.Context
	cw   *coding.CSVWriter
	rows int
}

// writeCSVFile writes the BOM and the rows to f, syncs and closes it (f stays in place).
func writeCSVFile(ctx context.Context, f *os.File, rows func(w *csvWriter) error) error {
	bw := bufio.NewWriterSize(f, 1<<20)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	w := &csvWriter{ctx: ctx, cw: coding.NewCSVWriter(bw)}
	if err := rows(w); err != nil {
		return err
	}
	if err := w.cw.Flush(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

func (w *csvWriter) write(rec []string) error {
	w.rows++
	if w.rows&1023 == 0 {
		if err := w.ctx.Err(); err != nil {
			return err
		}
	}
	return w.cw.WriteStrings(rec)
}

// safeText guards a text field against formula injection (the writer guards every field
// again; guarding is idempotent: a guarded field begins with a quote).
var safeText = coding.GuardCSV

func writeCodingsCSV(w *csvWriter, m *model) error {
	if err := w.write(codingsCSVHeader); err != nil {
		return err
	}
	rec := make([]string, len(codingsCSVHeader))
	return m.eachCoding(func(r codingRow) error {
		u := r.unit
		rec[0], rec[1], rec[2], rec[3] = safeText(u.Document), safeText(u.Section), strconv.Itoa(u.Number), safeText(u.Speaker)
		rec[4], rec[5], rec[6], rec[7] = safeText(string(u.Role)), safeText(u.Text), safeText(r.coder), safeText(r.code)
		rec[8] = ""
		if !r.time.IsZero() {
			rec[8] = r.time.UTC().Format(time.RFC3339Nano)
		}
		return w.write(rec)
	})
}

func writeMatrixCSV(w *csvWriter, m *model) error {
	header := append([]string{}, unitCSVHeader...)
	for _, h := range m.matrixHeader() {
		header = append(header, safeText(h))
	}
	if err := w.write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	flags := make([]int8, len(header)-len(unitCSVHeader))
	for i := range m.units {
		u := &m.units[i]
		rec[0], rec[1], rec[2], rec[3] = safeText(u.Document), safeText(u.Section), strconv.Itoa(u.Number), safeText(u.Speaker)
		rec[4], rec[5] = safeText(string(u.Role)), safeText(u.Text)
		m.matrixRow(i, flags)
		for k, v := range flags {
			switch v {
			case 1:
				rec[6+k] = "1"
			case 0:
				rec[6+k] = "0"
			default:
				rec[6+k] = ""
			}
		}
		if err := w.write(rec); err != nil {
			return err
		}
	}
	return nil
}

func writeConsensusCSV(w *csvWriter, m *model) error {
	if err := w.write(consensusHeader); err != nil {
		return err
	}
	rec := make([]string, len(consensusHeader))
	for _, i := range m.settled() {
		u, d := &m.units[i], m.cons[i]
		rec[0], rec[1], rec[2], rec[3] = safeText(u.Document), safeText(u.Section), strconv.Itoa(u.Number), safeText(u.Speaker)
		rec[4], rec[5], rec[7], rec[8] = safeText(string(u.Role)), safeText(u.Text), safeText(d.note), ""
		if !d.time.IsZero() {
			rec[8] = d.time.UTC().Format(time.RFC3339Nano)
		}
		codes := m.consNames(d)
		if len(codes) == 0 {
			codes = []string{""}
		}
		for _, c := range codes {
			rec[6] = safeText(c)
			if err := w.write(rec); err != nil {
				return err
			}
		}
	}
	return nil
}
