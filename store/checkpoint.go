package store

import (
	"database/sql"
	"sync"
	"time"
)

// The project file alone holds every saved change within a second of its commit.
//
// Commits go to the -wal beside the file (WAL keeps a coding's commit to one fsync, which the
// 10 ms keypress target needs, and lets the window read while it writes). But the file is what
// people send: attached to an e-mail, copied to a shared drive, uploaded by a sync service
// while the app is open, and those copy the .turncoder alone. So after every write the
// checkpointer copies the -wal's pages into the file (PRAGMA wal_checkpoint(PASSIVE), which
// fsyncs it and never blocks a writer or a reader), within checkpointQuiet of the last write and
// at most checkpointMaxDelay after the first one of a burst, and again until the -wal is all in
// the file (a reader in the middle of a query can hold back its newest pages for a moment).
// A rollback journal would also keep the file whole, at three fsyncs a commit and with readers
// blocking the writer; a checkpoint per commit would put the checkpoint's fsync in the
// keypress. A copy taken while the checkpoint writes is caught by the content digest
// (digest.go).
const (
	checkpointQuiet    = 100 * time.Millisecond
	checkpointMaxDelay = 400 * time.Millisecond
	checkpointRetry    = 50 * time.Millisecond
)

type checkpointer struct {
	db   *sql.DB
	kick chan struct{} // a write was committed
	stop chan struct{} // Close: end the loop
	done chan struct{} // the loop has ended
	once sync.Once
}

func newCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c
}

// written tells the checkpointer a write was committed. It never blocks. (A project opened
// for a private copy has none: nil.)
func (c *checkpointer) written() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// close ends the loop; the caller checkpoints and closes the database.
func (c *checkpointer) close() {
	if c == nil {
		return
	}
	c.once.Do(func() { close(c.stop) })
	<-c.done
}

func (c *checkpointer) loop() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		first := time.Now()
		quiet := time.NewTimer(checkpointQuiet)
	burst:
		for {
			select {
			case <-c.stop:
				quiet.Stop()
				return
			case <-c.kick:
				if wait := min(checkpointQuiet, checkpointMaxDelay-time.Since(first)); wait > 0 {
					quiet.Reset(wait)
				}
			case <-quiet.C:
				break burst
			}
		}
		for !c.backfill() {
			select {
			case <-c.stop:
				return
			case <-time.After(checkpointRetry):
			}
		}
	}
}

// backfill copies the -wal into the file as far as it can, and tells whether all of it is there
// (a failure counts as done: the next write tries again, and Close checkpoints in any case).
func (c *checkpointer) backfill() bool {
	var busy, log, done int
	if err := c.db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done); err != nil {
		return true
	}
	return log <= done
}
