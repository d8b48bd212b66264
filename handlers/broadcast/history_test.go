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
