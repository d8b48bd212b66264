package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// On this machine the bot shares two cores with Redis, Postgres and the
// load command itself, so what an update costs the servers bounds the
// throughput as much as the bot's own CPU: a bot that is cheap itself but
// makes Redis work hard answers later in a closed loop. The load command
// reads the servers' CPU over the same window as the bot's.
//
// The figures are the whole servers' (found by process name on this
// machine), so other work against the same Redis or Postgres during a run
// counts too; run it on a quiet machine. A server the command cannot see
// (another machine, another container) reads as zero.

// serverUsage is the CPU time of the local Redis and Postgres servers.
type serverUsage struct {
	Redis, Postgres time.Duration
}

// readServers reads the servers' CPU: Redis's threads, and Postgres's
// postmaster with every backend below it (a backend that exited during
// the window is in the postmaster's reaped-children time).
func readServers() serverUsage {
	var s serverUsage
	for _, pid := range serverRoots() {
		u, err := readUsage(pid)
		if err != nil {
			continue
		}
		switch comm(pid) {
		case "redis-server":
			s.Redis += u.CPU
		case "postgres":
			s.Postgres += u.CPU
		}
	}
	return s
}

// serverRoots returns the pids of the redis-server processes and of each
// postgres process whose parent is not postgres (the postmaster).
func serverRoots() []int {
	entries, _ := os.ReadDir("/proc")
	var roots []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		switch comm(pid) {
		case "redis-server":
			roots = append(roots, pid)
		case "postgres":
			if st, err := readStat(pid); err == nil && comm(st.ppid) != "postgres" {
				roots = append(roots, pid)
			}
		}
	}
	return roots
}

// comm is the process's command name, "" when it is gone.
func comm(pid int) string {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(raw))
}
