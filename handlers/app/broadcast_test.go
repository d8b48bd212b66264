package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// kelKarangketu is Karangketug of Gadingrejo; the other codes are in
// event_test.go.
const kelKarangketu = "35.75.01.1001"

// seedVolunteer stores a verified volunteer (unless pending) with a chat
// in the fake and returns the user.
func seedVolunteer(t testing.TB, h *apptest.Harness, id int64, pilar, kel string, verified bool) *telegramtest.User {
	t.Helper()
	ctx := context.Background()
	u := h.TG.NewUser(id, "Relawan "+strconv.FormatInt(id, 10))
	v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: u.FirstName, Pilar: pilar, KelurahanCode: kel}
	if err := h.Store.CreateVolunteer(ctx, v); err != nil {
		t.Fatalf("seed volunteer %d: %v", id, err)
	}
	if verified {
		if _, err := h.Store.DecideVolunteer(ctx, v.ID, apptest.AdminID, true, ""); err != nil {
			t.Fatalf("verify volunteer %d: %v", id, err)
		}
	}
	return u
}

// announce walks the admin through /umumkan up to Kirim / Batal: audience,
// the picks of a multi-select, then send() sends the message. It returns
// the preview and the question with the buttons.
func announce(t testing.TB, h *apptest.Harness, audience string, picks []string, send func(u *telegramtest.User)) (preview, confirm *telegramtest.Message) {
	t.Helper()
	a := h.Admin
	a.SendCommand("/umumkan")
	apptest.Expect(t, a, "Kepada siapa")
	a.SendText(audience)
	if len(picks) > 0 {
		apptest.Expect(t, a, "Selesai")
		for _, p := range picks {
			a.SendText(p)
			apptest.Expect(t, a, "Sudah dipilih")
		}
		a.SendText("Selesai")
	}
	apptest.Expect(t, a, "Tulis isi pengumuman")
	send(a)
	apptest.Expect(t, a, "Pratinjau")
	preview = a.WaitNext()
	confirm = apptest.Expect(t, a, "Kirim pengumuman?")
	return preview, confirm
}

// waitReport waits for the final report of a broadcast.
func waitReport(t testing.TB, h *apptest.Harness) *telegramtest.Message {
	t.Helper()
	return apptest.Expect(t, h.Admin, "Laporan pengumuman")
}

func bold(off, n int) tgbotapi.MessageEntity {
	return tgbotapi.MessageEntity{Type: "bold", Offset: off, Length: n}
}

func TestBroadcastToPilarKeepsFormatting(t *testing.T) {
	h := apptest.New(t)
	psm1 := seedVolunteer(t, h, 501, "psm", kelMayangan, true)
	psm2 := seedVolunteer(t, h, 502, "psm", kelKarangketu, true)
	tagana := seedVolunteer(t, h, 503, "tagana", kelMayangan, true)
	pending := seedVolunteer(t, h, 504, "psm", kelMayangan, false)
	blocked := seedVolunteer(t, h, 505, "psm", kelMayangan, true)
	if err := h.Store.MarkUnreachable(context.Background(), blocked.ID, true); err != nil {
		t.Fatal(err)
	}

	text := "Banjir di Mayangan: tinggi air < 1 m & naik"
	preview, confirm := announce(t, h, "Per jenis pilar", []string{"PSM"}, func(u *telegramtest.User) {
		u.SendFormatted(text, []tgbotapi.MessageEntity{bold(0, 6)})
	})
	wantHTML := "<b>Banjir</b> di Mayangan: tinggi air &lt; 1 m &amp; naik"
	if preview.Text != wantHTML || preview.Plain != text {
		t.Fatalf("preview = %q (%q), want %q", preview.Text, preview.Plain, wantHTML)
	}
	if !strings.Contains(confirm.Plain, "Jumlah: 2 relawan") || !strings.Contains(confirm.Plain, "pilar PSM") {
		t.Fatalf("confirm = %q", confirm.Plain)
	}
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	report := waitReport(t, h)
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
	apptest.Expect(t, h.Admin, "Riwayat pengumuman", "pilar PSM", "Terkirim 2/2")
}

func TestBroadcastToKelurahanWithPhoto(t *testing.T) {
	h := apptest.New(t)
	may := seedVolunteer(t, h, 601, "karang_taruna", kelMayangan, true)
	tra := seedVolunteer(t, h, 602, "tagana", kelTrajeng, true)
	other := seedVolunteer(t, h, 603, "psm", kelKarangketu, true)
	preview, confirm := announce(t, h, "Per kelurahan", []string{"Mayangan", "Trajeng", "Bukir", "Bukir"}, func(u *telegramtest.User) {
		u.SendPhotoFormatted("Lokasi posko baru", []tgbotapi.MessageEntity{bold(0, 6)})
	})
	if preview.PhotoFileID == "" || preview.Caption != "<b>Lokasi</b> posko baru" {
		t.Fatalf("preview = %+v", preview)
	}
	if !strings.Contains(confirm.Plain, "Kelurahan Mayangan, Trajeng") || !strings.Contains(confirm.Plain, "Jumlah: 2 relawan") {
		t.Fatalf("confirm = %q", confirm.Plain)
	}
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	waitReport(t, h)
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
	u := seedVolunteer(t, h, 701, "psm", kelMayangan, true)
	_, confirm := announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Rapat besok") })
	apptest.Press(t, h.Admin, confirm, "❌ Batal")
	if got := h.Admin.Message(confirm.ID).Plain; !strings.Contains(got, "dibatalkan") {
		t.Fatalf("after Batal: %q", got)
	}
	u.ExpectNoMessage(300 * time.Millisecond)
}

func TestBroadcastRefusedToVolunteers(t *testing.T) {
	h := apptest.New(t)
	vol := seedVolunteer(t, h, 801, "psm", kelMayangan, true)
	vol.SendCommand("/umumkan")
	apptest.Expect(t, vol, "hanya untuk koordinator")

	_, confirm := announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Rapat besok") })
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
	var users []*telegramtest.User
	for i := range 6 {
		users = append(users, seedVolunteer(t, h, int64(900+i), "tagana", kelMayangan, true))
	}
	users[1].Block()
	users[4].Block()
	_, confirm := announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Siaga banjir") })
	h.TG.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", 1)
	start := time.Now()
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	report := waitReport(t, h)
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
	h := apptest.New(t, func(c *app.Config, o *telegramtest.Options) {
		c.BroadcastConcurrency = 2
		o.Latency = 200 * time.Millisecond
	})
	var users []*telegramtest.User
	for i := range recipients {
		users = append(users, seedVolunteer(t, h, int64(1000+i), "psm", kelMayangan, true))
	}
	_, confirm := announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Apel siaga") })
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	waitSent(t, h, 3)
	h.Restart() // like SIGTERM: sends in flight finish and are recorded
	waitReport(t, h)
	stats := h.TG.Stats()
	for _, u := range users {
		if n := stats.MessagesPerChat[u.ID]; n != 1 {
			t.Errorf("chat %d got %d messages, want exactly 1", u.ID, n)
		}
	}
}

func TestBroadcastResumesAfterCrash(t *testing.T) {
	const (
		recipients  = 9
		concurrency = 3
	)
	h := apptest.New(t, func(c *app.Config, o *telegramtest.Options) {
		c.BroadcastConcurrency = concurrency
		c.BroadcastLease = time.Second
		c.BroadcastGrace = time.Millisecond // the process dies with sends in flight
		o.Latency = 300 * time.Millisecond
	})
	var users []*telegramtest.User
	for i := range recipients {
		users = append(users, seedVolunteer(t, h, int64(1100+i), "psm", kelMayangan, true))
	}
	_, confirm := announce(t, h, "Semua relawan", nil, func(a *telegramtest.User) { a.SendText("Apel siaga") })
	apptest.Press(t, h.Admin, confirm, "📢 Kirim")
	waitSent(t, h, concurrency) // the first round is recorded, the second is in flight
	h.Restart()
	waitReport(t, h)

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
