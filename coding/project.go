package coding

import (
	"fmt"
	"strings"
	"time"
)

// Role is what a speaker is in the conversation. Roles drive the default coding scope:
// interviewers' turns are not coded unless the project says so.
type Role string

const (
	RoleInterviewer Role = "interviewer"
	RoleRespondent  Role = "respondent"
	RoleOther       Role = "other"
)

// Roles lists the valid roles in display order.
var Roles = []Role{RoleInterviewer, RoleRespondent, RoleOther}

// ParseRole accepts a role name in any case.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, ok := range Roles {
		if r == ok {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (use interviewer, respondent or other)", s)
}

// Speaker is a person or party who speaks in the documents. The same label in two documents
// is the same speaker; aliases are other labels that stand for the same speaker.
type Speaker struct {
	Label   string
	Role    Role
	Aliases []string
	Turns   int // how many turns the speaker has in the project
}

// Code is one category of the codebook.
type Code struct {
	ID         string // stable across copies of a project
	Name       string
	NameZH     string // Chinese label
	Definition string
	Inclusion  string
	Exclusion  string
	Example    string
	Colour     string // #rrggbb
	Shortcut   string // "1".."9" or ""
	ParentID   string
	Position   int
}

// Counts summarises a project, as `turncoder info` prints it.
type Counts struct {
	Documents int `json:"documents"`
	Sections  int `json:"sections"`
	Turns     int `json:"turns"`
	Notes     int `json:"notes"`
	Speakers  int `json:"speakers"`
	Codes     int `json:"codes"`
	Coders    int `json:"coders"`
	Codings   int `json:"codings"`
}

// TurnRow is one turn as listed by `turncoder turns`: where it stands, who says it, what.
type TurnRow struct {
	ID       string
	Document string // title
	Section  string // title, or "" outside any section
	Number   int    // 1-based among the document's turns; the number the GUI shows
	Speaker  string // "" for prose paragraphs
	Role     Role   // "" for prose paragraphs
	Text     string
	Start    time.Duration
	End      time.Duration
	Timed    bool
}

// CodingRow is one line of a codings table: coder gave code to turn number Turn of Document.
// An empty Code means the coder reviewed the turn and no code applies.
type CodingRow struct {
	Document string
	Turn     int
	Coder    string
	Code     string
	Time     time.Time // when it was last changed (export only)
	Line     int       // source line, for error messages (import only)
}
