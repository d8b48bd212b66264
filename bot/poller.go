package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// UpdateSource is where the poller gets its updates: a Client in production.
type UpdateSource interface {
	GetUpdates(ctx context.Context, offset, limit int, allowed []string) ([]json.RawMessage, error)
}

// Deduper remembers which updates were handled, so that an update Telegram
// delivers again (after a crash before the offset was confirmed) is handled
// once.
type Deduper interface {
	Seen(ctx context.Context, updateID int) (bool, error)
	Mark(ctx context.Context, updateID int) error
}

// HandlerFunc handles one update. It owns its errors: the poller only logs
// panics that escape it.
type HandlerFunc func(ctx context.Context, u *tgbotapi.Update)

// Poller receives updates by long polling and hands them to a handler:
// updates of one chat strictly in order, different chats in parallel.
//
// Nothing received is lost: with an Inbox, a batch is stored there before
// the next getUpdates confirms it to Telegram, so polling goes on while
// handlers run (one busy chat does not hold up the others) and a restart
// handles what a crash left. Without an Inbox, or while it is unavailable,
// a batch is handled completely before it is confirmed. Either way the
// Deduper makes an update that comes twice count once.
type Poller struct {
	Source  UpdateSource
	Handler HandlerFunc
	Dedup   Deduper // optional
	Inbox   Inbox   // optional
	// Queue, when set, takes the batches instead of Inbox: the shared
	// queue whose Workers, on every instance, handle them. The poller
	// handles a batch itself only while the queue cannot be reached.
	Queue   Enqueuer
	Workers int // concurrent handlers, default 32; one waiting on a Bot API call does not count
	Limit   int // updates per getUpdates, default 100
	// Allowed is sent as allowed_updates; nil means Telegram's default.
	Allowed []string
	// HandleTimeout bounds one update's handling, default 2 minutes.
	HandleTimeout time.Duration
	// Grace is how long handlers already running may go on after shutdown
	// begins, default 5 seconds; then their context is cancelled.
	Grace time.Duration
	// MaxPerChat bounds the updates of one chat received and not yet
	// handled, default 50; what a chat sends beyond it is dropped (and
	// logged), so one chat's backlog takes neither memory nor workers from
	// the others. Updates a chat sends faster than it can be answered are
	// mostly a flood the handlers would drop anyway.
	MaxPerChat int
	// MaxChats bounds the chats with updates received and not yet handled,
	// default 1000; polling waits while there are more. It counts chats,
	// not updates, so that a few chats with a backlog never make polling
	// wait for everyone: it waits only when the bot as a whole is behind,
	// and leaves the rest with Telegram (which keeps updates for 24 hours)
	// until then. At most MaxChats × MaxPerChat updates are held.
	MaxChats int
	// Handled, when set, is called after each update was handled or
	// dropped (tests wait on it: a confirmed update is not necessarily
	// handled yet).
	Handled func(updateID int)
	// Received, when set, is told of each update getUpdates returned,
	// once decoded (u is nil when it could not be) and before it goes on
	// (metrics): it must not keep u, which a handler owns afterwards.
	Received func(raw json.RawMessage, u *tgbotapi.Update)
	Logger   *slog.Logger
}

// Run polls until ctx is cancelled. It then stops polling at once, lets the
// handlers that are running finish (for Grace at most), confirms what is
// safe to confirm and returns nil. It returns an error only when polling
// cannot go on (a rejected token).
func (p *Poller) Run(ctx context.Context) error {
	log := p.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	workers := cmp.Or(p.Workers, 32)
	limit := cmp.Or(p.Limit, 100)
	maxChats := cmp.Or(p.MaxChats, 1000)
	disp := NewDispatcher(workers, cmp.Or(p.MaxPerChat, 50))
	// Handlers outlive the shutdown signal by the grace period, so that
	// what is in flight finishes.
	handleCtx, cancelHandlers := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelHandlers()

	if p.Inbox != nil && p.Queue == nil {
		raws, err := p.Inbox.Pending(ctx)
		if err != nil {
			log.Warn("reading the update inbox failed", "error", err)
		} else if len(raws) > 0 {
			log.Info("handling updates left from the last run", "count", len(raws))
			batch := p.admit(disp, decodeBatch(raws, log), log)
			for _, r := range batch {
				if r.dropped {
					p.forget(ctx, r.id, log)
				}
			}
			p.dispatch(handleCtx, disp, batch, true, log)
		}
	}

	offset := 0
	failures := 0
	fenced := false
	backlog := -1 // the shared queue's, as the last batch left it; -1 unknown
poll:
	for ctx.Err() == nil {
		for disp.Busy() >= maxChats || p.queueFull(ctx, maxChats, backlog) {
			backlog = -1 // ask Redis again while waiting
			if !pollSleep(ctx, 10*time.Millisecond) {
				break poll
			}
		}
		raws, err := p.Source.GetUpdates(ctx, offset, limit, p.Allowed)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if isUnauthorized(err) {
				return err
			}
			failures++
			wait := pollBackoff(err, failures)
			log.Warn("getUpdates failed", "error", err, "retry_in", wait)
			if !pollSleep(ctx, wait) {
				break
			}
			continue
		}
		failures = 0
		if len(raws) == 0 {
			continue
		}
		batch := p.admit(disp, p.decodeReceived(raws, log), log)
		next := offset
		for _, r := range batch {
			next = max(next, r.id+1)
		}
		stored, fencedOut, left := p.enqueue(ctx, batch, log)
		backlog = left
		if fencedOut {
			fenced = true
			break // another instance polls now; this batch is its to confirm
		}
		if stored {
			offset = next
			continue
		}
		if p.Inbox != nil && p.Queue == nil {
			if err := p.Inbox.Put(ctx, inboxEntries(batch)); err != nil {
				log.Warn("update inbox unavailable; confirming after handling", "error", err)
			} else {
				stored = true
			}
		}
		p.dispatch(handleCtx, disp, batch, stored, log)
		if !stored && !waitOrDone(ctx, disp) {
			break // this batch is not confirmed: Telegram delivers it again
		}
		offset = next
	}

	disp.Stop()
	if !waitFor(disp, cmp.Or(p.Grace, 5*time.Second)) {
		log.Warn("handlers still running after the grace period; cancelling them")
		cancelHandlers()
		disp.Wait()
	}
	// An instance that lost the polling lease leaves the confirmation to
	// the one that took it over: a getUpdates now would meet its long
	// poll (409), and what this one received is in the shared inbox.
	if offset > 0 && !fenced && !errors.Is(context.Cause(ctx), ErrLeaseLost) {
		p.confirm(offset, log)
	}
	return nil
}

func inboxEntries(batch []received) map[int]json.RawMessage {
	m := make(map[int]json.RawMessage, len(batch))
	for _, r := range batch {
		if r.u != nil && !r.dropped {
			m[r.id] = r.raw
		}
	}
	return m
}

// dispatch submits the decodable updates of a batch that admit let in,
// each behind the earlier updates of its chat.
func (p *Poller) dispatch(ctx context.Context, disp *Dispatcher, batch []received, inInbox bool, log *slog.Logger) {
	for _, r := range batch {
		if r.u == nil {
			continue
		}
		if r.dropped {
			if p.Handled != nil {
				p.Handled(r.id)
			}
			continue
		}
		u := r.u
		admitted := disp.Submit(ctx, ChatKey(u), func(ctx context.Context) {
			if !p.handleOne(ctx, u, log) {
				return
			}
			if inInbox {
				if err := p.Inbox.Done(ctx, u.UpdateID); err != nil {
					log.Warn("removing a handled update from the inbox failed", "update_id", u.UpdateID, "error", err)
				}
			}
			if p.Handled != nil {
				p.Handled(u.UpdateID)
			}
		})
		if !admitted { // admit saw room; only this goroutine submits
			log.Error("the dispatcher refused an admitted update", "update_id", u.UpdateID)
		}
	}
}

// handleOne handles one update unless it was handled before. It reports
// whether the update is done with; false when the shutdown cut it short.
func (p *Poller) handleOne(ctx context.Context, u *tgbotapi.Update, log *slog.Logger) bool {
	hctx, cancel := context.WithTimeout(ctx, cmp.Or(p.HandleTimeout, 2*time.Minute))
	defer cancel()
	if p.Dedup != nil {
		seen, err := p.Dedup.Seen(hctx, u.UpdateID)
		if err != nil {
			log.Warn("update dedup unavailable", "update_id", u.UpdateID, "error", err)
		}
		if seen {
			log.Info("skipping an update handled before", "update_id", u.UpdateID)
			return true
		}
	}
	runHandler(hctx, p.Handler, u, cmp.Or(p.HandleTimeout, 2*time.Minute), log)
	if ctx.Err() != nil {
		return false // cancelled at shutdown: handle it again next time
	}
	if p.Dedup != nil {
		if err := p.Dedup.Mark(hctx, u.UpdateID); err != nil {
			log.Warn("update dedup mark failed", "update_id", u.UpdateID, "error", err)
		}
	}
	return true
}

// waitOrDone waits for the dispatcher to drain; it reports false when ctx
// ended first.
func waitOrDone(ctx context.Context, disp *Dispatcher) bool {
	done := make(chan struct{})
	go func() { disp.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// waitFor waits at most d for the dispatcher to drain.
func waitFor(disp *Dispatcher, d time.Duration) bool {
	done := make(chan struct{})
	go func() { disp.Wait(); close(done) }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// confirm tells Telegram that every update below offset was handled (or
// is safe in the inbox). It is a getUpdates call that does not wait.
func (p *Poller) confirm(offset int, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if c, ok := p.Source.(interface {
		ConfirmUpdates(ctx context.Context, offset int) error
	}); ok {
		if err := c.ConfirmUpdates(ctx, offset); err != nil {
			log.Warn("confirming updates failed", "offset", offset, "error", err)
		}
		return
	}
	log.Warn("update source cannot confirm without polling", "offset", offset)
}

// ChatKey is the key that orders an update: its chat, or its sender when
// the update has no chat. Updates with neither share key 0.
func ChatKey(u *tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil && u.EditedMessage.Chat != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message; m != nil && m.Chat != nil {
			return m.Chat.ID
		}
		if u.CallbackQuery.From != nil {
			return u.CallbackQuery.From.ID
		}
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.ChatMember != nil:
		return u.ChatMember.Chat.ID
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		return u.ChannelPost.Chat.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID
	}
	return 0
}

func isUnauthorized(err error) bool {
	var tgErr *tgbotapi.Error
	return errors.As(err, &tgErr) && tgErr.Code == http.StatusUnauthorized
}

// pollBackoff is how long to wait after the n-th failed getUpdates in a row:
// Telegram's retry_after when it gave one, else a capped exponential delay
// with jitter.
func pollBackoff(err error, n int) time.Duration {
	if d, ok := RetryAfter(err); ok {
		return d
	}
	d := 500 * time.Millisecond << min(n-1, 6)
	d = min(d, 30*time.Second)
	return d/2 + rand.N(d/2+1)
}

// pollSleep waits for d or until ctx is done; it reports whether d passed.
func pollSleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
