package agreement

import (
	"fmt"

	"golang.org/x/text/language"
)

// methodsLang is a language of the methods paragraph: English, Simplified Chinese (mainland
// China) or Traditional Chinese (Taiwan, Hong Kong), as the workbook has them.
type methodsLang int

const (
	methodsEn methodsLang = iota
	methodsHans
	methodsHant
)

// methodsLangOf reads a language tag as the workbook does (report.MatchLanguage): en and any
// English; zh, zh-Hans, zh-CN, zh-SG Simplified; zh-Hant, zh-TW, zh-HK, zh-MO Traditional.
// Any other tag, and "", is English.
func methodsLangOf(tag string) methodsLang {
	t, err := language.Parse(tag)
	if err != nil {
		return methodsEn
	}
	if base, _ := t.Base(); base.String() != "zh" {
		return methodsEn
	}
	if script, _ := t.Script(); script.String() == "Hant" {
		return methodsHant
	}
	return methodsHans
}

func (l methodsLang) t(id string) string {
	if s, ok := methodsTexts[id]; ok {
		return s[l]
	}
	return id // cannot happen: TestMethodsTextsAreComplete
}

// f formats the text id in l; a text given no values is not a format.
func (l methodsLang) f(id string, a ...any) string {
	if len(a) == 0 {
		return l.t(id)
	}
	return fmt.Sprintf(l.t(id), a...)
}

// methodsTexts are the paragraph's texts by id, in English, Simplified and Traditional
// Chinese. Terms as the workbook's (coding/report/texts.go) and the window's glossary have
// them: coder 编码员/編碼員, code 代码/代碼, codebook 编码本/編碼簿, turn 话轮/話輪, reviewed
// 已审阅/已審閱, percent agreement 百分比一致性, 95% interval 置信区间/信賴區間, bootstrap
// 自助法/拔靴法, undefined 无定义/無定義, consensus 共识/共識. A format takes the same values in
// each language, in the same order. Chinese is written without spaces beside numbers and Latin
// words, except inside a formula (α = 0.812 [0.701, 0.923]).
var methodsTexts = map[string][3]string{
	// Lists.
	"list.sep":  {", ", "、", "、"},
	"list.and":  {" and ", "和", "和"},
	"list.last": {", and ", "和", "和"}, // before the last of three or more
	"clause":    {"; ", "；", "；"},
	"sentence":  {" ", "", ""},
	"quote":     {"“%s”", "“%s”", "「%s」"},
	"paren":     {" (%s)", "（%s）", "（%s）"},

	// Who coded what.
	"coders.n":   {"%s coders", "%s编码员", "%s編碼員"},
	"coders.one": {"One coder", "一位编码员", "一位編碼員"},
	"coders.two": {"Two", "两位", "兩位"},
	"coders.k":   {"%d", "%d位", "%d位"},
	"turns":      {"%s turns", "%s个话轮", "%s個話輪"},
	"turns.one":  {"1 turn", "1个话轮", "1個話輪"},
	"codes":      {"%s codes", "%s个代码", "%s個代碼"},
	"codes.one":  {"one code", "1个代码", "1個代碼"},
	"blind2": {"%s coded %s independently, each blind to the other's codes.",
		"%s各自独立地对%s进行了编码，编码时看不到对方的编码（盲编）。",
		"%s各自獨立地對%s進行編碼，編碼時看不到對方的編碼（盲編）。"},
	"blindN": {"%s coded %s independently, each blind to the others' codes.",
		"%s各自独立地对%s进行了编码，编码时看不到其他人的编码（盲编）。",
		"%s各自獨立地對%s進行編碼，編碼時看不到其他人的編碼（盲編）。"},
	"independent": {"%s coded %s independently.", "%s各自独立地对%s进行了编码。", "%s各自獨立地對%s進行編碼。"},
	"alone":       {"%s coded %s.", "%s对%s进行了编码。", "%s對%s進行編碼。"},
	"counted2": {"Of these, %s were reviewed by both coders and enter the agreement figures.",
		"其中%s经两位编码员都审阅过，计入一致性统计。",
		"其中%s經兩位編碼員都審閱過，計入一致性統計。"},
	"countedN": {"Of these, %s were reviewed by two or more coders and enter the agreement figures.",
		"其中%s经两位或以上编码员审阅，计入一致性统计。",
		"其中%s經兩位或以上編碼員審閱，計入一致性統計。"},

	// What was coded.
	"scope": {"Scope of the figures: %s.", "统计范围：%s。", "統計範圍：%s。"},
	"codebook.version": {"The figures cover %s of the codebook (version %s): %s.",
		"统计涵盖编码本（版本%[2]s）中的%[1]s：%[3]s。",
		"統計涵蓋編碼簿（版本%[2]s）中的%[1]s：%[3]s。"},
	"codebook": {"The figures cover %s of the codebook: %s.",
		"统计涵盖编码本中的%s：%s。", "統計涵蓋編碼簿中的%s：%s。"},
	"codebook.version.many": {"The figures cover %s of the codebook (version %s).",
		"统计涵盖编码本（版本%[2]s）中的%[1]s。", "統計涵蓋編碼簿（版本%[2]s）中的%[1]s。"},
	"codebook.many": {"The figures cover %s of the codebook.", "统计涵盖编码本中的%s。", "統計涵蓋編碼簿中的%s。"},
	"nocodes": {"No code is in scope, so there is no agreement to report.",
		"范围内没有代码，因此没有可报告的一致性。", "範圍內沒有代碼，因此沒有可報告的一致性。"},

	// How missing data and "reviewed, no code" were treated. conv.scope restates the engine's
	// convention (Conventions()["scope"]): English is the engine's sentence, which
	// TestMethodsConventionIsTheEngines holds it to, and the paragraph writes the engine's own.
	"conv.scope": {"Per-code figures treat each code as present or absent on each unit. A unit counts " +
		"when two or more coders reviewed it; a coder who did not review a unit is missing " +
		"there, while a coder who reviewed it and gave no code said \"absent\" for every code.",
		"按代码计算时，每个代码在每个单元（话轮）上视为“出现”或“未出现”。一个单元经两位或以上编码员审阅才计入；" +
			"未审阅某单元的编码员在该处记为缺失，而审阅了但未给出代码的编码员对每个代码都记为“未出现”。",
		"依代碼計算時，每個代碼在每個單元（話輪）上視為「出現」或「未出現」。一個單元經兩位或以上編碼員審閱才計入；" +
			"未審閱某單元的編碼員在該處記為遺漏，而審閱了但未給出代碼的編碼員對每個代碼都記為「未出現」。"},
	"mode.single": {"No coder gave a turn more than one code, so the codes were also analysed together as one categorical variable, in which “no code” is a category of its own when a coder used it.",
		"没有编码员对同一话轮给出多于一个代码，因此所有代码也合并为一个类别变量进行分析；有编码员使用“无代码”时，“无代码”自成一类。",
		"沒有編碼員對同一話輪給出多於一個代碼，因此所有代碼也合併為一個類別變項進行分析；有編碼員使用「無代碼」時，「無代碼」自成一類。"},
	"mode.multi": {"Coders could give a turn more than one code, so agreement is reported for each code.",
		"编码员可以对同一话轮给出多个代码，因此按代码分别报告一致性。",
		"編碼員可以對同一話輪給出多個代碼，因此依代碼分別報告一致性。"},
	"missing": {"Missing ratings were handled as follows: Krippendorff's α uses only pairable values, on turns reviewed by two or more coders (Krippendorff 2011); %s; AC1 and percent agreement use the turns reviewed by two or more coders, and AC1 takes chance agreement from every rating (Gwet 2014).",
		"缺失评定的处理如下：Krippendorff α系数只使用可配对的值，即经两位或以上编码员审阅的话轮上的值（Krippendorff 2011）；%s；AC1系数和百分比一致性使用经两位或以上编码员审阅的话轮，AC1系数的偶然一致基于全部评定（Gwet 2014）。",
		"遺漏評定的處理如下：Krippendorff α係數只使用可配對的值，即經兩位或以上編碼員審閱的話輪上的值（Krippendorff 2011）；%s；AC1係數與百分比一致性使用經兩位或以上編碼員審閱的話輪，AC1係數的機遇一致基於全部評定（Gwet 2014）。"},
	"missing.cohen": {"Cohen's κ uses the turns both coders reviewed",
		"Cohen κ系数只使用两位编码员都审阅过的话轮", "Cohen κ係數只使用兩位編碼員都審閱過的話輪"},
	"missing.conger": {"Conger's κ takes each coder's chance agreement from the turns that coder reviewed (Gwet 2014)",
		"Conger κ系数的偶然一致按每位编码员所审阅的话轮分别计算（Gwet 2014）",
		"Conger κ係數的機遇一致依每位編碼員所審閱的話輪分別計算（Gwet 2014）"},

	// Which coefficients, and why.
	"report": {"We report Krippendorff's α (nominal), %s, Gwet's AC1, and percent agreement: α because it allows any number of coders and missing ratings, κ as the coefficient most readers know, AC1 because it stays stable when a code is rare or very common, where κ and α can be low despite high agreement (Gwet 2008), and percent agreement as the raw figure.",
		"本文报告Krippendorff α系数（定类）、%s、Gwet AC1系数和百分比一致性：α系数适用于任意人数编码员并允许缺失评定；κ系数为大多数读者所熟悉；AC1系数在代码极少或极常出现时仍保持稳定，而此时即使一致性很高，κ与α系数也可能偏低（Gwet 2008）；百分比一致性则给出未经校正的原始数值。",
		"本文報告Krippendorff α係數（名目）、%s、Gwet AC1係數與百分比一致性：α係數適用於任意人數編碼員並允許遺漏評定；κ係數為大多數讀者所熟悉；AC1係數在代碼極少或極常出現時仍保持穩定，而此時即使一致性很高，κ與α係數也可能偏低（Gwet 2008）；百分比一致性則給出未經校正的原始數值。"},
	"report.cohen":  {"Cohen's κ (Cohen 1960)", "Cohen κ系数（Cohen 1960）", "Cohen κ係數（Cohen 1960）"},
	"report.conger": {"Conger's κ (Cohen's κ generalised to more than two coders; Conger 1980)", "Conger κ系数（Cohen κ系数推广到两位以上编码员的形式；Conger 1980）", "Conger κ係數（Cohen κ係數推廣到兩位以上編碼員的形式；Conger 1980）"},
	"brackets":      {"Intervals in brackets are 95% confidence intervals.", "方括号内为95%置信区间。", "方括號內為95%信賴區間。"},
	"brackets.boot": {"Intervals in brackets are 95% confidence intervals; α also has its bootstrap interval.",
		"方括号内为95%置信区间；α系数另附自助法区间。", "方括號內為95%信賴區間；α係數另附拔靴法區間。"},

	// The figures.
	"stat.percent":    {"percent agreement", "百分比一致性", "百分比一致性"},
	"figure":          {"%s = %s [%s, %s]", "%s = %s [%s, %s]", "%s = %s [%s, %s]"},
	"figure.noCI":     {"%s = %s (no interval: %s)", "%s = %s（无置信区间：%s）", "%s = %s（無信賴區間：%s）"},
	"boot":            {" (bootstrap [%s, %s])", "（自助法[%s, %s]）", "（拔靴法[%s, %s]）"},
	"boot.none":       {" (no bootstrap interval: %s)", "（无自助法区间：%s）", "（無拔靴法區間：%s）"},
	"undefined.one":   {"%s is undefined (%s)", "%s无定义（%s）", "%s無定義（%s）"},
	"undefined":       {"%s are undefined (%s)", "%s无定义（%s）", "%s無定義（%s）"},
	"code":            {"For %s, %s.", "%s：%s。", "%s：%s。"},
	"overall":         {"Taking the codes together as one categorical variable, %s.", "将所有代码合并为一个类别变量时，%s。", "將所有代碼合併為一個類別變項時，%s。"},
	"range":           {"Across the %d codes, %s ranged from %s (%s) to %s (%s)", "在%d个代码中，%s介于%s（%s）与%s（%s）之间", "在%d個代碼中，%s介於%s（%s）與%s（%s）之間"},
	"range.undefined": {"; it is undefined for %s", "；其中%s无定义", "；其中%s無定義"},
	"range.none":      {"Across the %d codes, %s is undefined for %s", "在%d个代码中，%s均无定义：%s", "在%d個代碼中，%s均無定義：%s"},
	"range.end":       {".", "。", "。"},
	"range.table":     {"The figures of every code, with their intervals, are in the per-code table.", "各代码的数值及其置信区间见按代码列出的表格。", "各代碼的數值及其信賴區間見依代碼列出的表格。"},
	"noAgreement":     {"Agreement cannot be computed: %s.", "无法计算一致性：%s。", "無法計算一致性：%s。"},

	// Precision and software.
	"precision": {"Standard errors and 95% confidence intervals follow Gwet's (2014) variance formulas as R's irrCAC package implements them (Gwet 2019), with no finite-population correction: the coefficient ± t(0.975, n − 1) standard errors, the upper limit capped at 1.",
		"标准误与95%置信区间采用Gwet（2014）的方差公式，与R的irrCAC包（Gwet 2019）的实现相同，不作有限总体校正：区间为系数 ± t(0.975, n − 1)个标准误，上限不超过1。",
		"標準誤與95%信賴區間採用Gwet（2014）的變異數公式，與R的irrCAC套件（Gwet 2019）的實作相同，不作有限母體校正：區間為係數 ± t(0.975, n − 1)個標準誤，上限不超過1。"},
	"bootstrap": {"α's bootstrap interval resamples pairs of pairable values (Hayes and Krippendorff 2007), %s resamples.",
		"α系数的自助法区间按Hayes与Krippendorff（2007）的方法重抽可配对值的值对，共重抽样%s次。",
		"α係數的拔靴法區間依Hayes與Krippendorff（2007）的方法重抽可配對值的值對，共重抽樣%s次。"},
	"bootstrap.n": {"α's bootstrap interval resamples pairs of pairable values (Hayes and Krippendorff 2007).",
		"α系数的自助法区间按Hayes与Krippendorff（2007）的方法重抽可配对值的值对。",
		"α係數的拔靴法區間依Hayes與Krippendorff（2007）的方法重抽可配對值的值對。"},
	"software":  {"All figures were computed with %s.", "所有数值均由%s计算。", "所有數值均由%s計算。"},
	"consensus": {"Disagreements were then settled by adjudication into a consensus coding, which does not count as a coder in these figures.", "随后通过裁定把分歧确定为共识编码；共识编码不作为编码员计入上述数值。", "隨後透過裁定把分歧確定為共識編碼；共識編碼不作為編碼員計入上述數值。"},
}
