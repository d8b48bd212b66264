package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// chatLog records what the handlers of several "instances" did, and fails
// on two updates of one chat at once.
type chatLog struct {
	t       *testing.T
	mu      sync.Mutex
	running map[int64]bool
	order   map[int64][]int
	times   map[int]int
}

func newChatLog(t *testing.T) *chatLog {
	return &chatLog{t: t, running: map[int64]bool{}, order: map[int64][]int{}, times: map[int]int{}}
}

func (l *chatLog) handler(d time.Duration) HandlerFunc {
	return func(_ context.Context, u *tgbotapi.Update) {
		c := u.Message.Chat.ID
		l.mu.Lock()
		if l.running[c] {
			l.t.Errorf("chat %d: two updates handled at once", c)
		}
		l.running[c] = true
		l.mu.Unlock()
		time.Sleep(d)
		l.mu.Lock()
		l.running[c] = false
		l.order[c] = append(l.order[c], u.UpdateID)
		l.times[u.UpdateID]++
		l.mu.Unlock()
	}
}

func (l *chatLog) total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.times)
}

// checkOnceInOrder fails t unless every update was handled once and each
// chat's in update_id order. It waits a moment first: a second handling
// would show by then.
func (l *chatLog) checkOnceInOrder(t *testing.T) {
	t.Helper()
	time.Sleep(100 * time.Millisecond)
	l.mu.Lock()
	defer l.mu.Unlock()
	for id, n := range l.times {
		if n != 1 {
			t.Errorf("update %d handled %d times", id, n)
		}
	}
	for c, ids := range l.order {
		for i := 1; i < len(ids); i++ {
			if ids[i] < ids[i-1] {
				t.Fatalf("chat %d handled out of order: %v", c, ids)
			}
		}
	}
}

// startWorkers runs n instances' workers on one queue until cleanup.
func startWorkers(t *testing.T, q *RedisQueue, n int, h HandlerFunc) []context.CancelFunc {
	var stops []context.CancelFunc
	var wg sync.WaitGroup
	for range n {
		ctx, cancel := context.WithCancel(context.Background())
		w := &Workers{Queue: q, Handler: h, Workers: 4}
		wg.Add(1)
		go func() { defer wg.Done(); _ = w.Run(ctx) }()
		stops = append(stops, cancel)
	}
	t.Cleanup(func() {
		for _, s := range stops {
			s()
		}
		wg.Wait()
	})
	return stops
}

// TestQueueOrdersEachChatAcrossInstances: three instances' workers take
// 600 updates of 30 chats, enqueued concurrently (each chat's in order,
// a tenth of them twice): each is handled once, each chat's in order and
// never two at a time; with each step a round trip of its own, and with
// the workers' steps sharing pipelines (Batch).
func TestQueueOrdersEachChatAcrossInstances(t *testing.T) {
	t.Run("direct", func(t *testing.T) { testQueueOrder(t, false) })
	t.Run("batched", func(t *testing.T) { testQueueOrder(t, true) })
}

func testQueueOrder(t *testing.T, batched bool) {
	rdb, prefix := testRedis(t)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Second, MaxPerChat: 1000}
	if batched {
		q.Batch = NewRedisBatch(rdb)
	}
	log := newChatLog(t)
	startWorkers(t, q, 3, log.handler(time.Millisecond))
	const chats, per = 30, 20
	var wg sync.WaitGroup
	for c := range chats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				id := 1000 + i*chats + c
				in := Incoming{ID: id, Chat: int64(c + 1), Raw: []byte(msgUpdate(id, int64(c+1), "x"))}
				times := 1 + boolInt(rand.N(10) == 0)
				for range times {
					if _, err := q.Enqueue(context.Background(), []Incoming{in}); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	waitUntil(t, 10*time.Second, func() bool { return log.total() == chats*per })
	log.checkOnceInOrder(t)
}

// TestQueueTakesOverADeadInstancesChats: a chat claimed by an instance
// that died is handled by another once the claim's lease runs out, and
// the dead claim's token can no longer finish anything.
func TestQueueTakesOverADeadInstancesChats(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Second}
	for id := 1; id <= 3; id++ {
		if _, err := q.Enqueue(ctx, []Incoming{{ID: id, Chat: 7, Raw: []byte(msgUpdate(id, 7, "x"))}}); err != nil {
			t.Fatal(err)
		}
	}
	dead, _, err := q.Claim(ctx, 10)
	if err != nil || len(dead) != 1 {
		t.Fatalf("claim: %v %v", dead, err)
	}
	if dead[0].id != 1 {
		t.Fatalf("the dead instance's first update: %d", dead[0].id)
	}
	began := time.Now()
	log := newChatLog(t)
	startWorkers(t, q, 1, log.handler(0))
	waitUntil(t, 5*time.Second, func() bool { return log.total() == 3 })
	if d := time.Since(began); d > 2*time.Second {
		t.Fatalf("taken over after %v with a 1 s lease", d)
	}
	if _, err := q.Next(ctx, dead[0].claim, 1, 0); err == nil {
		t.Fatal("the dead claim finished an update after it was taken over")
	}
	if fmt.Sprint(log.order[7]) != "[1 2 3]" {
		t.Fatalf("order %v", log.order[7])
	}
}

// TestQueueNextHandsOnToAnotherChat: the step that finishes a chat's last
// update gives the chat up and, asked to, claims the chat that has waited
// longest, with its first update; a chat with another update keeps its
// claim and gets that update, however many chats wait.
func TestQueueNextHandsOnToAnotherChat(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix}
	enqueue := func(id int, chat int64) {
		t.Helper()
		if _, err := q.Enqueue(ctx, []Incoming{{ID: id, Chat: chat, Raw: []byte(msgUpdate(id, chat, "x"))}}); err != nil {
			t.Fatal(err)
		}
	}
	enqueue(1, 7)
	enqueue(2, 7)
	enqueue(3, 8)
	enqueue(4, 9)
	cs, _, err := q.Claim(ctx, 1)
	if err != nil || len(cs) != 1 || cs[0].chat != "7" || cs[0].id != 1 {
		t.Fatalf("claim: %+v %v", cs, err)
	}
	seven := cs[0].claim

	next, err := q.Next(ctx, seven, 1, 1)
	if err != nil || len(next) != 1 || next[0].claim != seven || next[0].id != 2 {
		t.Fatalf("chat 7 with an update left: %+v %v, want its update 2 on the same claim", next, err)
	}
	next, err = q.Next(ctx, seven, 2, 1)
	if err != nil || len(next) != 1 || next[0].chat != "8" || next[0].id != 3 || next[0].token == seven.token {
		t.Fatalf("chat 7 done: %+v %v, want chat 8 claimed with its update 3", next, err)
	}
	if n, _ := rdb.Exists(ctx, prefix+"chat:lock:7").Result(); n != 0 {
		t.Fatal("chat 7 is still claimed after its last update")
	}
	if _, err := q.Next(ctx, seven, 0, 1); !errors.Is(err, ErrFenced) {
		t.Fatalf("the given-up claim of chat 7: %v, want ErrFenced", err)
	}
	eight := next[0].claim
	if next, err = q.Next(ctx, eight, 3, 0); err != nil || len(next) != 0 {
		t.Fatalf("chat 8 done, asked for no other: %+v %v, want nothing", next, err)
	}
	rest, _, err := q.Claim(ctx, 5)
	if err != nil || len(rest) != 1 || rest[0].chat != "9" || rest[0].id != 4 {
		t.Fatalf("the chats left: %+v %v, want chat 9 alone", rest, err)
	}
	if next, err = q.Next(ctx, rest[0].claim, 4, 1); err != nil || len(next) != 0 {
		t.Fatalf("the last chat done with none waiting: %+v %v, want nothing", next, err)
	}
	for _, id := range []int{1, 2, 3, 4} {
		if n, _ := rdb.Exists(ctx, fmt.Sprintf("%supd:%d", prefix, id)).Result(); n != 1 {
			t.Fatalf("update %d not marked handled", id)
		}
	}
}

// TestWorkersHandOnKeepsOrderAndBound: an instance that may hold 2 chats,
// with 30 chats waiting, goes from chat to chat as each is done (Next's
// hand-on): every update is handled once and in its chat's order, and the
// instance never holds more than one chat over its bound.
func TestWorkersHandOnKeepsOrderAndBound(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix}
	const chats, per, maxClaims = 30, 3, 2
	for i := range per {
		var batch []Incoming
		for c := range chats {
			id := 1 + i*chats + c
			batch = append(batch, Incoming{ID: id, Chat: int64(100 + c), Raw: []byte(msgUpdate(id, int64(100+c), "x"))})
		}
		if _, err := q.Enqueue(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	log := newChatLog(t)
	w := &Workers{Queue: q, Workers: 1, MaxClaims: maxClaims}
	var most atomic.Int64
	handle := log.handler(time.Millisecond)
	w.Handler = func(ctx context.Context, u *tgbotapi.Update) {
		if run := w.live.Load(); run != nil {
			for n := int64(run.held.count()); ; {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
		}
		handle(ctx, u)
	}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(rctx) }()
	waitUntil(t, 20*time.Second, func() bool { return log.total() == chats*per })
	cancel()
	<-done
	log.checkOnceInOrder(t)
	if m := most.Load(); m > maxClaims+1 {
		t.Fatalf("held %d chats at once, want at most %d", m, maxClaims+1)
	}
	if keys, _ := rdb.Keys(ctx, prefix+"chat:lock:*").Result(); len(keys) != 0 {
		t.Fatalf("claims left after the run: %v", keys)
	}
}

// TestQueueDedupesAndBounds: an update handled before or waiting is a
// Duplicate, one beyond MaxPerChat is Dropped, and a stale fence stores
// nothing.
func TestQueueDedupesAndBounds(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix, MaxPerChat: 2}
	up := func(id int) Incoming { return Incoming{ID: id, Chat: 5, Raw: []byte(msgUpdate(id, 5, "x"))} }
	adm, err := q.Enqueue(ctx, []Incoming{up(1), up(1), up(2), up(3)})
	if err != nil || fmt.Sprint(adm) != fmt.Sprint([]Admission{Queued, Duplicate, Queued, Dropped}) {
		t.Fatalf("admissions %v, %v", adm, err)
	}
	if err := (&RedisDeduper{RDB: rdb, Prefix: prefix}).Mark(ctx, 9); err != nil {
		t.Fatal(err)
	}
	if adm, _ := q.Enqueue(ctx, []Incoming{{ID: 9, Chat: 6, Raw: []byte(msgUpdate(9, 6, "x"))}}); adm[0] != Duplicate {
		t.Fatalf("an update the poller's dedupe marked: %v", adm)
	}
	rdb.Set(ctx, prefix+"poller:lease", "2", time.Minute)
	if _, err := q.Fenced(prefix+"poller:lease", 1).Enqueue(ctx, []Incoming{up(4)}); err == nil || !errors.Is(err, ErrFenced) {
		t.Fatalf("a stale poller's enqueue: %v", err)
	}
}

func waitUntil(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v", d)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestQueueRenewsAClaimHeldLongerThanItsLease: a handler that takes
// three leases keeps its chat (renewals), so the other instance never
// handles the chat's next update at the same time or twice.
func TestQueueRenewsAClaimHeldLongerThanItsLease(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: 400 * time.Millisecond}
	log := newChatLog(t)
	startWorkers(t, q, 2, log.handler(1200*time.Millisecond))
	for id := 1; id <= 2; id++ {
		if _, err := q.Enqueue(ctx, []Incoming{{ID: id, Chat: 9, Raw: []byte(msgUpdate(id, 9, "x"))}}); err != nil {
			t.Fatal(err)
		}
	}
	waitUntil(t, 6*time.Second, func() bool { return log.total() == 2 })
	time.Sleep(500 * time.Millisecond) // a wrong takeover would handle one again
	log.mu.Lock()
	defer log.mu.Unlock()
	if fmt.Sprint(log.order[9]) != "[1 2]" {
		t.Fatalf("order %v, want [1 2] once each", log.order[9])
	}
}

// TestQueueDropsWakeUpsOnceNoChatIsReady: the wake-ups of chats that a
// claim took are dropped with the claim that leaves no chat ready, so an
// idle worker's BLPOP does not return for them; while chats are still
// ready, their wake-ups stay for the other instances.
func TestQueueDropsWakeUpsOnceNoChatIsReady(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix}
	for c := range 3 {
		id := 1 + c
		if _, err := q.Enqueue(ctx, []Incoming{{ID: id, Chat: int64(10 + c), Raw: []byte(msgUpdate(id, int64(10+c), "x"))}}); err != nil {
			t.Fatal(err)
		}
	}
	wakes := func() int64 { return rdb.LLen(ctx, prefix+"chat:wake").Val() }
	if n := wakes(); n != 3 {
		t.Fatalf("%d wake-ups for 3 chats with work, want 3", n)
	}
	if cs, more, err := q.Claim(ctx, 2); err != nil || len(cs) != 2 || !more {
		t.Fatalf("claim of 2: %d chats, more %v, %v", len(cs), more, err)
	}
	if n := wakes(); n != 3 {
		t.Fatalf("%d wake-ups left while a chat is still ready, want them kept", n)
	}
	if cs, more, err := q.Claim(ctx, 2); err != nil || len(cs) != 1 || more {
		t.Fatalf("claim of the last chat: %d chats, more %v, %v", len(cs), more, err)
	}
	if n := wakes(); n != 0 {
		t.Fatalf("%d wake-ups left with no chat ready, want none", n)
	}
}
