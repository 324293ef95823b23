package main

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// The same shape and seed give the same project: the same documents, turns and codings, with
// exactly the codings asked for, shared among the coders, and two codes on some turns.
func TestGenerateProjectIsDeterministic(t *testing.T) {
	sh := projectShape{Docs: 3, Turns: 1000, PerCall: 100, Coders: 3, Codings: 1501, Seed: 7}
	read := func(name string) ([]store.DocumentInfo, []coding.CodingRow, map[string]int, int) {
		path := filepath.Join(t.TempDir(), name+store.Extension)
		if err := generateProject(path, sh); err != nil {
			t.Fatal(err)
		}
		p, err := store.OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		ctx := context.Background()
		docs, err := p.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := p.ExportCodings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		perCoder, double := map[string]int{}, 0
		seen := map[string]int{}
		for _, r := range rows {
			if r.Code != "" {
				perCoder[r.Coder]++
				k := fmt.Sprintf("%s/%s/%d", r.Document, r.Coder, r.Turn)
				if seen[k]++; seen[k] == 2 {
					double++
				}
			}
		}
		return docs, rows, perCoder, double
	}
	docs1, rows1, per1, double1 := read("a")
	docs2, rows2, per2, double2 := read("b")
	n1 := per1["coder1"] + per1["coder2"] + per1["coder3"]
	if len(docs1) != 3 || docs1[0].Turns+docs1[1].Turns+docs1[2].Turns != 1000 {
		t.Fatalf("documents: %+v", docs1)
	}
	if n1 != 1501 || per1["coder1"] != 501 || per1["coder2"] != 500 || per1["coder3"] != 500 {
		t.Fatalf("%d codings, per coder %v; want 1501: 501, 500, 500", n1, per1)
	}
	if double1 == 0 {
		t.Fatal("no turn has two codes")
	}
	if !reflect.DeepEqual(docs1, docs2) || !reflect.DeepEqual(rows1, rows2) || !reflect.DeepEqual(per1, per2) || double1 != double2 {
		t.Fatalf("two generations differ: %v %v %d, then %v %v %d", docs1, per1, double1, docs2, per2, double2)
	}
}
