package agreement

import (
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

func TestFromReliability(t *testing.T) {
	r := coding.Reliability{
		Units:  []coding.Unit{{TurnID: "t1"}, {TurnID: "t2"}, {TurnID: "t3"}},
		Coders: []string{"ana", "bo", "cy"},
		Codes:  []coding.Code{{Name: "referral"}, {Name: "deflection"}, {Name: "admission"}},
		Judgements: []coding.Judgement{
			{Unit: "t1", Coder: "ana", Code: "admission"}, {Unit: "t1", Coder: "ana", Code: "referral"},
			{Unit: "t1", Coder: "ana", Code: ""}, {Unit: "t1", Coder: "bo", Code: ""},
			{Unit: "t2", Coder: "bo", Code: "deflection"},
			{Unit: "tX", Coder: "ana", Code: "referral"}, // outside the units: ignored
		},
	}
	d := FromReliability(r)
	want := Data{
		Units:  []string{"t1", "t2", "t3"},
		Coders: []string{"ana", "bo", "cy"},
		Codes:  []string{"referral", "deflection", "admission"},
		Cells: [][]Cell{
			{{Reviewed: true, Codes: []int{0, 2}}, {Reviewed: true}, {}},
			{{}, {Reviewed: true, Codes: []int{1}}, {}},
			{{}, {}, {}},
		},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got  %+v\nwant %+v", d, want)
	}
}

func TestReadLongCSV(t *testing.T) {
	rows, err := ReadLongCSV(strings.NewReader("\ufeffcoder,unit,code,note\nana,u1,referral,x\nbo,u1,,\n\nana,u2,deflection,\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{"u1", "ana", "referral"}, {"u1", "bo", ""}, {"u2", "ana", "deflection"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %+v", rows)
	}
	for in, msg := range map[string]string{
		"":                           "empty",
		"unit,coder\nu,a\n":          `no "code" column`,
		"unit,coder,code\n,a,b\n":    "line 2: unit and coder must not be empty",
		"unit,coder,code\nu,\"a,b\n": "line 2",
	} {
		if _, err := ReadLongCSV(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", in, err, msg)
		}
	}
}
