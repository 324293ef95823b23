package ui

import (
	"bytes"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// analysisHarness codes the first call as ana and bo (they agree on turns 2, 6 and 8, differ
// on 4 and 10), settles what they agree on into the consensus layer, and opens the analysis
// window on it.
func analysisHarness(t *testing.T) (*harness, *analysisView) {
	t.Helper()
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2", 6: "3", 8: "1", 10: "2"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "3", 6: "3", 8: "1", 10: "4"})
	if _, _, err := h.p.AutoAdjudicate(h.ctx, coding.Scope{}); err != nil {
		t.Fatal(err)
	}
	h.m.showAnalysis()
	h.waitTasks()
	v := h.m.analysis
	if v == nil || v.data == nil {
		t.Fatalf("the analysis window shows no data: %q", v.status.Text)
	}
	return h, v
}

// heatText and heatFillOf read a heatTable's cell (data coordinates) as it is drawn.
func heatDrawn(h *heatTable, r, c int) (string, color.Color, color.Color) {
	o := h.newCell()
	h.update(widget.TableCellID{Row: r + 1, Col: c + 1}, o)
	box := o.(*fyne.Container)
	txt := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	return txt.Text, box.Objects[0].(*canvas.Rectangle).FillColor, txt.Color
}

func TestAnalysisWindowMatrix(t *testing.T) {
	h, v := analysisHarness(t)
	d := v.data
	// The consensus layer is chosen by default once it holds decisions (turns 2, 6 and 8).
	if d.Who().Kind != analysis.Consensus || v.who.Selected != whoText(analysis.Who{Kind: analysis.Consensus}) {
		t.Fatalf("whose codings: %v, the choice shows %q", d.Who(), v.who.Selected)
	}
	if len(v.tabs.Items) != 4 || v.body.Objects[0] != v.tabs {
		t.Fatalf("the window shows %d tabs", len(v.tabs.Items))
	}
	m := v.matrix.m
	want, _ := d.Matrix(analysis.BySpeaker)
	if m.By != analysis.BySpeaker || !slices.EqualFunc(m.Counts, want.Counts, slices.Equal) || m.Total != 3 {
		t.Fatalf("matrix by %s: %v (total %d), want %v", m.By, m.Counts, m.Total, want.Counts)
	}
	if v.matrix.counted.Text != "Counted: "+m.Counted() {
		t.Errorf("counted: %q, want %q", v.matrix.counted.Text, m.Counted())
	}
	// Each count in its cell, shaded by its value and written in the ink that reads on it; a
	// zero unshaded; the totals and the turns in scope after the codes.
	nK, nG := len(m.Codes), len(m.Columns)
	for k := range nK {
		for g := range nG {
			text, fill, ink := heatDrawn(v.matrix.heat, k, g)
			if text != strconv.Itoa(m.Counts[k][g]) {
				t.Errorf("cell %d,%d reads %q, count %d", k, g, text, m.Counts[k][g])
			}
			shaded := fill != color.Transparent
			if shaded != (m.Counts[k][g] > 0) {
				t.Errorf("cell %d,%d (%d) shaded %v", k, g, m.Counts[k][g], shaded)
			}
			if shaded && ink != inkOn(toNRGBA(fill)) {
				t.Errorf("cell %d,%d: ink %v on %v", k, g, ink, fill)
			}
		}
		if text, _, _ := heatDrawn(v.matrix.heat, k, nG); text != strconv.Itoa(m.RowTotals[k]) {
			t.Errorf("%s's total reads %q, want %d", m.Codes[k], text, m.RowTotals[k])
		}
	}
	if text, _, _ := heatDrawn(v.matrix.heat, nK+1, 0); text != strconv.Itoa(m.Columns[0].Turns) {
		t.Errorf("turns in scope of %s: %q, want %d", m.Columns[0].Label, text, m.Columns[0].Turns)
	}
	// Row percentages.
	v.matrix.mode.SetSelectedIndex(1)
	k, g := slices.Index(m.Codes, "referral"), 0
	for g = range nG {
		if m.Counts[k][g] > 0 {
			break
		}
	}
	share, _ := m.RowShare(k, g)
	if text, _, _ := heatDrawn(v.matrix.heat, k, g); text != percent(share, true) || !strings.HasSuffix(text, "%") {
		t.Errorf("row percentage of referral: %q, want %q", text, percent(share, true))
	}
	// A click on the cell lists its turns; a click on a turn shows it in the compare view.
	v.matrix.heat.table.Select(widget.TableCellID{Row: k + 1, Col: g + 1})
	turns := v.matrix.turns.turns
	if !slices.Equal(turns, m.Turns(k, g)) || len(turns) != 2 || !strings.HasPrefix(v.matrix.turns.title.Text, "referral × ") {
		t.Fatalf("the cell's turns: %v (%q), want %v", turns, v.matrix.turns.title.Text, m.Turns(k, g))
	}
	if _, fill, _ := heatDrawn(v.matrix.heat, k, g); fill == color.Transparent {
		t.Error("the cell clicked lost its fill")
	}
	v.matrix.turns.list.Select(1)
	tu := d.Turns()[turns[1]]
	if l := h.ws.selectedLine(); !h.ws.compare || l == nil || l.Number != tu.Number || h.ws.doc != tu.DocumentID {
		t.Errorf("the turn clicked (%d) is not shown in the compare view", tu.Number)
	}
	if !strings.Contains(v.status.Text, "turn "+strconv.Itoa(tu.Number)) {
		t.Errorf("status: %q", v.status.Text)
	}
	// The code's total lists every turn given it.
	v.matrix.heat.table.Select(widget.TableCellID{Row: k + 1, Col: nG + 1})
	if n := len(v.matrix.turns.turns); n != m.RowTotals[k] {
		t.Errorf("referral's total lists %d turns, want %d", n, m.RowTotals[k])
	}
	// By role: the columns named in the interface's language.
	v.matrix.by.SetSelectedIndex(slices.Index(analysis.Dimensions, analysis.ByRole))
	if v.matrix.m.By != analysis.ByRole || !slices.Contains(v.matrix.heat.colHead, roleName(coding.RoleRespondent)) {
		t.Errorf("by role: %v", v.matrix.heat.colHead)
	}
}

func TestAnalysisWindowCooccurrenceRetrievalAndChart(t *testing.T) {
	h, v := analysisHarness(t)
	// All coders: ana and bo, whose codes meet on turns 4 (deflection, admission; a co-occurrence
	// only within one coder's coding) — none within a turn, some within 2 turns.
	v.who.SetSelectedIndex(slices.Index(v.whoOpts, analysis.Who{Kind: analysis.AllCoders}))
	v.analyse()
	h.waitTasks()
	d := v.data
	if d.Who().Kind != analysis.AllCoders || len(d.Coders()) != 2 {
		t.Fatalf("whose codings: %v %v", d.Who(), d.Coders())
	}
	c := v.cooc.c
	if c == nil || c.Window != 0 || v.cooc.counted.Text != "Counted: "+c.Counted() {
		t.Fatalf("co-occurrence %v, counted %q", c, v.cooc.counted.Text)
	}
	v.cooc.window.SetText("2")
	want, _ := d.Cooccurrence(2)
	if v.cooc.c.Window != 2 || !slices.EqualFunc(v.cooc.c.Counts, want.Counts, slices.Equal) || v.cooc.counted.Text != "Counted: "+want.Counted() {
		t.Fatalf("window 2: %v, want %v", v.cooc.c.Counts, want.Counts)
	}
	v.cooc.window.SetText("101")
	if v.cooc.c.Window != 2 || !strings.Contains(v.status.Text, "0 (within a turn) to 100") {
		t.Errorf("window 101: %d, %q", v.cooc.c.Window, v.status.Text)
	}
	a, b := slices.Index(want.Codes, "referral"), slices.Index(want.Codes, "deflection")
	v.cooc.heat.table.Select(widget.TableCellID{Row: a + 1, Col: b + 1})
	if !slices.Equal(v.cooc.turns.turns, want.Turns(a, b)) || len(want.Turns(a, b)) == 0 {
		t.Errorf("the pair's turns: %v, want %v", v.cooc.turns.turns, want.Turns(a, b))
	}

	// Retrieval: admission (ana and bo on 6, bo on 4) with a turn of context either side.
	r := v.retrieval
	r.code.SetSelected("admission")
	r.context.SetSelectedIndex(1)
	got := r.r
	wantR, _ := d.Retrieve(analysis.Query{Code: "admission", Context: 1})
	if got == nil || len(got.Hits) != 2 || len(got.Hits) != len(wantR.Hits) || !strings.HasPrefix(r.found.Text, "2 turns found") {
		t.Fatalf("retrieval: %v, %q", got, r.found.Text)
	}
	rows := r.hitRows(0)
	if len(rows) < 5 || !rows[2].light || rows[3].light || !strings.Contains(rows[3].text, strconv.Itoa(d.Turns()[got.Hits[0].Turn].Number)) {
		t.Errorf("the first turn's rows: %+v", rows)
	}
	if !strings.Contains(rows[1].text, "ana: ") || !strings.Contains(rows[1].text, "bo: ") {
		t.Errorf("every coder's codes: %q", rows[1].text)
	}
	r.not.SetSelected("admission")
	if r.r != nil || !strings.Contains(r.found.Text, "both asked for and excluded") || !r.export.Disabled() {
		t.Errorf("admission and not admission: %q", r.found.Text)
	}
	r.not.SetSelectedIndex(0)
	r.search.SetText("no such words")
	r.find()
	if r.r == nil || len(r.r.Hits) != 0 || r.found.Text != "No turn in this scope answers the query." {
		t.Errorf("a search that finds nothing: %q", r.found.Text)
	}

	// The chart: in English the Bars `turncoder analyse --chart` draws, so the same SVG.
	v.tabs.SelectIndex(3)
	m, _ := d.Matrix(analysis.BySpeaker)
	var mine, cli bytes.Buffer
	analysis.WriteSVG(&mine, v.chart.bars)
	analysis.WriteSVG(&cli, m.Bars(0, 0))
	if mine.String() != cli.String() || !strings.Contains(mine.String(), "Codes by speaker: all coders") {
		t.Errorf("the window's SVG differs from the command line's:\n%s\n%s", mine.String(), cli.String())
	}
	// The PNG is the chart as drawn, twice as many pixels as it has units, with its bars in the
	// codes' colours on white paper.
	v.win.Resize(fyne.NewSize(1000, 700))
	chart := v.chart.chart
	size := chart.Size()
	img := renderChart(v.chart.bars, size, 2)
	if b := img.Bounds(); math.Abs(float64(b.Dx())-float64(size.Width*2)) > 1 || math.Abs(float64(b.Dy())-float64(size.Height*2)) > 1 || size.Width < 600 {
		t.Fatalf("the PNG is %v, the chart %v", b, size)
	}
	colours := map[color.NRGBA]int{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
			colours[toNRGBA(img.At(x, y))]++
		}
	}
	if colours[paperColour] < len(colours) {
		t.Errorf("the paper is not white: %d white pixels among %d colours", colours[paperColour], len(colours))
	}
	for _, s := range v.chart.bars.Series {
		if colours[toNRGBA(parseColour("#"+s.Colour))] == 0 {
			t.Errorf("the PNG has no pixel of %s's colour %s", s.Name, s.Colour)
		}
	}
	// A click on a bar says its count.
	if len(chart.hits) == 0 {
		t.Fatal("no bar drawn")
	}
	hit := chart.hits[0]
	chart.Tapped(&fyne.PointEvent{Position: hit.pos.Add(fyne.NewPos(hit.size.Width/2, hit.size.Height/2))})
	bars := v.chart.bars
	if want := bars.Groups[hit.g] + ", " + bars.Series[hit.s].Name + ": " + strconv.Itoa(bars.Series[hit.s].Values[hit.g]) + " codings"; v.status.Text != want {
		t.Errorf("status %q, want %q", v.status.Text, want)
	}
}

// The sentences the tables state are the package's, in English, for every choice of whose
// codings.
func TestAnalysisSentencesAreThePackages(t *testing.T) {
	h, v := analysisHarness(t)
	for _, who := range []analysis.Who{{Kind: analysis.Consensus}, {Kind: analysis.AllCoders}, {Kind: analysis.OneCoder, Coder: "bo"}} {
		in, err := h.p.AnalysisInput(h.ctx, coding.Scope{}, who)
		if err != nil {
			t.Fatal(err)
		}
		d, err := analysis.New(in)
		if err != nil {
			t.Fatal(err)
		}
		if whoText(who) != who.Describe() {
			t.Errorf("%v: %q, the package says %q", who, whoText(who), who.Describe())
		}
		for _, by := range []analysis.Dimension{analysis.BySpeaker, analysis.BySection} {
			m, _ := d.Matrix(by)
			if matrixCounted(m) != m.Counted() {
				t.Errorf("%v: %q, the package says %q", who, matrixCounted(m), m.Counted())
			}
			mine, theirs := chartBars(m), m.Bars(0, 0)
			if mine.Title != theirs.Title || mine.YLabel != theirs.YLabel || mine.Note != theirs.Note || !slices.Equal(mine.Groups, theirs.Groups) {
				t.Errorf("%v by %s: %+v, the package's %+v", who, by, mine, theirs)
			}
			// With fewer groups or codes shown than there are, the note says which.
			for _, most := range [][2]int{{1, 0}, {0, 1}, {1, 1}} {
				mine, theirs := chartBarsOf(m, most[0], most[1]), m.Bars(most[0], most[1])
				if mine.Note != theirs.Note || mine.Note == "" && len(theirs.Groups) > 1 {
					t.Errorf("%v by %s, at most %v: %q, the package says %q", who, by, most, mine.Note, theirs.Note)
				}
			}
		}
		for _, n := range []int{0, 1, 3} {
			c, _ := d.Cooccurrence(n)
			if cooccurrenceCounted(c) != c.Counted() {
				t.Errorf("%v, window %d: %q, the package says %q", who, n, cooccurrenceCounted(c), c.Counted())
			}
		}
	}
	if whoText(analysis.Who{}) != (analysis.Who{}).Describe() {
		t.Errorf("the default: %q", whoText(analysis.Who{}))
	}
	// In Chinese, the window's words: the tables' names and the column with no speaker.
	t.Cleanup(func() { SetLanguage("en") })
	SetLanguage("zh-Hans")
	h.m.relabelAnalysis()
	w := h.m.analysis
	if w == v || w.data != v.data || w.tabs.Items[0].Text != "矩阵" || !strings.Contains(w.matrix.counted.Text, "共识层") {
		t.Errorf("relabelled: %q, %q", w.tabs.Items[0].Text, w.matrix.counted.Text)
	}
}

// The ink of a shaded cell reads on its fill, for every colour a code may have, in the light
// and the dark theme, from the faintest shade to the strongest.
func TestHeatCellsReadInBothThemes(t *testing.T) {
	h := newHarness(t)
	contrast := func(a, b color.NRGBA) float64 {
		la, lb := luminance(a), luminance(b)
		return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
	}
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		h.m.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		bg := toNRGBA(theme.Color(theme.ColorNameBackground))
		for _, hex := range append(slices.Clone(analysis.Palette), "FFFFFF", "1F77B4") {
			hue := parseColour("#" + hex)
			prev := -1.0
			for _, share := range []float64{0.01, 0.25, 0.5, 0.75, 1} {
				fill := heatFill(hue, share)
				ink := toNRGBA(inkOn(fill))
				if c := contrast(fill, ink); c < 4.5 {
					t.Errorf("variant %d, %s at %.2f: ink %v on %v, contrast %.2f", variant, hex, share, ink, fill, c)
				}
				// The fill darkens or lightens steadily away from the background as the value grows.
				dist := math.Abs(luminance(fill) - luminance(bg))
				if hex != "FFFFFF" && dist < prev-1e-9 && contrast(toNRGBA(hue), bg) > 1.3 {
					t.Errorf("variant %d, %s: the fill at %.2f is nearer the background than below it", variant, hex, share)
				}
				prev = dist
			}
		}
	}
}

// Nothing to analyse is one sentence, never an empty table.
func TestAnalysisSaysWhyThereIsNothing(t *testing.T) {
	h := newHarness(t)
	if err := h.ws.AddCoder("cy"); err != nil {
		t.Fatal(err)
	}
	h.m.showAnalysis()
	h.waitTasks()
	v := h.m.analysis
	if v.data == nil || v.body.Objects[0] == v.tabs || v.status.Text != "No coder has given a code to a turn in this scope." {
		t.Fatalf("no codings: %q", v.status.Text)
	}
	for _, c := range []struct {
		scope coding.Scope
		who   analysis.Who
		want  string
	}{
		{coding.Scope{}, analysis.Who{Kind: analysis.OneCoder, Coder: "cy"}, "cy has given no code to a turn in this scope"},
	} {
		in, err := h.p.AnalysisInput(h.ctx, c.scope, c.who)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := analysis.New(in)
		if got := emptyReason(d); !strings.HasPrefix(got, c.want) {
			t.Errorf("%v %v: %q, want %q…", c.scope, c.who, got, c.want)
		}
	}
	// A project with no documents yet has no turns to analyse; one with no codes none to count.
	for _, demo := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "empty.turncoder")
		var p *store.Project
		var err error
		want := "No turns in this scope"
		if demo { // the demo's documents, with every code removed
			want = "The codebook has no codes to analyse"
			if err = seeds.CreateDemo(path); err == nil {
				p, err = store.Open(path)
			}
			for _, code := range seeds.Codebook() {
				if err == nil {
					_, err = p.RemoveCode(h.ctx, code.ID)
				}
			}
		} else {
			p, err = store.Create(path, seeds.Codebook())
		}
		if err != nil {
			t.Fatal(err)
		}
		in, err := p.AnalysisInput(h.ctx, coding.Scope{}, analysis.Who{Kind: analysis.AllCoders})
		p.Close()
		if err != nil {
			t.Fatal(err)
		}
		d, _ := analysis.New(in)
		if got := emptyReason(d); !strings.HasPrefix(got, want) {
			t.Errorf("%q, want %q…", got, want)
		}
	}
	// No code chosen: said before anything is read.
	v.codes.SetSelected(nil)
	v.analyse()
	if v.status.Text != "Choose at least one code to analyse." {
		t.Errorf("no code: %q", v.status.Text)
	}
}

// The consensus layer is named in the window's language where the window lists coders' codes
// and memos (the store's name for it, "consensus", is no word of the interface).
func TestTheConsensusLayerIsNamedInTheWindowsLanguage(t *testing.T) {
	_, v := analysisHarness(t) // the consensus layer's codings, chosen by default
	r := v.retrieval
	r.code.SetSelected("referral") // settled on turns 2 and 8
	if r.r == nil || len(r.r.Hits) == 0 {
		t.Fatalf("no hit: %q", r.found.Text)
	}
	t.Cleanup(func() { SetLanguage("en") })
	for lang, want := range map[string]string{"en": "consensus layer: referral", "zh-Hans": "共识层", "zh-Hant": "共識層"} {
		SetLanguage(lang)
		if line := r.hitRows(0)[1].text; !strings.Contains(line, want) || strings.Contains(line, "consensus:") {
			t.Errorf("%s: %q, want %q in it", lang, line, want)
		}
		if coderName("ana") != "ana" {
			t.Errorf("%s: a coder's name changed to %q", lang, coderName("ana"))
		}
	}
}
