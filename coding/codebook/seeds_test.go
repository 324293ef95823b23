package codebook_test

import (
	"github.com/turncoder/turncoder/coding/codebook"
	"github.com/turncoder/turncoder/seeds"
)

// The tests inside the package cannot import seeds (it imports store, which imports this
// package); the default codebook reaches them from here, before any test runs.
func init() { codebook.SetSeedCodebook(seeds.Codebook) }
