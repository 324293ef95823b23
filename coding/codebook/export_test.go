package codebook

import "github.com/turncoder/turncoder/coding"

// SetSeedCodebook gives the tests inside the package seeds.Codebook() (seeds_test.go does,
// from the external test package, which may import seeds).
func SetSeedCodebook(f func() []coding.Code) { seedCodebook = f }
