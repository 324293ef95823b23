// Package analysis answers the questions a researcher asks of a coded project once the coding
// is done — which speakers get which codes, in which documents and sections, which codes come
// together, and where each code is — for the Analysis window, `turncoder analyse` and the
// workbook's analysis sheets, which are all built from it. It is pure: the caller (store's
// Project.AnalysisInput, or the workbook from its own index) gathers an Input, New indexes it,
// and Data's methods compute the tables.
//
// # Whose codings
//
// An Input holds the codings of one of (Who):
//   - one coder;
//   - the consensus layer, the final coding the lead settled (store resolves the zero Who to it
//     once the layer has decisions in scope);
//   - all coders (the coders of the scope, never the consensus layer).
//
// # What is counted
//
// A coding is one code given to one turn by one coder (the same code given twice by the same
// coder to the same turn is one coding). Every table states what it counts:
//
//   - Matrix counts codings: a cell is the number of (turn, coder) pairs in which the coder gave
//     the code to a turn of the column. For one coder or the consensus layer that is the number
//     of turns given the code. For all coders a turn that three coders gave the code counts
//     three times, once per coder, as the workbook's Frequencies sheet counts (so that the
//     table weighs each coder's judgement alike); the cell's turns (Matrix.Turns) list each turn
//     once. Row and column totals are sums of the cells; a row share is a cell over its code's
//     total, a column share a cell over its column's total (the column's codings, so the column
//     shares of a column add up to 1), undefined when the total is 0.
//   - Cooccurrence counts turns. With a window of 0, cell (A, B) is the number of turns to
//     which one coder gave both A and B; with a window of N > 0, the number of turns that hold
//     one of the two codes while the same coder gave the other to a turn at most N turns away
//     (by the turns' numbers) in the same document and section. The matrix is symmetric and
//     its diagonal is the number of turns given the code. For one coder or the consensus layer,
//     "one coder" is that coder; for all coders, a co-occurrence is always within one coder's
//     coding, never one coder's A beside another's B.
//   - Retrieve finds turns: a turn is retrieved when one coder's codes on it satisfy the query
//     (every required code, none of the excluded ones); the hit names the coders whose codes
//     do. So Retrieve(A and B) finds exactly the turns that Cooccurrence(0) counts in (A, B).
//
// Turns out of scope (an interviewer's question when only respondents are analysed) can be in
// the Input too: they are never counted, and are shown only as the context of a retrieved turn.
// A window and a context never cross a document's or a section's edge (in the demo each section
// is one telephone call).
//
// # Speed
//
// New sorts the codings into turns with a counting sort and keeps each as 8 bytes (coder and
// code); the tables then index slices by small integers, with no map in the loops over
// codings: a Matrix over a million codings takes a few milliseconds after New.
package analysis
