package bot

import (
	"context"
	"sync"
)

// slot is a job's claim on one of the Dispatcher's workers. The worker
// bound is there to limit the work the bot does at once (Redis, Postgres,
// CPU), not the time it spends waiting on Telegram: a reply waiting for
// its chat's 1 message/s, or for a 429's retry_after, would otherwise keep
// a worker from every other chat. So a Bot API call gives its job's slot
// back for as long as it takes (yieldSlot, used by Client.do) and queues
// for a slot again when it returns.
//
// The job's context carries its slot, and so do the contexts of the
// goroutines it starts (kit.Env.Go keeps its values), possibly beyond the
// job's end. So a slot counts the calls that gave it back: it is given
// back by the first and taken again by the last, and once the job is over
// it touches the semaphore no more.
type slot struct {
	sem chan struct{}

	mu   sync.Mutex
	out  int  // calls in progress that gave the slot back
	done bool // the job finished; the slot went back to the dispatcher
}

type slotKey struct{}

func withSlot(ctx context.Context, s *slot) context.Context {
	return context.WithValue(ctx, slotKey{}, s)
}

// yieldSlot gives back the worker slot of the job ctx belongs to, if any,
// and returns the function that takes one again, which waits for a free
// worker.
func yieldSlot(ctx context.Context) (reacquire func()) {
	s, ok := ctx.Value(slotKey{}).(*slot)
	if !ok {
		return func() {}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return func() {}
	}
	s.out++
	if s.out == 1 {
		<-s.sem
	}
	return s.reacquire
}

// reacquire undoes one yieldSlot. It waits for a worker holding the lock,
// so that the job's other goroutines cannot give back a slot it does not
// hold yet.
func (s *slot) reacquire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	s.out--
	if s.out == 0 {
		s.sem <- struct{}{}
	}
}

// finish returns the slot to the dispatcher when the job is over, unless
// a call still in progress had given it back already.
func (s *slot) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out == 0 {
		<-s.sem
	}
	s.done = true
}
