package telegramtest

import (
	"math"
	"time"
)

// Limits describe Telegram's flood control. A zero field turns that check
// off; the zero Limits turns flood control off.
type Limits struct {
	// Global is the number of messages per second across all chats.
	Global int
	// PerChat is the sustained number of messages per second in one chat.
	PerChat int
	// PerGroupPerMinute is the number of messages per minute in one group.
	PerGroupPerMinute int
	// Burst is how many messages one chat may receive back to back before
	// PerChat applies.
	Burst int
}

// DefaultLimits are the limits Telegram documents: about 30 messages per
// second overall, 1 per second in a chat with short bursts tolerated, and
// 20 per minute in a group.
var DefaultLimits = Limits{Global: 30, PerChat: 1, PerGroupPerMinute: 20, Burst: 3}

// SetLimits replaces the flood limits; Limits{} turns flood control off.
func (s *Server) SetLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = l
}

// floodState is the global sliding window.
type floodState struct {
	global []time.Time
}

// chatFlood is one chat's token bucket and per-minute window.
type chatFlood struct {
	tokens float64
	last   time.Time
	minute []time.Time
}

// checkFlood reports a 429 error when one more message to c would exceed
// the limits; otherwise it charges the message. Call with s.mu held.
func (s *Server) checkFlood(c *chat) *apiError {
	l := s.limits
	if l == (Limits{}) {
		return nil
	}
	now := time.Now()
	s.flood.global = trimWindow(s.flood.global, now.Add(-time.Second))
	c.flood.minute = trimWindow(c.flood.minute, now.Add(-time.Minute))

	wait := time.Duration(0)
	if l.Global > 0 && len(s.flood.global) >= l.Global {
		wait = max(wait, s.flood.global[0].Add(time.Second).Sub(now))
	}
	capacity := float64(max(l.Burst, 1))
	if l.PerChat > 0 {
		if c.flood.last.IsZero() {
			c.flood.tokens = capacity
		} else {
			c.flood.tokens = math.Min(capacity, c.flood.tokens+now.Sub(c.flood.last).Seconds()*float64(l.PerChat))
		}
		c.flood.last = now
		if c.flood.tokens < 1 {
			wait = max(wait, time.Duration((1-c.flood.tokens)/float64(l.PerChat)*float64(time.Second)))
		}
	}
	if l.PerGroupPerMinute > 0 && c.isGroup() && len(c.flood.minute) >= l.PerGroupPerMinute {
		wait = max(wait, c.flood.minute[0].Add(time.Minute).Sub(now))
	}
	if wait > 0 {
		return tooManyRequests(max(1, int(math.Ceil(wait.Seconds()))))
	}

	s.flood.global = append(s.flood.global, now)
	c.flood.minute = append(c.flood.minute, now)
	if l.PerChat > 0 {
		c.flood.tokens--
	}
	return nil
}

// trimWindow drops the times before since.
func trimWindow(ts []time.Time, since time.Time) []time.Time {
	i := 0
	for i < len(ts) && ts[i].Before(since) {
		i++
	}
	return ts[i:]
}
