package codebook

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A codebook saved on a Chinese Windows with its encoding declared (GB18030, Big5) is read as
// its declaration says, not refused with encoding/xml's "CharsetReader is nil" (issue 14).
func TestReadQDCDeclaredEncodings(t *testing.T) {
	for _, c := range []struct {
		label string
		enc   func(string) ([]byte, error)
		name  string
	}{
		{"GB18030", func(s string) ([]byte, error) { return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s)) }, "转介"},
		{"gbk", func(s string) ([]byte, error) { return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s)) }, "推诿"},
		{"Big5", func(s string) ([]byte, error) { return traditionalchinese.Big5.NewEncoder().Bytes([]byte(s)) }, "轉介"},
	} {
		doc := `<?xml version="1.0" encoding="` + c.label + `"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
<Code guid="11111111-1111-4111-8111-111111111111" name="` + c.name + `" isCodable="true"><Description>` + c.name + `：把工人推到别处</Description></Code>
</Codes></CodeBook>`
		if c.label == "Big5" {
			doc = strings.ReplaceAll(doc, "别处", "別處")
		}
		data, err := c.enc(doc)
		if err != nil {
			t.Fatal(err)
		}
		codes, _, err := ReadQDC(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", c.label, err)
		}
		if len(codes) != 1 || codes[0].Name != c.name || !strings.HasPrefix(codes[0].Definition, c.name+"：") {
			t.Errorf("%s: read %+v", c.label, codes)
		}
	}
	_, _, err := ReadQDC(strings.NewReader(`<?xml version="1.0" encoding="x-klingon"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`))
	if err == nil || err.Error() != `its XML declares the encoding "x-klingon", which turncoder does not know; save it as UTF-8 and try again` {
		t.Errorf("unknown encoding: %v", err)
	}
}
