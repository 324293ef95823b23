package coding

import (
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding/say"
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
func (w WorkSummary) Sentence(now time.Time) string { return w.SentenceSay(now).Error() }

// SentenceSay is Sentence as a sentence of say (package coding/say), its counts and time too,
// which the window says in its language.
func (w WorkSummary) SentenceSay(now time.Time) error {
	if w.Codings == 0 && w.Reviewed == 0 {
		return say.Errorf("no codings by %s yet", w.Coder)
	}
	docs := say.Errorf("1 document")
	if w.Documents != 1 {
		docs = say.Errorf("%d documents", w.Documents)
	}
	codings := say.Errorf("1 coding")
	if w.Codings != 1 {
		codings = say.Errorf("%d codings", w.Codings)
	}
	return say.Errorf("%v by %s on %v, last change %v", codings, w.Coder, docs, whenShortSay(w.Last, now))
}

// whenShortSay is WhenShort as a value of a sentence of say: the time alone on now's day, else
// a sentence with the day and the month's short name.
func whenShortSay(t, now time.Time) any {
	t, now = t.Local(), now.Local()
	switch {
	case t.Year() == now.Year() && t.YearDay() == now.YearDay():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return say.Errorf("%d %v %s", t.Day(), monthShort(t.Month()), t.Format("15:04"))
	}
	return say.Errorf("%d %v %s %s", t.Day(), monthShort(t.Month()), t.Format("2006"), t.Format("15:04"))
}

// monthShort is a month's short English name (Jan), as time writes it, as a sentence of say.
func monthShort(m time.Month) error { return monthNames[m-1][0] }

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

// StaleNote says, when a received file holds less of a coder's work than the project already
// has from them (fewer codings, or an older last change), that it may be the wrong file: ""
// when it is not. nothingNew says the file brings nothing the project lacks.
func StaleNote(file, project WorkSummary, nothingNew bool, now time.Time) string {
	if why := StaleWhy(file, project, nothingNew, now); why != nil {
		return why.Error()
	}
	return ""
}

// StaleWhy is StaleNote's sentence as a sentence of say (package coding/say), its days too,
// which the window says in its language; nil when there is nothing to say.
func StaleWhy(file, project WorkSummary, nothingNew bool, now time.Time) error {
	if project.Codings+project.Reviewed == 0 || (file.Codings >= project.Codings && !file.Last.Before(project.Last)) {
		return nil
	}
	who := file.Coder
	switch {
	case nothingNew:
		if t := project.Last.Local(); !t.IsZero() && sameDay(t, now.Local()) {
			return say.Errorf("%s's file is older than what was merged %v: nothing new; did %s send the right file?", who, whenDay(project.Last, now), who)
		}
		return say.Errorf("%s's file is older than what was merged on %v: nothing new; did %s send the right file?", who, whenDay(project.Last, now), who)
	case file.Codings < project.Codings:
		return say.Errorf("%s's file holds %d codings, fewer than the %d the project already has from %s (last change %v): did %s send the right file?",
			who, file.Codings, project.Codings, who, whenDay(project.Last, now), who)
	}
	return say.Errorf("%s's file was last changed %v, before the project's last change from %s (%v): did %s send the right file?",
		who, whenDay(file.Last, now), who, whenDay(project.Last, now), who)
}

func sameDay(t, u time.Time) bool { return t.Year() == u.Year() && t.YearDay() == u.YearDay() }

// whenDay is a moment as a day, "3 December", or "today at 14:02", a sentence of say (its
// month one too). What was merged is dated by the coder's last change in it, which is when
// that work was done.
func whenDay(t, now time.Time) error {
	t, now = t.Local(), now.Local()
	switch {
	case t.IsZero():
		return say.Errorf("never")
	case sameDay(t, now):
		return say.Errorf("today at %s", t.Format("15:04"))
	case t.Year() == now.Year():
		return say.Errorf("%d %v", t.Day(), monthName(t.Month()))
	}
	return say.Errorf("%d %v %d", t.Day(), monthName(t.Month()), t.Year())
}

// monthName is a month's English name as a sentence of say.
func monthName(m time.Month) error { return monthNames[m-1][1] }

// monthNames are each month's short and full English names as sentences of say.
var monthNames = [12][2]error{
	{say.Errorf("Jan"), say.Errorf("January")},
	{say.Errorf("Feb"), say.Errorf("February")},
	{say.Errorf("Mar"), say.Errorf("March")},
	{say.Errorf("Apr"), say.Errorf("April")},
	{say.Errorf("May"), say.Errorf("May")},
	{say.Errorf("Jun"), say.Errorf("June")},
	{say.Errorf("Jul"), say.Errorf("July")},
	{say.Errorf("Aug"), say.Errorf("August")},
	{say.Errorf("Sep"), say.Errorf("September")},
	{say.Errorf("Oct"), say.Errorf("October")},
	{say.Errorf("Nov"), say.Errorf("November")},
	{say.Errorf("Dec"), say.Errorf("December")},
}

// syncFolders are parts of a path that put a file inside a folder a sync service uploads,
// with the service's name: Dropbox, OneDrive (personal and work: "OneDrive - Uni"), iCloud
// Drive (macOS's Mobile Documents, Windows' iCloudDrive), Google Drive (its Windows drive
// letter's "My Drive", macOS's CloudStorage/GoogleDrive-…), and macOS's CloudStorage for
// the others.
var syncFolders = []struct{ part, name string }{
	{"/dropbox/", "Dropbox"},
	{"/dropbox (", "Dropbox"},
	{"/onedrive/", "OneDrive"},
	{"/onedrive - ", "OneDrive"},
	{"/library/mobile documents/com~apple~clouddocs/", "iCloud Drive"},
	{"/icloud drive/", "iCloud Drive"},
	{"/iclouddrive/", "iCloud Drive"},
	{"/google drive/", "Google Drive"},
	{"/googledrive", "Google Drive"},
	{"/my drive/", "Google Drive"},
	{"/library/cloudstorage/dropbox", "Dropbox"},
	{"/library/cloudstorage/onedrive", "OneDrive"},
	{"/library/cloudstorage/googledrive", "Google Drive"},
}

// SyncService names the sync service whose folder path lies in, "" for none known. Windows
// paths are read too (C:\Users\ana\OneDrive\study.turncoder).
func SyncService(path string) string {
	p := "/" + strings.ToLower(strings.ReplaceAll(path, `\`, "/"))
	for _, f := range syncFolders {
		if strings.Contains(p, f.part) {
			return f.name
		}
	}
	return ""
}
