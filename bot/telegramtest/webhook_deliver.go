package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// deliverWebhook sends the pending updates to the webhook until it is
// deleted or replaced (gen changes) or the server closes, as Telegram
// does: at most max_connections requests at once, one update of a chat
// at a time and in order, each again until the webhook answers 2xx. An
// update the webhook took leaves the queue (it is confirmed).
func (s *Server) deliverWebhook(gen int) {
	hc := &http.Client{Timeout: postTimeout}
	for {
		s.mu.Lock()
		if s.hook.gen != gen {
			s.mu.Unlock()
			return
		}
		retry := s.startDeliveries(hc, gen)
		ch := s.changed
		s.mu.Unlock()
		var wake <-chan time.Time
		if retry > 0 {
			wake = time.After(retry)
		}
		select {
		case <-ch:
		case <-wake:
		case <-s.closed:
			return
		}
	}
}

// startDeliveries starts the requests there is room for and returns how
// long until the next retry is due (0: none waits). Call with s.mu held.
func (s *Server) startDeliveries(hc *http.Client, gen int) time.Duration {
	s.dropDisallowed()
	now := time.Now()
	busy := map[int64]bool{}
	var next time.Duration
	for _, e := range s.updates.pending {
		key := updateChat(e.u)
		if busy[key] {
			continue // an earlier update of the chat goes first
		}
		busy[key] = true
		if e.sending {
			continue
		}
		if wait := e.retryAt.Sub(now); wait > 0 {
			if next == 0 || wait < next {
				next = wait
			}
			continue
		}
		if s.hook.inFlight >= s.hook.maxConns {
			break
		}
		body, err := json.Marshal(e.u)
		if err != nil {
			continue
		}
		e.sending = true
		s.noteDelivered(e.u.UpdateID)
		s.hook.inFlight++
		go s.postQueued(hc, gen, e, s.hook.url, s.hook.secret, body)
	}
	return next
}

// postQueued posts one update and records the outcome.
func (s *Server) postQueued(hc *http.Client, gen int, e *queued, hookURL, secret string, body []byte) {
	ok, failure := postUpdate(hc, hookURL, secret, body)
	s.mu.Lock()
	defer s.mu.Unlock()
	e.sending = false
	if s.hook.gen == gen {
		s.hook.inFlight--
		if !ok {
			s.hook.lastErrDate, s.hook.lastErrMsg = time.Now().Unix(), failure
		}
	}
	if ok {
		s.updates.pending = slices.DeleteFunc(s.updates.pending, func(q *queued) bool { return q == e })
	} else {
		e.retryAt = time.Now().Add(retryDelay)
	}
	s.notify()
}

// updateChat is the chat an update belongs to, for delivering one update
// of a chat at a time; 0 for an update without one.
func updateChat(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}
