package ui

import (
	"context"
	"errors"

	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// edit is one coding action, kept for undo and redo.
type edit struct {
	doc, turn     string
	before, after coding.TurnState
	seg           *segmentEdit // a correction of the document's segmentation instead (segment.go)
}

// Workspace is the window a coder lives in: documents on the left, the turns of one document
// in the centre, the codebook and memo on the right, coder, filter and search on top, and a
// status line below. Every coding action is written to the project file at once.
type Workspace struct {
	ctx     context.Context
	p       *store.Project
	win     fyne.Window
	coder   string
	codes   []coding.Code
	docs    []store.DocumentInfo
	doc     string                                 // id of the open document
	lines   []coding.Line                          // its lines
	view    []int                                  // indices into lines that pass the filter
	states  map[string]coding.TurnState            // this coder's states, by turn id
	all     map[string]map[string]coding.TurnState // every coder's, in compare mode
	compare bool
	filter  filter
	sel     int // index into view of the selected turn, or -1
	undo    []edit
	redo    []edit
	prog    store.ProgressReport

	list     *turnList
	nav      *navigator
	codebook *codebookPanel
	bar      *topBar
	status   *widget.Label
	saved    string
	content  fyne.CanvasObject
	onCoder  func(string)           // told when the coder changes, to remember the choice
	onSettle func(coding.Line)      // asked to open the adjudicator at a turn (compare view)
	bound    string                 // the coder a coder copy is bound to, or ""
	onSaved  func()                 // after each change is saved (the team folder's publisher)
	team     string                 // when the copy was last written to its team folder, for the status line
	busy     string                 // the long work running in the window (keys are off), or ""
	colours  map[string]color.Color // the open document's speakers' colours (documentColours)

	// The coder's progress is counted in the background in a large project (refreshProgress).
	progGen     int           // counts the counts asked for: one that is not the latest is dropped
	progLoading bool          // a count runs in the background; prog is empty meanwhile
	progStale   bool          // a change was saved while it ran: it counts again when it ends
	progDone    chan struct{} // closed when the count asked for last has landed or been dropped
}

// progressInBackground is the size of project, in turns, from which the coder's progress is
// counted in the background: a million turns take seconds to count (every turn is read, and
// the coder's reviewed marks looked up by turn), which would hold the window's first frame. The
// navigator and status line show the counts when they come.
var progressInBackground = 100_000

// progressDelay is how long a count in the background waits before it starts, so that it does
// not compete with building and drawing the window's first frame (the SQLite compiled to Go
// that both use allocates under one lock): the counts come that much later, after seconds.
var progressDelay = 300 * time.Millisecond

// countProgress counts a coder's progress; tests hold it back to see the window meanwhile.
var countProgress = func(ctx context.Context, p *store.Project, coder string) (store.ProgressReport, error) {
	return p.Progress(ctx, coder)
}

// documentColours gives the speakers of a document the palette's colours in the order they
// first speak, so that no two of its first eight speakers share one (a colour by a hash of
// the label alone made two speakers of one call look alike). The order is the document's, so
// a speaker keeps the colour from session to session.
func documentColours(lines []coding.Line) map[string]color.Color {
	out := map[string]color.Color{}
	for _, l := range lines {
		if _, ok := out[l.Speaker]; l.Kind == coding.KindTurn && l.Speaker != "" && !ok {
			out[l.Speaker] = speakerPalette[len(out)%len(speakerPalette)]
		}
	}
	return out
}

// NewWorkspace opens the workspace on project p as coder (who must exist; "" shows turns
// without codes until a coder is chosen).
func NewWorkspace(ctx context.Context, p *store.Project, win fyne.Window, coder string) (*Workspace, error) {
	ws := &Workspace{ctx: ctx, p: p, win: win, coder: coder, sel: -1, states: map[string]coding.TurnState{}}
	var err error
	if ws.codes, err = p.Codes(ctx); err != nil {
		return nil, err
	}
	if ws.docs, err = p.Documents(ctx); err != nil {
		return nil, err
	}
	ws.status = widget.NewLabel("")
	ws.status.Truncation = fyne.TextTruncateEllipsis
	ws.list = newTurnList(func() int { return len(ws.view) }, func() fyne.CanvasObject { return newRowView() }, ws.updateRow)
	ws.list.onKey = ws.typedKey
	ws.list.onRune = ws.typedRune
	ws.list.OnSelected = ws.listSelected
	ws.nav = newNavigator(ws)
	ws.codebook = newCodebookPanel(ws)
	ws.bar = newTopBar(ws)
	split := container.NewHSplit(ws.list, ws.codebook.content)
	split.Offset = 0.74
	outer := container.NewHSplit(ws.nav.tree, split)
	outer.Offset = 0.24
	ws.content = container.NewBorder(ws.bar.content, container.NewPadded(ws.status), nil, nil, outer)
	if err := ws.refreshProgress(); err != nil {
		return nil, err
	}
	if len(ws.docs) > 0 {
		if err := ws.OpenDocument(ws.docs[0].ID); err != nil {
			return nil, err
		}
	}
	return ws, nil
}

// Content is the workspace's root object.
func (ws *Workspace) Content() fyne.CanvasObject { return ws.content }

// Coder is who is coding.
func (ws *Workspace) Coder() string { return ws.coder }

// SetCoder switches the coder: the list shows that coder's codes only (blind), and the undo
// history, which belongs to the previous coder, is dropped.
func (ws *Workspace) SetCoder(name string) error {
	if ws.bound != "" && name != ws.bound {
		return errors.New(T("this is %s's coder copy; only %s codes in it", ws.bound, ws.bound))
	}
	ws.coder = name
	ws.undo, ws.redo = nil, nil
	if ws.onCoder != nil {
		ws.onCoder(name)
	}
	if err := ws.refreshProgress(); err != nil {
		return err
	}
	ws.bar.showCoder(name)
	return ws.reloadStates()
}

// bindTo fixes the coder of a coder copy: the coder cannot be switched and the compare view
// is off, so the copy stays blind.
func (ws *Workspace) bindTo(coder string) {
	ws.bound = coder
	ws.bar.coder.Disable()
	ws.bar.compare.Disable()
}

// SetCompare shows every coder's codes side by side (true) or only the coder's own (false).
func (ws *Workspace) SetCompare(on bool) error {
	if on && ws.bound != "" {
		return errors.New(T("this is %s's coder copy: coding is blind until the lead merges it", ws.bound))
	}
	ws.compare = on
	ws.bar.compare.SetChecked(on)
	if !on && ws.filter.kind == "differ" { // the filter needs the compare view
		ws.filter = filter{}
		ws.bar.resetFilter()
	}
	if on {
		ws.bar.settle.Enable()
	} else {
		ws.bar.settle.Disable()
	}
	return ws.reloadStates()
}

// settleSelected opens the adjudicator at the selected turn (compare view only).
func (ws *Workspace) settleSelected() {
	l := ws.selectedLine()
	switch {
	case !ws.compare:
		ws.setStatus(T("turn on Compare coders to settle disagreements"))
	case l == nil:
		ws.setStatus(T("select a turn first (↑/↓ or a click)"))
	case ws.onSettle != nil:
		ws.onSettle(*l)
	}
}

// SpeakersChanged shows a change to the speakers (a role, a merge, a rename): the coding scope
// and progress, the speakers and roles of the open document's turns, the speaker filters. The
// selected turn stays selected.
func (ws *Workspace) SpeakersChanged() error {
	if err := ws.refreshProgress(); err != nil {
		return err
	}
	ws.bar.loadFilters()
	if ws.doc != "" {
		lines, err := ws.p.Lines(ws.ctx, ws.doc)
		if err != nil {
			return err
		}
		ws.lines = lines // the same lines in the same order, so the view's indices still hold
	}
	return ws.reloadStates()
}

// OpenDocument shows a document's lines. The selection belongs to the document left: it is
// dropped before the new lines replace the old, whose indices it holds.
func (ws *Workspace) OpenDocument(id string) error {
	lines, err := ws.p.Lines(ws.ctx, id)
	if err != nil {
		return err
	}
	ws.codebook.flushMemo()
	ws.sel, ws.view = -1, ws.view[:0]
	ws.list.UnselectAll()
	ws.doc, ws.lines = id, lines
	ws.colours = documentColours(lines)
	if err := ws.reloadStates(); err != nil {
		return err
	}
	ws.nav.showDocument(id)
	ws.list.ScrollToTop()
	return nil
}

func (ws *Workspace) reloadStates() error {
	ws.states, ws.all = map[string]coding.TurnState{}, nil
	var err error
	if ws.coder != "" && ws.doc != "" {
		if ws.states, err = ws.p.States(ws.ctx, ws.coder, ws.doc); err != nil {
			return err
		}
	}
	if ws.compare && ws.doc != "" {
		if ws.all, err = ws.p.AllStates(ws.ctx, ws.doc); err != nil {
			return err
		}
	}
	ws.applyFilter()
	return nil
}

// applyFilter rebuilds the view from the lines, keeping the selected turn if it still shows.
func (ws *Workspace) applyFilter() {
	keep := ws.selectedLine()
	ws.view = ws.view[:0]
	for i, l := range ws.lines {
		if ws.filter.kind == "differ" {
			// the turns where the coders who reviewed them differ (compare view)
			if l.Kind == coding.KindHeader || l.Kind == coding.KindTurn && ws.differs(l) {
				ws.view = append(ws.view, i)
			}
			continue
		}
		if ws.filter.keeps(l, ws.states[l.TurnID]) {
			ws.view = append(ws.view, i)
		}
	}
	ws.sel = -1
	ws.list.UnselectAll()
	ws.list.Refresh()
	if keep != nil {
		for vi, li := range ws.view {
			if ws.lines[li].TurnID == keep.TurnID {
				ws.selectView(vi)
				break
			}
		}
	}
	ws.updateStatus()
}

func (ws *Workspace) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(ws.view) {
		return
	}
	l := ws.lines[ws.view[id]]
	row := o.(*rowView)
	var others []coderState
	differ := false
	if ws.compare && l.Kind == coding.KindTurn {
		others, differ = compareStates(ws.all[l.TurnID])
	}
	row.show(l, ws.colourOf(l.Speaker), ws.states[l.TurnID], ws.codes, others, differ)
	ws.list.SetItemHeight(id, row.heightFor(ws.list.Size().Width))
}

// colourOf is a speaker's colour: the one it has in the open document (documentColours), or,
// for a speaker who does not speak there, the colour of its label.
func (ws *Workspace) colourOf(label string) color.Color {
	if c, ok := ws.colours[label]; ok {
		return c
	}
	return speakerColour(label)
}

// differs tells whether the coders who reviewed turn l gave it different codes (compare view).
func (ws *Workspace) differs(l coding.Line) bool {
	if ws.all == nil {
		return false
	}
	_, d := compareStates(ws.all[l.TurnID])
	return d
}

// compareStates orders a turn's states by coder and tells whether the coders who reviewed it
// gave different codes. The consensus layer is shown but is no coder: it cannot make a turn
// differ.
func compareStates(m map[string]coding.TurnState) ([]coderState, bool) {
	out := make([]coderState, 0, len(m))
	for c, st := range m {
		out = append(out, coderState{c, st})
	}
	sortCoderStates(out)
	differ := false
	var first *coding.TurnState
	for i := range out {
		if !out[i].state.Reviewed || out[i].coder == store.ConsensusCoder {
			continue
		}
		if first == nil {
			first = &out[i].state
		} else if !first.Equal(out[i].state) {
			differ = true
		}
	}
	return out, differ
}

// sortCoderStates puts the consensus layer first (the decision, where there is one), then the
// coders by name.
func sortCoderStates(s []coderState) {
	before := func(a, b string) bool {
		if (a == store.ConsensusCoder) != (b == store.ConsensusCoder) {
			return a == store.ConsensusCoder
		}
		return a < b
	}
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && before(s[j].coder, s[j-1].coder); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// selectedLine is the line of the selected turn, or nil.
func (ws *Workspace) selectedLine() *coding.Line {
	if ws.sel < 0 || ws.sel >= len(ws.view) || ws.view[ws.sel] >= len(ws.lines) {
		return nil
	}
	return &ws.lines[ws.view[ws.sel]]
}

// listSelected keeps the selection on turns: a click on a note or a header goes back to the
// turn selected before.
func (ws *Workspace) listSelected(id widget.ListItemID) {
	if id == ws.sel {
		return
	}
	if id < 0 || id >= len(ws.view) || ws.lines[ws.view[id]].Kind != coding.KindTurn {
		if ws.sel >= 0 {
			ws.list.Select(ws.sel)
		} else {
			ws.list.Unselect(id)
		}
		return
	}
	ws.codebook.flushMemo()
	ws.sel = id
	ws.codebook.showTurn()
	ws.updateStatus()
}

// goToSection shows section sid from its header, at the top of the list, and selects its first codable turn, so that
// the keys code there and ↓ goes on through the section (with the old selection kept, ↓ went
// back to wherever it was, often the top of the document).
func (ws *Workspace) goToSection(sid int64) {
	header := -1
	for vi, li := range ws.view {
		l := ws.lines[li]
		if header < 0 {
			if l.Kind == coding.KindHeader && l.SectionID == sid {
				header = vi
			}
			continue
		}
		if l.Kind == coding.KindHeader {
			break
		}
		if l.Codable {
			ws.codebook.flushMemo()
			ws.selectView(vi)
			ws.updateStatus()
			break
		}
	}
	if header >= 0 { // at the top: Fyne scrolls an item only just into view, so from below
		ws.list.ScrollToBottom()
		ws.list.ScrollTo(header)
	}
}

// selectView selects row vi and scrolls it fully into view. The rows between are measured
// only as they are drawn, so the scroll is done again once they have been: the first one
// reckons with rows of a default height.
func (ws *Workspace) selectView(vi int) {
	ws.sel = vi
	ws.list.Select(vi)
	ws.list.ScrollTo(vi)
	ws.codebook.showTurn()
	afterEvent(func() {
		if ws.sel == vi {
			ws.list.ScrollTo(vi)
		}
	})
}

// SelectTurn selects turn number n of the open document (clearing the filter if it hides it).
func (ws *Workspace) SelectTurn(n int) bool {
	for pass := 0; pass < 2; pass++ {
		for vi, li := range ws.view {
			if l := ws.lines[li]; l.Kind == coding.KindTurn && l.Number == n {
				ws.codebook.flushMemo()
				ws.selectView(vi)
				ws.updateStatus()
				return true
			}
		}
		ws.filter = filter{}
		ws.bar.resetFilter()
		ws.applyFilter()
	}
	return false
}

// move selects the next (dir 1) or previous (dir -1) codable turn in the view.
func (ws *Workspace) move(dir int) {
	for vi := ws.sel + dir; vi >= 0 && vi < len(ws.view); vi += dir {
		if ws.lines[ws.view[vi]].Codable {
			ws.codebook.flushMemo()
			ws.selectView(vi)
			ws.updateStatus()
			return
		}
	}
}

// nextUnreviewed selects the first codable turn after the selection that this coder has not
// reviewed; it wraps round to the top once.
func (ws *Workspace) nextUnreviewed() {
	n := len(ws.view)
	for k := 1; k <= n; k++ {
		vi := (ws.sel + k) % n
		if vi < 0 {
			vi += n
		}
		l := ws.lines[ws.view[vi]]
		if l.Codable && !ws.states[l.TurnID].Reviewed {
			ws.codebook.flushMemo()
			ws.selectView(vi)
			ws.updateStatus()
			return
		}
	}
	ws.setStatus(T("every turn in view is reviewed"))
}

// keysOff says, while long work runs in the window, that the keys wait for it.
func (ws *Workspace) keysOff() bool {
	if ws.busy == "" {
		return false
	}
	ws.setStatus(T("%s is still running; the keys work again when it ends", ws.busy))
	return true
}

// typedKey handles the workspace's keys; it returns false for keys it leaves to the list.
func (ws *Workspace) typedKey(ev *fyne.KeyEvent) bool {
	if ws.keysOff() {
		return true
	}
	switch ev.Name {
	case fyne.KeyUp:
		ws.move(-1)
	case fyne.KeyDown:
		ws.move(1)
	case fyne.KeyReturn, fyne.KeyEnter:
		ws.reviewAndNext()
	case fyne.KeyEscape:
		ws.focusList()
	default:
		return false
	}
	return true
}

// typedRune handles 1–9 (toggle the code with that shortcut), 0 (reviewed, no code) and j/k.
func (ws *Workspace) typedRune(r rune) {
	if ws.keysOff() {
		return
	}
	switch {
	case r == 'j':
		ws.move(1)
	case r == 'k':
		ws.move(-1)
	case r == '0':
		ws.setNoCode()
	case r == 'a' && ws.compare:
		ws.settleSelected()
	case r >= '1' && r <= '9':
		for _, c := range ws.codes {
			if c.Shortcut == string(r) {
				ws.ToggleCode(c.ID)
				return
			}
		}
		ws.setStatus(T("no code has the shortcut %c", r))
	}
}

func (ws *Workspace) focusList() {
	if ws.win != nil {
		ws.win.Canvas().Focus(ws.list)
	}
}

// focusListAfterTap gives the keys back to the turn list once the tap being handled is over: a
// tree, a check box or a button takes the focus after it has called its handler, so focusing
// the list from inside the handler would be undone at once.
func (ws *Workspace) focusListAfterTap() {
	ws.focusList()
	afterEvent(ws.focusList)
}

// afterEvent runs fn on the UI goroutine once the event being handled is over. Fyne's test
// driver runs fyne.Do at once on the calling goroutine, so the headless tests replace it with
// a plain call (they drive no tap order to get behind).
var afterEvent = func(fn func()) { go fyne.Do(fn) }

// target is the selected turn, or nil with a status message when there is none to code.
func (ws *Workspace) target() *coding.Line {
	l := ws.selectedLine()
	switch {
	case ws.coder == "":
		ws.setStatus(T("choose who is coding first (top left)"))
		return nil
	case l == nil:
		ws.setStatus(T("select a turn first (↑/↓ or a click)"))
		return nil
	case !l.Codable:
		ws.setStatus(T("turn %d is an interviewer's and not coded (Project → Code interviewers' turns too)", l.Number))
		return nil
	}
	return l
}

// ToggleCode gives the selected turn the code, or takes it away; either way the turn counts
// as reviewed.
func (ws *Workspace) ToggleCode(codeID string) {
	l := ws.target()
	if l == nil {
		return
	}
	before := ws.states[l.TurnID]
	after := coding.TurnState{Reviewed: true}
	action := "code"
	if before.Has(codeID) {
		action = "uncode"
	}
	for _, c := range ws.codes { // keep codebook order
		if c.ID == codeID {
			if !before.Has(codeID) {
				after.Codes = append(after.Codes, c.ID)
			}
		} else if before.Has(c.ID) {
			after.Codes = append(after.Codes, c.ID)
		}
	}
	ws.apply(edit{doc: ws.doc, turn: l.TurnID, before: before, after: after}, action, true)
}

// setNoCode marks the selected turn reviewed with no code applying.
func (ws *Workspace) setNoCode() {
	if l := ws.target(); l != nil {
		ws.apply(edit{doc: ws.doc, turn: l.TurnID, before: ws.states[l.TurnID], after: coding.TurnState{Reviewed: true}}, "review", true)
	}
}

// reviewAndNext marks the selected turn reviewed (keeping its codes) and moves on to the next
// turn not yet reviewed.
func (ws *Workspace) reviewAndNext() {
	l := ws.target()
	if l == nil {
		return
	}
	before := ws.states[l.TurnID]
	if !before.Reviewed {
		after := coding.TurnState{Codes: before.Codes, Reviewed: true}
		if !ws.apply(edit{doc: ws.doc, turn: l.TurnID, before: before, after: after}, "review", true) {
			return
		}
	}
	ws.nextUnreviewed()
}

// apply writes an edit's after state and, once the project file has it, shows it.
func (ws *Workspace) apply(e edit, action string, record bool) bool {
	if e.before.Equal(e.after) {
		return true
	}
	if err := ws.p.SetState(ws.ctx, ws.coder, e.turn, e.after, action); err != nil {
		ws.setStatus(T("not saved: %s", errText(err)))
		return false
	}
	if record {
		ws.undo = append(ws.undo, e)
		ws.redo = nil
	}
	ws.commit(e.turn, e.before, e.after)
	return true
}

// commit updates what is shown after a write: the state, the row, the progress counts.
func (ws *Workspace) commit(turn string, before, after coding.TurnState) {
	ws.states[turn] = after
	if ws.all != nil {
		if ws.all[turn] == nil {
			ws.all[turn] = map[string]coding.TurnState{}
		}
		ws.all[turn][ws.coder] = after
	}
	if before.Reviewed != after.Reviewed && ws.progLoading {
		ws.progStale = true
	} else if before.Reviewed != after.Reviewed {
		d := 1
		if !after.Reviewed {
			d = -1
		}
		for _, l := range ws.lines {
			if l.TurnID == turn {
				ws.prog.Project.Reviewed += d
				p := ws.prog.Documents[ws.doc]
				p.Reviewed += d
				ws.prog.Documents[ws.doc] = p
				if l.SectionID != 0 {
					s := ws.prog.Sections[l.SectionID]
					s.Reviewed += d
					ws.prog.Sections[l.SectionID] = s
				}
				break
			}
		}
		ws.nav.refresh()
	}
	for vi, li := range ws.view {
		if ws.lines[li].TurnID == turn {
			ws.list.RefreshItem(vi)
			break
		}
	}
	ws.saved = time.Now().Format("15:04:05")
	ws.updateStatus()
	if ws.onSaved != nil {
		ws.onSaved()
	}
}

// Undo takes back the last coding action or correction of the segmentation of this session;
// Redo does it again.
func (ws *Workspace) Undo() { ws.step(&ws.undo, &ws.redo, true) }

// Redo re-applies the last undone action.
func (ws *Workspace) Redo() { ws.step(&ws.redo, &ws.undo, false) }

func (ws *Workspace) step(from, to *[]edit, undo bool) {
	if len(*from) == 0 {
		if undo {
			ws.setStatus(T("nothing to undo"))
		} else {
			ws.setStatus(T("nothing to redo"))
		}
		return
	}
	e := (*from)[len(*from)-1]
	if e.seg != nil {
		if err := ws.stepCorrection(e, undo); err != nil {
			ws.setStatus(errText(err))
			return
		}
		*from = (*from)[:len(*from)-1]
		*to = append(*to, e)
		return
	}
	target, action := e.after, "redo"
	if undo {
		target, action = e.before, "undo"
	}
	if e.doc != ws.doc {
		if err := ws.OpenDocument(e.doc); err != nil {
			ws.setStatus(errText(err))
			return
		}
	}
	current := ws.states[e.turn]
	if err := ws.p.SetState(ws.ctx, ws.coder, e.turn, target, action); err != nil {
		ws.setStatus(T("not saved: %s", errText(err)))
		return
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, e)
	ws.commit(e.turn, current, target)
	for vi, li := range ws.view {
		if ws.lines[li].TurnID == e.turn {
			ws.selectView(vi)
			break
		}
	}
}

// SetCodeInterviewers puts interviewers' turns in the coding scope (or takes them out).
func (ws *Workspace) SetCodeInterviewers(on bool) error {
	if err := ws.p.SetCodeInterviewers(ws.ctx, on); err != nil {
		return err
	}
	if err := ws.refreshProgress(); err != nil {
		return err
	}
	if ws.doc == "" {
		return nil
	}
	return ws.OpenDocument(ws.doc)
}

func (ws *Workspace) refreshProgress() error {
	ws.prog = store.ProgressReport{Documents: map[string]coding.Progress{}, Sections: map[int64]coding.Progress{}}
	ws.progGen++
	ws.progLoading, ws.progStale = false, false
	turns := 0
	for _, d := range ws.docs {
		turns += d.Turns
	}
	if ws.coder != "" && turns >= progressInBackground {
		ws.countInBackground()
		return nil
	}
	if ws.coder != "" {
		var err error
		if ws.prog, err = ws.p.Progress(ws.ctx, ws.coder); err != nil {
			return err
		}
	}
	ws.nav.refresh()
	return nil
}

// countInBackground counts the coder's progress in the background and shows it when it comes,
// unless another count was asked for meanwhile; a change saved while it counted (commit) makes
// it count again, since the count may or may not hold it.
func (ws *Workspace) countInBackground() {
	gen, coder, done := ws.progGen, ws.coder, make(chan struct{})
	ws.progLoading, ws.progDone = true, done
	ws.nav.refresh()
	ws.updateStatus()
	go func() {
		time.Sleep(progressDelay)
		prog, err := countProgress(ws.ctx, ws.p, coder)
		fyne.Do(func() {
			defer close(done)
			switch {
			case gen != ws.progGen: // a newer count was asked for
			case err != nil:
				ws.progLoading = false
				ws.setStatus(errText(err))
			case ws.progStale:
				ws.refreshProgress()
			default:
				ws.prog, ws.progLoading = prog, false
				ws.nav.refresh()
				ws.updateStatus()
			}
		})
	}()
}

// waitProgress waits until the coder's progress has been counted (tests and benchmarks).
func (ws *Workspace) waitProgress() {
	for ws.progLoading {
		<-ws.progDone
	}
}

func (ws *Workspace) setStatus(msg string) {
	ws.status.SetText(msg)
}

// updateStatus shows the selection, the document's and the project's progress, and when the
// last change was saved.
func (ws *Workspace) updateStatus() {
	var parts []string
	if ws.bound != "" {
		parts = append(parts, T("%s's copy, blind", ws.bound))
	}
	if l := ws.selectedLine(); l != nil {
		parts = append(parts, T("turn %d", l.Number))
	}
	title := ""
	for _, d := range ws.docs {
		if d.ID == ws.doc {
			title = d.Title
		}
	}
	if ws.coder != "" && !ws.progLoading {
		dp := ws.prog.Documents[ws.doc]
		parts = append(parts, T("%s: %d of %d reviewed", title, dp.Reviewed, dp.Codable),
			T("project: %d of %d", ws.prog.Project.Reviewed, ws.prog.Project.Codable))
	} else {
		parts = append(parts, title)
	}
	if len(ws.view) != len(ws.lines) {
		parts = append(parts, T("filter shows %d of %d lines", len(ws.view), len(ws.lines)))
	}
	if ws.compare {
		parts = append(parts, T("comparing all coders"))
	}
	if ws.saved != "" {
		parts = append(parts, T("saved %s", ws.saved))
	}

	if ws.team != "" {
		parts = append(parts, ws.team)
	}
	ws.status.SetText(strings.Join(parts, "  ·  "))
}
