package report

import (
	"strings"

	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/say"
)

// ConsensusReference names the consensus layer as a reference coder (Options.Reference, agree
// --reference consensus): the project's adjudicated decisions, which the agreement figures
// leave out, made a coder that every coder is compared with.
const ConsensusReference = ConsensusColumn

// ErrNothingAdjudicated is the refusal of the consensus layer as the reference of a project in
// which nothing has been settled.
var ErrNothingAdjudicated = say.Errorf("nothing has been adjudicated yet: settle disagreements first (Project → Adjudicate) or name a coder as the reference")

// ReferenceData makes d (a project's data, agreement.FromReliability) ready to compare with the
// reference named ref (agreement.CompareWithReference): when ref is ConsensusReference and no
// coder of d has that name, the consensus layer's decisions c are added as that coder
// (agreement.WithReference). The consensus layer before anything was adjudicated is
// ErrNothingAdjudicated, and one with no decision in the scope of d an error in one sentence.
// Any other ref leaves d as it is.
func ReferenceData(d agreement.Data, ref string, c Consensus) (agreement.Data, error) {
	if !isConsensusRef(d, ref) {
		return d, nil
	}
	switch {
	case c == nil:
		return agreement.Data{}, ErrNothingAdjudicated
	case len(c) == 0:
		return agreement.Data{}, say.Errorf("nothing in this scope has been adjudicated yet: settle its disagreements first (Project → Adjudicate), choose another scope, or name a coder as the reference")
	}
	codes := make(map[string][]string, len(c))
	for unit, dec := range c {
		codes[unit] = dec.Codes
	}
	return agreement.WithReference(d, ConsensusReference, codes)
}

// isConsensusRef tells whether ref names the consensus layer of d: ConsensusReference (in any
// case, as the project refuses a coder of that name) when no coder of d has that name.
func isConsensusRef(d agreement.Data, ref string) bool {
	if !strings.EqualFold(strings.TrimSpace(ref), ConsensusReference) {
		return false
	}
	for _, c := range d.Coders {
		if strings.EqualFold(c, ConsensusReference) {
			return false
		}
	}
	return true
}

// reference compares the export's coders with the reference opt.Reference; nil when none is
// asked for.
func (in *Input) reference(m *model, ref string) (*agreement.ReferenceReport, error) {
	if ref == "" {
		return nil, nil
	}
	data := m.agreementData()
	if isConsensusRef(data, ref) {
		ref = ConsensusReference // "Consensus", " consensus": the layer, under the name it is added with
	}
	d, err := ReferenceData(data, ref, in.Consensus)
	if err != nil {
		return nil, err
	}
	rr, err := agreement.CompareWithReference(d, ref)
	if err != nil {
		return nil, err
	}
	return &rr, nil
}

// referenceConvention is agreement.ReferenceConvention in the workbook's language.
func (e *engineText) referenceConvention() string {
	return e.same(agreement.ReferenceConvention, "conv.reference")
}

// referenceName is the reference as the Summary names it: the consensus layer said to be it.
func (l lang) referenceName(rr *agreement.ReferenceReport, consensus bool) string {
	if consensus && rr.Reference == ConsensusReference {
		return l.f("summary.referenceConsensus", rr.Reference)
	}
	return rr.Reference
}

// The Reference sheet's columns before the statistics'.
var referenceColumns = []string{"col.coder", "col.code", "col.units", "col.notReviewed", "col.referenceGave", "col.coderGave", "col.misses", "col.extras"}

// referenceSheet is the Reference sheet: for each coder a row per code and one of the codes
// taken together, with the statistics of agreement.ReferenceStatistics and their precision.
func (x *xw) referenceSheet(rr *agreement.ReferenceReport) *grid {
	l := x.l
	g := &grid{name: ReferenceSheetNames[0], headerRow: 1, print: true, titleCols: 2, headerCap: statHeaderWidth}
	h := make([]string, 0, len(referenceColumns)+15)
	for _, id := range referenceColumns {
		h = append(h, l.t(id))
	}
	stats := agreement.ReferenceStatistics()
	for _, s := range stats {
		h = append(h, l.statColumns(s, 2)...)
	}
	g.add(x.header(h...)...)
	for i := range rr.Coders {
		rc := &rr.Coders[i]
		for j := range rc.Codes {
			c := &rc.Codes[j]
			r := []cell{txt(rc.Coder), txt(c.Code), x.count(c.Units), x.count(rc.NotReviewed), x.count(c.ReferenceGiven), x.count(c.CoderGiven), x.count(c.Misses), x.count(c.Extras)}
			for _, s := range stats {
				r = append(r, x.estimate(s, c.Of(s))...)
			}
			g.add(r...)
		}
		r := []cell{{v: rc.Coder, s: x.st.bold}, {v: l.t("ref.allCodes"), s: x.st.bold}, x.count(rc.Units), x.count(rc.NotReviewed), {}, {}, x.count(rc.Misses), x.count(rc.Extras)}
		for _, s := range stats {
			r = append(r, x.estimate(s, rc.Overall.Of(s))...)
		}
		g.add(r...)
	}
	return g
}

// referenceDifferences is the Reference differences sheet: each turn on which a coder's codes
// differ from the reference's, coder by coder, placed as the unit sheets place a turn.
func referenceDifferences(l lang, rr *agreement.ReferenceReport, uw []colWidth) *table {
	rows := 0
	for _, rc := range rr.Coders {
		rows += len(rc.Differences)
	}
	t := &table{name: ReferenceSheetNames[1], print: true, rows: rows}
	cols := l.unitColumns()
	t.header = []string{cols[0], cols[1], cols[2], cols[3], cols[5], l.t("col.coder"), l.t("col.referenceCodes"), l.t("col.coderCodes"), l.t("col.missed"), l.t("col.extra")}
	t.widths = []colWidth{uw[0], uw[1], uw[2], uw[3], uw[5], newColWidth(t.header[5], maxTextWidth)}
	codes := make([]colWidth, 4)
	for i := range codes {
		codes[i] = newColWidth(t.header[6+i], 40)
	}
	for _, rc := range rr.Coders {
		t.widths[5].text(rc.Coder)
		for _, d := range rc.Differences {
			codes[0].text(joinCodes(l, d.Reference))
			codes[1].text(joinCodes(l, d.Coder))
			codes[2].text(strings.Join(d.Missed, " + "))
			codes[3].text(strings.Join(d.Extra, " + "))
		}
	}
	t.widths = append(t.widths, codes...)
	return t
}

func (x *xw) writeReferenceDifferences(t *table, rr *agreement.ReferenceReport, m *model) error {
	s, err := x.stream(t)
	if err != nil {
		return err
	}
	vals := make([]any, len(t.header))
	for _, rc := range rr.Coders {
		for _, d := range rc.Differences {
			clear(vals)
			n := 1
			if u, ok := m.unitIx[d.Unit]; ok {
				unit := &m.units[u]
				vals[0], vals[1], vals[2], vals[3], vals[4] = unit.Document, unit.Section, unit.Number, unit.Speaker, unit.Text
				n = int(m.lines[u])
			} else {
				vals[2] = d.Unit
			}
			vals[5], vals[6], vals[7] = rc.Coder, joinCodes(x.l, d.Reference), joinCodes(x.l, d.Coder)
			if len(d.Missed) > 0 {
				vals[8] = strings.Join(d.Missed, " + ")
			}
			if len(d.Extra) > 0 {
				vals[9] = strings.Join(d.Extra, " + ")
			}
			for c := 6; c < len(vals); c++ {
				if v, ok := vals[c].(string); ok {
					n = max(n, lines(v, t.widths[c].width()))
				}
			}
			if err := s.add(vals, n); err != nil {
				return err
			}
		}
	}
	return s.close()
}
