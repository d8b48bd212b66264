package volunteers_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// BenchmarkRegistrationLoad runs many volunteers through complete /daftar
// flows at once through the fake Bot API, with real Postgres and Redis, at
// an offered load of 200 updates per second, and reports throughput,
// update-to-reply latency and memory. Run it with:
//
//	go test -run '^$' -bench RegistrationLoad -benchtime 1x -benchmem ./handlers/volunteers/
//
// The fake Bot API and the simulated users run in the same process, so the
// memory and allocation figures include theirs: they are an upper bound
// for the bot.
//
// Telegram allows a bot about 30 messages per second in bulk; replies to
// 200 updates per second need more, so the global limit is raised here
// (as with paid broadcasts) to measure the bot itself, not the limit.
//
// BENCH_USERS changes the number of volunteers (400), and BENCH_LIMITS=1
// keeps the bot's real flood limits (30/s, 1/s per chat, WORKERS 32), to
// compare the CPU an update costs while replies wait for their turn.
func BenchmarkRegistrationLoad(b *testing.B) {
	volunteers := 400
	if v, err := strconv.Atoi(os.Getenv("BENCH_USERS")); err == nil && v > 0 {
		volunteers = v
	}
	offered := 200.0 // updates per second; BENCH_RATE overrides, to find the ceiling
	if v, err := strconv.ParseFloat(os.Getenv("BENCH_RATE"), 64); err == nil && v > 0 {
		offered = v
	}
	limits := os.Getenv("BENCH_LIMITS") == "1"
	var wire apptest.Wire
	opts := []apptest.Option{func(c *apptest.Config, o *telegramtest.Options) {
		c.GlobalRate = 1000
		c.ChatRate = 20
		c.Workers = 64
		if limits {
			c.GlobalRate, c.ChatRate, c.Workers = 30, 1, 32
			o.WaitTimeout = time.Minute // every reply queues for the 30 a second
		}
		c.LogLevel = 8 // errors only
	}}
	if os.Getenv("BENCH_WIRE") == "1" { // counts round trips; its proxies take CPU too
		opts = append(opts, apptest.CountWire(&wire))
	}
	h := apptest.New(b, opts...)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	var (
		mu        sync.Mutex
		latencies []time.Duration
		peakHeap  uint64
	)
	stopSampling := make(chan struct{})
	go func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stopSampling:
				return
			case <-t.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				mu.Lock()
				peakHeap = max(peakHeap, m.HeapInuse)
				mu.Unlock()
			}
		}
	}()

	limiter := rate.NewLimiter(rate.Limit(offered), 1)
	b.ResetTimer()
	cpuBefore, wireBefore := processCPU(), wire.Snapshot()
	began := time.Now()
	for round := range b.N {
		var wg sync.WaitGroup
		for i := range volunteers {
			u := h.TG.NewUser(int64(1_000_000+round*volunteers+i), "Relawan")
			wg.Add(1)
			go func() {
				defer wg.Done()
				send := func(f func() int, want string) {
					_ = limiter.Wait(context.Background())
					sent := time.Now()
					f()
					m := apptest.Expect(b, u, want)
					mu.Lock()
					latencies = append(latencies, m.SentAt.Sub(sent))
					mu.Unlock()
				}
				n := round*volunteers + i
				send(func() int { return u.SendCommand("/daftar") }, "nama lengkap")
				send(func() int {
					return u.SendText(fmt.Sprintf("Relawan Beban %c%c%c", 'A'+n/676%26, 'A'+n/26%26, 'A'+n%26))
				}, "jenis pilar")
				send(func() int { return u.SendText("PSM") }, "kecamatan")
				send(func() int { return u.SendText("Panggungrejo") }, "kelurahan")
				send(func() int { return u.SendText("Mayangan") }, "nomor HP")
				send(func() int { return u.SendText(apptest.TestPhone) }, "NIK")
				send(func() int { return u.SendText(apptest.NIK(1000 + n)) }, "Periksa data")
				sum := u.Messages()[len(u.Messages())-1]
				// Simpan edits the summary into the receipt.
				_ = limiter.Wait(context.Background())
				tapped := time.Now()
				u.Press(sum, sum.CallbackData("✅ Simpan"))
				m := apptest.ExpectEdited(b, u, sum, "menunggu verifikasi")
				mu.Lock()
				latencies = append(latencies, m.EditedAt.Sub(tapped))
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	elapsed := time.Since(began)
	cpu, wired := processCPU()-cpuBefore, wire.Snapshot().Sub(wireBefore)
	b.StopTimer()
	close(stopSampling)

	var count int
	if err := h.Store.DB().Get(&count, `SELECT count(*) FROM volunteers`); err != nil || count != b.N*volunteers {
		b.Fatalf("%d volunteers stored (err %v), want %d", count, err, b.N*volunteers)
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "updates/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(peakHeap-min(peakHeap, before.HeapInuse))/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(len(latencies))/float64(b.N), "updates/op")
	// The whole process: the bot, the fake Bot API and the simulated
	// users, so an upper bound of the bot's own CPU per update.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(latencies)), "cpu-ms/update")
	if os.Getenv("BENCH_WIRE") == "1" {
		n := float64(len(latencies))
		b.ReportMetric(float64(wired.RedisTrips)/n, "redis-trips/update")
		b.ReportMetric(float64(wired.PostgresTrips)/n, "pg-trips/update")
		b.Logf("per run: %s", wired)
	}
}

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
