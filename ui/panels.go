package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
)

// filter narrows the turn list. With a filter on, notes are hidden and section headers kept.
type filter struct {
	kind  string // "", "unreviewed", "speaker", "role", "code"
	value string
}

func (f filter) keeps(l coding.Line, st coding.TurnState) bool {
	if f.kind == "" || l.Kind == coding.KindHeader {
		return true
	}
	if l.Kind != coding.KindTurn {
		return false
	}
	switch f.kind {
	case "unreviewed":
		return l.Codable && !st.Reviewed
	case "speaker":
		return l.Speaker == f.value
	case "role":
		return string(l.Role) == f.value
	case "code":
		return st.Has(f.value)
	}
	return true
}

// navigator is the left panel: documents, each opening into its sections, with this coder's
// progress (reviewed / codable turns).
type navigator struct {
	ws       *Workspace
	tree     *navTree
	sections map[string][]coding.Section
}

// navProgressWidth is the navigator's column for "reviewed/codable".
const navProgressWidth = 64

func newNavigator(ws *Workspace) *navigator {
	n := &navigator{ws: ws, sections: map[string][]coding.Section{}}
	if s, err := ws.p.SectionsByDocument(ws.ctx); err == nil { // one query, not one per document
		n.sections = s
	}
	n.tree = newNavTree(ws, n.children, n.isBranch, func(bool) fyne.CanvasObject {
		// The title wraps to two lines in the room left of the progress, which has a column
		// of its own so that the two are never drawn over each other; a title longer than
		// that shows whole in the status line when the pointer rests on it.
		title := newNavTitle(ws)
		prog := newFitLabel(theme.Color(theme.ColorNamePlaceHolder))
		return container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(navProgressWidth, title.MinSize().Height), prog), title)
	}, n.update)
	n.tree.OnSelected = n.selected
	return n
}

func (n *navigator) children(id widget.TreeNodeID) []widget.TreeNodeID {
	if id == "" {
		out := make([]string, len(n.ws.docs))
		for i, d := range n.ws.docs {
			out[i] = d.ID
		}
		return out
	}
	var out []string
	for _, s := range n.sections[id] {
		out = append(out, fmt.Sprintf("%s/%d", id, s.ID))
	}
	return out
}

func (n *navigator) isBranch(id widget.TreeNodeID) bool {
	return id == "" || len(n.sections[id]) > 0
}

// shortTitle cuts a title to about max display cells (a CJK character counts two).
func shortTitle(s string, max int) string {
	w := 0
	for i, r := range s {
		if isWideRune(r) {
			w += 2
		} else {
			w++
		}
		if w > max {
			return s[:i] + "…"
		}
	}
	return s
}

func isWideRune(r rune) bool { return r >= 0x1100 && (r <= 0x115f || r >= 0x2e80) }

func progressText(p coding.Progress) string {
	if p.Codable == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", p.Reviewed, p.Codable)
}

func (n *navigator) update(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	title, prog := row.Objects[0].(*navTitle), row.Objects[1].(*fyne.Container).Objects[0].(*fitLabel)
	doc, sec, isSection := strings.Cut(id, "/")
	if !isSection {
		for _, d := range n.ws.docs {
			if d.ID == doc {
				title.SetText(d.Title)
				prog.SetText(progressText(n.ws.prog.Documents[doc]))
			}
		}
	} else {
		sid, _ := strconv.ParseInt(sec, 10, 64)
		for _, s := range n.sections[doc] {
			if s.ID == sid {
				title.SetText(s.Title)
				prog.SetText(progressText(n.ws.prog.Sections[sid]))
			}
		}
	}
	row.Refresh()
}

func (n *navigator) selected(id widget.TreeNodeID) {
	doc, sec, isSection := strings.Cut(id, "/")
	if doc != n.ws.doc {
		if err := n.ws.OpenDocument(doc); err != nil {
			n.ws.setStatus(errText(err))
			return
		}
	}
	if isSection {
		sid, _ := strconv.ParseInt(sec, 10, 64)
		n.ws.goToSection(sid)
	}
	n.ws.focusListAfterTap()
}

// navTitle is a document's or section's name in the navigator: two lines, and the whole name
// in the status line when the pointer rests on one that is cut; the status line's own text
// comes back when the pointer leaves.
type navTitle struct {
	fitLabel
	ws    *Workspace
	under string // the status line's text the name replaced
}

func newNavTitle(ws *Workspace) *navTitle {
	t := &navTitle{ws: ws}
	t.col, t.Lines = theme.Color(theme.ColorNameForeground), 2
	t.ExtendBaseWidget(t)
	return t
}

func (t *navTitle) MouseIn(*desktop.MouseEvent) {
	if t.Cut {
		t.under = t.ws.status.Text
		t.ws.setStatus(t.Full)
	}
}
func (t *navTitle) MouseMoved(*desktop.MouseEvent) {}
func (t *navTitle) MouseOut() {
	if t.Cut && t.ws.status.Text == t.Full { // nothing has said anything since
		t.ws.setStatus(t.under)
	}
}

// navTree is the navigator's tree. A click on a document gives it the keys (Fyne focuses a
// tree after its selection handler has run); it passes the coding keys on to the workspace, as
// the turn list does, so that ↓ and 1–9 go on coding after a click in the navigator.
type navTree struct {
	widget.Tree
	ws *Workspace
}

func newNavTree(ws *Workspace, children func(widget.TreeNodeID) []widget.TreeNodeID, isBranch func(widget.TreeNodeID) bool,
	create func(bool) fyne.CanvasObject, update func(widget.TreeNodeID, bool, fyne.CanvasObject)) *navTree {
	t := &navTree{ws: ws}
	t.ChildUIDs, t.IsBranch, t.CreateNode, t.UpdateNode = children, isBranch, create, update
	t.ExtendBaseWidget(t)
	return t
}

func (t *navTree) TypedKey(ev *fyne.KeyEvent) {
	if !t.ws.typedKey(ev) {
		t.Tree.TypedKey(ev)
	}
}

func (t *navTree) TypedRune(r rune) { t.ws.typedRune(r) }

// showDocument marks the open document in the tree and opens its sections.
func (n *navigator) showDocument(id string) {
	if len(n.sections[id]) > 0 {
		n.tree.OpenBranch(id)
	}
}

func (n *navigator) refresh() { n.tree.Refresh() }

// codebookPanel is the right panel: each code with its colour, shortcut and name, its
// definition and example one click away, and the memo of the selected turn.
type codebookPanel struct {
	ws       *Workspace
	content  fyne.CanvasObject
	memo     *memoEntry
	memoTurn string // the turn the memo entry shows
	dirty    bool
	timer    *time.Timer
}

func newCodebookPanel(ws *Workspace) *codebookPanel {
	c := &codebookPanel{ws: ws}
	c.memo = newMemoEntry(func() { c.flushMemo(); ws.focusList() })
	c.memo.Wrapping = fyne.TextWrapWord
	c.memo.SetPlaceHolder(T("Memo on the selected turn (saved as you type)"))
	c.memo.OnChanged = func(string) { c.changed() }
	c.memo.Disable()
	rows := container.NewVBox()
	for _, code := range ws.codes {
		rows.Add(c.codeRow(code))
	}
	title := widget.NewLabelWithStyle(T("Codebook"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	keys := widget.NewLabel(T("1–9 toggle · 0 no code · Enter next · Ctrl+Z undo"))
	keys.Importance = widget.LowImportance
	keys.Wrapping = fyne.TextWrapWord
	memoTitle := widget.NewLabelWithStyle(T("Memo"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The codes scroll when there are more than fit (a codebook may hold 1,000): they take
	// the height they need, up to 60% of the panel, and the memo the rest.
	codes := container.NewVScroll(rows)
	memo := container.NewBorder(container.NewVBox(keys, widget.NewSeparator(), memoTitle), nil, nil, nil, c.memo)
	c.content = container.NewBorder(title, nil, nil, nil, container.New(&codesAndMemo{share: 0.6, rows: rows}, codes, memo))
	return c
}

// codesAndMemo lays out the codebook panel's two parts: the codes' scroller (objects[0]) as
// tall as its rows, but no taller than share of the height, and the memo (objects[1]) below
// it in the rest.
type codesAndMemo struct {
	share float32
	rows  fyne.CanvasObject
}

func (l *codesAndMemo) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	memoMin := objs[1].MinSize().Height
	h := min(l.rows.MinSize().Height, size.Height*l.share, max(size.Height-memoMin, 0))
	h = max(h, min(objs[0].MinSize().Height, size.Height))
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	objs[1].Move(fyne.NewPos(0, h))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-h))
}

func (l *codesAndMemo) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height)
}

func (c *codebookPanel) codeRow(code coding.Code) fyne.CanvasObject {
	swatch := canvas.NewRectangle(parseColour(code.Colour))
	swatch.CornerRadius = 3
	swatch.SetMinSize(fyne.NewSize(14, 14))
	label := code.Name
	if code.NameZH != "" {
		label += "  " + code.NameZH
	}
	if code.Shortcut != "" {
		label = code.Shortcut + "  " + label
	}
	btn := widget.NewButton(label, func() {
		c.ws.ToggleCode(code.ID)
		c.ws.focusList()
	})
	btn.Alignment = widget.ButtonAlignLeading
	def := widget.NewLabel(definitionText(code))
	def.Wrapping = fyne.TextWrapWord
	def.Hide()
	info := widget.NewButtonWithIcon("", theme.InfoIcon(), func() {
		if def.Visible() {
			def.Hide()
		} else {
			def.Show()
		}
	})
	info.Importance = widget.LowImportance
	return container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(swatch), info, btn), def)
}

func definitionText(c coding.Code) string {
	var b strings.Builder
	b.WriteString(c.Definition)
	if c.Inclusion != "" {
		b.WriteString("\n" + T("Include: %s", c.Inclusion))
	}
	if c.Exclusion != "" {
		b.WriteString("\n" + T("Exclude: %s", c.Exclusion))
	}
	if c.Example != "" {
		b.WriteString("\n" + T("Example: %s", c.Example))
	}
	return b.String()
}

// showTurn loads the memo of the selected turn.
func (c *codebookPanel) showTurn() {
	l := c.ws.selectedLine()
	if l == nil || c.ws.coder == "" {
		c.memoTurn = ""
		c.memo.SetText("")
		c.memo.Disable()
		return
	}
	text, err := c.ws.p.Memo(c.ws.ctx, c.ws.coder, l.TurnID)
	if err != nil {
		c.ws.setStatus(errText(err))
		return
	}
	c.memoTurn = ""
	c.memo.SetText(text)
	c.memoTurn = l.TurnID
	c.dirty = false
	c.memo.Enable()
}

// changed saves the memo once typing pauses.
func (c *codebookPanel) changed() {
	if c.memoTurn == "" {
		return
	}
	c.dirty = true
	if c.timer != nil {
		c.timer.Stop()
	}
	c.timer = time.AfterFunc(600*time.Millisecond, func() { fyne.Do(c.flushMemo) })
}

// flushMemo writes a memo still being typed (before the selection moves on).
func (c *codebookPanel) flushMemo() {
	if !c.dirty || c.memoTurn == "" {
		return
	}
	c.dirty = false
	if err := c.ws.p.SetMemo(c.ws.ctx, c.ws.coder, c.memoTurn, c.memo.Text); err != nil {
		c.ws.setStatus(T("memo not saved: %s", errText(err)))
		return
	}
	c.ws.saved = time.Now().Format("15:04:05")
	c.ws.updateStatus()
	if c.ws.onSaved != nil {
		c.ws.onSaved()
	}
}

// topBar holds who is coding, the filter, the search box and the compare switch.
type topBar struct {
	ws      *Workspace
	coder   *widget.Select
	filter  *widget.Select
	search  *searchEntry
	compare *widget.Check
	settle  *widget.Button // Settle turn…: the adjudicator at the selected turn (compare view)
	content fyne.CanvasObject
	filters map[string]filter
}

// The coder box's last option, and the filter's first: keys of the catalogue (T(allLines) is
// what the box shows).
const (
	newCoderOption = "New coder…"
	allLines       = "All lines"
)

// differOption is the filter of the compare view's disagreements.
const differOption = "Coders differ (compare)"

func newTopBar(ws *Workspace) *topBar {
	b := &topBar{ws: ws, filters: map[string]filter{}}
	b.coder = widget.NewSelect(nil, b.coderChosen)
	b.coder.PlaceHolder = T("Who is coding?")
	b.loadCoders()
	if ws.coder != "" {
		b.coder.SetSelected(ws.coder) // the field alone does not update what the box shows
	}
	b.filter = widget.NewSelect(nil, nil)
	b.loadFilters()
	b.filter.SetSelected(T(allLines)) // before OnChanged: the window has no content to focus yet
	b.filter.OnChanged = func(s string) {
		ws.filter = b.filters[s]
		if ws.filter.kind == "differ" && !ws.compare {
			// only the compare view knows where coders differ: it comes on with the filter
			if err := ws.SetCompare(true); err != nil {
				ws.setStatus(errText(err))
				ws.filter = filter{}
				b.resetFilter()
			}
		}
		ws.applyFilter()
		ws.focusListAfterTap()
	}
	b.search = newSearchEntry(ws.focusList)
	b.search.SetPlaceHolder(T("Search turns (Ctrl+F), Enter to jump"))
	b.search.OnSubmitted = func(q string) { ws.Search(q) }
	b.compare = widget.NewCheck(T("Compare coders"), func(on bool) {
		if on != ws.compare {
			if err := ws.SetCompare(on); err != nil {
				ws.setStatus(errText(err))
			}
		}
		ws.focusListAfterTap()
	})
	b.settle = widget.NewButton(T("Settle turn…"), func() {
		ws.settleSelected()
		ws.focusList()
	})
	b.settle.Disable() // until the compare view is on
	left := container.NewHBox(widget.NewLabel(T("Coder")), b.coder, widget.NewLabel(T("Show")), b.filter)
	b.content = container.NewPadded(container.NewBorder(nil, nil, left, container.NewHBox(b.compare, b.settle), b.search))
	return b
}

// loadFilters offers the filters: every role, speaker and code. A filter whose speaker has
// gone (merged or renamed) falls back to all lines.
func (b *topBar) loadFilters() {
	b.filters = map[string]filter{}
	var opts []string
	add := func(label string, f filter) { opts = append(opts, label); b.filters[label] = f }
	add(T(allLines), filter{})
	add(T("Not reviewed yet"), filter{kind: "unreviewed"})
	add(T(differOption), filter{kind: "differ"})
	for _, r := range coding.Roles {
		add(T("Role: %s", roleName(r)), filter{kind: "role", value: string(r)})
	}
	if labels, err := b.ws.p.SpeakerLabels(b.ws.ctx); err == nil { // not Speakers: no turns counted
		for _, l := range labels {
			add(T("Speaker: %s", l), filter{kind: "speaker", value: l})
		}
	}
	for _, c := range b.ws.codes {
		add(T("Code: %s", c.Name), filter{kind: "code", value: c.ID})
	}
	b.filter.Options = opts
	if _, ok := b.filters[b.filter.Selected]; !ok && b.filter.Selected != "" {
		b.filter.Selected = T(allLines)
		b.ws.filter = filter{}
	}
	b.filter.Refresh()
}

func (b *topBar) loadCoders() {
	var names []string
	if coders, err := b.ws.p.Coders(b.ws.ctx); err == nil {
		for _, c := range coders {
			if !c.Consensus {
				names = append(names, c.Name)
			}
		}
	}
	b.coder.Options = append(names, T(newCoderOption))
	b.coder.Refresh()
}

func (b *topBar) coderChosen(name string) {
	if name == T(newCoderOption) {
		b.coder.Selected = b.ws.coder
		b.coder.Refresh()
		b.ws.AskCoder()
		return
	}
	if name != b.ws.coder {
		if err := b.ws.SetCoder(name); err != nil {
			b.ws.setStatus(errText(err))
		}
		b.ws.focusList()
	}
}

func (b *topBar) showCoder(name string) {
	b.loadCoders()
	b.coder.SetSelected(name) // coderChosen sees the coder already set and does nothing
}

func (b *topBar) resetFilter() {
	b.filter.Selected = T(allLines)
	b.filter.Refresh()
}

// showFilter shows f as the filter chosen (the window built again in another language keeps
// its filter), or all lines when f is not among the filters.
func (b *topBar) showFilter(f filter) {
	b.filter.Selected = T(allLines)
	for label, g := range b.filters {
		if g == f {
			b.filter.Selected = label
		}
	}
	b.ws.filter = b.filters[b.filter.Selected]
	b.filter.Refresh()
}

// AskCoder asks for a new coder's name, adds the coder and switches to them.
func (ws *Workspace) AskCoder() {
	if ws.win == nil {
		return
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(T("your name or initials"))
	d := dialog.NewForm(T("Who is coding?"), T("Start coding"), T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(T("Coder"), name)}, func(ok bool) {
			n := coding.NormalizeLabel(name.Text)
			if !ok || n == "" {
				ws.focusList()
				return
			}
			if err := ws.AddCoder(n); err != nil {
				showError(ws.win, err)
			}
			ws.focusList()
		}, ws.win)
	name.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(360, 160))
	show(ws.win, d, d.Submit)
	ws.win.Canvas().Focus(name)
}

// AddCoder adds a coder to the project and codes as them.
func (ws *Workspace) AddCoder(name string) error {
	if err := ws.p.AddCoder(ws.ctx, name); err != nil {
		return err
	}
	return ws.SetCoder(coding.NormalizeLabel(name))
}

// Search finds turns containing q. The first hit after the selected turn is selected; Enter
// again goes on to the next.
func (ws *Workspace) Search(q string) {
	hits, err := ws.p.Search(ws.ctx, q, 0)
	if err != nil {
		ws.setStatus(errText(err))
		return
	}
	if len(hits) == 0 {
		ws.setStatus(T("no turn contains %q", q))
		return
	}
	// The next hit after the selection, in document order; wrap round.
	pick := 0
	if l := ws.selectedLine(); l != nil {
		docPos := map[string]int{}
		for i, d := range ws.docs {
			docPos[d.ID] = i
		}
		for i, h := range hits {
			if docPos[h.DocumentID] > docPos[ws.doc] || (h.DocumentID == ws.doc && h.Number > l.Number) {
				pick = i
				break
			}
		}
	}
	h := hits[pick]
	if h.DocumentID != ws.doc {
		if err := ws.OpenDocument(h.DocumentID); err != nil {
			ws.setStatus(errText(err))
			return
		}
	}
	ws.SelectTurn(h.Number)
	ws.setStatus(T("%q: hit %d of %d (%s, turn %d); Enter for the next, Escape to code", q, pick+1, len(hits), h.Document, h.Number))

}

// searchEntry is the search box; Escape hands the keys back to the turn list.
type searchEntry struct {
	widget.Entry
	onEscape func()
}

func newSearchEntry(onEscape func()) *searchEntry {
	e := &searchEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// memoEntry is the memo box: Escape saves what was typed and hands the keys back to the turn
// list, as it does in the search box.
type memoEntry struct {
	widget.Entry
	onEscape func()
}

func newMemoEntry(onEscape func()) *memoEntry {
	e := &memoEntry{onEscape: onEscape}
	e.MultiLine = true
	e.ExtendBaseWidget(e)
	return e
}

func (e *memoEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
