package transcript

import (
	"errors"
	"io"
	"os"

	"github.com/turncoder/turncoder/coding/say"
)

// ReadFile reads a source file for Read: ReadFileLimit with MaxSourceBytes, and a folder's
// refusal says how to import the files in it.
func ReadFile(path string) ([]byte, error) {
	data, err := ReadFileLimit(path, MaxSourceBytes, "one source")
	if errors.Is(err, errFolder) {
		return nil, say.Errorf("%v (to import the files in it, name them: DIR/*.txt)", err)
	}
	return data, err
}

var errFolder = say.Errorf("it is a folder, not a file")

// ReadFileLimit reads a file that turncoder takes whole (a transcript, a table, a codebook).
// Another program's project is refused from its name (ProjectFile), and a folder and a file
// larger than limit bytes from the file's size alone, before any of it is read, so a mistaken
// 1 GB file costs nothing; a zip archive turncoder does not read is refused once read
// (ForeignZip). what names the kind of file in the size refusal ("a table"). The error is one
// sentence that does not repeat the path (the caller names the file).
func ReadFileLimit(path string, limit int64, what string) ([]byte, error) {
	if err := ProjectFile(path); err != nil {
		return nil, err
	}
	// Only regular files: opening a FIFO waits for a writer for ever, and a device never ends.
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return nil, say.Errorf("it is not a regular file (a pipe or a device), so turncoder does not read it")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, say.Errorf("cannot read it: %v", PathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, say.Errorf("cannot read it: %v", PathErr(err))
	}
	if st.IsDir() {
		return nil, errFolder
	}
	if st.Size() > limit {
		return nil, tooLarge(st.Size(), limit, what)
	}
	// The file may grow while it is read: never read past the limit.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, say.Errorf("cannot read it: %v", PathErr(err))
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(int64(len(data)), limit, what)
	}
	if err := ForeignZip(path, data); err != nil {
		return nil, err
	}
	return data, nil
}

func tooLarge(size, limit int64, what string) error {
	return say.Errorf("the file is %d MB, more than the %d MB turncoder reads in %s", size>>20, limit>>20, phrase(what))
}

// phrase is what, the kind of file a size refusal names, as a sentence of say when it is one
// of turncoder's own ("one source"), so that it is translated with the refusal.
func phrase(what string) any {
	switch what {
	case "one source":
		return say.Errorf("one source")
	case "a table":
		return say.Errorf("a table")
	case "a codebook":
		return say.Errorf("a codebook")
	}
	return what
}

// PathErr drops the operation and path from an *os.PathError, for messages that name the
// file themselves.
func PathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
