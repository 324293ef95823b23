package report

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// withConsensus is the fixture with a consensus layer: two disagreements settled (t2 to one
// coder's code, t4 to both codes), an agreed turn copied (t1) and a turn settled as no code
// with a note that looks like a formula (t5); t3 and t6 are left unsettled.
func withConsensus(t testing.TB) Input {
	in := fixture(t)
	in.Consensus = Consensus{
		"t1":  {Codes: []string{"referral"}, Time: at(50)},
		"t2":  {Codes: []string{"deflection"}, Note: "两位编码员一致；cy 误读了", Time: at(51)},
		"t4":  {Codes: []string{"deflection", "referral", "apology-not-in-scope"}, Time: at(52)},
		"t5":  {Note: "=not a formula", Time: at(53)},
		"t99": {Codes: []string{"referral"}}, // a unit outside the scope: not shown
	}
	return in
}

func TestConsensusSheet(t *testing.T) {
	f, _ := build(t, withConsensus(t), Options{})
	if list := f.GetSheetList(); !slices.Equal(list, SheetNames) {
		t.Fatalf("sheets %q, want %q", list, SheetNames)
	}
	got := joinLines(rows(t, f, "Consensus"))
	want := "Document|Section|Turn|Speaker|Role|Text|ana|bo|cy|Consensus|Note|Time (UTC)\n" +
		"访谈一|开场|2|李明|respondent|我觉得这个问题应该转给社工处理。|referral|referral|referral|referral||2024-03-15 10:20:00\n" +
		"访谈一|开场|4|李明|respondent|=SUM(A1)|deflection|deflection|admission|deflection|两位编码员一致；cy 误读了|2024-03-15 10:21:00\n" +
		"访谈一|正题|8|张华|respondent|@x 我不太想谈这个。|deflection|referral|deflection|referral + deflection||2024-03-15 10:22:00\n" +
		"访谈一|正题|10|访谈员|interviewer|+y 是我的错，对不起。|admission|admission||(no code)|=not a formula|2024-03-15 10:23:00\n"
	if got != want {
		t.Errorf("Consensus sheet:\n%s\nwant\n%s", got, want)
	}
	text(t, f, "Consensus", "K5") // the note is text, not a formula
	if n := number(t, f, "Consensus", "C3"); n != 4 {
		t.Errorf("turn number %v", n)
	}

	// Disagreements: the decision and its note beside the coders' codes; t3 and t6 unsettled.
	h := header(t, f, "Disagreements", 1)
	rs := rows(t, f, "Disagreements")
	byTurn := map[string][]string{}
	for _, r := range rs[1:] {
		r = append(r, make([]string, 12)...)
		byTurn[r[2]] = r
	}
	for turn, want := range map[string][2]string{"4": {"deflection", "两位编码员一致；cy 误读了"}, "8": {"referral + deflection", ""}, "6": {"", ""}, "1": {"", ""}} {
		r, ok := byTurn[turn]
		if !ok {
			t.Fatalf("Disagreements lacks turn %s: %q", turn, rs)
		}
		if got := [2]string{r[h["Consensus"]-1], r[h["Note"]-1]}; got != want {
			t.Errorf("Disagreements turn %s: consensus, note %q, want %q", turn, got, want)
		}
	}

	// Coding matrix: consensus columns, empty where the turn was not settled.
	h = header(t, f, "Coding matrix", 1)
	for _, c := range []string{"consensus: referral", "consensus: deflection", "consensus: admission", "consensus: apology"} {
		if h[c] == 0 {
			t.Fatalf("Coding matrix lacks %q: %v", c, h)
		}
	}
	ref0 := h["consensus: referral"]
	wantRef := []string{"1", "0", "", "1", "0", "", "", "", ""} // t1..t9
	for i, w := range wantRef {
		if got := raw(t, f, "Coding matrix", ref(ref0, i+2)); got != w {
			t.Errorf("Coding matrix t%d consensus: referral = %q, want %q", i+1, got, w)
		}
	}

	// Frequencies: the final coding by speaker counts the layer alone.
	fr := rows(t, f, "Frequencies")
	title := -1
	for i, c := range fr[0] {
		if strings.HasPrefix(c, "Final coding: the consensus layer by speaker (4 of 9 turns settled)") {
			title = i
		}
	}
	if title < 0 {
		t.Fatalf("Frequencies has no final-coding table: %q", fr[0])
	}
	if got := strings.Join(fr[1][title:title+6], "|"); got != "Code|李明|张华|访谈员|王芳|(no speaker)" {
		t.Errorf("final coding header %q", got)
	}
	if got := strings.Join(fr[2][title:title+7], "|"); got != "referral|1|1|0|0|0|2" {
		t.Errorf("final coding, referral: %q", got)
	}
	if got := strings.Join(fr[3][title:title+7], "|"); got != "deflection|1|1|0|0|0|2" {
		t.Errorf("final coding, deflection: %q", got)
	}

	// The layer is not a coder: the agreement sheets are those of the export without it.
	plain, _ := build(t, fixture(t), Options{})
	for _, sheet := range []string{"Agreement by code", "Overall", "Pairwise", "Confusion", "Codings"} {
		if a, b := joinLines(rows(t, f, sheet)), joinLines(rows(t, plain, sheet)); a != b {
			t.Errorf("%s changed with the consensus layer:\n%s\nwithout:\n%s", sheet, a, b)
		}
	}
	if got := joinLines(rows(t, plain, "Consensus")); !strings.HasPrefix(got, "Document|") || strings.Count(got, "\n") != 1 {
		t.Errorf("without a layer the Consensus sheet is its header alone: %q", got)
	}
	sum := joinLines(rows(t, f, "Summary"))
	if !strings.Contains(sum, "Consensus layer: turns settled|4\n") {
		t.Errorf("Summary lacks the settled count:\n%s", sum)
	}
}

func TestConsensusCSV(t *testing.T) {
	dir := t.TempDir()
	if err := WriteCSV(context.Background(), dir, withConsensus(t)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, ConsensusCSV))
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeffdocument,section,turn,speaker,role,text,code,note,time\n" +
		"访谈一,开场,2,李明,respondent,我觉得这个问题应该转给社工处理。,referral,,2024-03-15T10:20:00Z\n" +
		"访谈一,开场,4,李明,respondent,'=SUM(A1),deflection,两位编码员一致；cy 误读了,2024-03-15T10:21:00Z\n" +
		"访谈一,正题,8,张华,respondent,'@x 我不太想谈这个。,referral,,2024-03-15T10:22:00Z\n" +
		"访谈一,正题,8,张华,respondent,'@x 我不太想谈这个。,deflection,,2024-03-15T10:22:00Z\n" +
		"访谈一,正题,10,访谈员,interviewer,'+y 是我的错，对不起。,,'=not a formula,2024-03-15T10:23:00Z\n"
	if string(b) != want {
		t.Errorf("consensus.csv:\n%s\nwant\n%s", b, want)
	}
	m, _ := os.ReadFile(filepath.Join(dir, MatrixCSV))
	head, _, _ := strings.Cut(string(m), "\n")
	if !strings.HasSuffix(head, ",consensus: referral,consensus: deflection,consensus: admission,consensus: apology") {
		t.Errorf("matrix.csv header %q", head)
	}
	if !strings.Contains(string(m), "\n访谈一,开场,2,李明,respondent,我觉得这个问题应该转给社工处理。,1,0,0,0,1,0,0,0,1,0,0,0,1,0,0,0\n") {
		t.Errorf("matrix.csv lacks t1 with its consensus columns:\n%s", m)
	}
}
