package codebook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// readReal reads a codebook of testdata/real (see SOURCES.md there).
func readReal(t *testing.T, name string) Book {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "real", name))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadQDCBook(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(b.Given) != len(b.Codes) {
		t.Fatalf("%s: %d codes, %d fields given", name, len(b.Codes), len(b.Given))
	}
	// Whatever another tool wrote, turncoder can write it back as a valid codebook.
	if _, err := Order(b.Codes); err != nil {
		t.Errorf("%s: the codes do not make a codebook: %v", name, err)
	}
	if err := WriteQDC(&bytes.Buffer{}, b.Codes); err != nil {
		t.Errorf("%s: cannot be written back: %v", name, err)
	}
	return b
}

// tree is the codebook as a person reads it: "parent > code [colour] guid: definition", one
// line a code, parents first.
func tree(codes []coding.Code) string {
	names := map[string]string{}
	for _, c := range codes {
		names[c.ID] = c.Name
	}
	var b strings.Builder
	for _, c := range codes {
		if c.ParentID != "" {
			b.WriteString(names[c.ParentID] + " > ")
		}
		b.WriteString(c.Name)
		if c.Colour != "" {
			b.WriteString(" [" + c.Colour + "]")
		}
		b.WriteString(" " + c.ID)
		if c.Definition != "" {
			b.WriteString(": " + c.Definition)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func checkTree(t *testing.T, name string, b Book, want string) {
	t.Helper()
	if got := tree(b.Codes); got != want {
		t.Errorf("%s reads as\n%s\nwant\n%s", name, got, want)
	}
}

// Taguette writes a flat list without colours and an empty <Sets/>: three codes, their guids
// (lower-cased) as ids, and not a word of warning.
func TestRealTaguetteCodebook(t *testing.T) {
	b := readReal(t, "taguette-1.4.1.qdc")
	checkTree(t, "taguette", b, `interesting 0d62985d-b147-5d01-a9b5-cae5dcd98342
people dfe5c38e-9449-5959-a1f7-e3d895cfa87f
interesting.places 725f0645-9cd3-598a-8d2b-ec3d39ab3c3f
`)
	if len(b.Warnings) != 0 {
		t.Errorf("warnings %q", b.Warnings)
	}
	for i, g := range b.Given {
		if g != GivesParent {
			t.Errorf("code %d: given %b, want the parent only (no description, no colour)", i, g)
		}
	}
}

// ATLAS.ti 23 writes a code group as a set with members: the code comes in with its colour and
// comment, and the set is named in a warning.
func TestRealATLASCodebook(t *testing.T) {
	b := readReal(t, "atlasti-win-23.4.0.qdc")
	checkTree(t, "atlas.ti", b, "code1 [#46aa00] 1ff58b12-6f6f-4b0c-8be5-bbdc91f55294: description\n")
	if strings.Join(b.Warnings, "|") != "the codebook's sets were not imported (turncoder has no code sets)" {
		t.Errorf("warnings %q", b.Warnings)
	}
	if b.Given[0] != GivesParent|GivesDefinition|GivesColour {
		t.Errorf("given %b", b.Given[0])
	}
}

// ATLAS.ti 23 also writes its root in namespace urn:QDA-XML:codebook:0:4; the codes read the
// same, the subcode under its code, the Czech comments as definitions.
func TestRealATLASCodebookInNamespace04(t *testing.T) {
	b := readReal(t, "atlasti-win-23.4.0-ns04.qdc")
	checkTree(t, "atlas.ti 0:4", b, `code1 [#46aa00] 1ff58b12-6f6f-4b0c-8be5-bbdc91f55294: popisek - nebo přesněji Comment - kódu 1
code2 [#ff7800] b52fb733-b6af-4b31-bb78-3e733135171a: popisek kódu 2
code3 [#006eff] 51191cee-bf78-4e92-9df8-3ae66721e038: popisek kódu 3
code3 > subcode 3.1 14c4e248-f726-42cb-b1cd-a65d6a86f296
subcode 2.1 9fcd0f84-aa08-4765-b1b1-57a39966042a: chtěl jsem vytvořit subkód code2, ale nějak mi to nešlo, nabízelo mi to jen merge nebo link
`)
	if len(b.Warnings) != 0 {
		t.Errorf("warnings %q", b.Warnings)
	}
}

// NVivo nests codes deeper than turncoder groups them and repeats a name in different
// branches: every code comes in, under its top-level code, and a repeated name is told apart
// by its parent's, with a warning for each move and one listing the renamed codes.
func TestRealNVivoCodebook(t *testing.T) {
	b := readReal(t, "nvivo-mac.qdc")
	checkTree(t, "nvivo", b, `rq1_barriers 64353562-3132-3031-6561-653362323433
rq1_barriers > cost 39383535-3531-3163-6263-303437346364
rq1_barriers > fees 66613639-3862-6363-3736-646465616464
rq1_barriers > distance 65353765-3234-3536-6239-656639303032
rq1_barriers > transport 63343533-3335-3339-3866-613064373236
rq1_barriers > time 37663665-3264-6632-6439-316137383632
rq1_barriers > language 33336663-3736-3037-3061-383563313537: Language of instruction, or of the forms.
rq2_support 35626566-6536-6437-3164-323535396439
rq2_support > family 37633564-3831-3738-3833-613263656161
rq2_support > time (family) 35326130-3330-6439-3130-313766306531: Time a parent can give to homework.
rq2_support > school 39303137-6530-6131-3562-643932646130
rq2_support > language (school) 31326239-3135-3331-3136-646633633534
to_sort 32323065-3763-6566-3331-313463333765
to_sort > school (to_sort) 39633562-3162-3165-6263-356437313139
`)
	joined := strings.Join(b.Warnings, "\n")
	for _, w := range []string{
		`code "fees" was nested 3 levels deep; it is now directly under "rq1_barriers"`,
		`code "time (family)" was nested 3 levels deep; it is now directly under "rq2_support"`,
		`3 code(s) have the name of an earlier code and were named after their parent, since turncoder needs each code's name to be unique: "time (family)" (line 1), "language (school)" (line 1), "school (to_sort)" (line 1)`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q:\n%s", w, joined)
		}
	}
	if len(b.Warnings) != 6 { // fees, transport, time, time (family), language (school), renamed
		t.Errorf("%d warnings:\n%s", len(b.Warnings), joined)
	}
}

// QualCoder writes a byte-order mark, categories as uncodable codes without colour, escaped
// apostrophes and memos of several lines: categories become codes (named in a warning), a
// sub-category and a code's sub-code go under the top-level category.
func TestRealQualCoderCodebook(t *testing.T) {
	b := readReal(t, "qualcoder.qdc")
	checkTree(t, "qualcoder", b, `Autre [#d8d8d8] 6041d5eb-1d10-4189-af65-41d49be25943
Barrières d'accès bf192b1a-9fa3-4f27-af94-d17922717fc1: Ce qui empêche l'accès
aux soins.
Barrières d'accès > coût [#f781f3] 47d088bc-3b40-4b49-a215-8ad5626e963d: Frais payés par la famille.
Barrières d'accès > distance [#81bef7] 4c30bdc7-9e3a-48d7-a95a-3bdc08cd60e2
Barrières d'accès > transport [#81f7d8] da3b08e2-340f-4e5d-a02c-701e257a466c
Barrières d'accès > Langue 85919a29-b460-4f1c-ae58-57689eed8a24
Barrières d'accès > formulaires [#f5a9a9] d29806ab-2bec-4123-a60b-9e3c8f375cc6
支持 b30abaed-ea3a-4cc3-ac9b-abadaeec5fd9
支持 > 家人 [#ffbf00] 541b88b1-66b9-4680-a144-979cf2cc5df7: 家人帮忙照顾孩子。
`)
	joined := strings.Join(b.Warnings, "\n")
	if !strings.Contains(joined, "3 code(s) marked not codable in the file were imported as ordinary codes: Barrières d'accès, Langue, 支持") {
		t.Errorf("warnings %q", b.Warnings)
	}
	// A category without a colour gives none; a code without a memo gives no definition.
	if b.Given[1]&GivesColour != 0 || b.Given[3]&GivesDefinition != 0 || b.Given[2] != GivesParent|GivesDefinition|GivesColour {
		t.Errorf("given %b", b.Given)
	}
}
