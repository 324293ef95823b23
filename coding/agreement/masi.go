package agreement

import "math/bits"

// MASIDistance is 1 − MASI, the distance between two code sets of Passonneau, R. (2006),
// "Measuring Agreement on Set-valued Items (MASI) for Semantic and Pragmatic Annotation", LREC
// 2006:
//
//	MASI(A, B) = J(A, B) · M(A, B),  J = |A∩B| / |A∪B| (Jaccard)
//	M = 1 if A = B, 2/3 if one is a subset of the other, 1/3 if they only overlap, 0 if disjoint
//
// Two empty sets are identical (distance 0); an empty and a non-empty set are at distance 1.
// NLTK's nltk.metrics.distance.masi_distance uses 0.67 and 0.33 for 2/3 and 1/3 and fails on
// two empty sets; this uses Passonneau's exact fractions. a and b are sets of code indices
// (order and repeats do not matter).
func MASIDistance(a, b []int) float64 {
	ma, mb := map[int]bool{}, map[int]bool{}
	for _, x := range a {
		ma[x] = true
	}
	for _, x := range b {
		mb[x] = true
	}
	inter := 0
	for x := range ma {
		if mb[x] {
			inter++
		}
	}
	return masiFromCounts(inter, len(ma), len(mb))
}

func masiFromCounts(inter, la, lb int) float64 {
	union := la + lb - inter
	if union == 0 {
		return 0
	}
	var m float64
	switch {
	case inter == la && inter == lb:
		return 0
	case inter == la || inter == lb:
		m = 2.0 / 3
	case inter > 0:
		m = 1.0 / 3
	default:
		return 1
	}
	return 1 - float64(inter)/float64(union)*m
}

// masiMask is MASIDistance on bit sets of w words.
func masiMask(a, b []uint64) float64 {
	inter, la, lb := 0, 0, 0
	for i := range a {
		inter += bits.OnesCount64(a[i] & b[i])
		la += bits.OnesCount64(a[i])
		lb += bits.OnesCount64(b[i])
	}
	return masiFromCounts(inter, la, lb)
}
