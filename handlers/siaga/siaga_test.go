package siaga_test

import (
	"strings"
	"sync"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// startCallup walks coordinator c through /siaga for Tagana with a
// message and no pin, presses Kirim siaga and returns the tally message:
// the summary's prompt, edited into it.
func startCallup(t *testing.T, c *telegramtest.User, text string) *telegramtest.Message {
	t.Helper()
	c.SendCommand("/siaga")
	apptest.Expect(t, c, "Siapa yang dipanggil?")
	c.SendText("Tagana")
	apptest.Expect(t, c, "Tulis pesan singkat")
	c.SendText(text)
	apptest.Expect(t, c, "titik kumpul")
	c.SendText("Lewati")
	sum := apptest.ExpectSummary(t, c, "Periksa panggilan siaga", "Tagana seluruh kota")
	apptest.Press(t, c, sum, "🚨 Kirim siaga")
	return tallyOf(t, c, sum)
}

// tallyOf returns the tally that the pressed summary sum became: it says
// the call-up is being prepared, or already counts (the tally loop may
// have edited it once more).
func tallyOf(t *testing.T, c *telegramtest.User, sum *telegramtest.Message) *telegramtest.Message {
	t.Helper()
	return c.WaitMessage(sum.ID, "the tally", func(m *telegramtest.Message) bool {
		return strings.Contains(m.Plain, "sedang disiapkan") || strings.Contains(m.Plain, "Belum menjawab")
	})
}

// waitTally waits until the tally message shows every want.
func waitTally(t *testing.T, c *telegramtest.User, tally *telegramtest.Message, want ...string) *telegramtest.Message {
	t.Helper()
	return c.WaitMessage(tally.ID, strings.Join(want, " / "), func(m *telegramtest.Message) bool {
		for _, w := range want {
			if !strings.Contains(m.Plain, w) {
				return false
			}
		}
		return true
	})
}

// TestCallupAnswersAndTally: a call-up reaches the Tagana only; Siap with
// an arrival, Tidak bisa and a change of mind are counted; the tally is
// edited to the exact counts; after Tutup siaga a late press is answered
// "Siaga sudah ditutup".
func TestCallupAnswersAndTally(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	a := apptest.SeedUser(t, h, 7101, "tagana", apptest.KelMayangan, true)
	b := apptest.SeedUser(t, h, 7102, "tagana", apptest.KelTrajeng, true)
	c := apptest.SeedUser(t, h, 7103, "tagana", apptest.KelKarangketu, true)
	psm := apptest.SeedUser(t, h, 7104, "psm", apptest.KelMayangan, true)

	tally := startCallup(t, h.Admin, "Banjir di Kelurahan Kebonsari, kumpul di Posko Kali Gembong")
	calls := map[*telegramtest.User]*telegramtest.Message{}
	for _, u := range []*telegramtest.User{a, b, c} {
		calls[u] = apptest.Expect(t, u, "PANGGILAN SIAGA", "Kali Gembong")
	}
	psm.ExpectNoMessage(300 * 1e6)

	apptest.Press(t, a, calls[a], "✅ Siap berangkat")
	ask := a.Message(calls[a].ID)
	if !strings.Contains(ask.Plain, "Kapan Bapak/Ibu bisa tiba") {
		t.Fatalf("after Siap: %q", ask.Plain)
	}
	apptest.Press(t, a, ask, "≤ 30 menit")
	apptest.Press(t, b, calls[b], "✅ Siap berangkat")
	apptest.Press(t, c, calls[c], "❌ Tidak bisa")
	// c changes their mind: Siap, within the hour.
	apptest.Press(t, c, c.Message(calls[c].ID), "✅ Siap berangkat")
	apptest.Press(t, c, c.Message(calls[c].ID), "≤ 1 jam")

	m := waitTally(t, h.Admin, tally, "Siap: 3", "≤ 30 menit: 1", "≤ 1 jam: 1", "belum memilih waktu: 1", "Tidak bisa: 0", "Belum menjawab: 0", "Terkirim 3/3")
	apptest.Press(t, h.Admin, m, "🔒 Tutup siaga")
	waitTally(t, h.Admin, tally, "Siaga ditutup")
	if got := apptest.Press(t, b, b.Message(calls[b].ID), "≤ 1 jam"); got.Text != "Siaga sudah ditutup." {
		t.Errorf("a late press was answered %q", got.Text)
	}
}

// TestTallyExactAfterConcurrentPresses: 30 Tagana press at once, some
// twice; the tally counts each once with their last answer.
func TestTallyExactAfterConcurrentPresses(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	const n = 30
	users := make([]*telegramtest.User, n)
	for i := range users {
		users[i] = apptest.SeedUser(t, h, int64(7200+i), "tagana", apptest.KelMayangan, true)
	}
	tally := startCallup(t, h.Admin, "Kebakaran di Trajeng")
	calls := make([]*telegramtest.Message, n)
	for i, u := range users {
		calls[i] = apptest.Expect(t, u, "PANGGILAN SIAGA")
	}
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Go(func() {
			switch i % 3 {
			case 0:
				apptest.Press(t, u, calls[i], "✅ Siap berangkat")
				apptest.Press(t, u, u.Message(calls[i].ID), "≤ 30 menit")
			case 1:
				apptest.Press(t, u, calls[i], "❌ Tidak bisa")
			}
		})
	}
	wg.Wait()
	waitTally(t, h.Admin, tally, "Siap: 10", "≤ 30 menit: 10", "Tidak bisa: 10", "Belum menjawab: 10", "Gagal terkirim: 0")
}
