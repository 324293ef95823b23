package coding

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding/say"
)

// Correcting the segmentation of an imported document: a false speaker split a turn, two turns
// should be one, a stage direction came in as a turn, a turn has the wrong speaker. An Edit
// names one such correction; Apply makes it on a document's items (headers, notes and turns in
// reading order) and returns the new items, or refuses it with an *EditError that says why.
// Turns are addressed by their 1-based number among the document's turns, as `turncoder turns`
// and the GUI number them. Nothing here knows whether the document may still be corrected
// (nobody has coded it, no coder copies exist): package store decides that.

// EditKind is what an Edit does.
type EditKind int

const (
	// EditJoin joins turn Turn with the turn after it.
	EditJoin EditKind = iota + 1
	// EditSplit splits turn Turn into two turns of the same speaker at character At.
	EditSplit
	// EditSpeaker gives turn Turn the speaker Label.
	EditSpeaker
	// EditNote makes turn Turn a note.
	EditNote
)

// Edit is one correction of a document's segmentation.
type Edit struct {
	Kind EditKind
	// Turn is the 1-based number of the turn among the document's turns.
	Turn int
	// At is where EditSplit cuts: the number of characters (runes, not bytes) of the turn's
	// text that go into the first part, counted from the start of the text.
	At int
	// Label is EditSpeaker's new speaker label, as typed; it is normalised (NormalizeLabel).
	Label string
}

// UnknownTime stands for a bound of a timed turn that is not known: the end of the first part
// and the start of the second part of a split turn (where in the recording the cut falls is
// not known). A timed Item has at least one known bound; readers never write UnknownTime.
const UnknownTime time.Duration = -1

// Describe says what the edit does to the document titled document, as the audit log says it:
// "join turns 4 and 5 of call", "split turn 7 of call at character 23".
func (e Edit) Describe(document string) string { return e.DescribeSay(document).Error() }

// DescribeSay is Describe as a sentence of say (package coding/say), which the window gives in
// its language (the status line after a correction, its undo and redo).
func (e Edit) DescribeSay(document string) error {
	switch e.Kind {
	case EditJoin:
		return say.Errorf("join turns %d and %d of %s", e.Turn, e.Turn+1, document)
	case EditSplit:
		return say.Errorf("split turn %d of %s at character %d", e.Turn, document, e.At)
	case EditSpeaker:
		return say.Errorf("give turn %d of %s the speaker %q", e.Turn, document, NormalizeLabel(e.Label))
	case EditNote:
		return say.Errorf("make turn %d of %s a note", e.Turn, document)
	}
	return say.Errorf("edit turn %d of %s", e.Turn, document)
}

// Refuse is the error that refuses e for reason.
func (e Edit) Refuse(document, reason string) *EditError {
	return &EditError{Edit: e, Document: document, Reason: reason}
}

// RefuseFor is Refuse for a reason that is a sentence of say (package coding/say), which the
// window translates with the refusal.
func (e Edit) RefuseFor(document string, why error) *EditError {
	return &EditError{Edit: e, Document: document, Reason: why.Error(), why: why}
}

// refuse is RefuseFor with Document left empty, as Apply refuses.
func (e Edit) refuse(why error) *EditError { return e.RefuseFor("", why) }

// EditError refuses an Edit, in one sentence: "turn 4 of call cannot be joined with the next
// turn: the note “（笑）” stands between them".
type EditError struct {
	Edit     Edit
	Document string // the document's title; "" leaves it out of the sentence
	Reason   string
	why      error // Reason as a sentence of say, when it was given as one (RefuseFor)
}

func (e *EditError) Error() string { return e.Sentence().Error() }

// Unwrap is the refusal as a sentence of say (Sentence), whose English is Error's: the
// window finds it beneath the error and says it in its language.
func (e *EditError) Unwrap() error { return e.Sentence() }

// Sentence is the refusal as a sentence of say: the turn (and document), what cannot be done
// to it, and the reason, each translated with it.
func (e *EditError) Sentence() error {
	turn := say.Errorf("turn %d", e.Edit.Turn)
	if e.Document != "" {
		turn = say.Errorf("turn %d of %s", e.Edit.Turn, e.Document)
	}
	var reason any = e.Reason
	if e.why != nil && e.why.Error() == e.Reason {
		reason = e.why
	}
	why := e.Reason != ""
	switch e.Edit.Kind {
	case EditJoin:
		if why {
			return say.Errorf("%v cannot be joined with the next turn: %v", turn, reason)
		}
		return say.Errorf("%v cannot be joined with the next turn", turn)
	case EditSplit:
		if why {
			return say.Errorf("%v cannot be split at character %d: %v", turn, e.Edit.At, reason)
		}
		return say.Errorf("%v cannot be split at character %d", turn, e.Edit.At)
	case EditSpeaker:
		l := NormalizeLabel(e.Edit.Label)
		switch {
		case l != "" && why:
			return say.Errorf("%v cannot be given the speaker %q: %v", turn, Printable(clipText(l, MaxLabel)), reason)
		case l != "":
			return say.Errorf("%v cannot be given the speaker %q", turn, Printable(clipText(l, MaxLabel)))
		case why:
			return say.Errorf("%v cannot be given an empty speaker label: %v", turn, reason)
		}
		return say.Errorf("%v cannot be given an empty speaker label", turn)
	case EditNote:
		if why {
			return say.Errorf("%v cannot be made a note: %v", turn, reason)
		}
		return say.Errorf("%v cannot be made a note", turn)
	}
	if why {
		return say.Errorf("%v cannot be edited: %v", turn, reason)
	}
	return say.Errorf("%v cannot be edited", turn)
}

// Apply makes the edit on items and returns the new items; items itself is not changed. Only
// the items the edit touches change: headers, notes and the other turns keep their order and
// content. An edit that changes nothing (a turn given the speaker it has) returns items equal
// to the ones given. A refusal is an *EditError with Document left empty.
func (e Edit) Apply(items []Item) ([]Item, error) {
	i, turns := turnIndex(items, e.Turn)
	if i < 0 {
		if turns == 0 {
			return nil, e.refuse(say.Errorf("the document has no turns"))
		}
		if turns == 1 {
			return nil, e.refuse(say.Errorf("there is no turn %d (the document has %d turn)", e.Turn, turns))
		}
		return nil, e.refuse(say.Errorf("there is no turn %d (the document has %d turns)", e.Turn, turns))
	}
	switch e.Kind {
	case EditJoin:
		return e.join(items, i)
	case EditSplit:
		return e.split(items, i)
	case EditSpeaker:
		return e.speaker(items, i)
	case EditNote:
		return e.note(items, i)
	}
	return nil, e.refuse(say.Errorf("turncoder does not know this kind of correction"))
}

// turnIndex finds the index in items of turn number n (1-based); -1 if there is none. It also
// says how many turns there are.
func turnIndex(items []Item, n int) (index, turns int) {
	index = -1
	for i, it := range items {
		if it.Kind != KindTurn {
			continue
		}
		turns++
		if turns == n {
			index = i
		}
	}
	return index, turns
}

// replace returns a copy of items with items[from:to] replaced by with.
func replace(items []Item, from, to int, with ...Item) []Item {
	out := make([]Item, 0, len(items)-(to-from)+len(with))
	out = append(out, items[:from]...)
	out = append(out, with...)
	return append(out, items[to:]...)
}

// join joins the turn at i with the next turn. The joined turn has the first turn's speaker
// and label, the two texts joined as hard-wrapped lines are (JoinText), and the times from the
// first's start to the second's end. The next turn's label stays in the text when it is
// another speaker's: joining two speakers' turns mends a false speaker, a clause before a
// colon that the reader took for a label ("政府的回應是：會研究"), whose words are the
// first speaker's; a turn of the same speaker (split in two) joins without its label.
//
// A section header between them refuses the join: the turns belong to two sections (two calls,
// two parts of an interview). So does a note between them: joining would have to move the note
// out of its place (before or after the joined turn) or melt it into the turn's text, and
// either changes the transcript in a way the researcher did not ask for; the refusal names the
// note, so the researcher sees what keeps the turns apart.
func (e Edit) join(items []Item, i int) ([]Item, error) {
	j := i + 1
	for j < len(items) && items[j].Kind != KindTurn {
		j++
	}
	if j == len(items) {
		return nil, e.refuse(say.Errorf("it is the last turn of the document"))
	}
	for _, between := range items[i+1 : j] {
		switch between.Kind {
		case KindHeader:
			return nil, e.refuse(say.Errorf("the section %s starts between it and the next turn, and a turn belongs to one section", quoteText(between.Text)))
		case KindNote:
			return nil, e.refuse(say.Errorf("the note %s stands between it and the next turn; a note keeps the turns around it apart", quoteText(between.Text)))
		}
	}
	a, b := items[i], items[j]
	after := b.Text
	if b.Speaker != a.Speaker {
		// The next turn's label was words of this turn's speaker that the reader took for a
		// speaker ("政府的回應是：會研究"): they stay in the text, as "not a speaker" keeps them.
		after = labelled(b)
	}
	joined := Item{Kind: KindTurn, Speaker: a.Speaker, Label: a.Label, Text: JoinText(a.Text, after), Line: a.Line}
	joined.Start, joined.End = UnknownTime, UnknownTime
	if a.Timed {
		joined.Start = a.Start
	}
	if b.Timed {
		joined.End = b.End
	}
	setTimed(&joined)
	return replace(items, i, j+1, joined), nil
}

// split cuts the turn at i into two turns of its speaker at character e.At. Both parts are
// trimmed of white space and must hold something. The first part keeps the turn's start, the
// second its end; where the cut falls in the recording is not known (UnknownTime).
func (e Edit) split(items []Item, i int) ([]Item, error) {
	t := items[i]
	n := utf8.RuneCountInString(t.Text)
	if n < 2 {
		if n == 1 {
			return nil, e.refuse(say.Errorf("the turn has %d character, too few to make two turns", n))
		}
		return nil, e.refuse(say.Errorf("the turn has %d characters, too few to make two turns", n))
	}
	if e.At < 1 || e.At >= n {
		return nil, e.refuse(say.Errorf("the turn has %d characters, so it can be split at character 1 to %d", n, n-1))
	}
	cut := byteOffset(t.Text, e.At)
	first, second := strings.TrimFunc(t.Text[:cut], unicode.IsSpace), strings.TrimFunc(t.Text[cut:], unicode.IsSpace)
	switch {
	case first == "":
		if e.At == 1 {
			return nil, e.refuse(say.Errorf("the first %d character of the turn are only spaces, and a turn needs text", e.At))
		}
		return nil, e.refuse(say.Errorf("the first %d characters of the turn are only spaces, and a turn needs text", e.At))
	case second == "":
		return nil, e.refuse(say.Errorf("only spaces follow character %d, and a turn needs text", e.At))
	}
	a, b := t, t
	a.Text, b.Text = first, second
	a.End, b.Start = UnknownTime, UnknownTime
	if !t.Timed {
		a.Start, b.End = UnknownTime, UnknownTime
	}
	setTimed(&a)
	setTimed(&b)
	return replace(items, i, i+1, a, b), nil
}

// byteOffset is the byte offset in s of its character (rune) number n, counted from 0.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// speaker gives the turn at i the speaker e.Label, normalised; the label as written becomes the
// normalised one too (the researcher wrote it, not the source).
func (e Edit) speaker(items []Item, i int) ([]Item, error) {
	label := NormalizeLabel(e.Label)
	switch {
	case label == "":
		return nil, e.Refuse("", "")
	case utf8.RuneCountInString(label) > MaxLabel:
		return nil, e.refuse(say.Errorf("a speaker label has at most %d characters", MaxLabel))
	case strings.IndexFunc(label, unicode.IsControl) >= 0:
		return nil, e.refuse(say.Errorf("a speaker label cannot hold control characters"))
	}
	t := items[i]
	if t.Speaker == label {
		return replace(items, i, i+1, t), nil
	}
	t.Speaker, t.Label = label, label
	return replace(items, i, i+1, t), nil
}

// note makes the turn at i a note in its place. Its text is kept, with the speaker's label (as
// the source wrote it) in front, as the transcript had it: "ＣＬＢ：喂？", "Travis: [laughs]";
// the colon is full-width where the label ends or the text starts with Chinese, Japanese or
// Korean, as such transcripts write it. A note has no times, so the turn's are dropped.
func (e Edit) note(items []Item, i int) ([]Item, error) {
	t := items[i]
	return replace(items, i, i+1, Item{Kind: KindNote, Text: labelled(t), Line: t.Line}), nil
}

// labelled is a turn's text with its label (as the source wrote it) in front, "ＣＬＢ：喂？",
// "Travis: [laughs]": the colon full-width where the label ends or the text starts with
// Chinese, Japanese or Korean, as such transcripts write it.
func labelled(t Item) string {
	label := t.Label
	if strings.TrimSpace(label) == "" {
		label = t.Speaker
	}
	label = strings.TrimSpace(label)
	text := t.Text
	if label != "" {
		last, _ := utf8.DecodeLastRuneInString(label)
		first, _ := utf8.DecodeRuneInString(text)
		if IsWide(last) || IsWide(first) {
			text = label + "：" + text
		} else {
			text = label + ": " + text
		}
	}
	return text
}

// setTimed marks an item timed when it has a known bound, and clears it when it has none.
func setTimed(it *Item) {
	it.Timed = it.Start != UnknownTime || it.End != UnknownTime
	if !it.Timed {
		it.Start, it.End = 0, 0
	}
}

// JoinText joins the texts of two pieces of one utterance the way readers join hard-wrapped
// lines: nothing between them when either side of the join is Chinese, Japanese or Korean
// (or full-width punctuation), which write no spaces between words, and one space between
// Latin words. White space at the join is dropped.
func JoinText(before, after string) string {
	before = strings.TrimRightFunc(before, unicode.IsSpace)
	after = strings.TrimLeftFunc(after, unicode.IsSpace)
	if before == "" || after == "" {
		return before + after
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	if IsWide(last) || IsWide(first) {
		return before + after
	}
	return before + " " + after
}

// IsWide reports whether r is written without spaces around it: Han, kana, Hangul, and
// full-width or CJK punctuation. Readers join wrapped lines by it, corrections join turns.
func IsWide(r rune) bool {
	switch { // the two commonest ranges first: Latin text, and the CJK ideographs (all Han)
	case r < 0x1100: // before Hangul Jamo, the first of the scripts below
		return r == '·'
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // half- and full-width forms
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—' || r == '·':
		return true
	}
	return false
}

// quoteText quotes a text of the document in a message: at most 40 characters, on one line.
func quoteText(s string) string {
	return "“" + Printable(clipText(strings.Join(strings.Fields(s), " "), 40)) + "”"
}

// clipText cuts s to at most n characters, marking a cut with "…".
func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
