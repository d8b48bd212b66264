package bot

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Incoming is a received update on its way to the shared queue.
type Incoming struct {
	ID   int
	Chat int64 // ChatKey: the updates of one chat are handled in order
	Raw  json.RawMessage
	// Update is Raw decoded, when the receiver decoded it (nil otherwise).
	// A queue that hands the update to this instance's workers
	// (RedisQueue.WithLocal) may give it to the handler instead of
	// decoding Raw again, so once Enqueue succeeded the caller must not
	// read it: the handler owns it. A failed Enqueue hands nothing over.
	Update *tgbotapi.Update
}

// Admission is what became of an update offered to the shared queue.
type Admission int

const (
	// Queued: stored; a worker of some instance will handle it.
	Queued Admission = iota
	// Duplicate: handled before, or waiting already (Telegram sent it again).
	Duplicate
	// Dropped: its chat has too many updates waiting (CHAT_QUEUE).
	Dropped
)

// Enqueuer stores received updates where the workers of every instance
// find them. RedisQueue is the one production uses.
type Enqueuer interface {
	Enqueue(ctx context.Context, ups []Incoming) ([]Admission, error)
}

// SecretHeader carries the webhook's secret_token in Telegram's requests.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxWebhookBody bounds an update: Telegram's are a few kilobytes, and a
// client posting more is not Telegram.
const maxWebhookBody = 1 << 20

// Webhook is the http.Handler Telegram posts updates to (POST
// /telegram/webhook). It stores each update in the shared queue and
// answers 200 at once: handling happens in the workers, so a slow
// handler never makes Telegram time out and send the update again. What
// it could not store gets 503, and Telegram sends it again later; the
// queue keys updates by update_id, so a second delivery is harmless.
type Webhook struct {
	Secret string // the secret_token given to setWebhook; required
	Queue  Enqueuer
	Logger *slog.Logger
	// Received, when set, is told what became of each stored update
	// (tests; a Duplicate or Dropped update is never handled).
	Received func(updateID int, a Admission)

	refused refusals
}

// ServeHTTP takes one update.
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !h.authorized(r.Header.Get(SecretHeader)) {
		h.refused.note(h.logger())
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "cannot read the update", http.StatusBadRequest)
		return
	}
	in, ok := h.decode(body)
	if !ok {
		w.WriteHeader(http.StatusOK) // Telegram would send it forever; the log names it
		return
	}
	adm, err := h.Queue.Enqueue(r.Context(), []Incoming{in})
	if err != nil {
		h.logger().Warn("storing a webhook update failed; Telegram will send it again", "update_id", in.ID, "error", err)
		http.Error(w, "try again later", http.StatusServiceUnavailable)
		return
	}
	if h.Received != nil {
		h.Received(in.ID, adm[0])
	}
	w.WriteHeader(http.StatusOK)
}

// authorized compares the header with the secret in constant time. Both
// are hashed first, so that the comparison does not even reveal the
// secret's length.
func (h *Webhook) authorized(got string) bool {
	if h.Secret == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(h.Secret))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// decode reads the update's id and chat; one the library cannot parse is
// logged and skipped, as the poller skips it.
func (h *Webhook) decode(body []byte) (Incoming, bool) {
	r := decodeBatch([]json.RawMessage{body}, h.logger())[0]
	if r.u == nil {
		return Incoming{}, false
	}
	return Incoming{ID: r.id, Chat: ChatKey(r.u), Raw: body, Update: r.u}, true
}

func (h *Webhook) logger() *slog.Logger {
	if h.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return h.Logger
}

// refusals counts requests without the right secret and logs them at
// most once a minute: a scanner hammering the URL must not flood the log.
type refusals struct {
	mu     sync.Mutex
	last   time.Time
	unseen int
}

func (f *refusals) note(log *slog.Logger) {
	f.mu.Lock()
	f.unseen++
	if time.Since(f.last) < time.Minute {
		f.mu.Unlock()
		return
	}
	n := f.unseen
	f.last, f.unseen = time.Now(), 0
	f.mu.Unlock()
	log.Warn("refused webhook requests without the right secret token", "count", n)
}
