package agreement

import (
	"fmt"
	"strconv"
	"strings"
)

// MethodsInput is what the caller knows of a study that a Report does not: who coded, how,
// what the scope and the codebook were, and which software computed the figures.
type MethodsInput struct {
	NameCoders bool   // name the coders (Report.Coders); otherwise only their number is said
	Units      int    // units the coders coded independently; 0: those reviewed by at least one coder (Report.Reviewed)
	Blind      bool   // each coder coded blind to the others' codes, as in turncoder's coder copies
	Scope      string // the scope in words, in the paragraph's language (report.DescribeScope); "" leaves it out
	Codebook   string // the codebook's version: its fingerprint (coding.Fingerprint); "" leaves it out
	Software   string // the software's name; "" is turncoder
	Version    string // its version as the software says it ("0.1.0, commit 1a2b3c4"); "" leaves it out
	Consensus  bool   // a consensus layer exists: the disagreements were then settled by adjudication
	// Reason gives the reason a figure is undefined (Value.Reason, which the engine writes in
	// English) in the paragraph's language; nil leaves it in English.
	Reason func(reason string) string
}

// MethodsMaxCodes is the most codes whose figures the methods paragraph gives one by one;
// with more, it gives each coefficient's range over the codes and refers to the per-code
// table.
const MethodsMaxCodes = 12

// MethodsParagraph writes a paragraph ready to paste into the methods section of a paper, in
// the language lang (en, zh-Hans or zh-Hant, or a tag report.MatchLanguage takes; any other is
// English): how many coders coded how many turns independently (blind), how many turns
// enter the figures, the scope and the codebook's version, how missing ratings and "reviewed,
// no code" were treated (the conventions of Conventions), each reported coefficient with its
// 95% interval, per code and, for single-label data, for the codes taken together, how the
// precision was computed (Gwet's formulas as irrCAC implements them) and which software and
// version computed it. Numbers are rounded as a paper reports them: three decimals (without the
// leading zero in English, as APA style writes a coefficient that cannot exceed 1), percent
// agreement as a percentage with one decimal, intervals in brackets. An undefined coefficient
// is said to be undefined, with its reason, never written as a number.
//
// The coefficients are those a reviewer expects of turn-by-turn coding, and the paragraph
// says why in a clause:
//   - Krippendorff's α (nominal), the coefficient content analysis asks for (Krippendorff's
//     .800/.667 guide), for any number of coders and with missing ratings, with both its
//     analytic interval and, when computed, its bootstrap interval (Hayes and Krippendorff
//     2007), which methodologists of content analysis expect to see;
//   - κ, the coefficient most readers know: Cohen's κ for two coders; for more, Conger's κ,
//     the generalisation of Cohen's κ to many coders (Conger 1980), rather than the mean of the
//     pairwise κ, which has no standard error, or Fleiss' κ, which generalises Scott's π and is
//     close to α on nominal data;
//   - Gwet's AC1, because codes of turns are often rare, and κ and α are then low despite high
//     agreement (the "kappa paradox"; Feinstein and Cicchetti 1990), which AC1 is built to
//     avoid (Gwet 2008): reviewers who know the paradox ask for it;
//   - percent agreement, the raw figure many guides ask to report beside the chance-corrected
//     ones (Lombard, Snyder-Duch and Bracken 2002).
//
// Scott's π, Fleiss' κ and Brennan–Prediger stay in the tables: on nominal data π and Fleiss' κ
// tell little that α does not, and Brennan–Prediger (PABAK) is rarely asked for.
func MethodsParagraph(r Report, in MethodsInput, lang string) string {
	w := methodsWriter{l: methodsLangOf(lang), r: &r, in: in}
	w.boot = w.bootstrapped()
	w.coders()
	w.codebook()
	if len(r.Coders) < 2 || len(r.PerCode) == 0 || r.Overall.Units == 0 {
		w.noAgreement()
	} else {
		w.conventions()
		w.figures()
		w.precision()
	}
	w.software()
	return strings.Join(w.out, w.l.t("sentence"))
}

type methodsWriter struct {
	l    methodsLang
	r    *Report
	in   MethodsInput
	boot bool     // α's bootstrap interval was computed
	out  []string // the sentences
}

func (w *methodsWriter) say(id string, a ...any) { w.out = append(w.out, w.l.f(id, a...)) }

// count writes n with thousands separators in English (1,000), as a paper does.
func (w *methodsWriter) count(n int) string {
	s := strconv.Itoa(n)
	if w.l != methodsEn || n < 1000 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// englishNumbers are the numbers up to twelve as English writes them in words.
var englishNumbers = []string{"", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"}

func (w *methodsWriter) turns(n int) string {
	if n == 1 {
		return w.l.t("turns.one")
	}
	return w.l.f("turns", w.count(n))
}

func (w *methodsWriter) codes(n int) string {
	if n == 1 {
		return w.l.t("codes.one")
	}
	num := w.count(n)
	if w.l == methodsEn && n < len(englishNumbers) {
		num = strings.ToLower(englishNumbers[n])
	}
	return w.l.f("codes", num)
}

// list joins items as the language writes a list: "a, b, and c"; "a、b和c".
func (w *methodsWriter) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + w.l.t("list.and") + items[1]
	}
	return strings.Join(items[:len(items)-1], w.l.t("list.sep")) + w.l.t("list.last") + items[len(items)-1]
}

func (w *methodsWriter) quote(s string) string { return w.l.f("quote", s) }

func (w *methodsWriter) reason(r string) string {
	if w.in.Reason != nil {
		return w.in.Reason(r)
	}
	return r
}

// coders says who coded how many turns, and how many enter the figures.
func (w *methodsWriter) coders() {
	n := len(w.r.Coders)
	var who string
	switch {
	case n == 1:
		who = w.l.t("coders.one")
	case n == 2:
		who = w.l.f("coders.n", w.l.t("coders.two"))
	case w.l == methodsEn && n < len(englishNumbers):
		who = w.l.f("coders.n", englishNumbers[n])
	default:
		who = w.l.f("coders.n", w.l.f("coders.k", n))
	}
	if w.in.NameCoders && n > 0 {
		who += w.l.f("paren", w.list(w.r.Coders))
	}
	units := w.in.Units
	if units <= 0 {
		units = w.r.Reviewed
	}
	switch {
	case n < 2:
		w.say("alone", who, w.turns(units))
		return
	case w.in.Blind && n == 2:
		w.say("blind2", who, w.turns(units))
	case w.in.Blind:
		w.say("blindN", who, w.turns(units))
	default:
		w.say("independent", who, w.turns(units))
	}
	if n == 2 {
		w.say("counted2", w.turns(w.r.Overall.Units))
	} else {
		w.say("countedN", w.turns(w.r.Overall.Units))
	}
}

// codebook says the scope, the codebook's version and the codes.
func (w *methodsWriter) codebook() {
	if w.in.Scope != "" {
		w.say("scope", w.in.Scope)
	}
	k := len(w.r.PerCode)
	if k == 0 {
		w.say("nocodes")
		return
	}
	names := make([]string, k)
	for i, cr := range w.r.PerCode {
		names[i] = cr.Code
	}
	switch {
	case k > MethodsMaxCodes && w.in.Codebook != "":
		w.say("codebook.version.many", w.codes(k), w.in.Codebook)
	case k > MethodsMaxCodes:
		w.say("codebook.many", w.codes(k))
	case w.in.Codebook != "":
		w.say("codebook.version", w.codes(k), w.in.Codebook, w.list(names))
	default:
		w.say("codebook", w.codes(k), w.list(names))
	}
}

// noAgreement says why there is nothing to report (fewer than two coders, no codes, no unit
// reviewed by two coders).
func (w *methodsWriter) noAgreement() {
	if len(w.r.PerCode) == 0 {
		return // codebook() said so
	}
	w.say("noAgreement", w.reason(w.r.PerCode[0].PercentAgreement.Reason))
}

// conventions says how missing ratings and "reviewed, no code" were treated, and which
// coefficients are reported and why.
func (w *methodsWriter) conventions() {
	if w.l == methodsEn {
		w.out = append(w.out, Conventions()["scope"]) // the engine's own sentence
	} else {
		w.say("conv.scope")
	}
	if w.r.Overall.Mode == SingleLabel {
		w.say("mode.single")
	} else {
		w.say("mode.multi")
	}
	kappa, missing := "report.cohen", "missing.cohen"
	if len(w.r.Coders) > 2 {
		kappa, missing = "report.conger", "missing.conger"
	}
	w.say("missing", w.l.t(missing))
	w.say("report", w.l.t(kappa))
	if w.boot {
		w.say("brackets.boot")
	} else {
		w.say("brackets")
	}
}

// bootstrapped tells whether α's bootstrap interval was asked for (Options.Bootstrap).
func (w *methodsWriter) bootstrapped() bool {
	for _, cr := range w.r.PerCode {
		if cr.AlphaCI95[0].Defined || (cr.AlphaCI95[0].Reason != reasonNoBootstrap && cr.KrippendorffAlpha.Defined) {
			return true
		}
	}
	return false
}

// methodsStat is one reported coefficient of a scope.
type methodsStat struct {
	name    string
	coef    Value
	ci      [2]Value
	boot    *[2]Value // α's bootstrap interval, when it was computed
	percent bool      // written as a percentage
}

// codeStats are the coefficients reported for one code.
func (w *methodsWriter) codeStats(cr *CodeResult) []methodsStat {
	kappa, kappaCI := cr.CohenKappa, cr.CohenKappaCI95
	if len(w.r.Coders) > 2 {
		kappa, kappaCI = cr.CongerKappa, cr.CongerKappaCI95
	}
	alpha := methodsStat{name: "α", coef: cr.KrippendorffAlpha, ci: cr.KrippendorffAlphaCI95}
	if w.boot {
		alpha.boot = &cr.AlphaCI95
	}
	return []methodsStat{
		alpha,
		{name: "κ", coef: kappa, ci: kappaCI},
		{name: "AC1", coef: cr.GwetAC1, ci: cr.GwetAC1CI95},
		{name: w.l.t("stat.percent"), coef: cr.PercentAgreement, ci: cr.PercentAgreementCI95, percent: true},
	}
}

// overallStats are the coefficients reported for the codes taken together (single-label).
func (w *methodsWriter) overallStats() []methodsStat {
	o := &w.r.Overall
	kappa, kappaCI := o.CohenKappa, o.CohenKappaCI95
	if len(w.r.Coders) > 2 {
		kappa, kappaCI = o.CongerKappa, o.CongerKappaCI95
	}
	return []methodsStat{
		{name: "α", coef: o.AlphaNominal, ci: o.AlphaNominalCI95},
		{name: "κ", coef: kappa, ci: kappaCI},
		{name: "AC1", coef: o.GwetAC1, ci: o.GwetAC1CI95},
		{name: w.l.t("stat.percent"), coef: o.PercentAgreement, ci: o.PercentAgreementCI95, percent: true},
	}
}

// number writes a coefficient with three decimals: .812 in English (APA style), 0.812 in
// Chinese, a negative one with a minus sign.
func (w *methodsWriter) number(v float64, percent bool) string {
	decimals := 3
	if percent {
		v, decimals = v*100, 1
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.Trim(s, "0.") == "" {
		neg = false // −0.000 is 0.000
	}
	if !percent && w.l == methodsEn && strings.HasPrefix(s, "0.") {
		s = s[1:]
	}
	if percent {
		s += "%"
	}
	if neg {
		s = "−" + s
	}
	return s
}

// clauses writes the coefficients of one scope: each defined one with its interval, then the
// undefined ones grouped by reason.
func (w *methodsWriter) clauses(stats []methodsStat) string {
	var parts, reasons []string
	undefinedBy := map[string][]string{}
	for _, st := range stats {
		if !st.coef.Defined {
			if _, ok := undefinedBy[st.coef.Reason]; !ok {
				reasons = append(reasons, st.coef.Reason)
			}
			undefinedBy[st.coef.Reason] = append(undefinedBy[st.coef.Reason], st.name)
			continue
		}
		v := w.number(st.coef.V, st.percent)
		var s string
		if st.ci[0].Defined && st.ci[1].Defined {
			s = w.l.f("figure", st.name, v, w.number(st.ci[0].V, st.percent), w.number(st.ci[1].V, st.percent))
		} else {
			why := st.ci[0].Reason
			if st.ci[0].Defined {
				why = st.ci[1].Reason
			}
			s = w.l.f("figure.noCI", st.name, v, w.reason(why))
		}
		if st.boot != nil {
			if b := *st.boot; b[0].Defined && b[1].Defined {
				s += w.l.f("boot", w.number(b[0].V, false), w.number(b[1].V, false))
			} else {
				why := b[0].Reason
				if b[0].Defined {
					why = b[1].Reason
				}
				s += w.l.f("boot.none", w.reason(why))
			}
		}
		parts = append(parts, s)
	}
	for _, r := range reasons {
		names := undefinedBy[r]
		id := "undefined"
		if len(names) == 1 {
			id = "undefined.one"
		}
		parts = append(parts, w.l.f(id, w.list(names), w.reason(r)))
	}
	return strings.Join(parts, w.l.t("clause"))
}

// figures writes each code's coefficients (or their ranges, past MethodsMaxCodes) and, for
// single-label data, those of the codes taken together.
func (w *methodsWriter) figures() {
	if len(w.r.PerCode) > MethodsMaxCodes {
		w.ranges()
	} else {
		for i := range w.r.PerCode {
			cr := &w.r.PerCode[i]
			w.say("code", w.quote(cr.Code), w.clauses(w.codeStats(cr)))
		}
	}
	if w.r.Overall.Mode == SingleLabel {
		w.say("overall", w.clauses(w.overallStats()))
	}
}

// ranges writes, for each coefficient, its lowest and highest value over the codes, and for
// how many codes it is undefined and why.
func (w *methodsWriter) ranges() {
	k := len(w.r.PerCode)
	all := make([][]methodsStat, k)
	for i := range w.r.PerCode {
		all[i] = w.codeStats(&w.r.PerCode[i])
	}
	for s := range all[0] {
		lo, hi := -1, -1
		var reasons []string
		undefinedBy := map[string]int{}
		for i := range all {
			c := all[i][s].coef
			switch {
			case !c.Defined:
				if undefinedBy[c.Reason] == 0 {
					reasons = append(reasons, c.Reason)
				}
				undefinedBy[c.Reason]++
				continue
			case lo < 0:
				lo, hi = i, i
			case c.V < all[lo][s].coef.V:
				lo = i
			case c.V > all[hi][s].coef.V:
				hi = i
			}
		}
		groups := make([]string, len(reasons))
		for i, r := range reasons {
			groups[i] = w.codes(undefinedBy[r]) + w.l.f("paren", w.reason(r))
		}
		st := all[0][s]
		var sentence string
		if lo < 0 {
			sentence = w.l.f("range.none", k, st.name, w.list(groups))
		} else {
			sentence = w.l.f("range", k, st.name, w.number(all[lo][s].coef.V, st.percent), w.quote(w.r.PerCode[lo].Code),
				w.number(all[hi][s].coef.V, st.percent), w.quote(w.r.PerCode[hi].Code))
			if len(groups) > 0 {
				sentence += w.l.f("range.undefined", w.list(groups))
			}
		}
		w.out = append(w.out, sentence+w.l.t("range.end"))
	}
	w.say("range.table")
}

// precision says how the intervals were computed.
func (w *methodsWriter) precision() {
	w.say("precision")
	if !w.boot {
		return
	}
	if n := w.resamples(); n > 0 {
		w.say("bootstrap", w.count(n))
	} else {
		w.say("bootstrap.n")
	}
}

// resamples reads the bootstrap's resamples from the report's note (notes.go writes it); 0
// when the note is not there.
func (w *methodsWriter) resamples() int {
	for _, n := range w.r.Notes {
		var resamples int
		var seed uint64
		if _, err := fmt.Sscanf(n, "α's 95%% intervals: %d bootstrap resamples, seed %d.", &resamples, &seed); err == nil {
			return resamples
		}
	}
	return 0
}

// software names the software and its version, then says that a consensus was settled.
func (w *methodsWriter) software() {
	name := w.in.Software
	if name == "" {
		name = "turncoder"
	}
	if w.in.Version != "" {
		name += " " + w.in.Version
	}
	w.say("software", name)
	if w.in.Consensus {
		w.say("consensus")
	}
}
