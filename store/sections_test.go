package store_test

import (
	"context"
	"reflect"
	"testing"
)

// SectionsByDocument gives, in one query, what Sections gives document by document.
func TestSectionsByDocument(t *testing.T) {
	p, _ := demo(t)
	ctx := context.Background()
	all, err := p.SectionsByDocument(ctx)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		want, err := p.Sections(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(all[d.ID], want) {
			t.Fatalf("%s: %v, want %v", d.Title, all[d.ID], want)
		}
		n += len(want)
	}
	if n < 8 || len(all) == 0 {
		t.Fatalf("the demo has %d sections in %d documents", n, len(all))
	}
}

// SpeakerLabels gives the labels Speakers gives, in the same order, without their counts.
func TestSpeakerLabels(t *testing.T) {
	p, _ := demo(t)
	ctx := context.Background()
	labels, err := p.SpeakerLabels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	speakers, err := p.Speakers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range speakers {
		want = append(want, s.Label)
	}
	if len(want) < 3 || !reflect.DeepEqual(labels, want) {
		t.Fatalf("labels %v, want %v", labels, want)
	}
}
