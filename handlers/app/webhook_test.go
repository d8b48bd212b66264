package app_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
	"pilarbot/handlers/apptest"
)

// postUpdate posts a raw update to an instance's webhook as Telegram does.
func postUpdate(t testing.TB, addr, secret string, raw []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+app.WebhookPath, strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(bot.SecretHeader, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

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
		code, err := postUpdate(t, h.Cfg.HTTPAddr, secret, apptest.PrivateUpdate(990001, u.ID, "Sari", "/profil"))
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
	var admins []int64
	for c := range chats {
		admins = append(admins, int64(6000+c))
	}
	h := apptest.New(t, apptest.Webhook(), func(c *app.Config, _ *telegramtest.Options) { c.ReplicaLease = 2 * time.Second })
	addrs := []string{h.Cfg.HTTPAddr, h.StartReplica(nil).Cfg.HTTPAddr, h.StartReplica(nil).Cfg.HTTPAddr}
	users := make([]*telegramtest.User, chats)
	for c := range chats {
		// /cari, a coordinator's command, echoes its query.
		users[c] = apptest.AddCoordinator(t, h, admins[c], fmt.Sprintf("Koordinator %d", c))
	}

	began := time.Now()
	ids := postAll(t, addrs, admins, perChat)
	for _, id := range ids {
		h.WaitHandled(id)
	}
	t.Logf("%d updates through 3 replicas in %v", len(ids), time.Since(began).Round(time.Millisecond))
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
			if !strings.Contains(text, query(c, i)) {
				t.Fatalf("chat %d reply %d is %q, want the one to %s: out of order", c, i, text, query(c, i))
			}
		}
	}
}

// query is the i-th /cari query of chat c: letters only, so /cari reads
// it as a name.
func query(c, i int) string {
	return "cek" + strings.Map(func(r rune) rune { return 'a' + r - '0' }, fmt.Sprintf("%03d%02d", c, i))
}

// postAll posts perChat /cari updates of every chat to random instances
// and returns their ids: each chat's in order, its next one after the
// last was answered 200, at most 40 requests at once (Telegram's
// max_connections), a tenth of them posted twice. An instance that does
// not answer is skipped for another, as Telegram retries.
func postAll(t *testing.T, addrs []string, chats []int64, perChat int) []int {
	var mu sync.Mutex
	var ids []int
	sem := make(chan struct{}, 40)
	var wg sync.WaitGroup
	for _, c := range rand.Perm(len(chats)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perChat {
				id := 800000 + c*perChat + i
				raw := apptest.PrivateUpdate(id, chats[c], "Relawan", "/cari "+query(c, i))
				for range 1 + boolToInt(rand.N(10) == 0) {
					sem <- struct{}{}
					deliver(t, addrs, raw)
					<-sem
				}
				mu.Lock()
				ids = append(ids, id)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return ids
}

// deliver posts raw to random instances until one answers 200.
func deliver(t *testing.T, addrs []string, raw []byte) {
	for attempt := 0; attempt < 200; attempt++ {
		code, err := postUpdate(t, addrs[rand.N(len(addrs))], apptest.WebhookSecret, raw)
		if err == nil && code == http.StatusOK {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("no instance took an update")
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
