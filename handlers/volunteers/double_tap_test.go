package volunteers_test

import (
	"testing"

	"pilarbot/handlers/apptest"
)

// A Simpan pressed twice before the bot answered the first press: the
// first turns the summary into the receipt; the second finds the flow gone
// and would take off buttons the receipt no longer has, which Telegram
// refuses ("message is not modified"). One record, one receipt, and no
// call Telegram refuses.
func TestDoubleTappedSimpanMakesNoRefusedCall(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	u := h.TG.NewUser(1021, "Wati")
	sum := apptest.Register(t, u, "Wati Handayani", "PSM", "Panggungrejo", "Mayangan", apptest.NIK(21))
	data := sum.CallbackData("✅ Simpan")
	_, q1 := u.Press(sum, data)
	_, q2 := u.PressForged(sum.ID, data)
	apptest.ExpectEdited(t, u, sum, "menunggu verifikasi")
	h.TG.WaitCallbackAnswered(q1)
	h.TG.WaitCallbackAnswered(q2)
	if bs := u.Message(sum.ID).Buttons(); bs != nil {
		t.Errorf("the summary keeps buttons %v", bs)
	}
	if refused, _ := h.TG.Refused(); len(refused) > 0 {
		t.Fatalf("the bot made calls Telegram refuses: %v", refused)
	}
	if n, m := h.TG.Calls("editMessageText"), h.TG.Calls("editMessageReplyMarkup"); n != 1 || m != 0 {
		t.Errorf("the summary was edited %d times and its buttons %d times, want 1 and 0", n, m)
	}
	if n := len(u.Messages()); n != 7 {
		t.Errorf("the chat holds %d messages, want 7: six questions and the summary turned receipt", n)
	}
}
