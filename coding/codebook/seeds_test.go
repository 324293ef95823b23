package codebook_test

import (
	"reflect"
	"testing"

	"github.com/turncoder/turncoder/coding/codebook"
	"github.com/turncoder/turncoder/seeds"
)

// The tests inside the package use a copy of the default codebook (they cannot import seeds,
// which imports store, which imports this package); the copy is the default codebook.
func TestSeedCodebookIsTheDefault(t *testing.T) {
	if got, want := codebook.SeedCodebookCopy(), seeds.Codebook(); !reflect.DeepEqual(got, want) {
		t.Errorf("the tests' copy of the default codebook\n%+v\nis not seeds.Codebook()\n%+v", got, want)
	}
}
