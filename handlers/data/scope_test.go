package data_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// kecBugulKidul is the kecamatan of the scoped coordinator of these tests.
const kecBugulKidul = "35.75.03"

// scopedFixture is the activity fixture with a second volunteer of Bugul
// Kidul, Eko of Kepel, and his approved report, and the coordinator of
// Bugul Kidul.
type scopedFixture struct {
	*activityFixture
	eko   *storage.Volunteer
	kidul *telegramtest.User
}

func seedScoped(t *testing.T, h *apptest.Harness) *scopedFixture {
	t.Helper()
	f := &scopedFixture{activityFixture: seedActivity(t, h)}
	f.eko = apptest.Seed(t, h, 4711, "Eko Kepel", "psm", "35.75.03.1002", apptest.NIK(75), "+6281200000075",
		apptest.At(2023, 11, 2, 9, 0), domain.StatusVerified)
	apptest.SeedReport(t, h, f.eko, apptest.At(2023, 12, 15, 9, 0), storage.Report{Activity: "kunjungan_rumah",
		ActivityDate: apptest.At(2023, 12, 15, 0, 0), KelurahanCode: "35.75.03.1002", PMKSCategory: "Fakir miskin",
		Beneficiaries: apptest.Ptr(2)}, domain.ReportApproved, f.reviewer)
	f.kidul = apptest.AddCoordinator(t, h, 4712, "Bu Kidul")
	if err := h.Store.SetCoordinatorScope(context.Background(), f.kidul.ID, storage.Scope{Kecamatans: []string{kecBugulKidul}}, apptest.AdminID); err != nil {
		t.Fatal(err)
	}
	return f
}

// onlyBugulKidul fails the test unless the export's sheet has want data
// rows and every one of them lies in Bugul Kidul, by its kelurahan code
// and its kecamatan.
func onlyBugulKidul(t *testing.T, f *excelize.File, sheet string, want int) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) != want+1 {
		t.Fatalf("%s: %d rows, %v; want %d and the header: %q", sheet, len(rows), err, want, rows)
	}
	code, kec := slices.Index(rows[0], "Kode kelurahan"), slices.Index(rows[0], "Kecamatan")
	if code < 0 || kec < 0 {
		t.Fatalf("%s: header %q", sheet, rows[0])
	}
	for i, row := range rows[1:] {
		if !strings.HasPrefix(row[code], kecBugulKidul+".") || row[kec] != "Bugul Kidul" {
			t.Errorf("%s row %d lies outside Bugul Kidul: %q", sheet, i+2, row)
		}
	}
	return rows[1:]
}

func TestScopedRekapCountsOnlyTheScope(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	f := seedScoped(t, h)

	f.kidul.SendCommand("/rekap Desember 2023")
	m := apptest.Expect(t, f.kidul, "Rekap Desember 2023", "Wilayah kerja: Kec. Bugul Kidul · semua pilar")
	for _, want := range []string{
		"PSM: 1 (terverifikasi 1, menunggu 0, ditolak 0; baru 0)",
		"Tagana: 1 (terverifikasi 1, menunggu 0, ditolak 0; baru 0)",
		"Karang Taruna: 0 (",
		"Jumlah: 2 (terverifikasi 2, menunggu 0, ditolak 0; baru 0)",
		"Jumlah: 2 laporan (menunggu tinjauan 0, disetujui 1, perlu perbaikan 1, ditolak 0)",
		"Per kecamatan (tanpa laporan yang ditolak)\nBugul Kidul: 2 laporan, penerima manfaat 2 orang, korban 3, pengungsi 25 orang\n\n",
		// Budi answered HKSN and checked in; nobody of Bugul Kidul
		// answered the Bimtek or the cancelled Lomba.
		"• 20-12-2023 HKSN 2023: Hadir 1, check-in 1 (100%)\n" +
			"Jumlah: 1 acara, 1 sudah berlangsung: Hadir 1, check-in 1 (kehadiran 100%)",
	} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("Bugul Kidul's rekap lacks\n%s\nin\n%s", want, m.Plain)
		}
	}
	for _, other := range []string{"Panggungrejo", "Gadingrejo", "Bimtek", "Lomba"} {
		if strings.Contains(m.Plain, other) {
			t.Errorf("Bugul Kidul's rekap counts %s:\n%s", other, m.Plain)
		}
	}

	// The city's rekap is unchanged by the scope of another, and names none.
	h.Admin.SendCommand("/rekap Desember 2023")
	m = apptest.Expect(t, h.Admin, "Rekap Desember 2023", "Jumlah: 6 laporan", "Bimtek PSM")
	if strings.Contains(m.Plain, "Wilayah kerja") {
		t.Errorf("the admin's rekap names a scope:\n%s", m.Plain)
	}
}

func TestScopedEksporHoldsOnlyTheScope(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	f := seedScoped(t, h)
	kidul := f.kidul

	kidul.SendCommand("/ekspor relawan")
	rows := onlyBugulKidul(t, openExport(t, kidul, "Data relawan", "2 baris", "Wilayah kerja: Kec. Bugul Kidul", "disamarkan"), "Relawan", 2)
	if rows[0][1] != "Eko Kepel" || rows[1][1] != "Budi Santoso" { // by kelurahan code
		t.Errorf("volunteers = %q", rows)
	}

	kidul.SendCommand("/ekspor laporan Desember 2023")
	rows = onlyBugulKidul(t, openExport(t, kidul, "Laporan kegiatan", "2 baris", "Wilayah kerja"), "Laporan", 2)
	if rows[0][4] != "Budi Santoso" || rows[1][4] != "Eko Kepel" {
		t.Errorf("reports = %q", rows)
	}

	// Only the events Bugul Kidul's volunteers answered are offered, and
	// only their answers are written.
	kidul.SendCommand("/ekspor kehadiran")
	list := apptest.Expect(t, kidul, "Kehadiran acara: pilih salah satu")
	if b := strings.Join(flatten(list.Buttons()), "|"); b != "20-12-2023 · HKSN 2023" {
		t.Errorf("event buttons = %s", b)
	}
	apptest.Press(t, kidul, list, "20-12-2023 · HKSN 2023")
	rows = onlyBugulKidul(t, openExport(t, kidul, "Kehadiran acara", "1 baris"), "Kehadiran", 1)
	if rows[0][3] != "Budi Santoso" || rows[0][8] != "Hadir" {
		t.Errorf("attendance = %q", rows)
	}
	// A forged event id of another area's event holds none of its answers.
	_, q := kidul.PressForged(list.ID, fmt.Sprintf("ex:kehadiran:%d", f.bimtek.ID))
	h.TG.WaitCallbackAnswered(q)
	onlyBugulKidul(t, openExport(t, kidul, "Kehadiran acara", "0 baris"), "Kehadiran", 0)
}

func TestScopedCariFindsOnlyTheScope(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	f := seedScoped(t, h)
	kidul := f.kidul

	// Ani lives in Mayangan (Panggungrejo): not found by name or number.
	for _, q := range []string{"Ani Lestari", "0812-0000-0071"} {
		kidul.SendCommand("/cari " + q)
		m := apptest.Expect(t, kidul, "Tidak ada relawan yang cocok", "Wilayah kerja: Kec. Bugul Kidul")
		if strings.Contains(m.Plain, "Ani") && !strings.Contains(m.Plain, "cocok dengan Ani") {
			t.Errorf("/cari %s shows Ani: %q", q, m.Plain)
		}
	}
	// Two Budis, one in Bugul Kidul: his profile comes at once, no list.
	apptest.Seed(t, h, 4713, "Budi Hartono", "psm", apptest.KelMayangan, apptest.NIK(76), "+6281200000076",
		apptest.At(2023, 11, 3, 9, 0), domain.StatusVerified)
	kidul.SendCommand("/cari Budi")
	m := apptest.Expect(t, kidul, "Profil relawan", "Budi Santoso", "Tapa'an")
	if strings.Contains(m.Plain, "Hartono") {
		t.Errorf("the profile shows the other Budi: %q", m.Plain)
	}
	h.Admin.SendCommand("/cari Budi")
	apptest.Expect(t, h.Admin, "Ditemukan 2 relawan")

	// A forged button with Ani's id.
	last := kidul.Messages()[len(kidul.Messages())-1]
	_, q := kidul.PressForged(last.ID, fmt.Sprintf("cr:%d", f.ani.ID))
	if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "di luar wilayah kerja") {
		t.Errorf("forged profile button answered %q", a.Text)
	}
	kidul.SendCommand("/bantuan")
	apptest.Expect(t, kidul, "/cari") // no profile was sent before
	h.Admin.SendCommand("/cari Ani Lestari")
	apptest.Expect(t, h.Admin, "Profil relawan", "Ani Lestari")
}
