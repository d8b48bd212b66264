package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/apptest"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// emojiText is n characters of a report written mostly in emoji, each of
// which Telegram counts twice: "Banjir 🌊🌊🌊… selesai".
func emojiText(n int, e string) string {
	return "Banjir " + strings.Repeat(e, n-len("Banjir ")-len(" selesai")) + " selesai"
}

// A Tagana report whose uraian and kebutuhan are full of emoji is too long
// for a photo caption (at their longest, its summary and card are too
// long for one message too): the coordinator gets the photo with a short
// caption, the whole card after it, and review buttons that work.
func TestTaganaEmojiReportReachesCoordinatorWithButtons(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		uraian, needs int // characters, nearly all emoji
	}{
		{"caption too long", 450, 150},
		{"longest", 2000, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			emojiReport(t, emojiText(tc.uraian, "🌊"), emojiText(tc.needs, "🍚"))
		})
	}
}

func emojiReport(t *testing.T, uraian, needs string) {
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(5901, "Rizal")
	verifiedReporter(t, h, u, "Rizal Tagana", "Tagana", apptest.NIK(591))

	u.SendCommand("/lapor")
	apptest.Walk(t, u,
		apptest.Step{"jenis kegiatan", "Evakuasi"},
		apptest.Step{"jenis bencana", "Banjir"},
		apptest.Step{"korban", "3"},
		apptest.Step{"pengungsi", "40"},
		apptest.Step{"kebutuhan mendesak", needs},
		apptest.Step{"tanggal", "Hari ini"},
		apptest.Step{"kelurahan", "Mayangan"},
		apptest.Step{"titik lokasi", "Lewati"},
		apptest.Step{"apa yang dilakukan", uraian})
	apptest.Expect(t, u, "foto kegiatan")
	u.SendPhoto("")
	apptest.Expect(t, u, "Foto diterima")
	u.SendText("Selesai")
	sum := apptest.ExpectParts(t, u, "Periksa laporan kegiatan", needs, uraian, "Apakah")
	apptest.Press(t, u, sum[len(sum)-1], "✅ Kirim")
	number := reportNumber(t, apptest.ExpectEdited(t, u, sum[len(sum)-1], "sudah diterima dengan nomor").Plain)

	card := apptest.ExpectParts(t, h.Admin, "Laporan baru "+number, "Pelapor: Rizal Tagana", needs, uraian)
	photo, last := card[0], card[len(card)-1]
	if photo.Method != "sendPhoto" || photo.Plain != "📝 Laporan baru "+number || photo.Buttons() != nil {
		t.Fatalf("photo = %s", photo)
	}
	for _, m := range card[1:] {
		if m.Method != "sendMessage" {
			t.Fatalf("card part = %s", m)
		}
	}
	if card[1].ReplyToMessageID != photo.ID {
		t.Errorf("the card text does not reply to its photo")
	}
	apptest.Press(t, h.Admin, last, "✅ Setujui")
	apptest.ExpectEdited(t, h.Admin, last, "Laporan "+number+" disetujui.", "Pelapor: Rizal Tagana", "Foto: 1 foto")
	apptest.Expect(t, u, number, "disetujui")
	if rep, _ := h.Store.ReportByNumber(ctx, number); rep.Status != domain.ReportApproved || rep.Description != uraian || rep.Needs != needs {
		t.Fatalf("stored report = %s, %d and %d characters", rep.Status, len([]rune(rep.Description)), len([]rune(rep.Needs)))
	}
	if bs := h.Admin.Message(last.ID).Buttons(); bs != nil {
		t.Errorf("the reviewed card keeps buttons %v", bs)
	}
}

// /laporan of a report whose 2,000-character uraian is all emoji (4,000
// UTF-16 units) arrives whole, in as many messages as it needs.
func TestLaporanOfA2000EmojiUraian(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	v := apptest.Seed(t, h, 5911, "Sri Wahyuni", "psm", apptest.KelMayangan, apptest.NIK(592), "+6281234567890", time.Now(), domain.StatusVerified)
	uraian := emojiText(2000, "😀")
	rep := apptest.SeedReport(t, h, v, time.Now(), storage.Report{Activity: "penyuluhan", ActivityDate: time.Now(),
		KelurahanCode: apptest.KelMayangan, Description: uraian}, domain.ReportNeedsCorrection, apptest.AdminID)

	h.Admin.SendCommand("/laporan " + rep.Number)
	parts := apptest.ExpectParts(t, h.Admin, "Laporan "+rep.Number, "Pelapor: Sri Wahyuni", uraian, "Riwayat", "Mohon dilengkapi.")
	if len(parts) < 2 {
		t.Fatalf("/laporan came in %d message(s)", len(parts))
	}
}
