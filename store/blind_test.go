package store

import (
	"context"
	"testing"
)

// A master whose coders coded in it says false; once a coder's copy is merged into it, true;
// the copy itself, whose audit log holds only its making, false.
func TestCodedInCopies(t *testing.T) {
	ctx := context.Background()
	p, turns := master(t)
	if err := p.AddCoder(ctx, "bo"); err != nil {
		t.Fatal(err)
	}
	set(t, p, "bo", turns[0], true, "c-ref")
	if blind, err := p.CodedInCopies(ctx); err != nil || blind {
		t.Fatalf("coders in the master: %v, %v", blind, err)
	}
	c := openCopy(t, p, "ana")
	set(t, c, "ana", turns[0], true, "c-def")
	if blind, err := c.CodedInCopies(ctx); err != nil || blind {
		t.Errorf("the copy: %v, %v", blind, err)
	}
	mustMerge(t, p, closed(c))
	if blind, err := p.CodedInCopies(ctx); err != nil || !blind {
		t.Errorf("after the merge: %v, %v", blind, err)
	}
}
