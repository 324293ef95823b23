//go:build linux

package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// What the command line says on a full disk and on a read-only project file, and that the file
// is left as it was. turncoder runs through TestWrapChild, which makes the disk full for it (a
// file size limit: writes past it fail with EFBIG) or its project's folder read-only (a
// read-only bind mount in a user and mount namespace of its own), then executes the real
// command line in its place. The store's tests cover a really full disk (a full tmpfs).

// TestWrapChild is the wrapper; on its own it does nothing.
func TestWrapChild(t *testing.T) {
	if os.Getenv("TURNCODER_WRAP") != "1" {
		t.Skip("the wrapper the disk tests run turncoder through")
	}
	if v := os.Getenv("TURNCODER_WRAP_FSIZE"); v != "" {
		n, _ := strconv.ParseUint(v, 10, 64)
		var old syscall.Rlimit
		syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: old.Max}); err != nil {
			fmt.Fprintln(os.Stderr, "setrlimit:", err)
			os.Exit(70)
		}
	}
	if dir := os.Getenv("TURNCODER_WRAP_READONLY"); dir != "" {
		for _, m := range []struct {
			source string
			flags  uintptr
		}{{"", syscall.MS_REC | syscall.MS_PRIVATE}, {dir, syscall.MS_BIND}, {"", syscall.MS_BIND | syscall.MS_REMOUNT | syscall.MS_RDONLY}} {
			target := dir
			if m.flags&syscall.MS_PRIVATE != 0 {
				target = "/"
			}
			if err := syscall.Mount(m.source, target, "", m.flags, ""); err != nil {
				fmt.Fprintf(os.Stderr, "cannot mount %s read-only: %v\n", dir, err)
				os.Exit(77)
			}
		}
	}
	var args []string
	json.Unmarshal([]byte(os.Getenv("TURNCODER_WRAP_ARGS")), &args)
	env := []string{"TURNCODER_RUN_MAIN=1"}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "TURNCODER_WRAP") {
			env = append(env, e)
		}
	}
	err := syscall.Exec(os.Args[0], append([]string{os.Args[0]}, args...), env)
	fmt.Fprintln(os.Stderr, "exec:", err)
	os.Exit(70)
}

// runWrapped runs turncoder args through TestWrapChild with the wrapper's settings in env,
// using bin as the binary (the test binary, or a copy another user can run).
func runWrapped(t *testing.T, bin string, env []string, attr *syscall.SysProcAttr, args ...string) result {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(bin, "-test.run=^TestWrapChild$")
	cmd.Env = append(os.Environ(), append(env, "TURNCODER_WRAP=1", "TURNCODER_WRAP_ARGS="+string(a))...)
	cmd.SysProcAttr = attr
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		switch {
		case attr != nil && attr.Cloneflags != 0:
			t.Skipf("cannot start a process in a new user and mount namespace (%v): the kernel or the container does not allow it", err)
		case attr != nil && attr.Credential != nil:
			t.Skipf("cannot start a process as user %d (%v), which this test needs as root", attr.Credential.Uid, err)
		}
		t.Fatal(err)
	}
	switch code {
	case 77:
		t.Skip(errb.String())
	case 70:
		t.Fatal(errb.String())
	}
	return result{out.String(), errb.String(), code}
}

// callFile writes a transcript of n turns.
func callFile(t *testing.T, dir, name string, n int) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "第一通电话：%s\n\n", name)
	for i := 1; i <= n; i++ {
		sp := "ＣＬＢ"
		if i%2 == 0 {
			sp = "东营市总工会"
		}
		fmt.Fprintf(&b, "%s：%s 第%d句：请问你们对拖欠社保的事情怎么处理？\n\n", sp, name, i)
	}
	path := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// diskProject is a project with a call of 600 turns and the coder ana, and the sources of an
// import (another call) and of a codings import (600 codings of the first call).
func diskProject(t *testing.T, dir string) (project, source, codings string) {
	t.Helper()
	project = filepath.Join(dir, "study.turncoder")
	mustRun(t, "init", project)
	mustRun(t, "import", "-p", project, "--format", "turns", callFile(t, dir, "first", 600))
	mustRun(t, "coders", "-p", project, "--add", "ana")
	source = callFile(t, dir, "second", 600)
	var b strings.Builder
	b.WriteString("document,turn,coder,code\n")
	for i := 1; i <= 600; i++ {
		fmt.Fprintf(&b, "first,%d,ana,referral\n", i)
	}
	codings = filepath.Join(dir, "codings.csv")
	if err := os.WriteFile(codings, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return project, source, codings
}

// contents is everything the command line shows of a project.
func contents(t *testing.T, project string) string {
	t.Helper()
	return mustRun(t, "info", "-p", project, "--json").stdout + mustRun(t, "turns", "-p", project, "--json").stdout +
		mustRun(t, "codings", "export", "-p", project).stdout
}

func integrityCheck(t *testing.T, project string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+project+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&verdict); err != nil || verdict != "ok" {
		t.Errorf("integrity_check: %s %v", verdict, err)
	}
}

// clearFailure checks a failure's exit status and that every line it printed is a plain
// sentence (no SQLite codes) saying want.
func clearFailure(t *testing.T, r result, want string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit status %d, want 1\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, want) || regexp.MustCompile(`SQLITE|I/O error|\(\d+\)`).MatchString(r.stderr) {
		t.Errorf("stderr does not say %q plainly:\n%s", want, r.stderr)
	}
}

func TestDiskFullCLI(t *testing.T) {
	dir := t.TempDir()
	project, source, codings := diskProject(t, dir)
	before := contents(t, project)
	// Room for the -shm (32 KiB) and a few pages of the -wal.
	limit := []string{"TURNCODER_HOME=" + t.TempDir(), "TURNCODER_WRAP_FSIZE=" + strconv.Itoa(48<<10)}
	for _, args := range [][]string{
		{"import", "-p", project, "--format", "turns", source},
		{"codings", "import", "-p", project, codings},
	} {
		r := runWrapped(t, os.Args[0], limit, nil, args...)
		t.Logf("turncoder %s:\n%s", args[0], r.stderr)
		clearFailure(t, r, "disk is full")
		integrityCheck(t, project)
		if after := contents(t, project); after != before {
			t.Errorf("turncoder %s on a full disk changed the project", args[0])
		}
	}
	// No room even for the -shm: the open itself fails, says so, and leaves nothing beside the
	// file, so that the commands that only read still read it.
	project, _, _ = diskProject(t, t.TempDir())
	before = contents(t, project)
	r := runWrapped(t, os.Args[0], []string{"TURNCODER_HOME=" + t.TempDir(), "TURNCODER_WRAP_FSIZE=2"}, nil, "coders", "-p", project, "--add", "zed")
	t.Logf("turncoder coders on a disk with no room:\n%s", r.stderr)
	clearFailure(t, r, "disk is full")
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(project + suffix); err == nil {
			st, _ := os.Lstat(project + suffix)
			t.Errorf("the failed open left a %s beside the project (%d bytes)", suffix, st.Size())
		}
	}
	if after := contents(t, project); after != before {
		t.Error("a failed open changed the project")
	}
	// With room again, the same commands work.
	mustRun(t, "import", "-p", project, "--format", "turns", source)
	mustRun(t, "codings", "import", "-p", project, codings)
}

func TestReadOnlyCLI(t *testing.T) {
	for _, how := range []string{"chmod 0444", "read-only mount", "read-only folder"} {
		t.Run(how, func(t *testing.T) {
			dir, bin := t.TempDir(), os.Args[0]
			env := []string{"TURNCODER_HOME=" + t.TempDir()}
			var attr *syscall.SysProcAttr
			switch {
			case how == "read-only mount":
				env = append(env, "TURNCODER_WRAP_READONLY="+dir)
				attr = &syscall.SysProcAttr{
					Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
					UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
					GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
				}
			case os.Getuid() == 0:
				// Permissions do not stop root: turncoder runs as nobody, from a copy of the
				// binary in a folder nobody can reach and write in.
				var err error
				if dir, err = os.MkdirTemp("", "turncoder-readonly-*"); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.RemoveAll(dir) })
				bin = filepath.Join(dir, "turncoder.test")
				data, err := os.ReadFile(os.Args[0])
				if err == nil {
					err = os.WriteFile(bin, data, 0o755)
				}
				if err != nil {
					t.Fatal(err)
				}
				os.Chmod(dir, 0o755)
				os.Chown(dir, 65534, 65534)
				home := filepath.Join(dir, "home")
				os.Mkdir(home, 0o755)
				os.Chown(home, 65534, 65534)
				env = []string{"TURNCODER_HOME=" + home}
				attr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			}
			project, source, codings := diskProject(t, dir)
			switch how {
			case "chmod 0444":
				os.Chmod(project, 0o444)
			case "read-only folder":
				// The file may be written, its folder not: SQLite cannot make the -wal beside it.
				os.Chown(project, 65534, 65534)
				os.Chmod(dir, 0o555)
				t.Cleanup(func() { os.Chmod(dir, 0o755) })
			}
			before, err := os.ReadFile(project)
			if err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"import", "-p", project, "--format", "turns", source},
				{"codings", "import", "-p", project, codings},
			} {
				r := runWrapped(t, bin, env, attr, args...)
				t.Logf("turncoder %s:\n%s", args[0], r.stderr)
				clearFailure(t, r, "read-only")
				if after, err := os.ReadFile(project); err != nil || !bytes.Equal(after, before) {
					t.Errorf("turncoder %s changed the read-only file (%v)", args[0], err)
				}
			}
			// What only reads works, and leaves nothing beside the file.
			if r := runWrapped(t, bin, env, attr, "info", "-p", project); r.code != 0 || !strings.Contains(r.stdout, "turns") {
				t.Errorf("info on the read-only project: exit %d, %s", r.code, r.stderr)
			}
			for _, suffix := range []string{"-wal", "-shm"} {
				if _, err := os.Lstat(project + suffix); err == nil {
					t.Errorf("info left a %s beside the read-only project", suffix)
				}
			}
			integrityCheck(t, project)
		})
	}
}
