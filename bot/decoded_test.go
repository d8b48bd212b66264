package bot

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// decodedIncoming is an update of chat decoded as the poller decodes it.
func decodedIncoming(t *testing.T, id int, chat int64, text string) Incoming {
	t.Helper()
	raw := json.RawMessage(msgUpdate(id, chat, text))
	var u tgbotapi.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		t.Fatal(err)
	}
	return Incoming{ID: id, Chat: chat, Raw: raw, Update: &u}
}

// TestDecodedRingGivesADecodingOnceForTheSameBytes: the ring gives an
// update's decoding once, only for the chat and bytes decoded, keeps the
// newer copy of an id, and forgets the oldest when full.
func TestDecodedRingGivesADecodingOnceForTheSameBytes(t *testing.T) {
	r := newDecodedRing()
	a := decodedIncoming(t, 1, 7, "a")
	r.put(a)
	if u := r.take(1, 7, a.Raw); u != a.Update {
		t.Fatalf("took %p, want the decoding put", u)
	}
	if u := r.take(1, 7, a.Raw); u != nil {
		t.Fatal("a decoding was given twice")
	}

	r.put(a)
	if u := r.take(1, 8, a.Raw); u != nil {
		t.Fatal("another chat's update got the decoding")
	}
	r.put(a)
	if u := r.take(1, 7, json.RawMessage(msgUpdate(1, 7, "other"))); u != nil {
		t.Fatal("other bytes under the same id got the decoding")
	}

	newer := decodedIncoming(t, 2, 7, "newer")
	r.put(decodedIncoming(t, 2, 7, "older"))
	r.put(newer)
	if u := r.take(2, 7, newer.Raw); u != newer.Update {
		t.Fatal("the newer copy of an id was not the one kept")
	}

	for id := 100; id < 100+decodedRingSize+1; id++ {
		r.put(decodedIncoming(t, id, 7, "x"))
	}
	if u := r.take(100, 7, json.RawMessage(msgUpdate(100, 7, "x"))); u != nil {
		t.Fatal("the oldest entry outlived a full ring")
	}
	last := 100 + decodedRingSize
	if u := r.take(last, 7, json.RawMessage(msgUpdate(last, 7, "x"))); u == nil {
		t.Fatal("the newest entry was lost")
	}
	if len(r.slot) != decodedRingSize-1 {
		t.Fatalf("%d ids indexed, want %d", len(r.slot), decodedRingSize-1)
	}
}

// TestWorkersReuseThePollersDecodingOfAQueuedUpdate: an update the poller
// queued while its chat was busy reaches the handler, taken from Redis by
// the worker that holds the chat, as the poller decoded it.
func TestWorkersReuseThePollersDecodingOfAQueuedUpdate(t *testing.T) {
	rdb, prefix := testRedis(t)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Second}
	got := make(chan *tgbotapi.Update, 2)
	release := make(chan struct{})
	local := &Workers{Queue: q, Workers: 2, Handler: func(_ context.Context, u *tgbotapi.Update) {
		got <- u
		if u.UpdateID == 10 {
			<-release
		}
	}}
	runLocal(t, local)
	ctx := context.Background()

	poller := q.WithLocal(local)
	if _, err := poller.Enqueue(ctx, []Incoming{decodedIncoming(t, 10, 7, "first")}); err != nil {
		t.Fatal(err)
	}
	waitChan(t, got, "the first update")
	second := decodedIncoming(t, 11, 7, "second")
	if _, err := poller.Enqueue(ctx, []Incoming{second}); err != nil {
		t.Fatal(err)
	}
	close(release)
	if u := waitChan(t, got, "the second update"); u != second.Update {
		t.Fatalf("the second update reached the handler decoded again (%p), want the poller's decoding", u)
	}
}

// TestHandedOverDecodingIsNotKept: an update handed to the workers with
// its chat's claim, its decoding with it, is not kept in the ring as well:
// a worker that took it again (a lost claim, retaken) must not get the
// same decoding a second handler holds.
func TestHandedOverDecodingIsNotKept(t *testing.T) {
	rdb, prefix := testRedis(t)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, Lease: time.Second}
	got := make(chan *tgbotapi.Update, 1)
	local := &Workers{Queue: q, Workers: 2, Handler: func(_ context.Context, u *tgbotapi.Update) { got <- u }}
	runLocal(t, local)
	ctx := context.Background()

	in := decodedIncoming(t, 10, 7, "x")
	if _, err := q.WithLocal(local).Enqueue(ctx, []Incoming{in}); err != nil {
		t.Fatal(err)
	}
	if u := waitChan(t, got, "the update"); u != in.Update {
		t.Fatal("the update was not handed over with its decoding")
	}
	ring := local.live.Load().decoded
	ring.mu.Lock()
	_, kept := ring.slot[10]
	ring.mu.Unlock()
	if kept {
		t.Fatal("the decoding handed over with the claim is also in the ring")
	}
}
