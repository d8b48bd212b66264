package volunteers_test

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

// BenchmarkTapToReceipt measures the time from a press of Simpan on the
// /daftar summary to the receipt showing in the volunteer's chat, with
// Telegram's flood limits on in the fake (30 messages a second, 1 a second
// per chat after a burst of 3) and the bot's own limits at their defaults.
// The volunteers answer each question as soon as it arrives and tap
// Simpan at once (read=0s), so the chat's burst is spent when they tap:
// the case the issue measured; or after reading the summary for a second
// (read=1s), which gives the chat one message back. Run it with:
//
//	go test -run '^$' -bench TapToReceipt -benchtime 1x ./handlers/volunteers/
//
// The receipt is found wherever it shows (an edit of the summary or a new
// message), so the same benchmark measures the old behaviour too.
func BenchmarkTapToReceipt(b *testing.B) {
	for _, c := range []struct {
		n    int
		read time.Duration
	}{{1, 0}, {20, 0}, {1, time.Second}, {20, time.Second}} {
		n := c.n
		b.Run(fmt.Sprintf("volunteers=%d/read=%v", n, c.read), func(b *testing.B) {
			h := apptest.New(b, func(c *apptest.Config, o *telegramtest.Options) {
				o.EnforceLimits = true
				c.GlobalRate, c.ChatRate = 30, 1
				c.LogLevel = 8 // errors only
			})
			var (
				mu    sync.Mutex
				waits []time.Duration
			)
			b.ResetTimer()
			for round := range b.N {
				var wg sync.WaitGroup
				for i := range n {
					u := h.TG.NewUser(int64(2_000_000+round*n+i), "Relawan")
					wg.Add(1)
					go func() {
						defer wg.Done()
						nik := apptest.NIK(5000 + round*n + i)
						sum := apptest.Register(b, u, fmt.Sprintf("Relawan Ketuk %c%c", 'A'+(round*n+i)/26%26, 'A'+(round*n+i)%26),
							"PSM", "Panggungrejo", "Mayangan", nik)
						time.Sleep(c.read)
						tapped := time.Now()
						u.Press(sum, sum.CallbackData("✅ Simpan"))
						shown := receiptShown(b, u, "menunggu verifikasi")
						mu.Lock()
						waits = append(waits, shown.Sub(tapped))
						mu.Unlock()
					}()
				}
				wg.Wait()
			}
			b.StopTimer()
			slices.Sort(waits)
			ms := func(p float64) float64 {
				return float64(waits[int(p*float64(len(waits)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(ms(0.50), "tap-receipt-p50-ms")
			b.ReportMetric(ms(0.99), "tap-receipt-p99-ms")
			b.ReportMetric(float64(h.TG.Stats().TooManyRequests), "429s")
		})
	}
}

// receiptShown waits until a bot message in u's chat, sent or edited,
// shows want, and returns when the fake received that call.
func receiptShown(b *testing.B, u *telegramtest.User, want string) time.Time {
	deadline := time.After(30 * time.Second)
	for {
		changed := u.Server().Changes()
		for _, m := range u.Messages() {
			if !strings.Contains(m.Plain, want) {
				continue
			}
			if !m.EditedAt.IsZero() {
				return m.EditedAt
			}
			return m.SentAt
		}
		select {
		case <-changed:
		case <-deadline:
			b.Fatalf("chat %d: no receipt showing %q after 30 s", u.ID, want)
		}
	}
}
