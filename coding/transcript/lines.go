package transcript

import "strings"

// A lineSource is a text's lines as splitLines gives them (LF, CRLF and a lone CR each end
// one, and the text after the last break is a line too), read from the first each time it is
// opened. The turn reader reads a text in passes (running headers, lone labels, then the
// turns), each from a fresh reader, so that a large file is read again rather than held: a
// source over a file (stream.go) decodes it anew on each pass, one over a text in memory walks
// the text.
type lineSource interface {
	open() lineReader
}

// A lineReader is one pass over a lineSource.
type lineReader interface {
	// next returns the next line, or false at the end or on an error, which err then returns.
	next() (string, bool)
	err() error
}

// textSource is the lines of a text in memory.
type textSource string

func (t textSource) open() lineReader { return &textReader{rest: string(t)} }

type textReader struct {
	rest string
	done bool
}

func (r *textReader) next() (string, bool) {
	if r.done {
		return "", false
	}
	i := strings.IndexAny(r.rest, "\r\n")
	if i < 0 {
		r.done = true
		return r.rest, true
	}
	line := r.rest[:i]
	if r.rest[i] == '\r' && i+1 < len(r.rest) && r.rest[i+1] == '\n' {
		i++
	}
	r.rest = r.rest[i+1:]
	return line, true
}

func (r *textReader) err() error { return nil }

// sliceSource is lines already split (DOCX paragraphs, the lines of a Markdown source).
type sliceSource []string

func (s sliceSource) open() lineReader { return &sliceReader{lines: s} }

type sliceReader struct{ lines []string }

func (r *sliceReader) next() (string, bool) {
	if len(r.lines) == 0 {
		return "", false
	}
	l := r.lines[0]
	r.lines = r.lines[1:]
	return l, true
}

func (r *sliceReader) err() error { return nil }

// lineCursor reads a pass line by line and lets the reader look ahead of the line it is on
// (headingBetweenTurns asks what follows a line): the lines looked at are kept until read.
type lineCursor struct {
	r     lineReader
	ahead []string // lines read from r but not yet returned by next
	n     int      // index of the line next returns
}

// next returns the next line and its index.
func (c *lineCursor) next() (string, int, bool) {
	if len(c.ahead) > 0 {
		l := c.ahead[0]
		c.ahead[0] = ""
		c.ahead = c.ahead[1:]
		c.n++
		return l, c.n - 1, true
	}
	l, ok := c.r.next()
	if !ok {
		return "", 0, false
	}
	c.n++
	return l, c.n - 1, true
}

// peek returns the k-th line after the one next returned last (0 is the line next returns
// next), and false past the end.
func (c *lineCursor) peek(k int) (string, bool) {
	for len(c.ahead) <= k {
		l, ok := c.r.next()
		if !ok {
			return "", false
		}
		c.ahead = append(c.ahead, l)
	}
	return c.ahead[k], true
}
