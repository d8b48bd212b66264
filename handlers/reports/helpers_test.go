package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// verifiedReporter registers u with the given pilar in Mayangan and
// approves it, consuming the coordinator's new-registration notice.
func verifiedReporter(t testing.TB, h *apptest.Harness, u *telegramtest.User, name, pilar, nik string) *storage.Volunteer {
	t.Helper()
	sum := apptest.Register(t, u, name, pilar, "Panggungrejo", "Mayangan", nik)
	apptest.Press(t, u, sum, "✅ Simpan")
	apptest.ExpectEdited(t, u, sum, "menunggu verifikasi")
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatalf("volunteer %d not stored: %v", u.ID, err)
	}
	if v, err = h.Store.DecideVolunteer(context.Background(), v.ID, apptest.AdminActor, true, ""); err != nil {
		t.Fatalf("approve volunteer: %v", err)
	}
	return v
}

// submitSimple sends a PSM "Penyuluhan" report (no PMKS questions, no pin,
// no photo) and returns its number; the coordinator's card is consumed.
func submitSimple(t testing.TB, h *apptest.Harness, u *telegramtest.User, uraian string) string {
	t.Helper()
	apptest.ToReportPhotos(t, u, uraian)
	u.SendText("Selesai")
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan", "Penyuluhan", "Titik lokasi: tidak dikirim", "Foto: tidak ada")
	apptest.Press(t, u, sum, "✅ Kirim")
	receipt := apptest.ExpectEdited(t, u, sum, "sudah diterima dengan nomor")
	number := reportNumber(t, receipt.Plain)
	apptest.Expect(t, h.Admin, "Laporan baru "+number)
	return number
}

// reportNumber finds the LAP-yyyy-nnnnnn number in a message.
func reportNumber(t testing.TB, s string) string {
	t.Helper()
	i := strings.Index(s, "LAP-")
	if i < 0 || len(s) < i+len("LAP-2024-000001") {
		t.Fatalf("no report number in %q", s)
	}
	return s[i : i+len("LAP-2024-000001")]
}

// wibNow is now on the volunteers' clock, which dates their reports.
func wibNow() time.Time { return time.Now().In(domain.WIB) }

// reportCount is how many reports the store holds, whoever sent them.
func reportCount(t testing.TB, h *apptest.Harness) int {
	t.Helper()
	var n int
	if err := h.Store.DB().Get(&n, `SELECT count(*) FROM reports`); err != nil {
		t.Fatalf("counting reports: %v", err)
	}
	return n
}

// reversed returns s newest first when it is oldest first.
func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
