package analysis

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteMatrixCSV(t *testing.T) {
	m, _ := allCoders(t).Matrix(BySection)
	var buf bytes.Buffer
	if err := WriteMatrixCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := []string{
		"code,section,document,count,row_percent,column_percent",
		"referral,S1,Calls,3,75,50",
		"referral,S2,Calls,0,0,0",
		"referral,,Policy,1,25,50",
		"deflection,S1,Calls,1,33.33333333333333,16.666666666666664",
	}
	if len(lines) != 1+3*3 {
		t.Fatalf("%d lines:\n%s", len(lines), buf.String())
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d: %q, want %q", i, lines[i], w)
		}
	}
	// A column with no codings has no column share: an empty field.
	in := Input{Who: Who{Kind: AllCoders}, Turns: fixtureTurns(), Codes: fixtureCodes()[:1], Coders: []string{"ana"}}
	d, _ := New(in)
	m, _ = d.Matrix(BySpeaker)
	buf.Reset()
	WriteMatrixCSV(&buf, m)
	if got := strings.Split(buf.String(), "\n")[1]; got != "referral,工会A,0,," {
		t.Errorf("undefined shares: %q", got)
	}
}

func TestWriteCooccurrenceCSV(t *testing.T) {
	c, _ := allCoders(t).Cooccurrence(0)
	var buf bytes.Buffer
	if err := WriteCooccurrenceCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 10 || lines[0] != "code_a,code_b,turns" || lines[1] != "referral,referral,3" || lines[2] != "referral,deflection,1" || lines[4] != "deflection,referral,1" {
		t.Errorf("co-occurrence CSV:\n%s", buf.String())
	}
}

func TestWriteRetrievalCSV(t *testing.T) {
	in := Input{Who: Who{Kind: AllCoders}, Turns: fixtureTurns(), Codes: fixtureCodes(), Coders: []string{"ana", "bo"},
		Codings: []Coding{{1, 0, referral}, {1, 0, deflection}, {1, 1, referral}},
		Memos:   []Memo{{1, 1, "=HYPERLINK(\"x\")"}}}
	in.Turns[1].Text = "-1 is what they said, 没有"
	d, err := New(in)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := d.Retrieve(Query{Code: "referral", Context: 1})
	var buf bytes.Buffer
	if err := WriteRetrievalCSV(&buf, d, r); err != nil {
		t.Fatal(err)
	}
	want := "document,section,turn,speaker,role,coders,codes,text,memos,context_before,context_after\n" +
		`Calls,S1,2,工会A,respondent,"ana, bo","ana: referral, deflection; bo: referral","'-1 is what they said, 没有","bo: =HYPERLINK(""x"")",1 CLB: 喂？你好,3 CLB: 那工会呢？` + "\n"
	if buf.String() != want {
		t.Errorf("retrieval CSV:\n%s\nwant\n%s", buf.String(), want)
	}
}
