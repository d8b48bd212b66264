package telegramtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/telegramtest"
)

// apiResponse is the envelope of every Bot API answer.
type apiResponse struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// call posts a form-encoded request and decodes the answer.
func call(t *testing.T, srv *telegramtest.Server, ctx context.Context, method string, form url.Values) (int, apiResponse) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		fmt.Sprintf(srv.Endpoint(), srv.Token, method), strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r apiResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("%s: decode: %v", method, err)
	}
	if r.OK != (resp.StatusCode == http.StatusOK) || (!r.OK && r.ErrorCode != resp.StatusCode) {
		t.Fatalf("%s: status %d does not match body %+v", method, resp.StatusCode, r)
	}
	return resp.StatusCode, r
}

func getUpdates(t *testing.T, srv *telegramtest.Server, offset, timeout int) []tgbotapi.Update {
	t.Helper()
	_, r := call(t, srv, context.Background(), "getUpdates",
		url.Values{"offset": {fmt.Sprint(offset)}, "timeout": {fmt.Sprint(timeout)}})
	if !r.OK {
		t.Fatalf("getUpdates: %s", r.Description)
	}
	var ups []tgbotapi.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil {
		t.Fatal(err)
	}
	return ups
}

func TestAuthAndRouting(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if api.Self.ID != telegramtest.BotID || api.Self.UserName != "PilarTestBot" || !api.Self.IsBot {
		t.Errorf("getMe = %+v", api.Self)
	}

	for _, tc := range []struct {
		name, path string
		code       int
		desc       string
	}{
		{"wrong token", "/bot1:wrong/getMe", 401, "Unauthorized"},
		{"unknown method", "/bot" + srv.Token + "/sendTelepathy", 404, "Not Found"},
		{"case-insensitive method", "/bot" + srv.Token + "/GETME", 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := srv.Client().Get(srv.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var r apiResponse
			_ = json.NewDecoder(resp.Body).Decode(&r)
			if resp.StatusCode != tc.code || r.Description != tc.desc {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, r.Description, tc.code, tc.desc)
			}
		})
	}
}

func TestGetUpdatesConfirmation(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")
	first := u.SendCommand("/start")
	second := u.SendText("halo")

	ups := getUpdates(t, srv, 0, 0)
	if len(ups) != 2 || ups[0].UpdateID != first || ups[1].UpdateID != second {
		t.Fatalf("updates = %+v", ups)
	}
	if m := ups[0].Message; m.Chat.ID != 42 || m.From.ID != 42 || !m.IsCommand() || m.Command() != "start" {
		t.Errorf("first message = %+v", m)
	}
	if got := getUpdates(t, srv, 0, 0); len(got) != 2 {
		t.Fatalf("unconfirmed updates must be delivered again, got %d", len(got))
	}
	if got := getUpdates(t, srv, first+1, 0); len(got) != 1 || got[0].UpdateID != second {
		t.Fatalf("offset first+1: %+v", got)
	}
	srv.WaitConfirmed(first)
	if srv.Pending() != 1 {
		t.Errorf("Pending = %d, want 1", srv.Pending())
	}
	if got := getUpdates(t, srv, second+1, 0); len(got) != 0 {
		t.Fatalf("all confirmed, got %+v", got)
	}

	srv.Redeliver(first)
	got := getUpdates(t, srv, second+1, 0)
	if len(got) != 1 || got[0].UpdateID != first {
		t.Fatalf("redelivered update must come back even below the offset: %+v", got)
	}
	getUpdates(t, srv, second+1, 0)
	srv.WaitConfirmed(first)
}

func TestGetUpdatesLongPoll(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	u := srv.NewUser(42, "Sri")

	start := time.Now()
	go func() {
		time.Sleep(100 * time.Millisecond)
		u.SendText("bangun")
	}()
	ups := getUpdates(t, srv, 0, 5)
	if len(ups) != 1 || ups[0].Message.Text != "bangun" {
		t.Fatalf("updates = %+v", ups)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("long poll took %v, want an early return", d)
	}

	// An empty poll waits for its timeout.
	start = time.Now()
	if got := getUpdates(t, srv, ups[0].UpdateID+1, 1); len(got) != 0 {
		t.Fatalf("got %+v", got)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("empty poll returned after %v", d)
	}
}

func TestGetUpdatesCancelAndConflict(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Keep a long poll open: if one of the probes below came first,
		// this poll was the one refused, so it tries again.
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost,
				fmt.Sprintf(srv.Endpoint(), srv.Token, "getUpdates"), strings.NewReader("timeout=30"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if resp, err := srv.Client().Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	}()
	// Wait until the first poll is in, then a second one must conflict.
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, r := call(t, srv, context.Background(), "getUpdates", url.Values{"timeout": {"0"}})
		if code == http.StatusConflict {
			if !strings.HasPrefix(r.Description, "Conflict: terminated by other getUpdates request") {
				t.Errorf("description = %q", r.Description)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no 409 for a concurrent getUpdates")
		}
		time.Sleep(10 * time.Millisecond)
	}

	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("long poll did not end when the client cancelled")
	}
	// Once the first poll has gone, polling works again.
	deadline = time.Now().Add(5 * time.Second)
	for {
		code, _ := call(t, srv, context.Background(), "getUpdates", url.Values{})
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("getUpdates still failing with %d after cancel", code)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestGetUpdatesWithTgbotapi(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	u := srv.NewUser(7, "Budi")
	msg := sendText(t, api, 7, "pilih", tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Ya", "yes"))))
	u.SendPhoto("bukti")
	_, queryID := u.Press(u.Message(msg.MessageID), "yes")

	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1, AllowedUpdates: []string{"message", "callback_query"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ups) != 2 {
		t.Fatalf("got %d updates", len(ups))
	}
	photo := ups[0].Message.Photo
	if len(photo) != 3 || photo[2].Width <= photo[0].Width || photo[0].FileUniqueID == photo[2].FileUniqueID {
		t.Errorf("photo sizes = %+v", photo)
	}
	cq := ups[1].CallbackQuery
	if cq.ID != queryID || cq.Data != "yes" || cq.Message.MessageID != msg.MessageID || cq.From.ID != 7 {
		t.Errorf("callback query = %+v", cq)
	}
}

func TestConcurrentSends(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	var users []*telegramtest.User
	for i := range 10 {
		users = append(users, srv.NewUser(int64(1000+i), fmt.Sprint("u", i)))
	}
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				u.SendText(fmt.Sprint("m", j))
				if _, err := api.Send(tgbotapi.NewMessage(u.ID, fmt.Sprint("balas ", j))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	go func() {
		for range 20 {
			_ = srv.Stats()
			_ = srv.Pending()
		}
	}()
	wg.Wait()
	for _, u := range users {
		if got := u.WaitMessages(5); len(got) != 5 || got[4].Plain != "balas 4" {
			t.Errorf("user %d: %v", u.ID, got)
		}
	}
	if st := srv.Stats(); st.Methods["sendMessage"].OK != 50 || st.MessagesPerChat[1000] != 5 {
		t.Errorf("stats = %+v", st)
	}
}

func TestEnqueueAllowedUpdatesAndLatency(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{Latency: 150 * time.Millisecond})
	edited := srv.Enqueue(tgbotapi.Update{EditedMessage: &tgbotapi.Message{MessageID: 1, Text: "diubah"}})
	u := srv.NewUser(42, "Sri")
	msg := u.SendText("halo")

	start := time.Now()
	_, r := call(t, srv, context.Background(), "getUpdates", url.Values{"allowed_updates": {`["message"]`}})
	if time.Since(start) < 150*time.Millisecond {
		t.Error("latency not applied")
	}
	var ups []tgbotapi.Update
	_ = json.Unmarshal(r.Result, &ups)
	if len(ups) != 1 || ups[0].UpdateID != msg || msg <= edited {
		t.Fatalf("updates = %+v", ups)
	}
	srv.WaitConfirmed(edited) // dropped, as Telegram never sends filtered updates
	srv.SetLatency(0)
	if getUpdates(t, srv, msg+1, 0); srv.Pending() != 0 {
		t.Errorf("pending = %d", srv.Pending())
	}
}
