package codebook

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// CSVHeader is the header WriteCSV writes. parent holds the parent code's name.
var CSVHeader = []string{"id", "name", "name_zh", "definition", "inclusion", "exclusion", "example", "colour", "shortcut", "parent"}

// columnAliases are other header spellings ReadCSV accepts.
var columnAliases = map[string]string{"color": "colour", "zh": "name_zh", "parent_id": "parent"}

const bom = "\ufeff"

// lineBreaks turns CRLF and CR into LF.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// WriteCSV writes codes as a UTF-8 CSV table with a byte order mark (so spreadsheets read
// the Chinese right), header CSVHeader, parents before children as Order arranges them.
func WriteCSV(w io.Writer, codes []coding.Code) error {
	ordered, err := Order(codes)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, c := range ordered {
		names[c.ID] = c.Name
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := coding.NewCSVWriter(w)
	if err := cw.WriteStrings(CSVHeader); err != nil {
		return err
	}
	for _, c := range ordered {
		rec := []string{c.ID, c.Name, c.NameZH, c.Definition, c.Inclusion, c.Exclusion, c.Example, c.Colour, c.Shortcut, names[c.ParentID]}
		if err := cw.WriteStrings(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// ReadCSV reads a codebook table (at most MaxInput bytes). A leading byte order mark is
// skipped; columns may come in any order (color, zh and parent_id are accepted for colour,
// name_zh and parent); only name is required. Every value is trimmed, and its line breaks
// become LF.
//
// A row without id gets ID "" for the caller to assign (AssignIDs does it). parent is the
// name of a code in the file, or else its id; the parent must be a top-level code. When the
// parent row has no id, the child's ParentID is the parent's name, which AssignIDs turns
// into the new id. Position is the row's place among the codes (1, 2, …). Colours become
// #rrggbb (#abc is expanded). Blank rows are skipped.
//
// Errors name the line: text that is not UTF-8, a missing name column or name, an unknown
// column, two codes with the same name or id, a shortcut other than 1–9 or one already taken,
// a bad colour, and a parent that is not in the file or not top-level.
func ReadCSV(r io.Reader) ([]coding.Code, error) {
	codes, _, err := readCSV(r)
	return codes, err
}

// ReadCSVBook is ReadCSV, saying what the table gives of each code: the fields it has a
// column for (the parent column gives the parent, even when a row leaves it empty).
func ReadCSVBook(r io.Reader) (Book, error) {
	codes, given, err := readCSV(r)
	if err != nil {
		return Book{}, err
	}
	b := Book{Codes: codes, Given: make([]Fields, len(codes))}
	for i := range b.Given {
		b.Given[i] = given
	}
	return b, nil
}

// columnFields is what each column of a codebook table gives.
var columnFields = map[string]Fields{"name_zh": GivesNameZH, "definition": GivesDefinition, "inclusion": GivesInclusion,
	"exclusion": GivesExclusion, "example": GivesExample, "colour": GivesColour, "shortcut": GivesShortcut, "parent": GivesParent}

func readCSV(r io.Reader) ([]coding.Code, Fields, error) {
	br := bufio.NewReader(coding.StrictLimit(r, MaxInput, errTooLarge))
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte(bom)) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, 0, say.Errorf("the CSV file is empty: want a header line with at least a name column")
	}
	if err != nil {
		return nil, 0, csvError(err)
	}
	if err := coding.CheckTableText(1, header); err != nil {
		return nil, 0, err
	}
	col := map[string]int{}
	known := map[string]bool{}
	for _, h := range CSVHeader {
		known[h] = true
	}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if k == "" {
			continue
		}
		if a, ok := columnAliases[k]; ok {
			k = a
		}
		if !known[k] {
			return nil, 0, say.Errorf("line 1: unknown column %q (the columns are %s)", h, strings.Join(CSVHeader, ", "))
		}
		if _, dup := col[k]; dup {
			return nil, 0, say.Errorf("line 1: column %q appears twice", k)
		}
		col[k] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, 0, say.Errorf("line 1: the header has no name column")
	}
	type row struct {
		line   int
		parent string
	}
	var codes []coding.Code
	var rows []row
	byName := map[string]int{}
	byID := map[string]int{}
	keys := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, csvError(err)
		}
		ln, _ := cr.FieldPos(0)
		if err := coding.CheckTableText(ln, rec); err != nil {
			return nil, 0, err
		}
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				// encoding/csv keeps a lone CR but turns CRLF inside quotes into LF, so a value
				// with CRLF would not read back as written: every line break becomes LF.
				return coding.UnguardCSV(lineBreaks.Replace(strings.TrimSpace(rec[i]))) // as WriteCSV guarded it
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		c := coding.Code{ID: get("id"), Name: get("name"), NameZH: get("name_zh"), Definition: get("definition"),
			Inclusion: get("inclusion"), Exclusion: get("exclusion"), Example: get("example"), Shortcut: get("shortcut"),
			Position: len(codes) + 1}
		if c.Name == "" {
			return nil, 0, say.Errorf("line %d: the code has no name", ln)
		}
		if j, dup := byName[c.Name]; dup {
			return nil, 0, say.Errorf("line %d: a code named %q is already on line %d", ln, c.Name, rows[j].line)
		}
		if c.ID != "" {
			if j, dup := byID[c.ID]; dup {
				return nil, 0, say.Errorf("line %d: id %q is already the id of %q on line %d", ln, c.ID, codes[j].Name, rows[j].line)
			}
			byID[c.ID] = len(codes)
		}
		if !validShortcut(c.Shortcut) {
			return nil, 0, say.Errorf("line %d: shortcut %q of %q: use a key from 1 to 9", ln, c.Shortcut, c.Name)
		}
		if c.Shortcut != "" {
			if j, dup := keys[c.Shortcut]; dup {
				return nil, 0, say.Errorf("line %d: shortcut %s of %q is already the shortcut of %q on line %d", ln, c.Shortcut, c.Name, codes[j].Name, rows[j].line)
			}
			keys[c.Shortcut] = len(codes)
		}
		if s := get("colour"); s != "" {
			v, ok := normColour(s)
			if !ok {
				return nil, 0, say.Errorf("line %d: colour %q of %q is not #rrggbb", ln, s, c.Name)
			}
			c.Colour = v
		}
		byName[c.Name] = len(codes)
		codes = append(codes, c)
		rows = append(rows, row{line: ln, parent: get("parent")})
	}
	// Resolve parents once every code is known, so a parent may come after its children.
	parentOf := make([]int, len(codes))
	for i, rw := range rows {
		parentOf[i] = -1
		if rw.parent == "" {
			continue
		}
		j, ok := byName[rw.parent]
		if !ok {
			j, ok = byID[rw.parent]
		}
		if !ok {
			return nil, 0, say.Errorf("line %d: parent %q of %q is neither the name nor the id of a code in the file", rw.line, rw.parent, codes[i].Name)
		}
		if j == i {
			return nil, 0, say.Errorf("line %d: code %q is its own parent", rw.line, codes[i].Name)
		}
		parentOf[i] = j
	}
	for i, j := range parentOf {
		if j < 0 {
			continue
		}
		if parentOf[j] >= 0 {
			return nil, 0, say.Errorf("line %d: parent %q of %q is not a top-level code (codes group one level deep)", rows[i].line, codes[j].Name, codes[i].Name)
		}
		if codes[j].ID != "" {
			codes[i].ParentID = codes[j].ID
		} else {
			codes[i].ParentID = codes[j].Name
		}
	}
	var given Fields
	for k := range col {
		given |= columnFields[k]
	}
	return codes, given, nil
}

func csvError(err error) error {
	if errors.Is(err, errTooLarge) {
		return err
	}
	return coding.CSVError(err)
}
