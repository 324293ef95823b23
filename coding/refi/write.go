package refi

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
)

// Origin is what turncoder writes as the project's origin.
const Origin = "turncoder"

// guidOf is the guid turncoder gives a thing of a project: the name-based guid of what names
// it (coding/codebook's GUID), so the same project always gets the same guids, export after
// export. Codes get codebook.GUID of their ids, as in a .qdc.
func guidOf(kind string, parts ...string) string {
	return codebook.GUID("turncoder-" + kind + ":" + strings.Join(parts, "\x1f"))
}

// WriteStats counts what Write wrote, for the command's one line.
type WriteStats struct {
	Documents, Coders, Codes, Selections, Codings, Memos int
}

// Sentence says what was written: "3 documents, 2 coders, 4 codes, 120 selections (a coder's
// work on a turn), 98 codings, 5 memos".
func (st WriteStats) Sentence() string {
	return fmt.Sprintf("%s, %s, %s, %s (a coder's work on a turn), %s, %s",
		plural(st.Documents, "document", "documents"), plural(st.Coders, "coder", "coders"), plural(st.Codes, "code", "codes"),
		plural(st.Selections, "selection", "selections"), plural(st.Codings, "coding", "codings"), plural(st.Memos, "memo", "memos"))
}

// Write writes proj as a REFI-QDA project exchange file (.qdpx) to w: project.qde, then each
// document's plain text as sources/<guid>.txt (UTF-8, one line per item; see the package
// documentation). Every coder is a User; every mark a PlainTextSelection over exactly the turn's
// text (positions in code points, end exclusive) by its coder, with a Coding per code and a
// NoteRef to the memo; speakers are Cases with their role. The error says what in proj is not
// a project turncoder can write (a mark on an item that is no turn, a code not in the
// codebook); nothing is then written that a reader should trust, so the caller discards it.
func Write(w io.Writer, proj *Project) (WriteStats, error) {
	var st WriteStats
	name := proj.Name
	if strings.TrimSpace(name) == "" {
		name = "turncoder project"
	}
	x := xProject{Name: name, Origin: Origin}

	users := map[string]string{} // coder name → guid
	if len(proj.Coders) > 0 {
		x.Users = &xUsers{}
		for _, c := range proj.Coders {
			g := guidOf("coder", c.Name)
			users[c.Name] = g
			x.Users.Users = append(x.Users.Users, xUser{GUID: g, Name: c.Name})
		}
	}
	st.Coders = len(proj.Coders)

	codes := map[string]string{} // code id → guid
	if len(proj.Book.Codes) > 0 {
		tree, err := codebook.Tree(proj.Book.Codes)
		if err != nil {
			return st, err
		}
		x.CodeBook = &xCodeBook{Codes: tree}
		for _, c := range proj.Book.Codes {
			codes[c.ID] = codebook.GUID(c.ID)
		}
	}
	st.Codes = len(proj.Book.Codes)

	docGUID := make([]string, len(proj.Documents))
	for i, d := range proj.Documents {
		key := d.ID
		if key == "" {
			key = strconv.Itoa(i) + "\x1f" + d.Doc.Title
		}
		docGUID[i] = guidOf("document", key)
	}

	// Speakers as cases, their role as the variable "role".
	if len(proj.Speakers) > 0 {
		roleGUID := guidOf("variable", RoleVariable)
		x.Variables = &xVariables{Variables: []xVariable{{GUID: roleGUID, Name: RoleVariable, Type: "Text",
			Description: "The speaker's role in turncoder: interviewer, respondent or other."}}}
		x.Cases = &xCases{}
		speaksIn := map[string][]xRef{} // speaker → the documents they speak in
		for i, d := range proj.Documents {
			seen := map[string]bool{}
			for _, it := range d.Doc.Items {
				if it.Kind == coding.KindTurn && it.Speaker != "" && !seen[it.Speaker] {
					seen[it.Speaker] = true
					speaksIn[it.Speaker] = append(speaksIn[it.Speaker], xRef{docGUID[i]})
				}
			}
		}
		for _, sp := range proj.Speakers {
			role := string(sp.Role)
			x.Cases.Cases = append(x.Cases.Cases, xCase{GUID: guidOf("speaker", sp.Label), Name: sp.Label,
				Values: []xVariableValue{{Variable: xRef{roleGUID}, Text: &role}}, SourceRefs: speaksIn[sp.Label]})
		}
	}

	texts := make([]string, len(proj.Documents))
	var notes []xTextSource
	if len(proj.Documents) > 0 {
		x.Sources = &xSources{}
	}
	for i, d := range proj.Documents {
		src, text, memos, err := writeSource(d, docGUID[i], users, codes, &st)
		if err != nil {
			return st, fmt.Errorf("document %q: %w", d.Doc.Title, err)
		}
		x.Sources.Text = append(x.Sources.Text, src)
		texts[i] = text
		notes = append(notes, memos...)
	}
	st.Documents = len(proj.Documents)
	if len(notes) > 0 {
		x.Notes = &xNotes{Notes: notes}
	}

	zw := zip.NewWriter(w)
	qde, err := create(zw, "project.qde")
	if err != nil {
		return st, err
	}
	if _, err := io.WriteString(qde, xml.Header); err != nil {
		return st, err
	}
	enc := xml.NewEncoder(qde)
	enc.Indent("", " ")
	if err := enc.Encode(x); err != nil {
		return st, err
	}
	if err := enc.Close(); err != nil {
		return st, err
	}
	if _, err := io.WriteString(qde, "\n"); err != nil {
		return st, err
	}
	for i := range proj.Documents {
		f, err := create(zw, "sources/"+docGUID[i]+".txt")
		if err != nil {
			return st, err
		}
		if _, err := io.WriteString(f, texts[i]); err != nil {
			return st, err
		}
	}
	return st, zw.Close()
}

// writeSource makes one document's TextSource, its text and the notes of its memos.
func writeSource(d Document, guid string, users, codes map[string]string, st *WriteStats) (xTextSource, string, []xTextSource, error) {
	items := d.Doc.Items
	var b strings.Builder
	textStart := make([]int, len(items)) // rune offset of each item's text (after "Speaker: ")
	pos := 0
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
			pos++
		}
		line := lineOf(it)
		b.WriteString(line)
		textStart[i] = pos + utf8.RuneCountInString(line) - utf8.RuneCountInString(it.Text)
		pos += utf8.RuneCountInString(line)
	}
	nums := TurnNumbers(items)
	src := xTextSource{GUID: guid, Name: d.Doc.Title, PlainTextPath: "internal://" + guid + ".txt"}
	var notes []xTextSource
	var unreviewed []string
	for _, m := range d.Marks {
		if m.Item < 0 || m.Item >= len(items) || items[m.Item].Kind != coding.KindTurn {
			return src, "", nil, fmt.Errorf("a mark of %s is on item %d, which is no turn", m.Coder, m.Item+1)
		}
		if !m.Reviewed && len(m.Codes) == 0 && m.Memo == "" {
			continue
		}
		user, ok := users[m.Coder]
		if !ok {
			return src, "", nil, fmt.Errorf("the coder %q of a mark is not one of the project's coders", m.Coder)
		}
		it := items[m.Item]
		key := []string{guid, strconv.Itoa(m.Item), m.Coder}
		sel := xSelection{GUID: guidOf("selection", key...), Name: fmt.Sprintf("turn %d", nums[m.Item]),
			Start: strconv.Itoa(textStart[m.Item]), End: strconv.Itoa(textStart[m.Item] + utf8.RuneCountInString(it.Text)),
			CreatingUser: user}
		for _, c := range m.Codes {
			cg, ok := codes[c]
			if !ok {
				return src, "", nil, fmt.Errorf("turn %d: %s's code %q is not in the codebook", nums[m.Item], m.Coder, c)
			}
			sel.Codings = append(sel.Codings, xCoding{GUID: guidOf("coding", append(key, c)...), CreatingUser: user, CodeRef: xRef{cg}})
		}
		st.Codings += len(m.Codes)
		if m.Memo != "" {
			ng := guidOf("memo", key...)
			memo := m.Memo
			notes = append(notes, xTextSource{GUID: ng, Name: fmt.Sprintf("%s on %s, turn %d", m.Coder, d.Doc.Title, nums[m.Item]),
				CreatingUser: user, Content: &memo})
			sel.NoteRefs = append(sel.NoteRefs, xRef{ng})
			st.Memos++
		}
		if !m.Reviewed {
			unreviewed = append(unreviewed, sel.GUID)
		}
		src.Selections = append(src.Selections, sel)
		st.Selections++
	}
	src.Description = writeBlock(d, unreviewed)
	return src, b.String(), notes, nil
}

// create adds a compressed part dated the zip format's first day, so that the same project
// always gives the same bytes.
func create(zw *zip.Writer, name string) (io.Writer, error) {
	return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
}
