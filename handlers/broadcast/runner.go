package broadcast

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/storage"
)

// Caller is the part of the Telegram client the runner uses.
type Caller interface {
	Call(ctx context.Context, method string, chatID int64, params tgbotapi.Params) (json.RawMessage, error)
	Request(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error)
}

var _ Caller = (*bot.Client)(nil)

// RunnerConfig tunes a Runner. Every field but Paid is required; the
// values come from the bot's configuration, which owns their defaults.
type RunnerConfig struct {
	Concurrency   int           // sends in flight
	Lease         time.Duration // a claim not renewed for this long is taken over
	Heartbeat     time.Duration // how often the claims of sends in flight are renewed; well under Lease
	Poll          time.Duration // wait when nothing is due
	ProgressEvery time.Duration // at most one progress edit per broadcast this often
	MaxAttempts   int           // tries of a recipient before it is failed
	RetryDelay    time.Duration // wait before trying a recipient again, doubling
	Grace         time.Duration // time in-flight sends get after Run's ctx is done
	Paid          bool          // send allow_paid_broadcast (up to 1000 messages/s, paid in Stars)
}

// Runner delivers announcements from the durable outbox in Postgres
// (storage.ClaimOutbox) to Telegram: several sends in flight so the bot
// reaches Telegram's full rate, bulk priority so conversation replies go
// first, a row marked sent only after Telegram accepted it, and progress
// shown to the coordinator by editing one message. Several instances may
// run it on one database; they share the rows.
type Runner struct {
	store *storage.Store
	tg    Caller
	cfg   RunnerConfig
	log   *slog.Logger
	id    string // this instance's claim name

	// watching is held by the one idle worker that polls the outbox;
	// the other idle workers wait for a Kick, which it gives when its
	// poll finds a row (see worker).
	watching atomic.Bool

	mu      sync.Mutex
	wake    chan struct{} // closed and replaced by Kick
	content map[int64]*storage.Broadcast
	held    map[outboxKey]storage.OutboxRow // claimed rows being sent, renewed by the heartbeat
}

// outboxKey names one outbox row.
type outboxKey struct{ broadcast, chat int64 }

// NewRunner returns a Runner; log may be nil.
func NewRunner(store *storage.Store, tg Caller, cfg RunnerConfig, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return &Runner{
		store: store, tg: tg, cfg: cfg, log: log,
		id:      hex.EncodeToString(b),
		wake:    make(chan struct{}),
		content: map[int64]*storage.Broadcast{},
		held:    map[outboxKey]storage.OutboxRow{},
	}
}

// Caller returns the Telegram client the runner sends with.
func (r *Runner) Caller() Caller { return r.tg }

// Kick wakes the runner at once, e.g. after a broadcast was started.
func (r *Runner) Kick() {
	r.mu.Lock()
	close(r.wake)
	r.wake = make(chan struct{})
	r.mu.Unlock()
}

func (r *Runner) wakeCh() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.wake
}

// Run sends until ctx is done, then lets the sends in flight finish (for at
// most RunnerConfig.Grace) and returns nil.
func (r *Runner) Run(ctx context.Context) error {
	// Sends and the marks that follow them outlive ctx by the grace
	// period: a message Telegram is accepting must be recorded as sent.
	sendCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(r.cfg.Grace, cancel)
		context.AfterFunc(sendCtx, func() { t.Stop() })
	})
	defer stop()

	var workers, wg sync.WaitGroup
	for range r.cfg.Concurrency {
		workers.Go(func() { r.worker(ctx, sendCtx) })
	}
	// The heartbeat lives as long as a worker may still be sending.
	beatCtx, stopBeat := context.WithCancel(sendCtx)
	wg.Go(func() { r.heartbeat(beatCtx) })
	wg.Go(func() { r.reporter(ctx) })
	workers.Wait()
	stopBeat()
	wg.Wait()
	return nil
}

// worker claims one row at a time and sends it, so a killed instance holds
// at most Concurrency rows and has at most Concurrency messages in flight.
//
// While nothing is due, one idle worker polls every Poll and the others
// only wait for a Kick: an idle instance asks Postgres once a Poll, not
// Concurrency times. The poller that finds a row kicks the others, so a
// broadcast started on another instance gets all of them at once.
func (r *Runner) worker(ctx, sendCtx context.Context) {
	polled := false // this worker's last claim followed a poll's wait
	for ctx.Err() == nil {
		wake := r.wakeCh()
		// The claim uses sendCtx: cancelling ctx in the middle of it could
		// leave a row claimed by us but never sent until the lease ends.
		rows, err := r.store.ClaimOutbox(sendCtx, r.id, 1, r.cfg.Lease)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("claiming broadcast rows failed", "error", err)
		}
		if len(rows) > 0 && ctx.Err() != nil {
			r.record(sendCtx, func(c context.Context) error { return r.store.ReleaseOutbox(c, r.id, rows[0]) })
			return
		}
		if len(rows) == 0 {
			polled = r.idle(ctx, wake)
			continue
		}
		if polled {
			r.Kick() // there is work; the other idle workers only wait for a kick
			polled = false
		}
		r.hold(rows[0], true)
		r.deliver(sendCtx, rows[0])
		r.hold(rows[0], false)
	}
}

// idle waits for a Kick, or for Poll when no other worker is polling. It
// reports whether it waited as the poller.
func (r *Runner) idle(ctx context.Context, wake <-chan struct{}) bool {
	if !r.watching.CompareAndSwap(false, true) {
		select {
		case <-ctx.Done():
		case <-wake:
		}
		return false
	}
	defer r.watching.Store(false)
	t := time.NewTimer(r.cfg.Poll)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-wake:
	case <-t.C:
	}
	return true
}

// deliver sends one row and records the outcome.
func (r *Runner) deliver(ctx context.Context, row storage.OutboxRow) {
	b, err := r.broadcast(ctx, row.BroadcastID)
	if err != nil {
		r.log.Warn("loading broadcast failed", "broadcast_id", row.BroadcastID, "error", err)
		r.record(ctx, func(ctx context.Context) error { return r.store.ReleaseOutbox(ctx, r.id, row) })
		return
	}
	prio, paid := bot.PriorityBulk, r.cfg.Paid
	if b.Class == storage.ClassSiaga {
		// A call-up goes ahead of every announcement, inside the free
		// limits (paid sends skip the global queue it is ahead in).
		prio, paid = bot.PriorityUrgent, false
	}
	msgID, sendErr := Send(bot.WithPriority(ctx, prio), r.tg, b, row.ChatID, paid)
	switch err := sendErr; {
	case err == nil:
		r.record(ctx, func(ctx context.Context) error {
			ok, err := r.store.MarkOutboxSent(ctx, r.id, row, msgID)
			if err == nil && !ok {
				r.log.Warn("broadcast row was taken over before it was marked sent",
					"broadcast_id", row.BroadcastID, "chat_id", row.ChatID)
			}
			return err
		})
	case bot.IsBlocked(err):
		r.record(ctx, func(ctx context.Context) error {
			if err := r.store.MarkUnreachable(ctx, row.ChatID, true); err != nil {
				return err
			}
			_, err := r.store.MarkOutboxBlocked(ctx, r.id, row, scrubbed(sendErr))
			return err
		})
	case ctx.Err() != nil:
		// Stopped past the grace period: whether Telegram got the message
		// is unknown, so the row keeps its claim and is sent again after
		// the lease (one of the in-flight duplicates the README counts).
		r.log.Warn("broadcast send cut off at shutdown", "broadcast_id", row.BroadcastID, "chat_id", row.ChatID)
	case bot.IsBadRequest(err) || row.Attempts+1 >= r.cfg.MaxAttempts:
		r.log.Warn("broadcast send failed", "broadcast_id", row.BroadcastID, "chat_id", row.ChatID,
			"attempt", row.Attempts+1, "error", err)
		r.record(ctx, func(ctx context.Context) error {
			_, err := r.store.MarkOutboxFailed(ctx, r.id, row, scrubbed(err))
			return err
		})
	default:
		delay := r.cfg.RetryDelay << min(row.Attempts, 6)
		r.log.Info("broadcast send will be retried", "broadcast_id", row.BroadcastID, "chat_id", row.ChatID,
			"attempt", row.Attempts+1, "retry_in", delay, "error", err)
		r.record(ctx, func(ctx context.Context) error {
			return r.store.RetryOutbox(ctx, r.id, row, delay, scrubbed(err))
		})
	}
}

// record runs a store update, retrying a few times: a row Telegram
// accepted but we failed to mark would be sent again after the lease.
func (r *Runner) record(ctx context.Context, f func(context.Context) error) {
	for attempt := 1; ; attempt++ {
		err := f(ctx)
		if err == nil {
			return
		}
		if attempt == 5 || ctx.Err() != nil {
			r.log.Error("recording a broadcast outcome failed", "error", err)
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(attempt) * 200 * time.Millisecond):
		}
	}
}

// broadcast returns the (immutable) content of a broadcast, cached.
func (r *Runner) broadcast(ctx context.Context, id int64) (*storage.Broadcast, error) {
	r.mu.Lock()
	b := r.content[id]
	r.mu.Unlock()
	if b != nil {
		return b, nil
	}
	b, err := r.store.BroadcastByID(ctx, id)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.content[id] = b
	r.mu.Unlock()
	return b, nil
}

// Send sends broadcast b to chatID exactly as every recipient receives it
// (the preview uses it too) and returns the message id. It calls
// sendMessage (https://core.telegram.org/bots/api#sendmessage) or, with a
// photo, sendPhoto (https://core.telegram.org/bots/api#sendphoto) through
// Client.Call, because allow_paid_broadcast is newer than the library.
func Send(ctx context.Context, tg Caller, b *storage.Broadcast, chatID int64, paid bool) (int64, error) {
	method := "sendMessage"
	params := tgbotapi.Params{"parse_mode": tgbotapi.ModeHTML}
	params.AddNonZero64("chat_id", chatID)
	if b.PhotoFileID != "" {
		method = "sendPhoto"
		params["photo"] = b.PhotoFileID
		params.AddNonEmpty("caption", b.Text)
	} else {
		params["text"] = b.Text
	}
	if paid {
		params["allow_paid_broadcast"] = "true"
	}
	// A call-up's Siap / Tidak bisa, the same for every recipient.
	params.AddNonEmpty("reply_markup", b.ReplyMarkup)
	raw, err := tg.Call(ctx, method, chatID, params)
	if err != nil {
		return 0, err
	}
	var m struct {
		MessageID int64 `json:"message_id"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return 0, fmt.Errorf("broadcast: decode sent message: %w", err)
	}
	return m.MessageID, nil
}

// scrubbed is the error kept with a row: Telegram's answer without the
// chat (the token is already scrubbed by the client), cut short.
func scrubbed(err error) string {
	s := err.Error()
	var api *tgbotapi.Error
	if errors.As(err, &api) {
		s = api.Message
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
