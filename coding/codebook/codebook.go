// Package codebook moves a turncoder codebook in and out of files: REFI-QDA codebooks (.qdc,
// the XML file that ATLAS.ti, MAXQDA, NVivo, QualCoder and Transana exchange) and a plain CSV
// table that researchers edit in a spreadsheet.
//
// Codes group one level deep in turncoder (a code's ParentID names a top-level code). The
// writers put parents before children: top-level codes in (Position, Name) order, each
// followed by its children in the same order. Order returns that arrangement.
package codebook

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// MaxInput is the most bytes ReadQDC and ReadCSV read; a larger input is an error.
const MaxInput = 32 << 20

// Fields names fields of a code that a codebook file gives (the name always). Importing a
// file leaves the fields it does not give as the project has them: a REFI-QDA codebook from
// another tool has no Chinese label or shortcut, and a CSV table may have only some columns.
type Fields uint16

// The fields a codebook file may give.
const (
	GivesNameZH Fields = 1 << iota
	GivesDefinition
	GivesInclusion
	GivesExclusion
	GivesExample
	GivesColour
	GivesShortcut
	GivesParent

	// GivesAll is every field: a codebook turncoder wrote.
	GivesAll = GivesNameZH | GivesDefinition | GivesInclusion | GivesExclusion | GivesExample | GivesColour | GivesShortcut | GivesParent
)

// Book is a codebook as read from a file: its codes, parents first in the file's order, what
// the file gives of each (Given[i] for Codes[i]), and warnings about what was read.
type Book struct {
	Codes []coding.Code
	Given []Fields
	// GUIDs holds the guid each code has in a REFI-QDA file as written (GUIDs[i] for
	// Codes[i]), by which the file's codings refer to it; nil for a CSV table.
	GUIDs    []string
	Warnings []string
	// WarningsWhy are the Warnings as sentences of say (package coding/say), one each, for the
	// window to give in its language.
	WarningsWhy []error
}

// warned is b with warnings (sentences of say) put before its own.
func (b Book) warned(warnings []error) Book {
	texts := make([]string, len(warnings))
	for i, w := range warnings {
		texts[i] = w.Error()
	}
	b.Warnings = append(texts, b.Warnings...)
	b.WarningsWhy = append(warnings, b.WarningsWhy...)
	return b
}

var (
	guidRE   = regexp.MustCompile(`^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$`)
	colourRE = regexp.MustCompile(`^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$`)
)

// isGUID reports whether s is a GUID as REFI-QDA spells it (optionally in braces).
func isGUID(s string) bool { return guidRE.MatchString(s) }

// IsGUID reports whether id is a GUID as REFI-QDA spells it: 8-4-4-4-12 hexadecimal digits,
// in either case, optionally in braces.
func IsGUID(id string) bool { return isGUID(strings.TrimSpace(id)) }

// Identity is the guid by which other tools know a code: GUID(id), lower-cased and without
// braces. Two ids with the same Identity are the same code: a GUID in any spelling, and a
// non-GUID id (code-referral) and the name-based guid WriteQDC gives it.
func Identity(id string) string { return normGUID(GUID(strings.TrimSpace(id))) }

// normGUID lower-cases a GUID and strips its braces.
// NormGUID is a guid as compared: trimmed, lower case, without braces.
func NormGUID(s string) string { return normGUID(s) }

func normGUID(s string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "{"), "}"))
}

// normColour turns #abc or #AABBCC into #aabbcc; ok is false for anything else.
func normColour(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !colourRE.MatchString(s) {
		return "", false
	}
	s = strings.ToLower(s)
	if len(s) == 4 {
		s = "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return s, true
}

func validShortcut(s string) bool { return s == "" || (len(s) == 1 && s[0] >= '1' && s[0] <= '9') }

// namespace is the UUID namespace of turncoder code guids: the version 5 UUID of the URL
// "https://github.com/turncoder/turncoder/codebook" in the RFC 4122 URL namespace.
var namespace = uuid5([16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8},
	"https://github.com/turncoder/turncoder/codebook")

// uuid5 is the RFC 4122 name-based (SHA-1) UUID of name in namespace ns.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func formatUUID(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// GUID is the REFI-QDA guid WriteQDC gives a code id: the id itself when it already is a
// GUID, otherwise the version 5 UUID of the id in turncoder's namespace, so the same id
// always gets the same guid.
func GUID(id string) string {
	if isGUID(id) {
		return id
	}
	return formatUUID(uuid5(namespace, id))
}

// Order checks that codes form a turncoder codebook (every code has an id and a name, ids
// are unique, each parent exists and is a top-level code) and returns them parents first:
// top-level codes by (Position, Name), each followed by its children by (Position, Name).
func Order(codes []coding.Code) ([]coding.Code, error) {
	byID := make(map[string]int, len(codes))
	for i, c := range codes {
		if c.ID == "" {
			return nil, say.Errorf("code %q has no id", c.Name)
		}
		if strings.TrimSpace(c.Name) == "" {
			return nil, say.Errorf("code %q has no name", c.ID)
		}
		if j, dup := byID[c.ID]; dup {
			return nil, say.Errorf("codes %q and %q have the same id %q", codes[j].Name, c.Name, c.ID)
		}
		byID[c.ID] = i
	}
	kids := map[string][]coding.Code{}
	var top []coding.Code
	for _, c := range codes {
		if c.ParentID == "" {
			top = append(top, c)
			continue
		}
		if c.ParentID == c.ID {
			return nil, say.Errorf("code %q is its own parent", c.Name)
		}
		j, ok := byID[c.ParentID]
		if !ok {
			return nil, say.Errorf("code %q: no parent code %q", c.Name, c.ParentID)
		}
		if codes[j].ParentID != "" {
			return nil, say.Errorf("code %q: its parent %q is not a top-level code (codes group one level deep)", c.Name, codes[j].Name)
		}
		kids[c.ParentID] = append(kids[c.ParentID], c)
	}
	less := func(s []coding.Code) func(i, j int) bool {
		return func(i, j int) bool {
			if s[i].Position != s[j].Position {
				return s[i].Position < s[j].Position
			}
			return s[i].Name < s[j].Name
		}
	}
	sort.SliceStable(top, less(top))
	out := make([]coding.Code, 0, len(codes))
	for _, t := range top {
		out = append(out, t)
		k := kids[t.ID]
		sort.SliceStable(k, less(k))
		out = append(out, k...)
	}
	return out, nil
}

// AssignIDs gives every code without an id one from newID, and points children whose
// ParentID is the Name of such a code (as ReadCSV leaves them) at the new id.
func AssignIDs(codes []coding.Code, newID func() (string, error)) error {
	had := map[string]bool{}
	for _, c := range codes {
		if c.ID != "" {
			had[c.ID] = true
		}
	}
	orig := make(map[string]bool, len(had))
	for id := range had {
		orig[id] = true
	}
	byName := map[string]string{}
	for i := range codes {
		if codes[i].ID != "" {
			continue
		}
		id, err := newID()
		if err != nil {
			return err
		}
		if id == "" || had[id] {
			return errors.New("codebook: newID gave an empty or repeated id")
		}
		had[id] = true
		codes[i].ID = id
		byName[codes[i].Name] = id
	}
	for i := range codes {
		p := codes[i].ParentID
		if p == "" {
			continue
		}
		if id, ok := byName[p]; ok && !orig[p] {
			codes[i].ParentID = id
		}
	}
	return nil
}

// errTooLarge is returned when an input passes MaxInput.
var errTooLarge = say.Errorf("input is larger than %d MiB", MaxInput>>20)
