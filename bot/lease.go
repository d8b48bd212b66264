package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrLeaseLost is the cause of the context Lease.Run gives its function
// when another instance holds the lease now.
var ErrLeaseLost = errors.New("bot: the lease is held by another instance")

// Lease is a lock in Redis that one instance holds at a time, such as the
// right to poll Telegram (which allows one getUpdates at a time). It is
// the single-Redis lock of the Redis documentation (SET NX PX, released
// and renewed only by the holder) with a fencing token: the value is a
// number from INCR, so every new holder's token is larger than the last
// one's, and a write fenced with an old token (see RedisQueue) is refused.
// A holder that dies leaves it to the others after TTL; a live one renews
// it every TTL/3.
type Lease struct {
	RDB    redis.UniversalClient
	Key    string // e.g. "pilarbot:poller:lease"; its counter is Key+":fence"
	TTL    time.Duration
	Logger *slog.Logger
}

// acquireScript takes the lease if nobody holds it and returns the new
// fencing token, or 0.
var acquireScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
return token`)

// renewScript extends the lease if the token still holds it: 1, else 0.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)

// releaseScript gives the lease up if the token still holds it.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

// Acquire takes the lease if it is free and returns its fencing token;
// 0 when another instance holds it.
func (l *Lease) Acquire(ctx context.Context) (int64, error) {
	t, err := acquireScript.Run(ctx, l.RDB, []string{l.Key, l.Key + ":fence"}, l.TTL.Milliseconds()).Int64()
	if err != nil {
		return 0, fmt.Errorf("bot: acquire lease %s: %w", l.Key, err)
	}
	return t, nil
}

// Renew extends the lease; false means another instance holds it now (or
// it expired and is free).
func (l *Lease) Renew(ctx context.Context, token int64) (bool, error) {
	n, err := renewScript.Run(ctx, l.RDB, []string{l.Key}, strconv.FormatInt(token, 10), l.TTL.Milliseconds()).Int64()
	if err != nil {
		return false, fmt.Errorf("bot: renew lease %s: %w", l.Key, err)
	}
	return n == 1, nil
}

// Release gives the lease up at once, so that another instance need not
// wait for it to expire.
func (l *Lease) Release(ctx context.Context, token int64) error {
	if err := releaseScript.Run(ctx, l.RDB, []string{l.Key}, strconv.FormatInt(token, 10)).Err(); err != nil {
		return fmt.Errorf("bot: release lease %s: %w", l.Key, err)
	}
	return nil
}

// Run waits until it holds the lease, calls f with a context that ends
// with cause ErrLeaseLost as soon as a renewal finds the lease taken, and
// releases the lease when f returns; then it waits for the lease again,
// until ctx ends. A renewal that fails because Redis cannot be reached
// does not end f: nobody can take the lease from a Redis nobody reaches,
// and an instance cut off alone learns at its first renewal after Redis
// returns. Run returns f's first error.
func (l *Lease) Run(ctx context.Context, f func(ctx context.Context, token int64) error) error {
	for {
		token, ok := l.wait(ctx)
		if !ok {
			return nil
		}
		held, lose := context.WithCancelCause(ctx)
		stopRenewing := InBackground(held, func(c context.Context) { l.keep(c, token, lose) })
		err := f(held, token)
		lost := errors.Is(context.Cause(held), ErrLeaseLost)
		stopRenewing()
		lose(nil)
		if !lost {
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			if rerr := l.Release(rctx, token); rerr != nil {
				l.logger().Warn("releasing a lease failed; it expires by itself", "lease", l.Key, "error", rerr)
			}
			cancel()
		}
		if err != nil || ctx.Err() != nil {
			return err
		}
	}
}

// wait tries to take the lease every TTL/3 until it does or ctx ends.
func (l *Lease) wait(ctx context.Context) (int64, bool) {
	for {
		token, err := l.Acquire(ctx)
		if err != nil && ctx.Err() == nil {
			l.logger().Warn("taking a lease failed", "lease", l.Key, "error", err)
		}
		if token > 0 {
			return token, true
		}
		if !pollSleep(ctx, l.TTL/3) {
			return 0, false
		}
	}
}

// keep renews the lease every TTL/3 until ctx ends or the lease is lost.
func (l *Lease) keep(ctx context.Context, token int64, lose context.CancelCauseFunc) {
	t := time.NewTicker(l.TTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ok, err := l.Renew(ctx, token)
		switch {
		case err != nil && ctx.Err() == nil:
			l.logger().Warn("renewing a lease failed; holding on to it", "lease", l.Key, "error", err)
		case err == nil && !ok:
			l.logger().Warn("lost a lease to another instance", "lease", l.Key, "token", token)
			lose(ErrLeaseLost)
			return
		}
	}
}

func (l *Lease) logger() *slog.Logger {
	if l.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l.Logger
}

// InBackground runs f until ctx ends or the returned stop is called; stop
// waits for f to return.
func InBackground(ctx context.Context, f func(ctx context.Context)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}
