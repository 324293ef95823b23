package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/analysis"
	"github.com/turncoder/turncoder/coding/safefile"
)

// The analysis window (Project → Analysis…) answers the questions a researcher asks once the
// coding is done, from the tables of coding/analysis — the same that `turncoder analyse` prints
// and the workbook's analysis sheets hold — over a scope chosen as in the agreement window and
// the codings of the consensus layer, all coders or one coder:
//   - Matrix: codes × speakers, roles, documents or sections, as counts or row or column
//     percentages, each cell shaded by its value; a click on a cell lists its turns;
//   - Co-occurrence: codes × codes within a turn or a window of turns, with the same
//     click-through;
//   - Retrieval: the turns with a code (and another, not a third), with their context, every
//     coder's codes and memos, searchable, saved as CSV;
//   - Chart: codes by speaker or by section as bars, saved as PNG (as drawn) and SVG (as
//     `turncoder analyse --chart` writes it).
//
// A click on a listed turn shows it in the main window's compare view. Reading a project's
// codings runs as long work (runTask); the tables that may take a moment on a large project
// (a wide co-occurrence window, a cell's turns, a retrieval) are computed off the UI goroutine
// and shown through fyne.Do (background).

// analysisChoices are the choices of the analysis window's tabs, kept from one analysis to the
// next and when the window is built again in another language.
type analysisChoices struct {
	tab       int
	by        analysis.Dimension // the matrix's columns
	mode      int                // the matrix's cells: 0 counts, 1 row percentages, 2 column percentages
	window    int                // the co-occurrence's window
	code      string             // the retrieval's code, and code, not code ("": none)
	and, not  string
	context   int
	search    string
	chartBy   analysis.Dimension
	who       analysis.Who // whose codings, once chosen (whoChosen)
	whoChosen bool
}

// analysisView is the analysis window's content.
type analysisView struct {
	m   *mainWindow
	win fyne.Window
	*scopeChooser
	who     *widget.Select
	whoOpts []analysis.Who // by who's options
	status  *widget.Label
	working *widget.ProgressBarInfinite // while a table is computed in the background
	busy    int
	body    *fyne.Container // the tabs, or the sentence that says why there is nothing to show
	tabs    *container.AppTabs
	content fyne.CanvasObject

	choices analysisChoices
	data    *analysis.Data // the data shown, nil before the first analysis
	shown   coding.Scope   // its scope
	text    string         // its scope in words

	matrix    *matrixTab
	cooc      *cooccurrenceTab
	retrieval *retrievalTab
	chart     *chartTab

	// run runs long work (the main window's runTask on this window); open shows a turn of the
	// data in the main window.
	run  func(title, detail string, work func(context.Context, *taskProgress) error, finish func(error, bool))
	open func(t analysis.Turn) error
}

// The widths of the analysis window's choices.
const (
	analysisWhoWidth    = 300
	analysisSelectWidth = 180
)

func newAnalysisView(m *mainWindow, w fyne.Window) *analysisView {
	v := &analysisView{m: m, win: w, status: widget.NewLabel(""), working: widget.NewProgressBarInfinite()}
	v.choices = analysisChoices{by: analysis.BySpeaker, chartBy: analysis.BySpeaker}
	v.run = func(title, detail string, work func(context.Context, *taskProgress) error, finish func(error, bool)) {
		m.runTask(w, title, detail, work, finish)
	}
	v.open = m.showAnalysedTurn
	v.status.Wrapping = fyne.TextWrapWord
	v.working.Hide()
	v.working.Stop()
	v.scopeChooser = newScopeChooser(func() *Workspace { return v.m.ws }, func() fyne.Window { return v.win }, false)
	v.who = widget.NewSelect(nil, nil)
	v.loadWho()
	// A choice made by a person sticks; the default (DefaultWho) is followed until then.
	v.who.OnChanged = func(string) {
		if i := v.who.SelectedIndex(); i >= 0 && i < len(v.whoOpts) {
			v.choices.who, v.choices.whoChosen = v.whoOpts[i], true
		}
	}
	v.form.Append(T("Whose codings"), container.NewHBox(container.NewGridWrap(fyne.NewSize(analysisWhoWidth, v.who.MinSize().Height), v.who)))
	analyse := widget.NewButton(T("Analyse"), v.analyse)
	analyse.Importance = widget.HighImportance
	v.matrix = newMatrixTab(v)
	v.cooc = newCooccurrenceTab(v)
	v.retrieval = newRetrievalTab(v)
	v.chart = newChartTab(v)
	v.tabs = container.NewAppTabs(
		container.NewTabItem(T("Matrix"), v.matrix.content),
		container.NewTabItem(T("Co-occurrence"), v.cooc.content),
		container.NewTabItem(T("Retrieval"), v.retrieval.content),
		container.NewTabItem(T("Chart"), v.chart.content),
	)
	v.tabs.OnSelected = func(*container.TabItem) { v.choices.tab = v.tabs.SelectedIndex() }
	v.body = container.NewStack()
	top := container.NewVBox(v.form, container.NewHBox(analyse, container.NewGridWrap(fyne.NewSize(160, analyse.MinSize().Height), v.working)), v.status)
	v.content = container.NewBorder(top, nil, nil, nil, v.body)
	return v
}

// loadWho offers whose codings can be analysed: the consensus layer when the project has one,
// all coders, then each coder.
func (v *analysisView) loadWho() {
	v.whoOpts = v.whoOpts[:0]
	ws := v.m.ws
	coders, err := ws.p.Coders(ws.ctx)
	if err != nil {
		v.status.SetText(errText(err))
	}
	for _, c := range coders {
		if c.Consensus {
			v.whoOpts = append(v.whoOpts, analysis.Who{Kind: analysis.Consensus})
			break
		}
	}
	v.whoOpts = append(v.whoOpts, analysis.Who{Kind: analysis.AllCoders})
	for _, c := range coders {
		if !c.Consensus {
			v.whoOpts = append(v.whoOpts, analysis.Who{Kind: analysis.OneCoder, Coder: c.Name})
		}
	}
	opts := make([]string, len(v.whoOpts))
	for i, w := range v.whoOpts {
		opts[i] = whoText(w)
	}
	v.who.Options = opts
	v.who.Refresh()
}

// showWho selects w among whose codings, without taking it as a person's choice.
func (v *analysisView) showWho(w analysis.Who) {
	for i, o := range v.whoOpts {
		if o == w {
			chosen := v.choices.whoChosen
			v.who.SetSelectedIndex(i)
			v.choices.who, v.choices.whoChosen = w, chosen
			return
		}
	}
}

// whoText says whose codings in the interface's language: in English as Who.Describe does.
func whoText(w analysis.Who) string {
	switch w.Kind {
	case analysis.Consensus:
		return T("the consensus layer (the final coding)")
	case analysis.AllCoders:
		return T("all coders")
	case analysis.OneCoder:
		return T("coder %s", w.Coder)
	}
	return T("the default (the consensus layer once it has decisions, else all coders)")
}

// analyse reads the codings of the scope chosen as long work and shows the tables.
func (v *analysisView) analyse() {
	if len(v.codes.Options) > 0 && len(v.codes.Selected) == 0 {
		v.say(T("Choose at least one code to analyse."))
		return
	}
	s, text := v.scope(), v.describe()
	who := analysis.Who{}
	if v.choices.whoChosen {
		who = v.choices.who
	}
	p := v.m.p
	var d *analysis.Data
	v.run(T("Analysing"), text, func(ctx context.Context, t *taskProgress) error {
		in, err := p.AnalysisInput(ctx, s, who)
		if err != nil {
			return err
		}
		t.Step(1, 2)
		t.Say(T("%d turns, %d codings: the tables", len(in.Turns), len(in.Codings)))
		d, err = analysis.New(in)
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			v.status.SetText(T("cancelled; the tables shown are those analysed before"))
		case err != nil:
			v.say(errText(err))
		default:
			v.show(s, text, d)
		}
	})
}

// say shows a sentence instead of the tables.
func (v *analysisView) say(text string) {
	v.status.SetText(text)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	v.body.Objects = []fyne.CanvasObject{container.NewVBox(l)}
	v.body.Refresh()
}

// emptyReason is the sentence that says why data has nothing to show, or "".
func emptyReason(d *analysis.Data) string {
	who := d.Who()
	switch {
	case d.TurnsInScope() == 0:
		return T("No turns in this scope: choose another document, section or speakers.")
	case len(d.Codes()) == 0:
		return T("The codebook has no codes to analyse: add codes in Project → Codebook….")
	case who.Kind == analysis.AllCoders && len(d.Coders()) == 0:
		return T("Nobody has coded yet: the project has no coders. Choose who is coding in the main window and code some turns.")
	case d.Codings() > 0:
		return ""
	case who.Kind == analysis.Consensus:
		return T("The consensus layer gives no code to a turn in this scope: settle disagreements first, or analyse all coders.")
	case who.Kind == analysis.OneCoder:
		return T("%s has given no code to a turn in this scope: choose another coder or scope.", who.Coder)
	}
	return T("No coder has given a code to a turn in this scope.")
}

// show puts the data analysed in the window.
func (v *analysisView) show(s coding.Scope, text string, d *analysis.Data) {
	v.data, v.shown, v.text = d, s, text
	v.loadWho()
	v.showWho(d.Who())
	if why := emptyReason(d); why != "" {
		v.say(why)
		return
	}
	v.status.SetText(T("%s; %s: %d turns in scope, %d codings counted.", text, whoText(d.Who()), d.TurnsInScope(), d.Codings()))
	v.matrix.show(d)
	v.cooc.show(d)
	v.retrieval.show(d)
	v.chart.show(d)
	v.body.Objects = []fyne.CanvasObject{v.tabs}
	v.body.Refresh()
	v.tabs.SelectIndex(v.choices.tab)
}

// inBackground runs work off the UI goroutine and then, on it, then, with the window's
// progress bar running meanwhile.
func (v *analysisView) inBackground(work, then func()) {
	v.busy++
	v.working.Show()
	v.working.Start()
	background(work, func() {
		if v.busy--; v.busy == 0 {
			v.working.Stop()
			v.working.Hide()
		}
		then()
	})
}

// baseName is the project file's name without its extension, for the files saved.
func (v *analysisView) baseName() string {
	return strings.TrimSuffix(filepath.Base(v.m.path), filepath.Ext(v.m.path))
}

// saveFile asks on the analysis window for a file ending in ext and writes it through
// safefile (never over the project, nor a file of another kind); the status line says where
// it went, an error dialog why it did not.
func (v *analysisView) saveFile(name, ext string, kind safefile.Kind, write func(f *os.File) error) {
	savePathOn(v.win, name, ext, func(path string) { v.saveTo(path, kind, write) })
}

// saveTo is saveFile once the path is chosen: the refusal (safefile's, in the interface's
// language) in an error dialog, or where the file went in the status line.
func (v *analysisView) saveTo(path string, kind safefile.Kind, write func(f *os.File) error) {
	if err := safefile.WriteChecked(path, kind, v.m.path, write); err != nil {
		showError(v.win, errors.New(T("not saved: %s", errText(err))))
		return
	}
	v.status.SetText(T("Saved %q.", path))
}

// saveCSV saves a table as CSV (UTF-8 with a byte-order mark, so that Excel reads Chinese), as
// `turncoder analyse --csv -o` writes it.
func (v *analysisView) saveCSV(name string, write func(io.Writer) error) {
	v.saveFile(name, ".csv", safefile.CSV, func(f *os.File) error {
		if _, err := f.WriteString("\ufeff"); err != nil {
			return err
		}
		return write(f)
	})
}

// showAnalysedTurn shows a turn of an analysis in the main window, in the compare view (every
// coder's codes, the consensus layer first); a coder copy, which has no compare view, shows it
// among the coder's own codes.
func (m *mainWindow) showAnalysedTurn(t analysis.Turn) error {
	ws := m.ws
	err := ws.ShowTurnInCompare(t.DocumentID, t.Number)
	if err != nil && ws.bound != "" {
		err = nil
		if t.DocumentID != ws.doc {
			err = ws.OpenDocument(t.DocumentID)
		}
		if err == nil && !ws.SelectTurn(t.Number) {
			err = errors.New(T("turn %d is not in the document", t.Number))
		}
	}
	if err != nil {
		return err
	}
	m.win.RequestFocus()
	return nil
}

// openTurn shows turn t of the data in the main window and says so.
func (v *analysisView) openTurn(t int) {
	if v.data == nil || t < 0 || t >= len(v.data.Turns()) {
		return
	}
	tu := v.data.Turns()[t]
	if err := v.open(tu); err != nil {
		v.status.SetText(errText(err))
		return
	}
	v.status.SetText(T("%s, turn %d is shown in the main window's compare view.", tu.Document, tu.Number))
}

// showAnalysis opens the analysis window on the current project, or brings the open one to the
// front.
func (m *mainWindow) showAnalysis() {
	if m.analysis != nil {
		m.analysisWin.RequestFocus()
		return
	}
	w := m.app.NewWindow(T("Analysis — %s", m.win.Title()))
	dialogKeysOn(w)
	v := newAnalysisView(m, w)
	m.analysis, m.analysisWin = v, w
	w.SetOnClosed(func() {
		if m.analysisWin == w {
			m.analysis, m.analysisWin = nil, nil
		}
	})
	w.SetContent(v.content)
	m.sizeLikeMain(w, 1180, 760)
	v.analyse()
	w.Show()
}

// relabelAnalysis builds the open analysis window again in the interface's language, with its
// scope, choices and the data it showed (not read again).
func (m *mainWindow) relabelAnalysis() {
	old := m.analysis
	if old == nil {
		return
	}
	v := newAnalysisView(m, m.analysisWin)
	v.setScope(old.scope())
	v.choices = old.choices
	m.analysis = v
	m.analysisWin.SetTitle(T("Analysis — %s", m.win.Title()))
	m.analysisWin.SetContent(v.content)
	if old.data != nil {
		v.show(old.shown, v.describe(), old.data)
	}
}
