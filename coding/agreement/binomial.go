package agreement

import (
	"math"
	"math/rand/v2"
)

// binomial draws from Binomial(n, p) exactly: by inversion when n·min(p, 1−p) ≤ 30, else by the
// BTPE algorithm of Kachitvichyanukul, V. and Schmeiser, B. W. (1988), "Binomial random variate
// generation", Communications of the ACM 31(2):216–222, transcribed from NumPy's
// random_binomial_btpe and random_binomial_inversion (numpy/random/src/distributions).
func binomial(rng *rand.PCG, n int64, p float64) int64 {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	if p <= 0.5 {
		if p*float64(n) <= 30 {
			return binomialInversion(rng, n, p)
		}
		return binomialBTPE(rng, n, p)
	}
	q := 1 - p
	if q*float64(n) <= 30 {
		return n - binomialInversion(rng, n, q)
	}
	return n - binomialBTPE(rng, n, q)
}

// uniform01 is a uniform double in [0, 1) from the top 53 bits.
func uniform01(rng *rand.PCG) float64 {
	return float64(rng.Uint64()>>11) * 0x1p-53
}

func binomialInversion(rng *rand.PCG, n int64, p float64) int64 {
	q := 1 - p
	qn := math.Exp(float64(n) * math.Log(q))
	np := float64(n) * p
	bound := int64(math.Min(float64(n), np+10*math.Sqrt(np*q+1)))
	var x int64
	px := qn
	u := uniform01(rng)
	for u > px {
		x++
		if x > bound {
			x = 0
			px = qn
			u = uniform01(rng)
		} else {
			u -= px
			px = (float64(n-x+1) * p * px) / (float64(x) * q)
		}
	}
	return x
}

// binomialBTPE requires p ≤ 0.5 and n·p > 30.
func binomialBTPE(rng *rand.PCG, n int64, p float64) int64 {
	nf := float64(n)
	r := p
	q := 1 - r
	fm := nf*r + r
	m := int64(math.Floor(fm))
	mf := float64(m)
	p1 := math.Floor(2.195*math.Sqrt(nf*r*q)-4.6*q) + 0.5
	xm := mf + 0.5
	xl := xm - p1
	xr := xm + p1
	c := 0.134 + 20.5/(15.3+mf)
	a := (fm - xl) / (fm - xl*r)
	laml := a * (1 + a/2)
	a = (xr - fm) / (xr * q)
	lamr := a * (1 + a/2)
	p2 := p1 * (1 + 2*c)
	p3 := p2 + c/laml
	p4 := p3 + c/lamr
	nrq := nf * r * q

	for {
		// Step 10
		u := uniform01(rng) * p4
		v := uniform01(rng)
		var y int64
		if u <= p1 {
			return int64(math.Floor(xm - p1*v + u))
		}
		switch {
		case u <= p2: // Step 20: parallelogram
			x := xl + (u-p1)/c
			v = v*c + 1 - math.Abs(mf-x+0.5)/p1
			if v > 1 {
				continue
			}
			y = int64(math.Floor(x))
		case u <= p3: // Step 30: left exponential tail
			if v == 0 {
				continue
			}
			yf := math.Floor(xl + math.Log(v)/laml)
			if yf < 0 {
				continue
			}
			y = int64(yf)
			v = v * (u - p2) * laml
		default: // Step 40: right exponential tail
			if v == 0 {
				continue
			}
			yf := math.Floor(xr - math.Log(v)/lamr)
			if yf > nf {
				continue
			}
			y = int64(yf)
			v = v * (u - p3) * lamr
		}
		// Step 50: acceptance test
		k := y - m
		if k < 0 {
			k = -k
		}
		kf := float64(k)
		if !(k > 20 && kf < nrq/2-1) {
			s := r / q
			a := s * (nf + 1)
			f := 1.0
			if m < y {
				for i := m + 1; i <= y; i++ {
					f *= a/float64(i) - s
				}
			} else if m > y {
				for i := y + 1; i <= m; i++ {
					f /= a/float64(i) - s
				}
			}
			if v > f {
				continue
			}
			return y
		}
		// Step 52: squeeze with Stirling's formula
		rho := (kf / nrq) * ((kf*(kf/3+0.625)+0.16666666666666666)/nrq + 0.5)
		t := -kf * kf / (2 * nrq)
		av := math.Log(v)
		if av < t-rho {
			return y
		}
		if av > t+rho {
			continue
		}
		yf := float64(y)
		x1 := yf + 1
		f1 := mf + 1
		z := nf + 1 - mf
		w := nf - yf + 1
		x2, f2, z2, w2 := x1*x1, f1*f1, z*z, w*w
		bound := xm*math.Log(f1/x1) + (nf-mf+0.5)*math.Log(z/w) + (yf-mf)*math.Log(w*r/(x1*q)) +
			(13680.-(462.-(132.-(99.-140./f2)/f2)/f2)/f2)/f1/166320. +
			(13680.-(462.-(132.-(99.-140./z2)/z2)/z2)/z2)/z/166320. +
			(13680.-(462.-(132.-(99.-140./x2)/x2)/x2)/x2)/x1/166320. +
			(13680.-(462.-(132.-(99.-140./w2)/w2)/w2)/w2)/w/166320.
		if av > bound {
			continue
		}
		return y
	}
}
