package report

import (
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// DescribeScope is the scope of an export in words ("whole project; turns in the coding
// scope"), as the Summary shows it (Input.Scope), in the workbook language lang (a tag
// MatchLanguage takes; another is English).
func DescribeScope(lang string, s coding.Scope) string {
	l, _ := langOf(lang)
	var parts []string
	if s.Document == "" {
		parts = append(parts, l.t("scope.project"))
	} else {
		parts = append(parts, l.f("scope.doc", s.Document))
	}
	if s.Section != "" {
		parts = append(parts, l.f("scope.section", s.Section))
	}
	if len(s.Roles) == 0 {
		parts = append(parts, l.t("scope.turns"))
	} else {
		roles := make([]string, len(s.Roles))
		for i, r := range s.Roles {
			roles[i] = l.role(r)
		}
		parts = append(parts, l.f("scope.roles", l.list(roles)))
	}
	if len(s.Codes) > 0 {
		parts = append(parts, l.f("scope.codes", l.list(s.Codes)))
	}
	if len(s.Coders) > 0 {
		parts = append(parts, l.f("scope.coders", l.list(s.Coders)))
	}
	return strings.Join(parts, l.t("sep.scope"))
}
