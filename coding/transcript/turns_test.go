package transcript

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/turncoder/turncoder/coding"
)

func seedText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../seeds/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const seedCalls = "000_d6d2e252924e4e15"

// sections groups a parse into its sections by header title, in order.
func sections(items []coding.Item) (titles []string, turns map[string][]coding.Item) {
	turns = map[string][]coding.Item{}
	cur := ""
	for _, it := range items {
		switch it.Kind {
		case coding.KindHeader:
			cur = it.Text
			titles = append(titles, cur)
		case coding.KindTurn:
			turns[cur] = append(turns[cur], it)
		}
	}
	return titles, turns
}

func TestSeedCallsParsesIntoEightCalls(t *testing.T) {
	items, _ := ParseTurns(seedText(t, seedCalls))
	titles, turns := sections(items)
	want := []string{
		"第一通电话：东营市总工会办公室", "第二通电话：胜利油田管理局", "第三通电话：东营市总工会法工部",
		"第四通电话 联通 114 电话导航", "第五通电话：胜利石油管理局工会办公室",
		"第六通电话：胜利油田石油管理局工会维权部", "第七通电话：胜利油田石油管理局工会维权部李部长",
		"第八通电话：动力集团机械工会",
	}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("section headers:\n got %q\nwant %q", titles, want)
	}
	// Turn counts per call: the labelled lines between headers, counted independently with a
	// Python regex over the file (calls 2 and 8 reach nobody).
	counts := map[string]int{}
	for _, title := range titles {
		counts[title] = len(turns[title])
	}
	wantCounts := map[string]int{want[0]: 37, want[1]: 0, want[2]: 58, want[3]: 6, want[4]: 26, want[5]: 17, want[6]: 68, want[7]: 0}
	total := 0
	for title, n := range wantCounts {
		total += n
		if counts[title] != n {
			t.Errorf("%s: %d turns, want %d", title, counts[title], n)
		}
	}
	if len(turns[""]) != 0 {
		t.Errorf("turns before the first call: %v", turns[""])
	}
	if got := countKind(items, coding.KindTurn); got != total {
		t.Errorf("%d turns in all, want %d", got, total)
	}
}

func countKind(items []coding.Item, k coding.Kind) int {
	n := 0
	for _, it := range items {
		if it.Kind == k {
			n++
		}
	}
	return n
}

func TestSeedCallsSpeakersAreNormalised(t *testing.T) {
	items, _ := ParseTurns(seedText(t, seedCalls))
	got := map[string]int{}
	for _, it := range items {
		if it.Kind == coding.KindTurn {
			got[it.Speaker]++
		}
	}
	want := map[string]int{"CLB": 105, "东营市总工会": 48, "石油管理局工会": 34, "胜利石油管理局工会": 22, "联通 114 电话导航": 3}
	if len(got) != len(want) {
		t.Errorf("speakers %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("speaker %q: %d turns, want %d", k, got[k], n)
		}
	}
}

func findTurn(t *testing.T, items []coding.Item, prefix string) coding.Item {
	t.Helper()
	for _, it := range items {
		if strings.HasPrefix(it.Text, prefix) {
			return it
		}
	}
	t.Fatalf("no item starts with %q", prefix)
	return coding.Item{}
}

func TestSeedCallsWholeTurns(t *testing.T) {
	items, _ := ParseTurns(seedText(t, seedCalls))
	cases := []struct {
		prefix, speaker, text string
		kind                  coding.Kind
	}{
		// Hard-wrapped mid-word ("补\n\n缴社保"): joined with no space.
		{"就是想，你们这儿", "CLB", "就是想，你们这儿这个动力机械集团职工集体维权这个事儿啊，他们要求补缴社保，你们工会有没有参与啊？", coding.KindTurn},
		// The wrap falls before a phone number.
		{"不是，我不是很清楚。", "东营市总工会", "不是，我不是很清楚。你要是想，你问一下维权的话，你打那个8336878，你具体问一下。", coding.KindTurn},
		// A continuation paragraph after a blank line, under a label with spaces and digits.
		{"您好，请记录", "联通 114 电话导航", "您好，请记录，电话号码为 8553440。请记录电话号码为 8553440。", coding.KindTurn},
		// A line that starts with a space.
		{"所以，办公室这边", "CLB", "所以，办公室这边连听说都没有听说过他们职工维权的事儿？", coding.KindTurn},
		// A colon inside brackets makes a note, not a speaker.
		{"（对部长说", "", "（对部长说：中国劳工什么……）", coding.KindNote},
		// A bracketed remark wrapped over two lines stays one note.
		{"（语音播放", "", "（语音播放：“您好，中国联通 114 电话导航为您服务。宽带安装请按 6，查号请按1，支票，火车票，酒店请按……请稍后”）", coding.KindNote},
		{"——电话被挂断", "", "——电话被挂断——", coding.KindNote},
		{"拨打", "", "拨打 6080161", coding.KindNote},
		// The preamble direction wraps onto a second line.
		{"——2019年", "", "——2019年 3月 24 日，山东省东营市，胜利油田胜利动力机械有限公司拖欠社保 40个月，员工集体维权", coding.KindNote},
	}
	for _, c := range cases {
		it := findTurn(t, items, c.prefix)
		if it.Kind != c.kind || it.Speaker != c.speaker || it.Text != c.text {
			t.Errorf("item %q:\n got %v [%s] %q\nwant %v [%s] %q", c.prefix, it.Kind, it.Speaker, it.Text, c.kind, c.speaker, c.text)
		}
	}
	if it := findTurn(t, items, "喂？"); it.Label != "ＣＬＢ" || it.Line != 10 {
		t.Errorf("first turn: label %q line %d, want the label as written (ＣＬＢ) and line 10", it.Label, it.Line)
	}
}

func TestSeedCallsDropsPageNumbers(t *testing.T) {
	items, _ := ParseTurns(seedText(t, seedCalls))
	for _, it := range items {
		if isPageNumber(it.Text) {
			t.Errorf("line %d: page number %q survived", it.Line, it.Text)
		}
		// The source's page numbers (4, 9, 10) stand between turns; none may be glued to a text.
		for _, p := range []string{"。4", "。9", "。10", "？4", "？9", "？10"} {
			if strings.HasSuffix(it.Text, p) {
				t.Errorf("line %d: page number glued to %q", it.Line, it.Text)
			}
		}
	}
}

func TestTurnsEnglishAndHeaders(t *testing.T) {
	src := "Call 2: union office\r\nInterviewer: Is this the union?\r\nUnion rep: Yes. We\r\ncannot help you.\r\n\r\n[inaudible]\r\nInterviewer: Why not?\r\n12\r\nInterview 3 — follow-up\rUnion rep: See http://example.org for that.\r"
	items, warns := ParseTurns(src)
	var got []string
	for _, it := range items {
		got = append(got, it.Kind.String()+"|"+it.Speaker+"|"+it.Text)
	}
	want := []string{
		"header||Call 2: union office",
		"turn|Interviewer|Is this the union?",
		"turn|Union rep|Yes. We cannot help you.",
		"note||[inaudible]",
		"turn|Interviewer|Why not?",
		"header||Interview 3 — follow-up",
		"turn|Union rep|See http://example.org for that.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The page number is dropped with a word, as every line that reaches no item is.
	if len(warns) != 1 || warns[0].String() != "line 8: dropped 1 stray page number(s) on line(s) 8" {
		t.Errorf("warnings %v", warns)
	}
}

func TestTurnsTextBeforeFirstTurnIsANoteWithWarning(t *testing.T) {
	items, warns := ParseTurns("Transcript, 3 May\nA: hello\nB: hi")
	if items[0].Kind != coding.KindNote || items[0].Text != "Transcript, 3 May" {
		t.Errorf("first item %+v", items[0])
	}
	if len(warns) != 1 || warns[0].Line != 1 {
		t.Errorf("warnings %v, want one on line 1", warns)
	}
}

func TestLooksLikeTurns(t *testing.T) {
	if !looksLikeTurns(splitLines(seedText(t, seedCalls))) {
		t.Error("seed 000 not recognised as turns")
	}
	for _, name := range []string{"001_eb810e1110304a78", "002_0560d1e89a0cc262", "003_89049800404044df", "004_9788c5d2705d02c4"} {
		if looksLikeTurns(splitLines(seedText(t, name))) {
			t.Errorf("prose seed %s taken for turns", name)
		}
	}
}

// nonSpace keeps the characters the no-text-lost invariant counts: everything but white
// space and the colons that end speaker labels.
func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == ':' || r == '：' || r == '︰' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// checkNothingLost asserts that, apart from page numbers and running headers, every non-blank
// character of src reappears, in order, in a turn (with its label as written), note or header.
func checkNothingLost(t testing.TB, src string, items []coding.Item) {
	t.Helper()
	var want, got strings.Builder
	lines := splitLines(src)
	running, _ := runningHeaders(lines)
	for i, l := range lines {
		if !isPageNumber(l) && (running == nil || !running[i]) {
			want.WriteString(nonSpace(l))
		}
	}
	for _, it := range items {
		got.WriteString(nonSpace(it.Label))
		got.WriteString(nonSpace(it.Text))
	}
	if want.String() != got.String() {
		w, g := []rune(want.String()), []rune(got.String())
		i := 0
		for i < len(w) && i < len(g) && w[i] == g[i] {
			i++
		}
		t.Fatalf("text lost or changed at rune %d: want …%q…, got …%q…", i, string(w[max(0, i-10):min(len(w), i+10)]), string(g[max(0, i-10):min(len(g), i+10)]))
	}
}

func TestSeedCallsLosesNoText(t *testing.T) {
	src := seedText(t, seedCalls)
	items, _ := ParseTurns(src)
	checkNothingLost(t, src, items)
}

func FuzzParseTurns(f *testing.F) {
	f.Add(seedText(f, seedCalls))
	f.Add("A: x\n\n（b：c\nd）\n——e\nf——\n4\nCall 1:\nB：y")
	f.Add("第一通电话：x\n拨打 123\n（\n（\n（\nA:")
	f.Fuzz(func(t *testing.T, src string) {
		items, _ := ParseTurns(src)
		for _, it := range items {
			if it.Kind == coding.KindTurn && strings.TrimSpace(it.Text) == "" {
				t.Fatalf("empty turn %+v", it)
			}
		}
		checkNothingLost(t, src, items)
	})
}

// BenchmarkParseTurns parses the seed transcript repeated to about 2 MB.
func BenchmarkParseTurns(b *testing.B) {
	src := strings.Repeat(seedText(b, seedCalls), 100)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ParseTurns(src)
	}
}

// TestOneLetterSpeakersAfterAGreeting: "B：" after a greeting without a full stop is a speaker,
// not words of A's turn (a one-character label is text only before a quotation, "道：「…」").
func TestOneLetterSpeakersAfterAGreeting(t *testing.T) {
	items, warns := ParseTurns("A：你好\nB：您好，这里是总工会。\nA：再见\n")
	if len(items) != 3 || items[1].Speaker != "B" || items[1].Text != "您好，这里是总工会。" || len(warns) != 0 {
		t.Errorf("items %+v, warnings %v", items, warns)
	}
	items, _ = ParseTurns("甲：他走進來，笑著\n道：「你們好。」\n甲：然後呢？\n乙：沒有了。\n乙：真的。\n")
	if len(items) != 4 || items[0].Text != "他走進來，笑著道：「你們好。」" {
		t.Errorf("a verb of saying before its quotation: %+v", items)
	}
}

// TestParticipantIDsAreSpeakers: an interview whose speakers are named by ids in lower case
// ("admin-1:", "p2:", as QualCoder's demo project has them), with long hard-wrapped turns, is
// read as turns, not prose; code-like lower-case labels without a number still are not names.
func TestParticipantIDsAreSpeakers(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 6; i++ {
		b.WriteString("admin-1: So tell me a little about how you came to teach computer science\nat this school, and what the first year looked like for you and\nyour students.\n\n")
		b.WriteString("p2: Well, I started in the fall, and honestly the first months were\nhard because there was no curriculum to speak of, so I borrowed\nfrom a colleague and adapted what I could for my students.\nIt took a while before it felt like mine, and even then I kept\nchanging the order of the units, because the students who came\nfrom the middle school had seen some of it already and the others\nhad not, so every class was a bit of a balancing act for me and\nfor them, and I think that is still true today in many ways.\n\n")
	}
	doc, err := Read("interview.txt", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "turns" || doc.Turns() != 12 || doc.Items[0].Speaker != "admin-1" || doc.Items[1].Speaker != "p2" {
		t.Errorf("read as %s with %d turns: %+v", doc.Format, doc.Turns(), doc.Items[:2])
	}
	if participantID("src") || participantID("err") || participantID("Admin-1") || participantID("-1") || !participantID("int_2") {
		t.Error("participantID")
	}
}
