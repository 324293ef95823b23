// Package say makes the errors a person reads in a form the interface can translate: a
// sentence's English format and its values, rather than the English already written. The
// store and the domain return them as they return any error (Error gives the English the
// command line prints); the window finds the format in its catalogues (ui/translations, whose
// tests read every say.Errorf of store/ and coding/ and fail on a format without its three
// translations) and writes the sentence in the interface's language.
package say

import (
	"errors"
	"fmt"
)

// Error is a sentence for a person: Format (English, fmt's verbs, no %w) filled with Args.
type Error struct {
	Format string
	Args   []any
}

// Errorf is fmt.Errorf for a sentence a person reads. format is a literal (the catalogues'
// key) and uses %s, %v, %q or %d for an error among args, never %w: the first error among
// args is the one errors.Is and errors.As find beneath it.
func Errorf(format string, args ...any) error {
	return &Error{Format: format, Args: args}
}

// Error is the sentence in English.
func (e *Error) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

// Unwrap is the first error among the values, as %w would have made it.
func (e *Error) Unwrap() error {
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			return err
		}
	}
	return nil
}

// In is err in a language: when err is a sentence of this package, its format as translate
// gives it (translate returns the format itself when it has no translation), filled with its
// values, the sentences among them in the language too; any other error as it says itself.
func In(err error, translate func(format string) string) string {
	var e *Error
	if err == nil {
		return ""
	}
	if !errors.As(err, &e) || e != err && err.Error() != e.Error() {
		// Not a sentence, or one inside words of another kind (fmt.Errorf("…: %w")) that
		// would be lost: the error as it is.
		return err.Error()
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if inner, ok := a.(error); ok {
			var s *Error
			if errors.As(inner, &s) {
				args[i] = In(inner, translate)
				continue
			}
		}
		args[i] = a
	}
	return fmt.Sprintf(translate(e.Format), args...)
}
