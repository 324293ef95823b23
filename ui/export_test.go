package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/report"
)

func TestExportWorkbookIsAllOrNothing(t *testing.T) {
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "3"})
	dir := t.TempDir()
	path := filepath.Join(dir, "study.xlsx")
	write := func(ctx context.Context, in report.Input, progress func(int, int)) error {
		return exportWorkbook(ctx, path, "", "en", in, progress)
	}
	calls := 0
	sc := exportScope{scope: coding.Scope{Document: callsDoc}, text: "the calls"}
	if err := exportTo(context.Background(), h.p, sc, write, func(int, int) { calls++ }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.GetSheetList(), "|") != strings.Join(report.SheetNames, "|") {
		t.Errorf("sheets %v", f.GetSheetList())
	}
	rows, _ := f.GetRows("Disagreements")
	f.Close()
	if len(rows) != 2 || calls == 0 {
		t.Errorf("disagreements %v, progress calls %d", rows, calls)
	}
	// A cancelled export leaves nothing: neither the workbook nor a temporary file.
	os.Remove(path)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := exportTo(ctx, h.p, sc, write, nil); err == nil {
		t.Error("a cancelled export reported success")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled export left %v", entries)
	}
	if (exportScope{}).describe() != "whole project; turns in the coding scope" {
		t.Error("the default export scope")
	}
}

// TestTheWorkbookSpeaksTheWindowsLanguage: with the window in Chinese, File → Export writes
// the workbook's headers and its scope in that language; the sheets keep their names.
func TestTheWorkbookSpeaksTheWindowsLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1", 4: "2"})
	h.codeTurns("bo", map[int]string{2: "1", 4: "3"})
	for tag, speaker := range map[string]string{"en": "Speaker", "zh-Hans": "说话人", "zh-Hant": "說話人"} {
		SetLanguage(tag)
		path := filepath.Join(t.TempDir(), "study.xlsx")
		sc := exportScope{} // the whole project, as File → Export has it before the agreement window is used
		err := exportTo(context.Background(), h.p, sc, func(ctx context.Context, in report.Input, progress func(int, int)) error {
			return exportWorkbook(ctx, path, "", Language(), in, progress)
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		head, _ := f.GetRows("Disagreements")
		summary, _ := f.GetRows("Summary")
		f.Close()
		var all []string
		for _, r := range summary {
			all = append(all, strings.Join(r, "|"))
		}
		if strings.Join(f.GetSheetList(), "|") != strings.Join(report.SheetNames, "|") || len(head) == 0 || !strings.Contains(strings.Join(head[0], "|"), speaker) {
			t.Errorf("%s: sheets %v, the disagreements' header %v", tag, f.GetSheetList(), head)
		}
		if scope := report.DescribeScope(tag, coding.Scope{}); sc.describe() != scope || !strings.Contains(strings.Join(all, "\n"), scope) {
			t.Errorf("%s: the scope %q, the Summary without %q:\n%s", tag, sc.describe(), scope, strings.Join(all, "\n"))
		}
	}
}
