package reports_test

import (
	"testing"

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
