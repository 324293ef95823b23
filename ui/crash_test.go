package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestACrashLogIsKeptAndReportedAtTheNextStart(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TURNCODER_HOME", dir)
	// A clean run leaves no log and reports nothing.
	prev, stop := startCrashLog()
	if prev != "" {
		t.Fatalf("first start reports a crash: %q", prev)
	}
	stop()
	if _, err := os.Stat(filepath.Join(dir, crashLogName)); !os.IsNotExist(err) {
		t.Fatalf("a clean exit left %s (%v)", crashLogName, err)
	}
	// A run that panicked left the runtime's trace in crash.log.
	trace := "panic: runtime error: index out of range [50] with length 12\n\ngoroutine 1 [running]:\n"
	os.WriteFile(filepath.Join(dir, crashLogName), []byte(trace), 0o644)
	prev, stop = startCrashLog()
	defer stop()
	if prev == "" || !strings.HasPrefix(filepath.Base(prev), "crash-") {
		t.Fatalf("the next start reports %q, want the kept log", prev)
	}
	if b, _ := os.ReadFile(prev); string(b) != trace {
		t.Errorf("kept log holds %q", b)
	}
	if fi, err := os.Stat(filepath.Join(dir, crashLogName)); err != nil || fi.Size() != 0 {
		t.Errorf("the new run's log should be open and empty: %v", err)
	}
}
