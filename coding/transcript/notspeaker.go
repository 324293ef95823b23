package transcript

import (
	"fmt"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
)

// notSpeakers makes the turns of labels the researcher marked as not speakers text again (the
// import preview's "not a speaker"): such a turn, label and all ("政府的回應是：…"), continues
// the turn before it, as a line without a label does; with no turn before it, it is kept as a
// note, with a warning. labels are compared normalised. It runs after any reader, so it means
// the same for plain text, subtitles and tables.
func notSpeakers(doc *coding.Document, labels []string) {
	if len(labels) == 0 {
		return
	}
	set := map[string]bool{}
	for _, l := range labels {
		set[coding.NormalizeLabel(l)] = true
	}
	out := doc.Items[:0]
	for _, it := range doc.Items {
		if it.Kind != coding.KindTurn || it.Speaker == "" || !set[it.Speaker] {
			out = append(out, it)
			continue
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
		if n := len(out); n > 0 && out[n-1].Kind == coding.KindTurn && out[n-1].Speaker != "" {
			prev := &out[n-1]
			prev.Text = joinWrapped(prev.Text, text)
			if prev.Timed && it.Timed && it.End > prev.End {
				prev.End = it.End
			}
			continue
		}
		doc.Warnings = append(doc.Warnings, coding.Warning{Line: it.Line,
			Message: fmt.Sprintf("%s is not a speaker and no turn stands before it; kept as a note", quoted(label))})
		out = append(out, coding.Item{Kind: coding.KindNote, Text: text, Line: it.Line})
	}
	doc.Items = out
}
