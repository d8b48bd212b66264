package telegramtest

import (
	"strconv"
	"strings"
	"time"
)

// UpdateTiming is the path of one update through the fake, for load
// measurements: when it was queued (the user sent it), when it was first
// handed to the bot (a getUpdates answer or a webhook post), and when the
// bot first answered in its chat (the first message sent or edited there
// after it was queued). A zero time means "not yet".
type UpdateTiming struct {
	UpdateID  int
	ChatID    int64
	Queued    time.Time
	Delivered time.Time
	Replied   time.Time
	// ReplyMethod is the method of that first answer, e.g. "sendMessage"
	// or "editMessageReplyMarkup".
	ReplyMethod string
}

// Pickup is how long the update waited at the fake before the bot took
// it; zero until it was delivered.
func (t UpdateTiming) Pickup() time.Duration { return since(t.Queued, t.Delivered) }

// Handling is how long the bot took from receiving the update to its
// first answer in the chat; zero until both happened.
func (t UpdateTiming) Handling() time.Duration { return since(t.Delivered, t.Replied) }

// FirstReply is the whole wait the user sees, from sending the update to
// the bot's first answer; zero until the answer came.
func (t UpdateTiming) FirstReply() time.Duration { return since(t.Queued, t.Replied) }

func since(a, b time.Time) time.Duration {
	if a.IsZero() || b.IsZero() {
		return 0
	}
	return b.Sub(a)
}

// timingState holds every update's timing and, per chat, the updates still
// waiting for the bot's first answer. Guarded by Server.mu.
type timingState struct {
	byID     map[int]*UpdateTiming
	awaiting map[int64][]*UpdateTiming
	// activity counts the bot's sends and edits per chat; changed[chat] is
	// closed at the next one, so a waiter wakes for its own chat only.
	activity map[int64]int
	changed  map[int64]chan struct{}
}

func newTimingState() timingState {
	return timingState{byID: map[int]*UpdateTiming{}, awaiting: map[int64][]*UpdateTiming{},
		activity: map[int64]int{}, changed: map[int64]chan struct{}{}}
}

// noteQueued starts the timing of a newly queued update. Call with s.mu
// held.
func (s *Server) noteQueued(id int, chatID int64) {
	t := &UpdateTiming{UpdateID: id, ChatID: chatID, Queued: time.Now()}
	s.timing.byID[id] = t
	if chatID != 0 {
		s.timing.awaiting[chatID] = append(s.timing.awaiting[chatID], t)
	}
}

// noteDelivered records the first hand-over of an update to the bot; a
// redelivery keeps the first time. Call with s.mu held.
func (s *Server) noteDelivered(id int) {
	if t := s.timing.byID[id]; t != nil && t.Delivered.IsZero() {
		t.Delivered = time.Now()
	}
}

// isReply reports whether a successful call of method shows the user
// something new in a chat: a send or an edit (not a chat action).
func isReply(method string) bool {
	return (strings.HasPrefix(method, "send") && method != "sendChatAction") ||
		strings.HasPrefix(method, "edit") || method == "copyMessage"
}

// noteReply records a successful send or edit in the chat p names: the
// first answer to every update of the chat still waiting for one. Call
// with s.mu held.
func (s *Server) noteReply(method string, p *params) {
	if p == nil || !isReply(method) {
		return
	}
	chatID, err := strconv.ParseInt(p.str("chat_id"), 10, 64)
	if err != nil {
		return // an inline message or a channel's @username
	}
	now := time.Now()
	for _, t := range s.timing.awaiting[chatID] {
		t.Replied, t.ReplyMethod = now, method
	}
	delete(s.timing.awaiting, chatID)
	s.timing.activity[chatID]++
	if ch, ok := s.timing.changed[chatID]; ok {
		close(ch)
		delete(s.timing.changed, chatID)
	}
}

// Timing returns the timing of update id, and false for an unknown id.
func (s *Server) Timing(id int) (UpdateTiming, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.timing.byID[id]
	if t == nil {
		return UpdateTiming{}, false
	}
	return *t, true
}

// Timings returns the timings of every update queued so far, in id order.
func (s *Server) Timings() []UpdateTiming {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]UpdateTiming, 0, len(s.timing.byID))
	for id := s.updates.next - len(s.timing.byID); id < s.updates.next; id++ {
		if t := s.timing.byID[id]; t != nil {
			out = append(out, *t)
		}
	}
	return out
}

// Activity returns how many messages the bot has sent or edited in this
// chat so far (successful calls), and a channel closed at the next one.
// A load driver waits on it for its own chat instead of on every change
// of the fake.
func (v *chatView) Activity() (n int, next <-chan struct{}) {
	s := v.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.timing.changed[v.chatID]
	if !ok {
		ch = make(chan struct{})
		s.timing.changed[v.chatID] = ch
	}
	return s.timing.activity[v.chatID], ch
}
