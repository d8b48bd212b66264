package telegramtest

import (
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultToken is the bot token used when Options.Token is empty.
const DefaultToken = "123456:TEST-TOKEN"

// The bot identity answered by getMe.
const (
	BotID        int64 = 100000
	BotFirstName       = "PilarBot"
	BotUsername        = "PilarTestBot"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	// Token is the bot token the fake accepts; DefaultToken when empty.
	Token string
	// Latency is added to every response (but not to getUpdates' own
	// long-poll waiting).
	Latency time.Duration
	// EnforceLimits turns on flood control with DefaultLimits.
	EnforceLimits bool
	// WaitTimeout bounds the Wait* helpers; 10 seconds when zero.
	WaitTimeout time.Duration
	// Addr is the address to listen on, e.g. "127.0.0.1:8081"; a free
	// loopback port when empty.
	Addr string
	// FirstUpdateID is the update_id of the first update, 700000001 when
	// zero. A fake that outlives no process but feeds a bot whose Redis
	// remembers handled ids (the playground) starts above the last run's.
	FirstUpdateID int
}

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

// Server is a fake Telegram Bot API server. All methods are safe for
// concurrent use.
type Server struct {
	// URL is the base URL of the fake, like "http://127.0.0.1:port".
	URL string
	// Token is the bot token the fake accepts.
	Token string

	tb          TB
	hs          *httptest.Server
	waitTimeout time.Duration
	closeOnce   sync.Once
	closed      chan struct{}

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every state change
	latency  time.Duration
	limits   Limits
	flood    floodState
	seq      int64 // source of fresh ids for files and queries
	chats    map[int64]*chat
	updates  updateQueue
	hook     webhookState
	queries  map[string]*callbackQuery
	commands map[string][]tgbotapi.BotCommand
	files    map[string]*storedFile
	faults   map[string][]fault
	stats    Stats
	timing   timingState   // per-update timings and per-chat activity, for load runs
	errLog   []string      // recent failed calls, for failure dumps
	ahead    time.Duration // Advance: how far the fake's calendar is ahead of the real clock
	// refused holds the calls refused by the fake's own checks.
	refused      []Refusal
	refusedTotal int
}

// TB is the part of testing.TB the fake uses; a *testing.T fits, and so
// does the small reporter of the faketelegram command.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

var _ TB = testing.TB(nil)

// New starts a fake server and registers tb.Cleanup(srv.Close).
func New(tb TB, opts Options) *Server {
	tb.Helper()
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.WaitTimeout <= 0 {
		opts.WaitTimeout = 10 * time.Second
	}
	s := &Server{
		Token:       opts.Token,
		tb:          tb,
		waitTimeout: opts.WaitTimeout,
		closed:      make(chan struct{}),
		changed:     make(chan struct{}),
		latency:     opts.Latency,
		chats:       make(map[int64]*chat),
		queries:     make(map[string]*callbackQuery),
		commands:    make(map[string][]tgbotapi.BotCommand),
		files:       make(map[string]*storedFile),
		faults:      make(map[string][]fault),
		updates:     newUpdateQueue(opts.FirstUpdateID),
		stats:       newStats(),
		timing:      newTimingState(),
	}
	if opts.EnforceLimits {
		s.limits = DefaultLimits
	}
	s.hs = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	if opts.Addr != "" {
		ln, err := net.Listen("tcp", opts.Addr)
		if err != nil {
			tb.Fatalf("telegramtest: listen on %s: %v", opts.Addr, err)
		}
		s.hs.Listener.Close()
		s.hs.Listener = ln
	}
	s.hs.Start()
	s.URL = s.hs.URL
	tb.Cleanup(s.Close)
	return s
}

// Endpoint returns the tgbotapi endpoint format, URL + "/bot%s/%s".
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// Client returns an HTTP client configured for the fake.
func (s *Server) Client() *http.Client { return s.hs.Client() }

// Close wakes pending long polls and shuts the server down. It is safe to
// call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.hs.CloseClientConnections()
		s.hs.Close()
	})
}

// notify wakes everyone waiting for a state change. Call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// nextSeq returns a fresh number. Call with s.mu held.
func (s *Server) nextSeq() int64 {
	s.seq++
	return s.seq
}

// waitFor blocks until cond (evaluated with s.mu held) is true or the wait
// timeout passes; it reports whether cond became true.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		case <-s.closed:
			return false
		}
	}
}

// botUser is the bot's own user object.
func botUser() *tgbotapi.User {
	return &tgbotapi.User{
		ID:            BotID,
		IsBot:         true,
		FirstName:     BotFirstName,
		UserName:      BotUsername,
		CanJoinGroups: true,
	}
}

// Stats are totals of what the fake has seen.
type Stats struct {
	// Methods maps a method name to its call counts.
	Methods map[string]MethodStats
	// TooManyRequests counts 429 answers, injected or from flood control.
	TooManyRequests int
	// Conflicts counts 409 answers: a second getUpdates at a time, or
	// getUpdates while a webhook is set.
	Conflicts int
	// MessagesPerChat counts messages the bot sent to each chat.
	MessagesPerChat map[int64]int
}

// MethodStats count the calls of one method and their answers.
type MethodStats struct {
	// Received counts calls as they arrive, before they are answered, so
	// a test that sees a call's effect (a message in a chat) also sees
	// the call counted.
	Received int
	OK       int
	Errors   int
}

func newStats() Stats {
	return Stats{Methods: make(map[string]MethodStats), MessagesPerChat: make(map[int64]int)}
}

// Stats returns a copy of the totals.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := newStats()
	out.TooManyRequests = s.stats.TooManyRequests
	out.Conflicts = s.stats.Conflicts
	for k, v := range s.stats.Methods {
		out.Methods[k] = v
	}
	for k, v := range s.stats.MessagesPerChat {
		out.MessagesPerChat[k] = v
	}
	return out
}

// Calls returns how many times method was called, failed calls included,
// counted as they arrive.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.Methods[canonicalMethod(method)].Received
}

// record counts one answered call and remembers failures; injected is
// true for a fault a test queued, which is no refusal. Call with s.mu
// held.
func (s *Server) record(method string, e *apiError, p *params, injected bool) {
	m := s.stats.Methods[method]
	if e == nil {
		m.OK++
		s.stats.Methods[method] = m
		s.noteReply(method, p)
		return
	}
	m.Errors++
	s.stats.Methods[method] = m
	switch e.code {
	case http.StatusTooManyRequests:
		s.stats.TooManyRequests++
	case http.StatusConflict:
		s.stats.Conflicts++
	}
	if !injected {
		s.noteRefusal(method, e, p)
	}
	line := method + ": " + e.description
	if p != nil && p.has("chat_id") {
		line += " (chat_id " + p.str("chat_id") + ")"
	}
	s.errLog = append(s.errLog, line)
	if len(s.errLog) > 20 {
		s.errLog = s.errLog[len(s.errLog)-20:]
	}
}

// recentErrors returns the last failed calls, oldest first. Call with s.mu
// held.
func (s *Server) recentErrors() string {
	if len(s.errLog) == 0 {
		return "  (none)\n"
	}
	var b strings.Builder
	for _, l := range s.errLog {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

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
