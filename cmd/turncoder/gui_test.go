//go:build !nogui

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A project file as the only argument is what a double-click runs: it is the GUI's command,
// so a file that is no project is refused by the GUI's open, in one sentence.
func TestAProjectFileAloneOpensTheGUI(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "notes.turncoder")
	os.WriteFile(bad, []byte("not a database at all, just text"), 0o644)
	r := run(t, bad)
	if r.code == 0 || strings.Contains(r.stderr, "unknown command") || !strings.Contains(r.stderr, "not a turncoder project file") {
		t.Errorf("turncoder FILE.turncoder: exit %d, %q", r.code, r.stderr)
	}
}
