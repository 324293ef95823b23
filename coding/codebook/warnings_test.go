package codebook

import (
	"errors"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding/say"
)

// TestACodebooksWarningsAreSentencesOfSay: a REFI-QDA codebook's warnings (a code nested too
// deep, one marked not codable, its sets, an unreadable colour) keep their English, and each
// has its sentence of say beside it, saying it word for word, for the window to translate.
func TestACodebooksWarningsAreSentencesOfSay(t *testing.T) {
	qdc := strings.Replace(otherToolQDC, `name="Place" isCodable="true" color="#00ff00"`, `name="Place" isCodable="true" color="red"`, 1)
	b, err := ReadQDCBook(strings.NewReader(qdc))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) < 4 || len(b.WarningsWhy) != len(b.Warnings) {
		t.Fatalf("%d warnings, %d sentences: %q", len(b.Warnings), len(b.WarningsWhy), b.Warnings)
	}
	var colour bool
	for i, w := range b.Warnings {
		var s *say.Error
		if !errors.As(b.WarningsWhy[i], &s) || b.WarningsWhy[i].Error() != w {
			t.Errorf("warning %q: its sentence is %#v", w, b.WarningsWhy[i])
		}
		colour = colour || w == `code "Place": dropped unreadable colour "red"`
	}
	if !colour {
		t.Errorf("no warning of the colour: %q", b.Warnings)
	}
}
