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
	h := apptest.New(t, apptest.CountWire(&w), func(c *apptest.Config, _ *telegramtest.Options) {
		c.BroadcastPoll = time.Hour
		c.ReminderInterval = time.Hour
		c.BroadcastProgressEvery = time.Hour
	})
	u := h.TG.NewUser(4242, "Relawan")
	time.Sleep(500 * time.Millisecond) // the start-up's one-off work (claims, erasures left) is done
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
			sum := u.Messages()[len(u.Messages())-1]
			id, _ := u.Press(sum, sum.CallbackData("✅ Simpan"))
			return id
		}, "menunggu verifikasi"},
	}
	var total apptest.WireCounts
	for _, s := range steps {
		before := w.Snapshot()
		id := s.send()
		apptest.Expect(t, u, s.want)
		h.WaitHandled(id)
		time.Sleep(20 * time.Millisecond) // the worker's last queue step after the handler
		d := w.Snapshot().Sub(before)
		t.Logf("%-10s %s", s.name, d)
		total.PostgresTrips += d.PostgresTrips
		total.RedisTrips += d.RedisTrips
		total.SQL += d.SQL
	}
	t.Logf("total: postgres %d round trips, %d statements; redis %d round trips", total.PostgresTrips, total.SQL, total.RedisTrips)
}
