package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turncoder/turncoder/coding/version"
)

// TestNoOpenGLIsSaidAndKept: the sentence for a window glfw cannot create names the requirement,
// what glfw said and the three ways out; it is kept in the settings folder for a person who
// started turncoder from a menu, and a later start that can open the window removes it.
func TestNoOpenGLIsSaidAndKept(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TURNCODER_HOME", dir)
	cause := errors.New("VersionUnavailable: GLX: Failed to create context: GLXBadFBConfig")
	err := cannotOpenWindow(noOpenGL(cause))
	msg := err.Error()
	for _, want := range []string{"OpenGL 2.1", cause.Error(), "update the graphics driver", "3D acceleration", "virtual machine", "remote desktop", "command line"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the sentence does not say %q: %s", want, msg)
		}
	}
	if strings.Count(msg, ". ") > 0 || strings.Contains(msg, "\n") {
		t.Errorf("more than one sentence: %s", msg)
	}
	log := filepath.Join(dir, windowErrorLog)
	b, rerr := os.ReadFile(log)
	if rerr != nil || !strings.Contains(string(b), msg) || !strings.Contains(string(b), "turncoder "+version.Version) {
		t.Fatalf("%s holds %q (%v), want the version and the sentence", log, b, rerr)
	}
	windowCanOpen()
	if _, err := os.Stat(log); !os.IsNotExist(err) {
		t.Errorf("a start that opens the window left %s (%v)", log, err)
	}
}
