package app_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"pilarbot/bot"
	"pilarbot/handlers/apptest"
)

// TestInboxLeftoversExpireAndAreHandled: an update the inbox holds (a
// crash came before it was handled, or removing it failed) expires by
// itself within a day, whether or not the bot ever runs again; a restart
// handles it, and handled it leaves the inbox at once.
func TestInboxLeftoversExpireAndAreHandled(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ctx := context.Background()
	u := h.TG.NewUser(4701, "Sari")
	inbox := &bot.RedisInbox{RDB: h.RDB, Prefix: h.Cfg.RedisPrefix}

	h.Stop()
	const id = 990001
	const nik = "3575044101900047"
	if err := inbox.Put(ctx, map[int]json.RawMessage{
		id: apptest.PrivateUpdate(id, u.ID, "Sari", "/start "+nik),
	}); err != nil {
		t.Fatal(err)
	}
	keys, err := h.RDB.Keys(ctx, h.Cfg.RedisPrefix+"inbox*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("inbox keys = %v, %v", keys, err)
	}
	for _, k := range keys {
		ttl, err := h.RDB.TTL(ctx, k).Result()
		if err != nil || ttl <= 0 || ttl > 24*time.Hour {
			t.Errorf("inbox key %s expires in %v (%v); want within a day", k, ttl, err)
		}
	}

	h.Start()
	apptest.Expect(t, u, "Selamat datang")
	h.WaitHandled(id)
	if keys, _ := h.RDB.Keys(ctx, h.Cfg.RedisPrefix+"inbox*").Result(); len(keys) != 0 {
		t.Errorf("inbox keys left after handling: %v", keys)
	}
	h.NoSecretsInRedis(t, "after handling", nik)
}
