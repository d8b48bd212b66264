package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"pilarbot/bot/telegramtest"
)

// result is one run's figures. Durations are in milliseconds in JSON.
type result struct {
	Flow        string  `json:"flow"`
	Users       int     `json:"users"`
	Limits      bool    `json:"limits"`
	Bot         string  `json:"bot"`
	Completed   int     `json:"completed_flows"`
	Updates     int     `json:"handled_updates"`
	WallSeconds float64 `json:"wall_s"`
	// Throughput is handled updates per second of the run: in a closed
	// loop, first-reply latency ≈ users / throughput.
	Throughput float64 `json:"updates_per_s"`
	// CPUPerUpdate is the bot's CPU time over the run window divided by
	// the updates it handled.
	CPUPerUpdate float64 `json:"cpu_ms_per_update"`
	CPUTotal     float64 `json:"cpu_ms_total"`
	// WakesPerUpdate is the times the bot's threads were put on a CPU in
	// the window, per update: the events waiting costs, counted.
	WakesPerUpdate float64 `json:"wakes_per_update"`
	// DriverCPU is the load command's own CPU (fake and users) in the
	// window: it shares the machine with the bot.
	DriverCPU float64 `json:"driver_cpu_ms"`
	// IdleCPU is the bot's CPU per second while nobody writes to it,
	// measured for a second before the run; WindowSeconds is the CPU
	// window (the run and the quiet after it).
	IdleCPU float64 `json:"idle_cpu_ms_per_s"`
	// RedisCPU and PostgresCPU are the local servers' CPU in the window
	// per update (servers.go): the bot's cost that runs elsewhere.
	RedisCPU      float64 `json:"redis_cpu_ms_per_update"`
	PostgresCPU   float64 `json:"postgres_cpu_ms_per_update"`
	WindowSeconds float64 `json:"cpu_window_s"`
	PeakRSSMB     float64 `json:"peak_rss_mb"`
	// FirstReply, Pickup and Handling are p50/p99 over every update the
	// users sent: queued → first send or edit in the chat, queued →
	// delivered to the bot, delivered → that first answer.
	FirstReply pct `json:"first_reply_ms"`
	Pickup     pct `json:"pickup_ms"`
	Handling   pct `json:"handling_ms"`
	// Tap is the final press → the receipt.
	Tap pct `json:"tap_to_receipt_ms"`
	// CallsPerFlow is Bot API calls (getUpdates excluded) per completed
	// flow, by method; TooMany counts 429 answers in the run.
	CallsPerFlow map[string]float64 `json:"calls_per_flow"`
	// PollsPerUpdate is getUpdates calls per handled update: how many
	// updates a bot takes per long poll (every answered poll costs both
	// ends an HTTP round trip).
	PollsPerUpdate float64 `json:"get_updates_per_update"`
	TooMany        int     `json:"http_429"`
	LoadAvg        string  `json:"load_average"`
}

// pct is a p50 / p99 pair in milliseconds, with the mean: in a closed
// loop the mean is users / throughput whatever the order chats are served
// in, while the p50 also depends on that order (serving some chats at
// once and others late lowers the p50 and raises the p99).
type pct struct {
	P50  float64 `json:"p50"`
	P99  float64 `json:"p99"`
	Mean float64 `json:"mean"`
}

func percentiles(ds []time.Duration) pct {
	if len(ds) == 0 {
		return pct{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) float64 { return ms(s[int(p*float64(len(s)-1)+0.5)]) }
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return pct{P50: at(0.50), P99: at(0.99), Mean: ms(sum / time.Duration(len(s)))}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// latencies fills the first-reply figures from the fake's timings of the
// updates the users sent.
func (r *result) latencies(srv *telegramtest.Server, ids []int, taps []time.Duration) {
	var first, pickup, handling []time.Duration
	for _, id := range ids {
		t, ok := srv.Timing(id)
		if !ok || t.Replied.IsZero() {
			continue
		}
		first = append(first, t.FirstReply())
		pickup = append(pickup, t.Pickup())
		handling = append(handling, t.Handling())
	}
	r.FirstReply, r.Pickup, r.Handling, r.Tap = percentiles(first), percentiles(pickup), percentiles(handling), percentiles(taps)
}

// calls fills the calls per flow from the difference of two Stats.
func (r *result) calls(before, after telegramtest.Stats) {
	r.CallsPerFlow = map[string]float64{}
	for m, s := range after.Methods {
		b := before.Methods[m]
		if m == "getUpdates" {
			if r.Updates > 0 {
				r.PollsPerUpdate = float64(s.OK+s.Errors-b.OK-b.Errors) / float64(r.Updates)
			}
			continue
		}
		if n := s.OK + s.Errors - b.OK - b.Errors; n > 0 && r.Completed > 0 {
			r.CallsPerFlow[m] = float64(n) / float64(r.Completed)
		}
	}
	r.TooMany = after.TooManyRequests - before.TooManyRequests
}

// writeJSON writes the results as one JSON array.
func writeJSON(w io.Writer, rs []result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rs)
}

// writeTable writes the results as a plain table, one run a row.
func writeTable(w io.Writer, rs []result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "flow\tusers\tlimits\tflows\tupdates\twall s\tupd/s\tCPU ms/upd\twakes/upd\tRedis ms/upd\tPostgres ms/upd\tidle CPU ms/s\tdriver CPU ms\tpeak RSS MB\tfirst reply mean\tfirst reply p50/p99\tpickup p50/p99\tin bot p50/p99\ttap→receipt p50/p99\tpolls/upd\t429\tcalls per flow\tload avg")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%v\t%d\t%d\t%.1f\t%.0f\t%.3f\t%.1f\t%.3f\t%.3f\t%.2f\t%.0f\t%.1f\t%.1f ms\t%s\t%s\t%s\t%s\t%.2f\t%d\t%s\t%s\n",
			r.Flow, r.Users, onOff(r.Limits), r.Completed, r.Updates, r.WallSeconds, r.Throughput, r.CPUPerUpdate, r.WakesPerUpdate, r.RedisCPU, r.PostgresCPU, r.IdleCPU, r.DriverCPU, r.PeakRSSMB,
			r.FirstReply.Mean, r.FirstReply, r.Pickup, r.Handling, r.Tap, r.PollsPerUpdate, r.TooMany, callsText(r.CallsPerFlow), r.LoadAvg)
	}
	return tw.Flush()
}

func (p pct) String() string { return fmt.Sprintf("%.1f / %.1f ms", p.P50, p.P99) }

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// callsText lists calls per flow by method, most first.
func callsText(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %.2f", k, m[k])
	}
	return strings.Join(parts, ", ")
}
