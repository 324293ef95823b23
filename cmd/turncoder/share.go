package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/store"
)

// Sharing a project with coders: copy makes one file per coder, merge brings the coded files
// back into the master, backup makes a consistent copy of a project in use.

// cmdCopy: turncoder copy -p FILE --coder NAME [--coder NAME...] [-o OUT]
//
// With one coder, OUT is the copy's file name (or an existing folder to put it in). With
// several, OUT is a folder (made if missing) and each copy is named
// <project>-<coder>.turncoder. Without -o the copies go beside the project.
func cmdCopy(args []string) error {
	fs := newFlags("copy")
	project := projectFlag(fs)
	var coders multiFlag
	fs.Var(&coders, "coder", "the coder to make a copy for; repeatable")
	out := fs.String("o", "", "the copy (one coder) or a folder for the copies (default: beside the project)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("copy takes no file arguments: turncoder copy -p FILE --coder NAME -o OUT")
	}
	if len(coders) == 0 {
		return usagef("copy needs a coder: turncoder copy -p FILE --coder NAME -o OUT")
	}
	p, err := openProject("copy", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	var paths []string
	if len(coders) == 1 && *out != "" && !isDir(*out) && !strings.HasSuffix(*out, string(os.PathSeparator)) {
		if err := p.CopyFor(ctx, coders[0], *out); err != nil {
			return err
		}
		paths = []string{*out}
	} else {
		dir := *out
		if dir == "" {
			dir = filepath.Dir(*project)
		}
		if st, err := os.Stat(dir); err == nil && !st.IsDir() {
			return usagef("copy for several coders writes into a folder, and %s is a file", dir)
		}
		if paths, err = p.Copies(ctx, coders, dir); err != nil {
			return err
		}
	}
	for i, path := range paths {
		fmt.Fprintf(os.Stderr, "%s: %s's copy of %s\n", path, coders[i], filepath.Base(*project))
	}
	return nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// cmdMerge: turncoder merge -p FILE [--dry-run] [--json] SOURCE...
func cmdMerge(args []string) error {
	fs := newFlags("merge")
	project := projectFlag(fs)
	dryRun := fs.Bool("dry-run", false, "say what the merge would do, and write nothing")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	sources, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return usagef("merge needs at least one project file to merge: turncoder merge -p FILE SOURCE...")
	}
	p, err := openProject("merge", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	var rep store.MergeReport
	if *dryRun {
		rep, err = p.PlanMerge(cliCtx, sources)
	} else {
		rep, err = p.Merge(cliCtx, sources)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(rep)
	}
	fmt.Print(rep.String())
	return nil
}

// cmdBackup: turncoder backup -p FILE -o OUT
func cmdBackup(args []string) error {
	fs := newFlags("backup")
	project := projectFlag(fs)
	out := fs.String("o", "", "the backup file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" {
		return usagef("backup takes an output file: turncoder backup -p FILE -o OUT%s", store.Extension)
	}
	p, err := openProject("backup", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Backup(cliCtx, *out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: backup of %s\n", *out, filepath.Base(*project))
	return nil
}
