package transcript

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
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
	return parseTurnLines(splitLines(text))
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
	if m := questionLine.FindStringSubmatch(line); m != nil {
		return "Q", m[1], true
	}
	_, label, rest, ok = speakerLabel(line, false)
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
	var (
		items []coding.Item
		warns []coding.Warning
		open  = -1 // index of the item that a following unlabeled line continues, or -1
		turn  = -1 // index of the last turn, while only notes follow it, or -1
		blank bool // a blank line came since the last line with text
		facts = labelFacts{}
		// A run of lines kept as notes where no turn is open gets one warning: the index of
		// the last such note and of its warning, and how many lines the run holds.
		strayItem, strayWarn, strays = -1, -1, 0
		pages                        []int // lines dropped as page numbers, for one warning
	)
	drop, header := runningHeaders(lines)
	if header != nil {
		warns = append(warns, *header)
	}
	asText, labels := loneLabelsAsText(lines, drop, facts, marks)
	for n, raw := range lines {
		lineNo := n + 1
		mark := markAt(marks, n)
		line := trimLine(raw)
		if mark.kind == markSkip {
			line = ""
		}
		afterBlank := blank
		if line != "" {
			blank = false
		}
		switch {
		case line == "":
			blank = true
			continue
		case mark.kind == markHeader:
			items = append(items, coding.Item{Kind: coding.KindHeader, Text: line, Line: lineNo})
			open, turn = -1, -1
		case mark.kind == markNote:
			items = append(items, coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = len(items) - 1
		case mark.plain() && drop != nil && drop[n]:
			continue // a running header or footer: runningHeaders said so
		case mark.plain() && isPageNumber(line):
			pages = append(pages, lineNo)
			continue
		case mark.kind != markLabel && open >= 0 && items[open].Kind == coding.KindNote && bracketDepth(items[open].Text) > 0 &&
			!(mark.kind == markNone && isHeader(line)) && lineNo-items[open].Line < maxBracketLines:
			// Inside an open bracket: a colon here does not make a speaker.
			items[open].Text = joinWrapped(items[open].Text, line)
		case mark.kind == markText && open >= 0:
			items[open].Text = joinWrapped(items[open].Text, line)
		case mark.kind == markNone && isHeader(line):
			items = append(items, coding.Item{Kind: coding.KindHeader, Text: line, Line: lineNo})
			open, turn = -1, -1
		case mark.plain() && isNoteStart(line):
			items = append(items, coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = len(items) - 1
		default:
			why, isText := asText[n]
			if l := labels[n]; l.ok && !isText {
				items = append(items, coding.Item{Kind: coding.KindTurn, Speaker: facts.of(l.label).speaker,
					Label: l.label, Text: l.rest, Line: lineNo})
				open, turn = len(items)-1, len(items)-1
				continue
			}
			if !isText && afterBlank && open >= 0 && items[open].Kind == coding.KindTurn &&
				(clockLine.MatchString(line) ||
					mark.kind == markNone && endsFullStop(items[open].Text) && headingBetweenTurns(line, lines[n+1:], drop[min(n+1, len(drop)):], labels[n+1:])) {
				items = append(items, coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
				open = len(items) - 1
				continue
			}
			// Text continues the open turn or unclosed note.
			if open >= 0 && (items[open].Kind == coding.KindTurn || !noteClosed(items[open].Text)) {
				if isText {
					warns = append(warns, loneLabelWarning(lineNo, line, why, "joined to the text before it"))
				}
				items[open].Text = joinWrapped(items[open].Text, line)
				continue
			}
			// After a closed note, the speaker the note interrupted goes on, in a turn of its own
			// after the note ("(代理主席梁君彥議員代為主持會議 )" in the middle of a speech).
			if turn >= 0 {
				if isText {
					warns = append(warns, loneLabelWarning(lineNo, line, why, "read as "+items[turn].Speaker+" going on after the note"))
				}
				items = append(items, coding.Item{Kind: coding.KindTurn, Speaker: items[turn].Speaker, Text: line, Line: lineNo})
				open, turn = len(items)-1, len(items)-1
				continue
			}
			items = append(items, coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = len(items) - 1
			inRun := strayWarn >= 0 && strayItem == open-1
			switch {
			case isText:
				// Its own warning; a run of stray lines goes on through it.
				warns = append(warns, loneLabelWarning(lineNo, line, why, "kept as a note"))
				if !inRun {
					strayItem = -1
					continue
				}
			case inRun:
				strays++
				warns[strayWarn].Message = fmt.Sprintf("%d lines of text with no speaker label where no turn is open (lines %d to %d); each kept as a note", strays, warns[strayWarn].Line, lineNo)
			default:
				strays, strayWarn = 1, len(warns)
				warns = append(warns, coding.Warning{Line: lineNo, Message: "text with no speaker label where no turn is open; kept as a note"})
			}
			strayItem = open
		}
	}
	// A labeled line with nothing after it and nothing following is not a turn.
	out := items[:0]
	for _, it := range items {
		if it.Kind == coding.KindTurn && strings.TrimSpace(it.Text) == "" {
			warns = append(warns, coding.Warning{Line: it.Line, Message: "speaker " + it.Speaker + " says nothing; the label was kept as a note"})
			colon := ":"
			if r, _ := utf8.DecodeLastRuneInString(it.Label); isWide(r) {
				colon = "："
			}
			it.Kind, it.Text, it.Speaker, it.Label = coding.KindNote, it.Label+colon, "", ""
		}
		out = append(out, it)
	}
	warns = titleAsNote(out, warns)
	if w := pageNumbersWarning(pages); w != nil {
		warns = append(warns, *w)
	}
	return out, warns
}

// clockLine is a time of day alone on a line, as transcripts of briefings and hearings note when
// the talk began and ended ("11:52 A.M. EDT", "3:07 P.M. EST", "10:36"): after a blank line
// below a turn it is a note, not words of that turn.
var clockLine = regexp.MustCompile(`^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,5})?$`)

// headingBetweenTurns reports whether line, standing after a blank line below a finished turn,
// is a heading of the record rather than more of that turn ("改善職業安全及健康保障", the
// motion a debate is on): short, without punctuation, and followed by a labelled line or a
// header. rest are the lines after it, skip marks those dropped (nil when none are), and
// labels the labels they start with (loneLabelsAsText).
func headingBetweenTurns(line string, rest []string, skip []bool, labels []lineLabel) bool {
	if displayWidth(line) > 60 || strings.ContainsFunc(line, unicode.IsPunct) {
		return false
	}
	for i, l := range rest {
		l = strings.TrimSpace(l)
		if l == "" || isPageNumber(l) || skip != nil && skip[i] {
			continue
		}
		return labels[i].ok || isHeader(l)
	}
	return false
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
