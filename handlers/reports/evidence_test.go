package reports_test

import (
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

// submitReport sends u's PSM "Penyuluhan" in Mayangan with a map pin
// (none when pin is nil), the uraian and photos of the given
// file_unique_ids, and returns its number and the admin's card, in as
// many messages as it came.
func submitReport(t *testing.T, h *apptest.Harness, u *telegramtest.User, pin *[2]float64, uraian string, photos ...string) (string, []*telegramtest.Message) {
	t.Helper()
	u.SendCommand("/lapor")
	apptest.Walk(t, u,
		apptest.Step{"jenis kegiatan", "Penyuluhan"},
		apptest.Step{"tanggal", "Hari ini"},
		apptest.Step{"kelurahan", "Mayangan"})
	apptest.Expect(t, u, "titik lokasi")
	if pin != nil {
		u.SendLocation(pin[0], pin[1])
	} else {
		u.SendText("Lewati")
	}
	apptest.Expect(t, u, "apa yang dilakukan")
	u.SendText(uraian)
	apptest.Expect(t, u, "foto kegiatan")
	for _, p := range photos {
		u.SendPhotoWithID(p, "")
		apptest.Expect(t, u, "Foto diterima")
	}
	u.SendText("Selesai")
	sum := apptest.ExpectParts(t, u, "Periksa laporan kegiatan", "Apakah")
	apptest.Press(t, u, sum[len(sum)-1], "✅ Kirim")
	number := reportNumber(t, apptest.ExpectEdited(t, u, sum[len(sum)-1], "sudah diterima dengan nomor").Plain)
	return number, apptest.ExpectParts(t, h.Admin, "Laporan baru "+number, "Uraian")
}

// text is what a card shows across its messages.
func text(ms []*telegramtest.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.Plain + "\n")
	}
	return b.String()
}

// A second report, by another volunteer, that reuses a photo of the first
// is flagged on every card of it: the notice, the queue, /laporan. Its
// uraian is too long for a caption, so the card comes in two messages and
// the buttons (the record's too) ride on the second.
func TestRecycledPhotoIsFlagged(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u1, u2 := h.TG.NewUser(6501, "Hana"), h.TG.NewUser(6502, "Irfan")
	apptest.SeedVerified(t, h, u1, "Hana Safitri", "psm", apptest.KelMayangan, 651)
	apptest.SeedVerified(t, h, u2, "Irfan Hakim", "psm", apptest.KelMayangan, 652)
	n1, card1 := submitReport(t, h, u1, nil, "Penyuluhan bansos di balai RW 03.", "foto-balai", "foto-warga")
	if strings.Contains(text(card1), "pernah dipakai") {
		t.Fatalf("the first report is flagged: %q", text(card1))
	}
	long := strings.Repeat("Penyuluhan tentang bansos dan PKH kepada warga. ", 30)
	n2, card2 := submitReport(t, h, u2, nil, long, "foto-baru", "foto-warga")
	flag := "⚠️ Foto ke-2 pernah dipakai di " + n1 + "."
	if len(card2) != 2 || card2[0].Method != "sendPhoto" || !strings.Contains(card2[1].Plain, flag) {
		t.Fatalf("the second report's notice = %q, want %q in the text after the photo", text(card2), flag)
	}
	if got := fmt.Sprint(card2[1].Buttons()); got != "[[✅ Setujui ❌ Tolak] [🔁 Perlu perbaikan] [📊 Rekam jejak pelapor]]" {
		t.Fatalf("the long notice's buttons = %s", got)
	}

	h.Admin.SendCommand("/tinjau")
	q := apptest.ExpectParts(t, h.Admin, "Laporan "+n1, "Uraian")
	apptest.Press(t, h.Admin, q[len(q)-1], "Lewati »")
	q = apptest.ExpectParts(t, h.Admin, "Laporan "+n2, flag, long[:100])
	last := q[len(q)-1]
	if got := fmt.Sprint(last.Buttons()); got != "[[✅ Setujui ❌ Tolak] [🔁 Perlu perbaikan] [📊 Rekam jejak pelapor Lewati »]]" {
		t.Fatalf("the long queue card's buttons = %s", got)
	}
	apptest.Press(t, h.Admin, last, "📊 Rekam jejak pelapor")
	rec := apptest.Expect(t, h.Admin, "Rekam jejak pelapor", "Irfan Hakim", "Seluruh laporan: 1")
	if rec.ReplyToMessageID != last.ID {
		t.Errorf("the record does not reply to the card")
	}

	h.Admin.SendCommand("/laporan " + n2)
	apptest.ExpectParts(t, h.Admin, "Laporan "+n2, flag, "Menunggu tinjauan")
}

// A map pin far from the kelurahan the report names is flagged with the
// distance; one inside the kelurahan is not.
func TestFarPinIsFlagged(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6601, "Joko")
	apptest.SeedVerified(t, h, u, "Joko Susilo", "psm", apptest.KelMayangan, 661)
	near := [2]float64{-7.6335, 112.9045} // in Mayangan
	far := [2]float64{-7.6530, 112.9330}  // Krampyangan, in Bugul Kidul
	_, card := submitReport(t, h, u, &near, "Penyuluhan di pos RW Mayangan.")
	if strings.Contains(text(card), "Titik peta") {
		t.Fatalf("a pin in the kelurahan is flagged: %q", text(card))
	}
	number, card := submitReport(t, h, u, &far, "Penyuluhan di pos RW Mayangan.")
	p, _ := domain.KelurahanPoint(apptest.KelMayangan)
	dist := kit.FormatDistance(domain.DistanceMeters(p.Lat, p.Lon, far[0], far[1]))
	flag := "⚠️ Titik peta " + dist + " dari Kelurahan Mayangan."
	if !strings.HasSuffix(dist, " km") || !strings.Contains(text(card), flag) {
		t.Fatalf("the far pin's notice = %q, want %q", text(card), flag)
	}
	h.Admin.SendCommand("/laporan " + number)
	apptest.ExpectParts(t, h.Admin, "Laporan "+number, flag)
}

// "📊 Rekam jejak pelapor" answers with the reporter's reports this month
// and all of them by review status.
func TestReporterRecordFromCard(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(6701, "Kartika")
	v := apptest.SeedVerified(t, h, u, "Kartika Sari", "psm", apptest.KelMayangan, 671)
	seed := func(created time.Time, status domain.ReportStatus) *storage.Report {
		return apptest.SeedReport(t, h, v, created, storage.Report{Activity: "penyuluhan",
			ActivityDate: created, KelurahanCode: apptest.KelMayangan}, status, apptest.AdminID)
	}
	seed(time.Now().AddDate(0, 0, -40), domain.ReportApproved) // an earlier month
	seed(time.Now().AddDate(0, 0, -40), domain.ReportRejected)
	seed(time.Now(), domain.ReportNeedsCorrection)
	rep := seed(time.Now(), domain.ReportSubmitted)

	h.Admin.SendCommand("/laporan " + rep.Number)
	card := apptest.Expect(t, h.Admin, "Laporan "+rep.Number)
	if a := apptest.Press(t, h.Admin, card, "📊 Rekam jejak pelapor"); a.Text != "" {
		t.Errorf("the record's press answered %q", a.Text)
	}
	apptest.Expect(t, h.Admin, "Rekam jejak pelapor Kartika Sari (dari laporan "+rep.Number+")",
		"Dikirim bulan ini ("+kit.MonthName(time.Now().In(domain.WIB).Month()), "): 2 laporan",
		"Seluruh laporan: 4", "Disetujui: 1", "Perlu perbaikan: 1", "Ditolak: 1", "Menunggu tinjauan: 1")
}
