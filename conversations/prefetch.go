package conversations

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// prefetch is a user's state, and whether the expiry marker exists, read
// with the update's other first reads (the flood count) for the update's
// first Load: read returns them (ok false: the read failed, Load asks
// Redis itself).
type prefetch struct {
	userID int64
	read   func() (state []byte, found, marker, ok bool)
	used   atomic.Bool
}

type prefetchKey struct{}

// Prefetch queues in p the reads Load makes for userID, and returns ctx
// carrying them: the first Load for userID with that ctx, once p ran,
// answers from them. Later Loads read Redis again, so a state saved
// during the update is never answered from the old read.
func (e *Engine) Prefetch(ctx context.Context, p redis.Pipeliner, userID int64) context.Context {
	s := e.store
	state, marker := p.Get(ctx, s.key(userID)), p.Exists(ctx, s.markerKey(userID))
	read := func() ([]byte, bool, bool, bool) {
		b, err := state.Bytes()
		switch {
		case err == nil:
			return b, true, false, true
		case !errors.Is(err, redis.Nil) || marker.Err() != nil:
			return nil, false, false, false // the pipeline failed
		}
		return nil, false, marker.Val() == 1, true
	}
	return context.WithValue(ctx, prefetchKey{}, &prefetch{userID: userID, read: read})
}

// Prefetched returns ctx carrying userID's state and marker as read
// already (the queue's read-ahead, named by StateKeys): state nil when
// there is none, marker whether the marker exists. The first Load for
// userID with that ctx answers from them, as after Prefetch.
func (e *Engine) Prefetched(ctx context.Context, userID int64, state []byte, marker bool) context.Context {
	read := func() ([]byte, bool, bool, bool) { return state, state != nil, marker, true }
	return context.WithValue(ctx, prefetchKey{}, &prefetch{userID: userID, read: read})
}

// StateKeys begins the keys of a user's state and expiry marker, the
// store's prefix included: each key is that followed by the user's id.
func (e *Engine) StateKeys() (state, marker string) {
	return e.store.prefix + stateKeyName, e.store.prefix + markerKeyName
}

// prefetched answers Load from ctx's prefetch, once; ok is false when
// there is none for userID (or it failed), and Load asks Redis.
func (s *Store) prefetched(ctx context.Context, userID int64) (st *State, ok bool, err error) {
	pf, _ := ctx.Value(prefetchKey{}).(*prefetch)
	if pf == nil || pf.userID != userID || pf.used.Swap(true) {
		return nil, false, nil
	}
	b, found, marker, ok := pf.read()
	switch {
	case !ok:
		return nil, false, nil // read again
	case found:
		st, err := s.decode(ctx, userID, b)
		return st, true, err
	case !marker:
		return nil, true, ErrNoFlow
	}
	return nil, false, nil // only the marker is left: Load consumes it
}
