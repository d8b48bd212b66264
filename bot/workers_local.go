package bot

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// localRun is what a running Workers lends to this instance's poller so
// that chats claimed by its enqueue (RedisQueue.WithLocal) start at once:
// the poller's updates then cost no BLPOP wake-up and no claim round trip
// of their own. Under the flood limits every update comes alone, and
// those two extra events per update were a good part of the CPU spent
// waiting. Its workers start the chats their last step claimed (the
// hand-on, see runChat) the same way.
type localRun struct {
	handleCtx context.Context
	disp      *Dispatcher
	held      *claimSet
	maxClaims int
	log       *slog.Logger
	decoded   *decodedRing // the poller's decodings of updates it queued

	mu     sync.Mutex  // held by take while it starts chats, and by close
	closed atomic.Bool // Run is stopping: claims handed over now are given back
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
	if run == nil {
		w.giveBack(cs)
		return
	}
	run.take(w, cs, asked)
}

// take starts cs on run, or gives them back when run is stopping. The
// lock keeps close from slipping between the check and the starts; the
// round trips of giving back go after it.
func (run *localRun) take(w *Workers, cs []claimed, asked time.Time) {
	run.mu.Lock()
	if run.closed.Load() {
		run.mu.Unlock()
		w.giveBack(cs)
		return
	}
	for _, c := range cs {
		w.start(run, c, asked)
	}
	run.mu.Unlock()
}

// remember keeps the poller's decoding of the updates it queued and did
// not hand over with their chat's claim (see decodedRing).
func (w *Workers) remember(ups []Incoming, adm []Admission, handed []claimed) {
	if w == nil {
		return
	}
	run := w.live.Load()
	if run == nil {
		return
	}
next:
	for i, u := range ups {
		if adm[i] != Queued || u.Update == nil {
			continue
		}
		for _, c := range handed {
			if c.u == u.Update {
				continue next
			}
		}
		run.decoded.put(u)
	}
}

// decodedOf is the poller's decoding of the update c took from Redis,
// when this instance's poller queued those very bytes, or nil.
func (w *Workers) decodedOf(c claimed) *tgbotapi.Update {
	run := w.live.Load()
	if run == nil {
		return nil
	}
	chat, err := strconv.ParseInt(c.chat, 10, 64)
	if err != nil {
		return nil
	}
	return run.decoded.take(c.id, chat, c.raw)
}

// giveBack releases claims nobody here will handle.
func (w *Workers) giveBack(cs []claimed) {
	log := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	for _, c := range cs {
		w.release(ctx, &heldClaim{claim: c.claim}, log)
	}
}

// handOn is how many chats a worker that finished one may claim in the
// same step (RedisQueue.Next): one while the instance runs with room for
// it, none once it stops. Holding one chat more for a moment is fine: the
// bound leaves work to other instances; it is not there for safety.
func (run *localRun) handOn() int {
	if run.closed.Load() || run.held.stopping.Load() || run.held.count() > run.maxClaims {
		return 0
	}
	return 1
}

// start holds the claimed chat and hands it to the dispatcher.
func (w *Workers) start(run *localRun, c claimed, asked time.Time) {
	h := run.held.add(c.claim, asked)
	key, _ := strconv.ParseInt(c.chat, 10, 64)
	if !run.disp.Submit(run.handleCtx, key, func(ctx context.Context) { w.runChat(ctx, run, h, c) }) {
		// Only a stalled instance gets here: give the chat to another.
		run.held.remove(h)
		go w.giveBack([]claimed{c})
	}
}

// close stops the hand-over: afterwards take gives the chats back.
func (run *localRun) close() {
	run.mu.Lock()
	run.closed.Store(true)
	run.mu.Unlock()
}
