package ui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/turncoder/turncoder/coding/safefile"
)

// The Chart tab: codes by speaker or by section as clustered bars, drawn with Fyne's canvas
// objects from analysis.Bars — the data WriteSVG writes — on white paper in both themes, as the
// saved picture is. Save SVG… writes analysis.WriteSVG of the same Bars (in English the file
// `turncoder analyse --chart` writes); Save PNG… saves the chart as the window draws it.
//
// The PNG is the same chart object drawn off screen by Fyne's software painter
// (driver/software's canvas): the drawing code of the window's shapes and text, with the same
// fonts and their Chinese fallback, on the CPU, at the size the chart has in the window and
// twice its pixel density. The window's own frame (Canvas.Capture) was tried first: under the
// desktop driver it reads the OpenGL front buffer, which after a buffer swap holds nothing
// dependable (under Xvfb with Mesa it read as black), and it could only hold what is in view.
// The cost of the software canvas is that driver/software is built on Fyne's test package,
// whose init makes a stand-in app that the real one replaces when it starts.

// chartDimensions are the groups a chart offers.
var chartDimensions = []analysis.Dimension{analysis.BySpeaker, analysis.BySection}

type chartTab struct {
	v       *analysisView
	by      *widget.Select
	png     *widget.Button
	svg     *widget.Button
	chart   *barChart
	body    *fyne.Container
	bars    analysis.Bars
	content fyne.CanvasObject
}

func newChartTab(v *analysisView) *chartTab {
	t := &chartTab{v: v, chart: newBarChart()}
	var dims []string
	for _, d := range chartDimensions {
		dims = append(dims, dimensionName(d))
	}
	t.by = widget.NewSelect(dims, nil)
	t.png = widget.NewButton(T("Save PNG…"), t.savePNG)
	t.svg = widget.NewButton(T("Save SVG…"), t.saveSVG)
	t.chart.onTap = func(g, s int) {
		b := &t.bars
		v.status.SetText(T("%s, %s: %d %s", b.Groups[g], b.Series[s].Name, b.Series[s].Values[g], b.YLabel))
	}
	hint := widget.NewLabel(T("A click on a bar says its count."))
	hint.Importance = widget.LowImportance
	t.body = container.NewStack(t.chart)
	controls := container.NewHBox(widget.NewLabel(T("Bars by")),
		container.NewGridWrap(fyne.NewSize(analysisSelectWidth, t.by.MinSize().Height), t.by), t.png, t.svg, hint)
	t.content = container.NewBorder(controls, nil, nil, nil, t.body)
	t.listen()
	return t
}

func (t *chartTab) listen() {
	t.by.OnChanged = func(string) {
		if i := t.by.SelectedIndex(); i >= 0 {
			t.v.choices.chartBy = chartDimensions[i]
			t.draw()
		}
	}
}

func (t *chartTab) show(*analysis.Data) {
	t.by.OnChanged = nil
	t.by.SetSelectedIndex(max(slices.Index(chartDimensions, t.v.choices.chartBy), 0))
	t.listen()
	t.draw()
}

// draw draws the chart of the data shown by the groups chosen.
func (t *chartTab) draw() {
	d := t.v.data
	if d == nil {
		return
	}
	m, err := d.Matrix(t.v.choices.chartBy)
	if err != nil {
		t.v.status.SetText(errText(err))
		return
	}
	t.bars = chartBars(m)
	if len(t.bars.Groups) == 0 || len(t.bars.Series) == 0 {
		l := widget.NewLabel(T("No code was given in this scope: there are no bars to draw."))
		l.Wrapping = fyne.TextWrapWord
		t.body.Objects = []fyne.CanvasObject{container.NewVBox(l)}
		t.png.Disable()
		t.svg.Disable()
	} else {
		t.chart.setBars(t.bars)
		t.body.Objects = []fyne.CanvasObject{t.chart}
		t.png.Enable()
		t.svg.Enable()
	}
	t.body.Refresh()
}

// chartBars is the matrix's chart in the interface's language: in English the Bars that
// Matrix.Bars gives and `turncoder analyse --chart` draws.
func chartBars(m *analysis.Matrix) analysis.Bars { return chartBarsOf(m, 0, 0) }

// chartBarsOf is chartBars with at most maxGroups groups and maxSeries codes (0: the
// package's maximums).
func chartBarsOf(m *analysis.Matrix, maxGroups, maxSeries int) analysis.Bars {
	b := m.Bars(maxGroups, maxSeries)
	// What a bar counts: "turns" and "codings" in English, as Matrix.Bars says; their keys say
	// which sense is meant ("turns" alone is the name of a transcript format).
	b.YLabel = T("codings (as counted)")
	if m.Who.Kind != analysis.AllCoders {
		b.YLabel = T("turns (as counted)")
	}
	who := whoText(m.Who)
	switch m.By {
	case analysis.BySection:
		b.Title = T("Codes by section: %s", who)
	case analysis.ByRole:
		b.Title = T("Codes by role: %s", who)
	case analysis.ByDocument:
		b.Title = T("Codes by document: %s", who)
	default:
		b.Title = T("Codes by speaker: %s", who)
	}
	what := dimensionName(m.By)
	switch {
	case b.OmittedGroups > 0 && b.OmittedSeries > 0:
		b.Note = T("the %d codes with the most %s, in the %d %s with the most", len(b.Code), b.YLabel, len(b.Column), what)
	case b.OmittedGroups > 0:
		b.Note = T("the %d %s with the most %s", len(b.Column), what, b.YLabel)
	case b.OmittedSeries > 0:
		b.Note = T("the %d codes with the most %s", len(b.Code), b.YLabel)
	}
	b.Groups = columnNames(m, b.Column)
	return b
}

// chartName is the name the chart is saved under.
func (t *chartTab) chartName(ext string) string {
	return t.v.baseName() + "-codes-by-" + string(t.v.choices.chartBy) + ext
}

func (t *chartTab) saveSVG() {
	b := t.bars
	t.v.saveFile(t.chartName(".svg"), ".svg", safefile.Chart, func(f *os.File) error { return analysis.WriteSVG(f, b) })
}

// savePNG saves the chart as drawn, at the size it has in the window.
func (t *chartTab) savePNG() {
	b, size := t.bars, t.chart.Size()
	if size.Width < 1 || size.Height < 1 {
		size = t.chart.MinSize()
	}
	t.v.saveFile(t.chartName(".png"), ".png", safefile.Picture, func(f *os.File) error {
		return png.Encode(f, renderChart(b, size, chartPNGScale))
	})
}

// chartPNGScale is the PNG's pixels per unit of the window: sharp in print.
const chartPNGScale = 2

// renderChart draws bars as the window does, size large, off screen (the software painter),
// scale pixels per unit.
func renderChart(b analysis.Bars, size fyne.Size, scale float32) image.Image {
	c := software.NewCanvas()
	c.SetPadded(false)
	chart := newBarChart()
	chart.setBars(b)
	c.SetContent(chart)
	c.SetScale(scale)
	c.Resize(size)
	return c.Capture()
}

// The chart's paper, as WriteSVG draws it.
var (
	paperColour = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	inkColour   = color.NRGBA{0x00, 0x00, 0x00, 0xff}
	noteColour  = color.NRGBA{0x55, 0x55, 0x55, 0xff}
	gridColour  = color.NRGBA{0xdd, 0xdd, 0xdd, 0xff}
	axisColour  = color.NRGBA{0x33, 0x33, 0x33, 0xff}
)

// Text sizes and spaces of the chart.
const (
	chartPad       = 16
	chartTitleSize = 15
	chartTextSize  = 12
	chartValueSize = 10
	chartSwatch    = 12
	chartMaxBar    = 28
	chartMaxGap    = 18
)

// barChart draws Bars: title and note, the y axis with its gridlines and what a bar counts, a
// bar per code in each group with its count above it when it fits, the groups' names (in two
// staggered rows when they do not fit side by side) and a legend of the codes' colours. A
// click on a bar is told to onTap.
type barChart struct {
	widget.BaseWidget
	bars  analysis.Bars
	onTap func(group, series int)
	hits  []barHit
}

// barHit is where a bar is drawn.
type barHit struct {
	pos  fyne.Position
	size fyne.Size
	g, s int
}

func newBarChart() *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *barChart) setBars(b analysis.Bars) {
	c.bars = b
	c.Refresh()
}

func (c *barChart) MinSize() fyne.Size { return fyne.NewSize(360, 300) }

func (c *barChart) Tapped(ev *fyne.PointEvent) {
	p := ev.Position
	for _, h := range c.hits {
		if p.X >= h.pos.X && p.X <= h.pos.X+h.size.Width && p.Y >= h.pos.Y && p.Y <= h.pos.Y+h.size.Height {
			if c.onTap != nil {
				c.onTap(h.g, h.s)
			}
			return
		}
	}
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer { return &barChartRenderer{c: c} }

type barChartRenderer struct {
	c    *barChart
	objs []fyne.CanvasObject
}

func textHeight(size float32) float32 {
	return fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height // not shown: measured
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	c := r.c
	b := &c.bars
	r.objs = r.objs[:0]
	c.hits = c.hits[:0]
	bg := canvas.NewRectangle(paperColour)
	bg.Resize(size)
	r.objs = append(r.objs, bg)
	text := func(s string, x, y, w float32, sz float32, col color.Color, style fyne.TextStyle, align fyne.TextAlign) {
		t := canvas.NewText(fitLine(s, w, sz, style), col)
		t.TextSize, t.TextStyle, t.Alignment = sz, style, align
		t.Move(fyne.NewPos(x, y))
		t.Resize(fyne.NewSize(w, textHeight(sz)))
		r.objs = append(r.objs, t)
	}
	line := func(x1, y1, x2, y2 float32, col color.Color) {
		l := canvas.NewLine(col)
		l.StrokeWidth = 1
		l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
		r.objs = append(r.objs, l)
	}
	W, H := size.Width, size.Height
	inner := W - 2*chartPad
	y := float32(12)
	text(b.Title, chartPad, y, inner, chartTitleSize, inkColour, fyne.TextStyle{Bold: true}, fyne.TextAlignLeading)
	y += textHeight(chartTitleSize) + 4
	if b.Note != "" {
		text(b.Note, chartPad, y, inner, chartTextSize, noteColour, fyne.TextStyle{}, fyne.TextAlignLeading)
		y += textHeight(chartTextSize) + 2
	}
	text(b.YLabel, chartPad, y, inner, chartTextSize, noteColour, fyne.TextStyle{}, fyne.TextAlignLeading)
	y += textHeight(chartTextSize) + 2
	plotTop := y + textHeight(chartValueSize) + 4

	// The legend, in rows as wide as the chart, at the bottom.
	type item struct {
		x, y float32
		s    int
	}
	var legend []item
	lx, ly := float32(chartPad), float32(0)
	rowH := textHeight(chartTextSize) + 6
	for s, ser := range b.Series {
		iw := chartSwatch + 6 + measureRange(ser.Name, chartTextSize, fyne.TextStyle{}) + 16
		if lx+iw > W-chartPad && lx > chartPad {
			lx, ly = chartPad, ly+rowH
		}
		legend = append(legend, item{lx, ly, s})
		lx += iw
	}
	legendH := ly + rowH

	maxV := 0
	for _, s := range b.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	step, ceil := analysis.Ticks(maxV)
	tickW := measureRange(strconv.Itoa(ceil), chartTextSize, fyne.TextStyle{})
	left, right := chartPad+tickW+8, W-chartPad
	plotW := max(right-left, 40)
	nG, nS := len(b.Groups), len(b.Series)
	groupW := plotW / float32(max(nG, 1))
	// The groups' names: side by side when each fits its group, else in two staggered rows.
	lh := textHeight(chartTextSize)
	rows, labelW := 1, groupW-4
	for _, g := range b.Groups {
		if measureRange(g, chartTextSize, fyne.TextStyle{}) > labelW && nG > 1 {
			rows, labelW = 2, 2*groupW-4
			break
		}
	}
	labelsH := float32(rows)*(lh+2) + 6
	plotBottom := max(H-chartPad-legendH-6-labelsH, plotTop+40)
	plotH := plotBottom - plotTop
	yOf := func(v int) float32 { return plotBottom - float32(v)/float32(ceil)*plotH }

	for v := 0; v <= ceil; v += step {
		yy := yOf(v)
		line(left, yy, right, yy, gridColour)
		text(strconv.Itoa(v), chartPad, yy-lh/2, tickW+2, chartTextSize, inkColour, fyne.TextStyle{}, fyne.TextAlignTrailing)
	}
	line(left, plotBottom, right, plotBottom, axisColour)
	gap := min(chartMaxGap, groupW*0.2)
	barW := max(min(chartMaxBar, (groupW-gap)/float32(max(nS, 1))), 2)
	for i := range b.Groups {
		x0 := left + float32(i)*groupW + (groupW-float32(nS)*barW)/2
		for s, ser := range b.Series {
			v := ser.Values[i]
			if v == 0 {
				continue
			}
			x, top := x0+float32(s)*barW, yOf(v)
			bar := canvas.NewRectangle(parseColour("#" + ser.Colour))
			bar.Move(fyne.NewPos(x+1, top))
			bar.Resize(fyne.NewSize(barW-2, plotBottom-top))
			r.objs = append(r.objs, bar)
			c.hits = append(c.hits, barHit{pos: fyne.NewPos(x, top), size: fyne.NewSize(barW, plotBottom-top), g: i, s: s})
			if n := strconv.Itoa(v); measureRange(n, chartValueSize, fyne.TextStyle{}) <= barW+6 {
				text(n, x-6, top-textHeight(chartValueSize)-1, barW+12, chartValueSize, inkColour, fyne.TextStyle{}, fyne.TextAlignCenter)
			}
		}
		cx := left + (float32(i)+0.5)*groupW
		row := 0
		if rows == 2 {
			row = i % 2
		}
		lx := min(max(cx-labelW/2, 2), W-labelW-2)
		text(b.Groups[i], lx, plotBottom+6+float32(row)*(lh+2), labelW, chartTextSize, inkColour, fyne.TextStyle{}, fyne.TextAlignCenter)
	}
	legendTop := plotBottom + labelsH + 6
	for _, it := range legend {
		ser := b.Series[it.s]
		sw := canvas.NewRectangle(parseColour("#" + ser.Colour))
		sw.Move(fyne.NewPos(it.x, legendTop+it.y+(lh-chartSwatch)/2))
		sw.Resize(fyne.NewSize(chartSwatch, chartSwatch))
		r.objs = append(r.objs, sw)
		text(ser.Name, it.x+chartSwatch+6, legendTop+it.y, measureRange(ser.Name, chartTextSize, fyne.TextStyle{})+4, chartTextSize, inkColour, fyne.TextStyle{}, fyne.TextAlignLeading)
	}
}

func (r *barChartRenderer) MinSize() fyne.Size { return r.c.MinSize() }
func (r *barChartRenderer) Refresh() {
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}
func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barChartRenderer) Destroy()                     {}
