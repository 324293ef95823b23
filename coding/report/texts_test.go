package report

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/xuri/excelize/v2"
)

// --- The table of texts ---

// sources are the package's Go files other than tests, by name.
func sources(t *testing.T) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	if len(out) < 8 {
		t.Fatalf("only %d sources", len(out))
	}
	return out
}

// Every text id the sources name is in the table, and every text of the table is used: by its
// id, or by the key it is made of (a convention's, a reason the engine gives).
func TestEveryTextIDIsDefined(t *testing.T) {
	idLit := regexp.MustCompile(`"([a-z][A-Za-z]*(?:\.[A-Za-z_]+)?)"`)
	used := map[string]bool{}
	for name, b := range sources(t) {
		for _, m := range idLit.FindAllStringSubmatch(string(b), -1) {
			id := m[1]
			if _, ok := texts[id]; ok {
				used[id] = true
				continue
			}
			group, _, dotted := strings.Cut(id, ".")
			if !dotted {
				continue
			}
			for known := range texts {
				if strings.HasPrefix(known, group+".") {
					t.Errorf("%s names the text %q, which the table does not have", name, id)
					break
				}
			}
		}
	}
	need := func(what, id string) {
		if _, ok := texts[id]; !ok {
			t.Errorf("%s has no text %s", what, id)
		}
		used[id] = true
	}
	for _, k := range agreement.ConventionKeys {
		need("the convention "+k, "conv."+k)
		need("the convention "+k, "plain."+k)
	}
	for _, k := range agreement.GeneralConventionKeys {
		need("the convention "+k, topics[k])
	}
	for _, s := range agreement.Statistics() {
		need("the statistic "+s.Key, "stat."+s.Key)
		need("the statistic "+s.Key, "plain."+s.Key)
		if s.TitleMany != "" {
			need("the statistic "+s.Key, "statMany."+s.Key)
		}
		if _, ok := texts["noteStat."+s.Key]; ok {
			used["noteStat."+s.Key] = true
		}
	}
	for id := range texts {
		if strings.HasPrefix(id, "reason.") {
			used[id] = true // TestReasonsAreTheEngines
		}
		if !used[id] {
			t.Errorf("the text %q is not used", id)
		}
	}
}

// Each text has its three languages; a format takes the same values in each; a Chinese text
// is written in its own script (a mix of the two is a slip of the input method).
func TestTranslationsAreComplete(t *testing.T) {
	verbsOf := func(s string) string {
		var out []string
		for _, v := range regexp.MustCompile(`%%|%[a-z]`).FindAllString(s, -1) {
			switch v {
			case "%%":
			case "%q":
				out = append(out, "%s") // a quoted name: “%s” in Chinese
			default:
				out = append(out, v)
			}
		}
		return strings.Join(out, " ")
	}
	// Characters that differ between the scripts, simplified then traditional.
	const simplified = "这们个数编码员说话轮单审阅识计类变设对为与时间区选项显统录评价无总频档节导标签义纳准颜键级层终给赋该内错误样种据库读写请见图题页围专项汇盖应进过还两当"
	const traditional = "這們個數編碼員說話輪單審閱識計類變設對為與時間區選項顯統錄評價無總頻檔節導標籤義納準顏鍵級層終給賦該內錯誤樣種據庫讀寫請見圖題頁圍專項匯蓋應進過還兩當"
	if len([]rune(simplified)) != len([]rune(traditional)) {
		t.Fatal("the script pairs are not pairs")
	}
	pairs := map[rune]rune{}
	trad, simp := []rune(traditional), []rune(simplified)
	for i, r := range simp {
		if r != trad[i] {
			pairs[r] = trad[i]
		}
	}
	mayBeEmpty := map[string]bool{"sep.sentence": true} // Chinese puts no space between sentences
	for id, tr := range texts {
		for i, s := range tr {
			if s == "" && !(i > 0 && mayBeEmpty[id]) {
				t.Errorf("%s has no %s text", id, Languages[i])
			}
		}
		if a, b, c := verbsOf(tr[en]), verbsOf(tr[hans]), verbsOf(tr[hant]); a != b || a != c {
			t.Errorf("%s: the languages take different values: %q, %q, %q", id, a, b, c)
		}
		for _, r := range tr[hans] {
			if _, ok := pairs[r]; !ok && strings.ContainsRune(traditional, r) && !strings.ContainsRune(simplified, r) {
				t.Errorf("%s: the Simplified text has the traditional %c: %s", id, r, tr[hans])
			}
		}
		for _, r := range tr[hant] {
			if _, ok := pairs[r]; ok {
				t.Errorf("%s: the Traditional text has the simplified %c: %s", id, r, tr[hant])
			}
		}
		if i := id; strings.HasPrefix(i, "col.") || strings.HasPrefix(i, "summary.") {
			if tr[hans] == tr[en] || tr[hant] == tr[en] {
				t.Errorf("%s is not translated", id)
			}
		}
	}
}

// The statistics' texts are the table of statistics' in English: its titles, its names in the
// notes, its explanations (and the general conventions'), so that each translation is of the
// words the engine has.
func TestStatisticsAreTheTable(t *testing.T) {
	for _, s := range agreement.Statistics() {
		if got := en.statTitle(s, 2); got != s.Title {
			t.Errorf("%s: the title %q, the table's %q", s.Key, got, s.Title)
		}
		if got := en.statTitle(s, 3); s.TitleMany != "" && got != s.TitleMany {
			t.Errorf("%s: the title for many coders %q, the table's %q", s.Key, got, s.TitleMany)
		}
		if got := en.statName(s); got != s.Name {
			t.Errorf("%s: the name %q, the table's %q", s.Key, got, s.Name)
		}
		if got := texts["noteStat."+s.Key][en]; got == s.Title {
			t.Errorf("%s: noteStat.%s is its title, needlessly", s.Key, s.Key)
		}
		if got := en.t("plain." + s.Key); got != s.Explanation {
			t.Errorf("%s: the explanation changed in the engine: translate it again.\nthe engine: %q\nthe table:  %q", s.Key, s.Explanation, got)
		}
	}
	for _, k := range agreement.GeneralConventionKeys {
		if got := en.t("plain." + k); got != agreement.Explanation(k) {
			t.Errorf("%s: the explanation changed in the engine: translate it again.\nthe engine: %q\nthe table:  %q", k, agreement.Explanation(k), got)
		}
	}
}

// The English of the engine's sentences is the engine's, so that each translation is of the
// sentence the engine writes.
func TestConventionsAreTheEngines(t *testing.T) {
	conv := agreement.Conventions()
	for _, k := range agreement.ConventionKeys {
		if got := texts["conv."+k][en]; got != conv[k] {
			t.Errorf("the convention %q changed in the engine: translate it again.\nthe engine: %q\nthe table:  %q", k, conv[k], got)
		}
	}
	if en.t("noCode") != agreement.NoCodeCategory {
		t.Errorf("no code: %q, the engine %q", en.t("noCode"), agreement.NoCodeCategory)
	}
	if en.mode(agreement.SingleLabel) != agreement.SingleLabel || en.mode(agreement.MultiLabel) != agreement.MultiLabel {
		t.Error("the modes in English are not the engine's")
	}
	for _, r := range coding.Roles {
		if _, ok := roleIDs[r]; !ok || en.role(r) != string(r) {
			t.Errorf("the role %q is %q in English", r, en.role(r))
		}
	}
	if en.t("consensusLayer") != ConsensusColumn {
		t.Errorf("the consensus columns: %q, matrix.csv's %q", en.t("consensusLayer"), ConsensusColumn)
	}
}

// --- The engine's notes and reasons ---

// reports are agreement reports of data that gives every note and every reason the engine has
// for data: bootstrap or not, one coder or none, more coders than the pairwise figures are
// computed for, more categories than the confusion tables take, pairs that share no unit,
// numeric codes (two with one value), one category, more code sets than the MASI α compares.
func reports(t *testing.T) map[string]agreement.Report {
	t.Helper()
	out := map[string]agreement.Report{}
	add := func(name string, d coding.Reliability, opt agreement.Options) {
		out[name] = agreement.Compute(agreement.FromReliability(d), opt)
	}
	boot := agreement.Options{Bootstrap: true, Resamples: 50, Seed: 3}
	out["fixture"] = fixture(t).Agreement
	out["multi"] = multiFixture(t).Agreement
	r := rand.New(rand.NewPCG(17, 2))
	for i := range 40 {
		opt := agreement.Options{}
		if i%2 == 0 {
			opt = boot
		}
		add(fmt.Sprint("random ", i), randomData(r), opt)
	}
	single := func(coders, codes, units int, reviews func(u, j int) bool) coding.Reliability {
		var d coding.Reliability
		for j := range coders {
			d.Coders = append(d.Coders, fmt.Sprintf("coder %d", j))
		}
		for k := range codes {
			d.Codes = append(d.Codes, coding.Code{ID: fmt.Sprint("c", k), Name: strconv.Itoa(k + 1), Position: k})
		}
		for u := range units {
			id := fmt.Sprint("t", u)
			d.Units = append(d.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "访谈", Number: u + 1})
			for j, c := range d.Coders {
				if reviews(u, j) {
					d.Judgements = append(d.Judgements, coding.Judgement{Unit: id, Coder: c, Code: d.Codes[(u*7+j*(u%3))%codes].Name})
				}
			}
		}
		return d
	}
	all := func(int, int) bool { return true }
	add("one coder", single(1, 3, 10, all), boot)
	add("no coders", single(0, 3, 10, all), agreement.Options{})
	add("eleven coders", single(11, 3, 20, all), agreement.Options{})
	add("1,200 codes", single(3, 1200, 40, all), agreement.Options{})
	add("no unit in common", single(3, 2, 9, func(u, j int) bool { return u%3 == j }), agreement.Options{})
	add("one code", single(2, 1, 10, all), boot)
	numeric := single(2, 3, 10, all) // codes 1, 2, 3
	add("numeric codes", numeric, boot)
	numeric.Units = append(numeric.Units, coding.Unit{TurnID: "t99", DocumentID: "d", Document: "访谈", Number: 99})
	numeric.Judgements = append(numeric.Judgements, coding.Judgement{Unit: "t99", Coder: "coder 0"}, coding.Judgement{Unit: "t99", Coder: "coder 1"})
	add("numeric codes and no code", numeric, agreement.Options{})
	twice := single(2, 2, 10, all)
	twice.Codes[1].Name = "1.0"
	for j := range twice.Judgements {
		if twice.Judgements[j].Code == "2" {
			twice.Judgements[j].Code = "1.0"
		}
	}
	add("numeric codes, one value twice", twice, agreement.Options{})
	// Multi-label data with more than MaxMASISets code sets.
	var d coding.Reliability
	d.Coders = []string{"ana", "bo"}
	for k := range 12 {
		d.Codes = append(d.Codes, coding.Code{ID: fmt.Sprint("c", k), Name: fmt.Sprint("code", k), Position: k})
	}
	for u := range agreement.MaxMASISets + 100 {
		id := fmt.Sprint("t", u)
		d.Units = append(d.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "访谈", Number: u + 1})
		for j, c := range d.Coders {
			set := (u + j) % 4096
			for k := range 12 {
				if set&(1<<k) != 0 {
					d.Judgements = append(d.Judgements, coding.Judgement{Unit: id, Coder: c, Code: d.Codes[k].Name})
				}
			}
		}
	}
	add("many code sets", d, agreement.Options{})
	return out
}

// The notes made again from a report are, in English, the engine's own, word for word; in
// Chinese each is given, and every reason in them is translated.
func TestNotesAreTheEngines(t *testing.T) {
	var seen []string // the engine's notes
	for name, rep := range reports(t) {
		engine := (&engineText{l: en}).dataNotes(&rep)
		mine, ok := (&engineText{l: en}).notes(&rep)
		if !ok {
			t.Errorf("%s: the notes do not say whether the bootstrap was run: %q", name, rep.Notes)
			continue
		}
		if !slices.Equal(mine, engine) {
			for i := range max(len(mine), len(engine)) {
				var a, b string
				if i < len(mine) {
					a = mine[i]
				}
				if i < len(engine) {
					b = engine[i]
				}
				if a != b {
					t.Errorf("%s: note %d:\nmade:   %q\nengine: %q", name, i, a, b)
					break
				}
			}
			continue
		}
		seen = append(seen, engine...)
		for _, l := range []lang{hans, hant} {
			e := newEngineText(l, rep.Coders)
			got := e.dataNotes(&rep)
			if len(got) != len(engine) {
				t.Errorf("%s in %s: %d notes, the engine %d", name, Languages[l], len(got), len(engine))
			}
			for i, n := range got {
				if n == engine[i] {
					t.Errorf("%s in %s: a note is not translated: %q", name, Languages[l], n)
				}
			}
		}
	}
	for _, kind := range []string{"α's 95% intervals:", "α's 95% intervals were not", `Code "`, "Overall:", "Coders ", "Pairs of coders",
		"The pairwise", "The confusion"} {
		if !slices.ContainsFunc(seen, func(n string) bool { return strings.HasPrefix(n, kind) }) {
			t.Errorf("no report has a note that begins %q", kind)
		}
	}
	if !slices.ContainsFunc(seen, func(n string) bool { return strings.Contains(n, "are 1 by their formulas") }) {
		t.Error("no report has the note on a code without variation")
	}
}

// Every reason the engine gives for data is translated, and so is each reason the table has,
// written as the engine writes it.
func TestReasonsAreTheEngines(t *testing.T) {
	hit := map[string]bool{}
	which := func(e *engineText, r string) string {
		if id, ok := e.exact[r]; ok {
			return id
		}
		for _, p := range e.patterns {
			if p.re.MatchString(r) {
				return p.id
			}
		}
		return ""
	}
	reasons := map[string][]string{} // reason → coders of a report that gives it
	addValue := func(v agreement.Value, coders []string) {
		if !v.Defined {
			reasons[v.Reason] = coders
		}
	}
	addEstimate := func(e agreement.Estimate, coders []string) {
		for _, v := range []agreement.Value{e.Coef, e.SE, e.CI95[0], e.CI95[1], e.P} {
			addValue(v, coders)
		}
	}
	addOverall := func(o *agreement.Overall, coders []string) {
		for _, s := range overallStats() {
			addEstimate(s.OfOverall(o), coders)
		}
	}
	addCode := func(cr *agreement.CodeResult, coders []string) {
		for _, s := range perCode() {
			addEstimate(s.OfCode(cr), coders)
		}
	}
	for _, rep := range reports(t) {
		addOverall(&rep.Overall, rep.Coders)
		for i := range rep.PerCode {
			addCode(&rep.PerCode[i], rep.Coders)
		}
		for _, pr := range rep.Pairwise {
			addOverall(&pr.Overall, rep.Coders)
			for i := range pr.PerCode {
				addCode(&pr.PerCode[i], rep.Coders)
			}
		}
	}
	addValue(agreement.OverallAlpha(agreement.Data{Coders: []string{"ana"}}, agreement.Nominal), nil)
	for r, coders := range reasons {
		for _, l := range []lang{hans, hant} {
			e := newEngineText(l, coders)
			got, ok := e.reason(r)
			if r == "" {
				continue // a statistic without precision: nothing to say
			}
			if !ok || got == r {
				t.Errorf("the reason %q is not translated into %s", r, Languages[l])
			}
			hit[which(e, r)] = true
		}
	}
	// The reasons data gives: every one of these is in some report above.
	for _, id := range []string{"reason.noUnits2", "reason.oneCategory", "reason.noVariation", "reason.tooManyPairs", "reason.needTwo",
		"reason.multi", "reason.noCodeNumeric", "reason.noCoders", "reason.oneCoder", "reason.noBootstrap", "reason.scottMany",
		"reason.noCommon", "reason.pairNoCommon", "reason.sameValue", "reason.alphaUndefined", "reason.notNumber", "reason.kappaPair",
		"reason.masiSets", "reason.congerCodeSE", "reason.meanPairwiseSE", "reason.multiPA", "reason.seFewUnits"} {
		if !hit[id] {
			t.Errorf("no report gives the reason %s (%q)", id, texts[id][en])
		}
	}
	// The others (errors the engine guards against, which valid data does not reach), as the
	// engine writes them.
	e := newEngineText(hans, []string{"ana", "bo and cy", "bo"})
	for id, tr := range texts {
		if !strings.HasPrefix(id, "reason.") || hit[id] {
			continue
		}
		var args []any
		for _, k := range reasonValues[id] {
			switch k {
			case 'd':
				args = append(args, 12)
			case 'r':
				args = append(args, texts["reason.noUnits2"][en])
			case 'c':
				args = append(args, "bo and cy")
			default:
				args = append(args, "a fault")
			}
		}
		r := en.f(id, args...)
		if got, ok := e.reason(r); !ok || got == r || strings.Contains(got, tr[en][:12]) {
			t.Errorf("%s: %q is given as %q", id, r, got)
		}
	}
	// A coder's name with "and" in it, and a code's name with quotation marks.
	r := fmt.Sprintf("Cohen's κ is undefined for coders %s and %s (%s), so the mean over pairs is undefined; see the pairwise figures", "bo and cy", "ana", texts["reason.noVariation"][en])
	if got, _ := e.reason(r); got != "编码员 bo and cy 与 ana 的 Cohen κ 系数无定义（"+texts["reason.noVariation"][hans]+"），因此各对的平均值无定义；请看两两比较的数值" {
		t.Errorf("kappa of a pair: %q", got)
	}
	r = fmt.Sprintf("the code %q is not a number (ordinal, interval and ratio α need numeric codes)", `say "no"`)
	if got, _ := e.reason(r); got != `代码“say "no"”不是数字（定序、定距和定比 α 需要数值代码）` {
		t.Errorf("a code's name: %q", got)
	}
	if got, ok := e.reason("a reason the engine may give one day"); ok || got != "a reason the engine may give one day" {
		t.Errorf("an unknown reason is given as %q (%v), want as it is", got, ok)
	}
}

// --- The workbook in Chinese ---

// languageInputs are inputs whose workbooks show every text: a consensus layer, multi-label
// data, a matrix too wide to write and more coders than the pairwise figures are computed for,
// more speakers than the Frequencies sheet shows, one coder. (The confusion tables left out
// for too many categories take a workbook of 1,200 codes, 40 seconds: their sentence is
// TestNotesAreTheEngines'.)
func languageInputs(t *testing.T) map[string]Input {
	t.Helper()
	many := wide(2, 4)
	for u := 40; u < 40+maxFreqGroups+10; u++ {
		id := fmt.Sprintf("t%d", u)
		many.Data.Units = append(many.Data.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "call", Number: u + 1, Speaker: fmt.Sprintf("sp %d", u), Text: "x"})
		many.Data.Judgements = append(many.Data.Judgements, coding.Judgement{Unit: id, Coder: "coder 0", Code: "code 1"})
	}
	many.Agreement = agreement.Compute(agreement.FromReliability(many.Data), agreement.Options{})
	one := fixture(t)
	one.Data.Coders = one.Data.Coders[:1]
	one.Agreement = agreement.Compute(agreement.FromReliability(one.Data), agreement.Options{})
	lonely := multiFixture(t)
	lonely.Data.Coders = lonely.Data.Coders[:1]
	lonely.Agreement = agreement.Compute(agreement.FromReliability(lonely.Data), agreement.Options{})
	return map[string]Input{
		"consensus":              withConsensus(t),
		"multi-label":            multiFixture(t),
		"wide":                   wide(17, 1000),
		"many speakers":          many,
		"one coder":              one,
		"one coder, multi-label": lonely,
	}
}

// workbookTexts are the texts a reader sees in a workbook: every text cell, every comment, the
// chart's title and the document's title.
func workbookTexts(t *testing.T, f *excelize.File, b []byte) []string {
	t.Helper()
	var out []string
	for _, s := range f.GetSheetList() {
		for _, r := range rows(t, f, s) {
			for _, c := range r {
				if c != "" {
					out = append(out, c)
				}
			}
		}
		for _, c := range commentsOf(t, f, s) {
			out = append(out, c)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/") {
			r, _ := zf.Open()
			x, _ := io.ReadAll(r)
			r.Close()
			for _, m := range regexp.MustCompile(`<a:t>([^<]*)</a:t>`).FindAllStringSubmatch(string(x), -1) {
				out = append(out, m[1])
			}
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	return append(out, props.Title)
}

// latinLeft lists the Latin-script words of texts that a Chinese workbook should not hold:
// every word but the names of statistics and their authors, abbreviations and names of
// software (κ and α are Greek), "bootstrap" beside its Chinese name, and what the project
// holds: a text of the project (a turn, a definition, a note) as a whole cell, a name (of a
// coder, code, speaker, document, section or the project) as a word. The sheets' names are quoted as such (“Codings”,
// 「Codings」), the R call, irrCAC's functions (conger.kappa.raw) and the flags as they are typed, a cited title in 《》.
func latinLeft(in Input, texts []string) []string {
	allowed := map[string]bool{}
	for _, w := range []string{"Cohen", "Scott", "Fleiss", "Gwet", "AC1", "Krippendorff", "Brennan", "Prediger", "MASI", "PABAK",
		"Passonneau", "Hayes", "KALPHA", "irrCAC", "bootstrap", "R", "SPSS", "CSV", "UTC", "Excel", "turncoder", "A", "B", "q", "m_u",
		"Conger", "p", "t", "n"} {
		allowed[w] = true
	}
	word := regexp.MustCompile(`[A-Za-z][A-Za-z0-9_']*`)
	names := []string{in.Project}
	names = append(names, in.Data.Coders...)
	for _, c := range in.Codebook {
		names = append(names, c.Name)
	}
	for _, u := range in.Data.Units {
		names = append(names, u.Document, u.Section, u.Speaker) // not the role: a role of coding.Roles is translated
	}
	for _, n := range names {
		for _, w := range word.FindAllString(n, -1) {
			allowed[w] = true
		}
	}
	whole := map[string]bool{in.Scope: true, coding.Fingerprint(in.Codebook): true}
	for _, u := range in.Data.Units {
		whole[u.Text] = true
	}
	for _, c := range in.Codebook {
		for _, s := range []string{c.Definition, c.Inclusion, c.Exclusion, c.Example, c.Colour, c.Shortcut} {
			whole[s] = true
		}
	}
	for _, d := range in.Consensus {
		whole[d.Note] = true
	}
	var quoted []string
	for _, s := range append(slices.Clone(SheetNames), ReferenceSheetNames...) {
		quoted = append(quoted, regexp.QuoteMeta(s))
	}
	// The methods paragraph quotes the scope and the fingerprint, as the caller wrote them.
	strip := regexp.MustCompile(`readxl::read_excel\(path, sheet\)|\b[a-z0-9]+(?:\.[a-z0-9]+)+\b|《[^》]*》|--[a-z]+|` +
		`[“「](` + strings.Join(quoted, "|") + `)[」”]|` + regexp.QuoteMeta(in.Scope) + `|` + coding.Fingerprint(in.Codebook))
	var out []string
	for _, s := range texts {
		if whole[s] {
			continue
		}
		for _, w := range word.FindAllString(strip.ReplaceAllString(s, ""), -1) {
			if !allowed[w] {
				out = append(out, w+" (in "+s+")")
			}
		}
	}
	return out
}

// A workbook in Chinese has its headers, titles, labels and notes in Chinese: no English word
// is left in any text it shows but the project's own, the statistics' names and abbreviations.
// It has the sheets of the English one, and the same numbers in the same cells.
func TestWorkbookInChinese(t *testing.T) {
	for name, in := range languageInputs(t) {
		t.Run(name, func(t *testing.T) {
			opt := Options{}
			if name == "consensus" {
				opt.MaxRows = 3 // "A sheet longer than 3 rows continues…"
			}
			fEn, bEn := build(t, in, opt)
			if left := latinLeft(in, workbookTexts(t, fEn, bEn)); len(left) < 10 {
				t.Errorf("the check finds only %d English words in the English workbook: %q", len(left), left)
			}
			for _, lang := range []string{SimplifiedChinese, TraditionalChinese} {
				opt.Lang = lang
				f, b := build(t, in, opt)
				if left := latinLeft(in, workbookTexts(t, f, b)); len(left) > 0 {
					t.Errorf("%s: English left in the workbook:\n%s", lang, strings.Join(left, "\n"))
				}
				if got, want := f.GetSheetList(), fEn.GetSheetList(); !slices.Equal(got, want) {
					t.Fatalf("%s: sheets %q, the English workbook's %q", lang, got, want)
				}
				for _, s := range fEn.GetSheetList() {
					a, err := fEn.GetRows(s, excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					z, err := f.GetRows(s, excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					if len(a) != len(z) {
						t.Errorf("%s %s: %d rows, the English %d", lang, s, len(z), len(a))
						continue
					}
					for i := range a {
						for c, v := range a[i] {
							if _, err := strconv.ParseFloat(v, 64); err != nil {
								continue
							}
							if c >= len(z[i]) || z[i][c] != v {
								t.Errorf("%s %s!%s: %q, the English %q", lang, s, ref(c+1, i+1), z[i][c:min(c+1, len(z[i]))], v)
							}
						}
					}
				}
			}
		})
	}
}

// The headers of a workbook in each language, read back.
func TestWorkbookHeaders(t *testing.T) {
	in := withConsensus(t)
	want := map[string]map[string]string{
		English: {
			"Codings":   "Document|Section|Turn|Speaker|Role|Text|Coder|Code|Time (UTC)",
			"Consensus": "Document|Section|Turn|Speaker|Role|Text|ana|bo|cy|Consensus|Note|Time (UTC)",
			"Summary":   "Item|Value",
			"Overall":   "Statistic|Value|SE|95% CI low|95% CI high|p|Note",
			"Codebook":  "Code|Chinese label|Definition|Inclusion|Exclusion|Example|Colour|Shortcut|Parent",
		},
		SimplifiedChinese: {
			"Codings":   "文档|节|话轮|说话人|角色|文本|编码员|代码|时间（UTC）",
			"Consensus": "文档|节|话轮|说话人|角色|文本|ana|bo|cy|共识|备注|时间（UTC）",
			"Summary":   "条目|值",
			"Overall":   "统计量|值|标准误|95% 置信区间下限|95% 置信区间上限|p 值|备注",
			"Codebook":  "代码|中文名称|定义|纳入标准|排除标准|示例|颜色|快捷键|上级代码",
		},
		TraditionalChinese: {
			"Codings":   "文件|節|話輪|說話人|角色|文本|編碼員|代碼|時間（UTC）",
			"Consensus": "文件|節|話輪|說話人|角色|文本|ana|bo|cy|共識|備註|時間（UTC）",
			"Summary":   "條目|值",
			"Overall":   "統計量|值|標準誤|95% 信賴區間下限|95% 信賴區間上限|p 值|備註",
			"Codebook":  "代碼|中文名稱|定義|納入標準|排除標準|範例|顏色|快速鍵|上層代碼",
		},
	}
	for lang, sheets := range want {
		f, _ := build(t, in, Options{Lang: lang})
		for s, h := range sheets {
			if got := strings.Join(rows(t, f, s)[0], "|"); got != h {
				t.Errorf("%s %s: header %q, want %q", lang, s, got, h)
			}
		}
		// The first statistic of the Summary and the Krippendorff α of Overall.
		sum := joinLines(rows(t, f, "Summary"))
		alpha := map[string]string{English: "Krippendorff's α (nominal)", SimplifiedChinese: "Krippendorff α 系数（定类）", TraditionalChinese: "Krippendorff α 係數（名目）"}[lang]
		if got := text(t, f, "Overall", "A11"); got != alpha {
			t.Errorf("%s Overall!A11 = %q, want %q", lang, got, alpha)
		}
		ci := map[string]string{English: "Krippendorff's α, bootstrap 95% CI|", SimplifiedChinese: "Krippendorff α 系数的自助法 95% 置信区间|", TraditionalChinese: "Krippendorff α 係數的拔靴法 95% 信賴區間|"}[lang]
		if !strings.Contains(sum, ci) {
			t.Errorf("%s Summary lacks %q:\n%s", lang, ci, sum)
		}
	}
}

// An unknown language is refused in a sentence that names the languages, before anything is
// written; the tags people use for the three are taken.
func TestWorkbookLanguages(t *testing.T) {
	var buf bytes.Buffer
	err := WriteWorkbook(context.Background(), &buf, fixture(t), Options{Lang: "fr"}, nil)
	if err == nil || err.Error() != `the workbook has no language "fr": use en, zh-Hans or zh-Hant` {
		t.Errorf("French: %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written for an unknown language", buf.Len())
	}
	for tag, want := range map[string]string{"": English, "en": English, "en-GB": English, "zh-Hans": SimplifiedChinese, "zh-hans": SimplifiedChinese,
		"zh": SimplifiedChinese, "zh-CN": SimplifiedChinese, "zh_SG": SimplifiedChinese, "zh-Hant": TraditionalChinese, "ZH-HANT": TraditionalChinese,
		"zh-TW": TraditionalChinese, "zh-HK": TraditionalChinese, "zh-MO": TraditionalChinese} {
		if got, err := MatchLanguage(tag); got != want || err != nil {
			t.Errorf("MatchLanguage(%q) = %q, %v; want %q", tag, got, err, want)
		}
	}
	for _, tag := range []string{"fr", "ja", "english", "zh-Hans-x", "C"} {
		if got, err := MatchLanguage(tag); err == nil {
			t.Errorf("MatchLanguage(%q) = %q, want an error", tag, got)
		}
	}
}

func TestDescribeScope(t *testing.T) {
	sc := coding.Scope{Document: "访谈一", Section: "开场", Roles: []coding.Role{coding.RoleRespondent, coding.RoleInterviewer}, Codes: []string{"referral", "回避"}, Coders: []string{"ana", "bo"}}
	for lang, want := range map[string][2]string{
		English:            {"whole project; turns in the coding scope", "document 访谈一; section 开场; roles respondent, interviewer; codes referral, 回避; coders ana, bo"},
		SimplifiedChinese:  {"整个项目；编码范围内的话轮", "文档 访谈一；节 开场；角色 受访者、访谈者；代码 referral、回避；编码员 ana、bo"},
		TraditionalChinese: {"整個專案；編碼範圍內的話輪", "文件 访谈一；節 开场；角色 受訪者、訪談者；代碼 referral、回避；編碼員 ana、bo"},
	} {
		if got := DescribeScope(lang, coding.Scope{}); got != want[0] {
			t.Errorf("%s: %q, want %q", lang, got, want[0])
		}
		if got := DescribeScope(lang, sc); got != want[1] {
			t.Errorf("%s: %q, want %q", lang, got, want[1])
		}
	}
}

// --- No English in the builders ---

// englishLiterals finds, in Go sources, string literals with a Latin word passed to the cell
// writers (txt, head, header, newColWidth, and a cell's v): a text a reader sees that does
// not come from the table.
func englishLiterals(t *testing.T, files map[string][]byte) []string {
	t.Helper()
	latin := regexp.MustCompile(`[A-Za-z]{2,}`)
	var out []string
	fset := token.NewFileSet()
	for name, src := range files {
		file, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		check := func(e ast.Expr) {
			ast.Inspect(e, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if n.Kind == token.STRING && latin.MatchString(n.Value) {
						out = append(out, fmt.Sprintf("%s: %s", fset.Position(n.Pos()), n.Value))
					}
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "t" || sel.Sel.Name == "f") {
						return false // a text of the table: l.t("col.code")
					}
				}
				return true
			})
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var fn string
				switch f := n.Fun.(type) {
				case *ast.Ident:
					fn = f.Name
				case *ast.SelectorExpr:
					fn = f.Sel.Name
				}
				if slices.Contains([]string{"txt", "head", "header", "newColWidth"}, fn) {
					for _, a := range n.Args {
						check(a)
					}
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "cell" {
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "v" {
								check(kv.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	return out
}

func TestNoEnglishInTheBuilders(t *testing.T) {
	if found := englishLiterals(t, sources(t)); len(found) > 0 {
		t.Errorf("texts written past the table:\n%s", strings.Join(found, "\n"))
	}
	// The check finds what it is for.
	bad := []byte(`package report
func (x *xw) s(g *grid) {
	g.add(txt("Project"), cell{v: "Notes on this data", s: 1}, x.head("Total: " + "x"), txt(x.l.t("col.code")))
	g.add(x.header("Item", x.l.t("col.value"))...)
}`)
	if found := englishLiterals(t, map[string][]byte{"bad.go": bad}); len(found) != 4 {
		t.Errorf("the check finds %d of 4 literals: %q", len(found), found)
	}
}
