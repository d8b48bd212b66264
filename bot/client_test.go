package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

const testToken = "123456:SECRET-test_token"

// apiCall is one request seen by a fake Bot API server.
type apiCall struct {
	method string
	chatID int64
	at     time.Time
}

// fakeAPI is a small Bot API server. getMe is answered automatically; every
// other call is recorded and handed to handle, which answers ok with a
// message when it is nil.
type fakeAPI struct {
	srv    *httptest.Server
	handle func(w http.ResponseWriter, r *http.Request, call apiCall, n int)

	mu    sync.Mutex
	calls []apiCall
}

func newFakeAPI(tb testing.TB, handle func(w http.ResponseWriter, r *http.Request, call apiCall, n int)) *fakeAPI {
	tb.Helper()
	f := &fakeAPI{handle: handle}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	method := path.Base(r.URL.Path)
	if !strings.Contains(r.URL.Path, "/bot"+testToken+"/") {
		writeError(w, http.StatusUnauthorized, "Unauthorized", 0)
		return
	}
	if method == "getMe" {
		writeOK(w, `{"id":42,"is_bot":true,"first_name":"Pilar","username":"pilar_bot"}`)
		return
	}
	chatID, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	call := apiCall{method: method, chatID: chatID, at: time.Now()}
	f.mu.Lock()
	f.calls = append(f.calls, call)
	n := len(f.calls)
	f.mu.Unlock()
	if f.handle != nil {
		f.handle(w, r, call, n)
		return
	}
	writeMessage(w, chatID)
}

func (f *fakeAPI) seen() []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]apiCall(nil), f.calls...)
}

func writeOK(w http.ResponseWriter, result string) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"ok":true,"result":%s}`, result)
}

func writeMessage(w http.ResponseWriter, chatID int64) {
	writeOK(w, fmt.Sprintf(`{"message_id":7,"date":1,"chat":{"id":%d,"type":"private"}}`, chatID))
}

func writeError(w http.ResponseWriter, code int, desc string, retryAfter int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	params := ""
	if retryAfter > 0 {
		params = fmt.Sprintf(`,"parameters":{"retry_after":%d}`, retryAfter)
	}
	fmt.Fprintf(w, `{"ok":false,"error_code":%d,"description":%q%s}`, code, desc, params)
}

func writeHTML(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(code)
	fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
}

// newTestClient returns a Client for f with fast retries; cfg's zero fields
// are filled in.
func newTestClient(tb testing.TB, f *fakeAPI, cfg ClientConfig) *Client {
	tb.Helper()
	cfg.Token = testToken
	cfg.Endpoint = f.srv.URL + "/bot%s/%s"
	cfg.HTTPClient = f.srv.Client()
	c, err := NewClient(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("NewClient: %v", err)
	}
	c.retryBase = 10 * time.Millisecond
	c.retryCap = 50 * time.Millisecond
	return c
}

func TestNewClient(t *testing.T) {
	f := newFakeAPI(t, nil)
	c := newTestClient(t, f, ClientConfig{})
	if got := c.Self(); got.ID != 42 || got.UserName != "pilar_bot" {
		t.Errorf("Self() = %+v, want the getMe user", got)
	}
	if c.API() == nil || c.API().Client == nil {
		t.Error("API() has no HTTP client")
	}
	if c.http.Timeout != defaultHTTPTimeout || c.poll.Timeout != defaultPollTimeout+pollSlack {
		t.Errorf("timeouts = %v, %v", c.http.Timeout, c.poll.Timeout)
	}
}

func TestNewClientTokenRejected(t *testing.T) {
	f := newFakeAPI(t, nil)
	start := time.Now()
	_, err := NewClient(context.Background(), ClientConfig{
		Token:      "999:wrong",
		Endpoint:   f.srv.URL + "/bot%s/%s",
		HTTPClient: f.srv.Client(),
	})
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("err = %v, want ErrTokenRejected", err)
	}
	if time.Since(start) > time.Second {
		t.Error("a rejected token was retried")
	}
}

func TestNewClientRetriesGetMe(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	fails := 1
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if fails > 0 {
			fails--
			writeHTML(w, http.StatusBadGateway)
			return
		}
		writeOK(w, `{"id":42,"is_bot":true,"first_name":"Pilar"}`)
	}))
	defer srv.Close()
	c, err := NewClient(context.Background(), ClientConfig{
		Token: testToken, Endpoint: srv.URL + "/bot%s/%s", HTTPClient: srv.Client(),
	})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	if c.Self().ID != 42 {
		t.Errorf("Self().ID = %d", c.Self().ID)
	}
}

func TestNewClientStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	endpoint := srv.URL + "/bot%s/%s"
	srv.Close() // connection refused from now on
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var logs bytes.Buffer
	_, err := NewClient(ctx, ClientConfig{
		Token: testToken, Endpoint: endpoint,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(logs.String(), testToken) {
		t.Errorf("token leaked:\nerr: %v\nlogs: %s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("retries were not logged: %s", logs.String())
	}
}

func TestGetUpdates(t *testing.T) {
	var got url.Values
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ apiCall, _ int) {
		got = r.PostForm
		writeOK(w, `[{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":9,"type":"private"},"text":"hi"}},{"update_id":6}]`)
	})
	c := newTestClient(t, f, ClientConfig{PollTimeout: 25 * time.Second})
	raws, err := c.GetUpdates(context.Background(), 5, 50, []string{"message", "callback_query"})
	if err != nil {
		t.Fatalf("GetUpdates: %v", err)
	}
	if len(raws) != 2 {
		t.Fatalf("got %d updates, want 2", len(raws))
	}
	var u tgbotapi.Update
	if err := json.Unmarshal(raws[0], &u); err != nil || u.UpdateID != 5 || u.Message.Text != "hi" {
		t.Errorf("update 0 = %+v, %v", u, err)
	}
	want := url.Values{
		"offset": {"5"}, "limit": {"50"}, "timeout": {"25"},
		"allowed_updates": {`["message","callback_query"]`},
	}
	for k, v := range want {
		if got.Get(k) != v[0] {
			t.Errorf("form %s = %q, want %q", k, got.Get(k), v[0])
		}
	}
}

func TestGetUpdatesErrors(t *testing.T) {
	tests := []struct {
		name      string
		respond   func(w http.ResponseWriter)
		code      int
		temporary bool
		retry     time.Duration
	}{
		{"conflict", func(w http.ResponseWriter) {
			writeError(w, 409, "Conflict: terminated by other getUpdates request", 0)
		}, 409, false, 0},
		{"flood", func(w http.ResponseWriter) { writeError(w, 429, "Too Many Requests: retry after 3", 3) }, 429, true, 3 * time.Second},
		{"html 502", func(w http.ResponseWriter) { writeHTML(w, 502) }, 0, true, 0},
		{"empty body", func(w http.ResponseWriter) { w.WriteHeader(504) }, 0, true, 0},
		{"result not an array", func(w http.ResponseWriter) { writeOK(w, `{}`) }, 0, true, 0},
		{"no result", func(w http.ResponseWriter) { writeRaw(w, 200, `{"ok":true}`) }, 0, true, 0},
		{"null result", func(w http.ResponseWriter) { writeRaw(w, 200, `{"ok":true,"result":null}`) }, 0, true, 0},
		// A proxy's error with an odd result keeps its code and retry_after.
		{"flood with a result", func(w http.ResponseWriter) {
			writeRaw(w, 429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","result":{},"parameters":{"retry_after":7}}`)
		}, 429, true, 7 * time.Second},
		{"unauthorized with a result", func(w http.ResponseWriter) {
			writeRaw(w, 401, `{"ok":false,"error_code":401,"description":"Unauthorized","result":true}`)
		}, 401, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ apiCall, _ int) { tt.respond(w) })
			c := newTestClient(t, f, ClientConfig{})
			_, err := c.GetUpdates(context.Background(), 0, 100, nil)
			if err == nil {
				t.Fatal("no error")
			}
			if got := errorCode(err); got != tt.code {
				t.Errorf("code = %d, want %d (err %v)", got, tt.code, err)
			}
			if got := IsTemporary(err); got != tt.temporary {
				t.Errorf("IsTemporary = %v, want %v (err %v)", got, tt.temporary, err)
			}
			if d, _ := RetryAfter(err); d != tt.retry {
				t.Errorf("RetryAfter = %v, want %v", d, tt.retry)
			}
		})
	}
}

func TestGetUpdatesCancel(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ apiCall, _ int) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		writeOK(w, `[]`)
	})
	c := newTestClient(t, f, ClientConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	time.AfterFunc(100*time.Millisecond, func() { cancelled = time.Now(); cancel() })
	_, err := c.GetUpdates(ctx, 0, 100, nil)
	if took := time.Since(cancelled); took > 200*time.Millisecond {
		t.Errorf("GetUpdates returned %v after cancel", took)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if IsTemporary(err) {
		t.Error("a cancelled poll is reported temporary")
	}
}

func TestConfirmUpdates(t *testing.T) {
	var got url.Values
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ apiCall, _ int) {
		got = r.PostForm
		writeOK(w, `[]`)
	})
	c := newTestClient(t, f, ClientConfig{})
	if err := c.ConfirmUpdates(context.Background(), 77); err != nil {
		t.Fatal(err)
	}
	if got.Get("offset") != "77" || got.Get("timeout") != "0" {
		t.Errorf("form = %v", got)
	}
}

func TestTokenScrubbed(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	// Timeout: the server answers after the client gave up.
	slow := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ apiCall, _ int) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
	})
	c := newTestClient(t, slow, ClientConfig{HTTPTimeout: 50 * time.Millisecond, MaxRetries: 1, Logger: logger})
	_, timeoutErr := c.Send(context.Background(), tgbotapi.NewMessage(1, "x"))

	// Connection refused: the server is gone.
	gone := newFakeAPI(t, nil)
	c2 := newTestClient(t, gone, ClientConfig{MaxRetries: 1, Logger: logger})
	gone.srv.Close()
	_, refusedErr := c2.Send(context.Background(), tgbotapi.NewMessage(1, "x"))
	_, pollErr := c2.GetUpdates(context.Background(), 0, 1, nil)

	for name, err := range map[string]error{"timeout": timeoutErr, "refused": refusedErr, "poll": pollErr} {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("%s: token in error: %v", name, err)
		}
		if !IsTemporary(err) {
			t.Errorf("%s: not temporary: %v", name, err)
		}
		var ue *url.Error
		if !errors.As(err, &ue) {
			t.Errorf("%s: no *url.Error in chain: %v", name, err)
		} else if strings.Contains(ue.URL, testToken) || strings.Contains(ue.Error(), testToken) {
			t.Errorf("%s: token in *url.Error: %v", name, ue)
		}
		t.Logf("%s: %v", name, err)
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("no retry was logged:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), testToken) {
		t.Errorf("token in logs:\n%s", logs.String())
	}
}

func TestScrubber(t *testing.T) {
	s := newScrubber(testToken)
	wrapped := fmt.Errorf("outer: %w", &tgbotapi.Error{Code: 400, Message: "Bad Request: " + testToken})
	got := s.err(wrapped)
	if strings.Contains(got.Error(), testToken) {
		t.Errorf("token in %q", got)
	}
	if !IsBadRequest(got) {
		t.Error("scrubbed error lost its *tgbotapi.Error")
	}
	plain := errors.New("nothing secret")
	if s.err(plain) != plain {
		t.Error("an error without the token was wrapped")
	}
	if s.err(nil) != nil {
		t.Error("nil became non-nil")
	}
	if got := newScrubber("").string("abc"); got != "abc" {
		t.Errorf("empty token scrubber changed %q", got)
	}
	if got := s.string("x/bot123456%3ASECRET-test_token/y"); strings.Contains(got, "SECRET") {
		t.Errorf("escaped token kept: %q", got)
	}
}

// writeRaw answers body as JSON with status.
func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
