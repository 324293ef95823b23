package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/xuri/excelize/v2"
)

var t0 = time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

// fixtureCodebook: four codes in scope (apology is never used) and one outside it, with a parent.
func fixtureCodebook() []coding.Code {
	return []coding.Code{
		{ID: "c1", Name: "referral", NameZH: "转介", Definition: "The speaker sends the matter elsewhere.", Inclusion: "转给, 找社工", Exclusion: "Advice without a referral.", Example: "你去问社工吧。", Colour: "#4e79a7", Shortcut: "1", Position: 1},
		{ID: "c2", Name: "deflection", NameZH: "回避", Definition: "Avoids the question.", Colour: "#f28e2b", Shortcut: "2", Position: 2},
		{ID: "c3", Name: "admission", NameZH: "承认", Definition: "Admits a fault.", Colour: "#e15759", Shortcut: "3", ParentID: "c5", Position: 3},
		{ID: "c4", Name: "apology", NameZH: "道歉", Definition: "Says sorry.", Colour: "#76b7b2", Position: 4},
		{ID: "c5", Name: "=stance", NameZH: "立场", Definition: "-a parent code that starts like a formula", Position: 5},
	}
}

// fixtureUnits: Chinese turns, turns that look like formulas, a turn reviewed by one coder only
// (t7) and one nobody reviewed (t8).
func fixtureUnits() []coding.Unit {
	r, i := coding.RoleRespondent, coding.RoleInterviewer
	return []coding.Unit{
		{TurnID: "t1", DocumentID: "d1", Document: "访谈一", Section: "开场", Number: 2, Speaker: "李明", Role: r, Text: "我觉得这个问题应该转给社工处理。"},
		{TurnID: "t2", DocumentID: "d1", Document: "访谈一", Section: "开场", Number: 4, Speaker: "李明", Role: r, Text: "=SUM(A1)"},
		{TurnID: "t3", DocumentID: "d1", Document: "访谈一", Section: "开场", Number: 6, Speaker: "张华", Role: r, Text: "-1"},
		{TurnID: "t4", DocumentID: "d1", Document: "访谈一", Section: "正题", Number: 8, Speaker: "张华", Role: r, Text: "@x 我不太想谈这个。"},
		{TurnID: "t5", DocumentID: "d1", Document: "访谈一", Section: "正题", Number: 10, Speaker: "访谈员", Role: i, Text: "+y 是我的错，对不起。"},
		{TurnID: "t6", DocumentID: "d2", Document: "访谈二", Section: "", Number: 1, Speaker: "王芳", Role: r, Text: "没有什么特别的，\n就是这样。"},
		{TurnID: "t7", DocumentID: "d2", Document: "访谈二", Section: "", Number: 3, Speaker: "王芳", Role: r, Text: "只有一位编码员看过这一轮。"},
		{TurnID: "t8", DocumentID: "d2", Document: "访谈二", Section: "", Number: 5, Speaker: "王芳", Role: r, Text: "没有人看过。"},
		{TurnID: "t9", DocumentID: "d2", Document: "访谈二", Section: "", Number: 7, Speaker: "", Role: "", Text: "A prose paragraph, with a comma and \"quotes\"."},
	}
}

// fixture is the single-label project: three coders, each gives a turn at most one code.
func fixture(t testing.TB) Input {
	t.Helper()
	j := func(unit, coder, code string, min int) coding.Judgement {
		return coding.Judgement{Unit: unit, Coder: coder, Code: code, Time: at(min)}
	}
	data := coding.Reliability{
		Units:  fixtureUnits(),
		Coders: []string{"ana", "bo", "cy"},
		Codes:  fixtureCodebook()[:4],
		Judgements: []coding.Judgement{
			// reviews first, as the store lists them
			j("t1", "ana", "", 1), j("t1", "bo", "", 2), j("t1", "cy", "", 3),
			j("t2", "ana", "", 4), j("t2", "bo", "", 5), j("t2", "cy", "", 6),
			j("t3", "ana", "", 7), j("t3", "bo", "", 8), j("t3", "cy", "", 9),
			j("t4", "ana", "", 10), j("t4", "bo", "", 11), j("t4", "cy", "", 12),
			j("t5", "ana", "", 13), j("t5", "bo", "", 14),
			j("t6", "ana", "", 15), j("t6", "bo", "", 16), j("t6", "cy", "", 17),
			j("t7", "ana", "", 18),
			j("t9", "bo", "", 19), j("t9", "cy", "", 20),
			// codes
			j("t1", "ana", "referral", 21), j("t1", "bo", "referral", 22), j("t1", "cy", "referral", 23),
			j("t2", "ana", "deflection", 24), j("t2", "bo", "deflection", 25), j("t2", "cy", "admission", 26),
			j("t3", "ana", "admission", 27), j("t3", "bo", "admission", 28), // cy: reviewed, no code
			j("t4", "ana", "deflection", 29), j("t4", "bo", "referral", 30), j("t4", "cy", "deflection", 31),
			j("t5", "ana", "admission", 32), j("t5", "bo", "admission", 33),
			j("t6", "cy", "deflection", 34), // ana, bo: reviewed, no code
			j("t7", "ana", "referral", 35),
			j("t9", "bo", "deflection", 36), j("t9", "cy", "deflection", 37),
			{Unit: "t9", Coder: "zed", Code: "referral"},  // a coder outside the data: ignored
			{Unit: "t99", Coder: "ana", Code: "referral"}, // a unit outside the data: ignored
		},
	}
	return Input{
		Project:    "访谈项目.turncoder",
		ExportedAt: time.Date(2024, 4, 1, 8, 15, 30, 0, time.UTC),
		Scope:      "whole project; turns in the coding scope",
		Codebook:   fixtureCodebook(),
		Data:       data,
		Agreement:  agreement.Compute(agreement.FromReliability(data), agreement.Options{Bootstrap: true, Resamples: 200, Seed: 7}),
	}
}

// multiFixture is the fixture with a second code on two turns: multi-label data.
func multiFixture(t testing.TB) Input {
	in := fixture(t)
	d := in.Data
	d.Judgements = append(append([]coding.Judgement{}, d.Judgements...),
		coding.Judgement{Unit: "t1", Coder: "ana", Code: "deflection", Time: at(40)},
		coding.Judgement{Unit: "t4", Coder: "bo", Code: "deflection", Time: at(41)},
	)
	in.Data = d
	in.Agreement = agreement.Compute(agreement.FromReliability(d), agreement.Options{})
	return in
}

// build writes the workbook and opens it again.
func build(t testing.TB, in Input, opt Options) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(context.Background(), &buf, in, opt, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// rows reads a sheet's rows (formatted values).
func rows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func ref(col, row int) string {
	r, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return r
}

// raw is a cell's stored value.
func raw(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// number reads a numeric cell, failing unless the cell is stored as a number.
func number(t testing.TB, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Fatalf("%s!%s: cell type %v, want a number", sheet, cell, typ)
	}
	v := raw(t, f, sheet, cell)
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s: %q is not a number", sheet, cell, v)
	}
	return x
}

// text reads a text cell, failing unless it is a string (shared or inline) and not a formula.
func text(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Fatalf("%s!%s: cell type %v, want text", sheet, cell, typ)
	}
	if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
		t.Fatalf("%s!%s: formula %q", sheet, cell, fm)
	}
	return raw(t, f, sheet, cell)
}

// empty checks that a cell holds nothing.
func empty(t testing.TB, f *excelize.File, sheet, cell string) {
	t.Helper()
	if v := raw(t, f, sheet, cell); v != "" {
		t.Errorf("%s!%s = %q, want empty", sheet, cell, v)
	}
}

// header reads row 1 (or the given row) as a column index by name.
func header(t testing.TB, f *excelize.File, sheet string, row int) map[string]int {
	t.Helper()
	rs := rows(t, f, sheet)
	if len(rs) < row {
		t.Fatalf("%s has %d rows", sheet, len(rs))
	}
	m := map[string]int{}
	for i, h := range rs[row-1] {
		if h != "" {
			m[h] = i + 1
		}
	}
	return m
}

func joinLines(rs [][]string) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(strings.Join(r, "|"))
		b.WriteByte('\n')
	}
	return b.String()
}

// A workbook export keeps excelize's temporary files in a folder of its own and removes it;
// such folders that a killed export left are swept once they are old.
func TestWorkbookLeavesNoTemporaryFiles(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	stale := filepath.Join(os.TempDir(), workbookTempPrefix+"12345")
	os.Mkdir(stale, 0o700)
	os.WriteFile(filepath.Join(stale, "excelize-1"), []byte("left by a killed export"), 0o600)
	old := time.Now().Add(-safefile.StaleTemp - time.Hour)
	os.Chtimes(stale, old, old)
	fresh := filepath.Join(os.TempDir(), workbookTempPrefix+"67890") // an export under way
	os.Mkdir(fresh, 0o700)
	var buf bytes.Buffer
	if err := WriteWorkbook(context.Background(), &buf, synthetic(30_000), Options{}, nil); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(os.TempDir())
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if len(left) != 1 || left[0] != filepath.Base(fresh) {
		t.Errorf("the temporary folder holds %q after the export, want only the export under way", left)
	}
}
