package telegramtest_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
)

// TestUpdateTimings follows two updates of one chat through the fake:
// queued, delivered by getUpdates, and answered by the first send or edit
// in their chat (a chat action, a failed send or another chat's message is
// no answer).
func TestUpdateTimings(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	other := srv.NewUser(43, "Budi")
	before, changed := u.Activity()

	first := u.SendCommand("/start")
	if tm, ok := srv.Timing(first); !ok || tm.Queued.IsZero() || !tm.Delivered.IsZero() || !tm.Replied.IsZero() || tm.ChatID != 42 {
		t.Fatalf("queued timing = %+v, %v", tm, ok)
	}
	time.Sleep(2 * time.Millisecond)
	getUpdates(t, srv, 0, 0)
	tm, _ := srv.Timing(first)
	if tm.Delivered.IsZero() || tm.Pickup() < 2*time.Millisecond {
		t.Fatalf("after getUpdates: %+v (pickup %v)", tm, tm.Pickup())
	}
	getUpdates(t, srv, 0, 0) // delivered again: the first delivery counts
	if again, _ := srv.Timing(first); !again.Delivered.Equal(tm.Delivered) {
		t.Fatalf("a redelivery moved the delivery time: %v → %v", tm.Delivered, again.Delivered)
	}

	send := func(method string, form url.Values) {
		t.Helper()
		call(t, srv, context.Background(), method, form)
	}
	send("sendChatAction", url.Values{"chat_id": {"42"}, "action": {"typing"}})
	send("sendMessage", url.Values{"chat_id": {"43"}, "text": {"untuk Budi"}})
	send("sendMessage", url.Values{"chat_id": {"42"}, "text": {""}}) // refused: empty text
	if tm, _ := srv.Timing(first); !tm.Replied.IsZero() {
		t.Fatalf("replied by a chat action, another chat or a refused send: %+v", tm)
	}
	select {
	case <-changed:
		t.Fatal("the chat's activity channel closed without a send in it")
	default:
	}

	send("sendMessage", url.Values{"chat_id": {"42"}, "text": {"Selamat datang"}})
	tm, _ = srv.Timing(first)
	if tm.ReplyMethod != "sendMessage" || tm.Handling() <= 0 || tm.FirstReply() != tm.Pickup()+tm.Handling() {
		t.Fatalf("answered timing = %+v", tm)
	}
	select {
	case <-changed:
	default:
		t.Fatal("the chat's activity channel stayed open after a send")
	}
	if n, _ := u.Activity(); n != before+1 {
		t.Fatalf("activity = %d, want %d", n, before+1)
	}
	if n, _ := other.Activity(); n != 1 {
		t.Fatalf("Budi's activity = %d, want 1", n)
	}

	// A later update is answered by the next send, not the one before it.
	m := u.Last()
	second := u.SendText("lagi")
	send("editMessageText", url.Values{"chat_id": {"42"}, "message_id": {strconv.Itoa(m.ID)}, "text": {"Diubah"}})
	tm2, _ := srv.Timing(second)
	if tm2.ReplyMethod != "editMessageText" || !tm2.Replied.After(tm.Replied) || !tm2.Delivered.IsZero() {
		t.Fatalf("second timing = %+v", tm2)
	}
	if all := srv.Timings(); len(all) != 2 || all[0].UpdateID != first || all[1].UpdateID != second {
		t.Fatalf("Timings = %+v", all)
	}
}
