package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

// Opening a project checks its digest (digest.go): every coding, reviewed mark and memo is read
// and summed, so that a copy taken while turncoder was saving to it is refused. A million-turn
// project holds millions of such rows, and the sum takes a second or more on every start. A
// file that this machine has checked, or closed cleanly, and that has not changed since (the
// same device, inode, size, modification and status-change times) is the file that was whole
// then, so the sum is not done again: a copy of it is another inode, and a file copied over it
// changes its status-change time, which no program can set. A -wal or -journal beside the file
// (changes not yet in it) always means the full check. Only large files are marked (the sum of a
// small one is quick), and only where the operating system gives a status-change time (Linux and
// macOS; elsewhere every open is checked). The marks are files in the cache folder. The times
// move by the kernel's clock tick (a few milliseconds on Linux): a file copied over the project
// within that tick after turncoder closed it could pass for it, which no copy made by hand or
// by a synchronising service does.

// digestMarkMin is the size from which a file is marked.
var digestMarkMin int64 = 32 << 20

// cacheDir is a folder of turncoder's caches: $TURNCODER_CACHE/sub if set (tests and
// benchmarks), else turncoder/sub in the user's cache folder (~/.cache on Linux,
// %LocalAppData% on Windows, ~/Library/Caches on macOS), made if missing.
func cacheDir(sub string) (string, error) {
	base := os.Getenv("TURNCODER_CACHE")
	if base == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(dir, "turncoder")
	}
	dir := filepath.Join(base, sub)
	return dir, os.MkdirAll(dir, 0o755)
}

// digestMark is what is remembered of a file whose digest held, or "" when it is not to be
// marked: too small, changes beside it, or no status-change time to be had.
func digestMark(path string) string {
	for _, suffix := range []string{"-wal", "-journal"} {
		if st, err := os.Stat(path + suffix); err == nil && st.Size() > 0 {
			return ""
		}
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() < digestMarkMin {
		return ""
	}
	return fileIdentity(st)
}

// markFile is where the mark of path is kept.
func markFile(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir, err := cacheDir("verified")
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:12])), nil
}

// digestVerified reports whether path is marked as it is now.
func digestVerified(path string) bool {
	mark := digestMark(path)
	if mark == "" {
		return false
	}
	f, err := markFile(path)
	if err != nil {
		return false
	}
	held, err := os.ReadFile(f)
	return err == nil && string(held) == mark
}

// rememberDigest marks path as it is now, when it is to be marked; best effort (a cache).
func rememberDigest(path string) {
	f, err := markFile(path)
	if err != nil {
		return
	}
	mark := digestMark(path)
	if mark == "" {
		os.Remove(f)
		return
	}
	tmp := f + ".tmp"
	if os.WriteFile(tmp, []byte(mark), 0o644) == nil {
		os.Rename(tmp, f)
	}
}

// checkDigestOnce is checkDigest, not done again for a file marked as it is now; a file whose
// digest holds is marked.
func checkDigestOnce(ctx context.Context, q queryer, path string) error {
	if digestVerified(path) {
		return nil
	}
	if err := checkDigest(ctx, q, path); err != nil {
		return err
	}
	rememberDigest(path)
	return nil
}
