package transcript

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/turncoder/turncoder/coding/say"
)

// maxLineBytes bounds one line of decoded text. Transcripts have short lines; a longer one is
// a data dump or a file without line breaks, and it would make every later step slow.
const maxLineBytes = 1 << 20

// Encodings lists the names accepted by Decode (and so by Options.Encoding).
var Encodings = []string{"utf-8", "utf-16le", "utf-16be", "utf-16", "gb18030", "gbk", "gb2312"}

// gb18030FFFD is U+FFFD encoded in GB18030: a replacement character that really is in the input.
var gb18030FFFD = []byte{0x84, 0x31, 0xA4, 0x37}

// Decode turns the bytes of a text source into a string. encoding names the encoding (see
// Encodings, case-insensitive) or is "" to detect it: a UTF-8 or UTF-16 byte-order mark, then
// valid UTF-8, then GB18030. It returns the text, without a byte-order mark, and the name of the
// encoding used. Bytes that are not valid in the encoding are an error that says where, never
// replacement characters; so are NUL bytes in an 8-bit encoding (binary files) and lines longer
// than 1 MB. Line endings are left as they are.
func Decode(data []byte, encoding string) (text string, name string, err error) {
	switch enc := strings.ToLower(strings.TrimSpace(encoding)); enc {
	case "":
		text, name, err = detectDecode(data)
	case "utf-8", "utf8":
		name = "utf-8"
		data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		if err = checkBinary(data); err == nil {
			text, err = decodeUTF8(data)
		}
	case "utf-16le", "utf16le", "utf-16be", "utf16be", "utf-16", "utf16":
		text, name, err = decodeUTF16Named(data, enc)
	case "gb18030", "gbk", "gb2312":
		name = enc
		if err = checkBinary(data); err == nil {
			text, err = decodeGB18030(data)
		}
	default:
		return "", "", say.Errorf("unknown encoding %q (use one of %s)", encoding, strings.Join(Encodings, ", "))
	}
	if err != nil {
		return "", "", err
	}
	text = strings.TrimLeft(text, "\uFEFF") // a byte-order mark, and any repeated by a tool that saved the file again
	if err := checkLineLengths(text); err != nil {
		return "", "", err
	}
	return text, name, nil
}

func detectDecode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
		if err := checkBinary(data); err != nil {
			return "", "", err
		}
		text, err := decodeUTF8(data)
		return text, "utf-8", err
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		text, err := decodeUTF16(data[2:], false)
		return text, "utf-16le", err
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		text, err := decodeUTF16(data[2:], true)
		return text, "utf-16be", err
	}
	if err := checkBinary(data); err != nil {
		return "", "", err
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	text, gbErr := decodeGB18030(data)
	if gbErr == nil {
		return text, "gb18030", nil
	}
	off, b := firstInvalidUTF8(data)
	return "", "", say.Errorf("the file is neither UTF-8 (invalid byte 0x%02X at line %d) nor GB18030 text (%s); save it as UTF-8 or name its encoding with --encoding (%s)",
		b, lineAt(data, off), gbDetail(gbErr), strings.Join(Encodings, ", "))
}

// gbDetail is what decodeGB18030's refusal says after "the file is not valid GB18030 text: ",
// the line as a sentence of say of its own, translated with the sentence it is put in.
func gbDetail(err error) any {
	var s *say.Error
	if errors.As(err, &s) && s.Format == "the file is not valid GB18030 text: invalid bytes at line %d" {
		return say.Errorf("invalid bytes at line %d", s.Args...)
	}
	return strings.TrimPrefix(err.Error(), "the file is not valid GB18030 text: ")
}

// checkBinary refuses NUL bytes in an 8-bit encoding: text files do not have them.
func checkBinary(data []byte) error {
	i := bytes.IndexByte(data, 0)
	if i < 0 {
		return nil
	}
	return say.Errorf("the file looks binary, not text (it has a NUL byte at line %d); if it is UTF-16 text without a byte-order mark, use --encoding utf-16le or utf-16be", lineAt(data, i))
}

func decodeUTF8(data []byte) (string, error) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	off, b := firstInvalidUTF8(data)
	return "", say.Errorf("the file is not valid UTF-8: invalid byte 0x%02X at line %d (try --encoding gb18030)", b, lineAt(data, off))
}

// firstInvalidUTF8 returns the offset and value of the first byte that does not start a valid
// UTF-8 sequence. Call it only on invalid data.
func firstInvalidUTF8(data []byte) (int, byte) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i, data[i]
		}
		i += size
	}
	return len(data), 0
}

func decodeUTF16Named(data []byte, enc string) (string, string, error) {
	le, be := bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF"))
	switch enc {
	case "utf-16", "utf16":
		if le {
			text, err := decodeUTF16(data[2:], false)
			return text, "utf-16le", err
		}
		if be {
			text, err := decodeUTF16(data[2:], true)
			return text, "utf-16be", err
		}
		return "", "", say.Errorf("the file has no UTF-16 byte-order mark, so its byte order is unknown; use --encoding utf-16le or utf-16be")
	case "utf-16le", "utf16le":
		if be {
			return "", "", say.Errorf("the file starts with a UTF-16BE byte-order mark but the encoding given is utf-16le; use --encoding utf-16be")
		}
		text, err := decodeUTF16(bytes.TrimPrefix(data, []byte("\xFF\xFE")), false)
		return text, "utf-16le", err
	default:
		if le {
			return "", "", say.Errorf("the file starts with a UTF-16LE byte-order mark but the encoding given is utf-16be; use --encoding utf-16le")
		}
		text, err := decodeUTF16(bytes.TrimPrefix(data, []byte("\xFE\xFF")), true)
		return text, "utf-16be", err
	}
}

// decodeUTF16 decodes UTF-16 without a byte-order mark, refusing unpaired surrogates and NULs.
func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	name := "UTF-16LE"
	if bigEndian {
		name = "UTF-16BE"
	}
	if len(data)%2 != 0 {
		return "", say.Errorf("the file is not valid %s: it has an odd number of bytes", name)
	}
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(data[i])<<8 | uint16(data[i+1])
		}
		return uint16(data[i+1])<<8 | uint16(data[i])
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/2)
	for i := 0; i < len(data); i += 2 {
		u := unit(i)
		r := rune(u)
		switch {
		case u == 0:
			return "", say.Errorf("the file looks binary, not text (it has a NUL character at line %d)", strings.Count(normalizeBreaks(b.String()), "\n")+1)
		case utf16.IsSurrogate(r):
			if u < 0xDC00 && i+3 < len(data) {
				if r = utf16.DecodeRune(r, rune(unit(i+2))); r != utf8.RuneError {
					i += 2
					break
				}
			}
			return "", say.Errorf("the file is not valid %s: an unpaired surrogate at line %d", name, strings.Count(normalizeBreaks(b.String()), "\n")+1)
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

// decodeGB18030 decodes GB18030 (and so GBK and GB2312), refusing byte sequences the decoder
// would replace with U+FFFD.
func decodeGB18030(data []byte) (string, error) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", say.Errorf("the file is not valid GB18030 text: %v", err)
	}
	if bytes.Count(out, []byte("\uFFFD")) <= bytes.Count(data, gb18030FFFD) {
		return string(out), nil
	}
	// Find the line: GB18030 never uses CR or LF inside a multi-byte character, so each line
	// decodes on its own.
	for start := 0; start < len(data); {
		end := bytes.IndexAny(data[start:], "\r\n")
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		seg := data[start:end]
		dec, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(seg)
		if bytes.Count(dec, []byte("\uFFFD")) > bytes.Count(seg, gb18030FFFD) {
			return "", say.Errorf("the file is not valid GB18030 text: invalid bytes at line %d", lineAt(data, start))
		}
		start = end + 1
	}
	return "", say.Errorf("the file is not valid GB18030 text")
}

// lineAt returns the 1-based line of byte offset off, counting LF, CRLF and lone CR as one
// break each (as splitLines does).
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	p := data[:off]
	return bytes.Count(p, []byte("\n")) + bytes.Count(p, []byte("\r")) - bytes.Count(p, []byte("\r\n")) + 1
}

func normalizeBreaks(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// checkLineLengths refuses text with a line longer than maxLineBytes.
func checkLineLengths(text string) error {
	line, start := 1, 0
	for start <= len(text) {
		end := strings.IndexAny(text[start:], "\r\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if n := end - start; n > maxLineBytes {
			return say.Errorf("line %d is %.1f MB long; turncoder reads lines of up to %d MB, so this is not a transcript it can read (is it a data file, or a text without line breaks?)",
				line, float64(n)/(1<<20), maxLineBytes>>20)
		}
		if end < len(text) && text[end] == '\r' && end+1 < len(text) && text[end+1] == '\n' {
			end++
		}
		line++
		start = end + 1
	}
	return nil
}
