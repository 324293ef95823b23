package transcript

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Lines for the fast paths' oracle tests: every line of the seed corpus, and lines made to sit
// at their edges.
func fastPathLines(t *testing.T) []string {
	lines := []string{
		"", " ", "12", "１２", "- 4 -", "— 12 —", "·3·", "第4页", "第 12 頁", "第4页 -", "12\u00a0", "\u00a012\u3000",
		"12a", "a12", "第四页", "123456", "12345", "٣", "12。", "：", ":", "︰", "a:b：c︰d", "︰：:", "东营市总工会：喂",
		"CLB: hello", "10:36", "记者：你好：再见", "ab︰cd：ef", "页", "-", "\xff", "12\xff", "第\xff页",
	}
	paths, _ := filepath.Glob(filepath.Join("..", "..", "seeds", "*"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	if len(lines) < 200 {
		t.Fatalf("%d lines: the seeds are not where the test looks (%v)", len(lines), paths)
	}
	// Random lines over an alphabet of the characters the rules look at.
	alphabet := []rune("0123456789１２: ：︰-–—·第页頁 \u3000\u00a0a中。")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		r := make([]rune, rng.IntN(8))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		lines = append(lines, string(r))
	}
	return lines
}

// TestColonIndexIsIndexAny: colonIndex finds the colon strings.IndexAny finds.
func TestColonIndexIsIndexAny(t *testing.T) {
	for _, l := range fastPathLines(t) {
		if got, want := colonIndex(l), strings.IndexAny(l, ":：︰"); got != want {
			t.Errorf("colonIndex(%q) = %d, want %d", l, got, want)
		}
	}
}

// TestIsPageNumberQuickRejectChangesNothing: isPageNumber, which rejects most lines by their
// last rune, says what its rule without the shortcut says of every line.
func TestIsPageNumberQuickRejectChangesNothing(t *testing.T) {
	pages := 0
	for _, l := range fastPathLines(t) {
		got, want := isPageNumber(l), pageNumberRule(l)
		if got != want {
			t.Errorf("isPageNumber(%q) = %v, the rule says %v", l, got, want)
		}
		if got {
			pages++
		}
	}
	if pages < 100 {
		t.Errorf("only %d lines are page numbers: the lines do not try the rule", pages)
	}
}
