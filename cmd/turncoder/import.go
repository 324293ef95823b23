package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/store"
)

// importChoices are what the researcher decides about sources before they are written: the
// format and encoding (else detected), labels that are not speakers, and speakers' roles.
type importChoices struct {
	opt   transcript.Options
	roles map[string]coding.Role
}

func cmdImport(args []string) error {
	fs := newFlags("import")
	project := projectFlag(fs)
	format := fs.String("format", "", "source format: "+strings.Join(transcript.Formats, ", ")+" (default: detect)")
	encoding := fs.String("encoding", "", "text encoding: utf-8, utf-16le, utf-16be, gb18030, gbk (default: detect)")
	dryRun := fs.Bool("dry-run", false, "read the sources and print what an import would bring, writing nothing")
	asJSON := fs.Bool("json", false, "with --dry-run: print the previews as a JSON array")
	var notSpeakers, roles multiFlag
	fs.Var(&notSpeakers, "not-speaker", "LABEL is not a speaker: its lines are text of the turn before; repeatable")
	fs.Var(&roles, "role", "LABEL=ROLE (interviewer, respondent, other) for a speaker of the sources; repeatable")
	sources, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return usagef("import needs at least one source file")
	}
	if *asJSON && !*dryRun {
		return usagef("import --json prints a preview: give --dry-run too")
	}
	ch := importChoices{opt: transcript.Options{Format: *format, Encoding: *encoding, NotSpeakers: notSpeakers}}
	for _, r := range roles {
		label, name, err := splitPair("--role", r)
		if err != nil {
			return err
		}
		role, err := coding.ParseRole(name)
		if err != nil {
			return usagef("--role %s: %v", r, err)
		}
		if ch.roles == nil {
			ch.roles = map[string]coding.Role{}
		}
		ch.roles[coding.NormalizeLabel(label)] = role
	}
	if *dryRun {
		return importDryRun(*project, sources, ch, *asJSON)
	}
	p, err := openProject("import", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	if len(sources) == 1 {
		// One source: its error is the command's, one sentence.
		if err := importOne(p, sources[0], ch); err != nil {
			return fmt.Errorf("%s: %w; nothing was imported from it", sources[0], err)
		}
		return nil
	}
	failed := 0
	for _, src := range sources {
		if err := importOne(p, src, ch); err != nil {
			fmt.Fprintf(os.Stderr, "turncoder: %s: %v; nothing was imported from it\n", src, err)
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources failed", failed, len(sources))
	}
	return nil
}

// readSource reads one source with the researcher's choices.
func readSource(src string, ch importChoices) (*coding.Document, error) {
	data, err := transcript.ReadFile(src)
	if err != nil {
		return nil, err
	}
	doc, err := transcript.Read(filepath.Base(src), data, ch.opt)
	if err != nil {
		return nil, err
	}
	doc.Roles = ch.roles
	return doc, nil
}

func importOne(p *store.Project, src string, ch importChoices) error {
	if isQDPX(src) {
		return importQDPX(p, src, ch)
	}
	if err := qdeAlone(src); err != nil {
		return err
	}
	// The source is read as it is written, its items kept in a temporary file rather than in
	// memory (store.ImportStream): a transcript of a million turns imports in flat memory.
	doc, res, err := p.ImportStream(cliCtx, func(yield func(coding.Item) error, restart func() error) (*coding.Document, error) {
		doc, err := transcript.StreamFileAhead(src, ch.opt, yield, restart)
		if err != nil {
			return nil, err
		}
		doc.Roles = ch.roles
		return doc, nil
	}, filepath.Base(src), nil)
	if err != nil {
		return err
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(os.Stderr, "%s: %s\n", src, w)
	}
	if res.Duplicate {
		fmt.Fprintf(os.Stderr, "%s: already in the project as %q; not imported again\n", src, res.Title)
		return nil
	}
	enc := ""
	if doc.Encoding != "" {
		enc = ", " + doc.Encoding
	}
	fmt.Fprintf(os.Stderr, "%s: imported as %q (%s%s): %s, %s, %s\n",
		src, res.Title, doc.Format, enc, count(res.Sections, "section"), count(res.Turns, unitName(doc.Format)), count(res.Notes, "note"))
	if s := (coding.ImportPreview{SameName: res.SameName}).SameNameSentence(); s != "" {
		fmt.Fprintf(os.Stderr, "%s: note: %s\n", src, strings.Replace(s, "importing this one makes", "this import made", 1))
	}
	return nil
}

// importDryRun reads every source and prints what importing it into the project (when one is
// given; else into an empty one) would bring, writing nothing anywhere. A source that would be
// refused gets its sentence and makes the exit status 1, as the import would.
func importDryRun(project string, sources []string, ch importChoices, asJSON bool) error {
	var p *store.Project
	if project != "" {
		var err error
		if p, err = store.OpenReadOnly(project); err != nil {
			return err
		}
		defer p.Close()
	}
	// Each element is a transcript's coding.ImportPreview, or a REFI-QDA project's
	// refi.Report (whose "format" is "qdpx").
	previews := make([]any, 0, len(sources))
	failed, firstError := 0, ""
	for _, src := range sources {
		var why string
		if isQDPX(src) {
			rep, err := previewQDPX(p, src, ch)
			if err != nil {
				return err
			}
			why = rep.Error
			previews = append(previews, rep)
		} else {
			pv, err := previewSource(p, src, ch)
			if err != nil {
				return err
			}
			why = pv.Error
			previews = append(previews, pv)
		}
		if why != "" {
			if failed == 0 {
				firstError = why
			}
			failed++
		}
	}
	if asJSON {
		if err := printJSON(previews); err != nil {
			return err
		}
	} else {
		for i, pv := range previews {
			if i > 0 {
				fmt.Println()
			}
			switch pv := pv.(type) {
			case coding.ImportPreview:
				writePreview(os.Stdout, pv)
			case *refi.Report:
				if pv.Error != "" {
					fmt.Fprintf(os.Stdout, "%s: %s; it would not be imported\n", pv.File, pv.Error)
				} else {
					pv.Write(os.Stdout)
				}
			}
		}
		fmt.Println("\nnothing was written (--dry-run)")
	}
	if failed > 0 {
		if len(sources) == 1 {
			return fmt.Errorf("%s: %s; it would not be imported", sources[0], firstError)
		}
		return fmt.Errorf("%d of %d sources would not be imported", failed, len(sources))
	}
	return nil
}

// previewSource is the preview of one source; a source that cannot be read gives a preview
// holding its sentence. The error is the project's (it could not be read).
func previewSource(p *store.Project, src string, ch importChoices) (coding.ImportPreview, error) {
	if err := qdeAlone(src); err != nil {
		return coding.ImportPreview{File: src, Error: err.Error()}, nil
	}
	doc, err := readSource(src, ch)
	if err != nil {
		return coding.ImportPreview{File: src, Error: err.Error()}, nil
	}
	if p == nil {
		return coding.Preview(src, doc), nil
	}
	return p.PreviewImport(cliCtx, src, doc)
}

// writePreview prints a preview for a person: how the file was read, its sections, its
// speakers with their turns and roles, its first items and every warning.
func writePreview(out io.Writer, pv coding.ImportPreview) {
	if pv.Error != "" {
		fmt.Fprintf(out, "%s: %s; it would not be imported\n", pv.File, pv.Error)
		return
	}
	enc := ""
	if pv.Encoding != "" {
		enc = ", " + pv.Encoding
	}
	timed := ""
	if pv.Timed {
		timed = ", with times"
	}
	fmt.Fprintf(out, "%s: %q, read as %s%s%s: %s, %s, %s\n",
		pv.File, pv.Title, pv.Format, enc, timed, count(len(pv.Sections), "section"), count(pv.Turns, unitName(pv.Format)), count(pv.Notes, "note"))
	if pv.Duplicate != "" {
		fmt.Fprintf(out, "already in the project as %q: it would not be imported again\n", pv.Duplicate)
	}
	if s := pv.SameNameSentence(); s != "" {
		fmt.Fprintf(out, "note: %s\n", s)
	}
	if len(pv.Sections) > 0 {
		fmt.Fprintln(out, "sections:")
		for _, s := range pv.Sections {
			fmt.Fprintf(out, "  %s\n", s)
		}
	}
	if len(pv.Speakers) > 0 {
		fmt.Fprintln(out, "speakers:")
		t := table{}
		t.row("  speaker", "turns", "role")
		for _, s := range pv.Speakers {
			known := "new"
			switch {
			case s.Of != "":
				known = "in the project as " + s.Of
			case s.Known:
				known = "in the project"
			}
			t.row("  "+s.Label, strconv.Itoa(s.Turns), string(s.Role), known)
		}
		t.write(out)
	}
	fmt.Fprintln(out, "first lines:")
	for _, it := range pv.First {
		when := ""
		if it.Start != "" {
			when = "[" + it.Start + "] "
		}
		switch {
		case it.Kind == "header":
			fmt.Fprintf(out, "  == %s\n", it.Text)
		case it.Kind == "note":
			fmt.Fprintf(out, "  %s(%s)\n", when, it.Text)
		case it.Speaker != "":
			fmt.Fprintf(out, "  %s%s: %s\n", when, it.Speaker, it.Text)
		default:
			fmt.Fprintf(out, "  %s%s\n", when, it.Text)
		}
	}
	if len(pv.Warnings) > 0 {
		fmt.Fprintf(out, "warnings (%d):\n", len(pv.Warnings))
		for _, w := range pv.Warnings {
			fmt.Fprintf(out, "  %s\n", w)
		}
	}
}

// count is "1 turn", "2 turns".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// unitName is what a document's codable units are: paragraphs of prose, turns otherwise.
func unitName(format string) string { return coding.UnitName(format) }
