package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSendNameSaysProjectCoderAndMinute(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 2, 30, 0, time.Local)
	for _, c := range []struct{ project, coder, want string }{
		{"/home/lead/study.turncoder", "ana", "study-ana-20261203-1402.turncoder"},
		{"C:/coding/study-ana.turncoder", "ana", "study-ana-20261203-1402.turncoder"}, // a coder copy
		{"研究.turncoder", "李 明", "研究-李 明-20261203-1402.turncoder"},
		{"study.turncoder", "a/b", "study-a_b-20261203-1402.turncoder"},
	} {
		if got := filepath.Base(SendName(c.project, c.coder, at)); got != c.want {
			t.Errorf("SendName(%q, %q) = %q, want %q", c.project, c.coder, got, c.want)
		}
	}
}

// Send my file, with the project open and just coded: the file written holds every coding
// (the last one too), opens alone, and the summary is read from it.
func TestSendWritesTheWholeFileAndSaysWhatItHolds(t *testing.T) {
	p, turns := master(t)
	ctx := context.Background()
	set(t, p, "ana", turns[0], true, "c-ref")
	set(t, p, "ana", turns[1], true, "c-ref", "c-def")
	set(t, p, "ana", turns[len(turns)-1], true) // reviewed, no code, in the second document
	set(t, p, "bo", turns[2], true, "c-adm")
	dir := t.TempDir()
	at := time.Date(2026, 12, 3, 14, 2, 0, 0, time.Local)
	path, w, err := p.Send(ctx, dir, "ana", at)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir || filepath.Base(path) != "study-ana-20261203-1402.turncoder" {
		t.Errorf("sent to %s", path)
	}
	if w.Codings != 3 || w.Reviewed != 3 || w.Documents != 2 || w.Last.IsZero() || time.Since(w.Last) > time.Minute {
		t.Errorf("summary %+v, want 3 codings, 3 reviewed, 2 documents, a last change just now", w)
	}
	if got := w.Sentence(w.Last); !strings.HasPrefix(got, "3 codings by ana on 2 documents, last change ") {
		t.Errorf("sentence %q", got)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("the sent file has a %s beside it", suffix)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files after the send, want the one sent", len(entries))
	}
	q := mustOpen(t, copyAlone(t, path))
	if got, err := q.WorkOf(ctx, "ana"); err != nil || got.Codings != 3 || got.Reviewed != 3 {
		t.Errorf("the sent file holds %+v (%v)", got, err)
	}
	if got, _ := q.WorkOf(ctx, "bo"); got.Codings != 1 {
		t.Errorf("the master's file, sent, lacks bo's coding: %+v", got)
	}
	// Sent again in the same minute: the earlier file is replaced.
	set(t, p, "ana", turns[3], true, "c-adm")
	if _, w, err = p.Send(ctx, dir, "ana", at); err != nil || w.Codings != 4 {
		t.Errorf("sent again: %+v %v", w, err)
	}
	for _, bad := range []struct{ dir, coder, want string }{
		{dir, "zoe", `there is no coder "zoe"`},
		{filepath.Join(dir, "nowhere"), "ana", "is not a folder"},
		{dir, "", "no coder given"},
	} {
		if _, _, err := p.Send(ctx, bad.dir, bad.coder, at); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Send(%q, %q): %v, want %q", bad.dir, bad.coder, err, bad.want)
		}
	}
}

// The lead merges bo's newer file, then the older one bo sent the day before: the older one is
// flagged, in the report and its text, as holding less than the project has from bo; the
// newer one, and the same file merged again, are not.
func TestMergeFlagsAFileOlderThanWhatTheProjectHas(t *testing.T) {
	p, turns := master(t)
	ctx := context.Background()
	copyPath := filepath.Join(t.TempDir(), CopyName(p.Path(), "bo"))
	if err := p.CopyFor(ctx, "bo", copyPath); err != nil {
		t.Fatal(err)
	}
	bo := mustOpen(t, copyPath)
	outbox := t.TempDir()
	for _, turn := range turns[:3] {
		set(t, bo, "bo", turn, true, "c-ref")
	}
	monday, _, err := bo.Send(ctx, outbox, "bo", time.Date(2026, 12, 1, 17, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	for _, turn := range turns[3:5] {
		set(t, bo, "bo", turn, true, "c-def")
	}
	tuesday, _, err := bo.Send(ctx, outbox, "bo", time.Date(2026, 12, 2, 17, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := p.Merge(ctx, []string{tuesday}, MergeOptions{AllCoders: true})
	if err != nil || len(rep.Sources[0].Stale) != 0 {
		t.Fatalf("the newer file: %v, flagged %+v", err, rep.Sources[0].Stale)
	}
	rep, err = p.PlanMerge(ctx, []string{tuesday}, MergeOptions{AllCoders: true})
	if err != nil || len(rep.Sources[0].Stale) != 0 {
		t.Errorf("the same file again is flagged: %+v", rep.Sources[0].Stale)
	}
	rep, err = p.Merge(ctx, []string{monday}, MergeOptions{AllCoders: true})
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Sources[0].Stale
	if len(st) != 1 || st[0].Coder != "bo" || st[0].FileCodings != 3 || st[0].ProjectCodings != 5 {
		t.Fatalf("the older file's flags: %+v", st)
	}
	if !strings.HasPrefix(st[0].Note, "bo's file is older than what was merged ") || !strings.HasSuffix(st[0].Note, ": nothing new; did bo send the right file?") {
		t.Errorf("note %q", st[0].Note)
	}
	if !strings.Contains(rep.String(), "  check: "+st[0].Note+"\n") {
		t.Errorf("the report's text lacks the note:\n%s", rep.String())
	}
}
