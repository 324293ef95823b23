package codebook

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Namespace is the XML namespace of a REFI-QDA codebook.
const Namespace = "urn:QDA-XML:codebook:1.0"

// MaxDepth is how deep ReadQDC follows nested Code elements before giving up.
const MaxDepth = 64

// blockHeader opens the block of turncoder fields at the end of a code's Description.
const blockHeader = "[turncoder]"

// The keys of the [turncoder] block, in the order WriteQDC writes them.
var blockKeys = []string{"id", "zh", "include", "exclude", "example", "shortcut", "position"}

// Node is one <Code> element as WriteQDC writes it, with its children nested in it. It has no
// namespace of its own: it takes the one of the element it is written in (a codebook's, or a
// REFI-QDA project's CodeBook, whose Code elements are the same).
type Node struct {
	XMLName     xml.Name `xml:"Code"`
	GUID        string   `xml:"guid,attr"`
	Name        string   `xml:"name,attr"`
	IsCodable   bool     `xml:"isCodable,attr"`
	Color       string   `xml:"color,attr,omitempty"`
	Description string   `xml:"Description,omitempty"`
	Children    []Node   `xml:"Code"`
}

type xmlBook struct {
	XMLName xml.Name `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Origin  string   `xml:"origin,attr,omitempty"`
	Codes   []Node   `xml:"Codes>Code"`
}

// EscapeValue makes a value one line: a backslash becomes \\, a line feed \n and a carriage
// return \r. UnescapeValue undoes it (an unknown escape is kept as written). The codebook's
// Description block and the REFI-QDA export's document block (coding/refi) write by it.
func EscapeValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func UnescapeValue(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i+1])
		}
		i++
	}
	return b.String()
}

// description is the Description WriteQDC gives a code: the definition, a blank line, and
// the [turncoder] block with one "key: value" line per non-empty field (id always).
func description(c coding.Code) string {
	var b strings.Builder
	if c.Definition != "" {
		b.WriteString(c.Definition)
		b.WriteString("\n\n")
	}
	b.WriteString(blockHeader)
	vals := map[string]string{"id": c.ID, "zh": c.NameZH, "include": c.Inclusion, "exclude": c.Exclusion,
		"example": c.Example, "shortcut": c.Shortcut}
	if c.Position != 0 {
		vals["position"] = strconv.Itoa(c.Position)
	}
	for _, k := range blockKeys {
		if v := vals[k]; v != "" {
			b.WriteString("\n" + k + ": " + EscapeValue(v))
		}
	}
	return b.String()
}

// splitDescription separates a Description into the definition and the [turncoder] block's
// fields. ok is false when there is no well-formed block; then def is the whole text.
func splitDescription(desc string) (def string, fields map[string]string, ok bool) {
	start := -1
	if strings.HasPrefix(desc, blockHeader+"\n") {
		start = 0
	}
	if i := strings.LastIndex(desc, "\n\n"+blockHeader+"\n"); i >= 0 {
		start = i + 2
	}
	if start < 0 {
		return desc, nil, false
	}
	block := strings.TrimRight(desc[start+len(blockHeader)+1:], " \t\n")
	fields = map[string]string{}
	known := map[string]bool{}
	for _, k := range blockKeys {
		known[k] = true
	}
	for _, line := range strings.Split(block, "\n") {
		k, v, found := strings.Cut(line, ":")
		if !found || !known[k] {
			return desc, nil, false
		}
		fields[k] = UnescapeValue(strings.TrimPrefix(v, " "))
	}
	if start == 0 {
		return "", fields, true
	}
	return desc[:start-2], fields, true
}

// WriteQDC writes codes as a REFI-QDA codebook (.qdc), parents before children as Order
// arranges them, children nested in their parent's Code element. Every code is codable.
//
// A code's guid is its ID when that is a GUID, otherwise GUID(ID), a name-based UUID, so
// the same codebook always gets the same guids. REFI-QDA has no place for the Chinese
// label, inclusion and exclusion criteria, example, shortcut, position and turncoder id, so
// they go into Description after the definition, as a block ReadQDC parses back:
//
//	<definition>
//
//	[turncoder]
//	id: code-referral
//	zh: 转介
//	include: …
//	exclude: …
//	example: …
//	shortcut: 1
//	position: 1
//
// Empty fields are left out (id is always there). In a value a backslash is written \\, a
// line feed \n and a carriage return \r, so each value is one line. Other tools show the
// Description as plain text: the definition first, then the block.
func WriteQDC(w io.Writer, codes []coding.Code) error {
	tree, err := Tree(codes)
	if err != nil {
		return err
	}
	book := xmlBook{Origin: "turncoder", Codes: tree}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(book); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// Tree is codes as the nested <Code> elements WriteQDC writes (see WriteQDC for the guids and
// the Description block), parents before children as Order arranges them: for a REFI-QDA
// project's <CodeBook><Codes>, whose Code elements are those of a codebook.
func Tree(codes []coding.Code) ([]Node, error) {
	ordered, err := Order(codes)
	if err != nil {
		return nil, err
	}
	if len(ordered) == 0 {
		return nil, say.Errorf("the codebook is empty; a REFI-QDA codebook needs at least one code")
	}
	var tree []Node
	index := map[string]int{} // top-level code id → index in tree
	seen := map[string]string{}
	for _, c := range ordered {
		x := Node{GUID: GUID(c.ID), Name: strings.TrimSpace(c.Name), IsCodable: true, Description: description(c)}
		if g := normGUID(x.GUID); seen[g] != "" {
			return nil, say.Errorf("codes %q and %q would get the same guid %s", seen[g], c.Name, x.GUID)
		} else {
			seen[g] = c.Name
		}
		if c.Colour != "" {
			col, ok := normColour(c.Colour)
			if !ok {
				return nil, say.Errorf("code %q: colour %q is not #rrggbb", c.Name, c.Colour)
			}
			x.Color = col
		}
		if !validShortcut(c.Shortcut) {
			return nil, say.Errorf("code %q: shortcut %q is not a key from 1 to 9", c.Name, c.Shortcut)
		}
		if c.ParentID == "" {
			index[c.ID] = len(tree)
			tree = append(tree, x)
		} else {
			p := &tree[index[c.ParentID]]
			p.Children = append(p.Children, x)
		}
	}
	return tree, nil
}

// node is one Code element as read.
type node struct {
	guid, name, colour, desc string
	hasColour, hasDesc       bool
	codable                  bool
	line                     int
	children                 []*node
}

// codebookSpace reports whether ns is the namespace of a REFI-QDA codebook. The standard's
// is urn:QDA-XML:codebook:1.0; tools write other versions of it too (ATLAS.ti 23 writes 0:4,
// NVivo 12 and older QualCoder 1:0), with the same elements.
func codebookSpace(ns string) bool {
	return len(ns) > len(codebookPrefix) && strings.EqualFold(ns[:len(codebookPrefix)], codebookPrefix)
}

const codebookPrefix = "urn:QDA-XML:codebook:"

// ReadQDC reads a REFI-QDA codebook: ReadQDCBook's codes and warnings.
func ReadQDC(r io.Reader) ([]coding.Code, []string, error) {
	b, err := ReadQDCBook(r)
	if err != nil {
		return nil, nil, err
	}
	return b.Codes, b.Warnings, nil
}

// ReadQDCBook reads a REFI-QDA codebook written by any tool, at most MaxInput bytes.
//
//   - The root is <CodeBook> in namespace urn:QDA-XML:codebook:1.0, or another version of it
//     (0:4, 1:0), whose elements are read the same way.
//   - Top-level codes stay top-level and their nested codes become their children. Codes
//     nested deeper are placed directly under their top-level ancestor, with a warning each,
//     since turncoder groups codes one level deep. Nesting deeper than MaxDepth is an error.
//   - A code's ID is its guid, lower-cased and without braces, unless its Description ends
//     in a [turncoder] block (see WriteQDC) with an id; the block's other fields are read back
//     too, so a codebook turncoder wrote reads back exactly. A bad shortcut or a shortcut
//     taken by an earlier code is dropped with a warning.
//   - Definition is the Description before the block (all of it, trimmed, without a block).
//   - Colours become #rrggbb (#abc is expanded, upper case lowered); an unreadable colour is
//     dropped with a warning.
//   - Codes marked isCodable="false" (folders in some tools) are kept as ordinary codes,
//     since turncoder has no uncodable codes; a warning lists them.
//   - Two codes with the same name (NVivo repeats a name in different branches) cannot both
//     keep it, since turncoder tells codes apart by name: a later one is named after its
//     parent in the file, "programming (cs_as_programming)", or numbered when that is taken
//     too; a warning lists them.
//   - Position is the block's position, or else the code's place (1, 2, …) in the file.
//   - Sets with a set in them, and unknown elements, are skipped with a warning; an empty
//     <Sets/> says nothing.
//
// Given says what the file gives of each code: everything when it has a [turncoder] block;
// otherwise its parent, its definition when it has a Description and its colour when it has
// one. Codes come back parents first, in file order. Malformed XML, a root other than
// CodeBook in a codebook namespace, a Code without guid or name, a malformed guid and two
// codes with the same guid or id are errors that say where.
func ReadQDCBook(r io.Reader) (Book, error) {
	d := xml.NewDecoder(coding.StrictLimit(r, MaxInput, errTooLarge))
	d.Strict = true
	d.CharsetReader = coding.XMLCharset
	var warnings []error
	var root *xml.StartElement
	for root == nil {
		tok, err := d.Token()
		if err == io.EOF {
			return Book{}, say.Errorf("not a REFI-QDA codebook: no XML element in the input")
		}
		if err != nil {
			return Book{}, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root = &t
		case xml.CharData:
			// QualCoder writes its codebooks with a UTF-8 byte-order mark.
			if strings.TrimSpace(strings.TrimPrefix(string(t), "\ufeff")) != "" {
				return Book{}, say.Errorf("not a REFI-QDA codebook: text before the root element (is this XML?)")
			}
		}
	}
	ns := root.Name.Space
	if root.Name.Local == "Project" && strings.HasPrefix(strings.ToLower(ns), "urn:qda-xml:project:") {
		return Book{}, say.Errorf("not a REFI-QDA codebook: it is the project.qde of a REFI-QDA project; export the codebook from that tool as a .qdc and import that")
	}
	if root.Name.Local != "CodeBook" || !codebookSpace(ns) {
		if ns == "" {
			return Book{}, say.Errorf("not a REFI-QDA codebook: the root element is <%s> in no namespace; want <CodeBook> in namespace %s",
				root.Name.Local, Namespace)
		}
		return Book{}, say.Errorf("not a REFI-QDA codebook: the root element is <%s> in namespace %s; want <CodeBook> in namespace %s",
			root.Name.Local, ns, Namespace)
	}
	var tops []*node
	sawCodes := false
	for {
		t, ok, err := nextChild(d)
		if err != nil {
			return Book{}, err
		}
		if !ok {
			break
		}
		switch {
		case t.Name.Local == "Codes" && t.Name.Space == ns:
			sawCodes = true
			if tops, err = readCodes(d, ns, tops, &warnings); err != nil {
				return Book{}, err
			}
		case t.Name.Local == "Sets" && t.Name.Space == ns:
			sets, err := countChildren(d)
			if err != nil {
				return Book{}, err
			}
			if sets > 0 {
				warnings = append(warnings, say.Errorf("the codebook's sets were not imported (turncoder has no code sets)"))
			}
		default:
			warnings = append(warnings, say.Errorf("line %d: skipped unknown element <%s>", line(d), t.Name.Local))
			if err := d.Skip(); err != nil {
				return Book{}, xmlError(err)
			}
		}
	}
	if !sawCodes {
		return Book{}, say.Errorf("not a REFI-QDA codebook: <CodeBook> has no <Codes> element")
	}
	b, err := flatten(tops)
	if err != nil {
		return Book{}, err
	}
	return b.warned(warnings), nil
}

// ReadCodes reads the <Code> elements of the <Codes> element whose start d has just read, to
// its end, as ReadQDCBook reads a codebook's: the same ids, names, nesting, fields and
// warnings. A REFI-QDA project's <CodeBook> holds such a <Codes> element in the project's
// namespace, which codes is in. A code's NoteRef (a memo on the code in a project) is skipped
// with a warning.
func ReadCodes(d *xml.Decoder, codes xml.StartElement) (Book, error) {
	var warnings []error
	tops, err := readCodes(d, codes.Name.Space, nil, &warnings)
	if err != nil {
		return Book{}, err
	}
	b, err := flatten(tops)
	if err != nil {
		return Book{}, err
	}
	return b.warned(warnings), nil
}

// countChildren reads to the end of the element being read and returns how many child
// elements it has.
func countChildren(d *xml.Decoder) (int, error) {
	n := 0
	for {
		_, ok, err := nextChild(d)
		if err != nil || !ok {
			return n, err
		}
		n++
		if err := d.Skip(); err != nil {
			return n, xmlError(err)
		}
	}
}

// readCodes reads the <Code> elements of a <Codes> element into tops.
func readCodes(d *xml.Decoder, ns string, tops []*node, warnings *[]error) ([]*node, error) {
	for {
		c, ok, err := nextChild(d)
		if err != nil || !ok {
			return tops, err
		}
		if c.Name.Local != "Code" || c.Name.Space != ns {
			*warnings = append(*warnings, say.Errorf("line %d: skipped unknown element <%s> in <Codes>", line(d), c.Name.Local))
			if err := d.Skip(); err != nil {
				return nil, xmlError(err)
			}
			continue
		}
		n, err := readCode(d, ns, c, 1, warnings)
		if err != nil {
			return nil, err
		}
		tops = append(tops, n)
	}
}

// nextChild returns the next child element of the element being read, passing over text and
// comments; ok is false at the element's end.
func nextChild(d *xml.Decoder) (t xml.StartElement, ok bool, err error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return t, false, xmlError(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			return tok, true, nil
		case xml.EndElement:
			return t, false, nil
		}
	}
}

func line(d *xml.Decoder) int {
	l, _ := d.InputPos()
	return l
}

func xmlError(err error) error {
	if errors.Is(err, errTooLarge) {
		return err
	}
	if err == io.EOF {
		return say.Errorf("not a REFI-QDA codebook: the XML ends early")
	}
	if refusal, ok := coding.XMLCharsetRefusal(err); ok { // coding.XMLCharset's sentence
		return refusal
	}
	return say.Errorf("not a REFI-QDA codebook: bad XML: %s", coding.Printable(err.Error()))
}

// readCode reads the Code element that start opens, depth levels down (1 is top level).
func readCode(d *xml.Decoder, ns string, start xml.StartElement, depth int, warnings *[]error) (*node, error) {
	n := &node{line: line(d), codable: true}
	if depth > MaxDepth {
		return nil, say.Errorf("line %d: codes are nested more than %d levels deep", n.line, MaxDepth)
	}
	var hasGUID, hasName bool
	for _, a := range start.Attr {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "guid":
			n.guid, hasGUID = strings.TrimSpace(a.Value), true
		case "name":
			n.name, hasName = strings.TrimSpace(a.Value), true
		case "color":
			n.colour, n.hasColour = a.Value, true
		case "isCodable":
			v := strings.TrimSpace(a.Value)
			n.codable = !(v == "false" || v == "0")
		}
	}
	if !hasGUID || n.guid == "" {
		return nil, say.Errorf("line %d: a <Code> (name %q) has no guid", n.line, n.name)
	}
	if !isGUID(n.guid) {
		return nil, say.Errorf("line %d: code %q has a malformed guid %q", n.line, n.name, n.guid)
	}
	if !hasName || n.name == "" {
		return nil, say.Errorf("line %d: the <Code> with guid %s has no name", n.line, n.guid)
	}
	for {
		t, ok, err := nextChild(d)
		if err != nil {
			return nil, err
		}
		if !ok {
			return n, nil
		}
		switch {
		case t.Name.Local == "Code" && t.Name.Space == ns:
			c, err := readCode(d, ns, t, depth+1, warnings)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		case t.Name.Local == "Description" && t.Name.Space == ns:
			var s string
			if err := d.DecodeElement(&s, &t); err != nil {
				return nil, say.Errorf("line %d: the description of code %q: %s", line(d), n.name, coding.Printable(err.Error()))
			}
			n.desc, n.hasDesc = s, true
		default:
			*warnings = append(*warnings, say.Errorf("line %d: skipped unknown element <%s> in code %q", line(d), t.Name.Local, n.name))
			if err := d.Skip(); err != nil {
				return nil, xmlError(err)
			}
		}
	}
}

// flatten turns the tree into turncoder codes, parents first.
func flatten(tops []*node) (Book, error) {
	var b Book
	var (
		warnings           []error
		uncodable, renamed []string
	)
	guids := map[string]*node{}
	ids := map[string]string{}       // id → name
	shortcuts := map[string]string{} // key → name
	names := map[string]bool{}       // nameKey of each name given so far
	var add func(n *node, parent *node, parentID, topName string, depth int) error
	add = func(n *node, parent *node, parentID, topName string, depth int) error {
		g := normGUID(n.guid)
		if o := guids[g]; o != nil {
			return say.Errorf("line %d: code %q has the same guid %s as code %q on line %d", n.line, n.name, n.guid, o.name, o.line)
		}
		guids[g] = n
		c := coding.Code{ID: g, Name: n.name, Position: len(b.Codes) + 1}
		given := GivesParent
		def, f, ok := splitDescription(n.desc)
		if ok {
			given = GivesAll
			c.Definition = def
			if f["id"] != "" {
				c.ID = f["id"]
			}
			c.NameZH, c.Inclusion, c.Exclusion, c.Example = f["zh"], f["include"], f["exclude"], f["example"]
			// A position below 1 is not one WriteQDC writes (it leaves 0 out), so it would not
			// read back; the code's place in the file stands in for it, as for other tools.
			if p, err := strconv.Atoi(f["position"]); err == nil && p > 0 {
				c.Position = p
			}
			if s := f["shortcut"]; s != "" {
				switch {
				case !validShortcut(s):
					warnings = append(warnings, say.Errorf("code %q: dropped shortcut %q (use a key from 1 to 9)", n.name, s))
				case shortcuts[s] != "":
					warnings = append(warnings, say.Errorf("code %q: dropped shortcut %s, already the shortcut of %q", n.name, s, shortcuts[s]))
				default:
					shortcuts[s] = n.name
					c.Shortcut = s
				}
			}
		} else {
			c.Definition = strings.TrimSpace(def)
			if n.hasDesc {
				given |= GivesDefinition
			}
			if n.hasColour {
				given |= GivesColour
			}
		}
		if o, dup := ids[c.ID]; dup {
			return say.Errorf("line %d: code %q has the same id %q as code %q", n.line, n.name, c.ID, o)
		}
		ids[c.ID] = n.name
		if n.colour != "" {
			if col, ok := normColour(n.colour); ok {
				c.Colour = col
			} else {
				warnings = append(warnings, say.Errorf("code %q: dropped unreadable colour %q", n.name, n.colour))
			}
		}
		if !n.codable {
			uncodable = append(uncodable, n.name)
		}
		if names[nameKey(c.Name)] {
			c.Name = uniqueName(c.Name, parent, names)
			renamed = append(renamed, fmt.Sprintf("%q (line %d)", c.Name, n.line))
		}
		names[nameKey(c.Name)] = true
		if depth > 2 {
			warnings = append(warnings, say.Errorf("code %q was nested %d levels deep; it is now directly under %q (turncoder groups codes one level deep)",
				c.Name, depth, topName))
		}
		c.ParentID = parentID
		b.Codes = append(b.Codes, c)
		b.Given = append(b.Given, given)
		b.GUIDs = append(b.GUIDs, n.guid)
		under, top := parentID, topName
		if parentID == "" {
			under, top = c.ID, c.Name
		}
		for _, k := range n.children {
			if err := add(k, n, under, top, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for _, t := range tops {
		if err := add(t, nil, "", "", 1); err != nil {
			return Book{}, err
		}
	}
	if len(uncodable) > 0 {
		warnings = append(warnings, say.Errorf("%d code(s) marked not codable in the file were imported as ordinary codes: %s",
			len(uncodable), strings.Join(uncodable, ", ")))
	}
	if len(renamed) > 0 {
		warnings = append(warnings, say.Errorf("%d code(s) have the name of an earlier code and were named after their parent, since turncoder needs each code's name to be unique: %s",
			len(renamed), strings.Join(renamed, ", ")))
	}
	return b.warned(warnings), nil
}

// nameKey is a code name as the project compares names: without case.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// uniqueName gives a code whose name an earlier code has a name no code has yet: the name
// followed by its parent's in the file, "programming (cs_as_programming)", or when that is
// taken or longer than a label may be (coding.MaxLabel), numbered: "programming (2)".
func uniqueName(name string, parent *node, taken map[string]bool) string {
	if parent != nil {
		if q := name + " (" + parent.name + ")"; !taken[nameKey(q)] && utf8.RuneCountInString(q) <= coding.MaxLabel {
			return q
		}
	}
	for i := 2; ; i++ {
		if q := fmt.Sprintf("%s (%d)", name, i); !taken[nameKey(q)] {
			return q
		}
	}
}
