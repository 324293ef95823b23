package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// The coded project (codedProject) has coders ana and bo on the first call of
// 000_d6d2e252924e4e15, whose turns 2, 4 and 18 are 东营市总工会's (CLB, the interviewer,
// asks in between):
//
//	turn 2   ana: referral            bo: referral
//	turn 4   ana: deflection          bo: reviewed, no code
//	turn 18  ana: referral            bo: referral, admission
//
// and no consensus layer, so that all coders are counted by default.

const call = "000_d6d2e252924e4e15"

func analyseJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	r := mustRun(t, append(append([]string{"analyse"}, args...), "--json")...)
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("analyse %s: %v\n%s", strings.Join(args, " "), err, r.stdout)
	}
}

type matrixOut struct {
	Matrix  string `json:"matrix"`
	Coder   string `json:"coder"`
	Counted string `json:"counted"`
	Codes   []string
	Columns []struct {
		Name, Label, Document string
		Turns                 int
	}
	Counts        [][]int
	RowTotals     []int        `json:"row_totals"`
	ColumnTotals  []int        `json:"column_totals"`
	Total         int          `json:"total"`
	RowPercent    [][]*float64 `json:"row_percent"`
	ColumnPercent [][]*float64 `json:"column_percent"`
}

func TestAnalyseMatrix(t *testing.T) {
	p := codedProject(t)
	var m matrixOut
	analyseJSON(t, &m, "-p", p, "--matrix", "speaker")
	// Every coder counts: referral twice on turn 2 and twice on turn 18.
	if m.Matrix != "speaker" || m.Coder != "all" || m.Columns[0].Label != "东营市总工会" || m.Columns[0].Turns != 48 {
		t.Fatalf("matrix %+v", m)
	}
	if got := [][]int{m.Counts[0][:1], m.Counts[1][:1], m.Counts[2][:1], m.Counts[3][:1]}; !reflect.DeepEqual(got, [][]int{{4}, {1}, {1}, {0}}) {
		t.Errorf("东营市总工会's column %v", got)
	}
	if m.Total != 6 || m.ColumnTotals[0] != 6 || m.RowTotals[0] != 4 {
		t.Errorf("totals %d %v %v", m.Total, m.ColumnTotals, m.RowTotals)
	}
	var share float64 = 4.0 / 6 // as computed: the share, then a percentage
	if v := m.ColumnPercent[0][0]; v == nil || *v != share*100 {
		t.Errorf("referral's column percentage %v, want 66.67", v)
	}
	if m.RowPercent[3][0] != nil || m.ColumnPercent[0][1] != nil {
		t.Error("a code or a column with no codings has no percentage (null)")
	}
	if !strings.Contains(m.Counted, "once for each coder") {
		t.Errorf("counted %q", m.Counted)
	}

	// One coder: turns.
	analyseJSON(t, &m, "-p", p, "--matrix", "speaker", "--coder", "ana", "--doc", call)
	if m.Coder != "ana" || m.Counts[0][0] != 2 || m.Counts[1][0] != 1 || m.Total != 3 || len(m.Columns) != 4 || m.ColumnTotals[0] != 3 {
		t.Errorf("ana: %+v", m)
	}
	// The interviewer's turns asked for: nobody coded them.
	analyseJSON(t, &m, "-p", p, "--matrix", "role", "--role", "interviewer", "--codes", "referral,admission")
	if len(m.Columns) != 1 || m.Columns[0].Label != "interviewer" || m.Total != 0 || len(m.Codes) != 2 {
		t.Errorf("interviewer: %+v", m)
	}

	// The text: each table's lines of one display width, Chinese headers included.
	r := mustRun(t, "analyse", "-p", p, "--matrix", "section", "--doc", call)
	if !strings.HasPrefix(r.stdout, "Codes by section: document "+call+"; turns in the coding scope\nCoder: all coders\nCounted: codings:") {
		t.Errorf("heading:\n%s", r.stdout)
	}
	tables := strings.Split(r.stdout, "\n\n")
	if len(tables) != 4 {
		t.Fatalf("%d blocks:\n%s", len(tables), r.stdout)
	}
	for _, tb := range tables[1:] {
		lines := strings.Split(strings.Trim(tb, "\n"), "\n")
		if strings.HasSuffix(lines[0], ":") {
			lines = lines[1:]
		}
		for _, l := range lines[1:] {
			if coding.TextWidth(l) != coding.TextWidth(lines[0]) {
				t.Errorf("not lined up:\n%s\n%s", lines[0], l)
			}
		}
	}
	if !strings.Contains(r.stdout, "第一通电话：东营市总工会办公室") || !strings.Contains(r.stdout, "66.7%") {
		t.Errorf("sections:\n%s", r.stdout)
	}
}

func TestAnalyseMatrixCSV(t *testing.T) {
	p := codedProject(t)
	out := filepath.Join(t.TempDir(), "m.csv")
	r := mustRun(t, "analyse", "-p", p, "--matrix", "document", "--coder", "bo", "--csv", "-o", out)
	if r.stdout != "" || !strings.Contains(r.stderr, "wrote "+out) {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	// A row per code and document (5 documents); a share of no codings is empty.
	if len(lines) != 1+4*5+1 || lines[0] != "\ufeffcode,document,count,row_percent,column_percent" || lines[1] != "referral,"+call+",2,100,66.66666666666666" ||
		lines[6] != "deflection,"+call+",0,,0" || lines[11] != "admission,"+call+",1,100,33.33333333333333" || lines[12] != "admission,001_eb810e1110304a78,0,0," {
		t.Errorf("CSV:\n%s", data)
	}
	// To standard output, without the BOM.
	r = mustRun(t, "analyse", "-p", p, "--matrix", "document", "--coder", "bo", "--csv")
	if !strings.HasPrefix(r.stdout, "code,document,count") {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestAnalyseCooccurrence(t *testing.T) {
	p := codedProject(t)
	var c struct {
		Window  int
		Coder   string
		Counted string
		Codes   []string
		Counts  [][]int
	}
	analyseJSON(t, &c, "-p", p, "--cooccur")
	// bo gave turn 18 referral and admission; ana's referral there is alone.
	if want := [][]int{{2, 0, 1, 0}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}}; !reflect.DeepEqual(c.Counts, want) || c.Window != 0 {
		t.Errorf("within a turn %v, want %v", c.Counts, want)
	}
	// Within 2 turns, ana's referral on turn 2 meets her deflection on turn 4.
	analyseJSON(t, &c, "-p", p, "--cooccur", "--window", "2", "--coder", "ana")
	if want := [][]int{{2, 2, 0, 0}, {2, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}; !reflect.DeepEqual(c.Counts, want) || c.Coder != "ana" {
		t.Errorf("within 2 turns %v, want %v", c.Counts, want)
	}
	r := mustRun(t, "analyse", "-p", p, "--cooccur", "--csv")
	if !strings.HasPrefix(r.stdout, "code_a,code_b,turns\nreferral,referral,2\nreferral,deflection,0\nreferral,admission,1\n") {
		t.Errorf("CSV:\n%s", r.stdout)
	}
	r = mustRun(t, "analyse", "-p", p, "--cooccur", "--window", "1")
	if !strings.HasPrefix(r.stdout, "Co-occurrence of codes within 1 turn: whole project") {
		t.Errorf("text:\n%s", r.stdout)
	}
}

func TestAnalyseRetrieve(t *testing.T) {
	p := codedProject(t)
	var out struct {
		Retrieve string
		Not      []string
		Coder    string
		Turns    []struct {
			Document, Text string
			Section        *string
			Turn           int
			Speaker, Role  *string
			Coders         []string
			Codes          []struct {
				Coder string
				Codes []string
			}
			Memos         []struct{ Coder, Text string }
			Before, After []struct {
				Turn    int
				Speaker *string
				Text    string
			}
		}
	}
	analyseJSON(t, &out, "-p", p, "--retrieve", "referral", "--not", "admission", "--context", "1")
	if len(out.Turns) != 2 || out.Turns[0].Turn != 2 || out.Turns[1].Turn != 18 {
		t.Fatalf("turns %+v", out.Turns)
	}
	h := out.Turns[1]
	// bo gave turn 18 admission too: only ana's codes answer.
	if !reflect.DeepEqual(h.Coders, []string{"ana"}) || len(h.Codes) != 2 || !reflect.DeepEqual(h.Codes[1].Codes, []string{"referral", "admission"}) {
		t.Errorf("turn 18: %+v", h)
	}
	if len(h.Before) != 1 || h.Before[0].Turn != 17 || *h.Before[0].Speaker != "CLB" || h.After[0].Turn != 19 || h.Memos == nil {
		t.Errorf("context of turn 18: %+v %+v", h.Before, h.After)
	}
	if *h.Section != "第一通电话：东营市总工会办公室" || *h.Speaker != "东营市总工会" || *h.Role != "respondent" {
		t.Errorf("place of turn 18: %+v", h)
	}

	// The text, searched in another width: 8336878 is on turn 18 only.
	r := mustRun(t, "analyse", "-p", p, "--retrieve", "referral", "--search", "８３３６８７８", "--context", "1")
	for _, want := range []string{
		"Turns with referral, with text “８３３６８７８”: whole project; turns in the coding scope\nCoder: all coders\nFound: 1 turns",
		call + " › 第一通电话：东营市总工会办公室, turn 18 — 东营市总工会 (respondent)\n  codes  ana: referral; bo: referral, admission\n",
		"   17  CLB: 工会没有参与啊，还是？\n ▶ 18  东营市总工会: 不是，我不是很清楚。",
		"   19  CLB: 8336878，这是什么部门呢？\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	r = mustRun(t, "analyse", "-p", p, "--retrieve", "referral", "--and", "admission", "--csv")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], call+",第一通电话：东营市总工会办公室,18,东营市总工会,respondent,bo,") {
		t.Errorf("CSV:\n%s", r.stdout)
	}
}

// The consensus layer, once it has decisions, is counted by default.
func TestAnalyseConsensusByDefault(t *testing.T) {
	p := codedProject(t)
	mustRun(t, "adjudicate", "-p", p, "--auto-agreed") // turn 2: both gave referral
	var m matrixOut
	analyseJSON(t, &m, "-p", p, "--matrix", "speaker")
	if m.Coder != "consensus" || m.Counts[0][0] != 1 || m.Total != 1 || !strings.Contains(m.Counted, "consensus layer") {
		t.Errorf("consensus: %+v", m)
	}
	analyseJSON(t, &m, "-p", p, "--matrix", "speaker", "--coder", "all")
	if m.Coder != "all" || m.Total != 6 {
		t.Errorf("all: %+v", m)
	}
}

func TestAnalyseChart(t *testing.T) {
	p := codedProject(t)
	out := filepath.Join(t.TempDir(), "codes.svg")
	r := mustRun(t, "analyse", "-p", p, "--chart", "speaker", "-o", out)
	if !strings.Contains(r.stderr, "wrote "+out+": codes by speaker, 1 speakers and 3 codes with codings") {
		t.Errorf("stderr %q", r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	bars := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "rect" {
			for _, a := range el.Attr {
				if a.Name.Local == "class" && a.Value == "bar" {
					bars++
				}
			}
		}
	}
	if bars != 3 || !strings.Contains(string(data), ">东营市总工会</text>") {
		t.Errorf("%d bars:\n%s", bars, data)
	}
	// Written again over itself.
	mustRun(t, "analyse", "-p", p, "--chart", "section", "-o", out)
}

func TestAnalyseHelp(t *testing.T) {
	r := mustRun(t, "analyse", "--help")
	for _, flag := range []string{"-matrix", "-cooccur", "-window", "-retrieve", "-and", "-not", "-context", "-search", "-chart", "-coder", "-json", "-csv", "-doc", "-section", "-role", "-codes"} {
		if !strings.Contains(r.stdout, "  "+flag) {
			t.Errorf("help names no %s:\n%s", flag, r.stdout)
		}
	}
	if r := mustRun(t, "help"); !strings.Contains(r.stdout, "turncoder analyse -p FILE --matrix speaker|role|document|section") {
		t.Errorf("usage:\n%s", r.stdout)
	}
}

// Bad uses of analyse: one sentence each, nothing written (the catalogue checks both).
func init() {
	analyse := func(e *badEnv, args ...string) []string {
		return append([]string{"analyse", "-p", e.project}, args...)
	}
	badInputs = append(badInputs, []struct {
		name string
		args func(e *badEnv) []string
		code int
		want string
	}{
		{"analyse with no table", func(e *badEnv) []string { return analyse(e) }, 2,
			"analyse makes one table: give one of --matrix, --cooccur, --retrieve or --chart (given: none)"},
		{"analyse with two tables", func(e *badEnv) []string { return analyse(e, "--matrix", "speaker", "--cooccur") }, 2,
			"(given: --matrix and --cooccur)"},
		{"analyse by an unknown dimension", func(e *badEnv) []string { return analyse(e, "--matrix", "office") }, 2,
			`--matrix: no matrix by "office": choose speaker, role, document or section`},
		{"analyse with a window but no co-occurrence", func(e *badEnv) []string { return analyse(e, "--matrix", "role", "--window", "2") }, 2,
			"--window goes with --cooccur"},
		{"analyse with a window too wide", func(e *badEnv) []string { return analyse(e, "--cooccur", "--window", "101") }, 2,
			"--window is 0 (within a turn) to 100 turns, not 101"},
		{"analyse with too much context", func(e *badEnv) []string { return analyse(e, "--retrieve", "referral", "--context", "51") }, 2,
			"--context is 0 to 50 turns either side, not 51"},
		{"analyse retrieving an unknown code", func(e *badEnv) []string { return analyse(e, "--retrieve", "blame") }, 1,
			`no code "blame" among the codes analysed (referral, deflection, admission, claimed action)`},
		{"analyse retrieving a code and excluding it", func(e *badEnv) []string { return analyse(e, "--retrieve", "referral", "--not", "转介") }, 1,
			`code "转介" is both asked for and excluded`},
		{"analyse by an unknown coder", func(e *badEnv) []string { return analyse(e, "--matrix", "speaker", "--coder", "zoe") }, 1,
			`no coder "zoe" in the project (its coders: ana, bo)`},
		{"analyse the consensus layer of a project without one", func(e *badEnv) []string { return analyse(e, "--cooccur", "--coder", "consensus") }, 1,
			"the project has no consensus layer yet: settle disagreements first"},
		{"analyse an unknown document", func(e *badEnv) []string { return analyse(e, "--matrix", "speaker", "--doc", "nope") }, 1,
			`no document "nope" in the project`},
		{"analyse an unknown role", func(e *badEnv) []string { return analyse(e, "--matrix", "speaker", "--role", "boss") }, 2, `unknown role "boss" (use interviewer, respondent or other)`},
		{"analyse printing JSON and CSV", func(e *badEnv) []string { return analyse(e, "--matrix", "speaker", "--json", "--csv") }, 2,
			"--json and --csv are two ways to print the table; choose one"},
		{"analyse -o without --csv", func(e *badEnv) []string {
			return analyse(e, "--matrix", "speaker", "-o", filepath.Join(e.out, "m.csv"))
		}, 2, "-o is the file of --csv or of --chart; without them the table is printed"},
		{"analyse --csv to a file not named .csv", func(e *badEnv) []string {
			return analyse(e, "--matrix", "speaker", "--csv", "-o", filepath.Join(e.out, "m.xlsx"))
		}, 2, `the CSV file's name must end in .csv, not "m.xlsx"`},
		{"analyse --csv over the project", func(e *badEnv) []string {
			return analyse(e, "--matrix", "speaker", "--csv", "-o", e.project)
		}, 2, `the CSV file's name must end in .csv`},
		{"analyse --csv over a document", func(e *badEnv) []string {
			return analyse(e, "--cooccur", "--csv", "-o", e.file("notes.csv", []byte("PK\x03\x04 a zip")))
		}, 1, "already exists and is not a CSV file; turncoder will not overwrite it"},
		{"analyse a chart by role", func(e *badEnv) []string { return analyse(e, "--chart", "role", "-o", filepath.Join(e.out, "c.svg")) }, 2,
			`--chart draws the codes by speaker or by section, not "role"`},
		{"analyse a chart without a file", func(e *badEnv) []string { return analyse(e, "--chart", "speaker") }, 2,
			"--chart needs -o FILE.svg, the picture to write"},
		{"analyse a chart to a PNG", func(e *badEnv) []string { return analyse(e, "--chart", "speaker", "-o", filepath.Join(e.out, "c.png")) }, 2,
			`the chart's name must end in .svg, not "c.png"`},
		{"analyse a chart over a text file", func(e *badEnv) []string {
			return analyse(e, "--chart", "speaker", "-o", e.file("thesis.svg", []byte("my thesis")))
		}, 1, "already exists and is not an SVG picture; turncoder will not overwrite it"},
		{"analyse a chart as JSON", func(e *badEnv) []string { return analyse(e, "--chart", "speaker", "--json") }, 2,
			"--chart writes a picture (-o FILE.svg); --json and --csv print tables"},
		{"analyse with a file argument", func(e *badEnv) []string { return analyse(e, "--cooccur", "extra.turncoder") }, 2,
			`analyse takes no file arguments ("extra.turncoder"); the project is -p FILE`},
	}...)
}
