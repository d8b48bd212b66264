package bot

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestLeaseFencing: one holder at a time; a new holder's token is larger,
// and the old token can neither renew nor release what it lost.
func TestLeaseFencing(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	a := &Lease{RDB: rdb, Key: prefix + "poller:lease", TTL: time.Second}
	b := &Lease{RDB: rdb, Key: prefix + "poller:lease", TTL: time.Second}
	ta, err := a.Acquire(ctx)
	if err != nil || ta == 0 {
		t.Fatalf("first acquire: %d %v", ta, err)
	}
	if tb, err := b.Acquire(ctx); err != nil || tb != 0 {
		t.Fatalf("second acquire while held: %d %v", tb, err)
	}
	if ok, err := a.Renew(ctx, ta); !ok || err != nil {
		t.Fatalf("renew by the holder: %v %v", ok, err)
	}
	time.Sleep(1100 * time.Millisecond) // the holder died: the lease expires
	tb, err := b.Acquire(ctx)
	if err != nil || tb <= ta {
		t.Fatalf("take-over: token %d after %d (%v); want a larger one", tb, ta, err)
	}
	if ok, _ := a.Renew(ctx, ta); ok {
		t.Fatal("the old holder renewed a lease it lost")
	}
	_ = a.Release(ctx, ta)
	if v, _ := rdb.Get(ctx, b.Key).Int64(); v != tb {
		t.Fatalf("the old holder's release removed the new holder's lease (%d)", v)
	}
}

// TestLeaseRunEndsOnLoss: Run's function is cancelled with ErrLeaseLost
// within a renewal period when another instance holds the lease, and
// Run takes the lease again once it is free.
func TestLeaseRunEndsOnLoss(t *testing.T) {
	rdb, prefix := testRedis(t)
	l := &Lease{RDB: rdb, Key: prefix + "poller:lease", TTL: 600 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	causes := make(chan error, 4)
	tokens := make(chan int64, 4)
	go func() {
		_ = l.Run(ctx, func(ctx context.Context, token int64) error {
			tokens <- token
			<-ctx.Done()
			causes <- context.Cause(ctx)
			return nil
		})
	}()
	first := <-tokens
	rdb.Set(context.Background(), l.Key, "999999", 300*time.Millisecond) // taken over
	began := time.Now()
	select {
	case c := <-causes:
		if !errors.Is(c, ErrLeaseLost) {
			t.Fatalf("cause %v, want ErrLeaseLost", c)
		}
		if d := time.Since(began); d > 400*time.Millisecond {
			t.Fatalf("noticed the loss after %v", d)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not notice the loss")
	}
	select {
	case again := <-tokens:
		if again <= first {
			t.Fatalf("token %d after %d", again, first)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not take the lease again after it expired")
	}
}
