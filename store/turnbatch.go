package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// A document's sections, turns and notes are written in multi-row INSERTs: one statement of
// batchRows rows costs SQLite little more than one of a single row. The rows are made on a
// goroutine of their own (reading the items, hashing the turns' ids, boxing the values) while
// the caller's goroutine has SQLite write the rows made before, so the two overlap on two
// cores.

// batchRows is how many rows one INSERT writes (at most; the last of a table writes the rest).
const batchRows = 128

// rowTable is a table an import writes rows of, with its columns.
type rowTable struct {
	name    string
	columns []string
}

var (
	sectionRows = rowTable{"sections", []string{"id", "document_id", "position", "title"}}
	turnRows    = rowTable{"turns", []string{"id", "document_id", "section_id", "position", "number", "speaker_id", "label", "text", "start_ms", "end_ms"}}
	noteRows    = rowTable{"notes", []string{"document_id", "section_id", "position", "text"}}
)

// insertSQL is the INSERT of n rows into t. OR FAIL: a row refused ends the statement without
// undoing the rows before it, which spares SQLite the statement journal a multi-row INSERT
// otherwise keeps (a copy of every page it changes); the caller's transaction, in which any
// error is the end, is rolled back whole.
func (t rowTable) insertSQL(n int) string {
	var b strings.Builder
	b.WriteString("INSERT OR FAIL INTO " + t.name + "(" + strings.Join(t.columns, ", ") + ") VALUES ")
	row := "(" + strings.Repeat("?, ", len(t.columns)-1) + "?)"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// rowBatch is rows of one table, their values one after another; done is how many of the
// document's items are written once they are.
type rowBatch struct {
	table *rowTable
	args  []any
	done  int
}

func (b *rowBatch) rows() int { return len(b.args) / len(b.table.columns) }

// batchWriter has rows written with statements prepared once per table and number of rows.
type batchWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[*rowTable]*sql.Stmt // of batchRows rows
}

func (w *batchWriter) write(b *rowBatch) error {
	n := b.rows()
	if n == 0 {
		return nil
	}
	if n < batchRows {
		_, err := w.tx.ExecContext(w.ctx, b.table.insertSQL(n), b.args...)
		return err
	}
	st := w.stmts[b.table]
	if st == nil {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, b.table.insertSQL(batchRows)); err != nil {
			return err
		}
		w.stmts[b.table] = st
	}
	_, err := st.ExecContext(w.ctx, b.args...)
	return err
}

func (w *batchWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// rowMaker turns a document's items into rows of sections, turns and notes, and sends each
// table's rows once there are batchRows of them. A section's rows go before any turn or note,
// which may be in it, so the rows are right in the order they come even with foreign keys on.
type rowMaker struct {
	docID      string
	speakerIDs map[string]int64
	nextSec    int64 // the id of the next section
	ids        *turnIDs
	send       func(*rowBatch) error
	free       chan []any // spent args slices, to reuse

	sections, turns, notes rowBatch
	section                any // the current section's id, nil before the first header
	i                      int // items seen
	res                    *ImportResult
}

func (m *rowMaker) newArgs() []any {
	select {
	case a := <-m.free:
		return a[:0]
	default:
		return make([]any, 0, batchRows*len(turnRows.columns))
	}
}

// flush sends b's rows (those of sections first) and starts it afresh.
func (m *rowMaker) flush(b *rowBatch) error {
	if b != &m.sections && len(m.sections.args) > 0 {
		if err := m.flush(&m.sections); err != nil {
			return err
		}
	}
	if len(b.args) == 0 {
		return nil
	}
	out := &rowBatch{table: b.table, args: b.args, done: m.i}
	b.args = m.newArgs()
	return m.send(out)
}

func (m *rowMaker) add(b *rowBatch, values ...any) error {
	b.args = append(b.args, values...)
	if b.rows() >= batchRows {
		return m.flush(b)
	}
	return nil
}

func (m *rowMaker) item(it coding.Item) error {
	i := m.i
	m.i++
	switch it.Kind {
	case coding.KindHeader:
		id := m.nextSec
		m.nextSec++
		m.section = id
		m.res.Sections++
		return m.add(&m.sections, id, m.docID, i, it.Text)
	case coding.KindNote:
		m.res.Notes++
		return m.add(&m.notes, m.docID, m.section, i, it.Text)
	case coding.KindTurn:
		m.res.Turns++
		var speaker, start, end any
		if it.Speaker != "" {
			speaker = m.speakerIDs[it.Speaker]
		}
		if it.Timed {
			start, end = it.Start.Milliseconds(), it.End.Milliseconds()
		}
		return m.add(&m.turns, m.ids.id(m.docID, i, it.Speaker, it.Text), m.docID, m.section, i,
			m.res.Turns, speaker, it.Label, it.Text, start, end)
	}
	return nil
}

// end sends the rows left.
func (m *rowMaker) end() error {
	for _, b := range []*rowBatch{&m.sections, &m.notes, &m.turns} {
		if err := m.flush(b); err != nil {
			return err
		}
	}
	return nil
}

// errStopped ends the making of rows once their writing has failed.
var errStopped = errors.New("stopped")

// writeRows writes the sections, turns and notes of the items each gives (total of them) of
// the document res.DocumentID, whose speakers' ids are speakerIDs, in tx: the rows are made
// on another goroutine while tx writes those made before. res counts them. progress, if
// given, is told on the caller's goroutine.
func writeRows(ctx context.Context, tx *sql.Tx, speakerIDs map[string]int64, each func(func(coding.Item) error) error,
	total int, res *ImportResult, progress Progress) error {
	var maxSection int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM sections`).Scan(&maxSection); err != nil {
		return err
	}
	batches := make(chan *rowBatch, 4)
	stop := make(chan struct{})
	free := make(chan []any, 8)
	var made ImportResult
	m := &rowMaker{docID: res.DocumentID, speakerIDs: speakerIDs, nextSec: maxSection + 1, ids: newTurnIDs(), free: free, res: &made,
		sections: rowBatch{table: &sectionRows}, turns: rowBatch{table: &turnRows}, notes: rowBatch{table: &noteRows}}
	m.send = func(b *rowBatch) error {
		select {
		case batches <- b:
			return nil
		case <-stop:
			return errStopped
		}
	}
	makeErr := make(chan error, 1)
	go func() {
		defer close(batches)
		err := each(func(it coding.Item) error {
			if m.i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			return m.item(it)
		})
		if err == nil {
			err = m.end()
		}
		makeErr <- err
	}()
	w := &batchWriter{ctx: ctx, tx: tx, stmts: map[*rowTable]*sql.Stmt{}}
	defer w.close()
	var werr error
	if progress != nil {
		progress(0, total)
	}
	next := 4096
	for b := range batches {
		if werr != nil {
			continue
		}
		if werr = w.write(b); werr != nil {
			close(stop)
			continue
		}
		if progress != nil && b.done >= next {
			progress(b.done, total)
			next = b.done + 4096
		}
		select {
		case free <- b.args:
		default:
		}
	}
	merr := <-makeErr
	if werr != nil {
		return werr
	}
	if merr != nil {
		return merr
	}
	res.Sections, res.Turns, res.Notes = made.Sections, made.Turns, made.Notes
	if progress != nil {
		progress(total, total)
	}
	return nil
}

// discardConn ends conn's life in the pool: it is closed instead of being given back.
func discardConn(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
}
