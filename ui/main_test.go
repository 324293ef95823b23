package ui

// Fyne's test driver runs fyne.Do at once on the calling goroutine, so work deferred with
// afterEvent would race with the test; the tests and benchmarks run it in place. They read
// the window in English, whatever the system's language (language_test.go switches it and back).
func init() {
	afterEvent = func(fn func()) { fn() }
	background = func(work, then func()) { work(); then() }
	SetLanguage("en")
}
