package bot

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// recordingObserver keeps what the client told it.
type recordingObserver struct {
	mu     sync.Mutex
	calls  []string // method/result
	pauses []time.Duration
	waits  []string // priority
}

func (o *recordingObserver) BotAPICall(method, result string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls = append(o.calls, method+"/"+result)
}

func (o *recordingObserver) FloodPause(d time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pauses = append(o.pauses, d)
}

func (o *recordingObserver) LimiterWait(p string, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waits = append(o.waits, p)
}

// TestObserverSeesEachAttempt sends through a 429, a 403 and a 400, and
// checks each request, the pause and the limiter waits are told, and what
// the health says after each.
func TestObserverSeesEachAttempt(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, call apiCall, n int) {
		switch n {
		case 1:
			writeError(w, 429, "Too Many Requests: retry after 1", 1)
		case 3:
			writeError(w, 403, "Forbidden: bot was blocked by the user", 0)
		case 4:
			writeError(w, 400, "Bad Request: chat not found", 0)
		case 5:
			writeHTML(w, 502)
		default:
			writeMessage(w, call.chatID)
		}
	})
	obs := &recordingObserver{}
	c := newTestClient(t, f, ClientConfig{Observer: obs, MaxRetries: -1})
	c.maxRetries = 1
	ctx := context.Background()
	if _, err := c.Send(ctx, tgbotapi.NewMessage(7, "a")); err != nil { // 429, then ok
		t.Fatal(err)
	}
	if _, err := c.Send(ctx, tgbotapi.NewMessage(8, "b")); !IsBlocked(err) {
		t.Fatalf("want 403, got %v", err)
	}
	if _, err := c.Send(ctx, tgbotapi.NewMessage(9, "c")); !IsBadRequest(err) {
		t.Fatalf("want 400, got %v", err)
	}
	if err := c.Health().Check(time.Now(), time.Minute); err != nil {
		t.Fatalf("after error answers Telegram is there, but: %v", err)
	}
	c.maxRetries = 0
	if _, err := c.Send(ctx, tgbotapi.NewMessage(10, "d")); !IsTemporary(err) {
		t.Fatalf("want a temporary error, got %v", err)
	}
	if err := c.Health().Check(time.Now(), time.Minute); err == nil || !strings.Contains(err.Error(), "502") {
		t.Fatalf("after a 502 page the health says %v", err)
	}

	want := []string{"getMe/ok", "sendMessage/429", "sendMessage/ok", "sendMessage/403", "sendMessage/other_4xx", "sendMessage/5xx"}
	if strings.Join(obs.calls, " ") != strings.Join(want, " ") {
		t.Errorf("calls told %v, want %v", obs.calls, want)
	}
	if len(obs.pauses) != 1 || obs.pauses[0] != time.Second {
		t.Errorf("pauses told %v, want one of 1s", obs.pauses)
	}
	if len(obs.waits) != 5 || obs.waits[0] != "interactive" {
		t.Errorf("limiter waits told %v, want 5 interactive", obs.waits)
	}
}

func TestCallResultAndHealth(t *testing.T) {
	for _, tc := range []struct {
		err      error
		result   string
		answered bool
	}{
		{nil, ResultOK, true},
		{&tgbotapi.Error{Code: 429, Message: "Too Many Requests"}, Result429, true},
		{&tgbotapi.Error{Code: 403, Message: "Forbidden"}, Result403, true},
		{&tgbotapi.Error{Code: 400, Message: "Bad Request"}, ResultOther4xx, true},
		{&tgbotapi.Error{Code: 401, Message: "Unauthorized"}, ResultOther4xx, false},
		{&tgbotapi.Error{Code: 502, Message: "Bad Gateway"}, Result5xx, false},
		{&badResponseError{status: 504}, Result5xx, false},
		{&badResponseError{status: 200}, ResultNetwork, false},
		{context.DeadlineExceeded, ResultNetwork, false},
	} {
		if got := CallResult(tc.err); got != tc.result {
			t.Errorf("CallResult(%v) = %s, want %s", tc.err, got, tc.result)
		}
		if got := answered(tc.err); got != tc.answered {
			t.Errorf("answered(%v) = %v, want %v", tc.err, got, tc.answered)
		}
	}
	now := time.Now()
	if err := (Health{}).Check(now, time.Minute); err == nil {
		t.Error("no request yet, yet healthy")
	}
	if err := (Health{LastAnswer: now.Add(-2 * time.Minute)}).Check(now, time.Minute); err == nil {
		t.Error("an answer older than maxAge, yet healthy")
	}
}
