package app

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
)

// DefaultProcs is how many threads run the bot's Go code at once
// (runtime.GOMAXPROCS) when neither MAX_PROCS nor GOMAXPROCS is set.
//
// The bot waits far more than it computes: Telegram lets it send 30
// messages a second, and one thread handles about a thousand updates a
// second (README "Load command"). The Go default, one thread per CPU,
// buys nothing for that work and costs CPU on every update: when a
// goroutine wakes while a second thread is idle, the runtime wakes that
// thread too, which mostly finds nothing to do and sleeps again. Measured
// with the load command on 2 cores, one thread spends 10-20 % less CPU per
// update and the threads are woken 30-50 % less often, with the same or a
// higher throughput; the few long computations (an export, a chart) share
// the thread with the handlers, which the runtime preempts every 10 ms.
// MAX_PROCS=auto gives the Go default back, for a machine the bot has to
// itself with webhook traffic beyond Telegram's limits.
const DefaultProcs = 1

// procs reads MAX_PROCS into c.Procs: a number of threads, or auto for
// the Go default. A GOMAXPROCS set in the environment wins: the runtime
// has applied it already, so Procs is 0 and Run leaves it alone.
func (e *envReader) procs(c *Config) {
	if strings.TrimSpace(e.getenv("GOMAXPROCS")) != "" {
		c.Procs = 0
		return
	}
	e.read("MAX_PROCS", func(v string) error {
		if strings.EqualFold(v, "auto") {
			c.Procs = 0
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errors.New("config: MAX_PROCS must be a number of threads like 1, or auto")
		}
		c.Procs = n
		return nil
	})
}

// applyProcs sets runtime.GOMAXPROCS from the configuration, when it has
// a number (0 leaves the runtime's own). Like the memory limit it is the
// whole process's setting, so only Run calls it.
func applyProcs(n int) {
	if n > 0 {
		runtime.GOMAXPROCS(n)
	}
}
