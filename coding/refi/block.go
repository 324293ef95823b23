package refi

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
	"github.com/turncoder/turncoder/coding/say"
)

// A document turncoder writes carries, at the end of its TextSource's Description, a block that
// lets turncoder read it back exactly: what each line of the text is (a turn and where its
// speaker ends, a paragraph, a note, a section heading), the times of timed turns and the label
// as the source wrote it where it differs from the speaker, and which selections are a coder's
// codes on a turn not (yet) marked reviewed. Other programs show the Description as text.
//
//	Exported by turncoder: …
//
//	[turncoder]
//	id: 9c1d…
//	source: calls.txt
//	format: turns
//	encoding: utf-8
//	unreviewed: <selection guid> <selection guid>
//	items:
//	h 14
//	t 3 9
//	t 6 12 1500 4000 ＣＬＢ
//	n 8
//	p 120
//
// An item line is its kind (h header, n note, p paragraph without speaker, t turn), the
// length of its text in characters (for a turn, of its speaker, then of its text after ": "),
// then for a timed turn or paragraph its start and end in milliseconds ("-" for none), then the
// label as written when it is not the speaker (\n, \r and \\ escaped). Items are one after the
// other in the text, each followed by a line feed.

const blockHeader = "[turncoder]"

// blockIntro is what other programs' users read before the block.
const blockIntro = "Exported by turncoder: each line of the text is a turn (\"Speaker: text\"), a paragraph, a note or a section heading. The lines below let turncoder read the document back exactly."

// docBlock is what the block says of a document.
type docBlock struct {
	id, source, format, encoding string
	unreviewed                   map[string]bool // selection guids, normalised
	items                        []blockItem
}

type blockItem struct {
	kind       coding.Kind
	speakerLen int // turns with a speaker
	textLen    int
	timed      bool
	start, end time.Duration
	label      string // as written, when it differs from the speaker
	hasSpeaker bool
}

// lineOf is the text of item it as the exported text holds it: "Speaker: text" for a turn with
// a speaker, the text itself otherwise.
func lineOf(it coding.Item) string {
	if it.Kind == coding.KindTurn && it.Speaker != "" {
		return it.Speaker + ": " + it.Text
	}
	return it.Text
}

// writeBlock is the Description of a document turncoder writes.
func writeBlock(d Document, unreviewed []string) string {
	var b strings.Builder
	b.WriteString(blockIntro)
	b.WriteString("\n\n" + blockHeader + "\n")
	for _, kv := range [][2]string{{"id", d.ID}, {"source", d.Source}, {"format", d.Doc.Format}, {"encoding", d.Doc.Encoding}} {
		if kv[1] != "" {
			b.WriteString(kv[0] + ": " + escape(kv[1]) + "\n")
		}
	}
	if len(unreviewed) > 0 {
		b.WriteString("unreviewed: " + strings.Join(unreviewed, " ") + "\n")
	}
	b.WriteString("items:")
	for _, it := range d.Doc.Items {
		b.WriteByte('\n')
		switch {
		case it.Kind == coding.KindHeader:
			b.WriteString("h " + strconv.Itoa(utf8.RuneCountInString(it.Text)))
			continue
		case it.Kind == coding.KindNote:
			b.WriteString("n " + strconv.Itoa(utf8.RuneCountInString(it.Text)))
			continue
		case it.Speaker == "":
			b.WriteString("p " + strconv.Itoa(utf8.RuneCountInString(it.Text)))
		default:
			b.WriteString("t " + strconv.Itoa(utf8.RuneCountInString(it.Speaker)) + " " + strconv.Itoa(utf8.RuneCountInString(it.Text)))
		}
		label := ""
		if it.Label != "" && it.Label != it.Speaker {
			label = it.Label
		}
		if it.Timed || label != "" {
			start, end := "-", "-"
			if it.Timed {
				start, end = strconv.FormatInt(it.Start.Milliseconds(), 10), strconv.FormatInt(it.End.Milliseconds(), 10)
			}
			b.WriteString(" " + start + " " + end)
		}
		if label != "" {
			b.WriteString(" " + escape(label))
		}
	}
	return b.String()
}

// escape and unescape are the codebook's one-line values (codebook.EscapeValue).
var (
	escape   = codebook.EscapeValue
	unescape = codebook.UnescapeValue
)

// readBlock finds and parses the block at the end of a Description; ok is false when there is
// none. A block that is there but malformed is an error (the caller then reads the text as
// another program's).
func readBlock(desc string) (docBlock, bool, error) {
	i := strings.LastIndex(desc, "\n"+blockHeader+"\n")
	switch {
	case i >= 0:
		desc = desc[i+len(blockHeader)+2:]
	case strings.HasPrefix(desc, blockHeader+"\n"):
		desc = desc[len(blockHeader)+1:]
	default:
		return docBlock{}, false, nil
	}
	blk := docBlock{unreviewed: map[string]bool{}}
	lines := strings.Split(desc, "\n")
	for n, line := range lines {
		key, value, found := strings.Cut(line, ":")
		if !found {
			return blk, true, say.Errorf("line %q of the [turncoder] block has no key", line)
		}
		value = strings.TrimPrefix(value, " ")
		switch key {
		case "id":
			blk.id = unescape(value)
		case "source":
			blk.source = unescape(value)
		case "format":
			blk.format = unescape(value)
		case "encoding":
			blk.encoding = unescape(value)
		case "unreviewed":
			for _, g := range strings.Fields(value) {
				blk.unreviewed[normGUID(g)] = true
			}
		case "items":
			for _, l := range lines[n+1:] {
				it, err := parseItem(l)
				if err != nil {
					return blk, true, err
				}
				blk.items = append(blk.items, it)
			}
			return blk, true, nil
		default:
			return blk, true, say.Errorf("unknown key %q in the [turncoder] block", key)
		}
	}
	return blk, true, say.Errorf("the [turncoder] block has no items")
}

func parseItem(line string) (blockItem, error) {
	bad := say.Errorf("item %q of the [turncoder] block is malformed", line)
	f := strings.SplitN(line, " ", 6)
	var it blockItem
	num := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 0
	}
	if len(f) < 2 {
		return it, bad
	}
	var ok bool
	if it.textLen, ok = num(f[1]); !ok {
		return it, bad
	}
	rest := f[2:]
	switch f[0] {
	case "h", "n":
		it.kind = coding.KindHeader
		if f[0] == "n" {
			it.kind = coding.KindNote
		}
		if len(rest) > 0 {
			return it, bad
		}
		return it, nil
	case "p":
		it.kind = coding.KindTurn
	case "t":
		it.kind, it.hasSpeaker, it.speakerLen = coding.KindTurn, true, it.textLen
		if len(rest) == 0 {
			return it, bad
		}
		if it.textLen, ok = num(rest[0]); !ok || it.speakerLen == 0 {
			return it, bad
		}
		rest = rest[1:]
	default:
		return it, bad
	}
	if len(rest) == 0 {
		return it, nil
	}
	if len(rest) < 2 {
		return it, bad
	}
	if rest[0] != "-" || rest[1] != "-" {
		s, ok1 := num(rest[0])
		e, ok2 := num(rest[1])
		if !ok1 || !ok2 {
			return it, bad
		}
		it.timed, it.start, it.end = true, time.Duration(s)*time.Millisecond, time.Duration(e)*time.Millisecond
	}
	if len(rest) > 2 {
		it.label = unescape(strings.Join(rest[2:], " "))
	}
	return it, nil
}

// items rebuilds the document's items from the block and its text (lines joined by "\n"). An
// error says where the text and the block disagree: the text was changed by another program.
func (blk docBlock) itemsOf(text string) ([]coding.Item, error) {
	items := make([]coding.Item, 0, len(blk.items))
	rest, line := text, 1
	take := func(n int) (string, bool) {
		i := 0
		for k := 0; k < n; k++ {
			if i >= len(rest) {
				return "", false
			}
			_, size := utf8.DecodeRuneInString(rest[i:])
			i += size
		}
		s := rest[:i]
		rest = rest[i:]
		return s, true
	}
	for n, b := range blk.items {
		if n > 0 {
			if !strings.HasPrefix(rest, "\n") {
				return nil, say.Errorf("item %d does not start a line", n+1)
			}
			rest = rest[1:]
			line++
		}
		it := coding.Item{Kind: b.kind, Line: line, Timed: b.timed, Start: b.start, End: b.end}
		if b.hasSpeaker {
			sp, ok := take(b.speakerLen)
			if !ok || !strings.HasPrefix(rest, ": ") {
				return nil, say.Errorf("item %d has no speaker where the block says", n+1)
			}
			rest = rest[2:]
			it.Speaker, it.Label = sp, sp
			if b.label != "" {
				it.Label = b.label
			}
		}
		t, ok := take(b.textLen)
		if !ok {
			return nil, say.Errorf("the text ends before item %d does", n+1)
		}
		it.Text = t
		line += strings.Count(t, "\n")
		items = append(items, it)
	}
	if rest != "" {
		return nil, say.Errorf("the text goes on after the last item")
	}
	return items, nil
}
