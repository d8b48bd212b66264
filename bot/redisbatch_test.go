package bot

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// gateHook holds the first round trip through a client until open is
// closed, and records the commands each round trip carried.
type gateHook struct {
	held   chan struct{} // closed when the first round trip is held
	open   chan struct{}
	once   sync.Once
	opened sync.Once

	mu    sync.Mutex
	sizes []int
}

func newGateHook() *gateHook {
	return &gateHook{held: make(chan struct{}), open: make(chan struct{})}
}

// roundTrip records a round trip of the cmds, leaving out a new
// connection's set-up (HELLO, CLIENT SETINFO).
func (h *gateHook) roundTrip(cmds []redis.Cmder) {
	n := 0
	for _, c := range cmds {
		if c.Name() != "hello" && c.Name() != "client" {
			n++
		}
	}
	if n == 0 {
		return
	}
	h.mu.Lock()
	h.sizes = append(h.sizes, n)
	first := len(h.sizes) == 1
	h.mu.Unlock()
	if first {
		h.once.Do(func() { close(h.held) })
		<-h.open
	}
}

// release lets the held round trip go.
func (h *gateHook) release() { h.opened.Do(func() { close(h.open) }) }

func (h *gateHook) trips() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int(nil), h.sizes...)
}

func (h *gateHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		return next(ctx, network, addr)
	}
}

func (h *gateHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.roundTrip([]redis.Cmder{cmd})
		return next(ctx, cmd)
	}
}

func (h *gateHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.roundTrip(cmds)
		return next(ctx, cmds)
	}
}

// heldBatch returns a batch whose first round trip is held, with that
// round trip's INCR of prefix+"first" in flight, and the hook.
func heldBatch(t *testing.T) (*RedisBatch, *gateHook, string, *sync.WaitGroup) {
	t.Helper()
	rdb, prefix := testRedis(t)
	hook := newGateHook()
	rdb.AddHook(hook)
	b := NewRedisBatch(rdb)
	var wg sync.WaitGroup
	wg.Go(func() {
		first := redis.NewIntCmd(context.Background(), "incr", prefix+"first")
		b.Do(context.Background(), first)
		if first.Val() != 1 {
			t.Errorf("first INCR: %d, %v", first.Val(), first.Err())
		}
	})
	waitChan(t, hook.held, "the first round trip")
	t.Cleanup(func() { hook.release(); wg.Wait() })
	return b, hook, prefix, &wg
}

// waitQueued waits until n calls wait for the next pipeline.
func waitQueued(t *testing.T, b *RedisBatch, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		b.mu.Lock()
		got := len(b.waiting)
		b.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("%d calls never queued", n)
}

// TestRedisBatchSharesOnePipeline: calls made while a pipeline is in
// flight go together in the next one, each with its own answer.
func TestRedisBatchSharesOnePipeline(t *testing.T) {
	b, hook, prefix, wg := heldBatch(t)
	const calls = 20
	cmds := make([]*redis.IntCmd, calls)
	for i := range cmds {
		cmds[i] = redis.NewIntCmd(context.Background(), "incrby", prefix+"n", i+1)
		wg.Go(func() { b.Do(context.Background(), cmds[i]) })
	}
	waitQueued(t, b, calls)
	hook.release()
	wg.Wait()

	if got := hook.trips(); len(got) != 2 || got[0] != 1 || got[1] != calls {
		t.Fatalf("round trips carried %v commands, want [1 %d]", got, calls)
	}
	seen := map[int64]bool{}
	for i, c := range cmds {
		if c.Err() != nil {
			t.Fatalf("call %d: %v", i, c.Err())
		}
		seen[c.Val()] = true
	}
	if len(seen) != calls || !seen[calls*(calls+1)/2] {
		t.Fatalf("INCRBY answers %v: not one running total each", seen)
	}
}

// TestRedisBatchKeepsACallsCommandsTogether: one call's commands go in
// order, and a call queued after it reads what they wrote.
func TestRedisBatchKeepsACallsCommandsTogether(t *testing.T) {
	b, hook, prefix, wg := heldBatch(t)
	ctx := context.Background()
	set, incr := redis.NewStatusCmd(ctx, "set", prefix+"a", "1"), redis.NewIntCmd(ctx, "incr", prefix+"a")
	wg.Go(func() { b.Do(ctx, set, incr) })
	waitQueued(t, b, 1)
	get := redis.NewStringCmd(ctx, "get", prefix+"a")
	wg.Go(func() { b.Do(ctx, get) })
	waitQueued(t, b, 2)
	hook.release()
	wg.Wait()

	if set.Err() != nil || incr.Val() != 2 || get.Val() != "2" {
		t.Fatalf("SET %v, INCR %d %v, then GET %q %v; want OK, 2, 2", set.Err(), incr.Val(), incr.Err(), get.Val(), get.Err())
	}
	if got := hook.trips(); len(got) != 2 || got[1] != 3 {
		t.Fatalf("round trips carried %v commands, want [1 3]", got)
	}
}

// TestRedisBatchSkipsACancelledCall: a call whose context ends while it
// waits is not sent; the calls queued before and after it are.
func TestRedisBatchSkipsACancelledCall(t *testing.T) {
	b, hook, prefix, wg := heldBatch(t)
	bg := context.Background()
	ctx, cancel := context.WithCancel(bg)
	before := redis.NewStatusCmd(bg, "set", prefix+"before", "1")
	gone := redis.NewStatusCmd(ctx, "set", prefix+"gone", "1")
	after := redis.NewStatusCmd(bg, "set", prefix+"after", "1")
	wg.Go(func() { b.Do(bg, before) })
	waitQueued(t, b, 1)
	wg.Go(func() { b.Do(ctx, gone) })
	waitQueued(t, b, 2)
	wg.Go(func() { b.Do(bg, after) })
	waitQueued(t, b, 3)
	cancel()
	hook.release()
	wg.Wait()

	if !errors.Is(gone.Err(), context.Canceled) {
		t.Fatalf("the cancelled call: %v, want context.Canceled", gone.Err())
	}
	if before.Err() != nil || after.Err() != nil {
		t.Fatalf("the live calls: %v, %v", before.Err(), after.Err())
	}
	if got := hook.trips(); len(got) != 2 || got[1] != 2 {
		t.Fatalf("round trips carried %v commands, want [1 2]", got)
	}
	if n := b.rdb.Exists(bg, prefix+"before", prefix+"gone", prefix+"after").Val(); n != 2 {
		t.Fatalf("%d of the three keys exist, want the live calls' two", n)
	}
}

// TestRedisBatchSurvivesAPanic: a client that panics while sending fails
// the calls of that pipeline; none waits for ever, and the next call goes.
func TestRedisBatchSurvivesAPanic(t *testing.T) {
	b, hook, prefix, wg := heldBatch(t)
	bg := context.Background()
	b.rdb.AddHook(panicHook{})
	boom, follower := redis.NewCmd(bg, "panic-here"), redis.NewStatusCmd(bg, "set", prefix+"x", "1")
	panicked := make(chan any, 1)
	wg.Go(func() {
		defer func() { panicked <- recover() }()
		b.Do(bg, boom)
	})
	waitQueued(t, b, 1)
	wg.Go(func() { b.Do(bg, follower) })
	waitQueued(t, b, 2)
	hook.release()
	wg.Wait()

	if p := <-panicked; p == nil {
		t.Fatal("the panic did not reach the call that led the pipeline")
	}
	if follower.Err() == nil {
		t.Fatal("a call of the pipeline that panicked has no error")
	}
	after := redis.NewStatusCmd(bg, "set", prefix+"y", "1")
	b.Do(bg, after)
	if after.Err() != nil {
		t.Fatalf("the call after the panic: %v", after.Err())
	}
}

// panicHook panics on a pipeline holding the command "panic-here".
type panicHook struct{}

func (panicHook) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (panicHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (panicHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, c := range cmds {
			if c.Name() == "panic-here" {
				panic("test panic")
			}
		}
		return next(ctx, cmds)
	}
}

// TestRedisBatchRunLoadsAnUnknownScript: Run answers a script Redis has
// not seen (EVALSHA fails with NOSCRIPT) by EVAL, which loads it.
func TestRedisBatchRunLoadsAnUnknownScript(t *testing.T) {
	rdb, prefix := testRedis(t)
	b := NewRedisBatch(rdb)
	ctx := context.Background()
	script := redis.NewScript("return ARGV[1] .. '" + prefix + "'") // a text no other test loads
	for i := range 2 {
		got, err := b.Run(ctx, script, "x").Text()
		if err != nil || got != "x"+prefix {
			t.Fatalf("run %d: %q, %v", i, got, err)
		}
	}
	if ok := rdb.ScriptExists(ctx, script.Hash()).Val(); len(ok) != 1 || !ok[0] {
		t.Fatal("the script was not loaded")
	}
}
