package main

import (
	"errors"
	"fmt"
	"os"
)

// openInput opens a file a command reads, refusing a folder and a file larger than limit
// bytes from its size alone, before reading any of it. what names the kind of file for the
// message ("a table"), which does not repeat the path.
func openInput(path string, limit int64, what string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %w", unwrapPath(err))
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot read it: %w", unwrapPath(err))
	}
	if st.IsDir() {
		f.Close()
		return nil, errors.New("it is a folder, not a file")
	}
	if st.Size() > limit {
		f.Close()
		return nil, fmt.Errorf("the file is %d MB, more than the %d MB turncoder reads in %s", st.Size()>>20, limit>>20, what)
	}
	return f, nil
}
