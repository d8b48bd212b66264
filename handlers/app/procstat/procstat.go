// Package procstat reads the few /proc figures the measuring commands
// (handlers/app/load and handlers/app/province) report beside their
// timings: the machine's load average, so that a reader can tell a quiet
// run from a busy one, and a process's peak resident set.
package procstat

import (
	"os"
	"strconv"
	"strings"
)

// LoadAverage is uptime's three load averages, "?" when /proc has none.
func LoadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// StatusKB reads a "kB" line of /proc/<pid>/status ("VmHWM:" is the peak
// resident set); 0 when the process or the line is missing. pid 0 is the
// calling process.
func StatusKB(pid int, key string) int64 {
	path := "/proc/self/status"
	if pid != 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/status"
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
