package transcript

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// A speaker label is the "Name" of "Name: text" or "Name：text" (or "Name︰text", the colon
// Hong Kong texts often use), in plain-text transcripts and at the start of subtitle cues
// alike. speakerLabel is the one rule both read by.
//
// What a label may be, from the files researchers receive:
//   - a name of up to 24 characters (a suffix not counted) and four Latin words, with spaces and digits
//     ("联通 114 电话导航", "Speaker 2");
//   - with apostrophes and hyphens ("O'Brien", "Mary-Jane", "D’Souza") and slashes
//     ("Interviewer/Moderator");
//   - with one suffix in ASCII brackets, as Zoom and Teams write them ("Ashlee Kupor (SL)",
//     "Name (Host)", "Name (she/her)"), kept as part of the speaker's name;
//   - in brackets as a whole in subtitles ("[SPEAKER_00]:", the brackets dropped);
//   - in plain text, a record's officer in capitals of up to nine words ("SECRETARY FOR
//     FINANCIAL SERVICES AND THE TREASURY (in Cantonese)"; see records.go for how records
//     name their speakers).
//
// What is never a label: a clock time or a date ("10:36", "12-May-2023 - 10:36",
// "2021-10-30T08:45:00Z"), digits alone, text with sentence punctuation or quotes, a URL
// ("https://…"), a Latin sentence of many words that happens to hold a colon, or words with
// an elision ("s'énonce ainsi").
const maxLabelRunes = 24

// labelPunct are characters a speaker label never holds: sentence punctuation, quotes and
// symbols. Brackets are allowed only as one suffix (or, in a cue, around the whole label).
const labelPunct = "，。？！、；,?!;“”\"《》…[]【】<>——\\|=+*#@"

var (
	// A date inside a label: 2021-10-30, 30.10.2021, 10/30/21, 12-May-2023, May 12, 2023.
	dateInLabel = regexp.MustCompile(`(?i)\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}|\d{1,2}[-\s](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[-\s]\d{2,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}年|\d{1,2}月\d{1,2}日`)
	// A French or Italian elision inside a label ("s'énonce", "l'article", "qu'il", and at the
	// start of a sentence "L'accessibilité"): words of a sentence, not a name (names elide
	// before a capital: "D'Angelo", "O'Brien").
	elision = regexp.MustCompile(`(^|\s)(?i:l|d|s|n|j|m|c|t|qu|un|dell|all|nell)['’]\p{Ll}`)
	// A bracketed suffix at the end of a label, in ASCII brackets as Zoom and Teams write it:
	// " (SL)", " (Host)", " (she/her)". Full-width brackets are left out: in "他说（笑）：" they
	// hold a stage direction.
	labelSuffix = regexp.MustCompile(`\s*\([^()（）]{1,16}\)$`)
)

// speakerLabel splits line (trimmed) at its first colon into the label as written, the label
// to normalise (without brackets around the whole), and the text after it; ok is false when
// what stands before the colon is not a speaker label. inCue allows brackets around the whole
// label ("[SPEAKER_00]:"), as subtitle and diarisation tools write them.
func speakerLabel(line string, inCue bool) (raw, label, rest string, ok bool) {
	return speakerLabelIn(line, inCue, nil)
}

// labelCache remembers what the rules said of each text before a colon (isLabel, then
// longCapsLabel) in one reading of a plain-text document, where a few labels start most lines.
type labelCache map[string]bool

// maxLabelCache bounds a labelCache: a document whose lines have ever new texts before a colon
// only asks the rules again.
const maxLabelCache = 1 << 14

// colonIndex is the index of the first colon in s that can end a label (":", "：" or "︰"),
// or -1: strings.IndexAny(s, ":：︰"), which decodes every rune of a Chinese line, as three
// searches of bytes, each stopping where the one before found a colon.
func colonIndex(s string) int {
	i := strings.IndexByte(s, ':')
	head := s
	if i >= 0 {
		head = s[:i]
	}
	if j := strings.Index(head, "："); j >= 0 {
		i, head = j, head[:j]
	}
	if j := strings.Index(head, "︰"); j >= 0 {
		i = j
	}
	return i
}

// speakerLabelIn is speakerLabel, asking the rules of labels through cache (nil asks them).
func speakerLabelIn(line string, inCue bool, cache labelCache) (raw, label, rest string, ok bool) {
	i := colonIndex(line)
	if i <= 0 {
		return "", "", "", false
	}
	raw = strings.TrimSpace(line[:i])
	_, size := utf8.DecodeRuneInString(line[i:])
	rest = strings.TrimSpace(line[i+size:])
	if strings.HasPrefix(rest, "//") { // a URL
		return "", "", "", false
	}
	label = raw
	if inCue {
		label = strings.TrimSpace(trimBrackets(raw))
	}
	known, cached := cache[label]
	if !cached {
		known = isLabel(label) || !inCue && longCapsLabel(label)
		if cache != nil && len(cache) < maxLabelCache {
			cache[strings.Clone(label)] = known
		}
	}
	if !known {
		return "", "", "", false
	}
	// A clock time: "10:36", "T08:45:00Z", "at 1:30" — the label ends in a digit and the text
	// goes on with one.
	if r, _ := utf8.DecodeLastRuneInString(label); unicode.IsDigit(r) {
		if f, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(f) {
			return "", "", "", false
		}
	}
	return raw, label, rest, true
}

// isLabel applies the rules above to the text before the colon.
func isLabel(label string) bool {
	if label == "" {
		return false
	}
	body := label
	if strings.HasSuffix(label, ")") { // the expressions are asked only where they can match
		body = labelSuffix.ReplaceAllString(label, "")
	}
	if body == "" || utf8.RuneCountInString(body) > maxLabelRunes || strings.ContainsAny(body, labelPunct) || strings.ContainsAny(body, "()（）") {
		return false
	}
	if strings.HasPrefix(body, "'") || strings.HasPrefix(body, "-") || strings.HasPrefix(body, "/") {
		return false
	}
	letters := 0
	for _, r := range body {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == 0 { // "10", "1", "..."
		return false
	}
	if strings.ContainsAny(body, "0123456789") && dateInLabel.MatchString(body) || strings.ContainsAny(body, "'’") && elision.MatchString(body) {
		return false
	}
	// A Latin "label" of many words is a sentence that happens to contain a colon.
	if !strings.ContainsFunc(body, isWide) && len(strings.Fields(body)) > 4 {
		return false
	}
	return true
}

// longCapsLabel reports whether label is a record's speaker in capitals longer than a name,
// as Hansards name public officers ("SECRETARY FOR FINANCIAL SERVICES AND THE TREASURY (in
// Cantonese)"): Latin capitals, up to nine words and 60 characters, with no sentence
// punctuation, and at most one annotation in brackets at the end.
func longCapsLabel(label string) bool {
	body := strings.TrimSpace(labelAnnotation.ReplaceAllString(label, ""))
	if body == "" || utf8.RuneCountInString(body) > 60 || len(strings.Fields(body)) > 9 ||
		strings.ContainsAny(body, labelPunct) || strings.ContainsAny(body, "()（）.:") {
		return false
	}
	letters := 0
	for _, r := range body {
		switch {
		case unicode.IsLower(r) || isWide(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2 && !dateInLabel.MatchString(body)
}

// titleAsNote turns the first line into a note when its label is a title, not a speaker: a
// video's or episode's title with a colon ("How to Start a Podcast: 10 Tips") stands before the
// talk, its "label" is never used again while two speakers' recur, and it is no sentence. It
// says so in a warning.
func titleAsNote(items []coding.Item, warns []coding.Warning) []coding.Warning {
	if len(items) == 0 || !titleCandidate(items[0]) {
		return warns
	}
	count := map[string]int{}
	for _, it := range items {
		if it.Kind == coding.KindTurn && it.Speaker != "" {
			count[it.Speaker]++
		}
	}
	if !isTitle(items[0], count) {
		return warns
	}
	warns = append(warns, titleWarning(items[0]))
	items[0] = titleNote(items[0])
	return warns
}

// titleCandidate tells whether the first item could be a title (titleAsNote) by what it holds:
// a speaker's turn, short, with no sentence's end (a moderator who speaks once, "Moderator:
// Welcome, let's begin.", stays a speaker).
func titleCandidate(first coding.Item) bool {
	if first.Kind != coding.KindTurn || first.Speaker == "" {
		return false
	}
	text := strings.TrimSpace(first.Text)
	return utf8.RuneCountInString(text) <= 80 && !strings.ContainsAny(text, "。？！.?!")
}

// isTitle tells whether the first item, a titleCandidate, is a title, given how many turns each
// speaker of the document has (count): its label is used only there, and two speakers' recur.
func isTitle(first coding.Item, count map[string]int) bool {
	if count[first.Speaker] != 1 {
		return false
	}
	recurring := 0
	for _, n := range count {
		if n >= 2 {
			recurring++
		}
	}
	return recurring >= 2
}

// titleWarning says that the first item is read as a title.
func titleWarning(it coding.Item) coding.Warning {
	return coding.Warn(it.Line, say.Errorf("%s before the first speaker is read as a title, not a speaker (no one else is labelled %s); kept as a note", quoted(it.Label+": "+it.Text), quoted(it.Label)))
}

// titleNote is the first item made a note, as a title.
func titleNote(it coding.Item) coding.Item {
	it.Text = strings.TrimSpace(it.Label + ": " + it.Text)
	it.Kind, it.Speaker, it.Label = coding.KindNote, "", ""
	return it
}
