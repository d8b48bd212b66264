package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"
)

// Inbox keeps the updates that were received and not yet handled, so the
// poller can confirm them to Telegram at once (and go on long polling)
// without losing them in a crash: a restart handles what the inbox holds.
type Inbox interface {
	// Put stores updates by id before they are confirmed to Telegram.
	Put(ctx context.Context, updates map[int]json.RawMessage) error
	// Done removes a handled update.
	Done(ctx context.Context, updateID int) error
	// Pending returns the stored updates, oldest first.
	Pending(ctx context.Context) ([]json.RawMessage, error)
}

// DefaultInboxTTL is how long RedisInbox keeps an update nobody handled:
// as long as Telegram keeps an update nobody confirmed.
const DefaultInboxTTL = 24 * time.Hour

// RedisInbox is an Inbox in Redis. An update holds what people type (a
// NIK, a shared phone number), so each lives in a key of its own that
// expires after TTL whatever happens to the bot: a handled update is
// removed at once, one whose removal failed, or that a crash left and no
// restart came for, is gone after TTL. A sorted set of the ids, scored by
// arrival, is how a restart finds them; entries older than TTL are swept
// from it with every batch, and it expires too when the bot stops for good.
type RedisInbox struct {
	RDB    redis.UniversalClient
	Prefix string
	TTL    time.Duration // lifetime of an update not handled; DefaultInboxTTL if 0
}

var _ Inbox = (*RedisInbox)(nil)

func (b *RedisInbox) indexKey() string          { return b.Prefix + "inbox:ids" }
func (b *RedisInbox) entryKey(id string) string { return b.Prefix + "inbox:u:" + id }

// legacyKey is the hash in which earlier versions kept the whole inbox,
// without expiry; Pending moves what it holds into entries of their own.
func (b *RedisInbox) legacyKey() string { return b.Prefix + "inbox" }

func (b *RedisInbox) ttl() time.Duration {
	if b.TTL > 0 {
		return b.TTL
	}
	return DefaultInboxTTL
}

// Put stores the updates in one round trip, each with its expiry.
func (b *RedisInbox) Put(ctx context.Context, updates map[int]json.RawMessage) error {
	if len(updates) == 0 {
		return nil
	}
	now, ttl := time.Now(), b.ttl()
	members := make([]redis.Z, 0, len(updates))
	_, err := b.RDB.Pipelined(ctx, func(p redis.Pipeliner) error {
		for id, raw := range updates {
			sid := strconv.Itoa(id)
			p.Set(ctx, b.entryKey(sid), []byte(raw), ttl)
			members = append(members, redis.Z{Score: float64(now.Unix()), Member: sid})
		}
		p.ZAdd(ctx, b.indexKey(), members...)
		p.ZRemRangeByScore(ctx, b.indexKey(), "-inf", strconv.FormatInt(now.Add(-ttl).Unix(), 10))
		p.Expire(ctx, b.indexKey(), ttl)
		return nil
	})
	if err != nil {
		return fmt.Errorf("bot: store updates in inbox: %w", err)
	}
	return nil
}

// Done removes one update.
func (b *RedisInbox) Done(ctx context.Context, updateID int) error {
	if err := b.remove(ctx, strconv.Itoa(updateID)); err != nil {
		return fmt.Errorf("bot: remove update from inbox: %w", err)
	}
	return nil
}

func (b *RedisInbox) remove(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := b.RDB.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			p.Del(ctx, b.entryKey(id))
		}
		p.ZRem(ctx, b.indexKey(), toAny(ids)...)
		return nil
	})
	return err
}

// Pending returns what the inbox holds, by update id. Ids whose entry
// expired are dropped from the index on the way.
func (b *RedisInbox) Pending(ctx context.Context) ([]json.RawMessage, error) {
	if err := b.moveLegacy(ctx); err != nil {
		return nil, fmt.Errorf("bot: read inbox: %w", err)
	}
	entries, err := b.entries(ctx)
	if err != nil {
		return nil, fmt.Errorf("bot: read inbox: %w", err)
	}
	out := make([]json.RawMessage, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.raw)
	}
	return out, nil
}

// inboxEntry is one stored update.
type inboxEntry struct {
	id  int
	raw json.RawMessage
}

// entries reads every stored update, sorted by id, and forgets the ids
// whose update expired.
func (b *RedisInbox) entries(ctx context.Context) ([]inboxEntry, error) {
	ids, err := b.RDB.ZRange(ctx, b.indexKey(), 0, -1).Result()
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	gets := make([]*redis.StringCmd, len(ids))
	_, err = b.RDB.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			gets[i] = p.Get(ctx, b.entryKey(id))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, err
	}
	var out []inboxEntry
	var gone []string
	for i, id := range ids {
		raw, err := gets[i].Bytes()
		n, convErr := strconv.Atoi(id)
		if errors.Is(err, redis.Nil) || convErr != nil {
			gone = append(gone, id)
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, inboxEntry{id: n, raw: raw})
	}
	if err := b.remove(ctx, gone...); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b inboxEntry) int { return a.id - b.id })
	return out, nil
}

// moveLegacy moves the updates an earlier version left in its hash into
// entries that expire, so that they are handled and not kept forever.
func (b *RedisInbox) moveLegacy(ctx context.Context) error {
	all, err := b.RDB.HGetAll(ctx, b.legacyKey()).Result()
	if err != nil || len(all) == 0 {
		return err
	}
	updates := make(map[int]json.RawMessage, len(all))
	for k, v := range all {
		if id, err := strconv.Atoi(k); err == nil {
			updates[id] = json.RawMessage(v)
		}
	}
	if err := b.Put(ctx, updates); err != nil {
		return err
	}
	return b.RDB.Del(ctx, b.legacyKey()).Err()
}

// PurgeUser removes every stored update that userID sent or that was
// sent in their private chat, and returns how many. /hapusdata calls it:
// an update waiting there may hold the NIK or phone number being erased.
func (b *RedisInbox) PurgeUser(ctx context.Context, userID int64) (int, error) {
	entries, err := b.entries(ctx)
	if err != nil {
		return 0, fmt.Errorf("bot: purge inbox: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if fromUser(e.raw, userID) {
			ids = append(ids, strconv.Itoa(e.id))
		}
	}
	if err := b.remove(ctx, ids...); err != nil {
		return 0, fmt.Errorf("bot: purge inbox: %w", err)
	}
	return len(ids), nil
}

// fromUser reports whether the raw update was sent by userID or in their
// private chat (whose id is the user's). An update the library cannot
// decode is never stored, so it cannot be the user's either.
func fromUser(raw json.RawMessage, userID int64) bool {
	var u tgbotapi.Update
	if json.Unmarshal(raw, &u) != nil {
		return false
	}
	if from := u.SentFrom(); from != nil && from.ID == userID {
		return true
	}
	if m := u.MyChatMember; m != nil && m.From.ID == userID {
		return true
	}
	return ChatKey(&u) == userID
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Depth returns how many updates wait in the inbox (received, not yet
// handled), for the metrics.
func (b *RedisInbox) Depth(ctx context.Context) (int64, error) {
	n, err := b.RDB.ZCard(ctx, b.indexKey()).Result()
	if err != nil {
		return 0, fmt.Errorf("bot: inbox depth: %w", err)
	}
	return n, nil
}
