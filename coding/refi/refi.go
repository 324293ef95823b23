// Package refi moves a whole study in and out of a REFI-QDA project exchange file (.qdpx), the
// zip of project.qde and sources/ that ATLAS.ti, MAXQDA, NVivo, QualCoder and Transana exchange
// projects in (REFI-QDA 1.5). It is pure: bytes in, a Project and its Report out, and a Project
// in, bytes out; the project file is package store's.
//
// REFI-QDA has no speakers or turns. A document is a TextSource whose plain text holds one line
// per item: a turn as "Speaker: text", a prose paragraph, a note and a section heading as they
// are. A coder is a User. One coder's work on one turn is one PlainTextSelection covering that
// turn's text, with one Coding per code; a turn reviewed with no code is a selection without a
// coding. A memo is a Note the selection refers to. Speakers are Cases, with their role as the
// Variable "role". The codebook is the CodeBook, as coding/codebook writes a .qdc.
//
// Reading another tool's file goes the other way: each text source is read by coding/transcript
// as a transcript file is (turns or prose), and each selection codes the turns its span of text
// overlaps. What has no place in turncoder is left out and named in the Report.
package refi

import (
	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
)

// Namespace is the XML namespace of a REFI-QDA project (project.qde).
const Namespace = "urn:QDA-XML:project:1.0"

// RoleVariable is the name of the Variable that holds a speaker's role on their Case.
const RoleVariable = "role"

// Project is a study as it moves through a .qdpx file: what Write writes and Read reads.
type Project struct {
	// Name is the project's name (the .turncoder file's, without its extension).
	Name string
	// Origin is the program that wrote the file ("turncoder", "ATLAS.ti 23.4.0", ...).
	Origin string
	// Coders are the people who coded, in order; the consensus layer is one of them.
	Coders []Coder
	// Book is the codebook: its codes, parents first, with what the file gives of each and the
	// guid each has in the file (Book.GUIDs, filled by Read).
	Book codebook.Book
	// Speakers are the speakers of the documents with their roles.
	Speakers []coding.Speaker
	// Documents are the documents, in order.
	Documents []Document
}

// Coder is someone whose codings, reviewed marks or memos are in the file.
type Coder struct {
	Name string
	// Consensus marks the adjudicated layer (turncoder's consensus coder).
	Consensus bool
}

// Document is one document with what the coders did on its turns.
type Document struct {
	// ID is turncoder's id of the document (its content hash); "" when read from another tool.
	ID string
	// Source is the file the document was first imported from, kept for the record.
	Source string
	// Doc is the document: title, format, encoding and items in order. An item's Label is the
	// label as the source wrote it; Speaker is the speaker as the project knows them now.
	Doc coding.Document
	// Marks are the coders' work on its turns.
	Marks []Mark
}

// Mark is one coder's work on one turn: reviewed or not, the codes given, the memo.
type Mark struct {
	// Item is the turn's index in Doc.Items (an item of kind coding.KindTurn).
	Item  int
	Coder string
	// Reviewed is the coder's reviewed mark. Reviewed with no codes: no code applies.
	Reviewed bool
	// Codes are the ids of the codes given (ids of Book.Codes).
	Codes []string
	// Memo is the coder's memo on the turn, "" for none.
	Memo string
}

// TurnNumbers gives each turn of items its 1-based number among the turns (the number the
// GUI and the command line show), by item index; other items get 0.
func TurnNumbers(items []coding.Item) []int {
	nums := make([]int, len(items))
	n := 0
	for i, it := range items {
		if it.Kind == coding.KindTurn {
			n++
			nums[i] = n
		}
	}
	return nums
}

// ChooseRoles gives the speakers of the project's documents the roles chosen on import (by
// label), as a transcript's import takes them: for speakers new to the project (the store
// refuses another role for a known one).
func (p *Project) ChooseRoles(roles map[string]coding.Role) {
	if len(roles) == 0 {
		return
	}
	for i := range p.Documents {
		d := &p.Documents[i].Doc
		for label, role := range roles {
			for _, it := range d.Items {
				if it.Speaker == label {
					if d.Roles == nil {
						d.Roles = map[string]coding.Role{}
					}
					d.Roles[label] = role
					break
				}
			}
		}
	}
	for i, s := range p.Speakers {
		if r, ok := roles[s.Label]; ok {
			p.Speakers[i].Role = r
		}
	}
}
