package coding

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
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
			return nil, fmt.Errorf("its XML declares the encoding %q, which turncoder does not know; save it as UTF-8 and try again", label)
		}
	}
	return enc.NewDecoder().Reader(in), nil
}
