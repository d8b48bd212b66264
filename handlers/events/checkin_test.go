package events_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

// TestEventCheckin checks in during the window: too far from the pin is
// refused with the distance, an event without a pin is unverified, and
// the coordinator's attendance list shows it.
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
