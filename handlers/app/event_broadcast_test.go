package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// TestAnnounceEventNow creates an event for Tagana of Panggungrejo with
// /acara, presses "Umumkan sekarang" and Kirim: exactly the invited
// verified volunteers receive the event's details.
func TestAnnounceEventNow(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	start := eightOClock(h, 2)

	tagMay := h.tg.NewUser(5101, "Teguh")
	tagTra := h.tg.NewUser(5102, "Tari")
	psmMay := h.tg.NewUser(5103, "Puji")
	tagGad := h.tg.NewUser(5104, "Gading")
	verified(t, h, tagMay, "Teguh Santoso", "tagana", kelMayangan, 201)
	verified(t, h, tagTra, "Tari Wulandari", "tagana", kelTrajeng, 202)
	verified(t, h, psmMay, "Puji Astuti", "psm", kelMayangan, 203)
	verified(t, h, tagGad, "Gading Prasetyo", "tagana", kelGadingrejo, 204)
	pending := seedVolunteer(t, h, 5105, "tagana", kelMayangan, false)

	a := h.admin
	a.SendCommand("/acara baru")
	expect(t, a, "judul acara")
	a.SendText("Apel Siaga <Banjir> & Longsor")
	expect(t, a, "jenis acara")
	a.SendText("Siaga bencana")
	expect(t, a, "dimulai")
	a.SendText(start.Format("02-01-2006") + " 08.00")
	expect(t, a, "selesai")
	a.SendText("Lewati")
	expect(t, a, "tempat acara")
	a.SendText("GOR Untung Suropati")
	expect(t, a, "titik lokasi")
	a.SendText("Lewati")
	expect(t, a, "Pilar mana")
	a.SendText("Tagana")
	expect(t, a, "Terpilih: Tagana")
	a.SendText("✅ Selesai")
	expect(t, a, "wilayah mana")
	a.SendText("Kec. Panggungrejo")
	expect(t, a, "Terpilih: Kec. Panggungrejo")
	a.SendText("✅ Selesai")
	expect(t, a, "keterangan")
	a.SendText("Memakai seragam lengkap.")
	expect(t, a, "kuota")
	a.SendText("Lewati")
	press(t, a, expect(t, a, "Periksa data acara"), "✅ Simpan")
	expect(t, a, "Acara sudah disimpan", "GOR Untung Suropati")
	offer := expect(t, a, "Umumkan acara ini")
	events, err := h.store.UpcomingEventsBy(ctx, adminID, h.clock.Now(), 10)
	if err != nil || len(events) != 1 {
		t.Fatalf("stored events = %v, %v", events, err)
	}
	e := events[0]

	// A volunteer's forged press of the button is refused, and opens nothing.
	_, q := tagMay.PressForged(offer.ID, fmt.Sprintf("ev:u:%d", e.ID))
	if ans := h.tg.WaitCallbackAnswered(q); !strings.Contains(ans.Text, "hanya untuk koordinator") {
		t.Fatalf("forged Umumkan sekarang answered %q", ans.Text)
	}
	tagMay.ExpectNoMessage(200 * time.Millisecond)

	press(t, a, offer, "📢 Umumkan sekarang")
	expect(t, a, "Pratinjau")
	preview := a.WaitNext()
	when := kit.FormatDateTime(start)
	for _, w := range []string{"Apel Siaga <Banjir> & Longsor", "Siaga bencana", when, "GOR Untung Suropati",
		"Memakai seragam lengkap.", "/jadwal", "Hadir"} {
		if !strings.Contains(preview.Plain, w) {
			t.Errorf("preview %q lacks %q", preview.Plain, w)
		}
	}
	confirm := expect(t, a, "Kirim pengumuman?", "pilar Tagana; Kecamatan Panggungrejo", "Jumlah: 2 relawan")
	if got := confirm.Buttons(); len(got) != 1 || len(got[0]) != 3 {
		t.Fatalf("confirm buttons = %v, want Kirim / Ubah pesan / Batal", got)
	}
	press(t, a, confirm, "📢 Kirim")
	report := waitReport(t, h)
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
	expect(t, a, "Acara mendatang")
	card := expect(t, a, "Apel Siaga")
	if card.CallbackData("📢 Umumkan sekarang") != fmt.Sprintf("ev:u:%d", e.ID) {
		t.Fatalf("event card buttons = %v", card.Buttons())
	}
}

// TestBroadcastToEventAttendees sends to "Peserta acara": only those who
// answered Hadir, and never to a cancelled event's.
func TestBroadcastToEventAttendees(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	now := h.clock.Now()
	e := storeEvent(t, h, "Bimtek Pelaporan", eightOClock(h, 3), nil, nil, nil, false)
	gone := storeEvent(t, h, "Rapat Batal", eightOClock(h, 4), nil, nil, nil, false)

	yes := h.tg.NewUser(5201, "Yanti")
	no := h.tg.NewUser(5202, "Nono")
	silent := h.tg.NewUser(5203, "Sinta")
	vy := verified(t, h, yes, "Yanti Lestari", "psm", kelMayangan, 211)
	vn := verified(t, h, no, "Nono Saputra", "tagana", kelTrajeng, 212)
	verified(t, h, silent, "Sinta Dewi", "psm", kelGadingrejo, 213)
	for _, r := range []struct {
		event, vol int64
		att        bool
	}{{e.ID, vy.ID, true}, {e.ID, vn.ID, false}, {gone.ID, vn.ID, true}} {
		if _, err := h.store.SetRSVP(ctx, r.event, r.vol, r.att, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.store.CancelEvent(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := h.store.CountSegment(ctx, storage.Segment{EventID: gone.ID}); err != nil || n != 0 {
		t.Fatalf("a cancelled event's attendees = %d, %v; want 0", n, err)
	}

	a := h.admin
	a.SendCommand("/umumkan")
	expect(t, a, "Kepada siapa")
	a.SendText("Peserta acara")
	pick := expect(t, a, "Pilih acara")
	kb := pick.Keyboard()
	if len(kb) != 1 || !strings.HasPrefix(kb[0][0], "Bimtek Pelaporan · ") {
		t.Fatalf("event choices = %v, want only the event that is not cancelled", kb)
	}
	a.SendText("Rapat Batal")
	expect(t, a, "⚠️", "tidak ada dalam daftar")
	a.SendText(kb[0][0])
	expect(t, a, "Tulis isi pengumuman")
	a.SendText("Jangan lupa membawa laptop.")
	expect(t, a, "Pratinjau")
	a.WaitNext()
	confirm := expect(t, a, "Kirim pengumuman?", "peserta acara Bimtek Pelaporan", "Jumlah: 1 relawan")
	press(t, a, confirm, "📢 Kirim")
	if report := waitReport(t, h); !strings.Contains(report.Plain, "Terkirim: 1") {
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
	expect(t, a, "Riwayat pengumuman", "peserta acara Bimtek Pelaporan", "Terkirim 1/1")
}

// TestBroadcastUbahPesan replaces the message from the preview: the
// audience stays, the old draft cannot be sent any more.
func TestBroadcastUbahPesan(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	psm := seedVolunteer(t, h, 5301, "psm", kelMayangan, true)
	other := seedVolunteer(t, h, 5302, "tagana", kelMayangan, true)
	_, confirm := announce(t, h, "Per jenis pilar", []string{"PSM"}, func(u *telegramtest.User) { u.SendText("Rapat besk") })
	old := confirm.CallbackData("📢 Kirim")
	press(t, h.admin, confirm, "✏️ Ubah pesan")
	expect(t, h.admin, "Tulis isi pengumuman")
	h.admin.SendText("Rapat besok")
	expect(t, h.admin, "Pratinjau")
	h.admin.WaitNext()
	again := expect(t, h.admin, "Kirim pengumuman?", "pilar PSM", "Jumlah: 1 relawan")
	_, q := h.admin.PressForged(confirm.ID, old)
	if ans := h.tg.WaitCallbackAnswered(q); ans.Text == "" {
		t.Errorf("the replaced draft's Kirim was answered with nothing")
	}
	press(t, h.admin, again, "📢 Kirim")
	waitReport(t, h)
	if msgs := psm.Messages(); len(msgs) != 1 || msgs[0].Plain != "Rapat besok" {
		t.Errorf("recipient got %v", msgs)
	}
	if n := len(other.Messages()); n != 0 {
		t.Errorf("a Tagana volunteer got %d messages", n)
	}
}
