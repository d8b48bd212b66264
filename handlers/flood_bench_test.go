package handlers_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// BenchmarkFlood: 40 users each forward 30 messages at once, and right
// after them 10 others send /start (so their updates wait behind the
// whole flood at Telegram), through the fake Bot API with Telegram's limits on
// (telegramtest.DefaultLimits: 30/s overall, 1/s per chat after a burst
// of 3, 429 beyond them), the bot's real limits and the default budget of
// 20 updates in 10 s. It reports how long the 10 calm users waited for
// their answer (p50 and p99, from the moment the update is queued at the
// fake to the moment the reply arrives there; target p99 < 3 s), how many
// messages each flooder got, and how long until every update was handled.
// BENCH_LATENCY (e.g. 150ms) adds that much to every Bot API answer.
//
//	go test -run '^$' -bench Flood -benchtime 1x -timeout 10m ./handlers/
func BenchmarkFlood(b *testing.B) {
	latency, _ := time.ParseDuration(os.Getenv("BENCH_LATENCY"))
	h := apptest.New(b, func(c *apptest.Config, o *telegramtest.Options) {
		c.GlobalRate = 30
		c.ChatRate = 1
		c.UserBurst = 20
		c.UserWindow = 10 * time.Second
		c.LogLevel = 8 // errors only
		o.Latency = latency
		o.WaitTimeout = 5 * time.Minute
	})
	h.TG.SetLimits(telegramtest.DefaultLimits)

	b.StopTimer()
	var waits []time.Duration
	var drain time.Duration
	floodMsgs := 0
	for n := range b.N {
		r := newFloodRun(h, int64(400000+n*1000))
		b.StartTimer()
		begin := time.Now()
		r.send()
		for i, u := range r.calm {
			m := u.WaitNext()
			waits = append(waits, m.SentAt.Sub(r.calmSent[i]))
		}
		for _, id := range r.ids {
			h.WaitHandled(id)
		}
		drain = max(drain, time.Since(begin))
		b.StopTimer()
		for _, u := range r.flood {
			floodMsgs += len(u.Messages())
		}
	}

	slices.Sort(waits)
	pct := func(p float64) time.Duration { return waits[min(len(waits)-1, int(p*float64(len(waits))))] }
	stats := h.TG.Stats()
	b.ReportMetric(float64(pct(0.5).Milliseconds()), "calm-p50-ms")
	b.ReportMetric(float64(pct(0.99).Milliseconds()), "calm-p99-ms")
	b.ReportMetric(float64(floodMsgs)/float64(b.N*flooders), "msgs/flooder")
	b.ReportMetric(drain.Seconds(), "drain-s")
	b.ReportMetric(float64(stats.TooManyRequests), "429s")
	for m, s := range stats.Methods {
		if s.Errors > 0 {
			b.Logf("%s: %d errors", m, s.Errors)
		}
	}
	b.Logf("calm users waited %v (sorted)", waits)
}
