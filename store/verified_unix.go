//go:build linux || darwin || freebsd || netbsd || openbsd

package store

import (
	"fmt"
	"io/fs"
	"syscall"
)

// fileIdentity is the device, inode, size, modification and status-change times of a file.
func fileIdentity(st fs.FileInfo) string {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	c := statCtime(s)
	return fmt.Sprintf("1 %d %d %d %d %d.%d", s.Dev, s.Ino, st.Size(), st.ModTime().UnixNano(), c.Sec, c.Nsec)
}
