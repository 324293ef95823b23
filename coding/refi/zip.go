package refi

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
	"github.com/turncoder/turncoder/coding/transcript"
)

// MaxParts is the most parts (files) a .qdpx may hold. A project holds its project.qde and a
// text and a rich-text copy of each source; 20,000 parts is a project of thousands of
// documents. The count is read from the archive's end record before the archive's directory
// is read, so an archive of millions of empty parts costs nothing.
const MaxParts = 20000

// what names the format in the sentences of the zip limits shared with DOCX and XLSX: a
// sentence of say, translated with them.
var what = say.Errorf("REFI-QDA project")

// archive is an opened .qdpx: its parts by name, and how much of it has been unpacked.
type archive struct {
	parts    []*zip.File
	byName   map[string]*zip.File // lower case, forward slashes
	unpacked uint64
}

// partName is a part's name as compared: lower case, forward slashes.
func partName(f *zip.File) string {
	return strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
}

// openArchive opens r (size bytes) as a zip archive and refuses, in one sentence, what no
// REFI-QDA program writes: more than MaxParts parts, a part whose name points outside the
// archive (an absolute path, a drive, or a ".." step: a file made to write elsewhere when
// unpacked), or two parts with one name.
func openArchive(r io.ReaderAt, size int64) (*archive, error) {
	n, err := zipEntries(r, size)
	if err != nil {
		return nil, err
	}
	if n > MaxParts {
		return nil, say.Errorf("the REFI-QDA project holds %d files, more than the %d turncoder reads; turncoder refuses it (no real project has so many)", n, MaxParts)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, say.Errorf("the REFI-QDA project is damaged or cut short (its zip archive cannot be read); export it again")
	}
	if len(zr.File) > MaxParts {
		return nil, say.Errorf("the REFI-QDA project holds %d files, more than the %d turncoder reads; turncoder refuses it (no real project has so many)", len(zr.File), MaxParts)
	}
	a := &archive{parts: zr.File, byName: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		name := partName(f)
		if outside(name) {
			return nil, say.Errorf("the REFI-QDA project has a file named %q, which points outside the archive; turncoder refuses it (no REFI-QDA program writes such a name)", coding.Printable(f.Name))
		}
		if strings.HasSuffix(name, "/") {
			continue // a folder
		}
		if _, dup := a.byName[name]; dup {
			return nil, say.Errorf("the REFI-QDA project holds two files named %q; turncoder cannot tell which is meant", coding.Printable(f.Name))
		}
		a.byName[name] = f
	}
	return a, nil
}

// outside reports whether a part's name (lower case, forward slashes) leaves the folder it
// would be unpacked in.
func outside(name string) bool {
	if strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':') || strings.ContainsRune(name, 0) {
		return true
	}
	for _, step := range strings.Split(name, "/") {
		if step == ".." {
			return true
		}
	}
	return false
}

// zipEntries reads how many parts a zip archive declares from its end-of-central-directory
// record (or the ZIP64 one), without reading its directory.
func zipEntries(r io.ReaderAt, size int64) (uint64, error) {
	notZip := say.Errorf("the file is not a REFI-QDA project: it is not a zip archive")
	if size < 22 {
		return 0, notZip
	}
	tail := int64(22 + 65535 + 20)
	if tail > size {
		tail = size
	}
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && !errors.Is(err, io.EOF) {
		return 0, say.Errorf("cannot read the REFI-QDA project: %v", err)
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || i+22 > len(buf) {
		var head [4]byte
		if _, err := r.ReadAt(head[:], 0); err == nil && string(head[:]) == "PK\x03\x04" {
			return 0, say.Errorf("the REFI-QDA project is damaged or cut short (its zip archive has no directory); export it again")
		}
		return 0, notZip
	}
	n := uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n != 0xFFFF || i < 20 || string(buf[i-20:i-16]) != "PK\x06\x07" {
		return n, nil
	}
	// ZIP64: the locator before the end record points at the ZIP64 end record.
	at := int64(binary.LittleEndian.Uint64(buf[i-20+8:]))
	if at < 0 || at+56 > size {
		return 0, say.Errorf("the REFI-QDA project is damaged (its zip archive's directory is out of place); export it again")
	}
	rec := make([]byte, 56)
	if _, err := r.ReadAt(rec, at); err != nil || string(rec[:4]) != "PK\x06\x06" {
		return 0, say.Errorf("the REFI-QDA project is damaged (its zip archive's directory is out of place); export it again")
	}
	return binary.LittleEndian.Uint64(rec[32:]), nil
}

// projectPart finds the project's XML: project.qde at the top (the standard's name), else the
// one .qde at the top (ATLAS.ti names it after the project), else the one .qde anywhere.
func (a *archive) projectPart() (*zip.File, error) {
	if f := a.byName["project.qde"]; f != nil {
		return f, nil
	}
	var top, all []*zip.File
	for name, f := range a.byName {
		if path.Ext(name) != ".qde" {
			continue
		}
		all = append(all, f)
		if !strings.Contains(name, "/") {
			top = append(top, f)
		}
	}
	for _, set := range [][]*zip.File{top, all} {
		if len(set) == 1 {
			return set[0], nil
		}
	}
	if len(all) == 0 {
		return nil, say.Errorf("the file is not a REFI-QDA project: its zip archive has no project.qde")
	}
	names := make([]string, len(all))
	for i, f := range all {
		names[i] = coding.Printable(f.Name)
	}
	sort.Strings(names)
	return nil, say.Errorf("the REFI-QDA project holds %d .qde files (%s) and no project.qde; turncoder cannot tell which is the project", len(all), strings.Join(names, ", "))
}

// source finds a source's part from the name its path attribute gives (internal://NAME, or a
// bare name as some programs write it): NAME in the sources folder beside the project's XML
// (sources/ or Sources/, any case), else the one part of that name anywhere. nil if none.
func (a *archive) source(dir, name string) *zip.File {
	name = strings.ToLower(strings.TrimLeft(strings.ReplaceAll(name, `\`, "/"), "/"))
	if name == "" {
		return nil
	}
	for _, p := range []string{path.Join(dir, "sources", name), path.Join(dir, name), path.Join("sources", name), name} {
		if f := a.byName[p]; f != nil {
			return f
		}
	}
	var found *zip.File
	for n, f := range a.byName {
		if path.Base(n) == path.Base(name) {
			if found != nil {
				return nil
			}
			found = f
		}
	}
	return found
}

// checkSizes refuses, by the limits of DOCX and XLSX, parts that would unpack to too much
// together with what was unpacked so far.
func (a *archive) checkSizes(parts ...*zip.File) error {
	return transcript.CheckZipSizes(&zip.Reader{File: parts}, what)
}

// partKind is what a part of the archive holds, for the sentence that refuses it.
type partKind int

const (
	projectXML partKind = iota // the project's XML
	sourceText                 // the text of a source
	sourceDOCX                 // a source's document (DOCX)
	notePart                   // a note kept in a file of its own
)

// read unpacks one part of at most limit bytes. A part that claims more, or would take what
// was unpacked past transcript.MaxZipTotal, is refused in one sentence naming what it holds
// (kind, of the source titled title).
func (a *archive) read(f *zip.File, limit int64, kind partKind, title string) ([]byte, error) {
	size := f.UncompressedSize64
	if size > uint64(limit) {
		return nil, partTooLarge(kind, title, coding.Printable(f.Name), size>>20, limit>>20)
	}
	if a.unpacked+size > transcript.MaxZipTotal {
		return nil, say.Errorf("the REFI-QDA project would unpack to more than %d MB; turncoder refuses it (a zip bomb, or far larger than any transcript)", transcript.MaxZipTotal>>20)
	}
	if err := a.checkSizes(f); err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, say.Errorf("the REFI-QDA project is damaged: %s cannot be opened (%v)", coding.Printable(f.Name), err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, int64(size)+1))
	if err != nil {
		return nil, say.Errorf("the REFI-QDA project is damaged: %s cannot be unpacked (%v)", coding.Printable(f.Name), err)
	}
	if uint64(len(data)) > size {
		return nil, say.Errorf("the REFI-QDA project is damaged: %s unpacks to more than it says; turncoder refuses it as a possible zip bomb", coding.Printable(f.Name))
	}
	a.unpacked += uint64(len(data))
	return data, nil
}

// IsProject reports whether r (size bytes) is a REFI-QDA project exchange file by its content:
// a zip archive with a .qde in it, whatever the file's name (a .qdpx renamed .zip). Only the
// archive's directory is read; an archive past MaxParts is not looked into (Read refuses it).
func IsProject(r io.ReaderAt, size int64) bool {
	var head [4]byte
	if _, err := r.ReadAt(head[:], 0); err != nil || string(head[:]) != "PK\x03\x04" {
		return false
	}
	if n, err := zipEntries(r, size); err != nil || n > MaxParts {
		return false
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if path.Ext(partName(f)) == ".qde" {
			return true
		}
	}
	return false
}

// partTooLarge refuses a part of mb MB, past the limit of max MB.
func partTooLarge(kind partKind, title, name string, mb uint64, max int64) error {
	switch kind {
	case projectXML:
		return say.Errorf("the project's XML (%s) is %d MB, more than the %d MB turncoder reads; turncoder refuses it", name, mb, max)
	case sourceText:
		return say.Errorf("the text of %q (%s) is %d MB, more than the %d MB turncoder reads; turncoder refuses it", title, name, mb, max)
	case sourceDOCX:
		return say.Errorf("the document %q (%s) is %d MB, more than the %d MB turncoder reads; turncoder refuses it", title, name, mb, max)
	}
	return say.Errorf("a note (%s) is %d MB, more than the %d MB turncoder reads; turncoder refuses it", name, mb, max)
}
