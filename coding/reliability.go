package coding

import "time"

// Scope says which turns, codes and coders an agreement figure or export covers. Empty fields
// mean all: the whole project, every role in the coding scope, every code, every coder (but
// never the consensus layer).
type Scope struct {
	Document string // title or id
	Section  string // section title within Document
	Roles    []Role
	Codes    []string // names, Chinese labels or ids
	Coders   []string
}

// Unit is one codable turn in a reliability data set, with where it stands.
type Unit struct {
	TurnID     string
	DocumentID string
	Document   string // title
	Section    string // title, or ""
	Number     int
	Speaker    string
	Role       Role
	Text       string
}

// Judgement is one row of a long reliability table: coder reviewed unit and gave code; an
// empty Code records the review itself (so a unit reviewed with no code is not missing).
type Judgement struct {
	Unit  string // Unit.TurnID, or any unit id for data from elsewhere
	Coder string
	Code  string    // code name, or "" for the review
	Time  time.Time // when it was last changed (zero for data from elsewhere)
}

// Reliability is the data an agreement computation needs for one scope.
type Reliability struct {
	Units      []Unit
	Coders     []string
	Codes      []Code // in codebook order
	Judgements []Judgement
}
