//go:build darwin || freebsd || netbsd || openbsd

package store

import "syscall"

func statCtime(s *syscall.Stat_t) syscall.Timespec { return s.Ctimespec }
