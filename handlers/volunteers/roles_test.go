package volunteers_test

import (
	"context"
	"strings"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage/domain"
)

// TestRemovedCoordinatorCannotFinishRejection: a coordinator presses Tolak
// and loses the role before typing the reason. The reason is not saved:
// the volunteer stays pending and hears nothing.
func TestRemovedCoordinatorCannotFinishRejection(t *testing.T) {
	t.Parallel()
	apptest.EachDemotion(t, func(t *testing.T, h *apptest.Harness, d apptest.Demotion) {
		u := h.TG.NewUser(3501, "Wati")
		v := apptest.RegisterAndSave(t, h, u, "Wati Rahayu", apptest.NIK(35))
		apptest.Expect(t, h.Admin, "Pendaftar baru")
		c := apptest.AddCoordinator(t, h, 3502, "Budi")

		c.SendCommand("/verifikasi")
		card := apptest.Expect(t, c, "Verifikasi pendaftar", "Wati Rahayu")
		apptest.Press(t, c, card, "❌ Tolak")
		apptest.Expect(t, c, "alasan penolakan")
		d.Apply(t, h, c, "alasan penolakan")
		c.SendText("KTP yang dikirim tidak terbaca sama sekali")
		d.ExpectTypedRefused(t, c, "alasan penolakan")

		if got, _ := h.Store.VolunteerByID(context.Background(), v.ID); got.Status != domain.StatusPending {
			t.Fatalf("a removed coordinator's rejection was saved: status %s, note %q", got.Status, got.StatusNote)
		}
		expectToldNothing(t, u)
	})
}

// TestCoordinatorCannotDecideOwnRegistration: a coordinator who registered
// as a volunteer does not get their own registration in /verifikasi, and a
// forged Setujui or Tolak of it is refused; another coordinator decides it.
func TestCoordinatorCannotDecideOwnRegistration(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	c := h.TG.NewUser(3601, "Sari")
	own := apptest.RegisterAndSave(t, h, c, "Sari Wulandari", apptest.NIK(36))
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	apptest.Appoint(t, h, c)

	c.SendCommand("/verifikasi")
	apptest.Expect(t, c, "Tidak ada pendaftaran", "Pendaftaran Bapak/Ibu sendiri")

	o := h.TG.NewUser(3602, "Oki")
	apptest.RegisterAndSave(t, h, o, "Oki Saputra", apptest.NIK(37))
	apptest.Expect(t, c, "Pendaftar baru", "Oki Saputra")
	c.SendCommand("/verifikasi")
	apptest.Expect(t, c, "1 menunggu", "Oki Saputra")

	// The admin's card of Sari's registration, its buttons pressed by
	// Sari through a modified client.
	h.Admin.SendCommand("/verifikasi")
	card := apptest.Expect(t, h.Admin, "2 menunggu", "Sari Wulandari")
	for _, label := range []string{"✅ Setujui", "❌ Tolak"} {
		_, q := c.PressForged(1, card.CallbackData(label))
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "sendiri") {
			t.Fatalf("a forged %s of one's own registration answered %q", label, a.Text)
		}
	}
	c.SendText("Data saya sudah benar semua") // no rejection flow was opened
	apptest.Expect(t, c, "belum mengerti")
	if got, _ := h.Store.VolunteerByID(context.Background(), own.ID); got.Status != domain.StatusPending {
		t.Fatalf("a coordinator decided their own registration: %s", got.Status)
	}
	expectToldNothing(t, c)

	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.Expect(t, c, "disetujui")
}

// expectToldNothing checks that u was not told of a decision: /profil
// still says the registration is waiting, and nothing came before it.
func expectToldNothing(t *testing.T, u *telegramtest.User) {
	t.Helper()
	u.SendCommand("/profil")
	apptest.Expect(t, u, "Menunggu verifikasi")
	for _, m := range u.Messages() {
		if strings.Contains(m.Plain, "disetujui") || strings.Contains(m.Plain, "ditolak") {
			t.Fatalf("the volunteer was told of a decision that was not made: %q", m.Plain)
		}
	}
}
