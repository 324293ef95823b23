package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/turncoder/turncoder/coding/report"
)

// codedProject is the seeded project with two coders' codings on the first call.
func codedProject(t *testing.T) string {
	p := seededProject(t)
	mustRun(t, "speakers", "-p", p, "--set-role", "CLB=interviewer")
	mustRun(t, "coders", "-p", p, "--add", "ana", "--add", "bo")
	in := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(in, []byte("document,turn,coder,code\n"+
		"000_d6d2e252924e4e15,2,ana,referral\n000_d6d2e252924e4e15,2,bo,referral\n"+
		"000_d6d2e252924e4e15,4,ana,deflection\n000_d6d2e252924e4e15,4,bo,\n"+
		"000_d6d2e252924e4e15,18,ana,referral\n000_d6d2e252924e4e15,18,bo,referral\n000_d6d2e252924e4e15,18,bo,admission\n"), 0o644)
	mustRun(t, "codings", "import", "-p", p, in)
	return p
}

func TestExportWorkbook(t *testing.T) {
	p := codedProject(t)
	out := filepath.Join(t.TempDir(), "study.xlsx")
	r := mustRun(t, "export", "-p", p, "-o", out, "--doc", "000_d6d2e252924e4e15")
	if !strings.Contains(r.stderr, "wrote") {
		t.Errorf("stderr %q", r.stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(report.SheetNames, "|") {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Disagreements")
	if len(rows) != 3 { // header, turn 4, turn 18
		t.Errorf("Disagreements has %d rows: %v", len(rows), rows)
	}
	codings, _ := f.GetRows("Codings")
	if len(codings) != 1+7 {
		t.Errorf("Codings has %d rows, want a header and 7", len(codings))
	}
	summary, _ := f.GetRows("Summary")
	if !strings.Contains(strings.Join(flatten(summary), " "), "document 000_d6d2e252924e4e15") {
		t.Errorf("the Summary does not state the scope: %v", summary)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestExportCSVAndFailures(t *testing.T) {
	p := codedProject(t)
	mustRun(t, "adjudicate", "-p", p, "--auto-agreed") // so that consensus.csv has rows
	dir := filepath.Join(t.TempDir(), "for-r")
	mustRun(t, "export", "-p", p, "--format", "csv", "-o", dir)
	for _, name := range []string{"codings.csv", "matrix.csv", "consensus.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\ufeff")) || !strings.Contains(string(b), "东营市总工会") {
			t.Errorf("%s: no BOM or no Chinese text", name)
		}
	}
	// An unwritable destination fails in one sentence and leaves nothing behind.
	missing := filepath.Join(t.TempDir(), "no", "such", "folder", "x.xlsx")
	if r := run(t, "export", "-p", p, "-o", missing); r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("the export made folders it was not asked to")
	}
	if r := run(t, "export", "-p", p, "-o", filepath.Join(t.TempDir(), "x.xls")); r.code != 2 {
		t.Errorf("a .xls name: exit %d", r.code)
	}
	if r := run(t, "export", "-p", p); r.code != 2 || !strings.Contains(r.stderr, "-o") {
		t.Errorf("no -o: exit %d %q", r.code, r.stderr)
	}
}

// export --lang zh-Hans and zh-Hant write the workbook with Chinese headers, notes and
// explanations: the sheets of the English one, with the same numbers in the same cells.
func TestExportWorkbookInChinese(t *testing.T) {
	p := codedProject(t)
	dir := t.TempDir()
	open := func(lang string) *excelize.File {
		out := filepath.Join(dir, lang+".xlsx")
		args := []string{"export", "-p", p, "-o", out, "--doc", "000_d6d2e252924e4e15"}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		mustRun(t, args...)
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	english := open("")
	want := map[string]struct{ codings, scope, reading string }{
		"zh-Hans": {"文档|节|话轮|说话人|角色|文本|编码员|代码|时间（UTC）", "范围|文档 000_d6d2e252924e4e15；编码范围内的话轮", "如何阅读本工作簿"},
		"zh-Hant": {"文件|節|話輪|說話人|角色|文本|編碼員|代碼|時間（UTC）", "範圍|文件 000_d6d2e252924e4e15；編碼範圍內的話輪", "如何閱讀本活頁簿"},
	}
	for lang, w := range want {
		f := open(lang)
		if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(report.SheetNames, "|") {
			t.Errorf("%s: sheets %s", lang, got)
		}
		codings, _ := f.GetRows("Codings")
		if got := strings.Join(codings[0], "|"); got != w.codings {
			t.Errorf("%s: Codings header %q, want %q", lang, got, w.codings)
		}
		summary, _ := f.GetRows("Summary")
		var lines []string
		for _, r := range summary {
			lines = append(lines, strings.Join(r, "|"))
		}
		all := strings.Join(lines, "\n")
		for _, s := range []string{w.scope, w.reading} {
			if !strings.Contains(all, s) {
				t.Errorf("%s: the Summary lacks %q:\n%s", lang, s, all)
			}
		}
		if strings.Contains(all, "Reading this workbook") || strings.Contains(all, "Percent agreement is a proportion") {
			t.Errorf("%s: the Summary has English notes:\n%s", lang, all)
		}
		for _, s := range report.SheetNames {
			a, _ := english.GetRows(s, excelize.Options{RawCellValue: true})
			z, _ := f.GetRows(s, excelize.Options{RawCellValue: true})
			if len(a) != len(z) {
				t.Errorf("%s %s: %d rows, the English %d", lang, s, len(z), len(a))
				continue
			}
			numbers := 0
			for i := range a {
				if s == "Summary" && len(a[i]) > 0 && a[i][0] == "Exported at (UTC)" {
					continue // the time of each export
				}
				for c, v := range a[i] {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						continue
					}
					numbers++
					if c >= len(z[i]) || z[i][c] != v {
						t.Errorf("%s %s row %d column %d: not the English %q", lang, s, i+1, c+1, v)
					}
				}
			}
			if s == "Agreement by code" && numbers < 20 {
				t.Errorf("%s: only %d numbers compared", s, numbers)
			}
		}
	}
}

// A language the workbook does not have is a usage error that names those it has, and writes
// nothing; --lang with a format that writes no workbook is refused too.
func TestExportLanguageRefused(t *testing.T) {
	p := codedProject(t)
	out := filepath.Join(t.TempDir(), "x.xlsx")
	r := run(t, "export", "-p", p, "-o", out, "--lang", "fr")
	if r.code != 2 || !strings.Contains(r.stderr, `"fr"`) || !strings.Contains(r.stderr, "en, zh-Hans or zh-Hant") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("--lang fr: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a workbook was written in an unknown language")
	}
	dir := filepath.Join(t.TempDir(), "csv")
	if r := run(t, "export", "-p", p, "-o", dir, "--format", "csv", "--lang", "zh-Hans"); r.code != 2 || !strings.Contains(r.stderr, "--lang") {
		t.Errorf("--lang with csv: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("--lang with csv wrote the folder")
	}
	mustRun(t, "export", "-p", p, "-o", out, "--lang", "zh-TW") // a tag people use
}
