package volunteers_test

import (
	"testing"

	"pilarbot/handlers/apptest"
)

// A Simpan pressed twice before the bot answered the first press: the
// second finds the flow gone and would take off buttons already taken off,
// which Telegram refuses ("message is not modified"). The bot makes no
// call Telegram refuses.
func TestDoubleTappedSimpanMakesNoRefusedCall(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1021, "Wati")
	sum := apptest.Register(t, u, "Wati Handayani", "PSM", "Panggungrejo", "Mayangan", apptest.NIK(21))
	data := sum.CallbackData("✅ Simpan")
	_, q1 := u.Press(sum, data)
	_, q2 := u.PressForged(sum.ID, data)
	apptest.Expect(t, u, "menunggu verifikasi")
	h.TG.WaitCallbackAnswered(q1)
	h.TG.WaitCallbackAnswered(q2)
	if bs := u.Message(sum.ID).Buttons(); bs != nil {
		t.Errorf("the summary keeps buttons %v", bs)
	}
	if refused, _ := h.TG.Refused(); len(refused) > 0 {
		t.Fatalf("the bot made calls Telegram refuses: %v", refused)
	}
	if n := h.TG.Calls("editMessageReplyMarkup"); n != 1 {
		t.Errorf("the buttons were taken off with %d calls, want 1", n)
	}
}
