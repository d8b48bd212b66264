package volunteers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Kecamatan codes of the scope tests.
const (
	kecBugulKidul   = "35.75.03"
	kecPanggungrejo = "35.75.04"
)

// scopedCoordinator appoints a coordinator working in the kecamatan kecs,
// as an admin would with /koordinator.
func scopedCoordinator(t *testing.T, h *apptest.Harness, id int64, name string, kecs ...string) *telegramtest.User {
	t.Helper()
	u := apptest.AddCoordinator(t, h, id, name)
	if err := h.Store.SetCoordinatorScope(context.Background(), id, storage.Scope{Kecamatans: kecs}, apptest.AdminID); err != nil {
		t.Fatal(err)
	}
	return u
}

// registerIn registers u through /daftar in the kelurahan kel of the
// kecamatan kec and returns the stored volunteer.
func registerIn(t *testing.T, h *apptest.Harness, u *telegramtest.User, name, kec, kel string, nik int) *storage.Volunteer {
	t.Helper()
	sum := apptest.Register(t, u, name, "PSM", kec, kel, apptest.NIK(nik))
	apptest.Press(t, u, sum, "✅ Simpan")
	apptest.ExpectEdited(t, u, sum, "menunggu verifikasi")
	v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// expectUndecided fails the test unless v is still pending and no
// decision on v was audited.
func expectUndecided(t *testing.T, h *apptest.Harness, v *storage.Volunteer) {
	t.Helper()
	ctx := context.Background()
	got, err := h.Store.VolunteerByID(ctx, v.ID)
	if err != nil || got.Status != domain.StatusPending || got.DecidedBy != nil {
		t.Fatalf("volunteer %d: %+v, %v; want still pending", v.ID, got, err)
	}
	log, err := h.Store.AuditLog(ctx, storage.SubjectVolunteer, fmt.Sprint(v.ID))
	if err != nil || len(log) != 0 {
		t.Fatalf("audit log of volunteer %d = %+v, %v; want no decision", v.ID, log, err)
	}
}

// TestScopedCoordinatorVerifiesOnlyTheirArea: the coordinator of Bugul
// Kidul neither hears of, nor sees, nor can decide a registration from
// Panggungrejo, which the admin and a city-wide coordinator are told of;
// a registration from Bugul Kidul reaches them with their own count.
func TestScopedCoordinatorVerifiesOnlyTheirArea(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	// Appointed first, so the notices reach Bugul Kidul's turn before the
	// city-wide coordinator's.
	kidul := scopedCoordinator(t, h, 3501, "Bu Kidul", kecBugulKidul)
	city := apptest.AddCoordinator(t, h, 3502, "Pak Kota")

	putri := h.TG.NewUser(3503, "Putri")
	vp := apptest.RegisterAndSave(t, h, putri, "Putri Mayangan", apptest.NIK(61)) // Mayangan, Panggungrejo
	apptest.Expect(t, h.Admin, "Pendaftar baru", "Putri Mayangan", "1 pendaftar menunggu")
	apptest.Expect(t, city, "Pendaftar baru", "Putri Mayangan", "1 pendaftar menunggu")

	// Nothing came before the answer to /verifikasi: no notice either.
	kidul.SendCommand("/verifikasi")
	last := apptest.Expect(t, kidul, "Tidak ada pendaftaran")

	// The city-wide coordinator's card, pressed from Bugul Kidul's chat.
	city.SendCommand("/verifikasi")
	card := apptest.Expect(t, city, "1 menunggu", "Putri Mayangan")
	for _, label := range []string{"✅ Setujui", "❌ Tolak"} {
		_, q := kidul.PressForged(last.ID, card.CallbackData(label))
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "di luar wilayah kerja") {
			t.Errorf("forged %s answered %q", label, a.Text)
		}
	}
	// Tolak started no reason flow: the text belongs to nothing.
	kidul.SendText("Alamat KTP bukan di Kota Pasuruan")
	apptest.Expect(t, kidul, "belum mengerti")
	expectUndecided(t, h, vp)
	for _, msg := range putri.Messages() {
		if strings.Contains(msg.Plain, "disetujui") {
			t.Fatalf("the volunteer was told of a decision: %q", msg.Plain)
		}
	}

	// A registration from Bugul Kidul: its coordinator hears of it with
	// the count of their own area (1 of the city's 2).
	kirana := h.TG.NewUser(3504, "Kirana")
	vk := registerIn(t, h, kirana, "Kirana Kepel", "Bugul Kidul", "Kepel", 62)
	apptest.Expect(t, kidul, "Pendaftar baru", "Kirana Kepel", "1 pendaftar menunggu")
	kidul.SendCommand("/verifikasi")
	own := apptest.Expect(t, kidul, "1 menunggu", "Kirana Kepel")
	apptest.Press(t, kidul, own, "✅ Setujui")
	apptest.Expect(t, kirana, "disetujui")
	apptest.Expect(t, kidul, "Tidak ada pendaftaran")
	if got, _ := h.Store.VolunteerByID(context.Background(), vk.ID); got.Status != domain.StatusVerified {
		t.Fatalf("Bugul Kidul's registration: %s", got.Status)
	}
	// The city still has Putri waiting.
	h.Admin.SendCommand("/verifikasi")
	apptest.Expect(t, h.Admin, "1 menunggu", "Putri Mayangan")
}

// TestRejectionRefusedWhenVolunteerLeavesScope: the registrant moves out
// of the coordinator's area while the reason is being typed; the store
// refuses the rejection and the coordinator is told why.
func TestRejectionRefusedWhenVolunteerLeavesScope(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	kidul := scopedCoordinator(t, h, 3511, "Bu Kidul", kecBugulKidul)
	kirana := h.TG.NewUser(3512, "Kirana")
	vk := registerIn(t, h, kirana, "Kirana Kepel", "Bugul Kidul", "Kepel", 63)
	apptest.Expect(t, kidul, "Pendaftar baru", "Kirana Kepel")

	kidul.SendCommand("/verifikasi")
	card := apptest.Expect(t, kidul, "Kirana Kepel")
	apptest.Press(t, kidul, card, "❌ Tolak")
	apptest.Expect(t, kidul, "alasan penolakan", "Kirana Kepel")

	moved := *vk
	moved.KelurahanCode = apptest.KelMayangan
	if err := h.Store.UpdateVolunteerProfile(context.Background(), &moved); err != nil {
		t.Fatal(err)
	}
	kidul.SendText("Alamat KTP belum sesuai dengan kelurahan")
	apptest.Expect(t, kidul, "di luar wilayah kerja")
	expectUndecided(t, h, vk)
	if m := kirana.Messages(); strings.Contains(m[len(m)-1].Plain, "belum dapat disetujui") {
		t.Fatalf("the volunteer was told of a rejection that was refused")
	}
}

// TestPendingVolunteerWhoMovesFollowsTheNewArea: a registration still
// waiting that moves from Panggungrejo to Bugul Kidul with /ubahprofil
// leaves the queue of Panggungrejo's coordinator for Bugul Kidul's, who
// is told of it.
func TestPendingVolunteerWhoMovesFollowsTheNewArea(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	kidul := scopedCoordinator(t, h, 3521, "Bu Kidul", kecBugulKidul)
	panggung := scopedCoordinator(t, h, 3522, "Pak Panggung", kecPanggungrejo)
	u := h.TG.NewUser(3523, "Rina")
	v := apptest.RegisterAndSave(t, h, u, "Rina Mayangan", apptest.NIK(64))
	apptest.Expect(t, panggung, "Pendaftar baru", "Rina Mayangan", "1 pendaftar menunggu")
	kidul.SendCommand("/verifikasi")
	apptest.Expect(t, kidul, "Tidak ada pendaftaran")
	panggung.SendCommand("/verifikasi")
	stale := apptest.Expect(t, panggung, "1 menunggu", "Rina Mayangan")

	ubahProfil(t, u, "Kecamatan", "kecamatan")
	u.SendText("Bugul Kidul")
	apptest.Expect(t, u, "kelurahan", "Bugul Kidul")
	apptest.ExpectEdited(t, u, answerAndSave(t, u, "Krampyangan", "Krampyangan"), "sudah diperbarui")

	apptest.Expect(t, kidul, "Pendaftar baru", "Rina Mayangan", "Krampyangan", "1 pendaftar menunggu")
	kidul.SendCommand("/verifikasi")
	card := apptest.Expect(t, kidul, "1 menunggu", "Rina Mayangan", "Krampyangan")
	panggung.SendCommand("/verifikasi")
	apptest.Expect(t, panggung, "Tidak ada pendaftaran")
	// Panggungrejo's card from before the move is refused.
	if a := apptest.Press(t, panggung, stale, "✅ Setujui"); !strings.Contains(a.Text, "di luar wilayah kerja") {
		t.Fatalf("the old area's card answered %q", a.Text)
	}
	expectUndecided(t, h, v)

	apptest.Press(t, kidul, card, "✅ Setujui")
	apptest.Expect(t, u, "disetujui")
	if got, _ := h.Store.VolunteerByID(context.Background(), v.ID); got.Status != domain.StatusVerified || got.KelurahanCode != "35.75.03.1006" {
		t.Fatalf("after the move and approval: %s in %s", got.Status, got.KelurahanCode)
	}
}
