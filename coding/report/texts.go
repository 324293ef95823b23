package report

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// The workbook's languages. Options.Lang chooses one; the texts below give every header, title,
// label and note the workbook writes in each. What the workbook holds of the project — sheet
// names (scripts read them), codes, coders, speakers, documents, the transcript's text — is
// the same in every language, and so are the numbers (an undefined statistic's cell is empty
// in every language).
const (
	English            = "en"
	SimplifiedChinese  = "zh-Hans" // mainland China
	TraditionalChinese = "zh-Hant" // Taiwan, Hong Kong
)

// Languages are the workbook's languages, as Options.Lang and `turncoder export --lang` take them.
var Languages = []string{English, SimplifiedChinese, TraditionalChinese}

// lang indexes a text's translations: en, zh-Hans, zh-Hant.
type lang int

const (
	en lang = iota
	hans
	hant
)

// MatchLanguage returns the workbook language for tag: one of Languages, in any case, or a tag
// they cover (en-GB is English; zh, zh-CN and zh-SG Simplified Chinese; zh-TW, zh-HK and zh-MO
// Traditional); "" is English. Any other tag is an error that names the languages.
func MatchLanguage(tag string) (string, error) {
	l, err := langOf(tag)
	if err != nil {
		return "", err
	}
	return Languages[l], nil
}

func langOf(tag string) (lang, error) {
	if tag == "" {
		return en, nil
	}
	t, err := language.Parse(tag)
	if err == nil {
		switch base, _ := t.Base(); base.String() {
		case "en":
			return en, nil
		case "zh":
			if script, _ := t.Script(); script.String() == "Hant" {
				return hant, nil
			}
			return hans, nil
		}
	}
	return en, fmt.Errorf("the workbook has no language %q: use %s", tag, strings.Join(Languages[:len(Languages)-1], ", ")+" or "+Languages[len(Languages)-1])
}

// translation is one text of the workbook in its three languages. A format (with %d, %s) takes the
// same values in each, in the same order; English %q is written “%s” or 「%s」 in Chinese.
type translation [3]string

// t is the text id in l.
func (l lang) t(id string) string {
	if s, ok := texts[id]; ok {
		return s[l]
	}
	return id // cannot happen: TestEveryTextIDIsDefined
}

// f formats the text id in l with a. A text given no values is not a format: its % is a
// percent sign ("95% interval"); a format writes one as %%.
func (l lang) f(id string, a ...any) string {
	if len(a) == 0 {
		return l.t(id)
	}
	return fmt.Sprintf(l.t(id), a...)
}

// list joins names as a list is written in l ("ana, bo" or "ana、bo").
func (l lang) list(names []string) string { return strings.Join(names, l.t("sep.list")) }

// texts are the workbook's texts by id. Terms, as qualitative researchers write them and as
// the window's glossary (ui/translations/GLOSSARY.md) has them:
// coder 编码员/編碼員, code 代码/代碼, codebook 编码本/編碼簿, turn 话轮/話輪, speaker
// 说话人/說話人, unit 单元/單元, consensus 共识/共識, reviewed 已审阅/已審閱, percent agreement
// 百分比一致性, Krippendorff's α Krippendorff α 系数/係數 (and so Cohen κ 系数, Scott π 系数, …),
// missing data 缺失值/遺漏值, 95% interval 置信区间/信賴區間, bootstrap 自助法/拔靴法, levels of
// measurement 定类、定序、定距、定比/名目、順序、等距、比率, undefined 无定义/無定義, the notes
// on the data 注释/附註, section 节/節, the roles 访谈者、受访者、其他/訪談者、受訪者、其他. Traditional follows Taiwan's usage
// (列 a row, 欄 a column, 儲存格 a cell, 資料 data), Simplified the mainland's (行 a row, 列 a
// column, 单元格 a cell, 数据 data). Sheet names stay in English in every language and are
// quoted as such: “Codings” in Simplified, 「Codings」 in Traditional.
var texts = map[string]translation{
	// Lists and separators.
	"sep.list":     {", ", "、", "、"},
	"sep.scope":    {"; ", "；", "；"},
	"sep.sentence": {" ", "", ""}, // between two sentences

	// The columns that place a unit, and the other columns.
	"col.document":    {"Document", "文档", "文件"},
	"col.section":     {"Section", "节", "節"},
	"col.turn":        {"Turn", "话轮", "話輪"},
	"col.speaker":     {"Speaker", "说话人", "說話人"},
	"col.role":        {"Role", "角色", "角色"},
	"col.text":        {"Text", "文本", "文本"},
	"col.coder":       {"Coder", "编码员", "編碼員"},
	"col.code":        {"Code", "代码", "代碼"},
	"col.time":        {"Time (UTC)", "时间（UTC）", "時間（UTC）"},
	"col.consensus":   {"Consensus", "共识", "共識"},
	"col.note":        {"Note", "备注", "備註"},
	"col.units":       {"Units", "单元数", "單元數"},
	"col.unitsGiven":  {"%s: units given", "%s：赋予该代码的单元数", "%s：賦予該代碼的單元數"},
	"col.coderCode":   {"%s: %s", "%s：%s", "%s：%s"},
	"col.alphaOfCode": {"α: %s", "α：%s", "α：%s"},
	"col.statistic":   {"Statistic", "统计量", "統計量"},
	"col.value":       {"Value", "值", "值"},
	"col.coderA":      {"Coder A", "编码员 A", "編碼員 A"},
	"col.coderB":      {"Coder B", "编码员 B", "編碼員 B"},
	"total":           {"Total", "合计", "合計"},
	"noCode":          {"(no code)", "（无代码）", "（無代碼）"},
	"noSpeaker":       {"(no speaker)", "（无说话人）", "（無說話人）"},
	"noRole":          {"(no role)", "（无角色）", "（無角色）"},
	"consensusLayer":  {"consensus", "共识", "共識"}, // the coding matrix's consensus columns

	// The roles of coding.Roles.
	"role.interviewer": {"interviewer", "访谈者", "訪談者"},
	"role.respondent":  {"respondent", "受访者", "受訪者"},
	"role.other":       {"other", "其他", "其他"},

	// Statistics, as headers and labels: "stat." and the statistic's key is its title
	// (agreement.Statistic.Title), "statMany." its title with more than two coders, "noteStat."
	// its name in the notes where that is not its title; TestStatisticsAreTheTable holds the
	// English to the table of statistics.
	"stat.percent_agreement":               {"Percent agreement", "百分比一致性", "百分比一致性"},
	"stat.cohen_kappa":                     {"Cohen's κ", "Cohen κ 系数", "Cohen κ 係數"},
	"statMany.cohen_kappa":                 {"Cohen's κ (mean of pairs)", "Cohen κ 系数（各对平均）", "Cohen κ 係數（各對平均）"},
	"stat.conger_kappa":                    {"Conger's κ", "Conger κ 系数", "Conger κ 係數"},
	"stat.scott_pi":                        {"Scott's π", "Scott π 系数", "Scott π 係數"},
	"stat.fleiss_kappa":                    {"Fleiss' κ", "Fleiss κ 系数", "Fleiss κ 係數"},
	"stat.krippendorff_alpha":              {"Krippendorff's α", "Krippendorff α 系数", "Krippendorff α 係數"},
	"stat.alpha_ci95":                      {"Krippendorff's α, bootstrap 95% CI", "Krippendorff α 系数的自助法 95% 置信区间", "Krippendorff α 係數的拔靴法 95% 信賴區間"},
	"stat.gwet_ac1":                        {"Gwet's AC1", "Gwet AC1 系数", "Gwet AC1 係數"},
	"stat.brennan_prediger":                {"Brennan–Prediger", "Brennan–Prediger 系数", "Brennan–Prediger 係數"},
	"stat.krippendorff_alpha_nominal":      {"Krippendorff's α (nominal)", "Krippendorff α 系数（定类）", "Krippendorff α 係數（名目）"},
	"stat.krippendorff_alpha_ordinal":      {"Krippendorff's α (ordinal)", "Krippendorff α 系数（定序）", "Krippendorff α 係數（順序）"},
	"stat.krippendorff_alpha_interval":     {"Krippendorff's α (interval)", "Krippendorff α 系数（定距）", "Krippendorff α 係數（等距）"},
	"stat.krippendorff_alpha_ratio":        {"Krippendorff's α (ratio)", "Krippendorff α 系数（定比）", "Krippendorff α 係數（比率）"},
	"stat.krippendorff_alpha_masi":         {"Krippendorff's α (MASI)", "Krippendorff α 系数（MASI）", "Krippendorff α 係數（MASI）"},
	"noteStat.percent_agreement":           {"percent agreement", "百分比一致性", "百分比一致性"},
	"noteStat.alpha_ci95":                  {"α's bootstrap interval", "α 的自助法置信区间", "α 的拔靴法信賴區間"},
	"noteStat.krippendorff_alpha_nominal":  {"nominal α", "定类 α", "名目 α"},
	"noteStat.krippendorff_alpha_ordinal":  {"ordinal α", "定序 α", "順序 α"},
	"noteStat.krippendorff_alpha_interval": {"interval α", "定距 α", "等距 α"},
	"noteStat.krippendorff_alpha_ratio":    {"ratio α", "定比 α", "比率 α"},
	"noteStat.krippendorff_alpha_masi":     {"MASI α", "MASI α 系数", "MASI α 係數"},
	// The general conventions (agreement.GeneralConventionKeys), as the Summary names them.
	"topic.scope":        {"Missing data", "缺失值", "遺漏值"},
	"topic.single_label": {"Overall figures", "总体数值", "整體數值"},
	"topic.precision":    {"Standard errors, intervals and p-values", "标准误、置信区间与 p 值", "標準誤、信賴區間與 p 值"},
	// A coefficient's precision, beside it: its columns (of a title) and, on the Overall sheet,
	// their headers; an interval's limits.
	"col.se":          {"%s SE", "%s 标准误", "%s 標準誤"},
	"col.ciLow":       {"%s 95%% CI low", "%s 95%% 置信区间下限", "%s 95%% 信賴區間下限"},
	"col.ciHigh":      {"%s 95%% CI high", "%s 95%% 置信区间上限", "%s 95%% 信賴區間上限"},
	"col.p":           {"%s p", "%s p 值", "%s p 值"},
	"col.low":         {"%s low", "%s 下限", "%s 下限"},
	"col.high":        {"%s high", "%s 上限", "%s 上限"},
	"col.seShort":     {"SE", "标准误", "標準誤"},
	"col.ciLowShort":  {"95% CI low", "95% 置信区间下限", "95% 信賴區間下限"},
	"col.ciHighShort": {"95% CI high", "95% 置信区间上限", "95% 信賴區間上限"},
	"col.pShort":      {"p", "p 值", "p 值"},

	// The plain-language explanation of each statistic (agreement.Statistic.Explanation) and
	// general convention, before the engine's convention; English is the engine's, which
	// TestStatisticsAreTheTable holds these to.
	"plain.scope": {"A coder who did not review a turn is missing there, not counted as disagreeing.",
		"某位编码员未审阅的话轮，在该处记为缺失，而不算作不一致。",
		"某位編碼員未審閱的話輪，在該處記為遺漏，而不算作不一致。"},
	"plain.precision": {"How far each coefficient may be from its value over all the turns that could have been coded: its standard error, " +
		"the range that holds it with 95% confidence, and the chance of a value this high if the coders agreed only by chance (p).",
		"每个系数与其在所有可编码话轮上的值可能相差多少：其标准误、以 95% 把握包含该值的区间，以及编码员若只是偶然一致、得到这么高的值的概率（p 值）。",
		"每個係數與其在所有可編碼話輪上的值可能相差多少：其標準誤、以 95% 信心包含該值的區間，以及編碼員若只是機遇一致、得到這麼高的值的機率（p 值）。"},
	"plain.percent_agreement": {"How often the coders agree, with no allowance for agreement by chance; shown as a percentage, stored as a proportion.",
		"编码员判断一致的频率，未校正偶然一致；以百分数显示，以比例存储。",
		"編碼員判斷一致的頻率，未校正機遇一致；以百分比顯示，以比例儲存。"},
	"plain.cohen_kappa": {"Agreement beyond chance for a pair of coders, chance taken from each coder's own use of the codes: 1 is perfect, 0 is chance level, below 0 worse than chance.",
		"一对编码员超出偶然水平的一致性，偶然一致按每位编码员各自使用代码的比例计算：1 为完全一致，0 为偶然水平，低于 0 则比偶然还差。",
		"一對編碼員超出機遇水準的一致性，機遇一致依每位編碼員各自使用代碼的比例計算：1 為完全一致，0 為機遇水準，低於 0 則比機遇還差。"},
	"plain.conger_kappa": {"Cohen's κ for any number of coders: agreement beyond chance, chance taken from each coder's own use of the codes.",
		"适用于任意人数编码员的 Cohen κ 系数：超出偶然水平的一致性，偶然一致按每位编码员各自使用代码的比例计算。",
		"適用於任意人數編碼員的 Cohen κ 係數：超出機遇水準的一致性，機遇一致依每位編碼員各自使用代碼的比例計算。"},
	"plain.scott_pi": {"Like Cohen's κ, with chance taken from the two coders' pooled use of the codes.",
		"与 Cohen κ 系数相似，但偶然一致按两位编码员合并后的代码使用比例计算。",
		"與 Cohen κ 係數相似，但機遇一致依兩位編碼員合併後的代碼使用比例計算。"},
	"plain.fleiss_kappa": {"Scott's π extended to any number of coders.",
		"Scott π 系数推广到任意人数编码员的形式。",
		"Scott π 係數推廣到任意人數編碼員的形式。"},
	"plain.gwet_ac1": {"A chance-corrected agreement that stays stable when a code is very rare or very common, where κ can be low despite high agreement.",
		"一种校正偶然一致的系数，在某个代码极少或极常出现时仍保持稳定；此时即使一致性很高，κ 系数也可能偏低。",
		"一種校正機遇一致的係數，在某個代碼極少或極常出現時仍保持穩定；此時即使一致性很高，κ 係數也可能偏低。"},
	"plain.brennan_prediger": {"Agreement corrected for chance as if every category were equally likely.",
		"假定每个类别出现的可能性相等，据此校正偶然一致后的一致性。",
		"假定每個類別出現的可能性相等，據此校正機遇一致後的一致性。"},
	"plain.krippendorff_alpha": {"Agreement beyond chance for any number of coders, with missing data. Krippendorff (2004) advises relying on variables with α ≥ .800 " +
		"and drawing only tentative conclusions from .667 ≤ α < .800; the sheets colour α and κ by this guide (green, amber, red).",
		"适用于任意人数编码员并允许缺失值的、超出偶然水平的一致性。Krippendorff（2004）建议只采信 α ≥ .800 的变量，" +
			"对 .667 ≤ α < .800 的变量只作初步结论；各工作表按此标准为 α 和 κ 着色（绿、琥珀、红）。",
		"適用於任意人數編碼員並允許遺漏值的、超出機遇水準的一致性。Krippendorff（2004）建議只採信 α ≥ .800 的變項，" +
			"對 .667 ≤ α < .800 的變項只作初步結論；各工作表依此標準為 α 與 κ 著色（綠、琥珀、紅）。"},
	"plain.alpha_ci95": {"The range in which α lies with 95% confidence, estimated by resampling (bootstrap).",
		"以自助法（bootstrap）重抽样估计的、有 95% 把握包含 α 的区间。",
		"以拔靴法（bootstrap）重抽樣估計的、有 95% 信心包含 α 的區間。"},
	"plain.single_label": {"When every coder gave each turn at most one code, the codes are treated as one variable with several categories.",
		"当每位编码员对每个话轮至多给出一个代码时，所有代码被视为一个含多个类别的变量。",
		"當每位編碼員對每個話輪至多給出一個代碼時，所有代碼被視為一個含多個類別的變項。"},
	"plain.krippendorff_alpha_nominal": {"Krippendorff's α of the codes taken together as one variable whose categories have no order.",
		"把所有代码视为一个类别无顺序的变量时的 Krippendorff α 系数。",
		"把所有代碼視為一個類別無順序的變項時的 Krippendorff α 係數。"},
	"plain.krippendorff_alpha_ordinal": {"Krippendorff's α of the codes taken together as one variable whose categories are ranked (the codes' names are numbers).",
		"把所有代码视为一个类别有顺序的变量（代码名称为数字）时的 Krippendorff α 系数。",
		"把所有代碼視為一個類別有順序的變項（代碼名稱為數字）時的 Krippendorff α 係數。"},
	"plain.krippendorff_alpha_interval": {"Krippendorff's α of the codes taken together as one variable whose codes' names are numbers at equal distances.",
		"把所有代码视为一个变量、代码名称为等距数值时的 Krippendorff α 系数。",
		"把所有代碼視為一個變項、代碼名稱為等距數值時的 Krippendorff α 係數。"},
	"plain.krippendorff_alpha_ratio": {"Krippendorff's α of the codes taken together as one variable whose codes' names are numbers with a true zero.",
		"把所有代码视为一个变量、代码名称为有绝对零点的数值时的 Krippendorff α 系数。",
		"把所有代碼視為一個變項、代碼名稱為有絕對零點的數值時的 Krippendorff α 係數。"},
	"plain.krippendorff_alpha_masi": {"Krippendorff's α on each coder's whole set of codes for a turn, with partial credit when the sets overlap.",
		"以每位编码员对一个话轮给出的整组代码计算的 Krippendorff α 系数，两组代码部分重叠时给予部分分数。",
		"以每位編碼員對一個話輪給出的整組代碼計算的 Krippendorff α 係數，兩組代碼部分重疊時給予部分分數。"},

	// The agreement engine's conventions (agreement.Conventions), by key: English is the
	// engine's sentence, which TestConventionsAreTheEngines holds these to.
	"conv.scope": {"Per-code figures treat each code as present or absent on each unit. A unit counts " +
		"when two or more coders reviewed it; a coder who did not review a unit is missing " +
		"there, while a coder who reviewed it and gave no code said \"absent\" for every code.",
		"按代码计算的数值把每个代码在每个单元上视为“出现”或“未出现”。一个单元经两位或以上编码员审阅才计入；" +
			"未审阅某单元的编码员在该处记为缺失，而审阅了但未给出代码的编码员对每个代码都记为“未出现”。",
		"依代碼計算的數值把每個代碼在每個單元上視為「出現」或「未出現」。一個單元經兩位或以上編碼員審閱才計入；" +
			"未審閱某單元的編碼員在該處記為遺漏，而審閱了但未給出代碼的編碼員對每個代碼都記為「未出現」。"},
	"conv.percent_agreement": {"Percent agreement is a proportion from 0 to 1: the mean, over units " +
		"reviewed by two or more coders, of the share of pairs of coders who agree (Gwet 2014); " +
		"with two coders, the share of the units both reviewed on which they agree.",
		"百分比一致性是 0 到 1 之间的比例：在经两位或以上编码员审阅的单元上，判断一致的编码员对所占比例的平均值（Gwet 2014）；" +
			"只有两位编码员时，即两人都审阅过的单元中两人一致的比例。",
		"百分比一致性是 0 到 1 之間的比例：在經兩位或以上編碼員審閱的單元上，判斷一致的編碼員配對所佔比例的平均值（Gwet 2014）；" +
			"只有兩位編碼員時，即兩人都審閱過的單元中兩人一致的比例。"},
	"conv.cohen_kappa": {"Cohen's κ uses, for each pair of coders, only the units both reviewed. With " +
		"more than two coders the figure is the mean of the pairwise κ (pairs with no unit in " +
		"common are left out; if κ is undefined for any other pair the mean is undefined).",
		"Cohen κ 系数对每对编码员只使用两人都审阅过的单元。编码员多于两位时，该数值为各对编码员 κ 的平均值" +
			"（没有共同单元的编码员对不计入；若其他任何一对的 κ 无定义，则平均值无定义）。",
		"Cohen κ 係數對每對編碼員只使用兩人都審閱過的單元。編碼員多於兩位時，該數值為各對編碼員 κ 的平均值" +
			"（沒有共同單元的編碼員配對不計入；若其他任何一對的 κ 無定義，則平均值無定義）。"},
	"conv.conger_kappa": {"Conger's κ (Conger 1980) is Cohen's κ for any number of coders: chance " +
		"agreement from each coder's own distribution over the units that coder reviewed " +
		"(irrCAC's conger.kappa.raw); with two coders and no missing ratings it is Cohen's κ. " +
		"Coders who reviewed none of the units are left out.",
		"Conger κ 系数（Conger 1980）是适用于任意人数编码员的 Cohen κ 系数：偶然一致按每位编码员在其审阅过的单元上各自的分布计算" +
			"（即 irrCAC 的 conger.kappa.raw）；只有两位编码员且没有缺失评定时，它等于 Cohen κ 系数。未审阅任何单元的编码员不计入。",
		"Conger κ 係數（Conger 1980）是適用於任意人數編碼員的 Cohen κ 係數：機遇一致依每位編碼員在其審閱過的單元上各自的分布計算" +
			"（即 irrCAC 的 conger.kappa.raw）；只有兩位編碼員且沒有遺漏評定時，它等於 Cohen κ 係數。未審閱任何單元的編碼員不計入。"},
	"conv.precision": {"Standard errors, 95% intervals and p-values follow Gwet (2014, Handbook of " +
		"Inter-Rater Reliability, 4th ed.) as R's irrCAC computes them from raw ratings with " +
		"missing values, with no finite-population correction: the interval is the coefficient " +
		"± t(0.975, n − 1) standard errors, n the units reviewed by one coder or more, its upper " +
		"limit capped at 1; the p-value is one-sided, of the test that the coefficient is 0. Two " +
		"coders' Cohen's κ and Scott's π use irrCAC's contingency-table formulas over the units " +
		"both reviewed. The mean of the pairwise κ has none.",
		"标准误、95% 置信区间和 p 值依照 Gwet（2014，《Handbook of Inter-Rater Reliability》第 4 版），与 R 的 irrCAC 包从含缺失值的原始评定计算的方法相同，" +
			"不作有限总体校正：置信区间为系数 ± t(0.975, n − 1) 个标准误，n 为经一位或以上编码员审阅的单元数，上限不超过 1；" +
			"p 值为检验系数为 0 的单侧 p 值。两位编码员的 Cohen κ 系数和 Scott π 系数使用 irrCAC 基于列联表的公式，基于两人都审阅过的单元。各对 κ 的平均值没有这些值。",
		"標準誤、95% 信賴區間與 p 值依照 Gwet（2014，《Handbook of Inter-Rater Reliability》第 4 版），與 R 的 irrCAC 套件從含遺漏值的原始評定計算的方法相同，" +
			"不作有限母體校正：信賴區間為係數 ± t(0.975, n − 1) 個標準誤，n 為經一位或以上編碼員審閱的單元數，上限不超過 1；" +
			"p 值為檢定係數為 0 的單尾 p 值。兩位編碼員的 Cohen κ 係數與 Scott π 係數使用 irrCAC 以列聯表為基礎的公式，基於兩人都審閱過的單元。各對 κ 的平均值沒有這些值。"},
	"conv.scott_pi": {"Scott's π is reported for exactly two coders, over the units both reviewed; " +
		"with more coders see Fleiss' κ, its generalisation, and the pairwise figures.",
		"Scott π 系数只在恰好两位编码员时报告，基于两人都审阅过的单元；编码员更多时请看其推广形式 Fleiss κ 系数以及两两比较的数值。",
		"Scott π 係數只在恰好兩位編碼員時報告，基於兩人都審閱過的單元；編碼員更多時請看其推廣形式 Fleiss κ 係數以及兩兩比較的數值。"},
	"conv.fleiss_kappa": {"Fleiss' κ follows Gwet (2014, Handbook of Inter-Rater Reliability, 4th ed.) " +
		"for missing ratings: agreement over the units reviewed by two or more coders, chance " +
		"agreement from every rating, each unit weighted equally (as in R's irrCAC).",
		"Fleiss κ 系数对缺失评定的处理依照 Gwet（2014，《Handbook of Inter-Rater Reliability》第 4 版）：" +
			"一致性基于经两位或以上编码员审阅的单元，偶然一致基于全部评定，每个单元权重相同（与 R 的 irrCAC 包相同）。",
		"Fleiss κ 係數對遺漏評定的處理依照 Gwet（2014，《Handbook of Inter-Rater Reliability》第 4 版）：" +
			"一致性基於經兩位或以上編碼員審閱的單元，機遇一致基於全部評定，每個單元權重相同（與 R 的 irrCAC 套件相同）。"},
	"conv.gwet_ac1": {"Gwet's AC1 uses the same conventions as Fleiss' κ (Gwet 2014), with q the " +
		"number of categories: 2 per code (present, absent).",
		"Gwet AC1 系数采用与 Fleiss κ 系数相同的约定（Gwet 2014），q 为类别数：每个代码为 2（出现、未出现）。",
		"Gwet AC1 係數採用與 Fleiss κ 係數相同的約定（Gwet 2014），q 為類別數：每個代碼為 2（出現、未出現）。"},
	"conv.brennan_prediger": {"Brennan–Prediger uses chance agreement 1/q, with agreement over the " +
		"units reviewed by two or more coders (Gwet 2014); per code q = 2, which makes it PABAK.",
		"Brennan–Prediger 系数取偶然一致为 1/q，一致性基于经两位或以上编码员审阅的单元（Gwet 2014）；按代码计算时 q = 2，即 PABAK。",
		"Brennan–Prediger 係數取機遇一致為 1/q，一致性基於經兩位或以上編碼員審閱的單元（Gwet 2014）；依代碼計算時 q = 2，即 PABAK。"},
	"conv.krippendorff_alpha": {"Krippendorff's α uses only pairable values (Krippendorff 2011): units " +
		"with values from two or more coders, each unit's pairs weighted 1/(m_u − 1); values on " +
		"units reviewed by one coder are left out.",
		"Krippendorff α 系数只使用可配对的值（Krippendorff 2011）：即有两位或以上编码员给出值的单元，" +
			"每个单元的值对按 1/(m_u − 1) 加权；只有一位编码员审阅的单元上的值不计入。",
		"Krippendorff α 係數只使用可配對的值（Krippendorff 2011）：即有兩位或以上編碼員給出值的單元，" +
			"每個單元的值對依 1/(m_u − 1) 加權；只有一位編碼員審閱的單元上的值不計入。"},
	"conv.alpha_ci95": {"The 95% interval for α is the bootstrap of Hayes and Krippendorff (2007) as " +
		"their KALPHA macro computes it: resampled pairs of pairable values drawn from the " +
		"coincidence matrix (not resampled units), as many pairs per resample as the data has, " +
		"percentile limits (KALPHA 3.0's speed cap of 25 pairs per non-empty cell is not " +
		"applied); the generator is seeded, so the same data gives the same interval.",
		"α 的 95% 置信区间采用 Hayes 和 Krippendorff（2007）的自助法，与其 KALPHA 宏的算法相同：从重合矩阵中重抽可配对值的值对" +
			"（而不是重抽单元），每次重抽的值对数与数据中的相同，取百分位数界限（不采用 KALPHA 3.0 为提速而设的每个非空单元格 25 对的上限）；" +
			"随机数生成器使用固定种子，因此相同的数据得到相同的区间。",
		"α 的 95% 信賴區間採用 Hayes 與 Krippendorff（2007）的拔靴法，與其 KALPHA 巨集的算法相同：從重合矩陣中重抽可配對值的值對" +
			"（而不是重抽單元），每次重抽的值對數與資料中的相同，取百分位數界限（不採用 KALPHA 3.0 為提速而設的每個非空細格 25 對的上限）；" +
			"亂數產生器使用固定種子，因此相同的資料得到相同的區間。"},
	"conv.single_label": {"When no coder gave any unit more than one code, the codes are one " +
		"categorical variable and \"no code\" (a reviewed unit with no code) is a category of " +
		"its own, counted in q only when some coder used it; every codebook code counts in q, " +
		"used or not. Ordinal, interval and ratio α need every code name to be a number and no " +
		"\"no code\" rating.",
		"当没有任何编码员对任一单元给出多于一个代码时，所有代码构成一个类别变量，“无代码”（已审阅但未给出代码的单元）自成一类，" +
			"仅在有编码员使用时计入 q；编码本中的每个代码无论是否使用都计入 q。定序、定距和定比 α 要求每个代码名称都是数字，且没有“无代码”的评定。",
		"當沒有任何編碼員對任一單元給出多於一個代碼時，所有代碼構成一個類別變項，「無代碼」（已審閱但未給出代碼的單元）自成一類，" +
			"僅在有編碼員使用時計入 q；編碼簿中的每個代碼無論是否使用都計入 q。順序、等距與比率 α 要求每個代碼名稱都是數字，且沒有「無代碼」的評定。"},
	"conv.krippendorff_alpha_masi": {"The MASI α compares each coder's whole set of codes on a unit " +
		"with Passonneau's (2006) MASI distance; an empty set is a set like any other.",
		"MASI α 系数以 Passonneau（2006）的 MASI 距离比较每位编码员在一个单元上给出的整组代码；空集与其他集合同等对待。",
		"MASI α 係數以 Passonneau（2006）的 MASI 距離比較每位編碼員在一個單元上給出的整組代碼；空集合與其他集合同等對待。"},

	// Summary.
	"summary.item":               {"Item", "条目", "條目"},
	"summary.project":            {"Project", "项目文件", "專案檔"},
	"summary.exported":           {"Exported at (UTC)", "导出时间（UTC）", "匯出時間（UTC）"},
	"summary.coders":             {"Coders", "编码员", "編碼員"},
	"summary.nCoders":            {"Number of coders", "编码员人数", "編碼員人數"},
	"summary.scope":              {"Scope", "范围", "範圍"},
	"summary.fingerprint":        {"Codebook fingerprint", "编码本指纹", "編碼簿指紋"},
	"summary.codebookCodes":      {"Codes in the codebook", "编码本中的代码数", "編碼簿中的代碼數"},
	"summary.scopeCodes":         {"Codes in scope", "范围内的代码数", "範圍內的代碼數"},
	"summary.scopeUnits":         {"Units in scope", "范围内的单元数", "範圍內的單元數"},
	"summary.countedUnits":       {"Units counted (reviewed by two or more coders)", "计入的单元数（经两位或以上编码员审阅）", "計入的單元數（經兩位或以上編碼員審閱）"},
	"summary.mode":               {"Overall mode", "总体模式", "整體模式"},
	"summary.given":              {"Codes given (one per coder and turn)", "已赋予的代码数（每位编码员在每个话轮上各计一次）", "已賦予的代碼數（每位編碼員在每個話輪上各計一次）"},
	"summary.disagreements":      {"Disagreements (turns whose coders gave different codes)", "分歧数（编码员所给代码不同的话轮）", "分歧數（編碼員所給代碼不同的話輪）"},
	"summary.settled":            {"Consensus layer: turns settled", "共识层：已裁定的话轮", "共識層：已裁定的話輪"},
	"summary.consensusLayer":     {"Consensus layer", "共识层", "共識層"},
	"summary.noConsensus":        {"none (nothing adjudicated yet)", "无（尚未裁定任何话轮）", "無（尚未裁定任何話輪）"},
	"summary.reference":          {"Reference coder", "参照编码员", "參照編碼員"},
	"summary.referenceConsensus": {"%s (the consensus layer)", "%s（共识层）", "%s（共識層）"},
	"summary.referenceUnits":     {"Units the reference reviewed", "参照审阅过的单元数", "參照審閱過的單元數"},
	"summary.referenceConv":      {"Comparison with the reference", "与参照的比较", "與參照的比較"},
	"summary.referenceSheets": {"The Reference sheet gives each coder's agreement with the reference per code and over all codes; " +
		"Reference differences lists each turn on which a coder's codes differ from the reference's: the codes the coder missed and those the coder added.",
		"“Reference”工作表列出每位编码员与参照在每个代码上及全部代码合计的一致性；" +
			"“Reference differences”工作表列出编码员的代码与参照不同的每个话轮：编码员漏编的代码和多编的代码。",
		"「Reference」工作表列出每位編碼員與參照在每個代碼上及全部代碼合計的一致性；" +
			"「Reference differences」工作表列出編碼員的代碼與參照不同的每個話輪：編碼員漏編的代碼與多編的代碼。"},
	"summary.methods":     {"Methods paragraph", "方法段落", "方法段落"},
	"summary.methodsText": {"Ready to paste into a paper's methods section", "可直接粘贴到论文的方法部分", "可直接貼到論文的方法部分"},
	"summary.statistics":  {"The statistics and how missing data was handled", "各项统计量及缺失值的处理", "各項統計量及遺漏值的處理"},
	"summary.reading":     {"Reading this workbook", "如何阅读本工作簿", "如何閱讀本活頁簿"},
	"summary.undefined":   {"Undefined values", "无定义的值", "無定義的值"},
	"summary.undefinedText": {"A statistic that cannot be computed leaves its cell empty and shaded grey (never 0 or a word), so that R and SPSS read it as missing; " +
		"the cell's comment says why (a standard error, interval limit or p-value has one only when its reason is not its coefficient's), and so do the notes below " +
		"and, on the Overall sheet, the Note column. In R, readxl::read_excel(path, sheet) reads every numeric column as numbers.",
		"无法计算的统计量，其单元格留空并以灰色底纹标示（不会是 0 或文字），R 和 SPSS 会将其读为缺失值；原因见该单元格的批注" +
			"（标准误、置信区间界限或 p 值只在原因与其系数不同时才有批注）、下方的注释，以及“Overall”工作表的备注列。" +
			"在 R 中，readxl::read_excel(path, sheet) 会把每个数值列读为数字。",
		"無法計算的統計量，其儲存格留空並以灰色網底標示（不會是 0 或文字），R 與 SPSS 會將其讀為遺漏值；原因見該儲存格的註解" +
			"（標準誤、信賴區間界限或 p 值只在原因與其係數不同時才有註解）、下方的附註，以及「Overall」工作表的備註欄。" +
			"在 R 中，readxl::read_excel(path, sheet) 會把每個數值欄讀為數字。"},
	"summary.colours": {"Colours", "颜色", "顏色"},
	"summary.coloursText": {"Krippendorff's α and the κ statistics are filled green at .800 or above, amber from .667 to .799, red below .667, judged on the value as shown (three decimals).",
		"Krippendorff α 系数和各 κ 系数按显示的值（三位小数）着色：.800 及以上为绿色，.667 至 .799 为琥珀色，低于 .667 为红色。",
		"Krippendorff α 係數與各 κ 係數依顯示的值（小數三位）著色：.800 以上為綠色，.667 至 .799 為琥珀色，低於 .667 為紅色。"},
	"summary.numbers": {"Numbers", "数字", "數字"},
	"summary.numbersText": {"Statistics are stored at full precision and shown with three decimals (percent agreement as a percentage). " +
		"Each coefficient is followed by its standard error (SE), the low and high ends of its 95% confidence interval and its p-value, " +
		"a p-value below 0.001 shown as <0.001. Times are in UTC.",
		"统计量以完整精度存储，显示三位小数（百分比一致性显示为百分数）。每个系数之后依次是其标准误、95% 置信区间的下限和上限以及 p 值，" +
			"小于 0.001 的 p 值显示为 <0.001。时间均为 UTC。",
		"統計量以完整精度儲存，顯示小數三位（百分比一致性顯示為百分比）。每個係數之後依序是其標準誤、95% 信賴區間的下限與上限以及 p 值，" +
			"小於 0.001 的 p 值顯示為 <0.001。時間皆為 UTC。"},
	"summary.sheets": {"Sheets", "工作表", "工作表"},
	"summary.sheetsText": {"Agreement by code, Overall and Pairwise hold the figures; Confusion the category tables of each pair of coders; " +
		"Disagreements the turns to reconcile; Coding matrix one row per turn with a 0/1 column per coder and code (empty: not reviewed); " +
		"Codings one row per code given (a turn reviewed with no code has one row with an empty code); Codebook the codes; Frequencies the counts " +
		"(and the final coding, the consensus layer, when there is one); Consensus each turn the lead settled, with every coder's codes, the decision and its note. " +
		"The consensus layer never counts as a coder in the agreement figures.",
		"“Agreement by code”（按代码）、“Overall”（总体）和“Pairwise”（两两比较）工作表列出各项数值；“Confusion”列出每对编码员的类别列联表；" +
			"“Disagreements”列出需要协商的话轮；“Coding matrix”每个话轮一行，每位编码员的每个代码一列 0/1（空白：未审阅）；" +
			"“Codings”每个已赋予的代码一行（已审阅但未赋予代码的话轮有一行，代码为空）；“Codebook”列出各代码；“Frequencies”列出频次" +
			"（有共识层时也列出最终编码，即共识层）；“Consensus”列出负责人裁定的每个话轮，以及每位编码员的代码、裁定结果及其备注。" +
			"共识层在一致性数值中从不作为编码员计入。工作表名称保持英文，以便 R、SPSS 等工具按名称读取。",
		"「Agreement by code」（依代碼）、「Overall」（整體）與「Pairwise」（兩兩比較）工作表列出各項數值；「Confusion」列出每對編碼員的類別列聯表；" +
			"「Disagreements」列出需要協商的話輪；「Coding matrix」每個話輪一列，每位編碼員的每個代碼一欄 0/1（空白：未審閱）；" +
			"「Codings」每個已賦予的代碼一列（已審閱但未賦予代碼的話輪有一列，代碼為空）；「Codebook」列出各代碼；「Frequencies」列出次數" +
			"（有共識層時也列出最終編碼，即共識層）；「Consensus」列出負責人裁定的每個話輪，以及每位編碼員的代碼、裁定結果及其備註。" +
			"共識層在一致性數值中從不作為編碼員計入。工作表名稱保留英文，以便 R、SPSS 等工具依名稱讀取。"},
	"summary.long": {"Long sheets", "长工作表", "長工作表"},
	"summary.longText": {`A sheet longer than %d rows continues in "Name (2)", "Name (3)", …, each with its header.`,
		"超过 %d 行的工作表接续在“名称 (2)”“名称 (3)”……中，每部分都有表头。",
		"超過 %d 列的工作表接續在「名稱 (2)」「名稱 (3)」……中，每部分都有標題列。"},
	"summary.longTextExcel": {`A sheet longer than Excel's 1,048,576 rows continues in "Name (2)", "Name (3)", …, each with its header.`,
		"超过 Excel 上限 1,048,576 行的工作表接续在“名称 (2)”“名称 (3)”……中，每部分都有表头。",
		"超過 Excel 上限 1,048,576 列的工作表接續在「名稱 (2)」「名稱 (3)」……中，每部分都有標題列。"},
	"summary.notes": {"Notes on this data", "关于本数据的注释", "關於本資料的附註"},
	"summary.note":  {"Note", "注释", "附註"},

	// The mode of the overall figures (agreement.SingleLabel, MultiLabel).
	"mode.single": {"single-label", "单标签", "單標籤"},
	"mode.multi":  {"multi-label", "多标签", "多標籤"},

	// Overall.
	"overall.mode":     {"Mode", "模式", "模式"},
	"overall.modeNote": {"%s: %s", "%s：%s", "%s：%s"}, // the mode, and what it means
	"overall.units":    {"Units (reviewed by two or more coders)", "单元数（经两位或以上编码员审阅）", "單元數（經兩位或以上編碼員審閱）"},
	"overall.meanOfPairs": {"the mean of the pairwise κ (see Pairwise)",
		"各对编码员 κ 的平均值（见“Pairwise”工作表）", "各對編碼員 κ 的平均值（見「Pairwise」工作表）"},
	"overall.singleNote": {"no coder gave a turn more than one code: the codes are one categorical variable",
		"没有编码员对一个话轮给出多于一个代码：所有代码构成一个类别变量",
		"沒有編碼員對一個話輪給出多於一個代碼：所有代碼構成一個類別變項"},
	"overall.multiNote": {"some coder gave a turn more than one code: only percent agreement (identical code sets) and the MASI α are defined overall; see the per-code figures",
		"有编码员对一个话轮给出了多个代码：总体上只有百分比一致性（代码组完全相同）和 MASI α 系数有定义；请看按代码计算的数值",
		"有編碼員對一個話輪給出了多個代碼：整體上只有百分比一致性（代碼組完全相同）與 MASI α 係數有定義；請看依代碼計算的數值"},

	// The comparison with a reference coder (Options.Reference): the Reference sheet's columns,
	// then Reference differences'; conv.reference is agreement.ReferenceConvention, which
	// TestReferenceConventionIsTheEngines holds the English to.
	"col.notReviewed":    {"Not reviewed by the coder", "编码员未审阅的单元数", "編碼員未審閱的單元數"},
	"col.referenceGave":  {"Reference gave", "参照赋予的单元数", "參照賦予的單元數"},
	"col.coderGave":      {"Coder gave", "编码员赋予的单元数", "編碼員賦予的單元數"},
	"col.misses":         {"Misses", "漏编", "漏編"},
	"col.extras":         {"Extras", "多编", "多編"},
	"col.referenceCodes": {"Reference's codes", "参照的代码", "參照的代碼"},
	"col.coderCodes":     {"Coder's codes", "编码员的代码", "編碼員的代碼"},
	"col.missed":         {"Missed", "漏编的代码", "漏編的代碼"},
	"col.extra":          {"Extra", "多编的代码", "多編的代碼"},
	"ref.allCodes":       {"(all codes)", "（全部代码）", "（全部代碼）"},
	"conv.reference": {"Each coder is compared with the reference over the units both " +
		"reviewed: a unit the reference reviewed and the coder did not is left out (counted as not " +
		"reviewed, not as a miss), and so is a unit the reference did not review. Per code, the " +
		"code is present or absent on each unit (reviewed with no code is absent for every code); " +
		"a miss is a code the reference gave and the coder did not, an extra one the coder gave " +
		"and the reference did not. Cohen's κ, Gwet's AC1 and percent agreement come from the two " +
		"coders' contingency table, with standard errors, 95% intervals and p-values by irrCAC's " +
		"formulas for a table (kappa2.table, gwet.ac1.table, pa2.table; Gwet 2014).",
		"每位编码员与参照的比较只基于两者都审阅过的单元：参照审阅过而编码员未审阅的单元不计入（记为未审阅，而不算作漏编），参照未审阅的单元也不计入。" +
			"按代码计算时，每个代码在每个单元上视为“出现”或“未出现”（已审阅但未给出代码的单元，对每个代码都记为“未出现”）；" +
			"漏编指参照给出而编码员未给出的代码，多编指编码员给出而参照未给出的代码。Cohen κ 系数、Gwet AC1 系数和百分比一致性由两者的列联表计算，" +
			"其标准误、95% 置信区间和 p 值采用 irrCAC 基于列联表的公式（kappa2.table、gwet.ac1.table、pa2.table；Gwet 2014）。",
		"每位編碼員與參照的比較只基於兩者都審閱過的單元：參照審閱過而編碼員未審閱的單元不計入（記為未審閱，而不算作漏編），參照未審閱的單元也不計入。" +
			"依代碼計算時，每個代碼在每個單元上視為「出現」或「未出現」（已審閱但未給出代碼的單元，對每個代碼都記為「未出現」）；" +
			"漏編指參照給出而編碼員未給出的代碼，多編指編碼員給出而參照未給出的代碼。Cohen κ 係數、Gwet AC1 係數與百分比一致性由兩者的列聯表計算，" +
			"其標準誤、95% 信賴區間與 p 值採用 irrCAC 以列聯表為基礎的公式（kappa2.table、gwet.ac1.table、pa2.table；Gwet 2014）。"},

	// Confusion.
	"confusion.coders":        {"Coders", "编码员对", "編碼員配對"},
	"confusion.first":         {"First coder", "第一位编码员", "第一位編碼員"},
	"confusion.secondGave":    {"Second coder gave", "第二位编码员赋予该代码", "第二位編碼員賦予該代碼"},
	"confusion.secondNotGave": {"Second coder did not give", "第二位编码员未赋予该代码", "第二位編碼員未賦予該代碼"},
	"confusion.firstCategory": {"First coder's category", "第一位编码员的类别", "第一位編碼員的類別"},
	"confusion.gave":          {"%s gave", "%s 赋予", "%s 賦予"},
	"confusion.didNotGive":    {"%s did not give", "%s 未赋予", "%s 未賦予"},
	"confusion.none": {"No tables: agreement needs two or more coders.",
		"没有列联表：计算一致性至少需要两位编码员。", "沒有列聯表：計算一致性至少需要兩位編碼員。"},

	// Coding matrix, when it is left out.
	"matrixOmit.columns": {"it would need %d columns, more than Excel's %d",
		"需要 %d 列，超过 Excel 的上限 %d 列", "需要 %d 欄，超過 Excel 的上限 %d 欄"},
	"matrixOmit.cells": {"it would have %d cells, more than the %d turncoder writes",
		"将有 %d 个单元格，超过 turncoder 写入的上限 %d 个", "將有 %d 個儲存格，超過 turncoder 寫入的上限 %d 個"},
	"matrixOmit.text": {"The coding matrix (a 0/1 column for each of %d coders × %d codes) is left out: %s. The Codings sheet holds the same codings, one row each; or export fewer coders or codes (--coders, --codes).",
		"编码矩阵（%d 位编码员 × %d 个代码，每项一列 0/1）未导出：%s。“Codings”工作表以每条编码一行的形式包含同样的编码；也可以减少导出的编码员或代码（--coders、--codes）。",
		"編碼矩陣（%d 位編碼員 × %d 個代碼，每項一欄 0/1）未匯出：%s。「Codings」工作表以每筆編碼一列的形式包含同樣的編碼；也可以減少匯出的編碼員或代碼（--coders、--codes）。"},

	// Codebook.
	"codebook.label":      {"Chinese label", "中文名称", "中文名稱"},
	"codebook.definition": {"Definition", "定义", "定義"},
	"codebook.inclusion":  {"Inclusion", "纳入标准", "納入標準"},
	"codebook.exclusion":  {"Exclusion", "排除标准", "排除標準"},
	"codebook.example":    {"Example", "示例", "範例"},
	"codebook.colour":     {"Colour", "颜色", "顏色"},
	"codebook.shortcut":   {"Shortcut", "快捷键", "快速鍵"},
	"codebook.parent":     {"Parent", "上级代码", "上層代碼"},

	// Frequencies.
	"freq.byCoder":   {"Codes given by each coder", "各编码员赋予的代码", "各編碼員賦予的代碼"},
	"freq.bySpeaker": {"By speaker (codes given to the speaker's turns, all coders)", "按说话人（赋予该说话人话轮的代码，全部编码员）", "依說話人（賦予該說話人話輪的代碼，全部編碼員）"},
	"freq.byRole":    {"By role (all coders)", "按角色（全部编码员）", "依角色（全部編碼員）"},
	"freq.byDoc":     {"By document (all coders)", "按文档（全部编码员）", "依文件（全部編碼員）"},
	"freq.settled":   {"%d of %d turns settled", "已裁定 %d 个话轮，共 %d 个", "已裁定 %d 個話輪，共 %d 個"},
	"freq.consSpeaker": {"Final coding: the consensus layer by speaker (%s)",
		"最终编码：按说话人的共识层（%s）", "最終編碼：依說話人的共識層（%s）"},
	"freq.consRole":  {"Final coding by role (consensus layer)", "最终编码，按角色（共识层）", "最終編碼，依角色（共識層）"},
	"freq.consDoc":   {"Final coding by document (consensus layer)", "最终编码，按文档（共识层）", "最終編碼，依文件（共識層）"},
	"freq.others":    {"%d others", "其他 %d 个", "其他 %d 個"},
	"chart.title":    {"Codes by speaker (codes given, all coders)", "各说话人的代码（已赋予的代码，全部编码员）", "各說話人的代碼（已賦予的代碼，全部編碼員）"},
	"chart.top":      {"Codes by speaker: the %d speakers with the most codes", "各说话人的代码：代码最多的 %d 位说话人", "各說話人的代碼：代碼最多的 %d 位說話人"},
	"chart.topCodes": {"Codes by speaker: the %d codes given most", "各说话人的代码：赋予次数最多的 %d 个代码", "各說話人的代碼：賦予次數最多的 %d 個代碼"},
	"chart.topBoth": {"Codes by speaker: the %d codes given most, for the %d speakers with the most codes",
		"各说话人的代码：赋予次数最多的 %d 个代码，代码最多的 %d 位说话人", "各說話人的代碼：賦予次數最多的 %d 個代碼，代碼最多的 %d 位說話人"},
	"chart.data": {"The chart's data: codes given to the turns of each speaker with codes (all coders)",
		"图表数据：有代码的每位说话人的话轮所获代码（全部编码员）", "圖表資料：有代碼的每位說話人的話輪所獲代碼（全部編碼員）"},

	// The analysis sheets: Codes by speaker, Codes by document, Co-occurrence.
	"an.consensus":       {"the final coding: the consensus layer, %d of %d turns settled", "最终编码：共识层，已裁定 %d 个话轮，共 %d 个", "最終編碼：共識層，已裁定 %d 個話輪，共 %d 個"},
	"an.all":             {"all coders", "全部编码员", "全部編碼員"},
	"an.countsConsensus": {"Turns given each code (%s)", "赋予各代码的话轮数（%s）", "賦予各代碼的話輪數（%s）"},
	"an.countsAll": {"Codes given, a turn counted once for each coder who gave the code (%s)",
		"已赋予的代码数，一个话轮每有一位编码员赋予该代码即计一次（%s）", "已賦予的代碼數，一個話輪每有一位編碼員賦予該代碼即計一次（%s）"},
	"an.turns":          {"Turns in scope", "范围内的话轮数", "範圍內的話輪數"},
	"an.rowPctSpeaker":  {"Row percentages: each code's codings across the speakers", "行百分比：各代码在各说话人之间的分布", "列百分比：各代碼在各說話人之間的分布"},
	"an.colPctSpeaker":  {"Column percentages: each speaker's codings across the codes", "列百分比：各说话人的代码构成", "欄百分比：各說話人的代碼構成"},
	"an.rowPctDocument": {"Row percentages: each code's codings across the documents", "行百分比：各代码在各文档之间的分布", "列百分比：各代碼在各文件之間的分布"},
	"an.colPctDocument": {"Column percentages: each document's codings across the codes", "列百分比：各文档的代码构成", "欄百分比：各文件的代碼構成"},
	"an.noShare":        {"No codings in this total: no percentage.", "该合计为 0，没有百分比。", "該合計為 0，沒有百分比。"},
	"an.cooccurrence": {"Turns in which one coder gave both codes, within a turn; the diagonal: turns given the code (%s)",
		"同一编码员在同一话轮内同时赋予两个代码的话轮数；对角线为赋予该代码的话轮数（%s）", "同一編碼員在同一話輪內同時賦予兩個代碼的話輪數；對角線為賦予該代碼的話輪數（%s）"},
	"an.cooccurrenceTop": {"Turns in which one coder gave both codes, within a turn; the diagonal: turns given the code (%s; the %d codes given to the most turns)",
		"同一编码员在同一话轮内同时赋予两个代码的话轮数；对角线为赋予该代码的话轮数（%s；赋予话轮最多的 %d 个代码）", "同一編碼員在同一話輪內同時賦予兩個代碼的話輪數；對角線為賦予該代碼的話輪數（%s；賦予話輪最多的 %d 個代碼）"},

	// A statistic's cell comment, and the workbook's title.
	"cell.undefined": {"Undefined: %s.", "无定义：%s。", "無定義：%s。"},
	"doc.title":      {"Inter-coder agreement: %s", "编码员间一致性：%s", "編碼員間一致性：%s"},

	// The scope in words (DescribeScope).
	"scope.project": {"whole project", "整个项目", "整個專案"},
	"scope.doc":     {"document %s", "文档 %s", "文件 %s"},
	"scope.section": {"section %s", "节 %s", "節 %s"},
	"scope.turns":   {"turns in the coding scope", "编码范围内的话轮", "編碼範圍內的話輪"},
	"scope.roles":   {"roles %s", "角色 %s", "角色 %s"},
	"scope.codes":   {"codes %s", "代码 %s", "代碼 %s"},
	"scope.coders":  {"coders %s", "编码员 %s", "編碼員 %s"},

	// The notes on this data (agreement.Report.Notes, made again in the workbook's language by
	// dataNotes; TestNotesAreTheEngines holds the English to the engine's).
	"note.group":       {"%s: %s undefined: %s.", "%s：无定义的有 %s，原因：%s。", "%s：無定義的有 %s，原因：%s。"},
	"note.code":        {"Code %q", "代码“%s”", "代碼「%s」"},
	"note.overall":     {"Overall", "总体", "整體"},
	"note.pair":        {"Coders %s and %s", "编码员 %s 与 %s", "編碼員 %s 與 %s"},
	"note.pairCode":    {"%s, code %q", "%s，代码“%s”", "%s，代碼「%s」"},
	"note.pairOverall": {"%s, overall", "%s，总体", "%s，整體"},
	"note.noBootstrap": {"α's 95% intervals were not computed (the bootstrap was not requested).", "未计算 α 的 95% 置信区间（未要求自助法）。", "未計算 α 的 95% 信賴區間（未要求拔靴法）。"},
	"note.bootstrap":   {"α's 95%% intervals: %d bootstrap resamples, seed %d.", "α 的 95%% 置信区间：自助法重抽样 %d 次，种子 %d。", "α 的 95%% 信賴區間：拔靴法重抽樣 %d 次，種子 %d。"},
	"note.noVariation": {"Code %q: percent agreement, Gwet's AC1 and Brennan–Prediger are 1 by their formulas because the coders agree on every unit, but the data has no variation on this code.",
		"代码“%s”：编码员在每个单元上都一致，按公式百分比一致性、Gwet AC1 系数和 Brennan–Prediger 系数均为 1，但数据在该代码上没有变异。",
		"代碼「%s」：編碼員在每個單元上都一致，依公式百分比一致性、Gwet AC1 係數與 Brennan–Prediger 係數均為 1，但資料在該代碼上沒有變異。"},
	"note.pairSummary": {"Pairs of coders, per code: %d values undefined (the first: %s): %s.",
		"编码员对，按代码：%d 个值无定义（第一个：%s）：%s。", "編碼員配對，依代碼：%d 個值無定義（第一個：%s）：%s。"},
	"note.pairFirst": {"coders %s and %s, code %q, %s", "编码员 %s 与 %s，代码“%s”，%s", "編碼員 %s 與 %s，代碼「%s」，%s"},
	"note.pairwiseOmitted": {"The pairwise figures are not computed: the data has %d coders, more than %d (%d pairs); choose fewer coders to see them.",
		"未计算两两比较的数值：数据有 %d 位编码员，超过 %d 位（%d 对）；请选择较少的编码员以查看。",
		"未計算兩兩比較的數值：資料有 %d 位編碼員，超過 %d 位（%d 對）；請選擇較少的編碼員以查看。"},
	"note.confusionOmitted": {"The confusion tables are not given: %d pairs of coders × %d categories² would be more than %d cells; choose fewer coders or codes to see them.",
		"未给出列联表：%d 对编码员 × %d 个类别² 将超过 %d 个单元格；请选择较少的编码员或代码以查看。",
		"未給出列聯表：%d 對編碼員 × %d 個類別² 將超過 %d 個細格；請選擇較少的編碼員或代碼以查看。"},
	// The notes on the precision (agreement.Report.PrecisionNotes).
	"note.noSE": {"%s: no standard error or interval for %s: %s.", "%s：没有标准误和置信区间的有 %s，原因：%s。", "%s：沒有標準誤與信賴區間的有 %s，原因：%s。"},
	"note.noP":  {"%s: no p-value for %s: %s.", "%s：没有 p 值的有 %s，原因：%s。", "%s：沒有 p 值的有 %s，原因：%s。"},
	"note.pairGaps": {"Pairs of coders, per code: %d coefficients lack a standard error or p-value; see each pair's figures for the reasons.",
		"编码员对，按代码：%d 个系数缺少标准误或 p 值；原因请看各对编码员的数值。",
		"編碼員配對，依代碼：%d 個係數缺少標準誤或 p 值；原因請看各對編碼員的數值。"},

	// Why a statistic is undefined (agreement.Value.Reason): English is the engine's sentence,
	// which TestReasonsAreTheEngines finds in reports of data that gives each.
	"reason.noUnits2":    {"no unit was reviewed by two or more coders", "没有任何单元经两位或以上编码员审阅", "沒有任何單元經兩位或以上編碼員審閱"},
	"reason.oneCategory": {"fewer than two categories were available to the coders", "编码员可用的类别少于两个", "編碼員可用的類別少於兩個"},
	"reason.noVariation": {"no variation: every rating it uses is in the same category, so chance agreement is 1 and the statistic is 0/0",
		"没有变异：所用的每个评定都属于同一类别，因此偶然一致为 1，统计量为 0/0",
		"沒有變異：所用的每個評定都屬於同一類別，因此機遇一致為 1，統計量為 0/0"},
	"reason.noExpected": {"no variation: expected disagreement is 0", "没有变异：期望不一致为 0", "沒有變異：期望不一致為 0"},
	"reason.tooManyPairs": {"with more than %d coders the pairwise figures, and so the mean of the pairwise κ, are not computed (choose fewer coders to see them); Fleiss' κ, α and AC1 are the figures for many coders",
		"编码员多于 %d 位时不计算两两比较的数值，因而也不计算各对 κ 的平均值（选择较少的编码员即可查看）；多位编码员时请看 Fleiss κ 系数、α 系数和 AC1 系数",
		"編碼員多於 %d 位時不計算兩兩比較的數值，因而也不計算各對 κ 的平均值（選擇較少的編碼員即可查看）；多位編碼員時請看 Fleiss κ 係數、α 係數與 AC1 係數"},
	"reason.needTwo": {"agreement needs two or more coders", "计算一致性至少需要两位编码员", "計算一致性至少需要兩位編碼員"},
	"reason.multi": {"multi-label data: some coder gave a unit more than one code, so the codes are not one categorical variable (see the per-code figures and the MASI α)",
		"多标签数据：有编码员对一个单元给出了多个代码，因此所有代码不构成一个类别变量（请看按代码计算的数值和 MASI α 系数）",
		"多標籤資料：有編碼員對一個單元給出了多個代碼，因此所有代碼不構成一個類別變項（請看依代碼計算的數值與 MASI α 係數）"},
	"reason.noCodeNumeric": {`some coder reviewed a unit and gave no code, and "no code" has no place on a numeric scale`,
		"有编码员审阅了一个单元但未给出代码，而“无代码”在数值尺度上没有位置",
		"有編碼員審閱了一個單元但未給出代碼，而「無代碼」在數值尺度上沒有位置"},
	"reason.noCoders":    {"the data has no coders", "数据中没有编码员", "資料中沒有編碼員"},
	"reason.oneCoder":    {"agreement needs two or more coders; the data has one", "计算一致性至少需要两位编码员；数据中只有一位", "計算一致性至少需要兩位編碼員；資料中只有一位"},
	"reason.noBootstrap": {"the bootstrap was not requested", "未要求自助法", "未要求拔靴法"},
	"reason.notComputed": {"not computed", "未计算", "未計算"},
	"reason.scottMany": {"Scott's π is for two coders; with more, Fleiss' κ is its generalisation (see the pairwise figures for π of each pair)",
		"Scott π 系数只适用于两位编码员；编码员更多时，其推广形式为 Fleiss κ 系数（各对编码员的 π 见两两比较的数值）",
		"Scott π 係數只適用於兩位編碼員；編碼員更多時，其推廣形式為 Fleiss κ 係數（各對編碼員的 π 見兩兩比較的數值）"},
	"reason.noCommon":     {"no two coders reviewed a unit in common", "没有任何两位编码员审阅过同一个单元", "沒有任何兩位編碼員審閱過同一個單元"},
	"reason.pairNoCommon": {"the two coders reviewed no unit in common", "这两位编码员没有共同审阅过的单元", "這兩位編碼員沒有共同審閱過的單元"},
	"reason.noCodes":      {"the codebook has no codes", "编码本中没有代码", "編碼簿中沒有代碼"},
	"reason.noResamples":  {"no resamples", "没有重抽样", "沒有重抽樣"},
	"reason.noNumeric":    {"the categories have no numeric values", "类别没有数值", "類別沒有數值"},
	"reason.notFinite":    {"a category's numeric value is not a finite number", "某个类别的数值不是有限数", "某個類別的數值不是有限數"},
	"reason.sameValue":    {"two categories have the same numeric value", "两个类别的数值相同", "兩個類別的數值相同"},
	"reason.bootDiagonal": {"the bootstrap needs δ² = 0 on the diagonal", "自助法要求对角线上 δ² = 0", "拔靴法要求對角線上 δ² = 0"},
	"reason.bootNominal":  {"the bootstrap is implemented for the nominal (and binary) metric", "自助法只实现了定类（及二元）度量", "拔靴法只實作了名目（及二元）度量"},
	"reason.infinite":     {"the computation did not give a finite number", "计算未得到有限数", "計算未得到有限數"},
	"reason.congerCoders": {"Conger's κ needs two or more coders who reviewed a unit", "Conger κ 系数需要至少两位审阅过单元的编码员", "Conger κ 係數需要至少兩位審閱過單元的編碼員"},
	"reason.meanPairwiseSE": {"the mean of the pairwise κ has no standard error in Gwet's framework; Conger's κ is the κ of many coders with one",
		"在 Gwet 的框架中，各对 κ 的平均值没有标准误；Conger κ 系数是有标准误的多位编码员 κ 系数",
		"在 Gwet 的架構中，各對 κ 的平均值沒有標準誤；Conger κ 係數是有標準誤的多位編碼員 κ 係數"},
	"reason.multiPA": {"multi-label data: the agreement on identical code sets has no standard error in Gwet's framework (see the per-code figures)",
		"多标签数据：在 Gwet 的框架中，代码组完全相同的一致性没有标准误（请看按代码计算的数值）",
		"多標籤資料：在 Gwet 的架構中，代碼組完全相同的一致性沒有標準誤（請看依代碼計算的數值）"},
	"reason.seFewUnits":       {"a standard error needs two or more units", "计算标准误至少需要两个单元", "計算標準誤至少需要兩個單元"},
	"reason.varianceInfinite": {"the variance did not give a finite number", "方差未得到有限数", "變異數未得到有限數"},
	"reason.varianceNegative": {"the variance came out negative", "方差为负数", "變異數為負數"},
	"reason.pZeroZero": {"the coefficient and its standard error are both 0, so the test is 0/0",
		"系数与其标准误均为 0，因此检验为 0/0", "係數與其標準誤均為 0，因此檢定為 0/0"},
	// Reasons with values: a reason of its own (%s last), a code's name, coders, numbers.
	"reason.alphaUndefined": {"α is undefined: %s", "α 无定义：%s", "α 無定義：%s"},
	"reason.referenceNoCommon": {"%s and the reference %s reviewed no unit in common",
		"%s 与参照 %s 没有共同审阅过的单元", "%s 與參照 %s 沒有共同審閱過的單元"},
	"reason.notNumber": {"the code %q is not a number (ordinal, interval and ratio α need numeric codes)",
		"代码“%s”不是数字（定序、定距和定比 α 需要数值代码）", "代碼「%s」不是數字（順序、等距與比率 α 需要數值代碼）"},
	"reason.kappaPair": {"Cohen's κ is undefined for coders %s and %s (%s), so the mean over pairs is undefined; see the pairwise figures",
		"编码员 %s 与 %s 的 Cohen κ 系数无定义（%s），因此各对的平均值无定义；请看两两比较的数值",
		"編碼員 %s 與 %s 的 Cohen κ 係數無定義（%s），因此各對的平均值無定義；請看兩兩比較的數值"},
	"reason.congerCodeSE": {"with more than %d coders the standard error of Conger's κ per code is not computed (it needs every two coders' ratings of every code); Fleiss' κ, α and AC1 have theirs",
		"编码员多于 %d 位时不计算按代码的 Conger κ 系数标准误（它需要每两位编码员对每个代码的评定）；Fleiss κ 系数、α 系数和 AC1 系数都有各自的标准误",
		"編碼員多於 %d 位時不計算依代碼的 Conger κ 係數標準誤（它需要每兩位編碼員對每個代碼的評定）；Fleiss κ 係數、α 係數與 AC1 係數都有各自的標準誤"},
	"reason.masiSets": {"the coders gave %d different code sets, more than the %d whose every two the MASI α compares (choose fewer codes or coders)",
		"编码员给出了 %d 种不同的代码组合，超过 MASI α 系数两两比较的上限 %d 种（请选择较少的代码或编码员）",
		"編碼員給出了 %d 種不同的代碼組合，超過 MASI α 係數兩兩比較的上限 %d 種（請選擇較少的代碼或編碼員）"},
	"reason.invalidCounts": {"invalid count table: %s", "计数表无效：%s", "計數表無效：%s"},
	"reason.invalidTable":  {"invalid table: %s", "表格无效：%s", "表格無效：%s"},
	"reason.invalidData":   {"the data is invalid: %s", "数据无效：%s", "資料無效：%s"},
	"reason.internal":      {"internal error: %s", "内部错误：%s", "內部錯誤：%s"},
}
