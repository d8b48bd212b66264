package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestSend(t *testing.T) {
	f := newFakeAPI(t, nil)
	c := newTestClient(t, f, ClientConfig{})
	m, err := c.Send(context.Background(), tgbotapi.NewMessage(5, "halo"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if m.MessageID != 7 || m.Chat.ID != 5 {
		t.Errorf("message = %+v", m)
	}
	if calls := f.seen(); len(calls) != 1 || calls[0].method != "sendMessage" || calls[0].chatID != 5 {
		t.Errorf("calls = %+v", calls)
	}
}

func TestSendRetries429AndPausesEveryone(t *testing.T) {
	t.Parallel()
	flooded := make(chan time.Time, 1)
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, call apiCall, n int) {
		if n == 1 {
			flooded <- call.at
			writeError(w, http.StatusTooManyRequests, "Too Many Requests: retry after 1", 1)
			return
		}
		writeMessage(w, call.chatID)
	})
	c := newTestClient(t, f, ClientConfig{Limits: Limits{Global: 1000, PerChat: 1000}})

	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Go(func() { _, errs[0] = c.Send(context.Background(), tgbotapi.NewMessage(1, "a")) })
	floodAt := <-flooded
	time.Sleep(100 * time.Millisecond) // let the client read the 429
	wg.Go(func() { _, errs[1] = c.Send(context.Background(), tgbotapi.NewMessage(2, "b")) })
	wg.Wait()

	for i, err := range errs {
		if err != nil {
			t.Errorf("send %d: %v", i, err)
		}
	}
	calls := f.seen()
	if len(calls) != 3 {
		t.Fatalf("got %d calls, want 3: %+v", len(calls), calls)
	}
	for _, call := range calls[1:] {
		if d := call.at.Sub(floodAt); d < time.Second {
			t.Errorf("chat %d sent %v after the 429, want ≥ 1s", call.chatID, d)
		}
	}
}

func TestSendRetriesServerErrors(t *testing.T) {
	tests := []struct {
		name    string
		respond func(w http.ResponseWriter)
	}{
		{"500 json", func(w http.ResponseWriter) { writeError(w, 500, "Internal Server Error", 0) }},
		{"502 html", func(w http.ResponseWriter) { writeHTML(w, 502) }},
		{"empty body", func(w http.ResponseWriter) { w.WriteHeader(http.StatusGatewayTimeout) }},
		{"cut connection", func(w http.ResponseWriter) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, call apiCall, n int) {
				if n <= 2 {
					tt.respond(w)
					return
				}
				writeMessage(w, call.chatID)
			})
			c := newTestClient(t, f, ClientConfig{})
			if _, err := c.Send(context.Background(), tgbotapi.NewMessage(3, "x")); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if n := len(f.seen()); n != 3 {
				t.Errorf("got %d calls, want 3", n)
			}
		})
	}
}

func TestSendGivesUpAfterMaxRetries(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ apiCall, _ int) {
		writeError(w, 502, "Bad Gateway", 0)
	})
	c := newTestClient(t, f, ClientConfig{MaxRetries: 2})
	_, err := c.Send(context.Background(), tgbotapi.NewMessage(3, "x"))
	if !IsTemporary(err) {
		t.Errorf("err = %v, want a temporary error", err)
	}
	if n := len(f.seen()); n != 3 {
		t.Errorf("got %d calls, want 3 (1 + MaxRetries)", n)
	}
}

func TestSendNotRetried(t *testing.T) {
	tests := []struct {
		name    string
		code    int
		desc    string
		msg     tgbotapi.Chattable
		check   func(error) bool
		blocked int64
	}{
		{"bad request", 400, "Bad Request: can't parse entities", tgbotapi.NewMessage(8, "<b"), IsBadRequest, 0},
		{"blocked", 403, "Forbidden: bot was blocked by the user", tgbotapi.NewMessage(8, "x"), IsBlocked, 8},
		{"kicked from group", 403, "Forbidden: bot was kicked from the group chat", tgbotapi.NewMessage(-100, "x"), IsBlocked, -100},
		{"not modified", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
			tgbotapi.NewEditMessageText(8, 3, "same"), IsNotModified, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ apiCall, _ int) {
				writeError(w, tt.code, tt.desc, 0)
			})
			var blocked []int64
			c := newTestClient(t, f, ClientConfig{OnBlocked: func(_ context.Context, chatID int64) {
				blocked = append(blocked, chatID)
			}})
			_, err := c.Request(context.Background(), tt.msg)
			if !tt.check(err) {
				t.Errorf("err = %v, not recognised", err)
			}
			if n := len(f.seen()); n != 1 {
				t.Errorf("got %d calls, want exactly 1", n)
			}
			if tt.blocked != 0 && (len(blocked) != 1 || blocked[0] != tt.blocked) {
				t.Errorf("OnBlocked calls = %v, want [%d]", blocked, tt.blocked)
			}
			if tt.blocked == 0 && len(blocked) != 0 {
				t.Errorf("OnBlocked called for %v", blocked)
			}
		})
	}
}

func TestRequestAndCall(t *testing.T) {
	var gotForm sync.Map
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, call apiCall, _ int) {
		gotForm.Store(call.method, r.PostForm)
		writeOK(w, "true")
	})
	c := newTestClient(t, f, ClientConfig{})
	ctx := context.Background()
	raw, err := c.Request(ctx, tgbotapi.NewCallback("cb1", "ok"))
	if err != nil || string(raw) != "true" {
		t.Fatalf("Request = %s, %v", raw, err)
	}
	raw, err = c.Call(ctx, "sendMessage", 4, tgbotapi.Params{"chat_id": "4", "text": "x", "link_preview_options": `{"is_disabled":true}`})
	if err != nil || string(raw) != "true" {
		t.Fatalf("Call = %s, %v", raw, err)
	}
	if v, _ := gotForm.Load("sendMessage"); !strings.Contains(fmt.Sprint(v), "is_disabled") {
		t.Errorf("Call form = %v", v)
	}
	if _, ok := gotForm.Load("answerCallbackQuery"); !ok {
		t.Error("answerCallbackQuery not called")
	}
}

func TestSendHonoursContext(t *testing.T) {
	f := newFakeAPI(t, nil)
	c := newTestClient(t, f, ClientConfig{Limits: Limits{PerChat: 0.1, PerChatBurst: 1}})
	if _, err := c.Send(context.Background(), tgbotapi.NewMessage(1, "first")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Send(ctx, tgbotapi.NewMessage(1, "second")) // would wait 10 s for the chat's limit
	if err == nil || time.Since(start) > time.Second {
		t.Errorf("err = %v after %v, want a prompt context error", err, time.Since(start))
	}
}

func TestSendNotChatBoundIsNotLimited(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ apiCall, _ int) { writeOK(w, "true") })
	c := newTestClient(t, f, ClientConfig{Limits: Limits{Global: 1}})
	start := time.Now()
	for i := range 5 {
		if _, err := c.Request(context.Background(), tgbotapi.NewCallback(fmt.Sprint(i), "")); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("5 answerCallbackQuery took %v; they should not be rate limited", d)
	}
}

func TestPerChatLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		chatID int64
		limits Limits
	}{
		{"private", 11, Limits{PerChat: 10, PerChatBurst: 1, Global: 1000}},
		{"group", -1001, Limits{GroupPerMinute: 600, PerChat: 1000, Global: 1000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t, nil)
			c := newTestClient(t, f, ClientConfig{Limits: tt.limits})
			start := time.Now()
			var wg sync.WaitGroup
			for range 5 {
				wg.Go(func() {
					if _, err := c.Send(context.Background(), tgbotapi.NewMessage(tt.chatID, "x")); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			// The limiter releases the k-th send no earlier than k×100ms
			// after the first; the server sees it later still. (Gaps between
			// arrivals are not checked: a stalled goroutine can bunch them.)
			assertNotBefore(t, start, f.seen(), 100*time.Millisecond)
		})
	}
}

func TestGlobalLimit(t *testing.T) {
	t.Parallel()
	const rate, sends = 20, 45
	f := newFakeAPI(t, nil)
	c := newTestClient(t, f, ClientConfig{Limits: Limits{Global: rate, PerChat: 1000}})
	start := time.Now()
	var wg sync.WaitGroup
	for i := range sends {
		wg.Go(func() {
			if _, err := c.Send(context.Background(), tgbotapi.NewMessage(int64(1000+i), "x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	calls := f.seen()
	if len(calls) != sends {
		t.Fatalf("got %d calls, want %d", len(calls), sends)
	}
	// The limiter keeps sends at least 90 % of the nominal interval apart
	// (a missed slot may be caught up a little faster).
	assertNotBefore(t, start, calls, time.Second*9/10/rate)
	// Any one-second window as the server sees it: at most rate sends, plus
	// slack for arrivals bunched by scheduling delays on a loaded machine.
	for i := range calls {
		n := 0
		for _, other := range calls[i:] {
			if other.at.Sub(calls[i].at) < time.Second {
				n++
			}
		}
		if n > rate+2 {
			t.Fatalf("%d sends in the second after send %d, want ≤ %d", n, i, rate)
		}
	}
}

// assertNotBefore checks that the k-th call (in arrival order) arrived no
// earlier than k×gap after start.
func assertNotBefore(t *testing.T, start time.Time, calls []apiCall, gap time.Duration) {
	t.Helper()
	for k, call := range calls {
		if d := call.at.Sub(start); d < time.Duration(k)*gap {
			t.Errorf("send %d arrived %v after the start, want ≥ %v", k, d, time.Duration(k)*gap)
		}
	}
}

func TestPriority(t *testing.T) {
	t.Parallel()
	const bulk, interactive = 20, 3
	f := newFakeAPI(t, nil)
	c := newTestClient(t, f, ClientConfig{Limits: Limits{Global: 20, PerChat: 1000}})

	var wg sync.WaitGroup
	bulkCtx := WithPriority(context.Background(), PriorityBulk)
	for i := range bulk {
		wg.Go(func() {
			if _, err := c.Send(bulkCtx, tgbotapi.NewMessage(int64(100+i), "broadcast")); err != nil {
				t.Error(err)
			}
		})
	}
	for len(f.seen()) < 3 {
		time.Sleep(5 * time.Millisecond)
	}
	seenAtStart := len(f.seen())
	for i := range interactive {
		wg.Go(func() {
			if _, err := c.Send(context.Background(), tgbotapi.NewMessage(int64(900+i), "reply")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	// Each interactive send may follow the bulk send holding the turn and
	// one already in flight, but none of the bulk sends still queued.
	for pos, call := range f.seen() {
		if call.chatID >= 900 && pos >= seenAtStart+interactive+2 {
			t.Errorf("interactive send to %d arrived at position %d; %d had arrived when it started",
				call.chatID, pos, seenAtStart)
		}
	}
}

func TestChatIDOf(t *testing.T) {
	msg := tgbotapi.NewMessage(1, "x")
	inline := tgbotapi.NewEditMessageTextAndMarkup(0, 0, "x", tgbotapi.NewInlineKeyboardMarkup())
	inline.InlineMessageID = "abc"
	tests := []struct {
		name string
		c    tgbotapi.Chattable
		want int64
	}{
		{"message", msg, 1},
		{"message pointer", &msg, 1},
		{"photo", tgbotapi.NewPhoto(2, tgbotapi.FileID("f")), 2},
		{"document", tgbotapi.NewDocument(3, tgbotapi.FileID("f")), 3},
		{"location", tgbotapi.NewLocation(4, 1, 2), 4},
		{"media group", tgbotapi.NewMediaGroup(5, nil), 5},
		{"copy", tgbotapi.NewCopyMessage(6, 99, 1), 6},
		{"edit text", tgbotapi.NewEditMessageText(7, 1, "x"), 7},
		{"edit markup", tgbotapi.NewEditMessageReplyMarkup(8, 1, tgbotapi.NewInlineKeyboardMarkup()), 8},
		{"edit caption", tgbotapi.NewEditMessageCaption(9, 1, "x"), 9},
		{"delete", tgbotapi.NewDeleteMessage(-10, 1), -10},
		{"chat action", tgbotapi.NewChatAction(11, tgbotapi.ChatTyping), 11},
		{"inline edit", inline, 0},
		{"callback", tgbotapi.NewCallback("id", "x"), 0},
		{"set commands", tgbotapi.NewSetMyCommands(), 0},
		{"delete commands", tgbotapi.NewDeleteMyCommands(), 0},
	}
	for _, tt := range tests {
		if got := chatIDOf(tt.c); got != tt.want {
			t.Errorf("%s: chatIDOf = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestReplayable(t *testing.T) {
	reader := tgbotapi.NewPhoto(1, tgbotapi.FileReader{Name: "a.jpg", Reader: strings.NewReader("x")})
	if replayable(reader) || replayable(&reader) {
		t.Error("an upload from an io.Reader is reported replayable")
	}
	group := tgbotapi.NewMediaGroup(1, []any{tgbotapi.NewInputMediaPhoto(tgbotapi.FileReader{Name: "a", Reader: strings.NewReader("x")})})
	if replayable(group) {
		t.Error("a media group with a reader is reported replayable")
	}
	if !replayable(tgbotapi.NewPhoto(1, tgbotapi.FileBytes{Name: "a", Bytes: []byte("x")})) {
		t.Error("an upload from bytes is reported not replayable")
	}
	if !replayable(tgbotapi.NewMessage(1, "x")) {
		t.Error("a message is reported not replayable")
	}
}

func BenchmarkSend(b *testing.B) {
	f := newFakeAPI(b, func(w http.ResponseWriter, _ *http.Request, call apiCall, _ int) {
		writeMessage(w, call.chatID)
	})
	c := newTestClient(b, f, ClientConfig{Limits: Limits{Global: 1e9, PerChat: 1e9, PerChatBurst: 1000, GroupPerMinute: 1e9}})
	c.http.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	var chat atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := chat.Add(1)%10000 + 1
			if _, err := c.Send(context.Background(), tgbotapi.NewMessage(id, "benchmark")); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
