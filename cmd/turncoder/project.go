package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
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
	t := table{right: true}
	for _, row := range []struct {
		k string
		v int
	}{{"documents", c.Documents}, {"sections", c.Sections}, {"turns", c.Turns}, {"notes", c.Notes},
		{"speakers", c.Speakers}, {"codes", c.Codes}, {"coders", c.Coders}, {"codings", c.Codings}} {
		t.row(row.k, strconv.Itoa(row.v))
	}
	return t.write(os.Stdout)
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
	w := table{}
	w.row("document", "section", "turn", "speaker", "role", "text")
	for _, t := range turns {
		w.row(t.Document, t.Section, strconv.Itoa(t.Number), t.Speaker, string(t.Role), t.Text)
	}
	return w.write(os.Stdout)
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
	t := table{}
	t.row("speaker", "role", "turns", "aliases")
	for _, s := range speakers {
		t.row(s.Label, string(s.Role), strconv.Itoa(s.Turns), strings.Join(s.Aliases, ", "))
	}
	return t.write(os.Stdout)
}
