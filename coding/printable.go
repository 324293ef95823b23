package coding

import "strings"

// Printable makes a message that may quote bytes of an input (from an XML decoder, a zip
// reader, excelize) safe to print as one line: invalid UTF-8 and control characters, line
// breaks included, become U+FFFD.
func Printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
