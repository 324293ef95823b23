//go:build nogui

package main

import (
	"strings"
	"testing"
)

// TestNoWindowInThisBuild: a command line built without the window says so in one sentence,
// for turncoder gui and for a project file given alone, and exits 1.
func TestNoWindowInThisBuild(t *testing.T) {
	for _, args := range [][]string{{"gui"}, {"study.turncoder"}} {
		r := run(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "this build of turncoder is the command line only and has no window") {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stderr)
		}
	}
}
