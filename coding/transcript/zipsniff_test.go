package transcript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Another program's project is named for what it is, from its name alone, with what to export
// instead; any other name passes.
func TestProjectFileNamesOtherProgramsProjects(t *testing.T) {
	cases := []struct{ path, want string }{
		{"study.qdpx", "it is a REFI-QDA project (.qdpx), a whole project with its documents, coders and codings, not a single transcript or table: import it with turncoder import or File → Import documents…"},
		{"Study.QDPX", "a REFI-QDA project (.qdpx)"},
		{"export/project.qde", "the XML of a REFI-QDA project (.qde)"},
		{"interviews.nvp", "it is an NVivo project (.nvp), which turncoder cannot open; in NVivo, export the transcripts as .docx or .txt files to import, and the codebook as a REFI-QDA codebook (.qdc) for codebook --import"},
		{"interviews.nvpx", "an NVivo project (.nvpx)"},
		{"study.mx24", "it is a MAXQDA project (.mx24), which turncoder cannot open; in MAXQDA, export"},
		{"study.MX20", "a MAXQDA project (.mx20)"},
		{"study.mx12", "a MAXQDA project (.mx12)"},
		{"study.mex", "a MAXQDA exchange file (.mex)"},
		{"study.mex22", "a MAXQDA exchange file (.mex22)"},
		{"study.atlproj", "an ATLAS.ti project bundle (.atlproj)"},
		{"study.atlproj23", "an ATLAS.ti project bundle (.atlproj23)"},
		{"study.hpr7", "it is an ATLAS.ti project (.hpr7), which turncoder cannot open; in ATLAS.ti, export"},
		{"Study.qda", "it is a QualCoder project (.qda), which turncoder cannot open; in QualCoder, export"},
		{"Study.qda/", "a QualCoder project (.qda)"},
		{"Study.qda/data.qda", "a QualCoder project (.qda)"},
	}
	for _, c := range cases {
		err := ProjectFile(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.path, err, c.want)
		}
	}
	for _, ok := range []string{"call.txt", "call.docx", "book.qdc", "codes.csv", "a.mx", "notes.mxl", "x.qdax", "qdpx", "a.hpr", "a.hpr10"} {
		if err := ProjectFile(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// A zip with a project's XML in it is a REFI-QDA project whatever its name and whatever else it
// holds (NVivo's .qdpx carries the sources as .docx files; ATLAS.ti names the XML after the
// project); another zip is a zip archive, unless it is named and read as a DOCX or XLSX file.
func TestForeignZip(t *testing.T) {
	nvivo := zipOf(t, map[string]string{"sources/d097e6fd-7671-4d95-a8b6-7795fa4a72e1.docx": "PK", "sources/.root": "",
		"sources/d097e6fd-7671-4d95-a8b6-7795fa4a72e1.txt": " ", "project.qde": `<Project xmlns="urn:QDA-XML:project:1.0" origin="NVivo for Mac 15.0.0"/>`})
	atlas := zipOf(t, map[string]string{"target-atlas-project.qde": `<Project xmlns="urn:QDA-XML:project:1.0" origin="ATLAS.ti for Windows 23.2.3"/>`})
	plain := zipOf(t, map[string]string{"calls/call1.txt": "CLB：喂？\n", "calls/call2.txt": "CLB：你好\n"})
	docx := zipOf(t, map[string]string{"word/document.xml": "<w:document/>"})
	cases := []struct {
		name string
		data []byte
		want string // "" for no refusal
	}{
		{"study.qdpx", nvivo, "it is a REFI-QDA project (a zip with project.qde in it), a whole project"},
		{"export.zip", nvivo, "a REFI-QDA project (a zip with project.qde in it)"},
		{"book.qdc", atlas, "a REFI-QDA project (a zip with target-atlas-project.qde in it)"},
		{"renamed.docx", atlas, "a REFI-QDA project"},
		{"calls.zip", plain, "it is a zip archive, which turncoder does not open; unzip it and give turncoder the files in it"},
		{"calls.txt", plain, "it is a zip archive"},
		{"calls.docx", plain, ""}, // the DOCX reader says what is wrong with it
		{"calls.xlsx", plain, ""},
		{"call.zip", docx, ""}, // read as the DOCX it is
		{"cut.zip", plain[:len(plain)/2], ""},
		{"call.txt", []byte("CLB：喂？\n"), ""},
	}
	for _, c := range cases {
		err := ForeignZip(c.name, c.data)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want no refusal", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// ReadFile names a project before anything else is looked at: a QualCoder project folder is a
// project, not a folder to import files from, and a 1 GB NVivo project is not "too large".
func TestReadFileRefusesProjectsFirst(t *testing.T) {
	dir := t.TempDir()
	qda := filepath.Join(dir, "Interviews.qda")
	if err := os.Mkdir(qda, 0o755); err != nil {
		t.Fatal(err)
	}
	nvp := filepath.Join(dir, "Interviews.nvp")
	f, err := os.Create(nvp)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(1 << 30)
	f.Close()
	zipped := filepath.Join(dir, "export.zip")
	os.WriteFile(zipped, zipOf(t, map[string]string{"project.qde": "<Project/>"}), 0o644)
	for path, want := range map[string]string{
		qda:    "it is a QualCoder project (.qda)",
		nvp:    "it is an NVivo project (.nvp)",
		zipped: "it is a REFI-QDA project (a zip with project.qde in it)",
	} {
		if _, err := ReadFile(path); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v, want %q", filepath.Base(path), err, want)
		}
		if _, err := ReadFileLimit(path, 32<<20, "a codebook"); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s as a codebook: %v, want %q", filepath.Base(path), err, want)
		}
	}
}
