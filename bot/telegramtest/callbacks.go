package telegramtest

import (
	"fmt"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// callbackTTL is how long Telegram accepts an answer to a callback query.
const callbackTTL = 15 * time.Minute

var errQueryTooOld = badRequest("query is too old and response timeout expired or query ID is invalid")

// callbackQuery is a query the fake issued.
type callbackQuery struct {
	issued   time.Time
	answered bool
	answer   CallbackAnswer
}

// CallbackAnswer is what the bot answered to a callback query.
type CallbackAnswer struct {
	Text      string
	ShowAlert bool
	URL       string
}

// Press sends a callback_query from u for the inline button with
// callback_data data on the bot message msg (the message's current state
// is used). The test fails if the message has no such button, since real
// users can only press buttons that exist. It returns the update_id and
// the callback query id.
func (u *User) Press(msg *Message, data string) (updateID int, queryID string) {
	u.srv.tb.Helper()
	updates, queries := u.press(msg, data, 1)
	return updates[0], queries[0]
}

// press issues times presses of msg's button data, each carrying the
// message as it is now, and returns their update and query ids.
func (u *User) press(msg *Message, data string, times int) (updates []int, queries []string) {
	u.srv.tb.Helper()
	s := u.srv
	s.mu.Lock()
	c := s.chats[msg.ChatID]
	var m *Message
	if c != nil {
		m = c.byID[msg.ID]
	}
	switch {
	case m == nil || m.Deleted:
		s.mu.Unlock()
		s.tb.Fatalf("telegramtest: Press: no bot message %d in chat %d", msg.ID, msg.ChatID)
	case !m.hasCallbackData(data):
		buttons := m.String()
		s.mu.Unlock()
		s.tb.Fatalf("telegramtest: Press: message has no button with callback_data %q: %s", data, buttons)
	case c.info.Type == "private" && c.info.ID != u.ID:
		s.mu.Unlock()
		s.tb.Fatalf("telegramtest: Press: user %d cannot see private chat %d", u.ID, c.info.ID)
	}
	w := s.wire(c, m)
	updates, queries = make([]int, times), make([]string, times)
	for i := range times {
		updates[i], queries[i] = s.pressLocked(u, c, w.asMessage(), data)
	}
	s.mu.Unlock()
	return updates, queries
}

// DoubleTap is Press twice in a row, both presses carrying msg as it is
// now: a person tapping again before the bot's answer to the first press
// reached their phone. It returns the two callback query ids.
func (u *User) DoubleTap(msg *Message, data string) (first, second string) {
	u.srv.tb.Helper()
	_, queries := u.press(msg, data, 2)
	return queries[0], queries[1]
}

// PressForged sends a callback_query with arbitrary data for message
// messageID in u's private chat, whether or not such a button exists, as a
// modified client could. The message need not exist.
func (u *User) PressForged(messageID int, data string) (updateID int, queryID string) {
	s := u.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[u.ID]
	msg := &tgbotapi.Message{MessageID: messageID, From: botUser(), Chat: &c.info, Date: int(time.Now().Unix())}
	if m := c.byID[messageID]; m != nil && !m.Deleted {
		w := s.wire(c, m)
		msg = w.asMessage()
	}
	return s.pressLocked(u, c, msg, data)
}

// pressLocked issues a query and queues its update. Call with s.mu held.
func (s *Server) pressLocked(u *User, c *chat, msg *tgbotapi.Message, data string) (int, string) {
	queryID := fmt.Sprintf("%d", 4200000000000000000+s.nextSeq())
	s.queries[queryID] = &callbackQuery{issued: time.Now()}
	q := &tgbotapi.CallbackQuery{
		ID:           queryID,
		From:         u.apiUser(),
		Message:      msg,
		ChatInstance: fmt.Sprintf("%d", -8000000000000000000+c.info.ID),
		Data:         data,
	}
	return s.enqueueLocked(tgbotapi.Update{CallbackQuery: q}), queryID
}

// answerCallbackQuery implements
// https://core.telegram.org/bots/api#answercallbackquery.
func (s *Server) answerCallbackQuery(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queries[p.str("callback_query_id")]
	if q == nil || q.answered || time.Since(q.issued) > callbackTTL {
		return nil, errQueryTooOld
	}
	if utf16Len(p.str("text")) > maxCallbackLen {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	q.answered = true
	q.answer = CallbackAnswer{Text: p.str("text"), ShowAlert: p.bool("show_alert"), URL: p.str("url")}
	s.notify()
	return true, nil
}

// CallbackAnswered reports whether the bot answered the query.
func (s *Server) CallbackAnswered(queryID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queries[queryID]
	return q != nil && q.answered
}

// WaitCallbackAnswered waits until the bot answers the query, failing the
// test after the wait timeout.
func (s *Server) WaitCallbackAnswered(queryID string) CallbackAnswer {
	s.tb.Helper()
	var a CallbackAnswer
	ok := s.waitFor(s.waitTimeout, func() bool {
		q := s.queries[queryID]
		if q != nil && q.answered {
			a = q.answer
			return true
		}
		return false
	})
	if !ok {
		s.tb.Fatalf("telegramtest: callback query %s not answered within %v", queryID, s.waitTimeout)
	}
	return a
}

// UnansweredCallbacks returns the ids of queries not answered yet, in
// issue order.
func (s *Server) UnansweredCallbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range sortedKeys(s.queries) {
		if !s.queries[id].answered {
			out = append(out, id)
		}
	}
	return out
}

// ExpireCallback makes the query older than Telegram's answer window, so
// answering it fails like a query answered too late.
func (s *Server) ExpireCallback(queryID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.queries[queryID]; q != nil {
		q.issued = time.Now().Add(-callbackTTL - time.Second)
	}
}
