//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWithoutOpenGLTheAppSaysSo: on a desktop that cannot give the window OpenGL 2.1 (an X
// server without GLX, as some remote desktops are; Mesa held to OpenGL 2.0, as an old driver
// is) the app says so in one sentence on standard error and in the settings folder, and
// exits non-zero within seconds, where Fyne alone ran on with no window and no word. The
// same X server with GLX opens the window (the smoke step and the journeys).
func TestWithoutOpenGLTheAppSaysSo(t *testing.T) {
	for _, c := range []struct {
		name  string
		xvfb  []string // Xvfb's options beyond the screen
		env   []string
		cause string // what glfw says, quoted in the sentence
	}{
		{"no GLX", []string{"-extension", "GLX"}, nil, "GLX extension not found"},
		{"OpenGL 2.0", nil, []string{"MESA_GL_VERSION_OVERRIDE=2.0"}, "VersionUnavailable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			display := startXvfb(t, c.xvfb...)
			home := t.TempDir()
			settings := filepath.Join(home, "tc")
			cmd := exec.Command(bin) // as a menu starts it: no arguments, the demo project
			cmd.Env = append([]string{"HOME=" + home, "TURNCODER_HOME=" + settings, "DISPLAY=" + display,
				"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}, c.env...)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stderr, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("the app was still running 30 s after starting without OpenGL 2.1:\n%s", stderr.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 {
				t.Errorf("exit status %v, want non-zero", err)
			}
			out := stderr.String()
			lines := strings.Split(strings.TrimSpace(out), "\n")
			sentence := "turncoder: the window needs OpenGL 2.1, which this computer does not provide ("
			if len(lines) != 1 || !strings.HasPrefix(lines[0], sentence) {
				t.Fatalf("standard error is not the one sentence %q…:\n%s", sentence, out)
			}
			for _, want := range []string{c.cause, "update the graphics driver", "3D acceleration if this is a virtual machine", "remote desktop", "the command line works without OpenGL (turncoder help)"} {
				if !strings.Contains(lines[0], want) {
					t.Errorf("the sentence does not say %q: %s", want, lines[0])
				}
			}
			log, rerr := os.ReadFile(filepath.Join(settings, "window-error.log"))
			if rerr != nil || !strings.Contains(string(log), strings.TrimPrefix(lines[0], "turncoder: ")) {
				t.Errorf("the settings folder's window-error.log holds %q (%v), want the sentence", log, rerr)
			}
			if _, err := os.Stat(filepath.Join(settings, "crash.log")); !os.IsNotExist(err) {
				t.Errorf("a crash log was left (%v): the next start would call this a crash", err)
			}
		})
	}
}

// startXvfb starts an X server of its own, with extra options, for the test's life.
func startXvfb(t *testing.T, opts ...string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", append([]string{"-displayfd", "3", "-screen", "0", "1024x700x24", "-nolisten", "tcp"}, opts...)...)
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not start: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}
