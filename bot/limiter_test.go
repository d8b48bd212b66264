package bot

import (
	"context"
	"errors"
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
	if _, err := a.acquire(ctx, PriorityBulk); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { _, err := a.acquire(cctx, PriorityInteractive); done <- err }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-done; err == nil {
		t.Fatal("cancelled acquire succeeded")
	}
	a.release()
	got := make(chan error)
	go func() { _, err := a.acquire(ctx, PriorityBulk); got <- err }()
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
	if _, err := a.acquire(ctx, PriorityBulk); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	enqueue := func(name string, p Priority) {
		wg.Go(func() {
			if _, err := a.acquire(ctx, p); err != nil {
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

// TestLimiterChatTokenAtGrant checks that a chat's sends are spaced by the
// moments they are granted, not by when they started waiting: a send that
// queued long for the global limit must not go out right after a later
// send to the same chat that overtook it.
func TestLimiterChatTokenAtGrant(t *testing.T) {
	t.Parallel()
	l := NewLimiter(Limits{Global: 10, PerChat: 1, PerChatBurst: 1})
	ctx := context.Background()
	const chat = 42
	var mu sync.Mutex
	var granted []time.Time
	send := func(chatID int64, p Priority) {
		if err := l.Wait(ctx, chatID, p); err != nil {
			t.Error(err)
			return
		}
		if chatID == chat {
			mu.Lock()
			granted = append(granted, time.Now())
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	for i := range 12 { // about 1.2 s of queue at 10/s
		wg.Go(func() { send(int64(1000+i), PriorityBulk) })
		time.Sleep(2 * time.Millisecond)
	}
	wg.Go(func() { send(chat, PriorityBulk) }) // granted after the queue
	time.Sleep(1050 * time.Millisecond)
	wg.Go(func() { send(chat, PriorityInteractive) }) // overtakes it
	wg.Wait()
	if len(granted) != 2 {
		t.Fatalf("granted %d sends to the chat, want 2", len(granted))
	}
	if d := granted[1].Sub(granted[0]); d < 900*time.Millisecond {
		t.Errorf("two sends to one chat granted %v apart, want ≥ 1 s (minus headroom)", d)
	}
}

// TestWindow checks the global window on grant times: at most n sends in
// any span of size, at least minGap apart, and a missed slot caught up.
func TestWindow(t *testing.T) {
	w := newWindow(30)
	if w.n != 30 || w.size != time.Second+windowSlack {
		t.Fatalf("window n=%d size=%v", w.n, w.size)
	}
	t0 := time.Unix(1000, 0)
	now := t0
	var sent []time.Time
	for i := range 300 {
		at := w.next(now)
		if i == 100 {
			at = at.Add(200 * time.Millisecond) // nobody was ready: a late send
		}
		w.add(at)
		sent = append(sent, at)
		now = at
	}
	for i := 1; i < len(sent); i++ {
		if d := sent[i].Sub(sent[i-1]); d < w.minGap {
			t.Fatalf("sends %d and %d are %v apart, want ≥ %v", i-1, i, d, w.minGap)
		}
		if i >= 30 {
			if d := sent[i].Sub(sent[i-30]); d < w.size {
				t.Fatalf("31 sends within %v (sends %d–%d)", d, i-30, i)
			}
		}
	}
	// Without the late send 300 sends would take 299 × size/30; the
	// window lets part of the 200 ms be caught up (the 30 sends after the
	// late one go at minGap, 10 % faster), a token bucket none of it.
	even := time.Duration(299) * w.size / 30
	if got := sent[299].Sub(t0); got > even+150*time.Millisecond {
		t.Errorf("300 sends took %v, want ≤ %v (the late slot partly caught up)", got, even+150*time.Millisecond)
	}
	if big := newWindow(1e9); big.n != maxWindow || big.size > 2*time.Microsecond {
		t.Errorf("fast window n=%d size=%v", big.n, big.size)
	}
}

// TestLimiterWaitsWithoutSpinning: a send that waits for its chat's
// limit or for the global one sleeps until its moment and is handed the
// turn, a few wake-ups in all, never a poll. One chat sends 12 messages
// at once (burst 3, then 20 a second); 40 chats send 3 each into a
// global limit of 200 a second.
func TestLimiterWaitsWithoutSpinning(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		limits       Limits
		chats, sends int
	}{
		{"one chat over its limit", Limits{Global: 1000, PerChat: 20, PerChatBurst: 3}, 1, 12},
		{"many chats over the global limit", Limits{Global: 200, PerChat: 1000, PerChatBurst: 3}, 40, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := NewLimiter(tt.limits)
			var wg sync.WaitGroup
			for c := range tt.chats {
				for range tt.sends {
					wg.Go(func() {
						if err := l.Wait(context.Background(), int64(100+c), PriorityInteractive); err != nil {
							t.Error(err)
						}
					})
				}
			}
			wg.Wait()
			n := tt.chats * tt.sends
			// Each send: at most its chat's sleep, its turn, the global
			// slot's sleep, and once more if another send to its chat
			// took the token first.
			if w := l.wakes.Load(); w > int64(4*n) || w == 0 {
				t.Fatalf("%d wake-ups for %d sends, want 1 to %d", w, n, 4*n)
			}
			t.Logf("%d wake-ups for %d sends", l.wakes.Load(), n)
		})
	}
}

// TestLimiterOffSpacesNothingButPauses: with the limits off, a burst to
// one chat and to many goes at once, free and paid alike, without a
// wake-up or a bucket; a 429's pause still holds every send until its end.
func TestLimiterOffSpacesNothingButPauses(t *testing.T) {
	t.Parallel()
	l := NewLimiter(Limits{Off: true})
	var wg sync.WaitGroup
	for c := range 20 {
		for i := range 50 {
			wg.Go(func() {
				wait := l.Wait
				if i%5 == 0 {
					wait = func(ctx context.Context, chatID int64, _ Priority) error { return l.WaitPaid(ctx, chatID) }
				}
				if err := wait(context.Background(), int64(100+c%2), PriorityBulk); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if w, n := l.wakes.Load(), l.chatCount(); w != 0 || n != 0 {
		t.Fatalf("1,000 sends with the limits off: %d wake-ups and %d chat buckets, want none", w, n)
	}

	const pause = 80 * time.Millisecond
	start := time.Now()
	l.Pause(start.Add(pause))
	if err := l.Wait(context.Background(), 100, PriorityInteractive); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < pause {
		t.Fatalf("a send during a pause went after %v, want at least %v", d, pause)
	}
	l.Pause(time.Now().Add(time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := l.WaitPaid(ctx, 100); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a paid send during an hour's pause: %v, want the context's deadline", err)
	}
}

// TestLimiterReplyBehindBulkToItsChat: a reply to a chat whose bulk send
// waits ahead of it in the chat's line moves that send to the
// interactive lane, so neither waits for the end of the other chats'
// replies, which keep the global limit busy meanwhile.
func TestLimiterReplyBehindBulkToItsChat(t *testing.T) {
	t.Parallel()
	l := NewLimiter(Limits{Global: 50, PerChat: 1000, PerChatBurst: 10})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for c := range 10 { // replies in other chats, without end
		wg.Go(func() {
			for ctx.Err() == nil {
				_ = l.Wait(ctx, int64(200+c), PriorityInteractive)
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	bulk := make(chan time.Time, 1)
	go func() { _ = l.Wait(ctx, 7, PriorityBulk); bulk <- time.Now() }()
	time.Sleep(50 * time.Millisecond)
	began := time.Now()
	if err := l.Wait(ctx, 7, PriorityInteractive); err != nil {
		t.Fatal(err)
	}
	// Behind the 10 replies queued in its lane: about 10 intervals of 20 ms.
	if d := time.Since(began); d > 600*time.Millisecond {
		t.Fatalf("the reply waited %v behind its chat's bulk send", d)
	}
	select {
	case <-bulk:
	default:
		t.Fatal("the reply went before the bulk send queued ahead of it in its chat")
	}
	cancel()
	wg.Wait()
}
