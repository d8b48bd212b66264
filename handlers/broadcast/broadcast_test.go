package broadcast_test

import (
	"context"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// bold is the entity of a bold run of n characters at off.
func bold(off, n int) tgbotapi.MessageEntity {
	return tgbotapi.MessageEntity{Type: "bold", Offset: off, Length: n}
}

func TestBroadcastToPilarKeepsFormatting(t *testing.T) {
	h := apptest.New(t)
	psm1 := apptest.SeedUser(t, h, 501, "psm", apptest.KelMayangan, true)
	psm2 := apptest.SeedUser(t, h, 502, "psm", apptest.KelKarangketu, true)
	tagana := apptest.SeedUser(t, h, 503, "tagana", apptest.KelMayangan, true)
	pending := apptest.SeedUser(t, h, 504, "psm", apptest.KelMayangan, false)
	blocked := apptest.SeedUser(t, h, 505, "psm", apptest.KelMayangan, true)
	if err := h.Store.MarkUnreachable(context.Background(), blocked.ID, true); err != nil {
		t.Fatal(err)
	}

	text := "Banjir di Mayangan: tinggi air < 1 m & naik"
	preview, confirm := apptest.Announce(t, h, "Per jenis pilar", []string{"PSM"}, func(u *telegramtest.User) {
		u.SendFormatted(text, []tgbotapi.MessageEntity{bold(0, 6)})
	})
	wantHTML := "<b>Banjir</b> di Mayangan: tinggi air &lt; 1 m &amp; naik"
	if preview.Text != wantHTML || preview.Plain != text {
		t.Fatalf("preview = %q (%q), want %q", preview.Text, preview.Plain, wantHTML)
	}
	if !strings.Contains(confirm.Plain, "Jumlah: 2 relawan") || !strings.Contains(confirm.Plain, "seluruh kota · PSM") {
		t.Fatalf("confirm = %q", confirm.Plain)
	}
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	report := apptest.WaitReport(t, h)
	for _, w := range []string{"Terkirim: 2", "Memblokir bot: 0", "Gagal: 0"} {
		if !strings.Contains(report.Plain, w) {
			t.Errorf("report %q lacks %q", report.Plain, w)
		}
	}
	for _, u := range []*telegramtest.User{psm1, psm2} {
		msgs := u.Messages()
		if len(msgs) != 1 || msgs[0].Text != wantHTML || len(msgs[0].Entities) != 1 || msgs[0].Entities[0].Type != "bold" {
			t.Errorf("chat %d got %v", u.ID, msgs)
		}
	}
	for _, u := range []*telegramtest.User{tagana, pending, blocked} {
		if n := len(u.Messages()); n != 0 {
			t.Errorf("chat %d outside the audience got %d messages", u.ID, n)
		}
	}
	progress := h.Admin.Message(confirm.ID)
	if !strings.Contains(progress.Plain, "selesai dikirim") || !strings.Contains(progress.Plain, "Terkirim 2/2, gagal 0") {
		t.Errorf("progress message = %q", progress.Plain)
	}
	if len(progress.Buttons()) != 0 {
		t.Errorf("progress message still has buttons %v", progress.Buttons())
	}

	h.Admin.SendCommand("/umumkan riwayat")
	apptest.Expect(t, h.Admin, "Riwayat pengumuman", "seluruh kota · PSM", "Terkirim 2/2")
}

func TestBroadcastToKelurahanWithPhoto(t *testing.T) {
	h := apptest.New(t)
	may := apptest.SeedUser(t, h, 601, "karang_taruna", apptest.KelMayangan, true)
	tra := apptest.SeedUser(t, h, 602, "tagana", apptest.KelTrajeng, true)
	other := apptest.SeedUser(t, h, 603, "psm", apptest.KelKarangketu, true)
	preview, confirm := apptest.Announce(t, h, "Per kelurahan", []string{"Mayangan", "Trajeng", "Bukir", "Bukir"}, func(u *telegramtest.User) {
		u.SendPhotoFormatted("Lokasi posko baru", []tgbotapi.MessageEntity{bold(0, 6)})
	})
	if preview.PhotoFileID == "" || preview.Caption != "<b>Lokasi</b> posko baru" {
		t.Fatalf("preview = %+v", preview)
	}
	if !strings.Contains(confirm.Plain, "Kel. Mayangan, Kel. Trajeng · semua pilar") || !strings.Contains(confirm.Plain, "Jumlah: 2 relawan") {
		t.Fatalf("confirm = %q", confirm.Plain)
	}
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	apptest.WaitReport(t, h)
	for _, u := range []*telegramtest.User{may, tra} {
		if msgs := u.Messages(); len(msgs) != 1 || msgs[0].PhotoFileID != preview.PhotoFileID {
			t.Errorf("chat %d got %v", u.ID, msgs)
		}
	}
	if n := len(other.Messages()); n != 0 {
		t.Errorf("Karangketug got %d messages", n)
	}
}

func TestBroadcastCancel(t *testing.T) {
	h := apptest.New(t)
	u := apptest.SeedUser(t, h, 701, "psm", apptest.KelMayangan, true)
	_, confirm := apptest.Announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Rapat besok") })
	apptest.Press(t, h.Admin, confirm, "❌ Batal")
	if got := h.Admin.Message(confirm.ID).Plain; !strings.Contains(got, "dibatalkan") {
		t.Fatalf("after Batal: %q", got)
	}
	u.ExpectNoMessage(300 * time.Millisecond)
}

func TestBroadcastRefusedToVolunteers(t *testing.T) {
	h := apptest.New(t)
	vol := apptest.SeedUser(t, h, 801, "psm", apptest.KelMayangan, true)
	vol.SendCommand("/umumkan")
	apptest.Expect(t, vol, "hanya untuk koordinator")

	_, confirm := apptest.Announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Rapat besok") })
	data := confirm.CallbackData("📢 Kirim")
	_, qid := vol.PressForged(1, data)
	if ans := h.TG.WaitCallbackAnswered(qid); !strings.Contains(ans.Text, "hanya untuk koordinator") {
		t.Fatalf("forged press answered %q", ans.Text)
	}
	id, _ := strconv.ParseInt(data[strings.LastIndex(data, ":")+1:], 10, 64)
	b, err := h.Store.BroadcastByID(context.Background(), id)
	if err != nil || b.Status != storage.BroadcastDraft {
		t.Fatalf("broadcast after forged press: %+v, %v", b, err)
	}
	vol.ExpectNoMessage(300 * time.Millisecond)
}

func TestBroadcastBlockedAndFlooded(t *testing.T) {
	h := apptest.New(t)
	users := seedUsers(t, h, 900, 6, "tagana")
	users[1].Block()
	users[4].Block()
	_, confirm := apptest.Announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Siaga banjir") })
	h.TG.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", 1)
	start := time.Now()
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	report := apptest.WaitReport(t, h)
	if d := time.Since(start); d < time.Second {
		t.Errorf("broadcast finished %v after a 429 with retry_after 1", d)
	}
	for _, w := range []string{"Terkirim: 4", "Memblokir bot: 2", "Gagal: 0"} {
		if !strings.Contains(report.Plain, w) {
			t.Errorf("report %q lacks %q", report.Plain, w)
		}
	}
	stats := h.TG.Stats()
	if stats.TooManyRequests != 1 {
		t.Errorf("%d 429 answers, want the 1 injected", stats.TooManyRequests)
	}
	for i, u := range users {
		want := 1
		if i == 1 || i == 4 {
			want = 0
		}
		if n := stats.MessagesPerChat[u.ID]; n != want {
			t.Errorf("chat %d got %d messages, want %d", u.ID, n, want)
		}
		v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
		if err != nil || v.Unreachable != (want == 0) {
			t.Errorf("volunteer %d unreachable = %v, %v", u.ID, v.Unreachable, err)
		}
	}
}

// TestBroadcastUbahPesan replaces the message from the preview: the
// audience stays, the old draft cannot be sent any more.
func TestBroadcastUbahPesan(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	psm := apptest.SeedUser(t, h, 5301, "psm", apptest.KelMayangan, true)
	other := apptest.SeedUser(t, h, 5302, "tagana", apptest.KelMayangan, true)
	_, confirm := apptest.Announce(t, h, "Per jenis pilar", []string{"PSM"}, func(u *telegramtest.User) { u.SendText("Rapat besk") })
	old := confirm.CallbackData("📢 Kirim")
	apptest.Press(t, h.Admin, confirm, "✏️ Ubah pesan")
	apptest.Expect(t, h.Admin, "Tulis isi pengumuman")
	h.Admin.SendText("Rapat besok")
	_, again := apptest.ExpectPreview(t, h.Admin, "seluruh kota · PSM", "Jumlah: 1 relawan")
	_, q := h.Admin.PressForged(confirm.ID, old)
	if ans := h.TG.WaitCallbackAnswered(q); ans.Text == "" {
		t.Errorf("the replaced draft's Kirim was answered with nothing")
	}
	apptest.Press(t, h.Admin, again, "📢 Kirim")
	apptest.WaitReport(t, h)
	if msgs := psm.Messages(); len(msgs) != 1 || msgs[0].Plain != "Rapat besok" {
		t.Errorf("recipient got %v", msgs)
	}
	if n := len(other.Messages()); n != 0 {
		t.Errorf("a Tagana volunteer got %d messages", n)
	}
}

// seedUsers stores n verified volunteers of one pilar in Mayangan, with
// the Telegram ids from first on.
func seedUsers(t testing.TB, h *apptest.Harness, first int64, n int, pilar string) []*telegramtest.User {
	t.Helper()
	users := make([]*telegramtest.User, n)
	for i := range users {
		users[i] = apptest.SeedUser(t, h, first+int64(i), pilar, apptest.KelMayangan, true)
	}
	return users
}

// sentCount counts the outbox rows of the only started broadcast marked
// sent.
func sentCount(t testing.TB, h *apptest.Harness) int {
	t.Helper()
	var n int
	if err := h.Store.DB().Get(&n, `SELECT count(*) FROM broadcast_outbox WHERE status = 'sent'`); err != nil {
		t.Fatal(err)
	}
	return n
}

// heldClaims returns the holder of each outbox row pending under a claim,
// by chat.
func heldClaims(t testing.TB, h *apptest.Harness) map[int64]string {
	t.Helper()
	var rows []struct {
		ChatID    int64  `db:"chat_id"`
		ClaimedBy string `db:"claimed_by"`
	}
	if err := h.Store.DB().Select(&rows, `SELECT chat_id, claimed_by FROM broadcast_outbox
		WHERE status = 'pending' AND claimed_by <> ''`); err != nil {
		t.Fatal(err)
	}
	held := map[int64]string{}
	for _, r := range rows {
		held[r.ChatID] = r.ClaimedBy
	}
	return held
}

func waitSent(t testing.TB, h *apptest.Harness, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for sentCount(t, h) < n {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d rows sent after 20 s", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestBroadcastSurvivesRestart(t *testing.T) {
	const recipients = 12
	h := apptest.New(t, func(c *apptest.Config, o *telegramtest.Options) {
		c.BroadcastConcurrency = 2
		o.Latency = 200 * time.Millisecond
	})
	users := seedUsers(t, h, 1000, recipients, "psm")
	_, confirm := apptest.Announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Apel siaga") })
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	waitSent(t, h, 3)
	h.Restart() // like SIGTERM: sends in flight finish and are recorded
	apptest.WaitReport(t, h)
	stats := h.TG.Stats()
	for _, u := range users {
		if n := stats.MessagesPerChat[u.ID]; n != 1 {
			t.Errorf("chat %d got %d messages, want exactly 1", u.ID, n)
		}
	}
}

// TestBroadcastResumesAfterCrash stops the bot with sends in flight and no
// grace, so its claims stay behind as a killed process leaves them, never
// renewed. The next instance sends every unclaimed recipient at once and
// takes over the dead one's within BROADCAST_LEASE (the default, 15 s on
// the bot's clock), not after the old 2 minutes; nobody is skipped.
func TestBroadcastResumesAfterCrash(t *testing.T) {
	const (
		recipients  = 9
		concurrency = 3
	)
	h := apptest.New(t, func(c *apptest.Config, o *telegramtest.Options) {
		c.BroadcastConcurrency = concurrency
		c.BroadcastGrace = time.Millisecond // the process dies with sends in flight
		o.Latency = 300 * time.Millisecond
	})
	users := seedUsers(t, h, 1100, recipients, "psm")
	_, confirm := apptest.Announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Apel siaga") })
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	waitSent(t, h, concurrency) // the first round is recorded, the second is in flight
	h.Stop()
	held := heldClaims(t, h)
	if len(held) == 0 {
		t.Fatal("no claim was left behind: the crash did not catch a send in flight")
	}

	h.Start()
	waitSent(t, h, recipients-len(held)) // everyone the dead instance did not hold
	if now := heldClaims(t, h); !maps.Equal(now, held) {
		t.Fatalf("claims %v became %v before the lease passed", held, now)
	}
	h.Clock.Advance(15 * time.Second) // the default lease, as the README promises
	apptest.WaitReport(t, h)

	stats := h.TG.Stats()
	extra := 0
	for _, u := range users {
		n := stats.MessagesPerChat[u.ID]
		if n < 1 {
			t.Errorf("chat %d was skipped", u.ID)
		}
		extra += max(n-1, 0)
	}
	// Telegram has no idempotency key: a message in flight at the crash
	// may arrive and still be sent again. Never more than the concurrency.
	if extra > concurrency {
		t.Errorf("%d duplicates, want at most %d (the sends in flight)", extra, concurrency)
	}
	if n := sentCount(t, h); n != recipients {
		t.Errorf("%d rows marked sent, want %d", n, recipients)
	}
	t.Logf("duplicates after the crash: %d (bound %d)", extra, concurrency)
}
