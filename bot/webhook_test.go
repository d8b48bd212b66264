package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// memQueue is an in-memory Enqueuer.
type memQueue struct {
	mu   sync.Mutex
	got  []Incoming
	fail error
}

func (q *memQueue) Enqueue(_ context.Context, ups []Incoming) ([]Admission, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.fail != nil {
		return nil, q.fail
	}
	q.got = append(q.got, ups...)
	return make([]Admission, len(ups)), nil
}

func post(h http.Handler, secret, body string) int {
	req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", strings.NewReader(body))
	if secret != "" {
		req.Header.Set(SecretHeader, secret)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

// TestWebhookStoresAuthorizedUpdates: the right secret stores the update
// with its chat and answers 200; a wrong or missing one gets 401, stores
// nothing and logs one warning however often it comes.
func TestWebhookStoresAuthorizedUpdates(t *testing.T) {
	var logs bytes.Buffer
	q := &memQueue{}
	h := &Webhook{Secret: "s3cret_-X", Queue: q, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	if code := post(h, "s3cret_-X", msgUpdate(7, 42, "halo")); code != http.StatusOK {
		t.Fatalf("right secret: %d", code)
	}
	for _, s := range []string{"", "s3cret_-", "s3cret_-XY", "S3CRET_-X"} {
		if code := post(h, s, msgUpdate(8, 42, "palsu")); code != http.StatusUnauthorized {
			t.Fatalf("secret %q: %d, want 401", s, code)
		}
	}
	if len(q.got) != 1 || q.got[0].ID != 7 || q.got[0].Chat != 42 {
		t.Fatalf("stored %+v, want only update 7 of chat 42", q.got)
	}
	if n := strings.Count(logs.String(), "refused webhook requests"); n != 1 {
		t.Fatalf("%d warnings about refused requests, want 1:\n%s", n, logs.String())
	}
	if empty := (&Webhook{Queue: q}); post(empty, "", msgUpdate(9, 42, "x")) != http.StatusUnauthorized {
		t.Fatal("a webhook without a secret took an update")
	}
}

// TestWebhookRefusesWhatIsNotAnUpdate: a body over 1 MB gets 413, a GET
// 405, an update the library cannot parse 200 (Telegram would send it
// forever) without being stored, and a failed store 503 so that Telegram
// sends the update again.
func TestWebhookRefusesWhatIsNotAnUpdate(t *testing.T) {
	q := &memQueue{}
	h := &Webhook{Secret: "s", Queue: q}
	big := `{"update_id":1,"message":{"text":"` + strings.Repeat("a", 1<<20) + `"}}`
	if code := post(h, "s", big); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("1 MB body: %d", code)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/telegram/webhook", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("GET: %d", rec.Code)
	}
	if code := post(h, "s", `{"update_id":3,"message":{"chat":"not an object"}}`); code != http.StatusOK || len(q.got) != 0 {
		t.Fatalf("undecodable: %d, stored %d", code, len(q.got))
	}
	q.fail = errors.New("redis down")
	if code := post(h, "s", msgUpdate(4, 1, "x")); code != http.StatusServiceUnavailable {
		t.Fatalf("store failed: %d, want 503", code)
	}
}
