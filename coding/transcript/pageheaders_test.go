package transcript

import (
	"fmt"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// pages builds a text of n pages, each headed by header(p) and a page number on a line of its
// own when numbered, holding body(p) as its lines.
func pages(n int, header func(p int) string, numbered bool, body func(p int) []string) string {
	var lines []string
	for p := 1; p <= n; p++ {
		if h := header(p); h != "" {
			lines = append(lines, h, " ")
		}
		if numbered {
			lines = append(lines, fmt.Sprintf("%d ", 3600+p))
		}
		lines = append(lines, body(p)...)
	}
	return strings.Join(lines, "\n")
}

// speech is a page of one speaker's hard-wrapped speech, broken off mid-sentence at the foot.
func speech(p int) []string {
	var l []string
	if p%2 == 1 {
		l = append(l, fmt.Sprintf("議員%c：主席，我想談談第%d點。", '甲'+rune(p), p))
	}
	for i := 0; i < 10; i++ {
		l = append(l, fmt.Sprintf("這是第%d頁第%d行的發言，內容繼續下去，沒有在行末結束句子，而", p, i))
	}
	return append(l, "是在下一行才結束。", "主席：多謝。")
}

func textOf(items []coding.Item) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.Label + it.Text + "\n")
	}
	return b.String()
}

// Running page headers, with the page number beside them or in them, are dropped from turns
// and prose alike, with one warning that says what and how many times (issue 15, pattern 4).
func TestRunningHeadersDropped(t *testing.T) {
	for _, c := range []struct {
		name, src, header string
		times             int
	}{
		{"header and a page number under it",
			pages(6, func(int) string { return "立法會  ─  2013年 1月 17日  " }, true, speech),
			"立法會  ─  2013年 1月 17日", 6},
		{"the page number in the header, on either side",
			pages(5, func(p int) string {
				if p%2 == 0 {
					return fmt.Sprintf("%d   LEGISLATIVE COUNCIL ─ 17 January 2013", 3600+p)
				}
				return fmt.Sprintf("LEGISLATIVE COUNCIL ─ 17 January 2013   %d", 3600+p)
			}, false, speech),
			"3601", 0},
		{"a footer with page and count",
			pages(4, func(int) string { return "" }, false, func(p int) []string {
				return append(speech(p), fmt.Sprintf("第 %d 页 共 4 页", p))
			}),
			"第 1 页 共 4 页", 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, parse := range []func(string) ([]coding.Item, []coding.Warning){ParseTurns, ParseProse} {
				items, warns := parse(c.src)
				all := textOf(items)
				for _, bit := range []string{"LEGISLATIVE COUNCIL", "立法會", "页 共"} {
					if strings.Contains(all, bit) {
						t.Errorf("%q left in the text:\n%s", bit, all)
					}
				}
				if !strings.Contains(all, "而是在下一行才結束。") {
					t.Errorf("a sentence broken by a page break is not joined:\n%s", all)
				}
				var said []string
				for _, w := range warns {
					if strings.Contains(w.Message, "running page header") {
						said = append(said, w.Message)
					}
				}
				if len(said) != 1 || !strings.Contains(said[0], c.header) {
					t.Errorf("warnings on headers %q, want one naming %q", said, c.header)
				}
				if c.times > 0 && !strings.Contains(said[0], fmt.Sprintf(" %d times", c.times)) {
					t.Errorf("warning %q does not say %d times", said[0], c.times)
				}
			}
		})
	}
}

// Lines that repeat but not as a page's header stay: a line a speaker says twice, a heading
// that opens three sections of a long text, a stage direction, a line that repeats with
// numbers that are no page's, numbered sections.
func TestRunningHeadersKept(t *testing.T) {
	filler := func(n int) []string {
		l := make([]string, n)
		for i := range l {
			l[i] = fmt.Sprintf("第%d行的文字，繼續說下去，", i)
		}
		return l
	}
	var lines []string
	for _, block := range [][]string{
		{"主席：請坐下"}, filler(12), {"主席：請坐下"}, filler(30),
		{"附件"}, filler(20), {"(沒有其他議員表示想發言 )"}, filler(15),
		{"投票率：72.80%（較上屆增加27.89個百分點）"}, filler(12),
		{"附件"}, filler(25), {"(沒有其他議員表示想發言 )"}, filler(9),
		{"投票率：70.52%（較上屆增加20.11個百分點）"}, filler(14),
		{"附件"}, filler(16), {"(沒有其他議員表示想發言 )"}, filler(11),
		{"投票率：73.23%（較上屆增加31.02個百分點）"}, filler(10),
	} {
		lines = append(lines, block...)
	}
	// Numbered sections, in Markdown and in plain text, stepping unevenly.
	var sections []string
	for _, n := range []int{2, 3, 4, 6, 10, 11, 14, 16, 17} {
		sections = append(sections, fmt.Sprintf("### L%d: BSD-3-Clause", n), fmt.Sprintf("Licence L%d BSD-3-Clause", n))
		sections = append(sections, filler(20)...)
	}
	for _, text := range [][]string{lines, sections} {
		drop, warn := runningHeaders(text)
		if drop != nil || warn != nil {
			for i, d := range drop {
				if d {
					t.Errorf("line %d %q dropped", i+1, text[i])
				}
			}
			t.Errorf("warning %v", warn)
		}
	}
}

// A notice printed on every page in sentences is dropped where it repeats word for word beside
// the page numbers; the same long sentence said on three pages, away from them, stays.
func TestRunningNotice(t *testing.T) {
	const notice = "The electronic version of the Senate Hansard Report is for information purposes only."
	src := pages(4, func(int) string { return "" }, false, func(p int) []string {
		return append(speech(p), notice, fmt.Sprintf("%d", p))
	})
	items, warns := ParseTurns(src)
	if all := textOf(items); strings.Contains(all, "electronic version") {
		t.Errorf("the notice is left in the text:\n%s", all)
	}
	if len(warns) == 0 || !strings.Contains(warns[0].Message, notice+`" 4 times`) {
		t.Errorf("warnings %v, want the notice dropped 4 times", warns)
	}

	const said = "I say it again, Mr Speaker, the workers on those sites deserve far better than this."
	var lines []string
	for p := 0; p < 3; p++ {
		for i := 0; i < 20; i++ {
			if i == 10 {
				lines = append(lines, said)
			}
			lines = append(lines, fmt.Sprintf("Line %d of the speech goes on here and does not end", i))
		}
		lines = append(lines, fmt.Sprintf("%d", p+1))
	}
	if drop, warn := runningHeaders(lines); drop != nil || warn != nil {
		t.Errorf("a sentence said three times was dropped: %v", warn)
	}
}

// hasMonthWord, asked before headerMonths, says yes wherever the expression matches.
func TestHasMonthWordWhereTheExpressionMatches(t *testing.T) {
	for _, s := range []string{"", "第1页", "March 3, 2020", "MARCH", "3mar", "mar_", "Mar.", "marching band", "1 Sept 2020", "sep", "SEPTEMBER2020",
		"Hansard, 12 December", "décembre", "dec", "Dec的会议", "ＣＬＢ", "CLB：you may go", "the union said it would help。", "Oct-Nov", "junior", "x_jan", "JAN", "Jun/Jul", "mayor"} {
		if got, want := hasMonthWord(s), headerMonths.MatchString(s); got != want {
			t.Errorf("hasMonthWord(%q) = %v, the expression matches: %v", s, got, want)
		}
	}
}
