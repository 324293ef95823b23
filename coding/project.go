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

// interviewerLabels are the speaker labels that name the one asking the questions, in the
// languages of the corpora turncoder is used on (lower case, without a trailing number).
var interviewerLabels = map[string]bool{
	"interviewer": true, "moderator": true, "facilitator": true, "q": true, "i": true, "int": true,
	"question": true, "researcher": true,
	"采访者": true, "访谈者": true, "访问者": true, "访员": true, "主持人": true, "记者": true, "提问者": true, "研究者": true,
	"訪談者": true, "訪問者": true, "採訪者": true, "主持": true, "記者": true,
}

// GuessRole is the role a new speaker is given on import from the label alone: interviewer
// for labels such as Interviewer, Moderator, Q, 采访者, 访谈者, 主持人 or 记者 (also numbered,
// "Interviewer 2", and in full-width letters), respondent otherwise. The speakers dialog
// changes it.
func GuessRole(label string) Role {
	l := strings.ToLower(strings.TrimSpace(width(label)))
	l = strings.TrimRight(l, "0123456789 ._-#")
	if interviewerLabels[l] {
		return RoleInterviewer
	}
	return RoleRespondent
}

// width folds full-width ASCII letters and digits (Ｑ, Ｉ１) to their plain forms.
func width(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
}
