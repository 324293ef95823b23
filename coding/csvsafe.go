package coding

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// Every CSV file turncoder writes goes through CSVWriter, so that a spreadsheet opening it
// never runs a formula that came in with a transcript, a code name or a coder's memo:
//   - a text field that begins with "=", "+", "-", "@", a tab or a carriage return gets a
//     leading single quote ('=SUM(A1)): Excel, LibreOffice and Numbers show it as text
//     (GuardCSV; the readers of turncoder's own CSV files take it off again: UnguardCSV);
//   - a field holding a comma, a semicolon, a quote, a tab or a line break is quoted, so that
//     a reader splitting on ";" (Excel in many European locales) does not cut a field in two
//     and see a formula at the start of its second half. encoding/csv quotes only for its own
//     delimiter and cannot be told to quote for another, hence this small writer (RFC 4180
//     quoting otherwise, LF line ends as encoding/csv writes them).
//   - text is valid UTF-8 with no control characters but tab and line breaks (CleanText): a
//     merged file or an old import may hold bytes that are not, and a spreadsheet shows them
//     as garbage or refuses the file.
// Numbers (turn numbers, 0/1 cells) are written as they are: Raw marks a field as not text.

// GuardCSV guards a text field against formula injection.
func GuardCSV(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// UnguardCSV takes GuardCSV's quote off a field read back from a file turncoder wrote.
func UnguardCSV(s string) string {
	if len(s) >= 2 && s[0] == '\'' {
		switch s[1] {
		case '=', '+', '-', '@', '\t', '\r':
			return s[1:]
		}
	}
	return s
}

// CSVWriter writes records of guarded text fields.
type CSVWriter struct {
	w   *bufio.Writer
	err error
}

// NewCSVWriter writes to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: bufio.NewWriter(w)} }

// Raw is a field that is written as it is (a number): not guarded, quoted only if it must be.
type Raw string

// Write writes one record: strings are guarded text, Raw values numbers.
func (c *CSVWriter) Write(fields ...any) error {
	if c.err != nil {
		return c.err
	}
	for i, f := range fields {
		if i > 0 {
			c.w.WriteByte(',')
		}
		var s string
		switch v := f.(type) {
		case string:
			s = GuardCSV(CleanText(v))
		case Raw:
			s = string(v)
		}
		if strings.ContainsAny(s, ",;\"\t\r\n") || (s != "" && (s[0] == ' ' || s[len(s)-1] == ' ')) {
			c.w.WriteByte('"')
			c.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
			c.w.WriteByte('"')
		} else {
			c.w.WriteString(s)
		}
	}
	_, c.err = c.w.WriteString("\n")
	return c.err
}

// WriteStrings writes a record of text fields.
func (c *CSVWriter) WriteStrings(rec []string) error {
	fields := make([]any, len(rec))
	for i, s := range rec {
		fields[i] = s
	}
	return c.Write(fields...)
}

// Flush writes what is buffered and reports the first error.
func (c *CSVWriter) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.err = c.w.Flush()
	return c.err
}

// CleanText is s as valid UTF-8 with every control character but tab, line feed and carriage
// return (C0, DEL, C1) and every invalid byte replaced by U+FFFD, so that what cannot be shown
// is still seen to be there.
func CleanText(s string) string {
	clean := utf8.ValidString(s)
	for i := 0; clean && i < len(s); i++ {
		if b := s[i]; (b < ' ' && b != '\t' && b != '\n' && b != '\r') || b == 0x7f || (b == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0) {
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
