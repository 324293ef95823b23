package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// memoryPastWhatIsLive raises the export's soft memory limit to half again what is live when
// what is live is past it, and leaves it when the data fits or the user set GOMEMLIMIT.
func TestMemoryLimitRaisedPastWhatIsLive(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	live := make([]byte, 64<<20)
	for i := range live {
		live[i] = byte(i)
	}
	runtime.GC()
	limit := func() int64 { return debug.SetMemoryLimit(-1) }

	t.Setenv("GOMEMLIMIT", "")
	keepMemoryNear(16 << 20)
	memoryPastWhatIsLive(16 << 20)
	if got := limit(); got < 96<<20 || got > 128<<20 {
		t.Errorf("64 MB live past a limit of 16 MB: the limit is %d MB, want about 96", got>>20)
	}
	keepMemoryNear(1 << 30)
	memoryPastWhatIsLive(1 << 30)
	if got := limit(); got != 1<<30 {
		t.Errorf("64 MB live within a limit of 1 GB: the limit became %d MB", got>>20)
	}
	t.Setenv("GOMEMLIMIT", "16MiB")
	debug.SetMemoryLimit(math.MaxInt64)
	memoryPastWhatIsLive(16 << 20)
	if got := limit(); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set the limit changed to %d MB", got>>20)
	}
	runtime.KeepAlive(live)
}
