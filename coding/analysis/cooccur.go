package analysis

import (
	"fmt"

	"github.com/turncoder/turncoder/coding/say"
)

// MaxWindow is the widest window a co-occurrence takes, in turns either side: wide enough for
// any question of nearness, narrow enough that a million codings take a second.
const MaxWindow = 100

// Cooccurrence is codes × codes: how many turns hold each pair of codes, within a turn
// (Window 0) or within Window turns of each other (see the package documentation). It is
// symmetric; its diagonal is the number of turns given each code. Its cells' turns are found
// by Turns.
type Cooccurrence struct {
	Window int
	Who    Who
	Codes  []string
	Counts [][]int // Counts[a][b]: turns

	d *Data
}

// Cooccurrence counts the turns in which each pair of codes meet, within a turn (window 0) or
// within window turns of each other in the same document and section, always within one
// coder's coding. A window below 0 or past MaxWindow is an error in one sentence.
func (d *Data) Cooccurrence(window int) (*Cooccurrence, error) {
	if window < 0 || window > MaxWindow {
		return nil, say.Errorf("a co-occurrence window is 0 (within a turn) to %d turns, not %d", MaxWindow, window)
	}
	nK := len(d.in.Codes)
	flat := make([]int, nK*nK)
	stamp := make([]int32, nK*nK) // 1 + the last turn that counted in the cell
	for t := range d.in.Turns {
		if !d.in.Turns[t].InScope {
			continue
		}
		mark := int32(t + 1)
		d.pairs(t, window, func(a, b int) bool {
			for _, c := range [2]int{a*nK + b, b*nK + a} {
				if stamp[c] != mark {
					stamp[c] = mark
					flat[c]++
				}
			}
			return true
		})
	}
	c := &Cooccurrence{Window: window, Who: d.in.Who, Codes: d.codeNames(), Counts: make([][]int, nK), d: d}
	for a := range nK {
		c.Counts[a] = flat[a*nK : (a+1)*nK : (a+1)*nK]
	}
	return c, nil
}

// pairs calls fn(a, b) for each code a a coder gave turn t and each code b the same coder gave
// a turn in scope at most window turns away (t itself included) in t's document and section,
// until fn returns false.
func (d *Data) pairs(t, window int, fn func(a, b int) bool) {
	here := d.codings(t)
	if len(here) == 0 {
		return
	}
	turns := d.in.Turns
	b := d.block[t]
	from, to := int(d.blockStart[b]), int(d.blockStart[b+1])
	n := turns[t].Number
	// The turns within the window: numbers may skip (a section's turns, notes), so walk out
	// from t while the numbers are near.
	lo := t
	for lo > from && n-turns[lo-1].Number <= window {
		lo--
	}
	for u := lo; u < to && turns[u].Number-n <= window; u++ {
		there := d.codings(u)
		// Both lists are sorted by coder: walk them together, pairing one coder's codes.
		i, j := 0, 0
		for i < len(here) && j < len(there) {
			ci, cj := here[i]>>32, there[j]>>32
			switch {
			case ci < cj:
				i++
			case ci > cj:
				j++
			default:
				ie := i
				for ie < len(here) && here[ie]>>32 == ci {
					ie++
				}
				je := j
				for je < len(there) && there[je]>>32 == cj {
					je++
				}
				for _, x := range here[i:ie] {
					for _, y := range there[j:je] {
						if !fn(int(uint32(x)), int(uint32(y))) {
							return
						}
					}
				}
				i, j = ie, je
			}
		}
	}
}

// Turns lists the turns of cell (a, b) — the turns that count in it — as indices into
// Data.Turns, in the turns' order.
func (c *Cooccurrence) Turns(a, b int) []int {
	var out []int
	for t := range c.d.in.Turns {
		if !c.d.in.Turns[t].InScope {
			continue
		}
		found := false
		c.d.pairs(t, c.Window, func(x, y int) bool {
			found = (x == a && y == b) || (x == b && y == a)
			return !found
		})
		if found {
			out = append(out, t)
		}
	}
	return out
}

// Counted says in English what the cells count.
func (c *Cooccurrence) Counted() string {
	where := "within a turn"
	if c.Window == 1 {
		where = "within 1 turn of each other"
	} else if c.Window > 1 {
		where = fmt.Sprintf("within %d turns of each other", c.Window)
	}
	who := "one coder"
	if c.Who.Kind != AllCoders {
		who = c.Who.Describe()
	}
	return fmt.Sprintf("turns in which %s gave both codes %s (same document and section); the diagonal: turns given the code", who, where)
}
