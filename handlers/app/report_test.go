package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// verified registers u with the given pilar in Mayangan and approves it,
// consuming the coordinator's new-registration notice.
func verifiedReporter(t testing.TB, h *apptest.Harness, u *telegramtest.User, name, pilar, nik string) *storage.Volunteer {
	t.Helper()
	sum := apptest.Register(t, u, name, pilar, "Panggungrejo", "Mayangan", nik)
	apptest.Press(t, u, sum, "✅ Simpan")
	apptest.Expect(t, u, "menunggu verifikasi")
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	v, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatalf("volunteer %d not stored: %v", u.ID, err)
	}
	if v, err = h.Store.DecideVolunteer(context.Background(), v.ID, apptest.AdminID, true, ""); err != nil {
		t.Fatalf("approve volunteer: %v", err)
	}
	return v
}

// submitSimple sends a PSM "Penyuluhan" report (no PMKS questions, no pin,
// no photo) and returns its number; the coordinator's card is consumed.
func submitSimple(t testing.TB, h *apptest.Harness, u *telegramtest.User, uraian string) string {
	t.Helper()
	toPhotos(t, u, uraian)
	u.SendText("Selesai")
	sum := apptest.Expect(t, u, "Periksa laporan kegiatan", "Penyuluhan", "Titik lokasi: tidak dikirim", "Foto: tidak ada")
	apptest.Press(t, u, sum, "✅ Kirim")
	receipt := apptest.Expect(t, u, "sudah diterima dengan nomor")
	number := reportNumber(t, receipt.Plain)
	apptest.Expect(t, h.Admin, "Laporan baru "+number)
	return number
}

// toPhotos walks u through /lapor as a PSM "Penyuluhan" (no PMKS
// questions, no pin) up to the photo question.
func toPhotos(t testing.TB, u *telegramtest.User, uraian string) {
	t.Helper()
	u.SendCommand("/lapor")
	apptest.Expect(t, u, "jenis kegiatan")
	u.SendText("Penyuluhan")
	apptest.Expect(t, u, "tanggal")
	u.SendText("Hari ini")
	apptest.Expect(t, u, "kelurahan")
	u.SendText("Mayangan")
	apptest.Expect(t, u, "titik lokasi")
	u.SendText("Lewati")
	apptest.Expect(t, u, "apa yang dilakukan")
	u.SendText(uraian)
	apptest.Expect(t, u, "foto kegiatan")
}

func reportNumber(t testing.TB, s string) string {
	t.Helper()
	i := strings.Index(s, "LAP-")
	if i < 0 || len(s) < i+len("LAP-2024-000001") {
		t.Fatalf("no report number in %q", s)
	}
	return s[i : i+len("LAP-2024-000001")]
}

func wibNow() time.Time { return time.Now().In(domain.WIB) }

func TestReportPSMWithPhotosAndLocation(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5001, "Latifa")
	v := verifiedReporter(t, h, u, "Latifa Hanum", "PSM", apptest.NIK(501))

	u.SendCommand("/lapor")
	q := apptest.Expect(t, u, "jenis kegiatan")
	if kb := fmt.Sprint(q.Keyboard()); !strings.Contains(kb, "Kunjungan rumah") || strings.Contains(kb, "Evakuasi") || !strings.Contains(kb, "Lainnya") {
		t.Fatalf("PSM activity keyboard = %s", kb)
	}
	u.SendText("kunjungan RUMAH")
	q = apptest.Expect(t, u, "kategori PMKS")
	if !strings.Contains(fmt.Sprint(q.Keyboard()), "Lanjut usia telantar") {
		t.Fatalf("PMKS keyboard = %v", q.Keyboard())
	}
	u.SendText("Lanjut usia telantar")
	apptest.Expect(t, u, "penerima manfaat")
	u.SendText("2 orang")
	q = apptest.Expect(t, u, "tanggal")
	if fmt.Sprint(q.Keyboard()) != "[[Hari ini Kemarin]]" {
		t.Fatalf("date keyboard = %v", q.Keyboard())
	}
	u.SendText("Hari ini")
	q = apptest.Expect(t, u, "kelurahan", "Mayangan")
	if fmt.Sprint(q.Keyboard()) != "[[Mayangan]]" {
		t.Fatalf("kelurahan keyboard = %v", q.Keyboard())
	}
	u.SendText("Mayangan")
	q = apptest.Expect(t, u, "titik lokasi")
	if b, ok := q.KeyboardButton("📍 Kirim lokasi"); !ok || !b.RequestLocation {
		t.Fatalf("no request_location button in %v", q.Keyboard())
	}
	u.SendLocation(-7.6406, 112.9064)
	apptest.Expect(t, u, "apa yang dilakukan")
	u.SendText("Mengunjungi Mbah <Sarni> & cucunya, mengantar sembako dan mencatat kebutuhan obat.")
	q = apptest.Expect(t, u, "foto kegiatan")
	if fmt.Sprint(q.Keyboard()) != "[[Selesai]]" {
		t.Fatalf("photo keyboard = %v", q.Keyboard())
	}
	u.SendPhoto("")
	apptest.Expect(t, u, "Foto diterima (1 dari 5)")
	u.SendPhoto("")
	apptest.Expect(t, u, "Foto diterima (2 dari 5)")
	u.SendText("Selesai")
	today := kit.FormatDate(wibNow())
	sum := apptest.Expect(t, u, "Periksa laporan kegiatan", "Jenis kegiatan: Kunjungan rumah", "Kategori PMKS: Lanjut usia telantar",
		"Penerima manfaat: 2 orang", "Tanggal: "+today, "Kelurahan: Mayangan, Kec. Panggungrejo",
		"Titik lokasi: -7.64060, 112.90640", "Mbah <Sarni> & cucunya", "Foto: 2 foto")
	if strings.Contains(sum.Plain, "Jenis bencana") {
		t.Fatalf("a PSM summary shows Tagana fields: %q", sum.Plain)
	}
	apptest.Press(t, u, sum, "✅ Kirim")
	year := wibNow().Year()
	receipt := apptest.Expect(t, u, fmt.Sprintf("LAP-%d-000001", year), "/riwayat")
	if !receipt.RemovesKeyboard() {
		t.Errorf("the receipt leaves the reply keyboard")
	}

	rep, err := h.Store.ReportByNumber(ctx, fmt.Sprintf("LAP-%d-000001", year))
	if err != nil {
		t.Fatal(err)
	}
	if rep.VolunteerID != v.ID || rep.Pilar != "psm" || rep.Activity != "kunjungan_rumah" || rep.PMKSCategory != "Lanjut usia telantar" ||
		rep.Beneficiaries == nil || *rep.Beneficiaries != 2 || rep.KelurahanCode != "35.75.04.1006" ||
		rep.Latitude == nil || *rep.Latitude != -7.6406 || *rep.Longitude != 112.9064 || rep.DisasterType != "" ||
		rep.Status != domain.ReportSubmitted || rep.ActivityDate.Format("02-01-2006") != kit.FormatShortDate(wibNow()) {
		t.Fatalf("stored report = %+v", rep)
	}
	if len(rep.Photos) != 2 || rep.Photos[0].FileID == rep.Photos[1].FileID || rep.Photos[0].FileUniqueID == "" {
		t.Fatalf("stored photos = %+v", rep.Photos)
	}

	// The coordinator gets the first photo with the report as caption.
	card := apptest.Expect(t, h.Admin, "Laporan baru "+rep.Number, "Latifa Hanum (PSM, Mayangan)", "Kunjungan rumah", "Mbah <Sarni> & cucunya", "Foto: 2 foto")
	if card.Method != "sendPhoto" || card.PhotoFileID != rep.Photos[0].FileID {
		t.Fatalf("card = %s, want the first photo %s", card, rep.Photos[0].FileID)
	}
	if got := fmt.Sprint(card.Buttons()); got != "[[✅ Setujui ❌ Tolak] [🔁 Perlu perbaikan]]" {
		t.Fatalf("card buttons = %s", got)
	}

	// /laporan sends the report and its photos again by file_id.
	h.Admin.SendCommand("/laporan " + strings.ToLower(rep.Number))
	apptest.Expect(t, h.Admin, "Laporan "+rep.Number, "Menunggu tinjauan", "Mengunjungi Mbah <Sarni>")
	p1, p2 := h.Admin.WaitNext(), h.Admin.WaitNext()
	if p1.Method != "sendMediaGroup" || p2.Method != "sendMediaGroup" || p1.MediaGroupID != p2.MediaGroupID ||
		p1.PhotoFileID != rep.Photos[0].FileID || p2.PhotoFileID != rep.Photos[1].FileID {
		t.Fatalf("re-sent photos = %s, %s", p1, p2)
	}
}

func TestReportTaganaDeployment(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5101, "Rizal")
	verifiedReporter(t, h, u, "Rizal Tagana", "Tagana", apptest.NIK(511))

	u.SendCommand("/lapor")
	q := apptest.Expect(t, u, "jenis kegiatan")
	if kb := fmt.Sprint(q.Keyboard()); !strings.Contains(kb, "Evakuasi") || strings.Contains(kb, "Kunjungan rumah") {
		t.Fatalf("Tagana activity keyboard = %s", kb)
	}
	u.SendText("Evakuasi")
	apptest.Expect(t, u, "jenis bencana")
	u.SendText("Gempa")
	apptest.Expect(t, u, "⚠️", "tidak ada dalam pilihan", "jenis bencana")
	u.SendText("banjir")
	apptest.Expect(t, u, "korban")
	u.SendSticker()
	apptest.Expect(t, u, "⚠️", "dengan angka", "korban")
	u.SendText("tiga")
	apptest.Expect(t, u, "⚠️", "angka 0 sampai 100.000", "korban")
	u.SendText("3")
	apptest.Expect(t, u, "pengungsi")
	u.SendText("1.250 jiwa")
	apptest.Expect(t, u, "kebutuhan mendesak")
	u.SendText("Selimut & makanan <siap saji>")
	apptest.Expect(t, u, "tanggal")
	u.SendText("Kemarin")
	apptest.Expect(t, u, "kelurahan")
	u.SendText("tambaan")
	apptest.Expect(t, u, "titik lokasi")
	u.SendText("Lewati")
	apptest.Expect(t, u, "apa yang dilakukan")
	u.SendText("Evakuasi warga RT 02 ke balai kelurahan dengan perahu karet.")
	apptest.Expect(t, u, "foto kegiatan")
	u.SendText("Selesai")
	yesterday := kit.FormatDate(wibNow().AddDate(0, 0, -1))
	sum := apptest.Expect(t, u, "Jenis kegiatan: Evakuasi", "Jenis bencana: Banjir", "Korban: 3 orang", "Pengungsi: 1.250 orang",
		"Kebutuhan: Selimut & makanan <siap saji>", "Tanggal: "+yesterday, "Kelurahan: Tamba'an", "Titik lokasi: tidak dikirim")
	if strings.Contains(sum.Plain, "PMKS") {
		t.Fatalf("a Tagana summary shows PSM fields: %q", sum.Plain)
	}
	apptest.Press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, apptest.Expect(t, u, "sudah diterima dengan nomor").Plain)
	card := apptest.Expect(t, h.Admin, "Laporan baru "+number, "Banjir", "1.250 orang", "Selimut & makanan <siap saji>")
	if card.Method != "sendMessage" {
		t.Fatalf("a report without photos was announced with %s", card.Method)
	}
	rep, err := h.Store.ReportByNumber(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	if rep.DisasterType != "Banjir" || rep.Victims == nil || *rep.Victims != 3 || rep.Evacuees == nil || *rep.Evacuees != 1250 ||
		rep.Needs != "Selimut & makanan <siap saji>" || rep.Latitude != nil || rep.PMKSCategory != "" || rep.Beneficiaries != nil ||
		rep.KelurahanCode != "35.75.04.1002" || len(rep.Photos) != 0 {
		t.Fatalf("stored report = %+v", rep)
	}
}

func TestReportAlbumIsOneAnswer(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5201, "Sari")
	verifiedReporter(t, h, u, "Sari Utami", "PSM", apptest.NIK(521))
	toPhotos(t, u, "Penyuluhan bahaya narkoba di balai RW 03.")
	u.SendAlbum(3)
	apptest.Expect(t, u, "Foto-foto diterima")
	u.SendText("Selesai")
	// The next message is the summary: the album got one acknowledgement.
	sum := apptest.Expect(t, u, "Periksa laporan kegiatan", "Foto: 3 foto")
	apptest.Press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, apptest.Expect(t, u, "sudah diterima").Plain)
	rep, err := h.Store.ReportByNumber(context.Background(), number)
	if err != nil || len(rep.Photos) != 3 {
		t.Fatalf("stored report = %+v, %v; want 3 photos", rep, err)
	}
}

func TestReportValidation(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5301, "Budi")
	verifiedReporter(t, h, u, "Budi Santoso", "PSM", apptest.NIK(531))
	u.SendCommand("/lapor")
	apptest.Expect(t, u, "jenis kegiatan")
	u.SendText("Rapat")
	apptest.Expect(t, u, "⚠️", "tidak ada dalam pilihan")
	u.SendText("Pendampingan")
	apptest.Expect(t, u, "kategori PMKS")
	u.SendText("Fakir miskin")
	apptest.Expect(t, u, "penerima manfaat")
	u.SendSticker()
	apptest.Expect(t, u, "⚠️", "dengan angka", "penerima manfaat")
	u.SendText("0")
	apptest.Expect(t, u, "⚠️", "angka 1 sampai", "penerima manfaat")
	u.SendText("5")
	apptest.Expect(t, u, "tanggal")

	u.SendText("besok")
	apptest.Expect(t, u, "⚠️", "tidak boleh setelah hari ini", "tanggal")
	u.SendText(wibNow().AddDate(0, 0, 1).Format("02/01/2006"))
	apptest.Expect(t, u, "⚠️", "tidak boleh setelah hari ini")
	u.SendText(wibNow().AddDate(0, 0, -40).Format("02-01-2006"))
	apptest.Expect(t, u, "⚠️", "paling lama 30 hari", "tanggal")
	u.SendText("31-02-2024")
	apptest.Expect(t, u, "⚠️", "tidak ada di kalender")
	old := wibNow().AddDate(0, 0, -30)
	u.SendText(fmt.Sprintf("%d %s %d", old.Day(), kit.MonthName(old.Month()), old.Year()))
	apptest.Expect(t, u, "kelurahan")

	u.SendText("Surabaya")
	apptest.Expect(t, u, "⚠️", "Kelurahan tidak ditemukan")
	u.SendText("Kel. Bugul Lor")
	apptest.Expect(t, u, "titik lokasi")
	u.SendLocation(-7.25, 112.75) // Surabaya
	apptest.Expect(t, u, "⚠️", "di luar Kota Pasuruan", "titik lokasi")
	u.SendText("di sini")
	apptest.Expect(t, u, "⚠️", "tekan tombol Kirim lokasi")
	u.SendLocation(-7.63, 112.92)
	apptest.Expect(t, u, "apa yang dilakukan")

	u.SendText("abcde")
	apptest.Expect(t, u, "⚠️", "terlalu pendek, minimal 10 huruf")
	u.SendText(strings.Repeat("a", 2001))
	apptest.Expect(t, u, "⚠️", "terlalu panjang, maksimal 2.000 huruf")
	u.SendText("Mendampingi keluarga mengurus KIS.")
	apptest.Expect(t, u, "foto kegiatan")

	u.SendSticker()
	apptest.Expect(t, u, "⚠️", "Mohon kirim foto")
	u.SendText("sudah")
	apptest.Expect(t, u, "⚠️", "tekan tombol Selesai")
	u.SendPhotoWithID("same-photo", "")
	apptest.Expect(t, u, "1 dari 5")
	u.SendPhotoWithID("same-photo", "")
	apptest.Expect(t, u, "⚠️", "sudah dikirim sebelumnya")
	for i := 2; i <= 5; i++ {
		u.SendPhoto("")
		if i < 5 {
			apptest.Expect(t, u, fmt.Sprintf("%d dari 5", i))
		} else {
			apptest.Expect(t, u, "Sudah 5 foto")
		}
	}
	u.SendPhoto("")
	apptest.Expect(t, u, "⚠️", "Paling banyak 5 foto")
	u.SendAlbum(2) // more extra photos: one refusal for the album
	apptest.Expect(t, u, "⚠️", "Paling banyak 5 foto")
	u.SendText("Selesai")
	sum := apptest.Expect(t, u, "Periksa laporan kegiatan", "Foto: 5 foto", "Bugul Lor", "-7.63000, 112.92000")
	apptest.Press(t, u, sum, "❌ Batal")
	apptest.Expect(t, u, "dibatalkan")
	var n int
	if err := h.Store.DB().Get(&n, `SELECT count(*) FROM reports`); err != nil || n != 0 {
		t.Fatalf("reports after a cancelled flow: %d, %v", n, err)
	}
}

func TestReportRedeliveredKirimIsStoredOnce(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5401, "Dewi")
	verifiedReporter(t, h, u, "Dewi Lestari", "PSM", apptest.NIK(541))
	toPhotos(t, u, "Penyuluhan gizi balita di posyandu.")
	u.SendText("Selesai")
	sum := apptest.Expect(t, u, "Periksa laporan kegiatan")
	upd, qid := u.Press(sum, sum.CallbackData("✅ Kirim"))
	h.TG.WaitCallbackAnswered(qid)
	apptest.Expect(t, u, "sudah diterima")
	h.WaitHandled(upd)
	h.TG.Redeliver(upd)
	h.WaitHandledTimes(upd, 2)
	u.SendCommand("/riwayat")
	apptest.Expect(t, u, "Riwayat laporan", "1 laporan") // no second receipt before it
	var n int
	if err := h.Store.DB().Get(&n, `SELECT count(*) FROM reports`); err != nil || n != 1 {
		t.Fatalf("reports after a redelivered Kirim: %d, %v", n, err)
	}
}

func TestReportReview(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5501, "Eko")
	verifiedReporter(t, h, u, "Eko Prasetyo", "PSM", apptest.NIK(551))

	// Approve.
	n1 := submitSimple(t, h, u, "Penyuluhan pertama tentang bansos.")
	card1 := h.Admin.Last()
	apptest.Press(t, h.Admin, card1, "✅ Setujui")
	apptest.Expect(t, h.Admin, n1, "disetujui")
	apptest.Expect(t, u, n1, "disetujui")
	if bs := h.Admin.Message(card1.ID).Buttons(); len(bs) != 0 {
		t.Errorf("the approved card still has buttons %v", bs)
	}
	r1, _ := h.Store.ReportByNumber(ctx, n1)
	_, q := h.Admin.PressForged(card1.ID, fmt.Sprintf("rv:no:%d", r1.ID)) // a late second decision
	if a := h.TG.WaitCallbackAnswered(q); a.Text != "Laporan ini sudah ditinjau." {
		t.Errorf("late press answered %q", a.Text)
	}
	checkHistory(t, h, r1.ID, domain.ReportApproved, "")

	// Needs correction, with a note that reaches the volunteer.
	n2 := submitSimple(t, h, u, "Penyuluhan kedua tentang bansos.")
	card2 := h.Admin.Last()
	apptest.Press(t, h.Admin, card2, "🔁 Perlu perbaikan")
	apptest.Expect(t, h.Admin, "catatan perbaikan", n2)
	h.Admin.SendText("ok")
	apptest.Expect(t, h.Admin, "⚠️", "catatan perbaikan")
	note := "Mohon lampirkan <foto> & jumlah peserta."
	h.Admin.SendText(note)
	apptest.Expect(t, h.Admin, "Tinjauan laporan "+n2, "Perlu perbaikan")
	apptest.Expect(t, u, n2, "perlu perbaikan", note, "/lapor")
	r2, _ := h.Store.ReportByNumber(ctx, n2)
	if r2.Status != domain.ReportNeedsCorrection {
		t.Fatalf("status %s", r2.Status)
	}
	checkHistory(t, h, r2.ID, domain.ReportNeedsCorrection, note)
	_, q = h.Admin.PressForged(card2.ID, fmt.Sprintf("rv:ok:%d", r2.ID))
	if a := h.TG.WaitCallbackAnswered(q); a.Text != "Laporan ini sudah ditinjau." {
		t.Errorf("second decision answered %q", a.Text)
	}

	// Reject.
	n3 := submitSimple(t, h, u, "Penyuluhan ketiga tentang bansos.")
	card3 := h.Admin.Last()
	apptest.Press(t, h.Admin, card3, "❌ Tolak")
	apptest.Expect(t, h.Admin, "alasan penolakan", n3)
	h.Admin.SendText("Sudah dilaporkan dengan nomor " + n2)
	apptest.Expect(t, h.Admin, "Tinjauan laporan "+n3, "Ditolak")
	apptest.Expect(t, u, n3, "tidak dapat diterima", "Sudah dilaporkan dengan nomor "+n2)
	r3, _ := h.Store.ReportByNumber(ctx, n3)
	checkHistory(t, h, r3.ID, domain.ReportRejected, "Sudah dilaporkan dengan nomor "+n2)

	// /laporan shows the history; a report without photos sends none.
	h.Admin.SendCommand("/laporan " + n2)
	apptest.Expect(t, h.Admin, "Perlu perbaikan", note)
	h.Admin.SendCommand("/laporan LAP-1999-000001")
	apptest.Expect(t, h.Admin, "tidak ditemukan")
	h.Admin.SendCommand("/laporan")
	apptest.Expect(t, h.Admin, "Contoh: /laporan")
}

// checkHistory wants exactly the submission and one review by the admin.
func checkHistory(t *testing.T, h *apptest.Harness, reportID int64, to domain.ReportStatus, note string) {
	t.Helper()
	hist, err := h.Store.ReportHistory(context.Background(), reportID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history of report %d = %+v, %v", reportID, hist, err)
	}
	if hist[0].From != "" || hist[0].To != domain.ReportSubmitted ||
		hist[1].From != domain.ReportSubmitted || hist[1].To != to || hist[1].Note != note || hist[1].ActorID != apptest.AdminID {
		t.Fatalf("history of report %d = %+v", reportID, hist)
	}
}

func TestReportVolunteerCannotReview(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5601, "Fajar")
	verifiedReporter(t, h, u, "Fajar Nugroho", "PSM", apptest.NIK(561))
	number := submitSimple(t, h, u, "Penyuluhan tentang PKH di balai RW.")
	rep, _ := h.Store.ReportByNumber(ctx, number)
	last := u.Last()
	for _, action := range []string{"ok", "fix", "no"} {
		_, q := u.PressForged(last.ID, fmt.Sprintf("rv:%s:%d", action, rep.ID))
		if a := h.TG.WaitCallbackAnswered(q); !strings.Contains(a.Text, "hanya untuk koordinator") {
			t.Fatalf("forged %s answered %q", action, a.Text)
		}
	}
	u.SendCommand("/laporan " + number)
	apptest.Expect(t, u, "hanya untuk koordinator")
	got, _ := h.Store.ReportByNumber(ctx, number)
	hist, _ := h.Store.ReportHistory(ctx, rep.ID)
	if got.Status != domain.ReportSubmitted || len(hist) != 1 {
		t.Fatalf("a volunteer's forged review changed the report: %s, %d history rows", got.Status, len(hist))
	}
}

func TestReportNeedsVerifiedVolunteer(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	stranger := h.TG.NewUser(5701, "Gita")
	stranger.SendCommand("/lapor")
	apptest.Expect(t, stranger, "perlu terdaftar", "/daftar")
	p := h.TG.NewUser(5702, "Hadi")
	apptest.RegisterAndSave(t, h, p, "Hadi Susanto", apptest.NIK(571))
	p.SendCommand("/lapor")
	apptest.Expect(t, p, "menunggu verifikasi")
	p.SendText("Penyuluhan")
	apptest.Expect(t, p, "belum mengerti") // no flow was started
	p.SendCommand("/riwayat")
	apptest.Expect(t, p, "belum pernah mengirim laporan")
}

func TestRiwayatPaging(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5801, "Indah")
	v := verifiedReporter(t, h, u, "Indah Permata", "PSM", apptest.NIK(581))
	var numbers []string
	for i := range 12 {
		r := &storage.Report{
			IdempotencyKey: fmt.Sprintf("seed:%d", i), VolunteerID: v.ID, Pilar: "psm", Activity: "penyuluhan",
			ActivityDate: time.Now(), KelurahanCode: "35.75.04.1006", Description: fmt.Sprintf("Laporan nomor %d", i+1),
		}
		if _, err := h.Store.CreateReport(ctx, r, u.ID, domain.WIB); err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, r.Number)
	}
	r12, _ := h.Store.ReportByNumber(ctx, numbers[11])
	if _, err := h.Store.ReviewReport(ctx, r12.ID, apptest.AdminID, domain.ReportApproved, ""); err != nil {
		t.Fatal(err)
	}

	u.SendCommand("/riwayat")
	m := apptest.Expect(t, u, "halaman 1 dari 3", "12 laporan", numbers[11], numbers[7], "Disetujui", "Menunggu tinjauan")
	checkPage := func(want []string, notWant ...string) *telegramtest.Message {
		t.Helper()
		cur := u.Message(m.ID)
		for _, n := range want {
			if !strings.Contains(cur.Plain, n) {
				t.Fatalf("page %q lacks %s", cur.Plain, n)
			}
		}
		for _, n := range notWant {
			if strings.Contains(cur.Plain, n) {
				t.Fatalf("page %q shows %s", cur.Plain, n)
			}
		}
		if i := strings.Index(cur.Plain, want[0]); i > strings.Index(cur.Plain, want[len(want)-1]) {
			t.Fatalf("page %q is not newest first", cur.Plain)
		}
		return cur
	}
	checkPage(reversed(numbers[7:12]), numbers[6])

	next := func(label string) *telegramtest.Message {
		t.Helper()
		apptest.Press(t, u, u.Message(m.ID), label)
		return u.Message(m.ID)
	}
	p2 := next("Berikutnya »")
	checkPage(reversed(numbers[2:7]), numbers[11], numbers[1])
	if p2.Edits != 1 || !strings.Contains(p2.Plain, "halaman 2 dari 3") || fmt.Sprint(p2.Buttons()) != "[[« Sebelumnya Berikutnya »]]" {
		t.Fatalf("page 2 = %s", p2)
	}
	p3 := next("Berikutnya »")
	checkPage(reversed(numbers[0:2]), numbers[2])
	if fmt.Sprint(p3.Buttons()) != "[[« Sebelumnya]]" {
		t.Fatalf("page 3 = %s", p3)
	}
	next("« Sebelumnya")
	checkPage(reversed(numbers[2:7]))

	// A double tap asks for the page already shown: answered, nothing sent
	// or edited, no error.
	sent := len(u.Messages())
	_, q := u.PressForged(m.ID, "rw:1")
	if a := h.TG.WaitCallbackAnswered(q); a.ShowAlert {
		t.Fatalf("a repeated page press was answered with an alert %q", a.Text)
	}
	if cur := u.Message(m.ID); cur.Edits != 3 || len(u.Messages()) != sent {
		t.Fatalf("a repeated page press changed the chat: edits %d, messages %d → %d", cur.Edits, sent, len(u.Messages()))
	}
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
