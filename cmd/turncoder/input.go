package main

import (
	"io"
	"strings"

	"github.com/turncoder/turncoder/coding/transcript"
)

// tableText reads a CSV table a command takes (codings, agree --csv, a codebook) as UTF-8
// text, whatever Excel saved it as: UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode
// text"), or GB18030/GBK, which Excel on a Chinese Windows writes for plain "CSV". The encoding
// is detected as for transcripts; text in none of these (Shift-JIS, Latin-1, binary) is
// refused in one sentence. A folder, and a file larger than limit, are refused before it is
// read; what names the kind of file ("a table").
func tableText(path string, limit int64, what string) (io.Reader, error) {
	data, err := transcript.ReadFileLimit(path, limit, what)
	if err != nil {
		return nil, err
	}
	text, _, err := transcript.Decode(data, "")
	if err != nil {
		return nil, err
	}
	return strings.NewReader(text), nil
}
