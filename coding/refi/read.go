package refi

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
	"github.com/turncoder/turncoder/coding/say"
	"github.com/turncoder/turncoder/coding/transcript"
)

// Options steer a read.
type Options struct {
	// Format reads every text source as turns or prose ("" detects, as for a transcript file).
	Format string
	// NotSpeakers are labels that are not speakers, as transcript.Options has them.
	NotSpeakers []string
}

// maxDepth bounds how deeply project.qde nests its elements: codes nest at most
// codebook.MaxDepth deep inside a few levels of project structure.
const maxDepth = codebook.MaxDepth + 16

// maxNoteBytes bounds a note kept in a file of its own (plainTextPath) rather than in the XML.
const maxNoteBytes = 4 << 20

// Read reads a .qdpx, size bytes read through r; name is its file name, for the report. It
// returns the project as turncoder will hold it and the report of what was read and left
// out. The error is one sentence a researcher can act on: a file that is not a REFI-QDA project,
// a damaged one, or one past the limits turncoder holds zip archives to (those of DOCX and
// XLSX), which nothing of is read.
func Read(r io.ReaderAt, size int64, name string, opt Options) (*Project, *Report, error) {
	a, err := openArchive(r, size)
	if err != nil {
		return nil, nil, err
	}
	qde, err := a.projectPart()
	if err != nil {
		return nil, nil, err
	}
	data, err := a.read(qde, transcript.MaxZipEntry, projectXML, "")
	if err != nil {
		return nil, nil, err
	}
	p, err := parseQDE(data)
	if err != nil {
		return nil, nil, err
	}
	rd := &reader{a: a, dir: path.Dir(partName(qde)), p: p, opt: opt,
		rep: &Report{File: name, Format: "qdpx", Project: p.name, Origin: p.origin, Documents: []DocumentReport{}, Coders: []string{}, Dropped: []Dropped{}, Warnings: []string{}}}
	if rd.dir == "." {
		rd.dir = ""
	}
	proj, err := rd.assemble()
	if err != nil {
		return nil, nil, err
	}
	return proj, rd.rep, nil
}

// parsed is project.qde as read, before anything is mapped.
type parsed struct {
	name, origin, creatingUser string
	users                      []xUser
	book                       *codebook.Book
	variables                  []xVariable
	cases                      []xCase
	texts                      []xTextSource
	media                      map[string]int // PDFSource, PictureSource, AudioSource, VideoSource
	notes                      []xTextSource
	links, sets, graphs        int
	projectNotes               int     // NoteRef on the project
	warnings                   []error // sentences of say
}

// checkXML refuses what no REFI-QDA program writes before anything is decoded: a document type
// declaration (a DTD, whose entities could expand to gigabytes or reach for files), and
// elements nested deeper than maxDepth. It also finds malformed XML, in one sentence.
func checkXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = coding.XMLCharset
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return xmlError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return say.Errorf("the REFI-QDA project's project.qde declares a document type (<!DOCTYPE …>), which REFI-QDA files never have; turncoder refuses it")
			}
			return say.Errorf("the REFI-QDA project's project.qde holds a declaration (<!%s…>) that REFI-QDA files never have; turncoder refuses it", coding.Printable(string(firstWord(t))))
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return say.Errorf("the REFI-QDA project's project.qde nests elements more than %d deep, which no REFI-QDA program does; turncoder refuses it", maxDepth)
			}
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

func firstWord(b []byte) []byte {
	if i := bytes.IndexAny(b, " \t\r\n"); i >= 0 {
		return b[:i]
	}
	return b
}

func xmlError(err error) error {
	if refusal, ok := coding.XMLCharsetRefusal(err); ok { // coding.XMLCharset's sentence
		return refusal
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) || strings.HasSuffix(err.Error(), "unexpected EOF") {
		return say.Errorf("the REFI-QDA project's project.qde ends early; export the project again")
	}
	return say.Errorf("the REFI-QDA project's project.qde is not well-formed XML (%s); export the project again", coding.Printable(err.Error()))
}

// projectSpace reports whether ns is a REFI-QDA project's namespace (urn:QDA-XML:project:1.0,
// or another version of it), or none at all, as some programs write it.
func projectSpace(ns string) bool {
	return ns == "" || strings.HasPrefix(strings.ToLower(ns), "urn:qda-xml:project:")
}

func parseQDE(data []byte) (*parsed, error) {
	if err := checkXML(data); err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = coding.XMLCharset
	var root *xml.StartElement
	for root == nil {
		tok, err := d.Token()
		if err != nil {
			return nil, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root = &t
		case xml.CharData:
			if strings.TrimSpace(strings.TrimPrefix(string(t), "\ufeff")) != "" {
				return nil, say.Errorf("the file is not a REFI-QDA project: its project.qde has text before its root element")
			}
		}
	}
	if root.Name.Local != "Project" || !projectSpace(root.Name.Space) {
		if root.Name.Local == "CodeBook" {
			return nil, say.Errorf("the file is not a REFI-QDA project: its .qde holds a codebook; import that with codebook --import")
		}
		return nil, say.Errorf("the file is not a REFI-QDA project: the root element of its project.qde is <%s>, not <Project>", coding.Printable(root.Name.Local))
	}
	p := &parsed{media: map[string]int{}}
	for _, at := range root.Attr {
		switch at.Name.Local {
		case "name":
			p.name = strings.TrimSpace(at.Value)
		case "origin":
			p.origin = strings.TrimSpace(at.Value)
		case "creatingUserGUID":
			p.creatingUser = at.Value
		}
	}
	for {
		t, ok, err := nextChild(d)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if err := p.element(d, t); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// element reads one child of <Project>.
func (p *parsed) element(d *xml.Decoder, t xml.StartElement) error {
	decode := func(v any) error {
		if err := d.DecodeElement(v, &t); err != nil {
			return say.Errorf("the REFI-QDA project's project.qde is damaged: its <%s> cannot be read (%s)", t.Name.Local, coding.Printable(err.Error()))
		}
		return nil
	}
	switch t.Name.Local {
	case "Users":
		var u xUsers
		if err := decode(&u); err != nil {
			return err
		}
		p.users = append(p.users, u.Users...)
	case "CodeBook":
		for {
			c, ok, err := nextChild(d)
			if err != nil || !ok {
				return err
			}
			if c.Name.Local != "Codes" || p.book != nil {
				p.warnings = append(p.warnings, say.Errorf("skipped <%s> in the codebook", coding.Printable(c.Name.Local)))
				if err := d.Skip(); err != nil {
					return xmlError(err)
				}
				continue
			}
			b, err := codebook.ReadCodes(d, c)
			if err != nil {
				return say.Errorf("the REFI-QDA project's codebook cannot be read: %v", err)
			}
			p.book = &b
		}
	case "Variables":
		var v xVariables
		if err := decode(&v); err != nil {
			return err
		}
		p.variables = append(p.variables, v.Variables...)
	case "Cases":
		var c xCases
		if err := decode(&c); err != nil {
			return err
		}
		p.cases = append(p.cases, c.Cases...)
	case "Sources":
		for {
			s, ok, err := nextChild(d)
			if err != nil || !ok {
				return err
			}
			if s.Name.Local != "TextSource" {
				p.media[s.Name.Local]++
				if err := d.Skip(); err != nil {
					return xmlError(err)
				}
				continue
			}
			var x xTextSource
			if err := d.DecodeElement(&x, &s); err != nil {
				return say.Errorf("the REFI-QDA project's project.qde is damaged: a <TextSource> cannot be read (%s)", coding.Printable(err.Error()))
			}
			p.texts = append(p.texts, x)
		}
	case "Notes":
		var n xNotes
		if err := decode(&n); err != nil {
			return err
		}
		p.notes = append(p.notes, n.Notes...)
	case "Links", "Sets", "Graphs":
		n, err := countChildren(d)
		if err != nil {
			return err
		}
		switch t.Name.Local {
		case "Links":
			p.links += n
		case "Sets":
			p.sets += n
		default:
			p.graphs += n
		}
	case "NoteRef":
		p.projectNotes++
		return d.Skip()
	default: // Description, and elements of later versions
		return d.Skip()
	}
	return nil
}

func nextChild(d *xml.Decoder) (xml.StartElement, bool, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, false, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, true, nil
		case xml.EndElement:
			return xml.StartElement{}, false, nil
		}
	}
}

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

// normGUID is a guid as compared (codebook.NormGUID).
var normGUID = codebook.NormGUID

// reader maps a parsed project onto turncoder's.
type reader struct {
	a   *archive
	dir string // the folder of project.qde in the archive
	p   *parsed
	opt Options
	rep *Report

	users    map[string]string // guid → coder name
	codes    map[string]string // guid → code id
	notes    map[string]*xTextSource
	usedNote map[string]bool
	coders   map[string]bool // coder names that have work in the file
}

// turncoder is true when the file is one turncoder wrote.
func (rd *reader) turncoder() bool { return strings.HasPrefix(rd.p.origin, "turncoder") }

func (rd *reader) assemble() (*Project, error) {
	p, rep := rd.p, rd.rep
	proj := &Project{Name: p.name, Origin: p.origin}
	for _, w := range p.warnings {
		rep.warn(w)
	}

	// Users: each a coder once something of theirs is in the file.
	rd.users = map[string]string{}
	names := map[string]bool{}
	for _, u := range p.users {
		name := coding.NormalizeLabel(u.Name)
		if name == "" {
			name = coding.NormalizeLabel(u.ID)
		}
		if name == "" {
			name = "user " + shortGUID(u.GUID)
		}
		rd.users[normGUID(u.GUID)] = name
		names[name] = true
	}
	rd.coders = map[string]bool{}

	// The codebook.
	rd.codes = map[string]string{}
	if p.book != nil {
		proj.Book = *p.book
		if n, how := unflatten(&proj.Book); n > 0 {
			rep.warn(how)
		}
		for i, c := range proj.Book.Codes {
			rd.codes[normGUID(proj.Book.GUIDs[i])] = c.ID
		}
		for _, w := range nestingWarnings(proj.Book.Warnings, proj.Book.WarningsWhy) {
			rep.warn(w)
		}
	}
	rep.Codes = len(proj.Book.Codes)

	rd.notes = map[string]*xTextSource{}
	rd.usedNote = map[string]bool{}
	for i := range p.notes {
		rd.notes[normGUID(p.notes[i].GUID)] = &p.notes[i]
	}

	// The documents.
	for i := range p.texts {
		doc, err := rd.textSource(&p.texts[i], i)
		if err != nil {
			return nil, err
		}
		if doc != nil {
			proj.Documents = append(proj.Documents, *doc)
		}
	}

	// Speakers and their roles, from the cases.
	rd.speakers(proj)

	// The coders, in the order of the users, then anyone else the file names. In a file
	// turncoder wrote every user is a coder, whether or not they coded anything yet.
	for _, u := range p.users {
		name := rd.users[normGUID(u.GUID)]
		if rd.coders[name] || (rd.turncoder() && !hasCoder(proj.Coders, name)) {
			proj.Coders = append(proj.Coders, Coder{Name: name})
			delete(rd.coders, name)
		}
	}
	var rest []string
	for name := range rd.coders {
		rest = append(rest, name)
	}
	sort.Strings(rest)
	for _, name := range rest {
		proj.Coders = append(proj.Coders, Coder{Name: name})
	}
	idle := 0
	var idleNames []string
	for _, u := range p.users {
		name := rd.users[normGUID(u.GUID)]
		if !hasCoder(proj.Coders, name) && !contains(idleNames, name) {
			idle++
			idleNames = append(idleNames, name)
		}
	}
	if idle > 0 {
		who := strings.Join(idleNames, ", ")
		rep.drop(idle, func(n int) error {
			return counted(n, say.Errorf("1 user who coded nothing in it (%s)", who), say.Errorf("%d users who coded nothing in it (%s)", n, who))
		}, say.Errorf("a coder is made for each user whose codings, reviewed passages or memos the file holds"))
	}
	for _, c := range proj.Coders {
		rep.Coders = append(rep.Coders, c.Name)
	}

	// What turncoder has no place for.
	unused := 0
	for _, n := range p.notes {
		if !rd.usedNote[normGUID(n.GUID)] {
			unused++
		}
	}
	rep.drop(unused, func(n int) error {
		return counted(n, say.Errorf("1 note not on a coded passage"), say.Errorf("%d notes not on a coded passage", n))
	},
		say.Errorf("turncoder keeps memos on turns; notes on the project, a document, a code or nothing have no place"))
	rep.drop(p.media["PDFSource"], func(n int) error { return counted(n, say.Errorf("1 PDF source"), say.Errorf("%d PDF sources", n)) },
		say.Errorf("turncoder codes text it can split into turns; export the PDF's text as a .txt and import that"))
	rep.drop(p.media["PictureSource"], func(n int) error {
		return counted(n, say.Errorf("1 picture source"), say.Errorf("%d picture sources", n))
	},
		say.Errorf("turncoder codes text, not pictures"))
	rep.drop(p.media["AudioSource"], func(n int) error { return counted(n, say.Errorf("1 audio source"), say.Errorf("%d audio sources", n)) },
		say.Errorf("turncoder codes transcripts; import the recording's transcript as a file"))
	rep.drop(p.media["VideoSource"], func(n int) error { return counted(n, say.Errorf("1 video source"), say.Errorf("%d video sources", n)) },
		say.Errorf("turncoder codes transcripts; import the recording's transcript as a file"))
	other := 0
	for k, n := range p.media {
		if k != "PDFSource" && k != "PictureSource" && k != "AudioSource" && k != "VideoSource" {
			other += n
		}
	}
	rep.drop(other, func(n int) error {
		return counted(n, say.Errorf("1 source of another kind"), say.Errorf("%d sources of other kinds", n))
	},
		say.Errorf("turncoder reads text sources"))
	rep.drop(p.sets, func(n int) error { return counted(n, say.Errorf("1 set"), say.Errorf("%d sets", n)) },
		say.Errorf("turncoder has no sets of codes or documents"))
	rep.drop(p.links, func(n int) error { return counted(n, say.Errorf("1 link"), say.Errorf("%d links", n)) },
		say.Errorf("turncoder has no links between codes, passages and notes"))
	rep.drop(p.graphs, func(n int) error { return counted(n, say.Errorf("1 graph"), say.Errorf("%d graphs", n)) },
		say.Errorf("turncoder has no graphs"))
	rep.drop(p.projectNotes, func(n int) error {
		return counted(n, say.Errorf("1 note on the whole project"), say.Errorf("%d notes on the whole project", n))
	},
		say.Errorf("turncoder keeps memos on turns"))
	return proj, nil
}

func hasCoder(cs []Coder, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func shortGUID(g string) string {
	g = normGUID(g)
	if len(g) > 8 {
		g = g[:8]
	}
	return g
}

// userName is the coder a user guid stands for: the user's name, or a name made of the guid
// when the file has no such user.
func (rd *reader) userName(guid string) string {
	if name, ok := rd.users[normGUID(guid)]; ok {
		return name
	}
	if normGUID(guid) == "" {
		return "unknown coder" // the file names no one: neither the coding, its selection nor the project
	}
	return "user " + shortGUID(guid)
}

// firstUser is the first of guids that is given.
func firstUser(guids ...string) string {
	for _, g := range guids {
		if strings.TrimSpace(g) != "" {
			return g
		}
	}
	return ""
}

// titleOf is a document's title from its source's name: in NFC (ATLAS.ti for macOS writes
// "Mabe\u0302l" for "Mabêl"), without the extension other programs keep in it ("Simon.docx"),
// "source N" when it has none.
func titleOf(name string, i int) string {
	name = norm.NFC.String(strings.Join(strings.Fields(name), " "))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".docx", ".doc", ".rtf", ".pdf", ".odt":
		name = strings.TrimSpace(strings.TrimSuffix(name, filepath.Ext(name)))
	}
	if name == "" {
		return fmt.Sprintf("source %d", i+1)
	}
	return name
}

// internalName is the name of an internal source's file from a path attribute: NAME of
// internal://NAME, or a bare name as some programs write it; external is true for a file kept
// outside the .qdpx (relative://, absolute://, file://).
func internalName(p string) (name string, external bool) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", false
	}
	scheme, rest, ok := strings.Cut(p, "://")
	if !ok {
		return p, false
	}
	if strings.EqualFold(scheme, "internal") {
		return rest, false
	}
	return "", true
}

// textSource reads one TextSource: its text, the document in it and its selections. A source
// turncoder cannot read is left out with its reason (nil, nil); the error is the file's.
func (rd *reader) textSource(x *xTextSource, i int) (*Document, error) {
	rep := rd.rep
	name := x.Name
	if strings.TrimSpace(name) == "" {
		// qc and some other writers give no name; the text file's own name is the next best
		if f, _ := internalName(x.PlainTextPath); f != "" && !codebook.IsGUID(strings.TrimSuffix(path.Base(f), path.Ext(f))) {
			name = path.Base(f)
		}
	}
	title := titleOf(name, i)
	var (
		raw      string
		docxData []byte
		encoding string
	)
	plain, plainExternal := internalName(x.PlainTextPath)
	rich, richExternal := internalName(x.RichTextPath)
	switch {
	case plain != "" && rd.a.source(rd.dir, plain) != nil:
		data, err := rd.a.read(rd.a.source(rd.dir, plain), transcript.MaxSourceBytes, sourceText, title)
		if err != nil {
			return nil, err
		}
		raw, encoding, err = transcript.Decode(data, "")
		if err != nil {
			rep.drop(1, unreadable, say.Errorf("%q: %v", title, err))
			return nil, nil
		}
	case x.Content != nil:
		raw, encoding = *x.Content, "utf-8"
	case rich != "" && strings.EqualFold(path.Ext(rich), ".docx") && rd.a.source(rd.dir, rich) != nil:
		data, err := rd.a.read(rd.a.source(rd.dir, rich), transcript.MaxSourceBytes, sourceDOCX, title)
		if err != nil {
			return nil, err
		}
		lines, err := transcript.DOCXLines(data)
		if err != nil {
			rep.drop(1, unreadable, say.Errorf("%q: %v", title, err))
			return nil, nil
		}
		raw, docxData = strings.Join(lines, "\n"), data
	case plainExternal || richExternal:
		rep.drop(1, func(n int) error {
			return counted(n, say.Errorf("1 source kept outside the file"), say.Errorf("%d sources kept outside the file", n))
		},
			say.Errorf("their text is an external file the .qdpx does not hold; export the project with its sources inside"))
		return nil, nil
	default:
		rep.drop(1, func(n int) error {
			return counted(n, say.Errorf("1 source whose text is not in the file"), say.Errorf("%d sources whose text is not in the file", n))
		},
			say.Errorf("the .qdpx holds no plain text or DOCX of them"))
		return nil, nil
	}
	if x.Content != nil && plain != "" && rd.a.source(rd.dir, plain) == nil {
		rep.warn(say.Errorf("%q: its text file %s is not in the .qdpx; the text in project.qde was read", title, coding.Printable(plain)))
	}
	t := newText(raw)

	doc, own := rd.ownDocument(x, t)
	if doc == nil {
		var err error
		doc, err = rd.readDocument(title, t, docxData)
		if err != nil {
			why := err
			if errors.Is(err, transcript.ErrEmpty) {
				why = say.Errorf("it has no text")
			}
			rep.drop(1, func(n int) error {
				return counted(n, say.Errorf("1 source with no turns or paragraphs"), say.Errorf("%d sources with no turns or paragraphs", n))
			}, say.Errorf("%q: %v", title, why))
			return nil, nil
		}
		doc.Doc.Encoding = encoding
	}
	doc.Doc.Title = title
	dr := DocumentReport{Title: title, Format: doc.Doc.Format}
	speakers := map[string]bool{}
	for _, it := range doc.Doc.Items {
		switch it.Kind {
		case coding.KindHeader:
			dr.Sections++
		case coding.KindNote:
			dr.Notes++
		case coding.KindTurn:
			dr.Turns++
			if it.Speaker != "" {
				speakers[it.Speaker] = true
			}
		}
	}
	dr.Speakers = len(speakers)
	for _, w := range doc.Doc.Warnings {
		rep.warn(say.Errorf("%q: %v", title, w.Sentence()))
	}

	// The selections.
	var spans []span
	var sels []*xSelection
	bad := 0
	for k := range x.Selections {
		s := &x.Selections[k]
		a, err1 := strconv.Atoi(strings.TrimSpace(s.Start))
		b, err2 := strconv.Atoi(strings.TrimSpace(s.End))
		if err1 != nil || err2 != nil {
			bad++
			continue
		}
		spans = append(spans, span{a, b})
		sels = append(sels, s)
	}
	rep.drop(bad, func(n int) error {
		return counted(n, say.Errorf("1 selection whose positions are not numbers"), say.Errorf("%d selections whose positions are not numbers", n))
	},
		say.Errorf("a passage is found by its positions in the text"))
	counting, units := t.choose(spans)
	if why := counting.describe(t.hasCRLF); why != nil {
		dr.Counting, dr.CountingWhy = why.Error(), why
	}
	items := t.itemSpans(doc.Doc.Items)
	marks := map[[2]string]*Mark{} // item index, coder
	var order [][2]string
	mark := func(item int, coder string) *Mark {
		key := [2]string{strconv.Itoa(item), coder}
		m := marks[key]
		if m == nil {
			m = &Mark{Item: item, Coder: coder}
			marks[key] = m
			order = append(order, key)
			rd.coders[coder] = true
		}
		return m
	}
	outside, noTurn, unknownCode := 0, 0, 0
	for k, s := range sels {
		sp := spans[k]
		if sp.start < 0 || sp.end < sp.start || sp.end > units.units {
			outside++
			continue
		}
		var turns []int
		for _, i := range t.overlapped(items, units.rune(sp.start), units.rune(sp.end)) {
			if doc.Doc.Items[i].Kind == coding.KindTurn {
				turns = append(turns, i)
			}
		}
		if len(turns) == 0 {
			noTurn++
			continue
		}
		dr.Spans++
		if len(turns) > 1 {
			dr.Crossed++
		}
		reviewed := !own || !doc.unreviewed[normGUID(s.GUID)]
		selUser := firstUser(s.CreatingUser, x.CreatingUser, rd.p.creatingUser)
		for _, c := range s.Codings {
			code, ok := rd.codes[normGUID(c.CodeRef.Target)]
			if !ok {
				unknownCode++
				continue
			}
			coder := rd.userName(firstUser(c.CreatingUser, selUser))
			for _, ti := range turns {
				m := mark(ti, coder)
				m.Reviewed = m.Reviewed || reviewed
				if !contains(m.Codes, code) {
					m.Codes = append(m.Codes, code)
				}
			}
			rd.memos(c.NoteRefs, coder, turns, mark)
		}
		if len(s.Codings) == 0 { // a selection with no coding: reviewed, no code applies
			coder := rd.userName(selUser)
			for _, ti := range turns {
				m := mark(ti, coder)
				m.Reviewed = m.Reviewed || reviewed
			}
		}
		rd.memos(s.NoteRefs, rd.userName(selUser), turns, mark)
		if d := strings.TrimSpace(s.Description); d != "" {
			for _, ti := range turns {
				addMemo(mark(ti, rd.userName(selUser)), d)
			}
		}
	}
	rep.drop(outside, func(n int) error {
		return counted(n, say.Errorf("1 selection outside its text"), say.Errorf("%d selections outside their text", n))
	},
		say.Errorf("its positions run past the end of the source's text (the text was changed after coding?)"))
	rep.drop(noTurn, func(n int) error {
		return counted(n, say.Errorf("1 selection on no turn"), say.Errorf("%d selections on no turn", n))
	},
		say.Errorf("it covers only a section heading, a note or text that is no turn or paragraph"))
	rep.drop(unknownCode, func(n int) error {
		return counted(n, say.Errorf("1 coding of a code not in the codebook"), say.Errorf("%d codings of codes not in the codebook", n))
	},
		say.Errorf("the code it refers to is not in the file's codebook"))
	rep.drop(len(x.Codings), func(n int) error {
		return counted(n, say.Errorf("1 coding of a whole source"), say.Errorf("%d codings of whole sources", n))
	},
		say.Errorf("turncoder codes turns, not whole documents"))
	for _, key := range order {
		m := marks[key]
		doc.Marks = append(doc.Marks, *m)
		rep.Codings += len(m.Codes)
		if m.Reviewed {
			rep.Reviewed++
		}
		if m.Memo != "" {
			rep.Memos++
		}
	}
	sort.SliceStable(doc.Marks, func(i, j int) bool { return doc.Marks[i].Item < doc.Marks[j].Item })
	rep.Spans += dr.Spans
	rep.Crossed += dr.Crossed
	rep.Documents = append(rep.Documents, dr)
	return &doc.Document, nil
}

// memos puts the text of the notes refs names on each turn as the memo of the note's author
// (else coder).
func (rd *reader) memos(refs []xRef, coder string, turns []int, mark func(int, string) *Mark) {
	for _, ref := range refs {
		n := rd.notes[normGUID(ref.Target)]
		if n == nil {
			continue
		}
		rd.usedNote[normGUID(ref.Target)] = true
		text := rd.noteText(n)
		if text == "" {
			continue
		}
		who := coder
		if n.CreatingUser != "" {
			who = rd.userName(n.CreatingUser)
		}
		for _, ti := range turns {
			addMemo(mark(ti, who), text)
		}
	}
}

// addMemo adds text to a mark's memo, after a blank line when it has one already.
func addMemo(m *Mark, text string) {
	switch {
	case m.Memo == "":
		m.Memo = text
	case m.Memo == text || strings.Contains(m.Memo, "\n\n"+text) || strings.HasPrefix(m.Memo, text+"\n\n"):
	default:
		m.Memo += "\n\n" + text
	}
}

// noteText is a note's text: its PlainTextContent, else its own text file, else its
// Description.
func (rd *reader) noteText(n *xTextSource) string {
	if n.Content != nil && strings.TrimSpace(*n.Content) != "" {
		return strings.TrimSpace(strings.ReplaceAll(*n.Content, "\r\n", "\n"))
	}
	if name, _ := internalName(n.PlainTextPath); name != "" {
		if f := rd.a.source(rd.dir, name); f != nil {
			if data, err := rd.a.read(f, maxNoteBytes, notePart, ""); err == nil {
				if s, _, err := transcript.Decode(data, ""); err == nil {
					return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
				}
			}
		}
	}
	return strings.TrimSpace(n.Description)
}

// sourceDoc is a document being read, with what turncoder's own block says of it.
type sourceDoc struct {
	Document
	unreviewed map[string]bool
}

// ownDocument rebuilds a document turncoder wrote from the block in its Description; nil when
// the source has none or the text no longer matches it (a warning says so).
func (rd *reader) ownDocument(x *xTextSource, t *text) (*sourceDoc, bool) {
	blk, ok, err := readBlock(x.Description)
	if !ok {
		return nil, false
	}
	if err == nil {
		var items []coding.Item
		if items, err = blk.itemsOf(t.s); err == nil {
			doc := &sourceDoc{Document: Document{ID: blk.id, Source: blk.source,
				Doc: coding.Document{Format: blk.format, Encoding: blk.encoding, Items: items}}, unreviewed: blk.unreviewed}
			return doc, true
		}
	}
	rd.rep.warn(say.Errorf("%q: the turncoder block of its description does not fit its text (%v), so the text was read as another program's", titleOf(x.Name, 0), err))
	return nil, false
}

// readDocument reads a source's text as a transcript file: turns or prose, as detected or as
// the options say. docx holds the source's DOCX when the text came from it.
func (rd *reader) readDocument(title string, t *text, docx []byte) (*sourceDoc, error) {
	opt := transcript.Options{Title: title, NotSpeakers: rd.opt.NotSpeakers}
	var doc *coding.Document
	var err error
	if docx != nil {
		opt.Format = "docx"
		doc, err = transcript.Read(title+".docx", docx, opt)
	} else {
		if f := rd.opt.Format; f == "turns" || f == "prose" {
			opt.Format = f
		}
		opt.Encoding = "utf-8"
		doc, err = transcript.Read(title+".txt", []byte(t.s), opt)
	}
	if err != nil {
		return nil, err
	}
	return &sourceDoc{Document: Document{Doc: *doc}}, nil
}

// speakers gives the documents' speakers their roles from the file's cases: a case named as a
// speaker with a value of the variable "role" that is a role. Cases of no speaker and other
// variables are left out, named in the report.
func (rd *reader) speakers(proj *Project) {
	p, rep := rd.p, rd.rep
	roleVars := map[string]bool{}
	var others []string
	for _, v := range p.variables {
		if strings.EqualFold(strings.TrimSpace(v.Name), RoleVariable) {
			roleVars[normGUID(v.GUID)] = true
		} else {
			others = append(others, strings.TrimSpace(v.Name))
		}
	}
	labels := map[string]bool{}
	for _, d := range proj.Documents {
		for _, it := range d.Doc.Items {
			if it.Kind == coding.KindTurn && it.Speaker != "" {
				labels[it.Speaker] = true
			}
		}
	}
	roles := map[string]coding.Role{}
	notSpeakers := 0
	for _, c := range p.cases {
		label := coding.NormalizeLabel(c.Name)
		if !labels[label] {
			notSpeakers++
			continue
		}
		for _, v := range c.Values {
			if roleVars[normGUID(v.Variable.Target)] && v.Text != nil {
				if r, err := coding.ParseRole(*v.Text); err == nil {
					roles[label] = r
				}
			}
		}
	}
	if len(others) > 0 {
		which := strings.Join(others, ", ")
		rep.drop(len(others), func(n int) error {
			return counted(n, say.Errorf("1 variable other than the role (%s)", which), say.Errorf("%d variables other than the role (%s)", n, which))
		}, say.Errorf("turncoder keeps one thing of a speaker, their role"))
	}
	rep.drop(notSpeakers, func(n int) error {
		return counted(n, say.Errorf("1 case that is no speaker of the documents"), say.Errorf("%d cases that are no speakers of the documents", n))
	},
		say.Errorf("turncoder's cases are the speakers of the turns"))
	seen := map[string]bool{}
	for i := range proj.Documents {
		d := &proj.Documents[i].Doc
		for _, it := range d.Items {
			if it.Kind != coding.KindTurn || it.Speaker == "" {
				continue
			}
			if r, ok := roles[it.Speaker]; ok {
				if d.Roles == nil {
					d.Roles = map[string]coding.Role{}
				}
				d.Roles[it.Speaker] = r
			}
			if !seen[it.Speaker] {
				seen[it.Speaker] = true
				r, ok := roles[it.Speaker]
				if !ok {
					r = coding.GuessRole(it.Speaker)
				}
				proj.Speakers = append(proj.Speakers, coding.Speaker{Label: it.Speaker, Role: r})
			}
		}
	}
}

// unflatten puts the codes ATLAS.ti names "parent::child" (its way of writing a code under
// another in a flat list) under their parent: a code of that name, or one made for it. It
// returns how many codes moved and a sentence of say for the report.
func unflatten(b *codebook.Book) (int, error) {
	byName := map[string]int{}
	for i, c := range b.Codes {
		byName[strings.ToLower(c.Name)] = i
	}
	hasKids := map[string]bool{}
	for _, c := range b.Codes {
		if c.ParentID != "" {
			hasKids[c.ParentID] = true
		}
	}
	var moved []string
	for i := 0; i < len(b.Codes); i++ {
		c := b.Codes[i]
		if c.ParentID != "" || hasKids[c.ID] || !strings.Contains(c.Name, "::") {
			continue
		}
		parts := strings.Split(c.Name, "::")
		parent, child := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[len(parts)-1])
		if parent == "" || child == "" {
			continue
		}
		pi, ok := byName[strings.ToLower(parent)]
		if !ok {
			// No code of the parent's name: make it, before the child.
			pc := coding.Code{ID: normGUID(codebook.GUID("refi-parent:" + strings.ToLower(parent))), Name: parent, Position: c.Position}
			b.Codes = append(b.Codes[:i], append([]coding.Code{pc}, b.Codes[i:]...)...)
			if b.Given != nil {
				b.Given = append(b.Given[:i], append([]codebook.Fields{codebook.GivesParent}, b.Given[i:]...)...)
			}
			if b.GUIDs != nil {
				b.GUIDs = append(b.GUIDs[:i], append([]string{pc.ID}, b.GUIDs[i:]...)...)
			}
			for k, v := range byName {
				if v >= i {
					byName[k] = v + 1
				}
			}
			byName[strings.ToLower(parent)] = i
			pi = i
			i++
		}
		parentID := b.Codes[pi].ID
		if b.Codes[pi].ParentID != "" {
			parentID = b.Codes[pi].ParentID
		}
		if parentID == b.Codes[i].ID {
			continue
		}
		if _, taken := byName[strings.ToLower(child)]; !taken {
			delete(byName, strings.ToLower(b.Codes[i].Name))
			b.Codes[i].Name = child
			byName[strings.ToLower(child)] = i
		}
		b.Codes[i].ParentID = parentID
		hasKids[parentID] = true
		moved = append(moved, c.Name)
	}
	if len(moved) == 0 {
		return 0, nil
	}
	return len(moved), say.Errorf("%d code(s) named parent::child, as ATLAS.ti writes a code under another, were put under their parent: %s",
		len(moved), strings.Join(moved, ", "))
}

// nested is the codebook reader's warning about a code nested deeper than turncoder groups.
var nested = regexp.MustCompile(`^code (".*") was nested \d+ levels deep; it is now directly under ".*" \(turncoder groups codes one level deep\)$`)

// nestingWarnings gathers the codebook's warnings about codes nested deeper than one level,
// one a code, into one (a project's codebook of other tools nests hundreds of codes).
// The others are the codebook's sentences of say (why, one a warning).
func nestingWarnings(ws []string, why []error) []error {
	var (
		out   []error
		names []string
	)
	at := -1
	for i, w := range ws {
		m := nested.FindStringSubmatch(w)
		if m == nil {
			if i < len(why) && why[i] != nil {
				out = append(out, why[i])
			} else {
				out = append(out, errors.New(w))
			}
			continue
		}
		if at < 0 {
			at = len(out)
			out = append(out, nil)
		}
		names = append(names, m[1])
	}
	if at >= 0 {
		list := names
		if len(list) > 10 {
			list = append(list[:10:10], "…")
		}
		out[at] = say.Errorf("%d code(s) nested more than one level deep now stand directly under their top-level code, since turncoder groups codes one level deep: %s",
			len(names), strings.Join(list, ", "))
	}
	return out
}
