package bot

import (
	"context"
	"testing"
	"time"
)

// TestQueueReadsAheadForPrivateChats: the steps that hand out a private
// chat's update (the claim, the step after its previous update) count it
// in its sender's window and read the named keys with it; a group's
// update gets nothing read; the window starts again once it is over.
func TestQueueReadsAheadForPrivateChats(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	now := time.UnixMilli(1_764_633_600_000)
	q := &RedisQueue{RDB: rdb, Prefix: prefix, ReadAhead: &ReadAhead{
		Count: prefix + "flood:", Window: 10 * time.Second, Keys: []string{prefix + "conv:", prefix + "convexp:"},
		Now: func() time.Time { return now },
	}}
	if err := rdb.Set(ctx, prefix+"conv:7", `{"flow":"daftar"}`, time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	for id, chat := range map[int]int64{1: 7, 2: 7, 3: -5} {
		if _, err := q.Enqueue(ctx, []Incoming{{ID: id, Chat: chat, Raw: []byte(msgUpdate(id, chat, "x"))}}); err != nil {
			t.Fatal(err)
		}
	}
	cs, _, err := q.Claim(ctx, 5)
	if err != nil || len(cs) != 2 {
		t.Fatalf("claim: %+v %v", cs, err)
	}
	for _, c := range cs {
		switch c.chat {
		case "7":
			a := c.ahead
			if a == nil || a.Chat != 7 || a.Count != 1 || len(a.Values) != 2 ||
				string(a.Values[0]) != `{"flow":"daftar"}` || a.Values[1] != nil {
				t.Fatalf("chat 7's first update read ahead %+v, want count 1, its state, no marker", a)
			}
			next, err := q.Next(ctx, c.claim, c.id, 0)
			if err != nil || len(next) != 1 || next[0].ahead == nil || next[0].ahead.Count != 2 {
				t.Fatalf("chat 7's second update: %+v %v, want count 2", next, err)
			}
		case "-5":
			if c.ahead != nil {
				t.Fatalf("a group's update read ahead %+v, want nothing", c.ahead)
			}
		}
	}
	if w, _ := rdb.Get(ctx, prefix+"flood:7").Result(); w != "1764633600000 2 0" {
		t.Fatalf("chat 7's window %q", w)
	}
	if n, _ := rdb.Exists(ctx, prefix+"flood:-5").Result(); n != 0 {
		t.Fatal("a group's updates were counted under the group's id")
	}

	now = now.Add(10 * time.Second)
	if _, err := q.Enqueue(ctx, []Incoming{{ID: 4, Chat: 8, Raw: []byte(msgUpdate(4, 8, "x"))}}); err != nil {
		t.Fatal(err)
	}
	if err := rdb.Set(ctx, prefix+"flood:8", "1764633590000 19 1", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	if err := rdb.Set(ctx, prefix+"convexp:8", "daftar", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	cs, _, err = q.Claim(ctx, 5)
	if err != nil || len(cs) != 1 || cs[0].ahead == nil {
		t.Fatalf("claim of chat 8: %+v %v", cs, err)
	}
	if a := cs[0].ahead; a.Count != 1 || a.Values[0] != nil || string(a.Values[1]) != "daftar" || !a.Fresh() {
		t.Fatalf("chat 8 after its window was over: %+v, want a new window, no state, the marker", a)
	}

	// Given back before it was handled (a shutdown), the update is handed
	// out again with the same count.
	if err := q.Release(ctx, cs[0].claim); err != nil {
		t.Fatal(err)
	}
	cs, _, err = q.Claim(ctx, 5)
	if err != nil || len(cs) != 1 || cs[0].id != 4 || cs[0].ahead == nil || cs[0].ahead.Count != 1 {
		t.Fatalf("chat 8's update claimed again: %+v %v, want it counted once", cs, err)
	}
}

// TestQueueReadAheadFailsOpen: a key of another type under a read-ahead
// name leaves the update without a read-ahead; the claim and the
// update are as without one.
func TestQueueReadAheadFailsOpen(t *testing.T) {
	rdb, prefix := testRedis(t)
	ctx := context.Background()
	q := &RedisQueue{RDB: rdb, Prefix: prefix, ReadAhead: &ReadAhead{Count: prefix + "flood:", Window: time.Minute, Keys: []string{prefix + "conv:"}}}
	if err := rdb.LPush(ctx, prefix+"conv:9", "not a state").Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Enqueue(ctx, []Incoming{{ID: 1, Chat: 9, Raw: []byte(msgUpdate(1, 9, "x"))}}); err != nil {
		t.Fatal(err)
	}
	cs, _, err := q.Claim(ctx, 5)
	if err != nil || len(cs) != 1 || cs[0].id != 1 || cs[0].ahead != nil {
		t.Fatalf("claim with a list under the state's name: %+v %v, want the update without a read-ahead", cs, err)
	}
	if n, _ := rdb.Exists(ctx, prefix+"flood:9").Result(); n != 0 {
		t.Fatal("a read-ahead that failed counted the update: the handler's own count would count it again")
	}
}
