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
		return exportWorkbook(ctx, path, "", in, progress)
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
