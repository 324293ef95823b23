package coding

import (
	"strings"
	"testing"
	"time"
)

func TestPreview(t *testing.T) {
	long := strings.Repeat("长", PreviewText+50)
	doc := &Document{Title: "call", Format: "srt", Encoding: "utf-8", Roles: map[string]Role{"Bo": RoleOther},
		Items: []Item{
			{Kind: KindHeader, Text: "Call 1"},
			{Kind: KindTurn, Speaker: "Interviewer", Text: "Hello?", Timed: true, Start: 1500 * time.Millisecond, End: time.Hour + 2*time.Minute + 3*time.Second + 4*time.Millisecond},
			{Kind: KindTurn, Speaker: "Bo", Text: long},
			{Kind: KindNote, Text: "laughs"},
			{Kind: KindTurn, Speaker: "Bo", Text: "Yes."},
			{Kind: KindTurn, Speaker: "Ann", Text: "No."},
		},
		Warnings: []Warning{{Line: 3, Message: "a guess"}, {Message: "another"}}}
	pv := Preview("call.srt", doc)
	if pv.Turns != 4 || pv.Notes != 1 || len(pv.Sections) != 1 || pv.Sections[0] != "Call 1" || !pv.Timed {
		t.Errorf("counts %+v", pv)
	}
	// By turns, then by label; Bo's role as chosen, the others guessed.
	want := []PreviewSpeaker{{Label: "Bo", Turns: 2, Role: RoleOther}, {Label: "Ann", Turns: 1, Role: RoleRespondent}, {Label: "Interviewer", Turns: 1, Role: RoleInterviewer}}
	if len(pv.Speakers) != 3 {
		t.Fatalf("speakers %+v", pv.Speakers)
	}
	for i := range want {
		if pv.Speakers[i] != want[i] {
			t.Errorf("speaker %d: %+v, want %+v", i, pv.Speakers[i], want[i])
		}
	}
	if len(pv.First) != 6 || pv.First[1].Start != "0:00:01.500" || pv.First[1].End != "1:02:03.004" || pv.First[0].Kind != "header" {
		t.Errorf("first %+v", pv.First[:2])
	}
	if n := len([]rune(pv.First[2].Text)); n != PreviewText || !strings.HasSuffix(pv.First[2].Text, "…") {
		t.Errorf("a long turn is shown in %d characters", n)
	}
	if strings.Join(pv.Warnings, "|") != "line 3: a guess|another" {
		t.Errorf("warnings %q", pv.Warnings)
	}
}
