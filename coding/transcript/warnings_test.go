package transcript

import (
	"errors"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// plainWarnings are ws without their sentences of say, for comparing with warnings written as
// Line and Message; it fails the test on a warning whose sentence is missing or does not say
// its Message word for word (the command line prints Message, the window the sentence).
func plainWarnings(t *testing.T, ws []coding.Warning) []coding.Warning {
	t.Helper()
	out := make([]coding.Warning, len(ws))
	for i, w := range ws {
		var s *say.Error
		switch {
		case w.Why == nil:
			t.Errorf("warning %q has no sentence of say: the window would show it in English", w.Message)
		case !errors.As(w.Why, &s):
			t.Errorf("warning %q: its sentence %T is not one of say", w.Message, w.Why)
		case w.Why.Error() != w.Message:
			t.Errorf("warning %q: its sentence says %q", w.Message, w.Why.Error())
		}
		out[i] = coding.Warning{Line: w.Line, Message: w.Message}
	}
	return out
}

// TestFoundColumnsSay: the columns a table's header names are listed as in English before,
// blank cells and the cells past ten named by sentences of say, which a language translates.
func TestFoundColumnsSay(t *testing.T) {
	cells := []string{"a", " ", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}
	got := foundColumns(cells)
	if want := "a, (blank), c, d, e, f, g, h, i, j, and 2 more"; got.Error() != want {
		t.Errorf("found %q, want %q", got, want)
	}
	zh := map[string]string{"%v, %v": "%v、%v", "(blank)": "（空）", "and %d more": "等另外%d列"}
	in := say.In(got, func(f string) string {
		if s, ok := zh[f]; ok {
			return s
		}
		return f
	})
	if want := "a、（空）、c、d、e、f、g、h、i、j、等另外2列"; in != want {
		t.Errorf("translated %q, want %q", in, want)
	}
	if got := foundColumns(nil); got.Error() != "nothing" {
		t.Errorf("no cells: %q", got)
	}
}
