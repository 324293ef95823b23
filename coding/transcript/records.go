package transcript

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// The records of parliaments and courts, as text extracted from their PDFs (Hong Kong's
// 會議過程正式紀錄 and Official Record of Proceedings, Taiwan's 立法院公報, 人大 and court
// records, Hansards), name their speakers by office: "主席：", "陳鑑林議員：", "政務司司長：",
// "財經事務及庫務局局長 (譯文 )：", "The PRESIDENT:", "MR ALBERT HO (in Cantonese):", "THE COURT:".
// Most members speak once in a sitting, the chair between every two of them, and a speech runs
// over pages of hard-wrapped lines. So a record is told from prose by the shape of its labels
// and how they spread over the text (looksLikeRecord), and a label used only once is believed
// when it has that shape (recordLabel), but read as text when it is a clause that a line break
// left at the start of a line ("政府的回應是：…", "道：「…」"; loneLabelsAsText).

// officeTitles end the labels of records: offices, ranks and roles in a meeting or a court, in
// traditional and simplified characters.
var officeTitles = []string{
	"主席", "議員", "议员", "委員", "委员", "議長", "议长", "主委", "主任", "代表", "召集人", "主持人",
	"局長", "局长", "司長", "司长", "部長", "部长", "署長", "署长", "處長", "处长", "廳長", "厅长",
	"次長", "次长", "院長", "院长", "校長", "校长", "館長", "馆长", "所長", "所长", "組長", "组长",
	"科長", "科长", "市長", "市长", "縣長", "县长", "省長", "省长", "區長", "区长", "鎮長", "镇长",
	"村長", "村长", "會長", "会长", "社長", "社长", "隊長", "队长", "總長", "总长", "首長", "首长",
	"理事長", "理事长", "董事長", "董事长", "秘書長", "秘书长", "秘書", "秘书", "書記", "书记",
	"行政長官", "行政长官", "特首", "總理", "总理", "總統", "总统", "大使", "司令", "參事", "参事",
	"顧問", "顾问", "專員", "专员", "發言人", "发言人", "記者", "记者",
	"法官", "審判長", "审判长", "審判員", "审判员", "陪審員", "陪审员", "書記員", "书记员",
	"公訴人", "公诉人", "檢察官", "检察官", "檢察員", "检察员", "辯護人", "辩护人", "律師", "律师",
	"被告人", "被告", "原告", "上訴人", "上诉人", "申請人", "申请人", "答辯人", "答辩人", "證人", "证人",
	"鑑定人", "鉴定人", "翻譯", "翻译", "傳譯員", "传译员", "代理人",
	"先生", "女士", "小姐", "太太", "教授", "博士", "醫生", "医生", "老師", "老师", "同志",
}

// officeWords are the English offices a record's label holds as a word ("Madam Chairman",
// "The Deputy Speaker", "Secretary for Security").
var officeWords = map[string]bool{
	"president": true, "chairman": true, "chairwoman": true, "chairperson": true, "chair": true,
	"speaker": true, "secretary": true, "minister": true, "clerk": true, "court": true, "judge": true,
	"justice": true, "witness": true, "counsel": true, "prosecutor": true, "attorney": true,
	"commissioner": true, "senator": true, "representative": true, "member": true, "deputy": true,
	"governor": true, "mayor": true, "councillor": true, "councilor": true, "magistrate": true,
	"coroner": true, "bailiff": true, "interpreter": true, "registrar": true, "chief": true,
}

// honorifics open the name of a member or an officer in English records ("Sen. Karaba",
// "Hon. Ethuro", "Mr Smith", "Dr. Lee").
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true,
	"sen": true, "hon": true, "rep": true, "madam": true, "madame": true, "sir": true, "dame": true,
	"lord": true, "lady": true, "baroness": true, "baron": true,
}

// attendanceWords open or fill the headings of a record's attendance lists ("出席議員：",
// "列席秘書：", "MEMBERS PRESENT:", "PUBLIC OFFICERS ATTENDING:"): they name no one who speaks.
var (
	attendanceZH = []string{"出席", "缺席", "列席", "請假", "请假", "旁聽", "旁听"}
	attendanceEN = map[string]bool{"present": true, "absent": true, "attending": true, "attendance": true}
)

// clauseWords are words a speaker's name or office does not hold but a sentence does: verbs of
// saying and answering, "as follows", the possessive 的.
var clauseWords = []string{
	"的", "說", "说", "道", "云", "曰", "稱", "称", "問", "问", "答", "是", "了", "嗎", "吗", "呢",
	"表示", "指出", "認為", "认为", "如下", "以下", "下列", "下表", "包括", "引述", "提到", "提及",
	"提出", "回應", "回应", "告訴", "告诉", "強調", "强调", "呼籲", "呼吁", "要求", "建議", "建议",
	"規定", "规定", "訂明", "订明", "列明", "載有", "载有", "寫", "写", "分為", "分为",
	"質詢", "质询", "告知", "負責", "负责",
}

// clauseWordsEN are English words that make a label a clause ("as follows", "he said").
var clauseWordsEN = map[string]bool{
	"said": true, "says": true, "say": true, "asked": true, "asks": true, "replied": true,
	"replies": true, "answered": true, "answers": true, "stated": true, "states": true,
	"noted": true, "added": true, "wrote": true, "writes": true, "reads": true, "follows": true,
	"following": true, "include": true, "includes": true, "including": true, "is": true, "are": true,
	"was": true, "were": true, "be": true, "that": true, "which": true, "as": true, "told": true,
}

var (
	// A question's number before a record's label: "1. 陳志全議員：", "12. MR CHAN:".
	questionNumber = regexp.MustCompile(`^[0-9０-９]{1,3}[.．]\s*`)
	// An annotation after a record's label, about the language or the capacity it was said in:
	// "(譯文 )", "(in Cantonese)", "(在發展局局長缺席期間 )".
	labelAnnotation = regexp.MustCompile(`\s*[(（][^()（）]{1,30}[)）]$`)
)

// recordBody is a label without a question's number before it and an annotation after it.
func recordBody(label string) string {
	body := strings.TrimSpace(labelAnnotation.ReplaceAllString(label, ""))
	return strings.TrimSpace(questionNumber.ReplaceAllString(body, ""))
}

// recordLabel reports whether label has the shape of a speaker in a record: it ends in an
// office title ("陳鑑林議員", "財經事務及庫務局局長", "審判長"), or, in English, it is written in
// capitals as Hansards and court transcripts write names ("MR ALBERT HO", "The PRESIDENT",
// "THE COURT", "MR. SMITH"), holds an office ("Madam Speaker", "Secretary for Security") or
// is a name after an honorific ("Sen. Karaba", "Mr Smith").
// An attendance heading ("出席議員", "MEMBERS PRESENT") is none.
func recordLabel(label string) bool {
	body := recordBody(label)
	if body == "" || attendanceHeading(body) {
		return false
	}
	if strings.ContainsFunc(body, isWide) {
		for _, t := range officeTitles {
			if strings.HasSuffix(body, t) {
				return true
			}
		}
		return false
	}
	words := strings.Fields(body)
	upper, letters := 0, 0
	for _, r := range body {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	// Capitals, allowing a "The" or "Mr" before them ("The PRESIDENT", "Mr JAMES TO").
	if letters >= 2 {
		last := words[len(words)-1]
		if strings.ToUpper(last) == last && upper*10 >= letters*7 {
			return true
		}
	}
	// A name after an honorific ("Sen. Karaba", "Mr Smith").
	if len(words) >= 2 && honorifics[strings.ToLower(strings.TrimSuffix(words[0], "."))] {
		r, _ := utf8.DecodeRuneInString(words[1])
		return unicode.IsUpper(r)
	}
	// An office among the words, but not a transcription tool's numbered "Speaker 2".
	office := false
	for _, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return false
		}
		office = office || officeWords[strings.ToLower(strings.Trim(w, ".,'’"))]
	}
	r, _ := utf8.DecodeRuneInString(body)
	return office && unicode.IsUpper(r)
}

// attendanceHeading reports whether body heads an attendance list ("出席議員", "缺席委員",
// "列席秘書", "MEMBERS ABSENT", "CLERKS IN ATTENDANCE").
func attendanceHeading(body string) bool {
	for _, p := range attendanceZH {
		if strings.HasPrefix(body, p) {
			return true
		}
	}
	for _, w := range strings.Fields(body) {
		if attendanceEN[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// recordSpeaker is the speaker a record's label names: the label without a question's number
// and a language or capacity annotation ("1. 陳志全議員" and "陳志全議員 (譯文 )" are
// 陳志全議員), normalised. Other labels are only normalised: a Zoom suffix ("(Host)") stays.
func recordSpeaker(label string) string {
	if recordLabel(label) {
		return coding.NormalizeLabel(recordBody(label))
	}
	return coding.NormalizeLabel(label)
}

// clauseLabel reports whether a label reads as words of a sentence rather than as a name: it
// heads an attendance list, or holds a verb of saying, "as follows" or a possessive
// ("政府的回應是", "司馬光又表示", "答覆如下", "he said", "as follows"), or, in English, begins
// in lower case.
func clauseLabel(label string) bool {
	body := recordBody(label)
	if attendanceHeading(body) {
		return true
	}
	if strings.ContainsFunc(body, isWide) {
		for _, w := range clauseWords {
			if strings.Contains(body, w) {
				return true
			}
		}
		return false
	}
	if r, _ := utf8.DecodeRuneInString(body); unicode.IsLower(r) {
		return true
	}
	for _, w := range strings.Fields(body) {
		if clauseWordsEN[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// nameLike reports whether a label reads as a person's name: two to four Han characters
// ("陳偉業"), or up to four capitalised words or numbers ("John Smith", "Speaker 2").
func nameLike(label string) bool {
	body := recordBody(label)
	if strings.ContainsFunc(body, isWide) {
		n := 0
		for _, r := range body {
			if !unicode.Is(unicode.Han, r) && r != '·' && r != '・' {
				return false
			}
			n++
		}
		return n >= 2 && n <= 4
	}
	words := strings.Fields(body)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// loneLabels finds the lines that start with "something：" but are text, not a speaker's
// turn. Such a label is used on no other line, in a document where some speaker's label
// recurs, and:
//   - it reads as a clause (clauseLabel: "政府的回應是：…", "答覆如下：");
//   - or the line before runs on without ending its sentence, and the label is one character
//     before a quotation ("道：「…」") or that line is a full line of a hard-wrapped column ("…政府可否告" then
//     "知本會：");
//   - or the document is a record (most labelled lines name an office: "主席", "陳鑑林議員",
//     "MR ALBERT HO") and the label names none ("資料來源：", "功能團體：").
//
// A record's label (recordLabel) is believed however seldom it is used, unless it reads as a
// clause and the full line before it runs on ("…在當" then "時質詢屋宇署署長：…").
//
// What that takes of the whole document (how often each label is used, whether it is a
// record, the width of its column) is read in one pass by findLoneLabels; the turn reader
// then asks why, line by line, whether a line is text (loneLabels.why).
//
// marks are what markup says of the lines (nil for plain text): a label in bold or a heading
// (markLabel) is a speaker by the writer's own word, never read as text.
type loneLabels struct {
	facts     labelFacts
	marks     []lineMark
	drop      []int          // lines dropped as running headers (findRunning), in order
	counts    map[string]int // labelled lines by speaker
	recurring bool           // some speaker's label recurs
	record    bool           // most labelled lines name an office
	column    int            // the width of a full line where the text is hard-wrapped, or 0
	cache     labelCache     // what the rules said of the texts before a colon
}

// dropped tells whether line i was dropped as a running header or footer.
func (l *loneLabels) dropped(i int) bool {
	if len(l.drop) == 0 {
		return false
	}
	k := sort.SearchInts(l.drop, i)
	return k < len(l.drop) && l.drop[k] == i
}

// label is the label line i (raw, as read) starts with, as the lone-label rules see lines:
// none on a blank line, a page number, a dropped line, a header or a note.
func (l *loneLabels) label(i int, raw string) lineLabel {
	s := trimLine(raw)
	if s == "" || isPageNumber(s) || l.dropped(i) {
		return lineLabel{}
	}
	switch mark := markAt(l.marks, i); mark.kind {
	case markNone:
		if !isHeader(s) && !isNoteStart(s) {
			label, rest, ok := splitLabelIn(s, l.cache)
			return lineLabel{label: label, rest: rest, ok: ok}
		}
	case markLabel:
		return lineLabel{label: mark.label, rest: mark.rest, ok: true}
	}
	return lineLabel{}
}

// counts tells whether line i is one the rules read (not blank, a page number or dropped):
// such a line is the line before the next labelled one.
func (l *loneLabels) counted(i int, s string) bool {
	return s != "" && !isPageNumber(s) && !l.dropped(i)
}

// findLoneLabels reads the lines of src once for what loneLabels needs of the whole
// document; drop are the lines findRunning dropped.
func findLoneLabels(src lineSource, drop []int, facts labelFacts, marks []lineMark) (*loneLabels, error) {
	l := &loneLabels{facts: facts, marks: marks, drop: drop, counts: map[string]int{}, cache: labelCache{}}
	var (
		found   int
		records int
		prev    string
		runsOn  = map[string]bool{} // speakers with a labelled line after a line that runs on
		widths  = map[int]int{}     // how many lines that end no sentence have each width
		nwidths int
	)
	r := src.open()
	for i := 0; ; i++ {
		raw, ok := r.next()
		if !ok {
			break
		}
		s := trimLine(raw)
		if !l.dropped(i) && !endsSentence(s) {
			if w := displayWidth(s); w >= minColumn {
				widths[w]++
				nwidths++
			}
		}
		if !l.counted(i, s) {
			continue
		}
		if lab := l.label(i, raw); lab.ok {
			f := facts.of(lab.label)
			l.counts[f.speaker]++
			if f.record {
				records++
			}
			found++
			if prev != "" && !endsFullStop(prev) {
				runsOn[f.speaker] = true
			}
		}
		prev = s
	}
	if err := r.err(); err != nil {
		return nil, err
	}
	for _, n := range l.counts {
		l.recurring = l.recurring || n >= 2
	}
	if !l.recurring {
		return l, nil
	}
	l.record = records >= 3 && records*10 >= found*6
	// The width of a full line, where the text is hard-wrapped in a column: the upper quartile
	// of the lines that end no sentence, when there are enough of them to tell. Only a label
	// after a line that runs on asks for it.
	for key := range runsOn {
		if l.record || l.counts[key] == 1 {
			if nwidths >= 5 {
				l.column = quantile(widths, nwidths*3/4)
			}
			break
		}
	}
	return l, nil
}

// quantile is the value of rank k (from 0) among the values counted in hist.
func quantile(hist map[int]int, k int) int {
	values := make([]int, 0, len(hist))
	for v := range hist {
		values = append(values, v)
	}
	sort.Ints(values)
	for _, v := range values {
		if k < hist[v] {
			return v
		}
		k -= hist[v]
	}
	return 0
}

// why says why line i, which starts with the label lab, is text and not a turn, or "" when it
// is a turn (a sentence of say, or nil); prev is the line before it that the rules read
// (counted), "" at the start.
func (l *loneLabels) why(i int, lab lineLabel, prev string) error {
	if !l.recurring || !lab.ok || markAt(l.marks, i).kind == markLabel {
		return nil
	}
	f := l.facts.of(lab.label)
	prevRunsOn := prev != "" && !endsFullStop(prev)
	lone := l.counts[f.speaker] == 1
	full := prevRunsOn && l.column > 0 && displayWidth(prev) >= l.column-6
	var why error
	switch {
	case f.record:
		if lone && full && f.clause {
			why = say.Errorf("it reads as a clause, and the full line before it runs on without ending its sentence")
		}
	case f.clause && (lone || l.record):
		why = say.Errorf("it reads as a clause, not a name")
	case prevRunsOn && f.single && (lone || full) && opensQuote(lab.rest):
		// "道：「…」": a verb of saying with its quotation, where a line broke. A
		// one-letter label with plain words after it is a speaker ("A：你好" then
		// "B：您好" after a greeting without a full stop).
		why = say.Errorf("it is one character before a quotation, and the line before it runs on without ending its sentence")
	case full && (lone || l.record):
		why = say.Errorf("the full line before it runs on without ending its sentence")
	case l.record && lone:
		why = say.Errorf("this record names its speakers by their office, and it names none")
	}
	switch {
	case why == nil:
		return nil
	case lone:
		return say.Errorf("no other line has that label, and %v", why)
	}
	return say.Errorf("%d lines have that label, but in this record %v", l.counts[f.speaker], why)
}

// opensQuote tells whether s starts with an opening quotation mark.
func opensQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("“「『\"‘《", r)
}

// lineLabel is a line's label and the text after it, when it starts with one.
type lineLabel struct {
	label, rest string
	ok          bool
}

// labelFacts remembers, for each label as written, the speaker it names and whether it is a
// record's: labels repeat, and the rules take regular expressions.
type labelFacts map[string]labelFact

type labelFact struct {
	speaker string
	record  bool // recordLabel
	clause  bool // clauseLabel
	single  bool // one character, without a question's number and an annotation
}

func (m labelFacts) of(label string) labelFact {
	f, ok := m[label]
	if !ok {
		f = labelFact{speaker: recordSpeaker(label), record: recordLabel(label), clause: clauseLabel(label),
			single: utf8.RuneCountInString(recordBody(label)) == 1}
		m[label] = f
	}
	return f
}

// trimLine trims white space and byte order marks from a line.
func trimLine(raw string) string {
	return strings.TrimFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
}

// loneLabelWarning says that line, which starts like a speaker's turn, was read as text, and
// why, naming the line.
func loneLabelWarning(lineNo int, line string, why, done error) coding.Warning {
	if r := []rune(line); len(r) > 40 {
		line = string(r[:40]) + "…"
	}
	label, _, _ := splitLabel(line)
	return coding.Warn(lineNo, say.Errorf("%s is read as text, not as a turn of speaker %s: %v; %v", quoted(line), quoted(label), why, done))
}

// recordWindows is how many stretches looksLikeRecord cuts a text into.
const recordWindows = 8

// labelledLine is a line that starts with a label, for looksLikeRecord: its position among the
// non-blank lines, its speaker, whether the label is a record's (recordLabel) and whether it is
// Latin in lower case.
type labelledLine struct {
	pos    int
	key    string
	record bool
	lower  bool // a Latin label in lower case
}

// looksLikeRecord tells a record, or a transcript of long turns, from prose by its labels,
// where long speeches hard-wrapped over many lines leave labelled lines a small share of the
// lines. It cuts the text into recordWindows equal stretches and asks either:
//   - that labels of offices (recordLabel) run through the text: four lines at least, a third
//     of the labelled lines, two speakers or more, one of them more than once ("主席") or
//     four speakers or more, in half the stretches at least;
//   - or that a few speakers take turns through it: two labels at least recur (not Latin in
//     lower case, as "src:" in code), and their lines, six at least and seven in ten of the
//     labelled lines, stand in six stretches of eight.
//
// A list of office holders ("组长：朱嫣红 组员：…", eight lines at the end of a feature) or a
// few "他说：" in an article does neither.
func looksLikeRecord(found []labelledLine, counts map[string]int, nonblank int) bool {
	// stretches counts the stretches that hold a line keep takes, and the lines it takes.
	stretches := func(keep func(labelledLine) bool) (in, lines int) {
		var seen [recordWindows]bool
		for _, f := range found {
			if keep(f) {
				lines++
				w := min((f.pos-1)*recordWindows/max(nonblank, 1), recordWindows-1)
				if !seen[w] {
					seen[w] = true
					in++
				}
			}
		}
		return in, lines
	}
	speakers := map[string]bool{}
	recurring := map[string]bool{}
	for _, f := range found {
		if f.record {
			speakers[f.key] = true
		}
		if counts[f.key] >= 2 {
			recurring[f.key] = true
		}
	}
	recurringRecord := false
	for k := range speakers {
		recurringRecord = recurringRecord || recurring[k]
	}
	in, records := stretches(func(f labelledLine) bool { return f.record })
	if records >= 4 && records*3 >= len(found) && len(speakers) >= 2 && (recurringRecord || len(speakers) >= 4) && in*2 >= recordWindows {
		return true
	}
	// Speakers are named; "src:" and "err:" in code, "met:" in a sentence are not.
	named := map[string]bool{}
	for _, f := range found {
		if recurring[f.key] && !f.lower {
			named[f.key] = true
		}
	}
	in, lines := stretches(func(f labelledLine) bool { return named[f.key] })
	return len(named) >= 2 && lines >= 6 && lines*10 >= len(found)*7 && in*8 >= recordWindows*6
}
