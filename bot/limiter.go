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
	// Off spaces nothing: every send may go at once, and only a 429's
	// retry_after (Pause) holds them. It is for a Bot API that limits
	// nothing, such as the in-repo fake in a load run, where a limiter
	// kept at Telegram's rates, or at any rate, would measure itself
	// instead of the bot: its spacing makes every send wait its turn
	// single file. Never for Telegram.
	Off bool
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

const (
	// groupBurst is 1 so that no one-minute window ever holds more than
	// Limits.GroupPerMinute sends to a group.
	groupBurst = 1
	// headroom is the share of the per-chat, group and paid limits left
	// unused (token buckets, see newChatLimiter).
	headroom = 0.025
	// windowSlack lengthens the global window: at most Limits.Global sends
	// are granted in any 1 s + windowSlack. Telegram counts a message when
	// it arrives, so the slack must cover how much the time from grant to
	// arrival varies between two sends 30 apart (the HTTP path of this
	// process, the network); see the README, "Broadcast benchmark".
	windowSlack = 10 * time.Millisecond
	// maxWindow caps the sends remembered by the global window; faster
	// limits (tests, paid broadcasts) use a proportionally shorter window.
	maxWindow = 1000
	// pruneEvery is how often idle per-chat limiters are dropped.
	pruneEvery = time.Minute
)

// Limiter spaces sends so the bot stays under Telegram's flood limits.
//
// The global limit is a sliding window over the moments sends are granted,
// the way Telegram counts arrivals: at most Limits.Global grants in any
// 1 s + windowSlack, and never two closer than 90 % of the nominal interval.
// Because it remembers when sends actually went (not when a timer was due
// to fire), a late wake-up cannot squeeze the next sends closer together,
// and a slot nobody was ready for is not lost. Each chat has its own token
// bucket (private chats and groups have different rates).
//
// Only one caller at a time waits for the global window: callers queue for
// that turn in a FIFO queue per priority, and a finished turn is handed to
// the oldest interactive waiter, else the oldest urgent one (a call-up),
// before any bulk waiter. So a broadcast that has queued
// thousands of bulk sends delays an interactive reply by at most the one
// bulk send already holding the turn. The chat's token is taken by the turn
// holder at the moment its send is granted, so a chat's sends are spaced
// as they leave, however long they queued; a chat that is over its own
// limit gives the turn back and waits outside, so it never holds up others.
//
// Pause stops every send until a time (Telegram's retry_after on a 429 means
// the bot as a whole is over the limit); the turn holder checks it before
// and after waiting for the window.
//
// Per-chat buckets live in a map. A bucket that has refilled completely is
// indistinguishable from a new one, so such buckets are dropped every
// pruneEvery; the map holds only chats that sent in the last few seconds.
type Limiter struct {
	limits Limits
	now    func() time.Time // for tests

	global *window
	paid   *rate.Limiter // paid broadcasts, outside the free global limit
	turn   admission

	pausedUntil atomic.Int64 // unix nanoseconds

	// wakes counts the times a waiting sender woke up (a timer fired, or
	// the turn was handed to it): waiting must cost a few wake-ups per
	// send, never a poll (TestLimiterWaitsWithoutSpinning).
	wakes atomic.Int64

	mu        sync.Mutex
	chats     map[int64]*rate.Limiter
	lastPrune time.Time
	// lines holds, for each chat with sends waiting, the queue they wait
	// in one behind the other (see Wait).
	lines map[int64]*chatLine
}

// NewLimiter returns a Limiter for l; zero fields take the defaults.
func NewLimiter(l Limits) *Limiter {
	l = l.withDefaults()
	return &Limiter{
		limits: l,
		now:    time.Now,
		global: newWindow(l.Global),
		paid:   rate.NewLimiter(rate.Limit(l.PaidGlobal*(1-headroom)), 1),
		chats:  make(map[int64]*rate.Limiter),
		lines:  make(map[int64]*chatLine),
	}
}

// grant waits, holding the turn, for the global slot and takes it together
// with the chat's token. It reports false, having taken nothing, when the
// chat will have no token at the slot.
func (l *Limiter) grant(ctx context.Context, chatID int64) (bool, error) {
	for {
		if err := l.waitPause(ctx); err != nil {
			return false, err
		}
		at := l.global.next(l.now())
		if l.chatDelay(chatID, at) > 0 {
			return false, nil
		}
		if err := l.sleep(ctx, at.Sub(l.now())); err != nil {
			return false, err
		}
		if l.paused() {
			continue
		}
		now := l.now()
		if now.Before(at) { // a test's clock that does not move
			now = at
		}
		l.global.add(now)
		l.takeChat(chatID, now)
		return true, nil
	}
}

// WaitPaid blocks until a paid broadcast message (allow_paid_broadcast) to
// chatID may be sent, or ctx is done. Paid messages keep the per-chat
// limits and pauses, but are spaced by Limits.PaidGlobal instead of the
// free global limit, so they neither wait for nor delay other sends.
func (l *Limiter) WaitPaid(ctx context.Context, chatID int64) error {
	if l.limits.Off {
		return l.waitOff(ctx)
	}
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

// waitOff is Wait with the limits off: a pause still holds the send.
func (l *Limiter) waitOff(ctx context.Context) error {
	if err := l.waitPause(ctx); err != nil {
		return err
	}
	return ctx.Err()
}

func (l *Limiter) paused() bool { return l.now().UnixNano() < l.pausedUntil.Load() }

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

// waitChat reserves a token from chatID's bucket and waits for it, for
// paid sends, which do not queue for the global turn.
func (l *Limiter) waitChat(ctx context.Context, chatID int64) error {
	now := l.now()
	r := l.chat(chatID, now).ReserveN(now, 1)
	if err := sleep(ctx, r.DelayFrom(now)); err != nil {
		r.CancelAt(l.now())
		return err
	}
	return nil
}

// chatDelay returns how long after at chatID's bucket has a token.
func (l *Limiter) chatDelay(chatID int64, at time.Time) time.Duration {
	lim := l.chat(chatID, l.now())
	l.mu.Lock()
	defer l.mu.Unlock()
	tokens := lim.TokensAt(at)
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) / float64(lim.Limit()) * float64(time.Second))
}

// takeChat takes a token from chatID's bucket at now, even if that leaves
// it in debt (a paid send to the same chat got in between).
func (l *Limiter) takeChat(chatID int64, now time.Time) {
	lim := l.chat(chatID, now)
	l.mu.Lock()
	lim.ReserveN(now, 1)
	l.mu.Unlock()
}

// chat returns chatID's bucket, created when missing, pruning idle ones
// every pruneEvery. The bucket stays in the map for at least pruneEvery
// after now unless it is full again, so a caller can use it afterwards.
func (l *Limiter) chat(chatID int64, now time.Time) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastPrune) >= pruneEvery {
		l.pruneLocked(now)
	}
	lim, ok := l.chats[chatID]
	if !ok {
		lim = l.newChatLimiter(chatID)
		l.chats[chatID] = lim
	}
	return lim
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

// sleep is sleep, counting the wake-up.
func (l *Limiter) sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		l.wakes.Add(1)
	}
	return sleep(ctx, d)
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
