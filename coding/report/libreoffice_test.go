package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// libreOffice finds LibreOffice's command line.
func libreOffice() string {
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestLibreOfficeRoundTrip opens the fixture's workbook in LibreOffice Calc (Debian's
// libreoffice-calc), exports every sheet to CSV and checks that Calc reads the values we wrote,
// cell by cell: text literally (a turn "=SUM(A1)" is not computed), numbers to Calc's 15
// significant digits, date-times as displayed. One conversion per run (Calc takes seconds to
// start) for the workbook in each language: the Chinese ones too are read as written, their
// sheets, headers and notes included. The CSV filter's 12th token, -1, exports every sheet to
// NAME-SHEET.csv (LibreOffice 7.2 and later; Debian 12 has 7.4). Skipped without LibreOffice
// unless CI is set: CI installs it.
func TestLibreOfficeRoundTrip(t *testing.T) {
	lo := libreOffice()
	if lo == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("libreoffice is missing; CI must install it (apt-get install --no-install-recommends libreoffice-calc)")
		}
		t.Skip("libreoffice is missing (apt-get install --no-install-recommends libreoffice-calc)")
	}
	dir := t.TempDir()
	files := map[string]*excelize.File{}
	args := []string{"--headless", "--norestore",
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", filepath.Join(dir, "csv")}
	for _, lang := range Languages {
		f, b := build(t, fixture(t), Options{Lang: lang})
		xlsx := filepath.Join(dir, "fixture-"+lang+".xlsx")
		if err := os.WriteFile(xlsx, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files[lang] = f
		args = append(args, xlsx)
	}
	// Turns that hold SpreadsheetML's own escapes, _xHHHH_, and the shorter forms Calc reads
	// too (_x9_ as a tab): Calc must read them as written. (t8, which nobody reviewed, is not
	// in the Codings sheet: these are t1 to t7.)
	escapes := []string{"_x0041_x0042_x0043_", "_x005f_x0041_", "_xD800_ stays", "a_x0041_b", "_x005F_", "__x0009__", "_x9_ _x00A_ _x1_ _xGGGG_ _X0041_"}
	withEscapes := fixture(t)
	withEscapes.Data.Units = slices.Clone(withEscapes.Data.Units)
	for i, text := range escapes {
		withEscapes.Data.Units[i].Text = text
	}
	_, b := build(t, withEscapes, Options{Lang: "en"})
	if err := os.WriteFile(filepath.Join(dir, "escapes.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, filepath.Join(dir, "escapes.xlsx"))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, lo, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, msg)
	}
	for _, lang := range Languages {
		calcReadsWhatWeWrote(t, files[lang], filepath.Join(dir, "csv", "fixture-"+lang))
	}
	// The literal turns, as Calc reads them.
	data, _ := os.ReadFile(filepath.Join(dir, "csv", "fixture-en-Codings.csv"))
	for _, s := range []string{",=SUM(A1),", ",-1,", ",@x 我不太想谈这个。,", ",+y 是我的错，对不起。,", "\n访谈一,开场,2,李明,respondent,我觉得这个问题应该转给社工处理。,ana,referral,2024-03-15 09:51:00\n"} {
		if !strings.Contains(string(data), s) {
			t.Errorf("Calc's Codings lacks %q", s)
		}
	}
	data, _ = os.ReadFile(filepath.Join(dir, "csv", "escapes-Codings.csv"))
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("Calc's Codings of the escapes: %v", err)
	}
	read := map[string]bool{}
	for _, r := range records[1:] {
		read[r[5]] = true
	}
	for _, text := range escapes {
		if !read[text] {
			t.Errorf("Calc does not read the turn %q as written; it read the texts %q", text, slices.Sorted(maps.Keys(read)))
		}
	}
	data, _ = os.ReadFile(filepath.Join(dir, "csv", "fixture-zh-Hant-Codings.csv"))
	if !strings.HasPrefix(string(data), "文件,節,話輪,說話人,角色,文本,編碼員,代碼,時間（UTC）\n") {
		t.Errorf("Calc's Codings in Traditional Chinese: %.200q", data)
	}
}

// calcReadsWhatWeWrote compares each sheet of f with Calc's CSV of it, prefix-SHEET.csv.
func calcReadsWhatWeWrote(t *testing.T, f *excelize.File, prefix string) {
	t.Helper()
	for _, sheet := range SheetNames {
		data, err := os.ReadFile(prefix + "-" + sheet + ".csv")
		if err != nil {
			t.Errorf("%s: %v", sheet, err)
			continue
		}
		r := csv.NewReader(strings.NewReader(string(data)))
		r.FieldsPerRecord = -1
		calc, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		shown, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		calc, shown, stored = trimRows(calc), trimRows(shown), trimRows(stored)
		if len(calc) != len(shown) {
			t.Errorf("%s: Calc reads %d rows, we wrote %d", sheet, len(calc), len(shown))
			continue
		}
		for i := range calc {
			if len(calc[i]) != len(shown[i]) {
				t.Errorf("%s %s row %d: Calc reads %q, we wrote %q", filepath.Base(prefix), sheet, i+1, calc[i], shown[i])
				continue
			}
			for c := range calc[i] {
				if !sameValue(calc[i][c], shown[i][c], stored[i][c]) {
					t.Errorf("%s %s!%s: Calc reads %q, we wrote %q (shown %q)", filepath.Base(prefix), sheet, ref(c+1, i+1), calc[i][c], stored[i][c], shown[i][c])
				}
			}
		}
	}
}

// trimRows drops trailing empty cells and rows.
func trimRows(rs [][]string) [][]string {
	out := make([][]string, len(rs))
	for i, r := range rs {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out[i] = r
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// sameValue: Calc's text equals ours as shown or as stored, or both are the same number to 12
// significant digits (Calc writes 15; a percentage as "12.5%").
func sameValue(calc, shown, stored string) bool {
	if calc == shown || calc == stored {
		return true
	}
	x, err1 := strconv.ParseFloat(stored, 64)
	y, err2 := strconv.ParseFloat(strings.TrimSuffix(calc, "%"), 64)
	if err1 != nil || err2 != nil {
		return false
	}
	if strings.HasSuffix(calc, "%") {
		y /= 100
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(x))
}
