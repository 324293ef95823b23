package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/turncoder/turncoder/store"
)

// The catalogue of bad inputs: what researchers' folders, other programs and accidents hand
// turncoder. Each row drives the real command line on one bad input and expects its exit
// status, one line on stderr (a sentence containing want), nothing on stdout, and nothing
// written: every file in the project's folder (the project, its -wal if any) and in the
// folders of inputs and outputs is byte for byte as it was, and no file is added.

// badEnv is where a row builds its input: in for inputs, out for outputs a command might
// write, project a coded project shared by the rows (none may change it).
type badEnv struct {
	t       *testing.T
	in, out string
	project string
}

// file writes data to a file in the input folder and returns its path.
func (e *badEnv) file(name string, data []byte) string {
	e.t.Helper()
	path := filepath.Join(e.in, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// fifo makes a named pipe in the input folder: a file that, opened to be read, waits for a
// writer for ever.
func (e *badEnv) fifo(name string) string {
	e.t.Helper()
	path := filepath.Join(e.in, name)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// sparse makes a file of size bytes that takes no disk space (all zeros).
func (e *badEnv) sparse(name string, size int64) string {
	e.t.Helper()
	path := filepath.Join(e.in, name)
	f, err := os.Create(path)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		e.t.Fatal(err)
	}
	f.Close()
	return path
}

// sqliteFile makes an SQLite database with the given statements run in it.
func (e *badEnv) sqliteFile(name string, stmts ...string) string {
	e.t.Helper()
	path := filepath.Join(e.in, name)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			e.t.Fatal(err)
		}
	}
	return path
}

// project copies the shared project's file into the input folder, to be damaged there.
func (e *badEnv) projectCopy(name string) string {
	e.t.Helper()
	b, err := os.ReadFile(e.project)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.file(name, b)
}

const gigabyte = 1 << 30

// reserveBytes sets byte 20 of an SQLite file's header, the space reserved at the end of each
// page (for extensions turncoder does not use), without making that space: every page then
// reads as malformed.
func reserveBytes(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{8}, 20); err != nil {
		t.Fatal(err)
	}
}

// zipOfParts builds a zip archive of the named parts, in the order given.
func zipOfParts(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	zeroChunkOnce sync.Once
	zeroChunk     []byte // DEFLATE blocks, not final, that inflate to zeroChunkSize zeros
	zeroCRCOnce   sync.Once
	zeroCRC       uint32 // CRC-32 of gigabyte*2 zeros
)

const zeroChunkSize = 8 << 20

// zipBomb builds a zip archive with the parts given plus one entry, name, that inflates to
// size bytes of zeros and declares declared bytes in the central directory (declared ==
// size is an honest bomb; less is one that lies about its size). The DEFLATE stream is one
// compressed chunk of zeros repeated, so a 2 GB bomb is made in milliseconds (about 2 MB).
func zipBomb(t *testing.T, name string, size, declared int64, parts ...string) []byte {
	t.Helper()
	zeroChunkOnce.Do(func() {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		fw.Write(make([]byte, zeroChunkSize))
		fw.Flush() // ends the blocks on a byte boundary, without a final block
		zeroChunk = b.Bytes()
	})
	crc := crc32.ChecksumIEEE(nil)
	if size == 2*gigabyte {
		zeroCRCOnce.Do(func() {
			zeros := make([]byte, zeroChunkSize)
			for n := int64(0); n < 2*gigabyte; n += zeroChunkSize {
				zeroCRC = crc32.Update(zeroCRC, crc32.IEEETable, zeros)
			}
		})
		crc = zeroCRC
	}
	var body bytes.Buffer
	for n := int64(0); n < size; n += zeroChunkSize {
		body.Write(zeroChunk)
	}
	body.Write([]byte{0x03, 0x00}) // an empty final block
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, _ := zw.Create(parts[i])
		w.Write([]byte(parts[i+1]))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(body.Len()), UncompressedSize64: uint64(declared)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	docxHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	docxTail = `</w:body></w:document>`
	qdcHead  = `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>`
	qdcGUID  = "a1b2c3d4-0000-4000-8000-000000000001"
)

// qdeProject is the project.qde of a REFI-QDA project, as NVivo for Mac writes it.
const qdeProject = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" origin="NVivo for Mac 15.0.0" name="qc project"><CodeBook><Codes><Code guid="` + qdcGUID + `" isCodable="true" name="x"/></Codes></CodeBook></Project>`

func docx(t *testing.T, body string) []byte {
	return zipOfParts(t, "word/document.xml", docxHead+body+docxTail)
}

const xlsxWorkbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`

// xlsxParts is a valid workbook's parts, name then content, without the part named except
// (which the caller supplies: a bomb, or a damaged sheet).
func xlsxParts(t *testing.T, except string) []string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"speaker", "text"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"CLB", "喂？"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, zf := range zr.File {
		if zf.Name == except {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, zf.Name, string(b))
	}
	return parts
}

func mustEncode(t *testing.T, s string, enc interface {
	String(string) (string, error)
}) []byte {
	t.Helper()
	out, err := enc.String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8)) // BMP only
	}
	return b
}

const callText = "CLB：喂，您好，请问是东营市总工会吗？\n东营市总工会：哪里？\nCLB：我这是中国劳工通讯。\n"

var badInputs = []struct {
	name string
	args func(e *badEnv) []string
	code int
	want string
}{
	// Transcripts: encodings.
	{"Latin-1 text claimed as UTF-8", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, "--encoding", "utf-8", e.file("latin1.txt", []byte("CLB: caf\xe9 cr\xe8me\nA: ok\n"))}
	}, 1, "not valid UTF-8: invalid byte 0xE9 at line 1"},
	{"Latin-1 text, encoding detected", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("latin1.txt", []byte("CLB: caf\xe9\nA: ok\n"))}
	}, 1, "neither UTF-8"},
	{"Shift-JIS text claimed as UTF-8", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, "--encoding", "utf-8", e.file("sjis.txt", mustEncode(e.t, "田中：こんにちは\n山田：はい\n", japanese.ShiftJIS.NewEncoder()))}
	}, 1, "not valid UTF-8"},
	{"Shift-JIS text with half-width kana, encoding detected", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("sjis.txt", mustEncode(e.t, "田中：ｺﾝﾆﾁﾊ\n山田：ﾊｲ\n", japanese.ShiftJIS.NewEncoder()))}
	}, 1, "nor GB18030"},
	{"UTF-16LE without a BOM", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("utf16.txt", utf16le("CLB: hello\nA: hi\n"))}
	}, 1, "if it is UTF-16 text without a byte-order mark, use --encoding utf-16le or utf-16be"},
	{"UTF-16 without a BOM, named utf-16", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, "--encoding", "utf-16", e.file("utf16.txt", utf16le("CLB: hello\n"))}
	}, 1, "no UTF-16 byte-order mark"},
	{"UTF-16LE with an odd number of bytes", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("odd.txt", append([]byte("\xff\xfe"), append(utf16le("A: hi\n"), 'x')...))}
	}, 1, "odd number of bytes"},
	{"GB18030 text claimed as UTF-8", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, "--encoding", "utf-8", e.file("gb.txt", mustEncode(e.t, callText, simplifiedchinese.GB18030.NewEncoder()))}
	}, 1, "try --encoding gb18030"},
	{"NUL bytes in a text file", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("nul.txt", []byte("CLB: hello\x00world\nA: hi\n"))}
	}, 1, "looks binary, not text (it has a NUL byte at line 1)"},
	{"NUL bytes in a CSV", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("nul.csv", []byte("speaker,text\nA,hi\nB,\x00\x00\n"))}
	}, 1, "NUL byte at line 3"},
	{"empty text file", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("empty.txt", nil)}
	}, 1, "the file is empty"},
	{"only blank lines", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("blank.txt", []byte("\r\n \n\t\n"))}
	}, 1, "the file is empty"},
	// Tables.
	{"CSV with a quote that is never closed", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("quote.csv", []byte("speaker,text\nA,\"hi\nB,there\n"))}
	}, 1, "the quoted field that starts at line 2 is not closed properly"},
	{"CSV with a bare quote", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("bare.csv", []byte("speaker,text\nA,he said \"hi\"\n"))}
	}, 1, "a double quote inside a field that does not start with one"},
	{"CSV with 10,000 columns and no text column", func(e *badEnv) []string {
		cols := make([]string, 10000)
		for i := range cols {
			cols[i] = fmt.Sprintf("c%d", i)
		}
		return []string{"import", "-p", e.project, e.file("wide.csv", []byte(strings.Join(cols, ",")+"\n"+strings.Repeat("x,", 9999)+"x\n"))}
	}, 1, "and 9990 more"},
	{"CSV header with a line break in a cell", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("head.csv", []byte("\"who\nspeaks\",text\nA,hi\n"))}
	}, 1, "found: who speaks, text"},
	{"CSV row that ends before it starts", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("times.csv", []byte("speaker,text,start,end\nA,hi,00:05,00:01\n"))}
	}, 1, "CSV line 2: the row ends (00:01) before it starts (00:05)"},
	{"CSV with a negative time", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("neg.csv", []byte("speaker,text,start\nA,hi,-3\n"))}
	}, 1, `start time "-3" is negative`},
	// Subtitles.
	{"SRT cue with a negative time", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("neg.srt", []byte("1\n-00:00:01,000 --> 00:00:02,000\nA: hi\n"))}
	}, 1, "negative"},
	{"SRT cue that ends before it starts", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("back.srt", []byte("1\n00:00:05,000 --> 00:00:02,000\nA: hi\n"))}
	}, 1, "ends (00:00:02,000) before it starts (00:00:05,000)"},
	{"VTT with a timing line that is not one", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("bad.vtt", []byte("WEBVTT\n\n00:01.000 --> soon\nhi\n"))}
	}, 1, "not a"},
	// Zipped formats.
	{"DOCX zip bomb: 2 GB of zeros in 2 MB", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("bomb.docx", zipBomb(e.t, "word/document.xml", 2*gigabyte, 2*gigabyte))}
	}, 1, "would unpack to more than 512 MB"},
	{"DOCX zip bomb that lies about its size", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("liar.docx", zipBomb(e.t, "word/document.xml", 2*gigabyte, 1<<20))}
	}, 1, "the DOCX document is damaged"},
	{"XLSX zip bomb: 2 GB of zeros in 2 MB", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("bomb.xlsx", zipBomb(e.t, "xl/worksheets/sheet1.xml", 2*gigabyte, 2*gigabyte, xlsxParts(e.t, "xl/worksheets/sheet1.xml")...))}
	}, 1, "would unpack to more than 512 MB"},
	{"XLSX zip bomb that lies about its size", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("liar.xlsx", zipBomb(e.t, "xl/sharedStrings.xml", 2*gigabyte, 1<<20, xlsxParts(e.t, "xl/sharedStrings.xml")...))}
	}, 1, "the XLSX workbook cannot be read at row 1"},
	{"DOCX with XML nested 100,000 deep", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("deep.docx", docx(e.t, strings.Repeat("<w:p>", 100000)))}
	}, 1, "nested more than 1000 deep"},
	{"DOCX whose XML quotes bytes that are not UTF-8", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("latin1.docx", docx(e.t, "<w:p><w:r><w:t>caf&\xe9;</w:t></w:r></w:p>"))}
	}, 1, "the DOCX document is damaged: word/document.xml: XML syntax error"},
	{"XLSX whose shared strings quote bytes that are not UTF-8", func(e *badEnv) []string {
		shared := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>caf&` + "\xe9" + `</t></si></sst>`
		return []string{"import", "-p", e.project, e.file("latin1.xlsx", zipOfParts(e.t, append(xlsxParts(e.t, "xl/sharedStrings.xml"), "xl/sharedStrings.xml", shared)...))}
	}, 1, "the XLSX workbook cannot be read at row 1 of sheet \"Sheet1\": XML syntax error"},
	{"XLSX whose shared strings declare a DTD and use its entity", func(e *badEnv) []string {
		shared := `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY w "喂？">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>speaker</t></si><si><t>text</t></si><si><t>CLB</t></si><si><t>&w;</t></si></sst>`
		return []string{"import", "-p", e.project, e.file("dtd.xlsx", zipOfParts(e.t, append(xlsxParts(e.t, "xl/sharedStrings.xml"), "xl/sharedStrings.xml", shared)...))}
	}, 1, "dtd.xlsx: the XLSX workbook is not as Excel or Word writes one: its part xl/sharedStrings.xml declares a DTD"},
	{"XLSX with a value in column XFD on each of 20,000 rows", func(e *badEnv) []string {
		var b strings.Builder
		b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>speaker</t></is></c><c r="B1" t="inlineStr"><is><t>text</t></is></c></row>`)
		for r := 2; r <= 20000; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>CLB</t></is></c><c r="B%d" t="inlineStr"><is><t>喂？</t></is></c><c r="XFD%d"><v>1</v></c></row>`, r, r, r, r)
		}
		b.WriteString(`</sheetData></worksheet>`)
		return []string{"import", "-p", e.project, e.file("wide.xlsx", zipOfParts(e.t, append(xlsxParts(e.t, "xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml", b.String())...))}
	}, 1, `wide.xlsx: row 2 of sheet "Sheet1" has a value in column XFD, past column AMJ`},
	{"DOCX cut short", func(e *badEnv) []string {
		d := docx(e.t, strings.Repeat("<w:p><w:r><w:t>CLB：喂？</w:t></w:r></w:p>", 50))
		return []string{"import", "-p", e.project, e.file("cut.docx", d[:len(d)/2])}
	}, 1, "damaged or cut short"},
	{"XLSX cut short", func(e *badEnv) []string {
		d := zipOfParts(e.t, "xl/workbook.xml", xlsxWorkbook, "xl/worksheets/sheet1.xml", strings.Repeat("<row/>", 1000))
		return []string{"import", "-p", e.project, e.file("cut.xlsx", d[:len(d)-40])}
	}, 1, "damaged or cut short"},
	{"empty DOCX file", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("empty.docx", nil)}
	}, 1, "not a DOCX document (it is not a zip archive)"},
	{"old .xls named .xlsx", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("old.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...))}
	}, 1, "old .xls"},
	// Files that are not files, or too large.
	{"a 1 GB transcript", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.sparse("huge.txt", gigabyte)}
	}, 1, "the file is 1024 MB, more than the 256 MB turncoder reads in one source"},
	{"a folder given as a transcript", func(e *badEnv) []string {
		dir := filepath.Join(e.in, "calls.txt")
		os.Mkdir(dir, 0o755)
		return []string{"import", "-p", e.project, dir}
	}, 1, "it is a folder, not a file"},
	{"a transcript that is not there", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, filepath.Join(e.in, "missing.txt")}
	}, 1, "cannot read it: no such file or directory"},
	// Other programs' projects and archives.
	// REFI-QDA projects (.qdpx) are imported: the bad ones are in qdpx_test.go.
	{"a zip of transcripts", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("calls.zip", zipOfParts(e.t, "calls/call1.txt", callText, "calls/call2.txt", callText))}
	}, 1, "calls.zip: it is a zip archive, which turncoder does not open; unzip it and give turncoder the files in it"},
	{"an NVivo project of 1 GB", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.sparse("Interviews.nvp", gigabyte)}
	}, 1, "it is an NVivo project (.nvp), which turncoder cannot open; in NVivo, export the transcripts as .docx or .txt files to import, and the codebook as a REFI-QDA codebook (.qdc) for codebook --import"},
	{"an NVivo for Mac project", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("Interviews.nvpx", []byte("SQLite format 3\x00"))}
	}, 1, "it is an NVivo project (.nvpx)"},
	{"a MAXQDA project", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("Study.mx24", []byte("SQLite format 3\x00"))}
	}, 1, "it is a MAXQDA project (.mx24), which turncoder cannot open; in MAXQDA, export"},
	{"a MAXQDA exchange file", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("Study.mex", zipOfParts(e.t, "Study.mx24", "SQLite format 3\x00"))}
	}, 1, "it is a MAXQDA exchange file (.mex)"},
	{"an ATLAS.ti project bundle", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("Study.atlproj", zipOfParts(e.t, "project.xml", "<project/>"))}
	}, 1, "it is an ATLAS.ti project bundle (.atlproj), which turncoder cannot open; in ATLAS.ti, export"},
	{"an ATLAS.ti 7 project", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("Study.hpr7", []byte{0x00, 0x01, 0x02, 'H', 'U'})}
	}, 1, "it is an ATLAS.ti project (.hpr7)"},
	{"a QualCoder project folder", func(e *badEnv) []string {
		dir := filepath.Join(e.in, "Study.qda")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "data.qda"), []byte("SQLite format 3\x00"), 0o644)
		return []string{"import", "-p", e.project, dir}
	}, 1, "it is a QualCoder project (.qda), which turncoder cannot open; in QualCoder, export the transcripts"},
	{"a QualCoder project's database", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("data.qda", []byte("SQLite format 3\x00"))}
	}, 1, "it is a QualCoder project (.qda)"},
	// Codings.
	{"codings for a turn the document does not have", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.file("c.csv", []byte("document,turn,coder,code\n000_d6d2e252924e4e15,3,ana,referral\n000_d6d2e252924e4e15,9999,ana,referral\n"))}
	}, 1, "line 3: document \"000_d6d2e252924e4e15\" has no turn 9999"},
	{"codings for a document not in the project", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.file("c.csv", []byte("document,turn,coder,code\nno-such-call,1,ana,referral\n"))}
	}, 1, "line 2: no document \"no-such-call\""},
	{"codings by a coder not in the project", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.file("c.csv", []byte("document,turn,coder,code\n000_d6d2e252924e4e15,3,zoe,referral\n"))}
	}, 1, "line 2: no coder \"zoe\""},
	{"codings with a code not in the codebook", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.file("c.csv", []byte("document,turn,coder,code\n000_d6d2e252924e4e15,3,ana,sarcasm\n"))}
	}, 1, "line 2: no code \"sarcasm\""},
	{"codings CSV with a bare quote in the first field", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.file("c.csv", []byte("document,turn,coder,code\n000\"d6,3,ana,referral\n"))}
	}, 1, "line 2: a double quote inside a field"},
	{"codings CSV of 1 GB", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.sparse("c.csv", gigabyte)}
	}, 1, "the file is 1024 MB, more than the 256 MB turncoder reads in a table"},
	{"empty codings CSV", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.file("c.csv", nil)}
	}, 1, "the codings file is empty"},
	// agree --csv.
	{"agree --csv with a bare quote in the first field", func(e *badEnv) []string {
		return []string{"agree", "--csv", e.file("long.csv", []byte("unit,coder,code\nu\"1,ana,x\n"))}
	}, 1, "line 2: a double quote inside a field"},
	{"agree --csv with 10,000 columns and no unit", func(e *badEnv) []string {
		return []string{"agree", "--csv", e.file("long.csv", []byte("coder,code"+strings.Repeat(",x", 9998)+"\n"))}
	}, 1, `no "unit" column`},
	{"agree --csv of 1 GB", func(e *badEnv) []string {
		return []string{"agree", "--csv", e.sparse("long.csv", gigabyte)}
	}, 1, "the file is 1024 MB, more than the 256 MB turncoder reads in a table"},
	{"agree --csv with 10,000 different codes", func(e *badEnv) []string {
		var b strings.Builder
		b.WriteString("unit,coder,code\n")
		for i := range 10000 {
			fmt.Fprintf(&b, "u%d,ana,code %d\n", i, i)
		}
		return []string{"agree", "--csv", e.file("long.csv", []byte(b.String())), "--json"}
	}, 1, "line 1002: the table has more than 1000 different codes, more than turncoder allows"},
	{"agree --csv with 1,000 coders", func(e *badEnv) []string {
		var b strings.Builder
		b.WriteString("unit,coder,code\n")
		for i := range 1000 {
			fmt.Fprintf(&b, "u1,coder %d,x\n", i)
		}
		return []string{"agree", "--csv", e.file("long.csv", []byte(b.String()))}
	}, 1, "line 102: the table has more than 100 coders, more than turncoder allows"},
	{"agree --csv with 60 codes on one unit", func(e *badEnv) []string {
		var b strings.Builder
		b.WriteString("unit,coder,code\nu1,bo,x\n")
		for i := range 60 {
			fmt.Fprintf(&b, "u1,ana,code %d\n", i)
		}
		return []string{"agree", "--csv", e.file("long.csv", []byte(b.String()))}
	}, 1, `coder "ana" gave unit "u1" 60 codes, more than the 50 turncoder allows on one unit`},
	{"agree --csv given a folder", func(e *badEnv) []string {
		return []string{"agree", "--csv", e.in}
	}, 1, "it is a folder, not a file"},
	// Codebooks.
	{".qdc with codes nested 100 deep", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("deep.qdc", []byte(qdcHead+strings.Repeat(`<Code guid="`+qdcGUID+`" name="x" isCodable="true">`, 100)))}
	}, 1, "codes are nested more than 64 levels deep"},
	{".qdc with 100,000 nested codes", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("deeper.qdc", []byte(qdcHead+strings.Repeat(`<Code guid="`+qdcGUID+`" name="x">`, 100000)+
			strings.Repeat("</Code>", 100000)+"</Codes></CodeBook>"))}
	}, 1, "line 1: codes are nested more than 64 levels deep"},
	{".qdc that is not XML", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("cb.qdc", []byte("id,name\n1,referral\n"))}
	}, 1, "not a REFI-QDA codebook"},
	{".qdc with bytes that are not UTF-8", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("cb.qdc", []byte(qdcHead+`<Code guid="`+qdcGUID+`" name="caf`+"\xe9"+`"/></Codes></CodeBook>`))}
	}, 1, "invalid UTF-8"},
	{".qdc in an encoding turncoder does not know", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("cb.qdc", []byte(`<?xml version="1.0" encoding="x-klingon"?>`+qdcHead[strings.Index(qdcHead, "<CodeBook"):]+`<Code guid="`+qdcGUID+`" name="x"/></Codes></CodeBook>`))}
	}, 1, `cb.qdc: its XML declares the encoding "x-klingon", which turncoder does not know; save it as UTF-8 and try again`},
	{".qdc of 1 GB", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.sparse("cb.qdc", gigabyte)}
	}, 1, "the file is 1024 MB, more than the 32 MB turncoder reads in a codebook"},
	{"codebook of an unknown kind", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("cb.txt", []byte("name\nx\n"))}
	}, 2, "a codebook file ends in .qdc (REFI-QDA) or .csv"},
	{"a REFI-QDA project as a codebook", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("study.qdpx", zipOfParts(e.t, "project.qde", qdeProject))}
	}, 1, "study.qdpx: it is a REFI-QDA project (.qdpx), not a codebook; import the whole project with turncoder import, or export its codebook as a .qdc from the program that made it; the codebook was not changed"},
	{"a REFI-QDA project renamed .qdc", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("book.qdc", zipOfParts(e.t, "project.qde", qdeProject))}
	}, 1, "book.qdc: it is a REFI-QDA project (a zip with a .qde in it), not a codebook"},
	{"a project's XML renamed .qdc", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("book.qdc", []byte(qdeProject))}
	}, 1, "book.qdc: not a REFI-QDA codebook: it is the project.qde of a REFI-QDA project; export the codebook from that tool as a .qdc and import that; the codebook was not changed"},
	{"a MAXQDA project as a codebook", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("Study.mx22", []byte("SQLite format 3\x00"))}
	}, 1, "it is a MAXQDA project (.mx22), which turncoder cannot open; in MAXQDA, export the transcripts as .docx or .txt files to import, and the codebook as a REFI-QDA codebook (.qdc) for codebook --import; the codebook was not changed"},
	{"a QualCoder project folder as a codebook", func(e *badEnv) []string {
		dir := filepath.Join(e.in, "Study.qda")
		os.Mkdir(dir, 0o755)
		return []string{"codebook", "-p", e.project, "--import", dir}
	}, 1, "it is a QualCoder project (.qda)"},
	{"a zip as a codebook", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.file("codes.csv", zipOfParts(e.t, "codes.csv", "name\nx\n"))}
	}, 1, "codes.csv: it is a zip archive, which turncoder does not open"},
	// Project files.
	{"a project file from the future", func(e *badEnv) []string {
		p := e.projectCopy("future.turncoder")
		db, err := sql.Open("sqlite", p)
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1)); err != nil {
			e.t.Fatal(err)
		}
		db.Close()
		return []string{"import", "-p", p, e.file("call.txt", []byte(callText))}
	}, 1, fmt.Sprintf("was made by a newer version of turncoder (schema %d; this one reads up to %d)", store.SchemaVersion+1, store.SchemaVersion)},
	{"a text file as the project", func(e *badEnv) []string {
		return []string{"info", "-p", e.file("notes.turncoder", []byte("CLB: hello\n"))}
	}, 1, "is not a turncoder project file"},
	{"another application's SQLite file as the project", func(e *badEnv) []string {
		return []string{"coders", "-p", e.sqliteFile("other.db", "CREATE TABLE t(x)", "INSERT INTO t VALUES (1)"), "--add", "ana"}
	}, 1, "is not a turncoder project file (it is an SQLite database of another application)"},
	{"an empty file as the project", func(e *badEnv) []string {
		return []string{"import", "-p", e.file("empty.turncoder", nil), e.file("call.txt", []byte(callText))}
	}, 1, "is not a turncoder project file"},
	{"a folder as the project", func(e *badEnv) []string {
		dir := filepath.Join(e.in, "study.turncoder")
		os.Mkdir(dir, 0o755)
		return []string{"info", "-p", dir}
	}, 1, "study.turncoder is a folder, not a turncoder project file"},
	{"a 1 GB file as the project", func(e *badEnv) []string {
		return []string{"info", "-p", e.sparse("big.turncoder", gigabyte)}
	}, 1, "is not a turncoder project file"},
	{"a project file cut short", func(e *badEnv) []string {
		p := e.projectCopy("cut.turncoder")
		os.Truncate(p, 8192)
		return []string{"coders", "-p", p, "--add", "zoe"}
	}, 1, "cut.turncoder is damaged or cut short and cannot be read"},
	{"a project whose header reserves bytes in every page", func(e *badEnv) []string {
		p := e.projectCopy("reserved.turncoder")
		reserveBytes(e.t, p)
		return []string{"coders", "-p", p, "--add", "zoe"}
	}, 1, "reserved.turncoder is damaged and cannot be read (its header reserves space in every page, which turncoder never does): open a backup, or ask for the file again"},
	{"merging a file whose header reserves bytes in every page", func(e *badEnv) []string {
		p := e.projectCopy("reserved.turncoder")
		reserveBytes(e.t, p)
		return []string{"merge", "-p", e.project, p}
	}, 1, "reserved.turncoder is damaged and cannot be read (its header reserves space in every page, which turncoder never does): open a backup, or ask for the file again"},
	{"merging a copy of the master bound to no coder, without --all-coders", func(e *badEnv) []string {
		return []string{"merge", "-p", e.project, e.projectCopy("master-copy.turncoder")}
	}, 1, "master-copy.turncoder is not a coder's copy (it is bound to no coder: a master, a backup, or a copy whose binding was removed), so merging it could change the work of every coder in it: ana and bo; if that is what you mean, merge it with --all-coders"},
	{"merging a text file", func(e *badEnv) []string {
		return []string{"merge", "-p", e.project, e.file("ana.turncoder", []byte("not a project"))}
	}, 1, "is not a turncoder project file"},
	{"merging a project file from the future", func(e *badEnv) []string {
		p := e.projectCopy("bo.turncoder")
		db, _ := sql.Open("sqlite", p)
		db.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1))
		db.Close()
		return []string{"merge", "-p", e.project, p}
	}, 1, "newer version of turncoder"},
	// Outputs.
	{"export into a folder that is not there", func(e *badEnv) []string {
		return []string{"export", "-p", e.project, "-o", filepath.Join(e.out, "no", "such", "study.xlsx")}
	}, 1, "study.xlsx"},
	{"export onto a folder", func(e *badEnv) []string {
		dir := filepath.Join(e.out, "study.xlsx")
		os.Mkdir(dir, 0o755)
		return []string{"export", "-p", e.project, "-o", dir}
	}, 1, "study.xlsx is a folder; give a file name for the Excel workbook"},
	{"codings export onto a folder", func(e *badEnv) []string {
		return []string{"codings", "export", "-p", e.project, "-o", e.out}
	}, 1, "is a folder; give a file name for the CSV file"},
	{"a FIFO as the project", func(e *badEnv) []string {
		return []string{"info", "-p", e.fifo("pipe.turncoder")}
	}, 1, "pipe.turncoder is not a regular file, so not a turncoder project file"},
	{"a FIFO as a transcript", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.fifo("call.txt")}
	}, 1, "it is not a regular file (a pipe or a device)"},
	{"a FIFO as codings to import", func(e *badEnv) []string {
		return []string{"codings", "import", "-p", e.project, e.fifo("codings.csv")}
	}, 1, "it is not a regular file (a pipe or a device)"},
	{"a FIFO as agreement data", func(e *badEnv) []string {
		return []string{"agree", "--csv", e.fifo("ratings.csv")}
	}, 1, "it is not a regular file (a pipe or a device)"},
	{"a FIFO as a codebook to import", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--import", e.fifo("codes.qdc")}
	}, 1, "it is not a regular file (a pipe or a device)"},
	{"codings export over the project itself", func(e *badEnv) []string {
		return []string{"codings", "export", "-p", e.project, "-o", e.project}
	}, 1, "is the project itself; choose another file name for the CSV file"},
	{"codings export over the project's -wal (not there yet)", func(e *badEnv) []string {
		return []string{"codings", "export", "-p", e.project, "-o", e.project + "-wal"}
	}, 1, "is the project's wal file"},
	{"codings export over a Word document", func(e *badEnv) []string {
		return []string{"codings", "export", "-p", e.project, "-o", e.file("thesis.docx", []byte("PK\x03\x04word/document.xml"))}
	}, 1, "thesis.docx already exists and is not a CSV file; turncoder will not overwrite it"},
	{"export over another project named .xlsx", func(e *badEnv) []string {
		return []string{"export", "-p", e.project, "-o", e.file("old.xlsx", []byte("SQLite format 3\x00 and more"))}
	}, 1, "old.xlsx already exists and is a database"},
	{"codebook export over a letter named .qdc", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--export", e.file("codes.qdc", []byte("Dear lead, the codes are attached."))}
	}, 1, "codes.qdc already exists and is not a REFI-QDA codebook"},
	{"CSV export into a folder whose codings.csv is a project", func(e *badEnv) []string {
		dir := filepath.Join(e.in, "csv")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "codings.csv"), []byte("SQLite format 3\x00"), 0o644)
		return []string{"export", "-p", e.project, "--format", "csv", "-o", dir}
	}, 1, "codings.csv already exists and is a database"},
	{"codebook export to a name of an unknown kind", func(e *badEnv) []string {
		return []string{"codebook", "-p", e.project, "--export", filepath.Join(e.out, "cb.json")}
	}, 2, "a codebook file ends in .qdc (REFI-QDA) or .csv"},
	// JSON that is not Whisper's.
	{"JSON of another shape", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("result.json", []byte(`{"language":"en","result":[1,2]}`))}
	}, 1, `result.json: the JSON file has no "segments" list, so it is not a Whisper transcript; turncoder reads the JSON that Whisper`},
	{"a Whisper segment that ends before it starts", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("call.json", []byte(`{"segments":[{"start":1,"end":0.5,"text":"hi"}]}`))}
	}, 1, "call.json: segment 1 ends (0:00:00.500) before it starts (0:00:01); nothing was imported from it"},
	{"a Whisper file cut short", func(e *badEnv) []string {
		return []string{"import", "-p", e.project, e.file("call.json", []byte(`{"segments":[{"start":1,"end":2,"text":"hi"`))}
	}, 1, "call.json: the JSON file is malformed: it ends in the middle (at line 1); the file is cut short; nothing was imported from it"},
	// Segmentation.
	{"joining turns of a document ana and bo have coded", func(e *badEnv) []string {
		return []string{"segment", "-p", e.project, "--doc", "000_d6d2e252924e4e15", "--join", "5"}
	}, 1, "turn 5 of 000_d6d2e252924e4e15 cannot be joined with the next turn: 6 codings and 6 reviewed marks by ana and bo are on this document; segmentation can be corrected only before anyone codes it, as codings belong to the turns a correction remakes"},
	{"splitting a turn past its end", func(e *badEnv) []string {
		return []string{"segment", "-p", e.project, "--doc", "001_eb810e1110304a78", "--split", "1", "--at", "100000"}
	}, 1, "turn 1 of 001_eb810e1110304a78 cannot be split at character 100000: the turn has "},
	{"a speaker for a turn that is not there", func(e *badEnv) []string {
		return []string{"segment", "-p", e.project, "--doc", "001_eb810e1110304a78", "--speaker", "9999=CLB"}
	}, 1, `turn 9999 of 001_eb810e1110304a78 cannot be given the speaker "CLB": there is no turn 9999 (the document has `},
	{"a speaker given without its turn number", func(e *badEnv) []string {
		return []string{"segment", "-p", e.project, "--doc", "000_d6d2e252924e4e15", "--speaker", "CLB"}
	}, 2, `--speaker takes N=LABEL (a turn number, then the speaker's label), not "CLB"`},
}

// snapshot maps every file and folder under dirs to a hash of its content (size and time for
// files over 64 MB, the sparse ones).
func snapshot(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			switch {
			case e.IsDir():
				m[path] = "folder"
			case !info.Mode().IsRegular(): // a FIFO: reading it would wait for ever
				m[path] = info.Mode().String()
			case info.Size() > 64<<20:
				m[path] = fmt.Sprintf("%d bytes, modified %v", info.Size(), info.ModTime())
			default:
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				sum := sha256.Sum256(b)
				m[path] = hex.EncodeToString(sum[:])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// runWithin runs turncoder like run, but fails the test if it takes longer than limit.
func runWithin(t *testing.T, limit time.Duration, args ...string) (result, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TURNCODER_RUN_MAIN=1", "TURNCODER_HOME="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("turncoder %s: still running after %v (a hang)", strings.Join(args, " "), limit)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}, took
}

func TestBadInputCatalogue(t *testing.T) {
	if len(badInputs) < 30 {
		t.Fatalf("the catalogue has %d rows; the issue asks for at least 30", len(badInputs))
	}
	project := codedProject(t)
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			e := &badEnv{t: t, in: t.TempDir(), out: t.TempDir(), project: project}
			args := c.args(e)
			dirs := []string{filepath.Dir(project), e.in, e.out}
			before := snapshot(t, dirs...)
			r, took := runWithin(t, 2*time.Minute, args...)
			t.Logf("exit %d in %v: %s", r.code, took.Round(time.Millisecond), r.stderr)
			if r.code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, c.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "turncoder: ") || !strings.HasSuffix(r.stderr, "\n") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", r.stderr)
			}
			if !utf8.ValidString(r.stderr) {
				t.Errorf("stderr is not UTF-8: %q", r.stderr)
			}
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr %q does not say %q", r.stderr, c.want)
			}
			if len(r.stderr) > 600 {
				t.Errorf("the message is %d bytes long", len(r.stderr))
			}
			if r.stdout != "" {
				t.Errorf("stdout %q; want nothing", r.stdout)
			}
			if took > 20*time.Second {
				t.Errorf("took %v to refuse", took)
			}
			after := snapshot(t, dirs...)
			if !reflect.DeepEqual(before, after) {
				for k, v := range after {
					if before[k] != v {
						t.Errorf("%s was written (%s, was %s)", k, v, before[k])
					}
				}
				for k := range before {
					if _, ok := after[k]; !ok {
						t.Errorf("%s was removed", k)
					}
				}
			}
		})
	}
}

// Overlapping cues are normal in automatic transcripts of people talking over each other, so
// they are imported, in order, with a one-line warning each, rather than refused.
func TestOverlappingSubtitlesAreWarnedAbout(t *testing.T) {
	p := filepath.Join(t.TempDir(), "p.turncoder")
	mustRun(t, "init", p)
	src := filepath.Join(t.TempDir(), "call.srt")
	os.WriteFile(src, []byte("1\n00:00:01,000 --> 00:00:05,000\nCLB: 喂，您好。\n\n2\n00:00:03,000 --> 00:00:04,000\n工会: 哪里？\n\n3\n00:00:05,500 --> 00:00:06,000\nCLB: 中国劳工通讯。\n"), 0o644)
	r := mustRun(t, "import", "-p", p, src)
	var warnings []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if strings.Contains(l, "the cues overlap") {
			warnings = append(warnings, l)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "cue 2 (line 5) starts (00:00:03,000) before cue 1 ends (00:00:05,000)") {
		t.Errorf("want one warning line, for cue 2, got %q", r.stderr)
	}
	if got := info(t, p); got["turns"] != 3 {
		t.Errorf("info %v: the overlapping cues were not all imported", got)
	}
}
