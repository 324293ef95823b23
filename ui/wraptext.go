package ui

import (
	"image/color"
	"strings"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapText is a block of text wrapped to its width, drawn as one canvas.Text per line. It
// exists for turns: Fyne's wrapping Label re-measures the text from the start of each line for
// every candidate break, so a 13,000-character lecture turn takes minutes to lay out, and its
// height is only known after a layout at the final width, which is why rows overlapped after
// a resize. Here each rune's advance is measured once (and cached), lines are broken in one
// pass, and linesFor gives the height for any width before anything is drawn.
type wrapText struct {
	widget.BaseWidget
	text  string
	style fyne.TextStyle
	size  float32
	col   color.Color

	width float32  // the width lines was broken for
	lines []string // the text's lines at that width

	// span, when set, tells which part of the text is in view (in the text's own coordinates;
	// ok false when that is not known). Only those lines are drawn, with a margin: a lecture
	// turn of 20,000 characters is 300 lines, and each line drawn is shaped and painted even
	// where the list's clip hides it. drawn is the range of lines drawn.
	span  func(*wrapText) (top, bottom float32, ok bool)
	drawn [2]int
}

// cullMargin is how many lines beyond the view are drawn, so that a small scroll shows text
// before the view is measured again.
const cullMargin = 8

// cullAbove is the number of lines up to which a text is drawn whole: finding the view
// walks the window's tree, which costs more than drawing a turn of ordinary length.
const cullAbove = 60

// visibleLines is the range of lines to draw: all, unless the text is long and span knows
// the view.
func (t *wrapText) visibleLines(n int) (from, to int) {
	if t.span == nil || n <= cullAbove {
		return 0, n
	}
	top, bottom, ok := t.span(t)
	if !ok {
		return 0, n
	}
	lh := t.lineHeight()
	from = max(int(top/lh)-cullMargin, 0)
	to = min(int(bottom/lh)+1+cullMargin, n)
	if from >= to { // out of view: draw nothing
		return 0, 0
	}
	return from, to
}

// recull draws the lines now in view, when they are not the ones drawn (after a scroll).
func (t *wrapText) recull() {
	if t.span == nil || len(t.lines) <= cullAbove {
		return
	}
	if from, to := t.visibleLines(len(t.lines)); [2]int{from, to} != t.drawn {
		t.Refresh()
	}
}

func newWrapText() *wrapText {
	t := &wrapText{size: theme.TextSize(), col: theme.Color(theme.ColorNameForeground)}
	t.ExtendBaseWidget(t)
	return t
}

// Set changes the text and how it is drawn.
func (t *wrapText) Set(text string, style fyne.TextStyle, col color.Color) {
	if text == t.text && style == t.style && col == t.col {
		return
	}
	t.text, t.style, t.col = text, style, col
	t.width, t.lines = -1, nil
	t.Refresh()
}

// lineHeight is the height of one line of the text.
func (t *wrapText) lineHeight() float32 {
	return fyne.MeasureText("Mg", t.size, t.style).Height // not shown: measured
}

// HeightFor is the height the text takes at width.
func (t *wrapText) HeightFor(width float32) float32 {
	return float32(len(t.linesFor(width))) * t.lineHeight()
}

// linesFor breaks the text into lines no wider than width: at a space for Latin text, between
// any two characters of CJK text, and inside a word only when the word alone is too wide.
func (t *wrapText) linesFor(width float32) []string {
	if width == t.width && t.lines != nil {
		return t.lines
	}
	t.width = width
	t.lines = wrapLines(t.text, width, t.size, t.style)
	return t.lines
}

func wrapLines(text string, width, size float32, style fyne.TextStyle) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wrapParagraph(para, width, size, style)...)
	}
	return out
}

func wrapParagraph(s string, width, size float32, style fyne.TextStyle) []string {
	if s == "" || width < 1 {
		return []string{s}
	}
	var out []string
	start := 0      // byte offset of the current line's start
	w := float32(0) // the current line's width so far
	for i, r := range s {
		rw := runeWidth(r, size, style)
		if w+rw > width && i > start && r != ' ' { // spaces may hang past the edge
			cut := lastBreak(s, start, i)
			out = append(out, strings.TrimRight(s[start:cut], " "))
			for cut < i && s[cut] == ' ' {
				cut++
			}
			start = cut
			w = measureRange(s[start:i], size, style)
		}
		w += rw
	}
	return append(out, s[start:])
}

// lastBreak is the last place in s after start and up to end where a line may break: after a
// space or a CJK character, or before a CJK character, but never before closing punctuation
// nor after an opening bracket; end itself (inside a word) when there is none.
func lastBreak(s string, start, end int) int {
	next, _ := utf8.DecodeRuneInString(s[end:])
	for b := end; b > start; {
		prev, n := utf8.DecodeLastRuneInString(s[start:b])
		if (prev == ' ' || isWideRune(prev) || isWideRune(next)) && !noLineStart(next) && !noLineEnd(prev) {
			return b
		}
		b -= n
		next = prev
	}
	return end
}

// noLineStart tells a character that does not begin a line in Chinese typesetting (closing
// punctuation: 。，、；：？！ and closing brackets and quotes), noLineEnd one that does not end
// it (opening brackets and quotes): a break moves back one character instead (the rules of
// 避头尾, as in W3C's Requirements for Chinese Text Layout, §3.1.7).
func noLineStart(r rune) bool {
	return strings.ContainsRune("。，、；：？！）」』》〉】〕］｝”’…—・·～％", r)
}
func noLineEnd(r rune) bool { return strings.ContainsRune("（「『《〈【〔［｛“‘", r) }

func measureRange(s string, size float32, style fyne.TextStyle) float32 {
	w := float32(0)
	for _, r := range s {
		w += runeWidth(r, size, style)
	}
	return w
}

type runeKey struct {
	r     rune
	size  float32
	style fyne.TextStyle
}

var runeWidths sync.Map // runeKey -> float32

// runeWidth is the advance of one rune, measured once per size and style.
func runeWidth(r rune, size float32, style fyne.TextStyle) float32 {
	k := runeKey{r, size, style}
	if w, ok := runeWidths.Load(k); ok {
		return w.(float32)
	}
	w := fyne.MeasureText(string(r), size, style).Width
	runeWidths.Store(k, w)
	return w
}

func (t *wrapText) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	w := t.Size().Width
	if w <= 0 {
		w = 200
	}
	return fyne.NewSize(40, t.HeightFor(w))
}

func (t *wrapText) CreateRenderer() fyne.WidgetRenderer {
	return &wrapTextRenderer{t: t}
}

type wrapTextRenderer struct {
	t     *wrapText
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *wrapTextRenderer) Layout(size fyne.Size) {
	lines := r.t.linesFor(size.Width)
	from, to := r.t.visibleLines(len(lines))
	r.t.drawn = [2]int{from, to}
	for len(r.texts) < to-from {
		r.texts = append(r.texts, canvas.NewText("", r.t.col))
	}
	r.objs = r.objs[:0]
	lh := r.t.lineHeight()
	for i, l := range lines[from:to] {
		c := r.texts[i]
		c.Text, c.TextStyle, c.TextSize, c.Color = l, r.t.style, r.t.size, r.t.col
		c.Move(fyne.NewPos(0, float32(from+i)*lh))
		c.Resize(fyne.NewSize(size.Width, lh))
		c.Refresh()
		r.objs = append(r.objs, c)
	}
	r.texts = r.texts[:to-from]
}

func (r *wrapTextRenderer) MinSize() fyne.Size { return r.t.MinSize() }
func (r *wrapTextRenderer) Refresh() {
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}
func (r *wrapTextRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *wrapTextRenderer) Destroy()                     {}

// fitLabel is text cut with an ellipsis to the room it is given: one line, or up to Lines lines
// wrapped as wrapText wraps them, the last line cut. It is measured with the same cached
// advances as wrapText (Fyne's truncating Label shapes the whole text again on every refresh).
// The whole text stays in Full, and Cut says whether the text shown is less than that.
type fitLabel struct {
	widget.BaseWidget
	Full  string
	Lines int // at most this many lines; 0 or 1: one
	Cut   bool
	style fyne.TextStyle
	col   color.Color
	texts []*canvas.Text
}

func newFitLabel(col color.Color) *fitLabel {
	l := &fitLabel{col: col}
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows s, cut to fit.
func (l *fitLabel) SetText(s string) {
	if s == l.Full {
		return
	}
	l.Full = s
	l.Refresh()
}

// fitLine cuts s with an ellipsis so that it is no wider than width.
func fitLine(s string, width, size float32, style fyne.TextStyle) string {
	if measureRange(s, size, style) <= width {
		return s
	}
	limit := width - runeWidth('…', size, style)
	w := float32(0)
	for i, r := range s {
		if w += runeWidth(r, size, style); w > limit {
			return s[:i] + "…"
		}
	}
	return s
}

// fitLines wraps s to width in at most n lines, the last cut with an ellipsis when the text
// runs on; cut says whether it did.
func fitLines(s string, n int, width, size float32, style fyne.TextStyle) (lines []string, cut bool) {
	if n <= 1 {
		one := fitLine(s, width, size, style)
		return []string{one}, one != s
	}
	lines = wrapLines(s, width, size, style)
	if len(lines) <= n {
		return lines, false
	}
	rest := strings.Join(lines[n-1:], " ")
	last := fitLine(rest, width, size, style)
	if last == rest { // the rest fits when joined (a line break in s): still mark it as cut
		last = fitLine(rest+"…", width, size, style)
	}
	return append(lines[:n-1:n-1], last), true
}

func (l *fitLabel) lines() int {
	if l.Lines < 1 {
		return 1
	}
	return l.Lines
}

func (l *fitLabel) lineHeight() float32 {
	return fyne.MeasureText("Mg", theme.TextSize(), l.style).Height // not shown: measured
}

func (l *fitLabel) MinSize() fyne.Size {
	return fyne.NewSize(40, l.lineHeight()*float32(l.lines())+theme.InnerPadding())
}

func (l *fitLabel) CreateRenderer() fyne.WidgetRenderer { return &fitLabelRenderer{l: l} }

type fitLabelRenderer struct {
	l    *fitLabel
	objs []fyne.CanvasObject
}

func (r *fitLabelRenderer) Layout(size fyne.Size) {
	l := r.l
	pad := theme.InnerPadding()
	col := l.col
	if col == nil {
		col = theme.Color(theme.ColorNameForeground)
	}
	lines, cut := fitLines(l.Full, l.lines(), size.Width-pad, theme.TextSize(), l.style)
	l.Cut = cut
	for len(l.texts) < len(lines) {
		l.texts = append(l.texts, canvas.NewText("", col))
	}
	lh := l.lineHeight()
	y := (size.Height - lh*float32(len(lines))) / 2
	r.objs = r.objs[:0]
	for i, t := range l.texts[:len(lines)] {
		t.TextStyle, t.TextSize, t.Color, t.Text = l.style, theme.TextSize(), col, lines[i]
		t.Move(fyne.NewPos(pad/2, y+lh*float32(i)))
		t.Resize(fyne.NewSize(size.Width-pad, lh))
		t.Refresh()
		r.objs = append(r.objs, t)
	}
}
func (r *fitLabelRenderer) MinSize() fyne.Size           { return r.l.MinSize() }
func (r *fitLabelRenderer) Refresh()                     { r.Layout(r.l.Size()) }
func (r *fitLabelRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *fitLabelRenderer) Destroy()                     {}
