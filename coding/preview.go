package coding

import (
	"fmt"
	"sort"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// ImportPreview is what a researcher sees of a source before anything is written: how it was
// read (format, encoding), what it holds (sections, speakers with their turns and roles, the
// first items) and every warning. `turncoder import --dry-run` prints it and the import
// dialog shows it; both are built from Preview, so they say the same.
type ImportPreview struct {
	File     string `json:"file"`
	Title    string `json:"title"`
	Format   string `json:"format"`
	Encoding string `json:"encoding"` // "" for formats read from a zip (DOCX, XLSX)
	// Error is the one sentence that refuses the file: the file could not be read (the other
	// fields are then empty), or the import would refuse what was chosen for it.
	Error    string           `json:"error,omitempty"`
	Sections []string         `json:"sections"` // the section titles, in order
	Turns    int              `json:"turns"`    // codable units: turns, or paragraphs of prose
	Notes    int              `json:"notes"`
	Timed    bool             `json:"timed"` // the turns carry times from the recording
	Speakers []PreviewSpeaker `json:"speakers"`
	First    []PreviewItem    `json:"first"`    // the first items, in order
	Warnings []string         `json:"warnings"` // every warning, "line N: ..." where the line is known
	// WarningsWhy are the Warnings as sentences of say (Warning.Sentence), one each, for the
	// window to give in its language.
	WarningsWhy []error `json:"-"`
	// Duplicate is the title of the document of the project that has this content already;
	// importing it would write nothing.
	Duplicate string `json:"duplicate,omitempty"`
	// SameName is the title of a document of the project, with other content, that has this
	// file's title or came from a file of this name: importing makes a second document (the
	// same file read with other choices, say).
	SameName string `json:"same_name,omitempty"`
}

// SameNameSentence says what SameName means for the import, or "" when it is empty.
func (pv ImportPreview) SameNameSentence() string {
	if pv.SameName == "" {
		return ""
	}
	return fmt.Sprintf("the project has a document %q from a file of this name or title already, with other content (read with other choices?); importing this one makes a second document", pv.SameName)
}

// PreviewSpeaker is one speaker label of a source: how many turns it has, and the role it will
// have in the project (the project's own when the speaker is known there, else the one
// chosen in the preview, else GuessRole).
type PreviewSpeaker struct {
	Label string `json:"label"`
	Turns int    `json:"turns"`
	Role  Role   `json:"role"`
	// Known: the project has this speaker already (by label or another name of theirs); Of
	// is the speaker's label in the project when it differs (an alias).
	Known bool   `json:"known"`
	Of    string `json:"of,omitempty"`
}

// PreviewItem is one item of the preview's first lines.
type PreviewItem struct {
	Kind    string `json:"kind"` // turn, note or header
	Speaker string `json:"speaker,omitempty"`
	Text    string `json:"text"`
	Start   string `json:"start,omitempty"` // h:mm:ss.mmm when timed
	End     string `json:"end,omitempty"`
}

// PreviewFirst is how many items a preview shows.
const PreviewFirst = 12

// PreviewText bounds the text of an item in a preview, in characters.
const PreviewText = 400

// Preview summarises doc, read from file, for the researcher: speakers by their number of
// turns (then by label), each with the role chosen in doc.Roles or guessed from the label.
// The caller (the store) fills in what the project knows: known speakers' roles, duplicates.
func Preview(file string, doc *Document) ImportPreview {
	pv := ImportPreview{File: file, Title: doc.Title, Format: doc.Format, Encoding: doc.Encoding,
		Sections: []string{}, Speakers: []PreviewSpeaker{}, First: []PreviewItem{}, Warnings: []string{}}
	counts := map[string]int{}
	var order []string
	for _, it := range doc.Items {
		switch it.Kind {
		case KindHeader:
			pv.Sections = append(pv.Sections, it.Text)
		case KindNote:
			pv.Notes++
		case KindTurn:
			pv.Turns++
			pv.Timed = pv.Timed || it.Timed
			if it.Speaker != "" {
				if counts[it.Speaker] == 0 {
					order = append(order, it.Speaker)
				}
				counts[it.Speaker]++
			}
		}
		if len(pv.First) < PreviewFirst {
			pv.First = append(pv.First, previewItem(it))
		}
	}
	col := collate.New(language.Chinese)
	sort.SliceStable(order, func(i, j int) bool {
		if counts[order[i]] != counts[order[j]] {
			return counts[order[i]] > counts[order[j]]
		}
		return col.CompareString(order[i], order[j]) < 0
	})
	for _, label := range order {
		role, ok := doc.Roles[label]
		if !ok {
			role = GuessRole(label)
		}
		pv.Speakers = append(pv.Speakers, PreviewSpeaker{Label: label, Turns: counts[label], Role: role})
	}
	for _, w := range doc.Warnings {
		pv.Warnings = append(pv.Warnings, w.String())
		pv.WarningsWhy = append(pv.WarningsWhy, w.Sentence())
	}
	return pv
}

func previewItem(it Item) PreviewItem {
	text := []rune(it.Text)
	if len(text) > PreviewText {
		text = append(text[:PreviewText-1], '…')
	}
	p := PreviewItem{Kind: it.Kind.String(), Speaker: it.Speaker, Text: string(text)}
	if it.Timed {
		p.Start, p.End = Clock(it.Start), Clock(it.End)
	}
	return p
}

// Clock writes a time in a recording as h:mm:ss.mmm.
func Clock(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	ms := d.Milliseconds()
	return fmt.Sprintf("%s%d:%02d:%02d.%03d", sign, ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// UnitName is what the codable units of a document read in format are called: paragraphs of
// prose, turns otherwise.
func UnitName(format string) string {
	if format == "prose" {
		return "paragraph"
	}
	return "turn"
}
