package version

import (
	"os"
	"regexp"
	"testing"
)

func TestVersionIsFyneAppTomls(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != Version {
		t.Errorf("FyneApp.toml's version %q, version.Version %q", m, Version)
	}
}

// TestBuildSaysWhatItKnows: a test binary records no commit, so Build says "(devel)"; what a
// release build stamps with the linker is said instead; a version Go makes up from a commit
// is not taken for a release.
func TestBuildSaysWhatItKnows(t *testing.T) {
	b := Build()
	if b.Version != Version || b.Commit != "(devel)" || b.Date != "(devel)" {
		t.Errorf("unstamped build: %+v", b)
	}
	stampedVersion, stampedCommit, stampedDate = "0.2.0", "b9c82943054e1176b97ab26117fb7adf6f19d6b8", "2026-12-07T04:29:51Z"
	t.Cleanup(func() { stampedVersion, stampedCommit, stampedDate = "", "", "" })
	b = Build()
	if b.Version != "0.2.0" || b.ShortCommit() != "b9c82943054e" || b.Date != "2026-12-07T04:29:51Z" {
		t.Errorf("stamped build: %+v, commit %s", b, b.ShortCommit())
	}
	if got := b.String(); got != "0.2.0, commit b9c82943054e, 2026-12-07T04:29:51Z" {
		t.Errorf("one line: %q", got)
	}
	if !pseudoVersion.MatchString("v0.0.0-20261207042951-b9c82943054e") || pseudoVersion.MatchString("v0.2.0") {
		t.Error("pseudo-versions are not told from releases")
	}
}
