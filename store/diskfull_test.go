//go:build linux

package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/turncoder/turncoder/coding"
)

// A full disk and a read-only file. Each case runs in a child process (this test binary,
// running TestDiskChild), because what makes the disk full or the file read-only must not
// touch the test process itself:
//   - "file size limit": RLIMIT_FSIZE, so writes past a size fail with EFBIG (Go ignores
//     SIGXFSZ, so the write fails rather than the process). Works unprivileged.
//   - "full tmpfs": a 2 MiB tmpfs, mounted in a new user and mount namespace (unprivileged
//     where the kernel allows user namespaces; skipped where not), filled up, so writes fail
//     with ENOSPC as on a real full disk.
//   - "read-only mount": the project's folder bind-mounted read-only in such a namespace
//     (EROFS), which stops root too.
//   - "chmod 0444": the file made read-only in a folder that is not; as root the child runs as
//     nobody, since permissions do not stop root.
//
// Full disk: the child opens the project, codes a few turns, records every table, fills the
// disk and tries an import or a coding write. It prints the error, frees the space, checks that
// its open project still shows the data as it was, and copies the files (database, -wal, -shm)
// out for the parent, which opens them as the app would and checks that they pass
// integrity_check with exactly the data recorded before. Then the child tries the write again
// on the same open project, which must now succeed: a full disk must not leave the app stuck.
//
// Read-only: the file is read-only before the child opens it. Opening may be refused, or the
// write fails; either way with one sentence saying so, and not a byte of the file changes.

// diskProject makes a closed project with the base document and coders ana and bo.
func diskProject(t *testing.T, dir string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "study"+Extension)
	p, err := Create(path, shareCodebook)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Import(ctx, crashDoc("base", crashBaseTurns), "base.txt", nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"ana", "bo"} {
		if err := p.AddCoder(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// diskOp is the write a case tries: an import of a document of 600 turns, or a coding write.
func diskOp(p *Project, op string, turn string) error {
	ctx := context.Background()
	switch op {
	case "import":
		_, err := p.Import(ctx, crashDoc("new call", 600), "new call.txt", nil)
		return err
	case "code":
		return p.SetState(ctx, "bo", turn, coding.TurnState{Reviewed: true, Codes: []string{"c-adm", "c-def"}}, "code")
	}
	panic(op)
}

// TestDiskChild is the child process of TestDiskFull and TestReadOnly; on its own it does
// nothing.
func TestDiskChild(t *testing.T) {
	if os.Getenv("TURNCODER_DISK_CHILD") != "1" {
		t.Skip("the child process of TestDiskFull and TestReadOnly")
	}
	say := func(format string, a ...any) { fmt.Printf(format+"\n", a...) }
	die := func(format string, a ...any) {
		say("fail: "+format, a...)
		os.Exit(0)
	}
	how, op := os.Getenv("TURNCODER_DISK_HOW"), os.Getenv("TURNCODER_DISK_OP")
	path, out := os.Getenv("TURNCODER_DISK_FILE"), os.Getenv("TURNCODER_DISK_OUT")
	ctx := context.Background()
	if how == "full tmpfs" || how == "read-only mount" {
		// Our mounts stay in our namespace, whatever the propagation of the parent's.
		if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
			say("skip: cannot make the mounts private: %v", err)
			return
		}
	}
	if how == "full tmpfs" {
		disk := filepath.Join(filepath.Dir(path), "disk")
		if err := os.Mkdir(disk, 0o755); err != nil {
			die("%v", err)
		}
		if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, "size=2m"); err != nil {
			say("skip: cannot mount a tmpfs: %v", err)
			return
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if data, err := os.ReadFile(path + suffix); err == nil {
				if err := os.WriteFile(filepath.Join(disk, "study"+Extension+suffix), data, 0o644); err != nil {
					die("%v", err)
				}
			}
		}
		path = filepath.Join(disk, "study"+Extension)
	}
	if how == "read-only mount" {
		dir := filepath.Dir(path)
		if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
			say("skip: cannot bind-mount: %v", err)
			return
		}
		if err := syscall.Mount("", dir, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			say("skip: cannot remount read-only: %v", err)
			return
		}
	}

	p, err := Open(path)
	if err != nil {
		if how == "read-only mount" || how == "chmod 0444" {
			// Refusing to open is a fine answer for a read-only file, if it says so.
			say("error: %v", err)
			return
		}
		die("open: %v", err)
	}
	rows, err := p.Turns(ctx, "base")
	if err != nil {
		die("%v", err)
	}
	if how != "read-only mount" && how != "chmod 0444" {
		for i := 0; i < 5; i++ {
			if err := p.SetState(ctx, "ana", rows[i].ID, coding.TurnState{Reviewed: true, Codes: []string{"c-ref"}}, "code"); err != nil {
				die("SetState before the disk is full: %v", err)
			}
		}
	}
	before := everything(t, p)
	if err := os.WriteFile(filepath.Join(out, "before.txt"), []byte(before), 0o644); err != nil {
		die("%v", err)
	}

	var undo func()
	switch how {
	case "file size limit":
		// The -wal can grow by a few KiB; the -shm (32 KiB) is already there.
		var old syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			die("%v", err)
		}
		wal, err := os.Stat(path + "-wal")
		if err != nil {
			die("%v", err)
		}
		limit := max(uint64(wal.Size()), 32<<10) + 6000
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
			die("setrlimit: %v", err)
		}
		undo = func() {
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
				die("setrlimit: %v", err)
			}
		}
	case "full tmpfs":
		// Fill the disk, then give back 6000 bytes: room for a frame or so of the -wal.
		filler := filepath.Join(filepath.Dir(path), "filler")
		f, err := os.Create(filler)
		if err != nil {
			die("%v", err)
		}
		block := make([]byte, 4096)
		for {
			if _, err := f.Write(block); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					die("filling the disk: %v", err)
				}
				break
			}
		}
		st, _ := f.Stat()
		if err := f.Truncate(st.Size() - 6000); err != nil {
			die("%v", err)
		}
		f.Close()
		undo = func() { os.Remove(filler) }
	default: // read-only: made so before the project was opened
		undo = func() {}
	}

	err = diskOp(p, op, rows[10].ID)
	if err == nil {
		die("the %s succeeded on a full disk or read-only file", op)
	}
	say("error: %v", err)
	undo()
	if now := everything(t, p); now != before {
		die("after the failed %s the open project shows other data than before:\n%s", op, crashDiff(before, now))
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if data, err := os.ReadFile(path + suffix); err == nil {
			if err := os.WriteFile(filepath.Join(out, "after"+Extension+suffix), data, 0o644); err != nil {
				die("%v", err)
			}
		}
	}
	if how == "file size limit" || how == "full tmpfs" {
		if err := diskOp(p, op, rows[10].ID); err != nil {
			die("the %s failed again once there was room: %v", op, err)
		}
	}
	if err := p.Close(); err != nil && how != "read-only mount" && how != "chmod 0444" {
		die("close: %v", err)
	}
}

// runDiskChild runs TestDiskChild and returns the error it printed. It skips the test when
// the child could not set the case up (no user namespaces, no tmpfs).
func runDiskChild(t *testing.T, how, op, path string, attr *syscall.SysProcAttr) (out, message string) {
	t.Helper()
	out = t.TempDir()
	bin := os.Args[0]
	if attr != nil && attr.Credential != nil {
		// The child runs as another user: it needs a binary and folders it can reach.
		out = filepath.Join(filepath.Dir(path), "out")
		bin = filepath.Join(filepath.Dir(path), "store.test")
		if err := copyFile(os.Args[0], bin); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{out} {
			os.Mkdir(p, 0o755)
			os.Chown(p, int(attr.Credential.Uid), int(attr.Credential.Gid))
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestDiskChild$")
	cmd.Env = append(os.Environ(), "TURNCODER_DISK_CHILD=1", "TURNCODER_DISK_HOW="+how, "TURNCODER_DISK_OP="+op,
		"TURNCODER_DISK_FILE="+path, "TURNCODER_DISK_OUT="+out)
	cmd.SysProcAttr = attr
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		switch {
		case cmd.ProcessState == nil && attr != nil && attr.Cloneflags != 0:
			t.Skipf("cannot start a process in a new user and mount namespace (%v): the kernel or the container does not allow it", err)
		case cmd.ProcessState == nil && attr != nil && attr.Credential != nil:
			t.Skipf("cannot start a process as user %d (%v), which this test needs as root", attr.Credential.Uid, err)
		}
		t.Fatalf("child: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "skip: "):
			t.Skip(strings.TrimPrefix(line, "skip: "))
		case strings.HasPrefix(line, "fail: "):
			t.Fatalf("%s\n%s", strings.TrimPrefix(line, "fail: "), stderr.String())
		case strings.HasPrefix(line, "error: "):
			message = strings.TrimPrefix(line, "error: ")
		}
	}
	if message == "" {
		t.Fatalf("the child printed no error:\n%s%s", stdout.String(), stderr.String())
	}
	return out, message
}

// checkAfter opens the files the child left and checks they hold exactly the data of before.
func checkAfter(t *testing.T, out string) {
	t.Helper()
	after := filepath.Join(out, "after"+Extension)
	if _, err := os.Stat(after); err != nil {
		return // the project was refused at open: nothing written
	}
	before, err := os.ReadFile(filepath.Join(out, "before.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readCrashModel(after, nil, nil); err != nil { // integrity_check, foreign keys, the codebook
		t.Fatalf("after the failed write: %v", err)
	}
	p := mustOpen(t, after)
	if now := everything(t, p); now != string(before) {
		t.Errorf("the file's data changed:\n%s", crashDiff(string(before), now))
	}
}

// oneSentence checks that msg is one sentence for a person: one line, no SQLite codes.
func oneSentence(t *testing.T, msg string, want ...string) {
	t.Helper()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "SQLITE") || regexp.MustCompile(`\(\d+\)|I/O error`).MatchString(msg) {
		t.Errorf("not one clear sentence: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%q does not say %q", msg, w)
		}
	}
}

// userNamespace is how a child gets a user and mount namespace of its own, to mount in.
func userNamespace() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
}

func TestDiskFull(t *testing.T) {
	for _, how := range []string{"file size limit", "full tmpfs"} {
		for _, op := range []string{"import", "code"} {
			t.Run(how+"/"+op, func(t *testing.T) {
				path := diskProject(t, t.TempDir())
				var attr *syscall.SysProcAttr
				if how == "full tmpfs" {
					attr = userNamespace()
				}
				out, msg := runDiskChild(t, how, op, path, attr)
				t.Logf("%s", msg)
				oneSentence(t, msg, "disk is full")
				checkAfter(t, out)
			})
		}
	}
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err == nil {
		err = os.WriteFile(to, data, 0o755)
	}
	return err
}

func TestReadOnly(t *testing.T) {
	for _, how := range []string{"read-only mount", "chmod 0444"} {
		ops := []string{"import", "code"}
		if how == "read-only mount" {
			ops = ops[:1] // refused at open
		}
		for _, op := range ops {
			t.Run(how+"/"+op, func(t *testing.T) {
				dir := t.TempDir()
				var attr *syscall.SysProcAttr
				switch {
				case how == "read-only mount":
					attr = userNamespace()
				case os.Getuid() == 0:
					// Root writes whatever the permissions: the child drops to nobody, in a
					// folder nobody can reach and write in (files may be made beside the project).
					var err error
					if dir, err = os.MkdirTemp("", "turncoder-readonly-*"); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { os.RemoveAll(dir) })
					os.Chmod(dir, 0o755)
					os.Chown(dir, 65534, 65534)
					attr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
				}
				path := diskProject(t, dir)
				before, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if how == "chmod 0444" {
					if err := os.Chmod(path, 0o444); err != nil {
						t.Fatal(err)
					}
				}
				out, msg := runDiskChild(t, how, op, path, attr)
				t.Logf("%s", msg)
				oneSentence(t, msg, "read-only")
				// Not a byte of the file changed, and no journal was left beside it.
				if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, before) {
					t.Errorf("the read-only file changed (%v)", err)
				}
				if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
					t.Errorf("a -wal of %d bytes was left beside the read-only file", st.Size())
				}
				checkAfter(t, out)
			})
		}
	}
}
