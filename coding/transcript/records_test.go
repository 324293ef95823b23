package transcript

import (
	"fmt"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// The label shapes of records (issue 15, pattern 4): offices in Chinese, capitals in Hansards
// and court transcripts; attendance headings, transcription tools' numbered speakers and plain
// roles are none.
func TestRecordLabel(t *testing.T) {
	for _, c := range []struct {
		label  string
		record bool
	}{
		{"主席", true},
		{"代理主席", true},
		{"陳鑑林議員", true},
		{"政務司司長", true},
		{"財經事務及庫務局局長 (譯文 )", true},
		{"運輸及房屋局局長 (在發展局局長缺席期間 )", true},
		{"1. 陳志全議員", true},
		{"賴清德委員", true},
		{"审判长", true},
		{"被告人", true},
		{"被告代理人", true},
		{"MR ALBERT HO", true},
		{"MR JAMES TO (in Cantonese)", true},
		{"The PRESIDENT", true},
		{"THE COURT", true},
		{"MR. SMITH", true},
		{"Madam Speaker", true},
		{"Secretary for Security", true},
		{"Sen. Karaba", true},
		{"The Speaker (Hon. Ethuro)", true},
		{"Mr Smith", true},
		{"出席議員", false},
		{"列席秘書", false},
		{"MEMBERS PRESENT", false},
		{"CLERKS IN ATTENDANCE", false},
		{"Speaker 2", false},
		{"Interviewer", false},
		{"Ashlee Kupor (SL)", false},
		{"ＣＬＢ", false},
		{"东营市总工会", false},
		{"政府的回應是", false},
	} {
		if got := recordLabel(c.label); got != c.record {
			t.Errorf("recordLabel(%q) = %v, want %v", c.label, got, c.record)
		}
	}
}

// A record's speaker is named without the question's number and the language annotation, so
// that "1. 陳志全議員" and "陳志全議員 (譯文 )" are one speaker; other labels keep their suffix.
func TestRecordSpeaker(t *testing.T) {
	for label, want := range map[string]string{
		"1. 陳志全議員":                    "陳志全議員",
		"石禮謙議員 (譯文 )":                 "石禮謙議員",
		"MR ALBERT HO (in Cantonese)": "MR ALBERT HO",
		"Ashlee Kupor (SL)":           "Ashlee Kupor (SL)",
		"ＣＬＢ":                         "CLB",
		"PRESIDENT (in Cantonese)":    "PRESIDENT",
		"2. Interviewer":              "2. Interviewer",
		"運輸及房屋局局長 (在發展局局長缺席期間 )": "運輸及房屋局局長",
	} {
		if got := recordSpeaker(label); got != want {
			t.Errorf("recordSpeaker(%q) = %q, want %q", label, got, want)
		}
	}
}

// Hansards name public officers in capitals longer than a name; in plain text such a label
// is a speaker, in a subtitle cue (where a shouted caption is no speaker) it is not.
func TestLongCapsLabel(t *testing.T) {
	line := "SECRETARY FOR FINANCIAL SERVICES AND THE TREASURY (in Cantonese): President, I thank Members."
	if _, label, rest, ok := speakerLabel(line, false); !ok || label != "SECRETARY FOR FINANCIAL SERVICES AND THE TREASURY (in Cantonese)" || rest != "President, I thank Members." {
		t.Errorf("plain text: label %q, rest %q, ok %v", label, rest, ok)
	}
	if _, _, _, ok := speakerLabel(line, true); ok {
		t.Error("a cue took a long line of capitals for a speaker")
	}
	for _, l := range []string{
		"THIS IS A VERY LONG SHOUTED LINE OF CAPITALS THAT GOES ON: and on",
		"The Government's reply to the question is as follows: (a) yes",
	} {
		if _, label, _, ok := speakerLabel(l, false); ok {
			t.Errorf("%q: taken for speaker %q", l, label)
		}
	}
	// Hong Kong texts often write the colon as the presentation form U+FE30.
	if _, label, rest, ok := speakerLabel("主席︰王議員，請停止發言。", false); !ok || label != "主席" || rest != "王議員，請停止發言。" {
		t.Errorf("︰: label %q, rest %q, ok %v", label, rest, ok)
	}
}

// turnsOf lists a parse as kind|speaker|text lines, for comparing with a want list.
func turnsOf(items []coding.Item) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.Kind.String() + "|" + it.Speaker + "|" + it.Text + "\n")
	}
	return b.String()
}

// A line that starts with "something：" but continues a sentence is text of the turn it
// continues, with a warning naming it; the labels of a record are believed however seldom
// used (issue 15, pattern 4).
func TestLoneLabelsReadAsText(t *testing.T) {
	src := strings.Join([]string{
		"主席：我現在請何議員發言。",
		"何議員：主席，我曾經在事務委員會上追問原因，只得到一句很簡單的答覆，",
		"政府的回應是：人手不足。我問工友有沒有向管工反映，他想了一會，才回答",
		"道：“反映了也沒有用。”",
		"主席：何議員，發言時限到了。",
		"勞工及福利局局長：主席，我多謝議員的發言。",
		"主席：多謝局長。",
	}, "\n")
	items, warns := ParseTurns(src)
	want := "turn|主席|我現在請何議員發言。\n" +
		"turn|何議員|主席，我曾經在事務委員會上追問原因，只得到一句很簡單的答覆，政府的回應是：人手不足。我問工友有沒有向管工反映，他想了一會，才回答道：“反映了也沒有用。”\n" +
		"turn|主席|何議員，發言時限到了。\n" +
		"turn|勞工及福利局局長|主席，我多謝議員的發言。\n" +
		"turn|主席|多謝局長。\n"
	if got := turnsOf(items); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	var said []string
	for _, w := range warns {
		said = append(said, w.String())
	}
	for _, l := range []string{"line 3: \"政府的回應是：", "line 4: \"道：“反映了也沒有用。”\""} {
		if !strings.Contains(strings.Join(said, "\n"), l) {
			t.Errorf("no warning names %s: %q", l, said)
		}
	}
	if len(warns) != 2 {
		t.Errorf("warnings %q, want the two lines read as text", said)
	}
	checkNothingLost(t, src, items)
}

// Where no speaker recurs, or a lone label is a name after a finished sentence, nothing is
// read as text: a moderator who speaks once stays a speaker.
func TestLoneLabelsStaySpeakers(t *testing.T) {
	for _, src := range []string{
		"A: hello\nB: hi",
		"Moderator: Welcome, let's begin.\nAnna: Thanks.\nBen: Hi.\nAnna: So.\nBen: Yes.",
		"何議員：主席，我支持議案。\n主席：多謝。\n陳議員：主席，我反對。\n主席：多謝。",
	} {
		items, warns := ParseTurns(src)
		for _, it := range items {
			if it.Kind != coding.KindTurn {
				t.Errorf("%q: %v %q", src, it.Kind, it.Text)
			}
		}
		if len(warns) != 0 {
			t.Errorf("%q: warnings %v", src, warns)
		}
	}
}

// A line opening with a bracket that closes early is text wrapped from the line before (a
// list item, "(九 )條"), not a stage direction; a whole bracketed line is still a note, and
// text after it is the interrupted speaker going on, in a turn after the note (so that the
// text stays in order).
func TestBracketLinesInTurns(t *testing.T) {
	src := strings.Join([]string{
		"周議員：主席，我發言支持根據《基本法》第七十三",
		"(九 )條動議的議案。巡查時發現的問題大多只會發出口頭警告，因為",
		"(一 )  證據要求高；及",
		"(二 )  罰款往往只有數千元。",
		"",
		"(代理主席林議員代為主持會議 )",
		"",
		" 這種情況令法例形同虛設。",
		"代理主席：是否有其他議員想發言？",
	}, "\n")
	items, warns := ParseTurns(src)
	want := "turn|周議員|主席，我發言支持根據《基本法》第七十三(九 )條動議的議案。巡查時發現的問題大多只會發出口頭警告，因為(一 )  證據要求高；及(二 )  罰款往往只有數千元。\n" +
		"note||(代理主席林議員代為主持會議 )\n" +
		"turn|周議員|這種情況令法例形同虛設。\n" +
		"turn|代理主席|是否有其他議員想發言？\n"
	if got := turnsOf(items); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
}

// Lines with no label before the first turn are notes, with one warning for the run.
func TestStrayLinesOneWarning(t *testing.T) {
	items, warns := ParseTurns("會議過程正式紀錄\n\n2013年 1月 17日星期四\n\n上午 9時正會議繼續\n主席：早晨。\n林議員：主席，我要求點算人數。")
	if countKind(items, coding.KindNote) != 3 || countKind(items, coding.KindTurn) != 2 {
		t.Errorf("items\n%s", turnsOf(items))
	}
	if len(warns) != 1 || warns[0].Line != 1 || !strings.Contains(warns[0].Message, "3 lines of text with no speaker label") || !strings.Contains(warns[0].Message, "lines 1 to 5") {
		t.Errorf("warnings %v, want one for lines 1 to 5", warns)
	}
}

// A short heading between two turns (the motion a debate is on) is a note, not more of the
// turn before it.
func TestHeadingBetweenTurns(t *testing.T) {
	items, _ := ParseTurns("主席：我現在請何議員發言。\n\n改善職業安全及健康保障\n\n何議員：主席，我動議通過議案。\n主席：多謝。")
	want := "turn|主席|我現在請何議員發言。\nnote||改善職業安全及健康保障\nturn|何議員|主席，我動議通過議案。\nturn|主席|多謝。\n"
	if got := turnsOf(items); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

// wrapped is a turn's text hard-wrapped over n lines, as a PDF's column leaves it.
func wrapped(n int, word string) []string {
	l := make([]string, n)
	for i := range l {
		l[i] = fmt.Sprintf("and then %s went on about line %d of the answer without", word, i)
	}
	return l
}

// A transcript of long, hard-wrapped turns is taken for turns although few of its lines are
// labelled; code and field lists with a colon spread through a text are not.
func TestLooksLikeRecord(t *testing.T) {
	var interview []string
	for i := 0; i < 8; i++ {
		interview = append(interview, "I: So what happened next?", "R: Well, the foreman came over")
		interview = append(interview, wrapped(12, "he")...)
	}
	if !looksLikeTurns(interview) {
		t.Error("an interview with long hard-wrapped answers was taken for prose")
	}
	var readme []string
	for i := 0; i < 8; i++ {
		readme = append(readme, "src: the value to copy from", "err: what went wrong, if anything")
		readme = append(readme, wrapped(12, "it")...)
	}
	if looksLikeTurns(readme) {
		t.Error("a text with lower-case field labels was taken for turns")
	}
}

// The labels of records start turns even when used once, even after a line that breaks off:
// offices and names in capitals are how records name speakers, not how sentences go on.
func TestRecordLabelsUsedOnce(t *testing.T) {
	src := strings.Join([]string{
		"主席：我現在請議員發言。",
		"陳鑑林議員：主席，我想問政府一個問題，這個問題我已經問了很多年，但",
		"政務司司長：主席，我多謝議員的提問。",
		"主席：多謝司長。",
		"MR ALBERT HO: President, I have a question that I have asked for years, but",
		"主席：請坐。",
	}, "\n")
	items, warns := ParseTurns(src)
	var speakers []string
	for _, it := range items {
		speakers = append(speakers, it.Kind.String()+":"+it.Speaker)
	}
	want := "turn:主席 turn:陳鑑林議員 turn:政務司司長 turn:主席 turn:MR ALBERT HO turn:主席"
	if got := strings.Join(speakers, " "); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
}
