package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// verified registers u with the given pilar in Mayangan and approves it,
// consuming the coordinator's new-registration notice.
func verifiedReporter(t testing.TB, h *harness, u *telegramtest.User, name, pilar, nik string) *storage.Volunteer {
	t.Helper()
	sum := register(t, u, name, pilar, "Panggungrejo", "Mayangan", nik)
	press(t, u, sum, "✅ Simpan")
	expect(t, u, "menunggu verifikasi")
	expect(t, h.admin, "Pendaftar baru")
	v, err := h.store.VolunteerByTelegramID(context.Background(), u.ID)
	if err != nil {
		t.Fatalf("volunteer %d not stored: %v", u.ID, err)
	}
	if v, err = h.store.DecideVolunteer(context.Background(), v.ID, adminID, true, ""); err != nil {
		t.Fatalf("approve volunteer: %v", err)
	}
	return v
}

// submitSimple sends a PSM "Penyuluhan" report (no PMKS questions, no pin,
// no photo) and returns its number; the coordinator's card is consumed.
func submitSimple(t testing.TB, h *harness, u *telegramtest.User, uraian string) string {
	t.Helper()
	toPhotos(t, u, uraian)
	u.SendText("Selesai")
	sum := expect(t, u, "Periksa laporan kegiatan", "Penyuluhan", "Titik lokasi: tidak dikirim", "Foto: tidak ada")
	press(t, u, sum, "✅ Kirim")
	receipt := expect(t, u, "sudah diterima dengan nomor")
	number := reportNumber(t, receipt.Plain)
	expect(t, h.admin, "Laporan baru "+number)
	return number
}

// toPhotos walks u through /lapor as a PSM "Penyuluhan" (no PMKS
// questions, no pin) up to the photo question.
func toPhotos(t testing.TB, u *telegramtest.User, uraian string) {
	t.Helper()
	u.SendCommand("/lapor")
	expect(t, u, "jenis kegiatan")
	u.SendText("Penyuluhan")
	expect(t, u, "tanggal")
	u.SendText("Hari ini")
	expect(t, u, "kelurahan")
	u.SendText("Mayangan")
	expect(t, u, "titik lokasi")
	u.SendText("Lewati")
	expect(t, u, "apa yang dilakukan")
	u.SendText(uraian)
	expect(t, u, "foto kegiatan")
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
	h := newHarness(t)
	ctx := context.Background()
	u := h.tg.NewUser(5001, "Latifa")
	v := verifiedReporter(t, h, u, "Latifa Hanum", "PSM", nik(501))

	u.SendCommand("/lapor")
	q := expect(t, u, "jenis kegiatan")
	if kb := fmt.Sprint(q.Keyboard()); !strings.Contains(kb, "Kunjungan rumah") || strings.Contains(kb, "Evakuasi") || !strings.Contains(kb, "Lainnya") {
		t.Fatalf("PSM activity keyboard = %s", kb)
	}
	u.SendText("kunjungan RUMAH")
	q = expect(t, u, "kategori PMKS")
	if !strings.Contains(fmt.Sprint(q.Keyboard()), "Lanjut usia telantar") {
		t.Fatalf("PMKS keyboard = %v", q.Keyboard())
	}
	u.SendText("Lanjut usia telantar")
	expect(t, u, "penerima manfaat")
	u.SendText("2 orang")
	q = expect(t, u, "tanggal")
	if fmt.Sprint(q.Keyboard()) != "[[Hari ini Kemarin]]" {
		t.Fatalf("date keyboard = %v", q.Keyboard())
	}
	u.SendText("Hari ini")
	q = expect(t, u, "kelurahan", "Mayangan")
	if fmt.Sprint(q.Keyboard()) != "[[Mayangan]]" {
		t.Fatalf("kelurahan keyboard = %v", q.Keyboard())
	}
	u.SendText("Mayangan")
	q = expect(t, u, "titik lokasi")
	if b, ok := q.KeyboardButton("📍 Kirim lokasi"); !ok || !b.RequestLocation {
		t.Fatalf("no request_location button in %v", q.Keyboard())
	}
	u.SendLocation(-7.6406, 112.9064)
	expect(t, u, "apa yang dilakukan")
	u.SendText("Mengunjungi Mbah <Sarni> & cucunya, mengantar sembako dan mencatat kebutuhan obat.")
	q = expect(t, u, "foto kegiatan")
	if fmt.Sprint(q.Keyboard()) != "[[Selesai]]" {
		t.Fatalf("photo keyboard = %v", q.Keyboard())
	}
	u.SendPhoto("")
	expect(t, u, "Foto diterima (1 dari 5)")
	u.SendPhoto("")
	expect(t, u, "Foto diterima (2 dari 5)")
	u.SendText("Selesai")
	today := kit.FormatDate(wibNow())
	sum := expect(t, u, "Periksa laporan kegiatan", "Jenis kegiatan: Kunjungan rumah", "Kategori PMKS: Lanjut usia telantar",
		"Penerima manfaat: 2 orang", "Tanggal: "+today, "Kelurahan: Mayangan, Kec. Panggungrejo",
		"Titik lokasi: -7.64060, 112.90640", "Mbah <Sarni> & cucunya", "Foto: 2 foto")
	if strings.Contains(sum.Plain, "Jenis bencana") {
		t.Fatalf("a PSM summary shows Tagana fields: %q", sum.Plain)
	}
	press(t, u, sum, "✅ Kirim")
	year := wibNow().Year()
	receipt := expect(t, u, fmt.Sprintf("LAP-%d-000001", year), "/riwayat")
	if !receipt.RemovesKeyboard() {
		t.Errorf("the receipt leaves the reply keyboard")
	}

	rep, err := h.store.ReportByNumber(ctx, fmt.Sprintf("LAP-%d-000001", year))
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
	card := expect(t, h.admin, "Laporan baru "+rep.Number, "Latifa Hanum (PSM, Mayangan)", "Kunjungan rumah", "Mbah <Sarni> & cucunya", "Foto: 2 foto")
	if card.Method != "sendPhoto" || card.PhotoFileID != rep.Photos[0].FileID {
		t.Fatalf("card = %s, want the first photo %s", card, rep.Photos[0].FileID)
	}
	if got := fmt.Sprint(card.Buttons()); got != "[[✅ Setujui ❌ Tolak] [🔁 Perlu perbaikan]]" {
		t.Fatalf("card buttons = %s", got)
	}

	// /laporan sends the report and its photos again by file_id.
	h.admin.SendCommand("/laporan " + strings.ToLower(rep.Number))
	expect(t, h.admin, "Laporan "+rep.Number, "Menunggu tinjauan", "Mengunjungi Mbah <Sarni>")
	p1, p2 := h.admin.WaitNext(), h.admin.WaitNext()
	if p1.Method != "sendMediaGroup" || p2.Method != "sendMediaGroup" || p1.MediaGroupID != p2.MediaGroupID ||
		p1.PhotoFileID != rep.Photos[0].FileID || p2.PhotoFileID != rep.Photos[1].FileID {
		t.Fatalf("re-sent photos = %s, %s", p1, p2)
	}
}

func TestReportTaganaDeployment(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	u := h.tg.NewUser(5101, "Rizal")
	verifiedReporter(t, h, u, "Rizal Tagana", "Tagana", nik(511))

	u.SendCommand("/lapor")
	q := expect(t, u, "jenis kegiatan")
	if kb := fmt.Sprint(q.Keyboard()); !strings.Contains(kb, "Evakuasi") || strings.Contains(kb, "Kunjungan rumah") {
		t.Fatalf("Tagana activity keyboard = %s", kb)
	}
	u.SendText("Evakuasi")
	expect(t, u, "jenis bencana")
	u.SendText("Gempa")
	expect(t, u, "⚠️", "tidak ada dalam pilihan", "jenis bencana")
	u.SendText("banjir")
	expect(t, u, "korban")
	u.SendSticker()
	expect(t, u, "⚠️", "dengan angka", "korban")
	u.SendText("tiga")
	expect(t, u, "⚠️", "angka 0 sampai 100.000", "korban")
	u.SendText("3")
	expect(t, u, "pengungsi")
	u.SendText("1.250 jiwa")
	expect(t, u, "kebutuhan mendesak")
	u.SendText("Selimut & makanan <siap saji>")
	expect(t, u, "tanggal")
	u.SendText("Kemarin")
	expect(t, u, "kelurahan")
	u.SendText("tambaan")
	expect(t, u, "titik lokasi")
	u.SendText("Lewati")
	expect(t, u, "apa yang dilakukan")
	u.SendText("Evakuasi warga RT 02 ke balai kelurahan dengan perahu karet.")
	expect(t, u, "foto kegiatan")
	u.SendText("Selesai")
	yesterday := kit.FormatDate(wibNow().AddDate(0, 0, -1))
	sum := expect(t, u, "Jenis kegiatan: Evakuasi", "Jenis bencana: Banjir", "Korban: 3 orang", "Pengungsi: 1.250 orang",
		"Kebutuhan: Selimut & makanan <siap saji>", "Tanggal: "+yesterday, "Kelurahan: Tamba'an", "Titik lokasi: tidak dikirim")
	if strings.Contains(sum.Plain, "PMKS") {
		t.Fatalf("a Tagana summary shows PSM fields: %q", sum.Plain)
	}
	press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, expect(t, u, "sudah diterima dengan nomor").Plain)
	card := expect(t, h.admin, "Laporan baru "+number, "Banjir", "1.250 orang", "Selimut & makanan <siap saji>")
	if card.Method != "sendMessage" {
		t.Fatalf("a report without photos was announced with %s", card.Method)
	}
	rep, err := h.store.ReportByNumber(ctx, number)
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
	h := newHarness(t)
	u := h.tg.NewUser(5201, "Sari")
	verifiedReporter(t, h, u, "Sari Utami", "PSM", nik(521))
	toPhotos(t, u, "Penyuluhan bahaya narkoba di balai RW 03.")
	u.SendAlbum(3)
	expect(t, u, "Foto-foto diterima")
	u.SendText("Selesai")
	// The next message is the summary: the album got one acknowledgement.
	sum := expect(t, u, "Periksa laporan kegiatan", "Foto: 3 foto")
	press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, expect(t, u, "sudah diterima").Plain)
	rep, err := h.store.ReportByNumber(context.Background(), number)
	if err != nil || len(rep.Photos) != 3 {
		t.Fatalf("stored report = %+v, %v; want 3 photos", rep, err)
	}
}

func TestReportValidation(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(5301, "Budi")
	verifiedReporter(t, h, u, "Budi Santoso", "PSM", nik(531))
	u.SendCommand("/lapor")
	expect(t, u, "jenis kegiatan")
	u.SendText("Rapat")
	expect(t, u, "⚠️", "tidak ada dalam pilihan")
	u.SendText("Pendampingan")
	expect(t, u, "kategori PMKS")
	u.SendText("Fakir miskin")
	expect(t, u, "penerima manfaat")
	u.SendSticker()
	expect(t, u, "⚠️", "dengan angka", "penerima manfaat")
	u.SendText("0")
	expect(t, u, "⚠️", "angka 1 sampai", "penerima manfaat")
	u.SendText("5")
	expect(t, u, "tanggal")

	u.SendText("besok")
	expect(t, u, "⚠️", "tidak boleh setelah hari ini", "tanggal")
	u.SendText(wibNow().AddDate(0, 0, 1).Format("02/01/2006"))
	expect(t, u, "⚠️", "tidak boleh setelah hari ini")
	u.SendText(wibNow().AddDate(0, 0, -40).Format("02-01-2006"))
	expect(t, u, "⚠️", "paling lama 30 hari", "tanggal")
	u.SendText("31-02-2024")
	expect(t, u, "⚠️", "tidak ada di kalender")
	old := wibNow().AddDate(0, 0, -30)
	u.SendText(fmt.Sprintf("%d %s %d", old.Day(), kit.MonthName(old.Month()), old.Year()))
	expect(t, u, "kelurahan")

	u.SendText("Surabaya")
	expect(t, u, "⚠️", "Kelurahan tidak ditemukan")
	u.SendText("Kel. Bugul Lor")
	expect(t, u, "titik lokasi")
	u.SendLocation(-7.25, 112.75) // Surabaya
	expect(t, u, "⚠️", "di luar Kota Pasuruan", "titik lokasi")
	u.SendText("di sini")
	expect(t, u, "⚠️", "tekan tombol Kirim lokasi")
	u.SendLocation(-7.63, 112.92)
	expect(t, u, "apa yang dilakukan")

	u.SendText("abcde")
	expect(t, u, "⚠️", "terlalu pendek, minimal 10 huruf")
	u.SendText(strings.Repeat("a", 2001))
	expect(t, u, "⚠️", "terlalu panjang, maksimal 2.000 huruf")
	u.SendText("Mendampingi keluarga mengurus KIS.")
	expect(t, u, "foto kegiatan")

	u.SendSticker()
	expect(t, u, "⚠️", "Mohon kirim foto")
	u.SendText("sudah")
	expect(t, u, "⚠️", "tekan tombol Selesai")
	u.SendPhotoWithID("same-photo", "")
	expect(t, u, "1 dari 5")
	u.SendPhotoWithID("same-photo", "")
	expect(t, u, "⚠️", "sudah dikirim sebelumnya")
	for i := 2; i <= 5; i++ {
		u.SendPhoto("")
		if i < 5 {
			expect(t, u, fmt.Sprintf("%d dari 5", i))
		} else {
			expect(t, u, "Sudah 5 foto")
		}
	}
	u.SendPhoto("")
	expect(t, u, "⚠️", "Paling banyak 5 foto")
	u.SendAlbum(2) // more extra photos: one refusal for the album
	expect(t, u, "⚠️", "Paling banyak 5 foto")
	u.SendText("Selesai")
	sum := expect(t, u, "Periksa laporan kegiatan", "Foto: 5 foto", "Bugul Lor", "-7.63000, 112.92000")
	press(t, u, sum, "❌ Batal")
	expect(t, u, "dibatalkan")
	var n int
	if err := h.store.DB().Get(&n, `SELECT count(*) FROM reports`); err != nil || n != 0 {
		t.Fatalf("reports after a cancelled flow: %d, %v", n, err)
	}
}

func TestReportRedeliveredKirimIsStoredOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	u := h.tg.NewUser(5401, "Dewi")
	verifiedReporter(t, h, u, "Dewi Lestari", "PSM", nik(541))
	toPhotos(t, u, "Penyuluhan gizi balita di posyandu.")
	u.SendText("Selesai")
	sum := expect(t, u, "Periksa laporan kegiatan")
	upd, qid := u.Press(sum, sum.CallbackData("✅ Kirim"))
	h.tg.WaitCallbackAnswered(qid)
	expect(t, u, "sudah diterima")
	h.waitHandled(upd)
	h.tg.Redeliver(upd)
	h.waitHandledTimes(upd, 2)
	u.SendCommand("/riwayat")
	expect(t, u, "Riwayat laporan", "1 laporan") // no second receipt before it
	var n int
	if err := h.store.DB().Get(&n, `SELECT count(*) FROM reports`); err != nil || n != 1 {
		t.Fatalf("reports after a redelivered Kirim: %d, %v", n, err)
	}
}

func TestReportReview(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	u := h.tg.NewUser(5501, "Eko")
	verifiedReporter(t, h, u, "Eko Prasetyo", "PSM", nik(551))

	// Approve.
	n1 := submitSimple(t, h, u, "Penyuluhan pertama tentang bansos.")
	card1 := h.admin.Last()
	press(t, h.admin, card1, "✅ Setujui")
	expect(t, h.admin, n1, "disetujui")
	expect(t, u, n1, "disetujui")
	if bs := h.admin.Message(card1.ID).Buttons(); len(bs) != 0 {
		t.Errorf("the approved card still has buttons %v", bs)
	}
	r1, _ := h.store.ReportByNumber(ctx, n1)
	_, q := h.admin.PressForged(card1.ID, fmt.Sprintf("rv:no:%d", r1.ID)) // a late second decision
	if a := h.tg.WaitCallbackAnswered(q); a.Text != "Laporan ini sudah ditinjau." {
		t.Errorf("late press answered %q", a.Text)
	}
	checkHistory(t, h, r1.ID, domain.ReportApproved, "")

	// Needs correction, with a note that reaches the volunteer.
	n2 := submitSimple(t, h, u, "Penyuluhan kedua tentang bansos.")
	card2 := h.admin.Last()
	press(t, h.admin, card2, "🔁 Perlu perbaikan")
	expect(t, h.admin, "catatan perbaikan", n2)
	h.admin.SendText("ok")
	expect(t, h.admin, "⚠️", "catatan perbaikan")
	note := "Mohon lampirkan <foto> & jumlah peserta."
	h.admin.SendText(note)
	expect(t, h.admin, "Tinjauan laporan "+n2, "Perlu perbaikan")
	expect(t, u, n2, "perlu perbaikan", note, "/lapor")
	r2, _ := h.store.ReportByNumber(ctx, n2)
	if r2.Status != domain.ReportNeedsCorrection {
		t.Fatalf("status %s", r2.Status)
	}
	checkHistory(t, h, r2.ID, domain.ReportNeedsCorrection, note)
	_, q = h.admin.PressForged(card2.ID, fmt.Sprintf("rv:ok:%d", r2.ID))
	if a := h.tg.WaitCallbackAnswered(q); a.Text != "Laporan ini sudah ditinjau." {
		t.Errorf("second decision answered %q", a.Text)
	}

	// Reject.
	n3 := submitSimple(t, h, u, "Penyuluhan ketiga tentang bansos.")
	card3 := h.admin.Last()
	press(t, h.admin, card3, "❌ Tolak")
	expect(t, h.admin, "alasan penolakan", n3)
	h.admin.SendText("Sudah dilaporkan dengan nomor " + n2)
	expect(t, h.admin, "Tinjauan laporan "+n3, "Ditolak")
	expect(t, u, n3, "tidak dapat diterima", "Sudah dilaporkan dengan nomor "+n2)
	r3, _ := h.store.ReportByNumber(ctx, n3)
	checkHistory(t, h, r3.ID, domain.ReportRejected, "Sudah dilaporkan dengan nomor "+n2)

	// /laporan shows the history; a report without photos sends none.
	h.admin.SendCommand("/laporan " + n2)
	expect(t, h.admin, "Perlu perbaikan", note)
	h.admin.SendCommand("/laporan LAP-1999-000001")
	expect(t, h.admin, "tidak ditemukan")
	h.admin.SendCommand("/laporan")
	expect(t, h.admin, "Contoh: /laporan")
}

// checkHistory wants exactly the submission and one review by the admin.
func checkHistory(t *testing.T, h *harness, reportID int64, to domain.ReportStatus, note string) {
	t.Helper()
	hist, err := h.store.ReportHistory(context.Background(), reportID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history of report %d = %+v, %v", reportID, hist, err)
	}
	if hist[0].From != "" || hist[0].To != domain.ReportSubmitted ||
		hist[1].From != domain.ReportSubmitted || hist[1].To != to || hist[1].Note != note || hist[1].ActorID != adminID {
		t.Fatalf("history of report %d = %+v", reportID, hist)
	}
}

func TestReportVolunteerCannotReview(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	u := h.tg.NewUser(5601, "Fajar")
	verifiedReporter(t, h, u, "Fajar Nugroho", "PSM", nik(561))
	number := submitSimple(t, h, u, "Penyuluhan tentang PKH di balai RW.")
	rep, _ := h.store.ReportByNumber(ctx, number)
	last := u.Last()
	for _, action := range []string{"ok", "fix", "no"} {
		_, q := u.PressForged(last.ID, fmt.Sprintf("rv:%s:%d", action, rep.ID))
		if a := h.tg.WaitCallbackAnswered(q); !strings.Contains(a.Text, "hanya untuk koordinator") {
			t.Fatalf("forged %s answered %q", action, a.Text)
		}
	}
	u.SendCommand("/laporan " + number)
	expect(t, u, "hanya untuk koordinator")
	got, _ := h.store.ReportByNumber(ctx, number)
	hist, _ := h.store.ReportHistory(ctx, rep.ID)
	if got.Status != domain.ReportSubmitted || len(hist) != 1 {
		t.Fatalf("a volunteer's forged review changed the report: %s, %d history rows", got.Status, len(hist))
	}
}

func TestReportNeedsVerifiedVolunteer(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	stranger := h.tg.NewUser(5701, "Gita")
	stranger.SendCommand("/lapor")
	expect(t, stranger, "perlu terdaftar", "/daftar")
	p := h.tg.NewUser(5702, "Hadi")
	registerAndSave(t, h, p, "Hadi Susanto", nik(571))
	p.SendCommand("/lapor")
	expect(t, p, "menunggu verifikasi")
	p.SendText("Penyuluhan")
	expect(t, p, "belum mengerti") // no flow was started
	p.SendCommand("/riwayat")
	expect(t, p, "belum pernah mengirim laporan")
}

func TestRiwayatPaging(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	u := h.tg.NewUser(5801, "Indah")
	v := verifiedReporter(t, h, u, "Indah Permata", "PSM", nik(581))
	var numbers []string
	for i := range 12 {
		r := &storage.Report{
			IdempotencyKey: fmt.Sprintf("seed:%d", i), VolunteerID: v.ID, Pilar: "psm", Activity: "penyuluhan",
			ActivityDate: time.Now(), KelurahanCode: "35.75.04.1006", Description: fmt.Sprintf("Laporan nomor %d", i+1),
		}
		if _, err := h.store.CreateReport(ctx, r, u.ID, domain.WIB); err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, r.Number)
	}
	r12, _ := h.store.ReportByNumber(ctx, numbers[11])
	if _, err := h.store.ReviewReport(ctx, r12.ID, adminID, domain.ReportApproved, ""); err != nil {
		t.Fatal(err)
	}

	u.SendCommand("/riwayat")
	m := expect(t, u, "halaman 1 dari 3", "12 laporan", numbers[11], numbers[7], "Disetujui", "Menunggu tinjauan")
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
		press(t, u, u.Message(m.ID), label)
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
	if a := h.tg.WaitCallbackAnswered(q); a.ShowAlert {
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
