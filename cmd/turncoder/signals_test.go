package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Ctrl+C, SIGTERM or SIGHUP during a long import: the import stops, nothing of it is in the project,
// the project is closed cleanly (no -wal beside it), and the command says so in one sentence
// with exit status 130.
func TestASignalStopsACommandAndClosesTheProject(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "hotline.txt")
	var b strings.Builder
	for i := 0; i < 400_000; i++ {
		fmt.Fprintf(&b, "A：你好，我想问一下社保的事情。%d\nB：这个事情我们不清楚，你去问劳动局。\n", i)
	}
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			p := seededProject(t)
			before := info(t, p)
			cmd := exec.Command(os.Args[0], "import", "-p", p, big)
			cmd.Env = append(os.Environ(), "TURNCODER_RUN_MAIN=1", "TURNCODER_HOME="+t.TempDir())
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(1500 * time.Millisecond)
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the import did not stop within 20 s of the signal")
			}
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 130 {
				t.Fatalf("exit %v, want 130 (did the import end before the signal?)\n%s", err, errb.String())
			}
			if msg := strings.TrimSpace(errb.String()); !strings.Contains(msg, "interrupted; the project file is closed and whole") || strings.Count(msg, "\n") > 0 {
				t.Errorf("the command said %q", msg)
			}
			if _, err := os.Stat(p + "-wal"); err == nil {
				t.Errorf("the interrupted import left %s-wal", filepath.Base(p))
			}
			if after := info(t, p); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the interrupted import changed the project: %v, was %v", after, before)
			}
		})
	}
}
