package bot

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestQueueHandsThePollersChatsToItsOwnWorkers: an enqueue through
// WithLocal claims the chats for the local workers in the same round
// trip, so nothing is pushed to the wake list, and the local workers
// handle them; with a second instance's workers running too, each update
// is still handled once, each chat's in order and never two at a time.
func TestQueueHandsThePollersChatsToItsOwnWorkers(t *testing.T) {
	rdb, prefix := testRedis(t)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Second, MaxPerChat: 1000}
	log := newChatLog(t)
	ctx, cancel := context.WithCancel(context.Background())
	local := &Workers{Queue: q, Handler: log.handler(time.Millisecond), Workers: 4}
	done := make(chan struct{})
	go func() { defer close(done); _ = local.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	waitUntil(t, 5*time.Second, func() bool { return local.room() > 0 })
	lq := q.WithLocal(local)

	in := Incoming{ID: 10, Chat: 7, Raw: []byte(msgUpdate(10, 7, "x"))}
	if _, err := lq.Enqueue(context.Background(), []Incoming{in}); err != nil {
		t.Fatal(err)
	}
	if n := rdb.LLen(context.Background(), prefix+"chat:wake").Val(); n != 0 {
		t.Errorf("wake list holds %d after a local hand-over, want 0", n)
	}
	waitUntil(t, 5*time.Second, func() bool { return log.total() == 1 })

	startWorkers(t, q, 1, log.handler(time.Millisecond))
	const chats, per = 10, 20
	var wg sync.WaitGroup
	for c := range chats {
		wg.Go(func() {
			for i := range per {
				id := 1000 + i*chats + c
				in := Incoming{ID: id, Chat: int64(c + 1), Raw: []byte(msgUpdate(id, int64(c+1), "x"))}
				if _, err := lq.Enqueue(context.Background(), []Incoming{in}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	waitUntil(t, 10*time.Second, func() bool { return log.total() == 1+chats*per })
	log.checkOnceInOrder(t)
}

// TestQueueGivesBackChatsHandedToStoppedWorkers: chats an enqueue
// claimed for workers that stopped meanwhile are given back at once, so
// another instance's worker takes them without waiting for the lease.
func TestQueueGivesBackChatsHandedToStoppedWorkers(t *testing.T) {
	rdb, prefix := testRedis(t)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Minute}
	stopped := &Workers{Queue: q}
	c := claimed{claim: claim{chat: "5", token: "1"}, id: 1}
	if err := rdb.Set(context.Background(), prefix+"chat:lock:5", "1", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	stopped.take([]claimed{c}, time.Now())
	if n := rdb.Exists(context.Background(), prefix+"chat:lock:5").Val(); n != 0 {
		t.Errorf("the chat's claim is still held after a hand-over to stopped workers")
	}
}
