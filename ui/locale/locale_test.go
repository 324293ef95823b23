package locale

import (
	"os"
	"testing"
)

// TestCUTF8StaysForTheCLibrary: LANG=C.UTF-8 is kept (the C library and the X input methods
// need its UTF-8) and Fyne is told English through LANGUAGE; a bare C is cleared; a LANGUAGE
// the user set is left alone.
func TestCUTF8StaysForTheCLibrary(t *testing.T) {
	for _, c := range []struct{ lang, language, wantLang, wantLanguage string }{
		{"C.UTF-8", "", "C.UTF-8", "en"},
		{"C", "", "", ""},
		{"C.UTF-8", "zh_CN", "C.UTF-8", "zh_CN"},
		{"zh_TW.UTF-8", "", "zh_TW.UTF-8", ""},
	} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		os.Unsetenv("LC_ALL")
		os.Unsetenv("LC_MESSAGES")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		if c.language == "" {
			os.Unsetenv("LANGUAGE")
		}
		fixLocale()
		if got := os.Getenv("LANG"); got != c.wantLang {
			t.Errorf("LANG=%s: LANG is %q, want %q", c.lang, got, c.wantLang)
		}
		if got := os.Getenv("LANGUAGE"); got != c.wantLanguage {
			t.Errorf("LANG=%s LANGUAGE=%s: LANGUAGE is %q, want %q", c.lang, c.language, got, c.wantLanguage)
		}
	}
}
