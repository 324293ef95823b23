// Package transcript reads sources into coding.Documents: speaker turns in plain text, prose,
// CSV/TSV, XLSX, DOCX and SRT/WebVTT subtitles, in UTF-8, UTF-16 or GB18030. Bytes in, a
// document and warnings out; nothing here touches the project file.
package transcript

import (
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/say"
)

// Formats lists the names accepted by Options.Format: plain-text turns and prose, tables,
// Word, subtitles, and the exports of transcription tools (timed.go, whisperjson.go).
var Formats = []string{"turns", "prose", "csv", "tsv", "xlsx", "docx", "srt", "vtt",
	"zoom", "otter", "rev", "diarised", "whisper-json"}

// MaxSourceBytes bounds what one source may weigh; larger files are refused before decoding
// (ReadFile refuses them before reading). A transcript of a million turns is about 104 MB, and
// reading one takes about ten times its size in memory.
const MaxSourceBytes = 256 << 20

// Options steer a read. Empty fields mean "detect".
type Options struct {
	Format   string // one of Formats, or "" to sniff from the name and content
	Encoding string // utf-8, utf-16le, utf-16be, gb18030 (gbk is an alias), or "" to detect
	Title    string // defaults to the file name without its extension
	// NotSpeakers are labels that are not speakers (a clause before a colon, a title): their
	// lines are text of the turn before them (the import preview's "not a speaker").
	NotSpeakers []string
}

// ErrEmpty is returned for a source with no text in it.
var ErrEmpty = say.Errorf("the file is empty")

// Read parses one source. name is the file name (used for the title and to sniff the format);
// data is its whole content. The error, if any, is one sentence a researcher can act on.
func Read(name string, data []byte, opt Options) (*coding.Document, error) {
	if len(data) > MaxSourceBytes {
		return nil, tooLarge(int64(len(data)), MaxSourceBytes, "one source")
	}
	format := strings.ToLower(strings.TrimSpace(opt.Format))
	if format != "" && !known(format) {
		return nil, say.Errorf("unknown format %q (use one of %s)", opt.Format, strings.Join(Formats, ", "))
	}
	if format == "" {
		format = sniffName(name, data)
	}
	var doc *coding.Document
	var err error
	switch {
	case format == "xlsx" || format == "docx":
		doc, err = readZipped(format, data, "")
	case timedFormats[format].header != nil && isZipStart(data):
		// A Rev or Otter export saved as DOCX, read in the format named.
		doc, err = readZipped("docx", data, format)
	case format == "whisper-json":
		doc, err = readJSONSource(data, opt.Encoding)
	default:
		// Text formats: decode once; the decoder's error is the one sentence the user sees.
		text, enc, derr := Decode(data, opt.Encoding)
		if derr != nil {
			return nil, derr
		}
		md := isMarkdownName(name)
		if format == "" {
			format = sniffSource(text, md)
		}
		doc, err = readText(format, text, enc, md)
	}
	if err != nil {
		return nil, err
	}
	notSpeakers(doc, opt.NotSpeakers)
	doc.Title = opt.Title
	if doc.Title == "" {
		base := filepath.Base(name)
		doc.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if doc.Turns() == 0 {
		return nil, noTurns(doc.Format, len(doc.Items))
	}
	return doc, nil
}

// noTurns says why a file with text in it, read as format, gave no turns: it gave nothing
// at all (items 0: a subtitle format forced on a file with no cues, say), or nothing codable.
// A workbook or document with nothing in it is empty.
func noTurns(format string, items int) error {
	switch {
	case items > 0:
		return say.Errorf("the file has no codable turns or paragraphs")
	case format == "xlsx" || format == "docx":
		return ErrEmpty
	}
	return say.Errorf("nothing in the file reads as %s: is it in another format?", format)
}

func known(format string) bool {
	for _, f := range Formats {
		if f == format {
			return true
		}
	}
	return false
}

// readZipped reads an XLSX or DOCX source. A DOCX is read as the timed format as (Rev and
// Otter export DOCX) when it is named or its paragraphs look like one, else as turns or prose.
func readZipped(format string, data []byte, as string) (*coding.Document, error) {
	doc := &coding.Document{Format: format}
	if format == "xlsx" {
		items, warns, err := readXLSX(data)
		if err != nil {
			return nil, err
		}
		doc.Items, doc.Warnings = items, warns
		return doc, nil
	}
	paras, err := readDOCX(data)
	if err != nil {
		return nil, err
	}
	if as == "" {
		as = sniffTimed(paras)
	}
	if as != "" {
		doc.Format = as
		doc.Items, doc.Warnings, err = readTimedLines(as, paras)
		if err != nil {
			return nil, err
		}
	} else if looksLikeTurns(paras) {
		doc.Items, doc.Warnings = parseTurnLines(paras)
	} else {
		doc.Items = paragraphsAsUnits(paras)
	}
	return doc, nil
}

// readText reads decoded text in format; md tells that the file's name says it is Markdown,
// which the turn reader then reads as a reader sees it rendered (markdown.go), as it does text
// whose speakers are named in bold.
func readText(format, text, encoding string, md bool) (*coding.Document, error) {
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	doc := &coding.Document{Format: format, Encoding: encoding}
	var err error
	switch format {
	case "turns":
		if md || looksLikeMarkdown(headLines(text)) {
			doc.Items, doc.Warnings = readMarkdownLines(splitLines(text)).parse()
		} else {
			doc.Items, doc.Warnings = parseTurnSource(textSource(text))
		}
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
	case "zoom", "otter", "rev", "diarised":
		doc.Items, doc.Warnings, err = readTimedText(format, text)
	case "whisper-json":
		doc.Items, doc.Warnings, err = readWhisperJSON(text)
	}
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// sniffName recognises a format by the file's extension or, for zip files, its parts; it
// returns "" when the content must decide.
func sniffName(name string, data []byte) string {
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
	case ".json":
		return "whisper-json"
	}
	if strings.HasPrefix(string(data[:min(len(data), 4)]), "PK\x03\x04") {
		return zipKind(data)
	}
	return ""
}

// sniffLines is how much of a text sniffing reads: enough lines to see who speaks.
const sniffLines = 2000

// sniffText tells subtitles, Whisper's JSON, the timed exports of transcription tools, speaker
// turns and prose apart by the head of the text.
func sniffText(text string) string { return sniffSource(text, false) }

// sniffSource is sniffText for a file whose name says it is Markdown (md) or not: Markdown, and
// text whose speakers are named in bold, are turns when they read as turns once rendered.
func sniffSource(text string, md bool) string {
	head := strings.TrimLeft(text, " \t\r\n\ufeff")
	if strings.HasPrefix(head, "WEBVTT") {
		return "vtt"
	}
	if looksLikeSRT(head) {
		return "srt"
	}
	if looksLikeWhisperJSON(head) {
		return "whisper-json"
	}
	lines := strings.SplitN(head, "\n", sniffLines+1)
	if len(lines) > sniffLines {
		lines = lines[:sniffLines]
	}
	if f := sniffTimed(lines); f != "" {
		return f
	}
	if md || looksLikeMarkdown(lines) {
		if readMarkdownLines(lines).looksLikeTurns() {
			return "turns"
		}
		return "prose"
	}
	if looksLikeTurns(lines) {
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
