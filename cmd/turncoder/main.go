// Command turncoder codes conversation transcripts turn by turn, measures how well independent
// coders agree, and exports the tables. With no arguments it opens the GUI on the demo project.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/turncoder/turncoder/store"
)

var commands = map[string]func(args []string) error{
	"gui":        cmdGUI,
	"init":       cmdInit,
	"import":     cmdImport,
	"info":       cmdInfo,
	"turns":      cmdTurns,
	"speakers":   cmdSpeakers,
	"segment":    cmdSegment,
	"coders":     cmdCoders,
	"codings":    cmdCodings,
	"agree":      cmdAgree,
	"analyse":    cmdAnalyse,
	"export":     cmdExport,
	"copy":       cmdCopy,
	"merge":      cmdMerge,
	"backup":     cmdBackup,
	"send":       cmdSend,
	"team":       cmdTeam,
	"codebook":   cmdCodebook,
	"adjudicate": cmdAdjudicate,
	"version":    cmdVersion,
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		args = []string{"gui"}
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			os.Exit(exitCode(commandHelp(args[1])))
		}
		fmt.Print(usage)
		return
	}
	if strings.EqualFold(filepath.Ext(args[0]), store.Extension) {
		// turncoder FILE.turncoder: what a double-click or a file association runs
		args = append([]string{"gui"}, args...)
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "turncoder: unknown command %q\n\n%s", args[0], usage)
		os.Exit(2)
	}
	if args[0] != "gui" {
		catchSignals()
	}
	os.Exit(exitCode(cmd(args[1:])))
}

const usage = `usage:
  turncoder                          open the GUI on the default project (the demo, on first run)
  turncoder gui [FILE]               open the GUI on a project file
  turncoder FILE.turncoder           the same (what a double-click on a project file runs)
  turncoder init FILE [--demo]       create an empty project with the default codebook (--demo: the demo project)
  turncoder import -p FILE [--format F] [--encoding E] [--not-speaker LABEL] [--role LABEL=ROLE] SOURCE...
  turncoder import [-p FILE] --dry-run [--json] SOURCE...   what an import would bring (format, speakers, first lines, warnings); writes nothing
  turncoder import -p FILE [--dry-run] PROJECT.qdpx   a REFI-QDA project from ATLAS.ti, MAXQDA, NVivo, QualCoder: documents, coders, codebook, codings, memos; prints what was left out
  turncoder info -p FILE [--json]    counts of documents, sections, turns, notes, speakers, codes, coders, codings
  turncoder turns -p FILE [--doc DOC] [--json]
  turncoder speakers -p FILE [--set-role LABEL=ROLE] [--alias LABEL=CANONICAL] [--rename OLD=NEW]
  turncoder segment -p FILE --doc DOC (--join N | --split N --at OFFSET | --speaker N=LABEL | --note N)   correct the turns before anyone codes
  turncoder coders -p FILE [--add NAME]
  turncoder codings import -p FILE CSV   header document,turn,coder,code
  turncoder codings export -p FILE [-o OUT.csv]
  turncoder agree -p FILE [--doc DOC] [--section S] [--role ROLE] [--codes a,b] [--coders x,y] [--json]
  turncoder agree -p FILE --reference CODER|consensus [--lang L] [--json]   each coder compared with a reference (a coder, or the consensus layer): per code and over all codes, and each coder's misses and extra codes turn by turn
  turncoder agree -p FILE --methods [--lang en|zh-Hans|zh-Hant] [--json]   the paragraph for a paper's methods section, the one the workbook's Summary gives
  turncoder agree --csv FILE [--reference CODER] [--methods] [--json]   a reliability calculator for data from anywhere (header unit,coder,code)
  turncoder analyse -p FILE --matrix speaker|role|document|section [--json|--csv [-o OUT.csv]]   codes × speakers (roles, documents, sections): counts, totals, percentages
  turncoder analyse -p FILE --cooccur [--window N] [--json|--csv [-o OUT.csv]]   codes × codes: the turns in which one coder gave both (within N turns)
  turncoder analyse -p FILE --retrieve CODE [--and CODE] [--not CODE] [--context K] [--search TEXT] [--json|--csv [-o OUT.csv]]   the turns with a code
  turncoder analyse -p FILE --chart speaker|section -o OUT.svg   a bar chart of the codes by speaker or by section
      analyse also takes --coder NAME|all|consensus (default: the consensus layer once it has decisions, else all) and --doc --section --role --codes
  turncoder export -p FILE -o OUT.xlsx [--lang en|zh-Hans|zh-Hant] [--reference CODER|consensus] [--doc DOC] [--section S] [--role ROLE] [--codes ...] [--coders ...]
  turncoder export -p FILE --format csv -o OUTDIR
  turncoder export -p FILE --format qdpx -o OUT.qdpx   the whole project as a REFI-QDA project for ATLAS.ti, MAXQDA, NVivo, QualCoder
  turncoder copy -p FILE --coder NAME -o OUT      a coder copy (repeat --coder for several; OUT is then a folder)
  turncoder merge -p FILE [--dry-run] [--all-coders] SOURCE...   merge coder files into FILE; prints the report
  turncoder backup -p FILE -o OUT                 a consistent copy while the app may be open
  turncoder send -p FILE -o DIR [--coder NAME]    the file to send the lead: whole, named <project>-<coder>-<yyyymmdd-hhmm>
  turncoder team -p FILE [--folder DIR|--off] [--sync] [--dry-run]   a team folder a sync service keeps: coders publish, the lead merges
  turncoder codebook -p FILE [--export OUT] [--import IN]   the codebook as REFI-QDA .qdc or .csv
  turncoder version                  the version, commit and date of this build
  turncoder help COMMAND             a command's usage (and the flags of agree and export)
  turncoder adjudicate -p FILE --auto-agreed [--doc DOC] [--role ROLE] ...   agreed units into the consensus layer
`
