package ui

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

var screenshots = flag.Bool("screenshots", false, "write the pictures in docs/: screenshot.png (light), screenshot-dark.png, agreement.png, codebook.png, speakers.png")

// variantTheme is the default theme held to one variant, so the screenshot does not depend
// on the machine's dark-mode setting.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// TestScreenshot renders the main window on the demo project, with a coder part-way through
// the first call, in the light and the dark theme. With -screenshots it writes the pictures
// the README shows.
func TestScreenshot(t *testing.T) {
	lum := map[fyne.ThemeVariant]float64{}
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"", theme.VariantLight}, {"-dark", theme.VariantDark}} {
		h := newHarness(t)
		h.m.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), v.variant})
		h.ws.AddCoder("ana")
		for _, step := range []struct {
			turn  int
			codes string
		}{{2, "0"}, {4, "0"}, {8, "3"}, {10, "3"}, {12, "3"}, {14, "0"}, {16, "3"}, {18, "13"}, {20, "0"}} {
			h.ws.SelectTurn(step.turn)
			h.typ(step.codes)
		}
		h.ws.list.ScrollToTop()
		h.ws.SelectTurn(8)
		img := h.c.Capture()
		b := img.Bounds()
		if b.Dx() < 1200 || b.Dy() < 780 {
			t.Fatalf("screenshot%s: captured %v", v.name, b)
		}
		lum[v.variant] = meanLuminance(img)
		savePicture(t, img, "screenshot"+v.name+".png")
	}
	if lum[theme.VariantLight] < lum[theme.VariantDark]+0.3 {
		t.Errorf("light screenshot (%.2f) is not clearly lighter than dark (%.2f)", lum[theme.VariantLight], lum[theme.VariantDark])
	}
}

func meanLuminance(img image.Image) float64 {
	b := img.Bounds()
	var sum float64
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum += (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(bl)) / 65535
			n++
		}
	}
	return sum / float64(n)
}

// savePicture writes img as name: into docs/ with -screenshots, else into a temporary folder
// (so the encoding is still exercised).
func savePicture(t *testing.T, img image.Image, name string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	if *screenshots {
		out = filepath.Join("..", "docs", name)
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
