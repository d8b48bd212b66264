package app_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// BenchmarkWebhook measures webhook mode on this machine with 1 and with 3
// instances (in one process, on the same Postgres and Redis):
// coordinators send 10 /cari queries each, posted to random instances as
// Telegram delivers (each chat's next update once the last was answered
// 200, 40 requests at once). "burst": 300 chats post all 3,000 updates as
// fast as they are taken; "paced-300": 150 chats' 1,500 updates at 300 a
// second. It reports the updates per second acknowledged (answered 200)
// and handled (replied to), and the time from an update's first POST to
// its reply (p50, p99). Run it with:
//
//	go test -run '^$' -bench Webhook -benchtime 1x ./handlers/app/
//
// Telegram allows about 30 messages a second; the global limit is raised
// here to measure the bot, not the limit.
func BenchmarkWebhook(b *testing.B) {
	for _, n := range []int{1, 3} {
		b.Run(fmt.Sprintf("replicas=%d/burst", n), func(b *testing.B) {
			for range b.N {
				benchWebhook(b, n, 300, 0)
			}
		})
		b.Run(fmt.Sprintf("replicas=%d/paced-300", n), func(b *testing.B) {
			for range b.N {
				benchWebhook(b, n, 150, 300)
			}
		})
	}
}

// benchWebhook sends chats × 10 updates to replicas instances, all at
// once (rate 0) or paced to rate updates a second.
func benchWebhook(b *testing.B, replicas, chats int, rate float64) {
	const perChat = 10
	h := apptest.New(b, apptest.Webhook(), func(c *apptest.Config, _ *telegramtest.Options) {
		c.GlobalRate = 1000
		c.LogLevel = 8 // errors only
	})
	addrs := []string{h.Cfg.HTTPAddr}
	for len(addrs) < replicas {
		addrs = append(addrs, h.StartReplica(nil).Cfg.HTTPAddr)
	}
	ids := make([]int64, chats)
	users := make([]*telegramtest.User, chats)
	for c := range chats {
		ids[c] = int64(20000 + c)
		users[c] = apptest.AddCoordinator(b, h, ids[c], fmt.Sprintf("Koordinator %d", c))
	}
	var mu sync.Mutex
	posted := map[string]time.Time{} // query → its first POST
	load := &apptest.WebhookLoad{Addrs: addrs, Chats: ids, PerChat: perChat, FirstID: 700000, Rate: rate,
		Text: func(c, i int) string { return "/cari " + apptest.SearchQuery(c, i) }}
	load.Posted = func(id int, began time.Time) {
		c, i := (id-load.FirstID)/perChat, (id-load.FirstID)%perChat
		mu.Lock()
		posted[apptest.SearchQuery(c, i)] = began
		mu.Unlock()
	}
	b.ResetTimer()
	start := time.Now()
	if err := load.Run(); err != nil {
		b.Fatal(err)
	}
	acked := time.Since(start)
	for c := range chats {
		for i := range perChat {
			h.WaitHandled(load.ID(c, i))
		}
	}
	waitAllReplies(b, users, perChat)
	handled := time.Since(start)
	b.StopTimer()

	var lat []time.Duration
	for _, u := range users {
		for _, m := range u.Messages() {
			q := strings.TrimSuffix(strings.TrimPrefix(m.Plain, "Tidak ada relawan yang cocok dengan "), ".")
			if at, ok := posted[q]; ok {
				lat = append(lat, m.SentAt.Sub(at))
			}
		}
	}
	if len(lat) != chats*perChat {
		b.Fatalf("%d replies matched, want %d", len(lat), chats*perChat)
	}
	slices.Sort(lat)
	total := float64(chats * perChat)
	b.ReportMetric(total/acked.Seconds(), "acked/s")
	b.ReportMetric(total/handled.Seconds(), "handled/s")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
}

// waitAllReplies waits until every user has n messages.
func waitAllReplies(b *testing.B, users []*telegramtest.User, n int) {
	deadline := time.Now().Add(time.Minute)
	for _, u := range users {
		for len(u.Messages()) < n {
			if time.Now().After(deadline) {
				b.Fatalf("chat %d has %d replies", u.ID, len(u.Messages()))
			}
			time.Sleep(time.Millisecond)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
