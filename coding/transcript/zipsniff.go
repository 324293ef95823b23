package transcript

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/turncoder/turncoder/coding/say"
)

// Limits on zip archives (DOCX, XLSX), checked on the central directory before anything is
// inflated, so that a small file that unpacks to gigabytes (a zip bomb) is refused cheaply.
const (
	// maxZipTotal bounds the sum of the uncompressed sizes of all entries.
	maxZipTotal = 512 << 20
	// maxZipEntry bounds the one part turncoder parses (word/document.xml).
	maxZipEntry = 256 << 20
	// maxZipRatio bounds how much larger than its compressed size an entry may claim to be,
	// for entries over zipRatioFloor; real XML compresses 5 to 100 times, DEFLATE at most ~1030.
	maxZipRatio   = 500
	zipRatioFloor = 8 << 20
)

// zipKind says what an Office zip archive is: "docx" when it has word/document.xml, "xlsx"
// when it has xl/workbook.xml, "" otherwise (not a zip, or another kind of zip).
func zipKind(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	kind := ""
	for _, f := range zr.File {
		switch name := zipName(f); {
		case name == "word/document.xml":
			return "docx"
		case name == "xl/workbook.xml":
			return "xlsx"
		case kind == "" && strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml"):
			kind = "docx"
		case kind == "" && strings.HasPrefix(name, "xl/") && strings.HasSuffix(name, ".xml"):
			kind = "xlsx"
		}
	}
	return kind
}

// isZipStart reports whether data begins like a zip archive (a local file header), so that a
// zip archive that cannot be read is damaged or cut short rather than something else.
func isZipStart(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// zipName is an entry's name in the form compared: lower case, forward slashes.
func zipName(f *zip.File) string {
	return strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
}

// isOLE reports whether data is an OLE compound file: an old .doc or .xls, or an Office file
// protected by a password (those are encrypted inside an OLE container, not zipped).
func isOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// checkZipSizes refuses an archive whose entries claim to unpack to too much (archive/zip
// then enforces the claimed sizes while reading). what names the format for the message (a
// sentence of say, translated with it: docxName, xlsxName).
func checkZipSizes(zr *zip.Reader, what error) error {
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if size > maxZipTotal || total+size > maxZipTotal {
			return say.Errorf("the %s would unpack to more than %d MB; turncoder refuses it (a zip bomb, or far larger than any transcript)", what, maxZipTotal>>20)
		}
		total += size
		if size > zipRatioFloor && (f.CompressedSize64 == 0 || size/f.CompressedSize64 > maxZipRatio) {
			return say.Errorf("the %s has a part (%s) that unpacks to %d MB from %d KB, far more than real documents compress; turncoder refuses it as a possible zip bomb",
				what, f.Name, size>>20, f.CompressedSize64>>10)
		}
	}
	return nil
}

// checkNoDTD refuses a package whose XML parts declare a document type. Office Open XML forbids
// DTDs (ECMA-376 Part 2, §8.1.4), Excel and Word never write one, and excelize reads a part
// whose text uses the DTD's entities as empty, so such a file would come in as nothing at all.
// A declaration can only stand in the prolog, before the root element: the first 4 KB of each
// part are read.
func checkNoDTD(zr *zip.Reader, what error) error {
	for _, f := range zr.File {
		name := zipName(f)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue // an unreadable part is the reader's to report
		}
		head := make([]byte, 4096)
		n, _ := io.ReadFull(rc, head)
		rc.Close()
		if bytes.Contains(head[:n], []byte("<!DOCTYPE")) {
			return say.Errorf("the %s is not as Excel or Word writes one: its part %s declares a DTD, which Office files never have; open it in a spreadsheet or word processor, save it again, and import that", what, f.Name)
		}
	}
	return nil
}

// Project files of other qualitative-analysis programs, by extension. turncoder reads none of
// them; each is refused in one sentence that says what it is and what to export instead.
var foreignProjects = []struct {
	ext  *regexp.Regexp
	what func(ext string) error // what it is, given its extension
	tool string                 // the program to export from, "" for "the program that made it"
}{
	{regexp.MustCompile(`^\.qdpx$`), func(e string) error { return say.Errorf("a REFI-QDA project (%s)", e) }, ""},
	{regexp.MustCompile(`^\.qde$`), func(e string) error { return say.Errorf("the XML of a REFI-QDA project (%s)", e) }, ""},
	{regexp.MustCompile(`^\.nvpx?$`), func(e string) error { return say.Errorf("an NVivo project (%s)", e) }, "NVivo"},
	{regexp.MustCompile(`^\.mx\d+$`), func(e string) error { return say.Errorf("a MAXQDA project (%s)", e) }, "MAXQDA"},
	{regexp.MustCompile(`^\.mex\d*$`), func(e string) error { return say.Errorf("a MAXQDA exchange file (%s)", e) }, "MAXQDA"},
	{regexp.MustCompile(`^\.atlproj\d*$`), func(e string) error { return say.Errorf("an ATLAS.ti project bundle (%s)", e) }, "ATLAS.ti"},
	{regexp.MustCompile(`^\.hpr\d$`), func(e string) error { return say.Errorf("an ATLAS.ti project (%s)", e) }, "ATLAS.ti"},
	{regexp.MustCompile(`^\.qda$`), func(e string) error { return say.Errorf("a QualCoder project (%s)", e) }, "QualCoder"},
}

// ProjectFile refuses, from its name alone, the project file (or, for QualCoder, the project
// folder) of another qualitative-analysis program: REFI-QDA (.qdpx, .qde), NVivo (.nvp,
// .nvpx), MAXQDA (.mx24 and the like, .mex), ATLAS.ti (.atlproj, .hpr7) and QualCoder (.qda).
// The error says what the file is and what to export from that program instead: transcripts
// to import, and the codebook as a REFI-QDA codebook (.qdc) for codebook --import. It is nil
// for any other name.
func ProjectFile(path string) error {
	ext := strings.ToLower(filepath.Ext(strings.TrimRight(path, `/\`)))
	for _, p := range foreignProjects {
		if p.ext.MatchString(ext) {
			return projectError(p.what(ext), p.tool)
		}
	}
	return nil
}

func projectError(what error, tool string) error {
	if tool == "" {
		return say.Errorf("it is %s, a whole project with its documents, coders and codings, not a single transcript or table: import it with turncoder import or File → Import documents…", what)
	}
	return say.Errorf("it is %s, which turncoder cannot open; in %s, export the transcripts as .docx or .txt files to import, and the codebook as a REFI-QDA codebook (.qdc) for codebook --import", what, tool)
}

// ForeignZip refuses zip data that turncoder does not read as a zip: a REFI-QDA project (a
// zip with a .qde part, whatever its name) and, unless name ends in .docx or .xlsx (whose
// readers say what is wrong with them), a zip archive that is neither a DOCX document nor an
// XLSX workbook. It is nil for data that is not a readable zip archive, and for DOCX and XLSX.
// Only the archive's directory is read; nothing is unpacked.
func ForeignZip(name string, data []byte) error {
	if !isZipStart(data) {
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil // damaged: the reader of its format says so
	}
	for _, f := range zr.File {
		if n := zipName(f); strings.HasSuffix(n, ".qde") {
			return projectError(say.Errorf("a REFI-QDA project (a zip with %s in it)", path.Base(n)), "")
		}
	}
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".docx" || ext == ".xlsx":
		return nil
	case zipKind(data) != "":
		return nil
	}
	return say.Errorf("it is a zip archive, which turncoder does not open; unzip it and give turncoder the files in it")
}
