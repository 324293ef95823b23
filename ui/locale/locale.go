// Package locale keeps a "C" or "POSIX" locale from reaching Fyne's lang package, which cannot
// parse "C" as a language tag and logs an error at start-up, even for command-line use. A bare
// "C" or "POSIX" is cleared (an unset locale means the same to the C library). A "C.UTF-8" is
// kept, for the C library and the X input methods need its UTF-8 (fcitx and ibus commit Chinese
// through it): LANGUAGE, which the C library ignores and Fyne's lang reads first, is set to
// English instead, unless it says something already. Import it (for its side effect) before
// any Fyne package.
package locale

import (
	"os"
	"strings"
)

func init() { fixLocale() }

// fixLocale is what init does, callable by the tests.
func fixLocale() {
	cUTF8 := false
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		v := os.Getenv(k)
		switch {
		case v == "C" || v == "POSIX" || k == "LANGUAGE" && strings.HasPrefix(v, "C."):
			os.Unsetenv(k)
		case strings.HasPrefix(v, "C."):
			cUTF8 = true
		}
	}
	if cUTF8 && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "en")
	}
}
