package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// shownRow is the list's row now showing the turn whose text starts with prefix.
func shownRow(t *testing.T, l *turnList, prefix string) *rowView {
	t.Helper()
	for _, r := range l.rows {
		if strings.HasPrefix(r.text.text, prefix) {
			if _, _, ok := l.span(r.text); ok {
				return r
			}
		}
	}
	t.Fatalf("no row in the window shows a turn starting %q", prefix)
	return nil
}

// checkCovers fails unless the lines drawn of row r's text cover the part of it in the list's
// view, and leave most of a long text undrawn.
func checkCovers(t *testing.T, l *turnList, r *rowView, when string) {
	t.Helper()
	top, bottom, ok := l.span(r.text)
	if !ok {
		t.Fatalf("%s: the row's place in the list is not known", when)
	}
	lh := r.text.lineHeight()
	n := len(r.text.lines)
	from, to := r.text.drawn[0], r.text.drawn[1]
	first, last := max(int(top/lh), 0), min(int(bottom/lh), n-1)
	if first <= last && (from > first || to <= last) {
		t.Errorf("%s: lines %d–%d are in view (y %.0f–%.0f) but lines %d–%d are drawn", when, first, last, top, bottom, from, to-1)
	}
	if to-from > n/2 {
		t.Errorf("%s: %d of the text's %d lines are drawn: the long turn is not culled", when, to-from, n)
	}
	objs := test.WidgetRenderer(r.text).Objects()
	if len(objs) != to-from {
		t.Fatalf("%s: %d line objects for lines %d–%d", when, len(objs), from, to-1)
	}
	for i, o := range objs {
		if got, want := o.Position().Y, float32(from+i)*lh; got != want {
			t.Fatalf("%s: line %d drawn at y %v, want %v", when, from+i, got, want)
		}
	}
}

// A lecture turn of 20,000 characters is about 300 lines: only the lines in view (and a few
// around them) are drawn, and a scroll, by the wheel or to a turn, draws the ones it brings
// into view.
func TestLongTurnDrawsTheLinesInView(t *testing.T) {
	path := longTurnsProject(t, 3, 20_000)
	a := test.NewTempApp(t)
	rememberCoder(t, a, path, "ana")
	w := a.NewWindow("turncoder")
	w.Resize(fyne.NewSize(1024, 700))
	m := &mainWindow{app: a, win: w}
	if err := m.open(path); err != nil {
		t.Fatal(err)
	}
	m.install()
	t.Cleanup(func() { m.p.Close() })
	w.Canvas().Capture()
	l := m.ws.list
	first := m.ws.lines[m.ws.view[0]].Text[:30]

	r := shownRow(t, l, first)
	if r.text.drawn[0] != 0 {
		t.Errorf("at the top the first turn's lines from %d are drawn", r.text.drawn[0])
	}
	checkCovers(t, l, r, "opened")

	// The wheel, over the list: three thousand pixels down, inside the first turn.
	listPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
	test.Scroll(w.Canvas(), listPos.Add(fyne.NewPos(300, 200)), 0, -3000)
	if off := l.GetScrollOffset(); off < 2900 {
		t.Fatalf("the wheel scrolled the list to %v", off)
	}
	checkCovers(t, l, shownRow(t, l, first), "after the wheel")

	// The third turn, selected from the keyboard's way in (as a click in the navigator does).
	third := m.ws.lines[m.ws.view[2]].Text[:30]
	m.ws.selectView(2)
	checkCovers(t, l, shownRow(t, l, third), "after scrolling to turn 3")
	w.Canvas().Capture()
}

// A navigator name cut to two lines shows whole in the status line while the pointer rests on
// it, and the status line's own text comes back when the pointer leaves, unless something
// else was said meanwhile.
func TestNavTitleShowsTheWholeNameOnHover(t *testing.T) {
	h := newHarness(t)
	nt := newNavTitle(h.ws)
	long := "第七通电话：胜利油田石油管理局工会维权部李部长，关于拖欠社保四十个月的答复"
	nt.SetText(long)
	nt.Resize(fyne.NewSize(120, nt.MinSize().Height))
	test.WidgetRenderer(nt).Layout(nt.Size())
	if !nt.Cut {
		t.Fatal("a long name in 120 px is not cut")
	}
	h.ws.setStatus("turn 4 · saved 10:02")
	nt.MouseIn(nil)
	if got := h.ws.status.Text; got != long {
		t.Errorf("on hover the status line says %q, want the whole name", got)
	}
	nt.MouseOut()
	if got := h.ws.status.Text; got != "turn 4 · saved 10:02" {
		t.Errorf("after the pointer left the status line says %q", got)
	}
	nt.MouseIn(nil)
	h.ws.setStatus("Added a coding.")
	nt.MouseOut()
	if got := h.ws.status.Text; got != "Added a coding." {
		t.Errorf("what was said while the pointer rested was replaced: %q", got)
	}
}

// A turn's Chinese text does not begin a line with closing punctuation nor end one with an
// opening bracket or quote: the break moves back a character (a real-window audit found a
// lone 。 at the start of a line).
func TestWrapKeepsChinesePunctuationWithItsText(t *testing.T) {
	test.NewTempApp(t)
	size, style := float32(14), fyne.TextStyle{}
	w := runeWidth('一', size, style)
	for _, c := range []struct{ text, want string }{
		{"一二三四。五六", "一二三|四。五六"},    // 。 would start the second line
		{"一二三四，」五六", "一二三|四，」五|六"}, // two closing marks: both stay after 四
		{"一二三「四五六", "一二三|「四五六"},    // 「 would end the first line
		{"一二三四五六七", "一二三四|五六七"},    // no punctuation: four to a line
		{"工会：你好。请问", "工会：你|好。请问"},  // the usual case
	} {
		got := strings.Join(wrapParagraph(c.text, w*4+1, size, style), "|")
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.text, got, c.want)
		}
	}
}
