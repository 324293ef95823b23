package main

import (
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding/version"
)

// TestVersion: turncoder version (and --version) says the version, the commit and the date,
// as About does.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := mustRun(t, args...)
		if want := "turncoder " + version.Build().String() + "\n"; r.stdout != want || !strings.HasPrefix(r.stdout, "turncoder "+version.Version+", commit ") {
			t.Errorf("%v: %q, want %q", args, r.stdout, want)
		}
	}
	if r := run(t, "version", "extra"); r.code != 2 {
		t.Errorf("version extra: exit %d", r.code)
	}
}
