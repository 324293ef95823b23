package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Fingerprint identifies a version of a codebook: the first 12 hex digits of a SHA-256 over
// every code's id, name, Chinese label, definition, criteria, example, parent and shortcut in
// order. Exports and agreement results carry it, so a reader knows which version was used;
// colours and order alone do not change it.
func Fingerprint(codes []Code) string {
	h := sha256.New()
	for _, c := range codes {
		for _, f := range []string{c.ID, c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example, c.ParentID, c.Shortcut} {
			h.Write([]byte(strconv.Itoa(len(f))))
			h.Write([]byte{':'})
			h.Write([]byte(f))
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
