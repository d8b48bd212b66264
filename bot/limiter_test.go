package bot

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestLimiterPrunesIdleChats(t *testing.T) {
	l := NewLimiter(Limits{Global: 1e6, PerChat: 1000, PerChatBurst: 1})
	now := time.Now()
	var mu sync.Mutex
	l.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ctx := context.Background()
	for id := range int64(1000) {
		if err := l.Wait(ctx, id+1, PriorityBulk); err != nil {
			t.Fatal(err)
		}
	}
	if n := l.chatCount(); n != 1000 {
		t.Fatalf("%d chats held, want 1000", n)
	}
	mu.Lock()
	now = now.Add(2 * pruneEvery)
	mu.Unlock()
	if err := l.Wait(ctx, -5, PriorityInteractive); err != nil {
		t.Fatal(err)
	}
	if n := l.chatCount(); n != 1 {
		t.Errorf("%d chats held after pruning, want 1", n)
	}
}

func TestLimiterPause(t *testing.T) {
	l := NewLimiter(Limits{Global: 1e6, PerChat: 1000})
	l.Pause(time.Now().Add(150 * time.Millisecond))
	l.Pause(time.Now()) // an earlier pause does not shorten it
	start := time.Now()
	if err := l.Wait(context.Background(), 1, PriorityInteractive); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 140*time.Millisecond {
		t.Errorf("Wait returned after %v, want ≥ 150ms", d)
	}
}

func TestAdmissionCancelledWaiter(t *testing.T) {
	var a admission
	ctx := context.Background()
	if err := a.acquire(ctx, PriorityBulk); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- a.acquire(cctx, PriorityInteractive) }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-done; err == nil {
		t.Fatal("cancelled acquire succeeded")
	}
	a.release()
	got := make(chan error)
	go func() { got <- a.acquire(ctx, PriorityBulk) }()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Second):
		t.Fatal("admission deadlocked after a cancelled waiter")
	}
}

func TestAdmissionOrder(t *testing.T) {
	var a admission
	ctx := context.Background()
	if err := a.acquire(ctx, PriorityBulk); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	enqueue := func(name string, p Priority) {
		wg.Go(func() {
			if err := a.acquire(ctx, p); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			a.release()
		})
		time.Sleep(10 * time.Millisecond) // queue in this order
	}
	enqueue("bulk1", PriorityBulk)
	enqueue("bulk2", PriorityBulk)
	enqueue("inter1", PriorityInteractive)
	enqueue("inter2", PriorityInteractive)
	a.release()
	wg.Wait()
	want := []string{"inter1", "inter2", "bulk1", "bulk2"}
	for i := range want {
		if i >= len(order) || order[i] != want[i] {
			t.Fatalf("order = %v, want %v", order, want)
		}
	}
}

func TestWithPriority(t *testing.T) {
	if p := priorityFrom(context.Background()); p != PriorityInteractive {
		t.Errorf("default priority = %v", p)
	}
	if p := priorityFrom(WithPriority(context.Background(), PriorityBulk)); p != PriorityBulk {
		t.Errorf("priority = %v, want bulk", p)
	}
	if p := priorityFrom(WithPriority(context.Background(), Priority(9))); p != PriorityInteractive {
		t.Errorf("invalid priority = %v, want interactive", p)
	}
}

// TestInteractiveOvertakesBulk saturates the global limit with bulk
// senders, as a broadcast does, and checks that an interactive send waits
// at most about two global intervals, not behind the bulk queue.
func TestInteractiveOvertakesBulk(t *testing.T) {
	const global = 30
	l := NewLimiter(Limits{Global: global, PerChat: 1000})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			for chat := int64(w * 1000); ctx.Err() == nil; chat++ {
				_ = l.Wait(ctx, chat+1, PriorityBulk)
			}
		})
	}
	time.Sleep(200 * time.Millisecond) // let the bulk queue build up
	var worst time.Duration
	for i := range 5 {
		start := time.Now()
		if err := l.Wait(ctx, int64(-1-i), PriorityInteractive); err != nil {
			t.Fatal(err)
		}
		worst = max(worst, time.Since(start))
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if limit := 3 * time.Second / global; worst > limit {
		t.Errorf("interactive send waited %v behind a bulk queue, want ≤ %v", worst, limit)
	}
}
