package transcript

import (
	"fmt"
	"html"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// maxOverlapWarnings bounds the overlap warnings of one file; the rest are counted in one more.
const maxOverlapWarnings = 10

// looksLikeSRT reports whether text starts like an SRT file: the first non-blank line is a cue
// number and the next one a timing ("00:00:01,000 --> 00:00:04,000"), or the first non-blank
// line is itself a timing (SRT written without cue numbers).
func looksLikeSRT(head string) bool {
	var line string
	for i := 0; i < 50 && head != ""; i++ {
		line, head = nextLine(head)
		line = strings.TrimSpace(strings.TrimPrefix(line, "\uFEFF"))
		if line == "" {
			continue
		}
		if _, _, _, _, ok := parseTimingLine(line); ok {
			return true
		}
		if !allDigits(line) {
			return false
		}
		line, _ = nextLine(head)
		_, _, _, _, ok := parseTimingLine(line)
		return ok
	}
	return false
}

// nextLine cuts the first line off s; the line break (LF, CRLF or CR) belongs to neither part.
func nextLine(s string) (line, rest string) {
	j := strings.IndexAny(s, "\r\n")
	if j < 0 {
		return s, ""
	}
	if s[j] == '\r' && j+1 < len(s) && s[j+1] == '\n' {
		return s[:j], s[j+2:]
	}
	return s[:j], s[j+1:]
}

// cue is one subtitle cue as read.
type cue struct {
	id         string // the cue number or identifier, for messages
	line       int
	start, end time.Duration
	rawStart   string
	rawEnd     string
	text       []string // the text lines
}

func (c *cue) name() error {
	return say.Errorf("cue %s (line %d)", c.id, c.line)
}

// readSubtitles reads SRT or WebVTT (told apart by the WEBVTT header) into items: one turn a
// cue, or a speaker's run of consecutive cues. The speaker comes from a WebVTT voice (<v Name>)
// or a short "Name:" label at the start of a cue; consecutive cues of the same speaker are
// merged into one turn, from the start of the first to the end of the last, because automatic
// transcription splits a speaker's sentences across cues. Cues without a speaker stay one item
// each. A cue that is only a bracketed remark ("[inaudible]", "(laughs)") is a note. Markup is
// removed; NOTE, STYLE and REGION blocks are skipped.
func readSubtitles(text string) ([]coding.Item, []coding.Warning, error) {
	lines := splitLines(strings.TrimPrefix(text, "\uFEFF"))
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	vtt := i < len(lines) && isVTTHeader(lines[i])
	if vtt {
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
	}
	var (
		cues  []*cue
		warns []coding.Warning
	)
	for ordinal := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		start := i
		for i < len(lines) && (strings.TrimSpace(lines[i]) != "" || spaceAfterTiming(lines, i)) {
			i++
		}
		block := lines[start:i]
		t := -1 // the timing line
		if strings.Contains(block[0], "-->") {
			t = 0
		} else if len(block) > 1 && strings.Contains(block[1], "-->") {
			t = 1
		}
		// youtube-dl writes a cue's timing right under the last cue's text, with no blank line:
		// the cue ends there, and the next begins (with its number, in SRT).
		if t >= 0 {
			for k := t + 1; k < len(block); k++ {
				if _, _, _, _, ok := parseTimingLine(block[k]); ok {
					if k-1 > t && allDigits(strings.TrimSpace(block[k-1])) {
						k--
					}
					i = start + k
					block = block[:k]
					break
				}
			}
		}
		if t < 0 {
			head := strings.TrimSpace(block[0])
			switch {
			case vtt && (isBlockKeyword(head, "NOTE") || isBlockKeyword(head, "STYLE") || isBlockKeyword(head, "REGION")):
			case len(cues) > 0 && !(len(block) == 1 && allDigits(head)):
				// A blank line inside a cue's text: keep the text with its cue.
				c := cues[len(cues)-1]
				c.text = append(c.text, block...)
				warns = append(warns, coding.Warn(start+1, say.Errorf("text after a blank line inside %v is kept with that cue", c.name())))
			default:
				warns = append(warns, coding.Warn(start+1, say.Errorf("text outside any cue (no timing line such as 00:00:01,000 --> 00:00:04,000); skipped")))
			}
			continue
		}
		ordinal++
		c := &cue{id: fmt.Sprint(ordinal), line: start + 1, text: block[t+1:]}
		if t == 1 {
			if id := strings.TrimSpace(block[0]); allDigits(id) {
				c.id = id
			}
		}
		var ok bool
		if c.rawStart, c.rawEnd, c.start, c.end, ok = parseTimingLine(block[t]); !ok {
			return nil, nil, say.Errorf("cue %s (line %d): %v", c.id, c.line, timingError(block[t]))
		}
		if c.end < c.start {
			return nil, nil, say.Errorf("cue %s (line %d): ends (%s) before it starts (%s)", c.id, c.line, c.rawEnd, c.rawStart)
		}
		cues = append(cues, c)
	}

	var (
		items      []coding.Item
		pieces     [][]string // the text pieces of each item, joined at the end
		overlaps   int
		prev       *cue
		lastMerged = -1 // the item a following cue of the same speaker may extend
		// The speaker now talking: a cue with no label continues their turn (subtitles and
		// podcast transcripts name a speaker on the first cue of a run only).
		current, currentLabel string
		prevLines             []string // the cleaned text of the cue before
		rolled                int      // cues that only repeated the one before
	)
	for _, c := range cues {
		if prev != nil && c.start < prev.end {
			overlaps++
			if overlaps <= maxOverlapWarnings {
				warns = append(warns, coding.Warn(c.line, say.Errorf("%v starts (%s) before cue %s ends (%s); the cues overlap", c.name(), c.rawStart, prev.id, prev.rawEnd)))
			}
		}
		prev = c
		lines := cleanLines(c.text)
		text := rollingText(c, lines, prevLines)
		prevLines = lines
		if text == nil {
			rolled++
			continue
		}
		segs, alone := cueSegments(text)
		if alone != nil {
			// "Anna:" with nothing after it: Anna speaks in the cues that follow.
			warns = append(warns, coding.Warn(c.line, say.Errorf("%v ends with the label %s and no words; the cues after it are %s's", c.name(), quoted(alone.label+":"), alone.speaker)))
		}
		if len(segs) == 0 {
			if alone != nil {
				current, currentLabel, lastMerged = alone.speaker, alone.label, -1
			}
			continue // an empty cue
		}
		if len(segs) == 1 && segs[0].speaker == "" && isBracketed(joinAll(segs[0].text)) {
			items = append(items, coding.Item{Kind: coding.KindNote, Text: joinAll(segs[0].text), Start: c.start, End: c.end, Timed: true, Line: c.line})
			pieces = append(pieces, nil)
			lastMerged = -1
			continue
		}
		if segs[0].speaker == "" && current != "" {
			segs[0].speaker, segs[0].label = current, currentLabel
		}
		for k, s := range segs {
			if k == 0 && s.speaker != "" && lastMerged >= 0 && items[lastMerged].Speaker == s.speaker {
				it := &items[lastMerged]
				pieces[lastMerged] = append(pieces[lastMerged], s.text...)
				if c.end > it.End {
					it.End = c.end
				}
				continue
			}
			items = append(items, coding.Item{Kind: coding.KindTurn, Speaker: s.speaker, Label: s.label, Start: c.start, End: c.end, Timed: true, Line: c.line})
			pieces = append(pieces, s.text)
		}
		lastMerged = -1
		if last := segs[len(segs)-1]; last.speaker != "" {
			lastMerged = len(items) - 1
			current, currentLabel = last.speaker, last.label
			if last.voice {
				// A voice tag names the speaker of its own cue only (WebVTT): a cue without one
				// after it is the narrator's or nobody's ("<v Woman> "Place order."" then the
				// narrator's untagged captions).
				current, currentLabel = "", ""
			}
		}
		if alone != nil {
			current, currentLabel, lastMerged = alone.speaker, alone.label, -1
		}
	}
	if rolled > 0 {
		warns = append(warns, coding.Warn(0, say.Errorf("%d cues only repeated the text of the cue before them (automatic captions roll their lines); each line is kept once", rolled)))
	}
	warns = titleAsNote(items, warns)
	if overlaps > maxOverlapWarnings {
		warns = append(warns, coding.Warn(0, say.Errorf("%d more cues overlap the cue before them", overlaps-maxOverlapWarnings)))
	}
	// In source order; the warnings without a line (summaries) last.
	sort.SliceStable(warns, func(i, j int) bool {
		return warns[i].Line > 0 && (warns[j].Line == 0 || warns[i].Line < warns[j].Line)
	})
	for k := range items {
		if pieces[k] != nil {
			items[k].Text = joinAll(pieces[k])
		}
	}
	return items, warns, nil
}

// rollingText is c's text (lines: the same, cleaned) less what only repeats the cue before
// (prev, cleaned): YouTube's automatic captions show each line twice, at the bottom of one cue
// and the top of the next, with a 10 ms cue between them that repeats it once more. A cue of at most 20 ms holding
// only the text before gives nil; a cue of several lines whose first is the last line before
// loses that line. Single cues that say the same ("Yes." "Yes.") are kept.
func rollingText(c *cue, lines, prev []string) []string {
	if len(prev) == 0 {
		return c.text
	}
	if c.end-c.start <= 20*time.Millisecond && len(lines) > 0 && slices.Equal(lines, prev[max(0, len(prev)-len(lines)):]) {
		return nil
	}
	if len(lines) > 1 && lines[0] == prev[len(prev)-1] {
		for k, raw := range c.text {
			if cleanCueText(raw) == lines[0] {
				return c.text[k+1:]
			}
		}
	}
	return c.text
}

// cleanLines is a cue's text lines without markup, the empty ones left out.
func cleanLines(text []string) []string {
	var out []string
	for _, l := range text {
		if t := cleanCueText(l); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// spaceAfterTiming tells whether lines[i] is a line of spaces right under a timing line, as
// YouTube's captions write one: it belongs to the cue, it does not end it.
func spaceAfterTiming(lines []string, i int) bool {
	if i == 0 || lines[i] == "" {
		return false
	}
	_, _, _, _, ok := parseTimingLine(lines[i-1])
	return ok
}

func isVTTHeader(line string) bool {
	line = strings.TrimPrefix(line, "\uFEFF")
	return isBlockKeyword(line, "WEBVTT")
}

// isBlockKeyword reports whether line is word alone or word followed by a space or tab.
func isBlockKeyword(line, word string) bool {
	return line == word || strings.HasPrefix(line, word+" ") || strings.HasPrefix(line, word+"\t")
}

// parseTimingLine reads "start --> end [settings]"; the settings are ignored.
func parseTimingLine(line string) (rawStart, rawEnd string, start, end time.Duration, ok bool) {
	l, r, found := strings.Cut(line, "-->")
	if !found {
		return "", "", 0, 0, false
	}
	rawStart = strings.TrimSpace(l)
	fields := strings.Fields(r)
	if len(fields) == 0 || !strings.Contains(rawStart, ":") || !strings.Contains(fields[0], ":") {
		return "", "", 0, 0, false
	}
	rawEnd = fields[0]
	var err error
	if start, err = parseClock(rawStart); err != nil {
		return "", "", 0, 0, false
	}
	if end, err = parseClock(rawEnd); err != nil {
		return "", "", 0, 0, false
	}
	return rawStart, rawEnd, start, end, true
}

// timingError explains why a line with "-->" is not a timing.
func timingError(line string) error {
	l, r, _ := strings.Cut(line, "-->")
	fields := strings.Fields(r)
	rawStart := strings.TrimSpace(l)
	if rawStart == "" || len(fields) == 0 {
		return say.Errorf("%q is not a cue timing (expected 00:00:01,000 --> 00:00:04,000)", strings.TrimSpace(line))
	}
	for _, s := range []string{rawStart, fields[0]} {
		if strings.HasPrefix(s, "-") {
			return say.Errorf("the time %s is negative", s)
		}
		if _, err := parseClock(s); err != nil || !strings.Contains(s, ":") {
			return say.Errorf("%q is not a time (expected hh:mm:ss,mmm or mm:ss.mmm)", s)
		}
	}
	return say.Errorf("%q is not a cue timing (expected 00:00:01,000 --> 00:00:04,000)", strings.TrimSpace(line))
}

// segment is a stretch of a cue's text with one speaker ("" if none is named).
type segment struct {
	speaker string // normalised
	label   string // as written
	text    []string
	voice   bool // named by a WebVTT voice tag, not by a "Name:" label
}

// cueSegments cleans a cue's text lines and splits them where a new speaker is named: by a
// voice tag on any line, or by a "Name:" label on the first line and, when the cue starts with
// one, on later lines too (so "A: hi / B: hello" is two turns, but a wrapped sentence whose
// second line reads "note: ..." is not split).
//
// alone is set when the cue is a label with no text at all ("Anna:"): the speaker of the cues
// that follow. Only a label that names a speaker counts (cueSpeaker): the words of a caption
// that end in a colon ("Dictating emails:", "Au lieu de dire :") are text.
func cueSegments(lines []string) (segs []segment, alone *segment) {
	labelled := false
	for k, raw := range lines {
		label, named := voiceOf(raw)
		voice := named
		speaker := coding.NormalizeLabel(html.UnescapeString(label))
		text := cleanCueText(raw)
		if !named && (k == 0 || labelled) {
			if l, s, rest, ok := cueLabel(text); ok && cueSpeaker(s, rest) {
				label, speaker, text, named = l, s, rest, true
				if k == 0 {
					labelled = true
				}
			}
		}
		if len(segs) == 0 || named && segs[len(segs)-1].speaker != speaker {
			segs = append(segs, segment{speaker: speaker, label: label, voice: voice})
		}
		if text != "" {
			segs[len(segs)-1].text = append(segs[len(segs)-1].text, text)
		}
	}
	if n := len(segs); n > 0 && segs[n-1].speaker != "" && len(segs[n-1].text) == 0 {
		last := segs[n-1]
		alone = &last
	}
	out := segs[:0]
	for _, s := range segs {
		if len(s.text) > 0 {
			out = append(out, s)
		}
	}
	return out, alone
}

// cueSpeaker reports whether the label at the start of a cue's line (speaker, normalised, with
// rest after it) names who speaks: it is written as names are ("Anna", "Dr. Smith",
// "SPEAKER_00", "Ashlee Kupor (SL)", "主持人", writtenAsName), or it is one word before words, as
// diarisation tools write their ids ("spk_0: …"). A caption's words that end in a colon are
// not: "Dictating emails:" and "Au lieu de dire :" before what is said next, "Web
// accessibility: essential for some", "like RSI: Repetitive Stress Injury" where a sentence
// runs on from the cue before.
func cueSpeaker(speaker, rest string) bool {
	return writtenAsName(speaker) || rest != "" && !strings.ContainsAny(speaker, " \t")
}

// voiceOf finds a WebVTT voice tag, <v Name> or <v.class Name>, and returns the name as written.
func voiceOf(line string) (string, bool) {
	for i := 0; ; {
		j := strings.Index(line[i:], "<v")
		if j < 0 {
			return "", false
		}
		j += i
		rest := line[j+2:]
		if rest != "" && (rest[0] == ' ' || rest[0] == '\t' || rest[0] == '.') {
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return "", false
			}
			tag := rest[:end]
			if tag[0] == '.' {
				// skip the classes
				k := strings.IndexAny(tag, " \t")
				if k < 0 {
					return "", true
				}
				tag = tag[k:]
			}
			return strings.TrimSpace(tag), true
		}
		i = j + 2
	}
}

// cleanCueText removes markup from a cue line: HTML-like tags (<i>, </b>, <c.x>, <v Name>,
// <00:00:01.000>), ASS override codes ({\an8}), and character references (&amp;), and trims it.
func cleanCueText(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		c := line[i]
		if c == '<' && i+1 < len(line) && isTagStart(line[i+1]) {
			if end := strings.IndexByte(line[i:], '>'); end >= 0 && isTag(line[i+1:i+end]) {
				i += end + 1
				continue
			}
		}
		if c == '{' && i+1 < len(line) && line[i+1] == '\\' {
			if end := strings.IndexByte(line[i:], '}'); end >= 0 {
				i += end + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	s := html.UnescapeString(b.String())
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\u200e' || r == '\u200f' {
			return -1
		}
		return r
	}, s))
}

// isTag reports whether the text between < and > is markup: a tag, or a timestamp
// (<00:00:01.500>), not "<3" in "I <3 you>".
func isTag(inner string) bool {
	if inner[0] < '0' || inner[0] > '9' {
		return true
	}
	return strings.Trim(inner, "0123456789:.") == ""
}

func isTagStart(c byte) bool {
	return c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// cueLabel splits "Name: text" or "Name：text" at the start of a cue into the label as written,
// the speaker it names and the text, by the one rule of speaker labels (speakerLabel); brackets
// around the whole label are dropped ("[SPEAKER_00]:" is SPEAKER_00).
func cueLabel(s string) (raw, speaker, rest string, ok bool) {
	raw, label, rest, ok := speakerLabel(s, true)
	if !ok {
		return "", "", "", false
	}
	return raw, coding.NormalizeLabel(label), rest, true
}

var bracketPairs = map[rune]rune{'[': ']', '(': ')', '（': '）', '【': '】', '〔': '〕', '［': '］'}

// trimBrackets removes one pair of brackets around s.
func trimBrackets(s string) string {
	first, size := utf8.DecodeRuneInString(s)
	last, lsize := utf8.DecodeLastRuneInString(s)
	if closer, ok := bracketPairs[first]; ok && last == closer && len(s) >= size+lsize {
		return s[size : len(s)-lsize]
	}
	return s
}

// isBracketed reports whether s is one bracketed remark: "[inaudible]", "(laughs)", "（笑）".
func isBracketed(s string) bool {
	first, size := utf8.DecodeRuneInString(s)
	closer, ok := bracketPairs[first]
	if !ok || len(s) <= size {
		return false
	}
	inner := s[size:]
	j := strings.IndexRune(inner, closer)
	return j >= 0 && j+utf8.RuneLen(closer) == len(inner) && strings.TrimSpace(inner[:j]) != ""
}
