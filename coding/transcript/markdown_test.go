package transcript

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/turncoder/turncoder/coding"
)

// wordsOf keeps the letters and digits of s, in order: what no reading may lose.
func wordsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

var (
	// What Markdown shows no reader: a link's target, a code fence's language.
	linkTarget = regexp.MustCompile(`\]\([^)\s]*\)`)
	fenceInfo  = regexp.MustCompile("(?m)^\\s*```\\w*")
	// A time, which a reading may move from the words to the turn's start.
	anyClock = regexp.MustCompile(`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`)
)

// checkWordsKept fails when a word of a Markdown source (what a reader sees: links' targets
// and code fences' languages aside) is not in items, in order. Times are left out of both
// sides: a time before a speaker's label becomes the turn's start.
func checkWordsKept(t testing.TB, src string, items []coding.Item) {
	t.Helper()
	src = fenceInfo.ReplaceAllString(linkTarget.ReplaceAllString(src, "]"), "")
	want := wordsOf(anyClock.ReplaceAllString(src, ""))
	var got strings.Builder
	for _, it := range items {
		got.WriteString(it.Label)
		got.WriteString(it.Text)
	}
	if g := wordsOf(anyClock.ReplaceAllString(got.String(), "")); g != want {
		w, g := []rune(want), []rune(g)
		i := 0
		for i < len(w) && i < len(g) && w[i] == g[i] {
			i++
		}
		t.Fatalf("words lost or changed at rune %d: want …%q…, got …%q…", i, string(w[max(0, i-20):min(len(w), i+20)]), string(g[max(0, i-20):min(len(g), i+20)]))
	}
}

// mdItems reads Markdown and writes each item as "kind|speaker|text".
func mdItems(t *testing.T, src string) ([]string, []coding.Warning) {
	t.Helper()
	items, warns := parseMarkdown(src)
	var got []string
	for _, it := range items {
		got = append(got, it.Kind.String()+"|"+it.Speaker+"|"+it.Text)
	}
	return got, warns
}

// Every way transcripts mark a speaker in emphasis, with or without a time before the label:
// each line is a turn of its speaker, the emphasis gone from the label.
func TestMarkdownLabelShapes(t *testing.T) {
	for _, c := range []struct {
		src, speaker, text string
		start              time.Duration
		timed              bool
	}{
		{"**Audrow Nash:** Hi Ben.", "Audrow Nash", "Hi Ben.", 0, false},
		{"**Adam Stacoviak**: Very good.", "Adam Stacoviak", "Very good.", 0, false},
		{"__Interviewer:__ Thank you.", "Interviewer", "Thank you.", 0, false},
		{"__Participant 3__: Nine years.", "Participant 3", "Nine years.", 0, false},
		{"*Moderator:* Welcome back.", "Moderator", "Welcome back.", 0, false},
		{"> **Q:** Why bees?", "Q", "Why bees?", 0, false},
		{"[00:01:09] **Audrow Nash:** Hi Ben.", "Audrow Nash", "Hi Ben.", hms(0, 1, 9), true},
		{`\[00:01:09\] **Audrow Nash:** Hi Ben.`, "Audrow Nash", "Hi Ben.", hms(0, 1, 9), true},
		{"(00:01:09) **Audrow Nash:** Hi Ben.", "Audrow Nash", "Hi Ben.", hms(0, 1, 9), true},
		{"00:01:09 **Audrow Nash:** Hi Ben.", "Audrow Nash", "Hi Ben.", hms(0, 1, 9), true},
		{"0:00:36.2 **Adam Garrett-Harris** I'm Adam.", "Adam Garrett-Harris", "I'm Adam.", hms(0, 0, 36.2), true},
		{`**Adam Stacoviak:** \[03:59\] You know, honestly.`, "Adam Stacoviak", "You know, honestly.", hms(0, 3, 59), true},
		{`**Erik:** \[00:04:01.06\] So.`, "Erik", "So.", hms(0, 4, 1.06), true},
		{"**主持人：**你好，欢迎。", "主持人", "你好，欢迎。", 0, false},
		{"**主持人**：你好，欢迎。", "主持人", "你好，欢迎。", 0, false},
	} {
		// Two lines of the same shape: one alone would be a title or prose.
		src := c.src + "\n\n" + strings.Replace(c.src, "Hi Ben.", "Hi again.", 1) + "\n"
		items, warns := parseMarkdown(src)
		if len(items) != 2 || len(warns) != 0 {
			t.Errorf("%q: items %+v, warnings %v", c.src, items, warns)
			continue
		}
		it := items[0]
		if it.Kind != coding.KindTurn || it.Speaker != c.speaker || it.Text != c.text || it.Timed != c.timed || it.Start != c.start {
			t.Errorf("%q: read as %+v, want %s saying %q (timed %v at %v)", c.src, it, c.speaker, c.text, c.timed, c.start)
		}
		if it.Label != c.speaker {
			t.Errorf("%q: label %q, want it without emphasis", c.src, it.Label)
		}
	}
}

// Emphasis in the words is dropped and its words kept; links keep their text, escapes their
// character, code its code; an underscore inside a word is no emphasis, an asterisk between
// spaces no emphasis either.
func TestMarkdownInlineText(t *testing.T) {
	got, warns := mdItems(t, "**A:** I was *so* tired, **really**. *laughs*\n\n"+
		"**B:** See [the guide](https://example.org/g) and `go test`; SPEAKER_00 said 5 * 3 * 2 \\[laughter\\] &amp; left.\n\n"+
		"**A:** Said _snake_case_ and __bold__ and ***both***.\n")
	want := []string{
		"turn|A|I was so tired, really. laughs",
		"turn|B|See the guide and go test; SPEAKER_00 said 5 * 3 * 2 [laughter] & left.",
		"turn|A|Said snake_case and bold and both.",
	}
	if !reflect.DeepEqual(got, want) || len(warns) != 0 {
		t.Errorf("items\n%q\nwant\n%q\nwarnings %v", got, want, warns)
	}
}

// Where speakers are named in bold, only bold names them: "Note: …" and "Step 1: …" in a
// turn, a list item "- Fast: yes", a colon in a code block, are words of the turn; a paragraph
// that goes on over lines is one paragraph; a bracketed paragraph is a note, as in plain text;
// "Part 2: …" is no section (only a heading is).
func TestMarkdownOnlyEmphasisNamesSpeakers(t *testing.T) {
	got, warns := mdItems(t, "**Kris:** Welcome. Note: we record.\n"+
		"Part 2: Storytelling\n\n"+
		"- Fast: yes\n- Safe: no\n\n"+
		"```\nHost: not a turn\n```\n\n"+
		"\\[alarm sound\\]\n\n"+
		"**Angelica:** Part 1: what is needed?\n\n"+
		"## Part 3\n\n"+
		"**Kris:** Done.\n")
	want := []string{
		"turn|Kris|Welcome. Note: we record. Part 2: Storytelling • Fast: yes • Safe: no Host: not a turn",
		"note||[alarm sound]",
		"turn|Angelica|Part 1: what is needed?",
		"header||Part 3",
		"turn|Kris|Done.",
	}
	if !reflect.DeepEqual(got, want) || len(warns) != 0 {
		t.Errorf("items\n%q\nwant\n%q\nwarnings %v", got, want, warns)
	}
}

// Headings: a lone first-level heading at the top is the title, a note; the others start
// sections. Markers in the recording ("**Break:** [24:27]") are notes, and a label alone with
// nothing after it is a note whose colon is the label's own (":" after Latin letters).
func TestMarkdownHeadingsAndMarkers(t *testing.T) {
	got, warns := mdItems(t, "# Episode 12: Bees\n\n## Part 1\n\n**Tom:** Hi.\n\n**Maya:** Hello.\n\n"+
		"**Break:** \\[24:27\\]\n\n**Outro**: \\[18:04\\] to \\[\\\\00:18:51.08\\]\n\n## Part 2\n\n**Tom:** Back.\n\n**Maya:**\n")
	want := []string{
		"note||Episode 12: Bees",
		"header||Part 1",
		"turn|Tom|Hi.",
		"turn|Maya|Hello.",
		"note||Break: [24:27]",
		"note||Outro: [18:04] to [\\00:18:51.08]",
		"header||Part 2",
		"turn|Tom|Back.",
		"note||Maya:",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items\n%q\nwant\n%q", got, want)
	}
	if len(warns) != 1 || warns[0].Line != 17 || warns[0].Message != "speaker Maya says nothing; the label was kept as a note" {
		t.Errorf("warnings %v", warns)
	}
}

// A time before a label is the turn's start; a turn ends where the next turn starts when that
// one has a time, and where it starts when the next has none (the Changelog times a few turns
// only); a time that goes back is kept, with a warning.
func TestMarkdownTurnTimes(t *testing.T) {
	items, warns := parseMarkdown("**A:** \\[01:00\\] One.\n\n**B:** Two.\n\n**A:** \\[02:00\\] Three.\n\n" +
		"**B:** \\[03:00\\] Four.\n\n**A:** \\[02:30\\] Five.\n")
	type span struct {
		timed      bool
		start, end time.Duration
	}
	var got []span
	for _, it := range items {
		got = append(got, span{it.Timed, it.Start, it.End})
	}
	want := []span{{true, time.Minute, time.Minute}, {false, 0, 0}, {true, 2 * time.Minute, 3 * time.Minute},
		{true, 3 * time.Minute, 3 * time.Minute}, {true, 150 * time.Second, 150 * time.Second}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("times %v\nwant %v", got, want)
	}
	if len(warns) != 1 || warns[0].Line != 9 || !strings.Contains(warns[0].Message, "the time 0:02:30 is before the time of the entry above it (0:03:00)") {
		t.Errorf("warnings %v", warns)
	}
}

// Front matter: YAML between "---" lines or TOML between "+++" lines, with a key, is one note
// and one warning; a rule at the top with no keys under it is none.
func TestMarkdownFrontMatter(t *testing.T) {
	for _, c := range []struct {
		src, note, warning string
	}{
		{"---\ntitle: \"Bees\"\ndate: 2024-07-14\ntags:\n  - a\n  - b\n---\n\n**Tom:** Hi.\n\n**Maya:** Hello.\n",
			`title: "Bees"; date: 2024-07-14; tags: - a - b`,
			"the front matter (lines 1 to 7: title, date, tags) is the file's metadata, not talk; kept as one note"},
		{"+++\ntitle = \"Bees\"\n+++\n**Tom:** Hi.\n\n**Maya:** Hello.\n",
			`title = "Bees"`,
			"the front matter (lines 1 to 3: title) is the file's metadata, not talk; kept as one note"},
		{"\ufeff---\r\nlayout: post\r\n...\r\n**Tom:** Hi.\r\n\r\n**Maya:** Hello.\r\n",
			"layout: post",
			"the front matter (lines 1 to 3: layout) is the file's metadata, not talk; kept as one note"},
	} {
		items, warns := parseMarkdown(c.src)
		if len(items) != 3 || items[0].Kind != coding.KindNote || items[0].Text != c.note || items[0].Line != 1 ||
			items[1].Speaker != "Tom" || items[2].Speaker != "Maya" {
			t.Errorf("%q: items %+v", c.src, items)
		}
		if len(warns) != 1 || warns[0].Line != 1 || warns[0].Message != c.warning {
			t.Errorf("%q: warnings %v", c.src, warns)
		}
	}
	// No keys under the rule: a rule, and a heading (the words over a "---" are one, as a
	// reader sees them).
	got, warns := mdItems(t, "---\nJust a rule.\n---\n**Tom:** Hi.\n\n**Maya:** Hello.\n")
	if want := []string{"header||Just a rule.", "turn|Tom|Hi.", "turn|Maya|Hello."}; !reflect.DeepEqual(got, want) || len(warns) != 0 {
		t.Errorf("a rule at the top: %q, %v", got, warns)
	}
}

// Markdown that is no transcript reads as prose, as it did: a README with notes in bold and a
// list of features in bold, a pull request template whose headings end in a colon, a post
// about writing dialogue that shows two lines of one; and a chat whose headings name the
// speakers reads as turns.
func TestMarkdownThatIsNoTranscript(t *testing.T) {
	for name, c := range map[string]struct{ src, want string }{
		"readme": {"# tool\n\nA tool.\n\n**Note:** it is new.\n\n## Features\n\n- **Fast**: very.\n- **Safe**: yes.\n- **Small**: 2 kB.\n\n" +
			"**Note:** see below.\n\n## Usage\n\nRun it:\n\n```sh\nname: value\n```\n", "prose"},
		"template": {"### Description:\n\nWhat it does.\n\nFixes #(issue)\n\n### Checklist:\n\n- [ ] Tests included.\n\n#### Where applicable:\n\n- [ ] Docs.\n", "prose"},
		"a post about dialogue": {"I wanted to write conversations down.\n\nFirst I wrote them as a list:\n\n- Alice: Hi\n- Bob: Hello\n\n" +
			"Then I settled on quotes with the speaker in bold, which renders nicely and reads like a script on the page:\n\n" +
			"> **Alice**: Hi\n>\n> **Bob**: Hello\n\nSimple, and it works in any renderer I tried.\n\n**Source**: a blog.\n", "prose"},
		"chat":     {"# Bees\n\n#### You:\nWhy bees?\n\n#### ChatGPT:\nThey pollinate.\n\n### Why\n\nFlowers.\n\n#### You:\nThanks\n", "turns"},
		"api docs": {"# API\n\n## parse\n\n### Arguments:\n\n- `s`: text\n\n### Returns:\n\nA tree.\n\n## walk\n\n### Arguments:\n\n- `t`: tree\n\n### Returns:\n\nNothing.\n", "prose"},
	} {
		doc, err := Read("x.md", []byte(c.src), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Format != c.want {
			t.Errorf("%s: read as %s, want %s", name, doc.Format, c.want)
		}
	}
}

// The chat's turns: a heading names the speaker of what follows it; a heading inside a part is
// words of it; the title is a note.
func TestMarkdownSpeakerHeadings(t *testing.T) {
	got, warns := mdItems(t, "# Bees\n\n#### You:\nWhy bees?\n\n#### ChatGPT:\nThey pollinate.\n\n### Why\n\nFlowers: many.\n\n#### You:\nThanks\n")
	want := []string{"note||Bees", "turn|You|Why bees?", "turn|ChatGPT|They pollinate. Why Flowers: many.", "turn|You|Thanks"}
	if !reflect.DeepEqual(got, want) || len(warns) != 0 {
		t.Errorf("items\n%q\nwant\n%q\nwarnings %v", got, want, warns)
	}
}

// An interview whose speakers are headings without a colon, every heading but the title at
// their level and each speaker heading two parts or more: the headings name the speakers of the
// paragraphs under them.
func TestMarkdownNameHeadings(t *testing.T) {
	got, warns := mdItems(t, "# Interview 4\n\n### Interviewer\n\nHow long have you worked here?\n\n### Participant\n\nSix years.\n\nMostly nights.\n\n"+
		"### Interviewer\n\nAnd now?\n\n### Participant\n\nDays.\n")
	want := []string{"note||Interview 4", "turn|Interviewer|How long have you worked here?", "turn|Participant|Six years. Mostly nights.",
		"turn|Interviewer|And now?", "turn|Participant|Days."}
	if !reflect.DeepEqual(got, want) || len(warns) != 0 {
		t.Errorf("items\n%q\nwant\n%q\nwarnings %v", got, want, warns)
	}
	// Sections that each name once what they are about are no speakers.
	got, _ = mdItems(t, "### Introduction\n\nWords.\n\n### Methods\n\nMore words.\n")
	if want := []string{"header||Introduction", "note||Words.", "header||Methods", "note||More words."}; !reflect.DeepEqual(got, want) {
		t.Errorf("sections\n%q\nwant\n%q", got, want)
	}
}

// A file named .md is Markdown whatever format is asked for it (the import preview switches
// formats); a .txt whose speakers are in bold is read as Markdown too; a .txt without is not.
func TestMarkdownByNameAndContent(t *testing.T) {
	src := "**Tom:** Hi *there*.\n\n**Maya:** Hello.\n"
	for _, c := range []struct{ name, format string }{{"a.md", ""}, {"a.md", "turns"}, {"a.txt", ""}, {"a.markdown", "turns"}} {
		doc, err := Read(c.name, []byte(src), Options{Format: c.format})
		if err != nil || doc.Format != "turns" || len(doc.Items) != 2 || doc.Items[0].Text != "Hi there." {
			t.Errorf("%s as %q: %+v, %v", c.name, c.format, doc, err)
		}
	}
	// Plain text stays as it was read: the asterisks of a line without a label in bold are words.
	doc, err := Read("a.txt", []byte("A: Hi *there*.\nB: Hello.\nA: Bye.\n"), Options{})
	if err != nil || doc.Items[0].Text != "Hi *there*." {
		t.Errorf("plain text: %+v, %v", doc, err)
	}
}

func FuzzParseMarkdown(f *testing.F) {
	f.Add("---\ntitle: x\n---\n# T\n\n[00:01:09] **A:** x *y*\n\n> **B**: z\n\n```\nC: w\n```\n")
	f.Add("#### You:\nx\n\n#### Bot:\n- y\n\n### z\n\n#### You:\n")
	f.Add("**主持人：**你好\n\n**Break:** \\[24:27\\]\n\n0:00:01.5 **A B** c\n\n0:00:02 **A B** d")
	f.Fuzz(func(t *testing.T, src string) {
		items, _ := parseMarkdown(src)
		for _, it := range items {
			if it.Kind == coding.KindTurn && strings.TrimSpace(it.Text) == "" {
				t.Fatalf("empty turn %+v", it)
			}
			if it.Line < 1 || it.Line > len(splitLines(src)) {
				t.Fatalf("item on line %d of %d: %+v", it.Line, len(splitLines(src)), it)
			}
		}
	})
}
