package bot

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the flood limits the bot keeps to. Telegram allows about 30
// messages a second across all chats, about one a second in a private chat
// (short bursts tolerated) and 20 a minute in a group. Zero fields take the
// defaults.
type Limits struct {
	Global         float64 // messages per second across all chats, default 30
	PerChat        float64 // messages per second in one private chat, default 1
	PerChatBurst   int     // burst allowed in one private chat, default 3
	GroupPerMinute int     // messages per minute in one group (negative chat id), default 20
	// PaidGlobal is the rate of paid broadcast messages (sent with
	// allow_paid_broadcast, Bot API 7.11), which Telegram lets through up
	// to 1000 per second outside the free global limit; default 1000.
	PaidGlobal float64
}

func (l Limits) withDefaults() Limits {
	if l.Global <= 0 {
		l.Global = 30
	}
	if l.PerChat <= 0 {
		l.PerChat = 1
	}
	if l.PerChatBurst <= 0 {
		l.PerChatBurst = 3
	}
	if l.GroupPerMinute <= 0 {
		l.GroupPerMinute = 20
	}
	if l.PaidGlobal <= 0 {
		l.PaidGlobal = 1000
	}
	return l
}

// Priority orders senders waiting for the global limit.
type Priority int

const (
	// PriorityInteractive is for replies in a conversation; it is the
	// default.
	PriorityInteractive Priority = iota
	// PriorityBulk is for broadcasts; bulk sends wait while interactive
	// ones are queued.
	PriorityBulk

	numPriorities = 2
)

type priorityKey struct{}

// WithPriority returns a context whose sends have priority p.
func WithPriority(ctx context.Context, p Priority) context.Context {
	return context.WithValue(ctx, priorityKey{}, p)
}

func priorityFrom(ctx context.Context) Priority {
	if p, ok := ctx.Value(priorityKey{}).(Priority); ok && p >= 0 && p < numPriorities {
		return p
	}
	return PriorityInteractive
}

const (
	// globalBurst is 1 so that no one-second window ever holds more than
	// Limits.Global sends: each send is at least 1/Global after the last.
	globalBurst = 1
	// groupBurst is 1 for the same reason at the per-minute group limit.
	groupBurst = 1
	// headroom is the share of every limit left unused.
	// Telegram counts messages when they arrive, and requests spaced
	// exactly 1/Global apart arrive with a few milliseconds of jitter, so
	// some one-second window would hold Global+1 and draw a 429, which
	// pauses every sender for at least a second (about 30 messages lost
	// to save one). Spacing at 97.5 % leaves 25 ms of slack per second;
	// 15 ms still drew a few 429s in the benchmark on a busy 2-CPU machine.
	headroom = 0.025
	// pruneEvery is how often idle per-chat limiters are dropped.
	pruneEvery = time.Minute
)

// Limiter spaces sends so the bot stays under Telegram's flood limits.
//
// A send first waits for its chat's own token bucket (private chats and
// groups have different rates), then for the global bucket shared by all
// chats. Only one caller at a time waits on the global bucket: callers queue
// for that turn in two FIFO queues, and a finished turn is handed to the
// oldest interactive waiter before any bulk waiter. So a broadcast that has
// queued thousands of bulk sends delays an interactive reply by at most the
// one bulk send already holding the turn. The per-chat wait happens before
// queueing, so a chat that is over its own limit never holds up others.
//
// Pause stops every send until a time (Telegram's retry_after on a 429 means
// the bot as a whole is over the limit); it is checked by the turn holder
// just before it takes a global token.
//
// Per-chat buckets live in a map. A bucket that has refilled completely is
// indistinguishable from a new one, so such buckets are dropped every
// pruneEvery; the map holds only chats that sent in the last few seconds.
type Limiter struct {
	limits Limits
	now    func() time.Time // for tests

	global *rate.Limiter
	paid   *rate.Limiter // paid broadcasts, outside the free global limit
	turn   admission

	pausedUntil atomic.Int64 // unix nanoseconds

	mu        sync.Mutex
	chats     map[int64]*rate.Limiter
	lastPrune time.Time
}

// NewLimiter returns a Limiter for l; zero fields take the defaults.
func NewLimiter(l Limits) *Limiter {
	l = l.withDefaults()
	return &Limiter{
		limits: l,
		now:    time.Now,
		global: rate.NewLimiter(rate.Limit(l.Global*(1-headroom)), globalBurst),
		paid:   rate.NewLimiter(rate.Limit(l.PaidGlobal*(1-headroom)), globalBurst),
		chats:  make(map[int64]*rate.Limiter),
	}
}

// Wait blocks until a message to chatID may be sent, or ctx is done.
func (l *Limiter) Wait(ctx context.Context, chatID int64, p Priority) error {
	if err := l.waitChat(ctx, chatID); err != nil {
		return err
	}
	if err := l.turn.acquire(ctx, p); err != nil {
		return err
	}
	defer l.turn.release()
	if err := l.waitPause(ctx); err != nil {
		return err
	}
	return l.global.Wait(ctx)
}

// WaitPaid blocks until a paid broadcast message (allow_paid_broadcast) to
// chatID may be sent, or ctx is done. Paid messages keep the per-chat
// limits and pauses, but are spaced by Limits.PaidGlobal instead of the
// free global limit, so they neither wait for nor delay other sends.
func (l *Limiter) WaitPaid(ctx context.Context, chatID int64) error {
	if err := l.waitChat(ctx, chatID); err != nil {
		return err
	}
	if err := l.waitPause(ctx); err != nil {
		return err
	}
	return l.paid.Wait(ctx)
}

// Pause makes every Wait block until at least until. An earlier time than
// a pause already in force has no effect.
func (l *Limiter) Pause(until time.Time) {
	n := until.UnixNano()
	for {
		cur := l.pausedUntil.Load()
		if n <= cur || l.pausedUntil.CompareAndSwap(cur, n) {
			return
		}
	}
}

func (l *Limiter) waitPause(ctx context.Context) error {
	for {
		until := time.Unix(0, l.pausedUntil.Load())
		d := until.Sub(l.now())
		if d <= 0 {
			return nil
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
}

// waitChat reserves a token from chatID's bucket and waits for it. The
// reservation is made under the map lock so that pruning cannot drop a
// bucket between lookup and use.
func (l *Limiter) waitChat(ctx context.Context, chatID int64) error {
	now := l.now()
	l.mu.Lock()
	if now.Sub(l.lastPrune) >= pruneEvery {
		l.pruneLocked(now)
	}
	lim, ok := l.chats[chatID]
	if !ok {
		lim = l.newChatLimiter(chatID)
		l.chats[chatID] = lim
	}
	r := lim.ReserveN(now, 1)
	l.mu.Unlock()

	if err := sleep(ctx, r.DelayFrom(now)); err != nil {
		r.CancelAt(l.now())
		return err
	}
	return nil
}

func (l *Limiter) newChatLimiter(chatID int64) *rate.Limiter {
	if chatID < 0 {
		return rate.NewLimiter(rate.Limit(float64(l.limits.GroupPerMinute)/60*(1-headroom)), groupBurst)
	}
	return rate.NewLimiter(rate.Limit(l.limits.PerChat*(1-headroom)), l.limits.PerChatBurst)
}

func (l *Limiter) pruneLocked(now time.Time) {
	for id, lim := range l.chats {
		if lim.TokensAt(now) >= float64(lim.Burst()) {
			delete(l.chats, id)
		}
	}
	l.lastPrune = now
}

// chatCount returns the number of per-chat buckets held, for tests.
func (l *Limiter) chatCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.chats)
}

// admission is a lock with two FIFO queues: when released it is handed to
// the oldest waiter of the most urgent priority.
type admission struct {
	mu      sync.Mutex
	held    bool
	waiters [numPriorities][]chan struct{}
}

func (a *admission) acquire(ctx context.Context, p Priority) error {
	a.mu.Lock()
	if !a.held {
		a.held = true
		a.mu.Unlock()
		return nil
	}
	ready := make(chan struct{})
	a.waiters[p] = append(a.waiters[p], ready)
	a.mu.Unlock()

	select {
	case <-ready:
		return nil
	case <-ctx.Done():
	}
	a.mu.Lock()
	select {
	case <-ready:
		// The turn was handed over while ctx was being cancelled: pass it on.
		a.mu.Unlock()
		a.release()
		return ctx.Err()
	default:
	}
	q := a.waiters[p]
	for i, w := range q {
		if w == ready {
			a.waiters[p] = append(q[:i:i], q[i+1:]...)
			break
		}
	}
	a.mu.Unlock()
	return ctx.Err()
}

func (a *admission) release() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for p := range a.waiters {
		if q := a.waiters[p]; len(q) > 0 {
			close(q[0])
			q[0] = nil
			a.waiters[p] = q[1:]
			return
		}
	}
	a.held = false
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
