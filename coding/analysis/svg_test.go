package analysis

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// svgElements parses an SVG, failing the test unless it is well-formed XML, and returns its
// rect elements' attributes and its texts.
func svgElements(t *testing.T, data []byte) (bars []map[string]string, texts []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	inText := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, data)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "svg" && el.Name.Space != "http://www.w3.org/2000/svg" {
				t.Errorf("namespace %q", el.Name.Space)
			}
			if el.Name.Local == "rect" {
				attrs := map[string]string{}
				for _, a := range el.Attr {
					attrs[a.Name.Local] = a.Value
				}
				if attrs["class"] == "bar" {
					bars = append(bars, attrs)
				}
			}
			if el.Name.Local == "text" || el.Name.Local == "title" {
				inText++
				text.Reset()
			}
		case xml.CharData:
			if inText > 0 {
				text.Write(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" || el.Name.Local == "title" {
				inText--
				texts = append(texts, text.String())
			}
		}
	}
	return bars, texts
}

func TestWriteSVG(t *testing.T) {
	b := Bars{
		Title: `Codes by speaker: "a" & <b>`, YLabel: "turns",
		Groups: []string{"胜利石油管理局工会", "东营市总工会", "<script>"},
		Series: []BarSeries{
			{Name: "referral", Colour: "FF0000", Values: []int{3, 0, 1}},
			{Name: "推诿", Colour: "0072B2", Values: []int{12, 5, 0}},
		},
	}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, b); err != nil {
		t.Fatal(err)
	}
	bars, texts := svgElements(t, buf.Bytes())
	if len(bars) != 4 {
		t.Errorf("%d bars, want 4 (one per value above zero)", len(bars))
	}
	heights := map[string]bool{}
	for _, a := range bars {
		heights[a["height"]] = true
	}
	// The axis runs to 12 in steps of 2: 12 is the plot's 280 pixels, 3 is 70, 1 is 23.3.
	if !heights["280"] || !heights["70"] || !heights["23.3"] {
		t.Errorf("bar heights %v, want 280 for 12, 70 for 3 and 23.3 for 1", heights)
	}
	joined := strings.Join(texts, "\n")
	for _, want := range []string{`Codes by speaker: "a" & <b>`, "胜利石油管理局工会", "<script>", "推诿", "东营市总工会, 推诿: 5", "10"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no text %q in\n%s", want, joined)
		}
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Error("a name is written unescaped")
	}
	if !strings.Contains(buf.String(), `fill="#0072B2"`) {
		t.Error("the series' colour is not used")
	}
	// The long Chinese names do not fit a group of two bars: they are slanted.
	if !strings.Contains(buf.String(), "rotate(-40)") {
		t.Error("long names are not slanted")
	}

	buf.Reset()
	if err := WriteSVG(&buf, Bars{Title: "empty"}); err != nil {
		t.Fatal(err)
	}
	if _, texts := svgElements(t, buf.Bytes()); !strings.Contains(strings.Join(texts, "|"), "no codes given") {
		t.Errorf("an empty chart says so: %q", texts)
	}
}

func TestTicks(t *testing.T) {
	for _, tc := range []struct{ max, step, top int }{
		{0, 1, 1}, {1, 1, 1}, {6, 1, 6}, {7, 2, 8}, {12, 2, 12}, {13, 5, 15}, {31, 10, 40}, {999, 200, 1000},
	} {
		if step, top := Ticks(tc.max); step != tc.step || top != tc.top {
			t.Errorf("Ticks(%d) = %d, %d; want %d, %d", tc.max, step, top, tc.step, tc.top)
		}
	}
}

func TestCut(t *testing.T) {
	if got := cut("胜利石油管理局工会", 8); got != "胜利石…" {
		t.Errorf("cut %q", got)
	}
	if got := cut("short", 8); got != "short" {
		t.Errorf("cut %q", got)
	}
}
