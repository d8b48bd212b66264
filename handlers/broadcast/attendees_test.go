package broadcast_test

import (
	"context"
	"strings"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
)

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
	if n, err := h.Store.CountSegment(ctx, storage.Segment{EventID: gone.ID}, storage.Scope{}); err != nil || n != 0 {
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
	_, confirm := apptest.ExpectPreview(t, a, "peserta acara Bimtek Pelaporan", "Jumlah: 1 relawan")
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
