package refi

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/coding/say"
	"github.com/turncoder/turncoder/coding/transcript"
)

// IsProjectFile reports whether the file at path is a REFI-QDA project exchange file: its name
// ends in .qdpx, or it is a zip archive (not a DOCX or XLSX document) with a .qde in it,
// whatever its name. A pipe or a device is never opened here.
func IsProjectFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".qdpx" {
		return true
	}
	if ext == ".docx" || ext == ".xlsx" {
		return false
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return IsProject(f, st.Size())
}

// ReadFile reads the .qdpx at path (Read). A folder, a pipe or a file that cannot be read is
// refused in one sentence that does not repeat the path.
func ReadFile(path string, opt Options) (*Project, *Report, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, nil, say.Errorf("cannot read it: %v", transcript.PathErr(err))
	case st.IsDir():
		return nil, nil, say.Errorf("it is a folder, not a file")
	case !st.Mode().IsRegular():
		return nil, nil, say.Errorf("it is not a regular file (a pipe or a device), so turncoder does not read it")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, say.Errorf("cannot read it: %v", transcript.PathErr(err))
	}
	defer f.Close()
	return Read(f, st.Size(), path, opt)
}
