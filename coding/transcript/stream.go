package transcript

import (
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// StreamFile reads the source file at path as ReadFile and Read do, and gives yield each item
// of the document in order as it is read, without holding the document: a transcript of a
// million turns is read in a few megabytes. It returns the document without its items (title,
// format, encoding, warnings), which only the end of the file settles. On an error, of the
// file or of yield, it stops and returns it: the items given so far are to be dropped.
//
// Plain-text speaker turns and CSV or TSV tables in UTF-8 or GB18030 are read in passes over
// the file (stream.go, turns.go, table.go); any other source (other formats and encodings,
// Markdown, a file that is neither valid UTF-8 nor GB18030 or has a line longer than 1 MB,
// whose refusal Read words) is read whole by ReadFile and Read, and its items are then given
// one by one.
func StreamFile(path string, opt Options, yield func(coding.Item) error) (*coding.Document, error) {
	return StreamFileAhead(path, opt, yield, nil)
}

// StreamFileAhead is StreamFile for a receiver that can take back the items it was given:
// the turns of a plain-text transcript are then read, and given, while its running headers
// are still looked for, which takes less time when another core is free; if some are found,
// restart is called (what yield was given before it is to be dropped) and the items are given
// again from the first. With a nil restart it is StreamFile.
func StreamFileAhead(path string, opt Options, yield func(coding.Item) error, restart func() error) (*coding.Document, error) {
	name := filepath.Base(path)
	doc, err := streamTextFile(path, name, opt, yield, restart)
	if !errors.Is(err, errNotStreamed) {
		return doc, err
	}
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err = Read(name, data, opt)
	if err != nil {
		return nil, err
	}
	for _, it := range doc.Items {
		if err := yield(it); err != nil {
			return nil, err
		}
	}
	doc.Items = nil
	return doc, nil
}

// errNotStreamed says that a source is read whole instead (StreamFile).
var errNotStreamed = errors.New("read whole")

// headBytes is how much of a file the format is told from (sniffSource reads sniffLines lines).
const headBytes = 4 << 20

// streamTextFile reads plain-text turns, or a CSV or TSV table, in UTF-8 or GB18030 from the
// file at path in passes, or returns errNotStreamed, before giving yield anything, for a source to be read
// whole.
func streamTextFile(path, name string, opt Options, yield func(coding.Item) error, restart func() error) (*coding.Document, error) {
	// The refusals of ReadFileLimit that need nothing read.
	if err := ProjectFile(path); err != nil {
		return nil, err
	}
	// Only a regular file is opened here: opening a FIFO waits for a writer for ever.
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return nil, errNotStreamed // ReadFile says why
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errNotStreamed
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > MaxSourceBytes {
		return nil, errNotStreamed // ReadFile says why
	}
	format := strings.ToLower(strings.TrimSpace(opt.Format))
	enc := strings.ToLower(strings.TrimSpace(opt.Encoding))
	gb := enc == "gb18030" || enc == "gbk" || enc == "gb2312"
	if format != "" && !streamed(format) || enc != "" && enc != "utf-8" && enc != "utf8" && !gb {
		return nil, errNotStreamed
	}
	src := &fileSource{f: f, size: st.Size()}
	head := make([]byte, min(st.Size(), headBytes))
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, errNotStreamed
	}
	if format == "" {
		format = sniffName(name, head) // a table by its name, read as a table of any content
		if format != "" && !streamed(format) {
			return nil, errNotStreamed
		}
	}
	if isZipStart(head) ||
		bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")) {
		return nil, errNotStreamed
	}
	// Text that is not UTF-8 is GB18030, as Decode reads it (a UTF-8 byte-order mark says
	// UTF-8 all the same). GB18030 never writes a line break inside a character, so its lines
	// are decoded one at a time as the passes read them. What is neither, or has a NUL byte or
	// a line too long, is read whole, and Decode says what is wrong with it.
	encName := "utf-8"
	if gb {
		encName = enc
	} else if !src.check() {
		if enc != "" || !src.notUTF8 { // a NUL byte, a long line, a file that changed
			return nil, errNotStreamed
		}
		gb, encName = true, "gb18030"
	}
	if gb {
		src.gb = true
		if bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) || !src.check() || !src.linesDecode() {
			return nil, errNotStreamed
		}
	}
	// What the head of the text says, read as Read reads it: the whole text when the file is
	// no longer than the head, else the head up to its last line break, which must hold the
	// lines the format and Markdown are told from.
	if int64(len(head)) < st.Size() {
		head = head[:bytes.LastIndexByte(head, '\n')+1]
	}
	text := string(head)
	if gb {
		text = gbText(head)
	}
	text = strings.TrimLeft(text, "\uFEFF")
	md := isMarkdownName(name)
	if int64(len(head)) < st.Size() && strings.Count(strings.TrimLeft(text, " \t\r\n\ufeff"), "\n") <= sniffLines {
		return nil, errNotStreamed
	}
	if strings.TrimSpace(text) == "" {
		if int64(len(head)) < st.Size() {
			return nil, errNotStreamed
		}
		return nil, ErrEmpty
	}
	if format == "" {
		format = sniffSource(text, md)
	}
	if !streamed(format) || format == "turns" && (md || looksLikeMarkdown(headLines(text))) {
		return nil, errNotStreamed
	}
	doc := &coding.Document{Format: format, Encoding: encName}
	// What a reading gives, counted, through the filter of labels that are not speakers; made
	// afresh for a reading after a restart.
	var items, turns int
	var ns *notSpeakerFilter
	newEmit := func() func(coding.Item) error {
		items, turns = 0, 0
		give := func(it coding.Item) error {
			items++
			if it.Kind == coding.KindTurn {
				turns++
			}
			return yield(it)
		}
		if ns = newNotSpeakerFilter(opt.NotSpeakers); ns != nil {
			ns.emit = give
			return ns.put
		}
		return give
	}
	switch format {
	case "turns":
		doc.Warnings, err = streamTurnsAhead(src, nil, newEmit, restart)
	case "csv", "tsv":
		sep := ','
		if format == "tsv" {
			sep = '\t'
		}
		doc.Warnings, err = streamTable(&joinedLines{r: src.open()}, sep, newEmit())
	}
	if err == nil && ns != nil {
		err = ns.flush()
		doc.Warnings = append(doc.Warnings, ns.warns...)
	}
	if err != nil {
		return nil, err
	}
	doc.Title = opt.Title
	if doc.Title == "" {
		doc.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	if turns == 0 {
		return nil, noTurns(doc.Format, items)
	}
	return doc, nil
}

// streamed tells whether StreamFile reads a source of format in passes, not whole.
func streamed(format string) bool {
	return format == "turns" || format == "csv" || format == "tsv"
}

// joinedLines reads the lines of a pass as one text whose lines end in "\n" (as
// normalizeBreaks makes them).
type joinedLines struct {
	r       lineReader
	buf     []byte // what is left of line
	line    []byte
	started bool
	done    bool
}

func (j *joinedLines) Read(p []byte) (int, error) {
	for len(j.buf) == 0 {
		if j.done {
			return 0, io.EOF
		}
		line, ok := j.r.next()
		if !ok {
			j.done = true
			if err := j.r.err(); err != nil {
				return 0, err
			}
			continue
		}
		j.line = j.line[:0]
		if j.started {
			j.line = append(j.line, '\n')
		}
		j.started = true
		j.line = append(j.line, line...)
		j.buf = j.line
	}
	n := copy(p, j.buf)
	j.buf = j.buf[n:]
	return n, nil
}

// headLines are the first sniffLines lines of text, as splitLines gives them.
func headLines(text string) []string {
	var lines []string
	r := textSource(text).open()
	for len(lines) < sniffLines {
		l, ok := r.next()
		if !ok {
			break
		}
		lines = append(lines, l)
	}
	return lines
}

// fileSource is the lines of a UTF-8 file, read again on each pass: check reads it first and
// tells whether it decodes as Decode would decode it without a word (valid UTF-8, no NUL byte,
// no line longer than maxLineBytes), and each pass checks that it reads the same bytes.
type fileSource struct {
	f     io.ReaderAt
	size  int64
	sum   uint32 // CRC-32C of the file's bytes, as check read them
	hasCR bool   // the file has a carriage return
	gb    bool   // the file is GB18030 text: each line is decoded as it is read
	// notUTF8 says why check last failed: bytes that are not UTF-8 (and nothing else, so far)
	notUTF8 bool
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// chunkBytes is how much of a file is read at once.
const chunkBytes = 1 << 20

func (s *fileSource) check() bool {
	s.sum, s.hasCR, s.notUTF8 = 0, false, false
	r := io.NewSectionReader(s.f, 0, s.size)
	buf := make([]byte, chunkBytes+utf8.UTFMax)
	carry := 0 // bytes of a character cut at the end of the last chunk, moved to buf's start
	line := 0  // bytes since the last line break
	var total int64
	for {
		n, err := io.ReadFull(r, buf[carry:carry+chunkBytes])
		total += int64(n)
		p := buf[:carry+n]
		s.sum = crc32.Update(s.sum, castagnoli, buf[carry:carry+n])
		end := err != nil
		// Keep a character cut by the chunk's end for the next chunk.
		k := len(p)
		if !end {
			for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
				if utf8.RuneStart(p[i]) {
					if !utf8.FullRune(p[i:]) {
						k = i
					}
					break
				}
			}
		}
		if bytes.IndexByte(p[:k], 0) >= 0 {
			return false
		}
		if !s.gb && !utf8.Valid(p[:k]) {
			s.notUTF8 = true
			return false
		}
		for q := p[:k]; ; {
			i := bytes.IndexAny(q, "\r\n")
			if i < 0 {
				line += len(q)
				break
			}
			if q[i] == '\r' {
				s.hasCR = true
			}
			if line+i > maxLineBytes-16 {
				return false
			}
			line = 0
			q = q[i+1:]
		}
		if line > maxLineBytes-16 {
			return false
		}
		if end {
			return total == s.size && k == len(p)
		}
		carry = copy(buf, p[k:])
	}
}

func (s *fileSource) open() lineReader {
	r := &fileReader{src: s, r: io.NewSectionReader(s.f, 0, s.size), buf: make([]byte, 0, 2*chunkBytes), first: true}
	if s.gb {
		r.dec = simplifiedchinese.GB18030.NewDecoder()
	}
	return r
}

// linesDecode reads the lines of a GB18030 file once, as a pass does: each must decode with
// no replacement character its bytes do not write (decodeGB18030's rule, line by line) and
// be no longer than a line may be (checkLineLengths's).
func (s *fileSource) linesDecode() bool {
	r := s.open()
	for {
		if _, ok := r.next(); !ok {
			return r.err() == nil
		}
	}
}

// gbText decodes lines of GB18030 text whole (a head of the file that ends at a line break).
func gbText(b []byte) string {
	out, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	return string(out)
}

// errChanged is the error of a pass that did not read what check read.
var errChanged = say.Errorf("the file changed while it was read; import it again once it is saved")

type fileReader struct {
	src   *fileSource
	r     io.Reader
	buf   []byte // buf[start:] is read and not yet returned
	start int
	eof   bool
	done  bool
	first bool // the first line is still to come: byte-order marks before it are dropped
	sum   uint32
	read  int64
	e     error
	dec   *encoding.Decoder // for a GB18030 file
}

// fill reads more of the file into buf, keeping what is not yet returned.
func (r *fileReader) fill() {
	if r.start > 0 {
		n := copy(r.buf, r.buf[r.start:])
		r.buf, r.start = r.buf[:n], 0
	}
	if len(r.buf) == cap(r.buf) {
		r.fail(errChanged) // a line longer than check allowed
		return
	}
	n, err := io.ReadFull(r.r, r.buf[len(r.buf):cap(r.buf)])
	r.sum = crc32.Update(r.sum, castagnoli, r.buf[len(r.buf):len(r.buf)+n])
	r.read += int64(n)
	r.buf = r.buf[:len(r.buf)+n]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		r.eof = true
		if r.read != r.src.size || r.sum != r.src.sum {
			r.fail(errChanged)
		}
	} else if err != nil {
		r.fail(say.Errorf("cannot read it: %v", PathErr(err)))
	}
}

func (r *fileReader) fail(err error) {
	if r.e == nil {
		r.e = err
	}
	r.done = true
}

func (r *fileReader) next() (string, bool) {
	for !r.done {
		if r.first && r.dec == nil {
			// A byte-order mark, and any repeated by a tool that saved the file again.
			if len(r.buf)-r.start < 3 && !r.eof {
				r.fill()
				continue
			}
			if bytes.HasPrefix(r.buf[r.start:], []byte("\xEF\xBB\xBF")) {
				r.start += 3
				continue
			}
			r.first = false
		}
		rest := r.buf[r.start:]
		var i int
		if r.src.hasCR {
			i = bytes.IndexAny(rest, "\r\n")
		} else {
			i = bytes.IndexByte(rest, '\n')
		}
		if i >= 0 && !(rest[i] == '\r' && i+1 == len(rest) && !r.eof) {
			line := r.line(rest[:i])
			if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
				i++
			}
			r.start += i + 1
			return line, true
		}
		if r.eof {
			line := r.line(rest)
			r.done = true
			return line, true
		}
		r.fill()
	}
	return "", false
}

// line is the text of a line's bytes: decoded from GB18030 in a GB18030 file, where a line
// that does not decode as check found it means the file changed.
func (r *fileReader) line(b []byte) string {
	if r.dec == nil {
		return string(b)
	}
	out, err := r.dec.Bytes(b)
	if err != nil || len(out) > maxLineBytes-16 || bytes.Count(out, []byte("\uFFFD")) > bytes.Count(b, gb18030FFFD) {
		r.fail(errChanged)
		return ""
	}
	if r.first { // byte-order marks, as Decode trims them
		r.first = false
		return strings.TrimLeft(string(out), "\uFEFF")
	}
	return string(out)
}

func (r *fileReader) err() error { return r.e }
