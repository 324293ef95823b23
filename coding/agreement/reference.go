package agreement

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// ReferenceReport compares each coder with a reference coder — the consensus layer or a named
// expert — as a lead does to train new coders before the real coding starts. Its JSON field
// names are the CLI's contract (`agree --reference CODER --json`).
type ReferenceReport struct {
	Reference string `json:"reference"`
	// Units are the units the reference reviewed: only those are compared.
	Units  int              `json:"units"`
	Coders []ReferenceCoder `json:"coders"` // every other coder, in the data's order
	// Notes: the conventions of the comparison, then the reasons for undefined values.
	Notes []string `json:"notes"`
}

// ReferenceCoder is one coder compared with the reference over the units both reviewed.
type ReferenceCoder struct {
	Coder string `json:"coder"`
	// Units are the units both the coder and the reference reviewed; NotReviewed those the
	// reference reviewed and the coder did not (left out, not counted as misses).
	Units       int `json:"units"`
	NotReviewed int `json:"not_reviewed"`
	// Misses counts the codes the reference gave and the coder did not, Extras the codes the
	// coder gave and the reference did not, over Units.
	Misses  int              `json:"misses"`
	Extras  int              `json:"extras"`
	Codes   []ReferenceCode  `json:"codes"`   // per code, in codebook order
	Overall ReferenceOverall `json:"overall"` // the codes taken together
	// Differences lists, in the data's order, each unit on which the coder's codes differ
	// from the reference's: what the coder missed and what the coder added.
	Differences []ReferenceDifference `json:"differences"`
}

// ReferenceCode is the agreement of a coder with the reference on one code, present or absent
// on each unit both reviewed: the two-coder contingency table (rows the reference, columns
// the coder) with irrCAC's precision for a table (pa2.table, kappa2.table, gwet.ac1.table; see
// TableEstimates). Each coefficient X has its standard error XSE, 95% interval XCI95 and
// p-value XP, under the JSON keys of Report with _se, _ci95 and _p.
type ReferenceCode struct {
	Code  string `json:"code"`
	Units int    `json:"units"` // units both reviewed
	// ReferenceGiven and CoderGiven: of those units, how many got the code from each.
	ReferenceGiven int `json:"reference_given"`
	CoderGiven     int `json:"coder_given"`
	Misses         int `json:"misses"` // the reference gave the code, the coder did not
	Extras         int `json:"extras"` // the coder gave the code, the reference did not

	PercentAgreement     Value    `json:"percent_agreement"`
	PercentAgreementSE   Value    `json:"percent_agreement_se"`
	PercentAgreementCI95 [2]Value `json:"percent_agreement_ci95"`
	PercentAgreementP    Value    `json:"percent_agreement_p"`
	CohenKappa           Value    `json:"cohen_kappa"`
	CohenKappaSE         Value    `json:"cohen_kappa_se"`
	CohenKappaCI95       [2]Value `json:"cohen_kappa_ci95"`
	CohenKappaP          Value    `json:"cohen_kappa_p"`
	GwetAC1              Value    `json:"gwet_ac1"`
	GwetAC1SE            Value    `json:"gwet_ac1_se"`
	GwetAC1CI95          [2]Value `json:"gwet_ac1_ci95"`
	GwetAC1P             Value    `json:"gwet_ac1_p"`
}

// ReferenceOverall is the agreement of a coder with the reference on the codes taken
// together, over the units both reviewed. In single-label mode (no coder of the data gave a
// unit more than one code, as Compute decides it) the codes, plus "no code" when some coder
// used it, are one categorical variable, as in Overall; in multi-label mode only the
// agreement on identical code sets is defined. The precision is irrCAC's for a table.
type ReferenceOverall struct {
	Mode  string `json:"mode"` // SingleLabel or MultiLabel
	Units int    `json:"units"`

	PercentAgreement     Value    `json:"percent_agreement"`
	PercentAgreementSE   Value    `json:"percent_agreement_se"`
	PercentAgreementCI95 [2]Value `json:"percent_agreement_ci95"`
	PercentAgreementP    Value    `json:"percent_agreement_p"`
	CohenKappa           Value    `json:"cohen_kappa"`
	CohenKappaSE         Value    `json:"cohen_kappa_se"`
	CohenKappaCI95       [2]Value `json:"cohen_kappa_ci95"`
	CohenKappaP          Value    `json:"cohen_kappa_p"`
	GwetAC1              Value    `json:"gwet_ac1"`
	GwetAC1SE            Value    `json:"gwet_ac1_se"`
	GwetAC1CI95          [2]Value `json:"gwet_ac1_ci95"`
	GwetAC1P             Value    `json:"gwet_ac1_p"`
}

// ReferenceDifference is a unit on which a coder's codes differ from the reference's. Unit is
// the unit's id (Data.Units; a turn id for a project's data, which the caller shows as its
// document and turn); the code lists are in codebook order, empty when there is none, and are
// shared between units of the same kind: they must not be modified.
type ReferenceDifference struct {
	Unit      string   `json:"unit"`
	Reference []string `json:"reference"` // the reference's codes ([]: reviewed, no code)
	Coder     []string `json:"coder"`     // the coder's codes
	Missed    []string `json:"missed"`    // the reference gave them, the coder did not
	Extra     []string `json:"extra"`     // the coder gave them, the reference did not
}

// ReferenceConvention says how CompareWithReference counts; ReferenceReport.Notes begins with
// it.
const ReferenceConvention = "Each coder is compared with the reference over the units both " +
	"reviewed: a unit the reference reviewed and the coder did not is left out (counted as not " +
	"reviewed, not as a miss), and so is a unit the reference did not review. Per code, the " +
	"code is present or absent on each unit (reviewed with no code is absent for every code); " +
	"a miss is a code the reference gave and the coder did not, an extra one the coder gave " +
	"and the reference did not. Cohen's κ, Gwet's AC1 and percent agreement come from the two " +
	"coders' contingency table, with standard errors, 95% intervals and p-values by irrCAC's " +
	"formulas for a table (kappa2.table, gwet.ac1.table, pa2.table; Gwet 2014)."

// CompareWithReference compares every coder of d with the coder named reference (matched as
// written, or as coding.NormalizeLabel writes both): per code Cohen's κ, Gwet's AC1 and
// percent agreement with their precision, the codes taken together, and the units on which
// the coder missed a code of the reference's or added one. It is an error, in one sentence,
// when d is invalid, when reference is not one of its coders, when the reference reviewed no
// unit, or when there is no other coder; a coder who reviewed no unit in common with the
// reference has every figure undefined, with the reason (also in Notes).
func CompareWithReference(d Data, reference string) (ReferenceReport, error) {
	if err := d.Validate(); err != nil {
		return ReferenceReport{}, fmt.Errorf("the data is invalid: %w", err)
	}
	ref := referenceIndex(d.Coders, reference)
	if ref < 0 {
		if len(d.Coders) == 0 {
			return ReferenceReport{}, say.Errorf("there is no coder %q to compare with: the data has no coders", reference)
		}
		return ReferenceReport{}, noReference(reference, d.Coders, 10)
	}
	name := d.Coders[ref]
	rep := ReferenceReport{Reference: name, Coders: []ReferenceCoder{}, Notes: []string{ReferenceConvention}}
	for u := range d.Cells {
		if d.Cells[u][ref].Reviewed {
			rep.Units++
		}
	}
	if rep.Units == 0 {
		return ReferenceReport{}, say.Errorf("the reference %q reviewed none of the %d units in scope, so there is nothing to compare with", name, len(d.Units))
	}
	if len(d.Coders) < 2 {
		return ReferenceReport{}, say.Errorf("there is no coder to compare with the reference %q: the data has no other coder", name)
	}
	multi, noCode := false, false
	for _, row := range d.Cells {
		for _, cell := range row {
			if cell.Reviewed {
				multi = multi || len(cell.Codes) > 1
				noCode = noCode || len(cell.Codes) == 0
			}
		}
	}
	if multi {
		rep.Notes = append(rep.Notes, "Some coder gave a unit more than one code, so the codes taken together have only the agreement on identical code sets; see the per-code figures.")
	}
	cmp := referenceComparer{d: &d, ref: ref, multi: multi, noCode: noCode, names: map[string][]string{}}
	for c := range d.Coders {
		if c == ref {
			continue
		}
		rc := cmp.compare(c)
		rep.Coders = append(rep.Coders, rc)
		rep.Notes = append(rep.Notes, referenceNotes(rc)...)
	}
	return rep, nil
}

// referenceIndex finds the reference among the coders: as written, else as NormalizeLabel
// writes both (the project stores coders' names so); -1 when none matches.
func referenceIndex(coders []string, name string) int {
	for i, c := range coders {
		if c == name {
			return i
		}
	}
	n := coding.NormalizeLabel(name)
	for i, c := range coders {
		if coding.NormalizeLabel(c) == n {
			return i
		}
	}
	return -1
}

// noReference is the refusal of a reference that is none of coders: it names at most max of
// them, then how many more.
func noReference(reference string, coders []string, max int) error {
	if len(coders) <= max {
		return say.Errorf("there is no coder %q to compare with: the coders are %s", reference, strings.Join(coders, ", "))
	}
	return say.Errorf("there is no coder %q to compare with: the coders are %s and %d more", reference, strings.Join(coders[:max], ", "), len(coders)-max)
}

type referenceComparer struct {
	d             *Data
	ref           int
	multi, noCode bool
	names         map[string][]string // code lists by their indices, shared between differences
	key           []byte
}

// codeNames is the list of names of the code indices ks, shared with every other list of the
// same codes.
func (rc *referenceComparer) codeNames(ks []int) []string {
	rc.key = rc.key[:0]
	for _, k := range ks {
		rc.key = strconv.AppendInt(append(rc.key, ','), int64(k), 10)
	}
	if l, ok := rc.names[string(rc.key)]; ok {
		return l
	}
	l := make([]string, len(ks))
	for i, k := range ks {
		l[i] = rc.d.Codes[k]
	}
	rc.names[string(rc.key)] = l
	return l
}

// compare compares coder c with the reference in one pass over the units.
func (rc *referenceComparer) compare(c int) ReferenceCoder {
	d := rc.d
	nK := len(d.Codes)
	out := ReferenceCoder{Coder: d.Coders[c], Codes: make([]ReferenceCode, nK), Differences: []ReferenceDifference{}}
	refGiven, coderGiven, both := make([]int, nK), make([]int, nK), make([]int, nK)
	// The single-label table: category nK is "reviewed, no code".
	q := nK + 1
	var table []int
	if !rc.multi {
		table = make([]int, q*q)
	}
	identical := 0
	var missed, extra []int
	for u, row := range d.Cells {
		r, x := row[rc.ref], row[c]
		switch {
		case !r.Reviewed:
			continue
		case !x.Reviewed:
			out.NotReviewed++
			continue
		}
		out.Units++
		missed, extra = missed[:0], extra[:0]
		i, j := 0, 0
		for i < len(r.Codes) || j < len(x.Codes) {
			switch {
			case j == len(x.Codes) || (i < len(r.Codes) && r.Codes[i] < x.Codes[j]):
				missed = append(missed, r.Codes[i])
				refGiven[r.Codes[i]]++
				i++
			case i == len(r.Codes) || x.Codes[j] < r.Codes[i]:
				extra = append(extra, x.Codes[j])
				coderGiven[x.Codes[j]]++
				j++
			default:
				k := r.Codes[i]
				refGiven[k]++
				coderGiven[k]++
				both[k]++
				i++
				j++
			}
		}
		if table != nil {
			a, b := nK, nK
			if len(r.Codes) == 1 {
				a = r.Codes[0]
			}
			if len(x.Codes) == 1 {
				b = x.Codes[0]
			}
			table[a*q+b]++
		}
		if len(missed) == 0 && len(extra) == 0 {
			identical++
			continue
		}
		out.Misses += len(missed)
		out.Extras += len(extra)
		out.Differences = append(out.Differences, ReferenceDifference{
			Unit:      d.Units[u],
			Reference: rc.codeNames(r.Codes),
			Coder:     rc.codeNames(x.Codes),
			Missed:    rc.codeNames(missed),
			Extra:     rc.codeNames(extra),
		})
	}
	noCommon := undefined(fmt.Sprintf("%s and the reference %s reviewed no unit in common", d.Coders[c], d.Coders[rc.ref]))
	for k := range nK {
		cr := ReferenceCode{
			Code: d.Codes[k], Units: out.Units, ReferenceGiven: refGiven[k], CoderGiven: coderGiven[k],
			Misses: refGiven[k] - both[k], Extras: coderGiven[k] - both[k],
		}
		var e TableResult
		if out.Units == 0 {
			e = undefinedTableResult(noCommon.Reason)
		} else {
			// Rows: the reference absent, present; columns: the coder absent, present.
			e = TableEstimates([][]int{
				{out.Units - refGiven[k] - coderGiven[k] + both[k], coderGiven[k] - both[k]},
				{refGiven[k] - both[k], both[k]},
			})
		}
		cr.PercentAgreement = e.PercentAgreement.Coef
		e.PercentAgreement.into(&cr.PercentAgreementSE, &cr.PercentAgreementCI95, &cr.PercentAgreementP)
		cr.CohenKappa = e.CohenKappa.Coef
		e.CohenKappa.into(&cr.CohenKappaSE, &cr.CohenKappaCI95, &cr.CohenKappaP)
		cr.GwetAC1 = e.GwetAC1.Coef
		e.GwetAC1.into(&cr.GwetAC1SE, &cr.GwetAC1CI95, &cr.GwetAC1P)
		out.Codes[k] = cr
	}
	out.Overall = rc.overall(out.Units, identical, table, q, noCommon)
	return out
}

func undefinedTableResult(reason string) TableResult {
	e := Estimate{Coef: undefined(reason), Precision: undefinedPrecision(reason)}
	return TableResult{e, e, e, e, e, e}
}

// overall is the agreement on the codes taken together: from the single-label table, or the
// share of identical code sets.
func (rc *referenceComparer) overall(units, identical int, table []int, q int, noCommon Value) ReferenceOverall {
	o := ReferenceOverall{Mode: SingleLabel, Units: units}
	if rc.multi {
		o.Mode = MultiLabel
	}
	var pa, kappa, ac1 Estimate
	switch {
	case units == 0:
		e := Estimate{Coef: noCommon, Precision: undefinedPrecision(noCommon.Reason)}
		pa, kappa, ac1 = e, e, e
	case rc.multi:
		// The share of units with identical code sets, a proportion whose precision is
		// pa2.table's, (p_a − p_a²)/n: that of a table with the matches on its diagonal.
		pa = TableEstimates([][]int{{identical, units - identical}, {0, 0}}).PercentAgreement
		e := Estimate{Coef: undefined(reasonMulti), Precision: undefinedPrecision(reasonMulti)}
		kappa, ac1 = e, e
	default:
		// The categories are the codebook's codes, and "no code" when some coder used it, as
		// in Compute's Overall (so AC1 counts the same q).
		n := q
		if !rc.noCode {
			n = q - 1
		}
		t := make([][]int, n)
		for a := range n {
			t[a] = table[a*q : a*q+n]
		}
		e := TableEstimates(t)
		pa, kappa, ac1 = e.PercentAgreement, e.CohenKappa, e.GwetAC1
	}
	o.PercentAgreement = pa.Coef
	pa.into(&o.PercentAgreementSE, &o.PercentAgreementCI95, &o.PercentAgreementP)
	o.CohenKappa = kappa.Coef
	kappa.into(&o.CohenKappaSE, &o.CohenKappaCI95, &o.CohenKappaP)
	o.GwetAC1 = ac1.Coef
	ac1.into(&o.GwetAC1SE, &o.GwetAC1CI95, &o.GwetAC1P)
	return o
}

// referenceNotes explains the coder's undefined values, grouped by reason as Report.Notes
// does; a coder with no unit in common gets one note.
func referenceNotes(rc ReferenceCoder) []string {
	scope := "Coder " + rc.Coder
	if rc.Units == 0 {
		return []string{fmt.Sprintf("%s: every figure undefined: %s.", scope, rc.Overall.PercentAgreement.Reason)}
	}
	var out []string
	for _, cr := range rc.Codes {
		out = append(out, groupNote(fmt.Sprintf("%s, code %q", scope, cr.Code), []namedValue{
			{"percent agreement", cr.PercentAgreement}, {"Cohen's κ", cr.CohenKappa}, {"Gwet's AC1", cr.GwetAC1},
		})...)
	}
	o := rc.Overall
	if o.Mode == SingleLabel {
		out = append(out, groupNote(scope+", overall", []namedValue{
			{"percent agreement", o.PercentAgreement}, {"Cohen's κ", o.CohenKappa}, {"Gwet's AC1", o.GwetAC1},
		})...)
	}
	return out
}

// WithReference returns d with one more coder, name, who reviewed the units that codes holds
// (by unit id) and gave them those codes (none: reviewed, no code): the consensus layer's
// decisions, which a project's reliability data leaves out, made a coder to compare with
// (CompareWithReference). Codes outside d.Codes (out of scope) are left out, as FromReliability
// leaves them out, and so are units outside d.Units. d is not modified. A name that is already
// one of d's coders is an error.
func WithReference(d Data, name string, codes map[string][]string) (Data, error) {
	if referenceIndex(d.Coders, name) >= 0 {
		return Data{}, say.Errorf("the data already has a coder %q: the reference needs a name of its own", name)
	}
	codeIx := make(map[string]int, len(d.Codes))
	for k, c := range d.Codes {
		codeIx[c] = k
	}
	out := Data{Units: d.Units, Codes: d.Codes, Coders: append(slices.Clone(d.Coders), name), Cells: make([][]Cell, len(d.Cells))}
	nC := len(out.Coders)
	flat := make([]Cell, len(d.Cells)*nC)
	for u, row := range d.Cells {
		out.Cells[u] = flat[u*nC : (u+1)*nC : (u+1)*nC]
		copy(out.Cells[u], row)
		given, ok := codes[d.Units[u]]
		if !ok {
			continue
		}
		cell := Cell{Reviewed: true, Codes: []int{}}
		for _, c := range given {
			if k, ok := codeIx[c]; ok {
				cell.Codes = append(cell.Codes, k)
			}
		}
		slices.Sort(cell.Codes)
		cell.Codes = slices.Compact(cell.Codes)
		out.Cells[u][nC-1] = cell
	}
	return out, nil
}

// referenceKeys are the keys of the statistics of the table (Statistics) that
// CompareWithReference gives, per code and overall.
var referenceKeys = []string{"percent_agreement", "cohen_kappa", "gwet_ac1"}

// ReferenceStatistics are the statistics of the table (Statistics) that CompareWithReference
// gives, in the table's order, for the command line's, the workbook's and the window's columns
// of a comparison with a reference: two coders each time, so each is labelled for two
// (LabelFor(2), TitleFor(2)). Read a figure with ReferenceCode.Of and ReferenceOverall.Of.
func ReferenceStatistics() []Statistic {
	var out []Statistic
	for _, s := range statistics {
		if slices.Contains(referenceKeys, s.Key) {
			out = append(out, s)
		}
	}
	return out
}

// Of is the statistic s in the comparison of one code, with its precision; the zero Estimate
// when the comparison does not give s (it is not one of ReferenceStatistics).
func (c *ReferenceCode) Of(s Statistic) Estimate {
	switch s.Key {
	case "percent_agreement":
		return estimate(c.PercentAgreement, c.PercentAgreementSE, c.PercentAgreementCI95, c.PercentAgreementP)
	case "cohen_kappa":
		return estimate(c.CohenKappa, c.CohenKappaSE, c.CohenKappaCI95, c.CohenKappaP)
	case "gwet_ac1":
		return estimate(c.GwetAC1, c.GwetAC1SE, c.GwetAC1CI95, c.GwetAC1P)
	}
	return Estimate{}
}

// Of is the statistic s in the comparison of the codes taken together, with its precision; the
// zero Estimate when the comparison does not give s.
func (o *ReferenceOverall) Of(s Statistic) Estimate {
	switch s.Key {
	case "percent_agreement":
		return estimate(o.PercentAgreement, o.PercentAgreementSE, o.PercentAgreementCI95, o.PercentAgreementP)
	case "cohen_kappa":
		return estimate(o.CohenKappa, o.CohenKappaSE, o.CohenKappaCI95, o.CohenKappaP)
	case "gwet_ac1":
		return estimate(o.GwetAC1, o.GwetAC1SE, o.GwetAC1CI95, o.GwetAC1P)
	}
	return Estimate{}
}
