// Package transcript reads sources into coding.Documents: speaker turns in plain text, prose,
// CSV/TSV, XLSX, DOCX and SRT/WebVTT subtitles, in UTF-8, UTF-16 or GB18030. Bytes in, a
// document and warnings out; nothing here touches the project file.
package transcript

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/coding"
)

// Formats lists the names accepted by Options.Format.
var Formats = []string{"turns", "prose", "csv", "tsv", "xlsx", "docx", "srt", "vtt"}

// MaxSourceBytes bounds what one source may weigh; larger files are refused before decoding.
const MaxSourceBytes = 256 << 20

// Options steer a read. Empty fields mean "detect".
type Options struct {
	Format   string // one of Formats, or "" to sniff from the name and content
	Encoding string // utf-8, utf-16le, utf-16be, gb18030 (gbk is an alias), or "" to detect
	Title    string // defaults to the file name without its extension
}

// ErrEmpty is returned for a source with no text in it.
var ErrEmpty = errors.New("the file is empty")

// Read parses one source. name is the file name (used for the title and to sniff the format);
// data is its whole content. The error, if any, is one sentence a researcher can act on.
func Read(name string, data []byte, opt Options) (*coding.Document, error) {
	if len(data) > MaxSourceBytes {
		return nil, fmt.Errorf("the file is %d MB, more than the %d MB turncoder reads in one source", len(data)>>20, MaxSourceBytes>>20)
	}
	format := strings.ToLower(strings.TrimSpace(opt.Format))
	if format == "" {
		format = Sniff(name, data, opt.Encoding)
	} else if !known(format) {
		return nil, fmt.Errorf("unknown format %q (use one of %s)", opt.Format, strings.Join(Formats, ", "))
	}
	if format == "" {
		// Not text in the encoding given or detected: the decoder says why, in one sentence.
		if _, _, err := Decode(data, opt.Encoding); err != nil {
			return nil, err
		}
		return nil, errors.New("the file is not a transcript turncoder can read; use --format to say what it is")
	}
	doc, err := readAs(format, data, opt.Encoding)
	if err != nil {
		return nil, err
	}
	doc.Title = opt.Title
	if doc.Title == "" {
		base := filepath.Base(name)
		doc.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if doc.Turns() == 0 {
		if len(doc.Items) == 0 {
			return nil, ErrEmpty
		}
		return nil, errors.New("the file has no codable turns or paragraphs")
	}
	return doc, nil
}

func known(format string) bool {
	for _, f := range Formats {
		if f == format {
			return true
		}
	}
	return false
}

func readAs(format string, data []byte, encoding string) (*coding.Document, error) {
	switch format {
	case "xlsx":
		items, warns, err := readXLSX(data)
		if err != nil {
			return nil, err
		}
		return &coding.Document{Format: format, Items: items, Warnings: warns}, nil
	case "docx":
		paras, err := readDOCX(data)
		if err != nil {
			return nil, err
		}
		doc := &coding.Document{Format: format}
		if looksLikeTurns(paras) {
			doc.Items, doc.Warnings = parseTurnLines(paras)
		} else {
			doc.Items = paragraphsAsUnits(paras)
		}
		return doc, nil
	}
	text, enc, err := Decode(data, encoding)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	doc := &coding.Document{Format: format, Encoding: enc}
	switch format {
	case "turns":
		doc.Items, doc.Warnings = ParseTurns(text)
	case "prose":
		doc.Items, doc.Warnings = ParseProse(text)
	case "csv", "tsv":
		sep := ','
		if format == "tsv" {
			sep = '\t'
		}
		doc.Items, doc.Warnings, err = readTable(text, sep)
	case "srt", "vtt":
		doc.Items, doc.Warnings, err = readSubtitles(text)
	}
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// Sniff guesses the format from the file name and the content, read in encoding ("" to
// detect). It returns "" for content that is not text in that encoding.
func Sniff(name string, data []byte, encoding string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	case ".xlsx":
		return "xlsx"
	case ".docx":
		return "docx"
	case ".srt":
		return "srt"
	case ".vtt":
		return "vtt"
	}
	if strings.HasPrefix(string(data), "PK\x03\x04") {
		return zipKind(data)
	}
	text, _, err := Decode(data, encoding)
	if err != nil {
		return ""
	}
	head := strings.TrimLeft(text, " \t\r\n")
	if strings.HasPrefix(head, "WEBVTT") {
		return "vtt"
	}
	if looksLikeSRT(head) {
		return "srt"
	}
	if looksLikeTurns(splitLines(text)) {
		return "turns"
	}
	return "prose"
}

// paragraphsAsUnits makes each non-empty paragraph a codable unit (DOCX prose: the paragraphs
// are real, so nothing is re-flowed).
func paragraphsAsUnits(paras []string) []coding.Item {
	var items []coding.Item
	for i, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" || isPageNumber(p) {
			continue
		}
		items = append(items, coding.Item{Kind: coding.KindTurn, Text: p, Line: i + 1})
	}
	return items
}
