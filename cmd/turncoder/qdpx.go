package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/store"
)

// A REFI-QDA project exchange file (.qdpx) given to import: read whole with refi.Read, its
// report printed, and written in one transaction by store.ImportREFI.

// isQDPX reports whether src is a REFI-QDA project exchange file (refi.IsProjectFile).
func isQDPX(src string) bool { return refi.IsProjectFile(src) }

// qdpxKind names a REFI-QDA project exchange file for a sentence, "" for any other file.
func qdpxKind(src string) string {
	switch {
	case !isQDPX(src):
		return ""
	case strings.EqualFold(filepath.Ext(src), ".qdpx"):
		return "a REFI-QDA project (.qdpx)"
	}
	return "a REFI-QDA project (a zip with a .qde in it)"
}

// qdeAlone refuses the XML of a REFI-QDA project without its sources, saying what to import.
func qdeAlone(src string) error {
	if strings.EqualFold(filepath.Ext(src), ".qde") {
		return errors.New("it is the XML of a REFI-QDA project (.qde) alone, without its sources; import the .qdpx file it came from")
	}
	return nil
}

// readQDPX reads a .qdpx as import would: the format (turns or prose) and the labels that are
// not speakers apply to every text source in it, and roles chosen with --role to its speakers
// that the project does not know yet.
func readQDPX(src string, ch importChoices) (*refi.Project, *refi.Report, error) {
	switch f := strings.ToLower(ch.opt.Format); f {
	case "", "turns", "prose":
	default:
		return nil, nil, usagef("--format %s does not apply to a REFI-QDA project, whose sources are plain text or Word files; use --format turns or prose, or none", ch.opt.Format)
	}
	rp, rep, err := refi.ReadFile(src, refi.Options{Format: strings.ToLower(ch.opt.Format), NotSpeakers: ch.opt.NotSpeakers})
	if err != nil {
		return nil, nil, err
	}
	rp.ChooseRoles(ch.roles)
	return rp, rep, nil
}

// knownRoles refuses, as a transcript's import does, a role chosen with --role for a speaker the
// project has already with another role: a role chosen on import is for new speakers. (The
// roles a .qdpx gives its speakers are for new speakers too; a known speaker keeps theirs.)
func knownRoles(p *store.Project, ch importChoices) error {
	return p.CheckNewRoles(cliCtx, ch.roles)
}

// importQDPX imports a .qdpx and prints its report, then what was written.
func importQDPX(p *store.Project, src string, ch importChoices) error {
	rp, rep, err := readQDPX(src, ch)
	if err != nil {
		return err
	}
	if err := knownRoles(p, ch); err != nil {
		return err
	}
	res, err := p.ImportREFI(cliCtx, rp, filepath.Base(src), nil)
	if err != nil {
		return err
	}
	for i, d := range res.Documents {
		if d.Duplicate && i < len(rep.Documents) {
			rep.Documents[i].Duplicate = d.Title
		}
	}
	rep.Write(os.Stderr)
	fmt.Fprintf(os.Stderr, "%s: %s\n", src, res.Sentence())
	return nil
}

// previewQDPX is the report on a .qdpx before anything is written; a file that cannot be read
// gives a report holding its sentence. The error is the project's, or bad usage.
func previewQDPX(p *store.Project, src string, ch importChoices) (*refi.Report, error) {
	rp, rep, err := readQDPX(src, ch)
	if err != nil {
		var u usageError
		if errors.As(err, &u) {
			return nil, err
		}
		return &refi.Report{File: src, Format: "qdpx", Error: err.Error(), Documents: []refi.DocumentReport{}, Coders: []string{},
			Dropped: []refi.Dropped{}, Warnings: []string{}}, nil
	}
	if p != nil {
		if err := knownRoles(p, ch); err != nil {
			return &refi.Report{File: src, Format: "qdpx", Error: err.Error(), Documents: []refi.DocumentReport{}, Coders: []string{},
				Dropped: []refi.Dropped{}, Warnings: []string{}}, nil
		}
		if err := p.PreviewREFI(cliCtx, rp, rep); err != nil {
			return nil, err
		}
	}
	return rep, nil
}
