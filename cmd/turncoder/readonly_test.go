package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The commands that only show or export a project change nothing in its folder: a file kept in
// SQLite's rollback-journal mode stays in it (an ordinary open turned it into a WAL file), and
// a 0444 file gets no -wal or -shm beside it (issue 14).
func TestReadingCommandsChangeNothing(t *testing.T) {
	src := codedProject(t)
	for _, how := range []string{"rollback journal", "chmod 0444"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "study.turncoder")
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if how == "rollback journal" {
				db, err := sql.Open("sqlite", p)
				if err != nil {
					t.Fatal(err)
				}
				var mode string
				if err := db.QueryRow("PRAGMA journal_mode=DELETE").Scan(&mode); err != nil || mode != "delete" {
					t.Fatalf("journal_mode: %q %v", mode, err)
				}
				db.Close()
			} else {
				os.Chmod(p, 0o444)
			}
			out := t.TempDir()
			before := snapshot(t, dir)
			for _, args := range [][]string{
				{"info", "-p", p}, {"info", "-p", p, "--json"}, {"turns", "-p", p},
				{"agree", "-p", p}, {"agree", "-p", p, "--json"},
				{"export", "-p", p, "-o", filepath.Join(out, "study.xlsx")},
				{"export", "-p", p, "--format", "csv", "-o", filepath.Join(out, "csv")},
				{"codings", "export", "-p", p}, {"coders", "-p", p}, {"speakers", "-p", p},
				{"codebook", "-p", p}, {"codebook", "-p", p, "--export", filepath.Join(out, "codes.qdc")},
			} {
				mustRun(t, args...)
				if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
					t.Fatalf("turncoder %v changed the project's folder:\nbefore %v\nafter  %v", args, before, after)
				}
			}
			// A command that writes still writes, and says so.
			os.Chmod(p, 0o644)
			mustRun(t, "coders", "-p", p, "--add", "cai")
			if r := mustRun(t, "coders", "-p", p); !reflect.DeepEqual(r.stdout, "ana\nbo\ncai\n") {
				t.Errorf("coders after --add: %q", r.stdout)
			}
		})
	}
}
