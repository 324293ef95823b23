// Package coding holds turncoder's domain: documents and their turns, speakers and roles, the
// codebook, coders and codings. It does no I/O; readers, statistics and reports live in the
// sub-packages, and the project file in package store.
package coding

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/turncoder/turncoder/coding/say"
)

// Kind says what an item of a document is.
type Kind int

const (
	// KindTurn is a codable unit: a speaker's turn, or a paragraph of a prose document.
	KindTurn Kind = iota
	// KindNote is a non-codable remark kept in order: a stage direction, a bracketed aside.
	KindNote
	// KindHeader starts a section (a call, a part of an interview); it is not codable.
	KindHeader
)

func (k Kind) String() string {
	switch k {
	case KindTurn:
		return "turn"
	case KindNote:
		return "note"
	case KindHeader:
		return "header"
	}
	return "unknown"
}

// Item is one element of a document in reading order.
type Item struct {
	Kind Kind
	// Speaker is the normalised speaker label of a turn (see NormalizeLabel); empty for prose
	// paragraphs, notes and headers.
	Speaker string
	// Label is the speaker label exactly as the source wrote it (before normalisation).
	Label string
	// Text is the item's text with hard wraps joined; for a header, the section title.
	Text string
	// Start and End are the item's times in the recording, when Timed is set.
	Start, End time.Duration
	Timed      bool
	// Line is the 1-based line (or row, or cue) of the source where the item begins; 0 if unknown.
	Line int
}

// Warning is something a reader noticed and the user should read: a skipped row, a guess.
type Warning struct {
	Line    int
	Message string
	// Why is Message as a sentence of say (package coding/say), which the window gives in its
	// language; nil for a warning made without one (Sentence gives its Message then).
	Why error
}

// Warn is a warning on line (0 when none) saying why, a sentence of say: its Message is the
// sentence's English.
func Warn(line int, why error) Warning {
	return Warning{Line: line, Message: why.Error(), Why: why}
}

// Sentence is the warning as String says it, as a sentence of say ("line N: " and its Why).
func (w Warning) Sentence() error {
	why := w.Why
	if why == nil {
		why = errors.New(w.Message)
	}
	if w.Line > 0 {
		return say.Errorf("line %d: %v", w.Line, why)
	}
	return why
}

func (w Warning) String() string {
	if w.Line > 0 {
		return "line " + strconv.Itoa(w.Line) + ": " + w.Message
	}
	return w.Message
}

// Document is what a reader makes of one source: its items in order, plus how it was read.
type Document struct {
	Title    string // defaults to the file name without its extension
	Format   string // the reader used: turns, prose, csv, tsv, xlsx, docx, srt, vtt
	Encoding string // the text encoding detected or given, for text formats
	Items    []Item
	Warnings []Warning
	// Roles are the roles chosen for its speakers before the import (in the import preview),
	// by normalised label. A speaker not named here keeps the role the project gives them, or
	// gets GuessRole's when new.
	Roles map[string]Role
}

// Turns counts the codable items of the document.
func (d *Document) Turns() int {
	n := 0
	for _, it := range d.Items {
		if it.Kind == KindTurn {
			n++
		}
	}
	return n
}

// NormalizeLabel turns a speaker label or code name as typed into the form turncoder compares:
// NFKC (so full-width ＣＬＢ is CLB and ideographic spaces are spaces), trimmed, with runs of
// white space folded to one space.
func NormalizeLabel(s string) string {
	s = NFKC(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
