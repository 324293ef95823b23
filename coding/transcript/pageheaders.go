package transcript

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Text extracted from a PDF keeps each page's running header and footer as lines of their
// own: "立法會 ─ 2013年 1月 17日" and "LEGISLATIVE COUNCIL ─ 17 January 2013" on every page of
// a record, "第 12 頁" or "Page 12 of 40" at its foot, often with the page number beside them.
// Left in, they land inside whatever turn or paragraph a page break falls in. runningHeaders
// finds them by how they repeat: the same line, up to its numbers, at page-like intervals
// through the document. A line a speaker really says twice, or a table's heading repeated
// here and there, does not repeat like that.

const (
	// headerMaxRunes is the longest line taken for a running header or footer, and
	// noticeMaxRunes for one written in sentences.
	headerMaxRunes = 60
	noticeMaxRunes = 200
	// noticeMinWidth is the narrowest notice taken (display width: 30 Han characters).
	noticeMinWidth = 60
	// headerMinRepeats is how many pages at least must carry a line for it to be running.
	headerMinRepeats = 3
	// pageMinLines is the fewest non-blank lines believed to lie between two headers: pages
	// hold more text than that.
	pageMinLines = 8
)

var (
	// Numbers in a header change from page to page: page numbers, and the date of a sitting
	// that runs over two days. Chinese numerals count only as a page number ("第十二頁").
	headerDigits   = regexp.MustCompile(`[0-9]+`)
	headerZHNumber = regexp.MustCompile(`第[〇零一二三四五六七八九十百千两兩]+[頁页]`)
	headerMonths   = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b`)
)

// runningKey is what two occurrences of a running header share: the line with its numbers and
// month names replaced, its spaces dropped (extraction spaces them differently), and numbers
// at either end left out, so that a page number printed before the header on even pages and
// after it on odd ones gives one key.
func runningKey(s string) string { return runningKeyNFKC(coding.NFKC(s)) }

// runningKeyNFKC is runningKey of a line already in NFKC.
func runningKeyNFKC(s string) string {
	// The expressions are asked only of lines that hold what they match.
	if strings.Contains(s, "第") {
		s = headerZHNumber.ReplaceAllString(s, "第#頁")
	}
	if hasMonthWord(s) {
		s = headerMonths.ReplaceAllString(s, "M")
	}
	if strings.ContainsAny(s, "0123456789") {
		s = headerDigits.ReplaceAllString(s, "#")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.Trim(s, "#-–—─|·.,:;/ ")
}

// hasMonthWord reports whether headerMonths can match s: whether a word of s, a run of ASCII
// letters, digits and underscores as \b bounds it, is a month's name or abbreviation in any
// case. It is asked first, as the expression is slow and most lines hold no month.
func hasMonthWord(s string) bool {
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if n := j - i; n >= 3 && n <= 9 && monthWords[strings.ToLower(s[i:j])] {
			return true
		}
		i = j
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// monthWords are the words headerMonths matches.
var monthWords = map[string]bool{}

func init() {
	for _, m := range strings.Split("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec", " ") {
		monthWords[m] = true
	}
}

// headerCandidate reports whether a trimmed line could be a running header or footer: short,
// with a letter in it, and read as no part of a sentence: it ends no sentence, has no clause
// punctuation in it (an English header may hold one comma), is not wholly in brackets (a stage
// direction repeated here and there) and opens with no markup. (A "Label: text" line is none
// either; that is asked only of lines that repeat as headers do, as it takes longer.)
func headerCandidate(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > headerMaxRunes || isPageNumber(s) || endsSentence(s) ||
		strings.ContainsAny(s, "，、；。！？;!?") || strings.Count(s, ",") > 1 {
		return false
	}
	return plainLine(s)
}

// noticeCandidate reports whether a trimmed line could be a running footer written in
// sentences, a notice that a publisher prints on every page ("The electronic version of the
// Senate Hansard Report is for information purposes only."): longer than a line a speaker
// ends a speech with (noticeMinWidth), with a letter, not wholly in brackets and opening with
// no markup. Such a line is taken only where it repeats word for word beside the page numbers.
func noticeCandidate(s string) bool {
	n := utf8.RuneCountInString(s)
	return n*2 >= noticeMinWidth && n <= noticeMaxRunes && displayWidth(s) >= noticeMinWidth && plainLine(s)
}

// plainLine reports whether s has a letter, is not wholly in brackets and opens with no markup
// (HTML, or Markdown's headings, emphasis, tables and quotes: text from the web, not a PDF).
func plainLine(s string) bool {
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return !strings.ContainsRune("<#*|>", r) && !(isOpener(r) && bracketedLine(s))
}

// runningHeaders marks the lines of lines that are running page headers or footers, and
// returns one warning that says what was dropped and how many times (nil when nothing was):
// findRunning over lines in memory.
func runningHeaders(lines []string) ([]bool, *coding.Warning) {
	found, warn, _ := findRunning(sliceSource(lines))
	if found == nil {
		return nil, nil
	}
	drop := make([]bool, len(lines))
	for _, i := range found {
		drop[i] = true
	}
	return drop, warn
}

// findRunning reads the lines of src once and returns the indexes, in order, of those that
// are running page headers or footers, with one warning that says what was dropped and how
// many times (nil and nil when nothing was). A line is running when at least
// headerMinRepeats lines share its key, the non-blank lines between them are page-like (a
// median of pageMinLines or more, and three in four within a factor of three of the median),
// and they recur through the document (from the first to one page after the last, half of
// its non-blank lines at least). Only the lines that could be headers are remembered, with
// the numbers in them, so a long source is not held.
func findRunning(src lineSource) ([]int, *coding.Warning, error) {
	type seen struct {
		first  string  // the text of the first occurrence
		at     []int   // indexes into lines
		pos    []int   // positions among the non-blank lines
		nums   [][]int // the numbers in each occurrence (numbersIn)
		notice bool    // a notice in sentences, the same word for word (noticeCandidate)
	}
	groups := map[string]*seen{}
	var order []string
	var numbers []int // positions of lines that are page numbers alone
	nonblank := 0
	r := src.open()
	for i := 0; ; i++ {
		raw, ok := r.next()
		if !ok {
			break
		}
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		nonblank++
		if isPageNumber(s) {
			numbers = append(numbers, nonblank)
			continue
		}
		var k, nfkc string
		notice := false
		switch {
		case headerCandidate(s):
			nfkc = coding.NFKC(s)
			k = runningKeyNFKC(nfkc)
		case noticeCandidate(s):
			k, notice = "\x00"+s, true
		}
		if k == "" || !strings.ContainsFunc(k, unicode.IsLetter) {
			continue
		}
		if notice {
			nfkc = coding.NFKC(s)
		}
		g := groups[k]
		if g == nil {
			g = &seen{first: strings.Clone(s), notice: notice}
			groups[k] = g
			order = append(order, k)
		}
		g.at = append(g.at, i)
		g.pos = append(g.pos, nonblank)
		g.nums = append(g.nums, numbersInNFKC(nfkc))
	}
	if err := r.err(); err != nil {
		return nil, nil, err
	}
	// A line found running marks page breaks as a page number does, so a header can be found
	// beside a footer that carries the page number ("第 2 页 共 3 页"): look again until
	// nothing more is found.
	var found []*seen
	taken := map[*seen]bool{}
	for more := true; more; {
		more = false
		for _, k := range order {
			g := groups[k]
			if taken[g] || len(g.at) < headerMinRepeats {
				continue
			}
			if !running(g.pos, g.nums, numbers, nonblank) || g.notice && !besidePageNumbers(g.pos, numbers) {
				continue
			}
			if _, _, ok := splitLabel(g.first); ok {
				continue
			}
			taken[g], more = true, true
			found = append(found, g)
			numbers = append(numbers, g.pos...)
			sort.Ints(numbers)
		}
	}
	if len(found) == 0 {
		return nil, nil, nil
	}
	sort.Slice(found, func(i, j int) bool { return found[i].at[0] < found[j].at[0] })
	var drop []int
	parts := make([]error, len(found))
	for i, g := range found {
		drop = append(drop, g.at...)
		parts[i] = say.Errorf("%s %d times", quoted(g.first), len(g.at))
	}
	sort.Ints(drop)
	why := say.Errorf("dropped a running page header or footer that repeats through the document at page intervals: %s %d times", quoted(found[0].first), len(found[0].at))
	if len(found) > 1 {
		why = say.Errorf("dropped running page headers and footers that repeat through the document at page intervals: %v", sayJoin(parts))
	}
	w := coding.Warn(found[0].at[0]+1, why)
	return drop, &w, nil
}

// besidePageNumbers reports whether half the positions pos at least have a page number
// within two non-blank lines of them (numbers holds the page numbers' positions, in order).
func besidePageNumbers(pos, numbers []int) bool {
	near := 0
	for _, p := range pos {
		k := sort.SearchInts(numbers, p-2)
		if k < len(numbers) && numbers[k] <= p+2 {
			near++
		}
	}
	return near*2 >= len(pos)
}

// running reports whether lines at positions pos (among nonblank non-blank lines, with the
// numbers nums in them) repeat as a page's header or footer does, given the positions of the
// page numbers alone on a line:
//   - on headerMinRepeats pages at least, and, where the pages are numbered, on half of them
//     at least (an annex's heading that opens three pages of two hundred is none);
//   - from the first to one page after the last, over half the document;
//   - beside the page numbers (within two lines of one, for half of them); or else with a
//     page number of its own (pageNumbered) at page-like intervals: a median of pageMinLines
//     non-blank lines or more, three gaps in four within a factor of three of the median.
//
// A line away from the page numbers and without one of its own (a heading repeated in three
// sections, "<figure>", a refrain) is never taken.
func running(pos []int, nums [][]int, numbers []int, nonblank int) bool {
	n := len(pos)
	if n < headerMinRepeats || len(numbers) >= headerMinRepeats && n*2 < len(numbers) {
		return false
	}
	gaps := make([]int, n-1)
	for i := range gaps {
		gaps[i] = pos[i+1] - pos[i]
	}
	sorted := append([]int(nil), gaps...)
	sort.Ints(sorted)
	median := sorted[len(sorted)/2]
	if (pos[n-1]-pos[0]+median)*2 < nonblank {
		return false
	}
	if besidePageNumbers(pos, numbers) {
		return median >= 2
	}
	if median < pageMinLines || !pageNumbered(nums) {
		return false
	}
	regular := 0
	for _, g := range gaps {
		if g*3 >= median && g <= median*3 {
			regular++
		}
	}
	return regular*4 >= len(gaps)*3
}

// pageNumbered reports whether the occurrences of a line carry a page number: from one
// occurrence to the next, all numbers but one stay as they were, and that one goes up by one
// page (or two, where headers alternate between odd and even pages), wherever it stands
// ("Page 3 of 40", "Page 4 of 40"; "LEGISLATIVE COUNCIL ─ 17 January 2013 3601", "3602
// LEGISLATIVE COUNCIL ─ 17 January 2013"). Three steps in four must do so (a page may lack
// its header, a sitting's date may change once); numbered sections ("L2", "L3", "L6", "L10")
// step unevenly.
func pageNumbered(nums [][]int) bool {
	steps := map[int]int{}
	for i := 1; i < len(nums); i++ {
		if a, b, found := changed(nums[i-1], nums[i]); found {
			steps[b-a]++
		}
	}
	return max(steps[1], steps[2])*4 >= (len(nums)-1)*3
}

// changed finds the one number of a that b holds changed (a and b compared as multisets): a's
// and b's, with found false when they differ otherwise.
func changed(a, b []int) (int, int, bool) {
	if len(a) != len(b) || len(a) == 0 {
		return 0, 0, false
	}
	left := map[int]int{}
	for _, v := range a {
		left[v]++
	}
	var extra []int
	for _, v := range b {
		if left[v] > 0 {
			left[v]--
		} else {
			extra = append(extra, v)
		}
	}
	if len(extra) != 1 {
		return 0, 0, false
	}
	for v, n := range left {
		if n > 0 {
			return v, extra[0], true
		}
	}
	return 0, 0, false
}

// numbersIn returns the numbers written in s, in order (full-width digits count).
func numbersIn(s string) []int { return numbersInNFKC(coding.NFKC(s)) }

// numbersInNFKC is numbersIn of a line already in NFKC.
func numbersInNFKC(s string) []int {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	var out []int
	for _, d := range headerDigits.FindAllString(s, -1) {
		if v, err := strconv.Atoi(d); err == nil {
			out = append(out, v)
		}
	}
	return out
}
