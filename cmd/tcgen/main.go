// Command tcgen generates synthetic corpora for turncoder's benchmarks: a plain-text
// transcript of N turns in the shape of the seed calls, and the same turns as the CSV rows of
// the project file's turns table, so that the sqlite3 shell can .import exactly what
// turncoder imports; or, with -project, a whole big project file (project.go): documents,
// turns, coders and their codings.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/store"
)

func main() {
	turns := flag.Int("turns", 1_000_000, "number of turns")
	perCall := flag.Int("per-call", 200, "turns per call (section)")
	seed := flag.Uint64("seed", 1, "random seed")
	txt := flag.String("txt", "corpus.txt", "transcript to write")
	csvOut := flag.String("csv", "", "also write the turns-table rows here (for sqlite3 .import)")
	project := flag.String("project", "", "write a whole project file here instead of a transcript (with -docs, -turns, -coders, -codings)")
	docs := flag.Int("docs", 500, "with -project: documents, the turns shared among them")
	coders := flag.Int("coders", 5, "with -project: coders")
	codings := flag.Int("codings", 3_000_000, "with -project: codings, shared among the coders")
	flag.Parse()
	if *project != "" {
		if err := generateProject(*project, projectShape{Docs: *docs, Turns: *turns, PerCall: *perCall, Coders: *coders, Codings: *codings, Seed: *seed}); err != nil {
			fmt.Fprintln(os.Stderr, "tcgen:", err)
			os.Exit(1)
		}
		return
	}
	if err := generate(*turns, *perCall, *seed, *txt, *csvOut); err != nil {
		fmt.Fprintln(os.Stderr, "tcgen:", err)
		os.Exit(1)
	}
}

var (
	speakers = []string{"ＣＬＢ", "东营市总工会", "胜利石油管理局工会", "联通 114 电话导航"}
	phrases  = []string{"喂，您好", "请问是工会吗", "我们不知道这个事情", "你打那个8336878", "我们也没有行政权啊",
		"工会改革这边还没开始", "他不属于我们市总工会管理", "我们该做的工作都已经做了", "社保拖欠了四十个月",
		"the union said it would help", "我们跟他们单位的领导协商过了", "你具体问一下那边比较好"}
	punct = []string{"。", "？", "，", "……", "！"}
)

// generate writes the transcript, hard-wrapping long turns at 30 runes as PDF extraction
// does, and mirrors what the reader will make of it into the CSV.
func generate(n, perCall int, seed uint64, txtPath, csvPath string) error {
	r := rand.New(rand.NewPCG(seed, seed))
	items := make([]coding.Item, 0, n+n/perCall)
	for i := 0; i < n; i++ {
		if i%perCall == 0 {
			items = append(items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话：测试", i/perCall+1)})
		}
		label := speakers[r.IntN(len(speakers))]
		var b strings.Builder
		for k := r.IntN(4) + 1; k > 0; k-- {
			b.WriteString(phrases[r.IntN(len(phrases))])
			b.WriteString(punct[r.IntN(len(punct))])
		}
		items = append(items, coding.Item{Kind: coding.KindTurn, Label: label, Speaker: coding.NormalizeLabel(label), Text: b.String()})
	}
	if err := writeTranscript(txtPath, items); err != nil {
		return err
	}
	if csvPath == "" {
		return nil
	}
	// The rows are what turncoder's reader makes of the transcript, so both sides of the
	// benchmark store identical rows.
	text, err := os.ReadFile(txtPath)
	if err != nil {
		return err
	}
	parsed, _ := transcript.ParseTurns(string(text))
	return writeRows(csvPath, parsed)
}

func writeTranscript(path string, items []coding.Item) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for _, it := range items {
		if it.Kind == coding.KindHeader {
			fmt.Fprintf(w, "%s\n\n", it.Text)
			continue
		}
		line := []rune(it.Label + "：" + it.Text)
		for len(line) > 30 {
			fmt.Fprintf(w, "%s\n", string(line[:30]))
			line = line[30:]
		}
		fmt.Fprintf(w, "%s\n\n", string(line))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// writeRows writes the turns table's rows as CSV (no header), with the ids turncoder derives,
// section ids numbered as turncoder numbers them in an empty project, and speaker ids in
// order of first appearance.
func writeRows(path string, items []coding.Item) error {
	doc := &coding.Document{Items: items}
	docID := store.DocumentID(doc)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	speakerIDs := map[string]int{}
	section, number := 0, 0
	for pos, it := range items {
		if it.Kind == coding.KindHeader {
			section++
			continue
		}
		number++
		id, ok := speakerIDs[it.Speaker]
		if !ok {
			id = len(speakerIDs) + 1
			speakerIDs[it.Speaker] = id
		}
		fmt.Fprintf(w, "%s,%s,%d,%d,%d,%d,%s,%s,,\n", store.TurnID(docID, pos, it.Speaker, it.Text), docID, section, pos, number, id,
			it.Label, it.Text)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// The document and speaker rows the turns refer to, for the shell to insert first.
	var sql strings.Builder
	fmt.Fprintf(&sql, "INSERT INTO documents(id, title, format, position, imported_at) VALUES ('%s', 'corpus', 'turns', 1, 0);\n", docID)
	for s, id := range speakerIDs {
		fmt.Fprintf(&sql, "INSERT INTO speakers(id, label) VALUES (%d, '%s');\n", id, s)
	}
	for i := 1; i <= section; i++ {
		fmt.Fprintf(&sql, "INSERT INTO sections(id, document_id, position, title) VALUES (%d, '%s', %d, 's');\n", i, docID, -i)
	}
	return os.WriteFile(path+".sql", []byte(sql.String()), 0o644)
}
