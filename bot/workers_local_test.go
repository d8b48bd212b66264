package bot

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
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
	local := &Workers{Queue: q, Handler: log.handler(time.Millisecond), Workers: 4}
	runLocal(t, local)
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

// TestLocalHandOverReusesThePollersDecoding: an update the poller handed
// to its own workers reaches the handler as the poller decoded it, not
// decoded a second time; one a worker takes from Redis is decoded there.
func TestLocalHandOverReusesThePollersDecoding(t *testing.T) {
	rdb, prefix := testRedis(t)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Second}
	got := make(chan *tgbotapi.Update, 2)
	local := &Workers{Queue: q, Workers: 2, Handler: func(_ context.Context, u *tgbotapi.Update) { got <- u }}
	runLocal(t, local)

	raw := []byte(msgUpdate(10, 7, "x"))
	var decoded tgbotapi.Update
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	in := Incoming{ID: 10, Chat: 7, Raw: raw, Update: &decoded}
	if _, err := q.WithLocal(local).Enqueue(context.Background(), []Incoming{in}); err != nil {
		t.Fatal(err)
	}
	if u := <-got; u != &decoded {
		t.Errorf("the handler got update %d decoded again, want the poller's decoding", u.UpdateID)
	}

	// Without the hand-over the claim loop takes it: decoded from Redis.
	in = Incoming{ID: 11, Chat: 8, Raw: []byte(msgUpdate(11, 8, "y")), Update: &decoded}
	if _, err := q.Enqueue(context.Background(), []Incoming{in}); err != nil {
		t.Fatal(err)
	}
	if u := <-got; u == &decoded || u.UpdateID != 11 || u.Message.Text != "y" {
		t.Errorf("a claimed update reached the handler as %p %+v", u, u.Message)
	}
}

// TestReuseDecodedOnlyForTheSameUpdate: a claimed chat gets the caller's
// decoding only of the very update it stored, never of another update of
// the chat (an older one comes first), of another chat, or of a copy
// stored earlier under the same id with other bytes.
func TestReuseDecodedOnlyForTheSameUpdate(t *testing.T) {
	mine := &tgbotapi.Update{UpdateID: 10}
	raw := json.RawMessage(msgUpdate(10, 7, "x"))
	in := []Incoming{{ID: 10, Chat: 7, Raw: raw, Update: mine}, {ID: 12, Chat: 9, Raw: raw}}
	for _, tc := range []struct {
		name string
		c    claimed
		want *tgbotapi.Update
	}{
		{"the update just stored", claimed{claim: claim{chat: "7"}, id: 10, raw: raw}, mine},
		{"an older update of the chat", claimed{claim: claim{chat: "7"}, id: 9, raw: raw}, nil},
		{"another chat", claimed{claim: claim{chat: "8"}, id: 10, raw: raw}, nil},
		{"other bytes under the same id", claimed{claim: claim{chat: "7"}, id: 10,
			raw: json.RawMessage(msgUpdate(10, 7, "y"))}, nil},
		{"an update the caller did not decode", claimed{claim: claim{chat: "9"}, id: 12, raw: raw}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := []claimed{tc.c}
			reuseDecoded(cs, in)
			if cs[0].u != tc.want {
				t.Errorf("reused %p, want %p", cs[0].u, tc.want)
			}
		})
	}
}

// TestWorkersStartAfterAdoptingTheInbox: Started is called only once what
// the inbox held is queued, so a test or a readiness check that waits for
// it knows an update stored later is not taken as a crash's leftover.
func TestWorkersStartAfterAdoptingTheInbox(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	inbox := &RedisInbox{RDB: rdb, Prefix: prefix}
	if err := inbox.Put(ctx, map[int]json.RawMessage{7: json.RawMessage(msgUpdate(7, 700, "sisa"))}); err != nil {
		t.Fatal(err)
	}
	q := &RedisQueue{RDB: rdb, Prefix: prefix}
	backlog := make(chan int, 1)
	handled := make(chan int, 1)
	w := &Workers{Queue: q, Workers: 1,
		Handler: func(_ context.Context, u *tgbotapi.Update) { handled <- u.UpdateID },
		Started: func() {
			n, err := q.Backlog(ctx)
			if err != nil {
				t.Error(err)
			}
			backlog <- n
		}}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(rctx) }()
	defer func() { cancel(); <-done }()
	if n := waitChan(t, backlog, "Started"); n != 1 {
		t.Fatalf("chats queued when the workers started: %d, want the inbox's 1", n)
	}
	if id := waitChan(t, handled, "the adopted update"); id != 7 {
		t.Fatalf("handled update %d, want 7", id)
	}
}

// runLocal runs w until the test ends, and waits until it takes chats.
func runLocal(t *testing.T, w *Workers) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	waitUntil(t, 5*time.Second, func() bool { return w.room() > 0 })
}
