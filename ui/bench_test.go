package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/seeds"
	"github.com/turncoder/turncoder/store"
)

// benchProject makes a project holding doc, with a coder, ana; interviewer is made an
// interviewer if given.
func benchProject(b testing.TB, doc *coding.Document, interviewer string) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.turncoder")
	p, err := store.Create(path, seeds.Codebook())
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	if _, err := p.Import(ctx, doc, doc.Title+".txt", nil); err != nil {
		b.Fatal(err)
	}
	if interviewer != "" {
		if err := p.SetRole(ctx, interviewer, coding.RoleInterviewer); err != nil {
			b.Fatal(err)
		}
	}
	if err := p.AddCoder(ctx, "ana"); err != nil {
		b.Fatal(err)
	}
	return path
}

// bigProject makes a project with one document of n turns in calls of 200, two speakers
// (one interviewer), and a coder.
func bigProject(b *testing.B, n int) string {
	b.Helper()
	doc := &coding.Document{Title: "big", Format: "turns"}
	for i := 0; i < n; i++ {
		if i%200 == 0 {
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话", i/200+1)})
		}
		sp := []string{"CLB", "东营市总工会"}[i%2]
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: sp, Text: fmt.Sprintf("我们不知道这个事情，没有听说过。你打那个8336878，你具体问一下。%d", i)})
	}
	return benchProject(b, doc, "CLB")
}

// longTurnsProject makes a project with one document of n turns of size characters each: a
// lecture from Zoom is one turn of 13,000 characters.
func longTurnsProject(b testing.TB, n, size int) string {
	b.Helper()
	sentence := []rune("我们不知道这个事情，没有听说过。The union office said it would look into the arrears. ")
	doc := &coding.Document{Title: "lecture", Format: "turns"}
	for i := 0; i < n; i++ {
		text := make([]rune, 0, size)
		for len(text) < size {
			text = append(text, sentence...)
		}
		doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Speaker: fmt.Sprintf("Speaker %d", i%2+1), Text: string(text[:size]) + fmt.Sprint(i)})
	}
	return benchProject(b, doc, "")
}

// BenchmarkOpenLongTurns measures opening a document of ten turns of 20,000 characters each
// to its first frame (software renderer), as BenchmarkOpenDocument20k does. Before wrapText
// this grew with the square of a turn's length (over 200 s for one such turn). Target: 300 ms.
func BenchmarkOpenLongTurns(b *testing.B) {
	path := longTurnsProject(b, 10, 20_000)
	a := test.NewApp()
	defer a.Quit()
	rememberCoder(b, a, path, "ana")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := a.NewWindow("bench")
		w.Resize(fyne.NewSize(1280, 820))
		m := &mainWindow{app: a, win: w}
		if err := m.open(path); err != nil {
			b.Fatal(err)
		}
		if img := w.Canvas().Capture(); img.Bounds().Dx() == 0 {
			b.Fatal("nothing drawn")
		}
		b.StopTimer()
		if h := m.ws.list.itemHeight(0); h < 20_000/60*10 {
			b.Fatalf("the first turn's row is %v high: its 20,000 characters were not all laid out", h)
		}
		m.p.Close()
		w.Close()
		b.StartTimer()
	}
}

// BenchmarkOpenDocument20k measures opening a project on a 20,000-turn document through to
// its first frame: open the file, load lines, states and progress, build the widgets, lay
// out and render the window once (software renderer). Target: 300 ms.
func BenchmarkOpenDocument20k(b *testing.B) {
	path := bigProject(b, 20_000)
	a := test.NewApp()
	defer a.Quit()
	rememberCoder(b, a, path, "ana") // as on every start after the first
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := a.NewWindow("bench")
		w.Resize(fyne.NewSize(1280, 820))
		m := &mainWindow{app: a, win: w}
		if err := m.open(path); err != nil {
			b.Fatal(err)
		}
		if m.ws.Coder() != "ana" {
			b.Fatal("the remembered coder was not used")
		}
		if img := w.Canvas().Capture(); img.Bounds().Dx() == 0 {
			b.Fatal("nothing drawn")
		}
		b.StopTimer()
		m.p.Close()
		w.Close()
		b.StartTimer()
	}
}

// BenchmarkKeypress20k measures one coding keypress on a 20,000-turn document: the key
// reaches the focused list, the state is committed to the project file (fsync included), and
// the row and status are refreshed. It reports the 99th percentile. Target: 10 ms.
func BenchmarkKeypress20k(b *testing.B) {
	path := bigProject(b, 20_000)
	a := test.NewApp()
	defer a.Quit()
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 820))
	m := &mainWindow{app: a, win: w}
	if err := m.open(path); err != nil {
		b.Fatal(err)
	}
	defer m.p.Close()
	m.ws.SetCoder("ana")
	m.ws.SelectTurn(10_000)
	w.Canvas().Focus(m.ws.list)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		w.Canvas().Focused().TypedRune('1')
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	if !m.ws.states[m.ws.selectedLine().TurnID].Reviewed {
		b.Fatal("the keypresses were not applied")
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	p99 := times[len(times)*99/100]
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}

// rememberCoder stores the coder for the project in the preferences, as the first start does.
func rememberCoder(b testing.TB, a fyne.App, path, coder string) {
	p, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	id, _ := p.Meta(context.Background(), "project_id")
	a.Preferences().SetString(prefCoderPrefix+id, coder)
}
