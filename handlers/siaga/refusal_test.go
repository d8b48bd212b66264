package siaga_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// TestDaftarSiapForCoordinatorsOnly: the coordinator's Daftar siap shows
// the ready volunteer's full phone number; a volunteer who forges the
// same button, or presses a recipient's answer to a call-up that never
// reached them, is refused and changes nothing; a coordinator of another
// area sees only the ready volunteers inside their own scope.
func TestDaftarSiapForCoordinatorsOnly(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	siti := h.TG.NewUser(7301, "Siti")
	apptest.Seed(t, h, siti.ID, "Siti Aminah", "tagana", apptest.KelMayangan, apptest.NIK(1), "+6281234567890",
		time.Now(), domain.StatusVerified)
	other := apptest.SeedUser(t, h, 7302, "psm", apptest.KelMayangan, true) // not called up
	bugul := apptest.AddCoordinator(t, h, 7303, "Hadi")
	if err := h.Store.SetCoordinatorScope(context.Background(), bugul.ID, storage.Scope{Kecamatans: []string{"35.75.03"}}, apptest.AdminID); err != nil {
		t.Fatal(err)
	}

	tally := startCallup(t, h.Admin, "Angin puting beliung di Mayangan")
	call := apptest.Expect(t, siti, "PANGGILAN SIAGA")
	apptest.Press(t, siti, call, "✅ Siap berangkat")
	apptest.Press(t, siti, siti.Message(call.ID), "≤ 30 menit")
	m := waitTally(t, h.Admin, tally, "Siap: 1")

	apptest.Press(t, h.Admin, m, "📋 Daftar siap")
	apptest.Expect(t, h.Admin, "Daftar siap", "Siti Aminah", "Tagana", "Mayangan", "+6281234567890", "≤ 30 menit")

	daftar := m.CallbackData("📋 Daftar siap")
	_, q := siti.PressForged(tally.ID, daftar)
	if ans := h.TG.WaitCallbackAnswered(q); !strings.Contains(ans.Text, "koordinator") {
		t.Errorf("a volunteer's forged Daftar siap was answered %q", ans.Text)
	}
	_, q = siti.PressForged(tally.ID, strings.Replace(daftar, ":ls:", ":cl:", 1))
	h.TG.WaitCallbackAnswered(q)
	siti.ExpectNoMessage(300 * 1e6)

	// Someone the call-up never reached cannot answer it.
	_, q = other.PressForged(call.ID, call.CallbackData("✅ Siap berangkat"))
	if ans := h.TG.WaitCallbackAnswered(q); !strings.Contains(ans.Text, "tidak berlaku") {
		t.Errorf("a forged answer was answered %q", ans.Text)
	}
	// The Bugul Kidul coordinator's Daftar siap holds nobody of Mayangan.
	_, q = bugul.PressForged(tally.ID, daftar)
	h.TG.WaitCallbackAnswered(q)
	if got := apptest.Expect(t, bugul, "Belum ada relawan"); strings.Contains(got.Plain, "Siti") {
		t.Errorf("a coordinator of another area saw %q", got.Plain)
	}
	waitTally(t, h.Admin, tally, "Siap: 1", "Belum menjawab: 0", "Siaga dibuka")
	c, err := h.Store.CallupCountsOf(context.Background(), 1)
	if err != nil || c.Siap() != 1 || c.Recipients != 1 {
		t.Errorf("counts after the forged presses: %+v, %v", c, err)
	}
	// Nor does their /siaga riwayat list the city's call-up.
	bugul.SendCommand("/siaga riwayat")
	apptest.Expect(t, bugul, "Belum ada panggilan siaga")
	h.Admin.SendCommand("/siaga riwayat")
	apptest.Expect(t, h.Admin, "Riwayat siaga", "Angin puting beliung")
}
