package agreement

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// inCI is true when the test runs in continuous integration, where a missing Python or module
// is a failure, not a reason to skip.
func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// findPython returns a Python 3 that can import nltk and statsmodels. Debian's packages
// (python3-nltk, python3-statsmodels) live in /usr/bin/python3's path, which is tried first:
// a pyenv or virtualenv python3 earlier on PATH may lack them.
func findPython(tb testing.TB) string {
	tb.Helper()
	for _, cand := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(cand)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import nltk, statsmodels").Run() == nil {
			return path
		}
	}
	msg := "no python3 with the nltk and statsmodels modules (Debian: apt-get install python3-nltk python3-statsmodels)"
	if inCI() {
		tb.Fatal(msg + "; CI must have them")
	}
	tb.Skip(msg)
	return ""
}

// genSpec describes a random reliability data set.
type genSpec struct {
	name    string
	units   int
	coders  int
	codes   int
	missing float64 // chance a coder did not review a unit
	multi   bool    // code sets rather than one code or none
	seed    uint64
}

// generate makes long rows: coders agree with a latent "true" coding most of the time, so the
// coefficients land in a realistic range rather than near zero.
func generate(s genSpec) []Row {
	rng := rand.New(rand.NewPCG(s.seed, 0xa9ee))
	codes := make([]string, s.codes)
	for i := range codes {
		codes[i] = fmt.Sprintf("c%d", i+1)
	}
	var rows []Row
	for u := range s.units {
		unit := fmt.Sprintf("u%04d", u)
		// The latent coding: one code or none, or a set.
		truth := map[int]bool{}
		if s.multi {
			for k := range s.codes {
				if rng.Float64() < 0.3 {
					truth[k] = true
				}
			}
		} else if x := rng.IntN(s.codes + 1); x < s.codes {
			truth[x] = true
		}
		reviewers := 0
		for c := range s.coders {
			if rng.Float64() < s.missing && !(c == s.coders-1 && reviewers < 1) {
				continue
			}
			reviewers++
			got := map[int]bool{}
			switch {
			case s.multi:
				for k := range s.codes {
					if truth[k] != (rng.Float64() < 0.15) {
						got[k] = true
					}
				}
			case rng.Float64() < 0.7:
				for k := range truth {
					got[k] = true
				}
			default:
				if x := rng.IntN(s.codes + 1); x < s.codes {
					got[x] = true
				}
			}
			coder := fmt.Sprintf("coder%d", c+1)
			if len(got) == 0 {
				rows = append(rows, Row{unit, coder, ""})
			}
			for k := range s.codes {
				if got[k] {
					rows = append(rows, Row{unit, coder, codes[k]})
				}
			}
		}
	}
	return rows
}

func writeLongCSV(path string, rows []Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"unit", "coder", "code"})
	for _, r := range rows {
		w.Write([]string{r.Unit, r.Coder, r.Code})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

type pyStats struct {
	NLTKAlpha      *float64 `json:"nltk_alpha"`
	NLTKKappa      *float64 `json:"nltk_kappa"`
	NLTKMultiKappa *float64 `json:"nltk_multi_kappa"`
	NLTKPi         *float64 `json:"nltk_pi"`
	NLTKS          *float64 `json:"nltk_S"`
	SMFleiss       *float64 `json:"sm_fleiss"`
	SMRandolph     *float64 `json:"sm_randolph"`
	SMCohen        *float64 `json:"sm_cohen"`
	SMCohenSE      *float64 `json:"sm_cohen_se"`
}

type pyReport struct {
	Units       int                `json:"units"`
	Coders      []string           `json:"coders"`
	Complete    bool               `json:"complete"`
	SingleLabel bool               `json:"single_label"`
	PerCode     map[string]pyStats `json:"per_code"`
	Overall     *pyStats           `json:"overall"`
	MASIAlpha   *float64           `json:"masi_alpha"`
}

// runCrosscheck runs testdata/crosscheck.py on the CSV files, in one Python process.
func runCrosscheck(tb testing.TB, python string, csvPaths ...string) []pyReport {
	tb.Helper()
	args := append([]string{filepath.Join("testdata", "crosscheck.py")}, csvPaths...)
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			tb.Fatalf("crosscheck.py: %v\n%s", err, ee.Stderr)
		}
		tb.Fatalf("crosscheck.py: %v", err)
	}
	var reps []pyReport
	if len(csvPaths) == 1 {
		reps = make([]pyReport, 1)
		err = json.Unmarshal(out, &reps[0])
	} else {
		err = json.Unmarshal(out, &reps)
	}
	if err != nil || len(reps) != len(csvPaths) {
		tb.Fatalf("crosscheck.py output (%v):\n%s", err, out)
	}
	return reps
}

const crossTol = 1e-9

// TestCrossCheckPython compares the package with NLTK's AnnotationTask and statsmodels on
// seeded random data sets, like with like:
//
//   - Krippendorff's α (per code, binary; overall, nominal; MASI over code sets) with NLTK's
//     alpha on every data set, missing data included: both use only pairable values. NLTK
//     returns 1 when a single label occurs in the whole data set, where α is undefined (0/0);
//     that case is accepted as such.
//   - Cohen's κ, Scott's π, Fleiss' κ and Brennan–Prediger only on complete data (every coder
//     reviewed every unit): NLTK's kappa and pi divide by all items and statsmodels' tables need
//     the same number of ratings per unit. Two coders: κ = NLTK kappa = NLTK multi_kappa =
//     statsmodels cohens_kappa; π = NLTK pi; Fleiss' κ = statsmodels fleiss_kappa (Scott's π).
//     Three coders: the mean pairwise κ = NLTK kappa (NLTK's own average of pairwise Cohen's
//     κ); Fleiss' κ = NLTK pi (multi-π) = statsmodels fleiss_kappa; NLTK's multi_kappa (Davies
//     and Fleiss 1982) is a different coefficient and is not compared.
//   - Brennan–Prediger = statsmodels' Randolph free-marginal κ (q = number of columns); NLTK's
//     S uses the number of labels used, so it is compared only when every category is used.
//   - Cohen's κ's standard error (irrCAC's kappa2.table, Gwet 2014) = statsmodels'
//     cohens_kappa std_kappa (Fleiss, Cohen and Everitt 1969), two coders, complete data.
func TestCrossCheckPython(t *testing.T) {
	python := findPython(t)
	specs := []genSpec{
		{"two coders, single-label, complete", 150, 2, 4, 0, false, 1},
		{"three coders, single-label, complete", 150, 3, 4, 0, false, 2},
		{"two coders, single-label, missing", 150, 2, 4, 0.2, false, 3},
		{"three coders, single-label, missing", 150, 3, 5, 0.3, false, 4},
		{"two coders, multi-label, complete", 120, 2, 4, 0, true, 5},
		{"three coders, multi-label, complete", 120, 3, 4, 0, true, 6},
		{"three coders, multi-label, missing", 120, 3, 5, 0.3, true, 7},
		{"four coders, multi-label, missing", 100, 4, 3, 0.35, true, 8},
	}
	dir := t.TempDir()
	var paths []string
	for i, spec := range specs {
		path := filepath.Join(dir, "data"+strconv.Itoa(i)+".csv")
		if err := writeLongCSV(path, generate(spec)); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	pys := runCrosscheck(t, python, paths...)
	compared, bothDefined := 0, 0
	for i, spec := range specs {
		t.Run(spec.name, func(t *testing.T) {
			rows := generate(spec)
			py := pys[i]
			d := FromLong(rows)
			rep := Compute(d, Options{})
			complete := spec.missing == 0
			if py.Complete != complete || py.SingleLabel == spec.multi {
				t.Fatalf("python sees complete=%v single=%v", py.Complete, py.SingleLabel)
			}
			cmp := func(what string, ours Value, theirs *float64) {
				t.Helper()
				compared++
				if ours.Defined && theirs != nil {
					bothDefined++
				}
				switch {
				case theirs == nil && !ours.Defined:
				case theirs == nil:
					t.Errorf("%s: ours %v, python undefined", what, ours.V)
				case !ours.Defined:
					t.Errorf("%s: ours undefined (%s), python %v", what, ours.Reason, *theirs)
				case math.Abs(ours.V-*theirs) > crossTol:
					t.Errorf("%s: ours %.15f, python %.15f (diff %.3g)", what, ours.V, *theirs, ours.V-*theirs)
				}
			}
			alpha := func(what string, ours Value, theirs *float64, oneLabel bool) {
				t.Helper()
				if !ours.Defined && oneLabel && theirs != nil && *theirs == 1 {
					return // NLTK's convention for a single label; α is 0/0
				}
				cmp(what, ours, theirs)
			}
			cmpCoefficients := func(scope string, ours func() (kappa, pi, fleiss, bp, kappaSE Value), py pyStats, allCategoriesUsed bool) {
				kappa, pi, fleiss, bp, kappaSE := ours()
				if !complete {
					return
				}
				if spec.coders == 2 {
					cmp(scope+" Cohen's κ SE vs statsmodels std_kappa", kappaSE, py.SMCohenSE)
				}
				cmp(scope+" Cohen's κ vs NLTK kappa", kappa, py.NLTKKappa)
				cmp(scope+" Fleiss' κ vs statsmodels", fleiss, py.SMFleiss)
				if allCategoriesUsed {
					cmp(scope+" Brennan–Prediger vs statsmodels Randolph", bp, py.SMRandolph)
					cmp(scope+" Brennan–Prediger vs NLTK S", bp, py.NLTKS)
				}
				if spec.coders == 2 {
					cmp(scope+" Cohen's κ vs statsmodels", kappa, py.SMCohen)
					cmp(scope+" Cohen's κ vs NLTK multi_kappa", kappa, py.NLTKMultiKappa)
					cmp(scope+" Scott's π vs NLTK pi", pi, py.NLTKPi)
				} else {
					cmp(scope+" Fleiss' κ vs NLTK pi", fleiss, py.NLTKPi)
				}
			}
			for _, cr := range rep.PerCode {
				ps, ok := py.PerCode[cr.Code]
				if !ok {
					t.Fatalf("python has no code %q", cr.Code)
				}
				given := 0 // ratings "present" anywhere, reviewed by one coder or more
				for _, r := range rows {
					if r.Code == cr.Code {
						given++
					}
				}
				reviewedCells := 0
				for u := range d.Cells {
					for _, c := range d.Cells[u] {
						if c.Reviewed {
							reviewedCells++
						}
					}
				}
				oneLabel := given == 0 || given == reviewedCells
				alpha("code "+cr.Code+" α vs NLTK alpha", cr.KrippendorffAlpha, ps.NLTKAlpha, oneLabel)
				cmpCoefficients("code "+cr.Code, func() (Value, Value, Value, Value, Value) {
					return cr.CohenKappa, cr.ScottPi, cr.FleissKappa, cr.BrennanPrediger, cr.CohenKappaSE
				}, ps, !oneLabel)
			}
			if !spec.multi {
				o := rep.Overall
				if py.Overall == nil {
					t.Fatal("python gave no overall figures for single-label data")
				}
				q := len(d.Codes)
				if len(o.Confusion) > 0 {
					q = len(o.Confusion[0].Categories)
				}
				alpha("overall nominal α vs NLTK alpha", o.AlphaNominal, py.Overall.NLTKAlpha, q < 2)
				cmpCoefficients("overall", func() (Value, Value, Value, Value, Value) {
					return o.CohenKappa, o.ScottPi, o.FleissKappa, o.BrennanPrediger, o.CohenKappaSE
				}, *py.Overall, true)
			}
			alpha("MASI α vs NLTK alpha with MASI distance", rep.Overall.AlphaMASI, py.MASIAlpha, false)
		})
	}
	t.Logf("%d figures compared with NLTK/statsmodels to %g, %d of them defined on both sides", compared, crossTol, bothDefined)
	if bothDefined < compared*9/10 {
		t.Errorf("only %d of %d comparisons had numbers on both sides", bothDefined, compared)
	}
}
