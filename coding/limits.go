package coding

// Limits of a project, documented in the README (Limits). Past them turncoder refuses, in one
// sentence, what would cross them (a code added, a codebook imported, a coder added, a file
// merged), so that no file, however made, can make the agreement tables, the workbook or the
// window grow beyond what a laptop holds.
const (
	// MaxCodes is the most codes a codebook holds (removed codes not counted). The largest
	// codebooks of published turn-level studies have a few hundred.
	MaxCodes = 1000
	// MaxCoders is the most coders a project holds (the consensus layer not counted).
	MaxCoders = 100
	// MaxCodesPerTurn is the most codes one coder gives one turn (or unit of agree --csv).
	MaxCodesPerTurn = 50
	// MaxLabel is the longest name of a code or a coder, in characters.
	MaxLabel = 200
)
