package coding

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"

	"github.com/turncoder/turncoder/coding/say"
)

// XMLCharset is an encoding/xml CharsetReader for the encodings an XML declaration may name:
// GB18030, GBK, Big5, Shift_JIS, windows-1252 and the others of the WHATWG and IANA lists,
// through golang.org/x/text (a codebook that MAXQDA or ATLAS.ti on a Chinese Windows saved as
// <?xml encoding="GB18030"?> is read, not refused). UTF-8 never comes here; an unknown name is
// one sentence that says what to do.
func XMLCharset(label string, in io.Reader) (io.Reader, error) {
	name := strings.ToLower(strings.TrimSpace(label))
	enc, err := htmlindex.Get(name)
	if err != nil {
		if enc, err = ianaindex.IANA.Encoding(name); err != nil || enc == nil {
			return nil, unknownCharset(label)
		}
	}
	return enc.NewDecoder().Reader(in), nil
}

func unknownCharset(label string) error {
	return say.Errorf("its XML declares the encoding %q, which turncoder does not know; save it as UTF-8 and try again", label)
}

// XMLCharsetRefusal is XMLCharset's refusal found in an error of encoding/xml, which writes
// it as words (`xml: opening charset "X": …`): the sentence of say again, so that the window
// translates it; ok is false when err holds no such refusal.
func XMLCharsetRefusal(err error) (refusal error, ok bool) {
	_, after, ok := strings.Cut(err.Error(), "opening charset ")
	if !ok {
		return nil, false
	}
	quoted, why, ok := strings.Cut(after, ": ")
	if !ok {
		return nil, false
	}
	if label, uerr := strconv.Unquote(quoted); uerr == nil {
		if r := unknownCharset(label); r.Error() == why {
			return r, true
		}
	}
	return errors.New(why), true
}
