package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/turncoder/turncoder/store"
)

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// exitCode prints err as one sentence on stderr and gives the exit status: 0, 1 for a
// failure, 2 for bad usage.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if interrupted.Load() {
		fmt.Fprintln(os.Stderr, "turncoder: interrupted; the project file is closed and whole, and what the command had not finished was not written")
		return 130
	}
	fmt.Fprintln(os.Stderr, "turncoder:", err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags that may stand before, between or after the positional arguments, and
// returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(os.Stdout)
				fs.PrintDefaults()
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// projectFlag adds -p/--project.
func projectFlag(fs *flag.FlagSet) *string {
	p := fs.String("p", "", "project file")
	fs.StringVar(p, "project", "", "project file")
	return p
}

// openProject opens the project named by -p, which is required.
func openProject(cmd, path string) (*store.Project, error) {
	if path == "" {
		return nil, usagef("%s needs a project file: -p FILE", cmd)
	}
	return store.Open(path)
}

// openReading opens the project for a command that only reads it (when write is false), so that
// showing or exporting a project changes nothing in its folder; otherwise as openProject.
func openReading(cmd, path string, write bool) (*store.Project, error) {
	if write {
		return openProject(cmd, path)
	}
	if path == "" {
		return nil, usagef("%s needs a project file: -p FILE", cmd)
	}
	return store.OpenReadOnly(path)
}

func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// splitPair splits "LABEL=VALUE" at its last "=" (labels may hold "=" but roles and
// canonical labels are usually plain).
func splitPair(flagName, v string) (string, string, error) {
	i := strings.LastIndex(v, "=")
	if i <= 0 || i == len(v)-1 {
		return "", "", usagef("%s takes LABEL=VALUE, not %q", flagName, v)
	}
	return strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+1:]), nil
}
