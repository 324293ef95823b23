package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
)

// scopeChooser is the choice of a scope the agreement and analysis windows offer: a document
// (or all), one of its sections, the speakers (the coding scope or one role), some codes and,
// for the agreement figures, some coders. Its form holds the controls; scope reads them and
// setScope sets them.
type scopeChooser struct {
	ws      func() *Workspace // the workspace shown (a reload replaces it)
	docs    *widget.Select
	section *widget.Select
	role    *widget.Select
	codes   *pickList
	coders  *pickList // nil when the scope names no coders (the analysis window's "whose codings" does)
	form    *widget.Form
}

// The scope's first options: keys of the catalogue (T(allDocuments) is what the select shows).
const (
	allDocuments = "All documents"
	allSections  = "All sections"
	codingScope  = "Turns in the coding scope"
)

// newScopeChooser makes the controls for ws's project, the pick lists opening on window; with
// coders, the coders of the project (not the consensus layer) can be chosen too.
func newScopeChooser(ws func() *Workspace, window func() fyne.Window, coders bool) *scopeChooser {
	c := &scopeChooser{ws: ws}
	w := ws()
	docNames := []string{T(allDocuments)}
	for _, d := range w.docs {
		docNames = append(docNames, d.Title)
	}
	c.section = widget.NewSelect([]string{T(allSections)}, nil)
	c.section.SetSelected(T(allSections))
	c.docs = widget.NewSelect(docNames, func(string) { c.loadSections() })
	c.docs.SetSelected(T(allDocuments))
	c.role = widget.NewSelect([]string{T(codingScope), roleName(coding.RoleRespondent), roleName(coding.RoleInterviewer), roleName(coding.RoleOther)}, nil)
	c.role.SetSelected(T(codingScope))
	var codeNames []string
	for _, code := range w.codes {
		codeNames = append(codeNames, code.Name)
	}
	c.codes = newPickList(codeNames, false, window)
	c.form = widget.NewForm(
		widget.NewFormItem(T("Document"), container.NewHBox(
			container.NewGridWrap(fyne.NewSize(260, c.docs.MinSize().Height), c.docs),
			container.NewGridWrap(fyne.NewSize(260, c.section.MinSize().Height), c.section),
			widget.NewLabel(T("Speakers")),
			container.NewGridWrap(fyne.NewSize(240, c.role.MinSize().Height), c.role))),
		widget.NewFormItem(T("Codes"), c.codes.object),
	)
	if coders {
		var coderNames []string
		if all, err := w.p.Coders(w.ctx); err == nil {
			for _, coder := range all {
				if !coder.Consensus {
					coderNames = append(coderNames, coder.Name)
				}
			}
		}
		c.coders = newPickList(coderNames, true, window)
		c.form.Append(T("Coders"), c.coders.object)
	}
	return c
}

// describe says in words what the controls select, for the export's Summary sheet.
func (c *scopeChooser) describe() string {
	parts := []string{c.docs.Selected}
	if c.section.Selected != T(allSections) && !c.section.Disabled() {
		parts = append(parts, c.section.Selected)
	}
	if c.role.Selected == T(codingScope) {
		parts = append(parts, T("turns in the coding scope"))
	} else {
		parts = append(parts, c.role.Selected)
	}
	if len(c.codes.Selected) < len(c.codes.Options) {
		parts = append(parts, T("codes %s", joinList(c.codes.Selected)))
	}
	if c.coders != nil && len(c.coders.Selected) < len(c.coders.Options) {
		parts = append(parts, T("coders %s", joinList(c.coders.Selected)))
	}
	return joinClauses(parts)
}

// loadSections offers the chosen document's sections.
func (c *scopeChooser) loadSections() {
	opts := []string{T(allSections)}
	if id := c.docID(); id != "" {
		ws := c.ws()
		if secs, err := ws.p.Sections(ws.ctx, id); err == nil {
			for _, s := range secs {
				opts = append(opts, s.Title)
			}
		}
	}
	c.section.Options = opts
	c.section.SetSelected(T(allSections))
	if len(opts) == 1 {
		c.section.Disable()
	} else {
		c.section.Enable()
	}
}

func (c *scopeChooser) docID() string {
	for _, d := range c.ws().docs {
		if d.Title == c.docs.Selected {
			return d.ID
		}
	}
	return ""
}

// scope reads the controls.
func (c *scopeChooser) scope() coding.Scope {
	s := coding.Scope{Document: c.docID()}
	if s.Document != "" && c.section.Selected != T(allSections) {
		s.Section = c.section.Selected
	}
	if r, ok := roleNamed(c.role.Selected); ok {
		s.Roles = []coding.Role{r}
	}
	if len(c.codes.Selected) < len(c.codes.Options) {
		s.Codes = append([]string{}, c.codes.Selected...)
	}
	if c.coders != nil && len(c.coders.Selected) < len(c.coders.Options) {
		s.Coders = append([]string{}, c.coders.Selected...)
	}
	return s
}

// setScope sets the controls to scope s: its document and section, role, codes and coders.
func (c *scopeChooser) setScope(s coding.Scope) {
	c.docs.SetSelected(T(allDocuments))
	for _, d := range c.ws().docs {
		if d.ID == s.Document {
			c.docs.SetSelected(d.Title) // its sections are offered
		}
	}
	if s.Section != "" {
		c.section.SetSelected(s.Section)
	}
	c.role.SetSelected(T(codingScope))
	if len(s.Roles) == 1 {
		c.role.SetSelected(roleName(s.Roles[0]))
	}
	if s.Codes != nil {
		c.codes.SetSelected(s.Codes)
	}
	if s.Coders != nil && c.coders != nil {
		c.coders.SetSelected(s.Coders)
	}
}
