package broadcast_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// /umumkan riwayat of ten announcements each aimed at every kelurahan by
// name is longer than one message: it arrives whole, in several.
func TestHistoryOfLongAudiencesArrivesComplete(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	var kel []string
	for _, k := range domain.AllKelurahan() {
		kel = append(kel, k.Code)
	}
	for i := range 10 {
		b := &storage.Broadcast{CreatedBy: apptest.AdminID, ChatID: apptest.AdminID, Text: fmt.Sprintf("Pengumuman %d", i+1)}
		if err := h.Store.CreateBroadcastDraft(ctx, b, storage.Segment{Pilars: []string{"psm", "tagana"}, Kelurahans: kel}, storage.Scope{}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Store.DB().Exec(`UPDATE broadcasts SET status = 'done', started_at = now(), finished_at = now() WHERE id = $1`, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	h.Admin.SendCommand("/umumkan riwayat")
	parts := apptest.ExpectParts(t, h.Admin, "Riwayat pengumuman", "Ketik /umumkan untuk membuat pengumuman baru.")
	if len(parts) < 2 {
		t.Fatalf("the history came in %d message", len(parts))
	}
	n := 0
	for _, m := range parts {
		n += strings.Count(m.Plain, "Terkirim 0/0")
	}
	if n != 10 {
		t.Errorf("the history lists %d of 10 announcements", n)
	}
}

// TestScopedHistoryShowsOnlyTheArea: /umumkan riwayat of the coordinator
// of Kec. Bugul Kidul lists what went to Bugul Kidul, not the city-wide
// announcement nor Mayangan's; the admin's lists all three.
func TestScopedHistoryShowsOnlyTheArea(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	hadi := scopedCoordinator(t, h, 5851, "Hadi", storage.Scope{Kecamatans: []string{kecBugul}})
	for _, seg := range []storage.Segment{{}, {Kelurahans: []string{apptest.KelMayangan}}, {Kecamatans: []string{kecBugul}}} {
		b := &storage.Broadcast{CreatedBy: apptest.AdminID, ChatID: apptest.AdminID, Text: "Pengumuman"}
		if err := h.Store.CreateBroadcastDraft(ctx, b, seg, storage.Scope{}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Store.DB().Exec(`UPDATE broadcasts SET status = 'done', started_at = now(), finished_at = now() WHERE id = $1`, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	hadi.SendCommand("/umumkan riwayat")
	m := apptest.Expect(t, hadi, "Riwayat pengumuman", "Kec. Bugul Kidul")
	if strings.Contains(m.Plain, "Mayangan") || strings.Contains(m.Plain, "semua relawan") || strings.Count(m.Plain, "Terkirim") != 1 {
		t.Errorf("the Bugul Kidul coordinator's history: %q", m.Plain)
	}
	h.Admin.SendCommand("/umumkan riwayat")
	m = apptest.Expect(t, h.Admin, "Riwayat pengumuman", "Kec. Bugul Kidul", "Kel. Mayangan", "semua relawan")
	if n := strings.Count(m.Plain, "Terkirim"); n != 3 {
		t.Errorf("the admin's history lists %d of 3", n)
	}
}
