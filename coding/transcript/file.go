package transcript

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadFile reads a source file for Read. A folder, and a file larger than MaxSourceBytes, are
// refused from the file's size alone, before any of it is read, so a mistaken 1 GB file costs
// nothing. The error is one sentence that does not repeat the path (the caller names the file).
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %w", pathErr(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %w", pathErr(err))
	}
	if st.IsDir() {
		return nil, errors.New("it is a folder, not a file (to import the files in it, name them: DIR/*.txt)")
	}
	if st.Size() > MaxSourceBytes {
		return nil, tooLarge(st.Size())
	}
	// The size may be unknown (a pipe) or grow while read: never read past the limit.
	data, err := io.ReadAll(io.LimitReader(f, MaxSourceBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %w", pathErr(err))
	}
	if len(data) > MaxSourceBytes {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

func tooLarge(size int64) error {
	return fmt.Errorf("the file is %d MB, more than the %d MB turncoder reads in one source", size>>20, MaxSourceBytes>>20)
}

// pathErr drops the operation and path from an *os.PathError.
func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
