package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// cmdSegment corrects the segmentation of an imported document, one edit per call, while
// nobody has coded it and no coder copies exist (store.EditSegmentation says why not).
func cmdSegment(args []string) error {
	fs := newFlags("segment")
	project := projectFlag(fs)
	doc := fs.String("doc", "", "the document (title or id)")
	join := fs.Int("join", 0, "join turn N with the next turn")
	split := fs.Int("split", 0, "split turn N in two (with --at)")
	at := fs.Int("at", 0, "with --split: how many characters of the turn's text go into the first part")
	speaker := fs.String("speaker", "", "N=LABEL: give turn N the speaker LABEL")
	note := fs.Int("note", 0, "make turn N a note")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("segment takes no file names; got %q (the project is given with -p)", pos[0])
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var edits []string
	for _, name := range []string{"join", "split", "speaker", "note"} {
		if set[name] {
			edits = append(edits, "--"+name)
		}
	}
	switch {
	case len(edits) == 0:
		return usagef("segment needs one correction: --join N, --split N --at OFFSET, --speaker N=LABEL or --note N")
	case len(edits) > 1:
		return usagef("segment makes one correction at a time; %s were given", strings.Join(edits, " and "))
	case *doc == "":
		return usagef("segment needs the document: --doc DOC (its title or id, as turncoder turns lists it)")
	case set["split"] != set["at"]:
		if set["at"] {
			return usagef("--at goes with --split N: where to split turn N")
		}
		return usagef("--split N needs --at OFFSET: how many characters of the turn go into the first part")
	}
	var e coding.Edit
	switch {
	case set["join"]:
		e = coding.Edit{Kind: coding.EditJoin, Turn: *join}
	case set["split"]:
		e = coding.Edit{Kind: coding.EditSplit, Turn: *split, At: *at}
	case set["note"]:
		e = coding.Edit{Kind: coding.EditNote, Turn: *note}
	case set["speaker"]:
		// The turn number ends at the first "=": a label may hold "=" itself.
		n, label, ok := strings.Cut(*speaker, "=")
		turn, err := strconv.Atoi(strings.TrimSpace(n))
		if !ok || err != nil {
			return usagef("--speaker takes N=LABEL (a turn number, then the speaker's label), not %q", *speaker)
		}
		e = coding.Edit{Kind: coding.EditSpeaker, Turn: turn, Label: label}
	}
	p, err := openProject("segment", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	done, err := p.EditSegmentation(cliCtx, *doc, e)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, done)
	return nil
}
