package coding

import "testing"

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"caf\xe9 at line 2":     "caf\uFFFD at line 2",
		"two\nlines\r":          "two\uFFFDlines\uFFFD",
		"东营市总工会 <w:t>":          "东营市总工会 <w:t>",
		"nul\x00 and \u0085 c1": "nul\uFFFD and \uFFFD c1",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
