package transcript

import (
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// ParseTurns reads speaker turns in plain text, as in a transcript extracted from a PDF:
//
//   - "Label：text" or "Label: text" starts a turn; the label may hold spaces and digits
//     ("联通 114 电话导航") and is normalised with coding.NormalizeLabel;
//   - a line without a label continues the open turn (or note): hard wraps and continuation
//     paragraphs after a blank line are joined, without a space between CJK characters;
//   - page numbers alone on a line are dropped;
//   - call or part headers ("第一通电话：…", "第四通电话 …", "Call 2:", "Interview 3 —") start
//     sections;
//   - stage directions and bracketed remarks ("——电话被挂断——", "（对部长说：……）",
//     "[inaudible]", "拨打 6080161") become notes, kept in order; a colon inside brackets does
//     not make a speaker.
//
// Text before the first turn that is neither header nor note is kept as a note, with a warning.
func ParseTurns(text string) ([]coding.Item, []coding.Warning) {
	return parseTurnSource(textSource(text))
}

var (
	// Chinese section headers: 第一通电话, 第3次访谈, 第二部分, 第四场 …
	headerZH = regexp.MustCompile(`^第\s*[0-9０-９一二三四五六七八九十百零〇两]+\s*(通电话|次电话|个电话|次访谈|次采访|次通话|场访谈|部分|节|场|轮|段|通)`)
	// English section headers: "Call 2:", "Interview 3 —", "Part II", "Session four - …"
	headerEN = regexp.MustCompile(`(?i)^(call|phone call|interview|part|session|section|conversation|recording|focus group|meeting|tape)\s+(\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\s*($|[:：—–\-.,(（].*)`)
	// Dialling directions: "拨打 6080161", "Dialing 0546-8553440".
	dialLine = regexp.MustCompile(`(?i)^(拨打|拨通|重拨|致电|呼叫|dial(l)?ing|dials|calling)\s*[0-9０-９][0-9０-９\s\-－()（）]*$`)
)

// splitLabel returns the label and the text after it when line (already trimmed) starts with
// a speaker label (speakerLabel), or is a reporter's question in a press briefing ("Q    Why
// …", questionLine); ok is false otherwise.
func splitLabel(line string) (label, rest string, ok bool) {
	return splitLabelIn(line, nil)
}

// splitLabelIn is splitLabel asking the rules of labels through cache (speakerLabelIn).
func splitLabelIn(line string, cache labelCache) (label, rest string, ok bool) {
	if strings.HasPrefix(line, "Q") { // the expression is asked only where it can match
		if m := questionLine.FindStringSubmatch(line); m != nil {
			return "Q", m[1], true
		}
	}
	_, label, rest, ok = speakerLabelIn(line, false, cache)
	return label, rest, ok
}

// questionLine is a question put from the floor as the White House's transcripts of press
// briefings and gaggles write it: the letter Q alone, no colon, then the words after four
// spaces (some of them no-break spaces) or a tab. Its speaker is "Q", whoever asks.
var questionLine = regexp.MustCompile(`^Q(?:[\t\p{Zs}]{2,}|\t)(\S.*)$`)

func isHeader(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	switch {
	case r == '第':
		return utf8.RuneCountInString(line) <= 60 && headerZH.MatchString(line)
	case r < utf8.RuneSelf && unicode.IsLetter(r):
		return utf8.RuneCountInString(line) <= 60 && headerEN.MatchString(line)
	}
	return false
}

// noteOpen tells whether line begins a stage direction or bracketed remark.
func isNoteStart(line string) bool {
	if strings.HasPrefix(line, "——") || strings.HasPrefix(line, "--") || strings.HasPrefix(line, "—") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(line)
	if strings.ContainsRune("（([【", r) {
		return bracketedLine(line)
	}
	return strings.ContainsRune("拨重致呼dDcC", r) && dialLine.MatchString(line)
}

// bracketedLine reports whether line, which opens with a bracket, is a bracketed remark: the
// bracket closes at the end of the line (dots or a stop may follow) or stays open into the next
// lines. A line whose bracket closes early and goes on ("(九 )條動議啟動彈劾程序的議案。", a
// list item "(一 ) 在過去 3年…") is text, wrapped there from the line before.
func bracketedLine(line string) bool {
	depth := 0
	for i, r := range line {
		switch r {
		case '（', '(', '[', '【':
			depth++
		case '）', ')', ']', '】':
			depth--
			if depth == 0 {
				rest := strings.TrimLeft(line[i+utf8.RuneLen(r):], " \t\u3000.。…,，、;；:：!！?？")
				return rest == ""
			}
		}
	}
	return true
}

// maxBracketLines bounds how far an unclosed bracket reaches, so a stray "（" cannot swallow
// the rest of a transcript.
const maxBracketLines = 8

// bracketDepth counts the brackets a text leaves open.
func bracketDepth(text string) int {
	depth := 0
	for _, r := range text {
		switch r {
		case '（', '(', '[', '【':
			depth++
		case '）', ')', ']', '】':
			depth--
		}
	}
	return depth
}

// noteClosed tells whether a note's text so far is complete: its brackets balance and a
// "——" direction has its closing dashes.
func noteClosed(text string) bool {
	if bracketDepth(text) > 0 {
		return false
	}
	if strings.HasPrefix(text, "——") || strings.HasPrefix(text, "--") {
		return utf8.RuneCountInString(text) > 2 && (strings.HasSuffix(text, "——") || strings.HasSuffix(text, "--"))
	}
	return true
}

// parseTurnLines is ParseTurns over lines (or DOCX paragraphs).
func parseTurnLines(lines []string) ([]coding.Item, []coding.Warning) {
	return parseMarkedLines(lines, nil)
}

// lineMark is what a source's markup says of a line (Markdown, markdown.go), for
// parseMarkedLines; plain text has none.
type lineMark struct {
	kind  markKind
	label string // markLabel: the speaker as written
	rest  string // markLabel: the words after the label
}

type markKind uint8

const (
	markNone    markKind = iota // plain text: the plain-text rules decide
	markNoLabel                 // words that never start a turn by a label nor a section (a list item; text where speakers are named in bold), though they may be a note as plain text is
	markLabel                   // starts a turn of label, with rest
	markText                    // words of the open turn or note as they stand (a line of code, a heading in a speaker's part)
	markHeader                  // a section header
	markNote                    // a note of its own (the document's title)
	markSkip                    // nothing a reader sees (a rule, a fence, front matter)
)

// markAt is the mark of line i (markNone for plain text).
func markAt(marks []lineMark, i int) lineMark {
	if marks == nil {
		return lineMark{}
	}
	return marks[i]
}

// plain tells whether the plain-text rules read a line of this mark: page numbers and notes are
// found in it; headers only in plain text (markNone), since markup has its own.
func (m lineMark) plain() bool { return m.kind == markNone || m.kind == markNoLabel }

// parseMarkedLines is parseTurnLines over lines whose markup said what they are (marks, one a
// line, or nil for plain text).
func parseMarkedLines(lines []string, marks []lineMark) ([]coding.Item, []coding.Warning) {
	return parseMarkedSource(sliceSource(lines), marks)
}

// parseTurnSource is ParseTurns over the lines of src, which is in memory.
func parseTurnSource(src lineSource) ([]coding.Item, []coding.Warning) {
	return parseMarkedSource(src, nil)
}

// parseMarkedSource collects what streamTurns reads of src, which is in memory (and so gives
// no error).
func parseMarkedSource(src lineSource, marks []lineMark) ([]coding.Item, []coding.Warning) {
	var items []coding.Item
	warns, _ := streamTurns(src, marks, func(it coding.Item) error {
		items = append(items, it)
		return nil
	})
	return items, warns
}

// streamTurns reads the speaker turns of src (marks as for parseMarkedLines) and gives emit
// each item once it is settled, in order, holding no more of the document than the item being
// read: the running headers (findRunning) and the labels' counts (findLoneLabels) are found in
// passes of their own first. An error of src or of emit stops the reading and is returned.
func streamTurns(src lineSource, marks []lineMark, emit func(coding.Item) error) ([]coding.Warning, error) {
	return streamTurnsAhead(src, marks, func() func(coding.Item) error { return emit }, nil)
}

// streamTurnsAhead is streamTurns for a receiver that can take back what it was given: with
// restart, the turns are read, and given, while the running headers are still looked for
// (most documents have none, and the passes are long on a large file); if some are found,
// the reading stops, restart drops what was given, and the turns are read again without
// them. newEmit gives the emit of a reading (called again after a restart); without restart
// it is called once and the passes run one after the other.
func streamTurnsAhead(src lineSource, marks []lineMark, newEmit func() func(coding.Item) error, restart func() error) ([]coding.Warning, error) {
	// The first two passes run side by side, the labels' read as if no line were dropped, and
	// again after when some are (running headers are rare, and the passes long on a large file).
	type labels struct {
		lone *loneLabels
		err  error
	}
	type reading struct {
		out   *turnOutput
		warns []coding.Warning
		err   error
	}
	facts := labelFacts{}
	done := make(chan labels, 1)
	ahead := make(chan reading, 1)
	var stop atomic.Bool // the reading ahead is to stop
	go func() {
		lone, err := findLoneLabels(src, nil, facts, marks)
		done <- labels{lone, err}
		if restart == nil || err != nil {
			return
		}
		emit := newEmit()
		out := &turnOutput{emit: func(it coding.Item) error {
			if stop.Load() {
				return errStopped
			}
			return emit(it)
		}}
		warns, err := readTurns(src, lone, out)
		ahead <- reading{out, warns, err}
	}()
	drop, header, err := findRunning(src)
	first := <-done
	var out *turnOutput
	var warns []coding.Warning
	if restart != nil && first.err == nil {
		if err != nil || drop != nil {
			stop.Store(true)
		}
		r := <-ahead
		switch {
		case err != nil:
			return nil, err
		case drop == nil:
			if r.err != nil {
				return nil, r.err
			}
			out, warns = r.out, r.warns
		default:
			if r.err != nil && !errors.Is(r.err, errStopped) {
				return nil, r.err
			}
			if err := restart(); err != nil {
				return nil, err
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if out == nil {
		lone, err := first.lone, first.err
		if err == nil && drop != nil {
			lone, err = findLoneLabels(src, drop, facts, marks)
		}
		if err != nil {
			return nil, err
		}
		out = &turnOutput{emit: newEmit()}
		if warns, err = readTurns(src, lone, out); err != nil {
			return nil, err
		}
		if out.counting {
			// The first item may be a title (titleAsNote), which only the whole document
			// tells: it was counted, and is read again, now knowing.
			out = &turnOutput{emit: out.emit, title: out.isTitle()}
			if warns, err = readTurns(src, lone, out); err != nil {
				return nil, err
			}
		}
	} else if out.counting {
		// As above, for the reading ahead (which gave nothing while it counted).
		lone := first.lone
		out = &turnOutput{emit: out.emit, title: out.isTitle()}
		if warns, err = readTurns(src, lone, out); err != nil {
			return nil, err
		}
	}
	if header != nil {
		warns = append([]coding.Warning{*header}, warns...)
	}
	return warns, nil
}

// errStopped stops a reading ahead whose items are dropped.
var errStopped = errors.New("stopped")

// turnOutput receives the items readTurns settles: a labelled line with nothing after it is
// made a note (its warning kept in late, after the reader's), and the first item is held to
// be asked whether it is a title, not a turn (titleAsNote).
type turnOutput struct {
	emit  func(coding.Item) error
	n     int              // items received
	late  []coding.Warning // warnings about items, after the reader's own
	title titleChoice
	// titleWarn says that the first item was read as a title; it comes after late.
	titleWarn *coding.Warning
	// counting is set when the first item could be a title: the items are then only counted,
	// by speaker, and not given to emit.
	counting bool
	first    coding.Item
	count    map[string]int
}

type titleChoice uint8

const (
	titleUnknown titleChoice = iota
	titleNo
	titleYes
)

func (o *turnOutput) put(it coding.Item) error {
	// A labeled line with nothing after it and nothing following is not a turn.
	if it.Kind == coding.KindTurn && strings.TrimSpace(it.Text) == "" {
		o.late = append(o.late, coding.Warn(it.Line, say.Errorf("speaker %s says nothing; the label was kept as a note", it.Speaker)))
		colon := ":"
		if r, _ := utf8.DecodeLastRuneInString(it.Label); isWide(r) {
			colon = "："
		}
		it.Kind, it.Text, it.Speaker, it.Label = coding.KindNote, it.Label+colon, "", ""
	}
	first := o.n == 0
	o.n++
	switch {
	case first && o.title == titleUnknown && titleCandidate(it):
		o.counting, o.first, o.count = true, it, map[string]int{}
	case first && o.title == titleYes:
		w := titleWarning(it)
		o.titleWarn = &w
		it = titleNote(it)
	}
	if o.counting {
		if it.Kind == coding.KindTurn && it.Speaker != "" {
			o.count[it.Speaker]++
		}
		return nil
	}
	return o.emit(it)
}

// isTitle tells, once every item was counted, whether the first is a title.
func (o *turnOutput) isTitle() titleChoice {
	if isTitle(o.first, o.count) {
		return titleYes
	}
	return titleNo
}

// readTurns is the reading pass of streamTurns: lone are the labels read as text, and the
// items go to out as they are settled. It returns the warnings, the reader's then out's.
func readTurns(src lineSource, lone *loneLabels, out *turnOutput) ([]coding.Warning, error) {
	var (
		marks = lone.marks
		warns []coding.Warning
		// The item being read: the last one, which a following line may still add to.
		cur    coding.Item
		nitems int  // items so far, cur among them
		open   bool // cur is open: a following unlabeled line continues it
		// The speaker of the last turn, while only notes follow it.
		turn        bool
		turnSpeaker string
		blank       bool // a blank line came since the last line with text
		// A run of lines kept as notes where no turn is open gets one warning: the index of
		// the last such note and of its warning, and how many lines the run holds.
		strayItem, strayWarn, strays = -1, -1, 0
		pages                        []int  // lines dropped as page numbers, for one warning
		prev                         string // the last line the lone-label rules read
	)
	add := func(it coding.Item) error {
		if nitems > 0 {
			if err := out.put(cur); err != nil {
				return err
			}
		}
		cur = it
		nitems++
		return nil
	}
	c := &lineCursor{r: src.open()}
	for {
		raw, n, ok := c.next()
		if !ok {
			break
		}
		lineNo := n + 1
		mark := markAt(marks, n)
		line := trimLine(raw)
		before := prev
		if lone.counted(n, line) {
			prev = line
		}
		if mark.kind == markSkip {
			line = ""
		}
		afterBlank := blank
		if line != "" {
			blank = false
		}
		var err error
		switch {
		case line == "":
			blank = true
			continue
		case mark.kind == markHeader:
			err = add(coding.Item{Kind: coding.KindHeader, Text: line, Line: lineNo})
			open, turn = false, false
		case mark.kind == markNote:
			err = add(coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = true
		case mark.plain() && lone.dropped(n):
			continue // a running header or footer: findRunning said so
		case mark.plain() && isPageNumber(line):
			pages = append(pages, lineNo)
			continue
		case mark.kind != markLabel && open && cur.Kind == coding.KindNote && bracketDepth(cur.Text) > 0 &&
			!(mark.kind == markNone && isHeader(line)) && lineNo-cur.Line < maxBracketLines:
			// Inside an open bracket: a colon here does not make a speaker.
			cur.Text = joinWrapped(cur.Text, line)
		case mark.kind == markText && open:
			cur.Text = joinWrapped(cur.Text, line)
		case mark.kind == markNone && isHeader(line):
			err = add(coding.Item{Kind: coding.KindHeader, Text: line, Line: lineNo})
			open, turn = false, false
		case mark.plain() && isNoteStart(line):
			err = add(coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = true
		default:
			l := lone.label(n, raw)
			why := lone.why(n, l, before)
			isText := why != nil
			if l.ok && !isText {
				speaker := lone.facts.of(l.label).speaker
				err = add(coding.Item{Kind: coding.KindTurn, Speaker: speaker, Label: l.label, Text: l.rest, Line: lineNo})
				open, turn, turnSpeaker = true, true, speaker
				break
			}
			if !isText && afterBlank && open && cur.Kind == coding.KindTurn &&
				(clockLine.MatchString(line) ||
					mark.kind == markNone && endsFullStop(cur.Text) && headingBetweenTurns(line, c, lone)) {
				err = add(coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
				open = true
				break
			}
			// Text continues the open turn or unclosed note.
			if open && (cur.Kind == coding.KindTurn || !noteClosed(cur.Text)) {
				if isText {
					warns = append(warns, loneLabelWarning(lineNo, line, why, say.Errorf("joined to the text before it")))
				}
				cur.Text = joinWrapped(cur.Text, line)
				break
			}
			// After a closed note, the speaker the note interrupted goes on, in a turn of its own
			// after the note ("(代理主席梁君彥議員代為主持會議 )" in the middle of a speech).
			if turn {
				if isText {
					warns = append(warns, loneLabelWarning(lineNo, line, why, say.Errorf("read as %s going on after the note", turnSpeaker)))
				}
				err = add(coding.Item{Kind: coding.KindTurn, Speaker: turnSpeaker, Text: line, Line: lineNo})
				open = true
				break
			}
			if err = add(coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo}); err != nil {
				break
			}
			open = true
			inRun := strayWarn >= 0 && strayItem == nitems-2
			switch {
			case isText:
				// Its own warning; a run of stray lines goes on through it.
				warns = append(warns, loneLabelWarning(lineNo, line, why, say.Errorf("kept as a note")))
				if !inRun {
					strayItem = -1
					continue
				}
			case inRun:
				strays++
				warns[strayWarn] = coding.Warn(warns[strayWarn].Line, say.Errorf("%d lines of text with no speaker label where no turn is open (lines %d to %d); each kept as a note", strays, warns[strayWarn].Line, lineNo))
			default:
				strays, strayWarn = 1, len(warns)
				warns = append(warns, coding.Warn(lineNo, say.Errorf("text with no speaker label where no turn is open; kept as a note")))
			}
			strayItem = nitems - 1
		}
		if err != nil {
			return nil, err
		}
	}
	if err := c.r.err(); err != nil {
		return nil, err
	}
	if nitems > 0 {
		if err := out.put(cur); err != nil {
			return nil, err
		}
	}
	warns = append(warns, out.late...)
	if out.titleWarn != nil {
		warns = append(warns, *out.titleWarn)
	}
	if w := pageNumbersWarning(pages); w != nil {
		warns = append(warns, *w)
	}
	return warns, nil
}

// clockLine is a time of day alone on a line, as transcripts of briefings and hearings note when
// the talk began and ended ("11:52 A.M. EDT", "3:07 P.M. EST", "10:36"): after a blank line
// below a turn it is a note, not words of that turn.
var clockLine = regexp.MustCompile(`^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,5})?$`)

// headingBetweenTurns reports whether line, standing after a blank line below a finished turn,
// is a heading of the record rather than more of that turn ("改善職業安全及健康保障", the
// motion a debate is on): short, without punctuation, and followed by a labelled line or a
// header. c holds the lines after it, which it looks at without reading them, and lone tells
// which are dropped and what labels they start with.
func headingBetweenTurns(line string, c *lineCursor, lone *loneLabels) bool {
	if displayWidth(line) > 60 || strings.ContainsFunc(line, unicode.IsPunct) {
		return false
	}
	for k := 0; ; k++ {
		raw, ok := c.peek(k)
		if !ok {
			return false
		}
		i := c.n + k
		l := strings.TrimSpace(raw)
		if l == "" || isPageNumber(l) || lone.dropped(i) {
			continue
		}
		return lone.label(i, raw).ok || isHeader(l)
	}
}

// looksLikeTurns tells whether lines read as speaker turns rather than prose: several lines
// start with a speaker label, and some label recurs; or the text is a record or transcript of
// long, hard-wrapped turns, where labelled lines are few among the lines (looksLikeRecord).
func looksLikeTurns(lines []string) bool {
	return looksLikeMarkedTurns(lines, nil)
}

// looksLikeMarkedTurns is looksLikeTurns over lines whose markup said what they are (marks, or
// nil for plain text).
func looksLikeMarkedTurns(lines []string, marks []lineMark) bool {
	drop, _ := runningHeaders(lines)
	var found []labelledLine
	facts := labelFacts{}
	counts := map[string]int{}
	labeled, nonblank, top := 0, 0, 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		mark := markAt(marks, i)
		if l == "" || mark.kind == markSkip || mark.plain() && isPageNumber(l) || drop != nil && drop[i] {
			continue
		}
		nonblank++
		if mark.kind == markHeader || mark.kind == markNote || mark.kind == markNone && isHeader(l) || mark.plain() && isNoteStart(l) {
			continue
		}
		if label, ok := labelOf(mark, l); ok {
			labeled++
			f := facts.of(label)
			counts[f.speaker]++
			top = max(top, counts[f.speaker])
			r, _ := utf8.DecodeRuneInString(label)
			found = append(found, labelledLine{pos: nonblank, key: f.speaker, record: f.record, lower: unicode.IsLower(r) && !participantID(label)})
		}
	}
	if labeled < 2 || nonblank == 0 {
		return false
	}
	ratio := float64(labeled) / float64(nonblank)
	return (top >= 2 && ratio >= 0.2) || ratio >= 0.5 || looksLikeRecord(found, counts, nonblank)
}

// labelOf is the speaker label a line (trimmed, neither header nor note) starts with: by the
// plain-text rule (splitLabel), or as its markup says.
func labelOf(mark lineMark, line string) (string, bool) {
	switch mark.kind {
	case markNone:
		label, _, ok := splitLabel(line)
		return label, ok
	case markLabel:
		return mark.label, true
	}
	return "", false
}

// participantID tells whether a label in lower case is a participant's id as transcription
// and QDA tools write them ("admin-1", "p01", "student_3", "int2"): one word of lower-case
// Latin letters with a number, which names a speaker as a capitalised name does.
func participantID(label string) bool {
	digit := false
	for i, r := range label {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= 'a' && r <= 'z':
		case (r == '-' || r == '_') && i > 0:
		default:
			return false
		}
	}
	return digit && len(label) <= 16
}
