// Package report exports a coding project's reliability data and agreement figures: an Excel
// workbook (WriteWorkbook) that a researcher pastes into a paper and loads into R, Stata or
// SPSS, and two CSV files (WriteCSV).
//
// # The workbook
//
// The sheets, in the order of SheetNames: Summary (project, scope, coders, codebook
// fingerprint, what each statistic means and how missing data was handled, the reasons for
// undefined values), Agreement by code, Overall, Pairwise, Confusion, Disagreements (ready to
// print for a reconciliation meeting), Coding matrix (one row per unit, a 0/1 column per coder
// and code), Codings (the long table, one row per code given), Codebook, Frequencies (with
// a chart of codes by speaker) and Consensus (each unit the lead settled: every coder's codes,
// the decision and its note); then the analysis sheets (AnalysisSheetNames), Codes by speaker,
// Codes by document and Co-occurrence, which coding/analysis counts.
//
// The Summary gives the methods paragraph too (MethodsParagraph), in the workbook's language. A
// reference coder (Options.Reference) adds two sheets after these (after the analysis sheets
// too), whose names and order stay as they are: Reference (each coder's agreement with the reference per code and over all
// codes) and Reference differences (each turn on which a coder's codes differ from the
// reference's).
//
// The consensus layer, when the project has one (Input.Consensus), also adds a Consensus and
// a Note column to Disagreements, "consensus: code" columns to the Coding matrix, and tables
// of the final coding (the consensus layer by speaker, role and document) to Frequencies. It
// never enters the agreement figures.
//
// The workbook speaks English, Simplified or Traditional Chinese (Options.Lang): its headers,
// titles, labels, notes and the explanations of the statistics, the agreement engine's
// conventions, notes and reasons included, come from one table of texts (texts.go). The sheet
// names stay in English in every language (scripts read them by name), as do the project's
// codes, coders, speakers and text, the numbers and the word "undefined".
//
// Conventions every sheet follows:
//
//   - Row 1 is the header (Frequencies: row 1 titles its tables, row 2 is the header); it is
//     frozen and carries an autofilter.
//   - Numbers are numeric cells: counts and turn numbers as integers, statistics as floats with
//     the format 0.000 (percent agreement, a proportion, with 0.0%), times as Excel date-times
//     in UTC with the format yyyy-mm-dd hh:mm:ss. A statistic's cell holds exactly the
//     engine's float64, not a rounded copy.
//   - An undefined statistic is the text "undefined" (grey italic) with a comment giving the
//     reason; it is never 0 or an empty cell, so it cannot be mistaken for a value on screen or
//     on paper, and Excel's AVERAGE, SUM and charts skip it. R's readxl reads such a column as
//     text unless told na = "undefined"; the Summary says so.
//   - Krippendorff's α and the κ statistics are filled by Krippendorff's (2004) guide, judged
//     on the value as displayed (three decimals): ≥ .800 light green, ≥ .667 light amber, below
//     light red; the text stays black, so a printout in grey is still readable.
//   - Column widths are estimated from the content (CJK characters count as two); text columns
//     are capped at 60 characters and wrap (the Summary's prose column at 90), and turns always
//     wrap. A row whose wrapped text needs several lines gets a height estimated from it:
//     LibreOffice does not fit rows to wrapped text when it opens a file, and Excel does not
//     always.
//   - Transcript text, names and codes are always text cells, never formulas: a turn that
//     begins with "=", "+", "-" or "@" is written as an inline or shared string, and reads back
//     literally. Excel holds at most 32,767 characters in a cell; a longer turn is cut there.
//
// The sheets that grow with the data (Disagreements, Coding matrix, Codings) are streamed:
// their rows go to temporary files as they are written and straight into the zip, so memory
// stays bounded. Past Options.MaxRows rows (header included) such a sheet continues in
// "Codings (2)", "Codings (3)", … right after it, each part with its header. The other sheets
// are bounded by the codebook and the number of coders and are never split.
//
// Memory: an export holds the units (their text included), an index of the codes given (12
// bytes each, and 4 per unit × coder) and the agreement report; the streamed sheets' rows are
// written as SpreadsheetML by this package (rows.go: excelize's per-cell writer was most of the
// time of a large export) and wait in temporary files in os.TempDir until the zip takes them. The judgements are not
// needed once indexed: Prepare drops them, and a Builder never holds them. The zip goes
// straight to w, compressed with deflate's fastest level, without a copy of the file in memory.
// A million codings over a third of a million turns take about 180 MB; see MemoryLimit.
//
// # Data
//
// The Codings, Coding matrix and Frequencies sheets and the CSV files read Input.Data the way
// the agreement engine does (agreement.FromReliability): judgements on units or coders outside
// the data are ignored; a judgement whose code is not one of Data.Codes records only the
// review; a coder who reviewed a unit and gave no code has one row with an empty code (a
// review judgement next to real codes adds no row); a code given twice counts once, with the
// latest time. Rows follow the units' order, then the coders', then the codebook's.
package report

import (
	"context"
	"io"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/agreement"
)

// Input is everything an export shows. The caller gathers it (store.Reliability, agreement.Compute).
type Input struct {
	Project    string // project file name
	ExportedAt time.Time
	Scope      string             // the scope in words ("whole project; turns in the coding scope")
	Codebook   []coding.Code      // the whole codebook (the Codebook sheet and the fingerprint)
	Data       coding.Reliability // units, coders, codes and judgements in scope
	Agreement  agreement.Report   // computed on Data
	Consensus  Consensus          // the adjudicated layer; nil when the project has none
	// Blind: the coders coded in coder copies of their own, blind to one another's codes
	// (store.CodedInCopies); the Summary's methods paragraph says so.
	Blind bool

	prepared *model // set by Prepare: the index of Data, whose judgements are then dropped
}

// Prepare indexes in.Data for export and computes in.Agreement on it with opt, then drops
// in.Data.Judgements: the index keeps what the sheets need in 12 bytes per code given instead
// of a judgement's 72, and the agreement engine reads the index too, so that a project of a
// million codings is never held twice. Use it when in is built for one export (as
// store.ExportInput does); WriteWorkbook and WriteCSV then use the index. An Input written
// without Prepare is indexed by each write, with its Agreement as given.
func Prepare(in *Input, opt agreement.Options) error {
	m, err := newModel(&in.Data)
	if err != nil {
		return err
	}
	in.Data.Judgements = nil
	in.prepared = m
	in.Agreement = agreement.Compute(m.agreementData(), opt)
	return nil
}

// model returns in's index: the one Prepare made, or a new one.
func (in *Input) model() (*model, error) {
	if in.prepared != nil {
		return in.prepared, nil
	}
	return newModel(&in.Data)
}

// Consensus is the adjudicated layer (the coder marked as consensus, never counted in the
// agreement figures): the decision on each settled unit, by Unit.TurnID. A unit that is not
// in the map was not settled.
type Consensus map[string]Decision

// Decision is what the lead settled a unit to.
type Decision struct {
	Codes []string  // code names; none: settled as "no code". Codes outside Data.Codes are not shown.
	Note  string    // the note kept with the decision
	Time  time.Time // when it was last changed
}

// Options tune a workbook export.
type Options struct {
	MaxRows int // rows per sheet before it continues in "Name (2)"; 0 means Excel's 1,048,576 (tests inject a small one)

	// Lang is the workbook's language: one of Languages, or a tag MatchLanguage takes; "" is
	// English. It gives the headers, titles, labels and notes; sheet names, the project's
	// names and text, the numbers and the word "undefined" are the same in every language.
	Lang string

	// Reference, when set, names the reference coder each coder is compared with (a coder of
	// Data, or ConsensusReference for the consensus layer): the workbook then ends with the
	// sheets of ReferenceSheetNames, after those of SheetNames. A reference the data does not
	// have, one who reviewed nothing, and the consensus layer before anything was adjudicated
	// are errors in one sentence, and nothing is written.
	Reference string
}

// MemoryLimit is the heap an export aims to stay within, as Go's soft memory limit (which
// `turncoder export` sets unless GOMEMLIMIT is set): a million codings' index and their turns
// take about 180 MB, and without a limit Go's collector lets the heap grow to twice what is
// live. A larger project takes longer rather than more memory, until what is live exceeds the
// limit; past it, `turncoder export` keeps the limit a little above what is live.
const MemoryLimit = 220 << 20

// ExcelMaxRows is the number of rows an Excel worksheet holds, the default of Options.MaxRows.
const ExcelMaxRows = 1_048_576

// SheetNames lists the workbook's sheets in order (for tests and the GUI). The first eleven,
// Summary to Consensus, are the workbook's first sheets, whose names and order never change;
// sheets are only added after them: the analysis sheets (AnalysisSheetNames).
var SheetNames = []string{"Summary", "Agreement by code", "Overall", "Pairwise", "Confusion", "Disagreements", "Coding matrix", "Codings", "Codebook", "Frequencies", "Consensus",
	"Codes by speaker", "Codes by document", "Co-occurrence"}

// AnalysisSheetNames are the last sheets of SheetNames, the tables of coding/analysis (counted
// there, as the Analysis window and `turncoder analyse` count them) of the final coding, the
// consensus layer, once it has settled a unit in scope, else of all coders: Codes by speaker
// and Codes by document (the counts with their totals, the row and the column percentages,
// side by side) and Co-occurrence (the turns in which one coder gave both codes).
var AnalysisSheetNames = SheetNames[len(SheetNames)-3:]

// ReferenceSheetNames are the sheets a comparison with a reference coder (Options.Reference)
// adds after those of SheetNames (the analysis sheets included), which keep their names and
// order: Reference (each coder's
// figures per code and overall) and Reference differences (each turn on which a coder's codes
// differ from the reference's, which continues in "Reference differences (2)" past
// Options.MaxRows).
var ReferenceSheetNames = []string{"Reference", "Reference differences"}

// WriteWorkbook writes the .xlsx to w, in the language opt.Lang (a language it does not have
// is an error, and nothing is written). Long work: it checks ctx between rows (a cancelled ctx returns ctx.Err()) and reports progress (done, total rows written across sheets; may be nil).
//
// MaxRows counts the header row, as Excel's limit does; values below 2 other than 0 are taken
// as 2 (a header and one row). On error, what was written to w is not a workbook: the caller
// discards it.
func WriteWorkbook(ctx context.Context, w io.Writer, in Input, opt Options, progress func(done, total int)) error {
	return writeWorkbook(ctx, w, &in, opt, progress)
}
