package report

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
)

// model indexes Input.Data for the export: which codes each coder gave each unit, in the
// units' order, each with its time; it keeps no reference to the judgements.
type model struct {
	units  []coding.Unit
	coders []string
	codes  []string // Data.Codes' names, codebook order
	unitIx map[string]int

	// The entries of cell c = u*len(coders) + j are entries[start[c]:start[c+1]]: either the
	// codes given, distinct and in codebook order (the latest judgement of each), or one review
	// (reviewed, no code); none: the coder did not review the unit. An entry e has the code
	// codeOf[e] (an index into codes, -1 for the review) and the time at[e] (Unix
	// nanoseconds; noTime when unknown). entries[i] == i once the model is built.
	start   []int32
	entries []int32
	codeOf  []int32
	at      []int64

	codeIx map[string]int32 // code name → index into codes

	// The consensus layer: hasCons when the project has one; cons holds the settled units'
	// decisions by unit index, their codes as indices into codes (codebook order).
	hasCons bool
	cons    map[int]decision

	lines  []uint8 // per unit: lines of its text in the sheets' Text column (set by the workbook)
	rows   int     // rows of the long table: one per code given, one per unit reviewed with no code
	nGiven int     // codes given (rows with a code)
}

// judged is a judgement by indices: its cell (unit × len(coders) + coder), its code (an index
// into codes; -1 for a review or a code outside codes) and its time (Unix ns, or noTime).
type judged struct {
	cell int32
	code int32
	at   int64
}

// frame is a model of units, coders and codes with no judgements yet.
func frame(units []coding.Unit, coders []string, codes []coding.Code) (*model, error) {
	m := &model{units: units, coders: coders}
	if nC := len(coders); nC > 0 && len(units) > (1<<31-2)/nC {
		return nil, fmt.Errorf("too many units × coders (%d × %d)", len(units), nC)
	}
	m.unitIx = make(map[string]int, len(units))
	for i, u := range units {
		if _, dup := m.unitIx[u.TurnID]; !dup {
			m.unitIx[u.TurnID] = i
		}
	}
	m.codeIx = make(map[string]int32, len(codes))
	for _, c := range codes {
		if _, dup := m.codeIx[c.Name]; dup || c.Name == "" {
			continue
		}
		m.codeIx[c.Name] = int32(len(m.codes))
		m.codes = append(m.codes, c.Name)
	}
	return m, nil
}

// newModel builds the index of d in O(judgements + units × coders).
func newModel(d *coding.Reliability) (*model, error) {
	m, err := frame(d.Units, d.Coders, d.Codes)
	if err != nil {
		return nil, err
	}
	if len(d.Judgements) > 1<<31-1 {
		return nil, fmt.Errorf("too many judgements (%d)", len(d.Judgements))
	}
	nC := len(d.Coders)
	coderIx := make(map[string]int, nC)
	for i, c := range d.Coders {
		if _, dup := coderIx[c]; !dup {
			coderIx[c] = i
		}
	}
	js := make([]judged, 0, len(d.Judgements))
	for _, j := range d.Judgements {
		u, ok := m.unitIx[j.Unit]
		c, ok2 := coderIx[j.Coder]
		if !ok || !ok2 {
			continue
		}
		k, ok := m.codeIx[j.Code]
		if !ok {
			k = -1
		}
		js = append(js, judged{int32(u*nC + c), k, nanos(j.Time)})
	}
	m.index(js)
	return m, nil
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return noTime
	}
	return t.UnixNano()
}

// index sorts the judgements into the model's cells: within each cell, the codes in codebook
// order, each once with its latest time; or the one latest review when no code was given.
func (m *model) index(js []judged) {
	nCells := len(m.units) * len(m.coders)
	// Counting sort by cell, stable.
	start := make([]int32, nCells+1)
	for _, j := range js {
		start[j.cell+1]++
	}
	for c := 1; c <= nCells; c++ {
		start[c] += start[c-1]
	}
	order := make([]int32, len(js))
	next := slices.Clone(start[:nCells])
	for i, j := range js {
		order[next[j.cell]] = int32(i)
		next[j.cell]++
	}
	next = nil

	// Compact each cell in place (w ≤ the cell's first position), then copy code and time.
	w := int32(0)
	for c := range nCells {
		es := order[start[c]:start[c+1]]
		start[c] = w
		if len(es) == 0 {
			continue
		}
		if len(es) > 1 {
			slices.SortStableFunc(es, func(a, b int32) int { return int(js[a].code) - int(js[b].code) })
		}
		review := int32(-1)
		kept := w
		for _, e := range es {
			if js[e].code < 0 {
				if review < 0 || js[e].at > js[review].at {
					review = e
				}
				continue
			}
			if w > kept && js[order[w-1]].code == js[e].code {
				if js[e].at > js[order[w-1]].at {
					order[w-1] = e
				}
				continue
			}
			order[w] = e
			w++
		}
		if w == kept {
			order[w] = review
			w++
		}
	}
	start[nCells] = w
	m.start = start
	m.rows = int(w)
	m.entries, m.codeOf, m.at = make([]int32, w), make([]int32, w), make([]int64, w)
	for i, e := range order[:w] {
		m.entries[i] = int32(i)
		m.codeOf[i], m.at[i] = js[e].code, js[e].at
		if js[e].code >= 0 {
			m.nGiven++
		}
	}
}

// Builder gathers an export's judgements one at a time, for data read from a project file
// row by row: it keeps 16 bytes per judgement where a coding.Judgement takes 72, and never
// holds the two at once.
type Builder struct {
	m  *model
	js []judged
}

// NewBuilder starts an export of units, coders and codes (in.Data's, without judgements);
// hint is the number of judgements to expect (0 if unknown).
func NewBuilder(units []coding.Unit, coders []string, codes []coding.Code, hint int) (*Builder, error) {
	m, err := frame(units, coders, codes)
	if err != nil {
		return nil, err
	}
	return &Builder{m: m, js: make([]judged, 0, hint)}, nil
}

// Add records that coders[coder] judged units[unit]: gave code (a code name), or reviewed it
// (code ""). Judgements outside the units, coders or codes count as in Input.Data.
func (b *Builder) Add(unit, coder int, code string, at time.Time) {
	nC := len(b.m.coders)
	if unit < 0 || unit >= len(b.m.units) || coder < 0 || coder >= nC {
		return
	}
	k, ok := b.m.codeIx[code]
	if !ok {
		k = -1
	}
	b.js = append(b.js, judged{int32(unit*nC + coder), k, nanos(at)})
}

// Prepare completes in as Prepare does: in.Data holds the builder's units, coders and codes
// (no judgements), in.Agreement is computed with opt, and writes use the builder's index.
func (b *Builder) Prepare(in *Input, opt agreement.Options) {
	m := b.m
	m.index(b.js)
	b.js = nil
	in.Data.Units, in.Data.Coders, in.Data.Judgements = m.units, m.coders, nil
	in.prepared = m
	in.Agreement = agreement.Compute(m.agreementData(), opt)
}

// AgreementData indexes the judgements added and returns them as the agreement engine's data
// set, the one Prepare computes the agreement on, for a reader who wants the figures and no
// sheets (the agreement window, agree). A Builder serves one of Prepare and AgreementData.
func (b *Builder) AgreementData() agreement.Data {
	b.m.index(b.js)
	b.js = nil
	return b.m.agreementData()
}

// agreementData is the model as the agreement engine's input: the same data set as
// agreement.FromReliability makes of Input.Data when its unit ids and code names are unique
// (a project's always are), in two allocations instead of one per unit and per cell.
func (m *model) agreementData() agreement.Data {
	nC, nK := len(m.coders), len(m.codes)
	d := agreement.Data{Coders: slices.Clone(m.coders), Codes: slices.Clone(m.codes), Units: make([]string, len(m.units))}
	cells := make([]agreement.Cell, len(m.units)*nC)
	codes := make([]int, 0, m.nGiven)
	d.Cells = make([][]agreement.Cell, len(m.units))
	for u := range m.units {
		d.Units[u] = m.units[u].TurnID
		row := cells[u*nC : (u+1)*nC : (u+1)*nC]
		for j := range row {
			es := m.cell(u, j)
			if len(es) == 0 {
				continue
			}
			from := len(codes)
			for _, e := range es {
				if k := m.code(e); k >= 0 && k < nK {
					codes = append(codes, k)
				}
			}
			row[j] = agreement.Cell{Reviewed: true, Codes: codes[from:len(codes):len(codes)]}
		}
		d.Cells[u] = row
	}
	return d
}

// noTime marks an entry whose time is unknown (data from elsewhere).
const noTime = math.MinInt64

// time is entry e's time, the zero time when unknown.
func (m *model) time(e int32) time.Time {
	if m.at[e] == noTime {
		return time.Time{}
	}
	return time.Unix(0, m.at[e]).UTC()
}

// decision is a settled unit in the model: codes in scope, in codebook order.
type decision struct {
	codes []int
	note  string
	time  time.Time
}

// setConsensus indexes the consensus layer (nil: the project has none) by unit.
func (m *model) setConsensus(c Consensus) {
	if c == nil {
		return
	}
	m.hasCons = true
	m.cons = make(map[int]decision, len(c))
	for id, d := range c {
		u, ok := m.unitIx[id]
		if !ok {
			continue
		}
		var codes []int
		for _, name := range d.Codes {
			if k, ok := m.codeIx[name]; ok && !slices.Contains(codes, int(k)) {
				codes = append(codes, int(k))
			}
		}
		slices.Sort(codes)
		m.cons[u] = decision{codes, d.Note, d.Time}
	}
}

// entryNames is the code names of a cell's entries (none for "reviewed, no code").
func (m *model) entryNames(es []int32) []string {
	var out []string
	for _, e := range es {
		if k := m.code(e); k >= 0 {
			out = append(out, m.codes[k])
		}
	}
	return out
}

// consNames is a decision's code names.
func (m *model) consNames(d decision) []string {
	out := make([]string, len(d.codes))
	for i, k := range d.codes {
		out[i] = m.codes[k]
	}
	return out
}

// settled lists the settled units' indices in the units' order.
func (m *model) settled() []int {
	out := make([]int, 0, len(m.cons))
	for u := range m.cons {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

// cell returns the entries of unit u and coder j: nil if the coder did not review the unit.
func (m *model) cell(u, j int) []int32 {
	c := u*len(m.coders) + j
	return m.entries[m.start[c]:m.start[c+1]]
}

// code is the code index of an entry, -1 for "reviewed, no code".
func (m *model) code(e int32) int { return int(m.codeOf[e]) }

// codeName is the entry's code name, "" for "reviewed, no code".
func (m *model) codeName(e int32) string {
	if k := m.codeOf[e]; k >= 0 {
		return m.codes[k]
	}
	return ""
}

// given reports whether the cell's entries include code k.
func (m *model) given(es []int32, k int) bool {
	for _, e := range es {
		if int(m.codeOf[e]) == k {
			return true
		}
	}
	return false
}

// codingRow is one row of the long table.
type codingRow struct {
	unit  *coding.Unit
	lines uint8 // of the unit's text, when m.lines is set
	coder string
	code  string
	time  time.Time
}

// eachCoding calls fn for every row of the long table, in order; fn's error stops it.
func (m *model) eachCoding(fn func(r codingRow) error) error {
	for u := range m.units {
		var lines uint8
		if m.lines != nil {
			lines = m.lines[u]
		}
		for j, coder := range m.coders {
			for _, e := range m.cell(u, j) {
				if err := fn(codingRow{&m.units[u], lines, coder, m.codeName(e), m.time(e)}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// ConsensusColumn names the consensus layer in the coding matrix's columns ("consensus:
// referral") and in the Disagreements sheet.
const ConsensusColumn = "consensus"

// matrixHeader names the coding matrix's 0/1 columns as matrix.csv does: "coder: code",
// coders then codes, then "consensus: code" when the project has a consensus layer.
func (m *model) matrixHeader() []string {
	return m.matrixColumns(func(who, code string) string { return who + ": " + code }, ConsensusColumn)
}

// matrixColumns names the coding matrix's 0/1 columns, coders then codes, then the consensus
// layer's (named consensus) when the project has one: column(who, code) each.
func (m *model) matrixColumns(column func(who, code string) string, consensus string) []string {
	out := make([]string, 0, (len(m.coders)+1)*len(m.codes))
	for _, c := range m.coders {
		for _, k := range m.codes {
			out = append(out, column(c, k))
		}
	}
	if m.hasCons {
		for _, k := range m.codes {
			out = append(out, column(consensus, k))
		}
	}
	return out
}

// matrixRow fills vals (len of matrixHeader) for unit u: 1 or 0, or -1 where the coder did not
// review the unit (the consensus layer: did not settle it).
func (m *model) matrixRow(u int, vals []int8) {
	nK := len(m.codes)
	if m.hasCons {
		row := vals[len(m.coders)*nK:]
		d, ok := m.cons[u]
		fill := int8(-1)
		if ok {
			fill = 0
		}
		for k := range row {
			row[k] = fill
		}
		for _, k := range d.codes {
			row[k] = 1
		}
	}
	for j := range m.coders {
		row := vals[j*nK : (j+1)*nK]
		es := m.cell(u, j)
		fill := int8(0)
		if len(es) == 0 {
			fill = -1
		}
		for k := range row {
			row[k] = fill
		}
		for _, e := range es {
			if k := m.code(e); k >= 0 {
				row[k] = 1
			}
		}
	}
}

// twoByTwo is one code's table for a pair of coders over the units both reviewed.
type twoByTwo struct {
	both, onlyA, onlyB, neither int
}

// pairTables computes, for coders a and b, each code's 2×2 table.
func (m *model) pairTables(a, b int) []twoByTwo {
	out := make([]twoByTwo, len(m.codes))
	for u := range m.units {
		ea, eb := m.cell(u, a), m.cell(u, b)
		if len(ea) == 0 || len(eb) == 0 {
			continue
		}
		for k := range out {
			ga, gb := m.given(ea, k), m.given(eb, k)
			switch {
			case ga && gb:
				out[k].both++
			case ga:
				out[k].onlyA++
			case gb:
				out[k].onlyB++
			default:
				out[k].neither++
			}
		}
	}
	return out
}

// freq counts codes given (one per coder per unit) by group.
type freq struct {
	groups []string
	counts [][]int // [code][group]
}

func newFreq(groups []string, nK int) freq {
	f := freq{groups: groups, counts: make([][]int, nK)}
	for k := range f.counts {
		f.counts[k] = make([]int, len(groups))
	}
	return f
}

// freqs are the Frequencies sheet's tables: the coders' codes by coder, speaker, role and
// document, and, when the project has a consensus layer, the final coding (the layer) by
// speaker, role and document.
type freqs struct {
	byCoder, bySpeaker, byRole, byDoc freq
	consSpeaker, consRole, consDoc    freq // set when the model has a consensus layer
}

// frequencies counts each code by coder, by speaker, by role and by document, and the
// consensus layer's codes by speaker, role and document; turns with no speaker are counted
// under noSpeaker, and roles (none included) under roleName's name for them.
func (m *model) frequencies(noSpeaker string, roleName func(coding.Role) string) freqs {
	nK := len(m.codes)
	speakerIx, docIx := map[string]int{}, map[string]int{}
	var speakers, docs []string
	roleSeen := map[coding.Role]bool{}
	uSpeaker := make([]int, len(m.units))
	uDoc := make([]int, len(m.units))
	for u, unit := range m.units {
		if _, ok := speakerIx[unit.Speaker]; !ok {
			speakerIx[unit.Speaker] = len(speakers)
			speakers = append(speakers, orLabel(unit.Speaker, noSpeaker))
		}
		uSpeaker[u] = speakerIx[unit.Speaker]
		key := unit.DocumentID + "\x00" + unit.Document
		if _, ok := docIx[key]; !ok {
			docIx[key] = len(docs)
			docs = append(docs, unit.Document)
		}
		uDoc[u] = docIx[key]
		roleSeen[unit.Role] = true
	}
	var roles []string
	roleIx := map[coding.Role]int{}
	for _, r := range coding.Roles {
		if roleSeen[r] {
			roleIx[r] = len(roles)
			roles = append(roles, roleName(r))
		}
	}
	for _, u := range m.units { // roles outside coding.Roles, and none
		if _, ok := roleIx[u.Role]; !ok {
			roleIx[u.Role] = len(roles)
			roles = append(roles, roleName(u.Role))
		}
	}
	f := freqs{
		byCoder:   newFreq(slices.Clone(m.coders), nK),
		bySpeaker: newFreq(speakers, nK),
		byRole:    newFreq(roles, nK),
		byDoc:     newFreq(docs, nK),
	}
	for u := range m.units {
		r := roleIx[m.units[u].Role]
		for j := range m.coders {
			for _, e := range m.cell(u, j) {
				k := m.code(e)
				if k < 0 {
					continue
				}
				f.byCoder.counts[k][j]++
				f.bySpeaker.counts[k][uSpeaker[u]]++
				f.byRole.counts[k][r]++
				f.byDoc.counts[k][uDoc[u]]++
			}
		}
	}
	if m.hasCons {
		f.consSpeaker, f.consRole, f.consDoc = newFreq(speakers, nK), newFreq(roles, nK), newFreq(docs, nK)
		for u, d := range m.cons {
			for _, k := range d.codes {
				f.consSpeaker.counts[k][uSpeaker[u]]++
				f.consRole.counts[k][roleIx[m.units[u].Role]]++
				f.consDoc.counts[k][uDoc[u]]++
			}
		}
	}
	return f
}

// orLabel is s, or label when s is empty.
func orLabel(s, label string) string {
	if s == "" {
		return label
	}
	return s
}
