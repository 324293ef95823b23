package transcript

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Timed transcripts: the exports of transcription services and tools that put a speaker and a
// time on a header line and the words under it (Zoom, Otter.ai, Rev), diarised text from
// WhisperX and pyannote, and Whisper's JSON. Each reader turns its source into entries; one set
// of rules (entriesToItems) makes the entries turns.

// timedEntry is one timed block of a source: a speaker (or none) with a time, and the text under it.
type timedEntry struct {
	line    int    // the line (or, for JSON, the segment) where it begins
	label   string // the speaker as written, "" when the entry names none
	speaker string // the speaker normalised (coding.NormalizeLabel)
	text    []string
	timed   bool // start is known
	start   time.Duration
	hasEnd  bool // end is known; otherwise the entry ends where the next one starts
	end     time.Duration
	note    bool // not speech: text before the first header, a tool's footer
}

// maxTimeWarnings bounds the warnings about times that go backwards; the rest are counted.
const maxTimeWarnings = 10

// entriesToItems makes turns of entries. Consecutive entries of the same speaker are one turn
// (transcription tools start a new entry at every pause), from the start of the first to the
// end of the last. Entries without a speaker stay one paragraph each, as subtitle cues do; one
// that is only a bracketed remark ("[inaudible]") is a note.
//
// When a format gives only start times (Zoom, Otter, Rev, "[00:01:23] SPEAKER_00: …"), an
// entry ends where the next entry starts, so a turn ends where the next turn starts; the last
// entry, with nothing after it, ends where it starts.
//
// unit names what an entry's line counts ("line", or "segment" for JSON): warnings about lines
// carry the line, others name the unit in their sentence. Nothing is dropped without a warning.
func entriesToItems(entries []timedEntry, unit string) ([]coding.Item, []coding.Warning) {
	var warns []coding.Warning
	warn := func(e *timedEntry, msg error) {
		warns = append(warns, entryWarning(unit, e, msg))
	}
	warns = append(warns, settleEnds(entries, unit, false)...)

	var (
		items  []coding.Item
		pieces [][]string
		last   = -1 // the turn a following entry of the same speaker continues
	)
	for i := range entries {
		e := &entries[i]
		text := joinAll(e.text)
		if text == "" {
			if !e.note {
				switch {
				case e.label != "" && e.timed:
					warn(e, say.Errorf("%s at %s has no words; nothing was read from it", e.label, timeText(e.start)))
				case e.label != "":
					warn(e, say.Errorf("%s has no words; nothing was read from it", e.label))
				case e.timed:
					warn(e, say.Errorf("the entry at %s has no words; nothing was read from it", timeText(e.start)))
				default:
					warn(e, say.Errorf("the entry has no words; nothing was read from it"))
				}
			}
			continue
		}
		if e.note || e.speaker == "" && isBracketed(text) {
			items = append(items, coding.Item{Kind: coding.KindNote, Text: text, Start: e.start, End: e.end, Timed: e.timed, Line: e.line})
			pieces = append(pieces, nil)
			last = -1
			continue
		}
		if e.speaker != "" && last >= 0 && items[last].Speaker == e.speaker {
			it := &items[last]
			pieces[last] = append(pieces[last], text)
			if e.timed {
				if !it.Timed {
					it.Start, it.Timed = e.start, true
				}
				it.End = max(it.End, e.end)
			}
			continue
		}
		items = append(items, coding.Item{Kind: coding.KindTurn, Speaker: e.speaker, Label: e.label,
			Start: e.start, End: e.end, Timed: e.timed, Line: e.line})
		pieces = append(pieces, []string{text})
		last = -1
		if e.speaker != "" {
			last = len(items) - 1
		}
	}
	for k := range items {
		if pieces[k] != nil {
			var j joiner
			for _, p := range pieces[k] {
				j.add(p)
			}
			items[k].Text = j.b.String()
		}
	}
	return items, warns
}

// entryWarning is a warning about entry e, msg a sentence of say: on its line, or naming it by
// unit ("segment 3: …"; "line" and "segment" are the units).
func entryWarning(unit string, e *timedEntry, msg error) coding.Warning {
	if unit == "line" {
		return coding.Warn(e.line, msg)
	}
	return coding.Warn(0, say.Errorf("segment %d: %v", e.line, msg))
}

// settleEnds ends each timed entry that gives no end of its own where the next timed entry
// starts, when that is later, and where it starts otherwise (the last entry, with nothing
// after it). With untimedStops, an entry without a time between the two leaves the end
// unknown, so the entry ends where it starts: where a transcript gives times to some turns
// only (the Changelog's Markdown, markdown.go), a timed turn is not stretched over the untimed
// turns after it. It warns of starts that go back before the entry above (maxTimeWarnings,
// then a count), naming them by unit as entriesToItems does.
func settleEnds(entries []timedEntry, unit string, untimedStops bool) []coding.Warning {
	var warns []coding.Warning
	backwards := 0
	prev := -1 // the last timed entry
	for i := range entries {
		e := &entries[i]
		if !e.timed {
			continue
		}
		if prev >= 0 && e.start < entries[prev].start {
			backwards++
			if backwards <= maxTimeWarnings {
				warns = append(warns, entryWarning(unit, e, say.Errorf("the time %s is before the time of the entry above it (%s); the times are kept as written", timeText(e.start), timeText(entries[prev].start))))
			}
		}
		prev = i
		if e.hasEnd {
			continue
		}
		e.end = e.start
		for j := i + 1; j < len(entries); j++ {
			if entries[j].timed {
				if entries[j].start > e.start {
					e.end = entries[j].start
				}
				break
			}
			if untimedStops {
				break
			}
		}
	}
	if backwards > maxTimeWarnings {
		warns = append(warns, coding.Warn(0, say.Errorf("%d more entries start before the entry above them", backwards-maxTimeWarnings)))
	}
	return warns
}

// joiner joins the utterances of a turn, or the words of a segment, one piece at a time: with a
// space between them, and none where either side is Chinese, Japanese or Korean. (Unlike hard
// wraps, joinWrapped, an utterance that ends "um…" is followed by a space.)
type joiner struct {
	b    strings.Builder
	last rune
}

func (j *joiner) add(p string) {
	p = strings.TrimSpace(p)
	if p == "" {
		return
	}
	if j.b.Len() > 0 {
		first, _ := utf8.DecodeRuneInString(p)
		if !cjkSide(j.last) && !cjkSide(first) {
			j.b.WriteByte(' ')
		}
	}
	j.b.WriteString(p)
	j.last, _ = utf8.DecodeLastRuneInString(p)
}

// cjkSide reports whether r is written without a space beside it: a CJK character or CJK
// punctuation, but not the ellipsis, dashes and quotes English shares with it.
func cjkSide(r rune) bool {
	return isWide(r) && !strings.ContainsRune("…—“”‘’·", r)
}

// timedName reports whether name, the speaker part of a header line, is a speaker's name: it
// passes the speaker-label rule (speakerLabel), or, since the header's shape already says where
// the name stands, it is a longer name of up to 64 characters and eight words, with letters and
// without a sentence's punctuation ("Maria Fernanda Gonzalez Rodriguez", "Doe, John (he/him)").
func timedName(name string) bool {
	if isLabel(name) {
		return true
	}
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 64 || len(strings.Fields(name)) > 8 {
		return false
	}
	if strings.ContainsAny(name, "。？！；?!;“”\"《》…[]【】<>:：") || dateInLabel.MatchString(name) {
		return false
	}
	return strings.ContainsFunc(name, unicode.IsLetter)
}

// timedLineReader reads one timed text format line by line: header reports whether a line
// (trimmed) starts an entry, and with what; footer whether it is a tool's own line kept as a
// note ("Transcribed by https://otter.ai"). A header whose time cannot be read is an error.
type timedLineReader struct {
	header func(line string) (e timedEntry, ok bool, err error)
	footer func(line string) bool
}

// read makes entries of lines: a header starts an entry (with any text on its own line), and
// the lines under it are its text, blank lines and all, until the next header. Text before the
// first header (a title, Rev's "Transcription details") is kept as notes, one a block of lines,
// with a warning.
func (r timedLineReader) read(lines []string) ([]timedEntry, []coding.Warning, error) {
	var (
		entries []timedEntry
		warns   []coding.Warning
		blank   bool // a blank line stands before this one
	)
	for n, raw := range lines {
		line := strings.TrimFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
		if line == "" {
			blank = true
			continue
		}
		afterBlank := blank
		blank = false
		e, ok, err := r.header(line)
		if err != nil {
			return nil, nil, say.Errorf("line %d: %v", n+1, err)
		}
		if ok {
			e.line = n + 1
			entries = append(entries, e)
			continue
		}
		if r.footer != nil && r.footer(line) {
			entries = append(entries, timedEntry{line: n + 1, text: []string{line}, note: true})
			continue
		}
		if len(entries) == 0 {
			warns = append(warns, coding.Warn(n+1, say.Errorf("text before the first speaker header; kept as a note")))
		}
		if len(entries) == 0 || afterBlank && entries[len(entries)-1].note {
			entries = append(entries, timedEntry{line: n + 1, note: true})
		}
		entries[len(entries)-1].text = append(entries[len(entries)-1].text, line)
	}
	return entries, warns, nil
}

// headerTime reads the time of a header line: a clock time (parseClock), with "AM" or "PM" as
// a 12-hour clock writes it.
func headerTime(clock, ampm string) (time.Duration, error) {
	d, err := parseClock(clock)
	if err != nil || ampm == "" {
		return d, err
	}
	h := d / time.Hour
	if h < 1 || h > 12 {
		return 0, say.Errorf("%q is not a time of a 12-hour clock", clock+" "+ampm)
	}
	d -= h * time.Hour
	if h == 12 {
		h = 0
	}
	if strings.HasPrefix(strings.ToUpper(ampm), "P") {
		h += 12
	}
	return d + h*time.Hour, nil
}

// newTimedEntry is an entry of the speaker name (as written) starting at start, with text.
func newTimedEntry(name string, start time.Duration, text string) timedEntry {
	e := timedEntry{label: name, speaker: coding.NormalizeLabel(name), timed: true, start: start}
	if text != "" {
		e.text = []string{text}
	}
	return e
}

var (
	// Zoom's "Save transcript" (meeting_saved_closed_caption.txt): "[Ashlee Kupor] 10:02:35",
	// the words on the lines below. The time is the time of day.
	zoomHeader = regexp.MustCompile(`^\[([^\[\]]+)\]\s+(\d{1,2}:\d{2}:\d{2})(?:\s*([AaPp]\.?[Mm]\.?))?$`)
	// Otter.ai's text export: "Tom Pravda  0:15" or "Speaker 1  1:02:05", name and time apart by
	// two spaces or more (or a tab), the words below.
	otterHeader = regexp.MustCompile(`^(\S.*?)(?:\s{2,}|\t)\s*(\d{1,3}:\d{2}(?::\d{2})?)$`)
	// Otter's own line at the end of an export.
	otterFooter = regexp.MustCompile(`(?i)^transcribed by\s+(https?://)?(www\.)?otter\.ai/?$`)
	// Rev: "Speaker 1 (00:01:02):" with the words on the same line or below; rev.com's published
	// transcripts write "Joe Biden: (01:09:30)". Full-width brackets and colons are read too.
	revHeader      = regexp.MustCompile(`^([^()（）:：]+?)\s*[(（](\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[)）]\s*[:：]\s*(.*)$`)
	revColonHeader = regexp.MustCompile(`^([^()（）:：]+?)\s*[:：]\s*[(（](\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[)）]\s*(.*)$`)
)

// zoomLine reads a Zoom header line.
func zoomLine(line string) (timedEntry, bool, error) {
	m := zoomHeader.FindStringSubmatch(line)
	if m == nil || !timedName(strings.TrimSpace(m[1])) {
		return timedEntry{}, false, nil
	}
	d, err := headerTime(m[2], m[3])
	if err != nil {
		return timedEntry{}, false, err
	}
	return newTimedEntry(strings.TrimSpace(m[1]), d, ""), true, nil
}

// otterLine reads an Otter header line.
func otterLine(line string) (timedEntry, bool, error) {
	m := otterHeader.FindStringSubmatch(line)
	if m == nil || !timedName(m[1]) {
		return timedEntry{}, false, nil
	}
	d, err := parseClock(m[2])
	if err != nil {
		return timedEntry{}, false, err
	}
	return newTimedEntry(m[1], d, ""), true, nil
}

// revLine reads a Rev header line, with the words that follow it on the line.
func revLine(line string) (timedEntry, bool, error) {
	m := revHeader.FindStringSubmatch(line)
	if m == nil {
		m = revColonHeader.FindStringSubmatch(line)
	}
	if m == nil || !timedName(m[1]) {
		return timedEntry{}, false, nil
	}
	d, err := parseClock(m[2])
	if err != nil {
		return timedEntry{}, false, err
	}
	return newTimedEntry(m[1], d, m[3]), true, nil
}

func isOtterFooter(line string) bool { return otterFooter.MatchString(line) }

// timedFormats are the timed text formats, each with how its lines are read.
var timedFormats = map[string]timedLineReader{
	"zoom":     {header: zoomLine},
	"otter":    {header: otterLine, footer: isOtterFooter},
	"rev":      {header: revLine},
	"diarised": {header: diarisedLine},
}

// readTimedText reads text in one of the timed text formats.
func readTimedText(format, text string) ([]coding.Item, []coding.Warning, error) {
	return readTimedLines(format, splitLines(text))
}

// readTimedLines reads lines (of text, or a DOCX's paragraphs) in one of the timed formats.
func readTimedLines(format string, lines []string) ([]coding.Item, []coding.Warning, error) {
	entries, warns, err := timedFormats[format].read(lines)
	if err != nil {
		return nil, nil, err
	}
	items, more := entriesToItems(entries, "line")
	return items, append(warns, more...), nil
}

// sniffTimed tells whether lines are one of the timed text formats, and which: the one with
// the most header lines, when it has at least two, they are a fifth of the lines or more, they
// outnumber lines that read as plain "Name: text" turns (so a transcript in turns with a few
// such lines stays turns), and their speakers are people: a speaker recurs, or every name is
// written as names are (so prose that has "opened at  9:30" on two lines stays prose).
func sniffTimed(lines []string) string {
	type tally struct {
		headers, plain int
		names          map[string]int
		recurs, named  bool
	}
	tallies := map[string]*tally{}
	for f := range timedFormats {
		tallies[f] = &tally{names: map[string]int{}, named: true}
	}
	nonblank := 0
	for _, l := range lines {
		l = strings.TrimFunc(l, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
		if l == "" {
			continue
		}
		nonblank++
		_, _, isPlain := splitLabel(l)
		for f, r := range timedFormats {
			t := tallies[f]
			e, ok, err := r.header(l)
			switch {
			case ok || err != nil:
				t.headers++
				t.names[e.speaker]++
				t.recurs = t.recurs || t.names[e.speaker] > 1
				t.named = t.named && writtenAsName(e.label)
			case isPlain:
				t.plain++
			}
		}
	}
	best, top := "", 0
	for _, f := range []string{"zoom", "rev", "otter", "diarised"} {
		t := tallies[f]
		if t.headers >= 2 && t.headers*5 >= nonblank && t.headers > t.plain && (t.recurs || t.named) && t.headers > top {
			best, top = f, t.headers
		}
	}
	return best
}

// nameParticleWords are the lower-case words of people's names.
var nameParticleWords = map[string]bool{"de": true, "del": true, "della": true, "la": true, "le": true, "van": true, "von": true,
	"der": true, "den": true, "da": true, "di": true, "du": true, "dos": true, "das": true, "bin": true, "al": true, "y": true}

// writtenAsName reports whether a speaker is written as names are: no word of it begins with a
// lower-case letter, but for the particles of names ("de la Rosa"). "The meeting opened at" is
// a clause; "Speaker 1", "SPEAKER_00", "[Unknown]" and "主持人" are names.
func writtenAsName(name string) bool {
	for _, w := range strings.Fields(name) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !nameParticleWords[strings.ToLower(strings.Trim(w, ",."))] {
			return false
		}
	}
	return true
}

// timeText writes a time of a recording for messages: h:mm:ss, with milliseconds when it has them.
func timeText(d time.Duration) string {
	ms := d.Milliseconds()
	s := fmt.Sprintf("%d:%02d:%02d", ms/3600000, ms/60000%60, ms/1000%60)
	if ms%1000 != 0 {
		s += fmt.Sprintf(".%03d", ms%1000)
	}
	return s
}
