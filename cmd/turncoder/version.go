package main

import (
	"fmt"

	"github.com/turncoder/turncoder/coding/version"
)

// cmdVersion: turncoder version prints the version, the commit and the date of the build, as
// Help → About says them.
func cmdVersion(args []string) error {
	fs := newFlags("version")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Println("turncoder " + version.Build().String())
	return nil
}
