package app

import (
	"errors"
	"runtime/debug"
	"strconv"
	"strings"
)

// DefaultMemoryLimit is the bot's soft memory limit when neither
// MEMORY_LIMIT nor GOMEMLIMIT is set. The bot's live heap is small (about
// 10 MB idle) but an export of 100,000 reports holds excelize's 16 MB
// stream buffer and turns over hundreds of MB of garbage: with the Go
// default (the heap may grow to twice the live heap) the process reached
// 110-135 MB of RSS on the province set. A soft limit makes the collector
// run sooner as the heap nears it, instead of letting garbage pile up; it
// is soft, so a heap that truly needs more gets it (the collector then
// runs often, which costs CPU only while an export runs). README
// "Province scale" has the figures.
const DefaultMemoryLimit = 40 << 20

// memoryLimit reads MEMORY_LIMIT into c.MemoryLimit: a size in bytes
// with an optional B, KiB, MiB or GiB suffix (GOMEMLIMIT's syntax), or
// off for none. A GOMEMLIMIT set in the environment wins: the runtime
// has applied it already, so MemoryLimit is 0 and Run leaves it alone.
func (e *envReader) memoryLimit(c *Config) {
	if strings.TrimSpace(e.getenv("GOMEMLIMIT")) != "" {
		c.MemoryLimit = 0
		return
	}
	e.read("MEMORY_LIMIT", func(v string) error {
		if strings.EqualFold(v, "off") {
			c.MemoryLimit = 0
			return nil
		}
		n, err := parseSize(v)
		if err != nil || n <= 0 {
			return errors.New("config: MEMORY_LIMIT must be a size like 40MiB, or off")
		}
		c.MemoryLimit = n
		return nil
	})
}

// parseSize reads "40MiB", "1GiB", "512KiB", "1048576" or "1048576B".
func parseSize(v string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(v, u.suffix); ok {
			v, mult = rest, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, err
	}
	return n * mult, nil
}

// applyMemoryLimit sets the process's soft memory limit from the
// configuration, when there is one (see DefaultMemoryLimit). It is the
// whole process's setting, so only Run calls it.
func applyMemoryLimit(limit int64) {
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
}
