package transcript

import (
	"regexp"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Diarised text: what WhisperX, pyannote and the scripts around them write, one line a segment,
// a time (or a start and an end) and a speaker before the words. The shapes found in the wild:
//
//	[0.00 - 5.12] SPEAKER_00 - So tell me about the job.
//	[00:00 - 00:04] SPEAKER_00: 大家好
//	[00:00:00.233 --> 00:00:07.088] [Unknown]       (the words on the next line)
//	[00:01:23] SPEAKER_00: Lorem ipsum               (a start only)
//	[SPEAKER_00 - 00:00:10] Hello?
//	[SPEAKER_00] [00:00:05.000 --> 00:00:07.500]: Hello?
//	0.00 10.34 SPEAKER_00  I think if you're a leader…   (pyannote-whisper)
//	[00:00.000 --> 00:05.000]  And so my fellow Americans…   (Whisper, no speaker)
//	[SPEAKER_00]: So tell me about the job.          (WhisperX's own text, no time)
//
// A time is seconds with a fraction or an "s" ("12.34", "12s"), or a clock ("00:00:12.340",
// "0:12"). The speaker is a bracketed name, a diarisation label (SPEAKER_00, Speaker 1, spk_0,
// Unknown), or a "Name:" label by the speaker-label rule; pyannote-whisper's "None" (no speaker
// found) is no speaker. Lines that are not entries continue the entry above them.
var (
	diaTime  = `(?:\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?|\d+\.\d+s?|\d+s)`
	diaSep   = `\s*(?:-->|->|→|–|—|-|~)\s*`
	diaRange = `(` + diaTime + `)(?:` + diaSep + `(` + diaTime + `))?`

	diaTimeFirst       = regexp.MustCompile(`^\[\s*` + diaRange + `\s*\]\s*(.*)$`)
	diaSpeakerThenTime = regexp.MustCompile(`^\[([^\[\]]+)\]\s*\[\s*` + diaRange + `\s*\]\s*[:：]?\s*(.*)$`)
	diaSpeakerFirst    = regexp.MustCompile(`^\[([^\[\]]*?\S)\s*[-–|]\s*` + diaRange + `\s*\]\s*[:：]?\s*(.*)$`)
	diaBracketLabel    = regexp.MustCompile(`^\[([^\[\]]+)\]\s*[:：]\s*(.*)$`)
	diaBare            = regexp.MustCompile(`^(` + diaTime + `)(?:` + diaSep + `|\s+)(` + diaTime + `)\s+(\S.*)$`)
	// The labels diarisation gives speakers, and what separates one from the words.
	diaToken = regexp.MustCompile(`(?i)^(speaker[ _-]?\d+|spk[ _-]?\d+|speaker[ _-][a-z]|unknown(?:[ _]speaker)?|none)($|\s*[:：\-–|]\s*|\s+)`)
)

// diarisedLine reads a line of diarised text that starts an entry.
func diarisedLine(line string) (timedEntry, bool, error) {
	if m := diaTimeFirst.FindStringSubmatch(line); m != nil {
		raw, name, text, named := diarisedRest(m[3])
		if !named && m[2] == "" {
			// A single bracketed time before unlabelled words is not enough to tell a segment
			// from a numbered note ("[1.5] see above").
			return timedEntry{}, false, nil
		}
		return diarisedEntry(raw, name, m[1], m[2], text)
	}
	if m := diaSpeakerThenTime.FindStringSubmatch(line); m != nil && timedName(strings.TrimSpace(m[1])) {
		name := strings.TrimSpace(m[1])
		return diarisedEntry(name, name, m[2], m[3], m[4])
	}
	if m := diaSpeakerFirst.FindStringSubmatch(line); m != nil && timedName(strings.TrimSpace(m[1])) {
		name := strings.TrimSpace(m[1])
		return diarisedEntry(name, name, m[2], m[3], m[4])
	}
	if m := diaBare.FindStringSubmatch(line); m != nil {
		// Times without brackets stand before a speaker, or the line is prose ("10 - 12 people").
		if raw, name, text, named := diarisedRest(m[3]); named {
			return diarisedEntry(raw, name, m[1], m[2], text)
		}
	}
	if m := diaBracketLabel.FindStringSubmatch(line); m != nil && timedName(strings.TrimSpace(m[1])) {
		e := timedEntry{label: "[" + m[1] + "]", speaker: coding.NormalizeLabel(m[1])}
		if text := strings.TrimSpace(m[2]); text != "" {
			e.text = []string{text}
		}
		return e, true, nil
	}
	return timedEntry{}, false, nil
}

// diarisedRest splits what follows the time of a diarised line into the speaker as written
// (raw), the speaker's name, and the words; named is false when no speaker is named.
func diarisedRest(rest string) (raw, name, text string, named bool) {
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "[") {
		// "[SPEAKER_01]", "[Alice]: words"; but "[Music]" alone is what Whisper heard.
		if j := strings.IndexByte(rest, ']'); j > 1 {
			n, after := strings.TrimSpace(rest[1:j]), trimSeparator(rest[j+1:])
			if timedName(n) && (after != "" || isDiarisationLabel(n)) {
				return rest[:j+1], n, after, true
			}
		}
	}
	if m := diaToken.FindStringSubmatch(rest); m != nil {
		// "SPEAKER_00 text" needs no separator; "Unknown to me" is words.
		if m[2] == "" || strings.TrimSpace(m[2]) != "" || len(m[2]) > 1 || strings.ContainsAny(m[1], "0123456789") {
			n := m[1]
			if strings.EqualFold(n, "none") {
				n = ""
			}
			return m[1], n, strings.TrimSpace(rest[len(m[0]):]), true
		}
	}
	if r, label, after, ok := speakerLabel(rest, true); ok {
		return r, label, after, true
	}
	return "", "", rest, false
}

// isDiarisationLabel reports whether name is a label diarisation gives (SPEAKER_00, Unknown).
func isDiarisationLabel(name string) bool {
	m := diaToken.FindStringSubmatch(name)
	return m != nil && len(m[0]) == len(name)
}

// trimSeparator drops what separates a bracketed speaker from the words (": ", " - ").
func trimSeparator(s string) string {
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), ":：-–|"))
}

// diarisedEntry makes the entry of a diarised line: raw and name are the speaker as written and
// without brackets ("" for none), t0 and t1 the start and the end ("" when only a start is given).
func diarisedEntry(raw, name, t0, t1, text string) (timedEntry, bool, error) {
	start, err := diarisedTime(t0)
	if err != nil {
		return timedEntry{}, false, err
	}
	e := timedEntry{label: raw, speaker: coding.NormalizeLabel(name), timed: true, start: start}
	if name == "" {
		e.label = ""
	}
	if t1 != "" {
		if e.end, err = diarisedTime(t1); err != nil {
			return timedEntry{}, false, err
		}
		if e.end < e.start {
			return timedEntry{}, false, say.Errorf("the segment ends (%s) before it starts (%s)", t1, t0)
		}
		e.hasEnd = true
	}
	if text = strings.TrimSpace(text); text != "" {
		e.text = []string{text}
	}
	return e, true, nil
}

// diarisedTime reads a time of diarised text: seconds ("12.34", "12.34s") or a clock.
func diarisedTime(s string) (time.Duration, error) {
	return parseClock(strings.TrimSuffix(s, "s"))
}
