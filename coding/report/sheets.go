package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/xuri/excelize/v2"
)

func writeWorkbook(ctx context.Context, w io.Writer, in *Input, opt Options, progress func(done, total int)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m, err := in.model()
	if err != nil {
		return err
	}
	m.setConsensus(in.Consensus)
	maxRows := opt.MaxRows
	if maxRows <= 0 || maxRows > ExcelMaxRows {
		maxRows = ExcelMaxRows
	}
	maxRows = max(maxRows, 2)

	// excelize streams large sheets through temporary files: in a folder of this export's own,
	// removed at the end, so that a killed export leaves nothing for ever (the next export
	// sweeps such folders once they are StaleTemp old).
	tmpDir, err := workbookTempDir()
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmpDir)
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	defer f.Close()
	x := &xw{ctx: ctx, f: f, maxRows: maxRows, progress: progress}
	if err := x.newStyles(); err != nil {
		return err
	}

	// Small sheets are built first; the large ones are planned (their row counts are known),
	// so the progress total is known before the first row.
	uw := unitWidths(m.units)
	m.lines = unitLines(m.units, uw[5].width())
	summary := x.summary(in, m)
	byCode := x.agreementByCode(in)
	overall := x.overall(in)
	pairwise := x.pairwise(in)
	confusion := x.confusion(in, m)
	disagreements := disagreementsTable(in, m, uw)
	var matrix *table
	matrixNote := matrixOmitted(m)
	if matrixNote == "" {
		matrix = matrixTable(m, uw)
	}
	codings := codingsTable(m, uw)
	codebook := x.codebook(in)
	frequencies := x.frequencies(m)
	consensus := consensusTable(m, uw)
	for _, g := range []*grid{summary, byCode, overall, pairwise, confusion, codebook, frequencies} {
		x.total += len(g.rows)
	}
	for _, t := range []*table{disagreements, matrix, codings, consensus} {
		if t != nil {
			x.total += t.rows + x.parts(t.rows)
		}
	}
	if progress != nil {
		progress(0, x.total)
	}

	for _, g := range []*grid{summary, byCode, overall, pairwise, confusion} {
		if err := x.writeGrid(g); err != nil {
			return err
		}
	}
	if err := x.writeDisagreements(disagreements, in, m); err != nil {
		return err
	}
	if matrix == nil {
		g := &grid{name: "Coding matrix", headerRow: 1}
		g.add(txt(matrixNote))
		if err := x.writeGrid(g); err != nil {
			return err
		}
	} else if err := x.writeMatrix(matrix, m); err != nil {
		return err
	}
	if err := x.writeCodings(codings, m); err != nil {
		return err
	}
	for _, g := range []*grid{codebook, frequencies} {
		if err := x.writeGrid(g); err != nil {
			return err
		}
	}
	if err := x.writeConsensus(consensus, m); err != nil {
		return err
	}
	// The Summary, the first sheet, is the active one as in a new file. (SetActiveSheet would
	// read every sheet back, the streamed ones included: slow, and needless.)
	props := &excelize.DocProperties{Title: "Inter-coder agreement: " + in.Project, Creator: "turncoder", Subject: in.Scope}
	if !in.ExportedAt.IsZero() {
		props.Created = in.ExportedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	f.SetZipWriter(zipTo(ctxWriter{ctx, w}))
	if err := f.Write(io.Discard); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if progress != nil {
		progress(x.total, x.total)
	}
	return nil
}

// The columns that place a unit, at the start of the unit sheets.
var unitColumns = []string{"Document", "Section", "Turn", "Speaker", "Role", "Text"}

// unitWidths estimates the unit columns' widths from every unit in scope.
func unitWidths(units []coding.Unit) []colWidth {
	ws := make([]colWidth, len(unitColumns))
	for i, h := range unitColumns {
		ws[i] = newColWidth(h, maxTextWidth)
	}
	for _, u := range units {
		ws[0].text(u.Document)
		ws[1].text(u.Section)
		ws[2].int(u.Number)
		ws[3].text(u.Speaker)
		ws[4].text(string(u.Role))
		ws[5].text(u.Text)
	}
	ws[5].wrap = true // turns are prose
	return ws
}

// unitLines estimates the lines of each unit's text in the Text column.
func unitLines(units []coding.Unit, width float64) []uint8 {
	out := make([]uint8, len(units))
	for i := range units {
		out[i] = uint8(lines(units[i].Text, width))
	}
	return out
}

// --- Summary ---

// statistics explains each convention key in plain words before the engine's own sentence.
var statistics = map[string][2]string{
	"scope":             {"Missing data", "A coder who did not review a turn is missing there, not counted as disagreeing."},
	"percent_agreement": {"Percent agreement", "How often the coders agree, with no allowance for agreement by chance; shown as a percentage, stored as a proportion."},
	"cohen_kappa":       {"Cohen's κ", "Agreement beyond chance for a pair of coders, chance taken from each coder's own use of the codes: 1 is perfect, 0 is chance level, below 0 worse than chance."},
	"scott_pi":          {"Scott's π", "Like Cohen's κ, with chance taken from the two coders' pooled use of the codes."},
	"fleiss_kappa":      {"Fleiss' κ", "Scott's π extended to any number of coders."},
	"gwet_ac1":          {"Gwet's AC1", "A chance-corrected agreement that stays stable when a code is very rare or very common, where κ can be low despite high agreement."},
	"brennan_prediger":  {"Brennan–Prediger", "Agreement corrected for chance as if every category were equally likely."},
	"krippendorff_alpha": {"Krippendorff's α", "Agreement beyond chance for any number of coders, with missing data. Krippendorff (2004) advises relying on variables with α ≥ .800 " +
		"and drawing only tentative conclusions from .667 ≤ α < .800; the sheets colour α and κ by this guide (green, amber, red)."},
	"alpha_ci95":              {"α's 95% interval", "The range in which α lies with 95% confidence, estimated by resampling (bootstrap)."},
	"single_label":            {"Overall figures", "When every coder gave each turn at most one code, the codes are treated as one variable with several categories."},
	"krippendorff_alpha_masi": {"MASI α", "Krippendorff's α on each coder's whole set of codes for a turn, with partial credit when the sets overlap."},
}

func (x *xw) summary(in *Input, m *model) *grid {
	rep := &in.Agreement
	g := &grid{name: "Summary", headerRow: 1, limits: map[int]int{0: 36, 1: 90}, wrap: map[int]bool{1: true}, print: true}
	g.add(x.header("Item", "Value")...)
	exported := cell{}
	if !in.ExportedAt.IsZero() {
		exported = cell{v: excelTime(in.ExportedAt), s: x.st.time}
	}
	coders := rep.Coders
	if len(coders) == 0 {
		coders = in.Data.Coders
	}
	g.add(txt("Project"), txt(in.Project))
	g.add(txt("Exported at (UTC)"), exported)
	g.add(txt("Coders"), txt(strings.Join(coders, ", ")))
	g.add(txt("Number of coders"), x.count(len(coders)))
	g.add(txt("Scope"), txt(in.Scope))
	g.add(txt("Codebook fingerprint"), txt(coding.Fingerprint(in.Codebook)))
	g.add(txt("Codes in the codebook"), x.count(len(in.Codebook)))
	g.add(txt("Codes in scope"), x.count(len(m.codes)))
	g.add(txt("Units in scope"), x.count(len(in.Data.Units)))
	g.add(txt("Units counted (reviewed by two or more coders)"), x.count(rep.Overall.Units))
	g.add(txt("Overall mode"), txt(rep.Overall.Mode))
	g.add(txt("Codes given (one per coder and turn)"), x.count(m.nGiven))
	g.add(txt("Disagreements (turns whose coders gave different codes)"), x.count(len(rep.Disagreements)))
	if m.hasCons {
		g.add(txt("Consensus layer: turns settled"), x.count(len(m.cons)))
	} else {
		g.add(txt("Consensus layer"), txt("none (nothing adjudicated yet)"))
	}

	g.add()
	g.add(cell{v: "The statistics and how missing data was handled", s: x.st.title})
	conv := agreement.Conventions()
	for _, k := range agreement.ConventionKeys {
		label, plain := k, ""
		if s, ok := statistics[k]; ok {
			label, plain = s[0], s[1]+" "
		}
		g.add(txt(label), txt(plain+conv[k]))
	}

	g.add()
	g.add(cell{v: "Reading this workbook", s: x.st.title})
	g.add(txt("Undefined values"), txt(`A statistic that cannot be computed shows the word "undefined" (never 0 or a blank); `+
		`its cell comment and the notes below say why. In R, read the sheets with readxl::read_excel(path, sheet, na = "undefined").`))
	g.add(txt("Colours"), txt("Krippendorff's α and the κ statistics are filled green at .800 or above, amber from .667 to .799, red below .667, judged on the value as shown (three decimals)."))
	g.add(txt("Numbers"), txt("Statistics are stored at full precision and shown with three decimals (percent agreement as a percentage). Times are in UTC."))
	g.add(txt("Sheets"), txt("Agreement by code, Overall and Pairwise hold the figures; Confusion the category tables of each pair of coders; "+
		"Disagreements the turns to reconcile; Coding matrix one row per turn with a 0/1 column per coder and code (empty: not reviewed); "+
		"Codings one row per code given (a turn reviewed with no code has one row with an empty code); Codebook the codes; Frequencies the counts "+
		"(and the final coding, the consensus layer, when there is one); Consensus each turn the lead settled, with every coder's codes, the decision and its note. "+
		"The consensus layer never counts as a coder in the agreement figures."))
	if x.maxRows < ExcelMaxRows {
		g.add(txt("Long sheets"), txt(fmt.Sprintf(`A sheet longer than %d rows continues in "Name (2)", "Name (3)", …, each with its header.`, x.maxRows)))
	} else {
		g.add(txt("Long sheets"), txt(`A sheet longer than Excel's 1,048,576 rows continues in "Name (2)", "Name (3)", …, each with its header.`))
	}

	known := map[string]bool{}
	for _, v := range conv {
		known[v] = true
	}
	var notes []string
	for _, n := range rep.Notes {
		if !known[n] {
			notes = append(notes, n)
		}
	}
	if len(notes) > 0 {
		g.add()
		g.add(cell{v: "Notes on this data", s: x.st.title})
		for _, n := range notes {
			g.add(txt("Note"), txt(n))
		}
	}
	return g
}

// --- Agreement by code, Overall, Pairwise ---

func kappaHeader(meanOfPairs bool) string {
	if meanOfPairs {
		return "Cohen's κ (mean of pairs)"
	}
	return "Cohen's κ"
}

// agreementByCodeStats are the statistic columns of Agreement by code, after Code, Units and
// one column per coder ("ana: units given").
var agreementByCodeStats = []string{"Percent agreement", "Cohen's κ", "Scott's π", "Fleiss' κ", "Krippendorff's α",
	"α 95% CI low", "α 95% CI high", "Gwet's AC1", "Brennan–Prediger"}

func (x *xw) agreementByCode(in *Input) *grid {
	rep := &in.Agreement
	g := &grid{name: "Agreement by code", headerRow: 1, print: true}
	h := []string{"Code", "Units"}
	for _, c := range rep.Coders {
		h = append(h, c+": units given")
	}
	stats := slices.Clone(agreementByCodeStats)
	stats[1] = kappaHeader(len(rep.Coders) > 2)
	g.add(x.header(append(h, stats...)...)...)
	for _, cr := range rep.PerCode {
		r := []cell{txt(cr.Code), x.count(cr.Units)}
		for _, c := range rep.Coders {
			r = append(r, x.count(cr.Given[c]))
		}
		r = append(r,
			x.percent(cr.PercentAgreement), x.guide(cr.CohenKappa), x.stat(cr.ScottPi), x.guide(cr.FleissKappa),
			x.guide(cr.KrippendorffAlpha), x.stat(cr.AlphaCI95[0]), x.stat(cr.AlphaCI95[1]),
			x.stat(cr.GwetAC1), x.stat(cr.BrennanPrediger))
		g.add(r...)
	}
	return g
}

// overallStat is one statistic of an Overall block, as the Overall and Pairwise sheets show it.
type overallStat struct {
	name string
	get  func(o *agreement.Overall) agreement.Value
	kind int // 0 plain, 1 guide colours, 2 percent
}

var overallStats = []overallStat{
	{"Percent agreement", func(o *agreement.Overall) agreement.Value { return o.PercentAgreement }, 2},
	{"Cohen's κ", func(o *agreement.Overall) agreement.Value { return o.CohenKappa }, 1},
	{"Scott's π", func(o *agreement.Overall) agreement.Value { return o.ScottPi }, 0},
	{"Fleiss' κ", func(o *agreement.Overall) agreement.Value { return o.FleissKappa }, 1},
	{"Gwet's AC1", func(o *agreement.Overall) agreement.Value { return o.GwetAC1 }, 0},
	{"Brennan–Prediger", func(o *agreement.Overall) agreement.Value { return o.BrennanPrediger }, 0},
	{"Krippendorff's α (nominal)", func(o *agreement.Overall) agreement.Value { return o.AlphaNominal }, 1},
	{"Krippendorff's α (ordinal)", func(o *agreement.Overall) agreement.Value { return o.AlphaOrdinal }, 1},
	{"Krippendorff's α (interval)", func(o *agreement.Overall) agreement.Value { return o.AlphaInterval }, 1},
	{"Krippendorff's α (ratio)", func(o *agreement.Overall) agreement.Value { return o.AlphaRatio }, 1},
	{"Krippendorff's α (MASI)", func(o *agreement.Overall) agreement.Value { return o.AlphaMASI }, 1},
}

func (x *xw) statCell(s overallStat, o *agreement.Overall) cell {
	switch v := s.get(o); s.kind {
	case 1:
		return x.guide(v)
	case 2:
		return x.percent(v)
	default:
		return x.stat(v)
	}
}

func (x *xw) overall(in *Input) *grid {
	o := &in.Agreement.Overall
	g := &grid{name: "Overall", headerRow: 1, print: true}
	g.add(x.header("Statistic", "Value", "Note")...)
	g.add(txt("Mode"), txt(o.Mode), txt(modeNote(o.Mode)))
	g.add(txt("Units (reviewed by two or more coders)"), x.count(o.Units), cell{})
	for _, s := range overallStats {
		name, note := s.name, ""
		if v := s.get(o); !v.Defined {
			note = v.Reason
		} else if s.name == "Cohen's κ" && o.CohenKappaMeanPairwise {
			name = kappaHeader(true)
			note = "the mean of the pairwise κ (see Pairwise)"
		}
		g.add(txt(name), x.statCell(s, o), txt(note))
	}
	return g
}

func modeNote(mode string) string {
	switch mode {
	case agreement.SingleLabel:
		return "no coder gave a turn more than one code: the codes are one categorical variable"
	case agreement.MultiLabel:
		return "some coder gave a turn more than one code: only percent agreement (identical code sets) and the MASI α are defined overall; see the per-code figures"
	}
	return ""
}

func (x *xw) pairwise(in *Input) *grid {
	rep := &in.Agreement
	g := &grid{name: "Pairwise", headerRow: 1}
	h := []string{"Coder A", "Coder B", "Units"}
	for _, s := range overallStats {
		h = append(h, s.name)
	}
	for _, cr := range rep.PerCode {
		h = append(h, "α: "+cr.Code)
	}
	g.add(x.header(h...)...)
	if why := rep.PairwiseOmitted(); why != "" {
		g.add(txt(why))
	}
	for i := range rep.Pairwise {
		pr := &rep.Pairwise[i]
		r := []cell{txt(pr.Coders[0]), txt(pr.Coders[1]), x.count(pr.Overall.Units)}
		for _, s := range overallStats {
			r = append(r, x.statCell(s, &pr.Overall))
		}
		for k := range rep.PerCode {
			if k < len(pr.PerCode) {
				r = append(r, x.guide(pr.PerCode[k].KrippendorffAlpha))
			} else {
				r = append(r, cell{})
			}
		}
		g.add(r...)
	}
	return g
}

// --- Confusion ---

func (x *xw) confusion(in *Input, m *model) *grid {
	rep := &in.Agreement
	g := &grid{name: "Confusion", headerRow: 1}
	if rep.Overall.Mode == agreement.MultiLabel {
		g.add(x.header("Coders", "Code", "First coder", "Second coder gave", "Second coder did not give", "Total")...)
		coderIx := map[string]int{}
		for j, c := range m.coders {
			coderIx[c] = j
		}
		for _, pr := range rep.Pairwise {
			a, okA := coderIx[pr.Coders[0]]
			b, okB := coderIx[pr.Coders[1]]
			if !okA || !okB {
				continue
			}
			pair := pr.Coders[0] + " × " + pr.Coders[1]
			for k, t := range m.pairTables(a, b) {
				code := m.codes[k]
				g.add(cell{v: pair, s: x.st.title}, cell{v: code, s: x.st.title}, x.head(pr.Coders[0]+" ↓  "+pr.Coders[1]+" →"),
					x.head(pr.Coders[1]+" gave"), x.head(pr.Coders[1]+" did not give"), x.head("Total"))
				g.add(txt(pair), txt(code), txt(pr.Coders[0]+" gave"), x.count(t.both), x.count(t.onlyA), x.count(t.both+t.onlyA))
				g.add(txt(pair), txt(code), txt(pr.Coders[0]+" did not give"), x.count(t.onlyB), x.count(t.neither), x.count(t.onlyB+t.neither))
				g.add(txt(pair), txt(code), txt("Total"), x.count(t.both+t.onlyB), x.count(t.onlyA+t.neither), x.count(t.both+t.onlyA+t.onlyB+t.neither))
				g.add()
			}
		}
		if len(g.rows) == 1 {
			if why := rep.PairwiseOmitted(); why != "" {
				g.add(txt(why))
			} else {
				g.add(txt("No tables: agreement needs two or more coders."))
			}
		}
		return g
	}
	var categories []string
	if len(rep.Overall.Confusion) > 0 {
		categories = rep.Overall.Confusion[0].Categories
	}
	g.add(x.header(append(append([]string{"Coders", "First coder's category"}, categories...), "Total")...)...)
	for _, c := range rep.Overall.Confusion {
		pair := c.Coders[0] + " × " + c.Coders[1]
		title := []cell{{v: pair, s: x.st.title}, x.head(c.Coders[0] + " ↓  " + c.Coders[1] + " →")}
		for _, cat := range c.Categories {
			title = append(title, x.head(cat))
		}
		g.add(append(title, x.head("Total"))...)
		colTotals := make([]int, len(c.Categories))
		grand := 0
		for a, cat := range c.Categories {
			r := []cell{txt(pair), txt(cat)}
			sum := 0
			for b := range c.Categories {
				n := 0
				if a < len(c.Counts) && b < len(c.Counts[a]) {
					n = c.Counts[a][b]
				}
				r = append(r, x.count(n))
				sum += n
				colTotals[b] += n
			}
			grand += sum
			g.add(append(r, x.count(sum))...)
		}
		r := []cell{txt(pair), txt("Total")}
		for _, n := range colTotals {
			r = append(r, x.count(n))
		}
		g.add(append(r, x.count(grand))...)
		g.add()
	}
	if len(rep.Overall.Confusion) == 0 {
		switch {
		case rep.PairwiseOmitted() != "":
			g.add(txt(rep.PairwiseOmitted()))
		case rep.ConfusionOmitted() != "":
			g.add(txt(rep.ConfusionOmitted()))
		default:
			g.add(txt("No tables: agreement needs two or more coders."))
		}
	}
	return g
}

// --- Disagreements, Coding matrix, Codings (streamed) ---

func disagreementsTable(in *Input, m *model, uw []colWidth) *table {
	rep := &in.Agreement
	t := &table{name: "Disagreements", print: true, rows: len(rep.Disagreements)}
	t.header = []string{"Document", "Section", "Turn", "Speaker", "Text"}
	t.widths = []colWidth{uw[0], uw[1], uw[2], uw[3], uw[5]}
	for _, c := range rep.Coders {
		t.header = append(t.header, c)
		cw := newColWidth(c, 40)
		for _, d := range rep.Disagreements {
			if codes, ok := d.Codes[c]; ok {
				cw.text(joinCodes(codes))
			}
		}
		t.widths = append(t.widths, cw)
	}
	if m.hasCons {
		cw, nw := newColWidth("Consensus", 40), newColWidth("Note", maxTextWidth)
		for _, d := range rep.Disagreements {
			if u, ok := m.unitIx[d.Unit]; ok {
				if dec, ok := m.cons[u]; ok {
					cw.text(joinCodes(m.consNames(dec)))
					nw.text(dec.note)
				}
			}
		}
		t.header = append(t.header, "Consensus", "Note")
		t.widths = append(t.widths, cw, nw)
	}
	return t
}

func joinCodes(codes []string) string {
	if len(codes) == 0 {
		return agreement.NoCodeCategory
	}
	return strings.Join(codes, " + ")
}

func (x *xw) writeDisagreements(t *table, in *Input, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	rep := &in.Agreement
	vals := make([]any, len(t.header))
	for _, d := range rep.Disagreements {
		clear(vals)
		if u, ok := m.unitIx[d.Unit]; ok {
			unit := &m.units[u]
			vals[0], vals[1], vals[2], vals[3], vals[4] = unit.Document, unit.Section, unit.Number, unit.Speaker, unit.Text
		} else {
			vals[2] = d.Unit
		}
		n := 1
		if u, ok := m.unitIx[d.Unit]; ok {
			n = int(m.lines[u])
		}
		for j, c := range rep.Coders {
			if codes, ok := d.Codes[c]; ok {
				v := joinCodes(codes)
				vals[5+j] = v
				n = max(n, lines(v, t.widths[5+j].width()))
			}
		}
		if m.hasCons {
			if u, ok := m.unitIx[d.Unit]; ok {
				if dec, ok := m.cons[u]; ok {
					c := 5 + len(rep.Coders)
					vals[c] = joinCodes(m.consNames(dec))
					if dec.note != "" {
						vals[c+1] = dec.note
						n = max(n, lines(dec.note, t.widths[c+1].width()))
					}
				}
			}
		}
		if err := s.add(vals, n); err != nil {
			return err
		}
	}
	return s.close()
}

// MaxMatrixCells bounds the coding matrix (turns × coders × codes, 0 or 1 each): a denser one
// would take minutes and hundreds of megabytes of mostly zeros, so the sheet says why it is
// left out and the Codings sheet, one row per coding, holds the same.
const MaxMatrixCells = 20_000_000

// matrixOmitted is the sentence the Coding matrix sheet holds instead of the matrix when it
// would be wider than Excel allows or larger than MaxMatrixCells, or "".
func matrixOmitted(m *model) string {
	cols := len(m.matrixHeader())
	why := ""
	switch {
	case len(unitColumns)+cols > excelize.MaxColumns:
		why = fmt.Sprintf("it would need %d columns, more than Excel's %d", len(unitColumns)+cols, excelize.MaxColumns)
	case len(m.units)*cols > MaxMatrixCells:
		why = fmt.Sprintf("it would have %d cells, more than the %d turncoder writes", len(m.units)*cols, MaxMatrixCells)
	default:
		return ""
	}
	return fmt.Sprintf("The coding matrix (a 0/1 column for each of %d coders × %d codes) is left out: %s. The Codings sheet holds the same codings, one row each; or export fewer coders or codes (--coders, --codes).",
		len(m.coders), len(m.codes), why)
}

func matrixTable(m *model, uw []colWidth) *table {
	t := &table{name: "Coding matrix", rows: len(m.units)}
	t.header = append(slices.Clone(unitColumns), m.matrixHeader()...)
	t.widths = slices.Clone(uw)
	for _, h := range t.header[len(unitColumns):] {
		t.widths = append(t.widths, newColWidth(h, maxHeaderWidth))
	}
	return t
}

// Boxed 0 and 1, so a matrix row does not allocate per cell.
var zeroOne = [2]any{0, 1}

func (x *xw) writeMatrix(t *table, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	vals := make([]any, len(t.header))
	flags := make([]int8, len(t.header)-len(unitColumns))
	for u := range m.units {
		unit := &m.units[u]
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = unit.Document, unit.Section, unit.Number, unit.Speaker, string(unit.Role), unit.Text
		m.matrixRow(u, flags)
		for i, v := range flags {
			if v < 0 {
				vals[len(unitColumns)+i] = nil
			} else {
				vals[len(unitColumns)+i] = zeroOne[v]
			}
		}
		if err := s.add(vals, int(m.lines[u])); err != nil {
			return err
		}
	}
	return s.close()
}

func codingsTable(m *model, uw []colWidth) *table {
	t := &table{name: "Codings", rows: m.rows}
	t.header = append(slices.Clone(unitColumns), "Coder", "Code", "Time (UTC)")
	t.widths = slices.Clone(uw)
	coder, code := newColWidth("Coder", maxTextWidth), newColWidth("Code", maxTextWidth)
	for _, c := range m.coders {
		coder.text(c)
	}
	for _, c := range m.codes {
		code.text(c)
	}
	t.widths = append(t.widths, coder, code, newColWidth("yyyy-mm-dd hh:mm:ss", maxTextWidth))
	return t
}

func (x *xw) writeCodings(t *table, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	vals := make([]any, len(t.header))
	err = m.eachCoding(func(r codingRow) error {
		u := r.unit
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = u.Document, u.Section, u.Number, u.Speaker, string(u.Role), u.Text
		vals[6], vals[7], vals[8] = r.coder, r.code, nil
		if r.code == "" {
			vals[7] = nil
		}
		if !r.time.IsZero() {
			vals[8] = excelize.Cell{StyleID: x.st.time, Value: excelTime(r.time)}
		}
		return s.add(vals, int(r.lines))
	})
	if err != nil {
		return err
	}
	return s.close()
}

// --- Consensus ---

// consensusTable is the Consensus sheet: each settled unit with every coder's codes, the
// decision, its note and time. Its header is there even when the project has no consensus
// layer, so that scripts find the same sheets in every export.
func consensusTable(m *model, uw []colWidth) *table {
	t := &table{name: "Consensus", print: true, rows: len(m.cons)}
	t.header = slices.Clone(unitColumns)
	t.widths = slices.Clone(uw)
	settled := m.settled()
	for j, c := range m.coders {
		cw := newColWidth(c, 40)
		for _, u := range settled {
			if es := m.cell(u, j); len(es) > 0 {
				cw.text(joinCodes(m.entryNames(es)))
			}
		}
		t.header = append(t.header, c)
		t.widths = append(t.widths, cw)
	}
	cw, nw := newColWidth("Consensus", 40), newColWidth("Note", maxTextWidth)
	for _, u := range settled {
		d := m.cons[u]
		cw.text(joinCodes(m.consNames(d)))
		nw.text(d.note)
	}
	t.header = append(t.header, "Consensus", "Note", "Time (UTC)")
	t.widths = append(t.widths, cw, nw, newColWidth("yyyy-mm-dd hh:mm:ss", maxTextWidth))
	return t
}

func (x *xw) writeConsensus(t *table, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	vals := make([]any, len(t.header))
	nC := len(m.coders)
	for _, u := range m.settled() {
		clear(vals)
		unit := &m.units[u]
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = unit.Document, unit.Section, unit.Number, unit.Speaker, string(unit.Role), unit.Text
		n := int(m.lines[u])
		for j := range m.coders {
			if es := m.cell(u, j); len(es) > 0 {
				v := joinCodes(m.entryNames(es))
				vals[6+j] = v
				n = max(n, lines(v, t.widths[6+j].width()))
			}
		}
		d := m.cons[u]
		vals[6+nC] = joinCodes(m.consNames(d))
		if d.note != "" {
			vals[7+nC] = d.note
			n = max(n, lines(d.note, t.widths[7+nC].width()))
		}
		if !d.time.IsZero() {
			vals[8+nC] = excelize.Cell{StyleID: x.st.time, Value: excelTime(d.time)}
		}
		if err := s.add(vals, n); err != nil {
			return err
		}
	}
	return s.close()
}

// --- Codebook ---

func (x *xw) codebook(in *Input) *grid {
	g := &grid{name: "Codebook", headerRow: 1, print: true, wrap: map[int]bool{2: true, 3: true, 4: true, 5: true}}
	g.add(x.header("Code", "Chinese label", "Definition", "Inclusion", "Exclusion", "Example", "Colour", "Shortcut", "Parent")...)
	names := map[string]string{}
	for _, c := range in.Codebook {
		names[c.ID] = c.Name
	}
	for _, c := range in.Codebook {
		parent := names[c.ParentID]
		if parent == "" && c.ParentID != "" {
			parent = c.ParentID
		}
		g.add(txt(c.Name), txt(c.NameZH), txt(c.Definition), txt(c.Inclusion), txt(c.Exclusion), txt(c.Example),
			txt(c.Colour), txt(c.Shortcut), txt(parent))
	}
	return g
}

// --- Frequencies ---

// maxChartSeries caps the speakers in the chart (the most coded are kept).
const maxChartSeries = 12

func (x *xw) frequencies(m *model) *grid {
	fs := m.frequencies()
	bySpeaker := fs.bySpeaker
	tables := []struct {
		title string
		f     freq
	}{
		{"Codes given by each coder", fs.byCoder},
		{"By speaker (codes given to the speaker's turns, all coders)", fs.bySpeaker},
		{"By role (all coders)", fs.byRole},
		{"By document (all coders)", fs.byDoc},
	}
	if m.hasCons {
		settled := fmt.Sprintf("%d of %d turns settled", len(m.cons), len(m.units))
		tables = append(tables, []struct {
			title string
			f     freq
		}{
			{"Final coding: the consensus layer by speaker (" + settled + ")", fs.consSpeaker},
			{"Final coding by role (consensus layer)", fs.consRole},
			{"Final coding by document (consensus layer)", fs.consDoc},
		}...)
	}
	for i := range tables {
		tables[i].f = topGroups(tables[i].f, maxFreqGroups)
	}
	bySpeaker = tables[1].f
	g := &grid{name: "Frequencies", headerRow: 2, filterTo: 2 + len(m.codes)}
	nK := len(m.codes)
	g.rows = make([][]cell, 3+nK)
	col := 0
	speakerCol := 0 // first column of the speaker table
	for ti, t := range tables {
		if ti > 0 {
			for i := range g.rows {
				g.rows[i] = append(g.rows[i], cell{})
			}
			col++
		}
		if ti == 1 {
			speakerCol = col
		}
		n := len(t.f.groups) + 2 // code, groups, total
		from, _ := excelize.CoordinatesToCellName(col+1, 1)
		to, _ := excelize.CoordinatesToCellName(col+n, 1)
		g.merges = append(g.merges, [2]string{from, to})
		g.rows[0] = append(g.rows[0], cell{v: t.title, s: x.st.title})
		for range n - 1 {
			g.rows[0] = append(g.rows[0], cell{s: x.st.title})
		}
		g.rows[1] = append(g.rows[1], x.head("Code"))
		for _, grp := range t.f.groups {
			g.rows[1] = append(g.rows[1], x.head(grp))
		}
		g.rows[1] = append(g.rows[1], x.head("Total"))
		totals := make([]int, len(t.f.groups)+1)
		for k := range nK {
			r := []cell{txt(m.codes[k])}
			sum := 0
			for gi, c := range t.f.counts[k] {
				r = append(r, x.count(c))
				sum += c
				totals[gi] += c
			}
			totals[len(totals)-1] += sum
			g.rows[2+k] = append(g.rows[2+k], append(r, x.count(sum))...)
		}
		last := []cell{{v: "Total", s: x.st.bold}}
		for _, c := range totals {
			last = append(last, x.count(c))
		}
		g.rows[2+nK] = append(g.rows[2+nK], last...)
		col += n
	}
	g.cols = col
	if nK > 0 && len(bySpeaker.groups) > 0 {
		g.after = func(x *xw) error { return x.speakerChart(bySpeaker, speakerCol, nK) }
	}
	return g
}

// speakerChart adds a clustered column chart of codes (categories) by speaker (series) under
// the tables.
// maxFreqGroups is the most columns (speakers, documents) one table of the Frequencies sheet
// has: the tables sit side by side, and 17,000 speakers would pass Excel's 16,384 columns.
const maxFreqGroups = 500

// topGroups keeps the maxGroups−1 groups of f given the most codes, in their order, and sums
// the rest into one last column, "N others", so that every total stays whole.
func topGroups(f freq, maxGroups int) freq {
	if len(f.groups) <= maxGroups {
		return f
	}
	type grp struct{ i, total int }
	gs := make([]grp, len(f.groups))
	for i := range f.groups {
		gs[i].i = i
		for k := range f.counts {
			gs[i].total += f.counts[k][i]
		}
	}
	slices.SortStableFunc(gs, func(a, b grp) int { return b.total - a.total })
	keep := gs[:maxGroups-1]
	slices.SortFunc(keep, func(a, b grp) int { return a.i - b.i })
	out := newFreq(nil, len(f.counts))
	for _, g := range keep {
		out.groups = append(out.groups, f.groups[g.i])
	}
	out.groups = append(out.groups, fmt.Sprintf("%d others", len(f.groups)-len(keep)))
	kept := make([]bool, len(f.groups))
	for _, g := range keep {
		kept[g.i] = true
	}
	for k, row := range f.counts {
		r := make([]int, 0, maxGroups)
		other := 0
		for i, c := range row {
			if kept[i] {
				r = append(r, c)
			} else {
				other += c
			}
		}
		out.counts[k] = append(r, other)
	}
	return out
}

func (x *xw) speakerChart(f freq, col, nK int) error {
	type sp struct{ i, total int }
	var sps []sp
	for i := range f.groups {
		t := 0
		for k := range nK {
			t += f.counts[k][i]
		}
		sps = append(sps, sp{i, t})
	}
	title := "Codes by speaker (codes given, all coders)"
	if len(sps) > maxChartSeries {
		slices.SortStableFunc(sps, func(a, b sp) int { return b.total - a.total })
		sps = sps[:maxChartSeries]
		slices.SortFunc(sps, func(a, b sp) int { return a.i - b.i })
		title = fmt.Sprintf("Codes by speaker: the %d speakers with the most codes", maxChartSeries)
	}
	sheet := quoteSheet("Frequencies")
	codeCol, _ := excelize.ColumnNumberToName(col + 1)
	categories := fmt.Sprintf("%s!$%s$3:$%s$%d", sheet, codeCol, codeCol, 2+nK)
	var series []excelize.ChartSeries
	for _, s := range sps {
		c, _ := excelize.ColumnNumberToName(col + 2 + s.i)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$2", sheet, c),
			Categories: categories,
			Values:     fmt.Sprintf("%s!$%s$3:$%s$%d", sheet, c, c, 2+nK),
		})
	}
	return x.f.AddChart("Frequencies", "A"+strconv.Itoa(nK+5), &excelize.Chart{
		Type:       excelize.Col,
		VaryColors: new(bool),
		Series:     series,
		Title:      []excelize.RichTextRun{{Text: title}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: uint(min(360+60*nK*max(len(sps), 1), 1600)), Height: 400},
		YAxis:      excelize.ChartAxis{MajorGridLines: true},
	})
}

// workbookTempPrefix names the temporary folders of workbook exports.
const workbookTempPrefix = "turncoder-xlsx-"

// workbookTempDir makes this export's temporary folder, first removing those that exports
// killed long ago left behind.
func workbookTempDir() (string, error) {
	base := os.TempDir()
	if entries, err := os.ReadDir(base); err == nil {
		stale := time.Now().Add(-safefile.StaleTemp)
		for _, e := range entries {
			if !e.IsDir() || !strings.HasPrefix(e.Name(), workbookTempPrefix) {
				continue
			}
			if info, err := e.Info(); err == nil && info.ModTime().Before(stale) {
				os.RemoveAll(filepath.Join(base, e.Name()))
			}
		}
	}
	return os.MkdirTemp(base, workbookTempPrefix+"*")
}
