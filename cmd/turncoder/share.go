package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	allCoders := fs.Bool("all-coders", false, "also merge files bound to no coder (a master, a backup) as the work of every coder in them")
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
		rep, err = p.PlanMerge(cliCtx, sources, store.MergeOptions{AllCoders: *allCoders})
	} else {
		rep, err = p.Merge(cliCtx, sources, store.MergeOptions{AllCoders: *allCoders})
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

// cmdSend: turncoder send -p FILE -o DIR [--coder NAME]
//
// The file a coder sends the lead: a consistent snapshot of the project, whole even while the
// app has it open, named <project>-<coder>-<yyyymmdd-hhmm>.turncoder in DIR. Its path goes to
// standard output, and one sentence of what it holds to standard error. The coder is the one
// a coder copy belongs to, or the project's only coder, or --coder.
func cmdSend(args []string) error {
	fs := newFlags("send")
	project := projectFlag(fs)
	out := fs.String("o", "", "the folder to put the file in")
	coder := fs.String("coder", "", "whose work the file is (default: the copy's coder, or the only coder)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" {
		return usagef("send takes a folder to put the file in: turncoder send -p FILE -o DIR")
	}
	if !isDir(*out) {
		return usagef("send writes into a folder, and %s is not one", *out)
	}
	p, err := openProject("send", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	who := *coder
	if who == "" {
		if who, err = p.BoundCoder(ctx); err != nil {
			return err
		}
	}
	if who == "" {
		coders, err := p.Coders(ctx)
		if err != nil {
			return err
		}
		var names []string
		for _, c := range coders {
			if !c.Consensus {
				names = append(names, c.Name)
			}
		}
		switch len(names) {
		case 0:
			return fmt.Errorf("%s has no coders yet, so there is no one's work to send", filepath.Base(*project))
		case 1:
		default:
			return usagef("say whose work %s is with --coder NAME (its coders: %s)", filepath.Base(*project), strings.Join(names, ", "))
		}
		who = names[0]
	}
	now := time.Now()
	path, w, err := p.Send(ctx, *out, who, now)
	if err != nil {
		return err
	}
	fmt.Println(path)
	fmt.Fprintf(os.Stderr, "%s: %s\n", filepath.Base(path), w.Sentence(now))
	return nil
}

// cmdTeam: turncoder team -p FILE [--folder DIR | --off] [--sync] [--dry-run]
//
// The project's team folder: a folder a sync service keeps on every coder's machine. With
// --folder it is set (--off: none); with --sync a coder's copy writes its snapshot there, and
// the lead's master merges the snapshots that are new (--dry-run: says what it would merge).
// Alone it says which folder is set.
func cmdTeam(args []string) error {
	fs := newFlags("team")
	project := projectFlag(fs)
	folder := fs.String("folder", "", "the team folder (kept by Syncthing, Dropbox, OneDrive, a network share…)")
	off := fs.Bool("off", false, "set no team folder")
	sync := fs.Bool("sync", false, "write this coder's snapshot there, or merge the new ones (the lead)")
	dry := fs.Bool("dry-run", false, "with --sync on the master: say what would be merged, write nothing")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || (*off && *folder != "") {
		return usagef("team takes -p FILE and --folder DIR, --off or --sync: turncoder team -p FILE --folder DIR [--sync]")
	}
	p, err := openProject("team", *project)
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	switch {
	case *off:
		if err := p.SetTeamFolder(ctx, ""); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "no team folder is set now")
	case *folder != "":
		if err := p.SetTeamFolder(ctx, *folder); err != nil {
			return err
		}
	}
	dir, err := p.TeamFolder(ctx)
	if err != nil {
		return err
	}
	if !*sync {
		if dir != "" {
			fmt.Printf("team folder: %s\n", dir)
		} else if !*off {
			fmt.Println("no team folder is set (turncoder team -p FILE --folder DIR)")
		}
		return nil
	}
	if dir == "" {
		return fmt.Errorf("%s has no team folder; set one with --folder DIR", filepath.Base(*project))
	}
	bound, err := p.BoundCoder(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	if bound != "" { // a coder's copy: publish
		path, w, err := p.TeamPublish(ctx, bound)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %s\n", path, w.Sentence(now))
		return nil
	}
	files, err := p.TeamInbox(ctx)
	if err != nil {
		return err
	}
	paths, refused := store.SplitTeamFiles(files)
	for _, err := range refused {
		fmt.Fprintf(os.Stderr, "not merged now (tried again next time): %v\n", err)
	}
	if len(paths) == 0 {
		fmt.Printf("nothing new to merge in %s\n", dir)
		return nil
	}
	var rep store.MergeReport
	if *dry {
		rep, err = p.PlanMerge(ctx, paths, store.MergeOptions{})
	} else {
		rep, err = p.Merge(ctx, paths, store.MergeOptions{})
	}
	if err != nil {
		return err
	}
	fmt.Print(rep.String())
	if *dry {
		return nil
	}
	return p.TeamMerged(ctx, files)
}
