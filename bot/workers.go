package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Workers handle the updates of the shared queue on this instance. Every
// instance runs them, whether the updates come by webhook to any instance
// or from the one poller: they claim chats with work (the longest waiting
// first, one instance per chat at a time), handle each chat's updates in
// order, and give the chat back when it has none left. An idle instance
// blocks on the queue's wake-up list, so a new update is picked up within
// a round trip, and looks for chats whose claim ran out (an instance that
// died) at least every half second.
type Workers struct {
	Queue   *RedisQueue
	Handler HandlerFunc
	// Workers is how many updates are handled at once, default 32; a
	// handler waiting on the Bot API does not count (see slot).
	Workers int
	// MaxClaims bounds the chats this instance holds at once, default
	// twice Workers: enough to keep the workers busy while some chats wait
	// for Telegram, few enough to leave work to the other instances.
	MaxClaims     int
	HandleTimeout time.Duration // one update's handling, default 2 minutes
	Grace         time.Duration // handlers running at shutdown may finish for this long, default 5 s
	// Handled, when set, is called after each update was handled.
	Handled func(updateID int)
	// Started, when set, is called once the updates left in the inbox are
	// queued (Adopt) and the workers take chats: an update stored in the
	// inbox after it is not adopted by this run.
	Started func()
	Logger  *slog.Logger

	live atomic.Pointer[localRun] // set while Run runs (see take)
}

// heldClaim is a claim, whether a renewal found it lost, and when its
// lease was last extended (unix ns, taken before the call that extended
// it, so never later than Redis's own moment).
type heldClaim struct {
	claim
	lost     atomic.Bool
	extended atomic.Int64
}

// claimSet is the claims this instance holds.
type claimSet struct {
	mu       sync.Mutex
	m        map[*heldClaim]struct{}
	freed    chan struct{} // signalled when a claim is given back
	stopping atomic.Bool
}

func (s *claimSet) add(c claim, at time.Time) *heldClaim {
	h := &heldClaim{claim: c}
	h.extended.Store(at.UnixNano())
	s.mu.Lock()
	s.m[h] = struct{}{}
	s.mu.Unlock()
	return h
}

func (s *claimSet) remove(h *heldClaim) {
	s.mu.Lock()
	delete(s.m, h)
	s.mu.Unlock()
	select {
	case s.freed <- struct{}{}:
	default:
	}
}

func (s *claimSet) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

func (s *claimSet) list() []*heldClaim {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*heldClaim, 0, len(s.m))
	for h := range s.m {
		out = append(out, h)
	}
	return out
}

// Run handles updates until ctx ends, then lets the handlers running
// finish (for Grace at most) and gives every claim back, so that the
// other instances take the chats at once.
func (w *Workers) Run(ctx context.Context) error {
	log := cmp.Or(w.Logger, slog.New(slog.DiscardHandler))
	if n, err := w.Queue.Adopt(ctx); err != nil {
		log.Warn("queueing the updates left in the inbox failed", "error", err)
	} else if n > 0 {
		log.Info("queued updates left in the inbox", "count", n)
	}
	workers := cmp.Or(w.Workers, 32)
	disp := NewDispatcher(workers, 2)
	handleCtx, cancelHandlers := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelHandlers()
	held := &claimSet{m: map[*heldClaim]struct{}{}, freed: make(chan struct{}, 1)}
	stopRenewing := InBackground(ctx, func(ctx context.Context) { w.renew(ctx, held, log) })
	run := &localRun{handleCtx: handleCtx, disp: disp, held: held, maxClaims: cmp.Or(w.MaxClaims, 2*workers), log: log,
		decoded: newDecodedRing()}
	w.live.Store(run)
	if w.Started != nil {
		w.Started()
	}

	w.claimLoop(ctx, run)

	run.close()
	w.live.Store(nil)
	held.stopping.Store(true)
	disp.Stop()
	if !waitFor(disp, cmp.Or(w.Grace, 5*time.Second)) {
		log.Warn("handlers still running after the grace period; cancelling them")
		cancelHandlers()
		disp.Wait()
	}
	stopRenewing()
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	for _, h := range held.list() {
		w.release(rctx, h, log)
	}
	return nil
}

// claimLoop claims chats while there is room and hands each to the
// dispatcher, until ctx ends.
func (w *Workers) claimLoop(ctx context.Context, run *localRun) {
	log := run.log
	idle := min(w.Queue.lease()/3, 500*time.Millisecond)
	failures := 0
	for ctx.Err() == nil {
		free := run.maxClaims - run.held.count()
		if free <= 0 {
			select {
			case <-run.held.freed:
			case <-ctx.Done():
			}
			continue
		}
		asked := time.Now()
		cs, more, err := w.Queue.Claim(ctx, free)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			failures++
			if failures == 1 || failures%60 == 0 {
				log.Warn("claiming chats failed", "error", err, "failures", failures)
			}
			pollSleep(ctx, backoff(failures, 100*time.Millisecond, time.Second))
			continue
		}
		failures = 0
		for _, c := range cs {
			w.start(run, c, asked)
		}
		// Fewer chats were ready than there was room for: wait for a
		// wake-up instead of asking again at once.
		if !more {
			if err := w.Queue.Wait(ctx, idle); err != nil && ctx.Err() == nil {
				pollSleep(ctx, idle)
			}
		}
	}
}

// runChat handles the claimed chat's updates in order, from its first
// (taken with the claim, decoded already when the poller handed it over),
// until none is left, the claim is lost, or the instance stops. The step
// that finds the chat done may claim other chats (Next's handOn), which
// start as jobs of their own: so a busy instance goes from chat to chat
// without a claim round trip of the claim loop for each.
func (w *Workers) runChat(ctx context.Context, run *localRun, h *heldClaim, first claimed) {
	held, log := run.held, run.log
	defer held.remove(h)
	c := first
	for {
		if held.stopping.Load() || h.lost.Load() {
			w.release(ctx, h, log)
			return
		}
		if !w.handle(ctx, c, log) {
			w.release(ctx, h, log) // cut short at shutdown: handled again later
			return
		}
		asked := time.Now()
		cs, err := w.next(ctx, h, c.id, run.handOn(), log)
		if err != nil {
			return
		}
		if w.Handled != nil {
			w.Handled(c.id)
		}
		if len(cs) == 0 {
			return // nothing left: the chat was given back in the same step
		}
		if cs[0].claim != h.claim {
			run.take(w, cs, asked) // the chat was given back, these claimed instead
			return
		}
		c = cs[0]
	}
}

// next is Queue.Next, tried again for a moment while Redis does not
// answer: the update just handled is marked only when it succeeds.
func (w *Workers) next(ctx context.Context, h *heldClaim, done, handOn int, log *slog.Logger) ([]claimed, error) {
	for attempt := 1; ; attempt++ {
		asked := time.Now()
		cs, err := w.Queue.Next(ctx, h.claim, done, handOn)
		switch {
		case err == nil:
			h.extended.Store(asked.UnixNano()) // taking the next update extended the lease
			return cs, nil
		case errors.Is(err, ErrFenced) && attempt > 1:
			// The first try's answer was lost after Redis ran it: the
			// chat was done and given up, and a chat it may have claimed
			// instead waits for its lease to run out.
			log.Warn("the update queue's answer was lost; a chat it may have claimed is free after its lease", "chat_id", h.chat)
			return nil, err
		case errors.Is(err, ErrFenced):
			log.Warn("another instance took over a chat this one held", "chat_id", h.chat)
			return nil, err
		case attempt >= 5 || ctx.Err() != nil:
			log.Warn("the update queue does not answer; the chat goes to another worker after its lease",
				"chat_id", h.chat, "error", err)
			return nil, err
		}
		pollSleep(ctx, backoff(attempt, 100*time.Millisecond, time.Second))
	}
}

// handle runs the handler on one stored update: c.u (c.raw decoded
// already), the poller's decoding of c.raw (decodedOf), or c.raw decoded
// here, with what was read ahead for it in its context. It reports false
// when the shutdown cut the update short.
func (w *Workers) handle(ctx context.Context, c claimed, log *slog.Logger) bool {
	u := c.u
	if u == nil {
		u = w.decodedOf(c)
	}
	if u == nil {
		u = new(tgbotapi.Update)
		if err := json.Unmarshal(c.raw, u); err != nil {
			log.Error("skipping undecodable update", "update_id", c.id, "error", err)
			return true
		}
	}
	runHandler(withAhead(ctx, c.ahead), w.Handler, u, cmp.Or(w.HandleTimeout, 2*time.Minute), log)
	return ctx.Err() == nil
}

// renew extends, every third of the lease, the claims whose lease was
// not extended in the last quarter of it (by the claim or by taking an
// update), in one round trip, and marks the ones another instance took.
// So a claim keeps at least 5/12 of its lease, and a chat waiting
// seconds for its turn to send costs one renewal a third of the lease,
// where each claim used to cost a command at every tick.
func (w *Workers) renew(ctx context.Context, held *claimSet, log *slog.Logger) {
	lease := w.Queue.lease()
	t := time.NewTicker(lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		asked := time.Now()
		var due []*heldClaim
		for _, h := range held.list() {
			if asked.Sub(time.Unix(0, h.extended.Load())) >= lease/4 {
				due = append(due, h)
			}
		}
		if len(due) == 0 {
			continue
		}
		cs := make([]claim, len(due))
		for i, h := range due {
			cs[i] = h.claim
		}
		lost, err := w.Queue.Renew(ctx, cs)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("renewing chat claims failed", "error", err)
			}
			continue
		}
		for _, h := range due {
			h.extended.Store(asked.UnixNano())
			for _, l := range lost {
				if h.claim == l {
					h.lost.Store(true)
				}
			}
		}
	}
}

// release gives a claim back early, so that another worker need not wait
// for its lease.
func (w *Workers) release(ctx context.Context, h *heldClaim, log *slog.Logger) {
	if err := w.Queue.Release(context.WithoutCancel(ctx), h.claim); err != nil {
		log.Warn("giving a chat back failed; it is free after its lease", "chat_id", h.chat, "error", err)
	}
}

// runHandler runs one update's handler with a timeout, logging a panic
// that escapes it.
func runHandler(ctx context.Context, handler HandlerFunc, u *tgbotapi.Update, timeout time.Duration, log *slog.Logger) {
	hctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			log.Error("handler panicked", "update_id", u.UpdateID, "panic", r)
		}
	}()
	handler(hctx, u)
}
