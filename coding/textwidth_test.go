package coding

import "testing"

// The widths a terminal gives: Chinese, kana, hangul, full-width Latin and emoji two columns,
// half-width katakana and ambiguous-width punctuation one, combining marks, joiners and
// control characters none.
func TestTextWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"CLB", 3},
		{"访谈员", 6},
		{"東營市總工會", 12},
		{"联通 114 电话导航", 17},
		{"（2019年3月24日）", 17},
		{"ＡＢＣ１", 8},         // full-width Latin
		{"ｶﾀｶﾅ", 4},         // half-width katakana
		{"カタカナ", 8},         // kana
		{"한국어", 6},          // hangul syllables
		{"\u1100\u1161", 2}, // the same syllable from conjoining jamo
		{"e\u0301", 1},      // é as e and a combining acute
		{"Zoë\u0308", 3},    // a combining diaeresis on a precomposed one
		{"か\u3099", 2},      // が as か and the combining voiced mark
		{"😀", 2},
		{"👍🏽", 4},                   // emoji and a skin-tone modifier, each wide
		{"👩\u200d💻", 4},             // a joined sequence counts as its parts
		{"a\u200bb", 2},             // zero-width space
		{"Cohen κ — α…", 12},        // ambiguous width counts one
		{"\x1b[0m\t", 3},            // control characters take no column
		{string([]byte{0xff}), 1},   // invalid UTF-8 is U+FFFD
		{"\U00020000\U0002A6D6", 4}, // CJK Extension B
	} {
		if got := TextWidth(c.s); got != c.want {
			t.Errorf("TextWidth(%+q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestRuneWidth(t *testing.T) {
	for r, want := range map[rune]int{'a': 1, ' ': 1, '\n': 0, 0x7f: 0, 0x85: 0, 0xad: 1, 'é': 1, 'κ': 1,
		'中': 2, '　': 2, 'Ａ': 2, '｡': 1, '\u0301': 0, '\u20dd': 0, '\ufe0f': 0, '\u200d': 0, '\u302a': 0, '\u11a8': 0,
		'가': 2, '\U0001F600': 2, '\U0001F1E8': 1} {
		if got := RuneWidth(r); got != want {
			t.Errorf("RuneWidth(%U) = %d, want %d", r, got, want)
		}
	}
}
