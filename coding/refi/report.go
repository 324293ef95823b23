package refi

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/turncoder/turncoder/coding/say"
)

// Report is what reading a .qdpx found and did, as §7 of the standard asks an importing
// program to show: what came in, and what was left out and why. The command line prints it
// (import, import --dry-run) and the window shows it.
type Report struct {
	File    string `json:"file"`
	Format  string `json:"format"`  // always "qdpx", which tells it apart from a transcript's preview
	Project string `json:"project"` // the project's name in the file
	Origin  string `json:"origin"`  // the program that wrote it
	// Documents are the documents read, in order.
	Documents []DocumentReport `json:"documents"`
	// Coders are the coders made from the file's users, in order.
	Coders []string `json:"coders"`
	Codes  int      `json:"codes"`
	// Spans is how many of the file's text selections were put on turns; Crossed how many of
	// those covered more than one turn (each turn got their codes).
	Spans   int `json:"spans"`
	Crossed int `json:"crossed"`
	// Codings is how many codes were given to turns (coder, turn, code), Reviewed how many
	// reviewed marks (coder, turn), Memos how many memos.
	Codings  int `json:"codings"`
	Reviewed int `json:"reviewed"`
	Memos    int `json:"memos"`
	// Dropped is what the file holds that turncoder leaves out, with why.
	Dropped []Dropped `json:"dropped"`
	// Warnings are other things to check: the codebook's, and the readers' of each document.
	Warnings []string `json:"warnings"`
	// WarningsWhy are the Warnings as sentences of say (package coding/say), one each, for the
	// window to give in its language.
	WarningsWhy []error `json:"-"`
	// Error is the one sentence that refuses the file; the other fields are then empty.
	Error string `json:"error,omitempty"`
}

// DocumentReport is one document of the file as read.
type DocumentReport struct {
	Title    string `json:"title"`
	Format   string `json:"format"` // how its text was read: turns, prose, docx, …
	Sections int    `json:"sections"`
	Turns    int    `json:"turns"`
	Notes    int    `json:"notes"`
	Speakers int    `json:"speakers"`
	Spans    int    `json:"spans"`
	Crossed  int    `json:"crossed"`
	// Counting says how the file counted positions in this text when that is not the
	// standard's way (code points, a line break one character); "" otherwise.
	Counting string `json:"counting,omitempty"`
	// CountingWhy is Counting as a sentence of say, for the window to give in its language.
	CountingWhy error `json:"-"`
	// Duplicate is the title of the project's document that has this content already (filled
	// by the store's preview): its codings go onto that document's turns.
	Duplicate string `json:"duplicate,omitempty"`
}

// Dropped is something of the file that turncoder leaves out.
type Dropped struct {
	What  string `json:"what"`  // "2 PDF sources"
	Count int    `json:"count"` // how many
	Why   string `json:"why"`

	one  string            // What of one, to count further ones in
	what func(n int) error // What of n, a sentence of say
	why  error             // Why, a sentence of say
}

// Sentences are What and Why as sentences of say (package coding/say), which the window gives
// in its language; a Dropped made elsewhere gives its English.
func (d Dropped) Sentences() (what, why error) {
	if d.what == nil || d.why == nil {
		return errors.New(d.What), errors.New(d.Why)
	}
	return d.what(d.Count), d.why
}

// warn adds a warning, a sentence of say, to Warnings (its English) and WarningsWhy.
func (r *Report) warn(why error) {
	r.Warnings = append(r.Warnings, why.Error())
	r.WarningsWhy = append(r.WarningsWhy, why)
}

// drop records n things left out, what says n of them and why why (sentences of say); a
// second call with the same what and why adds to the first.
func (r *Report) drop(n int, what func(n int) error, why error) {
	if n <= 0 {
		return
	}
	one := what(1).Error()
	for i := range r.Dropped {
		if d := &r.Dropped[i]; d.one == one && d.Why == why.Error() {
			d.Count += n
			d.What = what(d.Count).Error()
			return
		}
	}
	r.Dropped = append(r.Dropped, Dropped{What: what(n).Error(), Count: n, Why: why.Error(), one: one, what: what, why: why})
}

// counted is one when n is 1, else many: the sentence of say that counts n things.
func counted(n int, one, many error) error {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// unreadable says n sources whose text cannot be read.
func unreadable(n int) error {
	return counted(n, say.Errorf("1 source whose text cannot be read"), say.Errorf("%d sources whose text cannot be read", n))
}

// Summary is the report's first line: what the file brings.
func (r *Report) Summary() string {
	turns := 0
	for _, d := range r.Documents {
		turns += d.Turns
	}
	return fmt.Sprintf("%s: %s, %s (%d turns), %s, %s, %s put on turns (%d across several turns), %s, %s, %s",
		r.File, origin(r), plural(len(r.Documents), "document", "documents"), turns,
		plural(len(r.Coders), "coder", "coders"), plural(r.Codes, "code", "codes"),
		plural(r.Spans, "span", "spans"), r.Crossed,
		plural(r.Codings, "coding", "codings"), plural(r.Reviewed, "reviewed mark", "reviewed marks"), plural(r.Memos, "memo", "memos"))
}

func origin(r *Report) string {
	name := "a REFI-QDA project"
	if r.Project != "" {
		name += fmt.Sprintf(" %q", r.Project)
	}
	if r.Origin != "" {
		name += " from " + r.Origin
	}
	return name
}

// Write prints the report for a person: the summary, each document, the coders, what was
// left out and why, and every warning.
func (r *Report) Write(w io.Writer) {
	if r.Error != "" {
		fmt.Fprintf(w, "%s: %s\n", r.File, r.Error)
		return
	}
	fmt.Fprintln(w, r.Summary())
	if len(r.Documents) > 0 {
		fmt.Fprintln(w, "documents:")
		for _, d := range r.Documents {
			line := fmt.Sprintf("  %q, read as %s: %d sections, %d turns, %d notes, %s; %s put on turns (%d across several turns)",
				d.Title, d.Format, d.Sections, d.Turns, d.Notes, plural(d.Speakers, "speaker", "speakers"),
				plural(d.Spans, "span", "spans"), d.Crossed)
			if d.Counting != "" {
				line += "; " + d.Counting
			}
			if d.Duplicate != "" {
				line += fmt.Sprintf("; already in the project as %q, so its codings go onto that document", d.Duplicate)
			}
			fmt.Fprintln(w, line)
		}
	}
	if len(r.Coders) > 0 {
		fmt.Fprintf(w, "coders: %s\n", strings.Join(r.Coders, ", "))
	}
	if len(r.Dropped) > 0 {
		fmt.Fprintln(w, "left out:")
		for _, d := range r.Dropped {
			fmt.Fprintf(w, "  %s: %s\n", d.What, d.Why)
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "warnings (%d):\n", len(r.Warnings))
		for _, s := range r.Warnings {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
}
