package telegramtest

import (
	"fmt"
	"net/http"
	"time"
)

// Refusal is a call the fake refused with 400 Bad Request by its own
// checks, as Telegram would have: a text too long, an edit that changes
// nothing, a button that does not exist. Injected faults (FailNext) are
// not refusals, and neither are 403 answers for a user who blocked the
// bot nor 429 answers of flood control: those describe the user's or the
// rate's state, which a test sets up on purpose and the bot must handle
// at run time anyway, not a call the bot should never have made.
type Refusal struct {
	Method      string
	Description string
	// ChatID is the chat_id parameter as sent, "" when there was none.
	ChatID string
	At     time.Time
}

// String describes the refusal on one line, for test failures.
func (r Refusal) String() string {
	s := r.Method + ": " + r.Description
	if r.ChatID != "" {
		s += fmt.Sprintf(" (chat_id %s)", r.ChatID)
	}
	return s
}

// maxRefusals bounds the record; Refusals reports how many were dropped.
const maxRefusals = 1000

// Refused returns the calls the fake refused so far, oldest first (at
// most the first 1,000), and how many there were in all.
func (s *Server) Refused() ([]Refusal, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Refusal(nil), s.refused...), s.refusedTotal
}

// noteRefusal records e if it is a refusal (see Refusal). Call with s.mu
// held.
func (s *Server) noteRefusal(method string, e *apiError, p *params) {
	if e.code != http.StatusBadRequest {
		return
	}
	s.refusedTotal++
	if len(s.refused) >= maxRefusals {
		return
	}
	r := Refusal{Method: method, Description: e.description, At: time.Now()}
	if p != nil {
		r.ChatID = p.str("chat_id")
	}
	s.refused = append(s.refused, r)
}
