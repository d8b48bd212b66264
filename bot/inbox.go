package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

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

// RedisInbox is an Inbox in one Redis hash.
type RedisInbox struct {
	RDB    redis.UniversalClient
	Prefix string
}

var _ Inbox = (*RedisInbox)(nil)

func (b *RedisInbox) key() string { return b.Prefix + "inbox" }

// Put stores the updates in one round trip.
func (b *RedisInbox) Put(ctx context.Context, updates map[int]json.RawMessage) error {
	if len(updates) == 0 {
		return nil
	}
	values := make([]any, 0, 2*len(updates))
	for id, raw := range updates {
		values = append(values, strconv.Itoa(id), []byte(raw))
	}
	if err := b.RDB.HSet(ctx, b.key(), values...).Err(); err != nil {
		return fmt.Errorf("bot: store updates in inbox: %w", err)
	}
	return nil
}

// Done removes one update.
func (b *RedisInbox) Done(ctx context.Context, updateID int) error {
	if err := b.RDB.HDel(ctx, b.key(), strconv.Itoa(updateID)).Err(); err != nil {
		return fmt.Errorf("bot: remove update from inbox: %w", err)
	}
	return nil
}

// Pending returns what the inbox holds, by update id.
func (b *RedisInbox) Pending(ctx context.Context) ([]json.RawMessage, error) {
	all, err := b.RDB.HGetAll(ctx, b.key()).Result()
	if err != nil {
		return nil, fmt.Errorf("bot: read inbox: %w", err)
	}
	ids := make([]int, 0, len(all))
	for k := range all {
		if id, err := strconv.Atoi(k); err == nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := make([]json.RawMessage, 0, len(ids))
	for _, id := range ids {
		out = append(out, json.RawMessage(all[strconv.Itoa(id)]))
	}
	return out, nil
}
