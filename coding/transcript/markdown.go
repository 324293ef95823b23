package transcript

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown transcripts: podcasts, interviews and chats published as Markdown. A person reads
// them rendered, so they are read as rendered (CommonMark, parsed by goldmark), line by line,
// and the lines go through the plain-text turn reader (parseMarkedLines) with what Markdown
// says of each:
//
//	[00:01:09] **Audrow Nash:** Hi Ben.           a time, then a speaker in bold: a timed turn
//	**Adam Stacoviak:** \[00:03:59.19\] Well…     the time may follow the label (the Changelog)
//	0:00:36.2 **Adam Garrett-Harris** I'm Adam.   a name in bold without a colon (Orbit FM)
//	**Name**: text, __Name:__ text, *Name:* text  the colon inside or outside the emphasis
//	> **Q:** Why?                                 a quotation holds turns as well
//	#### You:                                     a heading that names the speaker of the
//	                                              paragraphs under it (ChatGPT Exporter)
//	# Episode 12: Title                           the title, a note
//	## [00:01:36] Introduction, ## Part 2         a section
//	---  title: …  date: …  ---                   front matter: one note, one warning
//
// In the text, emphasis is dropped and its words kept (*laughs* reads "laughs", **important**
// "important"): the turn is shown and coded as plain text, the asterisks are typography and
// would stand between a coder's search and the word. A link keeps its text ([text](url) reads
// "text"), an escape its character (\[laughter\] reads "[laughter]"), a code span its code, a
// list item its bullet ("• ", "2. "), a code block its lines as written. A rule (---) and the
// fences of a code block show no words and are dropped.
//
// A document names its speakers in one of these ways, and lines written the other ways are
// text: by headings (#### You:), by emphasis (**Name:**) or, as plain text does, by "Name:".
// A list item never starts a turn ("- **Fast**: …" is a README's list, not a speaker).

// isMarkdownName reports whether a file's name says it is Markdown.
func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return true
	}
	return false
}

// mdKind is what a line of Markdown shows a reader.
type mdKind uint8

const (
	mdBlank   mdKind = iota // nothing: a blank line, a fence, a rule, the front matter
	mdText                  // a line of a paragraph, of a list item or a quotation
	mdCode                  // a line of a code block or of HTML, as written
	mdHeading               // a heading
)

// mdLine is one line of a Markdown source as a reader sees it.
type mdLine struct {
	kind  mdKind
	text  string   // the words: emphasis, escapes and links' targets gone
	level int      // a heading's level
	list  bool     // a line of a list item
	cont  bool     // a line of a paragraph after its first: the paragraph goes on
	emph  []mdSpan // emphasis that starts and ends on this line, in text's bytes
	code  []mdSpan // code spans on this line, likewise
}

type mdSpan struct{ start, end int }

// frontMatter is YAML (or TOML) metadata at the top of a Markdown file, between "---" lines
// (or "+++"): the lines it takes and the keys it sets.
type frontMatter struct {
	end  int // the index of the line after the closing fence
	keys []string
}

var (
	frontKey      = regexp.MustCompile(`^([A-Za-z_][\w.-]*)\s*[:=]`)
	frontContinue = regexp.MustCompile(`^(\s+\S|-\s|-$|#|\[)`)
)

// text is the front matter as one line: its settings apart by "; ", a setting's lines joined
// ("title: Press Gaggle … Aboard\ \ Air Force One …; date: '2021-07-28'").
func (fm *frontMatter) text(lines []string) string {
	var settings []string
	for _, l := range lines[1 : fm.end-1] {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case frontKey.MatchString(l) || len(settings) == 0:
			settings = append(settings, l)
		default:
			settings[len(settings)-1] += " " + l
		}
	}
	return strings.Join(settings, "; ")
}

// maxFrontMatterLines bounds how far the closing fence of front matter is looked for.
const maxFrontMatterLines = 200

// frontMatterOf finds front matter at the top of lines: an opening "---" (or "+++"), a closing
// one (or "..." for YAML), and between them only "key: value" lines, their indented
// continuations, list items and comments, with a key at least.
func frontMatterOf(lines []string) *frontMatter {
	if len(lines) < 3 {
		return nil
	}
	fence := strings.TrimRight(strings.TrimPrefix(lines[0], "\ufeff"), " \t\r")
	if fence != "---" && fence != "+++" {
		return nil
	}
	fm := &frontMatter{}
	for i := 1; i < len(lines) && i <= maxFrontMatterLines; i++ {
		l := strings.TrimRight(lines[i], " \t\r")
		if l == fence || fence == "---" && l == "..." {
			if len(fm.keys) == 0 {
				return nil
			}
			fm.end = i + 1
			return fm
		}
		switch m := frontKey.FindStringSubmatch(l); {
		case m != nil:
			fm.keys = append(fm.keys, m[1])
		case strings.TrimSpace(l) == "" || frontContinue.MatchString(l):
		default:
			return nil
		}
	}
	return nil
}

// mdRenderer renders a goldmark tree into lines.
type mdRenderer struct {
	src    []byte
	starts []int // the byte where each line starts
	buf    []strings.Builder
	out    []mdLine
	cur    int // the line inline text without a position of its own goes to
}

// renderMarkdown reads lines of Markdown (front matter excepted) into what each line shows.
func renderMarkdown(lines []string, fm *frontMatter) []mdLine {
	body := lines
	if fm != nil {
		body = append(make([]string, fm.end), lines[fm.end:]...)
	}
	r := &mdRenderer{buf: make([]strings.Builder, len(lines)), out: make([]mdLine, len(lines))}
	var src strings.Builder
	for i, l := range body {
		r.starts = append(r.starts, src.Len())
		if i == 0 {
			l = strings.TrimPrefix(l, "\ufeff")
		}
		src.WriteString(strings.TrimSuffix(l, "\r"))
		if i < len(body)-1 {
			src.WriteByte('\n')
		}
	}
	r.src = []byte(src.String())
	doc := goldmark.DefaultParser().Parse(text.NewReader(r.src))
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c, false, "")
	}
	for i := range r.out {
		if r.out[i].kind != mdHeading && r.out[i].kind != mdBlank {
			r.out[i].text = r.buf[i].String()
		}
	}
	return r.out
}

// lineAt is the line that byte off of the source stands on.
func (r *mdRenderer) lineAt(off int) int {
	return max(sort.Search(len(r.starts), func(i int) bool { return r.starts[i] > off })-1, 0)
}

// block renders a block; list tells that it stands in a list item, bullet what the item's
// first line starts with.
func (r *mdRenderer) block(n ast.Node, list bool, bullet string) {
	switch b := n.(type) {
	case *ast.Heading:
		segs := b.Lines()
		if segs.Len() == 0 {
			return
		}
		first := r.lineAt(segs.At(0).Start)
		r.cur = first
		r.inline(b)
		var words []string
		for i := 0; i < segs.Len(); i++ {
			l := r.lineAt(segs.At(i).Start)
			if w := strings.TrimSpace(r.buf[l].String()); w != "" {
				words = append(words, w)
			}
			r.buf[l].Reset()
		}
		r.out[first] = mdLine{kind: mdHeading, level: b.Level, text: strings.Join(words, " "), list: list}
	case *ast.Paragraph, *ast.TextBlock:
		segs := n.Lines()
		if segs.Len() == 0 {
			return
		}
		r.cur = r.lineAt(segs.At(0).Start)
		r.buf[r.cur].WriteString(bullet)
		r.inline(n)
		for i := 0; i < segs.Len(); i++ {
			l := r.lineAt(segs.At(i).Start)
			r.out[l].kind, r.out[l].list, r.out[l].cont = mdText, list, i > 0
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			l := r.lineAt(seg.Start)
			r.out[l] = mdLine{kind: mdCode, list: list}
			r.buf[l].WriteString(strings.TrimRight(string(seg.Value(r.src)), "\r\n"))
		}
		if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
			seg := h.ClosureLine
			l := r.lineAt(seg.Start)
			r.out[l] = mdLine{kind: mdCode, list: list}
			r.buf[l].WriteString(strings.TrimRight(string(seg.Value(r.src)), "\r\n"))
		}
	case *ast.List:
		i := 0
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			mark := "• "
			if b.IsOrdered() {
				mark = fmt.Sprintf("%d%c ", b.Start+i, b.Marker)
			}
			r.block(c, true, mark)
			i++
		}
	case *ast.ListItem:
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			r.block(c, true, bullet)
			bullet = ""
		}
	case *ast.ThematicBreak:
	default: // the document, a quotation
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.block(c, list, bullet)
			bullet = ""
		}
	}
}

// inline renders the inline children of n into the lines they stand on.
func (r *mdRenderer) inline(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			r.cur = r.lineAt(c.Segment.Start)
			v := c.Segment.Value(r.src)
			if !c.IsRaw() {
				v = unescapeMarkdown(v)
			}
			r.buf[r.cur].Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				r.cur = min(r.cur+1, len(r.buf)-1)
			}
		case *ast.String:
			v := c.Value
			if !c.IsRaw() && !c.IsCode() {
				v = unescapeMarkdown(v)
			}
			r.buf[r.cur].Write(v)
		case *ast.CodeSpan:
			line := r.firstLine(c)
			start := r.buf[line].Len()
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					r.cur = r.lineAt(t.Segment.Start)
					r.buf[r.cur].WriteString(strings.ReplaceAll(string(t.Segment.Value(r.src)), "\n", " "))
				}
			}
			if r.cur == line {
				r.out[line].code = append(r.out[line].code, mdSpan{start, r.buf[line].Len()})
			}
		case *ast.Emphasis:
			line := r.firstLine(c)
			start := r.buf[line].Len()
			r.inline(c)
			if r.cur == line {
				r.out[line].emph = append(r.out[line].emph, mdSpan{start, r.buf[line].Len()})
			}
		case *ast.AutoLink:
			r.buf[r.cur].Write(c.Label(r.src))
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				r.cur = r.lineAt(seg.Start)
				r.buf[r.cur].WriteString(strings.TrimRight(string(seg.Value(r.src)), "\r\n"))
			}
		default: // links and images keep their text
			r.inline(c)
		}
	}
}

// firstLine is the line the first text inside n stands on (the current line when it has none).
func (r *mdRenderer) firstLine(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return r.lineAt(t.Segment.Start)
		}
	}
	return r.cur
}

// unescapeMarkdown resolves backslash escapes and character references.
func unescapeMarkdown(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// A time written before a speaker's label, or in brackets at the start of the words after it:
// [00:01:09], (00:01:09), 00:01:09, 0:00:36.2, [04:01] (the escaped \[00:04:01.06\] of the
// Changelog's transcripts reads the same once rendered).
const mdClock = `\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`

var (
	mdTimeBefore = regexp.MustCompile(`^(?:\[\s*(` + mdClock + `)\s*\]|\(\s*(` + mdClock + `)\s*\)|(` + mdClock + `))\s*`)
	mdTimeAfter  = regexp.MustCompile(`^(?:\[\s*(` + mdClock + `)\s*\]|\(\s*(` + mdClock + `)\s*\))\s*`)
	// Times alone, or a span of them ("[18:04] to [\00:18:51.08]", as the Changelog marks a
	// break): a mark in the recording, not words.
	mdTimesOnly = regexp.MustCompile(`^\[\\?` + mdClock + `\](?:\s*(?:to|-|–|—)\s*\[\\?` + mdClock + `\])?$`)
	// A label whose emphasis CommonMark leaves open: "**主持人：**你好" (a closing "**" after
	// punctuation and before a letter closes nothing, so a reader sees the asterisks).
	mdOpenLabel = regexp.MustCompile(`^(\*\*|__)([^*_\n]{1,64}?)([:：︰])(?:\*\*|__)\s*(.*)$`)
)

// mdTurn is a speaker's label found on a line of Markdown, with the words after it and the
// time written before it (or at the start of the words).
type mdTurn struct {
	label, rest string
	colonless   bool // "**Name** words": the name in emphasis, no colon
	timed       bool
	start       time.Duration
	// marker: nothing but times follow the label ("**Break:** \[24:27\]", "**Outro:**
	// \[52:50\]", "**Break:** \[18:04\] to \[00:18:51.08\]"): a mark in the recording, a note
	marker bool
}

// clockOf reads the time of a match of mdTimeBefore or mdTimeAfter.
func clockOf(m []string) (time.Duration, bool) {
	for _, s := range m[1:] {
		if s != "" {
			d, err := parseClock(s)
			return d, err == nil
		}
	}
	return 0, false
}

// emphasisedLabel finds a speaker's label in emphasis at the start of l (after a time). names
// remembers which names timedName took, as a transcript repeats them.
func emphasisedLabel(l mdLine, names map[string]bool) (mdTurn, bool) {
	if l.kind != mdText || l.list {
		return mdTurn{}, false
	}
	var t mdTurn
	s := l.text
	pos := 0
	if m := mdTimeBefore.FindStringSubmatch(s); m != nil {
		if t.start, t.timed = clockOf(m); t.timed {
			pos = len(m[0])
		}
	}
	end := -1
	for _, sp := range l.emph {
		if sp.start == pos && sp.end > end {
			end = sp.end
		}
	}
	var name string
	switch {
	case end > pos:
		content := strings.TrimSpace(s[pos:end])
		after := s[end:]
		if r, size := utf8.DecodeLastRuneInString(content); strings.ContainsRune(":：︰", r) {
			name, t.rest = strings.TrimSpace(content[:len(content)-size]), after
		} else if a := strings.TrimLeft(after, " \t"); a != "" && strings.ContainsRune(":：︰", []rune(a)[0]) {
			_, size := utf8.DecodeRuneInString(a)
			name, t.rest = content, a[size:]
		} else {
			name, t.rest, t.colonless = content, after, true
		}
	default:
		m := mdOpenLabel.FindStringSubmatch(s[pos:])
		if m == nil {
			return mdTurn{}, false
		}
		name, t.rest = strings.TrimSpace(m[2]), m[4]
	}
	t.rest = strings.TrimSpace(t.rest)
	if name == "" || strings.ContainsAny(name, ":：︰") || t.colonless && t.rest == "" {
		return mdTurn{}, false
	}
	ok, seen := names[name]
	if !seen {
		ok = timedName(name)
		names[name] = ok
	}
	if !ok {
		return mdTurn{}, false
	}
	t.label = name
	if t.rest != "" && mdTimesOnly.MatchString(t.rest) {
		t.marker = true
		return t, true
	}
	if !t.timed {
		if m := mdTimeAfter.FindStringSubmatch(t.rest); m != nil {
			if d, ok := clockOf(m); ok {
				t.start, t.timed = d, true
				t.rest = t.rest[len(m[0]):]
			}
		}
	}
	return t, true
}

// headingName is the speaker a heading names ("You:", "Interviewer"), and whether it ends in a
// colon; ok is false when the heading is no name.
func headingName(l mdLine) (name string, colon, ok bool) {
	s := strings.TrimSpace(l.text)
	if r, size := utf8.DecodeLastRuneInString(s); strings.ContainsRune(":：︰", r) {
		s, colon = strings.TrimSpace(s[:len(s)-size]), true
	}
	return s, colon, s != "" && !strings.ContainsAny(s, ":：︰") && isLabel(s)
}

// speakerHeadings finds the level of the headings that name speakers, 0 when none do: at one
// level, two speakers or more, their headings seven in ten of that level's; the names end in a
// colon and one of them heads two parts or more ("#### You:", "#### ChatGPT:", as ChatGPT
// Exporter writes them; a pull request template's "### Description:" and "### Checklist:" are
// no speakers), or every heading but a title is at that level and its speakers each head two
// parts or more ("### Interviewer").
func speakerHeadings(md []mdLine) int {
	type tally struct {
		all, colon int
		names      map[string]int
	}
	levels := map[int]*tally{}
	for _, l := range md {
		if l.kind != mdHeading {
			continue
		}
		t := levels[l.level]
		if t == nil {
			t = &tally{names: map[string]int{}}
			levels[l.level] = t
		}
		t.all++
		if name, colon, ok := headingName(l); ok {
			t.names[coding.NormalizeLabel(name)]++
			if colon {
				t.colon++
			}
		}
	}
	best, top := 0, 0
	for level, t := range levels {
		named := 0
		for _, n := range t.names {
			named += n
		}
		if len(t.names) < 2 || named*10 < t.all*7 || named <= top {
			continue
		}
		others := 0
		for l, o := range levels {
			if l != level && !(l == 1 && o.all == 1) {
				others += o.all
			}
		}
		recurring, some := true, false
		for _, n := range t.names {
			recurring = recurring && n >= 2
			some = some || n >= 2
		}
		if (t.colon == named && some || others == 0 && recurring) && !sectionBefore(md, level) {
			best, top = level, named
		}
	}
	return best
}

// sectionBefore tells whether a heading above level (a lone title aside) stands before the first
// heading of that level that names someone: then the level's headings are parts of sections
// ("## parse", then "### Arguments:" and "### Returns:"), as API documentation has them, not
// speakers, whose parts may hold headings of their own (ChatGPT's "### Example") but come
// first.
func sectionBefore(md []mdLine, level int) bool {
	titles := 0
	for _, l := range md {
		if l.kind == mdHeading && l.level == 1 {
			titles++
		}
	}
	for _, l := range md {
		if l.kind != mdHeading {
			continue
		}
		if _, _, ok := headingName(l); ok && l.level == level {
			return false
		}
		if l.level < level && !(l.level == 1 && titles == 1) {
			return true
		}
	}
	return false
}

// markdownTurns is what a Markdown source gives the turn reader: its lines as a reader sees
// them, what Markdown says of each, the times written before speakers' labels, and the front
// matter.
type markdownTurns struct {
	lines []string
	marks []lineMark
	times map[int]time.Duration
	front *frontMatter
	raw   []string // the source's lines, for the front matter's note
	// headings tells that speakers are named by headings; then the document is turns.
	headings bool
	// timedSpeakers counts, by speaker, the labels in emphasis with a time before them.
	timedSpeakers map[string]int
}

// readMarkdownLines renders Markdown lines and marks them for parseMarkedLines.
func readMarkdownLines(lines []string) *markdownTurns {
	fm := frontMatterOf(lines)
	md := renderMarkdown(lines, fm)
	m := &markdownTurns{lines: make([]string, len(lines)), marks: make([]lineMark, len(lines)),
		times: map[int]time.Duration{}, front: fm, raw: lines, timedSpeakers: map[string]int{}}
	level := speakerHeadings(md)
	m.headings = level > 0

	// Labels in emphasis, and names in emphasis without a colon that recur or follow a time.
	found := make([]mdTurn, len(md))
	has := make([]bool, len(md))
	colonless := map[string]int{}
	emphasised := 0
	names := map[string]bool{}
	for i, l := range md {
		if t, ok := emphasisedLabel(l, names); ok {
			found[i], has[i] = t, true
			if t.colonless {
				colonless[coding.NormalizeLabel(t.label)]++
			}
		}
	}
	for i := range md {
		if has[i] && found[i].colonless && !found[i].timed && colonless[coding.NormalizeLabel(found[i].label)] < 2 {
			has[i] = false
		}
		if has[i] {
			emphasised++
		}
	}
	byEmphasis := level == 0 && emphasised >= 2

	// A lone heading of the first level before anything else is the document's title.
	title := -1
	level1 := 0
	for i, l := range md {
		if l.kind == mdHeading && l.level == 1 {
			level1++
			if title < 0 {
				title = i
			}
		}
	}
	if title >= 0 {
		for _, l := range md[:title] {
			if l.kind != mdBlank {
				title = -1
				break
			}
		}
	}
	if level1 != 1 {
		title = -1
	}

	inTurn := false // a speaker heading came before
	for i, l := range md {
		m.lines[i] = l.text
		switch {
		case l.kind == mdBlank:
			m.marks[i] = lineMark{kind: markSkip}
		case l.kind == mdCode:
			m.marks[i] = lineMark{kind: markText}
		case l.kind == mdHeading:
			name, _, ok := headingName(l)
			switch {
			case i == title:
				m.marks[i] = lineMark{kind: markNote}
			case m.headings && l.level == level && ok:
				m.marks[i] = lineMark{kind: markLabel, label: name}
				m.lines[i] = name + ":"
				inTurn = true
			case m.headings && inTurn && !(l.level < level && isHeader(l.text)):
				// A heading inside a speaker's part: words of the turn (ChatGPT's "### 示例代码").
				m.marks[i] = lineMark{kind: markText}
			default:
				m.marks[i] = lineMark{kind: markHeader}
			}
		case has[i] && byEmphasis && found[i].marker:
			m.marks[i] = lineMark{kind: markNote}
			m.lines[i] = found[i].label + ": " + found[i].rest
		case has[i] && byEmphasis:
			t := found[i]
			m.marks[i] = lineMark{kind: markLabel, label: t.label, rest: t.rest}
			m.lines[i] = t.label + ": " + t.rest
			if t.timed {
				m.times[i] = t.start
				if mdTimeBefore.MatchString(l.text) {
					m.timedSpeakers[coding.NormalizeLabel(t.label)]++
				}
			}
		case (m.headings || byEmphasis) && l.cont:
			// A paragraph goes on: its words, whatever they look like (a reader sees one
			// paragraph), where speakers are named by headings or in bold.
			m.marks[i] = lineMark{kind: markText}
		case m.headings || byEmphasis || l.list || !plainLabel(md, i):
			m.marks[i] = lineMark{kind: markNoLabel}
		}
	}
	return m
}

// plainLabel tells whether line i of plain Markdown (speakers named as "Name: words") may
// start a turn: not when its first colon stands in code ("The `node:path` module"), nor when
// it ends in the colon and a code block or a list follows ("On POSIX:" before an example,
// "Arguments:" before a list).
func plainLabel(md []mdLine, i int) bool {
	s := md[i].text
	c := colonIndex(s)
	if c < 0 {
		return true
	}
	for _, sp := range md[i].code {
		if sp.start <= c && c < sp.end {
			return false
		}
	}
	if _, size := utf8.DecodeRuneInString(s[c:]); strings.TrimSpace(s[c+size:]) == "" {
		for _, l := range md[i+1:] {
			if l.kind != mdBlank {
				return l.kind != mdCode && !l.list
			}
		}
	}
	return true
}

// looksLikeMarkdown tells whether plain text (a .txt) is Markdown with speakers in emphasis:
// two lines or more start with a label in bold or italics ("**Name:**", "__Name:__") or with
// a time and a name in bold ("0:00:36.2 **Name**").
func looksLikeMarkdown(lines []string) bool {
	n := 0
	for _, l := range lines {
		if mdRawLabel.MatchString(strings.TrimSpace(l)) {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

// mdRawLabel is an emphasised label as written in the source.
var mdRawLabel = regexp.MustCompile(`^(?:>\s*)*(?:` + mdRawTime + `\s*(?:\*\*|__)[^*_]{1,64}(?:\*\*|__)\s*\S|(?:` + mdRawTime + `\s*)?(?:` +
	mdRawEmphasis(`\*\*`) + `|` + mdRawEmphasis(`__`) + `|` + mdRawEmphasis(`\*`) + `|` + mdRawEmphasis(`_`) + `))`)

// mdRawTime is a time before a label as written in the source, escapes and all.
const mdRawTime = `(?:\\?\[` + mdClock + `\\?\]|\(` + mdClock + `\)|` + mdClock + `)`

// mdRawEmphasis is a name between the delimiters d with a colon inside or after them.
func mdRawEmphasis(d string) string {
	return d + `[^*_]{1,64}?(?:[:：︰]` + d + `|` + d + `\s*[:：︰])`
}

// looksLikeTurns tells whether Markdown lines read as speaker turns: speakers are named by
// headings; or two speakers recur, each named in bold after a time ("[00:01:37] **Nag
// Murty:**"), which nothing but a transcript writes, however long its table of contents; or
// the lines read as turns by the plain-text rule (looksLikeTurns).
func (m *markdownTurns) looksLikeTurns() bool {
	recurring := 0
	for _, n := range m.timedSpeakers {
		if n >= 2 {
			recurring++
		}
	}
	return m.headings || recurring >= 2 || looksLikeMarkedTurns(m.lines, m.marks)
}

// parseMarkdown reads a Markdown transcript: its lines through the turn reader, the times
// written before speakers' labels on their turns (a turn ends where the next starts, as in the
// timed formats), and the front matter as one note with one warning.
func parseMarkdown(text string) ([]coding.Item, []coding.Warning) {
	return readMarkdownLines(splitLines(text)).parse()
}

// parse reads the marked lines into items (parseMarkdown).
func (m *markdownTurns) parse() ([]coding.Item, []coding.Warning) {
	items, warns := parseMarkedLines(m.lines, m.marks)
	// Times of turns, and their ends: the next turn's start, when the next turn has a time.
	var entries []timedEntry
	var at []int
	for k := range items {
		it := &items[k]
		if it.Kind != coding.KindTurn {
			continue
		}
		d, ok := m.times[it.Line-1]
		entries = append(entries, timedEntry{line: it.Line, timed: ok, start: d})
		at = append(at, k)
	}
	if len(m.times) > 0 {
		warns = append(warns, settleEnds(entries, "line", true)...)
		for j, k := range at {
			if e := entries[j]; e.timed {
				items[k].Timed, items[k].Start, items[k].End = true, e.start, e.end
			}
		}
	}
	if fm := m.front; fm != nil {
		note := coding.Item{Kind: coding.KindNote, Text: fm.text(m.raw), Line: 1}
		items = append([]coding.Item{note}, items...)
		warns = append([]coding.Warning{coding.Warn(1, say.Errorf(
			"the front matter (lines 1 to %d: %s) is the file's metadata, not talk; kept as one note",
			fm.end, strings.Join(fm.keys, ", ")))}, warns...)
	}
	return items, warns
}
