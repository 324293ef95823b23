package transcript

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Prose documents reach turncoder as text extracted from PDFs and web pages, and the line breaks
// in them mean different things from one source to the next: a paragraph per line (web pages),
// paragraphs between blank lines (some PDFs), or the lines of a narrow newspaper column, each
// followed by a blank line, so that neither line breaks nor blank lines mark paragraphs. ParseProse
// decides, for every break between two non-blank lines, whether it is a soft wrap (the lines join)
// or the end of a unit, from three kinds of evidence:
//
//   - blank lines, unless (almost) every line is followed by one: then they are double spacing
//     and carry nothing;
//   - line widths: in a hard-wrapped column most lines share one width, so a line that reaches it
//     was wrapped, and a line that ends a sentence well short of it ends a paragraph; a first line
//     about two characters shorter than the column is the trace of a paragraph indent lost in
//     extraction;
//   - the text: whether a line ends a sentence (endsSentence), leaves a quote or bracket open,
//     reads as running text (a sentence end or two commas inside it) or as a heading (short, no
//     sentence punctuation), and whether the next line begins with something no paragraph begins
//     with (a closing mark, a lower-case word, one character and a comma).
//
// Widths are display widths, not rune counts: a Han character, kana or full-width mark counts 2,
// a Latin letter or digit 1, and a space next to a wide character 0. In CJK typesetting digits
// and Latin letters take half an em and the spaces PDF extraction puts around them (or between
// the letters of a justified line) take no room of their own, so display width follows the
// printed length of a line; a rune count would make "500人，…" look two characters longer than
// the 18-character lines it sits among.

// ParseProse splits a prose document (newspaper page, encyclopedia entry, extracted from PDF
// or the web) into paragraphs, each a codable unit (coding.Item{Kind: coding.KindTurn, Speaker: "", Text: ..., Line: first source line 1-based}).
func ParseProse(text string) ([]coding.Item, []coding.Warning) {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	text = strings.TrimPrefix(text, "\uFEFF")

	var (
		lines   []proseLine
		dropped []int
		gap     int
	)
	all := splitLines(text)
	running, header := runningHeaders(all)
	for i, raw := range all {
		s := strings.TrimSpace(raw)
		switch {
		case s == "":
			gap++
		case running != nil && running[i]:
			// A running header or footer, like a page number, is no paragraph break of its own.
		case isPageNumber(s):
			// A page number sits where a page ends; it is not a paragraph break of its own.
			dropped = append(dropped, i+1)
		default:
			lines = append(lines, proseLine{text: s, line: i + 1, width: displayWidth(s), gap: gap})
			gap = 0
		}
	}
	if len(lines) == 0 {
		return nil, nil
	}

	var warns []coding.Warning
	if header != nil {
		warns = append(warns, *header)
	}
	r := newReflower(lines)
	if r.doubleSpaced {
		warns = append(warns, coding.Warn(0, say.Errorf("nearly every line is followed by a blank line, so blank lines were ignored and paragraphs were rebuilt from sentence ends and line widths; check the paragraph breaks")))
	}
	if w := pageNumbersWarning(dropped); w != nil {
		warns = append(warns, *w)
	}

	// Paragraphs are built with a Builder: joining each line to the whole paragraph so far
	// would copy it again for every line.
	var (
		items []coding.Item
		para  strings.Builder
		start = lines[0].line
	)
	para.WriteString(lines[0].text)
	first := true // line i begins the current unit
	for i := 0; i+1 < len(lines); i++ {
		prev, next := lines[i].text, lines[i+1].text
		if r.joins(i, first) {
			first = false
			// The lines are trimmed, so joinWrapped returns prev, the separator and next.
			joined := joinWrapped(prev, next)
			para.WriteString(joined[len(prev) : len(joined)-len(next)])
			para.WriteString(next)
			continue
		}
		first = true
		items = append(items, coding.Item{Kind: coding.KindTurn, Text: para.String(), Line: start})
		para.Reset()
		para.WriteString(next)
		start = lines[i+1].line
	}
	items = append(items, coding.Item{Kind: coding.KindTurn, Text: para.String(), Line: start})
	return items, warns
}

// proseLine is one non-blank, trimmed line of a prose source.
type proseLine struct {
	text  string
	line  int // 1-based line in the source
	width int // display width (see above)
	gap   int // blank lines between it and the previous non-blank line
}

type reflower struct {
	lines        []proseLine
	doubleSpaced bool
	global       column // the column of the whole document, where it has one
}

const (
	// minColumn is the narrowest hard-wrapped column believed (display width; 12 Han
	// characters). Below it, lines of similar width are more likely a list of short headings.
	minColumn = 24
	// columnWindow is how many non-blank lines on each side of a break are looked at to find
	// the width of the column the break is in; pages mix columns of different widths.
	columnWindow = 6
	// columnSupport is how many lines of the window must break off mid-sentence at about the same
	// width for that width to be a column.
	columnSupport = 3
	// headingMax is the widest a heading may be where no column is found (40 Han characters).
	headingMax = 80
)

func newReflower(lines []proseLine) *reflower {
	return &reflower{lines: lines, doubleSpaced: isDoubleSpaced(lines), global: columnOf(lines, 0)}
}

// isDoubleSpaced reports whether blank lines are mere double spacing: at least nine breaks in ten
// between non-blank lines have a blank line in them. A page of paragraphs between blank lines
// falls short of that wherever headings, lists or tables run on without blank lines.
func isDoubleSpaced(lines []proseLine) bool {
	if len(lines) < 4 {
		return false
	}
	spaced := 0
	for _, l := range lines[1:] {
		if l.gap > 0 {
			spaced++
		}
	}
	return spaced*10 >= (len(lines)-1)*9
}

// joins reports whether line i+1 continues the unit that line i is part of; first says that
// line i begins that unit.
func (r *reflower) joins(i int, first bool) bool {
	a, b := r.lines[i], r.lines[i+1]
	if startsContinuation(b.text) {
		return true
	}
	if standalone(a.text) || standalone(b.text) {
		return false
	}
	endA := endsSentence(a.text)
	gap := b.gap
	if r.doubleSpaced {
		gap--
	}
	c := r.column(i)

	if gap > 0 {
		// A blank line ends a paragraph, except where a page or column break fell inside a
		// sentence: the text before it plainly runs on and the text after is no new heading.
		if endA || headingLike(b, c.mid) {
			return false
		}
		return runningText(a.text) || singleCharClause(b.text) || (c.mid > 0 && !short(a, b, c.mid))
	}
	if !endA && unclosed(a.text) {
		return true // a quotation or bracket left open goes on in the next line
	}
	if c.mid == 0 {
		// No column: each line is a paragraph (or a heading) unless it visibly breaks off
		// mid-sentence.
		if endA || headingLike(b, 0) {
			return false
		}
		return runningText(a.text) || singleCharClause(b.text)
	}
	// indented reports whether b, ending no sentence, stops short of width w: the first line
	// of a paragraph, whose indent PDF extraction turned into a shorter line.
	indented := func(w int) bool {
		return !endsSentence(b.text) && b.width <= w-3 && cjkBreak(a.text, b.text)
	}
	if endA {
		if short(a, b, c.hi) {
			// A sentence ending short of the column ends the paragraph; but one or two
			// characters short is within the play of a justified column, and then the next
			// line decides: a line as wide as the column is no indented first line.
			return cjkBreak(a.text, b.text) && a.width > c.hi-5 && b.width >= c.mid && !headingLike(b, c.mid)
		}
		// A full line that happens to end a sentence: the paragraph goes on unless the next
		// line is indented or a heading. (A semicolon or colon rarely ends a paragraph.)
		return !(endsFullStop(a.text) && indented(c.hi)) && !headingLike(b, c.mid)
	}
	if !short(a, b, c.mid) {
		// Wrapped, unless a heading follows (the paragraph broke off at a column or page end),
		// or this is a unit's first line, full where a paragraph's first line is indented, and
		// an indented line follows: then it is a title or subtitle set wider than the column.
		return !headingLike(b, c.mid) && !(first && indented(c.mid))
	}
	if a.width*10 < c.mid*7 {
		return false // far short of the column: a heading, byline or caption
	}
	if !first {
		return !headingLike(b, c.mid) // a line narrowed by digits or spaces inside a paragraph
	}
	// The first line of a unit, a little short of the column without ending a sentence: the
	// indented first line of a paragraph, or a title. A title has no punctuation and follows
	// another heading or byline rather than the end of a paragraph.
	if !hasClausePunct(a.text) && (i == 0 || !endsSentence(r.lines[i-1].text)) {
		return false
	}
	return endsSentence(b.text) || b.width >= a.width || b.width >= c.mid-2
}

// endsFullStop reports whether s ends a sentence with a full stop, question or exclamation mark
// or an ellipsis (endsSentence also counts a semicolon or colon).
func endsFullStop(s string) bool {
	s = strings.TrimRight(s, " \t\u3000”’\"'）)」』】》")
	r, _ := utf8.DecodeLastRuneInString(s)
	return endsSentence(s) && r != '；' && r != ';' && r != '：' && r != ':'
}

// hasClausePunct reports whether s has a comma, enumeration comma, semicolon or colon in it.
func hasClausePunct(s string) bool {
	return strings.ContainsAny(s, "，,、；;：:")
}

// column is the width of a hard-wrapped column: mid is the median width of its lines, hi the
// upper quartile (lines with more punctuation squeezed in run wider). Both are 0 where the text
// is not wrapped.
type column struct{ mid, hi int }

// column estimates the column that the break after line i belongs to. The evidence for a column
// is lines that stop in mid-sentence: in wrapped text most lines do, at about the same width,
// while in unwrapped text only headings do, and they are short. So it takes the non-blank lines
// near the break (pages mix columns of different widths) that end no sentence and are comparable
// in width to the wider of the two lines (from 60% to 150% of it). Where they are too few or
// disagree (around headings, datelines and captions), the document's own column stands in, if
// the two lines are comparable to it.
func (r *reflower) column(i int) column {
	ref := max(r.lines[i].width, r.lines[i+1].width)
	if ref < minColumn {
		return column{}
	}
	lo, hi := max(0, i-columnWindow), min(len(r.lines), i+2+columnWindow)
	if c := columnOf(r.lines[lo:hi], ref); c.mid > 0 {
		return c
	}
	if g := r.global; g.mid > 0 && ref*5 >= g.mid*3 && ref*2 <= g.mid*3 {
		return g
	}
	return column{}
}

// columnOf finds the column among lines: the lines that end no sentence and are from 60% to
// 150% as wide as ref (any width if ref is 0), if there are columnSupport of them, the middle
// half of them lie within four Han characters (or a quarter of the width on wide columns), and
// a third of them at least have punctuation in them, as lines cut from running text do (a list
// of headlines or names, one a line, has none).
func columnOf(lines []proseLine, ref int) column {
	var ws []int
	punctuated := 0
	for _, l := range lines {
		if l.width >= minColumn && !endsSentence(l.text) && (ref == 0 || l.width*5 >= ref*3 && l.width*2 <= ref*3) {
			ws = append(ws, l.width)
			if strings.ContainsAny(l.text, "，,、；;：:。！？!?…—") {
				punctuated++
			}
		}
	}
	if len(ws) < columnSupport || punctuated*3 < len(ws) {
		return column{}
	}
	sort.Ints(ws)
	n := len(ws)
	mid := ws[n/2]
	if ws[(3*n)/4]-ws[n/4] > max(8, mid/4) {
		return column{}
	}
	return column{mid: mid, hi: ws[n-1-(n-1)/4]}
}

// short reports whether line a stops clearly short of column width c, given that b follows.
// Next to CJK text a line is short when it is at least one and a half characters narrower than
// the column (the lines of a justified column vary by about a character, with punctuation
// squeezed or digits set narrow); between Latin words, when the first word of b would have
// fitted on it.
func short(a, b proseLine, c int) bool {
	if cjkBreak(a.text, b.text) {
		return a.width <= c-3
	}
	first := b.text
	if k := strings.IndexFunc(first, unicode.IsSpace); k >= 0 {
		first = first[:k]
	}
	return a.width+1+displayWidth(first) <= c
}

// cjkBreak reports whether the break between a and b falls next to wide (CJK) text.
func cjkBreak(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	return isWide(last) || isWide(first)
}

// headingLike reports whether l reads as a heading, label or byline rather than as a line of a
// paragraph: it ends no sentence, has no sentence end inside it, and is short: under three
// quarters of the column, or under headingMax where there is no column.
func headingLike(l proseLine, c int) bool {
	if endsSentence(l.text) || hasInnerSentenceEnd(l.text) {
		return false
	}
	if c > 0 {
		return l.width*4 < c*3
	}
	return l.width <= headingMax
}

// runningText reports whether s reads as part of a paragraph rather than a title: a sentence
// ends inside it, or it has two or more commas or semicolons outside quotation marks.
func runningText(s string) bool {
	if hasInnerSentenceEnd(s) {
		return true
	}
	n := 0
	walkOutsideQuotes(s, func(r rune) {
		if r == '，' || r == ',' || r == '；' || r == ';' {
			n++
		}
	})
	return n >= 2
}

// walkOutsideQuotes calls fn for each rune of s that stands outside quotation marks and
// brackets (the marks themselves excluded), and returns how many are left open at the end.
func walkOutsideQuotes(s string, fn func(r rune)) int {
	depth := 0
	for _, r := range s {
		switch {
		case isOpener(r):
			depth++
		case isCloser(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && fn != nil:
			fn(r)
		}
	}
	return depth
}

// hasInnerSentenceEnd reports whether a sentence ends somewhere before the end of s: a CJK full
// stop, question or exclamation mark, an ASCII ? or ! followed by more text, or a Latin full stop
// followed by a space and a capital.
func hasInnerSentenceEnd(s string) bool {
	s = strings.TrimRight(s, " \t\u3000")
	rs := []rune(s)
	for i := 0; i+1 < len(rs); i++ {
		switch rs[i] {
		case '。', '！', '？', '!', '?':
			return true
		case '.':
			if i > 0 && i+2 < len(rs) && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1])) &&
				rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]) {
				return true
			}
		}
	}
	return false
}

// startsContinuation reports whether s begins with something no paragraph begins with: a comma,
// stop or closing mark, or a lower-case letter.
func startsContinuation(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return true
	}
	return strings.ContainsRune("，。、；：！？,.;:!?）)】]」』》〉”’", r)
}

// singleCharClause reports whether s opens with a one-character clause ("用，2025年…"): the tail
// of a word broken off at the end of the previous page or column.
func singleCharClause(s string) bool {
	first, n := utf8.DecodeRuneInString(s)
	second, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.Is(unicode.Han, first) && strings.ContainsRune("，、；,;", second)
}

// standalone reports whether a line is a unit of its own whatever surrounds it: a line wholly in
// brackets ("（刘建林）", a reporter's name or a source note; not quotation marks, which can
// enclose a phrase that happens to fill a line of a column), or a layout line of CJK words set apart by spaces whose
// last field is a short name or label rather than a clause: a byline ("文/ 马梦婕 李双星"), a
// dateline ("6月 15日 贵州·贵阳 蹲点第 7天"), a photo credit ("…交谈。 蹲点工作组供图").
func standalone(s string) bool {
	rs := []rune(s)
	if len(rs) >= 2 {
		if cl := closerOf(rs[0]); strings.ContainsRune("（(【[", rs[0]) && rs[len(rs)-1] == cl {
			depth, enclosed := 0, true
			for i, r := range rs {
				if r == rs[0] {
					depth++
				} else if r == cl {
					depth--
					if depth == 0 && i < len(rs)-1 {
						enclosed = false
						break
					}
				}
			}
			if enclosed {
				return true
			}
		}
	}
	// Fields split at spaces between two wide characters, outside quotes and brackets.
	depth, last, fields, spaces := 0, 0, 1, 0
	for i, r := range rs {
		switch {
		case isOpener(r):
			depth++
		case isCloser(r):
			if depth > 0 {
				depth--
			}
		case unicode.IsSpace(r):
			spaces++
			if depth > 0 || i == 0 || !isWide(rs[i-1]) {
				continue
			}
			j := i
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
			if j < len(rs) && isWide(rs[j]) {
				fields++
				last = j
			}
		}
	}
	if fields < 2 || spaces*3 >= len(rs)-spaces {
		return false // no layout spaces, or a justified line with its letters spaced out
	}
	tail := rs[last:]
	if len(tail) > 12 || endsSentence(string(tail)) {
		return false
	}
	for _, r := range tail {
		if strings.ContainsRune("，,；;。！？!?", r) || isOpener(r) {
			return false
		}
	}
	return true
}

// unclosed reports whether s leaves a quotation mark or bracket open.
func unclosed(s string) bool { return walkOutsideQuotes(s, nil) > 0 }

func isOpener(r rune) bool { return closerOf(r) != 0 }

func isCloser(r rune) bool { return strings.ContainsRune("”’」』》〉）)】]", r) }

func closerOf(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '‘':
		return '’'
	case '「':
		return '」'
	case '『':
		return '』'
	case '《':
		return '》'
	case '〈':
		return '〉'
	case '（':
		return '）'
	case '(':
		return ')'
	case '【':
		return '】'
	case '[':
		return ']'
	}
	return 0
}

// displayWidth is the printed length of a line in half-em units: 2 for a wide character, 1 for
// anything else, 0 for a space next to a wide character.
func displayWidth(s string) int {
	w := 0
	var prev rune
	pendingSpace := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !pendingSpace && prev != 0 && !isWide(prev) {
				pendingSpace = true
			}
			continue
		}
		if pendingSpace && !isWide(r) {
			w++
		}
		pendingSpace = false
		if isWide(r) {
			w += 2
		} else {
			w++
		}
		prev = r
	}
	return w
}
