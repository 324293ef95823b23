package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// crc32Combine gives the CRC-32 of two byte strings joined, as hash/crc32 computes it over the
// joined bytes, for lengths of nothing, a byte, an odd few, and past one and two chunks.
func TestCRC32Combine(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 21))
	lengths := []int{0, 1, 3, 8, 255, 1000, deflateChunk + 1, 2*deflateChunk + 17}
	for _, la := range lengths {
		for _, lb := range lengths {
			a, b := make([]byte, la), make([]byte, lb)
			for i := range a {
				a[i] = byte(rnd.Uint32())
			}
			for i := range b {
				b[i] = byte(rnd.Uint32())
			}
			want := crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
			if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(lb)); got != want {
				t.Fatalf("%d then %d bytes: %08x, want %08x", la, lb, got, want)
			}
		}
	}
	// zlib's own check value: "123456789" is cbf43926, however it is cut.
	for cut := range 10 {
		s := "123456789"
		if got := crc32Combine(crc32.ChecksumIEEE([]byte(s[:cut])), crc32.ChecksumIEEE([]byte(s[cut:])), int64(9-cut)); got != 0xcbf43926 {
			t.Fatalf("cut at %d: %08x", cut, got)
		}
	}
}

// Rows of many chunks, compressed on the side, are spliced into a part that Go's zip reader
// reads back (it checks the CRC-32 and the sizes) as exactly the sheet's XML with the rows in
// place; and copyTo gives back the rows as written.
func TestSplicedRowsOfManyChunks(t *testing.T) {
	rows, err := newSheetRows(t.TempDir(), []int{0, 0})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.close()
	rnd := rand.New(rand.NewPCG(1, 2))
	var want strings.Builder
	for n := 2; want.Len() < 3*deflateChunk+1234; n++ {
		a := fmt.Sprintf("turn %d: 工会说 %x", n, rnd.Uint64())
		if err := rows.row(n, 0, 0, []any{a, n}); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&want, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c></row>`, n, n, a, n, n)
	}
	if err := rows.done(); err != nil {
		t.Fatal(err)
	}
	var back strings.Builder
	if err := rows.copyTo(&back); err != nil || back.String() != want.String() {
		t.Fatalf("copyTo: %v; the rows read back are the rows written: %v", err, back.String() == want.String())
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	s := &splicer{zw: zw, rows: map[string]*sheetRows{"xl/worksheets/sheet3.xml": rows}}
	w, _ := s.Create("xl/worksheets/sheet3.xml")
	head, tail := `<worksheet><sheetData><row r="1"></row>`, `</sheetData><autoFilter ref="A1:B9"/></worksheet>`
	io.WriteString(w, head+tail)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := zipPart(t, out.Bytes(), "xl/worksheets/sheet3.xml"); got != head+want.String()+tail {
		t.Fatalf("the spliced part is not the sheet with its rows (%d bytes, want %d)", len(got), len(head+want.String()+tail))
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if f := zr.File[0]; f.ReaderVersion != 20 || f.CreatorVersion&0xff != 20 || f.Method != zip.Deflate {
		t.Errorf("the part's header: version needed %d, made by %d, method %d; want 20, 20, deflate", f.ReaderVersion, f.CreatorVersion&0xff, f.Method)
	}

	// A part too large for a raw entry without ZIP64 (past 4 GiB; here past 1 KB) is
	// compressed by the zip writer, from the rows read back.
	defer func(limit uint64) { rawPartLimit = limit }(rawPartLimit)
	rawPartLimit = 1024
	out.Reset()
	s = &splicer{zw: zip.NewWriter(&out), rows: map[string]*sheetRows{"xl/worksheets/sheet3.xml": rows}}
	w, _ = s.Create("xl/worksheets/sheet3.xml")
	io.WriteString(w, head+tail)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := zipPart(t, out.Bytes(), "xl/worksheets/sheet3.xml"); got != head+want.String()+tail {
		t.Fatalf("the part past the limit is not the sheet with its rows (%d bytes, want %d)", len(got), len(head+want.String()+tail))
	}
	if zr, err = zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len())); err != nil || zr.File[0].Flags&0x8 == 0 {
		t.Fatalf("the part past the limit was not compressed by the zip writer (%v)", err) // which marks a data descriptor
	}
}

// A failing write of the compressed rows (a full disk) stops the rows at the next write and is
// the error of finish, not lost on the compressor's goroutine; rows never done are let go by
// close, their compressor ended.
func TestDeflatingReportsAFailedWrite(t *testing.T) {
	d := newDeflating(&errWriter{after: 1000})
	var werr error
	for i := 0; i < 400_000 && werr == nil; i++ {
		_, werr = fmt.Fprintf(d, "%x", rand.Uint64())
	}
	if werr == nil || !strings.Contains(werr.Error(), "disk full") {
		t.Errorf("400,000 writes past a full disk: %v", werr)
	}
	if err := d.finish(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("finish: %v", err)
	}
	if err := d.finish(); err != nil {
		t.Fatalf("a second finish: %v", err)
	}
	r, err := newSheetRows(t.TempDir(), []int{0})
	if err != nil {
		t.Fatal(err)
	}
	r.row(2, 0, 0, []any{"a"})
	c := r.w
	r.close()
	select {
	case _, open := <-c.full:
		if open {
			t.Fatal("close left rows with the compressor")
		}
	default:
		t.Fatal("close did not end the compressor")
	}
}

// A sheet with no rows (a table with nothing in it still has its part) is spliced as the sheet
// excelize wrote.
func TestSplicedNoRows(t *testing.T) {
	rows, err := newSheetRows(t.TempDir(), []int{0})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.close()
	if err := rows.done(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := &splicer{zw: zip.NewWriter(&out), rows: map[string]*sheetRows{"xl/worksheets/sheet2.xml": rows}}
	w, _ := s.Create("xl/worksheets/sheet2.xml")
	sheet := `<worksheet><sheetData><row r="1"></row></sheetData></worksheet>`
	io.WriteString(w, sheet)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := zipPart(t, out.Bytes(), "xl/worksheets/sheet2.xml"); got != sheet {
		t.Fatalf("%q", got)
	}
}
