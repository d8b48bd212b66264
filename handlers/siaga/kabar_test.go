package siaga_test

import (
	"testing"
	"time"

	"pilarbot/handlers/apptest"
)

// TestKirimKabarReachesOnlyTheReady: Kirim kabar goes to the volunteers
// who answered Siap berangkat, not to those who said Tidak bisa or did not
// answer, and the coordinator is told how many it went to.
func TestKirimKabarReachesOnlyTheReady(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ready := apptest.SeedUser(t, h, 7301, "tagana", apptest.KelMayangan, true)
	unable := apptest.SeedUser(t, h, 7302, "tagana", apptest.KelTrajeng, true)
	silent := apptest.SeedUser(t, h, 7303, "tagana", apptest.KelKarangketu, true)

	tally := startCallup(t, h.Admin, "Banjir di Kelurahan Kebonsari, kumpul di Posko Kali Gembong")
	callReady := apptest.Expect(t, ready, "PANGGILAN SIAGA")
	callUnable := apptest.Expect(t, unable, "PANGGILAN SIAGA")
	apptest.Expect(t, silent, "PANGGILAN SIAGA")
	apptest.Press(t, ready, callReady, "✅ Siap berangkat")
	apptest.Press(t, ready, ready.Message(callReady.ID), "≤ 30 menit")
	apptest.Press(t, unable, callUnable, "❌ Tidak bisa")

	m := waitTally(t, h.Admin, tally, "Siap: 1", "Tidak bisa: 1", "Belum menjawab: 1")
	apptest.Press(t, h.Admin, m, "📣 Kirim kabar")
	apptest.Expect(t, h.Admin, "Tulis kabar untuk relawan")
	h.Admin.SendText("Titik kumpul pindah ke Balai Kelurahan Trajeng.")
	apptest.Expect(t, h.Admin, "Kabar dikirim ke 1 relawan yang siap")

	apptest.Expect(t, ready, "Kabar siaga", "Balai Kelurahan Trajeng")
	unable.ExpectNoMessage(500 * time.Millisecond)
	silent.ExpectNoMessage(100 * time.Millisecond)
}
