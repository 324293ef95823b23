package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Whisper's JSON, as Whisper (--output_format json), faster-whisper, the OpenAI API's
// verbose_json and WhisperX write it:
//
//	{"text": "…", "segments": [{"start": 0.0, "end": 4.2, "text": " Hello.", "speaker": "SPEAKER_00",
//	  "words": [{"word": "Hello.", "start": 0.1, "end": 0.5, "score": 0.9, "speaker": "SPEAKER_00"}]}],
//	 "language": "en"}
//
// and whisper.cpp's (-oj): {"transcription": [{"timestamps": {"from": "00:00:00,000", …},
// "offsets": {"from": 0, "to": 4200}, "text": "…"}]}; a bare list of segments is read too. Each
// segment is an entry: consecutive segments of one speaker are one turn, segments without a
// speaker are paragraphs without one, with their times. A segment without "text" (WhisperX
// leaves it out in some pipelines) is read from its words. Other fields are skipped.
//
// The reader streams: it decodes one segment at a time and skips what it does not read without
// keeping it, so memory stays of the order of the file. JSON nested deeper than a transcript is
// (maxJSONDepth) and files of more than maxJSONSegments segments are refused.

// maxJSONSegments bounds the segments of one file: a day of speech is some 20,000. (A variable,
// so that a test can reach it.)
var maxJSONSegments = 1_000_000

const (
	// maxJSONDepth bounds nesting: Whisper's JSON is five levels deep, whisper.cpp's six.
	maxJSONDepth = 64
	// maxJSONListed bounds the segments a warning lists by number.
	maxJSONListed = 5
)

// jsonExpected says what JSON turncoder reads, in the sentence that refuses other JSON.
// jsonExpected is a sentence of say: put into a refusal, it is translated with it.
var jsonExpected = say.Errorf(`turncoder reads the JSON that Whisper, faster-whisper and WhisperX write (an object with a "segments" list whose items have "start", "end" and "text", and "speaker" when diarised) and whisper.cpp's (a "transcription" list)`)

// errMalformedJSON begins the refusal of JSON that does not parse.
var errMalformedJSON = say.Errorf("the JSON file is malformed")

// readWhisperJSON reads Whisper's JSON into items.
func readWhisperJSON(text string) ([]coding.Item, []coding.Warning, error) {
	text = strings.TrimLeft(text, "\ufeff \t\r\n")
	if text == "" {
		return nil, nil, ErrEmpty
	}
	if err := checkJSONDepth(text); err != nil {
		return nil, nil, err
	}
	r := &jsonReader{text: text, dec: json.NewDecoder(strings.NewReader(text))}
	tok, err := r.dec.Token()
	if err != nil {
		return nil, nil, r.syntax(err, say.Errorf("the file is not JSON"))
	}
	switch tok {
	case json.Delim('['):
		err = r.items(say.Errorf("segment"))
	case json.Delim('{'):
		err = r.object()
	default:
		return nil, nil, say.Errorf("the JSON file holds %s, not a transcript; %s", jsonKind(tok), jsonExpected)
	}
	if err != nil {
		return nil, nil, err
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, nil, say.Errorf("the JSON file goes on after its end (at line %d); it is not one JSON value, as Whisper writes", r.lineAt(r.dec.InputOffset()))
	}
	if r.n == 0 {
		return nil, nil, say.Errorf("the JSON file has no segments, so there is nothing to import")
	}
	var warns []coding.Warning
	if len(r.noText) > 0 {
		why := say.Errorf("%d segments (%s) have no text; nothing was read from them", r.noTextN, segmentNumbers(r.noText, r.noTextN))
		if r.noTextN == 1 {
			why = say.Errorf("segment %d has no text; nothing was read from it", r.noText[0])
		}
		warns = append(warns, coding.Warn(0, why))
	}
	if r.speakers > 0 && len(r.noSpeaker) > 0 {
		why := say.Errorf("%d segments (%s) have no speaker (the diarisation gave them none); they are paragraphs without a speaker", r.noSpeakerN, segmentNumbers(r.noSpeaker, r.noSpeakerN))
		if r.noSpeakerN == 1 {
			why = say.Errorf("segment %d has no speaker (the diarisation gave it none); it is a paragraph without a speaker", r.noSpeaker[0])
		}
		warns = append(warns, coding.Warn(0, why))
	}
	items, more := entriesToItems(r.entries, "segment")
	return items, append(warns, more...), nil
}

// jsonReader walks a Whisper JSON file.
type jsonReader struct {
	text       string
	dec        *json.Decoder
	entries    []timedEntry
	n          int   // segments read
	speakers   int   // segments with a speaker
	noText     []int // the first segments without text
	noTextN    int
	noSpeaker  []int // the first segments without a speaker
	noSpeakerN int
	read       bool // a segment list was read
}

// object reads the top-level object: its "segments" (or whisper.cpp's "transcription") list;
// every other member is skipped.
func (r *jsonReader) object() error {
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return r.syntax(err, errMalformedJSON)
		}
		key, _ := tok.(string)
		if (key == "segments" || key == "transcription") && !r.read {
			r.read = true
			if err := r.segments(map[string]error{"segments": say.Errorf("segment"), "transcription": say.Errorf("transcription item")}[key]); err != nil {
				return err
			}
			continue
		}
		var skip jsonSkip
		if err := r.dec.Decode(&skip); err != nil {
			return r.syntax(err, errMalformedJSON)
		}
	}
	if _, err := r.dec.Token(); err != nil { // the closing brace
		return r.syntax(err, errMalformedJSON)
	}
	if !r.read {
		return say.Errorf(`the JSON file has no "segments" list, so it is not a Whisper transcript; %s`, jsonExpected)
	}
	return nil
}

// segments reads a list of segments; what names one in messages.
func (r *jsonReader) segments(what error) error {
	tok, err := r.dec.Token()
	if err != nil {
		return r.syntax(err, errMalformedJSON)
	}
	if tok == nil { // "segments": null
		return nil
	}
	if tok != json.Delim('[') {
		return say.Errorf(`the JSON file's segments are %s, not a list; %s`, jsonKind(tok), jsonExpected)
	}
	return r.items(what)
}

// items reads the segments of a list whose opening bracket has been read, and its closing one.
func (r *jsonReader) items(what error) error {
	for r.dec.More() {
		r.n++
		if r.n > maxJSONSegments {
			return say.Errorf("the JSON file has more than %d segments; turncoder reads at most that many from one file (split the recording)", maxJSONSegments)
		}
		var seg whisperSegment
		if err := r.dec.Decode(&seg); err != nil {
			var te *json.UnmarshalTypeError
			var ve jsonValueError
			switch {
			case errors.As(err, &te) && te.Field == "":
				return say.Errorf("%s %d is %s, not an object; %s", what, r.n, jsonTypeName(te.Value), jsonExpected)
			case errors.As(err, &te):
				return say.Errorf("%s %d: %q is %s, which Whisper never writes; %s", what, r.n, te.Field, jsonTypeName(te.Value), jsonExpected)
			case errors.As(err, &ve):
				return say.Errorf("%s %d: %v", what, r.n, ve.why)
			}
			return r.syntax(err, errMalformedJSON)
		}
		if err := r.add(&seg, what); err != nil {
			return err
		}
	}
	if _, err := r.dec.Token(); err != nil { // the closing bracket
		return r.syntax(err, errMalformedJSON)
	}
	return nil
}

// add makes an entry of segment r.n.
func (r *jsonReader) add(seg *whisperSegment, what error) error {
	if !seg.Text.set && !seg.Words.set && !seg.Start.ok && seg.Offsets == nil && seg.Timestamps == nil {
		return say.Errorf(`%s %d has no "text", "start" or "words"; %s`, what, r.n, jsonExpected)
	}
	e := timedEntry{line: r.n}
	text := strings.TrimSpace(seg.Text.s)
	if text == "" {
		text = seg.Words.text.b.String()
	}
	if text == "" {
		r.noTextN++
		if len(r.noText) < maxJSONListed {
			r.noText = append(r.noText, r.n)
		}
		return nil
	}
	e.text = []string{text}
	// whisper.cpp's offsets (milliseconds) before its clocks; Whisper's seconds; the words' times.
	start, end := seg.Start, seg.End
	if seg.Timestamps != nil {
		start, end = orTime(start, seg.Timestamps.From), orTime(end, seg.Timestamps.To)
	}
	if seg.Offsets != nil {
		start, end = orTime(seg.Offsets.From.jsonTime, start), orTime(seg.Offsets.To.jsonTime, end)
	}
	start, end = orTime(start, seg.Words.start), orTime(end, seg.Words.end)
	e.timed, e.start = start.ok, start.d
	e.hasEnd, e.end = end.ok, end.d
	if e.hasEnd && !e.timed {
		e.timed, e.start = true, e.end
	}
	if e.timed && e.hasEnd && e.end < e.start {
		return say.Errorf("%s %d ends (%s) before it starts (%s)", what, r.n, timeText(e.end), timeText(e.start))
	}
	name := strings.TrimSpace(seg.Speaker.s)
	if name == "" {
		name = seg.Words.speaker
	}
	if name != "" {
		r.speakers++
		e.label, e.speaker = name, coding.NormalizeLabel(name)
	} else {
		r.noSpeakerN++
		if len(r.noSpeaker) < maxJSONListed {
			r.noSpeaker = append(r.noSpeaker, r.n)
		}
	}
	r.entries = append(r.entries, e)
	return nil
}

// syntax turns a decoding error into one sentence that names the line; prefix says what failed.
func (r *jsonReader) syntax(err error, prefix error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return say.Errorf("%s: %s at line %d; %s", prefix, strings.TrimPrefix(se.Error(), "json: "), r.lineAt(se.Offset), jsonExpected)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return say.Errorf("%s: it ends in the middle (at line %d); the file is cut short", prefix, r.lineAt(int64(len(r.text))))
	}
	return say.Errorf("%s: %s", prefix, strings.TrimPrefix(err.Error(), "json: "))
}

// lineAt is the 1-based line of byte offset off of the text.
func (r *jsonReader) lineAt(off int64) int {
	off = min(max(off, 0), int64(len(r.text)))
	return lineAt([]byte(r.text[:off]), int(off))
}

// whisperSegment is one segment as read; the fields not named here are skipped.
type whisperSegment struct {
	Start      jsonTime    `json:"start"`
	End        jsonTime    `json:"end"`
	Text       jsonString  `json:"text"`
	Speaker    jsonSpeaker `json:"speaker"`
	Words      jsonWords   `json:"words"`
	Offsets    *jsonSpan   `json:"offsets"`    // whisper.cpp, in milliseconds
	Timestamps *jsonClocks `json:"timestamps"` // whisper.cpp, "00:00:01,500"
}

type jsonSpan struct {
	From jsonMillis `json:"from"`
	To   jsonMillis `json:"to"`
}

type jsonClocks struct {
	From jsonTime `json:"from"`
	To   jsonTime `json:"to"`
}

// jsonValueError is a value of the right JSON type that turncoder cannot take (a negative time).
// Its sentence is one of say, given as a value of the refusal that names the segment.
type jsonValueError struct{ why error }

func (e jsonValueError) Error() string { return e.why.Error() }

// jsonTime is a time in seconds (12.34), or as a string, in seconds or as a clock ("00:00:12,340");
// null or absent is unknown.
type jsonTime struct {
	d  time.Duration
	ok bool
}

func (t *jsonTime) UnmarshalJSON(b []byte) error {
	return t.set(b, time.Second)
}

// set reads b in units of unit (a second, or a millisecond for whisper.cpp's offsets).
func (t *jsonTime) set(b []byte, unit time.Duration) error {
	if string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		d, err := parseClock(s)
		if err != nil {
			return jsonValueError{say.Errorf("the time %v", err)}
		}
		t.d, t.ok = d, true
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return jsonValueError{say.Errorf("the time %s is not a number of seconds", shortJSON(string(b)))}
	}
	secs := f * float64(unit) / float64(time.Second)
	switch {
	case secs < 0:
		return jsonValueError{say.Errorf("the time %s is negative", string(b))}
	case secs > 1000*3600:
		return jsonValueError{say.Errorf("the time %s is more than 1000 hours", string(b))}
	}
	t.d, t.ok = time.Duration(math.Round(secs*1000))*time.Millisecond, true
	return nil
}

// jsonMillis is whisper.cpp's offset, in milliseconds.
type jsonMillis struct{ jsonTime }

func (t *jsonMillis) UnmarshalJSON(b []byte) error { return t.set(b, time.Millisecond) }

// orTime is a when it is known, else b.
func orTime(a, b jsonTime) jsonTime {
	if a.ok {
		return a
	}
	return b
}

// jsonString is a string or null; set records that the member was there.
type jsonString struct {
	s   string
	set bool
}

func (s *jsonString) UnmarshalJSON(b []byte) error {
	s.set = true
	if string(b) == "null" {
		return nil
	}
	if b[0] != '"' {
		return jsonValueError{say.Errorf("a text or a speaker is %s, where Whisper writes a string", jsonTypeName(jsonValueKind(b)))}
	}
	return json.Unmarshal(b, &s.s)
}

// jsonSpeaker is a speaker: a string, a number (whisper.cpp numbers them) or null.
type jsonSpeaker struct{ jsonString }

func (s *jsonSpeaker) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9') {
		s.s, s.set = string(b), true
		return nil
	}
	return s.jsonString.UnmarshalJSON(b)
}

// jsonWords is a segment's word list, kept only as what a segment without "text" needs: the
// words joined, the first start, the last end and the first speaker. It is read one word at a
// time, so a long list costs no more than its text.
type jsonWords struct {
	set        bool
	text       joiner
	start, end jsonTime
	speaker    string
}

func (w *jsonWords) UnmarshalJSON(b []byte) error {
	w.set = true
	if string(b) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return jsonValueError{say.Errorf(`"words" is not a list`)}
	}
	for dec.More() {
		var word struct {
			Word    jsonString  `json:"word"`
			Text    jsonString  `json:"text"`
			Start   jsonTime    `json:"start"`
			End     jsonTime    `json:"end"`
			Speaker jsonSpeaker `json:"speaker"`
		}
		if err := dec.Decode(&word); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return jsonValueError{say.Errorf(`a word is %s, not an object`, jsonTypeName(te.Value))}
			}
			return err
		}
		if word.Word.s != "" {
			w.text.add(word.Word.s)
		} else {
			w.text.add(word.Text.s)
		}
		if word.Start.ok && !w.start.ok {
			w.start = word.Start
		}
		if word.End.ok {
			w.end = word.End
		}
		if w.speaker == "" {
			w.speaker = strings.TrimSpace(word.Speaker.s)
		}
	}
	return nil
}

// jsonSkip is a JSON value turncoder does not read.
type jsonSkip struct{}

func (*jsonSkip) UnmarshalJSON([]byte) error { return nil }

// checkJSONDepth refuses JSON nested deeper than maxJSONDepth before it is decoded.
func checkJSONDepth(text string) error {
	depth, inString, escaped := 0, false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > maxJSONDepth {
				return say.Errorf("the JSON file is nested more than %d levels deep (at line %d), which no transcript is; %s", maxJSONDepth, lineAt([]byte(text[:i]), i), jsonExpected)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}

// jsonKind names what a JSON token is, for messages: a sentence of say, translated with the
// refusal it is put in.
func jsonKind(tok json.Token) error {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return say.Errorf("an object")
		}
		return say.Errorf("a list")
	case string:
		return say.Errorf("a string")
	case float64, json.Number:
		return say.Errorf("a number")
	case bool:
		return say.Errorf("true or false")
	case nil:
		return say.Errorf("null")
	}
	return say.Errorf("a value")
}

// jsonValueKind is the JSON type of the value b, as json.UnmarshalTypeError names it.
func jsonValueKind(b []byte) string {
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case '"':
		return "string"
	}
	return "number"
}

// jsonTypeName says a JSON type (as json.UnmarshalTypeError names it) in words: a sentence of say
// for the types JSON has, translated with the refusal it is put in.
func jsonTypeName(v string) any {
	switch {
	case v == "object":
		return say.Errorf("an object")
	case v == "array":
		return say.Errorf("a list")
	case v == "bool":
		return say.Errorf("true or false")
	case v == "string":
		return say.Errorf("a string")
	case strings.HasPrefix(v, "number"):
		return say.Errorf("a number")
	}
	return v
}

// truncate shortens s for a message.
func shortJSON(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// segmentNumbers lists the first of n segments for a warning: "4, 9, 12", or "4, 9, 12, 15,
// 20, …" when there are more.
func segmentNumbers(first []int, n int) string {
	nums := make([]string, len(first))
	for i, s := range first {
		nums[i] = strconv.Itoa(s)
	}
	if n > len(first) {
		nums = append(nums, "…")
	}
	return strings.Join(nums, ", ")
}

// readJSONSource decodes and reads a Whisper JSON source. WhisperX writes its JSON on one line,
// longer than Decode lets a line of text be, so unless an encoding is named the text is decoded
// without that limit (JSON has no lines to read).
func readJSONSource(data []byte, encoding string) (*coding.Document, error) {
	var (
		text, name string
		err        error
	)
	if encoding == "" {
		text, name, err = detectDecode(data)
		text = strings.TrimLeft(text, "\ufeff")
	} else {
		text, name, err = Decode(data, encoding)
	}
	if err != nil {
		return nil, err
	}
	return readText("whisper-json", text, name, false)
}

// looksLikeWhisperJSON tells whether a text (its head) is JSON with a Whisper transcript's
// segment list: it starts with { and names "segments" or whisper.cpp's "transcription" early,
// or it is a list of objects with "start" and "text".
func looksLikeWhisperJSON(head string) bool {
	head = head[:min(len(head), 1<<20)]
	switch {
	case strings.HasPrefix(head, "{"):
		return strings.Contains(head, `"segments"`) || strings.Contains(head, `"transcription"`)
	case strings.HasPrefix(head, "["):
		first := strings.TrimLeft(head[1:], " \t\r\n")
		head = head[:min(len(head), 4096)]
		return strings.HasPrefix(first, "{") && strings.Contains(head, `"start"`) && strings.Contains(head, `"text"`)
	}
	return false
}
