package transcript

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// splitLines splits text on LF, CRLF or a lone CR, keeping every line (blank ones too).
func splitLines(text string) []string {
	if strings.IndexByte(text, '\r') >= 0 { // copy only when there is something to replace
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return strings.Split(text, "\n")
}

// isPageNumber reports whether a trimmed line is a stray page number: one to five digits
// alone (ASCII or full-width; a year's records of a parliament run past 10,000 pages),
// optionally framed as "- 4 -", "第4页" or "第 12 頁".
func isPageNumber(line string) bool {
	// Most lines end in a letter or a full stop: the last rune that is not a space tells at
	// once (trimming a Chinese line, which has no ASCII fast path, is slower).
	end := line
	for end != "" {
		r, size := utf8.DecodeLastRuneInString(end)
		if !unicode.IsSpace(r) {
			if !unicode.IsDigit(r) && !strings.ContainsRune("-–—·页頁", r) {
				return false
			}
			break
		}
		end = end[:len(end)-size]
	}
	return pageNumberRule(line)
}

// pageNumberRule is isPageNumber without its shortcut.
func pageNumberRule(line string) bool {
	s := strings.TrimSpace(line)
	s = strings.TrimFunc(s, func(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '·' || r == ' ' })
	if strings.HasPrefix(s, "第") && (strings.HasSuffix(s, "页") || strings.HasSuffix(s, "頁")) {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(s, "第"), "页"), "頁"))
	}
	n := 0
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 5
}

// isWide reports whether r is written without spaces around it (coding.IsWide).
func isWide(r rune) bool { return coding.IsWide(r) }

// joinWrapped joins a hard-wrapped line to the text before it: nothing between two pieces
// when either side of the break is CJK (Chinese does not put spaces between words), one space
// between Latin words, and a hyphen at the end of a Latin line followed by a lower-case letter
// is kept as it stands ("well-\nknown" reads "well-known").
func joinWrapped(before, after string) string {
	before = strings.TrimRight(before, " \t\u3000")
	after = strings.TrimLeft(after, " \t\u3000")
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	if last == '-' && unicode.IsLower(first) {
		return before + after
	}
	return coding.JoinText(before, after)
}

// endsSentence reports whether text ends where a sentence can end: 。！？!?.… or a closing
// quote or bracket after one of them.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, " \t\u3000")
	for text != "" {
		r, size := utf8.DecodeLastRuneInString(text)
		switch r {
		case '。', '！', '？', '!', '?', '.', '…', '；', ';', '：', ':':
			return true
		case '”', '’', '"', '\'', '）', ')', '」', '』', '】', '》':
			text = text[:len(text)-size]
			continue
		}
		return false
	}
	return false
}

// pageNumbersWarning says which lines were dropped as stray page numbers (their 1-based
// numbers, the first ten named), or nil when none was: nothing goes without a word.
func pageNumbersWarning(lines []int) *coding.Warning {
	if len(lines) == 0 {
		return nil
	}
	nums := make([]string, 0, min(len(lines), 11))
	for i, n := range lines {
		if i == 10 {
			nums = append(nums, "…")
			break
		}
		nums = append(nums, strconv.Itoa(n))
	}
	w := coding.Warn(lines[0], say.Errorf("dropped %d stray page number(s) on line(s) %s", len(lines), strings.Join(nums, ", ")))
	return &w
}

// quoted quotes a text of the source in a warning, as a person writes it: "put them: "Report
// it"", not with Go's escapes ("put them: \"Report it\""); line breaks and control
// characters are made printable.
func quoted(s string) string { return `"` + coding.Printable(s) + `"` }

// sayJoin is items joined as a list, "a, b, c", as one sentence of say (Chinese joins them
// with 、).
func sayJoin(items []error) error {
	list := items[0]
	for _, it := range items[1:] {
		list = say.Errorf("%v, %v", list, it)
	}
	return list
}
