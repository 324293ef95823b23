package agreement

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// demoCodes are the demo project's codebook.
var demoCodes = []string{"referral", "deflection", "admission", "claimed action"}

// demoLikeData is coding like the demo's: union officials' turns in phone calls, each given
// one of the four codes or none by a "true" coder, which each coder follows nine times in ten;
// claimed action is rare. The last coder skips one turn in eight (missing). With multi, one
// turn in six gets a second code.
func demoLikeData(coders []string, units int, multi bool, seed uint64) Data {
	rng := rand.New(rand.NewPCG(seed, 18))
	weights := []int{30, 30, 15, 5} // of 100; the other 20: no code
	pick := func() int {
		x := rng.IntN(100)
		for k, w := range weights {
			if x < w {
				return k
			}
			x -= w
		}
		return -1
	}
	var rows []Row
	for u := range units {
		unit := fmt.Sprintf("call%d-turn%02d", u/12+1, u%12+1)
		truth := []int{}
		if k := pick(); k >= 0 {
			truth = append(truth, k)
		}
		if multi && len(truth) == 1 && rng.IntN(6) == 0 {
			if k := pick(); k >= 0 && k != truth[0] {
				truth = append(truth, k)
			}
		}
		for ci, c := range coders {
			if ci == len(coders)-1 && rng.IntN(8) == 0 {
				continue
			}
			codes := truth
			if rng.IntN(10) == 0 {
				codes = nil
				if k := pick(); k >= 0 {
					codes = []int{k}
				}
			}
			if len(codes) == 0 {
				rows = append(rows, Row{unit, c, ""})
			}
			for _, k := range codes {
				rows = append(rows, Row{unit, c, demoCodes[k]})
			}
		}
	}
	return FromLongOrdered(rows, demoCodes)
}

// methodsNumber reads back a number the paragraph wrote: .812, 0.812, −.125, 95.0%.
func methodsNumber(t *testing.T, s string) float64 {
	t.Helper()
	x := strings.Replace(s, "−", "-", 1)
	percent := strings.HasSuffix(x, "%")
	x = strings.TrimSuffix(x, "%")
	if strings.HasPrefix(x, ".") || strings.HasPrefix(x, "-.") {
		x = strings.Replace(x, ".", "0.", 1)
	}
	v, err := strconv.ParseFloat(x, 64)
	if err != nil {
		t.Fatalf("%q is not a number the paragraph writes: %v", s, err)
	}
	if percent {
		v /= 100
	}
	return v
}

// roundedAs checks that the number written is v rounded as a paper rounds it: three decimals,
// or a percentage with one.
func roundedAs(t *testing.T, what, written string, v Value) {
	t.Helper()
	if !v.Defined {
		t.Errorf("%s: %s written for an undefined value (%s)", what, written, v.Reason)
		return
	}
	got := methodsNumber(t, written)
	// Half the last decimal written: .0005, or 0.05 percentage points.
	if math.Abs(got-v.V) > 0.0005+1e-12 {
		t.Errorf("%s: %s written, the report has %.6f", what, written, v.V)
	}
	decimals := 3
	if strings.HasSuffix(written, "%") {
		decimals = 1
	}
	if i := strings.LastIndexByte(written, '.'); i < 0 || len(strings.TrimSuffix(written[i+1:], "%")) != decimals {
		t.Errorf("%s: %s is not written with %d decimals", what, written, decimals)
	}
}

var (
	methodsFigure = regexp.MustCompile(`(α|κ|AC1|percent agreement|百分比一致性) = ([−\d.%]+) \[([−\d.%]+), ([−\d.%]+)\]`)
	methodsBoot   = regexp.MustCompile(`(?:bootstrap |自助法|拔靴法)\[([−\d.]+), ([−\d.]+)\]`)
)

// codeSentence finds the sentence of code in a paragraph in lang.
func codeSentence(t *testing.T, p, lang, code string) string {
	t.Helper()
	var start string
	switch lang {
	case "en":
		start = "For “" + code + "”, "
	case "zh-Hans":
		start = "“" + code + "”："
	default:
		start = "「" + code + "」："
	}
	i := strings.Index(p, start)
	if i < 0 {
		t.Fatalf("%s: no sentence for %q in:\n%s", lang, code, p)
	}
	s := p[i+len(start):]
	end := "."
	if lang != "en" {
		end = "。"
	}
	// The sentence ends at the first full stop outside a number.
	for j := 0; j < len(s); j++ {
		if strings.HasPrefix(s[j:], end) && (lang != "en" || j+1 == len(s) || s[j+1] == ' ') {
			return s[:j]
		}
	}
	return s
}

// checkFigures parses every figure of a sentence back and compares it with the report's.
func checkFigures(t *testing.T, what, sentence string, stats map[string][3]Value, boot *[2]Value) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range methodsFigure.FindAllStringSubmatch(sentence, -1) {
		name := m[1]
		if name == "百分比一致性" {
			name = "percent agreement"
		}
		want, ok := stats[name]
		if !ok {
			t.Errorf("%s: unexpected figure %q", what, m[0])
			continue
		}
		seen[name] = true
		roundedAs(t, what+" "+name, m[2], want[0])
		roundedAs(t, what+" "+name+" lower limit", m[3], want[1])
		roundedAs(t, what+" "+name+" upper limit", m[4], want[2])
	}
	for name, want := range stats {
		if !want[0].Defined {
			if seen[name] {
				t.Errorf("%s: %s is undefined (%s) but written as a number", what, name, want[0].Reason)
			}
			continue
		}
		if !seen[name] {
			t.Errorf("%s: no figure for %s in %q", what, name, sentence)
		}
	}
	if boot != nil {
		m := methodsBoot.FindStringSubmatch(sentence)
		if m == nil {
			t.Errorf("%s: no bootstrap interval in %q", what, sentence)
			return
		}
		roundedAs(t, what+" bootstrap lower limit", m[1], boot[0])
		roundedAs(t, what+" bootstrap upper limit", m[2], boot[1])
	}
}

// noPlaceholder fails on what a paragraph must never hold: a format's verb or error, a text's
// id, a number that is not one.
func noPlaceholder(t *testing.T, what, p string) {
	t.Helper()
	for _, bad := range []string{"%!", "%s", "%d", "%[", "%v", "NaN", "Inf", "<nil>", "{", "}", "  "} {
		if strings.Contains(p, bad) {
			t.Errorf("%s: %q in the paragraph:\n%s", what, bad, p)
		}
	}
	for id := range methodsTexts {
		if strings.Contains(id, ".") && strings.Contains(p, id) {
			t.Errorf("%s: the text id %q in the paragraph", what, id)
		}
	}
}

var methodsLangs = []string{"en", "zh-Hans", "zh-Hant"}

func TestMethodsParagraphNumbersAreTheReport(t *testing.T) {
	for _, tc := range []struct {
		name   string
		coders []string
		multi  bool
	}{
		{"two coders, multi-label", []string{"ana", "bo"}, true},
		{"three coders, single-label", []string{"ana", "bo", "chen"}, false},
	} {
		d := demoLikeData(tc.coders, 96, tc.multi, 3)
		r := Compute(d, Options{Bootstrap: true, Resamples: 200, Seed: 7})
		if r.Overall.Mode != map[bool]string{true: MultiLabel, false: SingleLabel}[tc.multi] {
			t.Fatalf("%s: the data is %s", tc.name, r.Overall.Mode)
		}
		in := MethodsInput{NameCoders: true, Blind: true, Units: 96, Scope: "whole project; turns in the coding scope",
			Codebook: "3f2a9c1b0d4e", Software: "turncoder", Version: "0.1.0 (commit 1a2b3c4)", Consensus: true}
		for _, lang := range methodsLangs {
			p := MethodsParagraph(r, in, lang)
			what := tc.name + ", " + lang
			t.Logf("%s:\n%s", what, p)
			noPlaceholder(t, what, p)
			for i := range r.PerCode {
				cr := &r.PerCode[i]
				kappa := [3]Value{cr.CohenKappa, cr.CohenKappaCI95[0], cr.CohenKappaCI95[1]}
				if len(tc.coders) > 2 {
					kappa = [3]Value{cr.CongerKappa, cr.CongerKappaCI95[0], cr.CongerKappaCI95[1]}
				}
				checkFigures(t, what+", "+cr.Code, codeSentence(t, p, lang, cr.Code), map[string][3]Value{
					"α":                 {cr.KrippendorffAlpha, cr.KrippendorffAlphaCI95[0], cr.KrippendorffAlphaCI95[1]},
					"κ":                 kappa,
					"AC1":               {cr.GwetAC1, cr.GwetAC1CI95[0], cr.GwetAC1CI95[1]},
					"percent agreement": {cr.PercentAgreement, cr.PercentAgreementCI95[0], cr.PercentAgreementCI95[1]},
				}, &cr.AlphaCI95)
			}
			overall := map[string]string{"en": "Taking the codes together as one categorical variable, ", "zh-Hans": "将所有代码合并为一个类别变量时，", "zh-Hant": "將所有代碼合併為一個類別變項時，"}[lang]
			i := strings.Index(p, overall)
			if tc.multi {
				if i >= 0 {
					t.Errorf("%s: multi-label data has overall figures", what)
				}
			} else {
				if i < 0 {
					t.Fatalf("%s: no overall figures", what)
				}
				o := &r.Overall
				s := p[i+len(overall):]
				if end := strings.Index(s, map[bool]string{true: ". ", false: "。"}[lang == "en"]); end >= 0 {
					s = s[:end]
				}
				checkFigures(t, what+", overall", s, map[string][3]Value{
					"α":                 {o.AlphaNominal, o.AlphaNominalCI95[0], o.AlphaNominalCI95[1]},
					"κ":                 {o.CongerKappa, o.CongerKappaCI95[0], o.CongerKappaCI95[1]},
					"AC1":               {o.GwetAC1, o.GwetAC1CI95[0], o.GwetAC1CI95[1]},
					"percent agreement": {o.PercentAgreement, o.PercentAgreementCI95[0], o.PercentAgreementCI95[1]},
				}, nil)
			}
			for _, want := range []string{"ana", "bo", "3f2a9c1b0d4e", "whole project; turns in the coding scope", "turncoder 0.1.0 (commit 1a2b3c4)", "irrCAC", "Gwet", "Krippendorff", "96", "200"} {
				if !strings.Contains(p, want) {
					t.Errorf("%s: no %q in the paragraph", what, want)
				}
			}
			if !strings.Contains(p, fmt.Sprint(r.Overall.Units)) {
				t.Errorf("%s: the %d units counted are not said", what, r.Overall.Units)
			}
		}
	}
}

// The English paragraph of the two coders, sentence by sentence where the data does not
// decide it: what a reviewer reads.
func TestMethodsParagraphEnglish(t *testing.T) {
	d := demoLikeData([]string{"ana", "bo"}, 96, true, 3)
	r := Compute(d, Options{Bootstrap: true, Resamples: 1000, Seed: 7})
	p := MethodsParagraph(r, MethodsInput{NameCoders: true, Blind: true, Scope: "document call 3", Codebook: "3f2a9c1b0d4e", Version: "0.1.0"}, "en")
	for _, want := range []string{
		"Two coders (ana and bo) coded 96 turns independently, each blind to the other's codes. ",
		fmt.Sprintf("Of these, %d turns were reviewed by both coders and enter the agreement figures. ", r.Overall.Units),
		"Scope of the figures: document call 3. ",
		"The figures cover four codes of the codebook (version 3f2a9c1b0d4e): referral, deflection, admission, and claimed action. ",
		Conventions()["scope"] + " ",
		"Coders could give a turn more than one code, so agreement is reported for each code. ",
		"Cohen's κ uses the turns both coders reviewed; ",
		"We report Krippendorff's α (nominal), Cohen's κ (Cohen 1960), Gwet's AC1, and percent agreement: ",
		"Intervals in brackets are 95% confidence intervals; α also has its bootstrap interval. ",
		"α's bootstrap interval resamples pairs of pairable values (Hayes and Krippendorff 2007), 1,000 resamples. ",
		"All figures were computed with turncoder 0.1.0.",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("no %q in:\n%s", want, p)
		}
	}
	if strings.Contains(p, "consensus") {
		t.Errorf("a consensus is said without one:\n%s", p)
	}
	if !strings.HasSuffix(p, "turncoder 0.1.0.") {
		t.Errorf("the paragraph ends %q", p[max(0, len(p)-40):])
	}

	// Unnamed, not blind, the units in scope, three coders.
	d3 := demoLikeData([]string{"ana", "bo", "chen"}, 50, false, 4)
	r3 := Compute(d3, Options{})
	p = MethodsParagraph(r3, MethodsInput{}, "en")
	for _, want := range []string{
		"Three coders coded 50 turns independently. ",
		"were reviewed by two or more coders",
		"Conger's κ takes each coder's chance agreement from the turns that coder reviewed (Gwet 2014); ",
		"Conger's κ (Cohen's κ generalised to more than two coders; Conger 1980), Gwet's AC1, and percent agreement",
		"No coder gave a turn more than one code, so the codes were also analysed together",
		"Intervals in brackets are 95% confidence intervals. ",
		"All figures were computed with turncoder.",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("no %q in:\n%s", want, p)
		}
	}
	for _, absent := range []string{"(ana", "blind", "bootstrap", "version"} {
		if strings.Contains(p, absent) {
			t.Errorf("%q in a paragraph that should not say it:\n%s", absent, p)
		}
	}
}

// Turns in scope that no coder reviewed were not coded: the paragraph counts the turns some
// coder reviewed (Report.Reviewed), not the scope's (Report.Units), which in a study coded in
// part would claim work nobody did.
func TestMethodsParagraphCountsTurnsCoded(t *testing.T) {
	d := demoLikeData([]string{"ana", "bo"}, 40, false, 5)
	for range 360 { // 360 turns in scope nobody opened
		d.Units = append(d.Units, fmt.Sprintf("u%d", len(d.Units)))
		d.Cells = append(d.Cells, make([]Cell, len(d.Coders)))
	}
	r := Compute(d, Options{})
	if r.Units != 400 || r.Reviewed > 40 || r.Reviewed == 0 {
		t.Fatalf("units %d, reviewed %d: want 400 in scope and at most the 40 coded", r.Units, r.Reviewed)
	}
	p := MethodsParagraph(r, MethodsInput{}, "en")
	if want := fmt.Sprintf("Two coders coded %d turns independently. ", r.Reviewed); !strings.Contains(p, want) {
		t.Errorf("no %q in:\n%s", want, p)
	}
	if strings.Contains(p, "400 turns") {
		t.Errorf("the paragraph says the coders coded the 400 turns in scope:\n%s", p)
	}
	if p := MethodsParagraph(r, MethodsInput{Units: 120}, "en"); !strings.Contains(p, "coded 120 turns") {
		t.Errorf("MethodsInput.Units is not the count said:\n%s", p)
	}
}

// A code nobody gave: α and κ are undefined, said so with the reason, in the paragraph's
// language when the caller translates the reasons, and never printed as a number.
func TestMethodsParagraphUndefined(t *testing.T) {
	var rows []Row
	for u := range 30 {
		unit := fmt.Sprintf("t%d", u)
		for _, c := range []string{"ana", "bo"} {
			code := []string{"referral", "deflection", ""}[u%3]
			if c == "bo" && u%10 == 0 {
				code = "referral"
			}
			rows = append(rows, Row{unit, c, code})
		}
	}
	r := Compute(FromLongOrdered(rows, demoCodes), Options{Bootstrap: true, Resamples: 100})
	cr := r.PerCode[3] // claimed action
	if cr.KrippendorffAlpha.Defined || cr.CohenKappa.Defined || !cr.GwetAC1.Defined {
		t.Fatalf("claimed action: α %v, κ %v, AC1 %v", cr.KrippendorffAlpha, cr.CohenKappa, cr.GwetAC1)
	}
	why := cr.CohenKappa.Reason
	p := MethodsParagraph(r, MethodsInput{}, "en")
	s := codeSentence(t, p, "en", "claimed action")
	if !strings.Contains(s, "α and κ are undefined ("+why+")") {
		t.Errorf("claimed action: %q does not say α and κ are undefined because %s", s, why)
	}
	checkFigures(t, "claimed action", s, map[string][3]Value{
		"α": {cr.KrippendorffAlpha}, "κ": {cr.CohenKappa},
		"AC1":               {cr.GwetAC1, cr.GwetAC1CI95[0], cr.GwetAC1CI95[1]},
		"percent agreement": {cr.PercentAgreement, cr.PercentAgreementCI95[0], cr.PercentAgreementCI95[1]},
	}, nil)

	translated := map[string]string{why: "没有变异", cr.AlphaCI95[0].Reason: "α无定义"}
	in := MethodsInput{Reason: func(r string) string {
		if s, ok := translated[r]; ok {
			return s
		}
		return "（未翻译）" + r
	}}
	zh := MethodsParagraph(r, in, "zh-Hans")
	noPlaceholder(t, "undefined, zh-Hans", zh)
	if s := codeSentence(t, zh, "zh-Hans", "claimed action"); !strings.Contains(s, "α和κ无定义（没有变异）") {
		t.Errorf("zh-Hans: %q does not say α and κ are undefined with the translated reason", s)
	}
	if strings.Contains(zh, "未翻译") {
		t.Errorf("zh-Hans asked for a reason it should not need:\n%s", zh)
	}
	if s := codeSentence(t, MethodsParagraph(r, MethodsInput{}, "zh-Hans"), "zh-Hans", "claimed action"); !strings.Contains(s, "无定义（"+why+"）") {
		t.Errorf("zh-Hans without a translator: %q does not give the engine's reason", s)
	}
}

// The Chinese paragraphs hold no English but the names (coders, codes, authors, software,
// statistics), and Traditional holds no Simplified character.
func TestMethodsParagraphChinese(t *testing.T) {
	d := demoLikeData([]string{"ana", "bo", "chen"}, 96, false, 5)
	r := Compute(d, Options{Bootstrap: true, Resamples: 100})
	allowed := map[string]bool{"ana": true, "bo": true, "chen": true, "referral": true, "deflection": true, "admission": true,
		"claimed": true, "action": true, "Krippendorff": true, "Cohen": true, "Conger": true, "Gwet": true, "AC1": true,
		"Hayes": true, "irrCAC": true, "R": true, "t": true, "n": true, "turncoder": true, "commit": true, "a1b2c3": true, "abc123def456": true}
	word := regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
	for _, lang := range []string{"zh-Hans", "zh-Hant", "zh-CN", "zh-TW"} {
		p := MethodsParagraph(r, MethodsInput{NameCoders: true, Blind: true, Codebook: "abc123def456", Version: "0.1.0 (commit a1b2c3)", Consensus: true, Scope: "整个项目"}, lang)
		noPlaceholder(t, lang, p)
		for _, w := range word.FindAllString(p, -1) {
			if !allowed[w] {
				t.Errorf("%s: English word %q in:\n%s", lang, w, p)
			}
		}
		simplified, traditional := "编码员话轮区间审阅数值", "編碼員話輪區間審閱數值"
		own, other := simplified, traditional
		if lang == "zh-Hant" || lang == "zh-TW" {
			own, other = traditional, simplified
		}
		if !strings.ContainsAny(p, own) {
			t.Errorf("%s: none of %s in:\n%s", lang, own, p)
		}
		for _, c := range other {
			if strings.ContainsRune(p, c) && !strings.ContainsRune(own, c) {
				t.Errorf("%s: %c, of the other script, in:\n%s", lang, c, p)
			}
		}
		if strings.Contains(p, " 个") || strings.Contains(p, " 個") {
			t.Errorf("%s: a space before a measure word in:\n%s", lang, p)
		}
	}
	if MethodsParagraph(r, MethodsInput{}, "zh-TW") != MethodsParagraph(r, MethodsInput{}, "zh-Hant") {
		t.Error("zh-TW is not Traditional Chinese")
	}
	if MethodsParagraph(r, MethodsInput{}, "fr") != MethodsParagraph(r, MethodsInput{}, "en") {
		t.Error("a language the paragraph does not have is not English")
	}
}

func TestMethodsParagraphManyCodes(t *testing.T) {
	codes := make([]string, MethodsMaxCodes+3)
	for i := range codes {
		codes[i] = fmt.Sprintf("c%02d", i)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var rows []Row
	for u := range 200 {
		truth := codes[rng.IntN(len(codes)-1)] // the last code is never given
		for _, c := range []string{"ana", "bo"} {
			code := truth
			if rng.IntN(5) == 0 {
				code = codes[rng.IntN(len(codes)-1)]
			}
			rows = append(rows, Row{fmt.Sprint(u), c, code})
		}
	}
	r := Compute(FromLongOrdered(rows, codes), Options{})
	for _, lang := range methodsLangs {
		p := MethodsParagraph(r, MethodsInput{}, lang)
		noPlaceholder(t, lang, p)
		if strings.Contains(p, "c00”,") || strings.Contains(p, "c00”：") || strings.Contains(p, "c00」：") {
			t.Errorf("%s: the codes one by one past %d codes:\n%s", lang, MethodsMaxCodes, p)
		}
		if lang != "en" {
			continue
		}
		// "Across the 15 codes, κ ranged from .512 (“c03”) to .930 (“c07”)": the lowest and
		// highest of the report's.
		re := regexp.MustCompile(`Across the (\d+) codes, (α|κ|AC1|percent agreement) ranged from ([−\d.%]+) \(“(c\d+)”\) to ([−\d.%]+) \(“(c\d+)”\); it is undefined for one code \(([^)]*)\)\.`)
		ms := re.FindAllStringSubmatch(p, -1)
		if len(ms) != 2 { // α and κ: the unused code has no variation; AC1 and agreement are 1
			t.Fatalf("%d ranges with an undefined code, want 2 (α and κ), in:\n%s", len(ms), p)
		}
		for _, m := range ms {
			if m[1] != strconv.Itoa(len(codes)) {
				t.Errorf("%d codes said", len(codes))
			}
			get := func(cr CodeResult) Value {
				if m[2] == "α" {
					return cr.KrippendorffAlpha
				}
				return cr.CohenKappa
			}
			lo, hi := -1, -1
			for i, cr := range r.PerCode {
				v := get(cr)
				if !v.Defined {
					if m[7] != v.Reason {
						t.Errorf("%s undefined for %q: %q said, %q the report's", m[2], cr.Code, m[7], v.Reason)
					}
					continue
				}
				if lo < 0 || v.V < get(r.PerCode[lo]).V {
					lo = i
				}
				if hi < 0 || v.V > get(r.PerCode[hi]).V {
					hi = i
				}
			}
			if m[4] != r.PerCode[lo].Code || m[6] != r.PerCode[hi].Code {
				t.Errorf("%s: lowest %s, highest %s; the report's %s, %s", m[2], m[4], m[6], r.PerCode[lo].Code, r.PerCode[hi].Code)
			}
			roundedAs(t, m[2]+" lowest", m[3], get(r.PerCode[lo]))
			roundedAs(t, m[2]+" highest", m[5], get(r.PerCode[hi]))
		}
		if !strings.Contains(p, "The figures cover 15 codes of the codebook.") || !strings.Contains(p, "The figures of every code, with their intervals, are in the per-code table.") {
			t.Errorf("the codes are not counted or the table not named:\n%s", p)
		}
	}
}

func TestMethodsParagraphNoAgreement(t *testing.T) {
	one := Compute(FromLongOrdered([]Row{{"t1", "ana", "referral"}, {"t2", "ana", ""}}, demoCodes), Options{})
	for _, lang := range methodsLangs {
		p := MethodsParagraph(one, MethodsInput{NameCoders: true}, lang)
		noPlaceholder(t, lang, p)
		if strings.Contains(p, " = ") {
			t.Errorf("%s: a figure for one coder:\n%s", lang, p)
		}
		if lang == "en" {
			want := "One coder (ana) coded 2 turns. The figures cover four codes of the codebook: referral, deflection, admission, and claimed action. " +
				"Agreement cannot be computed: agreement needs two or more coders; the data has one. All figures were computed with turncoder."
			if p != want {
				t.Errorf("one coder:\n%s\nwant\n%s", p, want)
			}
		}
	}
	apart := Compute(FromLongOrdered([]Row{{"t1", "ana", "referral"}, {"t2", "bo", ""}}, demoCodes), Options{})
	p := MethodsParagraph(apart, MethodsInput{}, "en")
	if want := "Of these, 0 turns were reviewed by both coders and enter the agreement figures. The figures cover four codes of the codebook: referral, deflection, admission, and claimed action. " +
		"Agreement cannot be computed: " + apart.PerCode[0].PercentAgreement.Reason + "."; !strings.Contains(p, want) || strings.Contains(p, " = ") {
		t.Errorf("no unit in common:\n%s\nwant in it\n%s", p, want)
	}
	none := Compute(FromLong([]Row{{"t1", "ana", ""}, {"t1", "bo", ""}}), Options{})
	p = MethodsParagraph(none, MethodsInput{}, "en")
	if !strings.Contains(p, "No code is in scope, so there is no agreement to report.") || strings.Contains(p, " = ") {
		t.Errorf("no codes:\n%s", p)
	}
}

func TestMethodsNumbers(t *testing.T) {
	en, zh := methodsWriter{l: methodsEn}, methodsWriter{l: methodsHans}
	for _, tc := range []struct {
		w       methodsWriter
		v       float64
		percent bool
		want    string
	}{
		{en, 0.81249, false, ".812"},
		{en, 0.8125001, false, ".813"},
		{en, -0.1254, false, "−.125"},
		{en, -0.0001, false, ".000"},
		{en, 1, false, "1.000"},
		{en, 0.95, true, "95.0%"},
		{en, 1, true, "100.0%"},
		{zh, 0.812, false, "0.812"},
		{zh, -0.5, false, "−0.500"},
		{zh, 0.9876, true, "98.8%"},
	} {
		if got := tc.w.number(tc.v, tc.percent); got != tc.want {
			t.Errorf("number(%v, %v) in %d = %q, want %q", tc.v, tc.percent, tc.w.l, got, tc.want)
		}
	}
	if got := en.count(12345); got != "12,345" {
		t.Errorf("count 12345 = %q", got)
	}
	if got := zh.count(12345); got != "12345" {
		t.Errorf("Chinese count 12345 = %q", got)
	}
}

// The paragraph's English statement of how missing data and "reviewed, no code" are treated is
// the engine's convention; its Chinese translates that sentence, so a change of the engine's
// must reach the translation.
func TestMethodsConventionIsTheEngines(t *testing.T) {
	if got, want := methodsTexts["conv.scope"][methodsEn], Conventions()["scope"]; got != want {
		t.Errorf("conv.scope translates %q; the engine now says %q", got, want)
	}
}

func TestMethodsTextsAreComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d\])?[dsqv]`)
	for id, tr := range methodsTexts {
		for l, s := range tr {
			if s == "" && id != "sentence" {
				t.Errorf("%s: no text in language %d", id, l)
			}
		}
		n := len(verbs.FindAllString(tr[0], -1))
		for l := 1; l < 3; l++ {
			if got := len(verbs.FindAllString(tr[l], -1)); got != n {
				t.Errorf("%s: %d values in language %d, %d in English", id, got, l, n)
			}
		}
	}
	// Every id the writer uses is in the table.
	b, err := os.ReadFile("methods.go")
	if err != nil {
		t.Fatal(err)
	}
	methodsSource := string(b)
	src := regexp.MustCompile(`\b(?:say|t|f)\("([a-zA-Z0-9.]+)"`)
	ids := map[string]bool{}
	for _, m := range src.FindAllStringSubmatch(methodsSource, -1) {
		ids[m[1]] = true
	}
	if len(ids) < 30 {
		t.Fatalf("only %d ids found in methods.go", len(ids))
	}
	for id := range ids {
		if _, ok := methodsTexts[id]; !ok {
			t.Errorf("methods.go uses %q, which has no text", id)
		}
	}
	for id := range methodsTexts {
		if !ids[id] && !slices.Contains([]string{"list.sep", "list.and", "list.last", "conv.scope", "range.end"}, id) && !strings.Contains(methodsSource, `"`+id+`"`) {
			t.Errorf("the text %q is never used", id)
		}
	}
}
