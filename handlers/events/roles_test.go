package events_test

import (
	"context"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
)

// TestRemovedCoordinatorCannotSaveEvent: a coordinator fills in a new
// event up to its summary and loses the role before pressing Simpan. The
// event is not stored.
func TestRemovedCoordinatorCannotSaveEvent(t *testing.T) {
	t.Parallel()
	apptest.EachDemotion(t, func(t *testing.T, h *apptest.Harness, d apptest.Demotion) {
		c := apptest.AddCoordinator(t, h, 4701, "Joko")
		start := apptest.EightOClock(h, 3)

		c.SendCommand("/acara baru")
		apptest.Walk(t, c,
			apptest.Step{"judul acara", "Rapat Koordinasi Tagana"},
			apptest.Step{"jenis acara", "Rapat"},
			apptest.Step{"dimulai", start.Format("02-01-2006") + " 08.00"},
			apptest.Step{"selesai", "Lewati"},
			apptest.Step{"tempat acara", "Aula Dinas Sosial"},
			apptest.Step{"titik lokasi", "Lewati"},
			apptest.Step{"Pilar mana", "Semua pilar"},
			apptest.Step{"wilayah mana", "Semua wilayah"},
			apptest.Step{"keterangan", "Membawa alat tulis."},
			apptest.Step{"kuota", "Lewati"})
		sum := apptest.ExpectSummary(t, c, "Periksa data acara", "Rapat Koordinasi Tagana")
		d.Apply(t, h, c, "data acara")

		a := apptest.Press(t, c, sum, "✅ Simpan")
		if d.ByAdmin {
			if !strings.Contains(a.Text, "tidak berlaku") {
				t.Fatalf("Simpan of an ended flow answered %q", a.Text)
			}
		} else {
			apptest.Expect(t, c, "tidak lagi menjadi koordinator", "data acara", "tidak disimpan")
		}
		events, err := h.Store.UpcomingEventsBy(context.Background(), c.ID, h.Clock.Now(), 10)
		if err != nil || len(events) != 0 {
			t.Fatalf("a removed coordinator's event was stored: %+v, %v", events, err)
		}
	})
}
