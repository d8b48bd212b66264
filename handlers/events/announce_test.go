package events_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
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
	apptest.Walk(t, a,
		apptest.Step{"judul acara", "Apel Siaga <Banjir> & Longsor"},
		apptest.Step{"jenis acara", "Siaga bencana"},
		apptest.Step{"dimulai", start.Format("02-01-2006") + " 08.00"},
		apptest.Step{"selesai", "Lewati"},
		apptest.Step{"tempat acara", "GOR Untung Suropati"},
		apptest.Step{"titik lokasi", "Lewati"},
		apptest.Step{"Pilar mana", "Tagana"},
		apptest.Step{"Terpilih: Tagana", "✅ Selesai"},
		apptest.Step{"wilayah mana", "Kec. Panggungrejo"},
		apptest.Step{"Terpilih: Kec. Panggungrejo", "✅ Selesai"},
		apptest.Step{"keterangan", "Memakai seragam lengkap."},
		apptest.Step{"kuota", "Lewati"})
	sum := apptest.ExpectSummary(t, a, "Periksa data acara")
	apptest.Press(t, a, sum, "✅ Simpan")
	// One edit turns the summary into the saved event with the offer.
	offer := apptest.ExpectEdited(t, a, sum, "Acara sudah disimpan", "GOR Untung Suropati", "Umumkan acara ini")
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
	confirm := apptest.Expect(t, a, "Kirim pengumuman?", "Penerima: Kec. Panggungrejo · Tagana", "Jumlah: 2 relawan")
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
