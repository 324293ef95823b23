package refi

import (
	"encoding/xml"

	"github.com/turncoder/turncoder/coding/codebook"
)

// The elements of project.qde that turncoder writes and reads (Project.xsd). Child elements
// are declared in the order the schema's sequences put them, which is the order encoding/xml
// writes them in. Their names carry no namespace: they take the Project's, and a file of
// another version of the namespace reads the same.

type xProject struct {
	XMLName   xml.Name    `xml:"urn:QDA-XML:project:1.0 Project"`
	Name      string      `xml:"name,attr"`
	Origin    string      `xml:"origin,attr,omitempty"`
	Users     *xUsers     `xml:"Users,omitempty"`
	CodeBook  *xCodeBook  `xml:"CodeBook,omitempty"`
	Variables *xVariables `xml:"Variables,omitempty"`
	Cases     *xCases     `xml:"Cases,omitempty"`
	Sources   *xSources   `xml:"Sources,omitempty"`
	Notes     *xNotes     `xml:"Notes,omitempty"`
}

type xUsers struct {
	Users []xUser `xml:"User"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
	ID   string `xml:"id,attr,omitempty"`
}

type xCodeBook struct {
	Codes []codebook.Node `xml:"Codes>Code"`
}

type xVariables struct {
	Variables []xVariable `xml:"Variable"`
}

type xVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type xCases struct {
	Cases []xCase `xml:"Case"`
}

type xCase struct {
	GUID        string           `xml:"guid,attr"`
	Name        string           `xml:"name,attr,omitempty"`
	Description string           `xml:"Description,omitempty"`
	CodeRefs    []xRef           `xml:"CodeRef"`
	Values      []xVariableValue `xml:"VariableValue"`
	SourceRefs  []xRef           `xml:"SourceRef"`
	Selections  []xRef           `xml:"SelectionRef"`
}

type xVariableValue struct {
	Variable xRef    `xml:"VariableRef"`
	Text     *string `xml:"TextValue,omitempty"`
	// The other value types are read only to tell that a value is there.
	Boolean  *string `xml:"BooleanValue,omitempty"`
	Integer  *string `xml:"IntegerValue,omitempty"`
	Float    *string `xml:"FloatValue,omitempty"`
	Date     *string `xml:"DateValue,omitempty"`
	DateTime *string `xml:"DateTimeValue,omitempty"`
}

type xRef struct {
	Target string `xml:"targetGUID,attr"`
}

type xSources struct {
	Text []xTextSource `xml:"TextSource"`
}

// xTextSource is a TextSource, and a Note (a Note is a TextSourceType).
type xTextSource struct {
	GUID          string           `xml:"guid,attr"`
	Name          string           `xml:"name,attr,omitempty"`
	RichTextPath  string           `xml:"richTextPath,attr,omitempty"`
	PlainTextPath string           `xml:"plainTextPath,attr,omitempty"`
	CreatingUser  string           `xml:"creatingUser,attr,omitempty"`
	Description   string           `xml:"Description,omitempty"`
	Content       *string          `xml:"PlainTextContent,omitempty"`
	Selections    []xSelection     `xml:"PlainTextSelection"`
	Codings       []xCoding        `xml:"Coding"`
	NoteRefs      []xRef           `xml:"NoteRef"`
	Values        []xVariableValue `xml:"VariableValue"`
}

type xSelection struct {
	GUID         string    `xml:"guid,attr"`
	Name         string    `xml:"name,attr,omitempty"`
	Start        string    `xml:"startPosition,attr"`
	End          string    `xml:"endPosition,attr"`
	CreatingUser string    `xml:"creatingUser,attr,omitempty"`
	Description  string    `xml:"Description,omitempty"`
	Codings      []xCoding `xml:"Coding"`
	NoteRefs     []xRef    `xml:"NoteRef"`
}

type xCoding struct {
	GUID         string `xml:"guid,attr"`
	CreatingUser string `xml:"creatingUser,attr,omitempty"`
	CodeRef      xRef   `xml:"CodeRef"`
	NoteRefs     []xRef `xml:"NoteRef"`
}

type xNotes struct {
	Notes []xTextSource `xml:"Note"`
}
