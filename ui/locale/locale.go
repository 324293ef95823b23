// Package locale clears a "C" or "POSIX" locale from the environment before Fyne's lang
// package reads it: Fyne cannot parse "C" as a language tag and logs an error at start-up,
// even for command-line use. An unset locale means the same to the C library, and Fyne then
// falls back to English. Import it (for its side effect) before any Fyne package.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		v := os.Getenv(k)
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			os.Unsetenv(k)
		}
	}
}
