package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"
	"unicode"
)

// cols is the test's own measure of the columns s takes in a terminal, for the scripts the
// tests print: Chinese, kana, hangul, CJK punctuation, full-width forms and emoji two, combining
// marks none, the rest one.
func cols(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Hangul) && r < 0xff00,
			unicode.Is(unicode.Katakana, r) && r < 0xff00,
			r >= 0x3000 && r <= 0x303f, r >= 0xff01 && r <= 0xff60, r >= 0x1f300 && r <= 0x1faff:
			n += 2
		default:
			n++
		}
	}
	return n
}

// cells splits a printed line at runs of two spaces or more: each cell's text and the display
// columns at which it starts and ends.
func cells(line string) (text []string, start, end []int) {
	for _, m := range regexp.MustCompile(`\S+(?: \S+)*`).FindAllStringIndex(line, -1) {
		text = append(text, line[m[0]:m[1]])
		start = append(start, cols(line[:m[0]]))
		end = append(end, cols(line[:m[1]]))
	}
	return
}

// Cells in Chinese, full-width Latin, with combining marks and emoji: in a left-aligned table
// every column starts at the same display column on every row, two columns after the widest
// cell before it; in a right-aligned one every column ends at the same display column.
func TestTableLinesUpByDisplayWidth(t *testing.T) {
	rows := [][]string{
		{"speaker", "role", "turns", "aliases"},
		{"CLB", "interviewer", "105", ""},
		{"东营市总工会", "respondent", "48", "东营总工会, 東營市總工會"},
		{"ＣＬＢ ｔｅａｍ", "other", "7", "CLB"},
		{"Zoe\u0308 Ame\u0301lie", "respondent", "12", "Zoë"},
		{"はなこ 🌸", "respondent", "3", "😀"},
		{"한국어", "ｶﾀｶﾅ", "1000", "x"},
	}
	for _, right := range []bool{false, true} {
		tb := table{right: right}
		for _, r := range rows {
			tb.row(r...)
		}
		var b bytes.Buffer
		if err := tb.write(&b); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if len(lines) != len(rows) {
			t.Fatalf("right=%v: %d lines for %d rows:\n%s", right, len(lines), len(rows), b.String())
		}
		// Where each column starts (or ends) and how wide its widest cell is, by cols.
		edge := make([]int, 4)
		widest := make([]int, 4)
		for i, line := range lines {
			if strings.HasSuffix(line, " ") {
				t.Errorf("right=%v: line %d ends in spaces: %q", right, i, line)
			}
			pos := 0
			for j, c := range rows[i] {
				k := strings.Index(line[pos:], c)
				if k < 0 {
					t.Fatalf("right=%v: line %q lacks %q", right, line, c)
				}
				at := cols(line[:pos+k])
				if right {
					at += cols(c)
				}
				if c != "" {
					if i == 0 {
						edge[j] = at
					} else if at != edge[j] {
						t.Errorf("right=%v: %q is at column %d, its column's at %d:\n%s", right, c, at, edge[j], b.String())
					}
				}
				widest[j] = max(widest[j], cols(c))
				pos += k + len(c)
			}
		}
		for j := 1; j < 4; j++ {
			want := edge[j-1] + widest[j-1] + gap // left: the next column starts two after the widest cell
			if right {
				want = edge[j-1] + gap + widest[j] // right: the widest cell starts two after the last column's end
			}
			if edge[j] != want {
				t.Errorf("right=%v: column %d at %d, want %d:\n%s", right, j, edge[j], want, b.String())
			}
		}
		if right && edge[0] != gap+widest[0] {
			t.Errorf("right aligned: the first column ends at %d, want %d", edge[0], gap+widest[0])
		}
	}
}

// In plain ASCII the table prints what text/tabwriter printed before it (lines without their
// trailing spaces): the same padding, alignment and ragged rows, empty cells included.
func TestTableIsTabwriterInASCII(t *testing.T) {
	rows := [][]string{
		{"  speaker", "turns", "role"},
		{"  CLB", "105", "interviewer", "in the project"},
		{"  Official A", "48", "respondent", "new"},
		{"", "", "", ""},
		{"  x", "", "other", "in the project as Official A"},
		{"key", "code", "parent", "definition that runs on"},
		{"1", "referral", "", "d"},
	}
	for _, right := range []bool{false, true} {
		var want bytes.Buffer
		flags := uint(0)
		if right {
			flags = tabwriter.AlignRight
		}
		tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', flags)
		tb := table{right: right}
		for _, r := range rows {
			tb.row(r...)
			line := strings.Join(r, "\t")
			if right {
				line += "\t"
			}
			fmt.Fprintln(tw, line)
		}
		tw.Flush()
		var got bytes.Buffer
		if err := tb.write(&got); err != nil {
			t.Fatal(err)
		}
		trimmed := regexp.MustCompile(` +\n`).ReplaceAllString(want.String(), "\n")
		if got.String() != trimmed {
			t.Errorf("right=%v: got\n%s\nwant (tabwriter)\n%s", right, got.String(), trimmed)
		}
	}
}

// outputLines are the non-empty lines of out between the line starting with from (included) and
// the next empty line.
func outputLines(t *testing.T, out, from string) []string {
	t.Helper()
	i := strings.Index(out, from)
	if i < 0 {
		t.Fatalf("no %q in:\n%s", from, out)
	}
	block, _, _ := strings.Cut(out[i:], "\n\n")
	return strings.Split(strings.TrimSuffix(block, "\n"), "\n")
}

// linesUp checks that every cell of every row starts (right: ends) at a column where a cell of
// the header starts (ends), and that the rows have at least minCells cells. In a left-aligned
// table the last column runs on: what follows its start (two spaces in a turn's text) is its.
func linesUp(t *testing.T, what string, lines []string, right bool, minCells int) {
	t.Helper()
	if len(lines) < 3 {
		t.Fatalf("%s: too few lines:\n%s", what, strings.Join(lines, "\n"))
	}
	pick := func(line string) ([]string, []int) {
		text, start, end := cells(line)
		if right {
			return text, end
		}
		return text, start
	}
	_, head := pick(lines[0])
	for _, line := range lines[1:] {
		text, at := pick(line)
		if len(text) < minCells {
			t.Errorf("%s: %d cells in %q, want %d at least", what, len(text), line, minCells)
		}
		for k, a := range at {
			if !right && a > slices.Max(head) {
				break
			}
			if !slices.Contains(head, a) {
				t.Errorf("%s: %q is at column %d, off the header's columns %v:\n%s", what, text[k], a, head, strings.Join(lines, "\n"))
			}
		}
	}
}

// speakers, codebook, turns, import --dry-run and agree on Chinese labels line up on a terminal.
func TestCLITablesLineUpWithChinese(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "demo.turncoder")
	mustRun(t, "init", p, "--demo")

	speakers := outputLines(t, mustRun(t, "speakers", "-p", p).stdout, "speaker")
	if len(speakers) != 6 || !strings.Contains(strings.Join(speakers, "\n"), "胜利石油管理局工会") {
		t.Fatalf("the demo's speakers:\n%s", strings.Join(speakers, "\n"))
	}
	linesUp(t, "speakers", speakers, false, 3)
	// Every speaker's role starts under "role", in display columns.
	for _, line := range speakers[1:] {
		m := regexp.MustCompile(`^(.+?) +(interviewer|respondent|other) `).FindStringSubmatchIndex(line)
		if m == nil || cols(line[:m[4]]) != strings.Index(speakers[0], "role") {
			t.Errorf("speakers: the role is not under its header in %q:\n%s", line, strings.Join(speakers, "\n"))
		}
	}
	// With aliases, Chinese ones too.
	mustRun(t, "speakers", "-p", p, "--rename", "CLB=中國勞工通訊", "--rename", "东营市总工会=東營市總工會")
	speakers = outputLines(t, mustRun(t, "speakers", "-p", p).stdout, "speaker")
	if !strings.Contains(strings.Join(speakers, "\n"), "東營市總工會") {
		t.Fatalf("no alias in:\n%s", strings.Join(speakers, "\n"))
	}
	linesUp(t, "speakers with aliases", speakers, false, 3)

	linesUp(t, "codebook", outputLines(t, mustRun(t, "codebook", "-p", p).stdout, "key"), false, 5)
	linesUp(t, "turns", outputLines(t, mustRun(t, "turns", "-p", p).stdout, "document"), false, 3)

	preview := outputLines(t, mustRun(t, "import", "--dry-run", "-p", p, seedFiles[0]).stdout, "  speaker")
	preview = preview[:slices.IndexFunc(preview, func(l string) bool { return !strings.HasPrefix(l, "  ") })]
	// The fourth column (whether the speaker is new) has no header: the rows line up among
	// themselves, and their first three columns with the header's.
	linesUp(t, "import --dry-run", preview[1:], false, 4)
	if _, head, _ := cells(preview[0]); len(head) != 3 || !slices.Equal(head, func() []int { _, s, _ := cells(preview[1]); return s[:3] }()) {
		t.Errorf("import --dry-run: the header is not over its columns:\n%s", strings.Join(preview, "\n"))
	}

	long := filepath.Join(dir, "long.csv")
	// The coders agree, so that α is marked (a figure below .667 is followed by two spaces
	// instead of a mark, which the cells' split here would not see).
	if err := os.WriteFile(long, []byte("unit,coder,code\n1,甲,转介\n1,乙,转介\n2,甲,推诿\n2,乙,推诿\n3,甲,推诿\n3,乙,推诿\n4,甲,转介\n4,乙,转介\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "agree", "--csv", long).stdout
	perCode := outputLines(t, out, "  code")
	if len(perCode) != 3 || !strings.Contains(perCode[0], "甲") {
		t.Fatalf("agree's per-code table:\n%s", out)
	}
	linesUp(t, "agree", perCode, true, 12)
}
