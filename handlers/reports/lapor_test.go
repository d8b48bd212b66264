package reports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

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
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan", "Jenis kegiatan: Kunjungan rumah", "Kategori PMKS: Lanjut usia telantar",
		"Penerima manfaat: 2 orang", "Tanggal: "+today, "Kelurahan: Mayangan, Kec. Panggungrejo",
		"Titik lokasi: -7.64060, 112.90640", "Mbah <Sarni> & cucunya", "Foto: 2 foto")
	if strings.Contains(sum.Plain, "Jenis bencana") {
		t.Fatalf("a PSM summary shows Tagana fields: %q", sum.Plain)
	}
	if snap, _ := h.TG.Snapshot(u.ID); snap.Keyboard != nil {
		t.Errorf("the photo question's keyboard %v stays under the summary", snap.Keyboard.Rows)
	}
	apptest.Press(t, u, sum, "✅ Kirim")
	year := wibNow().Year()
	apptest.ExpectEdited(t, u, sum, fmt.Sprintf("LAP-%d-000001", year), "/riwayat")

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
	if got := fmt.Sprint(card.Buttons()); got != "[[✅ Setujui ❌ Tolak] [🔁 Perlu perbaikan] [📊 Rekam jejak pelapor]]" {
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
	apptest.Walk(t, u,
		apptest.Step{"pengungsi", "1.250 jiwa"},
		apptest.Step{"kebutuhan mendesak", "Selimut & makanan <siap saji>"},
		apptest.Step{"tanggal", "Kemarin"},
		apptest.Step{"kelurahan", "tambaan"},
		apptest.Step{"titik lokasi", "Lewati"},
		apptest.Step{"apa yang dilakukan", "Evakuasi warga RT 02 ke balai kelurahan dengan perahu karet."},
		apptest.Step{"foto kegiatan", "Selesai"})
	yesterday := kit.FormatDate(wibNow().AddDate(0, 0, -1))
	sum := apptest.ExpectSummary(t, u, "Jenis kegiatan: Evakuasi", "Jenis bencana: Banjir", "Korban: 3 orang", "Pengungsi: 1.250 orang",
		"Kebutuhan: Selimut & makanan <siap saji>", "Tanggal: "+yesterday, "Kelurahan: Tamba'an", "Titik lokasi: tidak dikirim")
	if strings.Contains(sum.Plain, "PMKS") {
		t.Fatalf("a Tagana summary shows PSM fields: %q", sum.Plain)
	}
	apptest.Press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, apptest.ExpectEdited(t, u, sum, "sudah diterima dengan nomor").Plain)
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
	apptest.ToReportPhotos(t, u, "Penyuluhan bahaya narkoba di balai RW 03.")
	u.SendAlbum(3)
	apptest.Expect(t, u, "Foto-foto diterima")
	u.SendText("Selesai")
	// The next message is the summary: the album got one acknowledgement.
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan", "Foto: 3 foto")
	apptest.Press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, apptest.ExpectEdited(t, u, sum, "sudah diterima").Plain)
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
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan", "Foto: 5 foto", "Bugul Lor", "-7.63000, 112.92000")
	apptest.Press(t, u, sum, "❌ Batal")
	apptest.ExpectEdited(t, u, sum, "dibatalkan")
	if n := reportCount(t, h); n != 0 {
		t.Fatalf("reports after a cancelled flow: %d", n)
	}
}

func TestReportRedeliveredKirimIsStoredOnce(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5401, "Dewi")
	verifiedReporter(t, h, u, "Dewi Lestari", "PSM", apptest.NIK(541))
	apptest.ToReportPhotos(t, u, "Penyuluhan gizi balita di posyandu.")
	u.SendText("Selesai")
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan")
	upd, qid := u.Press(sum, sum.CallbackData("✅ Kirim"))
	h.TG.WaitCallbackAnswered(qid)
	apptest.ExpectEdited(t, u, sum, "sudah diterima")
	h.WaitHandled(upd)
	h.TG.Redeliver(upd)
	h.WaitHandledTimes(upd, 2)
	u.SendCommand("/riwayat")
	apptest.Expect(t, u, "Riwayat laporan", "1 laporan") // no second receipt before it
	if n := reportCount(t, h); n != 1 {
		t.Fatalf("reports after a redelivered Kirim: %d", n)
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
