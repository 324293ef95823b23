package analysis

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// The SVG's geometry, in pixels. Text is measured by display width (coding.TextWidth: a
// Chinese character two columns), a column taken as charPx at the labels' 12 px.
const (
	svgFont      = `'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans', 'Helvetica Neue', Arial, sans-serif`
	charPx       = 6.6
	barPx        = 16.0
	groupGapPx   = 18.0
	plotHeightPx = 280.0
	leftPx       = 64.0
	rightPx      = 24.0
	maxLabelCols = 32 // a group's name longer than this is cut with …
)

// WriteSVG writes b as an SVG picture (a clustered bar chart: title, note, y axis with its
// gridlines, a bar per series in each group with its count above it, the groups' names, and a
// legend). Names are escaped, and Chinese is measured by its width; the fonts named are those
// with Chinese glyphs on Linux, macOS and Windows, then any sans-serif. A chart with no bars
// says so in the picture.
func WriteSVG(w io.Writer, b Bars) error {
	nG, nS := len(b.Groups), len(b.Series)
	groupPx := math.Max(float64(nS)*barPx, 24) + groupGapPx
	// The groups' names are written level when each fits its group, else slanted at 40°.
	labelCols := 0
	names := make([]string, nG)
	for i, g := range b.Groups {
		names[i] = cut(g, maxLabelCols)
		labelCols = max(labelCols, coding.TextWidth(names[i]))
	}
	labelPx := float64(labelCols) * charPx
	slant := labelPx > groupPx-6
	labelsPx := 24.0
	if slant {
		labelsPx = labelPx*math.Sin(40*math.Pi/180) + 24
	}
	plotW := math.Max(float64(nG)*groupPx, 240)
	// A slanted name runs left of its group: the first one's must not leave the picture.
	left := leftPx
	if slant {
		left = math.Max(leftPx, math.Round(labelPx*math.Cos(40*math.Pi/180)-(groupPx-groupGapPx)/2+8))
	}
	width := left + plotW + rightPx
	// The legend, in rows as wide as the chart.
	type item struct {
		x, y float64
		s    BarSeries
	}
	var legend []item
	lx, ly := left, 0.0
	for _, s := range b.Series {
		iw := 18 + float64(coding.TextWidth(s.Name))*charPx + 16
		if lx+iw > width-rightPx && lx > left {
			lx, ly = left, ly+20
		}
		legend = append(legend, item{lx, ly, s})
		lx += iw
	}
	top := 40.0
	if b.Note != "" {
		top += 18
	}
	plotBottom := top + plotHeightPx
	legendTop := plotBottom + labelsPx + 16
	height := legendTop + ly + 28

	maxV := 0
	for _, s := range b.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	step, ceil := Ticks(maxV)
	y := func(v float64) float64 { return plotBottom - v/float64(ceil)*plotHeightPx }

	out := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(out, format, a...) }
	p(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s" font-size="12">`+"\n",
		num(width), num(height), num(width), num(height), esc(svgFont))
	p(`<rect width="100%%" height="100%%" fill="#FFFFFF"/>` + "\n")
	p(`<text x="16" y="24" font-size="15" font-weight="bold">%s</text>`+"\n", esc(b.Title))
	if b.Note != "" {
		p(`<text x="16" y="44" fill="#555555">%s</text>`+"\n", esc(b.Note))
	}
	// The y axis: gridlines and their values, and what the bars count.
	for v := 0; v <= ceil; v += step {
		yy := y(float64(v))
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#DDDDDD"/>`+"\n", num(left), num(yy), num(left+plotW), num(yy))
		p(`<text x="%s" y="%s" text-anchor="end">%d</text>`+"\n", num(left-6), num(yy+4), v)
	}
	p(`<text transform="translate(%s %s) rotate(-90)" text-anchor="middle" fill="#555555">%s</text>`+"\n", num(left-48), num(top+plotHeightPx/2), esc(b.YLabel))
	p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>`+"\n", num(left), num(plotBottom), num(left+plotW), num(plotBottom))
	if maxV == 0 {
		p(`<text x="%s" y="%s" text-anchor="middle" fill="#555555">no codes given</text>`+"\n", num(left+plotW/2), num(top+plotHeightPx/2))
	}
	for i := range b.Groups {
		gx := left + float64(i)*groupPx + groupGapPx/2
		bars := float64(nS) * barPx
		x0 := gx + (groupPx-groupGapPx-bars)/2
		for j, s := range b.Series {
			v := s.Values[i]
			if v == 0 {
				continue
			}
			x := x0 + float64(j)*barPx
			p(`<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="#%s"><title>%s</title></rect>`+"\n",
				num(x+1), num(y(float64(v))), num(barPx-2), num(plotBottom-y(float64(v))), esc(s.Colour), esc(fmt.Sprintf("%s, %s: %d", b.Groups[i], s.Name, v)))
			p(`<text x="%s" y="%s" text-anchor="middle" font-size="10">%d</text>`+"\n", num(x+barPx/2), num(y(float64(v))-3), v)
		}
		cx := gx + (groupPx-groupGapPx)/2
		if slant {
			p(`<text transform="translate(%s %s) rotate(-40)" text-anchor="end">%s</text>`+"\n", num(cx+4), num(plotBottom+14), esc(names[i]))
		} else {
			p(`<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num(cx), num(plotBottom+18), esc(names[i]))
		}
	}
	for _, it := range legend {
		yy := legendTop + it.y
		p(`<rect x="%s" y="%s" width="12" height="12" fill="#%s"/>`+"\n", num(it.x), num(yy), esc(it.s.Colour))
		p(`<text x="%s" y="%s">%s</text>`+"\n", num(it.x+18), num(yy+10), esc(it.s.Name))
	}
	p("</svg>\n")
	return out.Flush()
}

// Ticks chooses a chart's y axis step (1, 2 or 5 × a power of ten) for at most six
// intervals, and the axis's top, a multiple of the step at or above maxV: the SVG chart and
// the window's chart share it.
func Ticks(maxV int) (step, top int) {
	if maxV <= 0 {
		return 1, 1
	}
	for pow := 1; ; pow *= 10 {
		for _, m := range []int{1, 2, 5} {
			step = m * pow
			if (maxV+step-1)/step <= 6 {
				return step, (maxV + step - 1) / step * step
			}
		}
	}
}

// cut shortens s to at most cols display columns, ending it with … when cut.
func cut(s string, cols int) string {
	if coding.TextWidth(s) <= cols {
		return s
	}
	w := 0
	for i, r := range s {
		rw := coding.RuneWidth(r)
		if w+rw > cols-1 {
			return strings.TrimSpace(s[:i]) + "…"
		}
		w += rw
	}
	return s
}

// esc escapes text for XML (the character data and attribute values alike).
func esc(s string) string {
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(coding.CleanText(s)))
	return sb.String()
}

// num writes a coordinate with at most one decimal.
func num(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}
