package telegramtest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
)

// TestSetWebhookValidatesLikeTelegram: the secret token's characters and
// length, the URL's scheme and port (plain http only to loopback).
func TestSetWebhookValidatesLikeTelegram(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	ctx := context.Background()
	for _, tc := range []struct {
		name, url, secret, want string
	}{
		{"base64 secret", "https://bot.example.org/telegram/webhook", "abc+/=", "secret token contains unallowed characters"},
		{"space", "https://bot.example.org/telegram/webhook", "a b", "secret token contains unallowed characters"},
		{"too long", "https://bot.example.org/telegram/webhook", strings.Repeat("a", 257), "secret token is too long"},
		{"plain http", "http://bot.example.org/telegram/webhook", "s", "HTTPS url must be provided"},
		{"odd port", "https://bot.example.org:9443/telegram/webhook", "s", "ports 80, 88, 443 or 8443"},
		{"ok", "https://bot.example.org/telegram/webhook", strings.Repeat("aZ9_-", 51) + "x", ""},
		{"loopback http", "http://127.0.0.1:18080/telegram/webhook", "s", ""},
	} {
		code, r := call(t, srv, ctx, "setWebhook", url.Values{"url": {tc.url}, "secret_token": {tc.secret}})
		if tc.want == "" {
			if !r.OK {
				t.Errorf("%s: refused: %s", tc.name, r.Description)
			}
			continue
		}
		if code != http.StatusBadRequest || !strings.Contains(r.Description, tc.want) {
			t.Errorf("%s: %d %q, want 400 with %q", tc.name, code, r.Description, tc.want)
		}
	}
}

// TestWebhookBlocksGetUpdatesUntilDeleted: while a webhook is set,
// getUpdates answers 409 (counted in Stats); deleteWebhook keeping the
// pending updates lets polling have them.
func TestWebhookBlocksGetUpdatesUntilDeleted(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	ctx := context.Background()
	_, r := call(t, srv, ctx, "setWebhook", url.Values{"url": {"https://bot.example.org/telegram/webhook"},
		"secret_token": {"s3cret"}, "max_connections": {"7"}, "allowed_updates": {`["message"]`}})
	if !r.OK {
		t.Fatal(r.Description)
	}
	srv.NewUser(42, "Sri").SendText("halo")
	code, r := call(t, srv, ctx, "getUpdates", url.Values{"timeout": {"0"}})
	if code != http.StatusConflict || !strings.Contains(r.Description, "use deleteWebhook to delete the webhook first") {
		t.Fatalf("getUpdates with a webhook: %d %q", code, r.Description)
	}
	if n := srv.Stats().Conflicts; n != 1 {
		t.Fatalf("Conflicts = %d, want 1", n)
	}
	_, r = call(t, srv, ctx, "getWebhookInfo", nil)
	var info struct {
		URL            string   `json:"url"`
		Pending        int      `json:"pending_update_count"`
		MaxConnections int      `json:"max_connections"`
		Allowed        []string `json:"allowed_updates"`
		LastError      string   `json:"last_error_message"`
	}
	if err := json.Unmarshal(r.Result, &info); err != nil {
		t.Fatal(err)
	}
	if info.URL != "https://bot.example.org/telegram/webhook" || info.MaxConnections != 7 ||
		len(info.Allowed) != 1 || info.Pending != 1 {
		t.Fatalf("getWebhookInfo = %+v", info)
	}
	if _, r = call(t, srv, ctx, "deleteWebhook", url.Values{"drop_pending_updates": {"false"}}); !r.OK {
		t.Fatal(r.Description)
	}
	if ups := getUpdates(t, srv, 0, 0); len(ups) != 1 || ups[0].Message.Text != "halo" {
		t.Fatalf("after deleteWebhook getUpdates = %+v, want the pending update", ups)
	}
}

// TestWebhookDelivery: the fake posts each update with the secret header,
// one update of a chat at a time and in order, again while the webhook
// answers an error (last_error_message tells), and forgets what got 2xx.
func TestWebhookDelivery(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	var mu sync.Mutex
	var got []string
	refuse := 2
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "s3cret" {
			t.Errorf("secret header = %q", r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		}
		if refuse > 0 {
			refuse--
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var u tgbotapi.Update
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &u)
		got = append(got, u.Message.Text)
	}))
	defer hook.Close()
	u := srv.NewUser(42, "Sri")
	u.SendText("satu")
	u.SendText("dua")
	u.SendText("tiga")
	_, r := call(t, srv, context.Background(), "setWebhook",
		url.Values{"url": {hook.URL + "/telegram/webhook"}, "secret_token": {"s3cret"}})
	if !r.OK {
		t.Fatal(r.Description)
	}
	deadline := time.Now().Add(5 * time.Second)
	for srv.Webhook().PendingUpdateCount > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(got, " ") != "satu dua tiga" {
		t.Fatalf("the webhook got %v, want them in order", got)
	}
	if msg := srv.Webhook().LastErrorMessage; msg != "Wrong response from the webhook: 503 Service Unavailable" {
		t.Fatalf("last error = %q", msg)
	}
}
