package coding

import (
	"testing"
	"time"
)

func TestWorkSummarySentence(t *testing.T) {
	now := time.Date(2026, 12, 3, 16, 30, 0, 0, time.Local)
	cases := []struct {
		w    WorkSummary
		want string
	}{
		{WorkSummary{Coder: "ana", Codings: 312, Reviewed: 300, Documents: 3, Last: time.Date(2026, 12, 3, 14, 2, 0, 0, time.Local)},
			"312 codings by ana on 3 documents, last change 14:02"},
		{WorkSummary{Coder: "bo", Codings: 1, Reviewed: 1, Documents: 1, Last: time.Date(2026, 12, 1, 9, 5, 0, 0, time.Local)},
			"1 coding by bo on 1 document, last change 1 Dec 09:05"},
		{WorkSummary{Coder: "cy", Codings: 0, Reviewed: 4, Documents: 2, Last: time.Date(2025, 11, 30, 23, 59, 0, 0, time.Local)},
			"0 codings by cy on 2 documents, last change 30 Nov 2025 23:59"},
		{WorkSummary{Coder: "李明"}, "no codings by 李明 yet"},
	}
	for _, c := range cases {
		if got := c.w.Sentence(now); got != c.want {
			t.Errorf("%+v: %q, want %q", c.w, got, c.want)
		}
	}
}

func TestStaleNote(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.Local)
	merged := WorkSummary{Coder: "bo", Codings: 312, Reviewed: 300, Documents: 3, Last: time.Date(2026, 12, 3, 14, 2, 0, 0, time.Local)}
	older := WorkSummary{Coder: "bo", Codings: 120, Reviewed: 110, Documents: 2, Last: time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local)}
	newer := WorkSummary{Coder: "bo", Codings: 330, Reviewed: 320, Documents: 3, Last: time.Date(2026, 12, 5, 9, 30, 0, 0, time.Local)}
	cases := []struct {
		file, project WorkSummary
		nothingNew    bool
		want          string
	}{
		{older, merged, true, "bo's file is older than what was merged on 3 December: nothing new; did bo send the right file?"},
		{older, merged, false, "bo's file holds 120 codings, fewer than the 312 the project already has from bo (last change 3 December): did bo send the right file?"},
		{WorkSummary{Coder: "bo", Codings: 400, Last: older.Last}, merged, false, "bo's file was last changed 1 December, before the project's last change from bo (3 December): did bo send the right file?"},
		{newer, merged, false, ""},
		{merged, merged, true, ""}, // the same file again: nothing new, and nothing wrong
		{older, WorkSummary{Coder: "bo"}, false, ""},
		{older, WorkSummary{Coder: "bo", Codings: 200, Last: time.Date(2026, 12, 5, 8, 15, 0, 0, time.Local)}, true,
			"bo's file is older than what was merged today at 08:15: nothing new; did bo send the right file?"},
	}
	for i, c := range cases {
		if got := StaleNote(c.file, c.project, c.nothingNew, now); got != c.want {
			t.Errorf("case %d: %q\nwant %q", i, got, c.want)
		}
	}
}

func TestSyncService(t *testing.T) {
	for path, want := range map[string]string{
		"/home/ana/Dropbox/study/study.turncoder":                                          "Dropbox",
		"/Users/ana/Dropbox (Personal)/study.turncoder":                                    "Dropbox",
		`C:\Users\ana\OneDrive\研究\study.turncoder`:                                         "OneDrive",
		`C:\Users\ana\OneDrive - Universität Wien\study.turncoder`:                         "OneDrive",
		"/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/study.turncoder":          "iCloud Drive",
		`C:\Users\ana\iCloudDrive\study.turncoder`:                                         "iCloud Drive",
		`G:\My Drive\study.turncoder`:                                                      "Google Drive",
		"/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.org/My Drive/s.turncoder": "Google Drive",
		"/Users/ana/Google Drive/study.turncoder":                                          "Google Drive",
		"/home/ana/Documents/study.turncoder":                                              "",
		"/home/ana/dropboxes/study.turncoder":                                              "",
		`D:\research\onedrive-notes.txt`:                                                   "",
	} {
		if got := SyncService(path); got != want {
			t.Errorf("SyncService(%q) = %q, want %q", path, got, want)
		}
	}
}
