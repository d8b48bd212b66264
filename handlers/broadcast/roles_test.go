package broadcast_test

import (
	"testing"

	"pilarbot/handlers/apptest"
)

// TestRemovedCoordinatorCannotAnnounce: a coordinator chooses the audience
// of /umumkan and loses the role before typing the message. No draft is
// stored and nobody receives anything.
func TestRemovedCoordinatorCannotAnnounce(t *testing.T) {
	t.Parallel()
	apptest.EachDemotion(t, func(t *testing.T, h *apptest.Harness, d apptest.Demotion) {
		v := apptest.SeedUser(t, h, 601, "psm", apptest.KelMayangan, true)
		c := apptest.AddCoordinator(t, h, 602, "Lina")

		c.SendCommand("/umumkan")
		apptest.Walk(t, c, apptest.Step{"Kepada siapa", "Semua relawan"})
		apptest.Expect(t, c, "Tulis isi pengumuman")
		d.Apply(t, h, c, "pengumuman")
		c.SendText("Rapat besok dibatalkan.")
		d.ExpectTypedRefused(t, c, "pengumuman")

		var drafts int
		if err := h.Store.DB().Get(&drafts, `SELECT count(*) FROM broadcasts`); err != nil || drafts != 0 {
			t.Fatalf("a removed coordinator's announcement was stored: %d, %v", drafts, err)
		}
		if n := len(v.Messages()); n != 0 {
			t.Fatalf("a volunteer got %d messages", n)
		}
	})
}
