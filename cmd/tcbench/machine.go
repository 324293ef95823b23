package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// machine describes where the benchmarks ran, in one line: cores, CPU model, RAM, OS, Go,
// SQLite shell, the Python baselines, and the load when the run started (another job on the
// machine shows there).
func machine(goCmd string) string {
	var parts []string
	cores := strconv.Itoa(runtime.NumCPU()) + " cores"
	if m := cpuModel(readFile("/proc/cpuinfo")); m != "" {
		cores += " (" + m + ")"
	}
	parts = append(parts, cores)
	if gib := memTotalGiB(readFile("/proc/meminfo")); gib > 0 {
		parts = append(parts, fmt.Sprintf("%.0f GiB RAM", gib))
	}
	if name := osName(readFile("/etc/os-release")); name != "" {
		parts = append(parts, name)
	} else {
		parts = append(parts, runtime.GOOS)
	}
	parts = append(parts, orUnknown("Go ", output(goCmd, "env", "GOVERSION")))
	parts = append(parts, orUnknown("SQLite shell ", firstField(output("sqlite3", "--version"))))
	py := "python3"
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		py = "/usr/bin/python3" // the one the benchmarks prefer
	}
	parts = append(parts, orUnknown("NLTK ", output(py, "-c", "import nltk; print(nltk.__version__)")))
	parts = append(parts, orUnknown("openpyxl ", output(py, "-c", "import openpyxl; print(openpyxl.__version__)")))
	if f := strings.Fields(readFile("/proc/loadavg")); len(f) > 0 {
		parts = append(parts, "load average "+f[0]+" at the start")
	}
	return strings.Join(parts, ", ")
}

func orUnknown(prefix, v string) string {
	if v == "" {
		return prefix + "unknown"
	}
	return prefix + v
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel(cpuinfo string) string {
	for _, l := range strings.Split(cpuinfo, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return ""
}

// memTotalGiB reads MemTotal (in kB) from /proc/meminfo.
func memTotalGiB(meminfo string) float64 {
	for _, l := range strings.Split(meminfo, "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / (1 << 20)
		}
	}
	return 0
}

// osName is PRETTY_NAME from /etc/os-release.
func osName(osRelease string) string {
	for _, l := range strings.Split(osRelease, "\n") {
		if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
			if u, err := strconv.Unquote(v); err == nil {
				return u
			}
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}
