package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/store"
)

const calls = "000_d6d2e252924e4e15" // the phone calls of the seeds, titled by their file name

func turnsJSON(t *testing.T, p string) []map[string]any {
	t.Helper()
	var turns []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "turns", "-p", p, "--doc", calls, "--json").stdout), &turns); err != nil {
		t.Fatal(err)
	}
	return turns
}

func lastAuditEntry(t *testing.T, p string) store.Audit {
	t.Helper()
	s, err := store.OpenReadOnly(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return log[len(log)-1]
}

func turnJSONOf(doc, section string, n int, speaker, role, text string) map[string]any {
	return map[string]any{"document": doc, "section": section, "turn": float64(n), "speaker": speaker, "role": role, "text": text}
}

func TestSegmentSplitAndJoin(t *testing.T) {
	p := seededProject(t)
	before := mustRun(t, "turns", "-p", p, "--doc", calls, "--json").stdout
	r := mustRun(t, "segment", "-p", p, "--doc", calls, "--split", "28", "--at", "9")
	if r.stderr != "split turn 28 of "+calls+" at character 9\n" || r.stdout != "" {
		t.Errorf("said %q, %q", r.stderr, r.stdout)
	}
	if a := lastAuditEntry(t, p); a.Action != "correct segmentation" || a.Detail != "split turn 28 of "+calls+" at character 9" {
		t.Errorf("audit %+v", a)
	}
	turns := turnsJSON(t, p)
	if len(turns) != 213 {
		t.Fatalf("%d turns after the split, want 213", len(turns))
	}
	const first = "第一通电话：东营市总工会办公室"
	for i, want := range []map[string]any{
		turnJSONOf(calls, first, 27, "CLB", "respondent", "这个是胜利油田石油管理局下边的。"),
		turnJSONOf(calls, first, 28, "东营市总工会", "respondent", "可能是油田那边的。"),
		turnJSONOf(calls, first, 29, "东营市总工会", "respondent", "嗯嗯，可能是油田那边的。"),
		turnJSONOf(calls, first, 30, "CLB", "respondent", "所以你们市总工会跟胜利油田那边没有交接吗？"),
	} {
		if !reflect.DeepEqual(turns[26+i], want) {
			t.Errorf("turns[%d] = %v\nwant %v", 26+i, turns[26+i], want)
		}
	}
	if last := turns[212]; last["turn"] != 213.0 || last["text"] != "好的，再见。" {
		t.Errorf("the last turn %v", last)
	}
	r = mustRun(t, "segment", "-p", p, "--doc", calls, "--join", "28")
	if r.stderr != "join turns 28 and 29 of "+calls+"\n" {
		t.Errorf("said %q", r.stderr)
	}
	if after := mustRun(t, "turns", "-p", p, "--doc", calls, "--json").stdout; after != before {
		t.Error("split and joined again, turns --json differs from the import's")
	}
}

func TestSegmentSpeakerAndNote(t *testing.T) {
	p := seededProject(t)
	r := mustRun(t, "segment", "-p", p, "--doc", calls, "--speaker", "1= 采访者 ")
	if want := "give turn 1 of " + calls + ` the speaker "采访者" (was "CLB"); "采访者" is a new speaker (interviewer)` + "\n"; r.stderr != want {
		t.Errorf("said %q\nwant %q", r.stderr, want)
	}
	turns := turnsJSON(t, p)
	if want := turnJSONOf(calls, "第一通电话：东营市总工会办公室", 1, "采访者", "interviewer", "喂？"); !reflect.DeepEqual(turns[0], want) {
		t.Errorf("turn 1 %v", turns[0])
	}
	if out := mustRun(t, "speakers", "-p", p).stdout; !regexpLine(out, `^采访者 +interviewer +1 *$`) {
		t.Errorf("speakers:\n%s", out)
	}
	// A label with "=" in it: the turn number ends at the first one.
	mustRun(t, "segment", "-p", p, "--doc", calls, "--speaker", "3=A=B")
	if got := turnsJSON(t, p)[2]["speaker"]; got != "A=B" {
		t.Errorf("turn 3 speaker %v", got)
	}

	notes := info(t, p)["notes"]
	r = mustRun(t, "segment", "-p", p, "--doc", calls, "--note", "2")
	if r.stderr != "make turn 2 of "+calls+" a note\n" {
		t.Errorf("said %q", r.stderr)
	}
	if got := info(t, p); got["notes"] != notes+1 {
		t.Errorf("info %v", got)
	}
	turns = turnsJSON(t, p)
	if len(turns) != 211 || turns[1]["speaker"] != "A=B" || turns[1]["turn"] != 2.0 {
		t.Errorf("%d turns, turn 2 %v", len(turns), turns[1])
	}
}

func TestSegmentRefusals(t *testing.T) {
	p := codedProject(t)
	before := mustRun(t, "turns", "-p", p, "--json").stdout
	r := run(t, "segment", "-p", p, "--doc", calls, "--join", "5")
	want := "turncoder: turn 5 of " + calls + " cannot be joined with the next turn: 6 codings and 6 reviewed marks by ana and bo are on this document; " +
		"segmentation can be corrected only before anyone codes it, as codings belong to the turns a correction remakes\n"
	if r.code != 1 || r.stderr != want || r.stdout != "" {
		t.Errorf("coded document: exit %d %q\nwant %q", r.code, r.stderr, want)
	}
	// Another document nobody coded: corrected.
	mustRun(t, "segment", "-p", p, "--doc", "001_eb810e1110304a78", "--join", "1")

	// After copies, no document is corrected, in the master or in a copy.
	dir := t.TempDir()
	mustRun(t, "copy", "-p", p, "--coder", "ana", "-o", dir)
	r = run(t, "segment", "-p", p, "--doc", "001_eb810e1110304a78", "--join", "1")
	if r.code != 1 || !strings.Contains(r.stderr, "turn 1 of 001_eb810e1110304a78 cannot be joined with the next turn: coder copies of this project were made on ") ||
		!strings.HasSuffix(r.stderr, "segmentation can be corrected only before copies are made\n") {
		t.Errorf("after copy: exit %d %q", r.code, r.stderr)
	}
	copyPath := filepath.Join(dir, "study-ana.turncoder")
	r = run(t, "segment", "-p", copyPath, "--doc", "001_eb810e1110304a78", "--speaker", "1=ana")
	if want := `turncoder: turn 1 of 001_eb810e1110304a78 cannot be given the speaker "ana": this file is ana's coder copy, whose turns must stay the master's for the merge; ` +
		"its segmentation can be corrected only in the master project, before coder copies are made\n"; r.code != 1 || r.stderr != want {
		t.Errorf("in a copy: exit %d %q\nwant %q", r.code, r.stderr, want)
	}
	after := mustRun(t, "turns", "-p", p, "--json").stdout
	if strings.Count(after, `"turn"`) != strings.Count(before, `"turn"`)-1 {
		t.Error("a refused edit changed the turns")
	}
	if !strings.Contains(after, `"document": "`+calls+`"`) || strings.Count(after, `"document": "`+calls+`"`) != 212 {
		t.Error("the coded document's turns changed")
	}
}

func TestSegmentUsage(t *testing.T) {
	p := seededProject(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--doc", calls}, 2, "segment needs one correction: --join N, --split N --at OFFSET, --speaker N=LABEL or --note N"},
		{[]string{"--doc", calls, "--join", "3", "--note", "4"}, 2, "segment makes one correction at a time; --join and --note were given"},
		{[]string{"--join", "3"}, 2, "segment needs the document: --doc DOC"},
		{[]string{"--doc", calls, "--split", "3"}, 2, "--split N needs --at OFFSET"},
		{[]string{"--doc", calls, "--note", "3", "--at", "2"}, 2, "--at goes with --split N"},
		{[]string{"--doc", calls, "--speaker", "CLB"}, 2, `--speaker takes N=LABEL (a turn number, then the speaker's label), not "CLB"`},
		{[]string{"--doc", calls, "--speaker", "CLB=3"}, 2, `--speaker takes N=LABEL`},
		{[]string{"--doc", calls, "--join", "three"}, 2, `invalid value "three" for flag -join`},
		{[]string{"--doc", calls, "--join", "3", "extra.txt"}, 2, `segment takes no file names; got "extra.txt"`},
		{[]string{"--doc", calls, "--speaker", "3="}, 1, "turn 3 of " + calls + " cannot be given an empty speaker label"},
		{[]string{"--doc", calls, "--join", "0"}, 1, "turn 0 of " + calls + " cannot be joined with the next turn: there is no turn 0 (the document has 212 turns)"},
		{[]string{"--doc", calls, "--split", "1", "--at", "2"}, 1, "turn 1 of " + calls + " cannot be split at character 2: the turn has 2 characters, so it can be split at character 1 to 1"},
		{[]string{"--doc", "no such call", "--note", "1"}, 1, `no document "no such call" in the project`},
	} {
		r := run(t, append([]string{"segment", "-p", p}, c.args...)...)
		if r.code != c.code || !strings.HasPrefix(r.stderr, "turncoder: ") || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("segment %v: exit %d %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
	if r := run(t, "segment", "--doc", calls, "--join", "1"); r.code != 2 || !strings.Contains(r.stderr, "segment needs a project file: -p FILE") {
		t.Errorf("no project: exit %d %q", r.code, r.stderr)
	}
	if got := info(t, p)["turns"]; got != info(t, seededProject(t))["turns"] {
		t.Errorf("refusals changed the turns: %d", got)
	}
}
