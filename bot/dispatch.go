package bot

import (
	"sync"
	"sync/atomic"
)

// Dispatcher runs jobs keyed by chat: jobs with the same key run one after
// another in submission order, jobs with different keys run in parallel,
// and at most a fixed number of jobs run at once.
type Dispatcher struct {
	sem chan struct{}

	mu      sync.Mutex
	queues  map[int64][]func() // pending jobs of chats that have a runner
	wg      sync.WaitGroup
	pending atomic.Int64 // submitted and not finished
	stopped atomic.Bool
}

// NewDispatcher returns a dispatcher that runs at most workers jobs at once.
func NewDispatcher(workers int) *Dispatcher {
	if workers < 1 {
		workers = 1
	}
	return &Dispatcher{
		sem:    make(chan struct{}, workers),
		queues: make(map[int64][]func()),
	}
}

// Submit queues job behind the earlier jobs of the same key.
func (d *Dispatcher) Submit(key int64, job func()) {
	d.wg.Add(1)
	d.pending.Add(1)
	d.mu.Lock()
	q, running := d.queues[key]
	d.queues[key] = append(q, job)
	d.mu.Unlock()
	if !running {
		go d.drain(key)
	}
}

// drain runs the jobs of one key until its queue is empty. Only one drain
// runs per key, which is what keeps a chat's updates in order.
func (d *Dispatcher) drain(key int64) {
	for {
		d.mu.Lock()
		q := d.queues[key]
		if len(q) == 0 {
			delete(d.queues, key)
			d.mu.Unlock()
			return
		}
		job := q[0]
		q[0] = nil
		d.queues[key] = q[1:]
		d.mu.Unlock()

		d.sem <- struct{}{}
		func() {
			defer func() { <-d.sem; d.pending.Add(-1); d.wg.Done() }()
			if !d.stopped.Load() {
				job()
			}
		}()
	}
}

// Pending is the number of jobs submitted and not finished.
func (d *Dispatcher) Pending() int { return int(d.pending.Load()) }

// Stop makes the jobs that have not started yet finish without running.
// Jobs already running are not interrupted.
func (d *Dispatcher) Stop() { d.stopped.Store(true) }

// Wait blocks until every submitted job has finished (or was dropped by Stop).
func (d *Dispatcher) Wait() { d.wg.Wait() }
