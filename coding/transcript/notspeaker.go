package transcript

import (
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// notSpeakers makes the turns of labels the researcher marked as not speakers text again (the
// import preview's "not a speaker"): such a turn, label and all ("政府的回應是：…"), continues
// the turn before it, as a line without a label does; with no turn before it, it is kept as a
// note, with a warning. labels are compared normalised. It runs after any reader, so it means
// the same for plain text, subtitles and tables.
func notSpeakers(doc *coding.Document, labels []string) {
	f := newNotSpeakerFilter(labels)
	if f == nil {
		return
	}
	var out []coding.Item
	f.emit = func(it coding.Item) error {
		out = append(out, it)
		return nil
	}
	for _, it := range doc.Items {
		f.put(it)
	}
	f.flush()
	doc.Items = out
	doc.Warnings = append(doc.Warnings, f.warns...)
}

// notSpeakerFilter is notSpeakers item by item: put takes the reader's items in order and
// gives emit what notSpeakers makes of them, holding back the last one, which a following
// item may join; flush gives it at the end. warns are its warnings, in order.
type notSpeakerFilter struct {
	set   map[string]bool
	emit  func(coding.Item) error
	held  coding.Item
	has   bool
	warns []coding.Warning
}

// newNotSpeakerFilter is the filter of labels, nil when there are none.
func newNotSpeakerFilter(labels []string) *notSpeakerFilter {
	if len(labels) == 0 {
		return nil
	}
	set := map[string]bool{}
	for _, l := range labels {
		set[coding.NormalizeLabel(l)] = true
	}
	return &notSpeakerFilter{set: set}
}

func (f *notSpeakerFilter) put(it coding.Item) error {
	if it.Kind != coding.KindTurn || it.Speaker == "" || !f.set[it.Speaker] {
		return f.hold(it)
	}
	label := it.Label
	if label == "" {
		label = it.Speaker
	}
	sep := ": "
	if r, _ := utf8.DecodeLastRuneInString(label); isWide(r) {
		sep = "："
	}
	text := label + sep + it.Text
	if f.has && f.held.Kind == coding.KindTurn && f.held.Speaker != "" {
		prev := &f.held
		prev.Text = joinWrapped(prev.Text, text)
		if prev.Timed && it.Timed && it.End > prev.End {
			prev.End = it.End
		}
		return nil
	}
	f.warns = append(f.warns, coding.Warn(it.Line,
		say.Errorf("%s is not a speaker and no turn stands before it; kept as a note", quoted(label))))
	return f.hold(coding.Item{Kind: coding.KindNote, Text: text, Line: it.Line})
}

// hold gives emit the item held, if any, and holds it.
func (f *notSpeakerFilter) hold(it coding.Item) error {
	if f.has {
		if err := f.emit(f.held); err != nil {
			return err
		}
	}
	f.held, f.has = it, true
	return nil
}

// flush gives emit the item held.
func (f *notSpeakerFilter) flush() error {
	if !f.has {
		return nil
	}
	f.has = false
	return f.emit(f.held)
}
