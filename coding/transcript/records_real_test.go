package transcript

import (
	"os"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// recordCase is what a record extracted from a PDF must read as (issue 15, pattern 4).
type recordCase struct {
	file     string
	speakers map[string]int // turns per speaker
	header   []string       // running headers and footers: in no item
	header1  string         // the warning names it, and how many times
	notSpeak []string       // labels that are text, each named in a warning
	inTurn   map[string]string
}

var recordCases = []recordCase{
	{
		// The Hong Kong Legislative Council's 會議過程正式紀錄 as pdfbox extracts it.
		file: "legco-record-zh-hant.txt",
		speakers: map[string]int{"主席": 6, "代理主席": 3, "何文達議員": 3, "林美華議員": 2,
			"黃嘉欣議員": 2, "陳國強議員": 1, "周永康議員": 1, "勞工及福利局局長": 1},
		header:   []string{"立法會", "3601", "3602", "3603", "3604", "3605"},
		header1:  `"立法會  ─  2013年 1月 17日" 5 times`,
		notSpeak: []string{"道", "政府的回應是", "我的議案提出 3點建議", "何文達議員動議的議案如下", "的問題包括", "出席議員", "出席政府官員", "列席秘書"},
		inTurn: map[string]string{
			// The wrapped lines that hold a colon go on with the speech, as does a page break
			// in mid-sentence ("生" / header / "命").
			"何文達議員": "我問他有沒有向管工反映，他想了一會，才慢慢回答道： “反映了也沒有用，大家都要趕工期。 ”這句話令我非常難過。",
			"林美華議員": "他們最常提到的問題包括：地面濕滑、通道狹窄，以及長時間站立工作。這些問題其實只要僱主願意投放少量資源，便可以大大改善。",
		},
	},
	{
		// The same Council's Official Record of Proceedings, in English.
		file: "legco-record-en.txt",
		speakers: map[string]int{"PRESIDENT": 6, "MR ALBERT WONG": 3, "MR PETER CHAN": 2,
			"MS EMILY TAM": 1, "SECRETARY FOR LABOUR AND WELFARE": 1},
		header:   []string{"LEGISLATIVE COUNCIL", "3602", "3603", "3604"},
		header1:  `"LEGISLATIVE COUNCIL ─ 17 January 2013" 4 times`,
		notSpeak: []string{"put them", "ran as follows", "three", "MEMBERS PRESENT", "PUBLIC OFFICER ATTENDING", "CLERK IN ATTENDANCE"},
		inTurn: map[string]string{
			"MR ALBERT WONG": "The reply I was given in the Panel was brief and, in short, ran as follows: the Labour Department is short of staff, and inspections are arranged according to risk.",
			"MS EMILY TAM":   "The problems workers mentioned to me most often were these three: wet floors, narrow passages and long hours of standing.",
		},
	},
	{
		// A court's record of a hearing (庭审笔录): the case number heads every page and
		// "第 1 页 共 3 页" foots it.
		file:     "court-record-zh-hans.txt",
		speakers: map[string]int{"审判长": 11, "原告": 7, "被告代理人": 7},
		header:   []string{"民初12345号", "页 共"},
		header1:  `"（2019）沪0115民初12345号" 3 times, "第 1 页 共 3 页" 3 times`,
		notSpeak: []string{"公司的答复是", "时间", "地点", "案由", "审判人员"},
		inTurn: map[string]string{
			"原告": "公司的人事部门每次都说我不是他们的员工，公司的答复是：你是跟包工头干活的，工资应该找包工头要。",
		},
	},
}

func TestRealRecords(t *testing.T) {
	for _, c := range recordCases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/formats/real/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(c.file, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "turns" {
				t.Fatalf("read as %s, want turns", doc.Format)
			}
			got := map[string]int{}
			for _, it := range doc.Items {
				if it.Kind == coding.KindTurn {
					got[it.Speaker]++
				}
				for _, h := range c.header {
					if strings.Contains(it.Label+it.Text, h) {
						t.Errorf("line %d: the running header %q is in a %v: %q", it.Line, h, it.Kind, it.Text)
					}
				}
			}
			if len(got) != len(c.speakers) {
				t.Errorf("speakers %v, want %v", got, c.speakers)
			}
			for s, n := range c.speakers {
				if got[s] != n {
					t.Errorf("speaker %q: %d turns, want %d", s, got[s], n)
				}
			}
			var said strings.Builder
			for _, w := range doc.Warnings {
				said.WriteString(w.String() + "\n")
			}
			if !strings.Contains(said.String(), "running page header") || !strings.Contains(said.String(), c.header1) {
				t.Errorf("no warning says %s was dropped:\n%s", c.header1, said.String())
			}
			for _, l := range c.notSpeak {
				if got[l] > 0 {
					t.Errorf("%q is a speaker", l)
				}
				if !strings.Contains(said.String(), "not as a turn of speaker \""+l+"\"") {
					t.Errorf("no warning names the line that starts with %q:\n%s", l, said.String())
				}
			}
			for speaker, text := range c.inTurn {
				found := false
				for _, it := range doc.Items {
					found = found || it.Kind == coding.KindTurn && it.Speaker == speaker && strings.Contains(it.Text, text)
				}
				if !found {
					t.Errorf("no turn of %s holds %q", speaker, text)
				}
			}
			checkNothingLost(t, string(data), doc.Items)
		})
	}
}
