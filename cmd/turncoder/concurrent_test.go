package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Two processes writing one project (the app and a script, or two scripts) wait for each other
// instead of failing: about 6% of such writes failed with "is not a turncoder project file
// (database is locked)" when the connection that identifies the file had no busy timeout
// (issue 14). Each writes 25 codings one import at a time while a third reads.
func TestTwoProcessesWriteOneProject(t *testing.T) {
	p := filepath.Join(t.TempDir(), "demo.turncoder")
	mustRun(t, "init", "--demo", p)
	mustRun(t, "coders", "-p", p, "--add", "ana", "--add", "bo")
	doc := "八通电话：东营市总工会与胜利油田工会（2019年3月24日）"
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	runOne := func(args ...string) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "TURNCODER_RUN_MAIN=1", "TURNCODER_HOME="+t.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil {
			errs <- fmt.Sprintf("%v: %v: %s", args, err, out)
		}
	}
	for _, coder := range []string{"ana", "bo"} {
		wg.Go(func() {
			for i := range 25 {
				csv := filepath.Join(t.TempDir(), "c.csv")
				os.WriteFile(csv, []byte(fmt.Sprintf("document,turn,coder,code\n%s,%d,%s,referral\n", doc, 2*i+2, coder)), 0o644)
				runOne("codings", "import", "-p", p, csv)
			}
		})
	}
	wg.Go(func() {
		for range 25 {
			runOne("info", "-p", p)
		}
	})
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := info(t, p)["codings"]; n != 50 {
		t.Errorf("%d codings, want 50", n)
	}
}
