package data_test

import (
	"archive/zip"
	"bytes"
	"context"
	"image/png"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// activityFixture is December 2023 of four volunteers: five reports in
// the month (one rejected) and one in January, three events (one
// cancelled) with answers and check-ins.
type activityFixture struct {
	ani, budi, cici, dodi *storage.Volunteer
	reports               []*storage.Report
	hksn, bimtek          *storage.Event
	reviewer              int64
}

func seedActivity(t *testing.T, h *apptest.Harness) *activityFixture {
	t.Helper()
	ctx := context.Background()
	f := &activityFixture{reviewer: 4790}
	apptest.AddCoordinator(t, h, f.reviewer, "Bu Rina")
	reg := apptest.At(2023, 11, 1, 9, 0)
	f.ani = apptest.Seed(t, h, 4701, "Ani Lestari", "psm", apptest.KelMayangan, apptest.NIK(71), "+6281200000071", reg, domain.StatusVerified)
	f.budi = apptest.Seed(t, h, 4702, "Budi Santoso", "tagana", "35.75.03.1003", apptest.NIK(72), "+6281200000072", reg, domain.StatusVerified)
	f.cici = apptest.Seed(t, h, 4703, "Cici Amelia", "karang_taruna", apptest.KelGadingrejo, apptest.NIK(73), "+6281200000073", reg, domain.StatusVerified)
	f.dodi = apptest.Seed(t, h, 4704, "Dodi Pratama", "psm", apptest.KelTrajeng, apptest.NIK(74), "+6281200000074", reg, domain.StatusVerified)
	rev := f.reviewer
	f.reports = []*storage.Report{
		apptest.SeedReport(t, h, f.ani, apptest.At(2023, 12, 5, 10, 15), storage.Report{Activity: "kunjungan_rumah",
			ActivityDate: apptest.At(2023, 12, 5, 0, 0), KelurahanCode: apptest.KelMayangan, Latitude: apptest.Ptr(-7.6446), Longitude: apptest.Ptr(112.9054),
			PMKSCategory: "Fakir miskin", Beneficiaries: apptest.Ptr(4), Description: "Mengunjungi keluarga <lansia> & mengantar sembako.",
			Photos: []storage.ReportPhoto{{FileID: "f1", FileUniqueID: "u1"}, {FileID: "f2", FileUniqueID: "u2"}}},
			domain.ReportApproved, rev),
		apptest.SeedReport(t, h, f.budi, apptest.At(2023, 12, 10, 18, 0), storage.Report{Activity: "evakuasi",
			ActivityDate: apptest.At(2023, 12, 10, 0, 0), KelurahanCode: "35.75.03.1003", DisasterType: "Banjir",
			Victims: apptest.Ptr(3), Evacuees: apptest.Ptr(25), Needs: "Makanan & selimut"},
			domain.ReportNeedsCorrection, rev),
		apptest.SeedReport(t, h, f.ani, apptest.At(2023, 12, 20, 9, 0), storage.Report{Activity: "penyaluran_bantuan",
			ActivityDate: apptest.At(2023, 12, 20, 0, 0), KelurahanCode: apptest.KelTrajeng, PMKSCategory: "Lanjut usia telantar", Beneficiaries: apptest.Ptr(10)},
			domain.ReportSubmitted, 0),
		apptest.SeedReport(t, h, f.dodi, apptest.At(2023, 12, 21, 9, 0), storage.Report{Activity: "rujukan",
			ActivityDate: apptest.At(2023, 12, 21, 0, 0), KelurahanCode: apptest.KelMayangan, PMKSCategory: "Anak telantar", Beneficiaries: apptest.Ptr(7)},
			domain.ReportRejected, rev),
		apptest.SeedReport(t, h, f.cici, apptest.At(2024, 1, 1, 7, 0), storage.Report{Activity: "bakti_sosial",
			ActivityDate: apptest.At(2023, 12, 31, 0, 0), KelurahanCode: apptest.KelGadingrejo},
			domain.ReportSubmitted, 0),
		// January: not in the December numbers.
		apptest.SeedReport(t, h, f.ani, apptest.At(2024, 1, 2, 8, 0), storage.Report{Activity: "penyuluhan",
			ActivityDate: apptest.At(2024, 1, 2, 0, 0), KelurahanCode: apptest.KelMayangan},
			domain.ReportSubmitted, 0),
	}
	f.hksn = apptest.SeedEvent(t, h, "HKSN 2023", apptest.At(2023, 12, 20, 8, 0))
	apptest.Answer(t, h, f.hksn, f.ani, true, apptest.At(2023, 12, 20, 8, 10), true, 80.4)
	apptest.Answer(t, h, f.hksn, f.budi, true, apptest.At(2023, 12, 20, 8, 20), false, 2150)
	apptest.Answer(t, h, f.hksn, f.cici, true, time.Time{}, false, 0)
	apptest.Answer(t, h, f.hksn, f.dodi, false, time.Time{}, false, 0)
	f.bimtek = apptest.SeedEvent(t, h, "Bimtek PSM", apptest.At(2023, 12, 22, 9, 0))
	apptest.Answer(t, h, f.bimtek, f.dodi, true, apptest.At(2023, 12, 22, 9, 5), true, 15)
	lomba := apptest.SeedEvent(t, h, "Lomba pilar sosial", apptest.At(2023, 12, 28, 8, 0))
	apptest.Answer(t, h, lomba, f.ani, true, time.Time{}, false, 0)
	if _, err := h.Store.CancelEvent(ctx, lomba.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRekapReportsAndEvents(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	seedActivity(t, h)

	h.Admin.SendCommand("/rekap Desember 2023")
	m := apptest.Expect(t, h.Admin, "Rekap Desember 2023")
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

	// The chart follows the text.
	expectChart(t, h, "Desember 2023")

	// January has one report and no event.
	h.Admin.SendCommand("/rekap Januari 2024")
	apptest.Expect(t, h.Admin, "Jumlah: 1 laporan (menunggu tinjauan 1, disetujui 0", "PSM: 1 laporan\n", "Tidak ada acara.")
	expectChart(t, h, "Januari 2024")
	// October and the five months before it had no report: no chart.
	h.Admin.SendCommand("/rekap Oktober 2023")
	apptest.Expect(t, h.Admin, "Belum ada laporan kegiatan.", "Tidak ada acara.")

	// Many events: ten are listed, the rest summed up; long titles are cut.
	long := strings.Repeat("Bimbingan teknis & <pendataan> ", 10)
	for d := 1; d <= 12; d++ {
		apptest.SeedEvent(t, h, long+strconv.Itoa(d), apptest.At(2023, 11, d, 8, 0))
	}
	h.Admin.SendCommand("/rekap November 2023")
	m = apptest.Expect(t, h.Admin, "Rekap November 2023", "• 10-11-2023 Bimbingan teknis & <pendataan> Bimbingan teknis & <pendataa…: Hadir 0, check-in 0 (-)",
		"… dan 2 lainnya", "Jumlah: 12 acara, 12 sudah berlangsung: Hadir 0, check-in 0 (kehadiran -)")
	if strings.Contains(m.Plain, "11-11-2023") || len(m.Text) > 4096 {
		t.Errorf("the 11th event is listed or the message is too long (%d):\n%s", len(m.Text), m.Plain)
	}

	// An event later this month has not been held yet.
	this := parse.MonthPeriod(h.Clock.Now())
	apptest.SeedEvent(t, h, "Rapat akhir bulan", this.End.Add(-time.Minute))
	h.Admin.SendCommand("/rekap bulan ini")
	apptest.Expect(t, h.Admin, "Rapat akhir bulan: belum berlangsung (Hadir 0)", "Jumlah: 1 acara, 0 sudah berlangsung")
}

// sheetCells reads cells of one sheet: shown values and raw values.
type sheetCells struct {
	t     *testing.T
	f     *excelize.File
	sheet string
}

func (c sheetCells) shown(ref string) string {
	c.t.Helper()
	v, err := c.f.GetCellValue(c.sheet, ref)
	if err != nil {
		c.t.Fatal(err)
	}
	return v
}

func (c sheetCells) raw(ref string) string {
	c.t.Helper()
	v, err := c.f.GetCellValue(c.sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		c.t.Fatal(err)
	}
	return v
}

// check compares shown values, numbers (raw, stored as numbers) and
// dates (raw serials with a date format).
func (c sheetCells) check(shown map[string]string, numbers map[string]float64, dates []string) {
	c.t.Helper()
	for ref, want := range shown {
		if got := c.shown(ref); got != want {
			c.t.Errorf("%s!%s = %q; want %q", c.sheet, ref, got, want)
		}
	}
	for ref, want := range numbers {
		got, err := strconv.ParseFloat(c.raw(ref), 64)
		if err != nil || got != want {
			c.t.Errorf("%s!%s holds %q; want the number %v", c.sheet, ref, c.raw(ref), want)
		}
		if typ, _ := c.f.GetCellType(c.sheet, ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			c.t.Errorf("%s!%s has type %v, not a number", c.sheet, ref, typ)
		}
	}
	for _, ref := range dates {
		if _, err := strconv.ParseFloat(c.raw(ref), 64); err != nil {
			c.t.Errorf("%s!%s holds %q, not a date serial", c.sheet, ref, c.raw(ref))
		}
		style, _ := c.f.GetCellStyle(c.sheet, ref)
		if st, err := c.f.GetStyle(style); err != nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "dd-mm-yyyy") {
			c.t.Errorf("%s!%s is not formatted as a date: %+v, %v", c.sheet, ref, st, err)
		}
	}
}

// noIDs fails if any cell holds a NIK or phone number, in full or masked.
func (c sheetCells) noIDs(vs ...*storage.Volunteer) {
	c.t.Helper()
	rows, err := c.f.GetRows(c.sheet)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			for _, v := range vs {
				for _, secret := range []string{v.NIK, v.Phone, kit.MaskNIK(v.NIK), kit.MaskPhone(v.Phone), v.NIK[:6]} {
					if strings.Contains(cell, secret) {
						c.t.Errorf("%s holds %q of %s", c.sheet, cell, v.FullName)
					}
				}
			}
		}
	}
}

func TestEksporReports(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	fx := seedActivity(t, h)
	coord := apptest.AddCoordinator(t, h, 4791, "Koordinator")

	// By the buttons: the kind, then a month.
	coord.SendCommand("/ekspor")
	ask := apptest.Expect(t, coord, "Data apa")
	apptest.Press(t, coord, ask, "Laporan kegiatan")
	months := apptest.ExpectEdited(t, coord, ask, "Laporan kegiatan: pilih salah satu") // the same message, the next menu
	this := parse.MonthPeriod(h.Clock.Now())
	apptest.Press(t, coord, months, this.Label())
	openExport(t, coord, "Laporan kegiatan", "0 baris")

	// Typed: December 2023.
	coord.SendCommand("/ekspor laporan Desember 2023")
	f := openExport(t, coord, "Laporan kegiatan", "5 baris")
	if m := coord.Messages(); strings.Contains(m[len(m)-1].Plain, "disamarkan") {
		t.Errorf("the caption speaks of masking a file without NIK: %q", m[len(m)-1].Plain)
	}
	c := sheetCells{t: t, f: f, sheet: "Laporan"}
	rows, err := f.GetRows(c.sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "No|Nomor laporan|Tanggal kegiatan|Dikirim|Nama relawan|Jenis pilar|Jenis kegiatan|Kode kelurahan|Kelurahan|Kecamatan|" +
		"Lintang|Bujur|Kategori PMKS|Penerima manfaat|Jenis bencana|Korban|Pengungsi|Kebutuhan|Uraian|Jumlah foto|Status|Peninjau"
	if len(rows) != 6 || strings.Join(rows[0], "|") != wantHeader {
		t.Fatalf("rows = %q", rows)
	}
	r := fx.reports
	// By activity date: 5, 10, 20, 21 and 31 December.
	c.check(map[string]string{
		"B2": r[0].Number, "C2": "05-12-2023", "D2": "05-12-2023 10:15", "E2": "Ani Lestari", "F2": "PSM",
		"G2": "Kunjungan rumah", "H2": apptest.KelMayangan, "I2": "Mayangan", "J2": "Panggungrejo",
		"M2": "Fakir miskin", "O2": "", "P2": "", "Q2": "", "R2": "",
		"S2": "Mengunjungi keluarga <lansia> & mengantar sembako.", "U2": "Disetujui", "V2": "Bu Rina",
		"B3": r[1].Number, "C3": "10-12-2023", "E3": "Budi Santoso", "F3": "Tagana", "G3": "Evakuasi",
		"I3": "Tapa'an", "J3": "Bugul Kidul", "K3": "", "L3": "", "M3": "", "N3": "", "O3": "Banjir",
		"R3": "Makanan & selimut", "U3": "Perlu perbaikan", "V3": "Bu Rina",
		"B4": r[2].Number, "I4": "Trajeng", "U4": "Menunggu tinjauan", "V4": "",
		"B5": r[3].Number, "E5": "Dodi Pratama", "U5": "Ditolak",
		"B6": r[4].Number, "C6": "31-12-2023", "D6": "01-01-2024 07:00", "F6": "Karang Taruna", "G6": "Bakti sosial", "N6": "",
	}, map[string]float64{
		"A2": 1, "K2": -7.6446, "L2": 112.9054, "N2": 4, "T2": 2,
		"A3": 2, "P3": 3, "Q3": 25, "T3": 0, "N4": 10, "N5": 7, "A6": 5,
	}, []string{"C2", "D2", "C6", "D6"})
	// 5 December 2023 is serial 45265, midnight: a date, not a time of day.
	if got := c.raw("C2"); got != "45265" {
		t.Errorf("C2 raw = %q; want 45265", got)
	}
	if !strings.HasPrefix(c.raw("D2"), "45265.42708") {
		t.Errorf("D2 raw = %q; want 5 December 10.15", c.raw("D2"))
	}
	c.noIDs(fx.ani, fx.budi, fx.cici, fx.dodi)
	if tables, err := f.GetTables(c.sheet); err != nil || len(tables) != 1 || tables[0].Range != "A1:V6" {
		t.Errorf("tables = %+v, %v", tables, err)
	}
	m := coord.Messages()
	checkSummarySheet(t, f, m[len(m)-1].Document.Data)
}

// checkSummarySheet checks the first sheet of the December reports
// export: /rekap's table per kecamatan (without the rejected report) and
// a native chart. EXPORT_XLSX=/tmp/laporan.xlsx keeps the file to look at.
func checkSummarySheet(t *testing.T, f *excelize.File, data []byte) {
	t.Helper()
	if got := strings.Join(f.GetSheetList(), ","); got != "Ringkasan,Laporan" {
		t.Errorf("sheets %s, want Ringkasan first", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d, not Ringkasan", f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows("Ringkasan")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Laporan kegiatan Desember 2023 per kecamatan",
		"Kota Pasuruan. Tanpa laporan yang ditolak, seperti /rekap.",
		"",
		"Kecamatan|PSM|Tagana|Karang Taruna|Jumlah laporan|Penerima manfaat|Korban|Pengungsi",
		"Gadingrejo|0|0|1|1|0|0|0",
		"Purworejo|0|0|0|0|0|0|0",
		"Bugul Kidul|0|1|0|1|0|3|25",
		"Panggungrejo|2|0|0|2|14|0|0",
		"Jumlah|2|1|1|4|14|3|25",
	}
	for i, w := range want {
		if i >= len(rows) || strings.Join(rows[i], "|") != w {
			t.Fatalf("Ringkasan rows\n%q\nwant\n%q", rows, want)
		}
	}
	c := sheetCells{t: t, f: f, sheet: "Ringkasan"}
	c.check(nil, map[string]float64{"B8": 2, "E9": 4, "H7": 25}, nil)
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	chart, err := z.Open("xl/charts/chart1.xml")
	if err != nil {
		t.Fatalf("no chart in the workbook: %v", err)
	}
	xml, _ := io.ReadAll(chart)
	for _, w := range []string{`<grouping val="stacked">`, "Ringkasan!$B$4", "Ringkasan!$A$5:$A$8", "Ringkasan!$D$5:$D$8"} {
		if !strings.Contains(string(xml), w) {
			t.Errorf("chart1.xml lacks %s", w)
		}
	}
	if out := os.Getenv("EXPORT_XLSX"); out != "" {
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEksporAttendance(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	fx := seedActivity(t, h)

	h.Admin.SendCommand("/ekspor kehadiran")
	list := apptest.Expect(t, h.Admin, "Kehadiran acara: pilih salah satu")
	if b := strings.Join(flatten(list.Buttons()), "|"); b != "22-12-2023 · Bimtek PSM|20-12-2023 · HKSN 2023" {
		t.Errorf("event buttons = %s (the cancelled event must not be offered)", b)
	}
	apptest.Press(t, h.Admin, list, "20-12-2023 · HKSN 2023")
	f := openExport(t, h.Admin, "Kehadiran acara", "4 baris")
	c := sheetCells{t: t, f: f, sheet: "Kehadiran"}
	rows, err := f.GetRows(c.sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "No|Acara|Mulai acara|Nama relawan|Jenis pilar|Kode kelurahan|Kelurahan|Kecamatan|Jawaban|Check-in|Lokasi check-in|Jarak dari lokasi acara (m)"
	if len(rows) != 5 || strings.Join(rows[0], "|") != wantHeader {
		t.Fatalf("rows = %q", rows)
	}
	// Hadir first, by name; then Tidak hadir.
	c.check(map[string]string{
		"B2": "HKSN 2023", "C2": "20-12-2023 08:00", "D2": "Ani Lestari", "E2": "PSM", "F2": apptest.KelMayangan,
		"G2": "Mayangan", "H2": "Panggungrejo", "I2": "Hadir", "J2": "20-12-2023 08:10", "K2": "Terverifikasi",
		"D3": "Budi Santoso", "I3": "Hadir", "J3": "20-12-2023 08:20", "K3": "Tidak terverifikasi",
		"D4": "Cici Amelia", "I4": "Hadir", "J4": "", "K4": "", "L4": "",
		"D5": "Dodi Pratama", "I5": "Tidak hadir", "J5": "", "K5": "", "L5": "",
	}, map[string]float64{"A2": 1, "L2": 80, "L3": 2150, "A5": 4}, []string{"C2", "J2", "J3"})
	c.noIDs(fx.ani, fx.budi, fx.cici, fx.dodi)

	// A stale or forged event id, on a list the bot sent.
	h.Admin.SendCommand("/ekspor kehadiran")
	list = apptest.Expect(t, h.Admin, "Kehadiran acara: pilih salah satu")
	_, q := h.Admin.PressForged(list.ID, "ex:kehadiran:999999")
	h.TG.WaitCallbackAnswered(q)
	apptest.Expect(t, h.Admin, "tidak ditemukan lagi")
}

func TestEksporActivityRefusesVolunteers(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	fx := seedActivity(t, h)
	v := h.TG.NewUser(fx.ani.TelegramID, "Ani")
	for _, cmd := range []string{"/ekspor laporan Desember 2023", "/ekspor kehadiran", "/rekap Desember 2023"} {
		v.SendCommand(cmd)
		apptest.Expect(t, v, "hanya untuk koordinator")
	}
	for _, data := range []string{"ex:laporan", "ex:laporan:2023-12", "ex:kehadiran", "ex:kehadiran:" + strconv.FormatInt(fx.hksn.ID, 10), "rk:2023-12"} {
		_, q := v.PressForged(1, data)
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "hanya untuk koordinator") {
			t.Errorf("forged %q answered %q", data, a.Text)
		}
	}
	v.SendCommand("/bantuan")
	apptest.Expect(t, v, "/hapusdata")
	for _, msg := range v.Messages() {
		if msg.Document != nil {
			t.Fatalf("a volunteer received a file: %s", msg.Document.Name)
		}
	}
}

func TestCariShowsRecentReports(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	fx := seedActivity(t, h)
	for i := range 3 { // Ani: 6 reports in all
		apptest.SeedReport(t, h, fx.ani, apptest.At(2024, 1, 3+i, 8, 0), storage.Report{Activity: "penyuluhan",
			ActivityDate: apptest.At(2024, 1, 3+i, 0, 0), KelurahanCode: apptest.KelMayangan}, domain.ReportSubmitted, 0)
	}
	h.Admin.SendCommand("/cari Ani Lestari")
	m := apptest.Expect(t, h.Admin, "Profil relawan", "Ani Lestari")
	want := "Laporan kegiatan: 6 laporan, 5 terakhir:\n" +
		"• LAP-2024-000005 · 05-01-2024 · Penyuluhan · Menunggu tinjauan\n" +
		"• LAP-2024-000004 · 04-01-2024 · Penyuluhan · Menunggu tinjauan\n" +
		"• LAP-2024-000003 · 03-01-2024 · Penyuluhan · Menunggu tinjauan\n" +
		"• LAP-2024-000002 · 02-01-2024 · Penyuluhan · Menunggu tinjauan\n" +
		"• " + fx.reports[2].Number + " · 20-12-2023 · Penyaluran bantuan · Menunggu tinjauan"
	if !strings.HasSuffix(m.Plain, want) {
		t.Errorf("profile lacks\n%s\nin\n%s", want, m.Plain)
	}
	h.Admin.SendCommand("/cari Budi")
	apptest.Expect(t, h.Admin, "Laporan kegiatan: 1 laporan, 1 terakhir:\n• "+fx.reports[1].Number+" · 10-12-2023 · Evakuasi · Perlu perbaikan")
	apptest.Seed(t, h, 4799, "Eka Tanpa Laporan", "pkh", apptest.KelMayangan, apptest.NIK(79), "+6281200000079", time.Now(), domain.StatusVerified)
	h.Admin.SendCommand("/cari Eka Tanpa")
	apptest.Expect(t, h.Admin, "Laporan kegiatan: belum ada.")
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// expectChart checks that the admin's next message is the /rekap chart
// of month: a photo whose PNG is as wide as a phone screen.
func expectChart(t *testing.T, h *apptest.Harness, month string) {
	t.Helper()
	m := apptest.Expect(t, h.Admin, "Grafik laporan kegiatan "+month)
	if m.Method != "sendPhoto" {
		t.Fatalf("chart sent with %s, want sendPhoto", m.Method)
	}
	_, data, ok := h.TG.FileData(m.PhotoFileID)
	if !ok {
		t.Fatalf("chart photo %s unknown to the fake", m.PhotoFileID)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != 1080 || cfg.Height < 1080 {
		t.Fatalf("chart is not a PNG of 1080 px wide: %+v, %v", cfg, err)
	}
}
