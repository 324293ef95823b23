package transcript

import (
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// TestNotSpeakers: a label marked as not a speaker becomes text of the turn before it, in
// plain text and subtitles alike (times extended to the end of the joined cue); at the very
// start, with no turn before it, it is a note with a warning naming it.
func TestNotSpeakers(t *testing.T) {
	text := "附註：開場前。\n主席：現在開會。\n附註：議員入座。\n陳議員：Thank you.\n"
	doc, err := Read("record.txt", []byte(text), Options{NotSpeakers: []string{"附註"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != 3 || doc.Items[0].Kind != coding.KindNote || doc.Items[0].Text != "附註：開場前。" ||
		doc.Items[1].Speaker != "主席" || doc.Items[1].Text != "現在開會。附註：議員入座。" || doc.Items[2].Speaker != "陳議員" {
		t.Fatalf("items %+v", doc.Items)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0].String(), `line 1: "附註" is not a speaker`) {
		t.Errorf("warnings %v", doc.Warnings)
	}

	srt := "1\n00:00:01,000 --> 00:00:02,000\nAnna: Hello there.\n\n2\n00:00:02,500 --> 00:00:04,000\nNote: the phone rings\n\n3\n00:00:05,000 --> 00:00:06,000\nBo: Hi.\n"
	doc, err = Read("call.srt", []byte(srt), Options{NotSpeakers: []string{" Note "}})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != 2 || doc.Items[0].Text != "Hello there. Note: the phone rings" || doc.Items[0].End != 4*time.Second {
		t.Fatalf("items %+v", doc.Items)
	}
	// Without the choice, the same file has three speakers.
	doc, _ = Read("call.srt", []byte(srt), Options{})
	if doc.Turns() != 3 {
		t.Errorf("%d turns without --not-speaker", doc.Turns())
	}
}

// TestWarningsQuoteAsPeopleDo: a warning quoting a line that holds quotation marks shows them
// as they are, not with Go's backslashes.
func TestWarningsQuoteAsPeopleDo(t *testing.T) {
	doc, err := Read("record.txt", []byte(`主席：開會。
陳議員：我問政府，他們說要
政府的回應是："會研究"。
主席：好。
陳議員：多謝。
`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range doc.Warnings {
		if strings.Contains(w.Message, `\"`) {
			t.Errorf("a warning with Go's escapes: %s", w)
		}
	}
	if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0].Message, `"政府的回應是："會研究"。" is read as text`) {
		t.Errorf("warnings %v", doc.Warnings)
	}
}
