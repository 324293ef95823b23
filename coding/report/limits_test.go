package report

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
)

// wide is 40 turns coded by coders coders with a codebook of codes codes.
func wide(coders, codes int) Input {
	var d coding.Reliability
	for j := range coders {
		d.Coders = append(d.Coders, fmt.Sprintf("coder %d", j))
	}
	for k := range codes {
		d.Codes = append(d.Codes, coding.Code{ID: fmt.Sprintf("c%d", k), Name: fmt.Sprintf("code %d", k), Position: k})
	}
	for u := range 40 {
		id := fmt.Sprintf("t%d", u)
		d.Units = append(d.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "call", Number: u + 1, Speaker: "区总工会", Text: "我们不知道"})
		for _, c := range d.Coders {
			d.Judgements = append(d.Judgements, coding.Judgement{Unit: id, Coder: c, Code: d.Codes[(u*7)%codes].Name})
		}
	}
	return Input{Project: "wide.turncoder", Scope: "whole project", Codebook: d.Codes, Data: d,
		Agreement: agreement.Compute(agreement.FromReliability(d), agreement.Options{})}
}

// A coding matrix wider than Excel allows (17 coders × 1,000 codes) no longer stops the export:
// its sheet says in one sentence why it is left out and where the codings are, and every other
// sheet is written (issue 14: a project within the limits could not be exported).
func TestMatrixOmittedPastExcel(t *testing.T) {
	in := wide(17, 1000)
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Coding matrix")
	want := "The coding matrix (a 0/1 column for each of 17 coders × 1000 codes) is left out: it would need 17006 columns, more than Excel's 16384. The Codings sheet holds the same codings, one row each; or export fewer coders or codes (--coders, --codes)."
	if len(rs) != 1 || len(rs[0]) != 1 || rs[0][0] != want {
		t.Errorf("Coding matrix sheet: %q", rs)
	}
	if got := len(rows(t, f, "Codings")); got != 1+17*40 {
		t.Errorf("Codings sheet has %d rows", got)
	}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(SheetNames, "|") {
		t.Errorf("sheets %q", got)
	}
	// The pairwise figures past 10 coders say why they are missing.
	if rs := rows(t, f, "Pairwise"); len(rs) != 2 || rs[1][0] != in.Agreement.PairwiseOmitted() {
		t.Errorf("Pairwise sheet: %q", rs)
	}

	// Under the limits the matrix is there.
	f, _ = build(t, wide(3, 10), Options{})
	if rs := rows(t, f, "Coding matrix"); len(rs) != 41 {
		t.Errorf("a small matrix has %d rows", len(rs))
	}
}

// matrix.csv has no column limit, but a matrix past MaxMatrixCells is refused in one sentence
// before any file is written.
func TestMatrixCSVPastTheBudget(t *testing.T) {
	in := wide(100, 1000) // 40 turns × 100 × 1,000 = 4,000,000 cells: within
	dir := t.TempDir()
	big := wide(100, 1000)
	for u := 40; u < 201; u++ { // 201 turns × 100,000 columns > 20,000,000
		id := fmt.Sprintf("t%d", u)
		big.Data.Units = append(big.Data.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "call", Number: u + 1, Speaker: "区总工会", Text: "x"})
	}
	err := WriteCSV(context.Background(), dir, big)
	if err == nil || !strings.HasPrefix(err.Error(), "matrix.csv would have 20100000 cells (201 turns × 100 coders × 1000 codes), more than the 20000000 turncoder writes") {
		t.Errorf("WriteCSV past the budget: %v", err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("files were written: %v", files)
	}
	if err := WriteCSV(context.Background(), dir, in); err != nil {
		t.Errorf("within the budget: %v", err)
	}
}

// A transcript with 17,000 speakers (times read as names do that) is exported: the Frequencies
// sheet shows the 499 speakers with the most codes and sums the rest into "16502 others", so
// the totals stay whole and the sheet stays inside Excel's columns.
func TestFrequenciesWithManySpeakers(t *testing.T) {
	in := wide(2, 4)
	for u := 40; u < 17040; u++ {
		id := fmt.Sprintf("t%d", u)
		in.Data.Units = append(in.Data.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "call", Number: u + 1, Speaker: fmt.Sprintf("sp %d", u), Text: "x"})
		in.Data.Judgements = append(in.Data.Judgements, coding.Judgement{Unit: id, Coder: "coder 0", Code: "code 1"})
	}
	in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), agreement.Options{})
	f, _ := build(t, in, Options{})
	rs := rows(t, f, "Frequencies")
	h := rs[1]
	others := slices.Index(h, "16502 others") // 区总工会 and 17,000 others: 499 shown
	if others < 0 || h[others+1] != "Total" || h[others-500] != "Code" {
		var tail []string
		for _, v := range h {
			if strings.Contains(v, "others") || v == "Code" || v == "Total" {
				tail = append(tail, v)
			}
		}
		t.Fatalf("no others column closing 499 speakers: %d columns, %q", len(h), tail)
	}
	var row []string
	for _, r := range rs {
		if len(r) > 0 && r[0] == "code 1" {
			row = r
		}
	}
	// code 1: 17,000 turns by coder 0, and 10 of wide's turns by both coders; the 499 shown
	// hold 区总工会's 20 and 498 of the others.
	if row == nil || row[others] != "16502" || row[others+1] != "17020" {
		t.Errorf("code 1: others %q, total %q", row[others], row[others+1])
	}
}
