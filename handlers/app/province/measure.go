package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// table collects the measured rows.
type table struct {
	rows [][4]string // operation, measured, target, verdict
}

func (t *table) add(op, measured, target string, ok bool) {
	v := "ok"
	if !ok {
		v = "MISSED"
	}
	t.rows = append(t.rows, [4]string{op, measured, target, v})
}

// rss adds the process's peak resident set (VmHWM).
func (t *table) rss() {
	kb := vmHWM()
	t.add("RSS of this process, peak (VmHWM): bot + fake Bot API + driver", fmt.Sprintf("%.1f MB", float64(kb)/1024),
		"under 60 MB", kb < 60*1024)
}

func (t *table) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\n| operation\t| measured\t| target\t| |")
	fmt.Fprintln(tw, "|---\t|---\t|---\t|---|")
	for _, r := range t.rows {
		fmt.Fprintf(tw, "| %s\t| %s\t| %s\t| %s |\n", r[0], r[1], r[2], r[3])
	}
	tw.Flush()
}

// durations are the timings of one operation repeated.
type durations []time.Duration

// quantile returns the q-quantile (nearest rank) of d.
func (d durations) quantile(q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// heapPeak samples the heap in use every millisecond while fn runs, as
// handlers/data/export_reports_bench_test.go does, and returns the peak
// above what was in use before (after a GC).
func heapPeak(fn func() error) (uint64, error) {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > base.HeapInuse && ms.HeapInuse-base.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse - base.HeapInuse)
				}
			}
		}
	})
	err := fn()
	close(stop)
	wg.Wait()
	return peak.Load(), err
}

// vmHWM reads the process's peak resident set in kB from /proc.
func vmHWM() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb
		}
	}
	return 0
}

// loadAverage is uptime's three load averages.
func loadAverage() string {
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

// withSchema sets the search_path of a database URL.
func withSchema(dbURL, schema string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// redactURL drops a password from a URL for printing.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "the database"
	}
	return u.Redacted()
}
