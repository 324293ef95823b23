package analysis

import (
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// Palette are the colours of the codes that have none of their own in a chart: first
// Okabe and Ito's, told apart also with a colour vision deficiency, then Tableau's (RRGGBB).
var Palette = []string{"0072B2", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9", "F0E442", "000000",
	"4E79A7", "F28E2B", "59A14F", "E15759", "B07AA1", "9C755F", "76B7B2", "EDC948"}

// Colours gives each of codes (names) its colour in a chart, as RRGGBB: the codebook's, unless
// it has none or an earlier code has it, else the first of Palette no code has; past the
// palette, the palette again. The workbook's charts, the SVG and the window colour codes alike
// through it.
func Colours(codes []string, codebook []coding.Code) []string {
	own := map[string]string{}
	for _, c := range codebook {
		if hex := strings.TrimPrefix(c.Colour, "#"); len(hex) == 6 && IsHex(hex) {
			own[c.Name] = strings.ToUpper(hex)
		}
	}
	used := map[string]bool{}
	out := make([]string, len(codes))
	for i, c := range codes {
		if hex, ok := own[c]; ok && !used[hex] {
			out[i], used[hex] = hex, true
		}
	}
	next := 0
	for i := range codes {
		if out[i] != "" {
			continue
		}
		for next < len(Palette) && used[Palette[next]] {
			next++
		}
		if next < len(Palette) {
			out[i] = Palette[next]
			used[out[i]] = true
			continue
		}
		out[i] = Palette[i%len(Palette)]
	}
	return out
}

// IsHex reports whether s is hexadecimal digits only.
func IsHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
