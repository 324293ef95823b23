package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/store"
)

// importSource is one file of an import: its bytes (read once), what the researcher chose
// in the preview (format, encoding, labels that are not speakers, roles) and what the reader
// makes of it with those choices.
type importSource struct {
	path  string
	data  []byte
	opt   transcript.Options
	roles map[string]coding.Role
	doc   *coding.Document // nil when the file is refused, or is a project
	pv    coding.ImportPreview
	// A REFI-QDA project (.qdpx) is read whole (importproject.go): rp is what it brings, nil
	// when refused; report is the report shown in place of its first lines.
	project bool
	rp      *refi.Project
	report  string
	// detected are the format and encoding turncoder chose itself, from the last reading
	// that chose them ("" before one did).
	detected struct{ format, encoding string }
}

func (s *importSource) name() string { return filepath.Base(s.path) }

// load reads the file's bytes; a file that cannot be read is refused in its preview.
func (s *importSource) load() {
	if refi.IsProjectFile(s.path) {
		s.project = true // read whole, from its path, by readProject
		return
	}
	data, err := transcript.ReadFile(s.path) // refuses a file too large to import from its size alone
	if err != nil {
		s.pv = coding.ImportPreview{File: s.name(), Error: errText(err)}
		return
	}
	s.data = data
}

// read reads the source with the choices made and previews it against the project. It does
// no UI work, so it runs off the UI goroutine.
func (s *importSource) read(ctx context.Context, p *store.Project) {
	if s.project {
		s.readProject(ctx, p)
		return
	}
	if s.data == nil && s.pv.Error != "" {
		return // the file could not be read at all
	}
	doc, err := transcript.Read(s.name(), s.data, s.opt)
	if err != nil {
		s.doc, s.pv = nil, coding.ImportPreview{File: s.name(), Error: errText(err)}
		return
	}
	doc.Roles = s.roles
	if s.opt.Format == "" {
		s.detected.format = doc.Format
	}
	if s.opt.Encoding == "" {
		s.detected.encoding = doc.Encoding
	}
	pv, err := p.PreviewImport(ctx, s.name(), doc)
	if err != nil {
		s.doc, s.pv = nil, coding.ImportPreview{File: s.name(), Error: errText(err)}
		return
	}
	s.doc, s.pv = doc, pv
}

// readOK tells whether the source was read: a document, or a project.
func (s *importSource) readOK() bool { return s.doc != nil || s.rp != nil }

// importable tells whether the import would write the source: read, and not in the project.
func (s *importSource) importable() bool { return s.readOK() && s.pv.Duplicate == "" }

// status is the source's state in a few words, for the list of files.
func (s *importSource) status() string {
	switch {
	case s.pv.Error != "":
		return T("refused")
	case s.pv.Duplicate != "":
		return T("already in the project")
	case s.project:
		return T("REFI-QDA project, %s", plural(len(s.pv.Sections), "document"))
	}
	return T("%s, %s", formatLabel(s.pv.Format), units(s.pv.Turns, s.pv.Format))
}

// sameTitle says when another file of this import gets the same title as s: two documents
// would look alike in the navigator.
func (v *importPreview) sameTitle(s *importSource) string {
	for _, o := range v.sources {
		if o != s && o.importable() && s.importable() && o.pv.Title == s.pv.Title {
			return T("Note: %s will also be titled %q; rename one after the import (Project → Rename document) to tell them apart.", o.name(), s.pv.Title)
		}
	}
	return ""
}

// encodingFlag is the command line's advice on an encoding, in a reader's sentence.
var encodingFlag = regexp.MustCompile(`(?:use|try|with) --encoding ([a-z0-9-]+)(?: or ([a-z0-9-]+))?|name its encoding with --encoding`)

// inTheWindow puts a reader's advice to use --encoding in the window's words: the Encoding
// choice above the file. The reader's sentence is English (coding/transcript), and so is
// the advice put in it.
func inTheWindow(msg string) string {
	return encodingFlag.ReplaceAllStringFunc(msg, func(m string) string {
		sub := encodingFlag.FindStringSubmatch(m)
		switch {
		case sub[1] == "":
			return "choose its encoding under Encoding, above" // not shown in the interface's language: part of a reader's English sentence
		case sub[2] == "":
			return "choose " + sub[1] + " under Encoding, above" // not shown in the interface's language: part of a reader's English sentence
		}
		return "choose " + sub[1] + " or " + sub[2] + " under Encoding, above" // not shown in the interface's language: part of a reader's English sentence
	})
}

// importFiles reads the files as a task, then shows their preview; nothing is written until
// the researcher imports from the preview.
func (m *mainWindow) importFiles(paths []string) {
	p := m.p
	var sources []*importSource
	m.runTask(m.win, T("Reading"), plural(len(paths), "file"), func(ctx context.Context, t *taskProgress) error {
		var err error
		sources, err = readSources(ctx, p, paths, t)
		return err
	}, func(err error, cancelled bool) {
		switch {
		case cancelled:
			showInfo(m.win, T("Import"), T("Cancelled: nothing was imported."))
		case err != nil:
			showError(m.win, err)
		default:
			m.showImportPreview(sources)
		}
	})
}

// readSources reads each file and previews it against the project, as the import would read
// it; a file that cannot be read or is refused is kept with its sentence.
func readSources(ctx context.Context, p *store.Project, paths []string, t *taskProgress) ([]*importSource, error) {
	sources := make([]*importSource, 0, len(paths))
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := &importSource{path: path}
		t.Say(T("%s (%d of %d)", s.name(), i+1, len(paths)))
		t.Step(i, len(paths))
		s.load()
		s.read(ctx, p)
		sources = append(sources, s)
	}
	return sources, nil
}

// importPreview is the import's preview: the files on the left, the chosen file's reading
// on the right, where the format and encoding can be switched, a label marked as not a
// speaker and a role chosen; Import writes the files that can be imported.
type importPreview struct {
	m       *mainWindow
	sources []*importSource
	cur     int
	busy    int // re-reads running

	files    *keyedList
	format   *keyedSelect
	encoding *keyedSelect
	summary  *widget.Label
	speakers *keyedList
	rows     []previewSpeakerRow
	first    *widget.Label
	warnings *widget.Label
	sections *widget.Label
	tabs     *container.AppTabs
	footer   *widget.Label
	dlg      *dialog.ConfirmDialog
	content  fyne.CanvasObject
	setting  bool // the selects are being set from the source, not by the researcher
	autoTab  bool // First lines was chosen for a file without speakers, not by the researcher
	changed  bool // the researcher has chosen something: Cancel asks before it is lost
	// roles are the roles chosen for new speakers, for every file of the import: the same
	// label is the same speaker in every document.
	roles map[string]coding.Role
}

// previewSpeakerRow is a row of the speakers tab: a speaker of the file, or a label marked
// as not a speaker (kept in the list so that the mark can be taken back).
type previewSpeakerRow struct {
	coding.PreviewSpeaker
	notSpeaker bool
}

// The format and encoding selects' options: what turncoder detects first (detectOption),
// then each format (by formatLabel) or encoding.
var encodingChoices = []string{"", "utf-8", "gb18030", "utf-16le", "utf-16be"}

// formatLabel is a format as the window names it: turns and prose in words, the others by
// the names the command line's --format takes (csv, srt, zoom, …).
func formatLabel(f string) string {
	switch f {
	case "turns":
		return T("turns")
	case "prose":
		return T("prose")
	}
	return f
}

// formatOptions are the format select's options: detect, then every format.
func formatOptions() []string {
	out := []string{""}
	for _, f := range transcript.Formats {
		out = append(out, formatLabel(f))
	}
	return out
}

// Column widths of the preview's speakers: label, turns, role, not a speaker; then the
// project's word on the speaker.
var previewColumns = columnsLayout{190, 56, 130, 130}

func (m *mainWindow) showImportPreview(sources []*importSource) *importPreview {
	v := newImportPreview(m, sources)
	v.dlg = dialog.NewCustomConfirm(T("Import: check how the files read"), T("Import"), T("Cancel"), v.content, func(ok bool) {
		switch {
		case ok:
			v.importNow()
		case v.changed:
			v.askLeave()
		}
	}, m.win)
	v.dlg.SetConfirmImportance(widget.HighImportance)
	v.update()
	size := m.win.Canvas().Size()
	v.dlg.Resize(fyne.NewSize(min(size.Width-40, 1100), min(size.Height-40, 760)))
	show(m.win, v.dlg, v.confirm)
	return v
}

func newImportPreview(m *mainWindow, sources []*importSource) *importPreview {
	v := &importPreview{m: m, sources: sources, roles: map[string]coding.Role{}}
	for _, s := range sources {
		s.roles = v.roles
		if s.doc != nil {
			s.doc.Roles = v.roles
		}
	}
	v.files = newKeyedList(m.win, func() int { return len(v.sources) },
		func() fyne.CanvasObject {
			name := newFitLabel(nil)
			name.style = fyne.TextStyle{Bold: true}
			state := newFitLabel(theme.Color(theme.ColorNameDisabled))
			return container.NewVBox(name, state)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			s := v.sources[id]
			box.Objects[0].(*fitLabel).SetText(s.name())
			box.Objects[1].(*fitLabel).SetText(s.status())
		})
	v.files.OnSelected = func(id widget.ListItemID) {
		if id != v.cur {
			v.cur = id
			v.update()
		}
	}
	v.format = newKeyedSelect(m.win, formatOptions(), nil)
	v.format.OnChanged = func(f string) { v.choose(func(s *importSource) { s.opt.Format = formatChosen(v.format.Options, f) }) }
	v.encoding = newKeyedSelect(m.win, slices.Clone(encodingChoices), nil)
	v.encoding.OnChanged = func(e string) { v.choose(func(s *importSource) { s.opt.Encoding = choice(v.encoding.Options, e) }) }
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.speakers = newKeyedList(m.win, func() int { return len(v.rows) }, v.newSpeakerRow, v.updateSpeakerRow)
	v.first = wrappedLabel()
	v.warnings = wrappedLabel()
	v.sections = wrappedLabel()
	head := container.New(previewColumns, boldLabel(T("Speaker")),
		widget.NewLabelWithStyle(T("Turns"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), boldLabel(T("Role")), boldLabel(T("Not a speaker")), boldLabel(T("In the project")))
	v.tabs = container.NewAppTabs(
		container.NewTabItem(T("Speakers"), container.NewBorder(head, nil, nil, nil, v.speakers)),
		container.NewTabItem(T("First lines"), container.NewVScroll(v.first)),
		container.NewTabItem(T("Warnings"), container.NewVScroll(v.warnings)),
		container.NewTabItem(T("Sections"), container.NewVScroll(v.sections)),
	)
	choices := container.NewHBox(widget.NewLabel(T("Read as")), container.NewGridWrap(fyne.NewSize(180, v.format.MinSize().Height), v.format),
		widget.NewLabel(T("Encoding")), container.NewGridWrap(fyne.NewSize(180, v.encoding.MinSize().Height), v.encoding))
	detail := container.NewBorder(container.NewVBox(choices, v.summary), nil, nil, nil, v.tabs)
	v.footer = widget.NewLabel("")
	v.footer.Wrapping = fyne.TextWrapWord
	if len(sources) == 1 {
		v.content = container.NewBorder(nil, v.footer, nil, nil, detail)
	} else {
		// The files at a fixed width beside the file shown (a split's divider would only
		// take room from the speakers' table).
		files := container.New(fixedWidth(previewFilesWidth), v.files)
		v.content = container.NewBorder(nil, v.footer, container.NewHBox(files, widget.NewSeparator()), nil, detail)
	}
	v.files.Select(0)
	return v
}

// previewFilesWidth is the width of the preview's list of files.
const previewFilesWidth = 220

// fixedWidth lays its objects out over its whole size and asks for that width (and their
// height).
type fixedWidth float32

func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(f), h)
}

func wrappedLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// choice is the value an option of a select stands for: "" for the first, detect.
func choice(options []string, s string) string {
	if len(options) > 0 && s == options[0] {
		return ""
	}
	return s
}

// formatChosen is the format an option of the format select stands for: "" for detect.
func formatChosen(options []string, s string) string {
	if s = choice(options, s); s == "" {
		return ""
	}
	for _, f := range transcript.Formats {
		if formatLabel(f) == s {
			return f
		}
	}
	return s
}

// detectOption is the first option of a select, what turncoder detects: "detect (prose)"
// once it has.
func detectOption(detected string) string {
	if detected == "" {
		return T("detect")
	}
	return T("detect (%s)", formatLabel(detected))
}

func (v *importPreview) newSpeakerRow() fyne.CanvasObject {
	label := newFitLabel(nil)
	label.Lines = 2 // a long label (an office's title) shows whole, or nearly
	turns := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	role := newKeyedSelect(v.m.win, roleNames(), nil)
	not := newKeyedCheck(v.m.win, "", nil)
	known := newFitLabel(theme.Color(theme.ColorNameDisabled))
	known.Lines = 2
	return container.New(previewColumns, label, turns, role, not, known)
}

func (v *importPreview) updateSpeakerRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.rows) {
		return
	}
	r := v.rows[id]
	row := o.(*fyne.Container)
	row.Objects[0].(*fitLabel).SetText(r.Label)
	turns := row.Objects[1].(*widget.Label)
	role := row.Objects[2].(*keyedSelect)
	not := row.Objects[3].(*keyedCheck)
	known := row.Objects[4].(*fitLabel)
	role.OnChanged, not.OnChanged = nil, nil // set below, once the row shows this speaker
	not.SetChecked(r.notSpeaker)
	if r.notSpeaker {
		turns.SetText("")
		role.Hide()
		known.SetText(T("its lines are text"))
	} else {
		turns.SetText(fmt.Sprint(r.Turns))
		role.SetSelected(roleName(r.Role))
		role.Show()
		switch {
		case r.Of != "":
			known.SetText(T("as %s; its role is set in Speakers", r.Of))
		case r.Known:
			known.SetText(T("yes; its role is set in Speakers"))
		default:
			known.SetText(T("new"))
		}
	}
	// A known speaker keeps the project's role (Project → Speakers changes it); a file that
	// is in the project already, or refused, imports nothing to choose for.
	s := v.sources[v.cur]
	if r.Known || s.pv.Duplicate != "" || !s.readOK() {
		role.Disable()
	} else {
		role.Enable()
	}
	if s.pv.Duplicate != "" || !s.readOK() {
		not.Disable()
	} else {
		not.Enable()
	}
	label := r.Label
	role.OnChanged = func(name string) {
		if r, ok := roleNamed(name); ok {
			v.chooseRole(label, r)
		}
	}
	not.OnChanged = func(on bool) {
		v.choose(func(s *importSource) {
			s.opt.NotSpeakers = slices.DeleteFunc(s.opt.NotSpeakers, func(l string) bool { return l == label })
			if on {
				s.opt.NotSpeakers = append(s.opt.NotSpeakers, label)
			}
		})
	}
}

// letEnterImport gives Enter back to the dialog after a choice: a focused select or check
// takes every key, and Enter, which imports, did nothing after a role was chosen.
func (v *importPreview) letEnterImport() { v.m.win.Canvas().Unfocus() }

// chooseRole sets a new speaker's role for the import, in every file the label speaks in;
// the reading does not change.
func (v *importPreview) chooseRole(label string, role coding.Role) {
	v.letEnterImport()
	v.changed = true
	v.roles[label] = role
	for _, s := range v.sources {
		for i := range s.pv.Speakers {
			if s.pv.Speakers[i].Label == label && !s.pv.Speakers[i].Known {
				s.pv.Speakers[i].Role = role
			}
		}
	}
}

// askLeave asks, after Cancel, whether the choices made in the preview may go; No shows the
// preview again as it was.
func (v *importPreview) askLeave() {
	d := dialog.NewConfirm(T("Leave the import?"), T("Nothing was imported, and the choices made in the preview (formats, roles, labels that are not speakers) will be lost."), func(leave bool) {
		if !leave {
			show(v.m.win, v.dlg, v.confirm)
		}
	}, v.m.win)
	d.SetConfirmText(T("Leave"))
	d.SetDismissText(T("Back to the preview"))
	show(v.m.win, d, d.Confirm)
}

// choose applies a choice to the shown source and reads it again, off the UI goroutine; the
// preview says it reads meanwhile and Import waits.
func (v *importPreview) choose(change func(s *importSource)) {
	if v.setting {
		return
	}
	v.letEnterImport()
	v.changed = true
	s := v.sources[v.cur]
	change(s)
	v.busy++
	v.summary.SetText(T("Reading %s again…", s.name()))
	p := v.m.p
	background(func() { s.read(context.Background(), p) }, func() {
		v.busy--
		v.update()
	})
}

// background runs work off the UI goroutine and then, on it, then (the tests run both in
// place: Fyne's test driver runs fyne.Do at once, on the calling goroutine).
var background = func(work, then func()) {
	go func() {
		work()
		fyne.Do(then)
	}()
}

// update shows the chosen source.
func (v *importPreview) update() {
	s := v.sources[v.cur]
	v.setting = true
	v.format.Options[0] = detectOption(s.detected.format)
	v.encoding.Options[0] = detectOption(s.detected.encoding)
	v.format.SetSelected(orOption(formatLabel(s.opt.Format), v.format.Options[0]))
	v.encoding.SetSelected(orOption(s.opt.Encoding, v.encoding.Options[0]))
	v.setting = false
	pv := s.pv
	v.rows = v.rows[:0]
	for _, sp := range pv.Speakers {
		v.rows = append(v.rows, previewSpeakerRow{PreviewSpeaker: sp})
	}
	for _, l := range s.opt.NotSpeakers {
		v.rows = append(v.rows, previewSpeakerRow{PreviewSpeaker: coding.PreviewSpeaker{Label: l}, notSpeaker: true})
	}
	v.speakers.Refresh()
	v.files.Refresh()
	if pv.Error != "" {
		v.summary.SetText(T("%s: %s. It will not be imported.", s.name(), inTheWindow(pv.Error)))
		v.summary.Importance = widget.DangerImportance
	} else {
		text := previewSentence(pv)
		if s.project {
			text, _, _ = strings.Cut(s.report, "\n") // the report's summary
		}
		text = joinSentences(text, v.sameTitle(s))
		v.summary.SetText(text)
		v.summary.Importance = widget.MediumImportance
		if pv.Duplicate != "" || pv.SameName != "" {
			v.summary.Importance = widget.WarningImportance
		}
	}
	v.summary.Refresh()
	if s.project {
		v.first.SetText(s.report)
		v.tabs.Items[1].Text = T("Report")
		v.tabs.Items[3].Text = T("Documents (%d)", len(pv.Sections))
		v.encoding.Disable() // a project's sources say their own encoding
	} else {
		v.first.SetText(firstLines(pv.First))
		v.tabs.Items[1].Text = T("First lines")
		v.encoding.Enable()
	}
	v.warnings.SetText(warningLines(warningTexts(pv.Warnings, pv.WarningsWhy)))
	v.sections.SetText(strings.Join(pv.Sections, "\n"))
	v.tabs.Items[0].Text = T("Speakers (%d)", len(pv.Speakers))
	v.tabs.Items[2].Text = T("Warnings (%d)", len(pv.Warnings))
	if !s.project {
		v.tabs.Items[3].Text = T("Sections (%d)", len(pv.Sections))
	}
	switch {
	case len(v.rows) == 0 && v.tabs.SelectedIndex() == 0:
		v.tabs.SelectIndex(1) // prose has no speakers: its first paragraphs tell how it reads
		v.autoTab = true
	case len(v.rows) > 0 && v.autoTab && v.tabs.SelectedIndex() == 1:
		v.tabs.SelectIndex(0)
		v.autoTab = false
	}
	v.tabs.Refresh()
	v.footer.SetText(v.footerText())
}

func orOption(s, detect string) string {
	if s == "" {
		return detect
	}
	return s
}

// previewSentence says how a file reads: "call.txt, read as turns (utf-8): 8 sections, 212
// turns, 10 notes, with times.", and that it is in the project already.
func previewSentence(pv coding.ImportPreview) string {
	readAs := formatLabel(pv.Format)
	if pv.Encoding != "" {
		readAs = T("%s (%s)", readAs, pv.Encoding)
	}
	counts := joinList([]string{plural(len(pv.Sections), "section"), units(pv.Turns, pv.Format), plural(pv.Notes, "note")})
	if pv.Timed {
		counts = T("%s, with times", counts)
	}
	s := T("%s, read as %s: %s.", pv.File, readAs, counts)
	if pv.Duplicate != "" {
		s = joinSentences(s, T("It is in the project already as %q and will not be imported again.", pv.Duplicate))
	}
	if pv.SameName != "" { // coding.ImportPreview.SameNameSentence, in the interface's language
		s = joinSentences(s, T("Note: the project has a document %q from a file of this name or title already, with other content (read with other choices?); importing this one makes a second document.", pv.SameName))
	}
	return s
}

// firstLines are a preview's first items as a person reads a transcript.
func firstLines(items []coding.PreviewItem) string {
	var b strings.Builder
	for _, it := range items {
		if it.Start != "" {
			b.WriteString("[" + it.Start + "] ")
		}
		switch {
		case it.Kind == "header":
			b.WriteString("— " + it.Text + " —")
		case it.Kind == "note":
			b.WriteString("(" + it.Text + ")")
		case it.Speaker != "":
			b.WriteString(it.Speaker + ": " + it.Text)
		default:
			b.WriteString(it.Text)
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// previewWarnings bounds the warnings the preview shows; import --dry-run lists every one.
const previewWarnings = 500

// warningTexts are warnings in the interface's language: each its sentence of say (why, one a
// warning, from the reader) where it has one, else as it is.
func warningTexts(ws []string, why []error) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w
		if i < len(why) && why[i] != nil {
			out[i] = errText(why[i])
		}
	}
	return out
}

func warningLines(ws []string) string {
	if len(ws) == 0 {
		return T("No warnings.")
	}
	if len(ws) <= previewWarnings {
		return strings.Join(ws, "\n")
	}
	return strings.Join(ws[:previewWarnings], "\n") + "\n" + T("… and %d more (turncoder import --dry-run lists every one)", len(ws)-previewWarnings)
}

// footerText says what Import will do.
func (v *importPreview) footerText() string {
	n, refused, dup := 0, 0, 0
	for _, s := range v.sources {
		switch {
		case s.importable():
			n++
		case s.pv.Error != "":
			refused++
		default:
			dup++
		}
	}
	out := T("Import writes %s", plural(n, "file"))
	var left []string
	if refused > 0 {
		left = append(left, T("%d refused", refused))
	}
	if dup > 0 {
		left = append(left, T("%d already in the project", dup))
	}
	if len(left) > 0 {
		out = T("%s (%s)", out, joinList(left))
	}
	return T("%s. Nothing is written until then.", out)
}

// confirm is Enter: Import, unless a file is still being read again.
func (v *importPreview) confirm() {
	if v.busy > 0 {
		return
	}
	v.dlg.Confirm()
}

// importNow imports the sources that can be, as a task; the report has a line per file.
func (v *importPreview) importNow() {
	if v.busy > 0 { // a click on Import while a file is read again: show the preview again
		show(v.m.win, v.dlg, v.confirm)
		return
	}
	m := v.m
	p := m.p
	var report []string
	var summary string
	m.runTask(m.win, T("Importing"), plural(len(v.sources), "file"), func(ctx context.Context, t *taskProgress) error {
		report, summary = importSources(ctx, p, v.sources, t)
		return nil // the report says what was imported
	}, func(err error, _ bool) {
		if err := m.reload(); err != nil {
			showError(m.win, err)
		}
		m.showReport(T("Import"), summary+"\n\n"+strings.Join(report, "\n"))
	})
}

// refiImported says what the import of a REFI-QDA project wrote, as store.REFIImport's
// Sentence does for the command line, in the interface's language.
func refiImported(r store.REFIImport) string {
	dup := 0
	for _, d := range r.Documents {
		if d.Duplicate {
			dup++
		}
	}
	return T("imported %s (%d of them already in the project), %s added, %s added and %d changed, %s, %s, %s",
		plural(len(r.Documents)-dup, "document"), dup, plural(r.CodersAdded, "coder"), plural(r.CodesAdded, "code"),
		r.CodesChanged, plural(r.Codings, "coding"), plural(r.Reviewed, "reviewed mark"), plural(r.Memos, "memo"))
}

// importDocument writes s's document as the command line does: read again from its file as
// it is written (transcript.StreamFile, store.ImportStreamOf), once the preview's bytes and
// items are let go, so that importing a large transcript holds no more than its preview did
// (a plain-text transcript of a million turns is written in a few dozen megabytes); a file
// changed since its preview is refused, and nothing is written.
func importDocument(ctx context.Context, p *store.Project, s *importSource, progress store.Progress) (store.ImportResult, error) {
	want, roles := store.DocumentID(s.doc), s.doc.Roles
	s.data, s.doc.Items = nil, nil
	_, res, err := p.ImportStreamOf(ctx, func(yield func(coding.Item) error, restart func() error) (*coding.Document, error) {
		doc, err := transcript.StreamFileAhead(s.path, s.opt, yield, restart)
		if err != nil {
			return nil, err
		}
		doc.Roles = roles
		return doc, nil
	}, s.name(), want, progress)
	return res, err
}

// importSources imports the sources one after the other, each all or nothing, and gives the
// report's lines: one per file, and, when Cancel stopped it, which files were left; summary
// says it in one line ("2 files imported, 1 refused"). The bar runs over all the files.
func importSources(ctx context.Context, p *store.Project, sources []*importSource, t *taskProgress) (report []string, summary string) {
	n := len(sources)
	var imported, already, refused, cancelled int
	for i, s := range sources {
		name := s.name()
		t.Say(T("%s (%d of %d)", name, i+1, n))
		t.Step(i, n)
		var msg string
		switch {
		case s.pv.Error != "":
			msg = T("%s: %s", name, s.pv.Error)
			refused++
		case s.pv.Duplicate != "":
			msg = T("%s: already in the project as %q", name, s.pv.Duplicate)
			already++
		case s.rp != nil:
			res, err := p.ImportREFI(ctx, s.rp, name, func(done, total int) {
				t.Step(i*1000+done*1000/max(total, 1), n*1000)
			})
			switch {
			case err != nil && ctx.Err() != nil:
				msg = T("%s: cancelled; nothing of this project was imported", name)
				cancelled++
			case err != nil:
				msg = T("%s: %s", name, errText(err))
				refused++
			case res.Nothing():
				msg = T("%s: already in the project, with everything in it; nothing was written", name)
				already++
			default:
				msg = T("%s: %s", name, refiImported(res))
				imported++
			}
		default:
			res, err := importDocument(ctx, p, s, func(done, total int) {
				t.Step(i*1000+done*1000/max(total, 1), n*1000)
			})
			switch {
			case err != nil && ctx.Err() != nil:
				msg = T("%s: cancelled; nothing of this file was imported", name)
				cancelled++
			case err != nil:
				msg = T("%s: %s", name, errText(err))
				refused++
			case res.Duplicate:
				msg = T("%s: already in the project as %q", name, res.Title)
				already++
			default:
				msg = T("%s: %s", name, joinList([]string{units(res.Turns, s.doc.Format),
					plural(res.Sections, "section"), plural(res.Notes, "note"), plural(len(s.doc.Warnings), "warning")}))
				if res.SameName != "" { // coding.ImportPreview.SameNameSentence, in the past
					msg = T("%s; note: the project has a document %q from a file of this name or title already, with other content (read with other choices?); this import made a second document", msg, res.SameName)
				}
				imported++
			}
		}
		report = append(report, msg)
		if ctx.Err() != nil {
			if left := n - i - 1; left > 0 {
				report = append(report, T("cancelled: %s after this one not imported", plural(left, "file")))
				cancelled += left
			}
			break
		}
	}
	parts := []string{T("%s imported", plural(imported, "file"))}
	if already > 0 {
		parts = append(parts, T("%d already in the project", already))
	}
	if refused > 0 {
		parts = append(parts, T("%d refused", refused))
	}
	if cancelled > 0 {
		parts = append(parts, T("%d cancelled", cancelled))
	}
	return report, T("%s.", joinList(parts))

}
