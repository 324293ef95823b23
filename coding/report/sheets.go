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
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/xuri/excelize/v2"
)

func writeWorkbook(ctx context.Context, w io.Writer, in *Input, opt Options, progress func(done, total int)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l, err := langOf(opt.Lang)
	if err != nil {
		return err
	}
	m, err := in.model()
	if err != nil {
		return err
	}
	m.setConsensus(in.Consensus)
	rr, err := in.reference(m, opt.Reference)
	if err != nil {
		return err
	}
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
	coders := in.Agreement.Coders
	if rr != nil { // the reasons of the comparison name the reference too
		coders = append(slices.Clone(coders), rr.Reference)
	}
	x := &xw{ctx: ctx, f: f, maxRows: maxRows, progress: progress, l: l, e: newEngineText(l, coders), tmpDir: tmpDir, rows: map[string]*sheetRows{}}
	defer x.closeRows() // before tmpDir is removed: Windows removes no open file
	if err := x.newStyles(); err != nil {
		return err
	}

	// Small sheets are built first; the large ones are planned (their row counts are known),
	// so the progress total is known before the first row.
	uw := unitWidths(l, m.units)
	m.lines = unitLines(m.units, uw[5].width())
	summary := x.summary(in, m, rr)
	byCode := x.agreementByCode(in)
	overall := x.overall(in)
	pairwise := x.pairwise(in)
	confusion := x.confusion(in, m)
	disagreements := disagreementsTable(l, in, m, uw)
	var matrix *table
	matrixNote := matrixOmitted(l, m)
	if matrixNote == "" {
		matrix = matrixTable(l, m, uw)
	}
	codings := codingsTable(l, m, uw)
	codebook := x.codebook(in)
	frequencies := x.frequencies(m, in.Codebook)
	consensus := consensusTable(l, m, uw)
	analysisSheets, err := x.analysisSheets(m)
	if err != nil {
		return err
	}
	// The comparison with a reference, after the sheets of SheetNames.
	var refSheet *grid
	var refDiffs *table
	if rr != nil {
		refSheet = x.referenceSheet(rr)
		refDiffs = referenceDifferences(l, rr, uw)
		x.total += len(refSheet.rows)
	}
	for _, g := range append([]*grid{summary, byCode, overall, pairwise, confusion, codebook, frequencies}, analysisSheets...) {
		x.total += len(g.rows)
	}
	for _, t := range []*table{disagreements, matrix, codings, consensus, refDiffs} {
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
	for _, g := range analysisSheets {
		if err := x.writeGrid(g); err != nil {
			return err
		}
	}
	if rr != nil {
		if err := x.writeGrid(refSheet); err != nil {
			return err
		}
		if err := x.writeReferenceDifferences(refDiffs, rr, m); err != nil {
			return err
		}
	}
	// The Summary, the first sheet, is the active one as in a new file. (SetActiveSheet would
	// read every sheet back, the streamed ones included: slow, and needless.)
	props := &excelize.DocProperties{Title: l.f("doc.title", in.Project), Creator: "turncoder", Subject: in.Scope}
	if !in.ExportedAt.IsZero() {
		props.Created = in.ExportedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	f.SetZipWriter(zipTo(ctxWriter{ctx, w}, x.rows))
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
var unitColumnIDs = []string{"col.document", "col.section", "col.turn", "col.speaker", "col.role", "col.text"}

// unitColumns are the unit columns' headers in l.
func (l lang) unitColumns() []string {
	out := make([]string, len(unitColumnIDs))
	for i, id := range unitColumnIDs {
		out[i] = l.t(id)
	}
	return out
}

// unitWidths estimates the unit columns' widths from their headers in l and every unit in scope.
func unitWidths(l lang, units []coding.Unit) []colWidth {
	ws := make([]colWidth, len(unitColumnIDs))
	for i, h := range l.unitColumns() {
		ws[i] = newColWidth(h, maxTextWidth)
	}
	for _, u := range units {
		ws[0].text(u.Document)
		ws[1].text(u.Section)
		ws[2].int(u.Number)
		ws[3].text(u.Speaker)
		ws[4].text(l.role(u.Role))
		ws[5].text(u.Text)
	}
	ws[5].wrap = true // turns are prose
	return ws
}

// timeWidth is the width of a time column: its header in l, or a time as shown.
func timeWidth(l lang) colWidth {
	w := newColWidth(l.t("col.time"), maxTextWidth)
	w.text(fmtDateTime)
	return w
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

// topics name the general conventions (agreement.GeneralConventionKeys) in the Summary (text
// ids); a statistic's convention is named by its title, "stat." and its key. "plain." and the
// key is a convention's or a statistic's explanation in plain words, which the Summary gives
// before the engine's own sentence.
var topics = map[string]string{"scope": "topic.scope", "single_label": "topic.single_label", "precision": "topic.precision"}

// roleIDs name the roles of coding.Roles (text ids).
var roleIDs = map[coding.Role]string{coding.RoleInterviewer: "role.interviewer", coding.RoleRespondent: "role.respondent", coding.RoleOther: "role.other"}

// role is a role of coding.Roles in l; another as it is.
func (l lang) role(r coding.Role) string {
	if id, ok := roleIDs[r]; ok {
		return l.t(id)
	}
	return string(r)
}

// mode is the overall figures' mode (agreement.SingleLabel, MultiLabel) in l.
func (l lang) mode(mode string) string {
	switch mode {
	case agreement.SingleLabel:
		return l.t("mode.single")
	case agreement.MultiLabel:
		return l.t("mode.multi")
	}
	return mode
}

// summaryProse is the width of the Summary's column of prose.
const summaryProse = 90

func (x *xw) summary(in *Input, m *model, rr *agreement.ReferenceReport) *grid {
	rep, l := &in.Agreement, x.l
	g := &grid{name: "Summary", headerRow: 1, limits: map[int]int{0: 36, 1: summaryProse}, wrap: map[int]bool{1: true}, print: true}
	g.add(x.header(l.t("summary.item"), l.t("col.value"))...)
	exported := cell{}
	if !in.ExportedAt.IsZero() {
		exported = cell{v: excelTime(in.ExportedAt), s: x.st.time}
	}
	coders := rep.Coders
	if len(coders) == 0 {
		coders = in.Data.Coders
	}
	item := func(id string, v cell) { g.add(txt(l.t(id)), v) }
	item("summary.project", txt(in.Project))
	item("summary.exported", exported)
	item("summary.coders", txt(l.list(coders)))
	item("summary.nCoders", x.count(len(coders)))
	item("summary.scope", txt(in.Scope))
	item("summary.fingerprint", txt(coding.Fingerprint(in.Codebook)))
	item("summary.codebookCodes", x.count(len(in.Codebook)))
	item("summary.scopeCodes", x.count(len(m.codes)))
	item("summary.scopeUnits", x.count(len(in.Data.Units)))
	item("summary.countedUnits", x.count(rep.Overall.Units))
	item("summary.mode", txt(l.mode(rep.Overall.Mode)))
	item("summary.given", x.count(m.nGiven))
	item("summary.disagreements", x.count(len(rep.Disagreements)))
	if m.hasCons {
		item("summary.settled", x.count(len(m.cons)))
	} else {
		item("summary.consensusLayer", txt(l.t("summary.noConsensus")))
	}
	if rr != nil {
		item("summary.reference", txt(l.referenceName(rr, m.hasCons)))
		item("summary.referenceUnits", x.count(rr.Units))
		item("summary.referenceConv", txt(x.e.referenceConvention()+l.t("sep.sentence")+l.t("summary.referenceSheets")))
	}

	// The paragraph a methods section takes, in the workbook's language, in one cell (a click
	// copies it whole) merged down over as many rows as show it: a row is at most 409 points
	// high, and a paragraph of a few codes takes more. The rows are as many in each language, so
	// that the sheets of every language have their figures in the same cells.
	g.add()
	g.add(cell{v: l.t("summary.methods"), s: x.st.title})
	facts := Methods{Scope: in.Scope, Fingerprint: coding.Fingerprint(in.Codebook), Blind: in.Blind, Consensus: len(m.cons) > 0}
	paragraph := MethodsParagraph(Languages[l], *rep, facts)
	item("summary.methodsText", txt(paragraph))
	first, rows := len(g.rows)-1, 1
	for _, lang := range Languages {
		rows = max(rows, (allLines(MethodsParagraph(lang, *rep, facts), summaryProse+padding)+maxLines)/maxLines)
	}
	if rows > 1 {
		need := allLines(paragraph, summaryProse+padding) + 1
		g.lines = map[int]int{}
		for r := first; r < first+rows; r++ {
			if r > first {
				g.add()
			}
			g.lines[r] = max(1, min(need, maxLines))
			need -= maxLines
		}
		g.merges = append(g.merges, [2]string{"B" + strconv.Itoa(first+1), "B" + strconv.Itoa(len(g.rows))})
	}

	g.add()
	g.add(cell{v: l.t("summary.statistics"), s: x.st.title})
	conv := agreement.Conventions()
	explain := func(label, key string) {
		text := l.t("plain." + key)
		if c, ok := conv[key]; ok {
			text += l.t("sep.sentence") + x.e.convention(key, c)
		}
		g.add(txt(label), txt(text))
	}
	for _, k := range agreement.GeneralConventionKeys {
		explain(l.t(topics[k]), k)
	}
	for _, st := range agreement.Statistics() {
		explain(l.statTitle(st, 2), st.Key)
	}

	g.add()
	g.add(cell{v: l.t("summary.reading"), s: x.st.title})
	item("summary.undefined", txt(l.t("summary.undefinedText")))
	item("summary.colours", txt(l.t("summary.coloursText")))
	item("summary.numbers", txt(l.t("summary.numbersText")))
	item("summary.sheets", txt(l.t("summary.sheetsText")))
	if x.maxRows < ExcelMaxRows {
		item("summary.long", txt(l.f("summary.longText", x.maxRows)))
	} else {
		item("summary.long", txt(l.t("summary.longTextExcel")))
	}

	if notes := x.e.dataNotes(rep); len(notes) > 0 {
		g.add()
		g.add(cell{v: l.t("summary.notes"), s: x.st.title})
		for _, n := range notes {
			item("summary.note", txt(n))
		}
	}
	return g
}

// --- Agreement by code, Overall, Pairwise ---

// The sheets of figures have a column for each statistic of agreement.Statistics reported
// there, followed by its precision's (see estimate): the same columns in every export, a
// statistic that does not apply to the data (Scott's π of three coders) left empty with the
// reason in each cell's comment. Their headers wrap at statHeaderWidth, so that the many narrow
// columns of numbers print on few pages.
const statHeaderWidth = 10

func (x *xw) agreementByCode(in *Input) *grid {
	rep, l := &in.Agreement, x.l
	g := &grid{name: "Agreement by code", headerRow: 1, print: true, titleCols: 1, headerCap: statHeaderWidth}
	h := []string{l.t("col.code"), l.t("col.units")}
	for _, c := range rep.Coders {
		h = append(h, l.f("col.unitsGiven", c))
	}
	stats := perCode()
	for _, s := range stats {
		h = append(h, l.statColumns(s, len(rep.Coders))...)
	}
	g.add(x.header(h...)...)
	for i := range rep.PerCode {
		cr := &rep.PerCode[i]
		r := []cell{txt(cr.Code), x.count(cr.Units)}
		for _, c := range rep.Coders {
			r = append(r, x.count(cr.Given[c]))
		}
		for _, s := range stats {
			r = append(r, x.estimate(s, s.OfCode(cr))...)
		}
		g.add(r...)
	}
	return g
}

// perCode and overall are the statistics of agreement.Statistics reported per code and
// overall, in order.
func perCode() []agreement.Statistic {
	var out []agreement.Statistic
	for _, s := range agreement.Statistics() {
		if s.Applies.PerCode {
			out = append(out, s)
		}
	}
	return out
}

func overallStats() []agreement.Statistic {
	var out []agreement.Statistic
	for _, s := range agreement.Statistics() {
		if s.Applies.Overall {
			out = append(out, s)
		}
	}
	return out
}

// The Overall sheet's columns: a statistic per row, its value, precision and a note.
var overallColumns = []string{"col.statistic", "col.value", "col.seShort", "col.ciLowShort", "col.ciHighShort", "col.pShort", "col.note"}

func (x *xw) overall(in *Input) *grid {
	o, l := &in.Agreement.Overall, x.l
	g := &grid{name: "Overall", headerRow: 1, print: true}
	h := make([]string, len(overallColumns))
	for i, id := range overallColumns {
		h[i] = l.t(id)
	}
	g.add(x.header(h...)...)
	// The mode is in the Note column: the Value column holds numbers only, for R and SPSS.
	g.add(txt(l.t("overall.mode")), cell{}, cell{}, cell{}, cell{}, cell{}, txt(l.f("overall.modeNote", l.mode(o.Mode), modeNote(l, o.Mode))))
	g.add(txt(l.t("overall.units")), x.count(o.Units), cell{}, cell{}, cell{}, cell{}, cell{})
	for _, s := range overallStats() {
		e := s.OfOverall(o)
		note := ""
		if !e.Coef.Defined {
			note = x.e.reasonText(e.Coef.Reason)
		} else if s.TitleMany != "" && o.CohenKappaMeanPairwise {
			note = l.t("overall.meanOfPairs")
		}
		coders := 2
		if o.CohenKappaMeanPairwise {
			coders = 3 // more than two: the title for many coders
		}
		r := append([]cell{txt(l.statTitle(s, coders))}, x.estimate(s, e)...)
		for len(r) < len(overallColumns)-1 {
			r = append(r, cell{}) // a statistic without precision
		}
		g.add(append(r, txt(note))...)
	}
	return g
}

func modeNote(l lang, mode string) string {
	switch mode {
	case agreement.SingleLabel:
		return l.t("overall.singleNote")
	case agreement.MultiLabel:
		return l.t("overall.multiNote")
	}
	return ""
}

func (x *xw) pairwise(in *Input) *grid {
	rep, l := &in.Agreement, x.l
	g := &grid{name: "Pairwise", headerRow: 1, headerCap: statHeaderWidth}
	h := []string{l.t("col.coderA"), l.t("col.coderB"), l.t("col.units")}
	stats := overallStats()
	for _, s := range stats {
		h = append(h, l.statColumns(s, 2)...)
	}
	for _, cr := range rep.PerCode {
		h = append(h, l.f("col.alphaOfCode", cr.Code))
	}
	g.add(x.header(h...)...)
	if why := x.e.pairwiseOmitted(rep); why != "" {
		g.add(txt(why))
	}
	for i := range rep.Pairwise {
		pr := &rep.Pairwise[i]
		r := []cell{txt(pr.Coders[0]), txt(pr.Coders[1]), x.count(pr.Overall.Units)}
		for _, s := range stats {
			r = append(r, x.estimate(s, s.OfOverall(&pr.Overall))...)
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
	rep, l := &in.Agreement, x.l
	g := &grid{name: "Confusion", headerRow: 1}
	if rep.Overall.Mode == agreement.MultiLabel {
		g.add(x.header(l.t("confusion.coders"), l.t("col.code"), l.t("confusion.first"), l.t("confusion.secondGave"), l.t("confusion.secondNotGave"), l.t("total"))...)
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
					x.head(l.f("confusion.gave", pr.Coders[1])), x.head(l.f("confusion.didNotGive", pr.Coders[1])), x.head(l.t("total")))
				g.add(txt(pair), txt(code), txt(l.f("confusion.gave", pr.Coders[0])), x.count(t.both), x.count(t.onlyA), x.count(t.both+t.onlyA))
				g.add(txt(pair), txt(code), txt(l.f("confusion.didNotGive", pr.Coders[0])), x.count(t.onlyB), x.count(t.neither), x.count(t.onlyB+t.neither))
				g.add(txt(pair), txt(code), txt(l.t("total")), x.count(t.both+t.onlyB), x.count(t.onlyA+t.neither), x.count(t.both+t.onlyA+t.onlyB+t.neither))
				g.add()
			}
		}
		if len(g.rows) == 1 {
			if why := x.e.pairwiseOmitted(rep); why != "" {
				g.add(txt(why))
			} else {
				g.add(txt(l.t("confusion.none")))
			}
		}
		return g
	}
	var categories []string
	if len(rep.Overall.Confusion) > 0 {
		categories = rep.Overall.Confusion[0].Categories
	}
	h := []string{l.t("confusion.coders"), l.t("confusion.firstCategory")}
	for _, cat := range categories {
		h = append(h, l.category(cat))
	}
	g.add(x.header(append(h, l.t("total"))...)...)
	for _, c := range rep.Overall.Confusion {
		pair := c.Coders[0] + " × " + c.Coders[1]
		title := []cell{{v: pair, s: x.st.title}, x.head(c.Coders[0] + " ↓  " + c.Coders[1] + " →")}
		for _, cat := range c.Categories {
			title = append(title, x.head(l.category(cat)))
		}
		g.add(append(title, x.head(l.t("total")))...)
		colTotals := make([]int, len(c.Categories))
		grand := 0
		for a, cat := range c.Categories {
			r := []cell{txt(pair), txt(l.category(cat))}
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
		r := []cell{txt(pair), txt(l.t("total"))}
		for _, n := range colTotals {
			r = append(r, x.count(n))
		}
		g.add(append(r, x.count(grand))...)
		g.add()
	}
	if len(rep.Overall.Confusion) == 0 {
		switch {
		case rep.PairwiseOmitted() != "":
			g.add(txt(x.e.pairwiseOmitted(rep)))
		case rep.ConfusionOmitted() != "":
			g.add(txt(x.e.confusionOmitted(rep)))
		default:
			g.add(txt(l.t("confusion.none")))
		}
	}
	return g
}

// --- Disagreements, Coding matrix, Codings (streamed) ---

func disagreementsTable(l lang, in *Input, m *model, uw []colWidth) *table {
	rep := &in.Agreement
	t := &table{name: "Disagreements", print: true, rows: len(rep.Disagreements)}
	cols := l.unitColumns()
	t.header = []string{cols[0], cols[1], cols[2], cols[3], cols[5]}
	t.widths = []colWidth{uw[0], uw[1], uw[2], uw[3], uw[5]}
	for _, c := range rep.Coders {
		t.header = append(t.header, c)
		cw := newColWidth(c, 40)
		for _, d := range rep.Disagreements {
			if codes, ok := d.Codes[c]; ok {
				cw.text(joinCodes(l, codes))
			}
		}
		t.widths = append(t.widths, cw)
	}
	if m.hasCons {
		cw, nw := newColWidth(l.t("col.consensus"), 40), newColWidth(l.t("col.note"), maxTextWidth)
		for _, d := range rep.Disagreements {
			if u, ok := m.unitIx[d.Unit]; ok {
				if dec, ok := m.cons[u]; ok {
					cw.text(joinCodes(l, m.consNames(dec)))
					nw.text(dec.note)
				}
			}
		}
		t.header = append(t.header, l.t("col.consensus"), l.t("col.note"))
		t.widths = append(t.widths, cw, nw)
	}
	return t
}

// joinCodes writes a coder's codes on a unit in one cell: "referral + deflection", or "(no
// code)" in l for a unit reviewed with none.
func joinCodes(l lang, codes []string) string {
	if len(codes) == 0 {
		return l.category(agreement.NoCodeCategory)
	}
	return strings.Join(codes, " + ")
}

// category is a category of the confusion tables in l: a code, or "no code" (a reviewed unit
// with no code, agreement.NoCodeCategory) in l's words.
func (l lang) category(cat string) string {
	if cat == agreement.NoCodeCategory {
		return l.t("noCode")
	}
	return cat
}

func (x *xw) writeDisagreements(t *table, in *Input, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	rep, l := &in.Agreement, x.l
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
				v := joinCodes(l, codes)
				vals[5+j] = v
				n = max(n, lines(v, t.widths[5+j].width()))
			}
		}
		if m.hasCons {
			if u, ok := m.unitIx[d.Unit]; ok {
				if dec, ok := m.cons[u]; ok {
					c := 5 + len(rep.Coders)
					vals[c] = joinCodes(l, m.consNames(dec))
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
func matrixOmitted(l lang, m *model) string {
	cols := len(m.matrixHeader())
	why := ""
	switch {
	case len(unitColumnIDs)+cols > excelize.MaxColumns:
		why = l.f("matrixOmit.columns", len(unitColumnIDs)+cols, excelize.MaxColumns)
	case len(m.units)*cols > MaxMatrixCells:
		why = l.f("matrixOmit.cells", len(m.units)*cols, MaxMatrixCells)
	default:
		return ""
	}
	return l.f("matrixOmit.text", len(m.coders), len(m.codes), why)
}

func matrixTable(l lang, m *model, uw []colWidth) *table {
	t := &table{name: "Coding matrix", rows: len(m.units)}
	column := func(who, code string) string { return l.f("col.coderCode", who, code) }
	t.header = append(l.unitColumns(), m.matrixColumns(column, l.t("consensusLayer"))...)
	t.widths = slices.Clone(uw)
	for _, h := range t.header[len(unitColumnIDs):] {
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
	flags := make([]int8, len(t.header)-len(unitColumnIDs))
	for u := range m.units {
		unit := &m.units[u]
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = unit.Document, unit.Section, unit.Number, unit.Speaker, x.l.role(unit.Role), unit.Text
		m.matrixRow(u, flags)
		for i, v := range flags {
			if v < 0 {
				vals[len(unitColumnIDs)+i] = nil
			} else {
				vals[len(unitColumnIDs)+i] = zeroOne[v]
			}
		}
		if err := s.add(vals, int(m.lines[u])); err != nil {
			return err
		}
	}
	return s.close()
}

func codingsTable(l lang, m *model, uw []colWidth) *table {
	t := &table{name: "Codings", rows: m.rows}
	t.header = append(l.unitColumns(), l.t("col.coder"), l.t("col.code"), l.t("col.time"))
	t.widths = slices.Clone(uw)
	coder, code := newColWidth(l.t("col.coder"), maxTextWidth), newColWidth(l.t("col.code"), maxTextWidth)
	for _, c := range m.coders {
		coder.text(c)
	}
	for _, c := range m.codes {
		code.text(c)
	}
	t.widths = append(t.widths, coder, code, timeWidth(l))
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
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = u.Document, u.Section, u.Number, u.Speaker, x.l.role(u.Role), u.Text
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
func consensusTable(l lang, m *model, uw []colWidth) *table {
	t := &table{name: "Consensus", print: true, rows: len(m.cons)}
	t.header = l.unitColumns()
	t.widths = slices.Clone(uw)
	settled := m.settled()
	for j, c := range m.coders {
		cw := newColWidth(c, 40)
		for _, u := range settled {
			if es := m.cell(u, j); len(es) > 0 {
				cw.text(joinCodes(l, m.entryNames(es)))
			}
		}
		t.header = append(t.header, c)
		t.widths = append(t.widths, cw)
	}
	cw, nw := newColWidth(l.t("col.consensus"), 40), newColWidth(l.t("col.note"), maxTextWidth)
	for _, u := range settled {
		d := m.cons[u]
		cw.text(joinCodes(l, m.consNames(d)))
		nw.text(d.note)
	}
	t.header = append(t.header, l.t("col.consensus"), l.t("col.note"), l.t("col.time"))
	t.widths = append(t.widths, cw, nw, timeWidth(l))
	return t
}

func (x *xw) writeConsensus(t *table, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	vals := make([]any, len(t.header))
	nC, l := len(m.coders), x.l
	for _, u := range m.settled() {
		clear(vals)
		unit := &m.units[u]
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = unit.Document, unit.Section, unit.Number, unit.Speaker, l.role(unit.Role), unit.Text
		n := int(m.lines[u])
		for j := range m.coders {
			if es := m.cell(u, j); len(es) > 0 {
				v := joinCodes(l, m.entryNames(es))
				vals[6+j] = v
				n = max(n, lines(v, t.widths[6+j].width()))
			}
		}
		d := m.cons[u]
		vals[6+nC] = joinCodes(l, m.consNames(d))
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
	l := x.l
	g.add(x.header(l.t("col.code"), l.t("codebook.label"), l.t("codebook.definition"), l.t("codebook.inclusion"), l.t("codebook.exclusion"),
		l.t("codebook.example"), l.t("codebook.colour"), l.t("codebook.shortcut"), l.t("codebook.parent"))...)
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

// The chart of codes by speaker shows at most maxChartSpeakers speakers and maxChartCodes
// codes (those given most are kept).
const (
	maxChartSpeakers = 12
	maxChartCodes    = 12
)

func (x *xw) frequencies(m *model, codebook []coding.Code) *grid {
	l := x.l
	fs := m.frequencies(l.t("noSpeaker"), func(r coding.Role) string { return orLabel(l.role(r), l.t("noRole")) })
	bySpeaker := fs.bySpeaker
	tables := []struct {
		title string
		f     freq
	}{
		{l.t("freq.byCoder"), fs.byCoder},
		{l.t("freq.bySpeaker"), fs.bySpeaker},
		{l.t("freq.byRole"), fs.byRole},
		{l.t("freq.byDoc"), fs.byDoc},
	}
	if m.hasCons {
		settled := l.f("freq.settled", len(m.cons), len(m.units))
		tables = append(tables, []struct {
			title string
			f     freq
		}{
			{l.f("freq.consSpeaker", settled), fs.consSpeaker},
			{l.t("freq.consRole"), fs.consRole},
			{l.t("freq.consDoc"), fs.consDoc},
		}...)
	}
	for i := range tables {
		tables[i].f = topGroups(tables[i].f, maxFreqGroups, l)
	}
	bySpeaker = tables[1].f
	g := &grid{name: "Frequencies", headerRow: 2, filterTo: 2 + len(m.codes)}
	nK := len(m.codes)
	g.rows = make([][]cell, 3+nK)
	col := 0
	for ti, t := range tables {
		if ti > 0 {
			for i := range g.rows {
				g.rows[i] = append(g.rows[i], cell{})
			}
			col++
		}
		n := len(t.f.groups) + 2 // code, groups, total
		from, _ := excelize.CoordinatesToCellName(col+1, 1)
		to, _ := excelize.CoordinatesToCellName(col+n, 1)
		g.merges = append(g.merges, [2]string{from, to})
		g.rows[0] = append(g.rows[0], cell{v: t.title, s: x.st.title})
		for range n - 1 {
			g.rows[0] = append(g.rows[0], cell{s: x.st.title})
		}
		g.rows[1] = append(g.rows[1], x.head(l.t("col.code")))
		for _, grp := range t.f.groups {
			g.rows[1] = append(g.rows[1], x.head(grp))
		}
		g.rows[1] = append(g.rows[1], x.head(l.t("total")))
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
		last := []cell{{v: l.t("total"), s: x.st.bold}}
		for _, c := range totals {
			last = append(last, x.count(c))
		}
		g.rows[2+nK] = append(g.rows[2+nK], last...)
		col += n
	}
	g.cols = col
	x.speakerChart(g, bySpeaker, m.codes, codeColours(m.codes, codebook))
	return g
}

// speakerChart adds under the Frequencies tables the data of a clustered column chart of codes
// by speaker, and the chart: a speaker's codes side by side, each code in its colour. Speakers
// with no codes are left out; past maxChartSpeakers speakers or maxChartCodes codes, those with
// the most codes (the codes given most) are kept.
func (x *xw) speakerChart(g *grid, f freq, codes []string, colours []string) {
	l := x.l
	type item struct{ i, total int }
	var sps, ks []item
	for i := range f.groups {
		t := 0
		for k := range codes {
			t += f.counts[k][i]
		}
		if t > 0 {
			sps = append(sps, item{i, t})
		}
	}
	for k := range codes {
		t := 0
		for _, c := range f.counts[k] {
			t += c
		}
		if t > 0 {
			ks = append(ks, item{k, t})
		}
	}
	if len(sps) == 0 {
		return // no code given: nothing to chart
	}
	top := func(items []item, n int) []item {
		if len(items) <= n {
			return items
		}
		slices.SortStableFunc(items, func(a, b item) int { return b.total - a.total })
		items = items[:n]
		slices.SortFunc(items, func(a, b item) int { return a.i - b.i })
		return items
	}
	manySp, manyK := len(sps) > maxChartSpeakers, len(ks) > maxChartCodes
	sps, ks = top(sps, maxChartSpeakers), top(ks, maxChartCodes)
	title := l.t("chart.title")
	switch {
	case manySp && manyK:
		title = l.f("chart.topBoth", len(ks), len(sps))
	case manySp:
		title = l.f("chart.top", len(sps))
	case manyK:
		title = l.f("chart.topCodes", len(ks))
	}

	// The chart's data: a row per speaker, a column per code.
	g.add()
	g.add(cell{v: l.t("chart.data"), s: x.st.title})
	headRow := len(g.rows) + 1
	head := []cell{x.head(l.t("col.speaker"))}
	for _, k := range ks {
		head = append(head, x.head(codes[k.i]))
	}
	g.add(head...)
	for _, sp := range sps {
		r := []cell{txt(f.groups[sp.i])}
		for _, k := range ks {
			r = append(r, x.count(f.counts[k.i][sp.i]))
		}
		g.add(r...)
	}
	first, last := headRow+1, headRow+len(sps)
	chartRow := last + 2
	sheet := quoteSheet(g.name)
	categories := fmt.Sprintf("%s!$A$%d:$A$%d", sheet, first, last)
	var series []excelize.ChartSeries
	for c, k := range ks {
		col, _ := excelize.ColumnNumberToName(c + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", sheet, col, headRow),
			Categories: categories,
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", sheet, col, first, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colours[k.i]}},
		})
	}
	g.after = func(x *xw) error {
		return x.f.AddChart(g.name, "A"+strconv.Itoa(chartRow), &excelize.Chart{
			Type:       excelize.Col,
			VaryColors: new(bool),
			Series:     series,
			Title:      []excelize.RichTextRun{{Text: title}},
			Legend:     excelize.ChartLegend{Position: "bottom"},
			Dimension:  excelize.ChartDimension{Width: uint(min(360+40*len(ks)*len(sps), 1600)), Height: 400},
			YAxis:      excelize.ChartAxis{MajorGridLines: true},
		})
	}
}

// chartPalette are the colours of the codes without one of their own (analysis.Palette).
var chartPalette = analysis.Palette

// codeColours gives each code its colour in the chart (RRGGBB), as every chart of turncoder
// does (analysis.Colours).
func codeColours(codes []string, codebook []coding.Code) []string {
	return analysis.Colours(codes, codebook)
}

func isHex(s string) bool { return analysis.IsHex(s) }

// maxFreqGroups is the most columns (speakers, documents) one table of the Frequencies sheet
// has: the tables sit side by side, and 17,000 speakers would pass Excel's 16,384 columns.
const maxFreqGroups = 500

// topGroups keeps the maxGroups−1 groups of f given the most codes, in their order, and sums
// the rest into one last column, "N others" in l, so that every total stays whole.
func topGroups(f freq, maxGroups int, l lang) freq {
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
	out.groups = append(out.groups, l.f("freq.others", len(f.groups)-len(keep)))
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
