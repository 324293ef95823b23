package main

import (
	"bufio"
	"io"

	"github.com/turncoder/turncoder/coding"
)

// table prints rows as columns that line up on a terminal: a cell is padded to its column's
// width by display width (coding.TextWidth), so a Chinese label, two columns a character,
// keeps the next column in line, which text/tabwriter, counting characters, does not. Two
// spaces at least separate the columns, and no line ends in spaces.
type table struct {
	// right aligns every column to the right, each cell after two spaces at least (tables of
	// figures). Otherwise cells are aligned to the left and the last cell of each row is not a
	// column: it runs on as it is (a definition, a turn's text).
	right bool
	rows  [][]string
}

// gap is the least space between two columns.
const gap = 2

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// write writes the table to w.
func (t *table) write(w io.Writer) error {
	var widths []int
	cellWidths := make([][]int, len(t.rows))
	for i, row := range t.rows {
		cellWidths[i] = make([]int, len(row))
		for j, c := range row {
			cellWidths[i][j] = coding.TextWidth(c)
			if !t.right && j == len(row)-1 {
				break
			}
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], cellWidths[i][j])
		}
	}
	out := bufio.NewWriter(w)
	var line []byte
	for i, row := range t.rows {
		line = line[:0]
		for j, c := range row {
			switch {
			case t.right:
				line = append(appendSpaces(line, widths[j]+gap-cellWidths[i][j]), c...)
			case j < len(row)-1:
				line = appendSpaces(append(line, c...), widths[j]+gap-cellWidths[i][j])
			default:
				line = append(line, c...)
			}
		}
		for len(line) > 0 && line[len(line)-1] == ' ' {
			line = line[:len(line)-1]
		}
		out.Write(append(line, '\n'))
	}
	return out.Flush()
}

func appendSpaces(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}
