package coding

// Line is one line of a document as the coding workspace shows it: a section header, a note
// or a turn, in reading order.
type Line struct {
	Kind      Kind
	TurnID    string // turns only
	Number    int    // turns only: 1-based among the document's turns
	Speaker   string // turns with a speaker
	Role      Role   // turns with a speaker
	Text      string // for a header, the section title
	SectionID int64  // 0 outside any section
	// Codable is true for turns in the coding scope: prose paragraphs and turns of speakers
	// who are not interviewers (unless the project codes interviewers too).
	Codable bool
}

// TurnState is what one coder decided about one turn: the codes given (code ids, in codebook
// order) and whether the turn was reviewed. Reviewed with no codes means "no code applies".
type TurnState struct {
	Codes    []string
	Reviewed bool
}

// Has tells whether the state includes code id.
func (s TurnState) Has(code string) bool {
	for _, c := range s.Codes {
		if c == code {
			return true
		}
	}
	return false
}

// Equal compares two states, ignoring the order of codes.
func (s TurnState) Equal(o TurnState) bool {
	if s.Reviewed != o.Reviewed || len(s.Codes) != len(o.Codes) {
		return false
	}
	for _, c := range s.Codes {
		if !o.Has(c) {
			return false
		}
	}
	return true
}

// Progress counts how many codable turns a coder has reviewed.
type Progress struct {
	Reviewed int
	Codable  int
}

// Section is a part of a document (a call, an interview part).
type Section struct {
	ID         int64
	DocumentID string
	Title      string
}

// SearchHit is a turn whose text contains what was searched for.
type SearchHit struct {
	DocumentID string
	Document   string // title
	TurnID     string
	Number     int
	Text       string
}
