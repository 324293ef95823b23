package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// ItemReader reads a document item by item (transcript.StreamFile): it gives yield each item
// in order and returns the document without its items (title, format, encoding, warnings,
// roles) once every item is read. An error of yield stops it and is returned; on an error the
// items given are dropped.
//
// A reader may give items before it knows it keeps them (transcript.StreamFileAhead): it then
// calls restart, and what it gave before is dropped; restart is never nil.
type ItemReader func(yield func(coding.Item) error, restart func() error) (*coding.Document, error)

// ImportStream imports the document read as Import imports a parsed one, without holding its
// items: they are kept in a temporary file beside the project while they are read and the
// document's id (DocumentID, which every turn's id and row carries) is summed, then written
// from it in one transaction. So a transcript of a million turns is imported in a few dozen
// megabytes. A failure of the reading, a refusal or a cancelled ctx leaves the project as it
// was; a document already in the project is recognised, as Import recognises it. It returns
// the document read (without its items) with what was imported.
func (p *Project) ImportStream(ctx context.Context, read ItemReader, source string, progress Progress) (*coding.Document, ImportResult, error) {
	return p.importStream(ctx, read, source, "", progress)
}

// ImportStreamOf is ImportStream of a document read before, whose id (DocumentID) was want,
// as the window's import reads again the file it showed in its preview: a reading that gives
// another document (the file was changed since) is refused, and nothing is written.
func (p *Project) ImportStreamOf(ctx context.Context, read ItemReader, source, want string, progress Progress) (*coding.Document, ImportResult, error) {
	return p.importStream(ctx, read, source, want, progress)
}

func (p *Project) importStream(ctx context.Context, read ItemReader, source, want string, progress Progress) (*coding.Document, ImportResult, error) {
	sp, err := newSpill(filepath.Dir(p.path))
	if err != nil {
		return nil, ImportResult{}, err
	}
	defer sp.close()
	// The items are summed and kept on a goroutine of their own, in slices of keptItems, while
	// the reader reads on.
	hash := newDocumentHash()
	seen := map[string]bool{}
	var speakers []string
	items := make(chan []coding.Item, 4)
	free := make(chan []coding.Item, 4)
	kept := make(chan error, 1)
	go func() {
		var err error
		for batch := range items {
			if batch == nil { // restart: what was kept is dropped
				hash, seen, speakers = newDocumentHash(), map[string]bool{}, nil
				if err == nil {
					err = sp.reset()
				}
				continue
			}
			if err == nil {
				for _, it := range batch {
					hash.add(it)
					if it.Kind == coding.KindTurn && it.Speaker != "" && !seen[it.Speaker] {
						seen[it.Speaker] = true
						speakers = append(speakers, it.Speaker)
					}
					if err = sp.add(it); err != nil {
						break
					}
				}
			}
			select {
			case free <- batch[:0]:
			default:
			}
		}
		if err == nil {
			err = sp.flush()
		}
		kept <- err
	}()
	batch := make([]coding.Item, 0, keptItems)
	n := 0
	doc, err := read(func(it coding.Item) error {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		n++
		batch = append(batch, it)
		if len(batch) == keptItems {
			items <- batch
			select {
			case batch = <-free:
			default:
				batch = make([]coding.Item, 0, keptItems)
			}
		}
		return nil
	}, func() error {
		batch = batch[:0]
		items <- nil
		return nil
	})
	items <- batch
	close(items)
	kerr := <-kept
	if err == nil {
		err = kerr
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ImportResult{}, say.Errorf("import of %s cancelled; nothing was written", source)
		}
		return nil, ImportResult{}, err
	}
	id := hash.id()
	if want != "" && id != want {
		return nil, ImportResult{}, say.Errorf("the file was changed since it was read for the preview; nothing was written (import it again to see what it holds now)")
	}
	res, err := p.importItems(ctx, doc, id, source, speakers, sp.each, sp.n, progress)
	return doc, res, err
}

// keptItems is how many items ImportStream hands at once to the goroutine that keeps them.
const keptItems = 256

// importItems is Import of a document whose items each gives (n of them), id and speakers
// known.
func (p *Project) importItems(ctx context.Context, doc *coding.Document, id, source string, speakers []string,
	each func(func(coding.Item) error) error, n int, progress Progress) (ImportResult, error) {
	res := ImportResult{DocumentID: id, Title: doc.Title}
	var existing string
	err := p.db.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, res.DocumentID).Scan(&existing)
	if err == nil {
		res.Duplicate, res.Title = true, existing
		return res, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return res, friendly(err)
	}
	if res.SameName, err = p.sameName(ctx, source, doc.Title); err != nil {
		return res, err
	}
	detail := fmt.Sprintf("%s from %s (%d items)", doc.Title, source, n)
	if len(doc.Roles) > 0 {
		detail += "; roles chosen: " + rolesDetail(doc.Roles)
	}
	err = p.writeImport(ctx, "import", detail, func(tx *sql.Tx) error {
		return insertItems(ctx, tx, doc, source, speakers, each, n, &res, progress)
	})
	if err != nil {
		if ctx.Err() != nil {
			return ImportResult{}, say.Errorf("import of %s cancelled; nothing was written", source)
		}
		return ImportResult{}, err
	}
	return res, nil
}

// writeImport is write for an import's own rows, on a connection of its own taken from the
// pool: foreign keys are off on it during the transaction (SQLite's check of every row's
// references, and the statement journal it needs for a multi-row INSERT, cost more than the
// rest of the insert), since insertItems makes every reference of the rows it writes itself;
// temporary storage is in memory. Both pragmas are set before BEGIN and restored after the
// commit or rollback; a connection on which they cannot be restored is closed, not given
// back, so no other statement ever runs on a connection without foreign keys.
func (p *Project) writeImport(ctx context.Context, action, detail string, fn func(tx *sql.Tx) error) (err error) {
	if p.readOnly {
		return say.Errorf("the project was opened to be read, not changed")
	}
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return friendly(err)
	}
	defer conn.Close()
	p.ensureWAL(ctx, conn)
	bg := context.WithoutCancel(ctx)
	defer func() {
		_, e1 := conn.ExecContext(bg, `PRAGMA foreign_keys = ON`)
		_, e2 := conn.ExecContext(bg, `PRAGMA temp_store = DEFAULT`)
		var on int
		e3 := conn.QueryRowContext(bg, `PRAGMA foreign_keys`).Scan(&on)
		if e1 != nil || e2 != nil || e3 != nil || on != 1 {
			discardConn(conn)
		}
	}()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return friendly(err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return friendly(err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return friendly(err)
	}
	return p.commitAudited(ctx, tx, action, detail, fn)
}

// spill keeps a document's items in a temporary file while it is read, to be written from
// there once its id is known: kind, whether timed, line, start and end, then speaker, label
// and text, each after its length.
type spill struct {
	f    *os.File
	path string // "" once removed
	w    *bufio.Writer
	n    int
	buf  []byte
}

// newSpill makes the temporary file in dir (the project's folder, which has room for the
// document, where the system's temporary folder may be in memory). It is removed at once where
// the system allows an open file to be, so nothing is left if turncoder is stopped; else when
// closed.
func newSpill(dir string) (*spill, error) {
	f, err := os.CreateTemp(dir, ".turncoder-import-*")
	if err != nil {
		return nil, say.Errorf("cannot make a temporary file beside the project: %v", pathErr(err))
	}
	s := &spill{f: f, path: f.Name(), w: bufio.NewWriterSize(f, 1<<20)}
	if os.Remove(s.path) == nil {
		s.path = ""
	}
	return s, nil
}

func (s *spill) add(it coding.Item) error {
	b := s.buf[:0]
	timed := byte(0)
	if it.Timed {
		timed = 1
	}
	b = append(b, byte(it.Kind), timed)
	b = binary.AppendUvarint(b, uint64(it.Line))
	b = binary.AppendVarint(b, int64(it.Start))
	b = binary.AppendVarint(b, int64(it.End))
	for _, t := range []string{it.Speaker, it.Label, it.Text} {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	s.buf = b
	s.n++
	_, err := s.w.Write(b)
	return spillErr(err)
}

func spillErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		return say.Errorf("cannot keep the document in a temporary file beside the project: the disk is full or cannot be written to; nothing was written")
	}
	return say.Errorf("cannot keep the document in a temporary file beside the project (%v); nothing was written", pathErr(err))
}

// pathErr drops the operation and path from an *os.PathError.
func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reset drops what was added.
func (s *spill) reset() error {
	s.w.Reset(s.f)
	s.n = 0
	if err := s.f.Truncate(0); err != nil {
		return spillErr(err)
	}
	_, err := s.f.Seek(0, io.SeekStart)
	return spillErr(err)
}

func (s *spill) flush() error { return spillErr(s.w.Flush()) }

// each gives fn the items added, in order.
func (s *spill) each(fn func(coding.Item) error) error {
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, 1<<62), 1<<20)
	var text []byte
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return "", err
		}
		if uint64(cap(text)) < n {
			text = make([]byte, n)
		}
		text = text[:n]
		if _, err := io.ReadFull(r, text); err != nil {
			return "", err
		}
		return string(text), nil
	}
	for i := 0; i < s.n; i++ {
		var it coding.Item
		kind, err := r.ReadByte()
		if err != nil {
			return spillErr(err)
		}
		timed, err := r.ReadByte()
		if err != nil {
			return spillErr(err)
		}
		line, err := binary.ReadUvarint(r)
		if err != nil {
			return spillErr(err)
		}
		start, err := binary.ReadVarint(r)
		if err != nil {
			return spillErr(err)
		}
		end, err := binary.ReadVarint(r)
		if err != nil {
			return spillErr(err)
		}
		it.Kind, it.Timed, it.Line, it.Start, it.End = coding.Kind(kind), timed == 1, int(line), time.Duration(start), time.Duration(end)
		if it.Speaker, err = str(); err == nil {
			if it.Label, err = str(); err == nil {
				it.Text, err = str()
			}
		}
		if err != nil {
			return spillErr(err)
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}

func (s *spill) close() {
	s.f.Close()
	if s.path != "" {
		os.Remove(s.path)
	}
}
