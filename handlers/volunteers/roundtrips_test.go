package volunteers_test

import (
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// TestDaftarRoundTrips counts what each update of a complete /daftar
// costs on the wire to Postgres and Redis, and fails when an update makes
// more round trips than the figures written in the README ("Round trips
// per update"), so that a change that adds one is noticed. The counts
// include what the bot does in the background meanwhile (its pollers),
// which the long intervals set here keep out of the few milliseconds an
// update takes.
func TestDaftarRoundTrips(t *testing.T) {
	var w apptest.Wire
	h := apptest.New(t, apptest.CountWire(&w), apptest.Quiet())
	u := h.TG.NewUser(4242, "Relawan")
	time.Sleep(500 * time.Millisecond) // the start-up's one-off work (claims, erasures left) is done
	var sum *telegramtest.Message      // the summary Simpan is pressed on
	steps := []struct {
		name string
		send func() int
		want string
	}{
		{"/daftar", func() int { return u.SendCommand("/daftar") }, "nama lengkap"},
		{"name", func() int { return u.SendText("Relawan Hitung") }, "jenis pilar"},
		{"pilar", func() int { return u.SendText("PSM") }, "kecamatan"},
		{"kecamatan", func() int { return u.SendText("Panggungrejo") }, "kelurahan"},
		{"kelurahan", func() int { return u.SendText("Mayangan") }, "nomor HP"},
		{"phone", func() int { return u.SendText(apptest.TestPhone) }, "NIK"},
		{"NIK", func() int { return u.SendText(apptest.NIK(77)) }, "Periksa data"},
		{"Simpan", func() int {
			sum = u.Messages()[len(u.Messages())-1]
			id, _ := u.Press(sum, sum.CallbackData("✅ Simpan"))
			return id
		}, "menunggu verifikasi"},
	}
	var answers apptest.WireCounts // the six typed answers together
	for i, s := range steps {
		before := w.Snapshot()
		id := s.send()
		if s.name == "Simpan" { // Simpan edits the summary into the receipt
			apptest.ExpectEdited(t, u, sum, s.want)
		} else {
			apptest.Expect(t, u, s.want)
		}
		h.WaitHandled(id)
		time.Sleep(20 * time.Millisecond) // the worker's last queue step after the handler
		d := w.Snapshot().Sub(before)
		t.Logf("%-10s %s", s.name, d)
		// A new pooled connection says HELLO and CLIENT SETINFO: not the update's.
		setup := d.Redis["HELLO"] + d.Redis["CLIENT"]
		d.RedisTrips -= setup
		// Nor is a pooled Postgres connection preparing a hot statement
		// the first time it runs it, one round trip each.
		d.PostgresTrips -= d.Prepares
		switch {
		case i == 0:
			check(t, s.name, d, daftarTrips)
		case s.name == "Simpan":
			check(t, s.name, d, simpanTrips)
		default:
			answers.RedisTrips += d.RedisTrips
			answers.PostgresTrips += d.PostgresTrips
			answers.SQL += d.SQL
		}
	}
	check(t, "six answers", answers, answerTrips.times(6))
}

// trips is the most round trips an update may cost.
type trips struct{ redis, postgres int }

func (b trips) times(n int) trips { return trips{b.redis * n, b.postgres * n} }

// The figures of the README's "Round trips and CPU per update", one Redis
// round trip above its "now" column. slack is what the bot's background
// loops (the workers' idle wake-up every 500 ms, the polling lease every
// 1.7 s) may add during a step.
var (
	daftarTrips = trips{redis: 4, postgres: 1} // 3 measured, 4 when a script is loaded first
	answerTrips = trips{redis: 4, postgres: 0} // 3 measured: the poller's enqueue claims the chat and reads ahead
	simpanTrips = trips{redis: 5, postgres: 4}
)

const slack = 3

func check(t *testing.T, name string, got apptest.WireCounts, want trips) {
	t.Helper()
	if got.RedisTrips > want.redis+slack || got.PostgresTrips > want.postgres {
		t.Errorf("%s: %d Redis and %d Postgres round trips, want at most %d (+%d for background loops) and %d",
			name, got.RedisTrips, got.PostgresTrips, want.redis, slack, want.postgres)
	}
}
