// Package version says what a turncoder binary knows of its making: its version, and the commit
// and date of the source it was built from. The command line (turncoder version) and the
// window (Help → About) say the same; a command-line build without the window has it too.
package version

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// Version is turncoder's version, as FyneApp.toml gives it (a test checks the two agree).
const Version = "0.1.0"

// A release build may stamp these with the linker (go build -ldflags "-X
// github.com/turncoder/turncoder/coding/version.stampedVersion=0.2.0 -X …stampedCommit=… -X
// …stampedDate=2026-12-07"); Build prefers them to what the Go toolchain records.
var stampedVersion, stampedCommit, stampedDate string

// devel is what Build says of what the binary does not know.
const devel = "(devel)"

// BuildInfo is what a turncoder binary knows of its making.
type BuildInfo struct {
	Version  string // Version, or the release the module was built at (go install …@v0.2.0)
	Commit   string // the commit built (vcs.revision), or "(devel)"
	Date     string // when (the commit's time, vcs.time, or the date stamped), or "(devel)"
	Modified bool   // built from a checkout with changes not committed (vcs.modified)
}

// pseudoVersion matches a module version Go makes up from a commit (v0.0.0-20261207041711-
// 43dfa54fbc01), which says no more than the commit and its time.
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}`)

// Build is the binary's build: its version, and the commit and time of the source it was built
// from, as `go build` in a git checkout records them (runtime/debug.ReadBuildInfo), or as a
// release build stamps them. A build that records neither (go test, a build outside a
// checkout) says "(devel)" for the commit and the date. The command line and the About dialog
// say the same.
func Build() BuildInfo {
	b := BuildInfo{Version: Version, Commit: devel, Date: devel}
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != devel && !pseudoVersion.MatchString(v) {
			b.Version = strings.TrimPrefix(strings.TrimSuffix(v, "+dirty"), "v")
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.time":
				b.Date = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if stampedVersion != "" {
		b.Version = stampedVersion
	}
	if stampedCommit != "" {
		b.Commit = stampedCommit
	}
	if stampedDate != "" {
		b.Date = stampedDate
	}
	return b
}

// ShortCommit is the commit as people quote it: its first twelve hex digits.
func (b BuildInfo) ShortCommit() string {
	if len(b.Commit) > 12 && b.Commit != devel {
		return b.Commit[:12]
	}
	return b.Commit
}

// String is the build in one line, in English (the command line's): "0.1.0, commit
// 43dfa54fbc01 (modified), 2026-12-07T04:17:11Z".
func (b BuildInfo) String() string {
	commit := b.ShortCommit()
	if b.Modified {
		commit += " (modified)"
	}
	return b.Version + ", commit " + commit + ", " + b.Date
}

// Stamp sets what a release build stamps with the linker (for the tests of what shows it).
func Stamp(v, commit, date string) { stampedVersion, stampedCommit, stampedDate = v, commit, date }
