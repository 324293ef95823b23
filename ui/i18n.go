package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/turncoder/turncoder/coding/say"
)

// The interface's language. Every string the window shows goes through T (or plural): its
// key is the English text, a format for fmt where it has values ("%d of %d reviewed"), and
// translations/<language>.json give it in English, Simplified Chinese and Traditional Chinese
// (translations/GLOSSARY.md holds the terms). The window speaks the language chosen in
// Preferences, or, by default, the one of the three closest to the system's.
//
// Fyne's own strings (a dialog's OK and Cancel, the file dialog) are translated by Fyne's lang
// package, by the system's language only; the catalogues give it their texts of Fyne's keys
// (fyneKeys). Two things make it agree with ours: Fyne ships no Traditional Chinese and,
// matching a system's locale, drops its script (a Taiwanese system got Simplified), so the
// Traditional texts are given to it for zh-TW, zh-HK and zh-MO as well; and on Linux and the
// BSDs, where Fyne reads the language from $LANGUAGE, a language chosen in Preferences is put
// there (macOS and Windows have Fyne ask the system instead: its buttons follow the system).

//go:embed translations/*.json
var catalogues embed.FS

// Languages are the interface's languages, by tag, in the order Preferences offers them, with
// the name each has in itself.
var Languages = []struct{ Tag, Name string }{
	{"en", "English"},   // not shown translated: a tag, and a name the same in every language
	{"zh-Hans", "简体中文"}, // not shown translated: a tag, and a name the same in every language
	{"zh-Hant", "繁體中文"}, // not shown translated: a tag, and a name the same in every language
}

// fyneKeys are the keys of Fyne's own strings that the catalogues give Fyne's lang (its file
// dialog, its dialogs' buttons, a text field's menu): Fyne has no Traditional Chinese, and its
// Simplified Chinese is not always the glossary's ("OK" 好, "Undo" 撤消). Our own keys it is
// not given: Fyne's lang, built on go-i18n, takes a key such as "other" or "Description" for
// a field of a message and refuses the whole file.
var fyneKeys = []string{
	"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error", // not shown: keys, which Fyne translates
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save", // not shown: keys, which Fyne translates
	"Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent", "(Parent)", // not shown: keys, which Fyne translates
}

// speaking is the language the interface speaks: its tag, whether it was chosen (not the
// system's), and its catalogue.
type speaking struct {
	tag    string
	chosen bool
	cat    map[string]string
}

var (
	i18nOnce sync.Once
	cats     = map[string]map[string]string{} // each language's catalogue, by tag
	catErr   error                            // why a catalogue could not be read (tests check it is nil)
	now      atomic.Pointer[speaking]         // read by T from any goroutine (long work's progress)
	system   string                           // the closest of Languages to the system's language
	// startLANGUAGE is $LANGUAGE as the app started, put back when the system's language is
	// followed again.
	startLANGUAGE struct {
		value string
		set   bool
	}
)

// traditionalLocales are the locales Fyne's lang is given the Traditional Chinese catalogue
// for, besides zh-Hant (see above).
var traditionalLocales = []fyne.Locale{"zh-TW", "zh-HK", "zh-MO"} // not shown: locales

// loadCatalogues reads the catalogues, gives Fyne's lang its keys of them, and finds the
// system's language, once.
func loadCatalogues() {
	i18nOnce.Do(func() {
		startLANGUAGE.value, startLANGUAGE.set = os.LookupEnv("LANGUAGE")
		for _, l := range Languages {
			cat := map[string]string{}
			data, err := catalogues.ReadFile("translations/" + l.Tag + ".json")
			if err == nil {
				err = json.Unmarshal(data, &cat)
			}
			if err != nil {
				catErr = fmt.Errorf("the %s catalogue: %w", l.Tag, err) // not shown: logged
				fyne.LogError("the interface's translations", catErr)
			}
			cats[l.Tag] = cat
			if l.Tag == "en" {
				continue // Fyne has English
			}
			fyneCat := map[string]string{}
			for _, k := range fyneKeys {
				if v := cat[k]; v != "" {
					fyneCat[k] = v
				}
			}
			data, _ = json.Marshal(fyneCat)
			locales := []fyne.Locale{fyne.Locale(l.Tag)}
			if l.Tag == "zh-Hant" {
				locales = append(locales, traditionalLocales...)
			}
			for _, loc := range locales {
				if err := lang.AddTranslationsForLocale(data, loc); err != nil {
					catErr = fmt.Errorf("the %s catalogue given to Fyne: %w", loc, err) // not shown: logged
					fyne.LogError("the interface's translations", catErr)
				}
			}
		}
		system = closestLanguage(string(lang.SystemLocale()))
		now.Store(&speaking{tag: system, cat: cats[system]})
	})
}

// closestLanguage is the tag of Languages closest to a locale ("zh-TW" gives zh-Hant,
// "fr-FR" English).
func closestLanguage(locale string) string {
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.Make(l.Tag)
	}
	sys, _ := language.Parse(locale)
	_, i, _ := language.NewMatcher(tags).Match(sys)
	return Languages[i].Tag
}

// SetLanguage makes the interface speak tag (one of Languages), or follow the system's
// language when tag is "". An unknown tag follows the system. Widgets already made keep their
// text: the window is built again after it (mainWindow.relabel).
func SetLanguage(tag string) {
	loadCatalogues()
	s := &speaking{tag: system}
	for _, l := range Languages {
		if l.Tag == tag {
			s.tag, s.chosen = tag, true
		}
	}
	s.cat = cats[s.tag]
	now.Store(s)
	fyneSpeaks(s)
}

// fyneLocale is how $LANGUAGE names each of Languages.
var fyneLocale = map[string]string{"en": "en", "zh-Hans": "zh_CN", "zh-Hant": "zh_TW"} // not shown: locales

// fyneSpeaks has Fyne's lang follow the language chosen (where Fyne reads $LANGUAGE), or the
// system's again: it reads the environment when a catalogue is added.
func fyneSpeaks(s *speaking) {
	switch {
	case s.chosen:
		os.Setenv("LANGUAGE", fyneLocale[s.tag])
	case startLANGUAGE.set:
		os.Setenv("LANGUAGE", startLANGUAGE.value)
	default:
		os.Unsetenv("LANGUAGE")
	}
	if err := lang.AddTranslationsForLocale([]byte("{}"), "en"); err != nil {
		fyne.LogError("the interface's translations", err)
	}
}

// Language is the tag of the language the interface speaks: the one chosen, else the closest
// of Languages to the system's.
func Language() string {
	loadCatalogues()
	return now.Load().tag
}

// LanguageChosen tells whether a language was chosen (false: the system's is followed).
func LanguageChosen() bool {
	loadCatalogues()
	return now.Load().chosen
}

// T is key in the interface's language; with values, key is a format for fmt and they fill it
// ("%d of %d reviewed"), numbers written with thousands separators (749,928 units in scope, as
// English and Chinese both write them). A key no catalogue has is shown as it is (English).
func T(key string, values ...any) string {
	text := translate(key)
	if len(values) == 0 {
		return text
	}
	return numbers.Sprintf(text, values...)
}

// numbers fills T's formats: fmt's verbs, with numbers grouped by golang.org/x/text's printer.
// Its catalogue is x/text's default, which holds nothing: the text is already translated.
var numbers = message.NewPrinter(language.English)

// count is n as T writes it: 749,928.
func count(n int) string { return numbers.Sprintf("%d", n) }

func translate(key string) string {
	loadCatalogues()
	if s := now.Load().cat[key]; s != "" {
		return s
	}
	return key
}

// plural is "1 turn" or "12 turns" in the interface's language: the catalogues hold "1 turn" and
// "%d turns" for each noun it is used with.
func plural(n int, noun string) string {
	if n == 1 {
		return T("1 " + noun) // not shown: the walker lists "1 turn" as a key from plural(n, "turn")
	}
	return T("%d "+noun+"s", n) // not shown: the key's start; the walker lists "1 turn" and "%d turns" as keys
}

// joinSentences joins sentences: with a space in English, without in Chinese. Empty ones
// are left out.
func joinSentences(sentences ...string) string {
	sep := " "
	if strings.HasPrefix(Language(), "zh") {
		sep = ""
	}
	var out []string
	for _, s := range sentences {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// joinClauses joins the parts of a description: "a; b" in English, "a；b" in Chinese.

func joinClauses(parts []string) string {
	if strings.HasPrefix(Language(), "zh") {
		return strings.Join(parts, "；")
	}
	return strings.Join(parts, "; ")
}

// joinList joins items as the interface's language lists them: "a, b, c" in English, "a、b、c"
// in Chinese.

func joinList(items []string) string {
	if strings.HasPrefix(Language(), "zh") {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// errText is an error as the interface says it: a sentence of the store or the domain
// (coding/say) in the interface's language, any other error as it says itself.
func errText(err error) string { return say.In(err, translate) }
