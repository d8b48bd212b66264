package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// firstUpdateID is the id of the first update, like Telegram's large ids.
const firstUpdateID = 700000001

// queued is an update waiting for confirmation.
type queued struct {
	u tgbotapi.Update
	// forced updates were put back by Redeliver: they are delivered once
	// even when the poller's offset is already past them.
	forced    bool
	delivered bool
	// sending is set while the update is being posted to the webhook;
	// retryAt is when a webhook that refused it gets it again.
	sending bool
	retryAt time.Time
}

// updateQueue holds unconfirmed updates in id order, every update ever
// queued (for Redeliver), and the getUpdates settings that persist.
type updateQueue struct {
	next    int
	pending []*queued
	history map[int]tgbotapi.Update
	allowed []string // allowed_updates of the last call that gave them
	polling bool
}

func newUpdateQueue(first int) updateQueue {
	if first <= 0 {
		first = firstUpdateID
	}
	return updateQueue{next: first, history: make(map[int]tgbotapi.Update)}
}

// Enqueue queues a raw update, assigning its update_id, and returns the id.
func (s *Server) Enqueue(u tgbotapi.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enqueueLocked(u)
}

func (s *Server) enqueueLocked(u tgbotapi.Update) int {
	u.UpdateID = s.updates.next
	s.updates.next++
	s.updates.history[u.UpdateID] = u
	s.updates.pending = append(s.updates.pending, &queued{u: u})
	s.noteQueued(u.UpdateID, updateChat(u))
	s.notify()
	return u.UpdateID
}

// Redeliver puts an already confirmed update back into the queue, as
// Telegram does when confirmation was lost (for example after a crash).
// It is delivered once more even if the poller's offset is past it.
func (s *Server) Redeliver(updateID int) {
	s.tb.Helper()
	s.mu.Lock()
	u, ok := s.updates.history[updateID]
	if ok && !slices.ContainsFunc(s.updates.pending, func(q *queued) bool { return q.u.UpdateID == updateID }) {
		s.updates.pending = append(s.updates.pending, &queued{u: u, forced: true})
		slices.SortFunc(s.updates.pending, func(a, b *queued) int { return a.u.UpdateID - b.u.UpdateID })
		s.notify()
	}
	s.mu.Unlock()
	if !ok {
		s.tb.Fatalf("telegramtest: Redeliver: no update %d", updateID)
	}
}

// WaitConfirmed waits until update updateID has been confirmed by a
// getUpdates call with a higher offset, failing the test after the wait
// timeout.
func (s *Server) WaitConfirmed(updateID int) {
	s.tb.Helper()
	ok := s.waitFor(s.waitTimeout, func() bool {
		_, known := s.updates.history[updateID]
		return known && !slices.ContainsFunc(s.updates.pending, func(q *queued) bool { return q.u.UpdateID == updateID })
	})
	if !ok {
		s.mu.Lock()
		errs := s.recentErrors()
		s.mu.Unlock()
		s.tb.Fatalf("telegramtest: update %d not confirmed within %v (pending %d)\nrecent failed calls:\n%s",
			updateID, s.waitTimeout, s.Pending(), errs)
	}
}

// Pending returns the number of unconfirmed updates.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates.pending)
}

// getUpdates implements https://core.telegram.org/bots/api#getupdates with
// long polling. Only one call may run at a time; a concurrent one gets 409.
func (s *Server) getUpdates(r *http.Request, p *params) (any, *apiError) {
	offset, _, err := p.int64("offset")
	if err != nil {
		return nil, badRequest("invalid offset specified")
	}
	limit := p.intOr("limit", 100)
	limit = min(max(limit, 1), 100)
	timeout := max(p.intOr("timeout", 0), 0)
	var allowed []string
	if raw := p.str("allowed_updates"); raw != "" && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &allowed); err != nil {
			return nil, badRequest("can't parse allowed updates")
		}
		if allowed == nil {
			allowed = []string{}
		}
	}

	s.mu.Lock()
	if e := s.webhookConflict(); e != nil {
		s.mu.Unlock()
		return nil, e
	}
	if s.updates.polling {
		s.mu.Unlock()
		return nil, &apiError{code: http.StatusConflict,
			description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	}
	s.updates.polling = true
	if allowed != nil {
		s.updates.allowed = allowed
	}
	s.confirm(int(offset))
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.updates.polling = false
		s.mu.Unlock()
	}()

	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		out := s.deliver(limit)
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			return out, nil
		}
		select {
		case <-ch:
		case <-deadline.C:
			return []tgbotapi.Update{}, nil
		case <-r.Context().Done():
			return []tgbotapi.Update{}, nil
		case <-s.closed:
			return []tgbotapi.Update{}, nil
		}
	}
}

// confirm forgets the updates below offset; a negative offset keeps only
// the last -offset updates. Call with s.mu held.
func (s *Server) confirm(offset int) {
	q := &s.updates
	before := len(q.pending)
	switch {
	case offset < 0:
		if n := len(q.pending); n > -offset {
			q.pending = q.pending[n+offset:]
		}
	case offset > 0:
		q.pending = slices.DeleteFunc(q.pending, func(e *queued) bool {
			return e.u.UpdateID < offset && !(e.forced && !e.delivered)
		})
	}
	if len(q.pending) != before {
		s.notify()
	}
}

// deliver returns up to limit pending updates of the allowed types,
// dropping those of other types as Telegram never sends them. Call with
// s.mu held.
func (s *Server) deliver(limit int) []tgbotapi.Update {
	q := &s.updates
	s.dropDisallowed()
	out := []tgbotapi.Update{}
	for _, e := range q.pending {
		if len(out) == limit {
			break
		}
		e.delivered = true
		s.noteDelivered(e.u.UpdateID)
		out = append(out, e.u)
	}
	return out
}

// dropDisallowed drops the pending updates of types allowed_updates
// leaves out, as Telegram never sends them. Call with s.mu held.
func (s *Server) dropDisallowed() {
	q := &s.updates
	if len(q.allowed) == 0 {
		return
	}
	n := len(q.pending)
	q.pending = slices.DeleteFunc(q.pending, func(e *queued) bool {
		return !slices.Contains(q.allowed, updateType(e.u))
	})
	if len(q.pending) != n {
		s.notify()
	}
}

// updateType names the field an update carries, as in allowed_updates.
func updateType(u tgbotapi.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.ChannelPost != nil:
		return "channel_post"
	case u.EditedChannelPost != nil:
		return "edited_channel_post"
	case u.InlineQuery != nil:
		return "inline_query"
	case u.ChosenInlineResult != nil:
		return "chosen_inline_result"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	case u.ChatMember != nil:
		return "chat_member"
	}
	return "unknown"
}
