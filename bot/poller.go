package bot

import (
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
// updates of one chat strictly in order, different chats in parallel. The
// offset is confirmed to Telegram only after a whole batch was handled, so
// a crash loses nothing (at least once), and the Deduper makes the
// redelivered ones count once.
type Poller struct {
	Source  UpdateSource
	Handler HandlerFunc
	Dedup   Deduper // optional
	Workers int     // concurrent handlers, default 32
	Limit   int     // updates per getUpdates, default 100
	// Allowed is sent as allowed_updates; nil means Telegram's default.
	Allowed []string
	// HandleTimeout bounds one update's handling, default 2 minutes.
	HandleTimeout time.Duration
	Logger        *slog.Logger
}

// Run polls until ctx is cancelled. It then stops polling at once, lets the
// updates in flight finish, confirms them to Telegram and returns nil.
// It returns an error only when polling cannot go on (a rejected token).
func (p *Poller) Run(ctx context.Context) error {
	log := p.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	workers := p.Workers
	if workers <= 0 {
		workers = 32
	}
	limit := p.Limit
	if limit <= 0 {
		limit = 100
	}
	disp := NewDispatcher(workers)
	// Handlers outlive a shutdown signal so that what is in flight finishes.
	handleCtx := context.WithoutCancel(ctx)

	offset := 0
	failures := 0
	for {
		if ctx.Err() != nil {
			break
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
		next := p.handleBatch(handleCtx, disp, raws, log)
		if next > offset {
			offset = next
		}
	}

	disp.Wait()
	if offset > 0 {
		p.confirm(offset, log)
	}
	return nil
}

// handleBatch decodes and dispatches every update of one batch and waits
// until all of them were handled. It returns the next offset.
func (p *Poller) handleBatch(ctx context.Context, disp *Dispatcher, raws []json.RawMessage, log *slog.Logger) int {
	next := 0
	for _, raw := range raws {
		var u tgbotapi.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			// One update the library cannot parse must not stall polling.
			var id struct {
				UpdateID int `json:"update_id"`
			}
			_ = json.Unmarshal(raw, &id)
			log.Error("skipping undecodable update", "update_id", id.UpdateID, "error", err)
			if id.UpdateID >= next {
				next = id.UpdateID + 1
			}
			continue
		}
		if u.UpdateID >= next {
			next = u.UpdateID + 1
		}
		disp.Submit(ChatKey(&u), func() { p.handleOne(ctx, &u, log) })
	}
	disp.Wait()
	return next
}

func (p *Poller) handleOne(ctx context.Context, u *tgbotapi.Update, log *slog.Logger) {
	timeout := p.HandleTimeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			log.Error("handler panicked", "update_id", u.UpdateID, "panic", r)
		}
	}()
	if p.Dedup != nil {
		seen, err := p.Dedup.Seen(ctx, u.UpdateID)
		if err != nil {
			log.Warn("update dedup unavailable", "update_id", u.UpdateID, "error", err)
		}
		if seen {
			log.Info("skipping redelivered update", "update_id", u.UpdateID)
			return
		}
	}
	p.Handler(ctx, u)
	if p.Dedup != nil {
		if err := p.Dedup.Mark(ctx, u.UpdateID); err != nil {
			log.Warn("update dedup mark failed", "update_id", u.UpdateID, "error", err)
		}
	}
}

// confirm tells Telegram that every update below offset was handled. It is
// a getUpdates call that does not wait for new updates.
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
