package app

import (
	"errors"
	"runtime/debug"
	"strconv"
	"strings"
)

// DefaultMemoryLimit is the bot's soft memory limit when neither
// MEMORY_LIMIT nor GOMEMLIMIT is set. The bot's live heap is small (about
// 5 MB busy, 10 MB idle) but an export of 100,000 reports holds excelize's
// 16 MB stream buffer and turns over hundreds of MB of garbage: with the
// Go default (the heap may grow to twice the live heap) the process
// reached 110-135 MB of RSS on the province set. A soft limit makes the
// collector run sooner as the heap nears it, instead of letting garbage
// pile up; it is soft, so a heap that truly needs more gets it (the
// collector then runs often, which costs CPU only while an export or a
// chart runs). It was 40 MiB while the collector's target was Go's 100 %;
// with DefaultGCPercent's 200 % the province command's peak RSS was 59.8
// MB at 40 MiB and 54.4 MB at 32 MiB (47.5 MB at 100 % and 40 MiB), the
// target being 60. README "Province scale" has the figures.
const DefaultMemoryLimit = 32 << 20

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
			return errors.New("config: MEMORY_LIMIT must be a size like 32MiB, or off")
		}
		c.MemoryLimit = n
		return nil
	})
}

// DefaultGCPercent is the collector's target when neither GC_PERCENT nor
// GOGC is set: a collection starts when the heap has grown by 200 % of
// what the last one left live, where Go's default is 100 %. The bot's live
// heap is about 5 MB, so at 100 % a busy bot collected every 100 ms (every
// 200 updates at 2,000 a second), and the collection and its assists were
// 9-10 % of the bot's CPU profile with the load command at 400 users; at
// 200 % they were 5 %, the peak RSS of those runs unchanged. The soft
// memory limit (MEMORY_LIMIT) still bounds the heap when an export or a
// chart needs more, and then collects as often as it must.
const DefaultGCPercent = 200

// gcPercent reads GC_PERCENT into c.GCPercent: a percentage of at least
// 10, or off (-1: collect only to keep within the memory limit, so off
// needs one: MEMORY_LIMIT or GOMEMLIMIT; without either the heap would
// grow for ever). A GOGC set in the environment wins, as the runtime read
// it (off or a number; anything else the runtime takes as 100): GCPercent
// is 0 and Run leaves the collector alone. memoryLimit must run first.
func (e *envReader) gcPercent(c *Config) {
	if strings.TrimSpace(e.getenv("GOGC")) != "" {
		c.GCPercent = 0
		return
	}
	e.read("GC_PERCENT", func(v string) error {
		if strings.EqualFold(v, "off") {
			if c.MemoryLimit == 0 && strings.TrimSpace(e.getenv("GOMEMLIMIT")) == "" {
				return errors.New("config: GC_PERCENT=off needs a memory limit (MEMORY_LIMIT or GOMEMLIMIT): without one nothing is ever collected")
			}
			c.GCPercent = -1
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 10 {
			return errors.New("config: GC_PERCENT must be a percentage like 200 (10 or more), or off")
		}
		c.GCPercent = n
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

// applyGCPercent sets the collector's target from the configuration,
// when it has one (0 leaves the runtime's own). Like the memory limit it
// is the whole process's setting, so only Run calls it.
func applyGCPercent(pct int) {
	if pct != 0 {
		debug.SetGCPercent(pct)
	}
}

// applyMemoryLimit sets the process's soft memory limit from the
// configuration, when there is one (see DefaultMemoryLimit). It is the
// whole process's setting, so only Run calls it.
func applyMemoryLimit(limit int64) {
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
}
