package transcript

import (
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
// a speaker label (speakerLabel); ok is false otherwise.
func splitLabel(line string) (label, rest string, ok bool) {
	_, label, rest, ok = speakerLabel(line, false)
	return label, rest, ok
}

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
		return true
	}
	return strings.ContainsRune("拨重致呼dDcC", r) && dialLine.MatchString(line)
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
	var (
		items []coding.Item
		warns []coding.Warning
		open  = -1                  // index of the item that a following unlabeled line continues, or -1
		norm  = map[string]string{} // labels as written -> normalised; labels repeat
	)
	for n, raw := range lines {
		lineNo := n + 1
		line := strings.TrimFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
		switch {
		case line == "":
			continue
		case isPageNumber(line):
			continue
		case open >= 0 && items[open].Kind == coding.KindNote && bracketDepth(items[open].Text) > 0 &&
			!isHeader(line) && lineNo-items[open].Line < maxBracketLines:
			// Inside an open bracket: a colon here does not make a speaker.
			items[open].Text = joinWrapped(items[open].Text, line)
		case isHeader(line):
			items = append(items, coding.Item{Kind: coding.KindHeader, Text: line, Line: lineNo})
			open = -1
		case isNoteStart(line):
			items = append(items, coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = len(items) - 1
		default:
			if label, rest, ok := splitLabel(line); ok {
				speaker, seen := norm[label]
				if !seen {
					speaker = coding.NormalizeLabel(label)
					norm[label] = speaker
				}
				items = append(items, coding.Item{Kind: coding.KindTurn, Speaker: speaker,
					Label: label, Text: rest, Line: lineNo})
				open = len(items) - 1
				continue
			}
			if open >= 0 && (items[open].Kind == coding.KindTurn || !noteClosed(items[open].Text)) {
				items[open].Text = joinWrapped(items[open].Text, line)
				continue
			}
			items = append(items, coding.Item{Kind: coding.KindNote, Text: line, Line: lineNo})
			open = len(items) - 1
			warns = append(warns, coding.Warning{Line: lineNo, Message: "text with no speaker label where no turn is open; kept as a note"})
		}
	}
	// A labeled line with nothing after it and nothing following is not a turn.
	out := items[:0]
	for _, it := range items {
		if it.Kind == coding.KindTurn && strings.TrimSpace(it.Text) == "" {
			warns = append(warns, coding.Warning{Line: it.Line, Message: "speaker " + it.Speaker + " says nothing; the label was kept as a note"})
			it.Kind, it.Text, it.Speaker, it.Label = coding.KindNote, it.Label+"：", "", ""
		}
		out = append(out, it)
	}
	warns = titleAsNote(out, warns)
	return out, warns
}

// looksLikeTurns tells whether lines read as speaker turns rather than prose: several lines
// start with a speaker label, and some label recurs.
func looksLikeTurns(lines []string) bool {
	counts := map[string]int{}
	labeled, nonblank, top := 0, 0, 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || isPageNumber(l) {
			continue
		}
		nonblank++
		if isHeader(l) || isNoteStart(l) {
			continue
		}
		if label, _, ok := splitLabel(l); ok {
			labeled++
			k := coding.NormalizeLabel(label)
			counts[k]++
			if counts[k] > top {
				top = counts[k]
			}
		}
	}
	if labeled < 2 || nonblank == 0 {
		return false
	}
	ratio := float64(labeled) / float64(nonblank)
	return (top >= 2 && ratio >= 0.2) || ratio >= 0.5
}
