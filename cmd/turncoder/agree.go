package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/report"
)

// scopeFlags are the flags that choose what agreement and export cover.
type scopeFlags struct {
	doc, section, role, codes, coders *string
}

func addScopeFlags(fs interface {
	String(name, value, usage string) *string
}) scopeFlags {
	return scopeFlags{
		doc:     fs.String("doc", "", "only this document (title or id)"),
		section: fs.String("section", "", "only this section of --doc (its title)"),
		role:    fs.String("role", "", "only turns of speakers with these roles, comma-separated (interviewer, respondent, other)"),
		codes:   fs.String("codes", "", "only these codes, comma-separated (names, Chinese labels or ids)"),
		coders:  fs.String("coders", "", "only these coders, comma-separated"),
	}
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (f scopeFlags) scope() (coding.Scope, error) {
	s := coding.Scope{Document: *f.doc, Section: *f.section, Codes: splitList(*f.codes), Coders: splitList(*f.coders)}
	for _, r := range splitList(*f.role) {
		role, err := coding.ParseRole(r)
		if err != nil {
			return s, usagef("%v", err)
		}
		s.Roles = append(s.Roles, role)
	}
	return s, nil
}

func cmdAgree(args []string) error {
	fs := newFlags("agree")
	project := projectFlag(fs)
	csvPath := fs.String("csv", "", "compute from a long table unit,coder,code instead of a project")
	scope := addScopeFlags(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	resamples := fs.Int("resamples", agreement.DefaultResamples, "bootstrap resamples for the 95% interval of α")
	seed := fs.Uint64("seed", 1, "seed of the bootstrap (the same seed gives the same interval)")
	reference := fs.String("reference", "", "compare each coder with a reference: a coder, or consensus for the consensus layer (per code and over all codes, with each coder's misses and extra codes, turn by turn)")
	methods := fs.Bool("methods", false, "print the paragraph for a paper's methods section, the one the workbook's Summary gives (with --json: under the key \"methods\")")
	lang := fs.String("lang", report.English, "the language of the methods paragraph and of the reasons --reference gives for undefined figures: en, zh-Hans (简体中文) or zh-Hant (繁體中文)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	opt := agreement.Options{Bootstrap: *resamples > 0, Resamples: *resamples, Seed: *seed}
	if (*csvPath == "") == (*project == "") {
		return usagef("agree takes either -p FILE or --csv FILE")
	}
	textLang, err := report.MatchLanguage(*lang)
	if err != nil {
		return usagef("agree --lang: %v", err)
	}
	withRef := flagGiven(fs, "reference")
	if flagGiven(fs, "lang") && !*methods && !withRef {
		return usagef("--lang is the language of the methods paragraph and of the reasons --reference gives for undefined figures: give --methods or --reference too")
	}
	if withRef && strings.TrimSpace(*reference) == "" {
		return usagef("--reference needs a coder's name, or consensus for the consensus layer")
	}
	var in agreeInput
	if *csvPath != "" {
		in, err = agreeTable(*csvPath)
	} else {
		in, err = agreeProject(*project, scope, textLang, *methods, withRef)
	}
	if err != nil {
		return err
	}
	var rr agreement.ReferenceReport
	if withRef {
		if in.units == nil {
			if err := csvReference(in.data, *reference); err != nil {
				return err
			}
		}
		if rr, err = compareWithReference(in.data, *reference, in.consensus); err != nil {
			return err
		}
	}
	var rep agreement.Report
	if !withRef || *methods {
		rep = agreement.Compute(in.data, opt)
	}
	var paragraph *string
	if *methods {
		p := report.MethodsParagraph(textLang, rep, in.facts)
		paragraph = &p
	}
	w := os.Stdout
	switch {
	case *asJSON && withRef && in.units == nil:
		return printJSON(struct {
			agreement.ReferenceReport
			Methods *string `json:"methods,omitempty"`
		}{rr, paragraph})
	case *asJSON && withRef:
		return printJSON(withTurns(rr, in.units, in.facts.Fingerprint, paragraph))
	case *asJSON && in.units == nil:
		return printJSON(struct {
			agreement.Report
			Methods *string `json:"methods,omitempty"`
		}{rep, paragraph})
	case *asJSON:
		return printJSON(withUnits(rep, in.units, in.facts.Fingerprint, paragraph))
	case withRef:
		title := fmt.Sprintf("Reference: %s; %s", referenceName(&rr, in.consensus != nil), in.title)
		if err := printReference(w, title, &rr, in.units, textLang); err != nil {
			return err
		}
		if paragraph != nil {
			fmt.Fprintf(w, "\nMethods:\n%s\n", *paragraph)
		}
		return nil
	case *methods:
		// The paragraph alone, ready to paste.
		_, err := fmt.Fprintln(w, *paragraph)
		return err
	}
	return printReport(w, in.title, rep, in.units)
}

// agreeInput is what agree computes on: the data, and what the tables and the methods
// paragraph say of it.
type agreeInput struct {
	data  agreement.Data
	title string // the data in words: its scope and codebook, or the table it came from
	// units describes each unit of a project's data by its turn id; nil for data from a table.
	units     map[string]coding.Unit
	consensus report.Consensus // the consensus layer's decisions in scope; nil without a layer
	facts     report.Methods   // what the methods paragraph states beyond the figures
}

// agreeTable reads the long table at path (unit,coder,code).
func agreeTable(path string) (agreeInput, error) {
	text, err := tableText(path, coding.MaxTableBytes, "a table")
	if err != nil {
		return agreeInput{}, fmt.Errorf("%s: %w", path, err)
	}
	rows, err := agreement.ReadLongCSV(text)
	if err != nil {
		return agreeInput{}, fmt.Errorf("%s: %w", path, err)
	}
	d := agreement.FromLong(rows)
	if err := d.WithinLimits(); err != nil {
		return agreeInput{}, fmt.Errorf("%s: %w", path, err)
	}
	return agreeInput{data: d, title: "data from " + path}, nil
}

// agreeProject reads the project's data in the scope of the flags, its consensus layer when a
// reference is asked for, and, when methods, the facts the methods paragraph states (the scope
// described in lang, as the workbook describes it).
func agreeProject(path string, flags scopeFlags, lang string, methods, withRef bool) (agreeInput, error) {
	sc, err := flags.scope()
	if err != nil {
		return agreeInput{}, err
	}
	p, err := openReading("agree", path, false)
	if err != nil {
		return agreeInput{}, err
	}
	defer p.Close()
	rel, data, err := p.AgreementInput(cliCtx, sc)
	if err != nil {
		return agreeInput{}, err
	}
	in := agreeInput{data: data, units: make(map[string]coding.Unit, len(rel.Units))}
	for _, u := range rel.Units {
		in.units[u.TurnID] = u
	}
	if methods {
		in.facts, err = p.MethodsFacts(cliCtx, rel, report.DescribeScope(lang, sc))
	} else {
		var codebook []coding.Code
		codebook, err = p.Codes(cliCtx)
		in.facts.Fingerprint = coding.Fingerprint(codebook)
	}
	if err != nil {
		return agreeInput{}, err
	}
	if withRef {
		if in.consensus, err = p.ConsensusLayer(cliCtx, rel); err != nil {
			return agreeInput{}, err
		}
	}
	in.title = report.DescribeScope(report.English, sc) + "; codebook " + in.facts.Fingerprint
	return in, nil
}

// disagreementJSON is a disagreement with where its turn stands and what it says.
type disagreementJSON struct {
	Unit     string              `json:"unit"`
	Document string              `json:"document"`
	Section  *string             `json:"section"`
	Turn     int                 `json:"turn"`
	Speaker  *string             `json:"speaker"`
	Text     string              `json:"text"`
	Codes    map[string][]string `json:"codes"`
}

// withUnits is the report as JSON with each disagreement's turn described, the fingerprint of
// the codebook the figures were computed with, and the methods paragraph when asked for.
func withUnits(rep agreement.Report, units map[string]coding.Unit, fingerprint string, methods *string) any {
	type out struct {
		agreement.Report
		Disagreements []disagreementJSON `json:"disagreements"`
		Fingerprint   string             `json:"codebook_fingerprint"`
		Methods       *string            `json:"methods,omitempty"`
	}
	o := out{Report: rep, Disagreements: []disagreementJSON{}, Fingerprint: fingerprint, Methods: methods}
	for _, d := range rep.Disagreements {
		u := units[d.Unit]
		o.Disagreements = append(o.Disagreements, disagreementJSON{d.Unit, u.Document, orNull(u.Section), u.Number, orNull(u.Speaker), u.Text, d.Codes})
	}
	return o
}

// printReport writes the report as readable tables, with a column (a line, overall) for each
// statistic of agreement.Statistics that the data has: the values by code, their 95% intervals
// by code, the overall figures with their intervals, standard errors and p-values, and the
// pairwise figures of the headline statistics.
func printReport(w io.Writer, scope string, rep agreement.Report, units map[string]coding.Unit) error {
	fmt.Fprintf(w, "Agreement: %s\n%d units, coders: %s\n\n", scope, rep.Units, strings.Join(rep.Coders, ", "))
	n := len(rep.Coders)
	var perCode []agreement.Statistic
	for _, s := range agreement.Statistics() {
		if s.Applies.PerCode && s.For(n) {
			perCode = append(perCode, s)
		}
	}
	t := table{right: true}
	head := []string{"code", "units"}
	head = append(head, rep.Coders...)
	for _, s := range perCode {
		head = append(head, s.LabelFor(n))
	}
	t.row(head...)
	for i := range rep.PerCode {
		c := &rep.PerCode[i]
		row := []string{c.Code, fmt.Sprint(c.Units)}
		for _, coder := range rep.Coders {
			row = append(row, fmt.Sprint(c.Given[coder]))
		}
		for _, s := range perCode {
			row = append(row, valueCell(s, s.OfCode(c)))
		}
		t.row(row...)
	}
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n95% intervals by code (Gwet 2014, as irrCAC computes them; --json has each standard error and p-value):")
	t = table{right: true}
	head = []string{"code"}
	for _, s := range perCode {
		if s.HasPrecision() {
			head = append(head, s.LabelFor(n))
		}
	}
	t.row(head...)
	for i := range rep.PerCode {
		c := &rep.PerCode[i]
		row := []string{c.Code}
		for _, s := range perCode {
			if s.HasPrecision() {
				row = append(row, interval(s.OfCode(c).CI95))
			}
		}
		t.row(row...)
	}
	if err := t.write(w); err != nil {
		return err
	}
	o := rep.Overall
	fmt.Fprintf(w, "\nOverall (%s, %d units):\n", o.Mode, o.Units)
	t = table{right: true}
	var overall []agreement.Statistic
	width := 0
	for _, s := range agreement.Statistics() {
		if s.ForOverall(n, o.Mode) {
			overall = append(overall, s)
			width = max(width, coding.TextWidth(s.TitleFor(n)))
		}
	}
	// The names padded to one width: the column, right-aligned as the figures are, reads as
	// aligned to the left.
	name := func(s string) string { return s + strings.Repeat(" ", width-coding.TextWidth(s)) }
	t.row(name(""), "value  ", "95% interval", "SE", "p")
	for _, s := range overall {
		e := s.OfOverall(&o)
		if !s.HasPrecision() {
			t.row(name(s.TitleFor(n)), markedCell(s, e))
			continue
		}
		t.row(name(s.TitleFor(n)), markedCell(s, e), interval(e.CI95), fv(e.SE), pValue(e.P))
	}
	if err := t.write(w); err != nil {
		return err
	}
	if len(rep.Pairwise) > 1 {
		fmt.Fprintln(w, "\nPairwise (overall; --json has every figure of each pair):")
		t = table{right: true}
		head := []string{"coders", "units"}
		var stats []agreement.Statistic
		for _, s := range agreement.Statistics() {
			if s.Headline && s.ForOverall(2, o.Mode) {
				stats = append(stats, s)
				head = append(head, s.LabelFor(2))
			}
		}
		t.row(head...)
		for _, pr := range rep.Pairwise {
			row := []string{pr.Coders[0] + " × " + pr.Coders[1], strconv.Itoa(pr.Overall.Units)}
			for _, s := range stats {
				row = append(row, valueCell(s, s.OfOverall(&pr.Overall)))
			}
			t.row(row...)
		}
		if err := t.write(w); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nDisagreements: %d units", len(rep.Disagreements))
	const shown = 20
	if len(rep.Disagreements) > shown {
		fmt.Fprintf(w, " (the first %d; --json lists all)", shown)
	}
	fmt.Fprintln(w)
	for i, d := range rep.Disagreements {
		if i == shown {
			break
		}
		where, text := unitPlace(units, d.Unit)
		var who []string
		coders := make([]string, 0, len(d.Codes))
		for c := range d.Codes {
			coders = append(coders, c)
		}
		sort.Strings(coders)
		for _, c := range coders {
			codes := strings.Join(d.Codes[c], "+")
			if codes == "" {
				codes = "(no code)"
			}
			who = append(who, c+": "+codes)
		}
		fmt.Fprintf(w, "  %s: %s  %s\n", where, strings.Join(who, " | "), text)
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range rep.Notes {
			fmt.Fprintln(w, "  - "+n)
		}
	}
	fmt.Fprintln(w, "\nKrippendorff's guide, for α and the κ: ≥ .800 good (*), ≥ .667 tentative (~), below that poor.")
	return nil
}

func fv(v agreement.Value) string {
	if !v.Defined {
		return "undefined"
	}
	return v.Format(3)
}

// valueCell is a statistic's value as the tables show it: three decimals, marked by
// Krippendorff's guide where it applies (guide); an interval's limits.
func valueCell(s agreement.Statistic, e agreement.Estimate) string {
	if s.Interval != "" {
		return interval(e.CI95)
	}
	if s.Guide {
		return fv(e.Coef) + guide(e.Coef)
	}
	return fv(e.Coef)
}

// markedCell is valueCell in a column of several statistics: two spaces where no mark is, so
// that the decimals line up.
func markedCell(s agreement.Statistic, e agreement.Estimate) string {
	v := valueCell(s, e)
	if !s.Guide || !e.Coef.Defined {
		v += "  "
	}
	return v
}

// interval is a 95% interval, [low, high], or — when it is undefined.
func interval(ci [2]agreement.Value) string {
	if !ci[0].Defined || !ci[1].Defined {
		return "—"
	}
	return "[" + ci[0].Format(3) + ", " + ci[1].Format(3) + "]"
}

// pValue is a p-value with three decimals, below 0.001 as <0.001.
func pValue(p agreement.Value) string {
	if p.Defined && p.V < 0.001 {
		return "<0.001"
	}
	return fv(p)
}

// guide marks α by Krippendorff's guide: * good (≥ .800), ~ tentative (≥ .667).
func guide(v agreement.Value) string {
	switch {
	case !v.Defined:
		return ""
	case v.V >= 0.8:
		return " *"
	case v.V >= 0.667:
		return " ~"
	}
	return "  "
}

// unitPlace says where a unit of a table of turns is ("call 1, turn 12 (speaker)", or its
// id if units do not have it) and gives its text cut to 40 characters.
func unitPlace(units map[string]coding.Unit, id string) (where, text string) {
	u, ok := units[id]
	if !ok {
		return id, ""
	}
	where = fmt.Sprintf("%s, turn %d", u.Document, u.Number)
	if u.Speaker != "" {
		where += " (" + u.Speaker + ")"
	}
	text = u.Text
	if r := []rune(text); len(r) > 40 {
		text = string(r[:40]) + "…"
	}
	return where, text
}

// statHead is a table's header row: first, then each statistic's short label.
func statHead(stats []agreement.Statistic, first ...string) []string {
	head := append([]string(nil), first...)
	for _, s := range stats {
		head = append(head, s.LabelFor(2))
	}
	return head
}
