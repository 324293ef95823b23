package transcript

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
)

// proseSeed describes what ParseProse must make of one seed file.
type proseSeed struct {
	name  string
	items int
	// unfinished lists, by first line, the paragraphs of more than 40 runes that do not end a
	// sentence; each is explained where the seed is tested.
	unfinished []int
}

var proseSeeds = []proseSeed{
	{name: "001_eb810e1110304a78", items: 93},
	{name: "002_0560d1e89a0cc262", items: 65},
	// 631: the column breaks off at "…胡师傅一起，开" and goes on at line 933 ("启了一天的派送
	//工作。") after the team list, photo credits and the next day's entry; that order is the
	// source's.
	{name: "003_89049800404044df", items: 130, unfinished: []int{631}},
	// 1: the page headline, two lines joined, 41 runes and no full stop; 238: a paragraph that
	// ends in its reporter's name, "…新情况新问题。 （钱培坚）".
	{name: "004_9788c5d2705d02c4", items: 33, unfinished: []int{1, 238}},
}

func readSeed(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../seeds/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// checkProse checks the invariants every result of ParseProse keeps: items are non-empty
// paragraphs in source order, no item is a page number, and no text is lost.
func checkProse(t *testing.T, text string, items []coding.Item) {
	t.Helper()
	last := 0
	for i, it := range items {
		if it.Kind != coding.KindTurn || it.Speaker != "" {
			t.Errorf("item %d: kind %v, speaker %q; want a turn with no speaker", i, it.Kind, it.Speaker)
		}
		if strings.TrimSpace(it.Text) == "" {
			t.Errorf("item %d (line %d): empty text", i, it.Line)
		}
		if isPageNumber(it.Text) {
			t.Errorf("item %d (line %d): page number %q kept", i, it.Line, it.Text)
		}
		if it.Line <= last {
			t.Errorf("item %d: line %d does not follow line %d", i, it.Line, last)
		}
		last = it.Line
	}
	checkNoTextLost(t, text, items)
}

// checkNoTextLost checks that every character of text other than white space, a leading byte
// order mark and lines that are page numbers or running headers appears in the items, in
// order, and nothing else.
func checkNoTextLost(t *testing.T, text string, items []coding.Item) {
	t.Helper()
	text = strings.TrimPrefix(strings.ToValidUTF8(text, "\uFFFD"), "\uFEFF")
	var want []rune
	lines := splitLines(text)
	running, _ := runningHeaders(lines)
	for i, line := range lines {
		if isPageNumber(line) || running != nil && running[i] {
			continue
		}
		want = appendVisible(want, line)
	}
	var got []rune
	for _, it := range items {
		got = appendVisible(got, it.Text)
	}
	if string(got) == string(want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Fatalf("text lost or changed at character %d: input has %q, output %q",
		i, string(want[i:min(len(want), i+20)]), string(got[i:min(len(got), i+20)]))
}

func appendVisible(rs []rune, s string) []rune {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			rs = append(rs, r)
		}
	}
	return rs
}

// itemAt returns the item that begins on source line n.
func itemAt(t *testing.T, items []coding.Item, n int) string {
	t.Helper()
	for _, it := range items {
		if it.Line == n {
			return it.Text
		}
	}
	t.Fatalf("no item begins on line %d", n)
	return ""
}

func TestParseProseSeeds(t *testing.T) {
	for _, seed := range proseSeeds {
		t.Run(seed.name, func(t *testing.T) {
			text := readSeed(t, seed.name)
			items, _ := ParseProse(text)
			checkProse(t, text, items)
			if len(items) != seed.items {
				t.Errorf("%d items, want %d", len(items), seed.items)
			}
			var unfinished []int
			for _, it := range items {
				if utf8.RuneCountInString(it.Text) > 40 && !endsSentence(it.Text) {
					unfinished = append(unfinished, it.Line)
				}
			}
			if !equalInts(unfinished, seed.unfinished) {
				t.Errorf("long paragraphs not ending a sentence begin on lines %v, want %v", unfinished, seed.unfinished)
			}
			if testing.Verbose() && os.Getenv("PROSE_SHOW") != "" {
				for _, it := range items {
					t.Logf("[%d] %s", it.Line, it.Text)
				}
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Seed 001: paragraphs between blank lines; six sentences broken across a blank line by a page
// or column break are joined; headings, bylines and the table-of-contents lines stay apart.
func TestParseProseBlankSeparated(t *testing.T) {
	items, warns := ParseProse(readSeed(t, "001_eb810e1110304a78"))
	if len(warns) != 0 {
		t.Errorf("warnings %v, want none", warns)
	}
	want := map[int]string{
		3:   "大庆油田掌上APP助力工会工作提质增效,实现“数据多跑路,职工少跑腿”",
		5:   "沟通,从指尖到心间",
		7:   "工会创新实践调研行",
		9:   "本报记者 张世光",
		29:  "“职工喜欢什么活动?哪些功能使用率最高?数据会告诉我们答案。”大庆油田工会新媒体负责人介绍,通过对大庆油田工会APP的用户访问量、互动时长等多项数据进行分析,能够描绘出职工在平台上的行为轨迹和偏好,成为用户体验的“晴雨表”。",
		39:  "扩资源提升数智进程",
		41:  "为了进一步提升自身效能,更好发挥作用,2025年7月,大庆油田工会APP打通了与全总数智化建设的数据接口,实现企业工会APP向“职工之家”APP转型融通。",
		91:  "重要文章",
		92:  "为实现“十五五”宏伟蓝图贡献工会力量……徐留平",
		93:  "学习贯彻党的二十届四中全会精神",
		143: "小事企业调 大事园区帮",
		155: "活动中,专业团队仔细查阅企业用工档案、规章制度文本,与企业负责人、人力资源管理人员及职工代表面对面沟通,现场解答企业在职工招聘、离职管理、工伤处理等方面的疑问,并结合典型案例进行法律解读。",
		163: "建强“两委”,发挥组织职能作用",
	}
	for line, text := range want {
		if got := itemAt(t, items, line); got != text {
			t.Errorf("line %d:\n got %s\nwant %s", line, got, text)
		}
	}
	for line, join := range map[int]string{
		61:  "向竞赛优胜者颁发高级职业技能等级证书,",
		167: "侵害职工权益事件易发的现状,从2021年开始,",
		177: "起诉至法院,企业账户被法院查封,",
	} {
		if got := itemAt(t, items, line); !strings.Contains(got, join) {
			t.Errorf("line %d: page break not joined (%q missing):\n%s", line, join, got)
		}
	}
}

// Seed 002: one paragraph or heading per line and no blank lines: every line is an item.
func TestParseProseLinePerParagraph(t *testing.T) {
	text := readSeed(t, "002_0560d1e89a0cc262")
	items, _ := ParseProse(text)
	var lines []string
	for _, l := range splitLines(text) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) != 65 || len(items) != len(lines) {
		t.Fatalf("%d items for %d non-blank lines, want 65 of each", len(items), len(lines))
	}
	for i, it := range items {
		if it.Text != lines[i] {
			t.Errorf("item %d: %q, want line %q", i, it.Text, lines[i])
		}
	}
	if items[3].Text != "机构简介" || items[3].Line != 4 {
		t.Errorf("item 3 = %+v, want the heading 机构简介 on line 4", items[3])
	}
}

// Seed 003: a narrow column, every line followed by a blank line: paragraphs rebuilt from
// sentence ends and line widths; titles, bylines, datelines and captions stay apart.
func TestParseProseDoubleSpacedColumn(t *testing.T) {
	items, warns := ParseProse(readSeed(t, "003_89049800404044df"))
	if len(warns) != 1 || !strings.Contains(warns[0].Message, "blank lines were ignored") {
		t.Errorf("warnings %v, want one about double spacing", warns)
	}
	want := map[int]string{
		1:   "蹲在基层，站在一线",
		2:   "——2022年全总机关干部蹲点的 100多个日夜",
		4:   "6 月初，2022 年全国总工会机关干部赴基层蹲点工作正式启动。按照要求，全总机关 8个组、32名干部分别前往山西、辽宁、江苏、福建、山东、广西、贵州、甘肃等地的 8个蹲点单位，开展为期3个月的蹲点工作。",
		16:  "100 多个日夜，蹲点干部们克服疫情带来的重重阻碍，脚踏实地深入企业、走到一线，在座谈中了解职工需求，在实践中创新服务方法，一次次与基层工会干部面对面，一次次与一线劳动者心贴心。",
		40:  "策划/《中国工人》编辑部 文/ 马梦婕 李双星",
		90:  "6月 15日 贵州·贵阳 蹲点第 7天",
		92:  "第一次赴企业调研",
		351: "贵州蹲点工作组人员与货车司机交谈。 蹲点工作组供图",
		777: "2000多名农民工“打包”入会",
		903: "山西蹲点工作组",
		904: "组长：朱嫣红 组员：潘英雪、曹堯、刘臣",
		929: "（原文刊载于《中国工人》2022年 10月刊）",
	}
	for line, text := range want {
		if got := itemAt(t, items, line); got != text {
			t.Errorf("line %d:\n got %s\nwant %s", line, got, text)
		}
	}
	// A paragraph whose last line ends a sentence at the full column width ("…增加工会委员数量。"):
	// the next line is indented (shorter), so a new paragraph begins there.
	if got := itemAt(t, items, 68); !strings.HasPrefix(got, "虽然企业工会组建工作存在纰漏，但是") {
		t.Errorf("line 68: %s", got)
	}
	// A first line narrowed by digits ("65 岁…") still joins its paragraph.
	if got := itemAt(t, items, 685); !strings.HasPrefix(got, "65 岁的董阿姨是社区受助家庭之一。") {
		t.Errorf("line 685: %s", got)
	}
}

// Seed 004: a wide column of full-page lines, then narrow columns, double-spaced throughout.
func TestParseProseMixedColumns(t *testing.T) {
	items, _ := ParseProse(readSeed(t, "004_9788c5d2705d02c4"))
	want := map[int]string{
		1:   "上海闵行职工维权机制从“四方联动”向“多方合作”扩展，聚焦劳动关系领域新情况新问题",
		5:   "活力 工会",
		7:   "劳动者自愿放弃缴纳社保，用人单位就能免责吗？4月中旬，上海闵行区总工会牵头组织了一次联合法律监督行动，叫停了一家保安公司与劳动者签订“放弃缴纳社会保险，并领取相应补贴”协议的行为。",
		11:  "与以往不同的是，此次行动参与联合监督的单位，在此前闵行区总工会、区人社局、区司法局、区人民法院“四方联动”的基础上，引入了区社保管理部门和区公安机关两支力量。",
		21:  "太原市总工会：",
		25:  "近日，山西省委太原市总工会推出“一揽子”优化服务职工效能新举措，未来5年内，将利用互联网优势，创新职工思想引领工作的方式方法，打造一批职工“网络红人”，建设具有太原特色的“智慧工会”，推进服务项目品牌化建设，推出一批认同度高、影响面大、带动力强的响亮品牌。",
		115: "（刘建林）",
		258: "多方联手“喊停”违法操作",
		272: "四方职责分工明确，既有侧重又有协同。",
	}
	for line, text := range want {
		if got := itemAt(t, items, line); got != text {
			t.Errorf("line %d:\n got %s\nwant %s", line, got, text)
		}
	}
}

func proseTexts(items []coding.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Text)
	}
	return out
}

func TestParseProseSynthetic(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
		lines    []int
	}{
		{
			name:  "english hard wrap",
			in:    "The union said\nit would help.\n\nA second paragraph.",
			want:  []string{"The union said it would help.", "A second paragraph."},
			lines: []int{1, 4},
		},
		{
			name:  "crlf",
			in:    "The union said\r\nit would help.\r\n\r\nA second paragraph.\r\n",
			want:  []string{"The union said it would help.", "A second paragraph."},
			lines: []int{1, 4},
		},
		{
			name:  "page numbers dropped",
			in:    "First paragraph ends here.\n\n12\n\nSecond paragraph.\n- 13 -\n\n第14页\nThird one.",
			want:  []string{"First paragraph ends here.", "Second paragraph.", "Third one."},
			lines: []int{1, 5, 9},
		},
		{
			name:  "page break inside a sentence",
			in:    "The office said the workers\n\n7\n\nwere owed forty months of insurance.",
			want:  []string{"The office said the workers were owed forty months of insurance."},
			lines: []int{1},
		},
		{
			name:  "double-spaced english",
			in:    "The union said that it\n\nwould help the workers\n\nwho were owed wages.\n\nA second paragraph\n\nbegins here.\n",
			want:  []string{"The union said that it would help the workers who were owed wages.", "A second paragraph begins here."},
			lines: []int{1, 7},
		},
		{
			// Wrapped at 60 columns, the paragraphs not separated by a blank line.
			name: "english column",
			in: "Calls to the union office in Dongying were answered by\n" +
				"officials who said the oilfield union was responsible and\n" +
				"that the city federation had no power over the company. The\n" +
				"caller was then referred to the provincial hotline, Shengli\n" +
				"Oilfield's own union and the labour bureau, where nobody\n" +
				"answered.\n" +
				"The second call went to the district office, where the\n" +
				"official on duty said she knew nothing about the case.\n",
			want: []string{
				"Calls to the union office in Dongying were answered by officials who said the oilfield union was responsible and that the city federation had no power over the company. The caller was then referred to the provincial hotline, Shengli Oilfield's own union and the labour bureau, where nobody answered.",
				"The second call went to the district office, where the official on duty said she knew nothing about the case.",
			},
			lines: []int{1, 7},
		},
		{
			// Seed 003's second and third paragraphs, single-spaced: the short last line ends the
			// first paragraph.
			name: "cjk column without blank lines",
			in: "100 多个日夜，蹲点干部们克服疫\n情带来的重重阻碍，脚踏实地深入企\n业、走到一线，在座谈中了解职工需求，\n" +
				"在实践中创新服务方法，一次次与基层\n工会干部面对面，一次次与一线劳动者\n心贴心。\n" +
				"6月 8日，贵州蹲点工作组第一个抵\n达目的地。《中国工人》以这个时间为起\n点，讲述 8个蹲点工作组的 16个蹲点“日\n" +
				"历”。他们肩负使命与担当，不断提高政\n治站位，转变工作作风，力求蹲点工作取\n得实效，真正“蹲”在基层、“站”在一线。\n",
			want: []string{
				"100 多个日夜，蹲点干部们克服疫情带来的重重阻碍，脚踏实地深入企业、走到一线，在座谈中了解职工需求，在实践中创新服务方法，一次次与基层工会干部面对面，一次次与一线劳动者心贴心。",
				"6月 8日，贵州蹲点工作组第一个抵达目的地。《中国工人》以这个时间为起点，讲述 8个蹲点工作组的 16个蹲点“日历”。他们肩负使命与担当，不断提高政治站位，转变工作作风，力求蹲点工作取得实效，真正“蹲”在基层、“站”在一线。",
			},
			lines: []int{1, 7},
		},
		{
			// Lines of about the same width with no punctuation are a list, not a column.
			name:  "list of headlines",
			in:    "山东宁阳县总分层分类推进劳动竞赛\n江西新就业形态劳动者加入工会人数创新高\n广西住房城乡建设行业社会组织联合工会成立\n滁州高新区加强主动预防化解劳动纠纷\n",
			want:  []string{"山东宁阳县总分层分类推进劳动竞赛", "江西新就业形态劳动者加入工会人数创新高", "广西住房城乡建设行业社会组织联合工会成立", "滁州高新区加强主动预防化解劳动纠纷"},
			lines: []int{1, 2, 3, 4},
		},
		{
			name:  "leading and trailing spaces trimmed",
			in:    "  \u3000标题\n\n  第一段。  \n",
			want:  []string{"标题", "第一段。"},
			lines: []int{1, 3},
		},
		{
			name:  "byte order mark",
			in:    "\uFEFF第一段。\n第二段。",
			want:  []string{"第一段。", "第二段。"},
			lines: []int{1, 2},
		},
		{
			name: "empty",
			in:   " \n\n\t\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, _ := ParseProse(c.in)
			checkProse(t, c.in, items)
			if got := proseTexts(items); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Fatalf("got %q\nwant %q", got, c.want)
			}
			for i, it := range items {
				if it.Line != c.lines[i] {
					t.Errorf("item %d begins on line %d, want %d", i, it.Line, c.lines[i])
				}
			}
		})
	}
}

func TestParseProsePageNumberWarning(t *testing.T) {
	_, warns := ParseProse("第一段。\n\n4\n\n第二段。\n")
	if len(warns) != 1 || warns[0].Line != 3 || !strings.Contains(warns[0].Message, "page number") {
		t.Errorf("warnings %v, want one about the page number on line 3", warns)
	}
}

func FuzzParseProse(f *testing.F) {
	for _, seed := range proseSeeds {
		data, err := os.ReadFile("../../seeds/" + seed.name + ".txt")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data[:min(len(data), 2000)]))
	}
	f.Add("The union said\nit would help.\n\nA second paragraph.")
	f.Add("（刘建林）\n\n“未完\n\n- 3 -\n\n用，\r\n\r\n\xff\xfe abc 。 def")
	f.Add("\uFEFF  \u3000\n")
	f.Fuzz(func(t *testing.T, text string) {
		items, _ := ParseProse(text)
		for i, it := range items {
			if strings.TrimSpace(it.Text) == "" {
				t.Fatalf("item %d: empty text", i)
			}
			if !utf8.ValidString(it.Text) {
				t.Fatalf("item %d: invalid UTF-8 %q", i, it.Text)
			}
		}
		checkNoTextLost(t, text, items)
	})
}
