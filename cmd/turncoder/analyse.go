package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/turncoder/turncoder/coding/report"
	"github.com/turncoder/turncoder/coding/safefile"
)

// cmdAnalyse prints the tables of coding/analysis for a scope: a code matrix, the
// co-occurrence of codes, the turns with a code, or writes a chart of codes as SVG.
func cmdAnalyse(args []string) error {
	fs := newFlags("analyse")
	project := projectFlag(fs)
	matrix := fs.String("matrix", "", "codes × speaker, role, document or section: the codings of each code in each")
	fs.Bool("cooccur", false, "codes × codes: the turns in which one coder gave both codes")
	window := fs.Int("window", 0, "with --cooccur: codes given within this many turns of each other (same document and section) count too; 0: within a turn")
	retrieve := fs.String("retrieve", "", "every turn with this code (name, Chinese label or id)")
	var and, not multiFlag
	fs.Var(&and, "and", "with --retrieve: the turn has this code too (repeatable)")
	fs.Var(&not, "not", "with --retrieve: the turn does not have this code (repeatable)")
	context := fs.Int("context", 0, "with --retrieve: turns shown before and after each turn found")
	search := fs.String("search", "", "with --retrieve: only turns whose text holds this (any case and width)")
	chart := fs.String("chart", "", "speaker or section: a bar chart of the codes by speaker or by section, written as SVG to -o")
	who := fs.String("coder", "", "whose codings: a coder's name, all (every coder), or consensus (the final coding); default: the consensus layer once it has decisions in scope, else all")
	asJSON := fs.Bool("json", false, "print one JSON object")
	asCSV := fs.Bool("csv", false, "write a CSV table (a row per cell, for R and pandas) to standard output, or to -o")
	out := fs.String("o", "", "the file of --csv (.csv) or of --chart (.svg)")
	scope := scopeFlags{
		doc:     fs.String("doc", "", "only this document (title or id)"),
		section: fs.String("section", "", "only this section of --doc (its title)"),
		role:    fs.String("role", "", "only turns of speakers with these roles, comma-separated (interviewer, respondent, other)"),
		codes:   fs.String("codes", "", "only these codes, comma-separated (names, Chinese labels or ids)"),
		coders:  new(string),
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("analyse takes no file arguments (%q); the project is -p FILE", pos[0])
	}
	given := func(name string) bool { return flagGiven(fs, name) }

	// One table, and only its own options.
	var asked []string
	for _, name := range []string{"matrix", "cooccur", "retrieve", "chart"} {
		if given(name) {
			asked = append(asked, "--"+name)
		}
	}
	if len(asked) != 1 {
		what := "none"
		if len(asked) > 1 {
			what = strings.Join(asked, " and ")
		}
		return usagef("analyse makes one table: give one of --matrix, --cooccur, --retrieve or --chart (given: %s)", what)
	}
	for _, o := range []struct{ flag, with string }{
		{"window", "cooccur"}, {"and", "retrieve"}, {"not", "retrieve"}, {"context", "retrieve"}, {"search", "retrieve"},
	} {
		if given(o.flag) && !given(o.with) {
			return usagef("--%s goes with --%s", o.flag, o.with)
		}
	}
	if *asJSON && *asCSV {
		return usagef("--json and --csv are two ways to print the table; choose one")
	}
	var dim analysis.Dimension
	switch {
	case given("chart"):
		if *asJSON || *asCSV {
			return usagef("--chart writes a picture (-o FILE.svg); --json and --csv print tables")
		}
		if *chart != "speaker" && *chart != "section" {
			return usagef("--chart draws the codes by speaker or by section, not %q", *chart)
		}
		dim = analysis.Dimension(*chart)
		if *out == "" {
			return usagef("--chart needs -o FILE.svg, the picture to write")
		}
		if !strings.EqualFold(filepath.Ext(*out), ".svg") {
			return usagef("the chart's name must end in .svg, not %q", filepath.Base(*out))
		}
	case *out != "" && !*asCSV:
		return usagef("-o is the file of --csv or of --chart; without them the table is printed")
	case *out != "" && !strings.EqualFold(filepath.Ext(*out), ".csv"):
		return usagef("the CSV file's name must end in .csv, not %q", filepath.Base(*out))
	case given("matrix"):
		if dim, err = analysis.ParseDimension(*matrix); err != nil {
			return usagef("--matrix: %v", err)
		}
	}
	if given("cooccur") && (*window < 0 || *window > analysis.MaxWindow) {
		return usagef("--window is 0 (within a turn) to %d turns, not %d", analysis.MaxWindow, *window)
	}
	if given("retrieve") && (*context < 0 || *context > analysis.MaxContext) {
		return usagef("--context is 0 to %d turns either side, not %d", analysis.MaxContext, *context)
	}
	if given("retrieve") && strings.TrimSpace(*retrieve) == "" {
		return usagef("--retrieve needs a code")
	}
	sc, err := scope.scope()
	if err != nil {
		return err
	}
	if *out != "" {
		kind := safefile.CSV
		if given("chart") {
			kind = safefile.Chart
		}
		if err := safefile.CheckReplace(*out, kind, *project); err != nil {
			return err // before the work: nothing is read for a file that will not be written
		}
	}

	p, err := openReading("analyse", *project, false)
	if err != nil {
		return err
	}
	defer p.Close()
	in, err := p.AnalysisInput(cliCtx, sc, analysis.ParseWho(*who))
	if err != nil {
		return err
	}
	p.Close()
	d, err := analysis.New(in)
	if err != nil {
		return err
	}
	where := report.DescribeScope(report.English, sc)

	switch {
	case dim != "" && given("chart"):
		m, err := d.Matrix(dim)
		if err != nil {
			return err
		}
		b := m.Bars(0, 0)
		err = safefile.WriteChecked(*out, safefile.Chart, *project, func(f *os.File) error { return analysis.WriteSVG(f, b) })
		if err != nil {
			return fmt.Errorf("%s: %w; no file was written", *out, err)
		}
		fmt.Fprintf(os.Stderr, "wrote %s: codes by %s, %d %ss and %d codes with codings\n", *out, dim, len(b.Groups), dim, len(b.Series))
		return nil
	case dim != "":
		m, err := d.Matrix(dim)
		if err != nil {
			return err
		}
		switch {
		case *asJSON:
			return printJSON(matrixJSON(m, where))
		case *asCSV:
			return writeCSVOut(*out, *project, func(w io.Writer) error { return analysis.WriteMatrixCSV(w, m) })
		}
		return printMatrix(os.Stdout, m, where)
	case given("cooccur"):
		c, err := d.Cooccurrence(*window)
		if err != nil {
			return usagef("%v", err)
		}
		switch {
		case *asJSON:
			return printJSON(cooccurrenceJSON(c, where))
		case *asCSV:
			return writeCSVOut(*out, *project, func(w io.Writer) error { return analysis.WriteCooccurrenceCSV(w, c) })
		}
		return printCooccurrence(os.Stdout, c, where)
	}
	r, err := d.Retrieve(analysis.Query{Code: *retrieve, And: and, Not: not, Context: *context, Search: *search})
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return printJSON(retrievalJSON(d, r, where))
	case *asCSV:
		return writeCSVOut(*out, *project, func(w io.Writer) error { return analysis.WriteRetrievalCSV(w, d, r) })
	}
	return printRetrieval(os.Stdout, d, r, where)
}

// writeCSVOut writes a CSV table to standard output, or to the file out (UTF-8 with a BOM, so
// that Excel reads the Chinese; never over a file of another kind nor the project).
func writeCSVOut(out, project string, write func(io.Writer) error) error {
	if out == "" {
		return write(os.Stdout)
	}
	err := safefile.WriteChecked(out, safefile.CSV, project, func(f *os.File) error {
		if _, err := f.WriteString("\ufeff"); err != nil {
			return err
		}
		return write(f)
	})
	if err != nil {
		return fmt.Errorf("%s: %w; no file was written", out, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", out)
	return nil
}

// heading is the first lines of a table: what it is, over which scope, whose codings, and
// what its cells count (or what was found).
func heading(w io.Writer, title, where string, who analysis.Who, what, counted string) {
	fmt.Fprintf(w, "%s: %s\nCoder: %s\n%s: %s\n\n", title, where, who.Describe(), what, counted)
}

// leftPad pads s with spaces to width display columns: in a right-aligned table, a column of
// names padded so reads as aligned to the left.
func leftPad(s string, width int) string {
	return s + strings.Repeat(" ", max(width-coding.TextWidth(s), 0))
}

func printMatrix(w io.Writer, m *analysis.Matrix, where string) error {
	heading(w, "Codes by "+string(m.By), where, m.Who, "Counted", m.Counted())
	width := coding.TextWidth("turns in scope")
	for _, c := range m.Codes {
		width = max(width, coding.TextWidth(c))
	}
	head := []string{leftPad("code", width)}
	for g := range m.Columns {
		head = append(head, m.ColumnName(g))
	}
	counts := table{right: true}
	counts.row(append(head, "total")...)
	for k, code := range m.Codes {
		row := []string{leftPad(code, width)}
		for _, c := range m.Counts[k] {
			row = append(row, strconv.Itoa(c))
		}
		counts.row(append(row, strconv.Itoa(m.RowTotals[k]))...)
	}
	row := []string{leftPad("total", width)}
	for _, c := range m.ColumnTotals {
		row = append(row, strconv.Itoa(c))
	}
	counts.row(append(row, strconv.Itoa(m.Total))...)
	row = []string{leftPad("turns in scope", width)}
	turns := 0
	for _, c := range m.Columns {
		row = append(row, strconv.Itoa(c.Turns))
		turns += c.Turns
	}
	counts.row(append(row, strconv.Itoa(turns))...)
	if err := counts.write(w); err != nil {
		return err
	}
	for _, pc := range []struct {
		title string
		share func(k, g int) (float64, bool)
	}{
		{"Row percentages (each code's codings across the " + string(m.By) + "s):", m.RowShare},
		{"Column percentages (each " + string(m.By) + "'s codings across the codes):", m.ColumnShare},
	} {
		fmt.Fprintf(w, "\n%s\n", pc.title)
		t := table{right: true}
		t.row(head...)
		for k, code := range m.Codes {
			row := []string{leftPad(code, width)}
			for g := range m.Columns {
				row = append(row, pct(pc.share(k, g)))
			}
			t.row(row...)
		}
		if err := t.write(w); err != nil {
			return err
		}
	}
	return nil
}

// pct is a share as a percentage with one decimal, — when undefined.
func pct(share float64, ok bool) string {
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

func printCooccurrence(w io.Writer, c *analysis.Cooccurrence, where string) error {
	title := "Co-occurrence of codes within a turn"
	if c.Window > 0 {
		title = fmt.Sprintf("Co-occurrence of codes within %d turn%s", c.Window, map[bool]string{true: "", false: "s"}[c.Window == 1])
	}
	heading(w, title, where, c.Who, "Counted", c.Counted())
	width := 0
	for _, code := range c.Codes {
		width = max(width, coding.TextWidth(code))
	}
	t := table{right: true}
	t.row(append([]string{leftPad("", width)}, c.Codes...)...)
	for a, code := range c.Codes {
		row := []string{leftPad(code, width)}
		for _, n := range c.Counts[a] {
			row = append(row, strconv.Itoa(n))
		}
		t.row(row...)
	}
	return t.write(w)
}

func printRetrieval(w io.Writer, d *analysis.Data, r *analysis.Retrieval, where string) error {
	turns := d.Turns()
	found := fmt.Sprintf("%d turns on which a coder's codes answer the query, in the order of documents and turns", len(r.Hits))
	if r.Who.Kind != analysis.AllCoders {
		found = fmt.Sprintf("%d turns, in the order of documents and turns", len(r.Hits))
	}
	heading(w, "Turns with "+r.Query.String(), where, r.Who, "Found", found)
	for _, h := range r.Hits {
		t := &turns[h.Turn]
		place := t.Document
		if t.Section != "" {
			place += " › " + t.Section
		}
		fmt.Fprintf(w, "%s, turn %d", place, t.Number)
		if t.Speaker != "" {
			fmt.Fprintf(w, " — %s", t.Speaker)
			if t.Role != "" {
				fmt.Fprintf(w, " (%s)", t.Role)
			}
		}
		var codes []string
		for _, cc := range d.TurnCodes(h.Turn) {
			codes = append(codes, cc.Coder+": "+strings.Join(cc.Codes, ", "))
		}
		fmt.Fprintf(w, "\n  codes  %s\n", strings.Join(codes, "; "))
		// The turn among its context, each with its number right-aligned.
		numWidth := 0
		var lines []int
		lines = append(append(append(lines, h.Before...), h.Turn), h.After...)
		for _, u := range lines {
			numWidth = max(numWidth, len(strconv.Itoa(turns[u].Number)))
		}
		for _, u := range lines {
			mark := "   "
			if u == h.Turn {
				mark = " ▶ "
			}
			text := turns[u].Text
			if turns[u].Speaker != "" {
				text = turns[u].Speaker + ": " + text
			}
			fmt.Fprintf(w, "%s%*d  %s\n", mark, numWidth, turns[u].Number, strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", numWidth+5)))
		}
		for _, m := range d.TurnMemos(h.Turn) {
			fmt.Fprintf(w, "  memo (%s): %s\n", m.Coder, strings.ReplaceAll(m.Text, "\n", "\n    "))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// The JSON of the tables: what each counts, whose codings, the scope, and the figures.

type matrixColumnJSON struct {
	Name string `json:"name"` // as the table prints it
	analysis.Column
}

func matrixJSON(m *analysis.Matrix, where string) any {
	type out struct {
		Matrix        analysis.Dimension `json:"matrix"`
		Scope         string             `json:"scope"`
		Coder         string             `json:"coder"`
		Counted       string             `json:"counted"`
		Codes         []string           `json:"codes"`
		Columns       []matrixColumnJSON `json:"columns"`
		Counts        [][]int            `json:"counts"`
		RowTotals     []int              `json:"row_totals"`
		ColumnTotals  []int              `json:"column_totals"`
		Total         int                `json:"total"`
		RowPercent    [][]*float64       `json:"row_percent"`
		ColumnPercent [][]*float64       `json:"column_percent"`
	}
	o := out{Matrix: m.By, Scope: where, Coder: m.Who.String(), Counted: m.Counted(), Codes: m.Codes, Counts: m.Counts,
		RowTotals: m.RowTotals, ColumnTotals: m.ColumnTotals, Total: m.Total, Columns: []matrixColumnJSON{}}
	for g, c := range m.Columns {
		o.Columns = append(o.Columns, matrixColumnJSON{m.ColumnName(g), c})
	}
	for k := range m.Codes {
		var rp, cp []*float64
		for g := range m.Columns {
			rp = append(rp, percentJSON(m.RowShare(k, g)))
			cp = append(cp, percentJSON(m.ColumnShare(k, g)))
		}
		o.RowPercent, o.ColumnPercent = append(o.RowPercent, rp), append(o.ColumnPercent, cp)
	}
	return o
}

// percentJSON is a share as a percentage (0 to 100), null when undefined.
func percentJSON(share float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	v := share * 100
	return &v
}

func cooccurrenceJSON(c *analysis.Cooccurrence, where string) any {
	return struct {
		Window  int      `json:"window"`
		Scope   string   `json:"scope"`
		Coder   string   `json:"coder"`
		Counted string   `json:"counted"`
		Codes   []string `json:"codes"`
		Counts  [][]int  `json:"counts"`
	}{c.Window, where, c.Who.String(), c.Counted(), c.Codes, c.Counts}
}

type contextJSON struct {
	Turn    int     `json:"turn"`
	Speaker *string `json:"speaker"`
	Text    string  `json:"text"`
}

type hitJSON struct {
	Document string                `json:"document"`
	Section  *string               `json:"section"`
	Turn     int                   `json:"turn"`
	Speaker  *string               `json:"speaker"`
	Role     *string               `json:"role"`
	Text     string                `json:"text"`
	Coders   []string              `json:"coders"` // whose codes answer the query
	Codes    []analysis.CoderCodes `json:"codes"`  // every coder's codes on the turn
	Memos    []analysis.CoderMemo  `json:"memos"`
	Before   []contextJSON         `json:"before"`
	After    []contextJSON         `json:"after"`
}

func retrievalJSON(d *analysis.Data, r *analysis.Retrieval, where string) any {
	turns := d.Turns()
	ctx := func(us []int) []contextJSON {
		out := []contextJSON{}
		for _, u := range us {
			out = append(out, contextJSON{turns[u].Number, orNull(turns[u].Speaker), turns[u].Text})
		}
		return out
	}
	hits := []hitJSON{}
	for _, h := range r.Hits {
		t := &turns[h.Turn]
		memos := d.TurnMemos(h.Turn)
		if memos == nil {
			memos = []analysis.CoderMemo{}
		}
		hits = append(hits, hitJSON{t.Document, orNull(t.Section), t.Number, orNull(t.Speaker), orNull(string(t.Role)), t.Text,
			h.Coders, d.TurnCodes(h.Turn), memos, ctx(h.Before), ctx(h.After)})
	}
	q := r.Query
	return struct {
		Retrieve string    `json:"retrieve"`
		And      []string  `json:"and"`
		Not      []string  `json:"not"`
		Context  int       `json:"context"`
		Search   string    `json:"search"`
		Scope    string    `json:"scope"`
		Coder    string    `json:"coder"`
		Turns    []hitJSON `json:"turns"`
	}{q.Code, nonNil(q.And), nonNil(q.Not), q.Context, q.Search, where, r.Who.String(), hits}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
