package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/codebook"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/store"
)

// codebookFormat tells the codebook file format from its extension: .qdc (REFI-QDA, read and
// written by ATLAS.ti, MAXQDA, NVivo and QualCoder) or .csv.
func codebookFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdc":
		return "qdc", nil
	case ".csv":
		return "csv", nil
	}
	return "", usagef("a codebook file ends in .qdc (REFI-QDA) or .csv, not %q", filepath.Base(path))
}

func cmdCodebook(args []string) error {
	fs := newFlags("codebook")
	project := projectFlag(fs)
	export := fs.String("export", "", "write the codebook to this .qdc or .csv file")
	imp := fs.String("import", "", "add or update codes from this .qdc or .csv file")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	p, err := openReading("codebook", *project, *imp != "")
	if err != nil {
		return err
	}
	defer p.Close()
	ctx := cliCtx
	if *imp != "" {
		// Another program's project is named for what it is, before its extension is refused;
		// a REFI-QDA project is imported whole by import.
		if what := qdpxKind(*imp); what != "" {
			return fmt.Errorf("%s: it is %s, not a codebook; import the whole project with turncoder import, or export its codebook as a .qdc from the program that made it; the codebook was not changed", *imp, what)
		}
		if err := transcript.ProjectFile(*imp); err != nil {
			return fmt.Errorf("%s: %w; the codebook was not changed", *imp, err)
		}
		format, err := codebookFormat(*imp)
		if err != nil {
			return err
		}
		var book codebook.Book
		if format == "qdc" {
			var data []byte
			if data, err = transcript.ReadFileLimit(*imp, codebook.MaxInput, "a codebook"); err == nil {
				book, err = codebook.ReadQDCBook(bytes.NewReader(data))
			}
		} else {
			var text io.Reader
			if text, err = tableText(*imp, codebook.MaxInput, "a codebook"); err == nil {
				book, err = codebook.ReadCSVBook(text)
			}
			if err == nil {
				err = codebook.AssignIDs(book.Codes, store.NewCodeID) // rows without an id are new codes
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w; the codebook was not changed", *imp, err)
		}
		for _, w := range book.Warnings {
			fmt.Fprintf(os.Stderr, "%s: %s\n", *imp, w)
		}
		added, changed, err := p.ImportBook(ctx, book, filepath.Base(*imp))
		if err != nil {
			return fmt.Errorf("%s: %w; the codebook was not changed", *imp, err)
		}
		fmt.Fprintf(os.Stderr, "%s: %d codes added, %d changed\n", *imp, added, changed)
	}
	codes, err := p.Codes(ctx)
	if err != nil {
		return err
	}
	if *export != "" {
		format, err := codebookFormat(*export)
		if err != nil {
			return err
		}
		kind := safefile.CSV
		if format == "qdc" {
			kind = safefile.Codebook
		}
		return safefile.WriteChecked(*export, kind, *project, func(f *os.File) error {
			if format == "qdc" {
				return codebook.WriteQDC(f, codes)
			}
			return codebook.WriteCSV(f, codes)
		})
	}
	if *imp == "" {
		return printCodebook(os.Stdout, codes)
	}
	return nil
}

func printCodebook(w io.Writer, codes []coding.Code) error {
	names := map[string]string{}
	for _, c := range codes {
		names[c.ID] = c.Name
	}
	t := table{}
	t.row("key", "code", "中文", "parent", "colour", "definition")
	for _, c := range codes {
		def := []rune(c.Definition)
		if len(def) > 60 {
			def = append(def[:60], '…')
		}
		t.row(c.Shortcut, c.Name, c.NameZH, names[c.ParentID], c.Colour, string(def))
	}
	if err := t.write(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nfingerprint %s\n", coding.Fingerprint(codes))
	return err
}
