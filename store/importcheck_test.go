package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// checkIntegrity fails t unless SQLite finds every reference of the project's rows right
// (PRAGMA foreign_key_check, which reads every row whatever the connection's foreign_keys)
// and the file sound (PRAGMA integrity_check).
func checkIntegrity(t *testing.T, p *Project, when string) {
	t.Helper()
	rows, err := p.db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s: row %v of %s refers to no row of %s", when, rowid, table, parent)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var ok string
	if err := p.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("%s: integrity_check says %q (%v)", when, ok, err)
	}
}

// timedCalls is a document of n timed turns with a note and a section every 50.
func timedCalls(title string, n int) *coding.Document {
	doc := &coding.Document{Title: title, Format: "srt", Encoding: "utf-8"}
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("%s part %d", title, i/50+1)},
				coding.Item{Kind: coding.KindNote, Text: "[music]"})
		}
		sp := []string{"Ana", "Bo", ""}[i%3]
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: sp, Label: sp, Text: fmt.Sprintf("%s line %d", title, i),
			Timed: true, Start: time.Duration(i) * time.Second, End: time.Duration(i)*time.Second + 900*time.Millisecond})
	}
	return doc
}

// An import writes without SQLite's check of foreign keys (writeImport): the references are
// right because insertItems makes them. Documents of every kind of item, speakers new and
// known, imported whole and streamed, after a section of another document, and imports that
// fail half way (the items fail, SQLite refuses a row inside a multi-row INSERT, the import
// is cancelled) leave a project in which foreign_key_check and integrity_check find nothing,
// and the failures leave it as it was.
func TestImportKeepsEveryReferenceWithoutForeignKeyChecks(t *testing.T) {
	ctx := context.Background()
	p := newProject(t)
	mustImport(t, p, callDoc("calls"))
	checkIntegrity(t, p, "after a small import")
	if _, _, err := p.ImportStream(ctx, streamOf(bigDoc(3000)), "big.txt", nil); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, p, "after a streamed import of 3,000 turns")
	mustImport(t, p, timedCalls("timed", 700))
	checkIntegrity(t, p, "after a timed import")
	// Every turn and note is in its own document's section that comes before it, or in none
	// before the first header.
	var wrong int
	if err := p.db.QueryRow(`SELECT
		(SELECT COUNT(*) FROM turns t LEFT JOIN sections s ON s.id = t.section_id
			WHERE t.section_id IS NOT NULL AND (s.document_id IS NOT t.document_id OR s.position > t.position
			OR EXISTS (SELECT 1 FROM sections o WHERE o.document_id = t.document_id AND o.position > s.position AND o.position < t.position))
			OR t.section_id IS NULL AND EXISTS (SELECT 1 FROM sections o WHERE o.document_id = t.document_id AND o.position < t.position))
		+ (SELECT COUNT(*) FROM notes n LEFT JOIN sections s ON s.id = n.section_id
			WHERE n.section_id IS NOT NULL AND (s.document_id IS NOT n.document_id OR s.position > n.position
			OR EXISTS (SELECT 1 FROM sections o WHERE o.document_id = n.document_id AND o.position > s.position AND o.position < n.position)))`).Scan(&wrong); err != nil {
		t.Fatal(err)
	}
	if wrong != 0 {
		t.Errorf("%d turns or notes are not in the section before them", wrong)
	}
	before := counts(t, p)

	// The items fail half way, after some batches are written in the transaction.
	doc := bigDoc(5000)
	broken := errors.New("the temporary file could not be read")
	each := func(fn func(coding.Item) error) error {
		for i, it := range doc.Items {
			if i == 2500 {
				return broken
			}
			if err := fn(it); err != nil {
				return err
			}
		}
		return nil
	}
	head := *doc
	head.Items = nil
	if _, err := p.importItems(ctx, &head, "halfway", "big2.txt", []string{"CLB", "东营市总工会", "新人"}, each, len(doc.Items), nil); !errors.Is(err, broken) {
		t.Fatalf("items failing half way: %v", err)
	}
	checkIntegrity(t, p, "after items failed half way")
	if c := counts(t, p); c != before {
		t.Errorf("items failing half way left %+v, was %+v", c, before)
	}

	// SQLite refuses a row in the middle of a multi-row INSERT.
	if _, err := p.db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON turns WHEN NEW.number = 1000
		BEGIN SELECT RAISE(FAIL, 'turn 1000 refused'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Import(ctx, timedCalls("refused", 2000), "refused.srt", nil); err == nil || !strings.Contains(err.Error(), "turn 1000 refused") {
		t.Fatalf("a row refused: %v", err)
	}
	if _, err := p.db.Exec(`DROP TRIGGER refuse`); err != nil {
		t.Fatal(err)
	}
	checkIntegrity(t, p, "after a row was refused")
	if c := counts(t, p); c != before {
		t.Errorf("a refused row left %+v, was %+v", c, before)
	}

	// Cancelled once rows are written.
	cctx, cancel := context.WithCancel(ctx)
	_, _, err := p.ImportStream(cctx, streamOf(bigDoc(20000)), "big3.txt", func(done, total int) {
		if done > 5000 {
			cancel()
		}
	})
	if err == nil || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("cancelled import: %v", err)
	}
	checkIntegrity(t, p, "after a cancelled import")
	if c := counts(t, p); c != before {
		t.Errorf("a cancelled import left %+v, was %+v", c, before)
	}
}

// The connection an import turns foreign keys off on is never another statement's: while an
// import writes, the pool's other connections have them on, and after imports that succeed,
// fail and are cancelled every connection of the pool has them on (and temporary storage as
// it was), so a row that refers to nothing is refused.
func TestImportLeavesForeignKeysOnInThePool(t *testing.T) {
	ctx := context.Background()
	p := newProject(t)
	during := -1
	if _, err := p.Import(ctx, bigDoc(2000), "big.txt", func(done, total int) {
		if done > 0 && during < 0 {
			p.db.QueryRow(`PRAGMA foreign_keys`).Scan(&during)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if during != 1 {
		t.Errorf("during the import another connection had foreign_keys = %d", during)
	}
	if _, err := p.importItems(ctx, &coding.Document{Title: "x"}, "failing", "x.txt", nil, func(func(coding.Item) error) error {
		return errors.New("failed")
	}, 1, nil); err == nil {
		t.Fatal("a failing import succeeded")
	}
	cctx, cancel := context.WithCancel(ctx)
	p.Import(cctx, bigDoc(3000), "big2.txt", func(done, total int) {
		if done > 0 {
			cancel()
		}
	})
	// Every connection the pool has (at most 4), held at once so that none is handed twice.
	var conns []interface{ Close() error }
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 4; i++ {
		c, err := p.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var fk, temp int
		if err := c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&temp); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || temp != 0 {
			t.Errorf("connection %d of the pool: foreign_keys = %d, temp_store = %d after imports", i+1, fk, temp)
		}
		_, err = c.ExecContext(ctx, `INSERT INTO turns(id, document_id, position, number, text) VALUES ('orphan', 'no such document', 0, 1, 'x')`)
		if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
			t.Errorf("connection %d of the pool wrote a turn of no document: %v", i+1, err)
		}
	}
}

// A reader that restarts (transcript.StreamFileAhead found running headers after giving
// items) has what it gave before dropped: the document written is the one given after, with
// the id, rows and speakers Import writes of it, and no speaker of the items dropped.
func TestImportStreamDropsWhatWasGivenBeforeARestart(t *testing.T) {
	ctx := context.Background()
	doc := bigDoc(2000)
	a, b := newProject(t), newProject(t)
	want := mustImport(t, a, doc)
	_, got, err := b.ImportStream(ctx, func(yield func(coding.Item) error, restart func() error) (*coding.Document, error) {
		for i := 0; i < 1500; i++ {
			if err := yield(coding.Item{Kind: coding.KindTurn, Speaker: "页眉", Text: fmt.Sprintf("dropped %d", i)}); err != nil {
				return nil, err
			}
		}
		if err := restart(); err != nil {
			return nil, err
		}
		head := *doc
		head.Items = nil
		for _, it := range doc.Items {
			if err := yield(it); err != nil {
				return nil, err
			}
		}
		return &head, nil
	}, "big.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("after a restart %+v, Import %+v", got, want)
	}
	if ca, cb := counts(t, a), counts(t, b); ca != cb {
		t.Errorf("after a restart %+v, Import %+v", cb, ca)
	}
	var dropped int
	b.db.QueryRow(`SELECT COUNT(*) FROM speakers WHERE label = '页眉'`).Scan(&dropped)
	if dropped != 0 {
		t.Error("a speaker of the items dropped was written")
	}
	checkIntegrity(t, b, "after a restart")
}
