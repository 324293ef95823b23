package report

import (
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// Column widths, in Excel's units (about one Latin character of the default font).
const (
	maxTextWidth   = 60 // long text columns wrap at this width
	maxHeaderWidth = 24 // a longer header wraps
	minWidth       = 6
	padding        = 2
)

// textWidth is the display width of s's longest line by coding.RuneWidth (East Asian wide and
// full-width characters two, combining marks none); it stops counting past limit.
func textWidth(s string, limit int) int {
	best, cur := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			best, cur = max(best, cur), 0
			continue
		default:
			cur += coding.RuneWidth(r)
		}
		if cur > limit {
			return limit + 1
		}
	}
	return max(best, cur)
}

// colWidth accumulates a column's width from its header and cells.
type colWidth struct {
	limit int // the cap; content wider than this wraps
	w     int
	wrap  bool // wrap even below the cap (prose; text with line breaks)
}

func newColWidth(header string, limit int) colWidth {
	c := colWidth{limit: limit}
	c.w = min(textWidth(header, maxHeaderWidth), maxHeaderWidth)
	return c
}

func (c *colWidth) text(s string) {
	if c.w < c.limit {
		c.w = max(c.w, min(textWidth(s, c.limit), c.limit))
	}
	if !c.wrap && strings.IndexByte(s, '\n') >= 0 {
		c.wrap = true
	}
}

func (c *colWidth) int(n int) { c.text(strconv.Itoa(n)) }

// width is the Excel column width.
func (c *colWidth) width() float64 { return float64(max(c.w, minWidth-padding) + padding) }

// wraps reports whether the column wraps: prose, text with line breaks, or content that
// reached the cap.
func (c *colWidth) wraps() bool { return c.wrap || c.w >= c.limit }

// Row heights. Neither Excel nor LibreOffice reliably fits a row to wrapped text when it opens a
// file, so a row whose wrapped cells need more than one line gets a height from an estimate of
// their lines.
const (
	lineHeight = 15.0 // points per line of the default 11-point font
	maxLines   = 27   // Excel's rows are at most 409 points high
)

// lines estimates the lines s takes in a wrapping column of the given width: each paragraph
// takes its display width over the column's, with a little slack for breaks at word ends.
func lines(s string, width float64) int {
	capacity := max(int(width)-padding, 4)
	n := 0
	for {
		i := strings.IndexByte(s, '\n')
		p := s
		if i >= 0 {
			p = s[:i]
		}
		w := textWidth(p, capacity*maxLines)
		n += max(1, (w*21/20+capacity-1)/capacity)
		if i < 0 || n >= maxLines {
			break
		}
		s = s[i+1:]
	}
	return min(n, maxLines)
}

// allLines estimates the lines s takes in a wrapping column of the given width, however many:
// lines, for text longer than a row holds.
func allLines(s string, width float64) int {
	capacity := max(int(width)-padding, 4)
	n := 0
	for p := range strings.SplitSeq(s, "\n") {
		w := textWidth(p, len(p)*2)
		n += max(1, (w*21/20+capacity-1)/capacity)
	}
	return n
}

// rowHeight is the height of a row of n lines; 0 (the default height) for one line.
func rowHeight(n int) float64 {
	if n <= 1 {
		return 0
	}
	return lineHeight*float64(n) + 3
}
