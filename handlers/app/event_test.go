package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers"
	"pilarbot/handlers/app"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

func withReminderInterval(d time.Duration) apptest.Option {
	return func(c *app.Config, _ *telegramtest.Options) { c.ReminderInterval = d }
}

func pressAnswer(t testing.TB, u *telegramtest.User, m *telegramtest.Message, label, want string) {
	t.Helper()
	if a := apptest.Press(t, u, m, label); !strings.Contains(a.Text, want) {
		t.Fatalf("pressing %q answered %q, want %q", label, a.Text, want)
	}
}

func TestEventFlowTargetingRSVPAndQuota(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	start := apptest.EightOClock(h, 3)

	h.Admin.SendCommand("/acara")
	none := apptest.Expect(t, h.Admin, "Belum ada acara")
	apptest.Press(t, h.Admin, none, "➕ Buat acara baru")
	apptest.Expect(t, h.Admin, "judul acara")
	h.Admin.SendText("Simulasi Siaga Banjir <Tagana> & Warga")
	apptest.Expect(t, h.Admin, "jenis acara")
	h.Admin.SendText("Siaga bencana")
	apptest.Expect(t, h.Admin, "dimulai")
	h.Admin.SendText("01-01-2020 08.00")
	apptest.Expect(t, h.Admin, "⚠️", "sudah lewat", "dimulai")
	h.Admin.SendText(start.Format("02-01-2006") + " 08.00")
	apptest.Expect(t, h.Admin, "selesai")
	h.Admin.SendText("07.00")
	apptest.Expect(t, h.Admin, "⚠️", "sesudah jam mulai")
	h.Admin.SendText("12.00")
	apptest.Expect(t, h.Admin, "tempat acara")
	h.Admin.SendText("GOR Untung Suropati")
	pinQ := apptest.Expect(t, h.Admin, "titik lokasi")
	if b, ok := pinQ.KeyboardButton("📍 Kirim lokasi"); !ok || !b.RequestLocation {
		t.Fatalf("the pin question has no request_location button: %v", pinQ)
	}
	h.Admin.SendLocation(apptest.GorLat, apptest.GorLon)
	apptest.Expect(t, h.Admin, "Pilar mana", "Terpilih: belum ada")
	h.Admin.SendText("Selesai")
	apptest.Expect(t, h.Admin, "⚠️", "Belum ada yang dipilih")
	h.Admin.SendText("Tagana")
	apptest.Expect(t, h.Admin, "Terpilih: Tagana")
	h.Admin.SendText("PSM")
	apptest.Expect(t, h.Admin, "Terpilih: Tagana, PSM")
	h.Admin.SendText("PSM") // pressed again: removed
	apptest.Expect(t, h.Admin, "Terpilih: Tagana")
	h.Admin.SendText("✅ Selesai")
	apptest.Expect(t, h.Admin, "wilayah mana")
	h.Admin.SendText("Kec. Panggungrejo")
	apptest.Expect(t, h.Admin, "Terpilih: Kec. Panggungrejo")
	h.Admin.SendText("✅ Selesai")
	apptest.Expect(t, h.Admin, "keterangan")
	h.Admin.SendText("Membawa perlengkapan P3K.")
	apptest.Expect(t, h.Admin, "kuota")
	h.Admin.SendText("2")
	sum := apptest.Expect(t, h.Admin, "Periksa data acara", "Simulasi Siaga Banjir <Tagana> & Warga", "Siaga bencana",
		kit.FormatDateTime(start), "12.00", "Tagana", "Kec. Panggungrejo", "Titik lokasi: Ada", "Kuota: 2")
	apptest.Press(t, h.Admin, sum, "✅ Simpan")
	apptest.Expect(t, h.Admin, "Acara sudah disimpan", "GOR Untung Suropati")

	events, err := h.Store.UpcomingEventsBy(ctx, apptest.AdminID, h.Clock.Now(), 10)
	if err != nil || len(events) != 1 {
		t.Fatalf("stored events = %v, %v", events, err)
	}
	e := events[0]
	if e.Kind != "siaga_bencana" || !e.StartsAt.Equal(start) || e.EndsAt == nil || !e.EndsAt.Equal(start.Add(4*time.Hour)) ||
		fmt.Sprint(e.Pilars) != "[tagana]" || fmt.Sprint(e.Regions) != "["+apptest.KecPanggung+"]" || e.Quota == nil || *e.Quota != 2 ||
		!e.HasPin() || *e.Latitude != apptest.GorLat {
		t.Fatalf("stored event = %+v", e)
	}

	t1 := h.TG.NewUser(4101, "Teguh")
	t2 := h.TG.NewUser(4102, "Tari")
	t3 := h.TG.NewUser(4103, "Tono")
	psm := h.TG.NewUser(4104, "Puji")
	far := h.TG.NewUser(4105, "Gading")
	apptest.SeedVerified(t, h, t1, "Teguh Santoso", "tagana", apptest.KelMayangan, 101)
	apptest.SeedVerified(t, h, t2, "Tari Wulandari", "tagana", apptest.KelTrajeng, 102)
	v3 := apptest.SeedVerified(t, h, t3, "Tono Wijaya", "tagana", apptest.KelKebonsari, 103)
	apptest.SeedVerified(t, h, psm, "Puji Astuti", "psm", apptest.KelMayangan, 104)
	apptest.SeedVerified(t, h, far, "Gading Prasetyo", "tagana", apptest.KelGadingrejo, 105)

	psm.SendCommand("/jadwal")
	apptest.Expect(t, psm, "Belum ada acara")
	far.SendCommand("/jadwal")
	apptest.Expect(t, far, "Belum ada acara")

	t1.SendCommand("/jadwal")
	page := apptest.Expect(t, t1, "Jadwal acara", "Simulasi Siaga Banjir <Tagana> & Warga", kit.FormatDateTime(start),
		"GOR Untung Suropati", "0 orang akan hadir (kuota 2)", "belum menjawab")
	pressAnswer(t, t1, page, "1. Hadir", "Tercatat: Hadir")
	now := t1.Message(page.ID)
	if !strings.Contains(now.Plain, "✅ Hadir") || !strings.Contains(now.Plain, "1 orang akan hadir") || now.Edits != 1 {
		t.Fatalf("after Hadir the schedule reads %v", now)
	}
	pressAnswer(t, t1, now, "1. Hadir", "sudah tercatat") // the same answer: nothing to edit
	pressAnswer(t, t1, now, "1. Tidak hadir", "Tidak hadir")
	now = t1.Message(page.ID)
	if !strings.Contains(now.Plain, "❌ Tidak hadir") || !strings.Contains(now.Plain, "0 orang akan hadir") || now.Edits != 2 {
		t.Fatalf("after Tidak hadir the schedule reads %v", now)
	}
	pressAnswer(t, t1, now, "1. Hadir", "Tercatat: Hadir")

	t2.SendCommand("/jadwal")
	pressAnswer(t, t2, apptest.Expect(t, t2, "1 orang akan hadir"), "1. Hadir", "Tercatat: Hadir")
	t3.SendCommand("/jadwal")
	full := apptest.Expect(t, t3, "2 orang akan hadir (kuota 2)", "Kuota sudah penuh")
	pressAnswer(t, t3, full, "1. Hadir", "kuota acara ini sudah penuh")
	if a, err := h.Store.RSVPOf(ctx, e.ID, v3.ID); err == nil {
		t.Fatalf("a refused answer was stored: %+v", a)
	}
	// A place frees up when someone changes their mind.
	pressAnswer(t, t1, t1.Message(page.ID), "1. Tidak hadir", "Tidak hadir")
	pressAnswer(t, t3, t3.Message(full.ID), "1. Hadir", "Tercatat: Hadir")
	if got, _ := h.Store.EventByID(ctx, e.ID); got.Attending != 2 {
		t.Fatalf("attending = %d, want 2", got.Attending)
	}

	// Neither a volunteer of another pilar nor a forged press can answer.
	_, q := psm.PressForged(1, fmt.Sprintf("jd:y:%d:0", e.ID))
	if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "bukan untuk pilar") {
		t.Fatalf("forged RSVP answered %q", a.Text)
	}
	psm.SendCommand("/acara")
	apptest.Expect(t, psm, "hanya untuk koordinator")
	_, q = psm.PressForged(1, fmt.Sprintf("ev:cy:%d", e.ID))
	if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "hanya untuk koordinator") {
		t.Fatalf("forged cancel answered %q", a.Text)
	}
	if got, _ := h.Store.EventByID(ctx, e.ID); got.CancelledAt != nil {
		t.Fatalf("a volunteer's forged press cancelled the event")
	}
	if n := h.TG.Stats().Methods["editMessageText"].Errors; n != 0 {
		t.Fatalf("%d edits failed (message is not modified?)", n)
	}
}

// TestEventQuotaUnderConcurrency answers Hadir for many volunteers at once
// against a quota of 3.
func TestEventQuotaUnderConcurrency(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	quota := 3
	e := apptest.StoreEvent(t, h, "Bimtek PSM", apptest.EightOClock(h, 2), nil, nil, &quota, false)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, full := 0, 0
	for i := range 12 {
		u := h.TG.NewUser(int64(4200+i), "Relawan")
		v := apptest.SeedVerified(t, h, u, fmt.Sprintf("Relawan %c", 'A'+i), "psm", apptest.KelMayangan, 200+i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := h.Store.SetRSVP(ctx, e.ID, v.ID, true, h.Clock.Now())
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case strings.Contains(err.Error(), storage.ErrEventFull.Error()):
				full++
			default:
				t.Errorf("SetRSVP: %v", err)
			}
		}()
	}
	wg.Wait()
	if got, _ := h.Store.EventByID(ctx, e.ID); ok != 3 || full != 9 || got.Attending != 3 {
		t.Fatalf("ok=%d full=%d attending=%d, want 3, 9, 3", ok, full, got.Attending)
	}
}

func TestEventRemindersOnceAcrossRestartsAndInstances(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withReminderInterval(50*time.Millisecond))
	ctx := context.Background()
	start := h.Clock.Now().Add(72 * time.Hour).Truncate(time.Minute)
	e := apptest.StoreEvent(t, h, "Upacara HKSN", start, nil, nil, nil, false)

	var attendees []*telegramtest.User
	for i := range 3 {
		u := h.TG.NewUser(int64(4300+i), "Hadir")
		v := apptest.SeedVerified(t, h, u, fmt.Sprintf("Hadir %c", 'A'+i), "psm", apptest.KelMayangan, 300+i)
		if _, err := h.Store.SetRSVP(ctx, e.ID, v.ID, true, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		attendees = append(attendees, u)
	}
	changed := h.TG.NewUser(4310, "Batal")
	vc := apptest.SeedVerified(t, h, changed, "Batal Hadir", "psm", apptest.KelMayangan, 310)
	for _, yes := range []bool{true, false} {
		if _, err := h.Store.SetRSVP(ctx, e.ID, vc.ID, yes, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}

	// A second instance's scheduler against the same database.
	stopSecond := startSecondScheduler(t, h)

	h.Clock.Advance(48*time.Hour + time.Minute) // H-1 is due
	for _, u := range attendees {
		apptest.Expect(t, u, "Pengingat", "besok", "Upacara HKSN", kit.FormatDateTime(start))
	}
	h.Restart()
	for _, u := range append(attendees, changed) {
		u.ExpectNoMessage(300 * time.Millisecond)
	}

	// H-2h falls due while the bot and the second instance are down: it is
	// sent when the bot comes back.
	stopSecond()
	h.Stop()
	h.Clock.Advance(22 * time.Hour)
	h.Start()
	for _, u := range attendees {
		apptest.Expect(t, u, "Pengingat", "2 jam lagi", "Upacara HKSN")
	}
	h.Clock.Advance(3 * time.Hour) // the event has started
	for _, u := range append(attendees, changed) {
		u.ExpectNoMessage(300 * time.Millisecond)
	}
	sent, err := h.Store.RemindersSent(ctx, e.ID)
	if err != nil || sent[storage.ReminderDayBefore] != 3 || sent[storage.ReminderTwoHours] != 3 {
		t.Fatalf("reminders sent = %v, %v", sent, err)
	}

	// A reminder missed while the bot was down is not sent once the event
	// has started.
	late := apptest.StoreEvent(t, h, "Rapat Koordinasi", h.Clock.Now().Add(3*time.Hour), nil, nil, nil, false)
	if _, err := h.Store.SetRSVP(ctx, late.ID, vc.ID, true, h.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.Stop()
	h.Clock.Advance(4 * time.Hour)
	h.Start()
	changed.ExpectNoMessage(500 * time.Millisecond)
	if sent, _ := h.Store.RemindersSent(ctx, late.ID); len(sent) != 0 {
		t.Fatalf("reminders sent after the start: %v", sent)
	}
}

// startSecondScheduler runs another instance's reminder loop, with its own
// Telegram client and database connection, until the returned stop.
func startSecondScheduler(t *testing.T, h *apptest.Harness) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	client, err := bot.NewClient(ctx, bot.ClientConfig{
		Token: h.TG.Token, Endpoint: h.TG.Endpoint(), HTTPClient: h.TG.Client(),
		Limits: bot.Limits{Global: 1000, PerChat: 50},
	})
	if err != nil {
		t.Fatalf("second client: %v", err)
	}
	st, err := storage.Open(ctx, storage.Config{URL: h.Cfg.DatabaseURL})
	if err != nil {
		t.Fatalf("second store: %v", err)
	}
	r := &handlers.Reminders{Sender: client, Store: st, Now: h.Clock.Now}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(ctx, 20*time.Millisecond)
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			<-done
			st.Close()
		})
	}
	t.Cleanup(stop)
	return stop
}

func TestEventCancelAndChange(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, withReminderInterval(50*time.Millisecond))
	ctx := context.Background()
	a := h.TG.NewUser(4401, "Ayu")
	b := h.TG.NewUser(4402, "Bima")
	va := apptest.SeedVerified(t, h, a, "Ayu Lestari", "psm", apptest.KelMayangan, 401)
	vb := apptest.SeedVerified(t, h, b, "Bima Sakti", "psm", apptest.KelMayangan, 402)
	first := apptest.StoreEvent(t, h, "Lomba Pilar Berprestasi", apptest.EightOClock(h, 3), nil, nil, nil, false)
	second := apptest.StoreEvent(t, h, "Rapat Karang Taruna", apptest.EightOClock(h, 4), nil, nil, nil, false)
	for _, ev := range []*storage.Event{first, second} {
		if _, err := h.Store.SetRSVP(ctx, ev.ID, va.ID, true, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Store.SetRSVP(ctx, ev.ID, vb.ID, false, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}

	h.Admin.SendCommand("/acara")
	apptest.Expect(t, h.Admin, "Acara mendatang", "2")
	card1 := apptest.Expect(t, h.Admin, "Lomba Pilar Berprestasi", "1 orang akan hadir")
	card2 := apptest.Expect(t, h.Admin, "Rapat Karang Taruna")
	apptest.Expect(t, h.Admin, "acara baru")

	apptest.Press(t, h.Admin, card1, "🚫 Batalkan")
	confirm := apptest.Expect(t, h.Admin, "Batalkan acara", "1 relawan")
	apptest.Press(t, h.Admin, confirm, "Ya, batalkan")
	apptest.Expect(t, h.Admin, "sudah dibatalkan", "1 relawan")
	apptest.Expect(t, a, "Acara dibatalkan", "Lomba Pilar Berprestasi")
	if got, _ := h.Store.EventByID(ctx, first.ID); got.CancelledAt == nil {
		t.Fatal("the event is not cancelled")
	}
	pressAnswer(t, h.Admin, card1, "🚫 Batalkan", "sudah dibatalkan")

	// The place of the second event changes: its attendee is told.
	apptest.Press(t, h.Admin, card2, "✏️ Ubah")
	menu := apptest.Expect(t, h.Admin, "Periksa data acara", "Pilih data yang ingin diubah")
	apptest.Press(t, h.Admin, menu, "Tempat")
	apptest.Expect(t, h.Admin, "tempat acara")
	h.Admin.SendText("Pendopo Kota Pasuruan")
	sum := apptest.Expect(t, h.Admin, "Pendopo Kota Pasuruan")
	apptest.Press(t, h.Admin, sum, "✅ Simpan")
	apptest.Expect(t, h.Admin, "Perubahan acara sudah disimpan", "sudah diberi tahu")
	apptest.Expect(t, a, "Perubahan acara", "Rapat Karang Taruna", "Pendopo Kota Pasuruan")
	b.ExpectNoMessage(200 * time.Millisecond)

	// The cancelled event sends no reminders; the other one does.
	h.Clock.Advance(apptest.EightOClock(h, 3).Sub(h.Clock.Now()) - 23*time.Hour)
	a.ExpectNoMessage(500 * time.Millisecond)
	h.Clock.Advance(24 * time.Hour)
	apptest.Expect(t, a, "Pengingat", "besok", "Rapat Karang Taruna")
	b.ExpectNoMessage(200 * time.Millisecond)
}

func TestEventCheckin(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	a := h.TG.NewUser(4501, "Ayu")
	b := h.TG.NewUser(4502, "Bima")
	va := apptest.SeedVerified(t, h, a, "Ayu Lestari", "psm", apptest.KelMayangan, 501)
	vb := apptest.SeedVerified(t, h, b, "Bima Sakti", "psm", apptest.KelMayangan, 502)
	start := h.Clock.Now().Add(3 * time.Hour)
	pinned := apptest.StoreEvent(t, h, "Bimtek Pendataan", start, nil, nil, nil, true)
	unpinned := apptest.StoreEvent(t, h, "Kerja Bakti", start.Add(time.Minute), nil, nil, nil, false)
	for _, ev := range []*storage.Event{pinned, unpinned} {
		if _, err := h.Store.SetRSVP(ctx, ev.ID, va.ID, true, h.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}

	a.SendCommand("/jadwal")
	early := apptest.Expect(t, a, "Bimtek Pendataan")
	if early.CallbackData("1. Saya sudah hadir") != "" {
		t.Fatalf("check-in offered three hours early: %v", early)
	}
	_, q := a.PressForged(early.ID, fmt.Sprintf("jd:ci:%d", pinned.ID))
	if ans := h.TG.WaitCallbackAnswered(q); !strings.Contains(ans.Text, "1 jam sebelum") {
		t.Fatalf("early check-in answered %q", ans.Text)
	}

	h.Clock.Advance(2*time.Hour + 30*time.Minute)
	a.SendCommand("/jadwal")
	page := apptest.Expect(t, a, "Bimtek Pendataan", "Kerja Bakti")
	pressAnswer(t, a, page, "1. Saya sudah hadir", "kirim lokasi")
	ask := apptest.Expect(t, a, "mencatat kehadiran", "Bimtek Pendataan")
	if btn, ok := ask.KeyboardButton("📍 Kirim lokasi saya"); !ok || !btn.RequestLocation {
		t.Fatalf("no request_location button: %v", ask)
	}
	a.SendLocation(apptest.FarLat, apptest.GorLon)
	apptest.Expect(t, a, "⚠️", "sekitar 2,0 km", "batas 300 m", "Kirim lokasi saya")
	a.SendLocation(apptest.NearLat, apptest.GorLon)
	apptest.Expect(t, a, "sudah tercatat", "100 m")

	pressAnswer(t, a, a.Message(page.ID), "2. Saya sudah hadir", "kirim lokasi")
	apptest.Expect(t, a, "Kerja Bakti")
	a.SendLocation(apptest.FarLat, apptest.GorLon)
	apptest.Expect(t, a, "sudah tercatat", "tidak memiliki titik lokasi")

	// Bima answered nothing: no check-in for him.
	_, q = b.PressForged(1, fmt.Sprintf("jd:ci:%d", pinned.ID))
	if ans := h.TG.WaitCallbackAnswered(q); !strings.Contains(ans.Text, "menjawab Hadir") {
		t.Fatalf("check-in without Hadir answered %q", ans.Text)
	}
	if _, err := h.Store.RSVPOf(ctx, pinned.ID, vb.ID); err == nil {
		t.Fatal("a check-in without Hadir was stored")
	}
	att, err := h.Store.RSVPOf(ctx, pinned.ID, va.ID)
	if err != nil || att.CheckedInAt == nil || !att.Verified || att.DistanceM == nil || *att.DistanceM > 110 {
		t.Fatalf("pinned check-in = %+v, %v", att, err)
	}
	att, err = h.Store.RSVPOf(ctx, unpinned.ID, va.ID)
	if err != nil || att.CheckedInAt == nil || att.Verified {
		t.Fatalf("unpinned check-in = %+v, %v", att, err)
	}

	// The coordinator's attendance list of the running event.
	h.Clock.Advance(45 * time.Minute)
	h.Admin.SendCommand("/acara")
	apptest.Expect(t, h.Admin, "Acara mendatang")
	card := apptest.Expect(t, h.Admin, "Bimtek Pendataan")
	pressAnswer(t, h.Admin, card, "✏️ Ubah", "sudah dimulai")
	apptest.Press(t, h.Admin, card, "📋 Daftar hadir")
	for {
		m := h.Admin.WaitNext()
		if strings.Contains(m.Plain, "Daftar hadir: Bimtek Pendataan") {
			for _, want := range []string{"Menyatakan hadir: 1", "Sudah check-in: 1 (lokasi sesuai 1, tanpa titik lokasi 0)", "Ayu Lestari (PSM, Mayangan)", "✅ check-in"} {
				if !strings.Contains(m.Plain, want) {
					t.Fatalf("attendance %q lacks %q", m.Plain, want)
				}
			}
			break
		}
	}
}

func TestJadwalPaging(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(4601, "Ayu")
	apptest.SeedVerified(t, h, u, "Ayu Lestari", "karang_taruna", apptest.KelMayangan, 601)
	base := apptest.EightOClock(h, 2)
	for i := range 12 {
		apptest.StoreEvent(t, h, fmt.Sprintf("Acara ke-%02d", i+1), base.Add(time.Duration(i)*time.Hour), nil, nil, nil, false)
	}
	u.SendCommand("/jadwal")
	m := apptest.Expect(t, u, "halaman 1 dari 3, 12 acara", "Acara ke-01", "Acara ke-05")
	if strings.Contains(m.Plain, "Acara ke-06") || m.CallbackData("◀️ Sebelumnya") != "" {
		t.Fatalf("first page = %v", m)
	}
	apptest.Press(t, u, m, "Berikutnya ▶️")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 2 dari 3") || !strings.Contains(m.Plain, "Acara ke-06") || m.Edits != 1 {
		t.Fatalf("second page = %v", m)
	}
	apptest.Press(t, u, m, "Berikutnya ▶️")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 3 dari 3") || !strings.Contains(m.Plain, "12. ") || m.CallbackData("Berikutnya ▶️") != "" {
		t.Fatalf("third page = %v", m)
	}
	// An answer on page 3 keeps page 3.
	pressAnswer(t, u, m, "11. Hadir", "Tercatat: Hadir")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 3 dari 3") || !strings.Contains(m.Plain, "✅ Hadir") {
		t.Fatalf("after answering on page 3: %v", m)
	}
	// A repeated press for the page already shown edits nothing.
	_, q := u.PressForged(m.ID, "jd:p:2")
	h.TG.WaitCallbackAnswered(q)
	apptest.Press(t, u, m, "◀️ Sebelumnya")
	m = u.Message(m.ID)
	if !strings.Contains(m.Plain, "halaman 2 dari 3") || m.Edits != 4 {
		t.Fatalf("back to page 2: %v", m)
	}
	if n := len(u.Messages()); n != 1 {
		t.Fatalf("paging sent %d messages, want the one edited", n)
	}
	if n := h.TG.Stats().Methods["editMessageText"].Errors; n != 0 {
		t.Fatalf("%d edits failed", n)
	}
}
