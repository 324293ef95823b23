package ui

import (
	_ "embed"
	"os/exec"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

var iconResource = fyne.NewStaticResource("turncoder.png", iconPNG)

// cjkFontProblem returns advice when no installed font can draw Chinese, "" otherwise. Fyne
// draws CJK text with a system font when its own lacks the glyphs; without one, Chinese shows
// as boxes. macOS and Windows always have one.
func cjkFontProblem() string {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return ""
	}
	out, err := exec.Command("fc-list", ":lang=zh", "family").Output()
	if err == nil && strings.TrimSpace(string(out)) != "" {
		return ""
	}
	return T("No font for Chinese was found, so Chinese text may show as boxes. Install one, for example with\n\n    sudo apt-get install fonts-noto-cjk\n\nand start turncoder again (make run does this for you).")

}
