package apptest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// RedisContents returns every key the bot holds in Redis under the test's
// prefix with what it stores, whatever the key's type (a string, a sorted
// set of ids, a hash), so that a test can look for personal data anywhere
// the bot keeps it.
func (h *Harness) RedisContents(t testing.TB) map[string]string {
	t.Helper()
	ctx := context.Background()
	keys, err := h.RDB.Keys(ctx, h.Cfg.RedisPrefix+"*").Result()
	if err != nil {
		t.Fatalf("redis keys: %v", err)
	}
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		typ, err := h.RDB.Type(ctx, k).Result()
		if err != nil {
			t.Fatalf("redis type of %s: %v", k, err)
		}
		var val any
		switch typ {
		case "none": // expired or removed since KEYS
			continue
		case "string":
			val, err = h.RDB.Get(ctx, k).Result()
		case "zset":
			val, err = h.RDB.ZRange(ctx, k, 0, -1).Result()
		case "set":
			val, err = h.RDB.SMembers(ctx, k).Result()
		case "hash":
			val, err = h.RDB.HGetAll(ctx, k).Result()
		case "list":
			val, err = h.RDB.LRange(ctx, k, 0, -1).Result()
		default:
			t.Fatalf("redis key %s has type %s", k, typ)
		}
		if errors.Is(err, redis.Nil) {
			continue // removed since TYPE
		}
		if err != nil {
			t.Fatalf("redis key %s: %v", k, err)
		}
		if s, ok := val.(string); ok {
			out[k] = s
			continue
		}
		b, _ := json.Marshal(val)
		out[k] = string(b)
	}
	return out
}

// NoSecretsInRedis fails the test when any Redis key of the bot holds one
// of secrets.
func (h *Harness) NoSecretsInRedis(t testing.TB, when string, secrets ...string) {
	t.Helper()
	for k, v := range h.RedisContents(t) {
		for _, s := range secrets {
			if strings.Contains(v, s) {
				t.Errorf("%s: redis key %s holds %s", when, k, mask(s))
			}
		}
	}
}

// mask shows a secret in a failure message by its length and ends only.
func mask(s string) string {
	if len(s) < 6 {
		return fmt.Sprintf("a %d-character secret", len(s))
	}
	return s[:2] + strings.Repeat("*", len(s)-4) + s[len(s)-2:]
}

// PrivateUpdate is the raw JSON of a private text message from user, as
// Telegram sends it, for tests that store updates in the bot's inbox.
// A leading /command gets its bot_command entity, as Telegram adds it.
func PrivateUpdate(updateID int, user int64, firstName, text string) json.RawMessage {
	msg := map[string]any{
		"message_id": updateID % 100000,
		"date":       1700000000,
		"chat":       map[string]any{"id": user, "type": "private", "first_name": firstName},
		"from":       map[string]any{"id": user, "is_bot": false, "first_name": firstName},
		"text":       text,
	}
	if strings.HasPrefix(text, "/") {
		n, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(n)}}
	}
	b, _ := json.Marshal(map[string]any{"update_id": updateID, "message": msg})
	return b
}
