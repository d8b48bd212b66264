package broadcast_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// BenchmarkBroadcast sends one announcement to 3,000 volunteers through the
// fake Bot API with Telegram's flood limits on (30/s overall, 1/s per
// chat, 429 with retry_after beyond them) and 150 ms added to every
// Answer, on real Postgres, while one volunteer keeps chatting with the
// bot. It reports the sustained rate, 429s, duplicates, losses and the
// volunteer's reply latency. It takes about 100 s; run it with:
//
//	go test -run '^$' -bench Broadcast -benchtime 1x -timeout 10m ./handlers/broadcast/
func BenchmarkBroadcast(b *testing.B) {
	const (
		recipients = 3000
		blocked    = 12
		firstID    = 200000
		latency    = 150 * time.Millisecond
	)
	h := apptest.New(b, func(c *apptest.Config, o *telegramtest.Options) {
		c.GlobalRate = 30
		c.ChatRate = 1
		c.BroadcastConcurrency = 8
		c.LogLevel = 8 // errors only
		o.Latency = latency
		o.WaitTimeout = 10 * time.Minute
	})
	ctx := context.Background()
	_, err := h.Store.DB().ExecContext(ctx, `
		INSERT INTO volunteers (telegram_id, chat_id, full_name, pilar, kelurahan_code, status,
			decided_by, decided_at, created_at, updated_at)
		SELECT $1 + g, $1 + g, 'Relawan ' || g, 'psm', '35.75.04.1006', 'verified', 9001, now(), now(), now()
		FROM generate_series(0, $2 - 1) g`, firstID, recipients)
	if err != nil {
		b.Fatal(err)
	}
	users := make([]*telegramtest.User, recipients)
	for i := range users {
		users[i] = h.TG.NewUser(int64(firstID+i), "Relawan")
		if i%(recipients/blocked) == 7 {
			users[i].Block()
		}
	}
	chatter := h.TG.NewUser(199999, "Sri")
	h.TG.SetLimits(telegramtest.DefaultLimits)

	_, confirm := apptest.Announce(b, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Apel siaga bencana besok 07.00 di GOR Untung Suropati") })
	before := h.TG.Stats()

	var (
		mu      sync.Mutex
		replies []time.Duration
		done    = make(chan struct{})
		wg      sync.WaitGroup
	)
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(1500 * time.Millisecond):
			}
			start := time.Now()
			chatter.SendCommand("/start")
			chatter.WaitNext()
			mu.Lock()
			replies = append(replies, time.Since(start))
			mu.Unlock()
		}
	})

	b.ResetTimer()
	apptest.Press(b, h.Admin, confirm, "📢 Kirim")
	apptest.WaitReport(b, h)
	b.StopTimer()
	close(done)
	wg.Wait()

	stats := h.TG.Stats()
	var first, last time.Time
	sent, dups, lost := 0, 0, 0
	for _, u := range users {
		n := stats.MessagesPerChat[u.ID]
		sent += n
		dups += max(n-1, 0)
		if n == 0 && !isBlocked(u) {
			lost++
		}
		for _, m := range u.Messages() {
			if first.IsZero() || m.SentAt.Before(first) {
				first = m.SentAt
			}
			if m.SentAt.After(last) {
				last = m.SentAt
			}
		}
	}
	rate := float64(sent-1) / last.Sub(first).Seconds()
	// Everything the flood limit counted meanwhile: the broadcast, the
	// replies to the chatting volunteer and the progress edits.
	counted := func(s telegramtest.Stats) int {
		n := s.Methods["editMessageText"].OK
		for _, c := range s.MessagesPerChat {
			n += c
		}
		return n
	}
	allRate := float64(counted(stats)-counted(before)) / last.Sub(first).Seconds()
	slices.Sort(replies)
	pct := func(p float64) time.Duration {
		if len(replies) == 0 {
			return 0
		}
		return replies[min(len(replies)-1, int(p*float64(len(replies))))]
	}
	b.ReportMetric(rate, "msgs/s")
	b.ReportMetric(allRate, "all-msgs/s")
	b.ReportMetric(float64(stats.TooManyRequests-before.TooManyRequests), "429s")
	b.ReportMetric(float64(dups), "duplicates")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(pct(0.5).Milliseconds()), "reply-p50-ms")
	b.ReportMetric(float64(pct(0.99).Milliseconds()), "reply-p99-ms")
	for m, s := range stats.Methods {
		if d := s.Errors - before.Methods[m].Errors; d > 0 {
			b.Logf("%s: %d errors during the broadcast", m, d)
		}
	}
	b.Logf("%d delivered to %d recipients (%d blocked) in %v; %d replies measured",
		sent, recipients, blocked, last.Sub(first).Round(time.Millisecond), len(replies))
}

func isBlocked(u *telegramtest.User) bool {
	return (u.ID-200000)%(3000/12) == 7
}
