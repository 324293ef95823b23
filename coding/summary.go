package coding

import (
	"fmt"
	"time"
)

// WorkSummary is what a project file holds of one coder's work: what a coder's sent file is
// told by, and what the lead's merge compares with what it already has from that coder.
type WorkSummary struct {
	Coder     string
	Codings   int       // live codings (a code on a turn)
	Reviewed  int       // turns marked reviewed
	Documents int       // documents in which the coder coded or reviewed a turn
	Last      time.Time // the coder's last change; zero when there is none
}

// Sentence says it in one sentence, "312 codings by ana on 3 documents, last change 14:02",
// the time with its day when it is not on now's day.
func (w WorkSummary) Sentence(now time.Time) string {
	if w.Codings == 0 && w.Reviewed == 0 {
		return fmt.Sprintf("no codings by %s yet", w.Coder)
	}
	docs := "1 document"
	if w.Documents != 1 {
		docs = fmt.Sprintf("%d documents", w.Documents)
	}
	codings := "1 coding"
	if w.Codings != 1 {
		codings = fmt.Sprintf("%d codings", w.Codings)
	}
	return fmt.Sprintf("%s by %s on %s, last change %s", codings, w.Coder, docs, WhenShort(w.Last, now))
}

// WhenShort is a moment as a person reads it in a sentence: "14:02" on now's day, "3 Dec
// 14:02" in now's year, "3 Dec 2025 14:02" before.
func WhenShort(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	switch {
	case t.Year() == now.Year() && t.YearDay() == now.YearDay():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("2 Jan 15:04")
	}
	return t.Format("2 Jan 2006 15:04")
}
