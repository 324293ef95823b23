package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"
)

// cliCtx is the context every command-line command runs in. main makes it end on Ctrl+C
// (SIGINT), SIGTERM (a logout, a shutdown, a kill) or SIGHUP (its terminal closed), so that the work under way stops, its
// transaction rolls back, and the command's deferred Close checkpoints the project: no -wal
// is left beside it, and the file alone holds everything. The GUI handles these signals
// itself.
var cliCtx = context.Background()

// interrupted says a signal ended the command.
var interrupted atomic.Bool

// forceAfter is how long a command has to stop after the signal before it is ended anyway (a
// second signal ends it at once). Nothing committed is lost then, but a -wal may stay.
const forceAfter = 10 * time.Second

// catchSignals sets cliCtx up to be cancelled by SIGINT, SIGTERM or SIGHUP.
func catchSignals() {
	ctx, cancel := context.WithCancel(context.Background())
	cliCtx = ctx
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-sigs
		interrupted.Store(true)
		cancel()
		select {
		case <-sigs:
		case <-time.After(forceAfter):
		}
		fmt.Fprintln(os.Stderr, "turncoder: interrupted; it did not stop in time and was ended (nothing it had committed is lost)")
		os.Exit(130)
	}()
}
