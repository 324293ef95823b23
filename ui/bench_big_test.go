package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The window on the benchmarks' big project (500 documents, 1,000,000 turns, 5 coders,
// 3,000,000 codings), the file cmd/tcgen -project makes and cmd/tcbench keeps, named by
// TURNCODER_BIG_PROJECT; without it these are skipped. Nothing is written to it.

func bigProjectPath(b *testing.B) string {
	b.Helper()
	path := os.Getenv("TURNCODER_BIG_PROJECT")
	if path == "" {
		b.Skip("TURNCODER_BIG_PROJECT names no project file (cmd/tcbench makes one with cmd/tcgen -project)")
	}
	return path
}

// BenchmarkOpenBigProject opens the big project to its first frame, as a start does with the
// coder remembered: open the file, read the codebook, documents and their sections, build the
// window, load the first document's lines and the coder's states, lay out and render once
// (software renderer). Target (issue 21): 500 ms.
func BenchmarkOpenBigProject(b *testing.B) {
	path := bigProjectPath(b)
	a := test.NewApp()
	defer a.Quit()
	rememberCoder(b, a, path, "coder1")
	for b.Loop() {
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
		turns := 0
		for _, d := range m.ws.docs {
			turns += d.Turns
		}
		if m.ws.Coder() != "coder1" || len(m.ws.docs) < 5 || len(m.ws.lines) < 2000 {
			b.Fatalf("coder %q, %d documents, %d lines", m.ws.Coder(), len(m.ws.docs), len(m.ws.lines))
		}
		m.ws.waitProgress()
		if c := m.ws.prog.Project.Codable; c < turns*7/10 || c > turns {
			b.Fatalf("the progress counts %d codable turns of %d", c, turns)
		}
		m.p.Close()
		w.Close()
		b.StartTimer()
	}
}

// BenchmarkSwitchBigProject switches documents of the big project from the navigator, as a
// click on a document does, and renders the window once with the new document's turns.
// Target (issue 21): 200 ms.
func BenchmarkSwitchBigProject(b *testing.B) {
	path := bigProjectPath(b)
	a := test.NewApp()
	defer a.Quit()
	rememberCoder(b, a, path, "coder1")
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 820))
	m := &mainWindow{app: a, win: w}
	if err := m.open(path); err != nil {
		b.Fatal(err)
	}
	defer m.p.Close()
	m.ws.waitProgress()
	w.Canvas().Capture()
	i := 0
	for b.Loop() {
		i = (i + 97) % len(m.ws.docs)
		id := m.ws.docs[i].ID
		m.ws.nav.selected(id)
		if m.ws.doc != id || len(m.ws.lines) < 2000 {
			b.Fatalf("the document open is %s with %d lines, want %s", m.ws.doc, len(m.ws.lines), id)
		}
		if img := w.Canvas().Capture(); img.Bounds().Dx() == 0 {
			b.Fatal("nothing drawn")
		}
	}
}
