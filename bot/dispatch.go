package bot

import (
	"context"
	"sync"
	"sync/atomic"
)

// Dispatcher runs jobs keyed by chat: jobs with the same key run one after
// another in submission order, jobs with different keys run in parallel,
// and at most a fixed number of jobs run at once, not counting those
// waiting on a Bot API call (see slot).
//
// Each key's queue is bounded: a chat that sends faster than it can be
// answered loses what is beyond the bound, instead of taking memory and
// workers from everyone else.
type Dispatcher struct {
	sem      chan struct{}
	maxQueue int

	mu      sync.Mutex
	queues  map[int64][]func(context.Context) // jobs of each key with work, the first one running
	wg      sync.WaitGroup
	stopped atomic.Bool
}

// NewDispatcher returns a dispatcher that runs at most workers jobs at
// once and holds at most maxQueue jobs of one key (running or waiting).
func NewDispatcher(workers, maxQueue int) *Dispatcher {
	return &Dispatcher{
		sem:      make(chan struct{}, max(workers, 1)),
		maxQueue: max(maxQueue, 1),
		queues:   make(map[int64][]func(context.Context)),
	}
}

// Submit queues job behind the earlier jobs of the same key, to run with
// a context derived from ctx. It reports false, and drops the job, when
// the key already holds maxQueue jobs.
func (d *Dispatcher) Submit(ctx context.Context, key int64, job func(context.Context)) bool {
	d.mu.Lock()
	q, running := d.queues[key]
	if len(q) >= d.maxQueue {
		d.mu.Unlock()
		return false
	}
	d.wg.Add(1)
	d.queues[key] = append(q, job)
	d.mu.Unlock()
	if !running {
		go d.drain(ctx, key)
	}
	return true
}

// Room returns how many more jobs key can take now. Only Submit makes it
// smaller, so a caller that alone submits can rely on it.
func (d *Dispatcher) Room(key int64) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.maxQueue - len(d.queues[key])
}

// drain runs the jobs of one key until its queue is empty. Only one drain
// runs per key, which is what keeps a chat's updates in order. A job stays
// in the queue while it runs, so that it counts against the bound.
func (d *Dispatcher) drain(ctx context.Context, key int64) {
	for {
		d.mu.Lock()
		job := d.queues[key][0]
		d.mu.Unlock()

		d.sem <- struct{}{}
		s := &slot{sem: d.sem}
		if !d.stopped.Load() {
			job(withSlot(ctx, s))
		}
		s.finish()
		d.wg.Done()

		d.mu.Lock()
		q := d.queues[key]
		q[0] = nil
		if len(q) == 1 {
			delete(d.queues, key)
			d.mu.Unlock()
			return
		}
		d.queues[key] = q[1:]
		d.mu.Unlock()
	}
}

// Busy is the number of keys with jobs running or waiting.
func (d *Dispatcher) Busy() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.queues)
}

// Stop makes the jobs that have not started yet finish without running.
// Jobs already running are not interrupted.
func (d *Dispatcher) Stop() { d.stopped.Store(true) }

// Wait blocks until every submitted job has finished (or was dropped by Stop).
func (d *Dispatcher) Wait() { d.wg.Wait() }
