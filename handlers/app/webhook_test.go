package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
	"pilarbot/handlers/apptest"
)

// TestWebhookMode: the bot registers its webhook with the secret, the
// allowed updates and max_connections, never polls, and answers what
// Telegram delivers; a request without the right secret gets 401 and is
// not handled.
func TestWebhookMode(t *testing.T) {
	t.Parallel()
	h := apptest.New(t, apptest.Webhook())
	hook := h.TG.Webhook()
	if hook.URL != h.Cfg.WebhookURL || hook.SecretToken != apptest.WebhookSecret || hook.MaxConnections != 40 ||
		strings.Join(hook.AllowedUpdates, ",") != "message,callback_query,my_chat_member" {
		t.Fatalf("webhook registered as %+v", hook)
	}
	u := h.TG.NewUser(4801, "Sari")
	h.WaitHandled(u.SendCommand("/start"))
	apptest.Expect(t, u, "Selamat datang")

	for _, secret := range []string{"", "wrong", apptest.WebhookSecret + "x"} {
		code, err := apptest.PostWebhook(h.Cfg.HTTPAddr, secret, apptest.PrivateUpdate(990001, u.ID, "Sari", "/profil"))
		if err != nil || code != http.StatusUnauthorized {
			t.Fatalf("secret %q: %d %v, want 401", secret, code, err)
		}
	}
	u.ExpectNoMessage(300 * time.Millisecond)
	if n := h.Handled()[990001]; n != 0 {
		t.Fatalf("an update without the secret was handled %d times", n)
	}
	if st := h.TG.Stats(); st.Methods["getUpdates"].OK+st.Methods["getUpdates"].Errors != 0 {
		t.Fatalf("the bot polled in webhook mode: %+v", st.Methods["getUpdates"])
	}
}

// TestThreeReplicasHandleEachUpdateOnceInOrder: three instances in
// webhook mode get 1,000 updates of 100 chats, posted to random instances
// (each chat's next update after the last one was answered, as Telegram
// sends them, the chats interleaved at random, a tenth of the updates
// twice). Every update is handled once and every chat's replies come in
// the order of its updates.
func TestThreeReplicasHandleEachUpdateOnceInOrder(t *testing.T) {
	t.Parallel()
	const chats, perChat = 100, 10
	var chatIDs []int64
	for c := range chats {
		chatIDs = append(chatIDs, int64(6000+c))
	}
	h := apptest.New(t, apptest.Webhook(), func(c *app.Config, _ *telegramtest.Options) { c.ReplicaLease = 2 * time.Second })
	addrs := []string{h.Cfg.HTTPAddr, h.StartReplica(nil).Cfg.HTTPAddr, h.StartReplica(nil).Cfg.HTTPAddr}
	users := make([]*telegramtest.User, chats)
	for c := range chats {
		// /cari, a coordinator's command, echoes its query.
		users[c] = apptest.AddCoordinator(t, h, chatIDs[c], fmt.Sprintf("Koordinator %d", c))
	}

	began := time.Now()
	load := &apptest.WebhookLoad{Addrs: addrs, Chats: chatIDs, PerChat: perChat, FirstID: 800000, Twice: 0.1,
		Text: func(c, i int) string { return "/cari " + apptest.SearchQuery(c, i) }}
	if err := load.Run(); err != nil {
		t.Fatal(err)
	}
	for c := range chats {
		for i := range perChat {
			h.WaitHandled(load.ID(c, i))
		}
	}
	t.Logf("%d updates through 3 replicas in %v", chats*perChat, time.Since(began).Round(time.Millisecond))
	time.Sleep(200 * time.Millisecond) // a second handling or reply would show now
	for id, n := range h.Handled() {
		if n != 1 {
			t.Errorf("update %d handled %d times", id, n)
		}
	}
	for c, u := range users {
		var got []string
		for _, m := range u.Messages() {
			got = append(got, m.Plain)
		}
		if len(got) != perChat {
			t.Fatalf("chat %d got %d replies, want %d: %q", c, len(got), perChat, got)
		}
		for i, text := range got {
			if !strings.Contains(text, apptest.SearchQuery(c, i)) {
				t.Fatalf("chat %d reply %d is %q, want the one to %s: out of order", c, i, text, apptest.SearchQuery(c, i))
			}
		}
	}
}
