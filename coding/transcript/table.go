package transcript

import (
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// The columns a table (CSV, TSV, XLSX) may have. speaker and text are required.
const (
	colSpeaker = iota
	colText
	colStart
	colEnd
	colSection
	numCols
)

var colNames = [numCols]string{"speaker", "text", "start", "end", "section"}

// columnAliases maps a normalised header (see headerKey) to the column it names.
var columnAliases = map[string]int{
	"speaker": colSpeaker, "name": colSpeaker, "说话人": colSpeaker, "发言人": colSpeaker, "讲话人": colSpeaker,
	"text": colText, "utterance": colText, "content": colText, "transcript": colText,
	"内容": colText, "文本": colText, "发言": colText,
	"speaker_name": colSpeaker, "participant": colSpeaker, "发言者": colSpeaker,
	"start": colStart, "begin": colStart, "start_time": colStart, "starttime": colStart, "begin_time": colStart,
	"开始": colStart, "开始时间": colStart, "起始时间": colStart,
	"end": colEnd, "stop": colEnd, "end_time": colEnd, "endtime": colEnd, "stop_time": colEnd,
	"结束": colEnd, "结束时间": colEnd, "终止时间": colEnd,
	"section": colSection, "part": colSection, "call": colSection, "部分": colSection, "章节": colSection,
	// Corpora of many conversations number them (MELD's Dialogue_ID, ConvoKit's conversation_id).
	"dialogue_id": colSection, "dialog_id": colSection, "conversation_id": colSection,
}

// headerKey normalises a header cell for matching: NFKC, trimmed, lower case, with inner
// spaces and hyphens as underscores ("Start Time" and "start-time" are start_time).
func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	s = strings.Join(strings.Fields(s), "_")
	return strings.ReplaceAll(s, "-", "_")
}

// tableReader turns the rows of a table into items. The CSV/TSV and XLSX readers feed it the
// header and then every row, so both formats follow the same rules.
type tableReader struct {
	format  string // "CSV", "TSV" or "XLSX", for messages
	unit    string // "line" or "row", for messages
	col     [numCols]int
	names   [numCols]string // the header cell of each column read
	width   int             // number of header cells
	section string
	items   []coding.Item
	// emit, when set, is given each item in place of items (a table streamed).
	emit   func(coding.Item) error
	warns  []coding.Warning
	frames bool // a time was a timecode with frames; said once
}

func newTableReader(format, unit string) *tableReader {
	t := &tableReader{format: format, unit: unit}
	for i := range t.col {
		t.col[i] = -1
	}
	return t
}

// header reads the header row. It returns an error when the speaker or text column is missing.
func (t *tableReader) header(cells []string) error {
	t.width = len(cells)
	var unused []string
	for i, c := range cells {
		if k, ok := columnAliases[headerKey(c)]; ok && t.col[k] < 0 {
			t.col[k], t.names[k] = i, strings.TrimSpace(c)
		} else if strings.TrimSpace(c) != "" {
			unused = append(unused, strings.TrimSpace(c))
		}
	}
	if len(unused) > 0 && t.col[colSpeaker] >= 0 && t.col[colText] >= 0 {
		t.warns = append(t.warns, coding.Warn(1, say.Errorf("columns not read: %s (turncoder reads speaker, text, start, end and section)", foundColumns(unused))))
	}
	var missing []string
	for _, k := range []int{colSpeaker, colText} {
		if t.col[k] < 0 {
			missing = append(missing, "'"+colNames[k]+"'")
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if len(missing) == 2 {
		return say.Errorf("the %s has no %s or %s column (found: %s); the first row must name a speaker column (speaker, name, 说话人, 发言人) and a text column (text, utterance, content, 内容, 文本)",
			t.format, missing[0], missing[1], foundColumns(cells))
	}
	return say.Errorf("the %s has no %s column (found: %s); the first row must name a speaker column (speaker, name, 说话人, 发言人) and a text column (text, utterance, content, 内容, 文本)",
		t.format, missing[0], foundColumns(cells))
}

// foundColumns lists header cells for an error message, shortened for wide or odd headers, as
// a sentence of say (its words "(blank)", "and 3 more" and "nothing" translated).
func foundColumns(cells []string) error {
	const most = 10
	var names []error
	for i, c := range cells {
		if i == most {
			names = append(names, say.Errorf("and %d more", len(cells)-most))
			break
		}
		c = strings.Join(strings.Fields(c), " ") // one line, even for a header cell with line breaks
		if c == "" {
			names = append(names, say.Errorf("(blank)"))
			continue
		}
		if utf8.RuneCountInString(c) > 30 {
			c = string([]rune(c)[:30]) + "…"
		}
		names = append(names, errors.New(c))
	}
	if len(names) == 0 {
		return say.Errorf("nothing")
	}
	return sayJoin(names)
}

func (t *tableReader) cell(cells []string, k int) string {
	if i := t.col[k]; i >= 0 && i < len(cells) {
		return strings.TrimSpace(cells[i])
	}
	return ""
}

// rowError is the refusal of row (or line) n for its time: start or end time and err, or
// ends, when the row ends (times[0]) before it starts (times[1]). Each is a sentence of say
// of its own for lines and for rows, so that the word is translated with it.
func (t *tableReader) rowError(n int, what string, err error, times ...string) error {
	line := t.unit == "line"
	switch {
	case what == "start time" && line:
		return say.Errorf("%s line %d: start time %v", t.format, n, err)
	case what == "start time":
		return say.Errorf("%s row %d: start time %v", t.format, n, err)
	case what == "end time" && line:
		return say.Errorf("%s line %d: end time %v", t.format, n, err)
	case what == "end time":
		return say.Errorf("%s row %d: end time %v", t.format, n, err)
	case line:
		return say.Errorf("%s line %d: the row ends (%s) before it starts (%s)", t.format, n, times[0], times[1])
	}
	return say.Errorf("%s row %d: the row ends (%s) before it starts (%s)", t.format, n, times[0], times[1])
}

// row reads one data row that begins at line (or row) n.
func (t *tableReader) row(cells []string, n int) error {
	section := t.cell(cells, colSection)
	newSection := section != "" && section != t.section
	if newSection {
		t.section = section
		header := joinAll(nonEmptyLines(section))
		if allDigits(header) {
			// A conversation's number says little alone: "Dialogue_ID 3".
			header = t.names[colSection] + " " + header
		}
		if err := t.put(coding.Item{Kind: coding.KindHeader, Text: header, Line: n}); err != nil {
			return err
		}
	}
	text := joinAll(nonEmptyLines(t.cell(cells, colText)))
	if text == "" {
		if !newSection && !allBlank(cells) {
			t.warns = append(t.warns, coding.Warn(n, say.Errorf("the row has no text; skipped")))
		}
		return nil
	}
	label := t.cell(cells, colSpeaker)
	speaker := coding.NormalizeLabel(strings.TrimRight(label, ":："))
	if speaker == "" {
		t.warns = append(t.warns, coding.Warn(n, say.Errorf("the row has no speaker")))
	}
	it := coding.Item{Kind: coding.KindTurn, Speaker: speaker, Label: label, Text: text, Line: n}
	startS, endS := t.cell(cells, colStart), t.cell(cells, colEnd)
	if startS != "" || endS != "" {
		var err error
		if startS != "" {
			if it.Start, err = t.clock(startS, n); err != nil {
				return t.rowError(n, "start time", err)
			}
		}
		if endS == "" {
			it.End = it.Start
		} else if it.End, err = t.clock(endS, n); err != nil {
			return t.rowError(n, "end time", err)
		}
		if startS == "" {
			it.Start = it.End
		}
		if it.End < it.Start {
			return t.rowError(n, "ends", nil, endS, startS)
		}
		it.Timed = true
	}
	return t.put(it)
}

// put keeps an item read, or gives it to emit.
func (t *tableReader) put(it coding.Item) error {
	if t.emit != nil {
		return t.emit(it)
	}
	t.items = append(t.items, it)
	return nil
}

// timecode is a time with frames as video editors write it, Adobe Premiere Pro's transcript CSV
// among them: hh:mm:ss:ff, or hh;mm;ss;ff in drop-frame time.
var timecode = regexp.MustCompile(`^(\d{1,2})([:;])(\d{2})[:;](\d{2})[:;](\d{2})$`)

// clock reads the time of a cell in row n (parseClock). A timecode with frames is read to the
// second: the frame rate is not in the file, so the frames are left out, and the first such
// time says so in a warning.
func (t *tableReader) clock(s string, n int) (time.Duration, error) {
	m := timecode.FindStringSubmatch(s)
	if m == nil {
		return parseClock(s)
	}
	d, err := parseClock(m[1] + ":" + m[3] + ":" + m[4])
	if err == nil && !t.frames {
		t.frames = true
		t.warns = append(t.warns, coding.Warn(n, say.Errorf(
			"the times are timecodes with frames (%s is hh%smm%sss%sff, as video editors such as Premiere Pro write them); the file does not give the frame rate, so the frames are left out and times are to the second", s, m[2], m[2], m[2])))
	}
	return d, err
}

func allBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// nonEmptyLines splits a cell into its lines, trimmed, without blank ones.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range splitLines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// joinAll joins pieces of wrapped text with joinWrapped's rule, in time linear in the total
// length (joinWrapped only looks at the two sides of each break).
func joinAll(pieces []string) string {
	var b strings.Builder
	prev := ""
	for _, p := range pieces {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if prev != "" {
			j := joinWrapped(prev, p)
			b.WriteString(j[len(strings.TrimRight(prev, " \t\u3000")) : len(j)-len(p)])
		}
		b.WriteString(p)
		prev = p
	}
	return b.String()
}

// readTable reads CSV (sep ',') or TSV (sep '\t') text with a header row naming the columns.
func readTable(text string, sep rune) ([]coding.Item, []coding.Warning, error) {
	var items []coding.Item
	warns, err := streamTable(strings.NewReader(normalizeBreaks(text)), sep, func(it coding.Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return items, warns, nil
}

// streamTable reads a CSV or TSV table from r (text whose lines end in "\n") and gives emit
// each item as its row is read, returning the warnings once all are read. An error of r that
// is not the table's (errChanged, a failing disk) is returned as it is.
func streamTable(r io.Reader, sep rune, emit func(coding.Item) error) ([]coding.Warning, error) {
	format := "CSV"
	if sep == '\t' {
		format = "TSV"
	}
	cr := csv.NewReader(r)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	t := newTableReader(format, "line")
	t.emit = emit
	haveHeader := false
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, err
			}
			return nil, csvError(format, err)
		}
		line, _ := cr.FieldPos(0)
		if !haveHeader {
			if err := t.header(rec); err != nil {
				return nil, err
			}
			haveHeader = true
			continue
		}
		if len(rec) > t.width && !allBlank(rec[t.width:]) {
			t.warns = append(t.warns, coding.Warn(line, say.Errorf(
				"the row has %d fields but the header has %d; the extra fields are ignored (put text that contains the separator in double quotes)", len(rec), t.width)))
		}
		if err := t.row(rec, line); err != nil {
			return nil, err
		}
	}
	if !haveHeader {
		return nil, ErrEmpty
	}
	return t.warns, nil
}

func csvError(format string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return say.Errorf("the %s cannot be read: %v", format, err)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return say.Errorf("the %s is malformed at line %d: a double quote inside a field that does not start with one (put the whole field in double quotes and double the inner ones: \"he said \"\"hi\"\"\")", format, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.StartLine != pe.Line {
			return say.Errorf("the %s is malformed at line %d: the quoted field that starts at line %d is not closed properly (a quote inside it must be doubled)", format, pe.Line, pe.StartLine)
		}
		return say.Errorf("the %s is malformed at line %d: text after the closing quote of a field (a quote inside a quoted field must be doubled)", format, pe.Line)
	}
	return say.Errorf("the %s is malformed at line %d: %v", format, pe.Line, pe.Err)
}

// parseClock reads a time: seconds ("12.5"), mm:ss or hh:mm:ss, with an optional fraction
// after "." or ",". The error reads after "start time " or "end time ".
func parseClock(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := say.Errorf("%q is not a time (use seconds such as 12.5, or mm:ss or hh:mm:ss with optional ,mmm)", s)
	if strings.HasPrefix(s, "-") {
		return 0, say.Errorf("%q is negative", s)
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, bad
	}
	last := parts[len(parts)-1]
	frac := ""
	if i := strings.IndexAny(last, ".,"); i >= 0 {
		last, frac = last[:i], last[i+1:]
		if frac == "" || len(frac) > 9 || !allDigits(frac) {
			return 0, bad
		}
	}
	parts[len(parts)-1] = last
	var total int64 // seconds
	for i, p := range parts {
		if p == "" || len(p) > 9 || !allDigits(p) {
			return 0, bad
		}
		v, _ := strconv.ParseInt(p, 10, 64)
		if i > 0 && v >= 60 {
			return 0, bad
		}
		total = total*60 + v
	}
	const maxSeconds = 1000 * 3600 // a thousand hours is more than any recording
	if total > maxSeconds {
		return 0, say.Errorf("%q is more than 1000 hours", s)
	}
	d := time.Duration(total) * time.Second
	if frac != "" {
		f, _ := strconv.ParseInt((frac + "000000000")[:9], 10, 64)
		d += time.Duration(f)
	}
	return d, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
