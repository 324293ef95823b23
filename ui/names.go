package ui

import (
	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/store"
)

// The domain's words as the window shows them: a role, the overall block's mode. The values
// stay the domain's (the project file, the command line and the workbook use them); only
// their names are in the interface's language.

// coderName is a coder as the window names it: the consensus layer in the window's language
// (no coder can take its name), anyone else by name.
func coderName(name string) string {
	if name == store.ConsensusCoder {
		return T("consensus layer")
	}
	return name
}

// roleName is a role as the window names it.
func roleName(r coding.Role) string {
	switch r {
	case coding.RoleInterviewer:
		return T("interviewer")
	case coding.RoleRespondent:
		return T("respondent")
	case coding.RoleOther:
		return T("other")
	}
	return string(r)
}

// roleNames are the names of coding.Roles, in their order: a role select's options.
func roleNames() []string {
	out := make([]string, len(coding.Roles))
	for i, r := range coding.Roles {
		out[i] = roleName(r)
	}
	return out
}

// roleNamed is the role a select's option names; false when none is.
func roleNamed(name string) (coding.Role, bool) {
	for _, r := range coding.Roles {
		if roleName(r) == name {
			return r, true
		}
	}
	return "", false
}

// modeName is the overall block's mode: single-label or multi-label data.
func modeName(mode string) string {
	switch mode {
	case agreement.SingleLabel:
		return T("single-label")
	case agreement.MultiLabel:
		return T("multi-label")
	}
	return mode
}

// units is n turns, or n paragraphs of prose (coding.UnitName), in the interface's language.
func units(n int, format string) string {
	if coding.UnitName(format) == "paragraph" {
		return plural(n, "paragraph")
	}
	return plural(n, "turn")
}
