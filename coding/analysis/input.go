package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// WhoKind says whose codings an analysis counts.
type WhoKind uint8

const (
	// DefaultWho asks the reader of a project (store.Project.AnalysisInput) to choose: the
	// consensus layer once it has a decision on a turn in scope, else all coders. An Input
	// always holds one of the others.
	DefaultWho WhoKind = iota
	Consensus          // the consensus layer: the final coding the lead settled
	AllCoders          // every coder in scope, never the consensus layer
	OneCoder           // the coder named by Who.Coder
)

// Who says whose codings an analysis counts: the zero Who is the default (DefaultWho).
type Who struct {
	Kind  WhoKind
	Coder string // the coder's name, for OneCoder
}

// The words of `turncoder analyse --coder` for the consensus layer and for every coder.
const (
	WordConsensus = "consensus"
	WordAll       = "all"
)

// ParseWho reads a choice as `turncoder analyse --coder` takes it: "" is the default, "all"
// every coder, "consensus" the consensus layer (both in any case), anything else a coder's
// name.
func ParseWho(s string) Who {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Who{}
	case strings.EqualFold(s, WordAll):
		return Who{Kind: AllCoders}
	case strings.EqualFold(s, WordConsensus):
		return Who{Kind: Consensus}
	}
	return Who{Kind: OneCoder, Coder: s}
}

// String is the choice as ParseWho reads it back ("" for the default).
func (w Who) String() string {
	switch w.Kind {
	case Consensus:
		return WordConsensus
	case AllCoders:
		return WordAll
	case OneCoder:
		return w.Coder
	}
	return ""
}

// Describe says in English whose codings these are, for the command line's tables ("the
// consensus layer (the final coding)"); what a table counts of them, its Counted says.
func (w Who) Describe() string {
	switch w.Kind {
	case Consensus:
		return "the consensus layer (the final coding)"
	case AllCoders:
		return "all coders"
	case OneCoder:
		return "coder " + w.Coder
	}
	return "the default (the consensus layer once it has decisions, else all coders)"
}

// Turn is one turn (or prose paragraph) of a document.
type Turn struct {
	ID         string
	DocumentID string
	Document   string // title
	Section    string // title, or ""
	Number     int    // 1-based among the document's turns
	Speaker    string // "" for prose
	Role       coding.Role
	Text       string
	// InScope: the turn is analysed. A turn out of scope (an interviewer's question when only
	// respondents are analysed) is only shown as the context of a retrieved turn.
	InScope bool
}

// Coding is one code given to a turn by a coder, by indices into Input.Turns, Input.Coders and
// Input.Codes.
type Coding struct {
	Turn, Coder, Code int32
}

// Memo is a coder's memo on a turn, by indices into Input.Turns and Input.Coders.
type Memo struct {
	Turn, Coder int32
	Text        string
}

// Input is what an analysis reads. store.Project.AnalysisInput gathers it from a project.
type Input struct {
	Who Who // whose codings these are: Consensus, AllCoders or OneCoder
	// Turns, ordered by document and then by number: each document's turns together, their
	// numbers increasing.
	Turns   []Turn
	Codes   []coding.Code // in scope, in codebook order (the rows of every table)
	Coders  []string      // whose codings: the coder, each coder, or the consensus layer's name
	Codings []Coding      // in any order; a coding repeated counts once; on a turn out of scope, ignored
	Memos   []Memo
}

// Data is an Input indexed for analysis (New); it is read-only and safe for concurrent use.
type Data struct {
	in Input

	// The codings of turn t are ent[start[t]:start[t+1]], each coder<<32 | code, sorted (by
	// coder, then code) and distinct. A turn out of scope has none.
	start []int32
	ent   []uint64

	// block[t] numbers the runs of turns of one document and section; the turns of block b are
	// blockStart[b]:blockStart[b+1].
	block      []int32
	blockStart []int32

	memos []Memo // sorted by turn, then coder

	inScope int // turns in scope
	nCodes  int // codings counted
}

// New checks in and indexes it. The error is one sentence: an index out of range, or turns
// not ordered by document and number.
func New(in Input) (*Data, error) {
	nT, nK, nC := len(in.Turns), len(in.Codes), len(in.Coders)
	if nT > 1<<31-2 || len(in.Codings) > 1<<31-2 {
		return nil, say.Errorf("too many turns or codings to analyse (%d turns, %d codings)", nT, len(in.Codings))
	}
	switch in.Who.Kind {
	case Consensus, AllCoders:
	case OneCoder:
		if nC != 1 || in.Coders[0] != in.Who.Coder {
			return nil, fmt.Errorf("the input of coder %q holds the codings of %d coders (%s)", in.Who.Coder, nC, strings.Join(in.Coders, ", "))
		}
	default:
		return nil, fmt.Errorf("the input does not say whose codings it holds (one coder, all coders or the consensus layer)")
	}
	d := &Data{in: in}
	// Blocks of one document and section; each document's turns together, numbers increasing.
	d.block = make([]int32, nT)
	seenDoc := map[string]bool{}
	for t := range in.Turns {
		cur := &in.Turns[t]
		if t > 0 {
			prev := &in.Turns[t-1]
			if prev.DocumentID == cur.DocumentID {
				if cur.Number <= prev.Number {
					return nil, fmt.Errorf("the turns of document %q are not in order (turn %d after turn %d)", cur.Document, cur.Number, prev.Number)
				}
				if prev.Section == cur.Section {
					d.block[t] = d.block[t-1]
					continue
				}
			} else if seenDoc[cur.DocumentID] {
				return nil, fmt.Errorf("the turns of document %q are not together", cur.Document)
			}
		}
		seenDoc[cur.DocumentID] = true
		d.block[t] = int32(len(d.blockStart))
		d.blockStart = append(d.blockStart, int32(t))
	}
	d.blockStart = append(d.blockStart, int32(nT))
	for t := range in.Turns {
		if in.Turns[t].InScope {
			d.inScope++
		}
	}

	// A counting sort of the codings by turn, then each turn's sorted and made distinct.
	start := make([]int32, nT+1)
	for i, c := range in.Codings {
		if c.Turn < 0 || int(c.Turn) >= nT || c.Coder < 0 || int(c.Coder) >= nC || c.Code < 0 || int(c.Code) >= nK {
			return nil, fmt.Errorf("coding %d is out of range (turn %d of %d, coder %d of %d, code %d of %d)", i, c.Turn, nT, c.Coder, nC, c.Code, nK)
		}
		if in.Turns[c.Turn].InScope {
			start[c.Turn+1]++
		}
	}
	for t := 1; t <= nT; t++ {
		start[t] += start[t-1]
	}
	ent := make([]uint64, start[nT])
	next := slices.Clone(start[:nT])
	for _, c := range in.Codings {
		if in.Turns[c.Turn].InScope {
			ent[next[c.Turn]] = uint64(c.Coder)<<32 | uint64(uint32(c.Code))
			next[c.Turn]++
		}
	}
	next = nil
	w := int32(0)
	for t := range nT {
		es := ent[start[t]:start[t+1]]
		start[t] = w
		sortSmall(es)
		for i, e := range es {
			if i > 0 && e == es[i-1] {
				continue
			}
			ent[w] = e
			w++
		}
	}
	start[nT] = w
	d.start, d.ent, d.nCodes = start, ent[:w:w], int(w)

	for i, m := range in.Memos {
		if m.Turn < 0 || int(m.Turn) >= nT || m.Coder < 0 || int(m.Coder) >= nC {
			return nil, fmt.Errorf("memo %d is out of range (turn %d of %d, coder %d of %d)", i, m.Turn, nT, m.Coder, nC)
		}
	}
	d.memos = slices.Clone(in.Memos)
	slices.SortFunc(d.memos, func(a, b Memo) int {
		if a.Turn != b.Turn {
			return int(a.Turn - b.Turn)
		}
		return int(a.Coder - b.Coder)
	})
	return d, nil
}

// sortSmall sorts a turn's codings: by insertion when there are few, as there nearly always are.
func sortSmall(es []uint64) {
	if len(es) > 12 {
		slices.Sort(es)
		return
	}
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j] < es[j-1]; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// Who is whose codings the data holds.
func (d *Data) Who() Who { return d.in.Who }

// Turns are the data's turns (indices of every table's turn lists point into it).
func (d *Data) Turns() []Turn { return d.in.Turns }

// Codes are the codes analysed, in codebook order: the rows of every table.
func (d *Data) Codes() []coding.Code { return d.in.Codes }

// Coders are whose codings the data holds (the consensus layer's name for Consensus).
func (d *Data) Coders() []string { return d.in.Coders }

// TurnsInScope is the number of turns analysed.
func (d *Data) TurnsInScope() int { return d.inScope }

// Codings is the number of codings counted: codes given to turns in scope, each (turn, coder,
// code) once.
func (d *Data) Codings() int { return d.nCodes }

// CoderCodes are one coder's codes on a turn, in codebook order.
type CoderCodes struct {
	Coder string   `json:"coder"`
	Codes []string `json:"codes"`
}

// TurnCodes is each coder's codes on turn t (an index into Turns), coders with none left out.
func (d *Data) TurnCodes(t int) []CoderCodes {
	var out []CoderCodes
	for _, e := range d.ent[d.start[t]:d.start[t+1]] {
		j, k := int(e>>32), int(uint32(e))
		if len(out) == 0 || out[len(out)-1].Coder != d.in.Coders[j] {
			out = append(out, CoderCodes{Coder: d.in.Coders[j]})
		}
		last := &out[len(out)-1]
		last.Codes = append(last.Codes, d.in.Codes[k].Name)
	}
	return out
}

// CoderMemo is a coder's memo on a turn.
type CoderMemo struct {
	Coder string `json:"coder"`
	Text  string `json:"text"`
}

// TurnMemos is the memos on turn t, in the coders' order.
func (d *Data) TurnMemos(t int) []CoderMemo {
	i, _ := slices.BinarySearchFunc(d.memos, int32(t), func(m Memo, t int32) int { return int(m.Turn - t) })
	var out []CoderMemo
	for ; i < len(d.memos) && int(d.memos[i].Turn) == t; i++ {
		if m := d.memos[i]; strings.TrimSpace(m.Text) != "" {
			out = append(out, CoderMemo{d.in.Coders[m.Coder], m.Text})
		}
	}
	return out
}

// codings is turn t's codings.
func (d *Data) codings(t int) []uint64 { return d.ent[d.start[t]:d.start[t+1]] }

// CodeIndex finds a code of the data by its name, Chinese label or id (in any case, NFKC):
// its row; an error in one sentence when the data has no such code.
func (d *Data) CodeIndex(name string) (int, error) {
	key := codeKey(name)
	for i, c := range d.in.Codes {
		if codeKey(c.Name) == key || codeKey(c.ID) == key || (c.NameZH != "" && codeKey(c.NameZH) == key) {
			return i, nil
		}
	}
	if len(d.in.Codes) == 0 {
		return -1, say.Errorf("no code %q: no codes are analysed", name)
	}
	var names []string
	for i, c := range d.in.Codes {
		if i == 12 {
			names = append(names, "…")
			break
		}
		names = append(names, c.Name)
	}
	return -1, say.Errorf("no code %q among the codes analysed (%s)", name, strings.Join(names, ", "))
}

func codeKey(s string) string { return strings.ToLower(coding.NormalizeLabel(s)) }
