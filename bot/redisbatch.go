package bot

import (
	"context"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"
)

// RedisBatch sends the Redis commands that goroutines issue at the same
// moment in one pipeline. Each command alone costs a round trip: for the
// bot a write on the socket, a wait and a read, for Redis a read, a write
// and a wake-up, which with hundreds of chats busy on a small machine is
// more CPU than the commands themselves. In a batch they share one write
// and one read.
//
// At most one pipeline is in flight. A call made meanwhile waits for it
// and goes with the next, led by the first of its callers; so no call ever
// waits for a timer, and a call made while nothing is in flight goes at
// once. The commands of one call go together and in order.
//
// A pipeline that fails in flight (a timeout, a connection cut) is sent
// again by go-redis, as a lone command would be (the client's
// MaxRetries), so that a moment without Redis does not leave an update
// unfinished, to be handled a second time after its lease. Whatever goes
// through a batch must bear that: a queue step run twice does the same
// again, or finds its claim given up and fails (the chats it claimed the
// first time then wait for their lease); a save writes the same value.
//
// A queued call waits for its pipeline whatever its context says (the
// client's timeouts and retries bound each pipeline): a command handed
// to Redis may run, and its caller must learn how it went. A call whose
// context is done when its pipeline is put together is not sent. Only
// commands that leave the connection as they found it may go through a
// batch: no blocking command (BLPOP would hold every call queued behind
// it), no MULTI, WATCH, SELECT or SUBSCRIBE. It is for one Redis (or a
// primary), as the queue's scripts are, not a Cluster.
type RedisBatch struct {
	rdb redis.UniversalClient

	mu      sync.Mutex
	busy    bool         // a pipeline is in flight
	waiting []*batchCall // the calls for the next one
}

// batchCall is one caller's commands. wake tells a waiting caller that its
// pipeline is done (nil) or that it leads the next one (the calls in it).
type batchCall struct {
	ctx  context.Context
	cmds []redis.Cmder
	wake chan []*batchCall
}

// NewRedisBatch returns a batch sending through rdb.
func NewRedisBatch(rdb redis.UniversalClient) *RedisBatch {
	return &RedisBatch{rdb: rdb}
}

// Do sends cmds with the next pipeline and returns when Redis answered
// them; each command holds its own result or error.
func (b *RedisBatch) Do(ctx context.Context, cmds ...redis.Cmder) {
	c := &batchCall{ctx: ctx, cmds: cmds}
	b.mu.Lock()
	if !b.busy {
		b.busy = true
		b.mu.Unlock()
		b.send([]*batchCall{c}, c)
		return
	}
	c.wake = make(chan []*batchCall, 1)
	b.waiting = append(b.waiting, c)
	b.mu.Unlock()
	if next := <-c.wake; next != nil {
		b.send(next, c)
	}
}

// send writes the calls' commands as one pipeline (a lone command as
// itself), then hands the next pipeline to the first call that queued
// meanwhile and tells the others of this one that it is done: also when
// the client panics, so that no caller waits for ever.
func (b *RedisBatch) send(calls []*batchCall, lead *batchCall) {
	var cmds []redis.Cmder
	defer func() {
		if p := recover(); p != nil {
			for _, cmd := range cmds {
				cmd.SetErr(fmt.Errorf("bot: redis batch: %v", p))
			}
			b.handOver(calls, lead)
			panic(p)
		}
		b.handOver(calls, lead)
	}()
	for _, c := range calls {
		if err := c.ctx.Err(); err != nil {
			for _, cmd := range c.cmds {
				cmd.SetErr(err)
			}
			continue
		}
		cmds = append(cmds, c.cmds...)
	}
	ctx := context.WithoutCancel(lead.ctx)
	switch len(cmds) {
	case 0:
	case 1:
		_ = b.rdb.Process(ctx, cmds[0])
	default:
		pipe := b.rdb.Pipeline()
		for _, cmd := range cmds {
			_ = pipe.Process(ctx, cmd)
		}
		_, _ = pipe.Exec(ctx) // each command holds its error
	}
}

// handOver gives the next pipeline to the first call queued meanwhile and
// wakes the other callers of calls, whose answers are in.
func (b *RedisBatch) handOver(calls []*batchCall, lead *batchCall) {
	b.mu.Lock()
	next := b.waiting
	b.waiting = nil
	b.busy = len(next) > 0
	b.mu.Unlock()
	if len(next) > 0 {
		next[0].wake <- next
	}
	for _, c := range calls {
		if c != lead {
			c.wake <- nil
		}
	}
}

// Run runs script, which takes no KEYS, with args through the batch:
// EVALSHA, and when Redis does not know the script (a restart, SCRIPT
// FLUSH) EVAL, which loads it. Unlike script.Run, args go as they are (a
// slice is one argument), and script must be made by redis.NewScript (it
// knows its hash).
func (b *RedisBatch) Run(ctx context.Context, script *redis.Script, args ...any) *redis.Cmd {
	cmd := redis.NewCmd(ctx, append([]any{"evalsha", script.Hash(), 0}, args...)...)
	b.Do(ctx, cmd)
	if redis.HasErrorPrefix(cmd.Err(), "NOSCRIPT") {
		return script.Eval(ctx, b.rdb, nil, args...)
	}
	return cmd
}
