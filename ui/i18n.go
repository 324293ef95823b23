package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The interface's language. Every string the window shows goes through T (or TN, or plural):
// its key is the English text, a format for fmt where it has values ("%d of %d reviewed"), and
// translations/<language>.json give it in English, Simplified Chinese and Traditional Chinese.
// The same catalogues are given to Fyne's lang package, so that with the system's language
// (the default) Fyne's own strings (a dialog's OK and Cancel) and ours agree; a language
// chosen in Preferences is ours to apply (Fyne's lang follows only the system), by a
// localizer of go-i18n, the library Fyne's lang is built on.

//go:embed translations
var catalogues embed.FS

// Languages are the interface's languages, by tag, in the order Preferences offers them, with
// the name each has in itself.
var Languages = []struct{ Tag, Name string }{
	{"en", "English"},
	{"zh-Hans", "简体中文"},
	{"zh-Hant", "繁體中文"},
}

var (
	i18nOnce  sync.Once
	bundle    *i18n.Bundle
	localizer *i18n.Localizer // the language chosen; nil follows the system through Fyne's lang
	chosen    string          // its tag, "" for the system's
)

// loadCatalogues reads the catalogues into Fyne's lang and into our own bundle, once.
func loadCatalogues() {
	i18nOnce.Do(func() {
		if err := lang.AddTranslationsFS(catalogues, "translations"); err != nil {
			fyne.LogError("the interface's translations", err)
		}
		bundle = i18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
		for _, l := range Languages {
			data, err := catalogues.ReadFile("translations/" + l.Tag + ".json")
			if err == nil {
				_, err = bundle.ParseMessageFileBytes(data, l.Tag+".json")
			}
			if err != nil {
				fyne.LogError("the interface's translations", err)
			}
		}
	})
}

// SetLanguage makes the interface speak tag (one of Languages), or follow the system's
// language when tag is "". An unknown tag follows the system.
func SetLanguage(tag string) {
	loadCatalogues()
	chosen, localizer = "", nil
	for _, l := range Languages {
		if l.Tag == tag {
			chosen, localizer = tag, i18n.NewLocalizer(bundle, tag)
		}
	}
}

// Language is the tag of the language the interface speaks: the one chosen, else the closest
// of Languages to the system's.
func Language() string {
	if chosen != "" {
		return chosen
	}
	loadCatalogues()
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.Make(l.Tag)
	}
	sys, _ := language.Parse(string(lang.SystemLocale()))
	_, i, _ := language.NewMatcher(tags).Match(sys)
	return Languages[i].Tag
}

// T is key in the interface's language; with values, key is a format for fmt and they fill it
// ("%d of %d reviewed"). A key no catalogue has is shown as it is (English).
func T(key string, values ...any) string {
	text := translate(key)
	if len(values) == 0 {
		return text
	}
	return fmt.Sprintf(text, values...)
}

func translate(key string) string {
	loadCatalogues()
	if localizer == nil {
		return lang.X(key, key)
	}
	s, err := localizer.Localize(&i18n.LocalizeConfig{DefaultMessage: &i18n.Message{ID: key, Other: key}})
	if err != nil {
		return key
	}
	return s
}

// plural is "1 turn" or "12 turns" in the interface's language: the catalogues hold "1 turn" and
// "%d turns" for each noun it is used with.
func plural(n int, noun string) string {
	if n == 1 {
		return T("1 " + noun)
	}
	return T("%d "+noun+"s", n)
}

// joinList joins items as the interface's language lists them: "a, b, c" in English, "a、b、c"
// in Chinese.
func joinList(items []string) string {
	if strings.HasPrefix(Language(), "zh") {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}
