package agreement

import "fmt"

// checkTable validates a square contingency table and returns its size and total.
func checkTable(t [][]int) (q int, n int64, err error) {
	q = len(t)
	for i, row := range t {
		if len(row) != q {
			return 0, 0, fmt.Errorf("row %d has %d cells; the table must be %d×%d", i, len(row), q, q)
		}
		for _, v := range row {
			if v < 0 {
				return 0, 0, fmt.Errorf("row %d has a negative count", i)
			}
			n += int64(v)
		}
	}
	return q, n, nil
}

// CohenKappa is Cohen's κ for two coders (Cohen, J. 1960, "A coefficient of agreement for
// nominal scales", Educational and Psychological Measurement 20(1):37–46) from their q×q
// contingency table t[a][b] = units coder 1 put in category a and coder 2 in category b, over
// the units both coders reviewed:
//
//	κ = (p_o − p_e)/(1 − p_e),  p_o = Σ_a t_aa/n,  p_e = Σ_a (row_a/n)(col_a/n)
//
// computed exactly in integers as (n·Σ t_aa − Σ row_a·col_a)/(n² − Σ row_a·col_a). Undefined
// when the table is empty or p_e = 1 (both coders put every unit in the same single category).
func CohenKappa(t [][]int) Value {
	q, n, err := checkTable(t)
	if err != nil {
		return undefined("invalid table: " + err.Error())
	}
	if n == 0 {
		return undefined("the two coders reviewed no unit in common")
	}
	var diag, chance int64
	for a := range q {
		var row, col int64
		for b := range q {
			row += int64(t[a][b])
			col += int64(t[b][a])
		}
		diag += int64(t[a][a])
		chance += row * col
	}
	den := n*n - chance
	if den == 0 {
		return undefined(reasonNoVariation)
	}
	return defined(float64(n*diag-chance) / float64(den))
}

// ScottPi is Scott's π for two coders (Scott, W. A. 1955, "Reliability of content analysis:
// the case of nominal scale coding", Public Opinion Quarterly 19(3):321–325) from their q×q
// contingency table over the units both reviewed: chance agreement uses the pooled
// distribution of both coders' ratings,
//
//	π = (p_o − p_e)/(1 − p_e),  p_e = Σ_a ((row_a + col_a)/(2n))²
//
// computed exactly in integers as (4n·Σ t_aa − Σ (row_a+col_a)²)/(4n² − Σ (row_a+col_a)²).
// Undefined when the table is empty or every rating is in one category.
func ScottPi(t [][]int) Value {
	q, n, err := checkTable(t)
	if err != nil {
		return undefined("invalid table: " + err.Error())
	}
	if n == 0 {
		return undefined("the two coders reviewed no unit in common")
	}
	var diag, chance int64
	for a := range q {
		var m int64
		for b := range q {
			m += int64(t[a][b]) + int64(t[b][a])
		}
		diag += int64(t[a][a])
		chance += m * m
	}
	den := 4*n*n - chance
	if den == 0 {
		return undefined(reasonNoVariation)
	}
	return defined(float64(4*n*diag-chance) / float64(den))
}

// TableAgreement is the share of units on the diagonal of a contingency table: the two
// coders' percent agreement (as a proportion) over the units both reviewed.
func TableAgreement(t [][]int) Value {
	q, n, err := checkTable(t)
	if err != nil {
		return undefined("invalid table: " + err.Error())
	}
	if n == 0 {
		return undefined("the two coders reviewed no unit in common")
	}
	var diag int64
	for a := range q {
		diag += int64(t[a][a])
	}
	return defined(float64(diag) / float64(n))
}
