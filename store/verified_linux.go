package store

import "syscall"

func statCtime(s *syscall.Stat_t) syscall.Timespec { return s.Ctim }
