package app_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/domain"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
)

// at returns a WIB wall-clock time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, domain.WIB)
}

// withStoreClock runs fn with the test store's clock stopped at t.
func withStoreClock(h *harness, t time.Time, fn func()) {
	h.store.Now = func() time.Time { return t }
	defer func() { h.store.Now = time.Now }()
	fn()
}

// seedReport stores r for v as submitted at created and, when status is
// not "submitted", reviews it as reviewer.
func seedReport(t *testing.T, h *harness, v *storage.Volunteer, created time.Time, r storage.Report, status string, reviewer int64) *storage.Report {
	t.Helper()
	ctx := context.Background()
	r.VolunteerID, r.Pilar = v.ID, v.Pilar
	r.IdempotencyKey = strconv.FormatInt(v.TelegramID, 10) + ":" + created.Format(time.RFC3339Nano)
	if r.Description == "" {
		r.Description = "Kegiatan berjalan lancar."
	}
	withStoreClock(h, created, func() {
		if _, err := h.store.CreateReport(ctx, &r, v.TelegramID, domain.WIB); err != nil {
			t.Fatalf("seed report: %v", err)
		}
	})
	if status != storage.ReportSubmitted {
		withStoreClock(h, created.Add(time.Hour), func() {
			if _, err := h.store.ReviewReport(ctx, r.ID, reviewer, status, "Mohon dilengkapi."); err != nil {
				t.Fatalf("review: %v", err)
			}
		})
	}
	return &r
}

// seedEvent stores an event starting at start, with a pin.
func seedEvent(t *testing.T, h *harness, title string, start time.Time) *storage.Event {
	t.Helper()
	var e *storage.Event
	withStoreClock(h, start.AddDate(0, 0, -7), func() { e = storeEvent(t, h, title, start, nil, nil, nil, true) })
	return e
}

// answer records v's RSVP a day before the event and, when checkedIn is
// set, a check-in at that time.
func answer(t *testing.T, h *harness, e *storage.Event, v *storage.Volunteer, attending bool, checkedIn time.Time, verified bool, distance float64) {
	t.Helper()
	ctx := context.Background()
	before := e.StartsAt.AddDate(0, 0, -1)
	withStoreClock(h, before, func() {
		if _, err := h.store.SetRSVP(ctx, e.ID, v.ID, attending, before); err != nil {
			t.Fatalf("rsvp: %v", err)
		}
	})
	if checkedIn.IsZero() {
		return
	}
	withStoreClock(h, checkedIn, func() {
		if err := h.store.CheckIn(ctx, e.ID, v.ID, verified, &distance); err != nil {
			t.Fatalf("check in: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// activityFixture is December 2023 of four volunteers: five reports in
// the month (one rejected) and one in January, three events (one
// cancelled) with answers and check-ins.
type activityFixture struct {
	ani, budi, cici, dodi *storage.Volunteer
	reports               []*storage.Report
	hksn, bimtek          *storage.Event
	reviewer              int64
}

func seedActivity(t *testing.T, h *harness) *activityFixture {
	t.Helper()
	ctx := context.Background()
	f := &activityFixture{reviewer: 4790}
	addCoordinator(t, h, f.reviewer, "Bu Rina")
	reg := at(2023, 11, 1, 9, 0)
	f.ani = seed(t, h, 4701, "Ani Lestari", "psm", kelMayangan, nik(71), "+6281200000071", reg, storage.StatusVerified)
	f.budi = seed(t, h, 4702, "Budi Santoso", "tagana", "35.75.03.1003", nik(72), "+6281200000072", reg, storage.StatusVerified)
	f.cici = seed(t, h, 4703, "Cici Amelia", "karang_taruna", kelGadingrejo, nik(73), "+6281200000073", reg, storage.StatusVerified)
	f.dodi = seed(t, h, 4704, "Dodi Pratama", "psm", kelTrajeng, nik(74), "+6281200000074", reg, storage.StatusVerified)
	rev := f.reviewer
	f.reports = []*storage.Report{
		seedReport(t, h, f.ani, at(2023, 12, 5, 10, 15), storage.Report{Activity: "kunjungan_rumah",
			ActivityDate: at(2023, 12, 5, 0, 0), KelurahanCode: kelMayangan, Latitude: ptr(-7.6446), Longitude: ptr(112.9054),
			PMKSCategory: "Fakir miskin", Beneficiaries: ptr(4), Description: "Mengunjungi keluarga <lansia> & mengantar sembako.",
			Photos: []storage.ReportPhoto{{FileID: "f1", FileUniqueID: "u1"}, {FileID: "f2", FileUniqueID: "u2"}}},
			storage.ReportApproved, rev),
		seedReport(t, h, f.budi, at(2023, 12, 10, 18, 0), storage.Report{Activity: "evakuasi",
			ActivityDate: at(2023, 12, 10, 0, 0), KelurahanCode: "35.75.03.1003", DisasterType: "Banjir",
			Victims: ptr(3), Evacuees: ptr(25), Needs: "Makanan & selimut"},
			storage.ReportNeedsCorrection, rev),
		seedReport(t, h, f.ani, at(2023, 12, 20, 9, 0), storage.Report{Activity: "penyaluran_bantuan",
			ActivityDate: at(2023, 12, 20, 0, 0), KelurahanCode: kelTrajeng, PMKSCategory: "Lanjut usia telantar", Beneficiaries: ptr(10)},
			storage.ReportSubmitted, 0),
		seedReport(t, h, f.dodi, at(2023, 12, 21, 9, 0), storage.Report{Activity: "rujukan",
			ActivityDate: at(2023, 12, 21, 0, 0), KelurahanCode: kelMayangan, PMKSCategory: "Anak telantar", Beneficiaries: ptr(7)},
			storage.ReportRejected, rev),
		seedReport(t, h, f.cici, at(2024, 1, 1, 7, 0), storage.Report{Activity: "bakti_sosial",
			ActivityDate: at(2023, 12, 31, 0, 0), KelurahanCode: kelGadingrejo},
			storage.ReportSubmitted, 0),
		// January: not in the December numbers.
		seedReport(t, h, f.ani, at(2024, 1, 2, 8, 0), storage.Report{Activity: "penyuluhan",
			ActivityDate: at(2024, 1, 2, 0, 0), KelurahanCode: kelMayangan},
			storage.ReportSubmitted, 0),
	}
	f.hksn = seedEvent(t, h, "HKSN 2023", at(2023, 12, 20, 8, 0))
	answer(t, h, f.hksn, f.ani, true, at(2023, 12, 20, 8, 10), true, 80.4)
	answer(t, h, f.hksn, f.budi, true, at(2023, 12, 20, 8, 20), false, 2150)
	answer(t, h, f.hksn, f.cici, true, time.Time{}, false, 0)
	answer(t, h, f.hksn, f.dodi, false, time.Time{}, false, 0)
	f.bimtek = seedEvent(t, h, "Bimtek PSM", at(2023, 12, 22, 9, 0))
	answer(t, h, f.bimtek, f.dodi, true, at(2023, 12, 22, 9, 5), true, 15)
	lomba := seedEvent(t, h, "Lomba pilar sosial", at(2023, 12, 28, 8, 0))
	answer(t, h, lomba, f.ani, true, time.Time{}, false, 0)
	if _, err := h.store.CancelEvent(ctx, lomba.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRekapReportsAndEvents(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	seedActivity(t, h)

	h.admin.SendCommand("/rekap Desember 2023")
	m := expect(t, h.admin, "Rekap Desember 2023")
	for _, want := range []string{
		"Laporan kegiatan (tanggal kegiatan di Desember 2023)\n" +
			"Jumlah: 5 laporan (menunggu tinjauan 2, disetujui 1, perlu perbaikan 1, ditolak 1)\n" +
			"Warga yang dibantu: penerima manfaat PSM 14 orang; korban bencana 3 dan pengungsi 25 orang (Tagana). Laporan yang ditolak tidak dihitung.\n\n" +
			"Per jenis pilar (tanpa laporan yang ditolak)\n" +
			"PSM: 2 laporan, penerima manfaat 14 orang\n" +
			"Tagana: 1 laporan, korban 3, pengungsi 25 orang\n" +
			"Karang Taruna: 1 laporan\n\n" +
			"Per kecamatan (tanpa laporan yang ditolak)\n" +
			"Gadingrejo: 1 laporan\n" +
			"Bugul Kidul: 1 laporan, korban 3, pengungsi 25 orang\n" +
			"Panggungrejo: 2 laporan, penerima manfaat 14 orang\n\n",
		"Acara (mulai di Desember 2023; kehadiran = check-in dari yang menjawab Hadir)\n" +
			"• 20-12-2023 HKSN 2023: Hadir 3, check-in 2 (67%)\n" +
			"• 22-12-2023 Bimtek PSM: Hadir 1, check-in 1 (100%)\n" +
			"• 28-12-2023 Lomba pilar sosial: dibatalkan\n" +
			"Jumlah: 3 acara, 2 sudah berlangsung: Hadir 4, check-in 3 (kehadiran 75%)\n\n",
	} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("rekap lacks\n%s\nin\n%s", want, m.Plain)
		}
	}

	// January has one report and no event.
	h.admin.SendCommand("/rekap Januari 2024")
	expect(t, h.admin, "Jumlah: 1 laporan (menunggu tinjauan 1, disetujui 0", "PSM: 1 laporan\n", "Tidak ada acara.")
	h.admin.SendCommand("/rekap Oktober 2023")
	expect(t, h.admin, "Belum ada laporan kegiatan.", "Tidak ada acara.")

	// Many events: ten are listed, the rest summed up; long titles are cut.
	long := strings.Repeat("Bimbingan teknis & <pendataan> ", 10)
	for d := 1; d <= 12; d++ {
		seedEvent(t, h, long+strconv.Itoa(d), at(2023, 11, d, 8, 0))
	}
	h.admin.SendCommand("/rekap November 2023")
	m = expect(t, h.admin, "Rekap November 2023", "• 10-11-2023 Bimbingan teknis & <pendataan> Bimbingan teknis & <pendataa…: Hadir 0, check-in 0 (-)",
		"… dan 2 lainnya", "Jumlah: 12 acara, 12 sudah berlangsung: Hadir 0, check-in 0 (kehadiran -)")
	if strings.Contains(m.Plain, "11-11-2023") || len(m.Text) > 4096 {
		t.Errorf("the 11th event is listed or the message is too long (%d):\n%s", len(m.Text), m.Plain)
	}

	// An event later this month has not been held yet.
	this := parse.MonthPeriod(h.clock.Now())
	seedEvent(t, h, "Rapat akhir bulan", this.End.Add(-time.Minute))
	h.admin.SendCommand("/rekap bulan ini")
	expect(t, h.admin, "Rapat akhir bulan: belum berlangsung (Hadir 0)", "Jumlah: 1 acara, 0 sudah berlangsung")
}
