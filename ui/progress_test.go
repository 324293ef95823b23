package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/store"
)

// In a large project the coder's progress is counted in the background: the window shows
// the document at once, without counts; a turn coded meanwhile is saved and makes the count
// start again, so that the counts shown at the end hold it; they are the project's.
func TestProgressCountedInBackground(t *testing.T) {
	old, oldCount, oldDelay := progressInBackground, countProgress, progressDelay
	defer func() { progressInBackground, countProgress, progressDelay = old, oldCount, oldDelay }()
	progressDelay = 0
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	progressInBackground = 0 // the demo counts as large
	gate := make(chan struct{})
	counts := 0
	countProgress = func(ctx context.Context, p *store.Project, coder string) (store.ProgressReport, error) {
		<-gate
		counts++
		return p.Progress(ctx, coder)
	}
	if err := h.ws.refreshProgress(); err != nil {
		t.Fatal(err)
	}
	if !h.ws.progLoading || len(h.ws.prog.Documents) != 0 {
		t.Fatalf("the progress was counted before the window went on: loading %v, %v", h.ws.progLoading, h.ws.prog)
	}
	if strings.Contains(h.ws.status.Text, "of") {
		t.Fatalf("the status line shows counts while they are counted: %q", h.ws.status.Text)
	}
	h.ws.SelectTurn(2)
	h.typ("1") // codes turn 2 while the count runs
	if !h.stored("ana", 2).Reviewed {
		t.Fatal("the coding made while the progress was counted was not saved")
	}
	close(gate)
	h.ws.waitProgress()
	if counts != 2 {
		t.Fatalf("the progress was counted %d times; want twice (again after the coding)", counts)
	}
	want, err := h.p.Progress(h.ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.ws.prog, want) || want.Project.Reviewed != 1 {
		t.Fatalf("the counts shown: %+v; the project's: %+v", h.ws.prog.Project, want.Project)
	}
	if !strings.Contains(h.ws.status.Text, "project: 1 of") {
		t.Fatalf("the status line once counted: %q", h.ws.status.Text)
	}
}
