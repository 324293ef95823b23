package coding

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestAppendNFKCIsNorm checks the fast NFKC mapping against package norm (and lower case, for
// search's folding): every rune it maps by itself, every pair of the non-ideographs it maps,
// every ideograph beside a few others, and text it must hand to package norm. NFKC is checked
// on the same text.
func TestAppendNFKCIsNorm(t *testing.T) {
	for _, lower := range []bool{false, true} {
		want := func(s string) string {
			if lower {
				return strings.Map(unicode.ToLower, norm.NFKC.String(s))
			}
			return norm.NFKC.String(s)
		}
		mapped := func(s string) (string, bool) {
			b, ok := AppendNFKC(nil, s, lower)
			return string(b), ok
		}
		check := func(s string) {
			if got, ok := mapped(s); ok && got != want(s) {
				t.Errorf("AppendNFKC(%q, lower %v) = %q, package norm gives %q", s, lower, got, want(s))
			}
			if !lower && NFKC(s) != norm.NFKC.String(s) {
				t.Errorf("NFKC(%q) = %q, package norm gives %q", s, NFKC(s), norm.NFKC.String(s))
			}
		}
		var fast []rune
		ideographs := 0
		for r := rune(0); r <= unicode.MaxRune; r++ {
			s := string(r)
			if _, ok := mapped(s); !ok {
				continue
			}
			check(s)
			if r >= 0x3400 && r <= 0x9FFF && nfkcItself(r) {
				ideographs++
				for _, o := range []string{"a", "Ａ", "。", "中"} {
					check(s + o)
					check(o + s)
				}
				continue
			}
			fast = append(fast, r)
		}
		if ideographs < 27000 || len(fast) < 128+94+20 {
			t.Fatalf("fast set: %d ideographs, %d others", ideographs, len(fast))
		}
		for _, a := range fast {
			for _, b := range fast {
				check(string([]rune{a, b}))
			}
		}
		for _, s := range []string{"cafe\u0301", "ｶﾞ", "…", "ﬁ", "①", "\xff", "Ⅻ", "ＣＬＢ ｶ"} {
			if _, ok := mapped(s); ok {
				t.Errorf("AppendNFKC(%q) did not defer to package norm", s)
			}
			check(s)
		}
	}
}
