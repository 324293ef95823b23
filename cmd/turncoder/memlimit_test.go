package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// keepMemoryNear follows what each collection finds live: past its base (less the headroom) the limit becomes
// what is live plus memoryHeadroom, back at the base once what is live shrinks, and nothing
// changes when the user set GOMEMLIMIT or after stop.
func TestMemoryLimitFollowsWhatIsLive(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	// settles runs collections until the limit is within [lo, hi] (the limit is moved on the
	// runtime's cleanup goroutine, after the collection), or fails.
	settles := func(what string, lo, hi int64) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
			if got := limit(); got >= lo && got <= hi {
				return
			}
		}
		t.Fatalf("%s: the limit is %d MB, want %d to %d MB", what, limit()>>20, lo>>20, hi>>20)
	}
	t.Setenv("GOMEMLIMIT", "")
	const base = 96 << 20
	stop := keepMemoryNear(base)
	if got := limit(); got != base {
		t.Fatalf("the limit set is %d MB, want 96", got>>20)
	}
	live := make([]byte, 128<<20)
	for i := range live {
		live[i] = byte(i)
	}
	settles("128 MB live past a limit of 96 MB", 128<<20+memoryHeadroom, 160<<20+memoryHeadroom)
	runtime.KeepAlive(live)
	live = nil
	settles("the 128 MB let go", base, base)
	stop()
	live = make([]byte, 128<<20)
	runtime.GC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := limit(); got != base {
		t.Errorf("after stop the limit moved to %d MB", got>>20)
	}
	runtime.KeepAlive(live)

	t.Setenv("GOMEMLIMIT", "16MiB")
	debug.SetMemoryLimit(math.MaxInt64)
	keepMemoryNear(base)()
	if got := limit(); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set the limit changed to %d MB", got>>20)
	}
}
