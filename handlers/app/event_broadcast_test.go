package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// TestAnnounceEventNow creates an event for Tagana of Panggungrejo with
// /acara, presses "Umumkan sekarang" and Kirim: exactly the invited
// verified volunteers receive the event's details.
func TestAnnounceEventNow(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	start := apptest.EightOClock(h, 2)

	tagMay := h.TG.NewUser(5101, "Teguh")
	tagTra := h.TG.NewUser(5102, "Tari")
	psmMay := h.TG.NewUser(5103, "Puji")
	tagGad := h.TG.NewUser(5104, "Gading")
	apptest.SeedVerified(t, h, tagMay, "Teguh Santoso", "tagana", apptest.KelMayangan, 201)
	apptest.SeedVerified(t, h, tagTra, "Tari Wulandari", "tagana", apptest.KelTrajeng, 202)
	apptest.SeedVerified(t, h, psmMay, "Puji Astuti", "psm", apptest.KelMayangan, 203)
	apptest.SeedVerified(t, h, tagGad, "Gading Prasetyo", "tagana", apptest.KelGadingrejo, 204)
	pending := apptest.SeedUser(t, h, 5105, "tagana", apptest.KelMayangan, false)

	a := h.Admin
	a.SendCommand("/acara baru")
	apptest.Expect(t, a, "judul acara")
	a.SendText("Apel Siaga <Banjir> & Longsor")
	apptest.Expect(t, a, "jenis acara")
	a.SendText("Siaga bencana")
	apptest.Expect(t, a, "dimulai")
	a.SendText(start.Format("02-01-2006") + " 08.00")
	apptest.Expect(t, a, "selesai")
	a.SendText("Lewati")
	apptest.Expect(t, a, "tempat acara")
	a.SendText("GOR Untung Suropati")
	apptest.Expect(t, a, "titik lokasi")
	a.SendText("Lewati")
	apptest.Expect(t, a, "Pilar mana")
	a.SendText("Tagana")
	apptest.Expect(t, a, "Terpilih: Tagana")
	a.SendText("✅ Selesai")
	apptest.Expect(t, a, "wilayah mana")
	a.SendText("Kec. Panggungrejo")
	apptest.Expect(t, a, "Terpilih: Kec. Panggungrejo")
	a.SendText("✅ Selesai")
	apptest.Expect(t, a, "keterangan")
	a.SendText("Memakai seragam lengkap.")
	apptest.Expect(t, a, "kuota")
	a.SendText("Lewati")
	apptest.Press(t, a, apptest.Expect(t, a, "Periksa data acara"), "✅ Simpan")
	apptest.Expect(t, a, "Acara sudah disimpan", "GOR Untung Suropati")
	offer := apptest.Expect(t, a, "Umumkan acara ini")
	events, err := h.Store.UpcomingEventsBy(ctx, apptest.AdminID, h.Clock.Now(), 10)
	if err != nil || len(events) != 1 {
		t.Fatalf("stored events = %v, %v", events, err)
	}
	e := events[0]

	// A volunteer's forged press of the button is refused, and opens nothing.
	_, q := tagMay.PressForged(offer.ID, fmt.Sprintf("ev:u:%d", e.ID))
	if ans := h.TG.WaitCallbackAnswered(q); !strings.Contains(ans.Text, "hanya untuk koordinator") {
		t.Fatalf("forged Umumkan sekarang answered %q", ans.Text)
	}
	tagMay.ExpectNoMessage(200 * time.Millisecond)

	apptest.Press(t, a, offer, "📢 Umumkan sekarang")
	apptest.Expect(t, a, "Pratinjau")
	preview := a.WaitNext()
	when := kit.FormatDateTime(start)
	for _, w := range []string{"Apel Siaga <Banjir> & Longsor", "Siaga bencana", when, "GOR Untung Suropati",
		"Memakai seragam lengkap.", "/jadwal", "Hadir"} {
		if !strings.Contains(preview.Plain, w) {
			t.Errorf("preview %q lacks %q", preview.Plain, w)
		}
	}
	confirm := apptest.Expect(t, a, "Kirim pengumuman?", "pilar Tagana; Kecamatan Panggungrejo", "Jumlah: 2 relawan")
	if got := confirm.Buttons(); len(got) != 1 || len(got[0]) != 3 {
		t.Fatalf("confirm buttons = %v, want Kirim / Ubah pesan / Batal", got)
	}
	apptest.Press(t, a, confirm, "📢 Kirim")
	report := apptest.WaitReport(t, h)
	if !strings.Contains(report.Plain, "Terkirim: 2") {
		t.Fatalf("report = %q", report.Plain)
	}
	for _, u := range []*telegramtest.User{tagMay, tagTra} {
		msgs := u.Messages()
		if len(msgs) != 1 || msgs[0].Plain != preview.Plain {
			t.Errorf("invited chat %d got %v, want the preview once", u.ID, msgs)
		}
	}
	for _, u := range []*telegramtest.User{psmMay, tagGad, pending} {
		if n := len(u.Messages()); n != 0 {
			t.Errorf("chat %d outside the event's audience got %d messages", u.ID, n)
		}
	}

	// The /acara card offers it too.
	a.SendCommand("/acara")
	apptest.Expect(t, a, "Acara mendatang")
	card := apptest.Expect(t, a, "Apel Siaga")
	if card.CallbackData("📢 Umumkan sekarang") != fmt.Sprintf("ev:u:%d", e.ID) {
		t.Fatalf("event card buttons = %v", card.Buttons())
	}
}

// TestBroadcastToEventAttendees sends to "Peserta acara": only those who
// answered Hadir, and never to a cancelled event's.
func TestBroadcastToEventAttendees(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	now := h.Clock.Now()
	e := apptest.StoreEvent(t, h, "Bimtek Pelaporan", apptest.EightOClock(h, 3), nil, nil, nil, false)
	gone := apptest.StoreEvent(t, h, "Rapat Batal", apptest.EightOClock(h, 4), nil, nil, nil, false)

	yes := h.TG.NewUser(5201, "Yanti")
	no := h.TG.NewUser(5202, "Nono")
	silent := h.TG.NewUser(5203, "Sinta")
	vy := apptest.SeedVerified(t, h, yes, "Yanti Lestari", "psm", apptest.KelMayangan, 211)
	vn := apptest.SeedVerified(t, h, no, "Nono Saputra", "tagana", apptest.KelTrajeng, 212)
	apptest.SeedVerified(t, h, silent, "Sinta Dewi", "psm", apptest.KelGadingrejo, 213)
	for _, r := range []struct {
		event, vol int64
		att        bool
	}{{e.ID, vy.ID, true}, {e.ID, vn.ID, false}, {gone.ID, vn.ID, true}} {
		if _, err := h.Store.SetRSVP(ctx, r.event, r.vol, r.att, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.Store.CancelEvent(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := h.Store.CountSegment(ctx, storage.Segment{EventID: gone.ID}); err != nil || n != 0 {
		t.Fatalf("a cancelled event's attendees = %d, %v; want 0", n, err)
	}

	a := h.Admin
	a.SendCommand("/umumkan")
	apptest.Expect(t, a, "Kepada siapa")
	a.SendText("Peserta acara")
	pick := apptest.Expect(t, a, "Pilih acara")
	kb := pick.Keyboard()
	if len(kb) != 1 || !strings.HasPrefix(kb[0][0], "Bimtek Pelaporan · ") {
		t.Fatalf("event choices = %v, want only the event that is not cancelled", kb)
	}
	a.SendText("Rapat Batal")
	apptest.Expect(t, a, "⚠️", "tidak ada dalam daftar")
	a.SendText(kb[0][0])
	apptest.Expect(t, a, "Tulis isi pengumuman")
	a.SendText("Jangan lupa membawa laptop.")
	apptest.Expect(t, a, "Pratinjau")
	a.WaitNext()
	confirm := apptest.Expect(t, a, "Kirim pengumuman?", "peserta acara Bimtek Pelaporan", "Jumlah: 1 relawan")
	apptest.Press(t, a, confirm, "📢 Kirim")
	if report := apptest.WaitReport(t, h); !strings.Contains(report.Plain, "Terkirim: 1") {
		t.Fatalf("report = %q", report.Plain)
	}
	if msgs := yes.Messages(); len(msgs) != 1 || msgs[0].Plain != "Jangan lupa membawa laptop." {
		t.Errorf("the attendee got %v", msgs)
	}
	for _, u := range []*telegramtest.User{no, silent} {
		if n := len(u.Messages()); n != 0 {
			t.Errorf("chat %d (not Hadir) got %d messages", u.ID, n)
		}
	}
	a.SendCommand("/umumkan riwayat")
	apptest.Expect(t, a, "Riwayat pengumuman", "peserta acara Bimtek Pelaporan", "Terkirim 1/1")
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
	apptest.Expect(t, h.Admin, "Pratinjau")
	h.Admin.WaitNext()
	again := apptest.Expect(t, h.Admin, "Kirim pengumuman?", "pilar PSM", "Jumlah: 1 relawan")
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
