package refi

import (
	"testing"

	"github.com/turncoder/turncoder/coding/say"
)

// TestABrokenBlockIsAWarningOfSay: a source whose [turncoder] block does not fit its text is
// read as another program's, with a warning that is a sentence of say beside its English, the
// block's own fault a sentence inside it, so the window translates both; every warning of the
// report has its sentence, saying its English word for word.
func TestABrokenBlockIsAWarningOfSay(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">` +
		`<Sources><TextSource guid="22222222-0000-4000-8000-000000000001" name="Union">` +
		"<Description>[turncoder]\nitems:\nt 1 99</Description>" +
		"<PlainTextContent>Q: Are you in the union?\nA: Since 2015.\nQ: Which one?\nA: The nurses' union.</PlainTextContent>" +
		`</TextSource></Sources></Project>`
	_, rep := read(t, zipOf(t, "project.qde", qde))
	want := `"Union": the turncoder block of its description does not fit its text (the text ends before item 1 does), so the text was read as another program's`
	if len(rep.Warnings) != 1 || rep.Warnings[0] != want {
		t.Fatalf("warnings %q, want %q", rep.Warnings, want)
	}
	if len(rep.WarningsWhy) != len(rep.Warnings) {
		t.Fatalf("%d sentences for %d warnings", len(rep.WarningsWhy), len(rep.Warnings))
	}
	if got := rep.WarningsWhy[0].Error(); got != want {
		t.Errorf("the sentence says %q", got)
	}
	zh := map[string]string{
		"%q: the turncoder block of its description does not fit its text (%v), so the text was read as another program's": "“%s”：turncoder块不符（%v）",
		"the text ends before item %d does": "文本在第%d项之前结束",
	}
	got := say.In(rep.WarningsWhy[0], func(f string) string {
		if s, ok := zh[f]; ok {
			return s
		}
		return f
	})
	if want := "“Union”：turncoder块不符（文本在第1项之前结束）"; got != want {
		t.Errorf("translated %q, want %q", got, want)
	}
}

// TestWhatIsLeftOutIsSaidBySentences: things left out are counted in the English as before
// ("2 PDF sources"), and Sentences gives the count and the reason as sentences of say, the
// count's for the total, so that the window translates both.
func TestWhatIsLeftOutIsSaidBySentences(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>` +
		`<TextSource guid="22222222-0000-4000-8000-000000000001" name="Union"><PlainTextContent>Q: Are you in the union?
A: Since 2015.</PlainTextContent></TextSource>` +
		`<PDFSource guid="22222222-0000-4000-8000-000000000002" name="scan 1"/><PDFSource guid="22222222-0000-4000-8000-000000000003" name="scan 2"/>` +
		`</Sources></Project>`
	_, rep := read(t, zipOf(t, "project.qde", qde))
	if len(rep.Dropped) != 1 || rep.Dropped[0].What != "2 PDF sources" || rep.Dropped[0].Count != 2 {
		t.Fatalf("dropped %+v", rep.Dropped)
	}
	what, why := rep.Dropped[0].Sentences()
	if what.Error() != rep.Dropped[0].What || why.Error() != rep.Dropped[0].Why {
		t.Errorf("the sentences say %q: %q, the report %q: %q", what, why, rep.Dropped[0].What, rep.Dropped[0].Why)
	}
	zh := map[string]string{"%d PDF sources": "%d个PDF来源", "1 PDF source": "1个PDF来源"}
	got := say.In(what, func(f string) string {
		if s, ok := zh[f]; ok {
			return s
		}
		return f
	})
	if got != "2个PDF来源" {
		t.Errorf("translated %q", got)
	}
	if what, why := (Dropped{What: "1 thing", Why: "a reason"}).Sentences(); what.Error() != "1 thing" || why.Error() != "a reason" {
		t.Errorf("a Dropped made elsewhere says %q: %q", what, why)
	}
}
