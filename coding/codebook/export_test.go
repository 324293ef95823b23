package codebook

// SeedCodebookCopy lets the external tests compare the copy of the default codebook that the
// tests inside the package use with seeds.Codebook().
var SeedCodebookCopy = seedCodebook
