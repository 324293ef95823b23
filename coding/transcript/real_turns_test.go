package transcript

import (
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// A real White House press gaggle, as a public dataset keeps it in Markdown: the press
// secretary's hyphenated label "MS. JEAN-PIERRE:" (pattern 2), reporters' questions written
// "Q" and four spaces, with no colon, the times the gaggle began and ended on lines of their
// own, and front matter of dates and times ("modified_time: 2021-07-28 13:30:54-04:00"): no
// time or date is a speaker, none is read into a turn (pattern 3), the front matter is one note
// with one warning, the Markdown escape "\[CFPB\]" reads "[CFPB]", and every word is kept.
func TestRealWhiteHouseGaggle(t *testing.T) {
	const name = "whitehouse-gaggle-2021-07-28.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	jp, q := "MS. JEAN-PIERRE", "Q"
	sameCounts(t, turnsBy(doc), map[string]int{jp: 6, q: 5, "MS. HAYES": 1})
	var order []string
	for _, it := range doc.Items {
		if it.Kind == coding.KindTurn {
			order = append(order, it.Speaker)
		}
	}
	if want := []string{jp, q, jp, q, jp, q, jp, q, jp, q, "MS. HAYES", jp}; !reflect.DeepEqual(order, want) {
		t.Errorf("turns by %q\nwant %q", order, want)
	}
	nb := "\u00a0"
	for _, w := range []coding.Item{
		{Kind: coding.KindTurn, Speaker: q, Label: q, Text: "Why are you so confident now?", Line: 128},
		{Kind: coding.KindTurn, Speaker: jp, Label: jp, Text: "Well, let me —", Line: 126},
		{Kind: coding.KindTurn, Speaker: "MS. HAYES", Label: "MS. HAYES", Text: "We have to stop because we have to land." + nb + " They’re making us sit down because we have to land.", Line: 147},
		{Kind: coding.KindTurn, Speaker: jp, Label: jp, Text: "Oh, okay." + nb + " Sorry, guys.", Line: 150},
		{Kind: coding.KindNote, Text: "11:45 A.M. EDT", Line: 14},
		{Kind: coding.KindNote, Text: "11:52 A.M. EDT", Line: 152},
	} {
		found := false
		for _, it := range doc.Items {
			found = found || reflect.DeepEqual(it, w)
		}
		if !found {
			t.Errorf("no item %+v", w)
		}
	}
	// The first question, hard-wrapped over five lines, is one turn.
	for _, it := range doc.Items {
		if it.Line == 67 && (it.Speaker != q || !strings.HasPrefix(it.Text, "Sure."+nb+" Two subject areas.") || !strings.HasSuffix(it.Text, "Would visitors to federal agencies also fall under that?")) {
			t.Errorf("the first question: %+v", it)
		}
	}
	front := coding.Item{Kind: coding.KindNote, Line: 1, Text: "tags: press-briefings; date: '2021-07-28'; " +
		"modified_time: 2021-07-28 13:30:54-04:00; source_url: https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/07/28/press-gaggle-by-principal-deputy-press-secretary-karine-jean-pierre-aboard-air-force-one-en-route-allentown-pa/; " +
		"published_time: 2021-07-28 13:30:53-04:00; " +
		`title: "Press Gaggle by Principal Deputy Press Secretary Karine Jean-Pierre Aboard\ \ Air Force One En Route Allentown,\_PA"`}
	if !reflect.DeepEqual(doc.Items[0], front) {
		t.Errorf("the front matter\n%+v\nwant\n%+v", doc.Items[0], front)
	}
	for _, it := range doc.Items[1:] {
		if it.Line < 10 {
			t.Errorf("a line of the front matter is an item of its own: %+v", it)
		}
		if strings.Contains(it.Text, `\[`) {
			t.Errorf("an escape is read as written: %q", it.Text)
		}
	}
	var said []string
	for _, w := range doc.Warnings {
		if w.Line <= 9 {
			said = append(said, w.String())
		}
	}
	if want := []string{"line 1: the front matter (lines 1 to 9: tags, date, modified_time, source_url, published_time, title) is the file's metadata, not talk; kept as one note"}; !reflect.DeepEqual(said, want) {
		t.Errorf("warnings about the front matter %q\nwant %q", said, want)
	}
	found := false
	for _, it := range doc.Items {
		found = found || it.Speaker == jp && strings.Contains(it.Text, "Consumer Financial Protection Bureau, CFBP [CFPB], is launching")
	}
	if !found {
		t.Error("no turn reads the escaped brackets as brackets")
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// Lines that look like the press briefing's questions and times but are not: "Q" before one
// space is a word, and a time of day is a note only on a line of its own below a turn.
func TestQuestionAndClockLinesNeedTheirShape(t *testing.T) {
	items, _ := ParseTurns("A: Ready?\nB: Yes.\n\n10:30\n\nA: The Q score is high.\nQ is for quality, 9:15 sharp.\n\n3:07 P.M. EST\n")
	var got []string
	for _, it := range items {
		got = append(got, it.Kind.String()+"|"+it.Speaker+"|"+it.Text)
	}
	want := []string{"turn|A|Ready?", "turn|B|Yes.", "note||10:30", "turn|A|The Q score is high. Q is for quality, 9:15 sharp.", "note||3:07 P.M. EST"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items\n%q\nwant\n%q", got, want)
	}
}
