package bot

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisDeduper remembers handled update ids in Redis for TTL (Telegram keeps
// unconfirmed updates for 24 hours, so the default is 48 hours).
type RedisDeduper struct {
	RDB    redis.UniversalClient
	Prefix string // key prefix, e.g. "pilarbot:"
	TTL    time.Duration
}

var _ Deduper = (*RedisDeduper)(nil)

func (d *RedisDeduper) key(id int) string { return d.Prefix + "upd:" + strconv.Itoa(id) }

// DefaultDedupTTL is how long a handled update id is remembered: twice as
// long as Telegram keeps an update nobody confirmed.
const DefaultDedupTTL = 48 * time.Hour

// Seen reports whether the update was handled before.
func (d *RedisDeduper) Seen(ctx context.Context, updateID int) (bool, error) {
	err := d.RDB.Get(ctx, d.key(updateID)).Err()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, nil
}

// Mark records the update as handled.
func (d *RedisDeduper) Mark(ctx context.Context, updateID int) error {
	ttl := d.TTL
	if ttl <= 0 {
		ttl = DefaultDedupTTL
	}
	return d.RDB.Set(ctx, d.key(updateID), 1, ttl).Err()
}
