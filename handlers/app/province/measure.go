package main

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"text/tabwriter"
	"time"
)

// table collects the measured rows.
type table struct {
	rows [][4]string // operation, measured, target, verdict
}

func (t *table) add(op, measured, target string, ok bool) {
	v := "ok"
	switch {
	case target == "":
		v = ""
	case !ok:
		v = "MISSED"
	}
	t.rows = append(t.rows, [4]string{op, measured, target, v})
}

// rss adds a process's peak resident set (VmHWM, in kB).
func (t *table) rss(what string, kb int64, target bool) {
	t.add(what, fmt.Sprintf("%.1f MB", float64(kb)/1024), map[bool]string{true: "under 60 MB", false: ""}[target],
		!target || kb < 60*1024)
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
