package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

func cmdInit(args []string) error {
	fs := newFlags("init")
	demo := fs.Bool("demo", false, "make the demo project: the seed corpus with its speakers' roles")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("init takes one project file: turncoder init FILE%s", store.Extension)
	}
	if *demo {
		if _, err := os.Lstat(pos[0]); err == nil {
			return fmt.Errorf("%s exists already; init makes a new project and never replaces a file", pos[0])
		}
		if err := seeds.CreateDemo(pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "created %s: the demo project\n", pos[0])
		return nil
	}
	p, err := store.Create(pos[0], seeds.Codebook())
	if err != nil {
		return err
	}
	defer p.Close()
	fmt.Fprintf(os.Stderr, "created %s with the default codebook (%d codes)\n", pos[0], len(seeds.Codebook()))
	return nil
}

func cmdImport(args []string) error {
	fs := newFlags("import")
	project := projectFlag(fs)
	format := fs.String("format", "", "source format: turns, prose, csv, tsv, xlsx, docx, srt, vtt (default: detect)")
	encoding := fs.String("encoding", "", "text encoding: utf-8, utf-16le, utf-16be, gb18030, gbk (default: detect)")
	sources, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return usagef("import needs at least one source file")
	}
	p, err := openProject("import", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	opt := transcript.Options{Format: *format, Encoding: *encoding}
	if len(sources) == 1 {
		// One source: its error is the command's, one sentence.
		if err := importOne(p, sources[0], opt); err != nil {
			return fmt.Errorf("%s: %w; nothing was imported from it", sources[0], err)
		}
		return nil
	}
	failed := 0
	for _, src := range sources {
		if err := importOne(p, src, opt); err != nil {
			fmt.Fprintf(os.Stderr, "turncoder: %s: %v; nothing was imported from it\n", src, err)
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources failed", failed, len(sources))
	}
	return nil
}

func importOne(p *store.Project, src string, opt transcript.Options) error {
	data, err := transcript.ReadFile(src)
	if err != nil {
		return err
	}
	doc, err := transcript.Read(filepath.Base(src), data, opt)
	if err != nil {
		return err
	}
	res, err := p.Import(cliCtx, doc, filepath.Base(src), nil)
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
	fmt.Fprintf(os.Stderr, "%s: imported as %q (%s%s): %d sections, %d turns, %d notes\n",
		src, res.Title, doc.Format, enc, res.Sections, res.Turns, res.Notes)
	return nil
}

func cmdInfo(args []string) error {
	fs := newFlags("info")
	project := projectFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p, err := openReading("info", *project, false)
	if err != nil {
		return err
	}
	defer p.Close()
	c, err := p.Info(cliCtx)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(c)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, row := range []struct {
		k string
		v int
	}{{"documents", c.Documents}, {"sections", c.Sections}, {"turns", c.Turns}, {"notes", c.Notes},
		{"speakers", c.Speakers}, {"codes", c.Codes}, {"coders", c.Coders}, {"codings", c.Codings}} {
		fmt.Fprintf(w, "%s\t%d\t\n", row.k, row.v)
	}
	return w.Flush()
}

// turnJSON is one element of `turns --json`.
type turnJSON struct {
	Document string  `json:"document"`
	Section  *string `json:"section"`
	Turn     int     `json:"turn"`
	Speaker  *string `json:"speaker"`
	Role     *string `json:"role"`
	Text     string  `json:"text"`
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func cmdTurns(args []string) error {
	fs := newFlags("turns")
	project := projectFlag(fs)
	doc := fs.String("doc", "", "only this document (title or id)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p, err := openReading("turns", *project, false)
	if err != nil {
		return err
	}
	defer p.Close()
	turns, err := p.Turns(cliCtx, *doc)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]turnJSON, 0, len(turns))
		for _, t := range turns {
			out = append(out, turnJSON{t.Document, orNull(t.Section), t.Number, orNull(t.Speaker), orNull(string(t.Role)), t.Text})
		}
		return printJSON(out)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "document\tsection\tturn\tspeaker\trole\ttext")
	for _, t := range turns {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\n", t.Document, t.Section, t.Number, t.Speaker, t.Role, t.Text)
	}
	return w.Flush()
}

func cmdSpeakers(args []string) error {
	fs := newFlags("speakers")
	project := projectFlag(fs)
	var roles, aliases, renames multiFlag
	fs.Var(&roles, "set-role", "LABEL=ROLE (interviewer, respondent, other); repeatable")
	fs.Var(&aliases, "alias", "LABEL=CANONICAL: LABEL is another name of CANONICAL; repeatable")
	fs.Var(&renames, "rename", "OLD=NEW: give a speaker a new label (OLD stays as an alias); repeatable")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p, err := openReading("speakers", *project, len(roles)+len(aliases)+len(renames) > 0)
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	for _, a := range aliases {
		label, canonical, err := splitPair("--alias", a)
		if err != nil {
			return err
		}
		if err := p.Alias(ctx, label, canonical); err != nil {
			return err
		}
	}
	for _, r := range renames {
		old, label, err := splitPair("--rename", r)
		if err != nil {
			return err
		}
		if err := p.RenameSpeaker(ctx, old, label); err != nil {
			return err
		}
	}
	for _, r := range roles {
		label, name, err := splitPair("--set-role", r)
		if err != nil {
			return err
		}
		role, err := coding.ParseRole(name)
		if err != nil {
			return usagef("%v", err)
		}
		if err := p.SetRole(ctx, label, role); err != nil {
			return err
		}
	}
	speakers, err := p.Speakers(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "speaker\trole\tturns\taliases")
	for _, s := range speakers {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", s.Label, s.Role, s.Turns, strings.Join(s.Aliases, ", "))
	}
	return w.Flush()
}
