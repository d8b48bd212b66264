package volunteers_test

import (
	"context"
	"testing"

	"pilarbot/handlers/apptest"
)

// One completed /daftar costs, in the volunteer's chat, one message per
// question and one for the summary; Simpan turns the summary into the
// receipt with one edit. The coordinator's notice is the one other
// message. Before the summary became the receipt, Simpan took the buttons
// off (editMessageReplyMarkup) and sent the receipt (sendMessage): 9
// messages and 1 markup edit.
func TestDaftarBotAPICalls(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1031, "Sari")
	before := h.Calls()
	sum := apptest.Register(t, u, "Sari Utami", "PSM", "Panggungrejo", "Mayangan", apptest.NIK(31))
	apptest.Press(t, u, sum, "✅ Simpan")
	apptest.Expect(t, h.Admin, "Pendaftar baru")
	if _, err := h.Store.VolunteerByTelegramID(context.Background(), u.ID); err != nil {
		t.Fatalf("registration not stored: %v", err)
	}
	got := h.Calls().Since(before)
	t.Logf("one /daftar: %v", got)
	want := apptest.Calls{"sendMessage": 8, "editMessageText": 1, "answerCallbackQuery": 1}
	if got.String() != want.String() {
		t.Errorf("one /daftar made %v, want %v", got, want)
	}
}

// "Tidak" on the offer /daftar makes someone already registered is
// answered in the offer itself: one edit, no new message.
func TestAlreadyRegisteredOfferAnsweredInPlace(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1032, "Rudi")
	apptest.SeedVerified(t, h, u, "Rudi Hartono", "psm", apptest.KelMayangan, 32)
	u.SendCommand("/daftar")
	offer := apptest.Expect(t, u, "sudah terdaftar")
	before := h.Calls()
	apptest.Press(t, u, offer, "Tidak")
	if m := apptest.ExpectEdited(t, u, offer, "data tidak diubah"); m.Buttons() != nil {
		t.Errorf("the answered offer keeps buttons %v", m.Buttons())
	}
	want := apptest.Calls{"editMessageText": 1, "answerCallbackQuery": 1}
	if got := h.Calls().Since(before); got.String() != want.String() {
		t.Errorf("Tidak made %v, want %v", got, want)
	}
}
