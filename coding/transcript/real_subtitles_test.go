package transcript

import (
	"math"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// Real files, and faithful reproductions of real files, for issue 15's patterns 1 (a speaker
// named on the first cue of a run), 2 (labels with suffixes and punctuation), 3 (times and
// dates are never speakers), 5 (nothing lost without a word) and 7 (the time columns of
// tables). Each is read as the import reads it, by its name and content, and checked for what
// a person reading it sees. Sources and licences: testdata/formats/real/SOURCES.md.

// cueText is the text of each cue of a WebVTT or SRT source, its lines joined with a space
// and its markup (voice tags, </v>) removed: what a viewer reads on the screen.
func cueText(src string) []string {
	markup := regexp.MustCompile(`<[^>]*>`)
	var cues []string
	for _, block := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		for i, l := range lines {
			if strings.Contains(l, "-->") {
				var text []string
				for _, t := range lines[i+1:] {
					if t = strings.TrimSpace(markup.ReplaceAllString(t, "")); t != "" {
						text = append(text, t)
					}
				}
				cues = append(cues, strings.Join(text, " "))
				break
			}
		}
	}
	return cues
}

// everyCueRead asserts that each cue's words, less a speaker's "Name: " before them, stand in
// an item of doc, in the order of the cues: nothing on the screen is lost.
func everyCueRead(t *testing.T, src string, doc *coding.Document, speakers ...string) {
	t.Helper()
	cues := cueText(src)
	if len(cues) == 0 {
		t.Fatal("no cues in the source")
	}
	at := 0 // the item the last cue was found in
	for _, c := range cues {
		for _, s := range speakers {
			c = strings.TrimPrefix(c, s+": ")
		}
		found := false
		for k := at; k < len(doc.Items) && !found; k++ {
			if strings.Contains(doc.Items[k].Text, c) {
				found, at = true, k
			}
		}
		if !found {
			t.Errorf("the cue %q is in no item (from item %d on)", c, at)
		}
	}
}

// turnsBy counts the turns of each speaker ("" for turns without one).
func turnsBy(doc *coding.Document) map[string]int {
	n := map[string]int{}
	for _, it := range doc.Items {
		if it.Kind == coding.KindTurn {
			n[it.Speaker]++
		}
	}
	return n
}

// at is a time of s seconds, to the millisecond, as the files write them.
func at(s float64) time.Duration { return time.Duration(math.Round(s*1000)) * time.Millisecond }

func sameCounts(t *testing.T, got, want map[string]int) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("turns by speaker %v, want %v", got, want)
	}
}

// A real Zoom cloud recording's audio transcript (GMT…_Recording.transcript.vtt): every cue
// "Name: words", the speaker's name as the participant set it ("Dr. Melissa Ko"), a speaker's
// cues in a row one turn, and a cue Zoom could give no speaker ("Hmm.") read with the speaker
// before it (pattern 1).
func TestRealZoomCloudRecording(t *testing.T) {
	const name = "zoom-cloud-recording.transcript.vtt"
	doc := readReal(t, name, Options{})
	if doc.Format != "vtt" {
		t.Fatalf("format = %q, want vtt", doc.Format)
	}
	noWarnings(t, doc)
	cg, sg, mk, sk, rs := "Conor Healy", "Srijani Ghosh", "Dr. Melissa Ko", "Shreeharsh Kelkar", "Ryan Sloan"
	sameCounts(t, turnsBy(doc), map[string]int{cg: 12, sg: 7, mk: 2, sk: 3, rs: 1})
	var order []string
	for _, it := range doc.Items {
		order = append(order, it.Speaker)
	}
	want := []string{sg, cg, sg, cg, mk, cg, mk, sk, cg, sg, cg, rs, cg, sk, cg, sg, cg, sg, cg, sg, cg, sg, cg, sk, cg}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("turns by\n%q\nwant\n%q", order, want)
	}
	ms := func(m, s, milli int) time.Duration {
		return time.Duration(m)*time.Minute + time.Duration(s)*time.Second + time.Duration(milli)*time.Millisecond
	}
	for _, w := range []coding.Item{
		timedTurn(sg, sg, "Hi!", ms(0, 0, 50), ms(0, 1, 790), 3),
		timedTurn(mk, mk, "and I'll just do a little bit of walkthrough. But, hey, does anybody have any questions about what you're seeing right now? Yes, Connor, everything. I have no idea what I'm looking at. Can you zoom it? Just so the text shows up picker. I think it should work if you do command, plus. yeah, actually command control device. Oh, yeah. Okay, the briefest of introduction to our and our studio.", ms(0, 32, 520), ms(1, 6, 220), 31),
		timedTurn(sk, sk, "And then", ms(1, 30, 550), ms(1, 31, 340), 55),
		timedTurn(rs, rs, "yeah, I think. It's so interesting. One thing that I'm wondering is for people who are less. Let's say, tech savvy than you are. I'm sure there'll be some routinizing of these things as you share the tool. For other people. It looks like a number of steps for populating the data need to be done currently by the user. And I wonder. do you anticipate ways to sort of I don't know. Routinize that or make it sort of an automatic sort of process, or you know the lowest pain pointing possible. For instructors.", ms(5, 8, 40), ms(5, 39, 309), 195),
	} {
		found := false
		for _, it := range doc.Items {
			found = found || reflect.DeepEqual(it, w)
		}
		if !found {
			t.Errorf("no item %+v", w)
		}
	}
	// Cue 48, "Hmm.", names no one: it ends Conor Healy's turn, which runs to its end.
	for _, it := range doc.Items {
		if strings.Contains(it.Text, "Ryan, what do you got? Hmm.") {
			if it.Speaker != cg || it.Start != ms(4, 26, 280) || it.End != ms(5, 7, 980) {
				t.Errorf("the turn with the unlabelled cue: %s %v–%v", it.Speaker, it.Start, it.End)
			}
		}
	}
	everyCueRead(t, readFormatFixture(t, "real/"+name), doc, cg, sg, mk, sk, rs)
}

// A Zoom cloud recording's transcript in the layout of a course's section meeting, where the
// section leader's display name carries Zoom's suffix "(SL)" (pattern 2) and Zoom leaves the
// label off a cue that goes on with the speaker before it (pattern 1).
func TestRealZoomSectionLeader(t *testing.T) {
	const name = "zoom-cloud-section.transcript.vtt"
	doc := readReal(t, name, Options{})
	noWarnings(t, doc)
	g, o := "Grace Liu (SL)", "Omar Haddad"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(g, g, "Can everyone hear me", at(0.64), at(2.31), 3),
		timedTurn(o, o, "yes. Yeah, we can hear you. I think Priya is still joining, she said.", at(2.48), at(8.4), 7),
		timedTurn(g, g, "Okay, let's wait one minute. So today we're going over the loops problem from the homework, the one with the running total. Who wants to start?", at(11.73), at(31.24), 15),
		timedTurn(o, o, "I can. So I set the total to zero before the loop, and then inside I add each number. But mine printed the wrong thing at the end, like it was one too many.", at(36.91), at(49.7), 27),
		timedTurn(g, g, "Yeah. That's really common. Can you share your screen so we can look at the range?", at(49.91), at(58.41), 35),
		timedTurn(o, o, "Okay, here. So it's for i in range, and then the length plus one.", at(63.56), at(69.88), 47),
		timedTurn(g, g, "Right. So what does range give you if you add one there?", at(70.12), at(76.3), 51),
	})
}

// A Microsoft Teams transcript in its layout: a cue identifier "guid/n-m", the speaker in a
// voice tag written "Last, First" or "First Last" (pattern 2), a sentence over two lines, one
// utterance cut into cues n-0, n-1, and a cue that overlaps the one before (a second speaker
// while the first talks), which stays its own turn and is named in a warning.
func TestRealTeamsMeeting(t *testing.T) {
	doc := readReal(t, "teams-meeting.vtt", Options{})
	r, tb, a := "Ruth Ferreira", "Bellamy, Tom", "Okonkwo, Ada"
	sameItems(t, doc.Items, []coding.Item{
		timedTurn(r, r, "Morning, everyone.", at(2.118), at(3.478), 3),
		timedTurn(tb, tb, "Morning.", at(2.118), at(3.21), 7),
		timedTurn(r, r, "So the plan today is to go through the survey results and then agree on the codes. Ada, do you want to start with the numbers?", at(4.958), at(12.618), 11),
		timedTurn(a, a, "Yes, happy to.", at(12.938), at(14.058), 21),
		timedTurn(tb, tb, "Mm-hmm.", at(13.5), at(13.98), 25),
		timedTurn(a, a, "So we had ninety-two responses, which is a bit better than last year. Most of them answered the open question, so there is a lot to code.", at(14.058), at(24.306), 29),
		timedTurn(tb, tb, "How many answered it in Welsh?", at(24.906), at(27.146), 39),
		timedTurn(a, a, "Eleven, I think. I'll check.", at(27.626), at(29.786), 43),
		timedTurn(r, r, "OK. Then let's split them three ways and compare after the first twenty.", at(30.186), at(35.562), 47),
	})
	want := []coding.Warning{
		{Line: 7, Message: "cue 2 (line 7) starts (00:00:02.118) before cue 1 ends (00:00:03.478); the cues overlap"},
		{Line: 25, Message: "cue 6 (line 25) starts (00:00:13.500) before cue 5 ends (00:00:14.058); the cues overlap"},
	}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings %+v\nwant %+v", doc.Warnings, want)
	}
}

// The W3C's captions of "Web Accessibility Perspectives: Voice Recognition", in English and
// French: a narrator without a voice tag, and the people on screen in voice tags on their own
// cues. A caption whose words end in a colon ("Dictating emails:", "Dicter des e-mails :",
// "Web accessibility:", "L'accessiblité Web :") introduces what follows; it names no speaker
// and its words are kept (pattern 5), and a voice tag names the speaker of its cue only, so
// the narrator's captions after "<v Woman>" are not the woman's (pattern 1).
func TestRealCaptionsEndingInAColon(t *testing.T) {
	narrator := func(text string, start, end float64, line int) coding.Item {
		return timedTurn("", "", text, at(start), at(end), line)
	}
	voiced := func(who, text string, start, end float64, line int) coding.Item {
		return timedTurn(who, who, text, at(start), at(end), line)
	}
	tu, om, mw, wo := "Tablet user", "Older man", "Man in wheelchair", "Woman"
	t.Run("en", func(t *testing.T) {
		const name = "wai-perspectives-voice.en.vtt"
		doc := readReal(t, name, Options{})
		noWarnings(t, doc)
		sameItems(t, doc.Items, []coding.Item{
			narrator("Imagine if you could only communicate with your family by writing.", 4.1, 9.04, 3),
			narrator("Sometimes it's just easier to speak.", 9.06, 12.48, 6),
			narrator("One of the advances of technology is voice recognition.", 12.5, 16.36, 9),
			narrator("Whether it's searching the Web:", 16.38, 18, 12),
			voiced(tu, `"Nineteenth Century Architecture."`, 18.02, 20, 15),
			narrator("Dictating emails:", 20.02, 21.2, 18),
			voiced(om, `"Send email to Jack Harding."`, 21.22, 25.18, 21),
			narrator("Or controlling your navigation app.", 25.2, 28.12, 24),
			narrator("Many people with physical disabilities", 28.76, 31.74, 27),
			narrator("rely on voice recognition to use the computer.", 31.74, 33.94, 30),
			voiced(mw, `"Place order."`, 33.96, 35.38, 33),
			narrator("But for that to happen websites and apps need to be properly coded.", 35.4, 39.12, 36),
			voiced(mw, `"Go? Cancel?"`, 39.14, 42.16, 39),
			narrator("Voice recognition could help lots of other people", 42.161, 44.92, 42),
			narrator("with temporary limitations too, like an injured arm.", 44.921, 47.74, 45),
			voiced(wo, `"Place order."`, 47.76, 48.74, 48),
			narrator("It can also prevent injuries becoming worse,", 48.76, 51.24, 51),
			// A sentence that runs on from the cue before, not a speaker "like RSI".
			narrator("like RSI: Repetitive Stress Injury.", 51.24, 54.4, 54),
			narrator("Or for people simply preferring voice.", 54.42, 57.02, 57),
			narrator("Web accessibility:", 57.04, 59.02, 60),
			voiced(mw, `"Place Order."`, 59.04, 60.16, 63),
			narrator("Essential for some, useful for all.", 60.18, 63.12, 66),
		})
		everyCueRead(t, readFormatFixture(t, "real/"+name), doc)
	})
	t.Run("fr", func(t *testing.T) {
		const name = "wai-perspectives-voice.fr.vtt"
		doc := readReal(t, name, Options{})
		noWarnings(t, doc)
		sameCounts(t, turnsBy(doc), map[string]int{"": 16, mw: 3, om: 1, tu: 1, wo: 1})
		for i, w := range map[int]coding.Item{
			3:  narrator("Que ce soit pour effectuer une recherche sur le Web :", 16.38, 18, 12),
			5:  narrator("Dicter des e-mails :", 20.02, 21.2, 18),
			6:  voiced(om, `"Envoyer un e-mail à Jack Harding."`, 21.22, 25.18, 21),
			7:  narrator("Ou contrôler votre application de navigation.", 25.2, 28.12, 24),
			19: narrator("L'accessiblité Web :", 57.04, 59.02, 60),
			21: narrator("Essentielle pour certains, utile à tous.", 60.18, 63.12, 66),
		} {
			if !reflect.DeepEqual(doc.Items[i], w) {
				t.Errorf("item %d: %+v\nwant %+v", i, doc.Items[i], w)
			}
		}
		everyCueRead(t, readFormatFixture(t, "real/"+name), doc)
	})
	t.Run("a label of words before words", func(t *testing.T) {
		const name = "wai-perspectives-understandable.en.vtt"
		doc := readReal(t, name, Options{})
		noWarnings(t, doc)
		sameCounts(t, turnsBy(doc), map[string]int{"": 14})
		first, last := doc.Items[0], doc.Items[len(doc.Items)-1]
		if want := narrator("Instead of saying:", 4.14, 5.84, 3); !reflect.DeepEqual(first, want) {
			t.Errorf("first item %+v, want %+v", first, want)
		}
		// "Web accessibility: Essential…" is one caption: no speaker "Web accessibility".
		if want := narrator("Web accessibility: Essential for some, useful for all.", 41, 46.64, 42); !reflect.DeepEqual(last, want) {
			t.Errorf("last item %+v, want %+v", last, want)
		}
		everyCueRead(t, readFormatFixture(t, "real/"+name), doc)
	})
}
