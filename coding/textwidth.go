package coding

import (
	"unicode"

	eastasian "golang.org/x/text/width"
)

// RuneWidth is the number of columns r takes in a terminal or a fixed-width cell: two for an
// East Asian Wide or Fullwidth character (汉字, kana, hangul syllables, full-width Latin such as
// Ａ, most emoji), none for a combining mark (the accent of é written as e + U+0301, a
// variation selector), a format character (the zero-width joiner and space) or a control
// character, and one for everything else. Ambiguous-width characters (κ, —, …) count one, as
// terminals outside a CJK locale draw them. The rule is per character: an emoji sequence
// joined by U+200D counts as the sum of its parts, which some terminals draw narrower.
func RuneWidth(r rune) int {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0
	case r < 0x300: // Latin, IPA, spacing modifiers (the soft hyphen too, which terminals show)
		return 1
	case r >= 0x4e00 && r <= 0x9fff, r >= 0xac00 && r <= 0xd7a3: // 汉字 and hangul, at once
		return 2
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1160 && r <= 0x11ff, r >= 0xd7b0 && r <= 0xd7ff:
		return 0 // conjoining hangul vowels and final consonants join the syllable before them
	}
	switch eastasian.LookupRune(r).Kind() {
	case eastasian.EastAsianWide, eastasian.EastAsianFullwidth:
		return 2
	}
	return 1
}

// TextWidth is the number of columns s takes on one line: the sum of its characters' widths
// (RuneWidth).
func TextWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x7f && r >= 0x20 {
			n++
			continue
		}
		n += RuneWidth(r)
	}
	return n
}
