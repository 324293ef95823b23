package agreement

import (
	"math/bits"
	"strings"
	"unsafe"
)

// prepared is a data set with, per cell, the id of its distinct code set (for the MASI α and
// the disagreement listing) and the data's mode, from one pass over the cells. The per-code
// and categorical passes read Data.Cells directly.
type prepared struct {
	d          *Data
	nU, nC, nK int
	w          int      // 64-bit words per code set
	setID      []int32  // [u*nC+j]: distinct code set id, -1 = not reviewed
	setMasks   []uint64 // [id*w : +w]
	nSets      int
	multi      bool      // some coder gave some unit more than one code
	noCode     bool      // some coder reviewed some unit and gave no code
	masi       []float64 // nSets×nSets MASI distances, when nSets is small
}

// directSets is the codebook size up to which a code set's id is its bit mask.
const directSets = 12

func prepare(d *Data) *prepared {
	p := &prepared{d: d, nU: len(d.Units), nC: len(d.Coders), nK: len(d.Codes)}
	p.w = max(1, (p.nK+63)/64)
	p.setID = make([]int32, p.nU*p.nC)

	var small map[uint64]int32
	var big map[string]int32
	scratch := make([]uint64, p.w)
	switch {
	case p.nK <= directSets:
		p.nSets = 1 << p.nK
		p.setMasks = make([]uint64, p.nSets)
		for i := range p.setMasks {
			p.setMasks[i] = uint64(i)
		}
	case p.w == 1:
		small = map[uint64]int32{}
	default:
		big = map[string]int32{}
	}
	newSet := func(m []uint64) int32 {
		id := int32(p.nSets)
		p.nSets++
		p.setMasks = append(p.setMasks, m...)
		return id
	}

	for u := 0; u < p.nU; u++ {
		row := d.Cells[u]
		ids := p.setID[u*p.nC : (u+1)*p.nC]
		for j := range row {
			cell := &row[j]
			if !cell.Reviewed {
				ids[j] = -1
				continue
			}
			switch len(cell.Codes) {
			case 0:
				p.noCode = true
			case 1:
			default:
				p.multi = true
			}
			if p.w == 1 {
				var m uint64
				for _, k := range cell.Codes {
					m |= 1 << uint(k)
				}
				switch {
				case small == nil:
					ids[j] = int32(m)
				default:
					id, ok := small[m]
					if !ok {
						scratch[0] = m
						id = newSet(scratch)
						small[m] = id
					}
					ids[j] = id
				}
				continue
			}
			clear(scratch)
			for _, k := range cell.Codes {
				scratch[k>>6] |= 1 << (uint(k) & 63)
			}
			key := unsafe.String((*byte)(unsafe.Pointer(&scratch[0])), 8*len(scratch))
			id, ok := big[key]
			if !ok {
				id = newSet(scratch)
				big[strings.Clone(key)] = id
			}
			ids[j] = id
		}
	}
	if p.nSets <= 1024 {
		p.masi = make([]float64, p.nSets*p.nSets)
		for s := range p.nSets {
			for t := s + 1; t < p.nSets; t++ {
				v := masiMask(p.setMask(int32(s)), p.setMask(int32(t)))
				p.masi[s*p.nSets+t] = v
				p.masi[t*p.nSets+s] = v
			}
		}
	}
	return p
}

func (p *prepared) setMask(id int32) []uint64 {
	return p.setMasks[int(id)*p.w : (int(id)+1)*p.w]
}

// distance is the MASI distance between two code sets by id.
func (p *prepared) distance(s, t int32) float64 {
	if p.masi != nil {
		return p.masi[int(s)*p.nSets+int(t)]
	}
	return masiMask(p.setMask(s), p.setMask(t))
}

// setNames lists a set's code names in codebook order.
func (p *prepared) setNames(id int32) []string {
	names := []string{}
	for wi, x := range p.setMask(id) {
		for x != 0 {
			b := bits.TrailingZeros64(x)
			x &= x - 1
			names = append(names, p.d.Codes[wi*64+b])
		}
	}
	return names
}
