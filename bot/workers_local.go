package bot

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// localRun is what a running Workers lends to this instance's poller so
// that chats claimed by its enqueue (RedisQueue.WithLocal) start at once:
// the poller's updates then cost no BLPOP wake-up and no claim round trip
// of their own. Under the flood limits every update comes alone, and
// those two extra events per update were a good part of the CPU spent
// waiting.
type localRun struct {
	handleCtx context.Context
	disp      *Dispatcher
	held      *claimSet
	maxClaims int
	log       *slog.Logger

	mu     sync.Mutex
	closed bool // Run is stopping: claims handed over now are given back
}

// room is how many more chats the running workers may hold (0 when w is
// nil or not running), for the enqueue that claims for them. It is read
// before that round trip while the claim loop may claim too, so the
// instance may briefly hold up to twice MaxClaims; the bound is there to
// leave work to other instances, not for safety.
func (w *Workers) room() int {
	if w == nil {
		return 0
	}
	run := w.live.Load()
	if run == nil {
		return 0
	}
	return max(run.maxClaims-run.held.count(), 0)
}

// take starts the chats claimed for these workers (asked: when the call
// that claimed them was made). A stopping instance gives them back at
// once, so that another instance takes them without waiting for the lease.
func (w *Workers) take(cs []claimed, asked time.Time) {
	run := w.live.Load()
	if run != nil {
		run.mu.Lock()
		defer run.mu.Unlock()
	}
	if run == nil || run.closed {
		log := slog.New(slog.DiscardHandler)
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		for _, c := range cs {
			h := &heldClaim{claim: c.claim}
			w.release(ctx, h, log)
		}
		return
	}
	for _, c := range cs {
		w.start(run, c, asked)
	}
}

// start holds the claimed chat and hands it to the dispatcher.
func (w *Workers) start(run *localRun, c claimed, asked time.Time) {
	h := run.held.add(c.claim, asked)
	key, _ := strconv.ParseInt(c.chat, 10, 64)
	if !run.disp.Submit(run.handleCtx, key, func(ctx context.Context) { w.runChat(ctx, h, c, run.held, run.log) }) {
		run.held.remove(h) // its lease runs out; only a stalled instance gets here
	}
}

// close stops the hand-over: afterwards take gives the chats back.
func (run *localRun) close() {
	run.mu.Lock()
	run.closed = true
	run.mu.Unlock()
}
