package main

import (
	"strings"
	"testing"
)

func TestSpeakersRename(t *testing.T) {
	p := seededProject(t)
	// Renamed first, so --set-role can use the new label in the same call.
	out := mustRun(t, "speakers", "-p", p, "--rename", "联通 114 电话导航=114 operator", "--set-role", "114 operator=other").stdout
	if !regexpLine(out, `114 operator +other +3 +联通 114 电话导航`) || strings.Contains(out, "\n联通") {
		t.Errorf("speakers:\n%s", out)
	}
	turns := mustRun(t, "turns", "-p", p, "--json").stdout
	if !strings.Contains(turns, `"speaker": "114 operator"`) || strings.Contains(turns, `"speaker": "联通 114 电话导航"`) {
		t.Error("turns still carry the old label")
	}
	// Onto an existing label: refused in one sentence that points to merging; nothing changes.
	r := run(t, "speakers", "-p", p, "--rename", "石油管理局工会=胜利石油管理局工会")
	if r.code != 1 || !strings.Contains(r.stderr, "already a speaker") || !strings.Contains(r.stderr, "merge") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
		t.Errorf("rename onto an existing speaker: exit %d %q", r.code, r.stderr)
	}
	if out := mustRun(t, "speakers", "-p", p).stdout; !regexpLine(out, `^石油管理局工会 +respondent +34`) {
		t.Errorf("after the refusal:\n%s", out)
	}
	for _, bad := range []string{"CLB", "CLB=", "=x"} {
		if r := run(t, "speakers", "-p", p, "--rename", bad); r.code != 2 || !strings.Contains(r.stderr, "--rename takes LABEL=VALUE") {
			t.Errorf("--rename %q: exit %d %q", bad, r.code, r.stderr)
		}
	}
	if r := run(t, "speakers", "-p", p, "--rename", "nobody=x"); r.code != 1 || !strings.Contains(r.stderr, `no speaker "nobody"`) {
		t.Errorf("unknown speaker: exit %d %q", r.code, r.stderr)
	}
}
