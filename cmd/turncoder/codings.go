package main

import (
	"fmt"
	"github.com/turncoder/turncoder/coding/safefile"
	"os"

	"github.com/turncoder/turncoder/coding"
)

func cmdCoders(args []string) error {
	fs := newFlags("coders")
	project := projectFlag(fs)
	var add multiFlag
	fs.Var(&add, "add", "add a coder by name; repeatable")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p, err := openReading("coders", *project, len(add) > 0)
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	for _, name := range add {
		if err := p.AddCoder(ctx, name); err != nil {
			return err
		}
	}
	coders, err := p.Coders(ctx)
	if err != nil {
		return err
	}
	for _, c := range coders {
		if c.Consensus {
			fmt.Println(c.Name, "(consensus)")
		} else {
			fmt.Println(c.Name)
		}
	}
	return nil
}

func cmdCodings(args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		return usagef("codings takes import or export: turncoder codings import -p FILE CSV")
	}
	fs := newFlags("codings " + args[0])
	project := projectFlag(fs)
	out := fs.String("o", "", "output CSV file (default: standard output)")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if args[0] == "import" && len(pos) != 1 {
		return usagef("codings import takes one CSV file")
	}
	if args[0] == "export" && len(pos) != 0 {
		return usagef("codings export takes no file arguments; use -o OUT.csv")
	}
	p, err := openReading("codings", *project, args[0] == "import")
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	if args[0] == "import" {
		text, err := tableText(pos[0], coding.MaxTableBytes, "a table")
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", pos[0], err)
		}
		rows, err := coding.ReadCodingsCSV(text)
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", pos[0], err)
		}
		n, err := p.ImportCodings(ctx, rows, pos[0])
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", pos[0], err)
		}
		fmt.Fprintf(os.Stderr, "%s: %d codings applied\n", pos[0], n)
		return nil
	}
	rows, err := p.ExportCodings(ctx)
	if err != nil {
		return err
	}
	if *out == "" {
		return coding.WriteCodingsCSV(os.Stdout, rows)
	}
	return safefile.WriteChecked(*out, safefile.CSV, *project, func(f *os.File) error { return coding.WriteCodingsCSV(f, rows) })
}
