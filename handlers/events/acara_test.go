package events_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// TestEventFlowTargetingRSVPAndQuota creates an event through /acara,
// with its refusals of bad answers, then checks who sees it in /jadwal,
// that Hadir / Tidak hadir redraw the schedule, the quota, and that forged
// presses of volunteers change nothing.
func TestEventFlowTargetingRSVPAndQuota(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	start := apptest.EightOClock(h, 3)

	h.Admin.SendCommand("/acara")
	none := apptest.Expect(t, h.Admin, "Belum ada acara")
	apptest.Press(t, h.Admin, none, "➕ Buat acara baru")
	apptest.Walk(t, h.Admin,
		apptest.Step{"judul acara", "Simulasi Siaga Banjir <Tagana> & Warga"},
		apptest.Step{"jenis acara", "Siaga bencana"},
		apptest.Step{"dimulai", "01-01-2020 08.00"})
	apptest.Expect(t, h.Admin, "⚠️", "sudah lewat", "dimulai")
	h.Admin.SendText(start.Format("02-01-2006") + " 08.00")
	apptest.Walk(t, h.Admin, apptest.Step{"selesai", "07.00"})
	apptest.Expect(t, h.Admin, "⚠️", "sesudah jam mulai")
	h.Admin.SendText("12.00")
	apptest.Walk(t, h.Admin, apptest.Step{"tempat acara", "GOR Untung Suropati"})
	pinQ := apptest.Expect(t, h.Admin, "titik lokasi")
	if b, ok := pinQ.KeyboardButton("📍 Kirim lokasi"); !ok || !b.RequestLocation {
		t.Fatalf("the pin question has no request_location button: %v", pinQ)
	}
	h.Admin.SendLocation(apptest.GorLat, apptest.GorLon)
	apptest.Expect(t, h.Admin, "Pilar mana", "Terpilih: belum ada")
	h.Admin.SendText("Selesai")
	apptest.Expect(t, h.Admin, "⚠️", "Belum ada yang dipilih")
	h.Admin.SendText("Tagana")
	apptest.Walk(t, h.Admin,
		apptest.Step{"Terpilih: Tagana", "PSM"},
		apptest.Step{"Terpilih: Tagana, PSM", "PSM"}, // pressed again: removed
		apptest.Step{"Terpilih: Tagana", "✅ Selesai"},
		apptest.Step{"wilayah mana", "Kec. Panggungrejo"},
		apptest.Step{"Terpilih: Kec. Panggungrejo", "✅ Selesai"},
		apptest.Step{"keterangan", "Membawa perlengkapan P3K."},
		apptest.Step{"kuota", "2"})
	sum := apptest.ExpectSummary(t, h.Admin, "Periksa data acara", "Simulasi Siaga Banjir <Tagana> & Warga", "Siaga bencana",
		kit.FormatDateTime(start), "12.00", "Tagana", "Kec. Panggungrejo", "Titik lokasi: Ada", "Kuota: 2")
	apptest.Press(t, h.Admin, sum, "✅ Simpan")
	apptest.ExpectEdited(t, h.Admin, sum, "Acara sudah disimpan", "GOR Untung Suropati", "Umumkan acara ini")

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

// TestEventCancelAndChange cancels one event and moves another from its
// /acara card: only those who answered Hadir are told, and the cancelled
// event sends no reminders.
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
	apptest.ExpectEdited(t, h.Admin, confirm, "sudah dibatalkan", "1 relawan")
	apptest.Expect(t, a, "Acara dibatalkan", "Lomba Pilar Berprestasi")
	if got, _ := h.Store.EventByID(ctx, first.ID); got.CancelledAt == nil {
		t.Fatal("the event is not cancelled")
	}
	pressAnswer(t, h.Admin, card1, "🚫 Batalkan", "sudah dibatalkan")

	// The place of the second event changes: its attendee is told.
	apptest.Press(t, h.Admin, card2, "✏️ Ubah")
	menu := apptest.Expect(t, h.Admin, "Periksa data acara", "Pilih data yang ingin diubah")
	apptest.PickField(t, h.Admin, menu, "Tempat", "tempat acara")
	h.Admin.SendText("Pendopo Kota Pasuruan")
	sum := apptest.ExpectSummary(t, h.Admin, "Pendopo Kota Pasuruan")
	apptest.Press(t, h.Admin, sum, "✅ Simpan")
	apptest.ExpectEdited(t, h.Admin, sum, "Perubahan acara sudah disimpan", "sudah diberi tahu")
	apptest.Expect(t, a, "Perubahan acara", "Rapat Karang Taruna", "Pendopo Kota Pasuruan")
	b.ExpectNoMessage(200 * time.Millisecond)

	// The cancelled event sends no reminders; the other one does.
	h.Clock.Advance(apptest.EightOClock(h, 3).Sub(h.Clock.Now()) - 23*time.Hour)
	a.ExpectNoMessage(500 * time.Millisecond)
	h.Clock.Advance(24 * time.Hour)
	apptest.Expect(t, a, "Pengingat", "besok", "Rapat Karang Taruna")
	b.ExpectNoMessage(200 * time.Millisecond)
}
