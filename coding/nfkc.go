package coding

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFKC is norm.NFKC.String(s). Text made only of runes whose NFKC form is known here (see
// AppendNFKC) is mapped without package norm, which for Chinese text with full-width
// punctuation is several times faster; s itself is given back when nothing changes.
func NFKC(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !nfkcItself(r) {
			if b, ok := AppendNFKC(make([]byte, 0, len(s)), s, false); ok {
				return string(b)
			}
			return norm.NFKC.String(s)
		}
		i += n
	}
	return s
}

// AppendNFKC appends norm.NFKC of s to dst (lower-cased when lower is set) without going
// through package norm when every rune of s is one whose NFKC form is known here: ASCII,
// full-width ASCII (which NFKC maps to ASCII), the ideographic space, CJK ideographs and the
// common CJK and general punctuation that NFKC leaves alone. None of these composes with
// another of them, so mapping rune by rune is NFKC. For any other rune it returns false, and
// the caller maps s with package norm. TestAppendNFKCIsNorm checks every rune of the fast set
// and every pair of its non-ideographs, both ways.
func AppendNFKC(dst []byte, s string, lower bool) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if lower && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case nfkcItself(r):
			dst = append(dst, s[i:i+n]...)
		case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
			c := byte(r - 0xFEE0)
			if lower && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		case r == 0x3000: // ideographic space
			dst = append(dst, ' ')
		default:
			return dst, false
		}
		i += n
	}
	return dst, true
}

// nfkcItself tells the runes past ASCII that AppendNFKC copies as they are: NFKC and lower case
// leave them alone, and they compose with nothing in the fast set.
func nfkcItself(r rune) bool {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF, 0x3400 <= r && r <= 0x4DBF: // CJK unified ideographs, extension A
		return true
	case 0x3001 <= r && r <= 0x3003, 0x3008 <= r && r <= 0x3011, 0x3014 <= r && r <= 0x301F: // 、。〃 〈〉《》「」『』【】 〔〕〖〗〘〙〚〛〜〝〞〟
		return true
	case r == 0x00B7, r == 0x2013, r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D, r == 0x2030: // ·–—‘’“”‰
		return true
	}
	return false
}
