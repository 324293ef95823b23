package ui

import (
	"context"
	"sort"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/store"
)

// readProject reads a REFI-QDA project (.qdpx) whole for the import preview: its documents
// read as turns or prose (the format chosen, or detected) with the labels that are not
// speakers, the roles chosen for its new speakers, and its report (§7 of the standard: what
// comes in, what is left out and why), with the documents the project has already marked.
// The preview's speakers are those of all its documents, as the project knows them.
func (s *importSource) readProject(ctx context.Context, p *store.Project) {
	s.rp, s.report = nil, ""
	switch s.opt.Format {
	case "", "turns", "prose":
	default:
		s.pv = coding.ImportPreview{File: s.name(), Error: T("a REFI-QDA project's sources are read as turns or prose (or detected), not as %s", formatLabel(s.opt.Format))}
		return
	}
	rp, rep, err := refi.ReadFile(s.path, refi.Options{Format: s.opt.Format, NotSpeakers: s.opt.NotSpeakers})
	if err != nil {
		s.pv = coding.ImportPreview{File: s.name(), Error: errText(err)}
		return
	}
	rep.File = s.name() // the window names files by their names
	rp.ChooseRoles(s.roles)
	if err := p.PreviewREFI(ctx, rp, rep); err != nil {
		s.pv = coding.ImportPreview{File: s.name(), Error: errText(err)}
		return
	}
	pv := coding.ImportPreview{File: s.name(), Title: rep.Project, Format: "qdpx",
		Sections: []string{}, Speakers: []coding.PreviewSpeaker{}, First: []coding.PreviewItem{}, Warnings: []string{}}
	turns := map[string]*coding.PreviewSpeaker{}
	var order []string
	for i := range rp.Documents {
		d := &rp.Documents[i].Doc
		dp, err := p.PreviewImport(ctx, s.name(), d)
		if err != nil {
			s.pv = coding.ImportPreview{File: s.name(), Error: errText(err)}
			return
		}
		if dp.Error != "" && pv.Error == "" {
			pv.Error = dp.Error // a role the import would refuse
		}
		title := d.Title
		if i < len(rep.Documents) && rep.Documents[i].Duplicate != "" {
			title = T("%s (in the project already as %q: its codings go onto it)", title, rep.Documents[i].Duplicate)
		}
		pv.Sections = append(pv.Sections, title)
		pv.Turns += dp.Turns
		pv.Notes += dp.Notes
		pv.Timed = pv.Timed || dp.Timed
		for _, sp := range dp.Speakers {
			if t := turns[sp.Label]; t != nil {
				t.Turns += sp.Turns
				continue
			}
			c := sp
			turns[sp.Label] = &c
			order = append(order, sp.Label)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return turns[order[i]].Turns > turns[order[j]].Turns })
	for _, l := range order {
		pv.Speakers = append(pv.Speakers, *turns[l])
	}
	for _, d := range rep.Dropped {
		what, why := d.Sentences()
		pv.Warnings = append(pv.Warnings, T("left out: %s: %s", errText(what), errText(why)))

	}
	pv.Warnings = append(pv.Warnings, warningTexts(rep.Warnings, rep.WarningsWhy)...)
	s.rp, s.report, s.pv = rp, reportText(rep), pv
}

// reportText is the report of a REFI-QDA project's reading in the interface's language, as
// refi.Report.Write prints it for the command line: the summary, each document, the coders,
// what is left out and why, and every warning.
func reportText(rep *refi.Report) string {
	turns := 0
	for _, d := range rep.Documents {
		turns += d.Turns
	}
	origin := T("a REFI-QDA project")
	switch {
	case rep.Project != "" && rep.Origin != "":
		origin = T("a REFI-QDA project %q from %s", rep.Project, rep.Origin)
	case rep.Project != "":
		origin = T("a REFI-QDA project %q", rep.Project)
	case rep.Origin != "":
		origin = T("a REFI-QDA project from %s", rep.Origin)
	}
	lines := []string{T("%s: %s, %s (%s), %s, %s, %s put on turns (%d across several turns), %s, %s, %s",
		rep.File, origin, plural(len(rep.Documents), "document"), plural(turns, "turn"),
		plural(len(rep.Coders), "coder"), plural(rep.Codes, "code"), plural(rep.Spans, "span"), rep.Crossed,
		plural(rep.Codings, "coding"), plural(rep.Reviewed, "reviewed mark"), plural(rep.Memos, "memo"))}
	if len(rep.Documents) > 0 {
		lines = append(lines, T("documents:"))
		for _, d := range rep.Documents {
			parts := []string{T("%q, read as %s: %s, %s, %s, %s; %s put on turns (%d across several turns)",
				d.Title, formatLabel(d.Format), plural(d.Sections, "section"), plural(d.Turns, "turn"), plural(d.Notes, "note"),
				plural(d.Speakers, "speaker"), plural(d.Spans, "span"), d.Crossed)}
			if d.CountingWhy != nil {
				parts = append(parts, errText(d.CountingWhy))
			}
			if d.Duplicate != "" {
				parts = append(parts, T("already in the project as %q, so its codings go onto that document", d.Duplicate))
			}
			lines = append(lines, "  "+joinClauses(parts))
		}
	}
	if len(rep.Coders) > 0 {
		lines = append(lines, T("coders: %s", joinList(rep.Coders)))
	}
	if len(rep.Dropped) > 0 {
		lines = append(lines, T("left out:"))
		for _, d := range rep.Dropped {
			what, why := d.Sentences()
			lines = append(lines, "  "+T("%s: %s", errText(what), errText(why)))
		}
	}
	if ws := warningTexts(rep.Warnings, rep.WarningsWhy); len(ws) > 0 {
		lines = append(lines, T("warnings (%d):", len(ws)))
		for _, w := range ws {
			lines = append(lines, "  "+w)
		}
	}
	return strings.Join(lines, "\n") + "\n"
}
