package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/turncoder/turncoder/coding/transcript"
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

// tableText reads a CSV table a command takes (codings, agree --csv, a codebook) as UTF-8
// text, whatever Excel saved it as: UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode
// text"), or GB18030/GBK, which Excel on a Chinese Windows writes for plain "CSV". The encoding
// is detected as for transcripts; text in none of these (Shift-JIS, Latin-1, binary) is
// refused in one sentence.
func tableText(f *os.File, limit int64) (io.Reader, error) {
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %w", unwrapPath(err))
	}
	text, _, err := transcript.Decode(data, "")
	if err != nil {
		return nil, err
	}
	return strings.NewReader(text), nil
}
