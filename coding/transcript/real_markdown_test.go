package transcript

import (
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// Markdown transcripts as podcasts and interviews publish them (testdata/formats/real/SOURCES.md):
// each read as a person reading it rendered sees it.

// kindsOf writes the items as "kind|speaker", the shape of a document.
func kindsOf(items []coding.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Kind.String()+"|"+it.Speaker)
	}
	return out
}

// itemOn is the item that begins on line, or fails.
func itemOn(t *testing.T, doc *coding.Document, line int) coding.Item {
	t.Helper()
	for _, it := range doc.Items {
		if it.Line == line {
			return it
		}
	}
	t.Fatalf("no item begins on line %d", line)
	return coding.Item{}
}

// The Audrow Nash Podcast (real, MIT): a table of contents of links to its chapters, then
// "[00:00:00] **Audrow Nash:** words", paragraphs that go on with the turn, and chapters as
// "## [00:01:36] Introduction…" headings. Each turn starts at its time and ends where the next
// starts; the last ends where it starts; the contents are notes, with one warning.
func TestRealAudrowNashChapters(t *testing.T) {
	const name = "audrow-nash-chef-robotics.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	an, rb := "Audrow Nash", "Rajat Bhageria"
	sameCounts(t, turnsBy(doc), map[string]int{an: 6, rb: 7})
	var sections []string
	notes := 0
	for _, it := range doc.Items {
		switch it.Kind {
		case coding.KindHeader:
			sections = append(sections, it.Text)
		case coding.KindNote:
			notes++
		}
	}
	if want := []string{"[00:01:36] Introduction to Rajat and Chef Robotics", "[00:03:03] Early Ventures and the Power of AI",
		"[00:05:51] Identifying the Market Opportunity", "[00:08:15] Challenges in Food Industry Automation"}; !reflect.DeepEqual(sections, want) {
		t.Errorf("sections %q\nwant %q", sections, want)
	}
	if notes != 15 || itemOn(t, doc, 1).Text != "• [00:01:36] Introduction to Rajat and Chef Robotics" || itemOn(t, doc, 15).Text != "• [01:53:45] Hiring the Best People" {
		t.Errorf("the contents: %d notes, first %+v", notes, itemOn(t, doc, 1))
	}
	want := []coding.Warning{{Line: 1, Message: "15 lines of text with no speaker label where no turn is open (lines 1 to 15); each kept as a note"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings %v\nwant %v", doc.Warnings, want)
	}
	intro := itemOn(t, doc, 18)
	if intro.Speaker != an || !intro.Timed || intro.Start != 0 || intro.End != hms(0, 1, 36) ||
		!strings.HasPrefix(intro.Text, "Welcome to the Audrow Nash Podcast. I'm your host,") ||
		!strings.Contains(intro.Text, "AI and robotics today, So grab a snack,") || !strings.HasSuffix(intro.Text, "the future of food. Let's dive in.") {
		t.Errorf("the introduction, two paragraphs: %+v", intro)
	}
	for _, w := range []coding.Item{
		timedTurn(an, an, "Would you introduce yourself?", hms(0, 1, 36), hms(0, 1, 38), 25),
		timedTurn(rb, rb, "Hey Audrow! Yeah, I'm Rajat. I'm the founder and CEO of Chef Robotics.", hms(0, 1, 38), hms(0, 1, 42), 27),
		// The last turn before a chapter ends where the chapter's first turn starts.
		timedTurn(rb, rb, "Yeah, sure.", hms(0, 3, 1), hms(0, 3, 3), 41),
		timedTurn(an, an, "for sure.", hms(0, 9, 35), hms(0, 9, 35), 90),
	} {
		if got := itemOn(t, doc, w.Line); !reflect.DeepEqual(got, w) {
			t.Errorf("line %d\n%+v\nwant\n%+v", w.Line, got, w)
		}
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// The same podcast's first episode (real, MIT): its title, "# Rethinking Robotics…", is a note;
// "## Table of Contents" and the chapters without times ("## Start") are sections; a
// paragraph broken in the middle of a name ("this is the Audrow" / "Nash Podcast") goes on
// with the turn.
func TestRealAudrowNashTitleAndContents(t *testing.T) {
	const name = "audrow-nash-electric-sheep.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	an, nm, ml := "Audrow Nash", "Nag Murty", "Michael Laskey"
	sameCounts(t, turnsBy(doc), map[string]int{an: 3, nm: 2, ml: 1})
	title := itemOn(t, doc, 1)
	if title.Kind != coding.KindNote || title.Text != "Rethinking Robotics: Electric Sheep's Journey to Safer, Smarter Machines" {
		t.Errorf("title %+v", title)
	}
	for line, text := range map[int]string{3: "Table of Contents", 33: "Start", 49: "Introducing Nag + Mike + Electric Sheep"} {
		if it := itemOn(t, doc, line); it.Kind != coding.KindHeader || it.Text != text {
			t.Errorf("line %d: %+v, want the section %q", line, it, text)
		}
	}
	first := itemOn(t, doc, 35)
	if first.Speaker != an || first.Start != 0 || first.End != hms(0, 1, 37) ||
		!strings.Contains(first.Text, "I'm Audrow Nash, this is the Audrow Nash Podcast, so let's see why") ||
		!strings.HasSuffix(first.Text, "Hi everyone. Nag, can I have you introduce yourself?") {
		t.Errorf("the first turn: %+v", first)
	}
	if it := itemOn(t, doc, 55); !reflect.DeepEqual(it, timedTurn(ml, ml, "Hi everyone. I'm Mike Lasky. I am the Vice President of Autonomy at Electric Sheep Robotics.", hms(0, 1, 46), hms(0, 1, 52), 55)) {
		t.Errorf("line 55: %+v", it)
	}
	if it := itemOn(t, doc, 5); it.Kind != coding.KindNote || it.Text != "• [00:00:00] Start" {
		t.Errorf("a link of the contents keeps its text: %+v", it)
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// The Changelog's transcripts (real, CC BY-SA 4.0; Go Time #50): "**Name:** words" on every
// paragraph, escaped brackets ("\[laughter\]"), links and code in the words, a time at the start
// of a few turns' words ("**Brian Ketelsen:** \[04:04\] So that's a no?"), which is the turn's
// start (and, the next turn having none, its end), and one at the start of a paragraph inside a
// turn, which stays in the words; a bracketed paragraph is a note.
func TestRealChangelogGoTime(t *testing.T) {
	const name = "changelog-gotime-50.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	noWarnings(t, doc)
	es, bk, ct, kn := "Erik St. Martin", "Brian Ketelsen", "Carlisia Thompson", "Kris Nova"
	sameCounts(t, turnsBy(doc), map[string]int{es: 19, bk: 17, ct: 4, kn: 16})
	for _, w := range []coding.Item{
		{Kind: coding.KindTurn, Speaker: ct, Label: ct, Text: "Hi! You so mispronounced my name, but I love you, it's okay. [laughter]", Line: 15},
		{Kind: coding.KindTurn, Speaker: bk, Label: bk, Text: `You just answered my first question, which is "What's the proper way to say Azure?"`, Line: 33},
		timedTurn(bk, bk, "So that's a no? [laughter] I'm just messing with you, Kris. I'm feisty today... Could you tell?", hms(0, 4, 4), hms(0, 4, 4), 61),
		timedTurn(es, es, "So do you wanna talk maybe a little bit about what Kops is, for anybody who's not familiar with the project?", hms(0, 8, 2), hms(0, 8, 2), 97),
		{Kind: coding.KindTurn, Speaker: bk, Label: bk, Text: "So how does kops differ in scope from kubeadm.", Line: 105},
		{Kind: coding.KindNote, Text: "[alarm sound noise]", Line: 125},
		{Kind: coding.KindTurn, Speaker: bk, Label: bk, Text: "Uh-oh... Danger, Will Robinson! Danger!", Line: 127},
	} {
		if got := itemOn(t, doc, w.Line); !reflect.DeepEqual(got, w) {
			t.Errorf("line %d\n%+v\nwant\n%+v", w.Line, got, w)
		}
	}
	if it := itemOn(t, doc, 121); it.Speaker != kn || it.Timed || !strings.Contains(it.Text, "supporting Kops for version N as well. [12:09] So as we were sort of scrambling") {
		t.Errorf("a time inside a turn stays in its words: %+v", it)
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// A podcast's transcript as Orbit FM keeps them, in a .txt (reproduced): a time and the name in
// bold without a colon ("0:00:12.4 **Dana Whitfield** So…"), a second paragraph of a turn with
// neither, two people laughing together, and the intro music in brackets. Read from its
// content as Markdown; the times are the turns'. A time written "0:01:04.10" after
// "0:01:04.9" is read as the decimal it is, before the one above, and kept with a warning.
func TestReproducedOrbitBoldNames(t *testing.T) {
	const name = "orbitfm-bookclub.txt"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	wantWarns := []coding.Warning{{Line: 27, Message: "the time 0:01:04.100 is before the time of the entry above it (0:01:04.900); the times are kept as written"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), wantWarns) {
		t.Errorf("warnings %v\nwant %v", doc.Warnings, wantWarns)
	}
	dw, rm, lo := "Dana Whitfield", "Ravi Menon", "Lena Ortiz"
	sameCounts(t, turnsBy(doc), map[string]int{dw: 4, rm: 3, lo: 4, "Dana Whitfield & Ravi Menon": 1})
	if it := itemOn(t, doc, 1); it.Kind != coding.KindNote || it.Text != "(Intro music: Swing)" {
		t.Errorf("the music: %+v", it)
	}
	for _, w := range []coding.Item{
		timedTurn(dw, dw, "So, welcome to Page Turners, episode… four? I think it's four.", hms(0, 0, 12.4), hms(0, 0, 17.9), 3),
		timedTurn(rm, rm, "I asked someone more experienced for an hour of their time, and they said yes. I wrote about it on my blog, if anyone wants the details. It was less scary than I thought.", hms(0, 0, 33.7), hms(0, 1, 2.5), 17),
		timedTurn(lo, lo, "(laughs)", hms(0, 1, 4), hms(0, 1, 4.9), 23),
		timedTurn("Dana Whitfield & Ravi Menon", "Dana Whitfield & Ravi Menon", "(laughing)", hms(0, 1, 4.9), hms(0, 1, 4.9), 25),
		timedTurn(lo, lo, "I forgot. I'll do it this week, promise.", at(64.1), at(64.1), 27),
	} {
		if got := itemOn(t, doc, w.Line); !reflect.DeepEqual(got, w) {
			t.Errorf("line %d\n%+v\nwant\n%+v", w.Line, got, w)
		}
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// A chat saved by ChatGPT Exporter (reproduced): front matter, the title as a heading, and
// "#### You:" and "#### ChatGPT:" over each message. The messages hold what would be labels
// and sections elsewhere ("Step 3:", "### Example", a code block of "Interviewer: …" lines):
// all of it is words of the message.
func TestReproducedChatGPTExporter(t *testing.T) {
	const name = "chatgpt-exporter.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	if want := []string{"note|", "note|", "turn|You", "turn|ChatGPT", "turn|You", "turn|ChatGPT"}; !reflect.DeepEqual(kindsOf(doc.Items), want) {
		t.Fatalf("items %q\nwant %q", kindsOf(doc.Items), want)
	}
	if got, want := doc.Items[0].Text, "title: Counting turns in an interview; source: https://chatgpt.com/c/00000000-0000-4000-8000-000000000000"; got != want {
		t.Errorf("front matter %q, want %q", got, want)
	}
	if got := doc.Items[1].Text; got != "Counting turns in an interview" {
		t.Errorf("title %q", got)
	}
	want := []coding.Warning{{Line: 1, Message: "the front matter (lines 1 to 4: title, source) is the file's metadata, not talk; kept as one note"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings %v\nwant %v", doc.Warnings, want)
	}
	reply := "You can count them with a short script: 1. Read the file line by line. 2. Split at the first colon: the part before it is the speaker. " +
		"Example counts = {} for line in open(\"interview.txt\"): speaker, _, words = line.partition(\":\") counts[speaker] = counts.get(speaker, 0) + 1 " +
		"For a file such as Interviewer: So tell me about the job. Worker: I started in March. Step 3: print counts. You get Interviewer and Worker, one turn each."
	if it := doc.Items[3]; it.Text != reply || it.Line != 11 {
		t.Errorf("the reply\n%q\nwant\n%q", it.Text, reply)
	}
	if it := doc.Items[2]; it.Text != "I have interview transcripts where each line starts with the speaker, like Interviewer: So tell me. How do I count the turns of each speaker?" {
		t.Errorf("the question %q", it.Text)
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// An interview in a blog post (reproduced): Jekyll front matter, an introduction, sections as
// headings, the turns in a quotation with the name in bold and the colon after it
// ("> **Tom**: …"), a turn over two lines of the quotation, emphasis and a link in the words.
func TestReproducedBlockquoteInterview(t *testing.T) {
	const name = "interview-blockquote.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	want := []string{"note|", "note|", "header|", "turn|Tom", "turn|Maya", "turn|Tom", "turn|Maya", "header|", "turn|Tom", "turn|Maya"}
	if !reflect.DeepEqual(kindsOf(doc.Items), want) {
		t.Fatalf("items %q\nwant %q", kindsOf(doc.Items), want)
	}
	for _, w := range []coding.Item{
		{Kind: coding.KindNote, Text: `layout: post; title: "A conversation with a beekeeper"; date: 2024-07-14; tags: [interviews, dialogue]`, Line: 1},
		{Kind: coding.KindNote, Text: "I sat down with my neighbour, who has kept bees on her roof for eleven years. The conversation is lightly edited.", Line: 8},
		{Kind: coding.KindHeader, Text: "On getting started", Line: 11},
		{Kind: coding.KindTurn, Speaker: "Maya", Label: "Maya", Text: "A friend gave me a swarm in a cardboard box. laughs I had no idea what I was doing.", Line: 15},
		{Kind: coding.KindTurn, Speaker: "Maya", Label: "Maya", Text: "They were very patient. I gave them honey.", Line: 20},
		{Kind: coding.KindTurn, Speaker: "Maya", Label: "Maya", Text: "The bees cluster and keep the queen warm. You leave them alone, and you check the weight of the hive — see the association's guide.", Line: 26},
	} {
		if got := itemOn(t, doc, w.Line); !reflect.DeepEqual(got, w) {
			t.Errorf("line %d\n%+v\nwant\n%+v", w.Line, got, w)
		}
	}
	wantWarns := []coding.Warning{
		{Line: 1, Message: "the front matter (lines 1 to 6: layout, title, date, tags) is the file's metadata, not talk; kept as one note"},
		{Line: 8, Message: "text with no speaker label where no turn is open; kept as a note"},
	}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), wantWarns) {
		t.Errorf("warnings %v\nwant %v", doc.Warnings, wantWarns)
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// A research interview with the labels in underscores (reproduced): "__Interviewer:__ …",
// "__Participant 3:__ …", "## Interview 3" heading the section, italics and an escaped pause
// in the words, a turn of two paragraphs.
func TestReproducedUnderscoreLabels(t *testing.T) {
	const name = "interview-underscore.md"
	doc := readReal(t, name, Options{})
	if doc.Format != "turns" {
		t.Fatalf("format = %q, want turns", doc.Format)
	}
	noWarnings(t, doc)
	iv, p3 := "Interviewer", "Participant 3"
	want := []coding.Item{
		{Kind: coding.KindHeader, Text: "Interview 3", Line: 1},
		{Kind: coding.KindTurn, Speaker: iv, Label: iv, Text: "Thank you for coming in. Could you start with how long you've worked at the depot?", Line: 3},
		{Kind: coding.KindTurn, Speaker: p3, Label: p3, Text: "Nine years this spring. Before that I drove for a courier, mostly nights.", Line: 5},
		{Kind: coding.KindTurn, Speaker: iv, Label: iv, Text: "And the night shifts at the depot, how are they arranged?", Line: 7},
		{Kind: coding.KindTurn, Speaker: p3, Label: p3, Text: "By seniority. The newest people get them, and nobody asks you. That changed last year, though. Now there's a rota on the wall.", Line: 9},
		{Kind: coding.KindTurn, Speaker: iv, Label: iv, Text: "Who drew up the rota?", Line: 13},
		{Kind: coding.KindTurn, Speaker: p3, Label: p3, Text: "The union rep, with the shift manager. [pause] I think it works.", Line: 15},
	}
	if !reflect.DeepEqual(doc.Items, want) {
		t.Errorf("items\n%+v\nwant\n%+v", doc.Items, want)
	}
	checkWordsKept(t, readFormatFixture(t, "real/"+name), doc.Items)
}

// The real Markdown fixtures lose no word read with the turn reader forced (--format turns),
// and give the same document as when detected.
func TestRealMarkdownForcedTurns(t *testing.T) {
	for _, name := range []string{"audrow-nash-chef-robotics.md", "changelog-gotime-50.md", "orbitfm-bookclub.txt", "chatgpt-exporter.md"} {
		auto := readReal(t, name, Options{})
		forced := readReal(t, name, Options{Format: "turns"})
		if !reflect.DeepEqual(auto.Items, forced.Items) || !reflect.DeepEqual(auto.Warnings, forced.Warnings) {
			t.Errorf("%s reads differently with --format turns", name)
		}
	}
}
