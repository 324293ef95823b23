package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two projects sharing one team folder on this machine: the lead's master and ana's copy, as
// Syncthing would keep the folder on both laptops. ana's app publishes her snapshot there; the
// lead's finds it, merges it and does not offer it again until it changes; a snapshot the sync
// service has copied only in part, a torn one and another project's file are refused in one
// sentence each and picked up once whole; a file being written under a temporary name is not
// looked at.
func TestTeamFolderSharedByTwoProjects(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	team := t.TempDir()
	if err := p.SetTeamFolder(ctx, filepath.Dir(p.Path())); err == nil || !strings.Contains(err.Error(), "must not be in the folder a sync service keeps") {
		t.Errorf("a team folder holding the live project: %v", err)
	}
	anaPath := filepath.Join(t.TempDir(), CopyName(p.Path(), "ana"))
	if err := p.SetTeamFolder(ctx, team); err != nil {
		t.Fatal(err)
	}
	if err := p.CopyFor(ctx, "ana", anaPath); err != nil {
		t.Fatal(err)
	}
	ana := mustOpen(t, anaPath)
	if dir, _ := ana.TeamFolder(ctx); dir != "" {
		t.Errorf("ana's copy carries the lead's team folder %q", dir)
	}
	if _, _, err := ana.TeamPublish(ctx, "ana"); err == nil || !strings.Contains(err.Error(), "no team folder") {
		t.Errorf("publishing with no team folder: %v", err)
	}
	if err := ana.SetTeamFolder(ctx, team); err != nil {
		t.Fatal(err)
	}
	set(t, ana, "ana", turns[0], true, "c-ref")
	set(t, ana, "ana", turns[1], true, "c-def")
	snap, w, err := ana.TeamPublish(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(snap) != "study-ana.turncoder" || filepath.Dir(snap) != team || w.Codings != 2 {
		t.Errorf("published %s holding %+v", snap, w)
	}

	inbox := func(want ...string) []TeamFile {
		t.Helper()
		files, err := p.TeamInbox(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			s := filepath.Base(f.Path)
			if f.Refused != nil {
				s += " refused: " + f.Refused.Error()
			}
			got = append(got, s)
		}
		if len(got) != len(want) {
			t.Fatalf("the inbox holds %q, want %q", got, want)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Fatalf("the inbox holds %q, want %q", got, want)
			}
		}
		return files
	}
	merge := func(files []TeamFile) {
		t.Helper()
		var paths []string
		for _, f := range files {
			if f.Refused == nil {
				paths = append(paths, f.Path)
			}
		}
		if _, err := p.Merge(ctx, paths, MergeOptions{AllCoders: true}); err != nil {
			t.Fatal(err)
		}
		if err := p.TeamMerged(ctx, files); err != nil {
			t.Fatal(err)
		}
	}
	merge(inbox("study-ana.turncoder"))
	if got, _ := p.WorkOf(ctx, "ana"); got.Codings != 2 {
		t.Errorf("after the merge the master has %+v from ana", got)
	}
	inbox() // nothing new

	set(t, ana, "ana", turns[2], true, "c-adm")
	if _, _, err := ana.TeamPublish(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	// bo's snapshot arrives in part; a torn one and another project's file lie there too; a
	// file is being written under a temporary name.
	boPath := filepath.Join(t.TempDir(), CopyName(p.Path(), "bo"))
	if err := p.CopyFor(ctx, "bo", boPath); err != nil {
		t.Fatal(err)
	}
	bo := mustOpen(t, boPath)
	set(t, bo, "bo", turns[0], true, "c-ref")
	bo.Close()
	whole, _ := os.ReadFile(boPath)
	os.WriteFile(filepath.Join(team, "study-bo.turncoder"), whole[:len(whole)/2], 0o644)
	os.WriteFile(filepath.Join(team, ".turncoder-123.tmp"), whole[:100], 0o644)
	other, err := Create(filepath.Join(t.TempDir(), "other"+Extension), shareCodebook)
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	otherBytes, _ := os.ReadFile(other.Path())
	os.WriteFile(filepath.Join(team, "other.turncoder"), otherBytes, 0o644)
	files := inbox("other.turncoder refused: ", "study-ana.turncoder", "study-bo.turncoder refused: ")
	for _, f := range files {
		if f.Refused != nil && strings.Contains(strings.TrimSuffix(f.Refused.Error(), "."), ". ") {
			t.Errorf("refused in more than one sentence: %v", f.Refused)
		}
	}
	if !strings.Contains(files[0].Refused.Error(), "different project") || !strings.Contains(files[2].Refused.Error(), "incomplete") {
		t.Errorf("refusals: %v / %v", files[0].Refused, files[2].Refused)
	}
	merge(files)
	inbox("other.turncoder refused: ", "study-bo.turncoder refused: ") // refused ones are offered again

	// The sync service finishes bo's file: it is picked up and merged.
	os.WriteFile(filepath.Join(team, "study-bo.turncoder"), whole, 0o644)
	os.Remove(filepath.Join(team, "other.turncoder"))
	merge(inbox("study-bo.turncoder"))
	if got, _ := p.WorkOf(ctx, "bo"); got.Codings != 1 {
		t.Errorf("bo's work in the master: %+v", got)
	}
	if got, _ := p.WorkOf(ctx, "ana"); got.Codings != 3 {
		t.Errorf("ana's work in the master: %+v", got)
	}
	inbox()
}
