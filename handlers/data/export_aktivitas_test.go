package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// TestEksporAktivitas: the activity record of 2023 counts, for a seeded
// PSM, the approved reports of the year with the people helped (not the
// rejected one, nor last year's), the events answered Hadir and checked
// in, and the call-ups answered Siap, with the first and last activity;
// a Tagana's korban and pengungsi stand apart. A coordinator's file has no
// phone or NIK; an admin's has them.
func TestEksporAktivitas(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	lu := h.TG.NewUser(4601, "Latifa")
	h.TG.NewUser(4602, "Budi")
	latifa := apptest.Seed(t, h, 4601, "Latifa", "psm", apptest.KelMayangan, apptest.NIK(61), "+6281234567861", apptest.At(2022, 5, 1, 8, 0), domain.StatusVerified)
	budi := apptest.Seed(t, h, 4602, "Budi", "tagana", apptest.KelTrajeng, apptest.NIK(62), "+6281234567862", apptest.At(2022, 5, 1, 8, 0), domain.StatusVerified)
	rep := func(v *storage.Volunteer, m, d int, r storage.Report, st domain.ReportStatus) {
		r.ActivityDate, r.KelurahanCode = apptest.At(2023, 1, 1, 0, 0).AddDate(0, m-1, d-1), v.KelurahanCode
		apptest.SeedReport(t, h, v, r.ActivityDate.Add(10*time.Hour), r, st, apptest.AdminID)
	}
	psm := func(n int) storage.Report {
		return storage.Report{Activity: "kunjungan_rumah", PMKSCategory: "Fakir miskin", Beneficiaries: apptest.Ptr(n)}
	}
	rep(latifa, 2, 3, psm(5), domain.ReportApproved)
	rep(latifa, 11, 20, psm(7), domain.ReportApproved)
	rep(latifa, 6, 1, psm(100), domain.ReportRejected)
	rep(budi, 3, 4, storage.Report{Activity: "evakuasi", DisasterType: "Banjir", Victims: apptest.Ptr(3), Evacuees: apptest.Ptr(25)}, domain.ReportApproved)
	rep(latifa, 0, 20, psm(9), domain.ReportApproved) // 20 December 2022: another year

	hksn := apptest.SeedEvent(t, h, "HKSN 2023", apptest.At(2023, 12, 20, 8, 0))
	bimtek := apptest.SeedEvent(t, h, "Bimtek PSM", apptest.At(2023, 8, 10, 8, 0))
	apptest.Answer(t, h, hksn, latifa, true, apptest.At(2023, 12, 20, 7, 50), true, 40)
	apptest.Answer(t, h, bimtek, latifa, true, time.Time{}, false, 0)

	apptest.WithStoreClock(h, apptest.At(2023, 12, 28, 21, 0), func() {
		c := &storage.Callup{CreatedBy: apptest.AdminID, ChatID: apptest.AdminID, Text: "Banjir"}
		if _, err := h.Store.StartCallup(ctx, c, storage.Segment{}, storage.Scope{}, apptest.AdminActor,
			func(c *storage.Callup) (string, string, error) { return "Banjir", "", nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Store.AnswerCallup(ctx, c.ID, latifa.TelegramID, storage.CallupSiap, storage.Arrival30m); err != nil {
			t.Fatal(err)
		}
	})
	apptest.Expect(t, lu, "Banjir")

	coord := apptest.AddCoordinator(t, h, 4603, "Koordinator")
	coord.SendCommand("/ekspor aktivitas 2023")
	f := openExport(t, coord, "Aktivitas relawan", "2 baris")
	rows, err := f.GetRows("Aktivitas")
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if slices.Contains(header, "Nomor HP") || slices.Contains(header, "NIK") {
		t.Errorf("a coordinator's activity file has IDs: %v", header)
	}
	want := map[string][]string{
		"Latifa": {"1", "Latifa", "PSM", "Mayangan", "Panggungrejo", "2", "12", "0", "0", "2", "1", "1", "03-02-2023", "28-12-2023"},
		"Budi":   {"2", "Budi", "Tagana", "Trajeng", "Panggungrejo", "1", "0", "3", "25", "0", "0", "0", "04-03-2023", "04-03-2023"},
	}
	for _, row := range rows[1:] {
		w, ok := want[row[1]]
		if !ok || !slices.Equal(row[1:], w[1:]) {
			t.Errorf("row %v, want %v", row, w)
		}
	}

	h.Admin.SendCommand("/ekspor aktivitas 2023")
	f = openExport(t, h.Admin, "Aktivitas relawan")
	rows, _ = f.GetRows("Aktivitas")
	if !slices.Contains(rows[0], "Nomor HP") || !slices.Contains(rows[1], "+6281234567861") && !slices.Contains(rows[2], "+6281234567861") {
		t.Errorf("the admin's activity file lacks the phone: %v", rows[:2])
	}
}
