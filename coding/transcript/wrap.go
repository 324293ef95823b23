package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	s := strings.TrimSpace(line)
	s = strings.Trim(s, "-–—· ")
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

// isWide reports whether r is written without spaces around it: Han, kana, Hangul, and
// full-width or CJK punctuation.
func isWide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // half- and full-width forms
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—' || r == '·':
		return true
	}
	return false
}

// joinWrapped joins a hard-wrapped line to the text before it: nothing between two pieces
// when either side of the break is CJK (Chinese does not put spaces between words), one space
// between Latin words, and a hyphen at the end of a Latin line followed by a lower-case letter
// is kept as it stands ("well-\nknown" reads "well-known").
func joinWrapped(before, after string) string {
	before = strings.TrimRight(before, " \t\u3000")
	after = strings.TrimLeft(after, " \t\u3000")
	if before == "" {
		return after
	}
	if after == "" {
		return before
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	if isWide(last) || isWide(first) {
		return before + after
	}
	if last == '-' && unicode.IsLower(first) {
		return before + after
	}
	return before + " " + after
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
