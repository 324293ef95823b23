package report

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding/agreement"
)

// engineText gives the agreement engine's sentences in the workbook's language: its
// conventions (agreement.Conventions), the reasons a value is undefined (Value.Reason) and the
// notes on the data (Report.Notes). The engine writes them in English; the texts table holds
// each with its translations, keyed by the engine's English. A sentence the table does not
// have — the engine changed and the table did not follow, which the tests catch — is written
// as the engine wrote it: in English, but never wrong nor missing.
type engineText struct {
	l        lang
	exact    map[string]string // the engine's reason → text id
	patterns []reasonPattern
}

// reasonPattern matches a reason that holds values, made by the format of a text id.
type reasonPattern struct {
	id    string
	re    *regexp.Regexp
	kinds string // per value: 'd' a number, 'q' a quoted name, 'c' a coder, 'r' a reason, 's' kept as it is
}

// reasonValues are the kinds of values of the reasons that hold some (see reasonPattern).
var reasonValues = map[string]string{
	"reason.tooManyPairs":      "d",
	"reason.congerCodeSE":      "d",
	"reason.alphaUndefined":    "r",
	"reason.notNumber":         "q",
	"reason.kappaPair":         "ccr",
	"reason.referenceNoCommon": "cc",
	"reason.masiSets":          "dd",
	"reason.invalidCounts":     "s",
	"reason.invalidTable":      "s",
	"reason.invalidData":       "s",
	"reason.internal":          "s",
}

// newEngineText prepares the engine's sentences in l for a report of these coders.
func newEngineText(l lang, coders []string) *engineText {
	e := &engineText{l: l, exact: map[string]string{}}
	if l == en {
		return e
	}
	names := slices.Clone(coders)
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) }) // the longest first
	for i, n := range names {
		names[i] = regexp.QuoteMeta(n)
	}
	coder := "(" + strings.Join(names, "|") + ")"
	if len(names) == 0 {
		coder = "()"
	}
	var ids []string
	for id := range texts {
		if strings.HasPrefix(id, "reason.") {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids) // one order, so that a reason two patterns match is always read the same way
	for _, id := range ids {
		kinds, ok := reasonValues[id]
		if !ok {
			e.exact[texts[id][en]] = id
			continue
		}
		var b strings.Builder
		b.WriteByte('^')
		k := 0
		for _, part := range verbs.Split(texts[id][en], -1) {
			b.WriteString(regexp.QuoteMeta(strings.ReplaceAll(part, "%%", "%")))
			if k == len(kinds) {
				continue
			}
			switch kinds[k] {
			case 'd':
				b.WriteString(`(-?\d+)`)
			case 'q':
				b.WriteString(`("(?:[^"\\]|\\.)*")`)
			case 'c':
				b.WriteString(coder)
			default:
				b.WriteString(`(.+)`)
			}
			k++
		}
		b.WriteByte('$')
		e.patterns = append(e.patterns, reasonPattern{id, regexp.MustCompile(b.String()), kinds})
	}
	return e
}

// verbs matches fmt's verbs in a text (%d, %s, %q; not %%).
var verbs = regexp.MustCompile(`%[dsq]`)

// reason is the reason r in the workbook's language; ok is false when r is not one the texts
// know, and r is then given as the engine wrote it.
func (e *engineText) reason(r string) (s string, ok bool) {
	if e.l == en {
		return r, true
	}
	if id, found := e.exact[r]; found {
		return e.l.t(id), true
	}
	for _, p := range e.patterns {
		m := p.re.FindStringSubmatch(r)
		if m == nil {
			continue
		}
		args := make([]any, len(p.kinds))
		ok := true
		for i, kind := range p.kinds {
			v := m[i+1]
			switch kind {
			case 'd':
				n, err := strconv.Atoi(v)
				args[i], ok = n, ok && err == nil
			case 'q':
				u, err := strconv.Unquote(v)
				args[i], ok = u, ok && err == nil
			case 'r':
				inner, known := e.reason(v)
				args[i], ok = inner, ok && known
			default:
				args[i] = v
			}
		}
		if ok && en.f(p.id, enArgs(p.kinds, args, m[1:])...) == r {
			return e.l.f(p.id, args...), true
		}
	}
	return r, false
}

// enArgs are the values of a matched reason as its English format takes them: the reasons
// within as the engine wrote them.
func enArgs(kinds string, args []any, raw []string) []any {
	out := slices.Clone(args)
	for i, k := range kinds {
		if k == 'r' {
			out[i] = raw[i]
		}
	}
	return out
}

// reasonText is reason without the flag.
func (e *engineText) reasonText(r string) string {
	s, _ := e.reason(r)
	return s
}

// same is the text id with args in the workbook's language when its English is the engine's
// sentence, else the engine's sentence: a translation is never shown for a sentence the engine
// no longer writes.
func (e *engineText) same(engine, id string, args ...any) string {
	if en.f(id, args...) != engine {
		return engine
	}
	return e.l.f(id, args...)
}

// convention is the engine's convention of key, in the workbook's language.
func (e *engineText) convention(key, engine string) string {
	if _, ok := texts["conv."+key]; !ok {
		return engine
	}
	return e.same(engine, "conv."+key)
}

// pairwiseOmitted is rep.PairwiseOmitted() in the workbook's language.
func (e *engineText) pairwiseOmitted(rep *agreement.Report) string {
	why := rep.PairwiseOmitted()
	if why == "" {
		return ""
	}
	n := len(rep.Coders)
	return e.same(why, "note.pairwiseOmitted", n, agreement.MaxPairwiseCoders, n*(n-1)/2)
}

// confusionOmitted is rep.ConfusionOmitted() in the workbook's language.
func (e *engineText) confusionOmitted(rep *agreement.Report) string {
	why := rep.ConfusionOmitted()
	if why == "" {
		return ""
	}
	return e.same(why, "note.confusionOmitted", len(rep.Pairwise), len(rep.PerCode)+1, agreement.MaxConfusionCells)
}

// dataNotes are the report's notes that are not conventions (the reasons for its undefined
// values and what it left out), in the workbook's language. They are made again from the
// report in the words of the texts; when the English so made is not the engine's, the
// engine's notes are given as they are.
func (e *engineText) dataNotes(rep *agreement.Report) []string {
	known := map[string]bool{}
	for _, v := range agreement.Conventions() {
		known[v] = true
	}
	var engine []string
	for _, n := range rep.Notes {
		if !known[n] {
			engine = append(engine, n)
		}
	}
	if e.l == en {
		return engine
	}
	mine, ok := (&engineText{l: en}).notes(rep)
	if !ok || !slices.Equal(mine, engine) {
		return engine
	}
	out, _ := e.notes(rep)
	return out
}

// maxPairCodeNotes is the engine's: past this many pair × code figures, their undefined values
// are counted by reason rather than noted one by one.
const maxPairCodeNotes = 1000

// notes makes the notes of agreement's notes.go from the report, in e's language; ok is false
// when the report's notes do not say whether the bootstrap was run.
func (e *engineText) notes(rep *agreement.Report) (out []string, ok bool) {
	l := e.l
	if why := e.pairwiseOmitted(rep); why != "" {
		out = append(out, why)
	} else if why := e.confusionOmitted(rep); why != "" {
		out = append(out, why)
	}
	bootstrap, found := false, false
	for _, n := range rep.Notes {
		var resamples int
		var seed uint64
		if n == en.t("note.noBootstrap") {
			out = append(out, l.t("note.noBootstrap"))
			found = true
			break
		}
		if _, err := fmt.Sscanf(n, en.t("note.bootstrap"), &resamples, &seed); err == nil && en.f("note.bootstrap", resamples, seed) == n {
			out = append(out, l.f("note.bootstrap", resamples, seed))
			bootstrap, found = true, true
			break
		}
	}
	if !found {
		return nil, false
	}
	for _, cr := range rep.PerCode {
		out = append(out, e.group(l.f("note.code", cr.Code), codeValues(cr, bootstrap))...)
		if cr.Units > 0 && cr.PercentAgreement.Defined && cr.PercentAgreement.V == 1 && !cr.FleissKappa.Defined {
			out = append(out, l.f("note.noVariation", cr.Code))
		}
	}
	out = append(out, e.group(l.t("note.overall"), overallValues(&rep.Overall))...)
	if len(rep.Pairwise) == 1 {
		return append(out, e.precisionNotes(rep)...), true // the one pair's figures are the figures above
	}
	perCode := 0
	for _, pr := range rep.Pairwise {
		perCode += len(pr.PerCode)
	}
	for _, pr := range rep.Pairwise {
		scope := l.f("note.pair", pr.Coders[0], pr.Coders[1])
		if perCode <= maxPairCodeNotes {
			for _, cr := range pr.PerCode {
				out = append(out, e.group(l.f("note.pairCode", scope, cr.Code), codeValues(cr, bootstrap))...)
			}
		}
		out = append(out, e.group(l.f("note.pairOverall", scope), overallValues(&pr.Overall))...)
	}
	if perCode > maxPairCodeNotes {
		out = append(out, e.pairCodeSummary(rep.Pairwise, bootstrap)...)
	}
	return append(out, e.precisionNotes(rep)...), true
}

// precisionNotes makes agreement.Report.PrecisionNotes from the report, in e's language.
func (e *engineText) precisionNotes(rep *agreement.Report) []string {
	l := e.l
	var out []string
	scoped := func(scope string, cr *agreement.CodeResult, o *agreement.Overall) {
		var noSE, noP []namedValue
		for _, s := range agreement.Statistics() {
			var est agreement.Estimate
			switch {
			case cr != nil && s.Applies.PerCode:
				est = s.OfCode(cr)
			case cr == nil && s.Applies.Overall:
				est = s.OfOverall(o)
			default:
				continue
			}
			switch gap, reason := s.PrecisionGap(est); gap {
			case agreement.GapSE:
				noSE = append(noSE, namedValue{s, agreement.Value{Reason: reason}})
			case agreement.GapP:
				noP = append(noP, namedValue{s, agreement.Value{Reason: reason}})
			}
		}
		out = append(out, e.groupAs("note.noSE", scope, noSE)...)
		out = append(out, e.groupAs("note.noP", scope, noP)...)
	}
	for i := range rep.PerCode {
		scoped(l.f("note.code", rep.PerCode[i].Code), &rep.PerCode[i], nil)
	}
	scoped(l.t("note.overall"), nil, &rep.Overall)
	if len(rep.Pairwise) == 1 {
		return out
	}
	perCode, gaps := 0, 0
	for _, pr := range rep.Pairwise {
		perCode += len(pr.PerCode)
	}
	for i := range rep.Pairwise {
		pr := &rep.Pairwise[i]
		scope := l.f("note.pair", pr.Coders[0], pr.Coders[1])
		for j := range pr.PerCode {
			if perCode <= maxPairCodeNotes {
				scoped(l.f("note.pairCode", scope, pr.PerCode[j].Code), &pr.PerCode[j], nil)
				continue
			}
			for _, s := range agreement.Statistics() {
				if s.Applies.PerCode {
					if gap, _ := s.PrecisionGap(s.OfCode(&pr.PerCode[j])); gap != agreement.GapNone {
						gaps++
					}
				}
			}
		}
		scoped(l.f("note.pairOverall", scope), nil, &pr.Overall)
	}
	if gaps > 0 {
		out = append(out, l.f("note.pairGaps", gaps))
	}
	return out
}

// groupAs lists statistics of one scope grouped by reason, each group in the note of text id
// (with the scope, the statistics and the reason).
func (e *engineText) groupAs(id, scope string, vs []namedValue) []string {
	var reasons []string
	by := map[string][]string{}
	for _, nv := range vs {
		r := nv.v.Reason
		if _, ok := by[r]; !ok {
			reasons = append(reasons, r)
		}
		by[r] = append(by[r], e.l.statName(nv.s))
	}
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		out = append(out, e.l.f(id, scope, e.l.list(by[r]), e.reasonText(r)))
	}
	return out
}

// namedValue is a statistic's value as the notes name it.
type namedValue struct {
	s agreement.Statistic
	v agreement.Value
}

func codeValues(cr agreement.CodeResult, bootstrap bool) []namedValue {
	var vs []namedValue
	for _, nv := range cr.NotedValues(bootstrap) {
		vs = append(vs, namedValue{nv.Statistic, nv.Value})
	}
	return vs
}

func overallValues(o *agreement.Overall) []namedValue {
	var vs []namedValue
	for _, nv := range o.NotedValues() {
		vs = append(vs, namedValue{nv.Statistic, nv.Value})
	}
	return vs
}

// group lists the undefined statistics of one scope, grouped by reason: `Code "X": Cohen's κ,
// Scott's π undefined: reason.`
func (e *engineText) group(scope string, vs []namedValue) []string {
	var reasons []string
	byReason := map[string][]string{}
	for _, nv := range vs {
		if nv.v.Defined {
			continue
		}
		r := nv.v.Reason
		if _, ok := byReason[r]; !ok {
			reasons = append(reasons, r)
		}
		byReason[r] = append(byReason[r], e.l.statName(nv.s))
	}
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		out = append(out, e.l.f("note.group", scope, e.l.list(byReason[r]), e.reasonText(r)))
	}
	return out
}

func (e *engineText) pairCodeSummary(pairs []agreement.PairResult, bootstrap bool) []string {
	type tally struct {
		n     int
		first string
	}
	var reasons []string
	by := map[string]*tally{}
	for _, pr := range pairs {
		for _, cr := range pr.PerCode {
			for _, nv := range codeValues(cr, bootstrap) {
				if nv.v.Defined {
					continue
				}
				t := by[nv.v.Reason]
				if t == nil {
					t = &tally{first: e.l.f("note.pairFirst", pr.Coders[0], pr.Coders[1], cr.Code, e.l.statName(nv.s))}
					by[nv.v.Reason] = t
					reasons = append(reasons, nv.v.Reason)
				}
				t.n++
			}
		}
	}
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		out = append(out, e.l.f("note.pairSummary", by[r].n, by[r].first, e.reasonText(r)))
	}
	return out
}
