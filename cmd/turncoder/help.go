package main

import (
	"fmt"
	"os"
	"strings"
)

// flagHelp are the commands whose flags `turncoder help COMMAND` lists (with the command's -h):
// those whose flags are many and whose uses the usage lines only sketch.
var flagHelp = map[string]bool{"agree": true, "export": true}

// commandHelp prints the usage lines of the command name and, for those of flagHelp, each of
// its flags; an unknown command is a usage error.
func commandHelp(name string) error {
	if _, ok := commands[name]; !ok {
		return usagef("there is no command %q: turncoder help lists them", name)
	}
	fmt.Println("usage:")
	for _, line := range strings.Split(usage, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "turncoder" && f[1] == name {
			fmt.Println(line)
		}
	}
	if !flagHelp[name] {
		return nil
	}
	fmt.Println("\nflags:")
	os.Stdout.Sync()
	return commands[name]([]string{"-h"})
}
