package main

import (
	"fmt"
	"os"
)

func cmdAdjudicate(args []string) error {
	fs := newFlags("adjudicate")
	project := projectFlag(fs)
	auto := fs.Bool("auto-agreed", false, "copy every unit on which all coders agree into the consensus layer")
	scope := addScopeFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if !*auto {
		return usagef("adjudicate needs --auto-agreed (settling disagreements one by one is done in the GUI)")
	}
	sc, err := scope.scope()
	if err != nil {
		return err
	}
	p, err := openProject("adjudicate", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	settled, open, err := p.AutoAdjudicate(cliCtx, sc)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "settled %d units on which all coders agree; %d disagreements remain for adjudication\n", settled, open)
	return nil
}
