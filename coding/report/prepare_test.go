package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/xuri/excelize/v2"
)

// randomData is a project's reliability data: unique unit ids and code names, 2–4 coders who
// skip some units, give one or two codes or none, and sometimes the same code twice.
func randomData(r *rand.Rand) coding.Reliability {
	d := coding.Reliability{Coders: []string{"ana", "bo", "cy", "dee"}[:2+r.IntN(3)]}
	for k := range 2 + r.IntN(4) {
		d.Codes = append(d.Codes, coding.Code{ID: fmt.Sprint("c", k), Name: fmt.Sprint("code", k), Position: k})
	}
	for u := range 1 + r.IntN(60) {
		id := fmt.Sprint("t", u)
		d.Units = append(d.Units, coding.Unit{TurnID: id, DocumentID: "d", Document: "访谈", Number: u + 1, Speaker: "李明", Role: coding.RoleRespondent, Text: "第" + id + "句"})
		for _, c := range d.Coders {
			if r.IntN(5) == 0 {
				continue
			}
			at := time.Unix(int64(1_700_000_000+r.IntN(1000)), 0)
			d.Judgements = append(d.Judgements, coding.Judgement{Unit: id, Coder: c, Time: at})
			for range r.IntN(3) {
				d.Judgements = append(d.Judgements, coding.Judgement{Unit: id, Coder: c, Code: d.Codes[r.IntN(len(d.Codes))].Name, Time: at.Add(time.Second)})
			}
		}
	}
	return d
}

// Prepare gives the agreement figures of agreement.FromReliability and the same workbook,
// and drops the judgements.
func TestPrepareIsTheSameExport(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	inputs := []Input{fixture(t), multiFixture(t)}
	for range 30 {
		d := randomData(r)
		inputs = append(inputs, Input{Project: "r", Codebook: d.Codes, Data: d})
	}
	opt := agreement.Options{Bootstrap: true, Resamples: 50, Seed: 3}
	for i, in := range inputs {
		in.Agreement = agreement.Compute(agreement.FromReliability(in.Data), opt)
		want, _ := json.Marshal(in.Agreement)
		prepared := in
		if err := Prepare(&prepared, opt); err != nil {
			t.Fatal(err)
		}
		if prepared.Data.Judgements != nil {
			t.Fatalf("input %d: Prepare kept the judgements", i)
		}
		if got, _ := json.Marshal(prepared.Agreement); !bytes.Equal(got, want) {
			t.Fatalf("input %d: agreement differs:\n%s\nwant\n%s", i, got, want)
		}
		if i > 3 { // the workbooks: a few are enough
			continue
		}
		a, b := workbookRows(t, in), workbookRows(t, prepared)
		for sheet, rs := range a {
			if b[sheet] != rs {
				t.Errorf("input %d, sheet %s differs when prepared:\n%s\nwant\n%s", i, sheet, b[sheet], rs)
			}
		}
	}
}

func workbookRows(t *testing.T, in Input) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(context.Background(), &buf, in, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, s := range f.GetSheetList() {
		out[s] = joinLines(rows(t, f, s))
	}
	return out
}

// A Builder fed the judgements one at a time makes the same export as Prepare.
func TestBuilderIsTheSameExport(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 1))
	inputs := []Input{fixture(t), multiFixture(t)}
	for range 20 {
		d := randomData(r)
		inputs = append(inputs, Input{Project: "r", Codebook: d.Codes, Data: d})
	}
	opt := agreement.Options{Bootstrap: true, Resamples: 50, Seed: 3}
	for i, in := range inputs {
		prepared := in
		if err := Prepare(&prepared, opt); err != nil {
			t.Fatal(err)
		}
		b, err := NewBuilder(in.Data.Units, in.Data.Coders, in.Data.Codes, 0)
		if err != nil {
			t.Fatal(err)
		}
		unit, coder := map[string]int{}, map[string]int{}
		for i, u := range in.Data.Units {
			unit[u.TurnID] = i
		}
		for i, c := range in.Data.Coders {
			coder[c] = i
		}
		for _, j := range in.Data.Judgements {
			u, ok := unit[j.Unit]
			c, ok2 := coder[j.Coder]
			if !ok || !ok2 {
				u, c = -1, -1 // outside the data: Add ignores it
			}
			b.Add(u, c, j.Code, j.Time)
		}
		built := in
		built.Data.Judgements = nil
		b.Prepare(&built, opt)
		want, _ := json.Marshal(prepared.Agreement)
		if got, _ := json.Marshal(built.Agreement); !bytes.Equal(got, want) {
			t.Fatalf("input %d: agreement differs:\n%s\nwant\n%s", i, got, want)
		}
		if i > 3 {
			continue
		}
		a, w := workbookRows(t, built), workbookRows(t, prepared)
		for sheet, rs := range w {
			if a[sheet] != rs {
				t.Errorf("input %d, sheet %s differs when built:\n%s\nwant\n%s", i, sheet, a[sheet], rs)
			}
		}
	}
}
