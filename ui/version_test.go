package ui

import (
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding/version"
)

// TestAboutNamesTheBuild: About says the version, the commit and the date, in each language.
func TestAboutNamesTheBuild(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	version.Stamp("", "b9c82943054e1176b97ab26117fb7adf6f19d6b8", "2026-12-07T04:29:51Z")
	t.Cleanup(func() { version.Stamp("", "", "") })
	h := newHarness(t)
	for tag, want := range map[string][]string{
		"en":      {"Version: " + version.Version, "Commit: b9c82943054e\n", "Date: 2026-12-07T04:29:51Z", "Project file: "},
		"zh-Hans": {"版本：" + version.Version, "提交：b9c82943054e\n", "日期：2026-12-07T04:29:51Z", "项目文件："},
		"zh-Hant": {"版本：" + version.Version, "提交：b9c82943054e\n", "日期：2026-12-07T04:29:51Z", "專案檔："},
	} {
		SetLanguage(tag)
		h.m.about()
		wantTexts(t, tag, overlayTexts(h.c), want...)
		text := h.m.aboutText()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: About says %q, without %q", tag, text, w)
			}
		}
		h.closeDialogs()
	}
}
