package reports_test

import (
	"testing"
	"time"

	"pilarbot/handlers/apptest"
)

// One completed /lapor ("Penyuluhan": no PMKS questions, no pin, no photo)
// costs one message per question; the photo question's Selesai keyboard
// goes with the first part of the summary (the answers), the buttons with
// the second (the question), and Kirim turns that into the receipt with
// one edit. The coordinator's report card is the one other message. Before,
// Kirim took the buttons off and sent the receipt.
func TestLaporBotAPICalls(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5061, "Latifa")
	verifiedReporter(t, h, u, "Latifa Hanum", "PSM", apptest.NIK(561))
	before := h.Calls()
	apptest.ToReportPhotos(t, u, "Penyuluhan gizi balita di balai RW 03.")
	u.SendText("Selesai")
	sum := apptest.ExpectParts(t, u, "Periksa laporan kegiatan", "Apakah data sudah benar?")
	apptest.Press(t, u, sum[len(sum)-1], "✅ Kirim")
	apptest.Expect(t, h.Admin, "Laporan baru")
	if n := reportCount(t, h); n != 1 {
		t.Fatalf("%d reports stored, want 1", n)
	}
	got := h.Calls().Since(before)
	t.Logf("one /lapor: %v", got)
	want := apptest.Calls{"sendMessage": 9, "editMessageText": 1, "answerCallbackQuery": 1}
	if got.String() != want.String() {
		t.Errorf("one /lapor made %v, want %v", got, want)
	}
}

// A decision from the review queue costs one edit: the decided card
// becomes the decision, its buttons gone, and the next card follows; the
// volunteer's notice is the one other message. Before, the card lost its
// buttons (editMessageReplyMarkup) and the confirmation came as a message
// of its own. A note decision ("Perlu perbaikan", "Tolak") costs what it
// did, the card's edit now showing the decision and the note: the prompt,
// the answer to the typed note, the volunteer's notice and the next card
// are messages of their own.
func TestTinjauBotAPICalls(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u1, u2 := h.TG.NewUser(5071, "Ani"), h.TG.NewUser(5072, "Budi")
	r1 := seedWaiting(t, h, apptest.SeedVerified(t, h, u1, "Ani Rahayu", "psm", apptest.KelMayangan, 571), 3*time.Hour)
	r2 := seedWaiting(t, h, apptest.SeedVerified(t, h, u2, "Budi Santoso", "psm", apptest.KelTrajeng, 572), 2*time.Hour)
	c := apptest.AddCoordinator(t, h, 5079, "Bu Sri")
	c.SendCommand("/tinjau")
	card := apptest.Expect(t, c, "Laporan "+r1.Number)

	before := h.Calls()
	apptest.Press(t, c, card, "✅ Setujui")
	next := apptest.Expect(t, c, "Laporan "+r2.Number)
	apptest.Expect(t, u1, r1.Number, "disetujui")
	decided := apptest.ExpectEdited(t, c, card, "Laporan "+r1.Number+" disetujui.")
	if decided.Buttons() != nil {
		t.Errorf("the decided card keeps buttons %v", decided.Buttons())
	}
	got := h.Calls().Since(before)
	t.Logf("one /tinjau Setujui: %v", got)
	want := apptest.Calls{"sendMessage": 2, "editMessageText": 1, "answerCallbackQuery": 1}
	if got.String() != want.String() {
		t.Errorf("one /tinjau Setujui made %v, want %v", got, want)
	}

	before = h.Calls()
	apptest.Press(t, c, next, "❌ Tolak")
	apptest.Expect(t, c, "alasan penolakan", r2.Number)
	c.SendText("Kegiatan ini sudah dilaporkan dengan nomor lain.")
	apptest.Expect(t, c, "Tinjauan laporan "+r2.Number, "Ditolak")
	apptest.Expect(t, c, "Tidak ada laporan yang menunggu tinjauan.")
	apptest.Expect(t, u2, r2.Number, "tidak dapat diterima")
	apptest.ExpectEdited(t, c, next, "Laporan "+r2.Number+" ditolak.", "Alasan: Kegiatan ini sudah")
	got = h.Calls().Since(before)
	t.Logf("one /tinjau Tolak with its reason: %v", got)
	want = apptest.Calls{"sendMessage": 4, "editMessageText": 1, "answerCallbackQuery": 1}
	if got.String() != want.String() {
		t.Errorf("one /tinjau Tolak made %v, want %v", got, want)
	}
}

// A notice that carries the report's photo is decided in its caption
// (editMessageCaption: Telegram edits a photo's caption, not a text), and
// a decision outside the queue says there how many still wait.
func TestPhotoNoticeDecisionBotAPICalls(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(5073, "Citra")
	v := verifiedReporter(t, h, u, "Citra Lestari", "PSM", apptest.NIK(573))
	seedWaiting(t, h, v, time.Hour)
	apptest.ToReportPhotos(t, u, "Penyuluhan gizi balita di balai RW 05.")
	u.SendPhoto("")
	apptest.Expect(t, u, "Foto diterima")
	u.SendText("Selesai")
	sum := apptest.ExpectSummary(t, u, "Periksa laporan kegiatan", "Foto: 1 foto")
	apptest.Press(t, u, sum, "✅ Kirim")
	number := reportNumber(t, apptest.ExpectEdited(t, u, sum, "sudah diterima dengan nomor").Plain)
	card := apptest.Expect(t, h.Admin, "Laporan baru "+number)
	if card.Method != "sendPhoto" || card.Buttons() == nil {
		t.Fatalf("notice = %s, want a photo with the review buttons", card)
	}

	before := h.Calls()
	apptest.Press(t, h.Admin, card, "✅ Setujui")
	apptest.Expect(t, u, number, "disetujui")
	decided := apptest.ExpectEdited(t, h.Admin, card, "✅ Laporan "+number+" disetujui.\nMasih 1 laporan menunggu tinjauan: /tinjau",
		"Pelapor: Citra Lestari", "Foto: 1 foto")
	if decided.Buttons() != nil {
		t.Errorf("the decided notice keeps buttons %v", decided.Buttons())
	}
	h.Admin.ExpectNoMessage(200 * time.Millisecond)
	got := h.Calls().Since(before)
	want := apptest.Calls{"sendMessage": 1, "editMessageCaption": 1, "answerCallbackQuery": 1}
	if got.String() != want.String() {
		t.Errorf("Setujui on a photo notice made %v, want %v", got, want)
	}
}
