package bot

import (
	"context"
	"sync"
)

// Priority orders senders waiting for the global limit.
type Priority int

const (
	// PriorityInteractive is for replies in a conversation; it is the
	// default.
	PriorityInteractive Priority = iota
	// PriorityUrgent is for call-ups (/siaga): they wait only for the
	// few conversation replies queued, and go ahead of every bulk send,
	// so a call-up overtakes a running broadcast.
	PriorityUrgent
	// PriorityBulk is for broadcasts, and for notices that must delay
	// nobody's reply (the flood notice); bulk sends wait while interactive
	// ones are queued.
	PriorityBulk

	numPriorities = 3
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

// admission is a lock with a FIFO queue per priority: when released it is
// handed to the oldest waiter of the most urgent priority. The limiter
// queues for its global turn, and a chat's sends for their line, in one.
type admission struct {
	mu      sync.Mutex
	held    bool
	waiters [numPriorities][]chan struct{}
}

// acquire takes the turn; queued reports that it had to wait for it.
func (a *admission) acquire(ctx context.Context, p Priority) (queued bool, err error) {
	a.mu.Lock()
	if !a.held {
		a.held = true
		a.mu.Unlock()
		return false, nil
	}
	ready := make(chan struct{})
	a.waiters[p] = append(a.waiters[p], ready)
	a.mu.Unlock()

	select {
	case <-ready:
		return true, nil
	case <-ctx.Done():
	}
	a.mu.Lock()
	select {
	case <-ready:
		// The turn was handed over while ctx was being cancelled: pass it on.
		a.mu.Unlock()
		a.release()
		return true, ctx.Err()
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
	return true, ctx.Err()
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
